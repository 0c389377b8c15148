"""Autoverificação dos exercícios do capítulo 10 (cada resposta é treinada com 10 sementes)."""
import dataclasses

from moonlib import verificar
from moonlib.playground import Configuracao

from apoio.respostas import saida as _saida

COLEGA = Configuracao.de_texto("otimizador=sgd passo=2 ativacao_saida=identidade")


def test_exercicio_10_1(capsys):
    assert "Certo!" in _saida(capsys, verificar.exercicio_10_1, Configuracao.de_texto("ocultas=8,8 passo=0.05"))
    lenta = _saida(capsys, verificar.exercicio_10_1, Configuracao(passo=0.001))
    assert lenta.startswith("Ainda não") and "de 10 sementes zeraram" in lenta
    assert "mude só a rede e o treinamento" in _saida(capsys, verificar.exercicio_10_1, Configuracao(r2=5.0))
    assert "deve ser uma Configuracao" in _saida(capsys, verificar.exercicio_10_1, "ocultas=8,8")
    assert "Complete a resposta" in _saida(capsys, verificar.exercicio_10_1, ...)


def test_exercicio_10_2(capsys):
    assert _saida(capsys, verificar.exercicio_10_2, 50).startswith("Certo!")
    assert "de 0 a 100" in _saida(capsys, verificar.exercicio_10_2, 0.5)
    assert "capítulo 7" in _saida(capsys, verificar.exercicio_10_2, 0.0)
    assert "é um número" in _saida(capsys, verificar.exercicio_10_2, "50")


def test_exercicio_10_3(capsys):
    assert "Certo!" in _saida(capsys, verificar.exercicio_10_3, dataclasses.replace(COLEGA, passo=0.1), COLEGA)
    assert "exatamente um campo" in _saida(capsys, verificar.exercicio_10_3,
                                           dataclasses.replace(COLEGA, passo=0.1, otimizador="adam"), COLEGA)
    assert "ainda divergem" in _saida(capsys, verificar.exercicio_10_3, dataclasses.replace(COLEGA, epocas=30), COLEGA)
    assert "quase não aprende" in _saida(capsys, verificar.exercicio_10_3, dataclasses.replace(COLEGA, passo=1e-4), COLEGA)
