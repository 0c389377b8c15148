"""Autoverificação dos exercícios do capítulo 1."""
import numbers

import numpy as np
import torch
from torch import nn

from ..metricas import no_dispositivo_do
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
        return responder(False, "você contou os pesos; e os vieses, um por unidade de cada camada?")
    return responder(False, "uma camada Linear(m, n) tem m·n pesos e n vieses; some as cinco camadas.")


def _como_tensor(valor):
    """A resposta como tensor float64 sem grafo, ou ``None`` se não for um tensor nem um array de números."""
    if isinstance(valor, torch.Tensor):
        return valor.detach().cpu().double()
    try:
        array = np.asarray(valor, dtype=float)
    except (TypeError, ValueError):
        return None
    return torch.as_tensor(array) if array.ndim else None


def _iguais(a, b):
    """``a`` e ``b`` (mesma forma) coincidem a menos de arredondamentos de ``float32``."""
    return a.shape == b.shape and float((a - b).abs().max()) <= 1e-4 * float(b.abs().max()) + 1e-9


def exercicio_1_2(gradiente, modelo, X, d):
    """Capítulo 1, exercício 1.2: o gradiente do custo MSE em relação aos pesos da camada de saída.

    Confere a resposta com o gradiente que o *autograd* calcula (``torch.autograd.grad``, que não
    mexe no ``.grad`` do modelo do aluno) e, se estiver errada, reconhece os enganos mais comuns.
    """
    if incompleta(gradiente):
        return
    resposta = _como_tensor(gradiente)
    if resposta is None:
        return responder(False, "a resposta é um tensor, com um número para cada peso da camada de saída.")
    lineares = [m for m in modelo.modules() if isinstance(m, nn.Linear)]
    if not lineares:
        raise TypeError("modelo deve ter ao menos uma camada nn.Linear (a rede do capítulo)")
    pesos = lineares[-1].weight
    X, d = no_dispositivo_do(modelo, X, d)
    # As saídas da última camada oculta: o que entra na camada de saída (capturado por um gancho).
    entradas = []
    gancho = lineares[-1].register_forward_hook(lambda camada, entrada, saida: entradas.append(entrada[0]))
    try:
        with torch.enable_grad():
            y = modelo(X)
            (certo,) = torch.autograd.grad(nn.functional.mse_loss(y, d), pesos)
    finally:
        gancho.remove()
    certo = certo.detach().cpu().double()
    if resposta.shape != certo.shape:
        if resposta.numel() == certo.numel():
            return responder(False, f"os números podem estar certos, mas a forma é {tuple(resposta.shape)}: "
                                    "o gradiente tem a forma dos pesos (veja .weight.shape).")
        if resposta.ndim == 2 and resposta.shape[0] == len(X) and resposta.shape[1] == certo.numel():
            return responder(False, "você tem um gradiente por ponto; o custo é a média sobre os pontos do mini-lote.")
        return responder(False, f"o gradiente tem a forma dos pesos da camada de saída, {tuple(certo.shape)}; "
                                f"a sua resposta tem forma {tuple(resposta.shape)}.")
    if _iguais(resposta, certo):
        return responder(True, "")
    y = y.detach().cpu().double()
    d = d.detach().cpu().double().reshape(y.shape)
    h = entradas[0].detach().cpu().double()
    erro = y - d
    enganos = (
        (-certo, "confira o sinal: a derivada de (d − y)² em relação a y."),
        (certo / 2, "confira a derivada do quadrado: (u²)' = 2u·u'."),
        (certo * len(X), "o custo é a média sobre os pontos do mini-lote, não a soma."),
        ((2 * erro * h).mean(0).reshape(certo.shape), "falta um elo da cadeia: a saída passa por uma tanh."),
        ((2 * erro * (1 - y ** 2)).mean().expand(certo.shape),
         "esse é o gradiente do viés; para o peso w_j, a cadeia ganha mais um fator."),
    )
    for errado, dica in enganos:
        if _iguais(resposta, errado):
            return responder(False, dica)
    return responder(False, "derive J em relação a cada peso w_j pela regra da cadeia, como o texto fez para o "
                            "viés, e compare cada fator com o seu código.")


def exercicio_1_3(entrada, dados_teste):
    """Capítulo 1, exercício 1.3: os 5 primeiros pontos de teste (x1, x2) num tensor pronto para a rede.

    ``dados_teste`` é o array ``dados_teste_np`` do capítulo (colunas x1, x2, d), de onde os pontos vêm.
    """
    if incompleta(entrada):
        return
    if not isinstance(entrada, torch.Tensor):
        return responder(False, "a resposta é um tensor do PyTorch (torch.tensor(...)).")
    if entrada.shape != (5, 2):
        return responder(False, f"esperava forma (5, 2): 5 pontos, 2 coordenadas; recebi {tuple(entrada.shape)}.")
    if entrada.dtype != torch.float32:
        return responder(False, f"o tensor é {entrada.dtype}; a rede trabalha em float32.")
    esperado = torch.as_tensor(np.asarray(dados_teste, dtype=np.float64)[:5, :2])
    if not _iguais(entrada.detach().cpu().double(), esperado):
        return responder(False, "forma e tipo estão certos, mas os números não são os de dados_teste_np[:5, :2] "
                                "(as 5 primeiras linhas, as colunas x1 e x2).")
    return responder(True, "")
