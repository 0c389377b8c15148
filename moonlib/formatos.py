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


def com_espaco(n):
    """Um inteiro grande como no texto do livro, com espaço entre os milhares: ``10000`` → ``"10 000"``."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"com_espaco recebe um inteiro; recebi {n!r}")
    return f"{n:,}".replace(",", " ")


def cientifico(x, casas=2):
    """Notação científica como no texto, com vírgula decimal: ``5.81e-07`` → ``"5,81 × 10⁻⁷"``.

    Um valor que não é finito vira ``"—"``, como em ``numero``.
    """
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"cientifico recebe um número; recebi {x!r}")
    if not math.isfinite(x):
        return "—"
    mantissa, expoente = f"{x:.{casas}e}".split("e")
    sobrescrito = str(int(expoente)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa.replace('.', ',').replace('-', '−')} × 10{sobrescrito}"
