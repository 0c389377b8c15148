"""O livro como o leitor o recebe: cada página aberta num Chromium sem rede.

O livro construído (fixture ``html`` de conftest.py) é compactado num .zip e
descompactado noutra pasta, com espaço e acento no nome, como ensina “Como usar
este livro”; cada página é aberta de lá, por ``file://``, num Chromium sem
interface e sem rede (``navegador.py``). Cada teste confere um aspecto
(``paginas.py``) em todas as páginas e, se falhar, lista as páginas com problema
e a captura de tela de cada uma:

- nenhum erro de JavaScript, mensagem de erro no console ou recurso que não carregou;
- nenhum pedido a endereço fora do livro (o livro funciona sem internet);
- todas as fórmulas desenhadas pelo MathJax, sem TeX cru nem erros de TeX;
- todas as imagens carregadas, com texto alternativo que descreve a figura;
- todos os links internos levam a um arquivo do livro e a uma âncora que existe;
- cada capítulo oferece o seu .ipynb para baixar;
- os widgets guardados aparecem; a busca funciona sem servidor;
- o modo escuro do tema vale para os capítulos, e o texto tem contraste nos dois modos.

Uma captura de tela de cada página inteira (e dos capítulos também no modo escuro)
fica numa pasta temporária, mostrada no fim da execução do pytest. Sem o Chromium
(``/usr/bin/chromium``), os testes são pulados com o motivo; no CI (``CI=true``),
falham.
"""
import json
import os
import warnings
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest

from apoio import NOTEBOOKS, RAIZ, paginas
from apoio.navegador import CHROMIUM, Navegador, chromium_disponivel
from conftest import anunciar_capturas



@pytest.fixture(scope="module")
def navegador():
    if not chromium_disponivel():
        motivo = f"sem o Chromium em {CHROMIUM} (Debian: apt-get install chromium): páginas do livro não conferidas"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no CI as verificações no navegador são obrigatórias; {motivo}")
        warnings.warn(motivo, pytest.PytestWarning)  # aparece no resumo do pytest mesmo sem -rs
        pytest.skip(motivo)
    with Navegador() as nav:
        yield nav


@pytest.fixture(scope="module")
def livro_copiado(html, tmp_path_factory):
    """O livro como um leitor o recebe: ``html`` num .zip, descompactado noutra pasta."""
    pacote = tmp_path_factory.mktemp("pacote") / "livro.zip"
    with zipfile.ZipFile(pacote, "w", zipfile.ZIP_DEFLATED) as z:  # como: cd _build && zip -r livro.zip html
        for arquivo in sorted(html.rglob("*")):
            z.write(arquivo, Path("html") / arquivo.relative_to(html))
    destino = tmp_path_factory.mktemp("leitor") / "Meus livros" / "meias-luas (cópia)"
    with zipfile.ZipFile(pacote) as z:
        z.extractall(destino)
    return destino / "html"


@pytest.fixture(scope="module")
def visitas(navegador, livro_copiado, tmp_path_factory, request):
    """Abre cada página no modo claro, e os capítulos também no escuro; ``{página: o que se viu}``."""
    capturas = tmp_path_factory.mktemp("capturas")
    anunciar_capturas(request.config, capturas)
    resultado = {}
    for pagina in paginas.paginas(livro_copiado):
        nome = pagina.relative_to(livro_copiado).as_posix()
        arquivo = nome.replace("/", "__").removesuffix(".html")
        resultado[nome] = paginas.visitar(navegador, pagina, capturas / f"{arquivo}.png")
        if nome.startswith("notebooks/"):
            resultado[nome]["escuro"] = paginas.visitar(navegador, pagina, capturas / f"{arquivo}-escuro.png",
                                                        escuro=True)
    return resultado


def _relatorio(visitas, verificacao, raiz):
    """Os problemas de todas as páginas, ``{página: [problemas..., captura]}``, em JSON legível; "" se nenhum."""
    problemas = {}
    for nome, v in visitas.items():
        for modo, visto in (("", v), (" (modo escuro)", v.get("escuro"))):
            if visto and (lista := verificacao(visto, raiz)):
                problemas[nome + modo] = lista + [f"captura: {visto['captura']}"]
    return json.dumps(problemas, ensure_ascii=False, indent=1)[:8000] if problemas else ""


def test_todas_as_paginas_foram_abertas(visitas, livro_copiado):
    assert len(visitas) >= 5, f"poucas páginas em {livro_copiado}: {sorted(visitas)}"
    capitulos = {f"notebooks/{nb.stem}.html" for nb in NOTEBOOKS}
    assert capitulos <= set(visitas), f"capítulos sem página: {capitulos - set(visitas)}"
    assert visitas["index.html"]["url"].endswith("/book/apresentacao.html"), "index.html deve levar à apresentação"
    for nome, v in visitas.items():
        assert v["url"].startswith(livro_copiado.as_uri()), f"{nome} abriu {v['url']}, fora da cópia do livro"
        assert Path(v["captura"]).stat().st_size > 10_000, f"{nome}: captura de tela vazia"


def test_sem_erros_de_javascript(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_js, livro_copiado)
    assert not problemas, "erros de JavaScript ou recursos que não carregaram:\n" + problemas


def test_nenhum_pedido_fora_do_livro(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_pedidos, livro_copiado)
    assert not problemas, "o livro deve abrir sem internet e sem arquivos de fora da sua pasta:\n" + problemas


def test_formulas_desenhadas_pelo_mathjax(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_formulas, livro_copiado)
    assert not problemas, "fórmulas que o leitor não vê desenhadas:\n" + problemas
    for nb in NOTEBOOKS:
        assert visitas[f"notebooks/{nb.stem}.html"]["formulas"] >= 3, f"{nb.name}: fórmulas ausentes"


def test_imagens_carregam_e_tem_descricao(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_imagens, livro_copiado)
    assert not problemas, ("imagens quebradas ou sem descrição (nos notebooks: mystnb.image.alt e "
                           "mystnb.figure.caption nos metadados da célula):\n" + problemas)


def test_links_internos_levam_a_arquivos_e_ancoras_que_existem(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_links, livro_copiado)
    assert not problemas, "links internos quebrados:\n" + problemas


def test_widgets_guardados_aparecem(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_widgets, livro_copiado)
    assert not problemas, ("widgets que não aparecem (o estado foi guardado? python -m moonlib regenerar "
                           "guarda):\n" + problemas)


def test_texto_legivel_nos_modos_claro_e_escuro(visitas, livro_copiado):
    problemas = _relatorio(visitas, paginas.problemas_contraste, livro_copiado)
    assert not problemas, f"texto com pouco contraste (o mínimo é {paginas.CONTRASTE_MINIMO}:1):\n" + problemas


def test_capitulos_seguem_o_modo_escuro(visitas):
    assert NOTEBOOKS
    for nb in NOTEBOOKS:
        v = visitas[f"notebooks/{nb.stem}.html"]["escuro"]
        assert v["tema"] == "dark", f"{nb.name}: o tema não seguiu o modo escuro do sistema ({v['tema']!r})"


def test_cada_capitulo_oferece_o_notebook_para_baixar(visitas, livro_copiado):
    assert NOTEBOOKS
    for nb in NOTEBOOKS:
        v = visitas[f"notebooks/{nb.stem}.html"]
        ipynb = [u for u in v["baixar"] if urlsplit(u).path.endswith(f"/{nb.name}")]
        assert ipynb, f"{nb.name}: a página não tem o botão de baixar o .ipynb ({v['baixar']})"
        arquivo = Path(url2pathname(urlsplit(ipynb[0]).path))
        assert arquivo.is_file(), f"{nb.name}: o botão de baixar aponta para {arquivo}, que não existe"
        assert livro_copiado.resolve() in arquivo.resolve().parents, f"{arquivo} está fora do livro"
        assert json.loads(arquivo.read_text(encoding="utf-8"))["cells"], f"{arquivo} não é um notebook"


def test_busca_funciona_sem_servidor(navegador, livro_copiado):
    navegador.abrir((livro_copiado / "search.html").as_uri() + "?q=gradiente")
    resultados = navegador.avaliar("""(async () => {
        for (let i = 0; i < 100; i++) {
          const itens = document.querySelectorAll("#search-results li");
          if (itens.length) return [...itens].map(li => li.textContent.trim().slice(0, 60));
          await new Promise(r => setTimeout(r, 100));
        }
        return [];
    })()""", esperar_promessa=True)
    navegador.drenar(0.5)
    assert any("Glossário" in r for r in resultados), f"a busca por “gradiente” não achou o glossário: {resultados}"
    erros = paginas.erros_js(navegador.eventos) + paginas.falhas_de_carga(navegador.eventos)
    assert not erros, f"a busca, aberta de uma pasta, deu erros: {erros}"


# -- as verificações acham os defeitos que procuram ------------------------------

PAGINA_COM_DEFEITOS = """<!DOCTYPE html>
<html lang="pt"><head><meta charset="utf-8"><title>Defeitos</title></head>
<body style="background: #fff; color: #000">
<p id="existe">Texto normal.</p>
<p style="color: #bbb">Texto claro demais no fundo branco.</p>
<span class="math">\\(x^2\\)</span>
<p>Uma fórmula esquecida: $$y = x$$</p>
<img src="nao-existe.png" alt="Uma figura que falta">
<img src="../fora.png" alt="figura.png">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<img src="https://exemplo.invalid/logo.png" alt="Logotipo de fora do livro">
<a href="outra.html#nada">âncora que não existe</a>
<a href="sumiu.html">arquivo que não existe</a>
<a href="#tambem-nao">âncora local que não existe</a>
<a href="#existe">âncora que existe</a>
<script>console.error("algo deu errado"); nao_definida();</script>
</body></html>
"""


def test_as_verificacoes_acham_os_defeitos(navegador, tmp_path):
    raiz = tmp_path / "livro"
    raiz.mkdir()
    (raiz / "defeitos.html").write_text(PAGINA_COM_DEFEITOS, encoding="utf-8")
    (raiz / "outra.html").write_text("<html><body><p id='algo'>outra</p></body></html>", encoding="utf-8")
    visto = paginas.visitar(navegador, raiz / "defeitos.html", tmp_path / "defeitos.png")
    esperado = {
        paginas.problemas_js: ["nao_definida", "algo deu errado", "nao-existe.png"],
        paginas.problemas_pedidos: ["exemplo.invalid", "fora.png"],
        paginas.problemas_formulas: ["sem MathJax", "$$y = x$$"],
        paginas.problemas_imagens: ["nao-existe.png", "'figura.png'", "sem texto alternativo"],
        paginas.problemas_links: ["outra.html#nada", "sumiu.html", "#tambem-nao"],
        paginas.problemas_contraste: ["Texto claro demais"],
    }
    for verificacao, trechos in esperado.items():
        achados = "\n".join(verificacao(visto, raiz))
        for trecho in trechos:
            assert trecho in achados, f"{verificacao.__name__} não achou {trecho!r}; achou:\n{achados}"
    assert "#existe" not in "\n".join(paginas.problemas_links(visto, raiz))
    assert "Texto normal" not in "\n".join(paginas.problemas_contraste(visto, raiz))


def test_figura_interativa_de_cada_capitulo_muda_com_o_controle(navegador, livro_copiado):
    """Sem kernel, o leitor arrasta o controle da animação e a figura muda (issue da interatividade)."""
    mover = """(() => [...document.querySelectorAll('input[type=range]')].map(controle => {
        const caixa = controle.closest('.animation') || controle.parentElement.parentElement;
        const img = caixa && caixa.querySelector('img');
        if (!img) return null;
        const antes = img.src;
        controle.value = controle.max;
        controle.dispatchEvent(new Event('input'));
        return {quadros: Number(controle.max) + 1, mudou: img.src !== antes && img.src.startsWith('data:image/png')};
    }).filter(Boolean))()"""
    problemas = {}
    for nb in NOTEBOOKS:
        navegador.abrir((livro_copiado / "notebooks" / f"{nb.stem}.html").as_uri())
        animacoes = navegador.avaliar(mover)
        if not animacoes or not all(a["mudou"] and a["quadros"] >= 8 for a in animacoes):
            problemas[nb.stem] = animacoes
    assert not problemas, f"capítulos sem figura interativa que mude com o controle: {problemas}"


def test_comparativo_mostra_uma_tabela_de_verdade(navegador, livro_copiado):
    """A tabela do comparativo chega ao leitor como tabela (antes, aparecia como texto com barras)."""
    navegador.abrir((livro_copiado / "book" / "comparativo.html").as_uri())
    linhas = navegador.avaliar("document.querySelectorAll('article table.comparativo tbody tr').length")
    cabecalho = navegador.avaliar("[...document.querySelectorAll('article table.comparativo th')].map(t => t.innerText)")
    assert linhas >= len(NOTEBOOKS), f"a tabela do comparativo tem {linhas} linhas"
    assert "erro no teste (mediana, %)" in cabecalho and "alvo" in cabecalho
    assert not navegador.avaliar("document.querySelector('article').innerText.includes('|---|')")
