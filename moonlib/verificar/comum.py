"""O que todas as autoverificações usam: responder, reconhecer uma resposta incompleta, comparar números."""
import numbers


def responder(certo, dica):
    """Imprime ``Certo! ✔`` ou ``Ainda não. Dica: ...``; devolve ``certo`` (o notebook não o mostra: ``;``)."""
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
