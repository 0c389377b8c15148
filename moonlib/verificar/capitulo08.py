"""Autoverificação dos exercícios do capítulo 8."""
import math
import numbers

import numpy as np

from .comum import incompleta, perto, responder


def _escalar(x):
    """Um tensor ou array de um elemento (``torch.tensor(240)``) vira o número dentro dele; o resto fica como veio."""
    if hasattr(x, "numel") and hasattr(x, "item") and x.numel() == 1:   # tensor do PyTorch
        return x.item()
    if isinstance(x, np.ndarray) and x.size == 1:
        return x.item()
    return x


def _inteiro(x):
    """``x`` é um número inteiro (``240`` ou ``240.0``), e não um booleano."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x) and x == int(x)


def _relativo(x, valor, tolerancia=1e-6):
    """``x`` é um número a no máximo ``tolerancia`` (relativa) de ``valor``, que pode ser muito pequeno."""
    return (isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)
            and math.isclose(float(x), valor, rel_tol=tolerancia))


def exercicio_8_1(passo_a_mao, primeiro_abaixo, epoca_abaixo, b=120, lotes_por_epoca=10):
    """Capítulo 8, exercício 8.1: o passo do StepLR do tutorial depois de b chamadas, quando ele cai abaixo de
    1e-8 e em que época (contada a partir de 1) fica esse mini-lote."""
    if incompleta(passo_a_mao, primeiro_abaixo, epoca_abaixo):
        return
    passo_a_mao, primeiro_abaixo, epoca_abaixo = (_escalar(x) for x in (passo_a_mao, primeiro_abaixo, epoca_abaixo))
    # tolerância relativa: o passo certo é pequeno (5·10⁻⁵), e uma absoluta aceitaria números errados perto de zero
    if not _relativo(passo_a_mao, 0.5 * 0.1 ** (b // 30)):
        return responder(False, "a cada 30 chamadas de step() o passo é multiplicado por 0,1: η_b = 0,5 · 0,1^⌊b/30⌋.")
    if not _inteiro(primeiro_abaixo) or int(primeiro_abaixo) != 240:
        return responder(False, "procure o menor número k de divisões com 0,5 · 0,1^k < 1e-8; a resposta é b = 30·k.")
    certa = int(primeiro_abaixo) // lotes_por_epoca + 1
    if not _inteiro(epoca_abaixo):
        return responder(False, "epoca_abaixo deve ser um número inteiro de época.")
    if int(epoca_abaixo) == certa - 1:
        return responder(False, f"as épocas são contadas a partir de 1: a época 1 tem os mini-lotes b = 0 a "
                                f"{lotes_por_epoca - 1}. Em que época cai o mini-lote b = {int(primeiro_abaixo)}?")
    if int(epoca_abaixo) != certa:
        return responder(False, f"com {lotes_por_epoca} mini-lotes por época, a época n tem os mini-lotes "
                                f"b = {lotes_por_epoca}·(n − 1) a {lotes_por_epoca}·n − 1.")
    responder(True, "")


def exercicio_8_2(meus_custos, passo_final, custos_de_referencia, passo_inicial, epocas=20, lotes_por_epoca=10,
                  step_size=5, gamma=0.5):
    """Capítulo 8, exercício 8.2: o laço de treino com ``agendador.step()`` uma vez por época.

    ``meus_custos`` são os custos de cada mini-lote do laço do aluno, ``passo_final`` o passo do
    otimizador no fim, e ``custos_de_referencia`` os custos de ``treinar`` com o mesmo agendador
    chamado por época, a partir dos mesmos pesos iniciais.
    """
    if meus_custos is ... or (isinstance(meus_custos, (list, tuple)) and not meus_custos):
        incompleta(...)
        return
    elementos = meus_custos if isinstance(meus_custos, (list, tuple)) else [meus_custos]
    if any(getattr(c, "requires_grad", False) for c in elementos):
        return responder(False, "guarde custo.item(), não o tensor custo: o tensor carrega o grafo do gradiente, "
                                "e .item() devolve só o número.")
    try:
        custos = np.asarray(meus_custos, dtype=float).ravel()
    except (TypeError, ValueError, RuntimeError):
        return responder(False, "meus_custos deve ser uma lista de números: o custo.item() de cada mini-lote.")
    referencia = np.asarray(custos_de_referencia, dtype=float).ravel()
    if custos.size != epocas * lotes_por_epoca:
        return responder(False, f"guarde o custo de cada mini-lote (com .item()): {epocas} épocas de "
                                f"{lotes_por_epoca} mini-lotes; a sua lista tem {custos.size} valores.")
    passo_final = _escalar(passo_final)
    if not isinstance(passo_final, numbers.Real) or isinstance(passo_final, bool):
        return responder(False, "passo_final deve ser um número: o passo guardado em otimizador.param_groups[0]['lr'].")
    certo = passo_inicial * gamma ** (epocas // step_size)
    if perto(passo_final, passo_inicial, 1e-9):
        return responder(False, "o passo não mudou: o agendador precisa ser chamado (agendador.step()).")
    if perto(passo_final, passo_inicial * gamma ** (epocas * lotes_por_epoca // step_size), 1e-9):
        return responder(False, "o passo caiu demais: conte quantas vezes o seu laço chama agendador.step(). "
                                "Os parâmetros do agendador contam chamadas, e queremos uma chamada por época.")
    if not perto(passo_final, certo, 1e-9):
        return responder(False, "o passo final não é o esperado: confira onde e quantas vezes agendador.step() é "
                                "chamado (uma vez por época, depois dos mini-lotes).")
    if not np.all(np.isfinite(custos)) or not np.allclose(custos, referencia, rtol=1e-4, atol=1e-6):
        primeiro = int(np.argmax(~np.isclose(custos, referencia, rtol=1e-4, atol=1e-6)))
        return responder(False, f"o passo final está certo, mas os custos diferem dos de treinar(...) a partir do "
                                f"mini-lote {primeiro}: confira a ordem em cada mini-lote (zerar os gradientes, "
                                "custo, backward(), otimizador.step()) e que o custo guardado é o do mini-lote.")
    responder(True, "")


def exercicio_8_3(step_size_lote, gamma_lote, step_size=50, gamma=0.01 ** (1 / 200), lotes_por_epoca=10):
    """Capítulo 8, exercício 8.3: os parâmetros de StepLR e ExponentialLR chamados a cada mini-lote.

    ``step_size`` e ``gamma`` são os dos agendadores chamados uma vez por época; com
    ``lotes_por_epoca`` chamadas por época, a agenda no início de cada época deve ser a mesma.
    """
    if incompleta(step_size_lote, gamma_lote):
        return
    if isinstance(step_size_lote, bool) or not isinstance(step_size_lote, numbers.Real):
        return responder(False, "step_size_lote deve ser um número inteiro de chamadas de step().")
    if step_size_lote != int(step_size_lote):
        return responder(False, "step_size conta chamadas de step(): deve ser um número inteiro.")
    if step_size_lote == step_size:
        return responder(False, f"com o mesmo step_size, o passo cairia a cada {step_size} mini-lotes, "
                                f"isto é, {lotes_por_epoca} vezes mais cedo. Quantas chamadas há em {step_size} épocas?")
    if step_size_lote < step_size:
        return responder(False, "o agendador agora é chamado mais vezes por época, então precisa esperar mais "
                                "chamadas entre uma redução e a outra, não menos.")
    if step_size_lote != step_size * lotes_por_epoca:
        return responder(False, f"o StepLR por época reduz o passo a cada {step_size} épocas; quantas chamadas "
                                f"de step() há nesse intervalo, com {lotes_por_epoca} chamadas por época?")
    if isinstance(gamma_lote, bool) or not isinstance(gamma_lote, numbers.Real) or not 0 < gamma_lote <= 1:
        return responder(False, "gamma_lote deve ser um número entre 0 e 1: o fator de cada chamada.")
    if perto(gamma_lote, gamma, 1e-12):
        return responder(False, f"com o mesmo gamma, o passo seria multiplicado por ele {lotes_por_epoca} vezes por "
                                "época, e não uma. Que fator, multiplicado por si mesmo tantas vezes, dá gamma?")
    if not math.isclose(gamma_lote ** lotes_por_epoca, gamma, rel_tol=1e-9):
        return responder(False, f"numa época, o passo é multiplicado por gamma_lote {lotes_por_epoca} vezes; "
                                "esse produto deve ser o gamma da agenda por época.")
    responder(True, "")
