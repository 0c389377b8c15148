import numpy as np
import pytest
import torch
from torch import nn

from moonlib import MLPsEmpilhadas, avaliar, criar_mlp, fixar_sementes, taxa_de_erro


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


def test_avaliar_usa_eval_e_no_grad_e_restaura_o_modo():
    torch.manual_seed(0)
    modelo = criar_mlp((2, 8, 1), dropout=0.5)  # com dropout, só em eval() duas avaliações coincidem
    X = torch.randn(40, 2)
    d = torch.where(X[:, :1] > 0, 1.0, -1.0)
    vistos = []
    modelo.register_forward_hook(lambda m, entrada, saida: vistos.append((m.training, saida.requires_grad)))
    primeira, segunda = avaliar(modelo, X, d, nn.MSELoss()), avaliar(modelo, X, d, nn.MSELoss())
    assert primeira == segunda and vistos == [(False, False), (False, False)]
    modelo.eval()
    with torch.no_grad():
        y = modelo(X)
    assert primeira == (nn.MSELoss()(y, d).item(), taxa_de_erro(y, d))
    modelo.train()
    avaliar(modelo, X, d)
    assert modelo.training  # volta ao modo em que estava, treino ou avaliação
    modelo.eval()
    avaliar(modelo, X, d)
    assert not modelo.training


def test_entradas_seguem_o_dispositivo_do_modelo():
    """Sem GPU: com o modelo no dispositivo "meta", toda entrada tem de chegar lá (no Colab, seria a GPU)."""
    from moonlib import treinar
    from moonlib.graficos import saidas_na_grade
    modelo = criar_mlp().to("meta")
    vistos = []

    class Parar(Exception):
        pass

    def anotar(m, entrada):
        vistos.append(entrada[0].device.type)
        raise Parar

    modelo.register_forward_pre_hook(anotar)
    X, d = torch.randn(10, 2), torch.ones(10, 1)
    for chamada in (lambda: avaliar(modelo, X, d), lambda: saidas_na_grade(modelo)):
        with pytest.raises(Parar):
            chamada()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.1)
    with pytest.raises(Parar):  # o primeiro forward do treino: o mini-lote foi levado ao dispositivo
        treinar(modelo, [(X, d)], nn.MSELoss(), otimizador, 1, validacao=(X, d))
    assert vistos == ["meta"] * 3
    empilhadas = MLPsEmpilhadas([criar_mlp(), criar_mlp()]).to("meta")
    empilhadas.register_forward_pre_hook(anotar)
    with pytest.raises(Parar):
        empilhadas.taxas_de_erro(X, d)
    assert vistos[-1] == "meta"


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
