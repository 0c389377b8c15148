"""Autoverificação dos exercícios do capítulo 4."""
from .comum import incompleta, perto, responder


def exercicio_4_1(fracao_de_zeros, valor_sobrevivente, p=0.25):
    """Capítulo 4, exercício 4.1: a fração esperada de zeros e o valor dos sobreviventes de ``nn.Dropout(p)``."""
    if incompleta(fracao_de_zeros, valor_sobrevivente):
        return
    if not perto(fracao_de_zeros, p, 1e-9):
        return responder(False, "cada elemento é zerado, de forma independente, com probabilidade p.")
    if perto(valor_sobrevivente, 1.0, 1e-9):
        return responder(False, "no modo de treino os sobreviventes não ficam iguais: são reescalados para manter a média.")
    if not perto(valor_sobrevivente, 1 / (1 - p), 1e-9):
        return responder(False, "a média de saída deve continuar 1: (1 − p) · valor = 1.")
    responder(True, "")
