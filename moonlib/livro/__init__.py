"""As ferramentas de quem escreve e mantém o livro (não de quem o estuda).

Regenerar as saídas dos notebooks, exportar as figuras, escrever as cópias do
aluno e do professor, registrar o resultado de cada capítulo e medir o custo
por época. Usam ``nbformat`` e ``nbclient``, que o extra ``[autor]`` do pacote
instala (``pip install moonlib[autor]``); os módulos para os alunos
(``moonlib.dados``, ``moonlib.treino``...) não precisam deles.

Ponto de entrada: ``python -m moonlib <comando>`` (``moonlib.livro.comandos``).
"""
