import math

import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, avaliar, criar_mlp, fixar_sementes, meias_luas, para_tensores, treinar
from moonlib.parada import ResultadoParada, melhor_epoca, treinar_com_parada
from moonlib.treino import TreinoDivergiu


@pytest.fixture(scope="module")
def dados():
    fixar_sementes(111)
    X, d = para_tensores(meias_luas(30, 30, r2=-10, semente=1))
    Xv, dv = para_tensores(meias_luas(25, 25, r2=-10, semente=2))
    return X, d, Xv, dv


def _novo(semente=0):
    torch.manual_seed(semente)
    modelo = criar_mlp((2, 20, 20, 1))
    return modelo, torch.optim.Adam(modelo.parameters(), lr=0.01)


def test_melhor_epoca_uma_curva_e_k_curvas():
    assert melhor_epoca([0.9, 0.5, 0.7, 0.5]) == 1  # empate: vale a primeira
    assert isinstance(melhor_epoca(np.array([3.0, 2.0, 1.0])), int)
    curvas = np.array([[0.9, 0.8], [0.4, 0.7], [0.6, np.nan], [0.5, 0.2]])
    np.testing.assert_array_equal(melhor_epoca(curvas), [1, 3])


def test_melhor_epoca_entrada_invalida():
    with pytest.raises(ValueError, match="forma"):
        melhor_epoca([])
    with pytest.raises(ValueError, match="forma"):
        melhor_epoca(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="sem validação"):
        melhor_epoca(np.full((4, 2), np.nan))


def test_mesmos_numeros_de_treinar_e_melhor_estado(dados):
    X, d, Xv, dv = dados
    modelo, otimizador = _novo()
    h = treinar(modelo, Lotes(X, d, 60), nn.MSELoss(), otimizador, 80, validacao=(Xv, dv))
    ultimo = {k: v.clone() for k, v in modelo.state_dict().items()}

    modelo, otimizador = _novo()
    r = treinar_com_parada(modelo, Lotes(X, d, 60), nn.MSELoss(), otimizador, 80, (Xv, dv), restaurar=False)
    assert isinstance(r, ResultadoParada) and not r.parou_cedo
    assert r.historico.custos_lote == h.custos_lote  # bit a bit
    assert r.historico.custos_validacao == h.custos_validacao
    assert r.melhor_epoca == melhor_epoca(h.custos_validacao) < 79  # este treino sobreajusta
    assert r.melhor_custo == min(h.custos_validacao)
    # restaurar=False: o modelo fica com os pesos da última época; a cópia guardada é outra
    for k, v in modelo.state_dict().items():
        assert torch.equal(v, ultimo[k])
    assert not torch.equal(r.melhor_estado["0.weight"], modelo.state_dict()["0.weight"])
    # voltar à melhor época reproduz o custo de validação daquela época
    modelo.load_state_dict(r.melhor_estado)
    custo, _ = avaliar(modelo, Xv, dv, nn.MSELoss())
    assert custo == pytest.approx(r.melhor_custo, rel=1e-6)


def test_restaurar_e_paciencia(dados):
    X, d, Xv, dv = dados
    modelo, otimizador = _novo()
    completo = treinar_com_parada(modelo, Lotes(X, d, 60), nn.MSELoss(), otimizador, 80, (Xv, dv))
    custo, _ = avaliar(modelo, Xv, dv, nn.MSELoss())  # restaurar=True (padrão): pesos da melhor época
    assert custo == pytest.approx(completo.melhor_custo, rel=1e-6)

    modelo, otimizador = _novo()
    r = treinar_com_parada(modelo, Lotes(X, d, 60), nn.MSELoss(), otimizador, 80, (Xv, dv), paciencia=5)
    assert r.parou_cedo
    assert r.historico.epocas == r.melhor_epoca + 6
    assert r.historico.custos_validacao == completo.historico.custos_validacao[:r.historico.epocas]
    assert r.melhor_epoca <= completo.melhor_epoca


@pytest.mark.parametrize("argumentos, mensagem", [
    (dict(epocas=0), "epocas"),
    (dict(epocas=True), "epocas"),
    (dict(validacao=None), "validação"),
    (dict(paciencia=0), "paciencia"),
    (dict(paciencia=2.5), "paciencia"),
])
def test_argumentos_invalidos(dados, argumentos, mensagem):
    X, d, Xv, dv = dados
    modelo, otimizador = _novo()
    padrao = dict(epocas=3, validacao=(Xv, dv))
    padrao.update(argumentos)
    with pytest.raises(ValueError, match=mensagem):
        treinar_com_parada(modelo, Lotes(X, d, 60), nn.MSELoss(), otimizador, padrao.pop("epocas"),
                           padrao.pop("validacao"), **padrao)


def test_divergencia_sem_epoca_valida(dados, capsys):
    X, d, Xv, dv = dados
    torch.manual_seed(0)
    modelo = criar_mlp((2, 20, 1), ativacao_saida="identidade")
    otimizador = torch.optim.SGD(modelo.parameters(), lr=1e30)
    with pytest.raises(TreinoDivergiu, match="o treinamento divergiu e foi interrompido"):
        treinar_com_parada(modelo, Lotes(X, d, 10), nn.MSELoss(), otimizador, 5, (Xv, dv))
    assert "divergiu" in capsys.readouterr().out
