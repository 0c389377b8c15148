"""O livro impresso: um PDF do livro inteiro e um por capítulo, na edição do aluno e na do professor.

``python -m moonlib pdf`` (``make pdf``):

1. copia as fontes do livro para uma pasta temporária e prepara os notebooks para o papel:
   na edição do aluno, sem as células de solução; na do professor, com elas abertas; cada
   animação vira o seu último quadro, com a legenda; cada *widget* (o *Playground*) vira a
   figura e a linha de estado que ele guardou; nada fica recolhido;
2. constrói o livro numa página só (o construtor ``singlehtml`` do Jupyter Book), com as
   seções numeradas;
3. imprime essa página com o Chromium do Debian, sem rede, em A4: o livro inteiro e, com
   os outros capítulos escondidos, cada capítulo. As fórmulas são desenhadas pelo MathJax
   que acompanha o livro, e o sumário do PDF (os marcadores) vem dos títulos.

Por que o Chromium, e não o LaTeX: ele já é instalado para os testes do livro no navegador
(nenhum pacote a mais no CI, contra algumas centenas de MB de TeX Live), imprime as
fórmulas, as figuras e as tabelas como o leitor as vê no HTML, e as regras de impressão
são CSS (``IMPRESSAO``), fáceis de ajustar.
"""
import copy
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from ..validacao import ParametroInvalido
from . import cadernos

EDICOES = ("aluno", "professor")
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")

# O que entra na cópia das fontes (o resto do repositório não faz parte do livro)
FONTES = ("_config.yml", "_toc.yml", "book", "notebooks")

IMPRESSAO = """
@page { size: A4; margin: 20mm 17mm 20mm 17mm;
        @bottom-center { content: counter(page); font: 9pt sans-serif; color: #555; } }
html { font-size: 10.5pt; }
body { background: white !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article, .bd-footer-content,
.header-article-items, .prev-next-area, .bd-header-article, .skip-link, .search-button-field, .theme-switch-button,
.headerlink, #pst-back-to-top, .copybtn, .toggle-hidden, .cell_output .widget-subarea button, .bd-search,
.article-header-buttons, .bd-header-announcement { display: none !important; }
.bd-container, .bd-container__inner, .bd-main, .bd-content, .bd-article-container, .bd-article, .bd-page-width {
  max-width: none !important; width: auto !important; padding: 0 !important; margin: 0 !important; display: block !important; }
pre, .highlight pre, .cell_output pre, div.output pre { white-space: pre-wrap !important; overflow-wrap: anywhere !important;
  word-break: break-word !important; overflow: visible !important; max-height: none !important; font-size: 8pt !important; }
div.cell_output, div.output, .output_area, .jp-OutputArea { overflow: visible !important; max-height: none !important; }
img { max-width: 100% !important; height: auto !important; }
table { width: 100% !important; table-layout: fixed !important; font-size: 8.5pt !important; }
table td, table th { overflow-wrap: anywhere; word-break: break-word; white-space: normal !important; }
mjx-container[display="true"] { overflow: visible !important; max-width: 100% !important; }
mjx-container[display="true"] > svg { max-width: 100% !important; height: auto !important; }
details { display: block !important; }
details > summary { list-style: none; }
span[id^="document-"] + section { break-before: page; }
h1, h2, h3 { break-after: avoid; }
figure, img, .cell_output img, table, div.cell_input, div.cell_output { break-inside: avoid; }
figure.no-papel { margin: 4pt 0; text-align: center; }
figure.no-papel figcaption { font-size: 8.5pt; color: #444; font-style: italic; }
.capa { break-after: page; text-align: center; padding-top: 70mm; }
.capa h1 { font-size: 24pt; break-before: auto; }
nav.sumario { break-after: page; }
nav.sumario ol { list-style: none; padding-left: 0; }
nav.sumario li { margin: 2pt 0; }
nav.sumario a { color: black; text-decoration: none; }
a { color: #0b4f8a; }
"""


def _chromium():
    for nome in CHROMIUM:
        caminho = shutil.which(nome)
        if caminho:
            return caminho
    return None


def faltando():
    """O que falta para gerar o PDF nesta máquina (texto vazio se nada falta); o teste também usa o poppler."""
    if _chromium() is None:
        return "o Chromium do Debian (apt-get install chromium)"
    if shutil.which("jupyter-book", path=os.path.dirname(sys.executable)) is None:
        return "o Jupyter Book no ambiente (pip install -r requirements.txt)"
    return ""


# -- 1. os notebooks no papel ---------------------------------------------------------------

# O to_jshtml do Matplotlib quebra o base64 de cada quadro em linhas terminadas por "\" (continuação em JS).
_QUADROS = re.compile(r'frames\[(\d+)\] = "data:image/png;base64,([A-Za-z0-9+/=\\\n]+)"')
_ALT = re.compile(r'<img id="_anim_img\w+" alt="([^"]*)"')
_IMAGEM = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"(?: alt="([^"]*)")?')
_ESTADO = re.compile(r"<span>(época [^<]*)</span>")


def _ultimo_quadro(html):
    """O último quadro (PNG em base64) e o texto alternativo de uma animação de ``animar_fronteiras``."""
    quadros = _QUADROS.findall(html)
    if not quadros:
        return None
    _, dados = max(quadros, key=lambda q: int(q[0]))
    alt = _ALT.search(html)
    return re.sub(r"[\\\n]", "", dados), (alt.group(1) if alt else "Animação")


def _figura_do_widget(modelo, estados):
    """A figura (PNG em base64) e a linha de estado guardadas num *widget*, procuradas nos seus filhos."""
    imagem, estado, vistos, fila = None, None, set(), [modelo]
    while fila:
        atual = fila.pop(0)
        if atual in vistos or atual not in estados:
            continue
        vistos.add(atual)
        dados = estados[atual].get("state", {})
        valor = dados.get("value")
        if isinstance(valor, str):
            imagem = imagem or _IMAGEM.search(valor)
            estado = estado or _ESTADO.search(valor)
        fila += [f[len("IPY_MODEL_"):] for f in dados.get("children", []) if isinstance(f, str)]
    return imagem, estado


def _saida_de_imagem(dados, legenda):
    """Uma saída com a imagem e a sua legenda, visível no papel (uma ``<figure>`` em HTML)."""
    from nbformat import from_dict
    figura = (f'<figure class="no-papel"><img src="data:image/png;base64,{dados}" alt="{html.escape(legenda)}">'
              f"<figcaption>{html.escape(legenda)}</figcaption></figure>")
    return from_dict({"output_type": "display_data", "metadata": {}, "data": {"text/html": figura, "text/plain": legenda}})


def para_o_papel(nb, edicao):
    """Uma cópia de ``nb`` pronta para imprimir na ``edicao`` (``"aluno"`` ou ``"professor"``)."""
    nb = copy.deepcopy(nb)
    estados = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    celulas = []
    for celula in nb.cells:
        tags = set(celula.metadata.get("tags", []))
        if edicao == "aluno" and "solucao" in tags:
            continue
        # Nada recolhido no papel: soluções (na edição do professor) e "Para ir além" aparecem abertas.
        celula.metadata["tags"] = [t for t in celula.metadata.get("tags", [])
                                   if t not in ("hide-cell", "hide-input", "hide-output")]
        celula.metadata.pop("jupyter", None)
        if celula.cell_type == "code":
            saidas = []
            for saida in celula.get("outputs", []):
                dados = saida.get("data", {})
                pagina = dados.get("text/html", "")
                pagina = "".join(pagina) if isinstance(pagina, list) else pagina
                if "_anim_img" in pagina and _ultimo_quadro(pagina):
                    quadro, alt = _ultimo_quadro(pagina)
                    saidas.append(_saida_de_imagem(quadro, f"{alt} (último quadro; no livro em HTML, a animação inteira)"))
                    continue
                visao = dados.get("application/vnd.jupyter.widget-view+json")
                if visao:
                    imagem, estado = _figura_do_widget(visao.get("model_id"), estados)
                    if imagem:
                        texto = estado.group(1) if estado else "o estado guardado"
                        saidas.append(_saida_de_imagem(imagem.group(1), f"Playground: {texto}. No Jupyter ou no "
                                                                        "Colab, os controles respondem."))
                    continue  # os controles em si não fazem sentido no papel
                saidas.append(saida)
            celula.outputs = saidas
        celulas.append(celula)
    if celulas and celulas[0].cell_type == "markdown":  # "# 3. Funções de ativação": o PDF numera sozinho
        celulas[0].source = re.sub(r"^# \d+\. ", "# ", celulas[0].source)
    nb.cells = celulas
    nb.metadata.pop("widgets", None)
    return nb


# -- 2. a página única ------------------------------------------------------------------------

def preparar_fontes(destino, edicao, raiz=Path(".")):
    """Copia as fontes do livro para ``destino``, com os notebooks no papel e as seções numeradas."""
    raiz, destino = Path(raiz), Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    for nome in FONTES:
        origem = raiz / nome
        if origem.is_dir():
            shutil.copytree(origem, destino / nome, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy2(origem, destino / nome)
    for caderno in sorted((destino / "notebooks").glob("*.ipynb")) + sorted((destino / "book").glob("*.ipynb")):
        cadernos.gravar(para_o_papel(cadernos.ler(caderno), edicao), caderno)
    # Sumário: a página de estado é para quem mantém o livro; as seções ganham números (1.1, 1.2...).
    toc = yaml.safe_load((destino / "_toc.yml").read_text(encoding="utf-8"))
    partes = []
    for parte in toc.get("parts", []):
        capitulos = [c for c in parte["chapters"] if c.get("file") != "book/estado"]
        numerados = [c for c in capitulos if c["file"].startswith("notebooks/")]
        outros = [c for c in capitulos if not c["file"].startswith("notebooks/")]
        if numerados:
            partes.append(dict(parte, chapters=numerados, numbered=True))
            if outros:
                partes.append({"caption": "Depois dos capítulos", "chapters": outros})
        elif outros:
            partes.append(dict(parte, chapters=outros))
    toc["parts"] = partes
    (destino / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((destino / "_config.yml").read_text(encoding="utf-8"))
    config["title"] += " (edição do professor)" if edicao == "professor" else ""
    (destino / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def construir(fontes, saida):
    """Constrói o livro de ``fontes`` numa página só; devolve o caminho do HTML."""
    jb = Path(sys.executable).with_name("jupyter-book")
    # Avisos são erros, como no livro em HTML: nenhuma referência fica "??" no papel.
    r = subprocess.run([str(jb), "build", str(fontes), "--builder", "singlehtml", "--path-output", str(saida),
                        "-W", "-n", "--keep-going"], capture_output=True, text=True, timeout=1200)
    if r.returncode != 0:
        raise RuntimeError("a construção da página única falhou:\n" + r.stdout[-2000:] + r.stderr[-2000:])
    paginas = list((Path(saida) / "_build" / "singlehtml").rglob("*.html"))
    principal = max(paginas, key=lambda p: p.stat().st_size)  # o livro inteiro (as outras só redirecionam)
    return principal


# -- 3. a impressão -----------------------------------------------------------------------------

_MARCADOR = re.compile(r'<span id="document-([^"]+)"></span>')
_TITULO = re.compile(r"<h[12][^>]*>(.*?)</h[12]>", re.S)


def _texto(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("#", "").strip()


def paginas_de_impressao(principal, titulo_do_livro, edicao):
    """Escreve, ao lado da página única, ``livro.html`` e uma página por capítulo; devolve ``{nome: caminho}``.

    A página única tem o documento raiz (a apresentação) e, depois de cada marcador
    ``<span id="document-...">`` do Sphinx, um documento. Cada página de impressão é a página
    única com o estilo de impressão (``IMPRESSAO``); a do livro ganha uma capa e um sumário com
    links; a de um capítulo fica só com ele. Como o Sphinx escreve ``_static/...`` relativo à raiz
    da página única, as páginas de impressão ficam nessa raiz.
    """
    texto = principal.read_text(encoding="utf-8")
    texto = texto.replace("</head>", f"<style>{IMPRESSAO}</style></head>", 1)
    inicio = texto.find("<section", texto.find("<article"))
    fim = texto.rfind("</section>", 0, texto.find("</article>")) + len("</section>")
    marcadores = list(_MARCADOR.finditer(texto, inicio, fim))
    pasta = principal.parent
    while not (pasta / "_static").is_dir() and pasta != pasta.parent:
        pasta = pasta.parent
    paginas = {}
    documentos = []
    for k, m in enumerate(marcadores):
        final = marcadores[k + 1].start() if k + 1 < len(marcadores) else fim
        titulo = _TITULO.search(texto, m.end(), final)
        documentos.append((m.group(1), m.start(), final, _texto(titulo.group(1)) if titulo else m.group(1)))
    edicao_texto = ("Edição do professor, com as soluções dos exercícios" if edicao == "professor"
                    else "Edição do aluno, sem as soluções dos exercícios")
    itens = "".join(f'<li><a href="#document-{nome}">{titulo}</a></li>' for nome, _, _, titulo in documentos)
    capa = (f'<div class="capa"><h1>{titulo_do_livro}</h1><p>{edicao_texto}</p></div>'
            f'<nav class="sumario"><h2>Sumário</h2><ol>{itens}</ol></nav>')
    paginas["livro"] = pasta / "livro.html"
    paginas["livro"].write_text(texto[:inicio] + capa + texto[inicio:], encoding="utf-8")
    for nome, comeco, final, _ in documentos:
        if nome.startswith("notebooks/"):
            destino = pasta / f"{Path(nome).name}.html"
            destino.write_text(texto[:inicio] + texto[comeco:final] + texto[fim:], encoding="utf-8")
            paginas[Path(nome).name] = destino
    return paginas


SINALIZADORES = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                 "--disable-extensions", "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--no-pdf-header-footer",
                 "--generate-pdf-document-outline", "--run-all-compositor-stages-before-draw",
                 "--virtual-time-budget=60000", "--allow-file-access-from-files"]


def imprimir(pagina, pdf, tempo_limite=600):
    """Imprime ``pagina`` (HTML local) em ``pdf`` com o Chromium, sem rede; as fórmulas saem desenhadas."""
    chromium = _chromium()
    with tempfile.TemporaryDirectory(prefix="meias-luas-pdf-") as perfil:
        r = subprocess.run([chromium, *SINALIZADORES, f"--user-data-dir={perfil}", f"--print-to-pdf={pdf}",
                            Path(pagina).resolve().as_uri()], capture_output=True, text=True, timeout=tempo_limite)
    if r.returncode != 0 or not Path(pdf).is_file():
        raise RuntimeError(f"o Chromium não imprimiu {pagina}:\n{r.stderr[-2000:]}")


# -- o comando ----------------------------------------------------------------------------------

def gerar(saida="pdf", edicoes=EDICOES, raiz=Path("."), relatar=print):
    """Gera ``saida/<edição>/meias-luas.pdf`` e ``saida/<edição>/capitulos/NN-....pdf``; devolve os caminhos.

    Os PDFs de cada edição são montados numa pasta temporária e só então tomam o lugar dos antigos.
    """
    falta = faltando()
    if falta:
        raise ParametroInvalido(f"para gerar o PDF falta {falta}")
    saida = Path(saida)
    if saida.exists() and not saida.is_dir():
        raise ParametroInvalido(f"--saida {saida} é um arquivo, não uma pasta")
    titulo = yaml.safe_load((Path(raiz) / "_config.yml").read_text(encoding="utf-8"))["title"]
    gerados = []
    for edicao in edicoes:
        inicio = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"meias-luas-pdf-{edicao}-") as pasta:
            pasta = Path(pasta)
            preparar_fontes(pasta / "fontes", edicao, raiz)
            principal = construir(pasta / "fontes", pasta / "html")
            paginas = paginas_de_impressao(principal, titulo, edicao)
            pronta = pasta / "pdf"
            (pronta / "capitulos").mkdir(parents=True)
            imprimir(paginas.pop("livro"), pronta / "meias-luas.pdf")
            for nome, pagina in paginas.items():
                imprimir(pagina, pronta / "capitulos" / f"{nome}.pdf")
            destino = saida / edicao
            (destino / "capitulos").mkdir(parents=True, exist_ok=True)
            for arquivo in sorted(pronta.rglob("*.pdf")):
                final = destino / arquivo.relative_to(pronta)
                os.replace(arquivo, final)
                gerados.append(final)
        relatar(f"edição do {edicao}: {len(paginas) + 1} PDFs em {destino} ({time.perf_counter() - inicio:.0f} s)")
    return gerados


def main(argumentos):
    edicoes = EDICOES if argumentos.edicao == "ambas" else (argumentos.edicao,)
    gerados = gerar(argumentos.saida, edicoes)
    print(f"{len(gerados)} PDFs em {argumentos.saida}")
    return 0
