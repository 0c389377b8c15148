"""Autoverificação dos exercícios do capítulo 2."""
import copy

import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, criar_mlp, treinar, treinar_varios, verificar

CUSTOS = [0.90, 0.70, 0.52, 0.45, 0.47, 0.44, 0.46, 0.50, 0.55, 0.61]


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def _dica(capsys, funcao, *args):
    saida = _saida(capsys, funcao, *args)
    assert saida.startswith("Ainda não. Dica:"), saida
    return saida


# -- 2.1: a melhor época e a paciência ------------------------------------------------

def test_exercicio_2_1_certo(capsys):
    assert _saida(capsys, verificar.exercicio_2_1, CUSTOS, 5, (7, 5), (4, 3)) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_2_1, CUSTOS, np.int64(5), [7, 5], (4, 3)) == "Certo! ✔\n"


def test_exercicio_2_1_incompleto(capsys):
    assert "Complete a resposta" in _saida(capsys, verificar.exercicio_2_1, CUSTOS, ..., ..., ...)
    assert "Complete a resposta" in _saida(capsys, verificar.exercicio_2_1, CUSTOS, 5, (7, 5), ...)


@pytest.mark.parametrize("resposta, trecho", [
    ((6, (7, 5), (4, 3)), "contam a partir de 0"),
    ((0.44, (7, 5), (4, 3)), "não o custo"),
    (("5", (7, 5), (4, 3)), "número inteiro"),
    ((3, (7, 5), (4, 3)), "menor custo de validação"),
    ((5, (4, 3), (7, 5)), "trocados"),
    ((5, (5, 7), (4, 3)), "invertido"),
    ((5, 7, (4, 3)), "com paciência 2, responda com um par"),
    ((5, (7, 5), (4, 5)), "com paciência 1, a época guardada é uma das épocas já treinadas"),
    ((5, (7, 3), (4, 3)), "com paciência 2, a época guardada é a de menor custo"),
    ((5, (6, 5), (4, 3)), "com paciência 2, percorra as épocas"),
    ((5, (7, 5), (5, 3)), "com paciência 1, percorra as épocas"),
])
def test_exercicio_2_1_dicas(capsys, resposta, trecho):
    saida = _dica(capsys, verificar.exercicio_2_1, CUSTOS, *resposta)
    assert trecho in saida, saida
    assert "(7, 5)" not in saida and "(4, 3)" not in saida  # a dica não entrega a resposta


def test_exercicio_2_1_segue_os_custos_dados(capsys):
    # Com outra lista, a resposta certa é outra: a verificação calcula, não decora.
    custos = [0.5, 0.4, 0.3, 0.35, 0.36, 0.37]
    assert _saida(capsys, verificar.exercicio_2_1, custos, 2, (4, 2), (3, 2)) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_2_1, custos, 2, (5, 2), (3, 2)).startswith("Ainda não")


# -- 2.2: por que copiar o state_dict() -----------------------------------------------

def _rede_e_lotes():
    torch.manual_seed(0)
    rede = criar_mlp((2, 5, 1))
    X = torch.randn(20, 2)
    d = torch.where(X[:, :1] > 0, 1.0, -1.0)
    return rede, Lotes(X, d, 20)


def _treinar_uma_epoca(rede, lotes):
    treinar(rede, lotes, nn.MSELoss(), torch.optim.SGD(rede.parameters(), lr=0.1), 1)


def test_exercicio_2_2_certo(capsys):
    rede, lotes = _rede_e_lotes()
    referencia, copia = rede.state_dict(), copy.deepcopy(rede.state_dict())
    _treinar_uma_epoca(rede, lotes)
    assert _saida(capsys, verificar.exercicio_2_2, rede, referencia, copia, "copia") == "Certo! ✔\n"
    saida = _dica(capsys, verificar.exercicio_2_2, rede, referencia, copia, "referencia")
    assert "pesos de antes" in saida
    assert "texto" in _dica(capsys, verificar.exercicio_2_2, rede, referencia, copia, "a cópia")


def test_exercicio_2_2_incompleto(capsys):
    rede, _ = _rede_e_lotes()
    assert "Complete a resposta" in _saida(capsys, verificar.exercicio_2_2, rede, ..., ..., ...)


def test_exercicio_2_2_dicas(capsys):
    rede, lotes = _rede_e_lotes()
    referencia, copia = rede.state_dict(), copy.deepcopy(rede.state_dict())
    sem_copia = rede.state_dict()
    # sem treinar: a cópia ainda é igual à rede
    assert "só depois treine" in _dica(capsys, verificar.exercicio_2_2, rede, referencia, copia, "copia")
    _treinar_uma_epoca(rede, lotes)
    assert "sem nenhuma cópia" in _dica(capsys, verificar.exercicio_2_2, rede, copia, copia, "copia")
    assert "copy.deepcopy" in _dica(capsys, verificar.exercicio_2_2, rede, referencia, sem_copia, "copia")
    assert "dicionário" in _dica(capsys, verificar.exercicio_2_2, rede, referencia, rede.parameters(), "copia")
    incompleto = {k: v for k, v in copia.items() if k != "0.bias"}
    assert "dicionário" in _dica(capsys, verificar.exercicio_2_2, rede, referencia, incompleto, "copia")


# -- 2.3: mais pontos de treino -------------------------------------------------------

@pytest.fixture(scope="module")
def treinos():
    gerador = torch.Generator().manual_seed(0)
    X = torch.randn(40, 2, generator=gerador)
    d = torch.where(X[:, :1] * X[:, 1:] > 0, 1.0, -1.0)
    X_val, d_val = X[:10] + 0.1, d[:10]

    def criar_rede():
        return criar_mlp((2, 8, 1))

    def criar_otimizador(p):
        return torch.optim.Adam(p, lr=0.01)

    def treino(n, k=5, epocas=20, **opcoes):
        opcoes.setdefault("validacao", (X_val, d_val))
        return treinar_varios(criar_rede, range(k), X[:n], d[:n], nn.MSELoss(), criar_otimizador, epocas,
                              tamanho_lote=opcoes.pop("tamanho_lote", n), **opcoes)[1]

    return {"poucos": treino(20), "muitos": treino(40), "3 sementes": treino(40, k=3),
            "10 épocas": treino(40, epocas=10), "sem validação": treino(40, validacao=None),
            "mini-lotes": treino(40, tamanho_lote=10)}


def _lacuna(h):
    return float(np.mean(h.custos_validacao[-1] - h.custos_treino[-1]))


def test_exercicio_2_3_certo(capsys, treinos):
    poucos, muitos = treinos["poucos"], treinos["muitos"]
    assert _lacuna(poucos) != _lacuna(muitos)
    saida = _saida(capsys, verificar.exercicio_2_3, poucos, muitos, _lacuna(poucos), _lacuna(muitos))
    assert saida == "Certo! ✔\n"


def test_exercicio_2_3_incompleto(capsys, treinos):
    saida = _saida(capsys, verificar.exercicio_2_3, treinos["poucos"], ..., ..., ...)
    assert "Complete a resposta" in saida
    saida = _saida(capsys, verificar.exercicio_2_3, treinos["poucos"], treinos["muitos"], 0.1, ...)
    assert "Complete a resposta" in saida


@pytest.mark.parametrize("qual, trecho", [
    ("3 sementes", "treine 5 sementes"),
    ("10 épocas", "mesmo número de épocas"),
    ("sem validação", "validacao="),
    ("mini-lotes", "tamanho_lote=len(X_600)"),
])
def test_exercicio_2_3_dicas_do_treino(capsys, treinos, qual, trecho):
    h = treinos[qual]
    saida = _dica(capsys, verificar.exercicio_2_3, treinos["poucos"], h, _lacuna(treinos["poucos"]), _lacuna(h))
    assert trecho in saida, saida


def test_exercicio_2_3_dicas_das_lacunas(capsys, treinos):
    poucos, muitos = treinos["poucos"], treinos["muitos"]
    lp, lm = _lacuna(poucos), _lacuna(muitos)
    assert "segundo valor" in _dica(capsys, verificar.exercicio_2_3, poucos, (None, muitos), lp, lm)
    assert "trocadas" in _dica(capsys, verificar.exercicio_2_3, poucos, muitos, lm, lp)
    assert "nessa ordem" in _dica(capsys, verificar.exercicio_2_3, poucos, muitos, lp, -lm)
    saida = _dica(capsys, verificar.exercicio_2_3, poucos, muitos, lp, lm + 0.5)
    assert "última época" in saida and f"{lm:.3f}" not in saida
    assert "é um número" in _dica(capsys, verificar.exercicio_2_3, poucos, muitos, lp, "0,1")
