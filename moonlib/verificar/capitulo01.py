"""Autoverificação dos exercícios do capítulo 1."""
import numbers

import torch

from ..metricas import modo_avaliacao, no_dispositivo_do
from .comum import incompleta, responder


def exercicio_1_1(contagem):
    """Capítulo 1, exercício 1.1: número de parâmetros da rede 2-3-5-5-2-1."""
    if incompleta(contagem):
        return
    if not isinstance(contagem, numbers.Integral):
        return responder(False, "a resposta é um número inteiro de pesos e vieses.")
    if contagem == 74:
        return responder(True, "")
    so_pesos = 2 * 3 + 3 * 5 + 5 * 5 + 5 * 2 + 2 * 1
    if contagem == so_pesos:
        return responder(False, "você contou os pesos; e os vieses, um por neurônio de cada camada?")
    return responder(False, "uma camada Linear(m, n) tem m·n pesos e n vieses; some as cinco camadas.")


def exercicio_1_2(taxa, modelo, X_teste, d_teste):
    """Capítulo 1, exercício 1.2: taxa de erro (%) contada à mão no conjunto de teste."""
    if incompleta(taxa):
        return
    if not isinstance(taxa, numbers.Real):
        return responder(False, "a resposta é um número: a porcentagem de pontos errados.")
    X_teste, d_teste = no_dispositivo_do(modelo, X_teste, d_teste)
    with modo_avaliacao(modelo):  # sem mudar o modo do modelo do aluno
        errados = int((torch.sign(modelo(X_teste)) != d_teste).sum())
    certa = 100 * errados / len(d_teste)
    if abs(taxa - certa) < 1e-9:
        return responder(True, "")
    if abs(taxa - errados) < 1e-9:
        return responder(False, "isso é a contagem de erros; converta em porcentagem do total de pontos.")
    if abs(taxa - certa / 100) < 1e-12:
        return responder(False, "falta multiplicar por 100 para ter uma porcentagem.")
    return responder(False, "compare torch.sign(saída) com os rótulos ±1 e conte as diferenças.")


def exercicio_1_3(entrada):
    """Capítulo 1, exercício 1.3: um tensor com os 5 primeiros pontos de teste, pronto para a rede."""
    if incompleta(entrada):
        return
    if not isinstance(entrada, torch.Tensor):
        return responder(False, "a resposta é um tensor do PyTorch (torch.tensor(...)).")
    if entrada.shape != (5, 2):
        return responder(False, f"esperava forma (5, 2): 5 pontos, 2 coordenadas; recebi {tuple(entrada.shape)}.")
    if entrada.dtype != torch.float32:
        return responder(False, f"o tensor é {entrada.dtype}; a rede trabalha em float32.")
    return responder(True, "")
