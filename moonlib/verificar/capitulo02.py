"""Autoverificação dos exercícios do capítulo 2."""
import numbers
from collections.abc import Mapping

import numpy as np
import torch

from ..empilhadas import MLPsEmpilhadas
from ..metricas import modo_avaliacao, no_dispositivo_do
from .comum import incompleta, perto, responder


def _inteiro(x):
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def _parada(custos, paciencia):
    """(época em que o treino para, época guardada), com a regra de ``treinar_com_parada``."""
    guardada = 0
    for epoca in range(1, len(custos)):
        if custos[epoca] < custos[guardada]:
            guardada = epoca
        elif epoca - guardada >= paciencia:
            return epoca, guardada
    return len(custos) - 1, guardada


def _dica_do_par(par, certo, paciencia):
    """A dica para o par (época em que para, época guardada) de uma paciência; ``None`` se está certo."""
    prefixo = f"com paciência {paciencia}, "
    if not isinstance(par, (tuple, list)) or len(par) != 2 or not all(_inteiro(x) for x in par):
        return prefixo + "responda com um par de épocas (inteiros): (época em que o treino para, época guardada)."
    para, guardada = par
    if (para, guardada) == certo:
        return None
    if (guardada, para) == certo:
        return prefixo + "o par está invertido: primeiro a época em que o treino para, depois a época guardada."
    if guardada > para:
        return prefixo + "a época guardada é uma das épocas já treinadas quando o treino para."
    if para == certo[0]:
        return prefixo + "a época guardada é a de menor custo entre as épocas treinadas até a parada."
    return (prefixo + "percorra as épocas em ordem: a época guardada muda quando o custo fica menor que o dela; "
            f"o treino para quando a época atual está {paciencia} épocas depois da guardada sem ter melhorado.")


def exercicio_2_1(custos, melhor, com_paciencia_2, com_paciencia_1):
    """Capítulo 2, exercício 2.1: a melhor época e onde a parada antecipada para, com paciência 2 e 1."""
    if incompleta(melhor, com_paciencia_2, com_paciencia_1):
        return
    custos = [float(c) for c in custos]
    certo = int(np.argmin(custos))
    if not _inteiro(melhor):
        if isinstance(melhor, numbers.Real) and float(melhor) in custos:
            return responder(False, "a resposta é a época (a posição na lista), não o custo dela.")
        return responder(False, "a melhor época é um número inteiro: a posição do custo na lista.")
    if melhor == certo + 1:
        return responder(False, "as épocas contam a partir de 0: o primeiro custo da lista é o da época 0.")
    if melhor != certo:
        return responder(False, "a melhor época é a de menor custo de validação; confira com melhor_epoca(custos).")
    certos = {2: _parada(custos, 2), 1: _parada(custos, 1)}
    if com_paciencia_2 == certos[1] and com_paciencia_1 == certos[2] and certos[1] != certos[2]:
        return responder(False, "os dois pares estão trocados: confira qual é o de paciência 2 e qual o de paciência 1.")
    for paciencia, par in ((2, com_paciencia_2), (1, com_paciencia_1)):
        dica = _dica_do_par(par, certos[paciencia], paciencia)
        if dica:
            return responder(False, dica)
    return responder(True, "")


def exercicio_2_2(rede, referencia, copia, qual_serve):
    """Capítulo 2, exercício 2.2: ``state_dict()`` sem cópia, com ``deepcopy``, e qual serve para voltar atrás."""
    if incompleta(referencia, copia, qual_serve):
        return
    atual = rede.state_dict()
    for nome, guardado in (("referencia", referencia), ("copia", copia)):
        if not isinstance(guardado, Mapping) or set(guardado) != set(atual) or \
                not all(isinstance(t, torch.Tensor) for t in guardado.values()):
            return responder(False, f"{nome} deve ser um dicionário de tensores como o de rede.state_dict(), "
                                    "da mesma rede.")
    if not all(referencia[k].data_ptr() == atual[k].data_ptr() for k in atual):
        return responder(False, "referencia deve ser o próprio rede.state_dict(), sem nenhuma cópia.")
    if any(copia[k].data_ptr() == atual[k].data_ptr() for k in atual):
        return responder(False, "copia ainda aponta para os tensores da rede: faça uma cópia independente "
                                "com copy.deepcopy.")
    if all(torch.equal(copia[k], atual[k]) for k in atual):
        return responder(False, "os pesos da rede ainda são iguais aos da cópia: guarde as duas versões "
                                "e só depois treine uma época com treinar.")
    if qual_serve not in ("referencia", "copia"):
        return responder(False, 'responda com o texto "referencia" ou "copia".')
    if qual_serve != "copia":
        return responder(False, 'compare referencia["0.weight"] e copia["0.weight"] com os pesos da rede '
                                "treinada: qual dos dois ainda tem os pesos de antes do treino?")
    return responder(True, "")


def _lacuna(h):
    return float(np.mean(np.asarray(h.custos_validacao)[-1] - np.asarray(h.custos_treino)[-1]))


def _custos_mse(redes, X, d):
    """O custo (MSE) de cada uma das K redes empilhadas em ``(X, d)``, em modo de avaliação."""
    X, d = no_dispositivo_do(redes, X, d)
    with modo_avaliacao(redes):
        y = redes(X)
    return ((y - d) ** 2).flatten(1).mean(1).cpu().numpy()


def exercicio_2_3(historicos, X_600, d_600, validacao, redes_600, historicos_600, lacuna_poucos, lacuna_600, k=5):
    """Capítulo 2, exercício 2.3: o treino com 600 pontos e a lacuna de generalização média na última época.

    ``historicos`` é o ``HistoricoVarios`` do treino com poucos pontos; ``X_600``, ``d_600`` e ``validacao``
    são os dados que o enunciado pede; ``redes_600`` e ``historicos_600``, o que ``treinar_varios`` devolveu
    ao aluno. A conferência reconhece o treino pelos números: os custos de validação das redes finais nos
    pontos de ``validacao`` e, com folga, o custo de treino delas em ``X_600``.
    """
    if incompleta(redes_600, historicos_600, lacuna_poucos, lacuna_600):
        return
    if not all(hasattr(historicos_600, campo) for campo in ("custos_validacao", "custos_treino", "custos_lote",
                                                              "sementes")) or not isinstance(redes_600, MLPsEmpilhadas):
        return responder(False, "treinar_varios devolve duas coisas, as redes e o histórico: "
                                "redes_600, historicos_600 = moonlib.treinar_varios(...).")
    validacao_h = np.asarray(historicos_600.custos_validacao, dtype=float)
    if validacao_h.ndim != 2 or validacao_h.shape[1] != k or redes_600.k != k:
        return responder(False, f"treine {k} sementes: passe {k} sementes a treinar_varios.")
    if tuple(historicos_600.sementes) != tuple(historicos.sementes[:k]):
        return responder(False, f"use as sementes do enunciado, sementes({k}, semente): as mesmas redes iniciais "
                                "do experimento com poucos pontos.")
    if validacao_h.shape[0] != np.asarray(historicos.custos_validacao).shape[0]:
        return responder(False, "treine pelo mesmo número de épocas do experimento com poucos pontos (epocas).")
    if np.isnan(validacao_h).all():
        return responder(False, "sem validação não há custo de validação: passe validacao=(X_val_sob, d_val_sob).")
    if np.asarray(historicos_600.custos_lote).shape[0] != validacao_h.shape[0]:
        return responder(False, "use um mini-lote com todos os pontos (tamanho_lote=len(X_600)), como no "
                                "experimento com poucos pontos.")
    # As redes finais, nos pontos de validação pedidos, dão exatamente o custo de validação da última época
    if not np.allclose(_custos_mse(redes_600, *validacao), validacao_h[-1], rtol=1e-4, atol=1e-7):
        return responder(False, "valide com os mesmos pontos do experimento com poucos pontos, os das luas "
                                "sobrepostas: validacao=(X_val_sob, d_val_sob), e com a mesma funcao_custo.")
    # Mesmas sementes, mesmas redes iniciais: a época 0 com os mesmos custos é o treino nos mesmos pontos
    treino_h = np.asarray(historicos_600.custos_treino, dtype=float)
    poucos_0 = np.asarray(historicos.custos_treino, dtype=float)[0, :k]
    if np.allclose(treino_h[0], poucos_0, rtol=1e-5) or \
            np.median(np.abs(_custos_mse(redes_600, X_600, d_600) / treino_h[-1] - 1)) > 0.1:
        return responder(False, "treine com os 600 pontos novos, X_600 e d_600, e não com os 100 pontos de "
                                "treino do experimento anterior.")
    certas = {"poucos": _lacuna(historicos), "600": _lacuna(historicos_600)}
    respostas = {"poucos": lacuna_poucos, "600": lacuna_600}
    if not all(isinstance(r, numbers.Real) and not isinstance(r, bool) for r in respostas.values()):
        return responder(False, "cada lacuna é um número: a média, entre as sementes, de J_val − J_treino.")
    if perto(lacuna_poucos, certas["600"], 1e-5) and perto(lacuna_600, certas["poucos"], 1e-5):
        return responder(False, "as duas lacunas estão trocadas: confira qual histórico é de qual treino.")
    for nome, resposta in respostas.items():
        if perto(resposta, certas[nome], 1e-5):
            continue
        if perto(resposta, -certas[nome], 1e-5):
            return responder(False, "a lacuna é o custo de validação menos o de treino, nessa ordem.")
        return responder(False, "a lacuna Δ é J_val − J_treino na última época (a linha [-1] de custos_validacao "
                                "e de custos_treino), em média entre as sementes.")
    return responder(True, "")
