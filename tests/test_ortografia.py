"""Ortografia e termos: o texto do livro passa pelo hunspell pt_BR sem nenhuma palavra desconhecida.

Confere as páginas do livro (``book/*.md``, ``book/*.ipynb``) e as células de texto dos
capítulos (``notebooks/*.ipynb``), com as legendas e os textos alternativos das figuras
(``mystnb.figure.caption`` e ``mystnb.image.alt``). Código, fórmulas, endereços e a sintaxe
do MyST ficam de fora (``ortografia.py``). O que o dicionário não conhece e está certo
vai para ``book/palavras.txt``, com as regras que estão no cabeçalho dele.

Sem o hunspell e os dicionários pt_BR e en_US, os testes são pulados com o motivo;
no CI (``CI=true``), falham.
"""
import json
import os
import warnings

import pytest

from apoio import RAIZ, ortografia

FONTES = sorted([*(RAIZ / "book").glob("*.md"), *(RAIZ / "book").glob("*.ipynb"),
                 *(RAIZ / "notebooks").glob("*.ipynb")])
INGLES = "Termos em inglês"  # seção da lista: em itálico na primeira vez em cada página


@pytest.fixture(scope="module", autouse=True)
def hunspell():
    if not ortografia.hunspell_disponivel():
        motivo = ("sem o hunspell com os dicionários pt_BR e en_US (Debian: apt-get install hunspell "
                  "hunspell-pt-br hunspell-en-us): ortografia não conferida")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no CI a ortografia é obrigatória; {motivo}")
        warnings.warn(motivo, pytest.PytestWarning)  # aparece no resumo do pytest mesmo sem -rs
        pytest.skip(motivo)


@pytest.fixture(scope="module")
def lista():
    return ortografia.lista_do_projeto()


def _trechos(fonte):
    """``[(onde, texto Markdown)]`` de uma página .md ou das células de texto e legendas de um notebook."""
    if fonte.suffix == ".md":
        return [("", fonte.read_text(encoding="utf-8"))]
    trechos = []
    for i, c in enumerate(json.loads(fonte.read_text(encoding="utf-8"))["cells"], 1):
        if c["cell_type"] == "markdown":
            trechos.append((f"célula {i}", "".join(c["source"])))
        mystnb = c.get("metadata", {}).get("mystnb", {})
        for chave, valor in (("legenda", mystnb.get("figure", {}).get("caption")),
                             ("texto alternativo", mystnb.get("image", {}).get("alt"))):
            if isinstance(valor, str):
                trechos.append((f"célula {i}, {chave}", valor))
    return trechos


def _nome(fonte):
    return fonte.relative_to(RAIZ).as_posix()


@pytest.fixture(scope="module")
def desconhecidas(lista):
    """Todas as palavras desconhecidas do livro: ``(no texto normal, em itálico)``, com uma chamada ao hunspell cada."""
    normais, italicos = [], []
    for fonte in FONTES:
        for _, markdown in _trechos(fonte):
            normal, italico = ortografia.separar_italico(ortografia.texto_corrido(markdown))
            normais.append(normal)
            italicos += italico
    return (set(ortografia.desconhecidas("\n".join(normais), lista)),
            set(ortografia.desconhecidas("\n".join(italicos), lista, ortografia.DICIONARIOS_DO_ITALICO)))


@pytest.mark.parametrize("fonte", FONTES, ids=_nome)
def test_nenhuma_palavra_desconhecida(fonte, desconhecidas):
    no_normal, no_italico = desconhecidas
    problemas = []
    for onde, markdown in _trechos(fonte):
        corrido = ortografia.texto_corrido(markdown)
        normal, italicos = ortografia.separar_italico(corrido)
        italico = "\n".join(italicos)
        achadas = sorted({p for p in no_normal if ortografia.aparece(p, normal)}
                         | {p for p in no_italico if ortografia.aparece(p, italico)})
        for palavra in achadas:
            linha, texto = ortografia.linha_com(markdown, corrido, palavra)
            lugar = ", ".join(x for x in (onde, f"linha {linha}" if linha else "") if x)
            problemas.append(f"  {palavra!r} ({lugar}): {texto[:100]}")
    print(f"{_nome(fonte)}: {len(problemas)} palavras desconhecidas")
    assert not problemas, (f"{_nome(fonte)}: palavras que o hunspell pt_BR não conhece. Corrija a grafia; se a "
                           f"palavra está certa, ponha em itálico (termo em inglês) ou, seguindo as regras do "
                           f"cabeçalho, acrescente a book/palavras.txt:\n" + "\n".join(problemas))


@pytest.mark.parametrize("pagina", sorted((RAIZ / "book").glob("*.md")), ids=_nome)
def test_termo_em_ingles_aparece_em_italico_da_primeira_vez(pagina, lista):
    """Nas páginas do livro, a primeira ocorrência de cada termo em inglês está em itálico (ou é um link ao glossário)."""
    texto = ortografia.texto_corrido(pagina.read_text(encoding="utf-8"))
    ruins = []
    for palavra, secao in lista.items():
        if secao == INGLES and ortografia.primeira_em_italico(texto, palavra) is False:
            ruins.append(palavra)
    assert not ruins, f"{_nome(pagina)}: na primeira vez, escreva em itálico (*termo*): {ruins}"


def test_lista_de_palavras_e_enxuta(lista):
    """Cada palavra da lista é desconhecida do dicionário, aparece no livro e está numa seção das regras."""
    texto = "\n".join(ortografia.texto_corrido(md) for f in FONTES for _, md in _trechos(f))
    desconhecidas = set(ortografia.desconhecidas("\n".join(lista), {}))
    conhecidas = [p for p in lista if not desconhecidas & set(p.split("-"))]  # hold-out: o hunspell vê “hold”
    assert not conhecidas, f"o dicionário pt_BR já conhece (tire de book/palavras.txt): {conhecidas}"
    sem_uso = [p for p in lista if not ortografia.aparece(p, texto) and not ortografia.aparece(p.capitalize(), texto)]
    assert not sem_uso, f"não aparecem mais no texto do livro (tire de book/palavras.txt): {sem_uso}"
    secoes = set(lista.values())
    assert "" not in secoes and INGLES in secoes, f"toda palavra fica numa seção “## ...”: {secoes}"
    linhas = [l.strip() for l in ortografia.LISTA.read_text(encoding="utf-8").splitlines()]
    assert len(lista) == len([l for l in linhas if l and not l.startswith("#")]), "palavras repetidas na lista"


def test_texto_corrido_tira_codigo_formulas_e_sintaxe():
    fonte = """(rotulo-x)=
# Título com `código` e $x^2$

Texto com {cite}`haykin2009`, {ref}`o glossário <glossario-x>`, https://exemplo.invalid/a e <b>tag</b>.
Fórmula que quebra a linha $a +
b$ e [link](https://exemplo.invalid) e ![figura linda](img.png).

```python
naoeportugues = 1
```

$$
y = \\varphi(x)
$$ (eq-rotulo)

```{admonition} Pense!
:class: tip
O conteúdo do aviso é texto.
```

:::{math}
\\alpha
:::
"""
    texto = ortografia.texto_corrido(fonte)
    for fora in ("código", "x^2", "haykin2009", "exemplo", "<b>", "a +", "naoeportugues", "varphi", "eq-rotulo",
                 ":class:", "alpha", "rotulo-x", "img.png"):
        assert fora not in texto, fora
    for dentro in ("Título com", "o glossário", "tag", "link", "figura linda", "Pense!", "O conteúdo do aviso é texto."):
        assert dentro in texto, dentro
    normal, italicos = ortografia.separar_italico("um *dropout* e **negrito** e **Validação *hold-out***\n* item\n")
    assert italicos == ["dropout", "hold-out"] and "negrito" in normal and "* item" in normal
    assert ortografia.primeira_em_italico("o kernel e o *kernel*", "kernel") is False
    assert ortografia.primeira_em_italico("o ***Kernel*** e o kernel", "kernel") is True
    assert ortografia.desconhecidas("palavra errrada", {}) == ["errrada"]
    assert ortografia.desconhecidas("o dropout", {}, ortografia.DICIONARIOS_DO_ITALICO) == []
