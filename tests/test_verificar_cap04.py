"""Autoverificação dos exercícios do capítulo 4."""
from moonlib import verificar


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_4_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_4_1, (0.25, 4 / 3), (0.25, 1.0), "reescalados")
    assert _saida(capsys, funcao, *certa).startswith("Certo!")
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert "Complete" in _saida(capsys, funcao, ..., ...)
