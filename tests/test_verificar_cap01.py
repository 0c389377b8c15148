"""Autoverificação dos exercícios do capítulo 1."""
import torch

from moonlib import criar_mlp, verificar


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_1_1(capsys):
    assert _saida(capsys, verificar.exercicio_1_1, 74).startswith("Certo!")
    assert "vieses" in _saida(capsys, verificar.exercicio_1_1, 58)
    assert "Complete a resposta" in _saida(capsys, verificar.exercicio_1_1, ...)
    assert "inteiro" in _saida(capsys, verificar.exercicio_1_1, "74")


def test_exercicio_1_2_sem_revelar_a_resposta(capsys):
    torch.manual_seed(0)
    modelo = criar_mlp()
    X = torch.randn(40, 2)
    d = torch.where(torch.rand(40, 1) > 0.5, 1.0, -1.0)
    with torch.no_grad():
        errados = int((torch.sign(modelo(X)) != d).sum())
    assert 0 < errados < 40
    assert _saida(capsys, verificar.exercicio_1_2, 100 * errados / 40, modelo, X, d).startswith("Certo!")
    errada = _saida(capsys, verificar.exercicio_1_2, errados, modelo, X, d)
    assert "porcentagem" in errada and str(100 * errados / 40) not in errada
    assert "Ainda não" in _saida(capsys, verificar.exercicio_1_2, 99.9, modelo, X, d)


def test_exercicio_1_3(capsys):
    assert _saida(capsys, verificar.exercicio_1_3, torch.zeros(5, 2)).startswith("Certo!")
    assert "float32" in _saida(capsys, verificar.exercicio_1_3, torch.zeros(5, 2, dtype=torch.float64))
    assert "(5, 2)" in _saida(capsys, verificar.exercicio_1_3, torch.zeros(3, 2))
