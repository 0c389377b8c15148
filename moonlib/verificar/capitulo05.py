"""Autoverificação dos exercícios do capítulo 5."""
import math
import warnings

import numpy as np

from .comum import incompleta, numero as _numero, perto, responder


def _relativo(a, b, tol=1e-4):
    """``a`` é um número a no máximo ``tol`` (relativo) de ``b``, que não é zero: vale para números bem pequenos."""
    return a is not None and abs(a - b) <= tol * abs(b)


def _igual(a, b, tol=1e-9):
    """``a`` vale ``b``, contando infinito igual a infinito e NaN igual a NaN."""
    if a is None:
        return False
    if math.isnan(b):
        return math.isnan(a)
    if math.isinf(b) or math.isinf(a):
        return a == b
    return perto(a, b, tol)


def _par(x):
    """``x`` tem exatamente dois valores (tupla, lista, array ou tensor), como o par que ``mediana_ate`` devolve."""
    if isinstance(x, (tuple, list)):
        return len(x) == 2
    if hasattr(x, "detach"):  # um tensor do PyTorch
        return x.numel() == 2
    return isinstance(x, np.ndarray) and x.size == 2


def exercicio_5_1(m1, v1, atualizacao_sem_correcao, atualizacao_com_correcao, g1=0.02, eta=0.01, beta1=0.9,
                  beta2=0.999, eps=1e-8):
    """Capítulo 5, exercício 5.1: os momentos m1 e v1 e a primeira atualização do Adam sem e com a correção de viés."""
    if incompleta(m1, v1, atualizacao_sem_correcao, atualizacao_com_correcao):
        return
    m1_certo, v1_certo = (1 - beta1) * g1, (1 - beta2) * g1 ** 2
    sem = eta * m1_certo / (v1_certo ** 0.5 + eps)
    com = eta * (m1_certo / (1 - beta1)) / ((v1_certo / (1 - beta2)) ** 0.5 + eps)
    m, v = _numero(m1), _numero(v1)
    if m is None or v is None:
        return responder(False, "m1 e v1 devem ser números (um tensor ou array com um só valor também serve).")
    if not _relativo(m, m1_certo):
        if _relativo(m, g1):
            return responder(False, "m1 saiu igual ao gradiente: esse é o m̂1, já corrigido. m1 é a média antes da "
                                    "correção, pela fórmula de m_t com t = 1 e m0 = 0.")
        return responder(False, "use a fórmula de m_t com t = 1, lembrando que a média começa em zero (m0 = 0).")
    if not _relativo(v, v1_certo):
        if _relativo(v, (1 - beta2) * g1):
            return responder(False, "v1 é a média do quadrado do gradiente: falta elevar g1 ao quadrado.")
        if _relativo(v, g1 ** 2):
            return responder(False, "v1 saiu igual a g1²: esse é o v̂1, já corrigido. v1 é a média antes da correção, "
                                    "pela fórmula de v_t com t = 1 e v0 = 0.")
        return responder(False, "use a fórmula de v_t com t = 1, lembrando que a média começa em zero (v0 = 0).")
    if not _relativo(_numero(atualizacao_com_correcao), com, 1e-5):
        dica = ("com a correção, divida m1 por 1 − β1 e v1 por 1 − β2 antes de calcular a atualização; "
                "o resultado deve ser quase exatamente η.")
        return responder(False, dica)
    if not _relativo(_numero(atualizacao_sem_correcao), sem, 1e-5):
        return responder(False, "sem a correção, use m1 e v1 como estão: η · m1 / (√v1 + ε).")
    responder(True, "")


def exercicio_5_2(razao_sgd, razao_adam, escala=1000.0):
    """Capítulo 5, exercício 5.2: quanto a primeira atualização muda quando o custo é multiplicado por ``escala``.

    Cada razão é (atualização com o custo × ``escala``) / (atualização com o custo original).
    """
    if incompleta(razao_sgd, razao_adam):
        return
    sgd, adam = _numero(razao_sgd), _numero(razao_adam)
    if sgd is None or adam is None:
        return responder(False, "cada razão deve ser um só número: some os |Δw| de todos os pesos (.sum()) antes de "
                                "dividir, e use .item() para tirar o número do tensor.")
    if perto(sgd, 1 / escala, 1e-2) or perto(adam, 1 / escala, 1e-2):
        return responder(False, "a razão está invertida: divida a atualização com o custo multiplicado pela "
                                "atualização com o custo original.")
    if not perto(sgd, escala, 1e-2):
        return responder(False, "no SGD a atualização é −η·g. O que acontece com cada componente do gradiente g "
                                "quando o custo inteiro é multiplicado por uma constante?")
    if perto(adam, escala, 1e-2):
        return responder(False, "a razão do Adam saiu igual à do SGD: confira se as duas atualizações de "
                                "razao_adam foram feitas com o Adam.")
    if not perto(adam, 1.0, 1e-2):
        return responder(False, "no Adam a atualização é η·m̂/(√v̂ + ε). Se todo gradiente for multiplicado por "
                                "uma constante, o que acontece com m̂? E com √v̂?")
    responder(True, "")


def exercicio_5_3(ate, nunca_chegam, mediana_ignorando, mediana_contando):
    """Capítulo 5, exercício 5.3: a mediana das épocas até o alvo, ignorando ou contando quem nunca chega.

    ``ate`` são as épocas até o alvo de cada semente (``epocas_ate``: NaN onde a semente nunca chegou).
    """
    if incompleta(ate, nunca_chegam, mediana_ignorando, mediana_contando):
        return
    try:
        ate = np.asarray(ate, dtype=float).ravel()
    except (TypeError, ValueError):
        return responder(False, "ate deve ser o array de épocas que epocas_ate devolve, um número por semente.")
    if ate.size == 0:
        return responder(False, "ate está vazio: use epocas_ate(historico.taxas_validacao, ALVO).")
    nunca = int(np.isnan(ate).sum())
    with warnings.catch_warnings():  # todas as sementes sem chegar: a mediana ignorando-as não existe (NaN)
        warnings.simplefilter("ignore", RuntimeWarning)
        ignorando = float(np.nanmedian(ate)) if nunca < ate.size else math.nan
    contando = float(np.median(np.where(np.isnan(ate), np.inf, ate)))
    n = _numero(nunca_chegam)
    if n is None or n != nunca:
        if n is not None and n == ate.size - nunca and nunca != ate.size - nunca:
            return responder(False, "você contou as sementes que chegam ao alvo; conte as que nunca chegam.")
        return responder(False, "em ate, uma semente que nunca chega ao alvo aparece como NaN: conte quantos NaN há "
                                "(np.isnan devolve True ou False para cada semente).")
    for nome, resposta in (("mediana_ignorando", mediana_ignorando), ("mediana_contando", mediana_contando)):
        if _par(resposta):
            return responder(False, f"{nome} é um par de valores. Se ele veio de mediana_ate, lembre que mediana_ate "
                                    "devolve um par (mediana, quantas chegaram): use o primeiro elemento.")
    ig, co = _numero(mediana_ignorando), _numero(mediana_contando)
    if not _igual(ig, ignorando):
        if ig is not None and math.isnan(ig):
            return responder(False, "np.median de um array com NaN dá NaN. Há uma versão da mediana no NumPy que "
                                    "deixa os NaN de fora.")
        if _igual(ig, contando):
            return responder(False, "mediana_ignorando saiu igual à mediana que conta as falhas: aqui, deixe de fora "
                                    "as sementes que nunca chegam.")
        return responder(False, "para ignorar as sementes que nunca chegam, tire a mediana só das épocas que não são "
                                "NaN.")
    if not _igual(co, contando):
        if co is not None and math.isnan(co):
            return responder(False, "np.median de um array com NaN dá NaN: troque cada NaN por um valor que "
                                    "signifique \"nunca\" antes de tirar a mediana.")
        return responder(False, "para contar quem nunca chega, troque cada NaN por infinito (np.inf) antes de tirar a "
                                "mediana, como faz mediana_ate: quem não chegou fica depois de todas as outras.")
    responder(True, "")
