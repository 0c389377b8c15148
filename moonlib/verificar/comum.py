"""O que todas as autoverificações usam: responder, reconhecer uma resposta incompleta, ler e comparar números."""
import numbers

import numpy as np


def responder(certo, dica):
    """Imprime ``Certo! ✔`` ou ``Ainda não. Dica: ...``; não devolve nada, para o notebook não mostrar um valor."""
    if certo:
        print("Certo! ✔")
    else:
        print("Ainda não. Dica:", dica)
    return None


def incompleta(*respostas):
    """``True`` (e um aviso) se alguma resposta ainda é o ``...`` do esqueleto do exercício."""
    if any(r is ... for r in respostas):
        print("Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.")
        return True
    return False


def perto(a, b, tol=1e-6):
    """``a`` é um número a no máximo ``tol`` (relativo, ou absoluto perto de zero) de ``b``."""
    return isinstance(a, numbers.Real) and not isinstance(a, bool) and abs(float(a) - b) <= tol * max(1.0, abs(b))


def numero(x):
    """A resposta ``x`` como ``float``, se for um número só; senão ``None``.

    Aceita o que um aluno escreve para um número: um ``int`` ou ``float`` (também do NumPy), ou um
    tensor ou array com um único elemento inteiro ou real, de qualquer forma (com gradiente ou na GPU).
    Recusa ``True``/``False``, textos, listas e coleções com mais de um elemento.
    """
    if isinstance(x, (bool, np.bool_, str, bytes)):
        return None
    if isinstance(x, numbers.Real):
        return float(x)
    if hasattr(x, "detach"):  # um tensor do PyTorch, talvez com gradiente ou na GPU
        x = x.detach().cpu()
        x = (x.double() if x.is_floating_point() else x).numpy()   # o NumPy não tem bfloat16
    if not isinstance(x, (np.ndarray, np.generic)):  # uma lista [0.25] não é um número
        return None
    a = np.asarray(x)
    if a.size != 1 or a.dtype.kind not in "iuf":  # um só número, nem texto nem True/False
        return None
    return float(a.reshape(-1)[0])
