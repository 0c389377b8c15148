"""O Playground: todos os botões do livro num só lugar, no Jupyter e no Colab (capítulo 10).

Inspirado no TensorFlow Playground, mas feito só com as funções do ``moonlib``
que os capítulos ensinam. Um módulo por tarefa:

- ``opcoes``: as tabelas das escolhas (otimizadores, custos, agendadores,
  inicializações; as ativações vêm de ``modelos.ATIVACOES``). De cada entrada saem
  o objeto que o motor usa, o item do menu e a linha do código mostrado;
- ``configuracao``: ``Configuracao``, imutável e conferida uma vez, com um texto de
  uma linha para copiar e colar e o código PyTorch equivalente;
- ``motor``: ``Sessao`` (dados, modelo, otimizador e agendador; treina época a
  época), ``gerar_dados`` e ``treinar_sementes``, sem widgets;
- ``figura``: o mapa da fronteira e as curvas de custo e de taxa de erro;
- ``interface``: ``Playground``, os controles do ``ipywidgets`` e o treino numa
  *thread*, em trechos curtos, para não travar o notebook.

Sem kernel (testes, ``python -m moonlib regenerar``), nada roda sozinho: a
interface desenha uma vez a configuração inicial, e os métodos síncronos
(``executar``, ``uma_epoca``, ``reiniciar``) fazem o resto.
"""
from .configuracao import CONTROLES, GRUPOS, Configuracao
from .motor import Sessao, gerar_dados, treinar_sementes


def __getattr__(nome):
    # A interface importa o ipywidgets: só quando alguém a pede.
    if nome == "Playground":
        from .interface import Playground
        return Playground
    raise AttributeError(f"moonlib.playground não tem {nome!r}")


__all__ = ["CONTROLES", "GRUPOS", "Configuracao", "Playground", "Sessao", "gerar_dados", "treinar_sementes"]
