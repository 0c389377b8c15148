"""Autoverificação dos exercícios: diz se a resposta está certa, sem mostrar a solução.

Cada função ``exercicio_N_k`` recebe a resposta do aluno (um número, uma
função, um modelo...), imprime em português se está certa e, se não estiver,
uma dica. Chame-a na célula do exercício; ela não devolve nada, para não
imprimir um ``True`` solto no notebook.

As funções de cada capítulo ficam em ``capituloNN.py``; ``verificar.exercicio_3_1``
acha a função no módulo do capítulo 3, sem que este arquivo precise listá-las.
"""
import importlib
import re

_NOME = re.compile(r"exercicio_(\d+)_\d+")


def __getattr__(nome):
    achado = _NOME.fullmatch(nome)
    if achado:
        try:
            modulo = importlib.import_module(f".capitulo{int(achado.group(1)):02d}", __name__)
        except ModuleNotFoundError:
            modulo = None
        if modulo is not None and hasattr(modulo, nome):
            return getattr(modulo, nome)
    raise AttributeError(f"moonlib.verificar não tem {nome!r}: confira o número do capítulo e do exercício")
