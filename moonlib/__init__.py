"""moonlib: o código compartilhado do livro Meias-luas.

Cada capítulo importa daqui o que já foi ensinado antes, para mostrar só o
conceito novo. Os nomes seguem o tutorial original, em português; a
docstring de cada função diz em que capítulo ela aparece.

Andares (cada módulo só importa dos andares de baixo):

- base: ``validacao``, ``formatos``, ``reprodutibilidade``, ``dados``, ``modelos``, ``metricas``;
- modelos em lote e treino: ``empilhadas``, ``treino``, ``parada``, ``treino_varios``;
- análise e figuras: ``graficos``, ``multiclasse``, ``diagnosticos``, ``estatisticas``,
  ``animacao``, ``conclusoes``, ``verificar``;
- o ``playground`` (capítulo 10), sobre todos eles;
- ao lado, as ferramentas de quem escreve o livro: ``moonlib.livro`` (``python -m moonlib``).

``import moonlib`` não carrega o ``pyplot``: ele só é importado quando um gráfico é pedido.
"""
from .conclusoes import ConclusaoNaoValeu, Conclusoes
from .dados import (Lotes, luas_em_cadeia, meias_luas, padronizacao, padronizar, para_tensores, rotulos_01,
                    rotulos_classe)
from .diagnosticos import unidades_mortas
from .empilhadas import MLPsEmpilhadas
from .formatos import numero
from .graficos import plotar_custos, plotar_dados, plotar_faixas, plotar_fronteira, saidas_na_grade
from .metricas import avaliar, epocas_ate, erros, mediana_ate, modo_avaliacao, taxa_de_erro
from .modelos import ATIVACOES, TAMANHOS_DO_TUTORIAL, camada_padronizadora, criar_mlp, inicializar
from .parada import melhor_epoca, treinar_com_parada
from .reprodutibilidade import SEMENTE, dispositivo, fixar_sementes, sementes
from .treino import Historico, TreinoDivergiu, treinar
from .treino_varios import HistoricoVarios, treinar_varios
from .validacao import ParametroInvalido

from . import verificar

__version__ = "0.2.0"

__all__ = [
    "ATIVACOES", "ConclusaoNaoValeu", "Conclusoes", "Historico", "HistoricoVarios", "Lotes", "MLPsEmpilhadas",
    "ParametroInvalido", "SEMENTE", "TAMANHOS_DO_TUTORIAL", "TreinoDivergiu", "avaliar", "camada_padronizadora",
    "criar_mlp",
    "dispositivo", "epocas_ate", "erros", "fixar_sementes", "inicializar", "luas_em_cadeia", "mediana_ate",
    "meias_luas", "melhor_epoca", "modo_avaliacao", "numero", "padronizacao", "padronizar", "para_tensores", "plotar_custos", "plotar_dados",
    "plotar_faixas", "plotar_fronteira", "rotulos_01", "rotulos_classe", "saidas_na_grade", "sementes",
    "taxa_de_erro", "treinar", "treinar_com_parada", "treinar_varios", "unidades_mortas",
]
