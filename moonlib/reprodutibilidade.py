"""Reprodutibilidade em uma chamada (capítulo 1).

Os modelos do livro são minúsculos: com duas threads, o custo de sincronizar
os núcleos supera o ganho, e um segundo núcleo ocupado deixa o laço até 4×
mais lento. Por isso fixamos uma thread, além das sementes.
"""
import os
import random

import numpy as np
import torch

from .validacao import inteiro

SEMENTE = 111
"""Semente usada no tutorial original e em todo o livro."""

MAX_SEMENTES = 100
"""Quantas sementes de modelos ``sementes`` dá por semente do capítulo."""


def fixar_sementes(semente=SEMENTE, threads=1):
    """Fixa as sementes do Python, do NumPy e do PyTorch (capítulo 1).

    Também usa ``threads`` threads na CPU e pede ao PyTorch algoritmos
    determinísticos (``torch.use_deterministic_algorithms(True)``), para que duas
    execuções no mesmo computador deem números idênticos. Em outro processador
    os números podem mudar um pouco (ver o capítulo 1).

    Parâmetros
    ----------
    semente : int
        Semente dos geradores (padrão 111, a do tutorial original).
    threads : int
        Número de threads do PyTorch na CPU (padrão 1).
    """
    semente = inteiro("a semente", semente, minimo=0)
    threads = inteiro("threads", threads, minimo=1)
    # Exigido pelo cuBLAS para ser determinístico; precisa vir antes do uso da GPU.
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(int(semente))
    np.random.seed(int(semente))
    torch.manual_seed(int(semente))  # também semeia todas as GPUs
    torch.set_num_threads(int(threads))
    torch.use_deterministic_algorithms(True)


def dispositivo():
    """Devolve a GPU, se houver uma, ou a CPU (capítulo 1)."""
    return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def sementes(k, semente=SEMENTE):
    """As sementes de ``k`` modelos de um capítulo, tiradas da semente do capítulo (capítulo 2).

    ``semente · 100, semente · 100 + 1, ...``: mudar a semente do capítulo muda
    os dados **e** os pesos iniciais de todos os modelos, e duas sementes de
    capítulo diferentes nunca dão uma mesma semente de modelo (para ``k ≤ 100``).

    >>> sementes(3)
    (11100, 11101, 11102)
    """
    k = inteiro("k", k, minimo=1, maximo=MAX_SEMENTES)
    semente = inteiro("a semente", semente, minimo=0)
    return tuple(int(semente) * MAX_SEMENTES + i for i in range(int(k)))
