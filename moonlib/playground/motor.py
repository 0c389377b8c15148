"""O motor do Playground, sem widgets: os dados, a rede e o treino de uma ``Configuracao`` (capítulo 10).

``Sessao`` treina época a época, continuando o mesmo treino, com as mesmas funções
do ``moonlib`` que os capítulos usam; os objetos de cada escolha (otimizador,
custo, agendador, inicialização) vêm das tabelas de ``opcoes``, as mesmas que
escrevem o código de ``Configuracao.codigo()``. Os números são os desse código.
"""
import dataclasses
import threading

import numpy as np
import torch

from ..dados import Lotes, meias_luas, para_tensores, rotulos_01
from ..graficos import GRADE_DO_TUTORIAL, saidas_na_grade
from ..metricas import avaliar
from ..modelos import criar_mlp
from ..formatos import numero
from ..treino import Historico, TreinoDivergiu, treinar
from ..treino_varios import treinar_varios
from ..validacao import ParametroInvalido, inteiro
from . import opcoes
from .configuracao import Configuracao


def criar_modelo(c):
    """A MLP da configuração ``c``, com a inicialização pedida (sorteia no gerador global do PyTorch)."""
    modelo = criar_mlp((2, *c.ocultas, 1), ativacao=c.ativacao, ativacao_saida=c.ativacao_saida,
                       dropout=c.dropout, normalizacao=c.normalizacao)
    return opcoes.INICIALIZACOES[c.inicializacao].aplicar(modelo)


def criar_otimizador(c, parametros):
    """O otimizador da configuração (a entrada de ``opcoes.OTIMIZADORES``)."""
    return opcoes.OTIMIZADORES[c.otimizador].criar(c, parametros)


def criar_agendador(c, otimizador):
    """O agendador do passo da configuração, ou ``None`` para passo constante."""
    return opcoes.AGENDADORES[c.agendador].criar(c, otimizador)


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
    ``treinar_varios`` (capítulo 2), que treina K modelos pelo custo de
    poucos: é como o capítulo mede a variação entre sementes de uma configuração
    achada no Playground. ``epocas`` padrão: as da configuração.
    """
    sessao = Sessao(config)
    sem_agendador = opcoes.AGENDADORES[config.agendador].classe is None
    return treinar_varios(lambda: criar_modelo(config), sementes, *sessao.treino, sessao.funcao_custo,
                          lambda parametros: criar_otimizador(config, parametros),
                          config.epocas if epocas is None else epocas, tamanho_lote=config.tamanho_lote,
                          validacao=sessao.validacao, regra=config.regra,
                          criar_agendador=None if sem_agendador else (lambda otimizador: criar_agendador(config, otimizador)))


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
            raise ParametroInvalido(f"config deve ser uma Configuracao; recebi {type(config).__name__}")
        self.trava = threading.RLock()
        self.reiniciar(config)

    def reiniciar(self, config=None):
        """Recomeça do zero (os mesmos dados e pesos iniciais), com ``config`` se for dada."""
        if config is not None:
            if not isinstance(config, Configuracao):
                raise ParametroInvalido(f"config deve ser uma Configuracao; recebi {type(config).__name__}")
            self.config = config
        c = self.config
        with self.trava:
            self.dados_treino, self.dados_validacao = gerar_dados(c)
            X, d = para_tensores(self.dados_treino)
            if c.custo_escolhido.rotulos_01:
                d = rotulos_01(d)
            self.treino = (X, d)
            self.validacao = None
            if len(self.dados_validacao):
                Xv, dv = para_tensores(self.dados_validacao)
                self.validacao = (Xv, rotulos_01(dv) if c.custo_escolhido.rotulos_01 else dv)
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(c.semente)
                self.modelo = criar_modelo(c)
                self._estado_rng = torch.get_rng_state()
            self.funcao_custo = c.custo_escolhido.criar()
            self.otimizador = criar_otimizador(c, self.modelo.parameters())
            self.agendador = criar_agendador(c, self.otimizador)
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
        n = inteiro("n (épocas)", n, 0)
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
        """Uma linha com a época, os custos e as taxas de erro atuais, com vírgula decimal."""
        m = self.medidas()
        if not m["epoca"]:
            texto = "época 0: ainda não treinada"
        else:
            texto = f"época {m['epoca']}: custo de treino {numero(m['custo_treino'], '.3g')}"
            if m["custo_validacao"] is not None:
                texto += f", de validação {numero(m['custo_validacao'], '.3g')}"
            texto += f"; erro de treino {numero(m['taxa_treino'])} %"
            if m["taxa_validacao"] is not None:
                texto += f", de validação {numero(m['taxa_validacao'])} %"
        if self.divergiu:
            texto += " (divergiu)"
        return texto


    # -- a figura (em figura.py) ----------------------------------------------------------
    def desenhar(self, fig=None, grade=GRADE_DO_TUTORIAL):
        """A figura da sessão: mapa da fronteira, custos e taxas de erro (ver ``figura.desenhar``)."""
        from .figura import desenhar
        return desenhar(self, fig, grade)

    def png(self, dpi=80):
        """A figura de ``desenhar`` em PNG (bytes)."""
        from ..animacao import imagem_png
        return imagem_png(self.desenhar(), dpi=dpi)

    def descricao(self):
        """Texto alternativo da figura: o que ela mostra, com os números atuais."""
        validacao = " e de validação (vazados)" if len(self.dados_validacao) else ""
        return ("Mapa da fronteira de decisão da rede sobre as meias-luas, com os pontos de treino (cheios)"
                f"{validacao}, e as curvas de custo e de taxa de erro por época; " + self.resumo() + ".")
