"""As escolhas do Playground, cada uma escrita uma vez só (capítulo 10).

Cada opção (um otimizador, um custo, um agendador, uma inicialização, uma
ativação) é uma entrada de uma tabela. Da mesma entrada saem três coisas: o
objeto que o motor usa, o item do menu do controle e a linha do código PyTorch
que ``Configuracao.codigo()`` mostra. Como as três vêm dos mesmos dados, o código
mostrado não pode dizer uma coisa e o treino fazer outra; e acrescentar, por
exemplo, o RMSprop é acrescentar uma entrada (e o seu teste).
"""
from dataclasses import dataclass, field
from typing import Callable, Optional

import torch
from torch import nn

from ..modelos import ATIVACOES


def argumentos_em_texto(argumentos):
    """``{"lr": 0.1, "gamma": 0.5}`` → ``"lr=0.1, gamma=0.5"``, como se escreve numa chamada em Python."""
    return ", ".join(f"{nome}={valor!r}" for nome, valor in argumentos.items())


@dataclass(frozen=True)
class Otimizador:
    """Um otimizador do ``torch.optim``: ``classe(parametros, lr=passo, **extras)`` (capítulo 5)."""

    rotulo: str
    classe: type
    extras: dict = field(default_factory=dict)

    def criar(self, c, parametros):
        return self.classe(parametros, lr=c.passo, **self.extras)

    def codigo(self, c):
        argumentos = argumentos_em_texto({"lr": c.passo, **self.extras})
        return f"otimizador = torch.optim.{self.classe.__name__}(modelo.parameters(), {argumentos})"


@dataclass(frozen=True)
class Agendador:
    """Um agendador do ``torch.optim.lr_scheduler``, chamado uma vez por época (capítulo 8); ``classe=None``: passo constante."""

    rotulo: str
    classe: Optional[type] = None
    argumentos: Callable = lambda c: {}

    def criar(self, c, otimizador):
        return None if self.classe is None else self.classe(otimizador, **self.argumentos(c))

    def codigo(self, c):
        if self.classe is None:
            return ""
        return (f"agendador = torch.optim.lr_scheduler.{self.classe.__name__}(otimizador, "
                f"{argumentos_em_texto(self.argumentos(c))})  # chamado uma vez por época")


@dataclass(frozen=True)
class Custo:
    """Uma função custo com os rótulos, a ativação de saída e a regra de decisão que ela pede (capítulos 1 e 6)."""

    rotulo: str
    classe: type
    regra: str
    ativacao_saida: str
    rotulos_01: bool = False
    explicacao: tuple = ()

    def criar(self):
        return self.classe()

    def codigo(self):
        return f"funcao_custo = nn.{self.classe.__name__}()"


@dataclass(frozen=True)
class Inicializacao:
    """Uma inicialização de ``moonlib.inicializar`` (capítulo 7); ``metodo=None``: a padrão do PyTorch."""

    rotulo: str
    metodo: Optional[str] = None
    argumentos: dict = field(default_factory=dict)

    def aplicar(self, modelo):
        from ..modelos import inicializar
        if self.metodo is not None:
            inicializar(modelo, self.metodo, **self.argumentos)
        return modelo

    def codigo(self):
        if self.metodo is None:
            return ""
        extras = "".join(f", {nome}={valor!r}" for nome, valor in self.argumentos.items())
        return f"inicializar(modelo, {self.metodo!r}{extras})"


DESVIO_GRANDE = 5.0
"""Desvio-padrão da inicialização ``normal_grande`` (o "grande demais" do capítulo 7)."""

OTIMIZADORES = {
    "sgd": Otimizador("SGD", torch.optim.SGD),
    "adam": Otimizador("Adam", torch.optim.Adam),
}

AGENDADORES = {
    "constante": Agendador("constante"),
    "steplr": Agendador("StepLR", torch.optim.lr_scheduler.StepLR,
                        lambda c: {"step_size": max(1, c.epocas // 4), "gamma": 0.5}),
    "exponencial": Agendador("ExponentialLR", torch.optim.lr_scheduler.ExponentialLR,
                             lambda c: {"gamma": 0.01 ** (1 / c.epocas)}),
    "cosseno": Agendador("CosineAnnealingLR", torch.optim.lr_scheduler.CosineAnnealingLR,
                         lambda c: {"T_max": c.epocas}),
}

CUSTOS = {
    "mse": Custo("MSE (rótulos ±1)", nn.MSELoss, regra="sinal", ativacao_saida="tanh"),
    # Entropia cruzada com logitos (capítulo 6): a rede termina sem ativação e BCEWithLogitsLoss
    # aplica a sigmoide dentro do custo, de forma estável; Sigmoid + BCELoss daria log(0) = −inf
    # quando a sigmoide satura.
    "bce": Custo("entropia cruzada (BCE)", nn.BCEWithLogitsLoss, regra="logito", ativacao_saida="identidade",
                 rotulos_01=True, explicacao=(
                     "# Entropia cruzada: rótulos 0/1. A rede termina sem ativação (devolve o logito z) e",
                     "# BCEWithLogitsLoss aplica a sigmoide dentro do custo, de forma numericamente estável;",
                     "# Sigmoid + BCELoss daria log(0) = -inf quando a sigmoide satura em 0 ou 1.")),
}

INICIALIZACOES = {
    "padrao": Inicializacao("padrão do PyTorch"),
    "xavier_normal": Inicializacao("Xavier normal", "xavier_normal"),
    "zeros": Inicializacao("zeros", "zeros"),
    "normal_grande": Inicializacao(f"normal grande (σ = {DESVIO_GRANDE:g})", "normal", {"desvio": DESVIO_GRANDE}),
}

ROTULOS_DAS_ATIVACOES = {"tanh": "Tanh", "relu": "ReLU", "leaky_relu": "Leaky ReLU", "sigmoide": "Sigmoide",
                         "identidade": "identidade (logito)"}
"""Como cada ativação de ``modelos.ATIVACOES`` aparece no menu; uma ativação nova aparece com o próprio nome."""


def ativacoes():
    """``{nome: rótulo}`` de todas as ativações do registro de ``criar_mlp`` (lido a cada chamada)."""
    return {nome: ROTULOS_DAS_ATIVACOES.get(nome, nome) for nome in ATIVACOES}


TABELAS = {"otimizador": OTIMIZADORES, "agendador": AGENDADORES, "custo": CUSTOS, "inicializacao": INICIALIZACOES}
"""Os campos de ``Configuracao`` cujas opções vêm de uma tabela daqui (as ativações vêm de ``modelos.ATIVACOES``)."""


def opcoes(campo):
    """``{valor: rótulo}`` das opções de um campo de escolha de ``Configuracao``."""
    if campo in ("ativacao", "ativacao_saida"):
        return ativacoes()
    return {nome: opcao.rotulo for nome, opcao in TABELAS[campo].items()}
