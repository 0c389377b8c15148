"""Extensão Sphinx local: o livro no navegador do leitor, com ou sem internet.

Correções pequenas do que o tema, o Sphinx e os widgets fazem na página, cada
uma achada por ``tests/test_navegador.py``, que abre cada página num Chromium
sem rede e falha com qualquer erro de JavaScript ou recurso que não carrega:

- Scripts repetidos: no Sphinx 7.4, um script sem arquivo (só ``body``)
  registrado depois de o construtor HTML começar, como o
  ``const THEBE_JS_URL = ...`` do sphinx-thebe, entra duas vezes em cada página
  (uma com nome ``None``, outra com nome ``''``), e a segunda declaração do
  ``const`` é um erro de JavaScript em todas as páginas. Aqui, no evento público
  ``html-page-context``, a lista de scripts de cada página perde as repetições.
  (O modo de cor padrão, ``auto``, é configuração: ``html_context`` em
  ``_config.yml``.)
- Busca sem servidor: aberta de uma pasta (``file://``), a página de busca acha
  as páginas, mas o resumo de cada resultado vem de um ``fetch`` da página, que
  o navegador bloqueia em ``file://``, e cada bloqueio é um erro. Lido de uma
  pasta, o livro mostra os resultados sem os resumos; num servidor, com eles.
- Widgets: o html-manager (``book/vendor/html-manager``) procura as fontes dos
  ícones numa pasta calculada a partir da página (``notebooks/@jupyter-widgets/...``,
  que não existe) e, ao desenhar uma descrição, chama ``MathJax.Hub.Queue``,
  que é do MathJax 2 (o livro usa o 3). A pasta das fontes passa a ser
  ``_static/html-manager/``, e ``MathJax.Hub.Queue`` vira uma ponte para o
  ``MathJax.typesetPromise`` do MathJax 3.
"""
# Logo depois de documentation_options.js (prioridade 200): antes da busca e dos widgets.
PRIORIDADE = 201

BUSCA_SEM_SERVIDOR = 'if (location.protocol === "file:") DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;'

WIDGETS = """\
window.__jupyter_widgets_assets_path__ = new URL(
  (document.documentElement.dataset.content_root || "") + "_static/html-manager/", location.href).href;
document.addEventListener("DOMContentLoaded", function () {
  var mj = window.MathJax;  /* o MathJax 3 já carregou (defer) e trocou o objeto global */
  if (!mj || mj.Hub || !mj.startup) return;
  mj.Hub = {Queue: function (tarefa) {
    var elemento = Array.isArray(tarefa) ? tarefa[2] : null;
    mj.startup.promise.then(function () { return mj.typesetPromise(elemento ? [elemento] : undefined); });
  }};
});"""


def _sem_scripts_repetidos(app, pagename, templatename, context, doctree):
    """Tira da página os scripts repetidos (mesmo arquivo, ou o mesmo texto sem arquivo)."""
    vistos, unicos = set(), []
    for js in context.get("script_files", []):
        atributos = getattr(js, "attributes", {})
        chave = (getattr(js, "filename", str(js)) or "", atributos.get("body", ""))
        if chave not in vistos:
            vistos.add(chave)
            unicos.append(js)
    context["script_files"] = unicos


def setup(app):
    # por último: depois de todas as extensões terem posto os seus scripts na página
    app.connect("html-page-context", _sem_scripts_repetidos, priority=900)
    app.add_js_file(None, body=BUSCA_SEM_SERVIDOR, priority=PRIORIDADE)
    app.add_js_file(None, body=WIDGETS, priority=PRIORIDADE)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
