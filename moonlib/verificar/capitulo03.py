"""Autoverificação dos exercícios do capítulo 3."""
import math

import torch
from torch import nn

from .comum import incompleta, numero as _numero, perto, responder


def exercicio_3_1(derivada_maxima, z_do_maximo):
    """Capítulo 3, exercício 3.1: o máximo da derivada da sigmoide e onde ele ocorre.

    Aceita números ou tensores de um elemento, achados em qualquer grade razoável de z
    (com 1000 ou 100 pontos o máximo cai perto de z = 0, sem ser exatamente 0): o valor
    precisa ficar a menos de 10⁻³ de 1/4 e ser σ'(z) no z dado.
    """
    if incompleta(derivada_maxima, z_do_maximo):
        return
    valor, z = _numero(derivada_maxima), _numero(z_do_maximo)
    if valor is None or z is None:
        return responder(False, "derivada_maxima e z_do_maximo devem ser números: um float, ou um tensor de um "
                                "elemento (como zs.grad[i] e zs[i]).")
    if perto(valor, 1.0, 1e-3):
        return responder(False, "1 é o máximo da derivada da Tanh; calcule a da sigmoide, σ'(z) = σ(z)(1 − σ(z)).")
    if not 0.25 - 1e-3 <= valor <= 0.25 + 1e-5:
        return responder(False, "procure o maior valor de z.grad depois de torch.sigmoid(z).sum().backward().")
    if abs(z) > 0.13:
        return responder(False, "o valor está certo, mas o máximo ocorre onde σ(z) = 1/2. Onde é isso?")
    sigma = 1 / (1 + math.exp(-z))
    if abs(valor - sigma * (1 - sigma)) > 1e-5:
        return responder(False, "derivada_maxima e z_do_maximo devem vir do mesmo ponto da grade: σ'(z) no seu "
                                "z_do_maximo não dá a sua derivada_maxima.")
    responder(True, "")


def _camadas_da_rede(rede):
    """As camadas Linear (entrada, saída) e as ativações, na ordem, de um ``nn.Sequential``."""
    lineares = [(c.in_features, c.out_features) for c in rede if isinstance(c, nn.Linear)]
    ativacoes = [c for c in rede if not isinstance(c, nn.Linear)]
    return lineares, ativacoes


def exercicio_3_2(criar_sigmoide_tanh):
    """Capítulo 3, exercício 3.2: uma função que cria a rede 2-3-5-2-1 com camadas ocultas sigmoides e saída Tanh.

    Chama a função uma vez, sem mexer no gerador de números aleatórios do aluno, e
    confere a arquitetura da rede criada.
    """
    if incompleta(criar_sigmoide_tanh):
        return
    if not callable(criar_sigmoide_tanh) or isinstance(criar_sigmoide_tanh, nn.Module):
        return responder(False, "criar_sigmoide_tanh deve ser uma função sem argumentos que cria uma rede nova a cada "
                                "chamada, como as de modelos_tutorial (uma lambda serve).")
    with torch.random.fork_rng(devices=[]):
        try:
            rede = criar_sigmoide_tanh()
        except TypeError:
            return responder(False, "criar_sigmoide_tanh deve poder ser chamada sem argumentos: criar_sigmoide_tanh().")
    if not isinstance(rede, nn.Sequential):
        return responder(False, "a função deve devolver a rede (um nn.Sequential, como o que criar_mlp cria).")
    lineares, ativacoes = _camadas_da_rede(rede)
    if [entrada for entrada, _ in lineares] + [s for _, s in lineares[-1:]] != [2, 3, 5, 2, 1]:
        return responder(False, "use as camadas da rede sigmoide do tutorial: 2 entradas, camadas ocultas de 3, 5 e "
                                "2 unidades e 1 saída.")
    if not ativacoes or not isinstance(rede[-1], (nn.Tanh, nn.Sigmoid)):
        return responder(False, "a rede precisa de uma ativação na saída, depois da última camada Linear.")
    ocultas = ativacoes[:-1]
    if len(ocultas) != 3 or not all(isinstance(a, nn.Sigmoid) for a in ocultas):
        return responder(False, "as três camadas ocultas continuam sigmoides; só a ativação da saída muda.")
    if isinstance(rede[-1], nn.Sigmoid):
        return responder(False, "a saída ainda é sigmoide, e nunca chega a −1: com os rótulos ±1, qual ativação de "
                                "saída vai de −1 a 1?")
    responder(True, "")


def exercicio_3_3(rede_morta, grad_pesos, grad_vies, X):
    """Capítulo 3, exercício 3.3: a unidade 0 da primeira camada, morta à mão, e o gradiente dela depois do backward().

    Não muda nada na rede do aluno: só lê os pesos e o ``.grad`` dela.
    """
    if incompleta(rede_morta, grad_pesos, grad_vies):
        return
    if (not isinstance(rede_morta, nn.Sequential) or len(rede_morta) < 2 or not isinstance(rede_morta[0], nn.Linear)
            or not isinstance(rede_morta[1], nn.ReLU) or rede_morta[0].in_features != 2):
        return responder(False, "rede_morta é a rede ReLU do tutorial, criada com criar_mlp((2, 3, 5, 2, 1), "
                                "ativacao=\"relu\").")
    primeira = rede_morta[0]
    with torch.no_grad():
        z = X.to(primeira.weight.device, primeira.weight.dtype) @ primeira.weight[0] + primeira.bias[0]
    if bool((z > 0).any()):
        return responder(False, "a unidade 0 da primeira camada ainda tem pré-ativação positiva em algum ponto de "
                                "treino, e uma unidade morta tem pré-ativação ≤ 0 em todos. Com os pesos dela zerados, "
                                "o que sobra na pré-ativação?")
    if primeira.weight.grad is None or primeira.bias.grad is None:
        return responder(False, "a rede ainda não tem gradiente: calcule o custo MSE nos dados de treino e chame "
                                ".backward() nele antes de ler o .grad.")
    for nome, resposta, certo in (("grad_pesos", grad_pesos, primeira.weight.grad[0]),
                                  ("grad_vies", grad_vies, primeira.bias.grad[0])):
        if not isinstance(resposta, torch.Tensor):
            if isinstance(resposta, (int, float)) and nome == "grad_vies":
                resposta = torch.tensor(float(resposta))
            else:
                return responder(False, f"{nome} deve ser o tensor tirado do .grad da primeira camada, "
                                        "depois do backward().")
        if resposta.shape != certo.shape:
            return responder(False, f"{nome} deve ser só a parte da unidade 0: {certo.numel()} número(s), "
                                    f"e a sua resposta tem forma {tuple(resposta.shape)}.")
        if not torch.equal(resposta.detach().to(certo.device, certo.dtype), certo):
            return responder(False, f"{nome} não é o gradiente da unidade 0 da primeira camada: confira a camada "
                                    "(a primeira Linear) e a linha (a da unidade 0).")
    if bool(primeira.weight.grad[0].any()) or bool(primeira.bias.grad[0] != 0):
        return responder(False, "o gradiente dessa unidade não é zero: o backward() veio antes de a unidade morrer, ou "
                                "somou o de um backward() anterior? Crie a rede de novo, mate a unidade e só então "
                                "calcule o custo e chame backward() uma vez.")
    responder(True, "")
