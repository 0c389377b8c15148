import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from moonlib.livro import resultados


def test_registrar_arredonda_e_mostra_resumo(monkeypatch):
    mostrados = []
    monkeypatch.setattr("IPython.display.display", lambda dados, **kw: mostrados.append((dados, kw)))
    assert resultados.registrar(3, "Ativações", "Tanh, SGD 0,5", custo_treino=0.00123456, custo_validacao=2.5e-4,
                                taxa_teste=0.05, epocas_ate_alvo=412.0, alvo="custo ≤ 1e-3",
                                curva=[1.0 / (i + 1) for i in range(500)]) is None
    (dados, kw), = mostrados
    r = dados[resultados.MIME]
    assert kw["raw"] and "segundos" not in r  # o tempo fica na página de estado, medido de ponta a ponta
    assert r["custo_treino"] == 0.00123 and r["taxa_teste"] == 0.05 and r["epocas_ate_alvo"] == 412
    assert len(r["curva"]) == 60 and r["curva"][0] == [1, 1.0] and r["curva"][-1][0] == 500
    assert dados["text/plain"].startswith("Resultado do capítulo 3 (Tanh, SGD 0,5): custo de treino 0.00123")
    with pytest.raises(ValueError, match="capitulo"):
        resultados.registrar(0, "x", "y", custo_treino=1, custo_validacao=1, taxa_teste=1)
    with pytest.raises(ValueError, match="configuracao"):
        resultados.registrar(1, "x", " ", custo_treino=1, custo_validacao=1, taxa_teste=1)


def test_ler_e_tabela(tmp_path):
    dados = {"capitulo": 2, "titulo": "Validação", "configuracao": "melhor época", "custo_treino": 0.01,
             "custo_validacao": 0.02, "taxa_teste": 1.5, "epocas_ate_alvo": None, "alvo": None, "curva": None,
             "curva_de": "validação"}
    saida = new_output("display_data", data={resultados.MIME: dados, "text/plain": "..."})
    nb = new_notebook(cells=[new_code_cell("registrar(...)", outputs=[saida])])
    nbformat.write(nb, tmp_path / "02-x.ipynb")
    lidos = resultados.coletar(tmp_path)
    assert len(lidos) == 1 and lidos[0]["notebook"] == "02-x.ipynb"
    tabela = resultados.tabela_markdown(lidos)
    assert "| 2. Validação | melhor época | 0.01 | 0.02 | 1.5 | — |" in tabela
    lidos[0]["taxa_teste"] = 0.05
    assert "| 0.05 |" in resultados.tabela_markdown(lidos)
