"""moonlib: o código compartilhado do livro Meias-luas.

Cada capítulo importa daqui o que já foi ensinado antes, para mostrar só o
conceito novo. Os nomes seguem o tutorial original, em português.
"""
from .dados import Lotes, luas_em_cadeia, meias_luas, para_tensores, rotulos_01, rotulos_classe
from .diagnosticos import unidades_mortas
from .graficos import plotar_custos, plotar_dados, plotar_faixas, plotar_fronteira, saidas_na_grade
from .metricas import avaliar, epocas_ate, erros, taxa_de_erro
from .parada import melhor_epoca, treinar_com_parada
from .modelos import ATIVACOES, TAMANHOS_SEMENTE, criar_mlp, inicializar
from .reprodutibilidade import SEMENTE, dispositivo, fixar_sementes
from .treino import Historico, TreinoDivergiu, treinar
from .varios import HistoricoVarios, MLPsEmpilhadas, treinar_varios

from . import resultados, verificar

__version__ = "0.1.0"

__all__ = [
    "ATIVACOES", "Historico", "HistoricoVarios", "Lotes", "MLPsEmpilhadas", "SEMENTE", "TAMANHOS_SEMENTE",
    "TreinoDivergiu", "avaliar", "criar_mlp", "dispositivo", "epocas_ate", "erros", "fixar_sementes",
    "inicializar", "luas_em_cadeia", "meias_luas", "para_tensores", "plotar_custos", "plotar_dados",
    "plotar_faixas", "plotar_fronteira", "rotulos_01", "rotulos_classe", "saidas_na_grade", "taxa_de_erro",
    "melhor_epoca", "treinar", "treinar_com_parada", "treinar_varios", "unidades_mortas",
]
