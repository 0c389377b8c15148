import numpy as np
import pytest
import torch
from torch import nn

from moonlib import avaliar, criar_mlp, fixar_sementes, taxa_de_erro


def test_mlp_do_tutorial():
    modelo = criar_mlp()
    lineares = [m for m in modelo if isinstance(m, nn.Linear)]
    assert [(l.in_features, l.out_features) for l in lineares] == [(2, 3), (3, 5), (5, 5), (5, 2), (2, 1)]
    assert all(isinstance(m, nn.Tanh) for m in modelo[1::2])
    assert sum(p.numel() for p in modelo.parameters()) == 74


def test_variantes_e_erros_do_construtor():
    modelo = criar_mlp((2, 8, 1), ativacao="relu", ativacao_saida="sigmoide")
    assert isinstance(modelo[1], nn.ReLU) and isinstance(modelo[3], nn.Sigmoid)
    with pytest.raises(ValueError, match="ativação oculta desconhecida"):
        criar_mlp(ativacao="softmax")
    with pytest.raises(ValueError, match="inteiro ≥ 1"):
        criar_mlp((2, 0, 1))
    with pytest.raises(ValueError, match="entrada e saída"):
        criar_mlp((2,))
    with pytest.raises(TypeError, match="sequência"):
        criar_mlp(5)


def test_fixar_sementes_reproduz_pesos():
    fixar_sementes(111)
    a = criar_mlp().state_dict()
    fixar_sementes(111)
    b = criar_mlp().state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert torch.get_num_threads() == 1 and torch.are_deterministic_algorithms_enabled()
    with pytest.raises(ValueError, match="semente"):
        fixar_sementes(-1)


def test_taxa_de_erro_formula_do_tutorial():
    d = np.array([1, 1, -1, -1])
    assert taxa_de_erro(np.array([0.9, 0.2, -0.3, -1.0]), d) == 0.0
    assert taxa_de_erro(np.array([-0.9, 0.2, -0.3, 0.4]), d) == 50.0
    assert taxa_de_erro(torch.tensor([[-0.5], [-0.5], [0.5], [0.5]]), torch.tensor(d).reshape(-1, 1)) == 100.0
    assert taxa_de_erro(np.array([0.0, 1, -1, -1]), d) == 12.5  # saída 0 conta meio erro


def test_taxa_de_erro_rejeita_entradas_invalidas():
    with pytest.raises(ValueError, match="mesmo número"):
        taxa_de_erro(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="-1 ou 1"):
        taxa_de_erro(np.ones(2), np.array([0, 1]))
    with pytest.raises(ValueError, match="vetores"):
        taxa_de_erro(np.ones((2, 2)), np.ones((2, 2)))


def test_avaliar_restaura_o_modo():
    modelo = criar_mlp()
    X = torch.randn(6, 2)
    d = torch.tensor([[1.0], [-1.0]] * 3)
    custo, taxa = avaliar(modelo, X, d, nn.MSELoss())
    assert modelo.training and custo > 0 and 0 <= taxa <= 100


def test_epocas_ate_o_alvo():
    from moonlib import epocas_ate
    assert epocas_ate([0.5, 0.2, 0.05, 0.01], 0.1) == 3
    assert np.isnan(epocas_ate([0.5, 0.4], 0.1))
    np.testing.assert_array_equal(epocas_ate(np.array([[0.5, 0.05], [0.05, np.nan]]), 0.1), [2.0, 1.0])
    with pytest.raises(ValueError, match="forma"):
        epocas_ate(np.zeros((2, 2, 2)), 0.1)


def test_dropout_normalizacao_e_inicializacao():
    from moonlib import inicializar
    m = criar_mlp(dropout=(0.1, 0, 0, 0))
    assert isinstance(m[2], nn.Dropout) and m[2].p == 0.1 and sum(isinstance(c, nn.Dropout) for c in m) == 1
    m = criar_mlp(normalizacao=True)
    assert isinstance(m[1], nn.BatchNorm1d) and m[0].bias is None and m[-2].bias is not None
    with pytest.raises(ValueError, match="dropout"):
        criar_mlp(dropout=1.0)
    with pytest.raises(ValueError, match="4 valores"):
        criar_mlp(dropout=(0.1, 0.2))
    inicializar(m, "zeros")
    assert all(float(c.weight.detach().abs().sum()) == 0 for c in m if isinstance(c, nn.Linear))
    inicializar(m, "xavier_normal")
    assert all(float(c.weight.detach().abs().sum()) > 0 for c in m if isinstance(c, nn.Linear))
    with pytest.raises(ValueError, match="inicialização"):
        inicializar(m, "he")
