"""Parada antecipada: guardar o modelo da melhor época de validação (capítulo 2).

Treinar demais decora os dados de treino: o custo de validação desce, passa
por um mínimo e volta a subir. ``treinar_com_parada`` treina uma época por vez
com ``treinar`` (os mesmos números de um treino só, bit a bit), guarda uma
cópia dos pesos sempre que o custo de validação melhora e, no fim, devolve o
modelo a essa melhor época. ``melhor_epoca`` acha essa época num histórico já
gravado, inclusive nos K históricos de ``treinar_varios``.
"""
import copy
import math
from dataclasses import dataclass

import numpy as np

from .treino import Historico, TreinoDivergiu, treinar
from .validacao import ParametroInvalido, booleano, inteiro


def melhor_epoca(custos_validacao):
    """Época (contada a partir de 0) de menor custo de validação (capítulo 2).

    Parâmetros
    ----------
    custos_validacao : sequência, forma (épocas,) ou (épocas, K)
        Por exemplo ``historico.custos_validacao`` ou, para K treinos,
        ``historico_varios.custos_validacao``. NaN (época não validada ou
        treino que divergiu) é ignorado. Num empate vale a primeira época.

    Retorna
    -------
    int, ou array de K inteiros
        O índice da época, como no eixo de ``plotar_custos``: a época 0 é a
        primeira (o modelo depois de ``melhor + 1`` épocas de treino).
    """
    curva = np.asarray(custos_validacao, dtype=float)
    if curva.ndim not in (1, 2) or curva.shape[0] == 0:
        raise ValueError(f"custos_validacao deve ter forma (épocas,) ou (épocas, K) com ao menos uma época; "
                         f"recebi {curva.shape}")
    if np.isnan(curva).all(axis=0).any():
        raise ValueError("custos_validacao só tem NaN (em alguma coluna): o treino foi feito sem validação?")
    indices = np.nanargmin(curva, axis=0)
    return int(indices) if curva.ndim == 1 else indices.astype(int)


@dataclass
class ResultadoParada:
    """O que ``treinar_com_parada`` devolve (capítulo 2).

    Atributos
    ---------
    historico : Historico
        Todas as épocas treinadas (não só até a melhor).
    melhor_epoca : int
        Época de menor custo de validação, contada a partir de 0.
    melhor_custo : float
        O custo de validação nessa época.
    melhor_estado : dict
        Cópia do ``state_dict()`` do modelo ao fim dessa época.
    parou_cedo : bool
        ``True`` se o treino parou antes de ``epocas`` por falta de paciência.
    """

    historico: Historico
    melhor_epoca: int
    melhor_custo: float
    melhor_estado: dict
    parou_cedo: bool = False


def treinar_com_parada(modelo, lotes, funcao_custo, otimizador, epocas, validacao, *, paciencia=None,
                       restaurar=True, regra="sinal"):
    """Treina como ``treinar`` e guarda o modelo da época de menor custo de validação (capítulo 2).

    A cada época, ``treinar`` faz uma época e avalia ``validacao``; se o custo
    de validação é o menor até ali, uma cópia de ``modelo.state_dict()`` é
    guardada. Os números são os mesmos de ``treinar(..., epocas, validacao=...)``.

    Parâmetros
    ----------
    modelo, lotes, funcao_custo, otimizador, epocas
        Como em ``treinar``.
    validacao : (X_val, d_val)
        O conjunto de validação (obrigatório: é ele que escolhe a melhor época).
    paciencia : int, opcional
        Para o treino se o custo de validação passar ``paciencia`` épocas sem
        melhorar. ``None`` (padrão) treina todas as ``epocas``.
    restaurar : bool
        Se ``True`` (padrão), carrega no ``modelo`` os pesos da melhor época ao
        final; se ``False``, o ``modelo`` fica com os pesos da última época.
    regra : str
        Regra de decisão da taxa de erro de validação (``metricas.REGRAS``).

    Retorna
    -------
    ResultadoParada
    """
    epocas = inteiro("epocas", epocas, minimo=1)
    if validacao is None or not isinstance(validacao, (tuple, list)) or len(validacao) != 2:
        raise ParametroInvalido("a parada antecipada precisa de um conjunto de validação: validacao=(X_val, d_val)")
    if paciencia is not None:
        paciencia = inteiro("paciencia", paciencia, minimo=1)
    booleano("restaurar", restaurar)
    h = Historico()
    melhor, melhor_custo, melhor_estado, parou_cedo = -1, math.inf, None, False
    for epoca in range(int(epocas)):
        treinar(modelo, lotes, funcao_custo, otimizador, 1, validacao=validacao, historico=h, regra=regra)
        if h.divergiu or h.epocas == epoca:  # divergiu no meio da época: treinar já explicou
            break
        custo = h.custos_validacao[-1]
        if custo < melhor_custo:
            melhor, melhor_custo = epoca, custo
            melhor_estado = copy.deepcopy(modelo.state_dict())
        elif paciencia is not None and epoca - melhor >= paciencia:
            parou_cedo = True
            break
    if melhor_estado is None:
        if h.divergiu:
            raise TreinoDivergiu(h.mensagem, h)
        raise ValueError("nenhuma época teve custo de validação finito: não há modelo para guardar")
    if restaurar:
        modelo.load_state_dict(melhor_estado)
    return ResultadoParada(historico=h, melhor_epoca=melhor, melhor_custo=melhor_custo,
                           melhor_estado=melhor_estado, parou_cedo=parou_cedo)

