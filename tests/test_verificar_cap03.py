"""Autoverificação dos exercícios do capítulo 3."""
from moonlib import verificar


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_3_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_3_1, (0.25, 0.0), (1.0, 0.0), "Tanh")
    assert _saida(capsys, funcao, *certa).startswith("Certo!")
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert "Complete" in _saida(capsys, funcao, ..., ...)
