"""O que se confere em cada página do livro aberta no navegador (ver ``test_navegador.py``).

``visitar`` abre uma página com um ``navegador.Navegador``, espera o MathJax e os
widgets, grava uma captura de tela e devolve um dicionário com o que se viu. Cada
função ``problemas_*`` recebe esse dicionário e devolve a lista de problemas da
página (vazia se está tudo certo); os testes juntam as listas de todas as páginas.
"""
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from bs4 import BeautifulSoup

# Esquemas que não são pedidos de rede: o próprio livro, dados embutidos, páginas internas.
LOCAIS = ("file:", "data:", "blob:", "about:")
CONTRASTE_MINIMO = 4.5  # WCAG 2, nível AA, texto comum

# Executado em cada página depois que ela carregou e o MathJax terminou.
INSPECIONAR = r"""(() => {
  const fora = "pre, code, script, style, textarea, mjx-container, .highlight";
  const cru = [];
  const andar = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = andar.nextNode(); n; n = andar.nextNode()) {
    if (n.parentElement && n.parentElement.closest(fora)) continue;
    const t = n.textContent;
    if (/\$\$|\\\[|\\\(|\\begin\{/.test(t)) cru.push(t.trim().slice(0, 80));
  }
  const conteudo = document.querySelector("article.bd-article") || document.body;
  const aqui = location.href.split("#")[0];
  return {
    url: location.href,
    titulo: document.title,
    tema: document.documentElement.dataset.theme || "",
    formulas: document.querySelectorAll(".math").length,
    sem_mathjax: [...document.querySelectorAll(".math")]
        .filter(e => !e.querySelector("mjx-container svg")).map(e => e.textContent.trim().slice(0, 80)),
    erros_tex: [...document.querySelectorAll("mjx-merror, [data-mjx-error]")]
        .map(e => e.getAttribute("data-mjx-error") || e.textContent.slice(0, 80)),
    tex_cru: cru,
    imagens: [...document.images].map(i => ({
        src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0,
        alt: i.getAttribute("alt"), conteudo: conteudo.contains(i)})),
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    ancoras_ausentes: [...document.querySelectorAll("a[href]")]
        .filter(a => a.href.split("#")[0] === aqui && a.hash.length > 1)
        .filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1))))
        .map(a => a.getAttribute("href")),
    baixar: [...document.querySelectorAll("a.btn-download-source-button")].map(a => a.href),
    widgets: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    widgets_desenhados: document.querySelectorAll(".widget-subarea > *").length,
    widgets_com_erro: [...document.querySelectorAll(".widget-subarea, .jupyter-widgets")]
        .filter(e => /Error displaying widget|model not found/i.test(e.textContent))
        .map(e => e.textContent.slice(0, 80)),
  };
})()"""

# Espera os widgets guardados (desenhados pelo html-manager depois da carga), até 15 s.
ESPERAR_WIDGETS = """(async () => {
  const total = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length;
  for (let i = 0; total && i < 150; i++) {
    if (document.querySelectorAll(".widget-subarea > *").length >= total) break;
    await new Promise(r => setTimeout(r, 100));
  }
})()"""

# Contraste do texto do conteúdo: para cada par (cor do texto, cor do fundo) distinto,
# a razão de contraste da WCAG e um exemplo de texto. Cores com transparência são
# misturadas com o fundo; o fundo é o do primeiro ancestral que tem cor de fundo.
CONTRASTES = r"""(() => {
  const rgba = c => { const v = c.match(/[\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const misturar = (a, b) => [0, 1, 2].map(i => a[i] * a[3] + b[i] * (1 - a[3]));
  const fundo = e => {
    const camadas = [];
    for (; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { camadas.push(c); if (c[3] >= 1) break; }
    }
    let cor = [255, 255, 255];
    for (const c of camadas.reverse()) cor = misturar(c, cor);
    return cor;
  };
  const lum = c => { const l = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const pares = new Map();
  const raiz = document.querySelector("article.bd-article") || document.body;
  const andar = document.createTreeWalker(raiz, NodeFilter.SHOW_TEXT);
  for (let n = andar.nextNode(); n; n = andar.nextNode()) {
    const e = n.parentElement;
    // fora: fórmulas (SVG), o “#” que só aparece sob o mouse, o atalho de teclado do tema
    if (!n.textContent.trim() || !e || !e.offsetParent
        || e.closest("mjx-container, script, style, a.headerlink, .search-button__kbd-shortcut")) continue;
    let opacidade = 1;
    for (let a = e; a; a = a.parentElement) opacidade *= +getComputedStyle(a).opacity;
    if (opacidade === 0) continue;
    const f = fundo(e), estilo = getComputedStyle(e), c = rgba(estilo.color);
    const t = misturar([c[0], c[1], c[2], c[3] * opacidade], f);
    const chave = t.map(Math.round) + "/" + f.map(Math.round);
    if (pares.has(chave)) continue;
    const [a, b] = [lum(t), lum(f)].sort((x, y) => y - x);
    pares.set(chave, {contraste: +((a + 0.05) / (b + 0.05)).toFixed(2), texto: n.textContent.trim().slice(0, 50),
                      cor: estilo.color, elemento: e.tagName.toLowerCase() + (e.className ? "." + e.className : "")});
  }
  return [...pares.values()];
})()"""




def paginas(raiz):
    """Todas as páginas HTML do livro, menos modelos internos do tema em ``_static/``."""
    return sorted(p for p in Path(raiz).rglob("*.html") if "_static" not in p.relative_to(raiz).parts)


def visitar(nav, pagina, captura, escuro=False):
    """Abre ``pagina`` (no modo escuro do sistema, se ``escuro``) e devolve o que se viu nela."""
    nav.abrir(Path(pagina).as_uri(), escuro=escuro)
    nav.avaliar(ESPERAR_WIDGETS, esperar_promessa=True)
    visto = nav.avaliar(INSPECIONAR)
    visto["contrastes"] = nav.avaliar(CONTRASTES)
    nav.captura(captura)
    nav.drenar(0.2)
    visto["captura"] = str(captura)
    visto["erros_js"] = erros_js(nav.eventos)
    visto["pedidos"] = [e["params"]["request"]["url"] for e in nav.eventos
                        if e["method"] == "Network.requestWillBeSent"]
    visto["falhas_de_carga"] = falhas_de_carga(nav.eventos)
    return visto


def erros_js(eventos):
    """Exceções não tratadas e mensagens de erro no console, a partir dos eventos do CDP."""
    erros = []
    for e in eventos:
        p = e["params"]
        if e["method"] == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            descricao = d.get("exception", {}).get("description") or d.get("text", "")
            erros.append(f"exceção: {descricao.splitlines()[0]} ({d.get('url', '')}:{d.get('lineNumber')})")
        elif e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
            texto = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            erros.append(f"console.{p['type']}: {texto[:200]}")
        elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
            erros.append(f"console: {p['entry']['text'][:200]} {p['entry'].get('url', '')}")
    return erros


def falhas_de_carga(eventos):
    """Recursos pedidos pela página que não chegaram (arquivo que falta, rede bloqueada)."""
    urls = {e["params"]["requestId"]: e["params"]["request"]["url"] for e in eventos
            if e["method"] == "Network.requestWillBeSent"}
    return [f"não carregou {urls.get(e['params']['requestId'], '?')}: {e['params']['errorText']}" for e in eventos
            if e["method"] == "Network.loadingFailed" and not e["params"].get("canceled")]


# -- as verificações: cada uma devolve a lista de problemas de uma página ---------

def problemas_js(visto, raiz):
    return visto["erros_js"] + visto["falhas_de_carga"]


def problemas_pedidos(visto, raiz):
    """Pedidos a endereços de fora: a internet, ou arquivos fora da pasta do livro."""
    dentro = Path(raiz).as_uri() + "/"
    return [f"pedido para fora do livro: {u}" for u in visto["pedidos"]
            if not u.startswith(LOCAIS) or (u.startswith("file:") and not u.startswith(dentro))]


def problemas_formulas(visto, raiz):
    return ([f"fórmula sem MathJax: {t}" for t in visto["sem_mathjax"]]
            + [f"erro de TeX: {t}" for t in visto["erros_tex"]]
            + [f"TeX cru no texto: {t}" for t in visto["tex_cru"]])


def problemas_imagens(visto, raiz):
    """Imagens que não carregaram; sem texto alternativo; com um caminho no lugar da descrição."""
    erros = [f"imagem não carregou: {i['src']}" for i in visto["imagens"] if not i["ok"]]
    for i in visto["imagens"]:
        alt = (i["alt"] or "").strip()
        if not alt:
            erros.append(f"imagem sem texto alternativo: {i['src']}")
        elif i["conteudo"] and nao_descreve(alt):
            erros.append(f"texto alternativo não descreve a imagem: {alt!r} ({i['src']})")
    return erros


def nao_descreve(alt):
    """Um caminho de arquivo, a repr de uma figura do Matplotlib ou uma palavra só."""
    return bool(re.search(r"\.(png|jpe?g|gif|svg|webp)\b|_images/|^<Figure size|^<matplotlib", alt, re.I)) \
        or len(alt.split()) < 2


@lru_cache(maxsize=None)
def _ids(arquivo):
    sopa = BeautifulSoup(Path(arquivo).read_text(encoding="utf-8"), "html.parser")
    return frozenset(t["id"] for t in sopa.find_all(id=True)) | frozenset(t["name"] for t in sopa.find_all(attrs={"name": True}))


def problemas_links(visto, raiz):
    """Links internos: o arquivo existe, dentro do livro, e a âncora existe nele."""
    raiz = Path(raiz).resolve()
    erros = [f"âncora inexistente nesta página: {h}" for h in visto["ancoras_ausentes"]]
    for url in sorted(set(visto["links"])):
        partes = urlsplit(url)
        if partes.scheme != "file":
            continue  # links para fora (repositório, Colab) o leitor abre; a página não os carrega
        alvo = Path(url2pathname(partes.path))
        if raiz not in alvo.resolve().parents:
            erros.append(f"link para fora do livro: {url}")
        elif not alvo.is_file():
            erros.append(f"link para arquivo inexistente: {alvo.relative_to(raiz)}")
        elif partes.fragment and alvo.suffix == ".html" and unquote(partes.fragment) not in _ids(str(alvo)):
            erros.append(f"link para âncora inexistente: {alvo.relative_to(raiz)}#{unquote(partes.fragment)}")
    return erros


def problemas_widgets(visto, raiz):
    erros = [f"widget com erro: {t}" for t in visto["widgets_com_erro"]]
    if visto["widgets_desenhados"] < visto["widgets"]:
        erros.append(f"{visto['widgets']} widgets guardados, {visto['widgets_desenhados']} desenhados")
    return erros


def problemas_contraste(visto, raiz):
    return [f"contraste {c['contraste']}:1 em {c['elemento']} “{c['texto']}” (cor {c['cor']})"
            for c in visto["contrastes"] if c["contraste"] < CONTRASTE_MINIMO]
