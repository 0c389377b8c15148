"""Autoverificação dos exercícios do capítulo 7."""
from moonlib import verificar


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_7_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_7_1, ((2 / 7) ** 0.5, 15 ** -0.5), ((2 / 7) ** 0.5, 5 ** -0.5), "√3")
    assert _saida(capsys, funcao, *certa).startswith("Certo!")
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert "Complete" in _saida(capsys, funcao, ..., ...)
