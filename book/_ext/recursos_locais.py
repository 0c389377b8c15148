"""Extensão Sphinx local: publica em ``_static/`` os recursos de ``book/vendor``.

MathJax, require.js e o html-manager dos widgets ficam guardados no repositório
para que o livro funcione sem internet. Eles não moram numa pasta ``_static/`` na
raiz porque o Jupyter Book inclui *todo* ``.js`` dessa pasta em *todas* as
páginas; aqui eles só são copiados, e cada página carrega apenas o que usa
(``mathjax_path`` e ``nb_ipywidgets_js`` em ``_config.yml``).
"""
from pathlib import Path

PASTA_VENDOR = Path(__file__).resolve().parent.parent / "vendor"


def _publicar_vendor(app, config):
    if not PASTA_VENDOR.is_dir():
        raise FileNotFoundError(f"pasta de recursos locais não encontrada: {PASTA_VENDOR}")
    caminhos = list(config.html_static_path)
    if str(PASTA_VENDOR) not in caminhos:
        caminhos.append(str(PASTA_VENDOR))
    config.html_static_path = caminhos


def setup(app):
    app.connect("config-inited", _publicar_vendor)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
