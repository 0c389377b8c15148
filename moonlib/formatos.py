"""Números escritos como no livro: com vírgula decimal (todos os capítulos).

O Python escreve ``0.5``; em português escrevemos ``0,5``. Os títulos das
figuras, as legendas e as frases que os capítulos imprimem usam ``numero``.
"""
import math
import numbers


def numero(x, formato=".1f"):
    """``x`` com vírgula decimal, no ``formato`` do Python (padrão: uma casa decimal).

    >>> numero(3.14159)
    '3,1'
    >>> numero(0.000567, ".3g")
    '0,000567'
    >>> numero(12, "d")
    '12'

    Um valor que não é finito (``nan``, ``inf``) vira ``"—"``, e não um número
    sem sentido no meio de uma frase.
    """
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"numero recebe um número; recebi {x!r}")
    if not math.isfinite(x):
        return "—"
    texto = format(int(x) if formato.endswith("d") else float(x), formato)
    return texto.replace(".", ",")
