"""Autoverificação dos exercícios do capítulo 8."""
from moonlib import verificar


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_8_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_8_1, (0.5e-4, 240), (0.5e-4, 270), "menor número")
    assert _saida(capsys, funcao, *certa).startswith("Certo!")
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert "Complete" in _saida(capsys, funcao, ..., ...)
