"""Autoverificação dos exercícios do capítulo 5."""
from moonlib import verificar


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_5_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_5_1, (0.01 * 0.1 * 0.02 / ((0.001 * 0.02 ** 2) ** 0.5 + 1e-8),
                                   0.01 * 0.02 / ((0.02 ** 2) ** 0.5 + 1e-8)), (0.003, 0.003), "correção")
    assert _saida(capsys, funcao, *certa).startswith("Certo!")
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert "Complete" in _saida(capsys, funcao, ..., ...)
