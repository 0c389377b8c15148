"""Autoverificação dos exercícios do capítulo 6."""
import math
import numbers

import numpy as np
import torch
from torch import nn

from ..metricas import epocas_ate
from .comum import incompleta, perto, responder


def _numero(valor):
    """``valor`` (um número ou um tensor de um elemento) como ``float``; ``None`` se não for um número só."""
    if isinstance(valor, torch.Tensor):
        return float(valor.detach().reshape(-1)[0]) if valor.numel() == 1 else None
    if isinstance(valor, numbers.Real) and not isinstance(valor, bool):
        return float(valor)
    return None


def exercicio_6_1(bce_logitos, ingenua):
    """Capítulo 6, exercício 6.1: a entropia cruzada com logitos, à mão, e a fórmula ingênua."""
    if incompleta(bce_logitos, ingenua):
        return
    if not callable(bce_logitos):
        return responder(False, "bce_logitos deve ser uma função: def bce_logitos(z, d): return ...")
    # Os logitos do enunciado e outros, para que uma resposta escrita só para aqueles não passe.
    casos = [(torch.tensor([-120.0, -3.0, 0.0, 3.0, 40.0]), torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0])),
             (torch.tensor([-30.0, 0.5, 20.0, -2.0]), torch.tensor([0.0, 1.0, 1.0, 1.0]))]
    for z, d in casos:
        resposta = bce_logitos(z.clone(), d.clone())
        if incompleta(resposta):
            return
        valor = _numero(resposta)
        if valor is None:
            return responder(False, "bce_logitos deve devolver um número só: a média dos custos dos pontos.")
        certo = float(nn.BCEWithLogitsLoss()(z, d))
        if not math.isfinite(valor):
            return responder(False, "bce_logitos deu um valor infinito ou NaN. Use a segunda forma da fórmula, "
                                    "com max(z, 0) e |z|: nela, a exponencial nunca recebe um número positivo.")
        if perto(valor, certo * len(z), 1e-4) and not perto(valor, certo, 1e-4):
            return responder(False, "o valor é a soma dos custos dos pontos; a BCEWithLogitsLoss devolve a média.")
        if not perto(valor, certo, 1e-4):
            return responder(False, "bce_logitos não dá o mesmo que nn.BCEWithLogitsLoss(). Confira a fórmula "
                                    "termo a termo num ponto só, por exemplo z = 3 e d = 1.")
    valor = _numero(ingenua)
    if valor is None:
        return responder(False, "ingenua deve ser um número só: a média da fórmula ingênua nos cinco pontos.")
    if math.isfinite(valor):
        return responder(False, "a fórmula ingênua deu um número finito. Calcule-a sem nenhuma proteção, "
                                "com torch.log aplicado a y = torch.sigmoid(z) e a 1 − y.")
    responder(True, "")


def exercicio_6_2(custo_diferenca, z2, c_treino):
    """Capítulo 6, exercício 6.2: CrossEntropyLoss com dois logitos é BCEWithLogitsLoss na diferença deles."""
    if incompleta(custo_diferenca):
        return
    valor = _numero(custo_diferenca)
    if valor is None:
        return responder(False, "custo_diferenca deve ser um número só, o custo médio nos pontos de treino.")
    z2 = z2.detach()
    d = c_treino.float()
    if perto(valor, float(nn.BCEWithLogitsLoss()(z2[:, 1] - z2[:, 0], d)), 1e-5):
        return responder(True, "")
    if perto(valor, float(nn.BCEWithLogitsLoss()(z2[:, 0] - z2[:, 1], d)), 1e-5):
        return responder(False, "a diferença está invertida: σ(diferença) deve ser a probabilidade da classe 1, "
                                "a classe dos rótulos 1.")
    if any(perto(valor, float(nn.BCEWithLogitsLoss()(z2[:, j], d)), 1e-5) for j in (0, 1)):
        return responder(False, "use a diferença entre os dois logitos de cada ponto, e não um logito só.")
    responder(False, "aplique nn.BCEWithLogitsLoss() a um logito por ponto, a diferença entre as duas colunas "
                     "de z2, com os rótulos c_treino convertidos em ponto flutuante.")


def exercicio_6_3(h_eta_2, chegaram_eta_2, chegaram_eta_05, h_bce, alvo=2.0, epocas=200, k=10, passo=2.0):
    """Capítulo 6, exercício 6.3: quantas sementes chegam ao alvo com o passo quatro vezes maior."""
    if incompleta(h_eta_2, chegaram_eta_2, chegaram_eta_05):
        return
    if not hasattr(h_eta_2, "taxas_validacao") or not hasattr(h_eta_2, "passos"):
        return responder(False, "h_eta_2 deve ser o histórico que treinar_varios devolve (o segundo valor do par).")
    taxas = np.asarray(h_eta_2.taxas_validacao, dtype=float)
    if taxas.shape[1] != k or tuple(h_eta_2.sementes) != tuple(h_bce.sementes[:k]):
        return responder(False, f"treine as mesmas {k} sementes da comparação, as {k} primeiras do capítulo.")
    if taxas.shape[0] != epocas:
        return responder(False, f"treine por {epocas} épocas.")
    if np.isnan(taxas).all():
        return responder(False, "passe o conjunto de validação a treinar_varios (validacao=...), com os rótulos 0/1.")
    if not np.allclose(np.asarray(h_eta_2.passos, dtype=float), passo):
        return responder(False, f"o passo de adaptação do SGD deve ser η = {passo:g}.")
    for nome, valor in (("chegaram_eta_2", chegaram_eta_2), ("chegaram_eta_05", chegaram_eta_05)):
        if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
            return responder(False, f"{nome} deve ser um número inteiro de sementes (use int(...)).")
    if chegaram_eta_2 != int(np.isfinite(epocas_ate(taxas, alvo)).sum()):
        return responder(False, f"conte as sementes de h_eta_2 cujo erro de validação chega a {alvo:g} % ou menos "
                                "em alguma época (epocas_ate dá NaN para quem nunca chegou).")
    if chegaram_eta_05 != int(np.isfinite(epocas_ate(np.asarray(h_bce.taxas_validacao)[:epocas, :k], alvo)).sum()):
        return responder(False, f"para η = 0,5, conte nas mesmas {k} sementes e só nas {epocas} primeiras épocas "
                                "de h_bce.")
    responder(True, "")
