"""Autoverificação dos exercícios do capítulo 2."""
import copy

import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, criar_mlp, treinar, treinar_varios, verificar

from apoio.respostas import dica, saida as _saida

CUSTOS = [0.90, 0.70, 0.52, 0.45, 0.47, 0.44, 0.46, 0.50, 0.55, 0.61]


def _dica(capsys, funcao, *args):
    return dica(_saida(capsys, funcao, *args))


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
        return torch.optim.Adam(p, lr=0.05)

    def treino(X_t, d_t, k=5, epocas=30, sementes=None, **opcoes):
        opcoes.setdefault("validacao", (X_val, d_val))
        return treinar_varios(criar_rede, sementes or range(k), X_t, d_t, nn.MSELoss(), criar_otimizador, epocas,
                              tamanho_lote=opcoes.pop("tamanho_lote", len(X_t)), **opcoes)

    muitos = (X, d)
    return {"dados": (X, d, (X_val, d_val)),
            "poucos": treino(X[:20], d[:20]), "muitos": treino(*muitos), "3 sementes": treino(*muitos, k=3),
            "outras sementes": treino(*muitos, sementes=range(1, 6)), "10 épocas": treino(*muitos, epocas=10),
            "sem validação": treino(*muitos, validacao=None), "mini-lotes": treino(*muitos, tamanho_lote=10),
            "outra validação": treino(*muitos, validacao=(X[10:20], d[10:20])),
            "outros dados": treino(X, -d)}


def _lacuna(h):
    return float(np.mean(h.custos_validacao[-1] - h.custos_treino[-1]))


def _conferir(capsys, treinos, qual, lacunas=None):
    """Confere o treino ``qual`` como a resposta do aluno, com as lacunas certas (ou as dadas)."""
    historicos = treinos["poucos"][1]
    redes, h = treinos[qual] if isinstance(qual, str) else qual
    if lacunas is None:
        lacunas = (_lacuna(historicos), _lacuna(h))
    return _saida(capsys, verificar.exercicio_2_3, historicos, *treinos["dados"], redes, h, *lacunas)


def test_exercicio_2_3_certo(capsys, treinos):
    assert _lacuna(treinos["poucos"][1]) != _lacuna(treinos["muitos"][1])
    assert _conferir(capsys, treinos, "muitos") == "Certo! ✔\n"


def test_exercicio_2_3_incompleto(capsys, treinos):
    historicos = treinos["poucos"][1]
    saida = _saida(capsys, verificar.exercicio_2_3, historicos, *treinos["dados"], ..., ..., ..., ...)
    assert "Complete a resposta" in saida
    redes, h = treinos["muitos"]
    saida = _saida(capsys, verificar.exercicio_2_3, historicos, *treinos["dados"], redes, h, 0.1, ...)
    assert "Complete a resposta" in saida


@pytest.mark.parametrize("qual, trecho", [
    ("3 sementes", "treine 5 sementes"),
    ("outras sementes", "sementes(5, semente)"),
    ("10 épocas", "mesmo número de épocas"),
    ("sem validação", "sem validação não há"),
    ("mini-lotes", "tamanho_lote=len(X_600)"),
    ("outra validação", "validacao=(X_val_sob, d_val_sob)"),
    ("poucos", "X_600 e d_600"),        # treinou nos pontos do experimento anterior
    ("outros dados", "X_600 e d_600"),  # treinou em outros pontos
])
def test_exercicio_2_3_dicas_do_treino(capsys, treinos, qual, trecho):
    saida = _conferir(capsys, treinos, qual)
    assert saida.startswith("Ainda não. Dica:") and trecho in saida, saida


def test_exercicio_2_3_dicas_das_lacunas(capsys, treinos):
    historicos = treinos["poucos"][1]
    redes, muitos = treinos["muitos"]
    lp, lm = _lacuna(historicos), _lacuna(muitos)
    saida = _saida(capsys, verificar.exercicio_2_3, historicos, *treinos["dados"], muitos, redes, lp, lm)
    assert "redes_600, historicos_600 = " in saida, saida
    assert "trocadas" in _conferir(capsys, treinos, "muitos", (lm, lp))
    assert "nessa ordem" in _conferir(capsys, treinos, "muitos", (lp, -lm))
    saida = _conferir(capsys, treinos, "muitos", (lp, lm + 0.5))
    assert saida.startswith("Ainda não") and "última época" in saida and f"{lm:.3f}" not in saida
    assert "é um número" in _conferir(capsys, treinos, "muitos", (lp, "0,1"))
