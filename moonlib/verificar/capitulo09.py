"""Autoverificação dos exercícios do capítulo 9."""
import copy

import numpy as np
import torch
from torch import nn

from .comum import incompleta, perto, responder

_Z = np.array([1.0, 2.0, 3.0, 6.0])
_GAMA, _BETA, _EPS = 2.0, 1.0, 1e-5


def _numero(valor):
    """``valor`` (número, tensor ou array com um só elemento) como ``float``; ``None`` se não for um número."""
    if isinstance(valor, bool):
        return None
    try:
        v = np.asarray(valor.detach().cpu() if isinstance(valor, torch.Tensor) else valor, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(v.reshape(-1)[0]) if v.size == 1 and np.isfinite(v).all() else None


def _vetor(valor, n):
    """``valor`` (tensor, array ou lista) como um vetor de ``n`` números; ``None`` se não for isso."""
    try:
        v = np.asarray(valor.detach().cpu() if isinstance(valor, torch.Tensor) else valor, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    return v if v.size == n else None


def _igual(v, esperado, tol=1e-4):
    return v is not None and np.allclose(v, esperado, rtol=tol, atol=tol)


def exercicio_9_1(media, variancia, z_chapeu, y, media_acumulada, variancia_acumulada):
    """Capítulo 9, exercício 9.1: a normalização em lote à mão, para z = (1, 2, 3, 6), γ = 2, β = 1."""
    if incompleta(media, variancia, z_chapeu, y, media_acumulada, variancia_acumulada):
        return
    m = len(_Z)
    mu, var = _Z.mean(), _Z.var()                      # 3 e 3,5 (a enviesada)
    var_nao_enviesada = var * m / (m - 1)              # 14/3
    chapeu = (_Z - mu) / np.sqrt(var + _EPS)
    saida = _GAMA * chapeu + _BETA

    media, variancia = _numero(media), _numero(variancia)
    if media is None or variancia is None:
        return responder(False, "media e variancia são números: a média e a variância das quatro pré-ativações.")
    if not perto(media, mu, 1e-4):
        return responder(False, "a média do mini-lote é a soma das pré-ativações dividida por m = 4.")
    if perto(variancia, var_nao_enviesada, 1e-4):
        return responder(False, "essa é a variância não enviesada (divide por m − 1); a normalização do mini-lote "
                                "usa a enviesada.")
    if perto(variancia, var ** 0.5, 1e-4):
        return responder(False, "esse é o desvio-padrão; a variância é o quadrado dele.")
    if not perto(variancia, var, 1e-4):
        return responder(False, "a variância é a média dos quadrados dos desvios z − μ, dividida por m.")

    z_chapeu = _vetor(z_chapeu, m)
    if z_chapeu is None:
        return responder(False, "z_chapeu deve ter um valor normalizado para cada uma das 4 pré-ativações.")
    if _igual(z_chapeu, (_Z - mu) / (var + _EPS)):
        return responder(False, "divida pela raiz de σ² + ε, não por σ² + ε.")
    if not _igual(z_chapeu, chapeu):
        return responder(False, "cada valor normalizado é (z − μ) dividido por √(σ² + ε).")

    y = _vetor(y, m)
    if y is None:
        return responder(False, "y deve ter uma saída para cada uma das 4 pré-ativações.")
    if _igual(y, _BETA * chapeu + _GAMA):
        return responder(False, "γ e β trocados: γ é a escala (multiplica) e β o deslocamento (soma).")
    if not _igual(y, saida):
        return responder(False, "a saída aplica a escala γ e o deslocamento β aos valores normalizados.")

    media_acumulada, variancia_acumulada = _numero(media_acumulada), _numero(variancia_acumulada)
    if media_acumulada is None or variancia_acumulada is None:
        return responder(False, "media_acumulada e variancia_acumulada são números: os buffers depois de um mini-lote.")
    if perto(media_acumulada, 0.9 * mu, 1e-4):
        return responder(False, "o momentum 0,1 do PyTorch é o peso do valor **novo**, não o do valor antigo.")
    if not perto(media_acumulada, 0.1 * mu, 1e-4):
        return responder(False, "running_mean começa em 0 e anda uma fração momentum = 0,1 em direção à média do mini-lote.")
    if perto(variancia_acumulada, 0.9 + 0.1 * var, 1e-4):
        return responder(False, "a variância acumulada usa a variância não enviesada, multiplicada por m/(m − 1).")
    if perto(variancia_acumulada, 0.1 + 0.9 * var_nao_enviesada, 1e-4):
        return responder(False, "o momentum 0,1 do PyTorch é o peso do valor **novo**, não o do valor antigo.")
    if not perto(variancia_acumulada, 0.9 + 0.1 * var_nao_enviesada, 1e-4):
        return responder(False, "running_var começa em 1 e anda uma fração momentum = 0,1 em direção à variância do "
                                "mini-lote (a não enviesada).")
    responder(True, "")


def _saidas(valor, n):
    """``valor`` como tensor de ``n`` saídas (forma N ou N×1); ``None`` se não for isso."""
    if not isinstance(valor, torch.Tensor):
        try:
            valor = torch.as_tensor(np.asarray(valor, dtype=np.float32))
        except (TypeError, ValueError):
            return None
    valor = valor.detach().cpu().float().reshape(-1)
    return valor if valor.numel() == n else None


def exercicio_9_2(rede_bn, X_teste, y_sem_eval, y_com_eval, decisoes_que_mudam):
    """Capítulo 9, exercício 9.2: as saídas de teste com e sem ``eval()``, em grupos de 10 pontos.

    As saídas esperadas são recalculadas numa cópia de ``rede_bn``: a rede do aluno e as
    estatísticas acumuladas dela não mudam.
    """
    if incompleta(y_sem_eval, y_com_eval, decisoes_que_mudam):
        return
    if not isinstance(rede_bn, nn.Module) or not isinstance(X_teste, torch.Tensor):
        return responder(False, "chame a conferência com a rede normalizada treinada (rede_bn) e os pontos de teste "
                                "(X_teste), como no esqueleto.")
    n = X_teste.shape[0]
    rede = copy.deepcopy(rede_bn)
    parametro = next(rede.parameters(), None)
    if parametro is not None:   # no Colab com GPU, os pontos vão para onde a rede está
        X_teste = X_teste.to(parametro.device)
    with torch.no_grad():
        rede.eval()
        com_eval = rede(X_teste).reshape(-1).cpu()
        rede.train()  # em modo de treino a saída não depende das estatísticas acumuladas, só do mini-lote
        em_grupos = torch.cat([rede(X_teste[i:i + 10]) for i in range(0, n, 10)]).reshape(-1).cpu()
        de_uma_vez = rede(X_teste).reshape(-1).cpu()

    def igual(a, b):
        return a is not None and torch.allclose(a, b, rtol=1e-4, atol=1e-5)

    y_com, y_sem = _saidas(y_com_eval, n), _saidas(y_sem_eval, n)
    if y_com is None or y_sem is None:
        return responder(False, f"y_sem_eval e y_com_eval devem ter uma saída da rede para cada um dos {n} pontos de teste.")
    if not igual(y_com, com_eval):
        if igual(y_com, de_uma_vez) or igual(y_com, em_grupos):
            return responder(False, "y_com_eval saiu em modo de treino: ponha a rede em modo de avaliação antes de calcular.")
        return responder(False, "y_com_eval deve ser a saída de rede_bn em modo de avaliação para todos os pontos de teste.")
    if not igual(y_sem, em_grupos):
        if igual(y_sem, com_eval):
            return responder(False, "y_sem_eval saiu em modo de avaliação: a cópia esquecida deve ficar em modo de treino.")
        if igual(y_sem, de_uma_vez):
            return responder(False, "y_sem_eval passou os pontos todos de uma vez; o serviço os recebe em grupos de 10, "
                                    "na ordem em que estão.")
        return responder(False, "y_sem_eval deve juntar as saídas da cópia em modo de treino para cada grupo de 10 "
                                "pontos de teste, na ordem em que estão.")
    esperadas = int((torch.sign(em_grupos) != torch.sign(com_eval)).sum())
    resposta = _numero(decisoes_que_mudam)
    if resposta is not None and resposta == n - esperadas and esperadas != n - esperadas:
        return responder(False, "você contou as decisões que ficam iguais; o exercício pede as que mudam.")
    if resposta != esperadas:
        return responder(False, "decisoes_que_mudam é quantos pontos recebem classes diferentes (o sinal da saída) "
                                "nos dois modos.")
    responder(True, "")


def exercicio_9_3(carregador):
    """Capítulo 9, exercício 9.3: um ``DataLoader`` de mini-lotes de 100 que não deixa um ponto sozinho."""
    if incompleta(carregador):
        return
    if not isinstance(carregador, torch.utils.data.DataLoader):
        return responder(False, "carregador deve ser um torch.utils.data.DataLoader criado a partir de conjunto.")
    if carregador.batch_size != 100:
        return responder(False, f"os mini-lotes devem ter 100 pontos (batch_size); recebi {carregador.batch_size}.")
    try:
        pontos = len(carregador.dataset)
    except TypeError:
        pontos = None
    if pontos != 901:
        return responder(False, "use o conjunto dos 901 primeiros pontos de treino, como no esqueleto.")
    if not isinstance(carregador.sampler, torch.utils.data.RandomSampler):
        return responder(False, "embaralhe os pontos a cada época, como no treino do tutorial.")
    if not carregador.drop_last:
        return responder(False, "com 901 pontos, o último mini-lote tem um ponto só, e a BatchNorm1d recusa um ponto "
                                "em modo de treino. Procure, na documentação do DataLoader, o argumento que "
                                "descarta o último mini-lote incompleto.")
    responder(True, "")
