"""O que os testes das autoverificações (tests/test_verificar_capNN.py) usam: as saídas esperadas."""

CERTO = "Certo! ✔\n"
COMPLETE = "Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.\n"


def saida(capsys, funcao, *args, **kwargs):
    """Chama a verificação ``funcao`` e devolve o que ela imprimiu; ela não devolve nada (o notebook não mostra ``None``)."""
    assert funcao(*args, **kwargs) is None
    return capsys.readouterr().out


def dica(texto, trecho=""):
    """Confere que ``texto`` é uma dica (e que contém ``trecho``) e o devolve."""
    assert texto.startswith("Ainda não. Dica: ") and trecho in texto, texto
    return texto
