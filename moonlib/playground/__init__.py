"""O Playground: todos os botões do livro num só lugar, no Jupyter e no Colab (capítulo 10).

Inspirado no TensorFlow Playground, mas feito só com as funções do ``moonlib``
que os capítulos ensinam (``meias_luas``, ``criar_mlp``, ``inicializar``,
``Lotes``, ``treinar``, ``avaliar``, ``saidas_na_grade``...). Duas partes:

- o **motor**, sem widgets: ``Configuracao`` (tudo o que se pode escolher, com
  conferência dos valores, um texto de uma linha para copiar e colar, e o código
  PyTorch equivalente) e ``Sessao`` (dados, modelo, otimizador e agendador de uma
  configuração; treina época a época, continuando o mesmo treino);
- a **interface**, ``Playground``: controles do ``ipywidgets`` que mudam a
  configuração, botões Executar/Pausar/Passo/Reiniciar e uma figura (mapa da
  fronteira de decisão e curvas de custo e de taxa de erro) atualizada durante o
  treino, que roda numa *thread* em trechos curtos para não travar o notebook.

Sem kernel (testes, ``python -m moonlib regenerar``), nada roda sozinho: a
interface desenha uma vez a configuração inicial, e os métodos síncronos
(``executar``, ``passo``, ``reiniciar``) fazem o resto.
"""
import dataclasses
import html
import math
import numbers
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from ..animacao import imagem_html, imagem_png
from ..dados import Lotes, meias_luas, para_tensores, rotulos_01
from ..graficos import AZUL, GRADE_DO_TUTORIAL, VERMELHAO, desenhar_mapa, saidas_na_grade
from ..metricas import avaliar
from ..modelos import ATIVACOES, criar_mlp, inicializar
from ..treino import Historico, TreinoDivergiu, treinar
from ..treino_varios import treinar_varios

CUSTOS = ("mse", "bce")
OTIMIZADORES = ("sgd", "adam")
INICIALIZACOES = ("padrao", "xavier_normal", "zeros", "normal_grande")
AGENDADORES = ("constante", "steplr", "exponencial", "cosseno")
DESVIO_GRANDE = 5.0
"""Desvio-padrão da inicialização ``normal_grande`` (o "grande demais" do capítulo 7)."""
MAX_CAMADAS, MAX_UNIDADES = 8, 64


# == o motor ==========================================================================

def _inteiro(nome, valor, minimo, maximo=None):
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        raise ValueError(f"{nome} deve ser um número inteiro; recebi {valor!r}")
    if valor < minimo or (maximo is not None and valor > maximo):
        faixa = f"≥ {minimo}" if maximo is None else f"entre {minimo} e {maximo}"
        raise ValueError(f"{nome} deve ser {faixa}; recebi {valor}")
    return int(valor)


def _real(nome, valor, minimo=-math.inf, maximo=math.inf, *, aberto_embaixo=False, aberto_em_cima=False):
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real) or not math.isfinite(valor):
        raise ValueError(f"{nome} deve ser um número real finito; recebi {valor!r}")
    valor = float(valor)
    baixo_ok = valor > minimo if aberto_embaixo else valor >= minimo
    alto_ok = valor < maximo if aberto_em_cima else valor <= maximo
    if not (baixo_ok and alto_ok):
        esq, dir_ = ("(" if aberto_embaixo else "["), (")" if aberto_em_cima else "]")
        raise ValueError(f"{nome} deve estar em {esq}{minimo:g}, {maximo:g}{dir_}; recebi {valor:g}")
    return valor


def _opcao(nome, valor, opcoes):
    if valor not in opcoes:
        raise ValueError(f"{nome} desconhecido: {valor!r}; use um de {', '.join(opcoes)}")
    return valor


def _camadas(valor):
    """``"3,5,5,2"``, ``(3, 5, 5, 2)``, ``""`` ou ``"nenhuma"`` → tupla de unidades por camada oculta."""
    if isinstance(valor, str):
        texto = valor.strip().strip("()[]")
        if texto.lower() in ("", "nenhuma", "-"):
            return ()
        try:
            valor = [int(p) for p in texto.replace(";", ",").split(",") if p.strip()]
        except ValueError:
            raise ValueError(f"ocultas deve listar as unidades de cada camada oculta separadas por vírgulas, "
                             f"como 3,5,5,2; recebi {valor!r}") from None
    try:
        valor = tuple(valor)
    except TypeError:
        raise ValueError(f"ocultas deve ser um texto como 3,5,5,2 ou uma sequência de inteiros; recebi {valor!r}") from None
    if len(valor) > MAX_CAMADAS:
        raise ValueError(f"no máximo {MAX_CAMADAS} camadas ocultas; recebi {len(valor)}")
    for u in valor:
        if isinstance(u, bool) or not isinstance(u, numbers.Integral) or not 1 <= u <= MAX_UNIDADES:
            raise ValueError(f"cada camada oculta deve ter de 1 a {MAX_UNIDADES} unidades; recebi {valor}")
    return tuple(int(u) for u in valor)


@dataclass
class Configuracao:
    """Tudo o que o livro ensina a escolher, num só objeto (capítulo 10).

    Dados (capítulo 1): ``NA`` e ``NB`` pontos em cada meia-lua, geometria ``r1``,
    ``r2``, ``r3``, ``ruido`` (desvio-padrão de um ruído gaussiano somado a x1 e x2),
    fração ``validacao`` dos pontos separada para validação (capítulo 2) e
    ``semente_dados``. Rede: ``ocultas`` (unidades de cada camada oculta, por
    exemplo ``"3,5,5,2"``; vazio = sem camada oculta), ``ativacao`` e
    ``ativacao_saida`` (capítulo 3), ``dropout`` (capítulo 4), ``normalizacao`` em
    lote (capítulo 9), ``inicializacao`` (capítulo 7: ``padrao``, ``xavier_normal``,
    ``zeros`` ou ``normal_grande``, normal de desvio 5) e ``semente`` dos pesos e
    dos mini-lotes. Treino: ``custo`` (``mse`` com rótulos ±1 ou ``bce``, entropia
    cruzada com rótulos 0/1, capítulo 6), ``otimizador`` (``sgd`` ou ``adam``,
    capítulo 5), ``passo`` η, ``tamanho_lote``, ``agendador`` do passo por época
    (capítulo 8: ``constante``, ``steplr``, ``exponencial`` ou ``cosseno``) e ``epocas``.

    Os valores são conferidos na criação (``ValueError`` em português); para mudar
    um valor, crie outra: ``dataclasses.replace(config, passo=0.1)``.
    """

    NA: int = 500
    NB: int = 500
    r1: float = 10.0
    r2: float = -4.0
    r3: float = 6.0
    ruido: float = 0.0
    validacao: float = 0.2
    semente_dados: int = 111
    ocultas: tuple = (3, 5, 5, 2)
    ativacao: str = "tanh"
    ativacao_saida: str = "tanh"
    dropout: float = 0.0
    normalizacao: bool = False
    inicializacao: str = "padrao"
    semente: int = 111
    custo: str = "mse"
    otimizador: str = "adam"
    passo: float = 0.03
    tamanho_lote: int = 100
    agendador: str = "constante"
    epocas: int = 100

    def __post_init__(self):
        self.NA = _inteiro("NA", self.NA, 1, 5000)
        self.NB = _inteiro("NB", self.NB, 1, 5000)
        self.r1 = _real("r1", self.r1, 0, 50, aberto_embaixo=True)
        self.r2 = _real("r2", self.r2, -50, 50)
        self.r3 = _real("r3", self.r3, 0, 50, aberto_embaixo=True)
        if self.r1 - self.r3 / 2 < 0:
            raise ValueError(f"r1 - r3/2 deve ser ≥ 0 (o raio interno não pode ser negativo); recebi r1={self.r1:g}, r3={self.r3:g}")
        self.ruido = _real("ruido", self.ruido, 0, 20)
        self.validacao = _real("validacao (fração dos pontos)", self.validacao, 0, 0.9)
        self.semente_dados = _inteiro("semente_dados", self.semente_dados, 0, 2**31 - 1)
        self.ocultas = _camadas(self.ocultas)
        self.ativacao = _opcao("ativacao", self.ativacao, tuple(ATIVACOES))
        self.ativacao_saida = _opcao("ativacao_saida", self.ativacao_saida, tuple(ATIVACOES))
        self.dropout = _real("dropout", self.dropout, 0, 1, aberto_em_cima=True)
        if not isinstance(self.normalizacao, (bool, np.bool_)):
            raise ValueError(f"normalizacao deve ser True ou False; recebi {self.normalizacao!r}")
        self.normalizacao = bool(self.normalizacao)
        self.inicializacao = _opcao("inicializacao", self.inicializacao, INICIALIZACOES)
        self.semente = _inteiro("semente", self.semente, 0, 2**31 - 1)
        self.custo = _opcao("custo", self.custo, CUSTOS)
        self.otimizador = _opcao("otimizador", self.otimizador, OTIMIZADORES)
        self.passo = _real("passo", self.passo, 0, 100, aberto_embaixo=True)
        self.tamanho_lote = _inteiro("tamanho_lote", self.tamanho_lote, 1)
        self.agendador = _opcao("agendador", self.agendador, AGENDADORES)
        self.epocas = _inteiro("epocas", self.epocas, 1, 100_000)
        if self.custo == "bce" and self.ativacao_saida != "identidade":
            raise ValueError("com custo 'bce' a saída da rede deve ser o logito: use ativacao_saida='identidade' "
                             "(BCEWithLogitsLoss aplica a sigmoide dentro do custo)")
        n_val, n_treino = self.tamanhos()
        if self.validacao > 0 and n_val < 1:
            raise ValueError(f"validacao = {self.validacao:g} de {self.NA + self.NB} pontos não separa nenhum ponto; "
                             "use 0 (sem validação) ou uma fração maior")
        if n_treino < 2:
            raise ValueError("sobram menos de 2 pontos de treino: diminua a fração de validação")
        if self.normalizacao and (self.tamanho_lote == 1 or n_treino % self.tamanho_lote == 1):
            raise ValueError(f"com normalização em lote nenhum mini-lote pode ter um ponto só (a variância do lote "
                             f"seria indefinida); com {n_treino} pontos de treino, mude tamanho_lote "
                             f"({self.tamanho_lote}) ou o número de pontos")

    def tamanhos(self):
        """``(n_validacao, n_treino)``: quantos dos ``NA + NB`` pontos vão para cada conjunto."""
        total = self.NA + self.NB
        n_val = int(round(self.validacao * total))
        return n_val, total - n_val

    @property
    def regra(self):
        """A regra de decisão de ``metricas.REGRAS`` que combina com o custo."""
        return "logito" if self.custo == "bce" else "sinal"

    # -- o texto de uma linha -------------------------------------------------------
    def para_texto(self):
        """Uma linha ``chave=valor ...`` com toda a configuração, para copiar e colar (``de_texto`` a lê)."""
        partes = []
        for campo in dataclasses.fields(self):
            valor = getattr(self, campo.name)
            if campo.name == "ocultas":
                texto = ",".join(map(str, valor)) or "nenhuma"
            elif isinstance(valor, bool):
                texto = "sim" if valor else "nao"
            elif isinstance(valor, float):
                texto = str(int(valor)) if valor.is_integer() else repr(valor)
            else:
                texto = str(valor)
            partes.append(f"{campo.name}={texto}")
        return " ".join(partes)

    @classmethod
    def de_texto(cls, texto):
        """Lê uma linha de ``para_texto``; chaves que faltam ficam com o valor padrão."""
        if not isinstance(texto, str):
            raise ValueError(f"esperava um texto como o de para_texto(); recebi {type(texto).__name__}")
        tipos = {c.name: c.type for c in dataclasses.fields(cls)}
        valores = {}
        for parte in texto.split():
            chave, igual, valor = parte.partition("=")
            if not igual:
                raise ValueError(f"cada item deve ser chave=valor; recebi {parte!r}")
            if chave not in tipos:
                raise ValueError(f"chave desconhecida: {chave!r}; as chaves são {', '.join(tipos)}")
            if chave in valores:
                raise ValueError(f"a chave {chave!r} aparece duas vezes")
            tipo = tipos[chave]
            try:
                if tipo in (int, "int"):
                    valores[chave] = int(valor)
                elif tipo in (float, "float"):
                    valores[chave] = float(valor)
                elif tipo in (bool, "bool"):
                    if valor.lower() not in ("sim", "nao", "não", "true", "false"):
                        raise ValueError
                    valores[chave] = valor.lower() in ("sim", "true")
                else:
                    valores[chave] = valor
            except ValueError:
                raise ValueError(f"valor inválido para {chave}: {valor!r}") from None
        return cls(**valores)

    # -- o código equivalente -------------------------------------------------------
    def codigo(self):
        """O código PyTorch desta configuração, com as mesmas funções do ``moonlib`` que os capítulos usam.

        Rodá-lo dá exatamente os números que ``Sessao(config).treinar_epocas(config.epocas)`` dá.
        """
        c = self
        n_val, n_treino = c.tamanhos()
        tamanhos = (2, *c.ocultas, 1)
        nomes = ["Lotes", "avaliar", "criar_mlp", "fixar_sementes", "meias_luas", "para_tensores", "treinar"]
        if c.inicializacao != "padrao":
            nomes.append("inicializar")
        if c.custo == "bce":
            nomes.append("rotulos_01")
        nomes.sort()
        linhas = [
            f"# Configuração do Playground: {c.para_texto()}",
            "import numpy as np",
            "import torch",
            "from torch import nn",
            "",
            "from moonlib import " + ", ".join(nomes),
            "",
            f"fixar_sementes({c.semente})  # pesos iniciais, ordem dos mini-lotes e dropout",
            "",
            f"# Dados: {c.NA} + {c.NB} pontos, {n_val} deles separados para validação",
            f"gerador = np.random.RandomState({c.semente_dados})",
            f"dados = meias_luas({c.NA}, {c.NB}, {c.r1!r}, {c.r2!r}, {c.r3!r}, semente=gerador)",
        ]
        if c.ruido > 0:
            linhas.append(f"dados[:, :2] += gerador.normal(0.0, {c.ruido!r}, size=(len(dados), 2))  # ruído gaussiano")
        linhas += [
            f"X_val, d_val = para_tensores(dados[:{n_val}])",
            f"X_treino, d_treino = para_tensores(dados[{n_val}:])",
        ]
        if c.custo == "bce":
            linhas += [
                "# Entropia cruzada: rótulos 0/1. A rede termina sem ativação (devolve o logito z) e",
                "# BCEWithLogitsLoss aplica a sigmoide dentro do custo, de forma numericamente estável;",
                "# Sigmoid + BCELoss daria log(0) = -inf quando a sigmoide satura em 0 ou 1.",
                "d_treino, d_val = rotulos_01(d_treino), rotulos_01(d_val)",
            ]
        linhas += [
            "",
            f'modelo = criar_mlp({tamanhos}, ativacao="{c.ativacao}", ativacao_saida="{c.ativacao_saida}",',
            f"                   dropout={c.dropout!r}, normalizacao={c.normalizacao})",
        ]
        if c.inicializacao == "normal_grande":
            linhas.append(f'inicializar(modelo, "normal", desvio={DESVIO_GRANDE!r})')
        elif c.inicializacao != "padrao":
            linhas.append(f'inicializar(modelo, "{c.inicializacao}")')
        linhas.append("funcao_custo = nn.BCEWithLogitsLoss()" if c.custo == "bce" else "funcao_custo = nn.MSELoss()")
        nome_otimizador = "Adam" if c.otimizador == "adam" else "SGD"
        linhas.append(f"otimizador = torch.optim.{nome_otimizador}(modelo.parameters(), lr={c.passo!r})")
        agendador = _codigo_agendador(c)
        if agendador:
            linhas.append(f"agendador = torch.optim.lr_scheduler.{agendador}  # chamado uma vez por época")
        validacao = ", validacao=(X_val, d_val)" if n_val else ""
        linhas += [
            "",
            f"lotes = Lotes(X_treino, d_treino, tamanho={c.tamanho_lote})",
            f"historico = treinar(modelo, lotes, funcao_custo, otimizador, {c.epocas}{validacao}"
            + (", agendador=agendador" if agendador else "") + f', regra="{c.regra}")',
            f'_, taxa_treino = avaliar(modelo, X_treino, d_treino, regra="{c.regra}")',
            "print(f\"custo de treino {historico.custos_treino[-1]:.3g}; erro de treino {taxa_treino:.1f} %\")",
        ]
        if n_val:
            linhas.append("print(f\"custo de validação {historico.custos_validacao[-1]:.3g}; "
                          "erro de validação {historico.taxas_validacao[-1]:.1f} %\")")
        return "\n".join(linhas) + "\n"


def _codigo_agendador(c):
    """O agendador do passo da configuração, como texto de código (``""`` para passo constante)."""
    if c.agendador == "steplr":
        return f"StepLR(otimizador, step_size={max(1, c.epocas // 4)}, gamma=0.5)"
    if c.agendador == "exponencial":
        return f"ExponentialLR(otimizador, gamma={0.01 ** (1 / c.epocas)!r})"
    if c.agendador == "cosseno":
        return f"CosineAnnealingLR(otimizador, T_max={c.epocas})"
    return ""


def _criar_modelo(c):
    """A MLP da configuração ``c``, com a inicialização pedida (sorteia no gerador global do PyTorch)."""
    modelo = criar_mlp((2, *c.ocultas, 1), ativacao=c.ativacao, ativacao_saida=c.ativacao_saida,
                       dropout=c.dropout, normalizacao=c.normalizacao)
    if c.inicializacao == "normal_grande":
        inicializar(modelo, "normal", desvio=DESVIO_GRANDE)
    elif c.inicializacao != "padrao":
        inicializar(modelo, c.inicializacao)
    return modelo


def _criar_custo(c):
    # Entropia cruzada com logitos (capítulo 6): a rede termina sem ativação e BCEWithLogitsLoss
    # aplica a sigmoide dentro do custo, de forma estável; Sigmoid + BCELoss daria log(0) = −inf
    # quando a sigmoide satura. Por isso ``custo="bce"`` exige ``ativacao_saida="identidade"``.
    return nn.BCEWithLogitsLoss() if c.custo == "bce" else nn.MSELoss()


def _criar_otimizador(c, parametros):
    classe = torch.optim.Adam if c.otimizador == "adam" else torch.optim.SGD
    return classe(parametros, lr=c.passo)


def _criar_agendador(c, otimizador):
    """O agendador de ``_codigo_agendador``, criado de verdade (``None`` para passo constante)."""
    agendadores = torch.optim.lr_scheduler
    if c.agendador == "steplr":
        return agendadores.StepLR(otimizador, step_size=max(1, c.epocas // 4), gamma=0.5)
    if c.agendador == "exponencial":
        return agendadores.ExponentialLR(otimizador, gamma=0.01 ** (1 / c.epocas))
    if c.agendador == "cosseno":
        return agendadores.CosineAnnealingLR(otimizador, T_max=c.epocas)
    return None


def gerar_dados(config):
    """Os dados de uma configuração: ``(treino, validacao)``, arrays N×3 (x1, x2, d = ±1) (capítulo 10).

    Sorteia as meias-luas com ``RandomState(semente_dados)``, soma o ruído
    gaussiano (no mesmo gerador) e separa os primeiros pontos (já embaralhados)
    para validação.
    """
    gerador = np.random.RandomState(config.semente_dados)
    dados = meias_luas(config.NA, config.NB, config.r1, config.r2, config.r3, semente=gerador)
    if config.ruido > 0:
        dados[:, :2] += gerador.normal(0.0, config.ruido, size=(len(dados), 2))
    n_val, _ = config.tamanhos()
    return dados[n_val:], dados[:n_val]


def treinar_sementes(config, sementes, epocas=None):
    """Treina ``config`` uma vez por semente dos pesos, todas juntas; devolve ``(modelos, HistoricoVarios)`` (capítulo 10).

    Os mesmos dados da configuração; a semente ``s`` dá os pesos iniciais e a
    ordem dos mini-lotes que ``Sessao(config, semente=s)`` daria. Usa
    ``varios.treinar_varios`` (capítulo 2), que treina K modelos pelo custo de
    poucos: é como o capítulo mede a variação entre sementes de uma configuração
    achada no Playground. ``epocas`` padrão: as da configuração.
    """
    sessao = Sessao(config)
    return treinar_varios(lambda: _criar_modelo(config), sementes, *sessao.treino, sessao.funcao_custo,
                          lambda parametros: _criar_otimizador(config, parametros),
                          config.epocas if epocas is None else epocas, tamanho_lote=config.tamanho_lote,
                          validacao=sessao.validacao, regra=config.regra,
                          criar_agendador=None if config.agendador == "constante"
                          else (lambda otimizador: _criar_agendador(config, otimizador)))


class Sessao:
    """Um treinamento de uma ``Configuracao``: dados, modelo, custo, otimizador e agendador (capítulo 10).

    ``treinar_epocas(n)`` continua o mesmo treino (``treinar`` com ``historico=``),
    e ``n`` épocas de uma vez dão os mesmos números que ``n`` chamadas de uma
    época. A sessão guarda o seu próprio estado do gerador aleatório do PyTorch:
    o que o resto do notebook sorteia entre duas chamadas não muda o treino, e o
    treino não muda os sorteios do notebook. Os números são os do código de
    ``config.codigo()``.

    Atributos: ``config``, ``modelo``, ``funcao_custo``, ``otimizador``,
    ``agendador`` (ou ``None``), ``lotes``, ``treino`` e ``validacao`` (pares de
    tensores; ``validacao`` é ``None`` sem pontos de validação), ``dados_treino`` e
    ``dados_validacao`` (arrays N×3 com rótulos ±1), ``historico`` e
    ``taxas_treino`` (taxa de erro de treino, em %, ao fim de cada época).
    """

    def __init__(self, config=None, **valores):
        if config is None:
            config = Configuracao(**valores)
        elif valores:
            config = dataclasses.replace(config, **valores)
        if not isinstance(config, Configuracao):
            raise TypeError(f"config deve ser uma Configuracao; recebi {type(config).__name__}")
        self.trava = threading.RLock()
        self.reiniciar(config)

    def reiniciar(self, config=None):
        """Recomeça do zero (os mesmos dados e pesos iniciais), com ``config`` se for dada."""
        if config is not None:
            if not isinstance(config, Configuracao):
                raise TypeError(f"config deve ser uma Configuracao; recebi {type(config).__name__}")
            self.config = config
        c = self.config
        with self.trava:
            self.dados_treino, self.dados_validacao = gerar_dados(c)
            X, d = para_tensores(self.dados_treino)
            if c.custo == "bce":
                d = rotulos_01(d)
            self.treino = (X, d)
            self.validacao = None
            if len(self.dados_validacao):
                Xv, dv = para_tensores(self.dados_validacao)
                self.validacao = (Xv, rotulos_01(dv) if c.custo == "bce" else dv)
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(c.semente)
                self.modelo = _criar_modelo(c)
                self._estado_rng = torch.get_rng_state()
            self.funcao_custo = _criar_custo(c)
            self.otimizador = _criar_otimizador(c, self.modelo.parameters())
            self.agendador = _criar_agendador(c, self.otimizador)
            self.lotes = Lotes(X, d, tamanho=c.tamanho_lote)
            self.historico = Historico()
            self.taxas_treino = []
        return self

    # -- treino ------------------------------------------------------------------------
    @property
    def epoca(self):
        """Épocas treinadas até agora."""
        return self.historico.epocas

    @property
    def divergiu(self):
        """``True`` se o custo virou NaN ou infinito (o treino parou ali)."""
        return self.historico.divergiu

    @property
    def aviso(self):
        """A explicação, em português, de por que o treino parou (vazia se não divergiu)."""
        if not self.historico.divergiu:
            return ""
        return ("Atenção: " + self.historico.mensagem + " Mude a configuração ou clique em Reiniciar.")

    def treinar_epocas(self, n=1):
        """Treina mais ``n`` épocas, continuando o treino; devolve o ``historico``.

        Se o custo virar NaN ou infinito, para ali: ``divergiu`` fica ``True`` e
        ``aviso`` explica; novas chamadas não treinam mais nada.
        """
        n = _inteiro("n (épocas)", n, 0)
        with self.trava:
            if self.divergiu:
                return self.historico
            with torch.random.fork_rng(devices=[]):
                torch.set_rng_state(self._estado_rng)
                for _ in range(n):
                    try:
                        treinar(self.modelo, self.lotes, self.funcao_custo, self.otimizador, 1,
                                validacao=self.validacao, agendador=self.agendador, ao_divergir="erro",
                                historico=self.historico, regra=self.config.regra)
                    except TreinoDivergiu:
                        # "erro" em vez de "parar": a mensagem vai para ``aviso``, sem print
                        # (numa thread, um print cairia na saída de outra célula).
                        break
                    self.taxas_treino.append(avaliar(self.modelo, *self.treino, regra=self.config.regra)[1])
                self._estado_rng = torch.get_rng_state()
        return self.historico

    # -- medidas ------------------------------------------------------------------------
    def grade(self, grade=GRADE_DO_TUTORIAL):
        """Saídas do modelo na grade do tutorial: ``(xx1, xx2, y)`` (``saidas_na_grade``)."""
        with self.trava:
            return saidas_na_grade(self.modelo, grade)

    def medidas(self):
        """Custos e taxas de erro (%) da última época: dicionário com ``None`` onde não há."""
        h = self.historico
        ultimo = lambda lista: lista[-1] if lista else None  # noqa: E731
        return {"epoca": h.epocas, "custo_treino": ultimo(h.custos_treino), "custo_validacao": ultimo(h.custos_validacao),
                "taxa_treino": ultimo(self.taxas_treino), "taxa_validacao": ultimo(h.taxas_validacao)}

    def resumo(self):
        """Uma linha com a época, os custos e as taxas de erro atuais."""
        m = self.medidas()
        if not m["epoca"]:
            texto = "época 0: ainda não treinada"
        else:
            texto = f"época {m['epoca']}: custo de treino {m['custo_treino']:.3g}"
            if m["custo_validacao"] is not None:
                texto += f", de validação {m['custo_validacao']:.3g}"
            texto += f"; erro de treino {m['taxa_treino']:.1f} %"
            if m["taxa_validacao"] is not None:
                texto += f", de validação {m['taxa_validacao']:.1f} %"
        if self.divergiu:
            texto += " (divergiu)"
        return texto

    # -- a figura ------------------------------------------------------------------------
    def desenhar(self, fig=None, grade=GRADE_DO_TUTORIAL):
        """Mapa da fronteira com os pontos, curvas de custo e de taxa de erro, numa ``Figure``.

        Sem ``fig``, cria uma ``matplotlib.figure.Figure`` fora do pyplot (nada
        aparece sozinho no notebook); com ``fig = plt.figure(figsize=(9.5, 4))``,
        desenha nela. Devolve a figura.
        """
        if fig is None:
            from matplotlib.figure import Figure
            fig = Figure(figsize=(9.5, 4.0), layout="constrained")
        h, c = self.historico, self.config
        divisao = fig.add_gridspec(2, 2, width_ratios=(1.55, 1))
        mapa = fig.add_subplot(divisao[:, 0])
        custo = fig.add_subplot(divisao[0, 1])
        taxa = fig.add_subplot(divisao[1, 1], sharex=custo)
        titulo = "Antes de treinar" if not h.epocas else f"Fronteira após {h.epocas} épocas"
        desenhar_mapa(mapa, self.grade(grade), c.regra, titulo=titulo + (" (divergiu)" if self.divergiu else ""),
                      pontos=(self.dados_treino[:, :2], self.dados_treino[:, 2]))
        for rotulo, cor, marcador in ((1, AZUL, "o"), (-1, VERMELHAO, "^")):
            sel = self.dados_validacao[:, 2] == rotulo
            mapa.scatter(self.dados_validacao[sel, 0], self.dados_validacao[sel, 1], s=16, marker=marcador,
                         facecolors="white", edgecolors=cor, linewidths=0.9,
                         label=f"validação {'A' if rotulo == 1 else 'B'}")
        handles, rotulos = mapa.get_legend_handles_labels()
        rotulos = [r.replace("região ", "treino ").split(" (")[0] for r in rotulos]
        mapa.legend(handles, rotulos, loc="lower left", fontsize=7, ncol=2, markerscale=1.5, framealpha=0.85)
        epocas = np.arange(1, h.epocas + 1)
        xmax = max(c.epocas, h.epocas, 1)
        custo.plot(epocas, h.custos_treino, color=AZUL, label="treino")
        if h.custos_validacao:
            custo.plot(epocas, h.custos_validacao, color=VERMELHAO, ls="--", label="validação")
        if h.epocas and np.isfinite(h.custos_treino).all() and min(h.custos_treino) > 0:
            custo.set_yscale("log")
        custo.set(ylabel="custo", title="Custo (escala log)" if custo.get_yscale() == "log" else "Custo")
        taxa.plot(epocas, self.taxas_treino, color=AZUL, label="treino")
        if h.taxas_validacao:
            taxa.plot(epocas, h.taxas_validacao, color=VERMELHAO, ls="--", label="validação")
        taxa.set(xlabel="época", ylabel="erro (%)", title="Taxa de erro", xlim=(0, xmax))
        taxa.set_ylim(bottom=0)
        for ax in (custo, taxa):
            ax.grid(True, color="0.85")
            if h.epocas:
                ax.legend(fontsize=7, loc="upper right")
        custo.tick_params(labelbottom=False)
        return fig

    def png(self, dpi=80):
        """A figura de ``desenhar`` em PNG (bytes)."""
        return imagem_png(self.desenhar(), dpi=dpi)

    def descricao(self):
        """Texto alternativo da figura: o que ela mostra, com os números atuais."""
        return ("Mapa da fronteira de decisão da rede sobre as meias-luas, com os pontos de treino (cheios) e de "
                "validação (vazados), e as curvas de custo e de taxa de erro por época; " + self.resumo() + ".")


# == a interface (ipywidgets) ==========================================================

CONTROLES = tuple(f.name for f in dataclasses.fields(Configuracao))
"""Os nomes dos controles do Playground: os campos de ``Configuracao``."""

GRUPOS = {
    "Dados": ("NA", "NB", "r1", "r2", "r3", "ruido", "validacao", "semente_dados"),
    "Rede": ("ocultas", "ativacao", "ativacao_saida", "dropout", "normalizacao", "inicializacao", "semente"),
    "Treinamento": ("custo", "otimizador", "passo", "tamanho_lote", "agendador", "epocas"),
}

_ESTILO_AVISO = ("background:#FDECEA;color:#5F2100;border-left:4px solid #D55E00;padding:6px 10px;"
                 "margin:4px 0;border-radius:3px")
_ESTILO_CODIGO = ("background:#F6F8FA;color:#1F2328;padding:8px;font-size:12px;line-height:1.35;"
                  "white-space:pre;overflow-x:auto;margin:0")


def _criar_controle(w, nome, valor):
    """O widget de um campo de ``Configuracao`` (só APIs presentes no ipywidgets 7 e 8, para o Colab)."""
    estilo = {"description_width": "initial"}
    comum = dict(style=estilo, layout=w.Layout(width="98%"))
    continuo = dict(continuous_update=False, **comum)
    if nome in ("NA", "NB"):
        return w.IntSlider(value=valor, min=10, max=1000, step=10, description=f"pontos {nome[1]}", **continuo)
    if nome == "r1":
        return w.FloatSlider(value=valor, min=3, max=20, step=0.5, description="raio r1", **continuo)
    if nome == "r2":
        return w.FloatSlider(value=valor, min=-10, max=10, step=0.5, description="distância r2", **continuo)
    if nome == "r3":
        return w.FloatSlider(value=valor, min=0.5, max=12, step=0.5, description="largura r3", **continuo)
    if nome == "ruido":
        return w.FloatSlider(value=valor, min=0, max=4, step=0.1, description="ruído (desvio)", **continuo)
    if nome == "validacao":
        return w.FloatSlider(value=valor, min=0, max=0.5, step=0.05, description="fração de validação", **continuo)
    if nome in ("semente_dados", "semente"):
        return w.BoundedIntText(value=valor, min=0, max=2**31 - 1,
                                description="semente dos dados" if nome == "semente_dados" else "semente dos pesos",
                                **comum)
    if nome == "ocultas":
        return w.Text(value=",".join(map(str, valor)), description="camadas ocultas", placeholder="ex.: 3,5,5,2",
                      **continuo)
    if nome in ("ativacao", "ativacao_saida"):
        opcoes = [("Tanh", "tanh"), ("ReLU", "relu"), ("Leaky ReLU", "leaky_relu"), ("Sigmoide", "sigmoide"),
                  ("identidade (logito)", "identidade")]
        if nome == "ativacao":
            opcoes = opcoes[:4] + ([("identidade", "identidade")] if valor == "identidade" else [])
        return w.Dropdown(options=opcoes, value=valor,
                          description="ativação oculta" if nome == "ativacao" else "ativação de saída", **comum)
    if nome == "dropout":
        return w.FloatSlider(value=valor, min=0, max=0.8, step=0.05, description="dropout p", **continuo)
    if nome == "normalizacao":
        return w.Checkbox(value=valor, description="normalização em lote", indent=False, **comum)
    if nome == "inicializacao":
        return w.Dropdown(options=[("padrão do PyTorch", "padrao"), ("Xavier normal", "xavier_normal"),
                                   ("zeros", "zeros"), ("normal grande (σ = 5)", "normal_grande")],
                          value=valor, description="inicialização", **comum)
    if nome == "custo":
        return w.Dropdown(options=[("MSE (rótulos ±1)", "mse"), ("entropia cruzada (BCE)", "bce")], value=valor,
                          description="custo", **comum)
    if nome == "otimizador":
        return w.Dropdown(options=[("SGD", "sgd"), ("Adam", "adam")], value=valor, description="otimizador", **comum)
    if nome == "passo":
        return w.FloatLogSlider(value=valor, base=10, min=-4, max=1, step=0.05, readout_format=".3g",
                                description="passo η", **continuo)
    if nome == "tamanho_lote":
        return w.IntSlider(value=valor, min=1, max=1000, description="mini-lote", **continuo)
    if nome == "agendador":
        return w.Dropdown(options=[("constante", "constante"), ("StepLR", "steplr"), ("ExponentialLR", "exponencial"),
                                   ("CosineAnnealingLR", "cosseno")], value=valor, description="passo variável",
                          **comum)
    if nome == "epocas":
        return w.IntSlider(value=valor, min=10, max=2000, step=10, description="épocas", **continuo)
    raise ValueError(f"controle desconhecido: {nome!r}")


def _alargar(controle, valor):
    """Estende a faixa de um controle deslizante para caber ``valor`` (um valor fora dela seria cortado)."""
    if not hasattr(controle, "max") or not isinstance(valor, numbers.Real):
        return
    if hasattr(controle, "base"):  # FloatLogSlider: min e max são expoentes
        valor = math.log(valor, controle.base)
    if valor > controle.max:
        controle.max = valor
    if valor < controle.min:
        controle.min = valor


class Playground:
    """Um TensorFlow Playground das meias-luas, em ``ipywidgets`` (capítulo 10).

    Parâmetros
    ----------
    controles : sequência de nomes, opcional
        Quais controles mostrar (nomes dos campos de ``Configuracao``, ver
        ``CONTROLES``); ``None`` mostra todos. Um capítulo mostra só os do seu
        conceito, por exemplo ``Playground(["otimizador", "passo"])``.
    **valores
        Valores iniciais da ``Configuracao`` (os outros ficam no padrão).

    Botões: Executar (treina numa *thread*, em trechos, até ``epocas`` épocas,
    redesenhando a figura entre os trechos), Pausar, Passo (uma época) e
    Reiniciar. Mudar um controle pausa e recomeça o treino com a nova
    configuração. Para testes e uso sem navegador: ``executar(epocas)``,
    ``passo()``, ``reiniciar()``, ``pausar()`` e ``carregar(texto)``, todos síncronos.

    Atributos: ``config``, ``sessao`` (a ``Sessao`` atual), ``controles`` (nome →
    widget), ``botoes`` (nome → botão), ``figura`` (HTML com a imagem), ``estado``,
    ``aviso``, ``codigo``, ``texto`` (a configuração em uma linha), ``interface``
    (o ``VBox`` mostrado).
    """

    SEGUNDOS_POR_QUADRO = 0.3
    """Tempo de treino entre duas atualizações da figura, durante Executar."""

    def __init__(self, controles=None, **valores):
        import ipywidgets as w
        self._w = w
        nomes = CONTROLES if controles is None else tuple(controles)
        desconhecidos = [n for n in nomes if n not in CONTROLES]
        if desconhecidos:
            raise ValueError(f"controles desconhecidos: {desconhecidos}; use nomes de {', '.join(CONTROLES)}")
        self.config = Configuracao(**valores)
        self.sessao = Sessao(self.config)
        self._parar = threading.Event()
        self._fio = None
        self._alvo = self.config.epocas
        self._sincronizando = False

        self.controles = {}
        for nome in CONTROLES:
            if nome in nomes:
                controle = _criar_controle(w, nome, getattr(self.config, nome))
                valor = getattr(self.config, nome)
                _alargar(controle, valor)
                controle.value = ",".join(map(str, valor)) if nome == "ocultas" else valor
                controle.observe(lambda mudanca, nome=nome: self._ao_mudar(nome, mudanca["new"]), names="value")
                self.controles[nome] = controle
        self.botoes = {
            "executar": w.Button(description="▶ Executar",
                                 tooltip="Treina até completar as épocas, redesenhando a figura"),
            "pausar": w.Button(description="❚❚ Pausar", tooltip="Interrompe o treino"),
            "passo": w.Button(description="▶| Passo", tooltip="Treina uma época"),
            "reiniciar": w.Button(description="↺ Reiniciar",
                                  tooltip="Volta aos pesos iniciais (mesmos dados, mesma semente)"),
        }
        self.botoes["executar"].on_click(lambda _: self.iniciar())
        self.botoes["pausar"].on_click(lambda _: self.pausar())
        self.botoes["passo"].on_click(lambda _: self.passo())
        self.botoes["reiniciar"].on_click(lambda _: self.reiniciar())
        if "semente_dados" in self.controles:
            self.botoes["novos_dados"] = w.Button(description="Novos dados",
                                                  tooltip="Sorteia outros pontos (semente dos dados + 1)")
            self.botoes["novos_dados"].on_click(lambda _: self.novos_dados())

        self.estado = w.HTML()
        self.aviso = w.HTML(layout=w.Layout(display="none"))
        self.figura = w.HTML(layout=w.Layout(width="100%"))
        self.codigo = w.HTML()
        self.texto = w.Text(description="configuração", style={"description_width": "initial"},
                            layout=w.Layout(width="100%"))
        self.botoes["carregar"] = w.Button(description="Carregar",
                                           tooltip="Aplica a configuração colada no campo ao lado")
        self.botoes["carregar"].on_click(lambda _: self._carregar_do_campo())
        self.interface = self._montar()
        self._atualizar_texto_e_codigo()
        self._atualizar()

    # -- montagem ------------------------------------------------------------------------
    def _montar(self):
        w = self._w
        linha_botoes = w.HBox([self.botoes[b] for b in ("executar", "pausar", "passo", "reiniciar")],
                              layout=w.Layout(flex_flow="row wrap"))
        colunas = []
        for titulo, nomes in GRUPOS.items():
            itens = [self.controles[n] for n in nomes if n in self.controles]
            if titulo == "Dados" and "novos_dados" in self.botoes:
                itens.append(self.botoes["novos_dados"])
            if itens:
                colunas.append(w.VBox([w.HTML(f"<b>{titulo}</b>"), *itens],
                                      layout=w.Layout(flex="1 1 240px", min_width="220px", padding="0 6px")))
        painel = w.HBox(colunas, layout=w.Layout(flex_flow="row wrap", width="100%"))
        carregar = w.HBox([self.texto, self.botoes["carregar"]], layout=w.Layout(width="100%"))
        partes = [linha_botoes, self.estado, self.aviso, self.figura]
        if colunas:
            partes.append(painel)
        partes += [carregar, self.codigo]
        return w.VBox(partes, layout=w.Layout(width="100%"))

    def _ipython_display_(self):
        # Mostra o VBox como o próprio ipywidgets o mostra (no Jupyter, no Colab, no nbclient).
        from IPython.display import display
        display(self.interface)

    # -- desenho --------------------------------------------------------------------------
    def _atualizar(self):
        """Redesenha a figura e a linha de estado a partir da sessão."""
        with self.sessao.trava:
            png = self.sessao.png()
            alt = self.sessao.descricao()
            resumo = self.sessao.resumo()
            aviso = self.sessao.aviso
        self.figura.value = imagem_html(png, alt)
        self.estado.value = f"<span>{html.escape(resumo)}</span>"
        self._mostrar_aviso(aviso)

    def _mostrar_aviso(self, texto):
        self.aviso.value = f'<div style="{_ESTILO_AVISO}">{html.escape(texto)}</div>' if texto else ""
        self.aviso.layout.display = None if texto else "none"

    def _atualizar_texto_e_codigo(self):
        self.texto.value = self.config.para_texto()
        # <details> abre e fecha sem Python nem JavaScript: funciona também no livro em HTML
        self.codigo.value = (f"<details><summary>Código PyTorch desta configuração</summary>"
                             f'<pre style="{_ESTILO_CODIGO}">{html.escape(self.config.codigo())}</pre></details>')

    @property
    def aviso_visivel(self):
        """``True`` se há um aviso (divergência, configuração inválida) à vista."""
        return bool(self.aviso.value) and self.aviso.layout.display != "none"

    # -- mudanças de configuração ------------------------------------------------------------
    def _ao_mudar(self, nome, valor):
        if self._sincronizando:
            return
        if nome == "ocultas":
            try:
                valor = _camadas(valor)
            except ValueError as erro:
                self._rejeitar(erro)
                return
        self.aplicar(**{nome: valor})

    def _rejeitar(self, erro):
        self._sincronizar_controles()
        self._mostrar_aviso(f"Configuração não aplicada: {erro}")

    def aplicar(self, **mudancas):
        """Muda campos da configuração (como mexer nos controles) e recomeça o treino.

        Ao trocar o ``custo``, a ativação de saída acompanha: ``bce`` pede
        ``identidade`` (o logito) e ``mse`` volta à ``tanh``. Um valor inválido não
        é aplicado: o aviso explica e os controles voltam à configuração atual.
        """
        if "custo" in mudancas and "ativacao_saida" not in mudancas:
            if mudancas["custo"] == "bce":
                mudancas["ativacao_saida"] = "identidade"
            elif self.config.custo == "bce":
                mudancas["ativacao_saida"] = "tanh"
        self.pausar()
        try:
            config = dataclasses.replace(self.config, **mudancas)
        except (ValueError, TypeError) as erro:
            self._rejeitar(erro)
            return False
        self._trocar(config)
        return True

    def carregar(self, texto):
        """Aplica uma configuração em uma linha (a de ``config.para_texto()``); devolve ``True`` se deu certo."""
        self.pausar()
        try:
            config = Configuracao.de_texto(texto)
        except ValueError as erro:
            self._rejeitar(erro)
            return False
        self._trocar(config)
        return True

    def _carregar_do_campo(self):
        self.carregar(self.texto.value)

    def novos_dados(self):
        """Sorteia outros pontos: a semente dos dados aumenta de 1."""
        self.aplicar(semente_dados=self.config.semente_dados + 1)

    def _trocar(self, config):
        self.config = config
        self._alvo = config.epocas
        self._sincronizar_controles()
        self._atualizar_texto_e_codigo()
        self.sessao.reiniciar(config)
        self._atualizar()

    def _sincronizar_controles(self):
        self._sincronizando = True
        try:
            for nome, controle in self.controles.items():
                valor = getattr(self.config, nome)
                if nome == "ocultas":
                    valor = ",".join(map(str, valor))
                if nome == "ativacao" and valor not in [v for _, v in controle.options]:
                    controle.options = list(controle.options) + [(valor, valor)]
                _alargar(controle, valor)
                if controle.value != valor:
                    controle.value = valor
            self.texto.value = self.config.para_texto()
        finally:
            self._sincronizando = False

    # -- treino síncrono ------------------------------------------------------------------------
    def executar(self, epocas=None):
        """Treina ``epocas`` épocas (padrão: até completar as da configuração) e redesenha; síncrono."""
        self.pausar()
        if epocas is None:
            epocas = max(self.config.epocas - self.sessao.epoca, 0)
        self.sessao.treinar_epocas(epocas)
        self._atualizar()
        return self.sessao.historico

    def passo(self):
        """Treina uma época e redesenha (o botão Passo)."""
        return self.executar(1)

    def reiniciar(self):
        """Volta ao começo: mesmos dados, mesmos pesos iniciais (o botão Reiniciar)."""
        self.pausar()
        self._alvo = self.config.epocas
        self.sessao.reiniciar()
        self._atualizar()

    # -- treino em segundo plano -------------------------------------------------------------------
    @property
    def executando(self):
        """``True`` enquanto a *thread* de Executar treina."""
        return self._fio is not None and self._fio.is_alive()

    def iniciar(self):
        """O botão Executar: treina numa *thread* até ``epocas`` épocas, sem travar o notebook.

        Se o treino já chegou lá, treina mais ``epocas``. Entre trechos de cerca de
        ``SEGUNDOS_POR_QUADRO`` segundos, redesenha a figura; ``pausar()`` para.
        """
        if self.executando:
            return
        if self.sessao.epoca >= self._alvo:
            self._alvo = self.sessao.epoca + self.config.epocas
        self._parar.clear()
        self._fio = threading.Thread(target=self._laco, name="playground-meias-luas", daemon=True)
        self._fio.start()

    def pausar(self):
        """O botão Pausar: pede à *thread* que pare e espera o trecho atual terminar."""
        self._parar.set()
        fio = self._fio
        if fio is not None and fio is not threading.current_thread():
            fio.join()
        self._fio = None

    def _laco(self):
        try:
            self.botoes["executar"].disabled = True
            while not self._parar.is_set() and self.sessao.epoca < self._alvo and not self.sessao.divergiu:
                inicio = time.perf_counter()
                while (not self._parar.is_set() and self.sessao.epoca < self._alvo and not self.sessao.divergiu
                       and time.perf_counter() - inicio < self.SEGUNDOS_POR_QUADRO):
                    self.sessao.treinar_epocas(1)
                self._atualizar()
        except Exception as erro:  # numa thread, um erro sumiria em silêncio: mostre-o
            self._mostrar_aviso(f"Erro durante o treino: {type(erro).__name__}: {erro}")
        finally:
            self.botoes["executar"].disabled = False
