"""Autoverificação dos exercícios: diz se a resposta está certa, sem mostrar a solução.

Cada função ``exercicio_N_k`` recebe a resposta do aluno (um número, uma
função, um modelo...), imprime em português se está certa e, se não estiver,
uma dica. Chame-a na célula do exercício; ela não devolve nada, para não
imprimir um ``True`` solto no notebook.
"""
import numbers

import torch


def _responder(certo, dica):
    if certo:
        print("Certo! ✔")
    else:
        print("Ainda não. Dica:", dica)


def _incompleta(resposta):
    if resposta is ...:
        print("Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.")
        return True
    return False


def exercicio_1_1(contagem):
    """Capítulo 1, exercício 1.1: número de parâmetros da rede 2-3-5-5-2-1."""
    if _incompleta(contagem):
        return
    if not isinstance(contagem, numbers.Integral):
        return _responder(False, "a resposta é um número inteiro de pesos e vieses.")
    if contagem == 74:
        return _responder(True, "")
    so_pesos = 2 * 3 + 3 * 5 + 5 * 5 + 5 * 2 + 2 * 1
    if contagem == so_pesos:
        return _responder(False, "você contou os pesos; e os vieses, um por neurônio de cada camada?")
    return _responder(False, "uma camada Linear(m, n) tem m·n pesos e n vieses; some as cinco camadas.")


def exercicio_1_2(taxa, modelo, X_teste, d_teste):
    """Capítulo 1, exercício 1.2: taxa de erro (%) contada à mão no conjunto de teste."""
    if _incompleta(taxa):
        return
    if not isinstance(taxa, numbers.Real):
        return _responder(False, "a resposta é um número: a porcentagem de pontos errados.")
    modelo.eval()
    with torch.no_grad():
        errados = int((torch.sign(modelo(X_teste)) != d_teste).sum())
    certa = 100 * errados / len(d_teste)
    if abs(taxa - certa) < 1e-9:
        return _responder(True, "")
    if abs(taxa - errados) < 1e-9:
        return _responder(False, "isso é a contagem de erros; converta em porcentagem do total de pontos.")
    if abs(taxa - certa / 100) < 1e-12:
        return _responder(False, "falta multiplicar por 100 para ter uma porcentagem.")
    return _responder(False, "compare torch.sign(saída) com os rótulos ±1 e conte as diferenças.")


def exercicio_1_3(entrada):
    """Capítulo 1, exercício 1.3: um tensor com os 5 primeiros pontos de teste, pronto para a rede."""
    if _incompleta(entrada):
        return
    if not isinstance(entrada, torch.Tensor):
        return _responder(False, "a resposta é um tensor do PyTorch (torch.tensor(...)).")
    if entrada.shape != (5, 2):
        return _responder(False, f"esperava forma (5, 2): 5 pontos, 2 coordenadas; recebi {tuple(entrada.shape)}.")
    if entrada.dtype != torch.float32:
        return _responder(False, f"o tensor é {entrada.dtype}; a rede trabalha em float32.")
    return _responder(True, "")


def _perto(a, b, tol=1e-6):
    return isinstance(a, numbers.Real) and abs(float(a) - b) <= tol * max(1.0, abs(b))


def exercicio_3_1(derivada_maxima, z_do_maximo):
    """Capítulo 3, exercício 3.1: o máximo da derivada da sigmoide e onde ele ocorre."""
    if _incompleta(derivada_maxima) or _incompleta(z_do_maximo):
        return
    if _perto(derivada_maxima, 1.0, 1e-3):
        return _responder(False, "1 é o máximo da derivada da Tanh; calcule a da sigmoide, σ'(z) = σ(z)(1 − σ(z)).")
    if not _perto(derivada_maxima, 0.25, 1e-4):
        return _responder(False, "procure o maior valor de z.grad depois de torch.sigmoid(z).sum().backward().")
    if not _perto(z_do_maximo, 0.0, 1e-3):
        return _responder(False, "o valor está certo, mas o máximo ocorre onde σ(z) = 1/2. Onde é isso?")
    _responder(True, "")


def exercicio_5_1(passo_sem_correcao, passo_com_correcao, g1=0.02, eta=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    """Capítulo 5, exercício 5.1: o primeiro passo do Adam sem e com a correção de viés."""
    if _incompleta(passo_sem_correcao) or _incompleta(passo_com_correcao):
        return
    m1, v1 = (1 - beta1) * g1, (1 - beta2) * g1 ** 2
    sem = eta * m1 / (v1 ** 0.5 + eps)
    com = eta * (m1 / (1 - beta1)) / ((v1 / (1 - beta2)) ** 0.5 + eps)
    if not _perto(passo_com_correcao, com, 1e-5):
        dica = ("com a correção, divida m1 por 1 − β1 e v1 por 1 − β2 antes de calcular o passo; "
                "o resultado deve ser quase exatamente η.")
        return _responder(False, dica)
    if not _perto(passo_sem_correcao, sem, 1e-5):
        return _responder(False, "sem a correção, use m1 e v1 como estão: η · m1 / (√v1 + ε).")
    _responder(True, "")


def exercicio_7_1(desvio_xavier, desvio_padrao):
    """Capítulo 7, exercício 7.1: os desvios-padrão de Xavier e do padrão do PyTorch para Linear(5, 2)."""
    if _incompleta(desvio_xavier) or _incompleta(desvio_padrao):
        return
    if not _perto(desvio_xavier, (2 / 7) ** 0.5, 1e-4):
        return _responder(False, "Xavier normal usa σ = √(2 / (n_ent + n_sai)), com n_ent = 5 e n_sai = 2.")
    if _perto(desvio_padrao, 1 / 5 ** 0.5, 1e-4):
        return _responder(False, "1/√5 é o limite da uniforme; o desvio-padrão de uma uniforme em ±a é a/√3.")
    if not _perto(desvio_padrao, 1 / 15 ** 0.5, 1e-4):
        return _responder(False, "o padrão do PyTorch é uniforme em ±1/√n_ent; qual é o desvio-padrão dela?")
    _responder(True, "")


def exercicio_8_1(passo_a_mao, primeiro_abaixo, b=120):
    """Capítulo 8, exercício 8.1: o passo do StepLR do tutorial depois de b chamadas e quando ele cai abaixo de 1e-8."""
    if _incompleta(passo_a_mao) or _incompleta(primeiro_abaixo):
        return
    if not _perto(passo_a_mao, 0.5 * 0.1 ** (b // 30), 1e-9):
        return _responder(False, "a cada 30 chamadas de step() o passo é multiplicado por 0,1: η_b = 0,5 · 0,1^⌊b/30⌋.")
    if not isinstance(primeiro_abaixo, numbers.Integral) or primeiro_abaixo != 240:
        return _responder(False, "procure o menor número k de divisões com 0,5 · 0,1^k < 1e-8; a resposta é b = 30·k.")
    _responder(True, "")


def exercicio_4_1(fracao_de_zeros, valor_sobrevivente, p=0.25):
    """Capítulo 4, exercício 4.1: a fração esperada de zeros e o valor dos sobreviventes de ``nn.Dropout(p)``."""
    if _incompleta(fracao_de_zeros) or _incompleta(valor_sobrevivente):
        return
    if not _perto(fracao_de_zeros, p, 1e-9):
        return _responder(False, "cada elemento é zerado, de forma independente, com probabilidade p.")
    if _perto(valor_sobrevivente, 1.0, 1e-9):
        return _responder(False, "no modo de treino os sobreviventes não ficam iguais: são reescalados para manter a média.")
    if not _perto(valor_sobrevivente, 1 / (1 - p), 1e-9):
        return _responder(False, "a média de saída deve continuar 1: (1 − p) · valor = 1.")
    _responder(True, "")
