"""Ortografia do livro: o texto corrido das páginas e dos notebooks, conferido pelo hunspell pt_BR.

``texto_corrido`` tira do Markdown (MyST) tudo o que não é prosa: blocos de código
e de matemática, código e fórmulas no meio da frase, endereços, papéis e diretivas
do MyST, rótulos, tags HTML. Ficam o texto, os títulos, as legendas, os textos
alternativos das figuras e os textos visíveis dos links. ``desconhecidas`` passa
esse texto pelo ``hunspell -d pt_BR -l`` e tira o que está em ``book/palavras.txt``;
os trechos em itálico, onde ficam os termos em inglês, passam pelo
``hunspell -d pt_BR,en_US -l`` (ver ``separar_italico``).
"""
import re
import shutil
import subprocess
from pathlib import Path

from . import RAIZ
LISTA = RAIZ / "book" / "palavras.txt"
HUNSPELL = "hunspell"
DICIONARIO = "pt_BR"
# Em itálico ficam os termos estrangeiros (e as ênfases): lá vale também o dicionário de inglês.
DICIONARIOS_DO_ITALICO = "pt_BR,en_US"

# Diretivas cujo conteúdo é texto do livro (avisos, dicas, blocos recolhíveis...);
# o conteúdo de todas as outras (código, math, bibliography...) sai inteiro.
DIRETIVAS_DE_TEXTO = {
    "admonition", "attention", "caution", "danger", "dropdown", "epigraph", "error", "figure", "hint",
    "important", "margin", "note", "seealso", "sidebar", "tip", "topic", "warning", "exercise", "solution",
}

_CERCA = re.compile(r"^(?P<recuo>\s*)(?P<cerca>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")


def _sem_blocos(linhas):
    """Apaga os blocos cercados (```, ~~~, :::) que não são texto; dos que são, só as cercas e opções.

    Cada linha apagada vira uma linha vazia, para que o texto mantenha a numeração da fonte.
    """
    saida = []
    pilha = []  # (cerca, é_texto)
    for linha in linhas:
        m = _CERCA.match(linha)
        if m and pilha and m["cerca"][0] == pilha[-1][0][0] and len(m["cerca"]) >= len(pilha[-1][0]) \
                and not m["info"].strip():
            pilha.pop()  # fecha o bloco mais interno
            saida.append("")
        elif m and (not pilha or pilha[-1][1]):
            diretiva = re.match(r"\{([\w:-]+)\}\s*(.*)", m["info"].strip())
            e_texto = bool(diretiva) and diretiva[1].split(":")[-1] in DIRETIVAS_DE_TEXTO
            pilha.append((m["cerca"], e_texto))
            saida.append(diretiva[2] if e_texto else "")  # o título de um aviso é texto
        elif pilha and not pilha[-1][1]:
            saida.append("")  # dentro de código, matemática...
        elif pilha and re.match(r"^\s*:[\w-]+:", linha):
            saida.append("")  # opção de diretiva (:class: dropdown)
        else:
            saida.append(linha)
    return saida


def _apagar(padrao, texto, flags=0, troca=" "):
    """Troca cada ocorrência de ``padrao`` por ``troca``, mantendo as quebras de linha (e a numeração)."""
    def _troca(m):
        return m.expand(troca) + "\n" * m[0].count("\n")
    return re.sub(padrao, _troca, texto, flags=flags)


def texto_corrido(fonte):
    """O texto em prosa de uma fonte Markdown/MyST, com as mesmas linhas da fonte."""
    texto = "\n".join(_sem_blocos(fonte.splitlines()))
    texto = _apagar(r"<!--.*?-->", texto, re.S)                                # comentários HTML
    texto = _apagar(r"\$\$.*?\$\$(\s*\([\w:.-]+\))?", texto, re.S)            # $$ ... $$ (rótulo)
    texto = _apagar(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", texto, re.S)          # amsmath
    # $ ... $, que pode quebrar a linha, mas não o parágrafo
    texto = _apagar(r"(?<![\\$])\$(?!\s)(?:[^$\n]|\n(?!\s*\n))+?(?<![\s\\])\$", texto)
    # papéis do MyST: {ref}`texto <alvo>` e {doc}`texto <alvo>` deixam o texto, que conta como
    # itálico quando o alvo é o glossário (um termo em inglês pode aparecer assim da primeira vez);
    # o resto sai inteiro
    texto = _apagar(r"\{(?:ref|doc|numref|term)\}`([^`<]*?)\s*<glossario[^`>]*>`", texto, troca=r" *\1* ")
    texto = _apagar(r"\{(?:ref|doc|numref|term)\}`([^`<]*?)\s*<[^`>]*>`", texto, troca=r" \1 ")
    texto = _apagar(r"\{[\w:-]+\}`[^`]*`", texto)
    texto = _apagar(r"(`+)(?:(?!\1)[^\n]|\n(?!\s*\n))+?\1", texto)             # código no meio da frase
    texto = _apagar(r"^\s*\([\w:.-]+\)=\s*$", texto, re.M)                      # rótulos (alvo)=
    texto = _apagar(r"^\s*%.*$", texto, re.M)                                  # comentários do MyST
    texto = _apagar(r"!?\[([^\]]*)\]\([^)]*\)", texto, troca=r" \1 ")          # [texto](url), ![alt](src)
    texto = _apagar(r"<(?:https?|mailto):[^>]*>", texto)                        # <https://...>
    texto = _apagar(r"https?://\S+|www\.\S+", texto)                           # endereços soltos
    texto = _apagar(r"<[^>\n]+>", texto)                                       # tags HTML
    texto = _apagar(r"&[a-z]+;|&#\d+;", texto)                                 # entidades HTML
    texto = _apagar(r"\{\{[^}]*\}\}", texto)                                   # substituições {{ x }}
    return texto


# *itálico* ou _itálico_ (mas não **negrito** nem marcadores de lista)
_ITALICO = re.compile(r"(?<![*\w\\])(\*|_)(?![\s*_])((?:(?!\1).)+?)(?<![\s\\])\1(?![*\w])")


def _sem_negrito(texto):
    """Tira as marcas de negrito: “**a *b***” fica “a *b*”, “***c***” fica “*c*”."""
    return re.sub(r"\*\*|__", "", texto)


def separar_italico(texto):
    """``(texto sem os itálicos nem o negrito, [trechos em itálico])``."""
    texto = _sem_negrito(texto)
    italicos = [m[2] for m in _ITALICO.finditer(texto)]
    return _ITALICO.sub(" ", texto), italicos


def primeira_em_italico(texto, palavra):
    """Se a primeira vez que ``palavra`` aparece em ``texto`` (ainda com os ``*``) é em itálico.

    ``None`` se ela não aparece.
    """
    texto = _sem_negrito(texto)
    achada = re.search(rf"(?<![\w-]){re.escape(palavra)}(?![\w-])", texto, re.I)
    if not achada:
        return None
    return any(m.start() < achada.start() < m.end() for m in _ITALICO.finditer(texto))


def hunspell_disponivel():
    """Se o hunspell e os dois dicionários (pt_BR e en_US) estão instalados."""
    if not shutil.which(HUNSPELL):
        return False
    r = subprocess.run([HUNSPELL, "-D"], capture_output=True, text=True, input="")
    return all(re.search(rf"/{d}$", r.stdout + r.stderr, re.M) for d in DICIONARIOS_DO_ITALICO.split(","))


def lista_do_projeto(caminho=LISTA):
    """As palavras aceitas além do dicionário: ``{palavra: seção}`` (a seção é o último comentário ``## ...``)."""
    palavras, secao = {}, ""
    for linha in Path(caminho).read_text(encoding="utf-8").splitlines():
        linha = linha.strip()
        if linha.startswith("##"):
            secao = linha.lstrip("#").strip()
        elif linha and not linha.startswith("#"):
            palavras[linha] = secao
    return palavras


def _aceita(palavra, lista):
    if palavra in lista:
        return True
    minuscula = palavra.lower()  # como no hunspell: “dropout” na lista aceita “Dropout” e “DROPOUT”
    return minuscula in lista and palavra in (minuscula.capitalize(), minuscula.upper())


def desconhecidas(texto, lista, dicionarios=DICIONARIO):
    """As palavras de ``texto`` que nem os ``dicionarios`` nem ``lista`` conhecem, na ordem em que aparecem."""
    # o hunspell separa as palavras no hífen: as compostas da lista (hold-out) saem antes
    for composta in (p for p in lista if "-" in p):
        texto = re.sub(rf"(?<![^\W\d_]){re.escape(composta)}(?![^\W\d_])", " ", texto, flags=re.I)
    r = subprocess.run([HUNSPELL, "-d", dicionarios, "-i", "utf-8", "-l"], input=texto, capture_output=True,
                       text=True, encoding="utf-8", check=True)
    vistas = []
    for palavra in r.stdout.split():
        if len(palavra) == 1:
            continue  # uma letra solta (σ = 5, “a ReLU em x”) não é erro de grafia
        if palavra not in vistas and not _aceita(palavra, lista):
            vistas.append(palavra)
    return vistas


def aparece(palavra, texto):
    """Se ``palavra`` aparece em ``texto`` entre não letras (como o hunspell a separa: “float” em “float32”)."""
    return re.search(rf"(?<![^\W\d_]){re.escape(palavra)}(?![^\W\d_])", texto) is not None


def linha_com(fonte, texto, palavra):
    """A primeira linha da fonte em que ``palavra`` aparece no ``texto`` corrido dela (para a mensagem de erro)."""
    linhas = fonte.splitlines()
    for i, linha in enumerate(texto.splitlines(), 1):
        if aparece(palavra, linha):
            return i, linhas[i - 1].strip() if i <= len(linhas) else linha.strip()
    return None, ""
