"""Autoverificação dos exercícios do capítulo 9."""
import copy

import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, criar_mlp, meias_luas, para_tensores, treinar, verificar

from apoio.respostas import CERTO, COMPLETE, dica as _dica, saida as _saida


# -- 9.1: a normalização à mão ------------------------------------------------------------------

Z = torch.tensor([[1.0], [2.0], [3.0], [6.0]])
MEDIA, VARIANCIA = 3.0, 3.5
Z_CHAPEU = (Z - MEDIA) / torch.sqrt(torch.tensor(VARIANCIA + 1e-5))
Y = 2 * Z_CHAPEU + 1
CERTA = (MEDIA, VARIANCIA, Z_CHAPEU, Y, 0.3, 0.9 + 0.1 * 14 / 3)


def test_exercicio_9_1_certo(capsys):
    assert _saida(capsys, verificar.exercicio_9_1, *CERTA) == CERTO
    # tensores (como na solução), listas e o ẑ sem o ε também estão certos
    tensores = (Z.mean(), ((Z - Z.mean()) ** 2).mean(), Z_CHAPEU, Y, 0.1 * Z.mean(), 0.9 + 0.1 * ((Z - 3) ** 2).mean() * 4 / 3)
    assert _saida(capsys, verificar.exercicio_9_1, *tensores) == CERTO
    sem_eps = (Z - MEDIA) / VARIANCIA ** 0.5
    assert _saida(capsys, verificar.exercicio_9_1, MEDIA, VARIANCIA, sem_eps.flatten().tolist(), Y.tolist(),
                  0.3, 0.9 + 0.1 * 14 / 3) == CERTO


def test_exercicio_9_1_incompleto(capsys):
    assert _saida(capsys, verificar.exercicio_9_1, *([...] * 6)) == COMPLETE
    assert _saida(capsys, verificar.exercicio_9_1, *CERTA[:5], ...) == COMPLETE


def _trocar(i, valor):
    resposta = list(CERTA)
    resposta[i] = valor
    return resposta


@pytest.mark.parametrize("resposta, trecho", [
    (_trocar(0, 12.0), "dividida por m = 4"),
    (_trocar(0, [3.0, 3.0]), "são números"),
    (_trocar(1, 14 / 3), "não enviesada (divide por m − 1)"),
    (_trocar(1, 3.5 ** 0.5), "esse é o desvio-padrão"),
    (_trocar(1, 14.0), "média dos quadrados"),
    (_trocar(2, (Z - MEDIA) / (VARIANCIA + 1e-5)), "raiz de σ² + ε"),
    (_trocar(2, Z - MEDIA), "dividido por √(σ² + ε)"),
    (_trocar(2, Z_CHAPEU[:3]), "um valor normalizado para cada uma das 4"),
    (_trocar(3, 1 * Z_CHAPEU + 2), "γ e β trocados"),
    (_trocar(3, Z_CHAPEU), "escala γ e o deslocamento β"),
    (_trocar(4, 2.7), "peso do valor **novo**"),
    (_trocar(4, 3.0), "começa em 0"),
    (_trocar(5, 0.9 + 0.1 * 3.5), "não enviesada, multiplicada por m/(m − 1)"),
    (_trocar(5, 0.1 + 0.9 * 14 / 3), "peso do valor **novo**"),
    (_trocar(5, 14 / 3), "começa em 1"),
], ids=["media", "media_texto", "variancia_nao_enviesada", "desvio", "variancia_soma", "sem_raiz", "sem_divisao",
        "tamanho", "gama_beta_trocados", "sem_gama_beta", "momento_trocado_media", "media_acumulada",
        "variancia_acumulada_enviesada", "momento_trocado_variancia", "variancia_acumulada"])
def test_exercicio_9_1_dicas(capsys, resposta, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_9_1, *resposta))
    assert trecho in saida, saida
    assert "0,3" not in saida and "1,367" not in saida   # a dica não dá a resposta


# -- 9.2: esquecendo o eval() -------------------------------------------------------------------

@pytest.fixture(scope="module")
def rede_e_pontos():
    """Uma rede normalizada treinada um pouco nas meias-luas, e 200 pontos de teste."""
    torch.manual_seed(0)
    rede = criar_mlp(normalizacao=True)
    X, d = para_tensores(meias_luas(200, 200, semente=np.random.RandomState(0)))
    treinar(rede, Lotes(X, d, 100), nn.MSELoss(), torch.optim.SGD(rede.parameters(), lr=0.5), 10)
    X_teste, _ = para_tensores(meias_luas(100, 100, semente=np.random.RandomState(1)))
    return rede, X_teste


def _respostas(rede, X):
    """As respostas certas do exercício, calculadas numa cópia, e as saídas de erros comuns."""
    copia = copy.deepcopy(rede)
    with torch.no_grad():
        copia.eval()
        com_eval = copia(X)
        copia.train()   # daqui em diante as estatísticas acumuladas da cópia mudam
        em_grupos = torch.cat([copia(X[i:i + 10]) for i in range(0, len(X), 10)])
        de_uma_vez = copia(X)
    mudam = int((torch.sign(em_grupos) != torch.sign(com_eval)).sum())
    return em_grupos, com_eval, mudam, de_uma_vez


def test_exercicio_9_2_certo_sem_mexer_na_rede(capsys, rede_e_pontos):
    rede, X = rede_e_pontos
    em_grupos, com_eval, mudam, _ = _respostas(rede, X)
    assert 0 < mudam < len(X) / 2   # o teste só distingue as respostas se algumas decisões mudam
    estado = {k: v.clone() for k, v in rede.state_dict().items()}
    rede.train()
    assert _saida(capsys, verificar.exercicio_9_2, rede, X, em_grupos, com_eval, mudam) == CERTO
    assert rede.training and all(torch.equal(estado[k], v) for k, v in rede.state_dict().items())
    # um vetor de N saídas e um tensor de um elemento na contagem também estão certos
    assert _saida(capsys, verificar.exercicio_9_2, rede, X, em_grupos.flatten(), com_eval.numpy(),
                  torch.tensor(mudam)) == CERTO


def test_exercicio_9_2_incompleto(capsys, rede_e_pontos):
    rede, X = rede_e_pontos
    assert _saida(capsys, verificar.exercicio_9_2, rede, X, ..., ..., ...) == COMPLETE


def test_exercicio_9_2_dicas(capsys, rede_e_pontos):
    rede, X = rede_e_pontos
    em_grupos, com_eval, mudam, de_uma_vez = _respostas(rede, X)
    casos = [
        ((em_grupos, com_eval[:50], mudam), "para cada um dos 200 pontos"),
        ((em_grupos, de_uma_vez, mudam), "y_com_eval saiu em modo de treino"),
        ((em_grupos, -com_eval, mudam), "y_com_eval deve ser a saída de rede_bn em modo de avaliação"),
        ((com_eval, com_eval, mudam), "a cópia esquecida deve ficar em modo de treino"),
        ((de_uma_vez, com_eval, mudam), "grupos de 10"),
        ((-em_grupos, com_eval, mudam), "para cada grupo de 10"),
        ((em_grupos, com_eval, len(X) - mudam), "as que mudam"),
        ((em_grupos, com_eval, mudam + 1), "o sinal da saída"),
        ((em_grupos, com_eval, "muitas"), "o sinal da saída"),
    ]
    for (y_sem, y_com, contagem), trecho in casos:
        saida = _dica(_saida(capsys, verificar.exercicio_9_2, rede, X, y_sem, y_com, contagem))
        assert trecho in saida, (trecho, saida)
    saida = _dica(_saida(capsys, verificar.exercicio_9_2, None, X, em_grupos, com_eval, mudam))
    assert "rede_bn" in saida


# -- 9.3: o último mini-lote com um ponto só ------------------------------------------------------

CONJUNTO = list(zip(torch.randn(901, 2), torch.sign(torch.randn(901, 1))))   # rótulos ±1


def test_exercicio_9_3_certo(capsys):
    carregador = torch.utils.data.DataLoader(CONJUNTO, batch_size=100, shuffle=True, drop_last=True)
    assert _saida(capsys, verificar.exercicio_9_3, carregador) == CERTO
    assert _saida(capsys, verificar.exercicio_9_3, ...) == COMPLETE


@pytest.mark.parametrize("carregador, trecho", [
    (CONJUNTO, "torch.utils.data.DataLoader"),
    (torch.utils.data.DataLoader(CONJUNTO, batch_size=64, shuffle=True, drop_last=True), "100 pontos"),
    (torch.utils.data.DataLoader(CONJUNTO[:900], batch_size=100, shuffle=True, drop_last=True), "901 primeiros"),
    (torch.utils.data.DataLoader(CONJUNTO, batch_size=100, drop_last=True), "embaralhe"),
    (torch.utils.data.DataLoader(CONJUNTO, batch_size=100, shuffle=True), "descarta o último mini-lote"),
], ids=["nao_dataloader", "tamanho", "pontos", "sem_embaralhar", "sem_drop_last"])
def test_exercicio_9_3_dicas(capsys, carregador, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_9_3, carregador))
    assert trecho in saida, saida
    assert "drop_last" not in saida   # a dica não dá o nome do argumento


def test_exercicio_9_3_o_carregador_certo_treina_a_rede_normalizada():
    # O que a dica promete: sem o mini-lote de um ponto, a época de uma rede normalizada vai até o fim
    rede = criar_mlp(normalizacao=True)
    otimizador = torch.optim.SGD(rede.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        treinar(rede, torch.utils.data.DataLoader(CONJUNTO, batch_size=100), nn.MSELoss(), otimizador, 1)
    historico = treinar(rede, torch.utils.data.DataLoader(CONJUNTO, batch_size=100, drop_last=True), nn.MSELoss(),
                        otimizador, 1)
    assert len(historico.custos_lote) == 9
