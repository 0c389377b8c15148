"""Confere o que o leitor vê no livro construído (a construção é a fixture ``html`` de conftest.py)."""
import json
import re
from pathlib import Path

import yaml

from apoio import NOTEBOOKS, RAIZ


def _url_repositorio():
    return yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]


def test_cada_capitulo_tem_pagina_com_figuras_formulas_e_botao_do_colab(html):
    assert NOTEBOOKS
    for nb in NOTEBOOKS:
        pagina = html / "notebooks" / (nb.stem + ".html")
        texto = pagina.read_text(encoding="utf-8")
        titulo = json.loads(nb.read_text(encoding="utf-8"))["cells"][0]["source"][0].lstrip("# ").strip()
        assert re.search(r"<h1>" + re.escape(titulo), texto), f"{pagina.name}: título {titulo!r} ausente"
        imagens = re.findall(r'<img[^>]*src="(\.\./_images/[^"]+)"', texto)
        assert len(imagens) >= 2, f"{pagina.name}: esperava as figuras do capítulo"
        for src in imagens:
            assert (pagina.parent / src).resolve().is_file(), f"{pagina.name}: imagem {src} não existe"
        assert texto.count('class="math notranslate') >= 3, "fórmulas ausentes"
        assert f"colab.research.google.com/github/{_url_repositorio().split('github.com/')[1]}/blob/main/notebooks/{nb.name}" in texto
        assert "google.colab" not in texto, "a célula de preparação do Colab deve ficar fora do HTML"
        assert "tag_hide-cell" in texto, "as soluções devem aparecer recolhidas"


def test_paginas_em_portugues_e_sem_recursos_externos(html):
    # index.html só redireciona; _static/ guarda modelos do tema, não páginas
    paginas = [p for p in html.rglob("*.html") if p != html / "index.html" and "_static" not in p.parts]
    assert len(paginas) >= 5
    assert "book/apresentacao.html" in (html / "index.html").read_text(encoding="utf-8")
    for pagina in paginas:
        texto = pagina.read_text(encoding="utf-8")
        assert '<html lang="pt"' in texto, pagina.name
        externos = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', texto)
        externos = [e for e in externos if not e.startswith(_url_repositorio())]
        assert not externos, f"{pagina.name} carrega recursos de fora do livro: {externos}"
    mathjax = html / "_static" / "mathjax" / "tex-svg-full.js"
    assert mathjax.is_file() and mathjax.stat().st_size > 1_000_000  # o MathJax de verdade, local
    assert 'src="../_static/mathjax/tex-svg-full.js' in (html / "notebooks" / (NOTEBOOKS[0].stem + ".html")).read_text(encoding="utf-8")


def test_um_so_endereco_do_repositorio():
    url = _url_repositorio()
    achados = set()
    for arquivo in [RAIZ / "README.md", *NOTEBOOKS, *(RAIZ / "book").glob("*.md")]:
        # Um link a uma discussão de outro projeto (…/issues/N, …/pull/N) não é o endereço do livro
        achados |= set(re.findall(r"https://github\.com/[\w.-]+/[\w.-]+(?![\w.-]|/(?:issues|pull)/)",
                                  arquivo.read_text(encoding="utf-8")))
    assert achados == {url}, f"endereços diferentes do de _config.yml ({url}): {achados - {url}}"
    for nb in NOTEBOOKS:
        preparo = json.loads(nb.read_text(encoding="utf-8"))["cells"][1]
        assert "remove-cell" in preparo["metadata"].get("tags", []) and "google.colab" in "".join(preparo["source"])
        assert f"git+{url}" in "".join(preparo["source"]), nb.name


def test_sem_pasta_static_na_raiz():
    """Com uma pasta _static/ na raiz, o Jupyter Book poria todo .js dela e de book/vendor em todas as páginas."""
    assert not (RAIZ / "_static").exists(), "use book/vendor (html_static_path em _config.yml), não _static/"
