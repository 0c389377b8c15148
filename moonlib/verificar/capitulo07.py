"""Autoverificação dos exercícios do capítulo 7."""
import numpy as np
import torch
from torch import nn

from ..estatisticas import diferencas_entre_unidades
from .comum import incompleta, perto, responder


def exercicio_7_1(desvio_xavier, desvio_padrao):
    """Capítulo 7, exercício 7.1: os desvios-padrão de Xavier e do padrão do PyTorch para Linear(5, 2)."""
    if incompleta(desvio_xavier, desvio_padrao):
        return
    if not perto(desvio_xavier, (2 / 7) ** 0.5, 1e-4):
        return responder(False, "Xavier normal usa σ = √(2 / (n_ent + n_sai)), com n_ent = 5 e n_sai = 2.")
    if perto(desvio_padrao, 1 / 5 ** 0.5, 1e-4):
        return responder(False, "1/√5 é o limite da uniforme; o desvio-padrão de uma uniforme em ±a é a/√3.")
    if not perto(desvio_padrao, 1 / 15 ** 0.5, 1e-4):
        return responder(False, "o padrão do PyTorch é uniforme em ±1/√n_ent; qual é o desvio-padrão dela?")
    responder(True, "")


class _Densa(nn.Linear):
    """Uma subclasse de ``nn.Linear`` sem "Linear" no nome, como a do capítulo."""


def _vazia(m):
    ...


def _aplicar(inicializacao, rede):
    """Aplica ``inicializacao`` a ``rede`` e devolve ``(antes, erro)``: o ``state_dict`` de antes e a exceção, se houve."""
    antes = {k: v.clone() for k, v in rede.state_dict().items()}
    try:
        rede.apply(inicializacao)
    except Exception as erro:  # o erro é da função do aluno: vira uma dica, não um traceback
        return antes, erro
    return antes, None


def exercicio_7_2(inicializacao):
    """Capítulo 7, exercício 7.2: uma função para ``.apply()`` com Xavier normal nos pesos e 0,01 nos vieses.

    A função é aplicada, longe da rede do aluno e sem mexer no gerador aleatório dele, a redes
    pequenas: uma comum, uma subclasse de ``nn.Linear`` com outro nome, uma camada sem viés, uma
    ``BatchNorm1d`` (que não deve mudar) e uma camada larga, em que se mede o desvio-padrão dos pesos.
    """
    if incompleta(inicializacao):
        return
    if not callable(inicializacao):
        return responder(False, "passe a própria função (minha_inicializacao, sem parênteses): "
                                ".apply() a chama com cada módulo da rede.")
    codigo = getattr(inicializacao, "__code__", None)
    if codigo is not None and codigo.co_code == _vazia.__code__.co_code and set(codigo.co_consts) <= {None, ...}:
        incompleta(...)  # o corpo ainda é o `...` do esqueleto
        return
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        comum = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
        antes, erro = _aplicar(inicializacao, comum)
        if erro is not None:
            return responder(False, f"a sua função levantou {type(erro).__name__} ({erro}). Lembre que .apply() a chama "
                                    "com todos os módulos (Tanh, Sequential...), não só com as camadas lineares.")
        lineares = [c for c in comum if isinstance(c, nn.Linear)]
        if all(torch.equal(antes[k], v) for k, v in comum.state_dict().items()):
            return responder(False, "a sua função não mudou nenhum peso: ela recebe cada módulo m da rede; confira o "
                                    "teste que escolhe as camadas lineares e o que ela faz com m.weight e m.bias.")
        if not all(torch.allclose(c.bias, torch.full_like(c.bias, 0.01)) for c in lineares):
            return responder(False, "os vieses devem valer 0,01 em todas as camadas lineares; veja as funções de nn.init.")
        if any(torch.equal(antes[f"{i}.weight"], comum[i].weight) for i in (0, 2)):
            return responder(False, "os vieses estão certos, mas os pesos de alguma camada linear não foram sorteados de novo.")

        subclasse = nn.Sequential(_Densa(2, 3))
        antes, erro = _aplicar(inicializacao, subclasse)
        if erro is not None or torch.equal(antes["0.weight"], subclasse[0].weight):
            return responder(False, "uma subclasse de nn.Linear com outro nome ficou de fora: escolha as camadas pelo "
                                    "tipo (isinstance), não pelo nome da classe.")

        sem_vies = nn.Sequential(nn.Linear(2, 3, bias=False), nn.Tanh())
        _, erro = _aplicar(inicializacao, sem_vies)
        if erro is not None:
            return responder(False, f"numa camada sem viés (bias=False) a sua função levantou {type(erro).__name__}: "
                                    "ali m.bias é None; confira isso antes de mexer no viés.")

        normalizacao = nn.Sequential(nn.BatchNorm1d(3))
        antes, erro = _aplicar(inicializacao, normalizacao)
        if erro is not None or not all(torch.equal(antes[k], v) for k, v in normalizacao.state_dict().items()):
            return responder(False, "a sua função mexeu num módulo que não é uma camada linear (uma BatchNorm1d, que "
                                    "também tem weight e bias): ela deve mudar só as nn.Linear.")

        larga = nn.Sequential(nn.Linear(300, 200))
        _aplicar(inicializacao, larga)
    pesos = larga[0].weight.detach()
    xavier = (2 / (300 + 200)) ** 0.5
    if not abs(pesos.std().item() - xavier) < 0.05 * xavier or not abs(pesos.mean().item()) < 0.05 * xavier:
        return responder(False, "os pesos não têm média 0 e o desvio-padrão de Xavier, √(2 / (n_ent + n_sai)).")
    if pesos.abs().max().item() <= 3 ** 0.5 * xavier * 1.0001:
        return responder(False, "os pesos têm o desvio-padrão de Xavier, mas não passam de √3·σ: são uniformes. "
                                "O exercício pede a versão normal.")
    responder(True, "")


def exercicio_7_3(rede_ruido, diferencas_ruido):
    """Capítulo 7, exercício 7.3: pesos constantes com um pouco de ruído, treinados; as diferenças entre unidades."""
    if incompleta(diferencas_ruido):
        return
    if not isinstance(rede_ruido, nn.Sequential):
        return responder(False, "rede_ruido deve ser a rede de criar_mlp(), com a inicialização constante e o ruído.")
    try:
        medidas = diferencas_entre_unidades(rede_ruido)
    except (TypeError, ValueError) as erro:
        return responder(False, f"rede_ruido deve ser uma rede de criar_mlp() ({erro}).")
    try:
        resposta = np.asarray(diferencas_ruido, dtype=float)
    except (TypeError, ValueError):
        resposta = None
    if (resposta is None or resposta.shape != medidas.shape
            or not np.allclose(resposta, medidas, rtol=1e-5, atol=1e-7, equal_nan=True)):
        return responder(False, "diferencas_ruido deve ser o que diferencas_entre_unidades mede na rede_ruido, "
                                "depois do treino.")
    if not np.all(np.isfinite(medidas)):
        return responder(False, "o treino divergiu (há pesos NaN ou infinitos): treine com o passo do tutorial, 0,5.")
    if medidas.max() < 1e-4:
        return responder(False, "as unidades continuam idênticas: o ruído chegou aos parâmetros? Dentro do laço, "
                                "some a cada p um tensor aleatório da mesma forma que p, com desvio-padrão 0,01.")
    primeira = next(c for c in rede_ruido if isinstance(c, nn.Linear))
    if (primeira.weight.detach() - 0.5).abs().max().item() < 0.2:
        return responder(False, "os pesos ainda estão perto de 0,5 mais o ruído: treine a rede por 100 épocas, como "
                                "a rede_constante, e só depois meça as diferenças.")
    responder(True, "")
