"""Estatísticas por camada: ativações e gradientes de cada camada oculta (capítulo 7).

Para ver o que uma inicialização faz com a rede, olhamos, num mini-lote, a
saída de cada camada oculta (a ativação, depois da não linearidade) e o
gradiente do custo em relação aos pesos da ``Linear`` que a alimenta. Uma
inicialização boa mantém as ativações num intervalo útil (nem todas em zero,
nem coladas nos limites da Tanh) e deixa passar gradientes de tamanho
parecido em todas as camadas.

As ativações são capturadas com ganchos (*forward hooks*) registrados nas
ativações ocultas do ``nn.Sequential`` e removidos ao final; os gradientes são
calculados com ``torch.autograd.grad``, sem tocar no ``.grad`` dos parâmetros.
"""
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from .modelos import ATIVACOES
from .treino import conferir_lote

_ATIVACOES = tuple(ATIVACOES.values())


@dataclass
class EstatisticasCamadas:
    """Estatísticas de cada camada oculta num mini-lote (capítulo 7).

    Cada array tem um valor por camada oculta, da entrada para a saída.

    Atributos
    ---------
    variancia_ativacao : ndarray
        Variância de todas as saídas da camada (pontos × unidades juntos).
    gradiente_medio : ndarray
        Média de :math:`|\\partial J / \\partial w|` sobre os pesos da ``Linear`` da camada.
    norma_gradiente : ndarray
        Norma de Frobenius do gradiente desses pesos.
    ativacoes : list de Tensor
        As saídas de cada camada, N×unidades (sem grafo de gradiente).
    custo : float
        O custo do mini-lote.
    """

    variancia_ativacao: np.ndarray
    gradiente_medio: np.ndarray
    norma_gradiente: np.ndarray
    ativacoes: list = field(repr=False)
    custo: float

    @property
    def camadas(self):
        """Número de camadas ocultas."""
        return len(self.variancia_ativacao)


def _camadas_ocultas(modelo):
    """Pares (Linear, ativação) de cada camada oculta de um ``nn.Sequential``."""
    if not isinstance(modelo, nn.Sequential):
        raise TypeError(f"modelo deve ser um nn.Sequential (de criar_mlp); recebi {type(modelo).__name__}")
    camadas = list(modelo)
    lineares = [i for i, c in enumerate(camadas) if isinstance(c, nn.Linear)]
    if not lineares:
        raise ValueError("o modelo não tem camadas Linear")
    pares = []
    for i, j in zip(lineares[:-1], lineares[1:]):  # a camada oculta vai de uma Linear até a seguinte
        ativacoes = [c for c in camadas[i + 1:j] if isinstance(c, _ATIVACOES)]
        if not ativacoes:
            raise ValueError(f"a camada Linear na posição {i} não é seguida por uma ativação "
                             f"({', '.join(sorted(ATIVACOES))}) antes da próxima Linear")
        pares.append((camadas[i], ativacoes[-1]))
    if not pares:
        raise ValueError("o modelo não tem camadas ocultas (precisa de ao menos duas camadas Linear)")
    return pares


def estatisticas_por_camada(modelo, X, d, funcao_custo=None):
    """Variância das ativações e tamanho do gradiente dos pesos, camada oculta a camada oculta (capítulo 7).

    Faz um passo progressivo e uma retropropagação com o mini-lote ``(X, d)``, no
    modo de treino (como um passo de treinamento), sem alterar pesos nem os
    ``.grad`` dos parâmetros; o modo do modelo é restaurado ao final.

    Parâmetros
    ----------
    modelo : nn.Sequential
        Uma rede de ``criar_mlp``: cada camada oculta é uma ``Linear`` seguida de
        uma ativação (com ``BatchNorm1d`` ou ``Dropout`` no meio, se houver).
    X : Tensor N×entradas
        Os pontos (por exemplo, todos os de treino).
    d : Tensor
        As saídas desejadas, no formato que ``funcao_custo`` espera.
    funcao_custo : perda do PyTorch, opcional
        Padrão: ``nn.MSELoss()``, a do tutorial.

    Retorna
    -------
    EstatisticasCamadas
        Um valor por camada oculta em cada campo.

    Exemplo
    -------
    >>> e = estatisticas_por_camada(criar_mlp(), X, d)  # doctest: +SKIP
    >>> e.variancia_ativacao                            # doctest: +SKIP
    array([0.93, 0.41, 0.29, 0.2 ], dtype=float32)
    """
    pares = _camadas_ocultas(modelo)
    if not isinstance(X, torch.Tensor) or X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X deve ser um tensor N×entradas com ao menos um ponto")
    if not isinstance(d, torch.Tensor) or d.shape[0] != X.shape[0]:
        raise ValueError("d deve ser um tensor com uma saída desejada para cada ponto de X")
    funcao_custo = nn.MSELoss() if funcao_custo is None else funcao_custo
    if not callable(funcao_custo):
        raise TypeError("funcao_custo deve ser uma perda do PyTorch, como nn.MSELoss()")

    capturadas = {}

    def gancho(indice):
        def guardar(camada, entrada, saida):
            capturadas[indice] = saida
        return guardar

    ganchos = [ativacao.register_forward_hook(gancho(i)) for i, (_, ativacao) in enumerate(pares)]
    estava_treinando = modelo.training
    modelo.train()
    try:
        dispositivo = next(modelo.parameters()).device
        y = modelo(X.to(dispositivo))
        conferir_lote(X, d, y, funcao_custo)  # alvos N (e não N×1) com o MSE: o custo compararia tudo com tudo
        custo = funcao_custo(y, d.to(dispositivo))
        pesos = [linear.weight for linear, _ in pares]
        gradientes = torch.autograd.grad(custo, pesos, allow_unused=True)
    finally:
        for g in ganchos:
            g.remove()
        modelo.train(estava_treinando)
    if len(capturadas) != len(pares):
        raise ValueError("nem toda ativação oculta foi usada no cálculo progressivo do modelo")
    ativacoes = [capturadas[i].detach() for i in range(len(pares))]
    gradientes = [torch.zeros_like(p) if g is None else g.detach() for g, p in zip(gradientes, pesos)]
    return EstatisticasCamadas(
        variancia_ativacao=np.array([h.var(unbiased=False).item() for h in ativacoes]),
        gradiente_medio=np.array([g.abs().mean().item() for g in gradientes]),
        norma_gradiente=np.array([g.norm().item() for g in gradientes]),
        ativacoes=ativacoes,
        custo=custo.item(),
    )


def diferencas_entre_unidades(modelo):
    """Quanto as unidades de cada camada oculta diferem entre si (capítulo 7).

    Para cada camada oculta, compara cada unidade com a primeira: os pesos que
    chegam a ela (a linha da ``Linear`` da camada), o seu viés e os pesos que
    saem dela (a coluna da ``Linear`` seguinte). Devolve, por camada, a maior
    diferença absoluta encontrada: 0 quer dizer que todas as unidades da camada
    são cópias umas das outras (a simetria que uma inicialização constante não
    quebra). Camadas entre as duas ``Linear`` (``BatchNorm1d``...) não entram.

    Parâmetros
    ----------
    modelo : nn.Sequential
        Uma rede de ``criar_mlp``.

    Retorna
    -------
    ndarray
        Um valor ≥ 0 por camada oculta, da entrada para a saída.
    """
    pares = _camadas_ocultas(modelo)
    lineares = [c for c in modelo if isinstance(c, nn.Linear)]
    diferencas = []
    with torch.no_grad():
        for (linear, _), seguinte in zip(pares, lineares[1:]):
            entrada = linear.weight
            if linear.bias is not None:
                entrada = torch.cat([entrada, linear.bias.unsqueeze(1)], dim=1)
            saida = seguinte.weight.t()  # uma linha por unidade da camada oculta
            maior = max((entrada - entrada[:1]).abs().max().item(), (saida - saida[:1]).abs().max().item())
            diferencas.append(maior)
    return np.array(diferencas)
