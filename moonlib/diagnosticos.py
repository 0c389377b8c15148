"""Diagnósticos de uma rede treinada: unidades ReLU mortas (capítulo 3).

Uma unidade ReLU está *morta* quando a sua pré-ativação (a saída da camada
``Linear`` antes da ReLU) é ≤ 0 para todos os pontos de treino: a saída dela é
sempre 0, a derivada da ReLU também, nenhum gradiente passa por ela e o SGD
nunca mais muda os pesos que chegam a ela. Percorremos o ``nn.Sequential``
camada a camada e olhamos a entrada de cada ativação oculta.
"""
import numpy as np
import torch
from torch import nn

from .empilhadas import LinearK, MLPsEmpilhadas
from .metricas import modo_avaliacao
from .modelos import ATIVACOES

ATIVACOES_RETIFICADAS = (nn.ReLU, nn.LeakyReLU)
"""Ativações em que "morta" faz sentido: zero (ou quase) para toda entrada negativa."""


def _camadas(modelo):
    if isinstance(modelo, MLPsEmpilhadas):
        return list(modelo.camadas), True
    if isinstance(modelo, nn.Sequential):
        return list(modelo), False
    raise TypeError(f"modelo deve ser um nn.Sequential (de criar_mlp) ou MLPsEmpilhadas; recebi {type(modelo).__name__}")


def pre_ativacoes(modelo, X):
    """Pré-ativações de cada camada oculta de ``modelo`` para as entradas ``X`` (capítulo 3).

    Percorre o ``nn.Sequential`` em modo de avaliação e guarda a entrada de cada
    ativação ReLU ou LeakyReLU que vem antes da última ``Linear`` (as camadas
    ocultas). A ativação da saída não entra.

    Parâmetros
    ----------
    modelo : nn.Sequential ou MLPsEmpilhadas
        Uma rede de ``criar_mlp`` com ativações ocultas ReLU ou LeakyReLU, ou K
        redes empilhadas (as de ``treinar_varios``).
    X : Tensor N×entradas
        Os pontos, em geral os de treino.

    Retorna
    -------
    list de Tensor
        Um tensor por camada oculta: N×unidades (K×N×unidades para as empilhadas).
    """
    camadas, empilhadas = _camadas(modelo)
    if not isinstance(X, torch.Tensor) or X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X deve ser um tensor N×entradas com ao menos um ponto")
    lineares = [i for i, c in enumerate(camadas) if isinstance(c, (nn.Linear, LinearK))]
    if not lineares:
        raise ValueError("o modelo não tem camadas Linear")
    ocultas = [i for i, c in enumerate(camadas[:lineares[-1]]) if isinstance(c, tuple(ATIVACOES.values()))]
    if not ocultas:
        raise ValueError("o modelo não tem camadas ocultas com ativação")
    for i in ocultas:
        if not isinstance(camadas[i], ATIVACOES_RETIFICADAS):
            raise TypeError("unidades mortas só fazem sentido com ativações ocultas ReLU ou LeakyReLU; "
                            f"a camada {i} é {type(camadas[i]).__name__}")
    saidas = []
    with modo_avaliacao(modelo):
        x = X.to(next(modelo.parameters()).device, torch.float32)
        if empilhadas:
            x = x.unsqueeze(0).expand(modelo.k, -1, -1)
        for i, camada in enumerate(camadas[:ocultas[-1] + 1]):
            if i in ocultas:
                saidas.append(x.clone())
            x = camada(x)
    return saidas


def mascaras_mortas(modelo, X):
    """Quais unidades ocultas estão mortas em ``X``: uma máscara booleana por camada (capítulo 3).

    Uma unidade está morta quando a pré-ativação dela é ≤ 0 para **todos** os
    pontos de ``X``. Cada máscara tem forma (unidades,), ou (K, unidades) para
    redes empilhadas.
    """
    return [(z <= 0).all(dim=-2).cpu().numpy() for z in pre_ativacoes(modelo, X)]


def unidades_mortas(modelo, X):
    """Fração de unidades mortas em cada camada oculta de ``modelo``, nos pontos ``X`` (capítulo 3).

    Parâmetros
    ----------
    modelo : nn.Sequential ou MLPsEmpilhadas
        Rede com ativações ocultas ReLU ou LeakyReLU (de ``criar_mlp`` ou de
        ``treinar_varios``).
    X : Tensor N×entradas
        Os pontos de treino (uma unidade morta nos pontos de treino não recebe
        mais gradiente nenhum).

    Retorna
    -------
    ndarray
        Frações entre 0 e 1, uma por camada oculta: forma (camadas,) para um
        modelo, (K, camadas) para K modelos empilhados.

    Exemplo
    -------
    >>> unidades_mortas(criar_mlp((2, 3, 5, 2, 1), ativacao="relu"), X)  # doctest: +SKIP
    array([0. , 0.2, 0.5])
    """
    return np.stack([m.mean(axis=-1) for m in mascaras_mortas(modelo, X)], axis=-1)
