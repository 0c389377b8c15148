"""Autoverificação dos exercícios do capítulo 5."""
from .comum import incompleta, perto, responder


def exercicio_5_1(passo_sem_correcao, passo_com_correcao, g1=0.02, eta=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    """Capítulo 5, exercício 5.1: o primeiro passo do Adam sem e com a correção de viés."""
    if incompleta(passo_sem_correcao, passo_com_correcao):
        return
    m1, v1 = (1 - beta1) * g1, (1 - beta2) * g1 ** 2
    sem = eta * m1 / (v1 ** 0.5 + eps)
    com = eta * (m1 / (1 - beta1)) / ((v1 / (1 - beta2)) ** 0.5 + eps)
    if not perto(passo_com_correcao, com, 1e-5):
        dica = ("com a correção, divida m1 por 1 − β1 e v1 por 1 − β2 antes de calcular o passo; "
                "o resultado deve ser quase exatamente η.")
        return responder(False, dica)
    if not perto(passo_sem_correcao, sem, 1e-5):
        return responder(False, "sem a correção, use m1 e v1 como estão: η · m1 / (√v1 + ε).")
    responder(True, "")
