"""Autoverificação dos exercícios do capítulo 6."""
import numpy as np
import pytest
import torch
from torch import nn

from moonlib import HistoricoVarios, verificar

from apoio.respostas import CERTO, COMPLETE, dica, saida as _saida


def _certo(capsys, funcao, *args):
    assert _saida(capsys, funcao, *args) == CERTO


def _dica(capsys, funcao, trecho, *args):
    dica(_saida(capsys, funcao, *args), trecho)


def _incompleta(capsys, funcao, *args):
    assert _saida(capsys, funcao, *args) == COMPLETE


# -- 6.1 ----------------------------------------------------------------------------------------

Z = torch.tensor([-120.0, -3.0, 0.0, 3.0, 40.0])
D = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0])


def _estavel(z, d):
    return (torch.clamp(z, min=0) - d * z + torch.log1p(torch.exp(-z.abs()))).mean()


def _ingenua():
    y = torch.sigmoid(Z)
    return (-D * torch.log(y) - (1 - D) * torch.log(1 - y)).mean()


def test_6_1_certo(capsys):
    _certo(capsys, verificar.exercicio_6_1, _estavel, _ingenua())
    _certo(capsys, verificar.exercicio_6_1, _estavel, float("inf"))


def test_6_1_incompleta(capsys):
    _incompleta(capsys, verificar.exercicio_6_1, ..., ...)
    _incompleta(capsys, verificar.exercicio_6_1, lambda z, d: ..., _ingenua())
    _incompleta(capsys, verificar.exercicio_6_1, _estavel, ...)


def test_6_1_dicas(capsys):
    f = verificar.exercicio_6_1
    _dica(capsys, f, "deve ser uma função", 3.0, _ingenua())
    # a forma ingênua dentro da função: infinita nos extremos
    _dica(capsys, f, "infinito ou NaN", lambda z, d: (-d * torch.log(torch.sigmoid(z))
                                                      - (1 - d) * torch.log(1 - torch.sigmoid(z))).mean(), _ingenua())
    _dica(capsys, f, "a soma", lambda z, d: _estavel(z, d) * len(z), _ingenua())
    _dica(capsys, f, "um número só", lambda z, d: torch.clamp(z, min=0) - d * z + torch.log1p(torch.exp(-z.abs())),
          _ingenua())
    _dica(capsys, f, "termo a termo", lambda z, d: (torch.clamp(z, min=0) + d * z
                                                    + torch.log1p(torch.exp(-z.abs()))).mean(), _ingenua())
    _dica(capsys, f, "sem nenhuma proteção", _estavel, _estavel(Z, D))
    _dica(capsys, f, "número só", _estavel, torch.ones(5))
    # a fórmula ingênua com o sinal trocado: −∞; com o sinal trocado num termo só: +∞ − ∞ = NaN
    y = torch.sigmoid(Z)
    _dica(capsys, f, "deu −∞", _estavel, (D * torch.log(y) + (1 - D) * torch.log(1 - y)).mean())
    _dica(capsys, f, "deu NaN", _estavel, (-D * torch.log(y) + (1 - D) * torch.log(1 - y)).mean())
    _dica(capsys, f, "deu NaN", _estavel, float("nan"))


def test_6_1_nao_aceita_custo_pronto(capsys):
    """A função deve ser escrita à mão: chamar a BCEWithLogitsLoss (ou a BCELoss) dá o mesmo número, mas não vale."""
    f = verificar.exercicio_6_1
    _dica(capsys, f, "função custo pronta", lambda z, d: nn.BCEWithLogitsLoss()(z, d), _ingenua())
    _dica(capsys, f, "função custo pronta", lambda z, d: torch.nn.functional.binary_cross_entropy_with_logits(z, d),
          _ingenua())
    _dica(capsys, f, "função custo pronta", lambda z, d: nn.BCELoss()(torch.sigmoid(z), d), _ingenua())
    # outras funções do PyTorch podem: softplus(−z) = log(1 + e^−z)
    _certo(capsys, f, lambda z, d: (torch.nn.functional.softplus(-z) + (1 - d) * z).mean(), _ingenua())


def test_6_1_nao_aceita_resposta_decorada(capsys):
    """Uma função que só acerta os logitos do enunciado não passa: a conferência usa outros também."""
    certo = float(nn.BCEWithLogitsLoss()(Z, D))
    _dica(capsys, verificar.exercicio_6_1, "termo a termo", lambda z, d: torch.tensor(certo), _ingenua())


# -- 6.2 ----------------------------------------------------------------------------------------

def _logitos():
    gerador = torch.Generator().manual_seed(0)
    return torch.randn(50, 2, generator=gerador) * 3, torch.randint(0, 2, (50,), generator=gerador)


def _diferenca(z2, c):
    return nn.BCEWithLogitsLoss()(z2[:, 1] - z2[:, 0], c.float())


def test_6_2_certo(capsys):
    z2, c = _logitos()
    f = verificar.exercicio_6_2
    _certo(capsys, f, _diferenca, z2, c)
    # outro caminho para a mesma conta, sem a CrossEntropyLoss: a BCELoss na sigmoide da diferença
    _certo(capsys, f, lambda z2, c: nn.BCELoss()(torch.sigmoid(z2[:, 1] - z2[:, 0]), c.float()), z2, c)


def test_6_2_incompleta(capsys):
    z2, c = _logitos()
    _incompleta(capsys, verificar.exercicio_6_2, ..., z2, c)
    _incompleta(capsys, verificar.exercicio_6_2, lambda z2, c: ..., z2, c)


def test_6_2_dicas(capsys):
    z2, c = _logitos()
    f = verificar.exercicio_6_2
    _dica(capsys, f, "deve ser uma função", _diferenca(z2, c), z2, c)
    # o próprio custo de duas saídas dá o número certo, mas não mostra nada
    _dica(capsys, f, "usa a CrossEntropyLoss", lambda z2, c: nn.CrossEntropyLoss()(z2, c), z2, c)
    _dica(capsys, f, "usa a CrossEntropyLoss",
          lambda z2, c: nn.BCELoss()(torch.softmax(z2, dim=1)[:, 1], c.float()), z2, c)
    # a CrossEntropyLoss escrita à mão com o log-sum-exp também é o lado que queremos comparar
    _dica(capsys, f, "log-sum-exp", lambda z2, c: (torch.logsumexp(z2, dim=1) - z2[torch.arange(len(c)), c]).mean(),
          z2, c)
    _dica(capsys, f, "log-sum-exp", lambda z2, c: (z2.logsumexp(1) - z2.gather(1, c[:, None])[:, 0]).mean(), z2, c)
    _dica(capsys, f, "invertida", lambda z2, c: nn.BCEWithLogitsLoss()(z2[:, 0] - z2[:, 1], c.float()), z2, c)
    _dica(capsys, f, "não um logito só", lambda z2, c: nn.BCEWithLogitsLoss()(z2[:, 1], c.float()), z2, c)
    _dica(capsys, f, "diferença entre as duas colunas", lambda z2, c: torch.tensor(0.1234), z2, c)
    _dica(capsys, f, "número só", lambda z2, c: torch.ones(3), z2, c)


def test_6_2_nao_aceita_resposta_decorada(capsys):
    """Uma função que só devolve o número dos logitos do enunciado não passa: a conferência usa outros também."""
    z2, c = _logitos()
    certo = float(nn.CrossEntropyLoss()(z2, c))
    _dica(capsys, verificar.exercicio_6_2, "diferença entre as duas colunas", lambda a, b: torch.tensor(certo), z2, c)


# -- 6.3 ----------------------------------------------------------------------------------------

def _historico(taxas, sementes, passo, custo_minimo=0.05, custo_inicial=0.7):
    epocas, k = taxas.shape
    vazio = np.zeros((epocas, k))
    custos_lote = np.linspace(custo_inicial, custo_minimo, epocas * 10)[:, None].repeat(k, 1)
    return HistoricoVarios(custos_lote=custos_lote, custos_treino=vazio, custos_validacao=vazio,
                           taxas_validacao=taxas, passos=np.full(epocas, passo), divergiu=np.zeros(k, bool),
                           sementes=tuple(sementes))


@pytest.fixture
def historicos():
    rng = np.random.RandomState(0)
    sementes = tuple(range(11100, 11140))
    # η = 0,5: 40 sementes, 300 épocas; as 4 primeiras chegam a 2 % antes da época 200, a 5.ª só na 250
    taxas_05 = np.full((300, 40), 5.0)
    for j in range(4):
        taxas_05[100 + 20 * j:, j] = 1.5
    taxas_05[250:, 4] = 1.0
    # η = 2: 10 sementes, 200 épocas; uma só chega a 2 %
    taxas_2 = 10 + rng.rand(200, 10)
    taxas_2[150:, 7] = 2.0
    return _historico(taxas_2, sementes[:10], 2.0), _historico(taxas_05, sementes, 0.5)


def test_6_3_certo(capsys, historicos):
    h_eta_2, h_bce = historicos
    _certo(capsys, verificar.exercicio_6_3, h_eta_2, 1, 4, h_bce)
    _certo(capsys, verificar.exercicio_6_3, h_eta_2, np.int64(1), np.int64(4), h_bce)


def test_6_3_incompleta(capsys, historicos):
    h_eta_2, h_bce = historicos
    _incompleta(capsys, verificar.exercicio_6_3, ..., ..., ..., h_bce)
    _incompleta(capsys, verificar.exercicio_6_3, h_eta_2, 1, ..., h_bce)


def test_6_3_dicas(capsys, historicos):
    h_eta_2, h_bce = historicos
    f = verificar.exercicio_6_3
    _dica(capsys, f, "o segundo valor do par", (None, h_eta_2), 1, 4, h_bce)
    outras = _historico(h_eta_2.taxas_validacao, range(11200, 11210), 2.0)
    _dica(capsys, f, "as mesmas 10 sementes", outras, 1, 4, h_bce)
    _dica(capsys, f, "as mesmas 10 sementes", _historico(h_bce.taxas_validacao[:200], h_bce.sementes, 2.0), 1, 4, h_bce)
    _dica(capsys, f, "200 épocas", _historico(h_eta_2.taxas_validacao[:150], h_eta_2.sementes, 2.0), 1, 4, h_bce)
    _dica(capsys, f, "validacao=", _historico(np.full((200, 10), np.nan), h_eta_2.sementes, 2.0), 1, 4, h_bce)
    _dica(capsys, f, "η = 2", _historico(h_eta_2.taxas_validacao, h_eta_2.sementes, 0.5), 1, 4, h_bce)
    # a saída Tanh, padrão de criar_mlp: o custo nunca desce de log(1 + e⁻¹) ≈ 0,313
    _dica(capsys, f, "saída linear", _historico(h_eta_2.taxas_validacao, h_eta_2.sementes, 2.0, custo_minimo=0.3134),
          1, 4, h_bce)
    # rótulos ±1 na BCEWithLogitsLoss: o custo cai abaixo de zero
    _dica(capsys, f, "ficou negativo", _historico(h_eta_2.taxas_validacao, h_eta_2.sementes, 2.0, custo_minimo=-3.0),
          1, 4, h_bce)
    # outra função custo (MSELoss): o primeiro mini-lote não custa perto de ln 2
    for inicial in (0.29, 1.35):
        _dica(capsys, f, "perto de ln 2", _historico(h_eta_2.taxas_validacao, h_eta_2.sementes, 2.0,
                                                     custo_inicial=inicial), 1, 4, h_bce)
    _dica(capsys, f, "número inteiro", h_eta_2, 1.0, 4, h_bce)
    _dica(capsys, f, "número inteiro", h_eta_2, True, 4, h_bce)
    _dica(capsys, f, "conte as sementes de h_eta_2", h_eta_2, 0, 4, h_bce)
    _dica(capsys, f, "só nas 200 primeiras épocas", h_eta_2, 1, 5, h_bce)   # contou até a época 300


def test_6_3_custo_inicial_aceito(capsys, historicos):
    """Os extremos do custo inicial da entropia cruzada medidos (0,69 e 0,74, mediana de 10 sementes) passam; um
    NaN num modelo que divergiu não atrapalha."""
    h_eta_2, h_bce = historicos
    for inicial in (0.69, 0.74):
        _certo(capsys, verificar.exercicio_6_3,
               _historico(h_eta_2.taxas_validacao, h_eta_2.sementes, 2.0, custo_inicial=inicial), 1, 4, h_bce)
    divergiu = _historico(h_eta_2.taxas_validacao, h_eta_2.sementes, 2.0)
    divergiu.custos_lote[5:, 3] = np.nan
    _certo(capsys, verificar.exercicio_6_3, divergiu, 1, 4, h_bce)


def test_6_3_custo_minimo_com_saida_tanh():
    """O limite usado na dica: com o "logito" em (−1, 1), nenhum ponto custa menos que log(1 + e⁻¹)."""
    from moonlib.verificar.capitulo06 import CUSTO_MINIMO_TANH
    gerador = torch.Generator().manual_seed(0)
    z = torch.tanh(10 * torch.randn(1000, generator=gerador))
    d = torch.randint(0, 2, (1000,), generator=gerador).float()
    custos = nn.BCEWithLogitsLoss(reduction="none")(z, d)
    assert custos.min().item() >= CUSTO_MINIMO_TANH - 1e-6
    assert abs(nn.BCEWithLogitsLoss()(torch.tensor([1.0]), torch.tensor([1.0])).item() - CUSTO_MINIMO_TANH) < 1e-6
