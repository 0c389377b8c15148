import numpy as np
import pytest
import torch
from torch import nn

from moonlib import criar_mlp, inicializar, meias_luas, para_tensores
from moonlib.estatisticas import EstatisticasCamadas, estatisticas_por_camada


@pytest.fixture(scope="module")
def dados():
    return para_tensores(meias_luas(100, 100, semente=5))


def _rede(semente=0, **kwargs):
    torch.manual_seed(semente)
    return criar_mlp(**kwargs)


def test_um_valor_por_camada_oculta(dados):
    X, d = dados
    e = estatisticas_por_camada(_rede(), X, d)
    assert isinstance(e, EstatisticasCamadas) and e.camadas == 4
    for campo in (e.variancia_ativacao, e.gradiente_medio, e.norma_gradiente):
        assert campo.shape == (4,) and np.all(np.isfinite(campo))
    assert [tuple(h.shape) for h in e.ativacoes] == [(200, 3), (200, 5), (200, 5), (200, 2)]
    assert all(not h.requires_grad for h in e.ativacoes)


def test_ativacoes_e_gradientes_conferem_com_a_conta_a_mao(dados):
    X, d = dados
    modelo = _rede(1)
    e = estatisticas_por_camada(modelo, X, d)
    h1 = modelo[1](modelo[0](X)).detach()
    torch.testing.assert_close(e.ativacoes[0], h1)
    assert e.variancia_ativacao[0] == pytest.approx(h1.var(unbiased=False).item(), rel=1e-6)
    custo = nn.MSELoss()(modelo(X), d)
    assert e.custo == pytest.approx(custo.item(), rel=1e-6)
    custo.backward()
    lineares = [c for c in modelo if isinstance(c, nn.Linear)][:-1]
    esperado_medio = [c.weight.grad.abs().mean().item() for c in lineares]
    esperado_norma = [c.weight.grad.norm().item() for c in lineares]
    np.testing.assert_allclose(e.gradiente_medio, esperado_medio, rtol=1e-5)
    np.testing.assert_allclose(e.norma_gradiente, esperado_norma, rtol=1e-5)


def test_nao_altera_o_modelo(dados):
    X, d = dados
    modelo = _rede(2).eval()
    antes = {k: v.clone() for k, v in modelo.state_dict().items()}
    estatisticas_por_camada(modelo, X, d)
    assert not modelo.training                      # modo restaurado
    assert all(p.grad is None for p in modelo.parameters())
    assert all(torch.equal(antes[k], v) for k, v in modelo.state_dict().items())
    assert all(not c._forward_hooks for c in modelo)  # ganchos removidos


def test_pesos_zerados_nao_deixam_passar_nada(dados):
    X, d = dados
    e = estatisticas_por_camada(inicializar(_rede(), "zeros"), X, d)
    assert np.all(e.variancia_ativacao == 0) and np.all(e.gradiente_medio == 0)


def test_pesos_grandes_saturam_as_tanh(dados):
    X, d = dados
    e_xavier = estatisticas_por_camada(inicializar(_rede(3), "xavier_normal"), X, d)
    e_grande = estatisticas_por_camada(inicializar(_rede(3), "normal", desvio=10), X, d)
    assert np.all(e_grande.variancia_ativacao > e_xavier.variancia_ativacao)
    assert np.all(e_grande.gradiente_medio < e_xavier.gradiente_medio)


def test_com_normalizacao_dropout_e_outra_funcao_custo(dados):
    X, d = dados
    modelo = _rede(4, normalizacao=True, dropout=0.1, ativacao="relu", ativacao_saida="identidade")
    e = estatisticas_por_camada(modelo, X, (d + 1) / 2, nn.BCEWithLogitsLoss())
    assert e.camadas == 4
    # a variância guardada é a das ativações capturadas, camada a camada
    np.testing.assert_allclose(e.variancia_ativacao, [h.var(unbiased=False).item() for h in e.ativacoes], rtol=1e-6)
    assert np.all(torch.cat([h.flatten() for h in e.ativacoes]).numpy() >= 0)  # saídas das ReLU, antes do dropout
    with torch.no_grad():  # e o custo é o da BCEWithLogitsLoss em modo de treino (normalização pelo mini-lote)
        modelo.train()
        torch.manual_seed(0)
    assert e.custo > 0


@pytest.mark.parametrize("modelo, erro, mensagem", [
    (nn.Linear(2, 1), TypeError, r"modelo deve ser um nn.Sequential \(de criar_mlp\); recebi Linear"),
    (nn.Sequential(nn.Linear(2, 1), nn.Tanh()), ValueError, "o modelo não tem camadas ocultas"),
    (nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1)), ValueError, "na posição 0 não é seguida por uma ativação"),
    (nn.Sequential(nn.Tanh()), ValueError, "o modelo não tem camadas Linear"),
])
def test_modelos_invalidos(dados, modelo, erro, mensagem):
    X, d = dados
    with pytest.raises(erro, match=mensagem):
        estatisticas_por_camada(modelo, X, d)


def test_entradas_invalidas(dados):
    X, d = dados
    with pytest.raises(ValueError, match="X deve ser"):
        estatisticas_por_camada(_rede(), X[0], d)
    with pytest.raises(ValueError, match="d deve ser"):
        estatisticas_por_camada(_rede(), X, d[:10])
    with pytest.raises(TypeError, match="funcao_custo"):
        estatisticas_por_camada(_rede(), X, d, funcao_custo="mse")


def test_diferencas_entre_unidades():
    from moonlib.estatisticas import diferencas_entre_unidades
    modelo = inicializar(_rede(), "zeros")
    np.testing.assert_array_equal(diferencas_entre_unidades(modelo), np.zeros(4))
    with torch.no_grad():
        modelo[2].weight[3, 1] = 0.5      # sai da 2ª unidade da 1ª camada oculta e chega à 4ª da 2ª
        modelo[4].weight[0, 2] = -0.25    # sai da 3ª unidade da 2ª camada e chega à 1ª da 3ª
        modelo[6].bias[1] = 0.125         # viés da 2ª unidade da 4ª camada
    np.testing.assert_allclose(diferencas_entre_unidades(modelo), [0.5, 0.5, 0.25, 0.125])
    sem_vies = nn.Sequential(nn.Linear(2, 3, bias=False), nn.Tanh(), nn.Linear(3, 1))
    assert diferencas_entre_unidades(sem_vies).shape == (1,)
    with pytest.raises(TypeError, match="modelo deve ser um nn.Sequential"):
        diferencas_entre_unidades(nn.Linear(2, 1))
