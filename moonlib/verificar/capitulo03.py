"""Autoverificação dos exercícios do capítulo 3."""
import torch

from .comum import incompleta, perto, responder


def exercicio_3_1(derivada_maxima, z_do_maximo):
    """Capítulo 3, exercício 3.1: o máximo da derivada da sigmoide e onde ele ocorre."""
    if incompleta(derivada_maxima, z_do_maximo):
        return
    if perto(derivada_maxima, 1.0, 1e-3):
        return responder(False, "1 é o máximo da derivada da Tanh; calcule a da sigmoide, σ'(z) = σ(z)(1 − σ(z)).")
    if not perto(derivada_maxima, 0.25, 1e-4):
        return responder(False, "procure o maior valor de z.grad depois de torch.sigmoid(z).sum().backward().")
    if not perto(z_do_maximo, 0.0, 1e-3):
        return responder(False, "o valor está certo, mas o máximo ocorre onde σ(z) = 1/2. Onde é isso?")
    responder(True, "")
