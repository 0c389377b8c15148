"""O que vários testes usam: os caminhos do projeto e a leitura das tags das células.

Ferramentas maiores ficam em módulos próprios: ``navegador`` (um Chromium sem rede,
pelo protocolo DevTools), ``paginas`` (o que uma página do livro construído contém)
e ``ortografia`` (o texto corrido do livro, para o hunspell).
"""
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent.parent
"""A raiz do repositório."""

NOTEBOOKS = sorted((RAIZ / "notebooks").glob("*.ipynb"))
"""Os capítulos."""

PAGINAS_NOTEBOOK = sorted((RAIZ / "book").glob("*.ipynb"))
"""As páginas do livro que também são notebooks (o comparativo, o apêndice)."""


def tags(celula):
    """As tags de uma célula (dicionário do JSON ou ``NotebookNode``), como conjunto."""
    return set(celula.get("metadata", {}).get("tags", []))
