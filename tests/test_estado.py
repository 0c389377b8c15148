"""A página “Estado do livro”, escrita por ``python -m moonlib regenerar --estado``; tudo em tmp_path."""
import json
from datetime import datetime

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from moonlib.livro.comandos import main
from moonlib.livro.estado import PACOTES, escrever_estado, pagina_de_estado


def _notebook(caminho, titulo, *fontes):
    nb = new_notebook(cells=[new_markdown_cell(f"# {titulo}\n\nTexto."), *(new_code_cell(f) for f in fontes)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, caminho)


def _linha(pagina, arquivo):
    return next(l for l in pagina.splitlines() if f"`{arquivo}`" in l)


def test_estado_mostra_resultado_tempo_e_versoes_e_junta_com_a_execucao_anterior(tmp_path, capsys):
    pasta = tmp_path / "notebooks"
    pasta.mkdir()
    _notebook(pasta / "01-bom.ipynb", "1. Um capítulo que roda", "x = 6 * 7", "print(x)")
    _notebook(pasta / "02-ruim.ipynb", "2. Um capítulo que falha", "1 / 0")
    estado = tmp_path / "book" / "estado.md"

    assert main(["regenerar", str(pasta), "--estado", str(estado)]) == 1
    pagina = estado.read_text(encoding="utf-8")
    assert pagina.startswith("# Estado do livro\n")
    bom, ruim = _linha(pagina, "01-bom.ipynb"), _linha(pagina, "02-ruim.ipynb")
    assert bom.startswith("| {doc}`../notebooks/01-bom` |") and "`ok`" in bom and " s |" in bom
    assert "`falhou`" in ruim and "ZeroDivisionError" in ruim
    for programa in ("Python", *PACOTES):
        assert f"| `{programa}` |" in pagina or f"| {programa} |" in pagina, programa
    dados = json.loads(estado.with_suffix(".json").read_text(encoding="utf-8"))
    assert {r["caminho"] for r in dados["notebooks"]} == {"../notebooks/01-bom.ipynb", "../notebooks/02-ruim.ipynb"}
    assert "atualizado" in capsys.readouterr().out

    # Conserta o 02 e regenera só ele: a linha do 01 continua a da vez anterior.
    _notebook(pasta / "02-ruim.ipynb", "2. Um capítulo consertado", "1 / 1")
    assert main(["regenerar", str(pasta / "02-ruim.ipynb"), "--estado", str(estado)]) == 0
    nova = estado.read_text(encoding="utf-8")
    assert _linha(nova, "01-bom.ipynb") == bom
    assert "`ok`" in _linha(nova, "02-ruim.ipynb")
    titulos = {r["notebook"]: r["titulo"] for r in json.loads(estado.with_suffix(".json").read_text(encoding="utf-8"))["notebooks"]}
    assert titulos["02-ruim.ipynb"] == "2. Um capítulo consertado"

    # Um notebook apagado sai da página na próxima regeneração.
    (pasta / "01-bom.ipynb").unlink()
    assert main(["regenerar", str(pasta / "02-ruim.ipynb"), "--estado", str(estado)]) == 0
    assert "01-bom" not in estado.read_text(encoding="utf-8")


def test_pagina_de_estado_em_portugues(tmp_path):
    nb = tmp_path / "03-x.ipynb"
    nb.write_text("{}", encoding="utf-8")
    dados = escrever_estado(tmp_path / "estado.md", [
        {"notebook": "03-x.ipynb", "caminho": str(nb), "titulo": "3. Título", "ok": False, "segundos": 61.25,
         "erro": "ValueError: a | b `c`"}], agora=datetime(2026, 3, 1, 9, 5))
    pagina = pagina_de_estado(dados)
    linha = _linha(pagina, "03-x.ipynb")
    assert "61,2 s" in linha and "01/03/2026 09:05" in linha
    assert r"`ValueError: a \| b 'c'`" in linha  # a barra não quebra a tabela, a crase não quebra o código
