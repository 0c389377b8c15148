import math

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from moonlib.livro import resultados


def _registrar(monkeypatch, **kw):
    mostrados = []
    monkeypatch.setattr("IPython.display.display", lambda dados, **opcoes: mostrados.append((dados, opcoes)))
    assert resultados.registrar(6, "Entropia cruzada", "BCEWithLogitsLoss", **kw) is None
    (dados, opcoes), = mostrados
    assert opcoes["raw"]
    return dados[resultados.MIME], dados["text/plain"]


def test_registrar_resume_as_sementes_numa_mediana_e_num_alvo(monkeypatch):
    r, texto = _registrar(monkeypatch, taxas_teste=[0.5, 0.7, 3.0, 0.6], epocas_ate_alvo=[200, math.nan, 250, 210],
                          alvo="erro de validação ≤ 1 %", curva=[[2.0, 4.0], [1.0, 3.0], [0.5, 1.0]])
    assert r["sementes"] == 4 and r["taxa_teste"] == 0.65 and r["chegaram"] == 3 and r["epocas_ate_alvo"] == 230
    assert r["curva"] == [[1, 3.0], [2, 2.0], [3, 0.75]]   # a mediana entre as sementes, época a época
    assert texto == ("Resultado do capítulo 6 (BCEWithLogitsLoss): erro no teste mediano de 0,65 % em 4 sementes; "
                     "3 de 4 chegaram a erro de validação ≤ 1 % (mediana de 230 épocas)")


def test_quem_nao_chegou_conta_como_nunca(monkeypatch):
    r, texto = _registrar(monkeypatch, taxas_teste=[1.0, 2.0, 3.0], epocas_ate_alvo=[100, math.nan, math.nan],
                          alvo="erro ≤ 1 %")
    assert r["chegaram"] == 1 and r["epocas_ate_alvo"] is None and texto.endswith("1 de 3 chegaram a erro ≤ 1 %")


def test_argumentos_errados(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    with pytest.raises(ValueError, match="capitulo deve ser um inteiro ≥ 1"):
        resultados.registrar(0, "x", "y", taxas_teste=1)
    with pytest.raises(ValueError, match="configuracao deve ser um texto não vazio"):
        resultados.registrar(1, "x", " ", taxas_teste=1)
    with pytest.raises(ValueError, match="diga qual é o alvo"):
        resultados.registrar(1, "x", "y", taxas_teste=[1, 2], epocas_ate_alvo=[3, 4])
    with pytest.raises(ValueError, match="um de cada por semente"):
        resultados.registrar(1, "x", "y", taxas_teste=[1, 2], epocas_ate_alvo=[3], alvo="a")


def test_ler_e_tabela(tmp_path):
    dados = {"capitulo": 2, "titulo": "Validação", "configuracao": "melhor época", "sementes": 10, "taxa_teste": 19.0,
             "alvo": "custo de validação mínimo", "chegaram": 10, "epocas_ate_alvo": 110.0, "curva": None,
             "curva_de": "x"}
    saida = new_output("display_data", data={resultados.MIME: dados, "text/plain": "..."})
    nb = new_notebook(cells=[new_code_cell("registrar(...)", outputs=[saida])])
    nbformat.write(nb, tmp_path / "02-x.ipynb")
    lidos = resultados.coletar(tmp_path)
    assert len(lidos) == 1 and lidos[0]["notebook"] == "02-x.ipynb"
    tabela = resultados.tabela_markdown(lidos)
    assert "| 2. Validação | melhor época | 10 | 19 | custo de validação mínimo | 10 de 10 | 110 |" in tabela
    lidos[0].update(epocas_ate_alvo=None, chegaram=3)
    assert "| 3 de 10 | nunca (menos da metade chegou) |" in resultados.tabela_markdown(lidos)
