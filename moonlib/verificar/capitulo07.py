"""Autoverificação dos exercícios do capítulo 7."""
import numbers

import numpy as np
import torch
from torch import nn

from ..estatisticas import diferencas_entre_unidades
from ..formatos import numero
from .comum import incompleta, perto, responder


def _escalar(x):
    """Um tensor ou array de um elemento vira o número dentro dele; o resto fica como veio."""
    if isinstance(x, torch.Tensor) and x.numel() == 1:
        return x.item()
    if isinstance(x, np.ndarray) and x.size == 1:
        return x.item()
    return x


def _quase(x, valor, tolerancia=0.02):
    """``x`` é um número a no máximo ``tolerancia`` (relativa) de ``valor``: uma estimativa, não a conta exata."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and abs(float(x) - valor) <= tolerancia * valor


_EXATO = ("está perto, mas não é o valor exato: use a fórmula, não o desvio-padrão estimado de pesos sorteados "
          "(a estimativa só se aproxima dele).")


def exercicio_7_1(desvio_xavier, desvio_do_padrao):
    """Capítulo 7, exercício 7.1: os desvios-padrão de Xavier e do padrão do PyTorch para Linear(5, 2)."""
    if incompleta(desvio_xavier, desvio_do_padrao):
        return
    desvio_xavier, desvio_do_padrao = _escalar(desvio_xavier), _escalar(desvio_do_padrao)
    xavier, padrao = (2 / 7) ** 0.5, 1 / 15 ** 0.5
    if not perto(desvio_xavier, xavier, 1e-4):
        if _quase(desvio_xavier, xavier):
            return responder(False, f"desvio_xavier {_EXATO}")
        return responder(False, "Xavier normal usa σ = √(2 / (n_ent + n_sai)), com n_ent = 5 e n_sai = 2.")
    if perto(desvio_do_padrao, 1 / 5 ** 0.5, 1e-4):
        return responder(False, "1/√5 é o limite da uniforme; o desvio-padrão de uma uniforme em ±a é a/√3.")
    if not perto(desvio_do_padrao, padrao, 1e-4):
        if _quase(desvio_do_padrao, padrao):
            return responder(False, f"desvio_do_padrao {_EXATO}")
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


def exercicio_7_3(com_ruido, historico_ruido, rede_ruido, diferencas_ruido):
    """Capítulo 7, exercício 7.3: pesos constantes com um pouco de ruído, treinados; as diferenças entre unidades.

    ``com_ruido`` são os parâmetros logo depois do ruído (antes do treino): o ruído é o que eles
    diferem da inicialização constante (0,5 nos pesos, 0 nos vieses), e o seu desvio-padrão deve
    ser perto de 0,01. ``historico_ruido`` é o que ``treinar`` devolveu: 100 épocas.
    """
    if incompleta(com_ruido, historico_ruido, diferencas_ruido):
        return
    if not isinstance(rede_ruido, nn.Sequential):
        return responder(False, "rede_ruido deve ser a rede de criar_mlp(), com a inicialização constante e o ruído.")
    try:
        medidas = diferencas_entre_unidades(rede_ruido)
    except (TypeError, ValueError) as erro:
        return responder(False, f"rede_ruido deve ser uma rede de criar_mlp() ({erro}).")

    nomes = [nome for nome, _ in rede_ruido.named_parameters()]
    atuais = [p.detach() for p in rede_ruido.parameters()]
    try:
        inicio = [torch.as_tensor(t).detach().float() for t in com_ruido]
    except (TypeError, ValueError, RuntimeError):
        inicio = None
    if inicio is None or [t.shape for t in inicio] != [p.shape for p in atuais]:
        return responder(False, "com_ruido deve ser a lista dos parâmetros da rede_ruido logo depois do ruído, como "
                                "na linha do esqueleto que a cria.")
    ruidos = [t - (0.5 if nome.endswith("weight") else 0.0) for nome, t in zip(nomes, inicio)]
    if all(torch.all(r == 0) for r in ruidos):
        return responder(False, "os parâmetros continuam iguais aos constantes: o ruído chegou a eles? Dentro do laço, "
                                "some a cada p um tensor aleatório da mesma forma que p, com desvio-padrão 0,01.")
    if any(torch.all(r == 0) for r in ruidos):
        return responder(False, "alguns parâmetros ficaram sem ruído: some-o a todos, pesos e vieses.")
    ruido = torch.cat([r.flatten() for r in ruidos])
    if not torch.all(torch.isfinite(ruido)):
        return responder(False, "o ruído tem valores NaN ou infinitos: sorteie-o de uma normal.")
    # o mesmo ruído em todas as unidades de uma camada (um número só para o tensor, ou a mesma linha
    # repetida) deixa as unidades iguais: a simetria não se quebra
    if any(r.dim() >= 1 and r.shape[0] > 1 and torch.all(r == r[:1]) for r in ruidos):
        return responder(False, "o ruído é o mesmo em todas as unidades de uma camada, e elas continuam iguais: "
                                "sorteie um número para cada peso e cada viés (um tensor da forma de p).")
    desvio, media = ruido.std().item(), ruido.mean().item()
    # 74 parâmetros: o desvio-padrão medido de um ruído de 0,01 fica entre 0,0065 e 0,0145 em
    # praticamente todo sorteio; os de 0,005 e de 0,02 ficam fora
    if not 0.0065 <= desvio <= 0.0145:
        return responder(False, f"o ruído que você somou tem desvio-padrão de cerca de {numero(desvio, '.2g')}; "
                                "o exercício pede 0,01 (uma normal padrão tem desvio-padrão 1).")
    if abs(media) > 0.005:
        return responder(False, "o ruído deve ter média zero: sorteie-o de uma normal centrada em 0.")

    epocas = getattr(historico_ruido, "epocas", None)
    if not isinstance(epocas, int):
        return responder(False, "historico_ruido deve ser o histórico que treinar(...) devolve.")
    if getattr(historico_ruido, "divergiu", False) or not np.all(np.isfinite(medidas)):
        return responder(False, "o treino divergiu: treine com o passo do tutorial, 0,5, como a rede_constante.")
    if epocas != 100:
        return responder(False, f"o seu treino teve {epocas} épocas: treine 100, como a rede_constante.")
    if max((a - b).abs().max().item() for a, b in zip(atuais, inicio)) < 1e-3:
        return responder(False, "os parâmetros da rede_ruido não mudaram desde o ruído: treine a própria rede_ruido "
                                "(o otimizador recebe rede_ruido.parameters()).")

    try:
        resposta = np.asarray(diferencas_ruido, dtype=float)
    except (TypeError, ValueError):
        resposta = None
    if (resposta is None or resposta.shape != medidas.shape
            or not np.allclose(resposta, medidas, rtol=1e-5, atol=1e-7, equal_nan=True)):
        return responder(False, "diferencas_ruido deve ser o que diferencas_entre_unidades mede na rede_ruido, "
                                "depois do treino.")
    responder(True, "")
