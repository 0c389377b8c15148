"""Figuras interativas sem kernel (capítulo 10): quadros da fronteira e a animação autocontida."""
import re

import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, criar_mlp, fixar_sementes, meias_luas, para_tensores, treinar
from moonlib.animacao import (Animacao, animar_fronteiras, confianca, espacar_epocas, fronteiras_durante_treino,
                                fronteiras_por_valor)

GRADE = ((-15.0, 25.0), (-10.0, 15.0), 40)


@pytest.fixture
def dados():
    fixar_sementes(111)
    return para_tensores(meias_luas(100, 100, semente=111))


def _treino(X, d):
    torch.manual_seed(0)
    modelo = criar_mlp()
    return modelo, Lotes(X, d, 50), nn.MSELoss(), torch.optim.Adam(modelo.parameters(), lr=0.03)


def test_espacar_epocas():
    marcos = espacar_epocas(200, 20)
    assert marcos[0] == 0 and marcos[-1] == 200 and len(marcos) <= 20
    assert all(b > a for a, b in zip(marcos, marcos[1:]))
    assert marcos[1] - marcos[0] < marcos[-1] - marcos[-2]  # mais densos no começo
    assert espacar_epocas(3, 10) == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="quadros deve ser"):
        espacar_epocas(10, 1)


def test_confianca():
    assert np.allclose(confianca([-3, 0, 0.5, 3]), [-1, 0, 0.5, 1])
    assert np.allclose(confianca([0.0], "logito"), [0.0]) and confianca([10.0], "logito")[0] > 0.99
    assert np.allclose(confianca([0.0, 0.5, 1.0], "limiar"), [-1, 0, 1])
    assert np.isnan(confianca([np.nan])[0])
    with pytest.raises(ValueError, match="regra"):
        confianca([0.0], "classe")


def test_fronteiras_durante_treino_e_o_mesmo_treino_sem_pausas(dados):
    X, d = dados
    marcos = [0, 1, 3, 6]
    quadros, h = fronteiras_durante_treino(*_treino(X, d), marcos, grade=GRADE, validacao=(X, d))
    assert len(quadros) == 4 and h.epocas == 6 and len(h.custos_validacao) == 6
    assert quadros[0][2].shape == (40, 40) and not np.allclose(quadros[0][2], quadros[-1][2])
    torch.manual_seed(0)
    h_direto = treinar(*_treino(X, d), 6, validacao=(X, d))
    assert h_direto.custos_lote == h.custos_lote
    with pytest.raises(ValueError, match="crescente"):
        fronteiras_durante_treino(*_treino(X, d), [0, 3, 2])


def test_fronteiras_por_valor(dados):
    X, d = dados

    def treinar_com(largura):
        torch.manual_seed(0)
        modelo = criar_mlp((2, largura, 1))
        treinar(modelo, Lotes(X, d, 50), nn.MSELoss(), torch.optim.Adam(modelo.parameters(), lr=0.05), 3)
        return modelo

    quadros = fronteiras_por_valor([1, 4], treinar_com, grade=GRADE)
    assert len(quadros) == 2 and not np.allclose(quadros[0][2], quadros[1][2])
    with pytest.raises(TypeError, match="treinar_com deve ser uma função"):
        fronteiras_por_valor([1], "não é função")


def test_animacao_autocontida_em_portugues_e_pequena(dados):
    X, d = dados
    marcos = espacar_epocas(20, 15)
    quadros, _ = fronteiras_durante_treino(*_treino(X, d), marcos)
    anim = animar_fronteiras(quadros, [f"época {m}" for m in marcos], pontos=(X, d), alt="Fronteira ao longo do treino")
    assert isinstance(anim, Animacao) and anim.n_quadros == len(marcos) == 13
    html = anim.html
    assert html.count("data:image/png;base64,") == 13
    assert not re.search(r"https?://", html) and "<link" not in html and "font-awesome" not in html
    assert 'alt="Fronteira ao longo do treino"' in html
    assert 'title="Tocar"' in html and ">Uma vez<" in html and 'class="fa' not in html
    assert anim.tamanho < 1_000_000
    assert "13 quadros" in repr(anim) and anim._repr_html_() == html
    # o identificador vem do conteúdo: a mesma animação dá o mesmo HTML
    assert animar_fronteiras(quadros, [f"época {m}" for m in marcos], pontos=(X, d),
                             alt="Fronteira ao longo do treino").html == html


def test_animacao_salva_como_pagina(tmp_path, dados):
    X, d = dados
    quadros, _ = fronteiras_durante_treino(*_treino(X, d), [0, 2], grade=GRADE)
    anim = animar_fronteiras(quadros, regra="sinal")
    arquivo = tmp_path / "animacao.html"
    anim.salvar(arquivo)
    texto = arquivo.read_text(encoding="utf-8")
    assert texto.startswith("<!DOCTYPE html>") and 'lang="pt"' in texto
    assert anim.html in texto and texto.count("data:image/png;base64,") == 2  # a animação inteira, os dois quadros


def test_animacao_erros_em_portugues(dados):
    X, d = dados
    quadros, _ = fronteiras_durante_treino(*_treino(X, d), [0, 1], grade=GRADE)
    with pytest.raises(ValueError, match="vazio"):
        animar_fronteiras([])
    with pytest.raises(ValueError, match="um título por quadro"):
        animar_fronteiras(quadros, ["só um"])
    with pytest.raises(ValueError, match="grade"):
        animar_fronteiras([(1, 2)])
    with pytest.raises(ValueError, match="limite"):
        animar_fronteiras(quadros, limite_bytes=1000)
