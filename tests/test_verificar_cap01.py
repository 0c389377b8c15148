"""Autoverificação dos exercícios do capítulo 1."""
import numpy as np
import pytest
import torch

from moonlib import criar_mlp, verificar

from apoio.respostas import saida as _saida


def test_exercicio_1_1(capsys):
    assert _saida(capsys, verificar.exercicio_1_1, 74) == "Certo! ✔\n"
    assert "vieses" in _saida(capsys, verificar.exercicio_1_1, 58)
    assert "Complete a resposta" in _saida(capsys, verificar.exercicio_1_1, ...)
    assert "inteiro" in _saida(capsys, verificar.exercicio_1_1, "74")
    assert "Linear(m, n)" in _saida(capsys, verificar.exercicio_1_1, 75)


@pytest.fixture
def rede_e_lote():
    """Uma rede do tutorial sem treino e um mini-lote de 40 pontos: gradientes longe de zero."""
    torch.manual_seed(0)
    rede = criar_mlp()
    X = torch.randn(40, 2) * 8
    d = torch.where(torch.rand(40, 1) > 0.5, 1.0, -1.0)
    with torch.no_grad():
        h = rede[:-2](X)   # o que entra na camada de saída
        y = rede(X)
    return rede, X, d, h, y


def _gradiente(h, y, d):
    """A resposta certa, pela regra da cadeia: média de 2(y − d)(1 − y²)·h_j, na forma dos pesos (1×2)."""
    return (2 * (y - d) * (1 - y ** 2) * h).mean(0, keepdim=True)


def test_exercicio_1_2_resposta_certa_e_o_gradiente_do_autograd(capsys, rede_e_lote):
    rede, X, d, h, y = rede_e_lote
    certo = _gradiente(h, y, d)
    assert certo.abs().min() > 1e-3   # um exemplo em que cada engano dá outro número
    assert _saida(capsys, verificar.exercicio_1_2, certo, rede, X, d) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_1_2, certo.numpy(), rede, X, d) == "Certo! ✔\n"   # array também vale
    # a conferência não mexe nos gradientes guardados na rede do aluno
    assert all(p.grad is None for p in rede.parameters())


@pytest.mark.parametrize("engano, dica", [
    (lambda h, y, d: -_gradiente(h, y, d), "confira o sinal"),
    (lambda h, y, d: _gradiente(h, y, d) / 2, "derivada do quadrado"),
    (lambda h, y, d: _gradiente(h, y, d) * len(d), "média sobre os pontos do mini-lote, não a soma"),
    (lambda h, y, d: (2 * (y - d) * h).mean(0, keepdim=True), "a saída passa por uma tanh"),
    (lambda h, y, d: (2 * (y - d) * (1 - y ** 2)).mean().expand(1, 2), "esse é o gradiente do viés"),
    (lambda h, y, d: _gradiente(h, y, d) + 1, "derive J em relação a cada peso w_j pela regra da cadeia"),
])
def test_exercicio_1_2_dicas_sem_revelar_a_resposta(capsys, rede_e_lote, engano, dica):
    rede, X, d, h, y = rede_e_lote
    saida = _saida(capsys, verificar.exercicio_1_2, engano(h, y, d), rede, X, d)
    assert saida.startswith("Ainda não. Dica:") and dica in saida
    assert "1 - y" not in saida and "1 − y²" not in saida   # a dica não dá a fórmula


def test_exercicio_1_2_formas_erradas(capsys, rede_e_lote):
    rede, X, d, h, y = rede_e_lote
    certo = _gradiente(h, y, d)
    assert "a forma é (2,)" in _saida(capsys, verificar.exercicio_1_2, certo.reshape(-1), rede, X, d)
    por_ponto = 2 * (y - d) * (1 - y ** 2) * h
    assert "um gradiente por ponto" in _saida(capsys, verificar.exercicio_1_2, por_ponto, rede, X, d)
    assert "forma (3,)" in _saida(capsys, verificar.exercicio_1_2, torch.zeros(3), rede, X, d)
    assert "é um tensor" in _saida(capsys, verificar.exercicio_1_2, "gradiente", rede, X, d)
    assert "é um tensor" in _saida(capsys, verificar.exercicio_1_2, 0.5, rede, X, d)


def test_exercicio_1_2_incompleto(capsys, rede_e_lote):
    rede, X, d, *_ = rede_e_lote
    assert _saida(capsys, verificar.exercicio_1_2, ..., rede, X, d) == (
        "Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.\n")


@pytest.fixture
def dados_teste():
    """Um dados_teste_np de mentira: colunas x1, x2 e d, com coordenadas da ordem das meias-luas."""
    return np.random.RandomState(0).uniform(-10, 20, (8, 3))


def test_exercicio_1_3_resposta_certa(capsys, dados_teste):
    certo = torch.tensor(dados_teste[:5, :2], dtype=torch.float32)
    assert _saida(capsys, verificar.exercicio_1_3, certo, dados_teste) == "Certo! ✔\n"
    # a conversão por from_numpy(...).float() também vale
    outra = torch.from_numpy(dados_teste[:5, :2]).float()
    assert _saida(capsys, verificar.exercicio_1_3, outra, dados_teste) == "Certo! ✔\n"


@pytest.mark.parametrize("resposta, dica", [
    (lambda dados: torch.tensor(dados[:5, :2]), "a rede trabalha em float32"),                      # sem dtype
    (lambda dados: torch.zeros(5, 2), "os números não são os de dados_teste_np[:5, :2]"),           # qualquer 5×2
    (lambda dados: torch.tensor(dados[1:6, :2], dtype=torch.float32), "os números não são"),        # outras linhas
    (lambda dados: torch.tensor(dados[:5, 1:], dtype=torch.float32), "os números não são"),         # x2 e d
    (lambda dados: torch.tensor(dados[:3, :2], dtype=torch.float32), "esperava forma (5, 2)"),
    (lambda dados: torch.tensor(dados[:5], dtype=torch.float32), "recebi (5, 3)"),                  # com o rótulo
    (lambda dados: dados[:5, :2].tolist(), "tensor do PyTorch"),
])
def test_exercicio_1_3_recusa_respostas_erradas(capsys, dados_teste, resposta, dica):
    saida = _saida(capsys, verificar.exercicio_1_3, resposta(dados_teste), dados_teste)
    assert saida.startswith("Ainda não. Dica:") and dica in saida


def test_exercicio_1_3_incompleto(capsys, dados_teste):
    assert _saida(capsys, verificar.exercicio_1_3, ..., dados_teste) == (
        "Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.\n")
