"""Autoverificação dos exercícios do capítulo 6."""
import math
import numbers

import numpy as np
import torch
from torch import nn
from torch.overrides import TorchFunctionMode

from ..metricas import epocas_ate
from .comum import incompleta, numero as _numero, perto, responder

CUSTO_MINIMO_TANH = math.log1p(math.exp(-1.0))
"""log(1 + e⁻¹) ≈ 0,313: o menor custo da ``BCEWithLogitsLoss`` num ponto quando o "logito" fica em (−1, 1)."""

CUSTO_INICIAL = (0.6, 0.85)
"""Faixa da mediana, entre as sementes, do custo do primeiro mini-lote no exercício 6.3 (perto de ln 2 ≈ 0,69).

Com a ``BCEWithLogitsLoss``, os rótulos 0/1 e a rede ainda sem treino, ela ficou entre 0,69 e 0,74 em 40 conjuntos
de 10 sementes (dados das sementes 111, 2024, 7 e 42); com a ``MSELoss``, entre 0,29 e 1,35."""

_CUSTOS_PRONTOS = {"binary_cross_entropy_with_logits", "binary_cross_entropy", "cross_entropy", "nll_loss"}
_SOFTMAX = {"cross_entropy", "nll_loss", "log_softmax", "softmax", "logsumexp"}


class _Registro(TorchFunctionMode):
    """Anota o nome de cada função do PyTorch chamada dentro do ``with`` (as de ``torch``, ``F`` e dos tensores)."""

    def __init__(self):
        super().__init__()
        self.nomes = set()

    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.nomes.add(getattr(func, "__name__", ""))
        return func(*args, **(kwargs or {}))


def _chamar(funcao, *args):
    """``(resposta, nomes)``: o que ``funcao(*args)`` devolve e os nomes das funções do PyTorch que ela usou."""
    with _Registro() as registro:
        resposta = funcao(*args)
    return resposta, registro.nomes


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
        resposta, usadas = _chamar(bce_logitos, z.clone(), d.clone())
        if incompleta(resposta):
            return
        if usadas & _CUSTOS_PRONTOS:
            return responder(False, "bce_logitos usa uma função custo pronta do PyTorch. O exercício é escrever a "
                                    "fórmula à mão, com operações como torch.clamp, torch.exp, torch.log1p e abs().")
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
    if math.isnan(valor):
        return responder(False, "a fórmula ingênua deu NaN, que aparece quando +∞ e −∞ se somam. Confira os "
                                "sinais: os dois termos, d·log y e (1 − d)·log(1 − y), levam o sinal de menos.")
    if valor == -math.inf:
        return responder(False, "a fórmula ingênua deu −∞. O custo é o negativo do logaritmo da "
                                "verossimilhança: confira o sinal de menos na frente dos dois termos.")
    if math.isfinite(valor):
        return responder(False, "a fórmula ingênua deu um número finito. Calcule-a sem nenhuma proteção, "
                                "com torch.log aplicado a y = torch.sigmoid(z) e a 1 − y.")
    responder(True, "")


def exercicio_6_2(custo_diferenca, z2, c_treino):
    """Capítulo 6, exercício 6.2: CrossEntropyLoss com dois logitos é BCEWithLogitsLoss na diferença deles."""
    if incompleta(custo_diferenca):
        return
    if not callable(custo_diferenca):
        return responder(False, "custo_diferenca deve ser uma função: def custo_diferenca(z2, c_treino): return ...")
    # Os logitos da rede e outros, sorteados, para que uma resposta escrita só para aqueles não passe.
    gerador = torch.Generator().manual_seed(6)
    casos = [(z2.detach(), c_treino), (3 * torch.randn(40, 2, generator=gerador), torch.randint(0, 2, (40,), generator=gerador))]
    for z, c in casos:
        resposta, usadas = _chamar(custo_diferenca, z.clone(), c.clone())
        if incompleta(resposta):
            return
        if usadas & _SOFTMAX:
            return responder(False, "custo_diferenca usa a CrossEntropyLoss (ou a softmax, ou o log-sum-exp dela), "
                                    "que é o lado que queremos comparar. Chegue ao mesmo número pelo outro caminho: a "
                                    "BCEWithLogitsLoss aplicada a um logito por ponto.")
        valor = _numero(resposta)
        if valor is None:
            return responder(False, "custo_diferenca deve devolver um número só, o custo médio nos pontos.")
        d = c.float()
        if perto(valor, float(nn.BCEWithLogitsLoss()(z[:, 0] - z[:, 1], d)), 1e-5):
            return responder(False, "a diferença está invertida: σ(diferença) deve ser a probabilidade da classe 1, "
                                    "a classe dos rótulos 1.")
        if any(perto(valor, float(nn.BCEWithLogitsLoss()(z[:, j], d)), 1e-5) for j in (0, 1)):
            return responder(False, "use a diferença entre os dois logitos de cada ponto, e não um logito só.")
        if not perto(valor, float(nn.CrossEntropyLoss()(z, c)), 1e-5):
            return responder(False, "aplique nn.BCEWithLogitsLoss() a um logito por ponto, a diferença entre as duas "
                                    "colunas de z2, com os rótulos c_treino convertidos em ponto flutuante.")
    responder(True, "")


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
    custos = np.asarray(h_eta_2.custos_lote, dtype=float)
    custos = np.where(np.isfinite(custos), custos, np.nan)
    if np.nanmin(custos, initial=np.inf) < 0:
        # Com rótulos ±1, a BCEWithLogitsLoss calcula sem reclamar um custo que fica negativo.
        return responder(False, "o custo de treino ficou negativo, o que a entropia cruzada com rótulos 0/1 nunca dá. "
                                "Confira os rótulos de treino que você passou a treinar_varios.")
    inicial = np.nanmedian(custos[0]) if len(custos) and np.isfinite(custos[0]).any() else np.nan
    if np.isfinite(inicial) and not CUSTO_INICIAL[0] <= inicial <= CUSTO_INICIAL[1]:
        return responder(False, f"o custo do primeiro mini-lote, na mediana entre as sementes, foi {inicial:.2f}; com a "
                                "entropia cruzada, uma rede que ainda não aprendeu nada custa perto de ln 2 ≈ 0,69. "
                                "Confira a função custo e os rótulos de treino.")
    if np.isfinite(custos).any() and np.nanmin(custos) >= CUSTO_MINIMO_TANH - 1e-3:
        # Com a saída Tanh (o padrão de criar_mlp), o "logito" fica entre −1 e 1 e o custo nunca desce daí.
        return responder(False, "o custo de treino nunca ficou abaixo de log(1 + e⁻¹) ≈ 0,31, o menor valor possível "
                                "quando o logito fica entre −1 e 1. A rede da entropia cruzada da comparação tem "
                                "saída linear: confira como ela foi criada.")
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
