"""Autoverificação dos exercícios do capítulo 8."""
import numbers

from .comum import incompleta, perto, responder


def exercicio_8_1(passo_a_mao, primeiro_abaixo, b=120):
    """Capítulo 8, exercício 8.1: o passo do StepLR do tutorial depois de b chamadas e quando ele cai abaixo de 1e-8."""
    if incompleta(passo_a_mao, primeiro_abaixo):
        return
    if not perto(passo_a_mao, 0.5 * 0.1 ** (b // 30), 1e-9):
        return responder(False, "a cada 30 chamadas de step() o passo é multiplicado por 0,1: η_b = 0,5 · 0,1^⌊b/30⌋.")
    if not isinstance(primeiro_abaixo, numbers.Integral) or primeiro_abaixo != 240:
        return responder(False, "procure o menor número k de divisões com 0,5 · 0,1^k < 1e-8; a resposta é b = 30·k.")
    responder(True, "")
