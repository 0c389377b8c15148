"""Autoverificação dos exercícios do capítulo 7."""
from .comum import incompleta, perto, responder


def exercicio_7_1(desvio_xavier, desvio_padrao):
    """Capítulo 7, exercício 7.1: os desvios-padrão de Xavier e do padrão do PyTorch para Linear(5, 2)."""
    if incompleta(desvio_xavier, desvio_padrao):
        return
    if not perto(desvio_xavier, (2 / 7) ** 0.5, 1e-4):
        return responder(False, "Xavier normal usa σ = √(2 / (n_ent + n_sai)), com n_ent = 5 e n_sai = 2.")
    if perto(desvio_padrao, 1 / 5 ** 0.5, 1e-4):
        return responder(False, "1/√5 é o limite da uniforme; o desvio-padrão de uma uniforme em ±a é a/√3.")
    if not perto(desvio_padrao, 1 / 15 ** 0.5, 1e-4):
        return responder(False, "o padrão do PyTorch é uniforme em ±1/√n_ent; qual é o desvio-padrão dela?")
    responder(True, "")
