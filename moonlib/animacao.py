"""Animações da fronteira de decisão que funcionam sem kernel (capítulos 1 a 10).

Um leitor do livro em HTML não tem um Python rodando por trás da página. Para
que ele possa, mesmo assim, arrastar um controle e ver a fronteira de decisão
mudar, ``animar_fronteiras`` grava todos os quadros de antemão e devolve uma
página autocontida: ``FuncAnimation.to_jshtml()`` do Matplotlib, com cada
quadro em PNG (base64), um controle deslizante e botões em JavaScript embutido.
Nada é baixado da internet: o ``<link>`` para os ícones que o Matplotlib pede a
um servidor externo é retirado, os botões ganham símbolos Unicode e rótulos em
português, e a imagem ganha um texto alternativo.

Os quadros são grades de saídas da rede (``graficos.saidas_na_grade``), obtidas
com ``fronteiras_durante_treino`` (um treino, vários instantes) ou
``fronteiras_por_valor`` (um modelo treinado por valor de um parâmetro).
"""
import base64
import hashlib
import html
import io
import re

import numpy as np

from .formatos import numero
from .graficos import GRADE_DO_TUTORIAL, confianca, desenhar_mapa, saidas_na_grade
from .treino import treinar
from .validacao import inteiro

LIMITE_BYTES = 1_000_000
"""Tamanho máximo de uma animação (HTML) no livro: cerca de 1 MB."""


# -- os quadros -------------------------------------------------------------------

def espacar_epocas(epocas, quadros=20):
    """Instantes (épocas) para ``quadros`` quadros de 0 a ``epocas``, mais densos no começo (capítulo 10).

    A fronteira muda muito nas primeiras épocas e pouco no fim: os instantes
    são espaçados em escala de raiz quadrada. Sempre começa em 0 (antes de
    treinar) e termina em ``epocas``; sem repetições.
    """
    epocas, quadros = inteiro("epocas", epocas, minimo=1), inteiro("quadros", quadros, minimo=2)
    marcos = np.unique(np.round(np.linspace(0, 1, quadros) ** 2 * epocas).astype(int))
    return [int(m) for m in marcos]


def fronteiras_durante_treino(modelo, lotes, funcao_custo, otimizador, marcos, *, grade=GRADE_DO_TUTORIAL,
                              **opcoes):
    """Treina ``modelo`` e guarda a grade de saídas em cada época de ``marcos`` (capítulo 10).

    Um único treino, feito com ``treino.treinar`` em trechos: até a primeira
    época de ``marcos``, depois até a segunda, e assim por diante, sempre
    continuando o mesmo ``Historico`` (os números são os de um treino sem
    pausas). ``marcos`` é uma sequência crescente de épocas (0 = antes de
    treinar), por exemplo ``espacar_epocas(200, 20)``. ``opcoes`` vão para
    ``treinar`` (``validacao``, ``agendador``, ``regra``...).

    Retorna ``(quadros, historico)``: uma grade ``(xx1, xx2, y)`` por marco. Se o
    treino divergir, para ali e devolve os quadros feitos até então.
    """
    marcos = [int(m) for m in marcos]
    if not marcos or any(m < 0 for m in marcos) or any(b <= a for a, b in zip(marcos, marcos[1:])):
        raise ValueError(f"marcos deve ser uma sequência crescente de épocas ≥ 0; recebi {marcos}")
    if "historico" in opcoes or "epocas" in opcoes:
        raise ValueError("fronteiras_durante_treino controla historico e epocas; não os passe em opcoes")
    historico, quadros = None, []
    for marco in marcos:
        atual = 0 if historico is None else historico.epocas
        historico = treinar(modelo, lotes, funcao_custo, otimizador, marco - atual, historico=historico, **opcoes)
        if historico.divergiu:
            break
        quadros.append(saidas_na_grade(modelo, grade))
    return quadros, historico


def fronteiras_por_valor(valores, treinar_com, *, grade=GRADE_DO_TUTORIAL):
    """Uma grade de saídas por valor de um parâmetro: ``treinar_com(valor)`` devolve um modelo treinado (capítulo 10)."""
    if not callable(treinar_com):
        raise TypeError("treinar_com deve ser uma função que recebe um valor e devolve um modelo treinado")
    valores = list(valores)
    if not valores:
        raise ValueError("valores está vazio: dê ao menos um valor do parâmetro")
    return [saidas_na_grade(treinar_com(v), grade) for v in valores]


def fronteiras_por_semente(configuracoes, k=3, *, preparar=None, grade=GRADE_DO_TUTORIAL):
    """Um quadro por configuração e por semente, com as redes já treinadas por ``treinar_varios`` (capítulos 3 a 9).

    Parâmetros
    ----------
    configuracoes : dict {nome: (empilhadas, historico)}
        O que ``treinar_varios`` devolveu para cada configuração.
    k : int
        Quantas sementes de cada configuração mostrar (as ``k`` primeiras).
    preparar : dict {nome: callable}, opcional
        Para uma configuração, uma função que recebe a rede de uma semente e
        devolve a rede a desenhar (por exemplo, com a padronização das entradas na
        frente, para desenhá-la no plano das entradas brutas).

    Retorna
    -------
    (quadros, titulos, chaves)
        As grades para ``animar_fronteiras``, um título por quadro (nome, semente e,
        se houve validação, o erro de validação da última época) e o par
        ``(nome, i)`` de cada quadro.
    """
    if not isinstance(configuracoes, dict) or not configuracoes:
        raise TypeError("configuracoes deve ser um dicionário {nome: (empilhadas, historico)} não vazio")
    k = inteiro("k", k, minimo=1)
    preparar = preparar or {}
    quadros, titulos, chaves = [], [], []
    for nome, (empilhadas, historico) in configuracoes.items():
        if k > empilhadas.k:
            raise ValueError(f"{nome!r} tem só {empilhadas.k} sementes; recebi k = {k}")
        for i in range(k):
            rede = empilhadas.modelo(i)
            if nome in preparar:
                rede = preparar[nome](rede)
            quadros.append(saidas_na_grade(rede, grade))
            titulo = f"{nome} (semente {historico.sementes[i]})"
            erro = float(historico.taxas_validacao[-1, i]) if historico.epocas else float("nan")
            if np.isfinite(erro):
                titulo += f": erro {numero(erro)} %"
            titulos.append(titulo)
            chaves.append((nome, i))
    return quadros, titulos, chaves


# -- a animação -------------------------------------------------------------------

class Animacao:
    """Uma animação autocontida em HTML, pronta para o notebook e para o livro (capítulo 10).

    Atributos: ``html`` (o texto), ``n_quadros``, ``titulos`` e ``quadros`` (as grades).
    No Jupyter, ser a última expressão de uma célula basta para mostrá-la.
    """

    def __init__(self, html_, quadros, titulos):
        self.html = html_
        self.quadros = list(quadros)
        self.titulos = list(titulos)

    @property
    def n_quadros(self):
        return len(self.quadros)

    @property
    def tamanho(self):
        """Tamanho do HTML em bytes (UTF-8)."""
        return len(self.html.encode("utf-8"))

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return f"Animação de {self.n_quadros} quadros ({self.tamanho / 1000:.0f} kB)"

    def salvar(self, caminho):
        """Grava a animação como uma página HTML que abre sozinha, sem internet."""
        pagina = ('<!DOCTYPE html>\n<html lang="pt">\n<head><meta charset="utf-8"><title>Animação</title></head>\n'
                  f"<body>\n{self.html}\n</body>\n</html>\n")
        with open(caminho, "w", encoding="utf-8") as arquivo:
            arquivo.write(pagina)


# Os botões do Matplotlib usam ícones do Font Awesome, baixados de um servidor externo;
# aqui viram símbolos Unicode, com títulos em português.
_BOTOES = {
    "Decrease speed": ("Mais devagar", "−"),
    "First frame": ("Primeiro quadro", "⇤"),
    "Previous frame": ("Quadro anterior", "‹"),
    "Play backwards": ("Tocar de trás para a frente", "◀"),
    "Pause": ("Pausar", "❚❚"),
    "Play": ("Tocar", "▶"),
    "Next frame": ("Próximo quadro", "›"),
    "Last frame": ("Último quadro", "⇥"),
    "Increase speed": ("Mais depressa", "+"),
}
_ROTULOS = {">Once<": ">Uma vez<", ">Loop<": ">Repetir<", ">Reflect<": ">Ida e volta<",
            '"Repetition mode"': '"Modo de repetição"'}


def _sem_internet(texto, alt):
    """Adapta o HTML de ``to_jshtml``: sem recursos externos, em português, com texto alternativo e ids estáveis."""
    texto = re.sub(r"<link[^>]*font-awesome[^>]*>\s*", "", texto)

    def botao(m):
        titulo, simbolo = _BOTOES.get(m.group(1), (m.group(1), "•"))
        return f'<button title="{titulo}" aria-label="{titulo}"{m.group(2)}><span aria-hidden="true">{simbolo}</span></button>'

    texto = re.sub(r'<button title="([^"]+)" aria-label="[^"]+"([^>]*)>\s*<i class="fa[^"]*"></i>\s*</button>',
                   botao, texto)
    for antes, depois in _ROTULOS.items():
        texto = texto.replace(antes, depois)
    texto = re.sub(r'<img id="(_anim_img\w+)">', lambda m: f'<img id="{m.group(1)}" alt="{html.escape(alt)}">', texto)
    # O Matplotlib sorteia um identificador (uuid4) a cada chamada; um identificador tirado do
    # próprio conteúdo faz duas execuções iguais gravarem exatamente o mesmo HTML.
    sorteado = re.search(r"_anim_img([0-9a-f]{32})", texto)
    if sorteado:
        estavel = hashlib.sha1(texto.replace(sorteado.group(1), "").encode("utf-8")).hexdigest()[:16]
        texto = texto.replace(sorteado.group(1), estavel)
    return texto


def animar_fronteiras(quadros, titulos=None, *, pontos=None, regra="sinal", alt=None, intervalo=500,
                      tamanho=(5.0, 3.4), dpi=72, modo="once", limite_bytes=LIMITE_BYTES):
    """Animação da fronteira de decisão que o leitor controla sem kernel (capítulo 10).

    Parâmetros
    ----------
    quadros : lista de ``(xx1, xx2, y)``
        As grades de saídas, uma por quadro (``fronteiras_durante_treino``,
        ``fronteiras_por_valor`` ou ``graficos.saidas_na_grade``).
    titulos : lista de str, opcional
        O título de cada quadro (padrão: "quadro 1", "quadro 2"...).
    pontos : (X, d), opcional
        Pontos desenhados por cima de todos os quadros (por exemplo, os de treino),
        com rótulos ±1 ou 0/1.
    regra : str
        Como ler as saídas: ``"sinal"``, ``"logito"`` ou ``"limiar"`` (ver ``confianca``).
    alt : str, opcional
        Texto alternativo da imagem, para quem não a vê.
    intervalo : int
        Milissegundos entre quadros quando a animação toca.
    tamanho, dpi
        Tamanho da figura em polegadas e resolução: pequenos, para que 15 a 25
        quadros caibam em ``limite_bytes``.
    modo : ``"once"``, ``"loop"`` ou ``"reflect"``
        O modo de repetição marcado de início.
    limite_bytes : int ou None
        Levanta ``ValueError`` se o HTML passar disso (``None``: sem limite).

    Retorna
    -------
    Animacao
        Com ``.html``, ``.n_quadros`` e ``.quadros``; mostra-se sozinha no Jupyter.
    """
    from matplotlib.animation import FuncAnimation
    from matplotlib.figure import Figure

    quadros = list(quadros)
    if not quadros:
        raise ValueError("quadros está vazio: dê ao menos uma grade (xx1, xx2, y)")
    for q in quadros:
        if len(q) != 3 or np.shape(q[2]) != np.shape(q[0]) or np.ndim(q[2]) != 2:
            raise ValueError("cada quadro deve ser uma grade (xx1, xx2, y) de saidas_na_grade, com três arrays n×n")
    titulos = [f"quadro {i + 1}" for i in range(len(quadros))] if titulos is None else [str(t) for t in titulos]
    if len(titulos) != len(quadros):
        raise ValueError(f"um título por quadro: recebi {len(titulos)} títulos para {len(quadros)} quadros")
    if modo not in ("once", "loop", "reflect"):
        raise ValueError(f"modo deve ser 'once', 'loop' ou 'reflect'; recebi {modo!r}")
    confianca(0.0, regra)  # confere a regra antes de desenhar
    alt = alt or f"Animação de {len(quadros)} quadros com a fronteira de decisão da rede sobre as meias-luas"

    # Margens fixas: recalcular o layout a cada quadro custaria mais que desenhá-lo.
    fig = Figure(figsize=tamanho, dpi=dpi)
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.9)
    ax = fig.add_subplot()

    def desenhar(i):
        ax.clear()
        desenhar_mapa(ax, quadros[i], regra, titulo=titulos[i], pontos=pontos)
        return []

    animacao = FuncAnimation(fig, desenhar, frames=len(quadros), interval=intervalo, blit=False)
    texto = animacao.to_jshtml(default_mode=modo)
    texto = _sem_internet(texto, alt)
    if limite_bytes is not None and len(texto.encode("utf-8")) > limite_bytes:
        raise ValueError(f"a animação tem {len(texto.encode('utf-8')) / 1e6:.2f} MB, mais que o limite de "
                         f"{limite_bytes / 1e6:.2f} MB: use menos quadros, um dpi menor ou uma figura menor")
    return Animacao(texto, quadros, titulos)


def imagem_png(fig, dpi=None):
    """Bytes PNG de uma ``Figure`` do Matplotlib, desenhada fora do pyplot (capítulo 10)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    FigureCanvasAgg(fig)
    memoria = io.BytesIO()
    fig.savefig(memoria, format="png", dpi=dpi)
    return memoria.getvalue()


def imagem_html(png, alt):
    """Uma ``<img>`` com os bytes ``png`` embutidos (base64) e texto alternativo (capítulo 10)."""
    dados = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{dados}" alt="{html.escape(alt)}" '
            'style="max-width:100%;height:auto">')
