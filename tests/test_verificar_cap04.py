"""Autoverificação dos exercícios do capítulo 4."""
import numpy as np
import pytest
import torch
from torch import nn

from moonlib import taxa_de_erro, verificar

from apoio.respostas import saida as _saida


def test_exercicio_4_1_certo(capsys):
    assert _saida(capsys, verificar.exercicio_4_1, 0.25, 4 / 3) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_4_1, 0.25, 1 / (1 - 0.25)) == "Certo! ✔\n"
    # O valor medido num tensor float32 (1,3333333730697632) e tensores ou arrays com um número só também valem
    y = nn.Dropout(0.25).train()(torch.ones(1000))
    medido = y[y > 0].unique().item()
    assert medido != 4 / 3
    assert _saida(capsys, verificar.exercicio_4_1, 0.25, medido) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_4_1, 0.25, y[y > 0].unique()) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_4_1, torch.tensor(0.25), torch.tensor(4 / 3)) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_4_1, np.float32(0.25), np.array(4 / 3)) == "Certo! ✔\n"
    # Com outro p, a resposta certa é outra
    assert _saida(capsys, verificar.exercicio_4_1, 0.5, 2.0, 0.5) == "Certo! ✔\n"
    assert "Certo" not in _saida(capsys, verificar.exercicio_4_1, 0.25, 4 / 3, 0.5)


@pytest.mark.parametrize("fracao, valor, dica", [
    (..., 4 / 3, "Complete a resposta"),
    (0.25, ..., "Complete a resposta"),
    ("0,25", 4 / 3, "as duas respostas são números"),
    (0.25, [4 / 3], "as duas respostas são números"),
    (0.25, "4/3", "as duas respostas são números"),
    (True, 4 / 3, "as duas respostas são números"),
    (torch.tensor(True), 4 / 3, "as duas respostas são números"),
    (torch.full((3,), 0.25), 4 / 3, "as duas respostas são números"),
    (0.25, nn.Dropout(0.25).train()(torch.ones(10)), "as duas respostas são números"),
    (25, 4 / 3, "a fração vai de 0 a 1, não em %"),
    (torch.tensor(25.0), 4 / 3, "a fração vai de 0 a 1, não em %"),
    (0.2497, 4 / 3, "use a fração esperada (a conta à mão), não a medida"),
    (torch.tensor(0.2531), 4 / 3, "use a fração esperada (a conta à mão), não a medida"),
    (0.2501, 4 / 3, "use a fração esperada (a conta à mão), não a medida"),
    (0.75, 4 / 3, "zerado, de forma independente, com probabilidade p"),
    (torch.tensor(0.75), 4 / 3, "zerado, de forma independente, com probabilidade p"),
    (np.array(0.5), 4 / 3, "zerado, de forma independente, com probabilidade p"),
    (float("nan"), 4 / 3, "zerado, de forma independente, com probabilidade p"),
    (0.25, 1.0, "reescalados para manter a média"),
    (0.25, torch.tensor(1), "reescalados para manter a média"),
    (0.25, 0.998, "reescalados para manter a média"),  # a média medida, e não o valor dos sobreviventes
    (0.25, 1.33, "quase: escreva o valor exato"),
    (0.25, torch.tensor(1.3333), "quase: escreva o valor exato"),
    (0.25, 1.3334, "quase: escreva o valor exato"),
    (0.25, 0.75, "a média de saída deve continuar 1"),
    (0.25, torch.tensor(0.75), "a média de saída deve continuar 1"),
    (0.25, 4.0, "a média de saída deve continuar 1"),
    (0.25, 1.25, "a média de saída deve continuar 1"),
    (0.25, float("inf"), "a média de saída deve continuar 1"),
])
def test_exercicio_4_1_dicas(capsys, fracao, valor, dica):
    saida = _saida(capsys, verificar.exercicio_4_1, fracao, valor)
    assert saida.count("\n") == 1 and dica in saida, saida
    assert "Certo" not in saida
    for resposta in ("0,25", "0.25", "1,33", "1.33", "4/3", "4 / 3", "1/(1", "1 / (1"):
        assert resposta not in saida  # a dica não dá a resposta


@pytest.fixture
def rede_e_dados():
    """Uma rede com dropout de 50 % que, no modo de avaliação, classifica pelo sinal de x1.

    As 3 unidades ocultas carregam a mesma informação; no modo de treino, quando as três são
    zeradas (12,5 % dos pontos), a saída é 0 e o ponto conta como meio erro. Os rótulos de 10 %
    dos pontos estão trocados, para que a taxa no modo de avaliação não seja zero.
    """
    torch.manual_seed(0)
    rede = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Dropout(0.5), nn.Linear(3, 1), nn.Tanh())
    with torch.no_grad():
        rede[0].weight.copy_(torch.tensor([[1.0, 0.0]] * 3))
        rede[0].bias.zero_()
        rede[3].weight.fill_(1.0)
        rede[3].bias.zero_()
    X = torch.randn(2000, 2)
    d = torch.sign(X[:, :1])
    d[:200] *= -1
    return rede, X, d


def _taxas(rede, X, d):
    with torch.no_grad():
        rede.eval()
        avaliacao = taxa_de_erro(rede(X), d)
        rede.train()
        treino = taxa_de_erro(rede(X), d)
    return avaliacao, treino


def test_exercicio_4_2_certo_e_sem_efeitos(capsys, rede_e_dados):
    rede, X, d = rede_e_dados
    avaliacao, treino = _taxas(rede, X, d)
    assert avaliacao == pytest.approx(10.0) and treino > avaliacao + 3  # o exemplo faz sentido
    estado = torch.get_rng_state()
    rede.eval()
    assert _saida(capsys, verificar.exercicio_4_2, avaliacao, treino, rede, X, d) == "Certo! ✔\n"
    assert torch.equal(torch.get_rng_state(), estado) and not rede.training  # nada mudou fora da verificação
    rede.train()
    assert _saida(capsys, verificar.exercicio_4_2, avaliacao, treino, rede, X, d) == "Certo! ✔\n"
    assert rede.training


@pytest.mark.parametrize("caso, dica", [
    ("incompleta", "Complete a resposta"),
    ("texto", "as duas respostas são números"),
    ("fracao", "a taxa de erro vai em %"),
    ("avaliacao_no_treino", "a primeira medida parece feita com o dropout ligado"),
    ("avaliacao_errada", "a primeira medida é a taxa de erro da rede do exercício"),
    ("esqueceu_train", "a segunda medida deu igual à primeira"),
    ("treino_errado", "a segunda medida não se parece"),
])
def test_exercicio_4_2_dicas(capsys, rede_e_dados, caso, dica):
    rede, X, d = rede_e_dados
    avaliacao, treino = _taxas(rede, X, d)
    _, outra_no_treino = _taxas(rede, X, d)
    respostas = {
        "incompleta": (..., treino), "texto": ("10 %", treino), "fracao": (avaliacao / 100, treino),
        "avaliacao_no_treino": (outra_no_treino, treino), "avaliacao_errada": (30.0, treino),
        "esqueceu_train": (avaliacao, avaliacao), "treino_errado": (avaliacao, 45.0),
    }[caso]
    saida = _saida(capsys, verificar.exercicio_4_2, *respostas, rede, X, d)
    assert dica in saida, saida
    assert "Certo" not in saida


def _exercicio_4_3(rede, X, passadas=200):
    with torch.no_grad():
        rede.train()
        media = torch.stack([rede(X) for _ in range(passadas)]).mean(0)
        rede.eval()
        y_aval = rede(X)
    return (torch.sign(media) == torch.sign(y_aval)).float().mean().item(), media, y_aval


def test_exercicio_4_3_certo(capsys, rede_e_dados):
    rede, X, _ = rede_e_dados
    concordancia, media, y_aval = _exercicio_4_3(rede, X)
    estado = torch.get_rng_state()
    assert _saida(capsys, verificar.exercicio_4_3, concordancia, media, y_aval, rede, X) == "Certo! ✔\n"
    assert torch.equal(torch.get_rng_state(), estado) and not rede.training


@pytest.mark.parametrize("caso, dica", [
    ("incompleta", "Complete a resposta"),
    ("forma", "deve ser um tensor com uma saída por ponto de teste"),
    ("y_aval_no_treino", "y_aval é a saída da rede inteira"),
    ("media_na_avaliacao", "a média deu igual à saída no modo de avaliação"),
    ("uma_passada", "media deve ser a média de muitas passadas"),
    ("cinco_passadas", "media deve ser a média de muitas passadas"),
    ("mediana", "media deve ser a média de muitas passadas"),
    ("texto", "concordancia é um número"),
    ("porcentagem", "como fração, de 0 a 1"),
    ("conta_errada", "conte os pontos"),
])
def test_exercicio_4_3_dicas(capsys, rede_e_dados, caso, dica):
    rede, X, _ = rede_e_dados
    concordancia, media, y_aval = _exercicio_4_3(rede, X)
    _, uma, _ = _exercicio_4_3(rede, X, passadas=1)
    _, cinco, _ = _exercicio_4_3(rede, X, passadas=5)
    with torch.no_grad():
        mediana = torch.stack([rede.train()(X) for _ in range(200)]).median(0).values
    with torch.no_grad():
        no_treino = rede.train()(X)
    respostas = {
        "incompleta": (concordancia, ..., y_aval), "forma": (concordancia, media[:, 0], y_aval),
        "y_aval_no_treino": (concordancia, media, no_treino), "media_na_avaliacao": (1.0, y_aval.clone(), y_aval),
        "uma_passada": (concordancia, uma, y_aval), "cinco_passadas": (concordancia, cinco, y_aval),
        "mediana": (concordancia, mediana, y_aval), "texto": ("quase todos", media, y_aval),
        "porcentagem": (100 * concordancia, media, y_aval), "conta_errada": (concordancia - 0.1, media, y_aval),
    }[caso]
    saida = _saida(capsys, verificar.exercicio_4_3, *respostas, rede, X)
    assert dica in saida, saida
    assert "Certo" not in saida
