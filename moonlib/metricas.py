"""Métricas: custo e taxa de erro num conjunto de dados (capítulos 1, 5 e 6)."""
from contextlib import contextmanager

import numpy as np
import torch

REGRAS = {
    "sinal": "rótulos ±1, saída Tanh: classe A se y > 0 (o tutorial)",
    "limiar": "rótulos 0/1, saída sigmoide (probabilidade): classe 1 se y > 0,5",
    "logito": "rótulos 0/1, saída sem ativação (logito): classe 1 se y > 0",
    "classe": "rótulos 0..C−1, uma saída (logito) por classe: a maior vence",
}
"""Regras de decisão aceitas por ``taxa_de_erro`` e pelos treinadores."""


def _tensor(v):
    return v.detach() if isinstance(v, torch.Tensor) else torch.as_tensor(np.asarray(v))


def erros(y, d, regra="sinal"):
    """Tensor booleano: ``True`` onde a decisão tirada de ``y`` pela ``regra`` difere de ``d`` (capítulo 6).

    ``y`` e ``d`` podem ter dimensões à frente (por exemplo K modelos × N pontos).
    Na regra ``"sinal"``, uma saída exatamente 0 conta como meio erro (valor 0,5),
    como na fórmula do tutorial; por isso o resultado é ``float``.
    """
    if regra not in REGRAS:
        raise ValueError(f"regra de decisão desconhecida: {regra!r}; use uma de {sorted(REGRAS)}")
    y, d = _tensor(y), _tensor(d)
    if regra == "classe":
        if y.shape[:-1] != d.shape:
            raise ValueError(f"na regra 'classe', y deve ter forma (..., N, C) e d (..., N); recebi {tuple(y.shape)} e {tuple(d.shape)}")
        # Uma saída NaN (treino que divergiu) é sempre um erro, nunca um acerto por acaso.
        return ((y.argmax(-1) != d) | torch.isnan(y).any(-1)).float()
    if y.shape != d.shape:
        raise ValueError(f"y e d devem ter a mesma forma (o mesmo número de pontos); recebi {tuple(y.shape)} e {tuple(d.shape)}")
    rotulos = (-1.0, 1.0) if regra == "sinal" else (0.0, 1.0)
    if not torch.isin(d.double(), torch.tensor(rotulos, dtype=torch.float64, device=d.device)).all():
        dica = " (para rótulos 0/1, use a regra 'limiar' ou 'logito', ou 2*d - 1)" if regra == "sinal" else " (para rótulos ±1, use (d + 1) / 2)"
        raise ValueError(f"na regra {regra!r} os rótulos d devem ser {rotulos[0]:g} ou {rotulos[1]:g}{dica}")
    # Uma saída NaN (treino que divergiu) conta como um erro inteiro: um modelo que divergiu
    # não pode parecer um palpite ao acaso (meio erro) nem acertar.
    nan = torch.isnan(y)
    if regra == "sinal":
        return torch.where(nan, 1.0, (d - torch.sign(y)).abs().double() / 2)
    corte = 0.5 if regra == "limiar" else 0.0
    return torch.where(nan, 1.0, ((y > corte).double() != d.double()).double())


def taxa_de_erro(y, d, regra="sinal"):
    """Taxa de erro em %, com a fórmula do tutorial (capítulo 1).

    ``100 · Σ|d − sinal(y)| / (2N)``: com rótulos ±1, cada ponto classificado
    errado contribui com |±2| = 2, então o resultado é a porcentagem de erros.
    Uma saída exatamente 0 (sinal 0) conta como meio erro. Outras convenções de
    rótulos e saídas (capítulo 6) escolhem outra ``regra`` de ``REGRAS``.

    Parâmetros
    ----------
    y : tensor ou array, N ou N×1 (N×C na regra ``"classe"``)
        Saídas da rede.
    d : tensor ou array, N ou N×1 (N na regra ``"classe"``)
        Rótulos desejados.
    """
    y, d = _tensor(y), _tensor(d)
    if regra != "classe":
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if d.ndim == 2 and d.shape[1] == 1:
            d = d[:, 0]
        if y.ndim != 1 or d.ndim != 1:
            raise ValueError(f"y e d devem ser vetores (N ou N×1); recebi formas {tuple(y.shape)} e {tuple(d.shape)}")
    if d.numel() == 0:
        raise ValueError("não há pontos para calcular a taxa de erro")
    return float(erros(y, d, regra).mean() * 100)


@contextmanager
def modo_avaliacao(modelo):
    """Bloco ``with`` em que ``modelo`` está em ``eval()`` e sem gradientes (capítulos 1 e 2).

    No fim, o modelo volta ao modo em que estava (treino ou avaliação), mesmo se
    houver um erro no meio.
    """
    estava_treinando = modelo.training
    modelo.eval()
    try:
        with torch.no_grad():
            yield modelo
    finally:
        modelo.train(estava_treinando)


def no_dispositivo_do(modelo, *tensores):
    """Os ``tensores`` no dispositivo dos parâmetros de ``modelo`` (CPU ou GPU) (capítulo 1).

    Modelo e dados precisam estar no mesmo dispositivo; no Colab com GPU, o
    modelo vai para a GPU e os dados de validação e de teste têm de ir junto.
    """
    parametro = next(modelo.parameters(), None)
    if parametro is None:
        return tensores
    return tuple(t.to(parametro.device) if isinstance(t, torch.Tensor) else t for t in tensores)


def avaliar(modelo, X, d, funcao_custo=None, regra="sinal"):
    """Custo e taxa de erro de ``modelo`` em ``(X, d)``, em modo de avaliação (capítulo 1).

    Usa ``modelo.eval()`` e ``torch.no_grad()`` e devolve o modelo ao modo em
    que estava; ``X`` e ``d`` vão para o dispositivo do modelo. Retorna
    ``(custo, taxa)``; ``custo`` é ``None`` sem ``funcao_custo``.
    """
    X, d = no_dispositivo_do(modelo, X, d)
    with modo_avaliacao(modelo):
        y = modelo(X)
        custo = None if funcao_custo is None else float(funcao_custo(y, d).item())
    return custo, taxa_de_erro(y, d, regra)


def epocas_ate(curva, alvo):
    """Primeira época em que ``curva`` fica ≤ ``alvo`` (capítulo 5).

    ``curva`` tem forma (épocas,) ou (épocas, K); devolve um número (ou um array
    de K números) de épocas contadas a partir de 1; ``nan`` onde o alvo nunca foi
    atingido. NaN na curva (treino que divergiu) nunca atinge o alvo.
    """
    curva = np.asarray(curva, dtype=float)
    if curva.ndim not in (1, 2) or curva.shape[0] == 0:
        raise ValueError(f"curva deve ter forma (épocas,) ou (épocas, K) com ao menos uma época; recebi {curva.shape}")
    atingiu = curva <= alvo
    primeira = np.where(atingiu.any(0), atingiu.argmax(0) + 1.0, np.nan)
    return float(primeira) if curva.ndim == 1 else primeira


def mediana_ate(curvas, alvo):
    """Mediana, entre K sementes, da primeira época em que cada curva fica ≤ ``alvo`` (capítulos 5 a 8).

    Uma semente que nunca chega ao alvo conta como "nunca" (infinito), e não é
    deixada de fora: se menos da metade chega, a mediana é infinita. Deixar
    essas sementes de fora faria a configuração que mais falha parecer rápida.

    Parâmetros
    ----------
    curvas : array (épocas, K)
        Por exemplo ``historico_varios.taxas_validacao``.
    alvo : float
        O valor a atingir (por exemplo 1.0, para 1 % de erro).

    Retorna
    -------
    (mediana, chegaram) : (float, int)
        A mediana das épocas (contadas a partir de 1; ``inf`` se menos da metade
        chegou) e quantas das K sementes chegaram ao alvo.
    """
    curvas = np.asarray(curvas, dtype=float)
    if curvas.ndim != 2:
        raise ValueError(f"curvas deve ter forma (épocas, K), uma coluna por semente; recebi {curvas.shape}")
    ate = epocas_ate(curvas, alvo)
    chegaram = int(np.isfinite(ate).sum())
    return float(np.median(np.where(np.isnan(ate), np.inf, ate))), chegaram


LIMITES_SATURADOS = {"sinal": 0.99, "limiar": 0.01, "logito": 20.0}
"""Quando uma saída está "presa no extremo", por regra: |y| ≥ 0,99 (Tanh), y ≤ 0,01 ou ≥ 0,99 (sigmoide), |z| ≥ 20 (logito)."""


def saturadas(y, d, regra="sinal"):
    """Quais dos K modelos têm a saída presa nos extremos **e** acertam só metade, como um chute (capítulo 5).

    É uma divergência que não vira NaN: com um passo grande demais, a saída de
    uma rede com Tanh satura em ±1 e o gradiente some; o custo fica parado no
    nível do acaso. Conta como saturado o modelo em que ao menos 99 % das saídas
    estão presas no extremo da ``regra`` e a taxa de erro é ≥ 40 %.

    ``y`` e ``d`` têm forma (K, N, 1) ou (N, 1); devolve um tensor booleano de K
    valores (ou um só). A regra ``"classe"``, ou rótulos que não são os da regra (0/1 com a
    regra ``"sinal"``, por exemplo), nunca contam como saturados aqui.
    """
    y, d = _tensor(y), _tensor(d)
    um_so = y.ndim == 2
    if um_so:
        y, d = y.unsqueeze(0), d.unsqueeze(0)
    rotulos = (-1.0, 1.0) if regra == "sinal" else (0.0, 1.0)
    if regra == "classe" or not bool(torch.isin(d.double(), torch.tensor(rotulos, dtype=torch.float64,
                                                                         device=d.device)).all()):
        # Multiclasse, ou rótulos de outra convenção que a da regra: não dá para dizer se a saída saturou.
        resultado = torch.zeros(y.shape[0], dtype=torch.bool)
    else:
        limite = LIMITES_SATURADOS[regra]
        if regra == "limiar":
            presas = (y <= limite) | (y >= 1 - limite)
        else:
            presas = y.abs() >= limite
        errando = erros(y, d, regra).flatten(1).mean(1) >= 0.4
        resultado = (presas.flatten(1).double().mean(1) >= 0.99).cpu() & errando.cpu()
    return resultado[0] if um_so else resultado
