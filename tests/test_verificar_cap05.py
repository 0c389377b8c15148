"""Autoverificação dos exercícios do capítulo 5."""
import math

import numpy as np
import pytest
import torch

from moonlib import verificar

from apoio.respostas import CERTO, COMPLETE, dica as _dica, saida as _saida


# -- 5.1: a correção de viés na primeira atualização -------------------------------------------------

M1, V1 = 0.1 * 0.02, 0.001 * 0.02 ** 2
SEM = 0.01 * M1 / (V1 ** 0.5 + 1e-8)
COM = 0.01 * 0.02 / ((0.02 ** 2) ** 0.5 + 1e-8)


def test_exercicio_5_1_certo(capsys):
    assert _saida(capsys, verificar.exercicio_5_1, M1, V1, SEM, COM) == CERTO
    assert _saida(capsys, verificar.exercicio_5_1, np.float64(M1), np.float32(V1), np.float64(SEM),
                  torch.tensor(COM)) == CERTO
    # tensores e arrays de forma (1,) também são um número
    assert _saida(capsys, verificar.exercicio_5_1, torch.tensor([M1]), np.array([V1]), torch.tensor([SEM]),
                  torch.tensor([[COM]], requires_grad=True)) == CERTO


def test_exercicio_5_1_incompleto(capsys):
    assert _saida(capsys, verificar.exercicio_5_1, ..., ..., ..., ...) == COMPLETE
    assert _saida(capsys, verificar.exercicio_5_1, M1, V1, SEM, ...) == COMPLETE
    assert _saida(capsys, verificar.exercicio_5_1, M1, ..., SEM, COM) == COMPLETE


@pytest.mark.parametrize("m1, v1, sem, com, trecho", [
    (M1, V1, 0.003, 0.003, "divida m1 por 1 − β1"),
    (M1, V1, SEM, SEM, "divida m1 por 1 − β1"),          # esqueceu a correção nas duas
    (M1, V1, COM, COM, "use m1 e v1 como estão"),         # aplicou a correção nas duas
    (M1, V1, SEM, "0.01", "divida m1 por 1 − β1"),
    (0.02, V1, SEM, COM, "esse é o m̂1, já corrigido"),    # m1 = g1
    (0.0, V1, SEM, COM, "a média começa em zero (m0 = 0)"),
    (0.9 * 0.02, V1, SEM, COM, "a média começa em zero (m0 = 0)"),
    (M1, 0.001 * 0.02, SEM, COM, "falta elevar g1 ao quadrado"),
    (M1, 0.02 ** 2, SEM, COM, "esse é o v̂1, já corrigido"),
    (M1, 0.0, SEM, COM, "a média começa em zero (v0 = 0)"),   # perto de V1 em valor absoluto, mas errado
    (M1, 1.1 * V1, SEM, COM, "a média começa em zero (v0 = 0)"),
    ("0.002", V1, SEM, COM, "m1 e v1 devem ser números"),
    (M1, torch.tensor([V1, V1]), SEM, COM, "m1 e v1 devem ser números"),
    (True, V1, SEM, COM, "m1 e v1 devem ser números"),
])
def test_exercicio_5_1_dicas(capsys, m1, v1, sem, com, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_5_1, m1, v1, sem, com))
    assert trecho in saida, saida
    for resposta in ("3,16", "0,0316", "0,002", "4e-07", "0.002"):  # a dica não dá a resposta
        assert resposta not in saida, saida


# -- 5.2: a escala do custo ----------------------------------------------------------------------------

def test_exercicio_5_2_certo(capsys):
    assert _saida(capsys, verificar.exercicio_5_2, 1000.0003, 1.0000002) == CERTO
    assert _saida(capsys, verificar.exercicio_5_2, torch.tensor(999.99), np.float32(1.0)) == CERTO
    assert _saida(capsys, verificar.exercicio_5_2, torch.tensor([999.99]), np.array([1.0])) == CERTO


def test_exercicio_5_2_incompleto(capsys):
    assert _saida(capsys, verificar.exercicio_5_2, ..., ...) == COMPLETE
    assert _saida(capsys, verificar.exercicio_5_2, 1000.0, ...) == COMPLETE


@pytest.mark.parametrize("sgd, adam, trecho", [
    (0.001, 1.0, "a razão está invertida"),
    (1000.0, 0.001, "a razão está invertida"),
    (1.0, 1.0, "no SGD a atualização é −η·g"),
    (31.6, 1.0, "no SGD a atualização é −η·g"),
    (1000.0, 1000.0, "a razão do Adam saiu igual à do SGD"),
    (1000.0, 3.16, "no Adam a atualização é η·m̂/(√v̂ + ε)"),
    (torch.tensor([1000.0, 1.0]), 1.0, "cada razão deve ser um só número"),
    ("1000", 1.0, "cada razão deve ser um só número"),
    (1000.0, [1.0, 1.0], "cada razão deve ser um só número"),
])
def test_exercicio_5_2_dicas(capsys, sgd, adam, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_5_2, sgd, adam))
    assert trecho in saida, saida


# -- 5.3: sementes que nunca chegam ----------------------------------------------------------------------

ATE = np.array([np.nan, 40.0, np.nan, 60.0, np.nan, np.nan, np.nan, 50.0, np.nan, np.nan])   # 3 de 10 chegam
ATE_MAIORIA = np.array([30.0, 40.0, np.nan, 60.0, 20.0, np.nan, 10.0, 50.0, 70.0, 80.0])    # 8 de 10 chegam
NINGUEM = np.full(10, np.nan)


def test_exercicio_5_3_certo(capsys):
    f = verificar.exercicio_5_3
    assert _saida(capsys, f, ATE, 7, 50.0, math.inf) == CERTO
    assert _saida(capsys, f, ATE, np.int64(7), np.float64(50.0), float("inf")) == CERTO
    assert _saida(capsys, f, ATE_MAIORIA, 2, 45.0, 55.0) == CERTO
    assert _saida(capsys, f, NINGUEM, 10, math.nan, math.inf) == CERTO
    assert _saida(capsys, f, ATE, torch.tensor([7]), np.array([50.0]), torch.tensor(math.inf)) == CERTO


def test_exercicio_5_3_incompleto(capsys):
    f = verificar.exercicio_5_3
    assert _saida(capsys, f, ATE, ..., ..., ...) == COMPLETE
    assert _saida(capsys, f, ATE, 7, 50.0, ...) == COMPLETE


@pytest.mark.parametrize("ate, resposta, trecho", [
    (ATE, (3, 50.0, math.inf), "você contou as sementes que chegam"),
    (ATE, (10, 50.0, math.inf), "conte quantos NaN há"),
    (ATE, (7, math.nan, math.inf), "Há uma versão da mediana no NumPy que deixa os NaN de fora"),
    (ATE, (7, math.inf, math.inf), "saiu igual à mediana que conta as falhas"),
    (ATE, (7, 45.0, math.inf), "tire a mediana só das épocas que não são NaN"),
    (ATE, (7, 50.0, 50.0), "troque cada NaN por infinito"),
    (ATE, (7, 50.0, math.nan), "troque cada NaN por um valor que signifique"),
    (ATE_MAIORIA, (2, 45.0, 45.0), "troque cada NaN por infinito"),
    ([], (0, 1.0, 1.0), "ate está vazio"),
    (ATE, (7, 50.0, (math.inf, 3)), "mediana_ate devolve um par (mediana, quantas chegaram)"),   # mediana_ate(...) inteiro
    (ATE, (7, (50.0, 3), math.inf), "mediana_ate devolve um par (mediana, quantas chegaram)"),
    (ATE, (7, 50.0, [math.inf, 3]), "mediana_ate devolve um par (mediana, quantas chegaram)"),
    (ATE, (7, 50.0, np.array([math.inf, 3.0])), "mediana_ate devolve um par (mediana, quantas chegaram)"),
    (ATE, (7, torch.tensor([50.0, 3.0]), math.inf), "mediana_ate devolve um par (mediana, quantas chegaram)"),
    (ATE, (7, 50.0, (math.inf, 3, 1)), "troque cada NaN por infinito"),   # outra sequência: recusada também
    (ATE, (7, (45.0,), math.inf), "tire a mediana só das épocas que não são NaN"),   # um só valor, errado
])
def test_exercicio_5_3_dicas(capsys, ate, resposta, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_5_3, ate, *resposta))
    assert trecho in saida, saida
