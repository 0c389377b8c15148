import numpy as np
import pytest
import torch
from torch import nn

from moonlib import criar_mlp, meias_luas, para_tensores
from moonlib.diagnosticos import mascaras_mortas, pre_ativacoes, unidades_mortas
from moonlib import MLPsEmpilhadas


@pytest.fixture(scope="module")
def X():
    return para_tensores(meias_luas(100, 100, semente=3))[0]


def _rede_com_mortas(ativacao="relu"):
    torch.manual_seed(0)
    modelo = criar_mlp((2, 3, 5, 2, 1), ativacao=ativacao)
    with torch.no_grad():
        modelo[0].weight[1].zero_()
        modelo[0].bias[1] = -1.0      # unidade 1 da camada de 3: pré-ativação −1 para todo x
        modelo[4].weight.zero_()
        modelo[4].bias.copy_(torch.tensor([-0.5, 0.5]))  # camada de 2: unidade 0 morta, unidade 1 viva
    return modelo


def test_fracoes_por_camada(X):
    m = unidades_mortas(_rede_com_mortas(), X)
    assert m.shape == (3,)
    assert m[0] == pytest.approx(1 / 3) and m[2] == pytest.approx(0.5)
    mascaras = mascaras_mortas(_rede_com_mortas(), X)
    assert [k.shape for k in mascaras] == [(3,), (5,), (2,)]
    assert mascaras[0].tolist() == [False, True, False] and mascaras[2].tolist() == [True, False]


def test_pre_ativacoes_sao_as_entradas_das_relus(X):
    modelo = _rede_com_mortas()
    z = pre_ativacoes(modelo, X)
    assert [tuple(t.shape) for t in z] == [(200, 3), (200, 5), (200, 2)]
    torch.testing.assert_close(z[0], modelo[0](X).detach())
    torch.testing.assert_close(z[1], modelo[2](modelo[1](modelo[0](X))).detach())


def test_unidade_morta_nao_recebe_gradiente(X):
    modelo = _rede_com_mortas()
    d = torch.ones(X.shape[0], 1)
    nn.MSELoss()(modelo(X), d).backward()
    assert torch.count_nonzero(modelo[0].weight.grad[1]) == 0 and modelo[0].bias.grad[1] == 0
    assert torch.count_nonzero(modelo[4].weight.grad[0]) == 0


def test_empilhadas_dao_o_mesmo_que_cada_modelo(X):
    modelos = []
    for s in range(4):
        torch.manual_seed(s)
        modelos.append(criar_mlp((2, 3, 5, 2, 1), ativacao="relu"))
    modelos[2] = _rede_com_mortas()
    empilhadas = MLPsEmpilhadas(modelos)
    m = unidades_mortas(empilhadas, X)
    assert m.shape == (4, 3)
    np.testing.assert_array_equal(m, np.stack([unidades_mortas(modelo, X) for modelo in modelos]))
    assert empilhadas.training  # o modo de treino é restaurado


def test_leaky_relu_e_modo_restaurado(X):
    modelo = _rede_com_mortas("leaky_relu")
    modelo.train()
    m = unidades_mortas(modelo, X)
    assert m[0] == pytest.approx(1 / 3) and modelo.training
    modelo.eval()
    unidades_mortas(modelo, X)
    assert not modelo.training


def test_entradas_invalidas(X):
    with pytest.raises(TypeError, match="ReLU ou LeakyReLU"):
        unidades_mortas(criar_mlp(), X)
    with pytest.raises(TypeError, match="nn.Sequential"):
        unidades_mortas(nn.Linear(2, 1), X)
    with pytest.raises(ValueError, match="tensor N×entradas"):
        unidades_mortas(criar_mlp(ativacao="relu"), X[0])
    with pytest.raises(ValueError, match="camadas ocultas"):
        unidades_mortas(nn.Sequential(nn.Linear(2, 1), nn.ReLU()), X)
