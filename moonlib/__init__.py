"""moonlib: o código compartilhado do livro Meias-luas.

Cada capítulo importa daqui o que já foi ensinado antes, para mostrar só o
conceito novo. Os nomes seguem o tutorial original, em português.
"""
from .dados import Lotes, meias_luas, para_tensores
from .graficos import plotar_custos, plotar_dados, plotar_fronteira, saidas_na_grade
from .metricas import avaliar, taxa_de_erro
from .modelos import ATIVACOES, TAMANHOS_SEMENTE, criar_mlp
from .reprodutibilidade import SEMENTE, dispositivo, fixar_sementes
from .treino import Historico, TreinoDivergiu, treinar

__version__ = "0.1.0"

__all__ = [
    "ATIVACOES", "Historico", "Lotes", "SEMENTE", "TAMANHOS_SEMENTE", "TreinoDivergiu", "avaliar",
    "criar_mlp", "dispositivo", "fixar_sementes", "meias_luas", "para_tensores", "plotar_custos",
    "plotar_dados", "plotar_fronteira", "saidas_na_grade", "taxa_de_erro", "treinar",
]
