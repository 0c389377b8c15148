import math

import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, criar_mlp, fixar_sementes, meias_luas, para_tensores, treinar
from moonlib.graficos import plotar_faixas
from moonlib import MLPsEmpilhadas, treinar_varios

SEMENTES = (1, 2, 3)


@pytest.fixture(scope="module")
def dados():
    fixar_sementes(111)
    X, d = para_tensores(meias_luas(200, 200, semente=111))
    Xv, dv = para_tensores(meias_luas(50, 50, semente=5))
    return X, d, Xv, dv


def _separados(dados, criar_modelo, criar_otimizador, epocas):
    X, d, Xv, dv = dados
    resultado = []
    for s in SEMENTES:
        torch.manual_seed(s)
        modelo = criar_modelo()
        h = treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), criar_otimizador(modelo.parameters()), epocas,
                    validacao=(Xv, dv))
        resultado.append((modelo, h))
    return resultado


# Fora de regimes caóticos (com o passo 0,5 do tutorial, uma diferença de arredondamento de 1e-7
# cresce 10× a cada ~5 mini-lotes nas primeiras épocas), K treinos em lote = K treinos separados.
@pytest.mark.parametrize("nome, criar_modelo, criar_otimizador", [
    ("SGD, Tanh", lambda: criar_mlp(), lambda p: torch.optim.SGD(p, lr=0.05)),
    ("Adam, Tanh", lambda: criar_mlp(), lambda p: torch.optim.Adam(p, lr=0.01)),
    ("SGD, ReLU", lambda: criar_mlp(ativacao="relu"), lambda p: torch.optim.SGD(p, lr=0.05)),
    ("SGD, sigmoide", lambda: criar_mlp(ativacao="sigmoide"), lambda p: torch.optim.SGD(p, lr=0.2)),
    ("Adam, LeakyReLU", lambda: criar_mlp(ativacao="leaky_relu"), lambda p: torch.optim.Adam(p, lr=0.01)),
    ("SGD, normalização em lote", lambda: criar_mlp(normalizacao=True), lambda p: torch.optim.SGD(p, lr=0.01)),
])
def test_em_lote_igual_a_treinos_separados(dados, nome, criar_modelo, criar_otimizador):
    X, d, Xv, dv = dados
    epocas = 25
    antes = torch.get_rng_state()
    empilhadas, h = treinar_varios(criar_modelo, SEMENTES, X, d, nn.MSELoss(), criar_otimizador, epocas,
                                   validacao=(Xv, dv))
    assert torch.equal(torch.get_rng_state(), antes)  # o gerador global não é perturbado
    assert h.custos_lote.shape == (epocas * 4, 3) and h.custos_validacao.shape == (epocas, 3)
    for k, (modelo, hs) in enumerate(_separados(dados, criar_modelo, criar_otimizador, epocas)):
        np.testing.assert_allclose(h.custos_lote[:, k], hs.custos_lote, rtol=2e-4, atol=1e-6)
        np.testing.assert_allclose(h.custos_validacao[:, k], hs.custos_validacao, rtol=2e-4, atol=1e-6)
        np.testing.assert_allclose(h.taxas_validacao[:, k], hs.taxas_validacao, atol=1.01)  # no máximo 1 ponto
        copia = empilhadas.modelo(k)
        for (nome_p, a), b in zip(modelo.state_dict().items(), copia.state_dict().values()):
            torch.testing.assert_close(b, a, rtol=1e-4, atol=1e-4, msg=f"{nome}: {nome_p}")
        copia.eval(), modelo.eval()
        with torch.no_grad():
            torch.testing.assert_close(copia(Xv), modelo(Xv), rtol=1e-4, atol=1e-4)
    assert not h.divergiu.any()


def test_dropout_estatisticamente_igual(dados):
    """As máscaras de dropout são sorteadas de outro jeito; comparamos a distribuição dos custos."""
    X, d, Xv, dv = dados
    sementes = tuple(range(20))
    criar = lambda: criar_mlp(dropout=(0.3, 0, 0, 0))
    otim = lambda p: torch.optim.SGD(p, lr=0.1)
    _, h = treinar_varios(criar, sementes, X, d, nn.MSELoss(), otim, 15)
    em_lote = h.custos_treino[-1]
    separados = []
    for s in sementes:
        torch.manual_seed(s)
        m = criar()
        separados.append(treinar(m, Lotes(X, d, 100), nn.MSELoss(), otim(m.parameters()), 15).custos_treino[-1])
    separados = np.array(separados)
    erro_padrao = math.sqrt(em_lote.var(ddof=1) / len(sementes) + separados.var(ddof=1) / len(sementes))
    assert abs(em_lote.mean() - separados.mean()) < 3 * erro_padrao
    assert not np.allclose(em_lote, separados)  # de fato sorteios diferentes


def test_dropout_empilhado_escala_no_treino_e_some_na_avaliacao():
    torch.manual_seed(0)
    empilhadas = MLPsEmpilhadas([nn.Sequential(nn.Dropout(0.25)) for _ in range(4)])
    x = torch.ones(4, 2000, 3)
    y = empilhadas(x)
    assert set(torch.unique(y).tolist()) == {0.0, torch.tensor(1 / 0.75).item()}
    assert abs((y == 0).float().mean().item() - 0.25) < 0.02
    assert not torch.equal(y[0], y[1])  # máscaras independentes por modelo
    empilhadas.eval()
    assert torch.equal(empilhadas(x), x)


def test_mesma_ordem_e_mesma_semente(dados):
    X, d, _, _ = dados
    otim = lambda p: torch.optim.SGD(p, lr=0.05)
    _, h = treinar_varios(criar_mlp, (7, 7), X, d, nn.MSELoss(), otim, 5)
    np.testing.assert_allclose(h.custos_lote[:, 0], h.custos_lote[:, 1], rtol=1e-6)
    _, h = treinar_varios(criar_mlp, (7, 8), X, d, nn.MSELoss(), otim, 5, mesma_ordem=True)
    assert not np.array_equal(h.custos_lote[:, 0], h.custos_lote[:, 1])


def test_divergencia_por_modelo_e_erros(dados, capsys):
    X, d, _, _ = dados
    criar = lambda: criar_mlp((2, 5, 1), ativacao="relu", ativacao_saida="identidade")
    _, h = treinar_varios(criar, (1, 2), X, d, nn.MSELoss(), lambda p: torch.optim.SGD(p, lr=1e6), 30)
    assert h.divergiu.all() and h.epocas < 30 and "divergiram" in capsys.readouterr().out
    with pytest.raises(TypeError, match="ReduceLROnPlateau"):
        treinar_varios(criar_mlp, (1,), X, d, nn.MSELoss(), lambda p: torch.optim.SGD(p, lr=0.1), 1,
                       criar_agendador=torch.optim.lr_scheduler.ReduceLROnPlateau)
    with pytest.raises(TypeError, match="não suportada"):
        MLPsEmpilhadas([nn.Sequential(nn.Conv1d(1, 1, 1))])
    with pytest.raises(ValueError, match="mesma arquitetura"):
        MLPsEmpilhadas([criar_mlp(), criar_mlp((2, 4, 1))])
    with pytest.raises(ValueError, match="pesos por classe"):
        treinar_varios(criar_mlp, (1,), X, d, nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0)),
                       lambda p: torch.optim.SGD(p, lr=0.1), 1)


def test_entropia_cruzada_e_agendador(dados):
    X, d, Xv, dv = dados
    classes, classes_v = (d[:, 0] > 0).long(), (dv[:, 0] > 0).long()
    criar = lambda: criar_mlp((2, 8, 2), ativacao_saida="identidade")
    otim = lambda p: torch.optim.SGD(p, lr=0.1)
    agendador = lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5)
    empilhadas, h = treinar_varios(criar, (1, 2), X, classes, nn.CrossEntropyLoss(), otim, 4,
                                   validacao=(Xv, classes_v), regra="classe", criar_agendador=agendador)
    np.testing.assert_allclose(h.passos, [0.1, 0.1, 0.05, 0.05])
    torch.manual_seed(2)
    m = criar()
    o = otim(m.parameters())
    hs = treinar(m, Lotes(X, classes, 100), nn.CrossEntropyLoss(), o, 4, validacao=(Xv, classes_v), regra="classe",
                 agendador=agendador(o))
    np.testing.assert_allclose(h.custos_validacao[:, 1], hs.custos_validacao, rtol=1e-4)
    np.testing.assert_allclose(h.taxas_validacao[:, 1], hs.taxas_validacao, atol=1.01)


def test_faixas_desenham_mediana_e_quartis(dados):
    import matplotlib
    matplotlib.use("Agg")
    X, d, Xv, dv = dados
    _, h = treinar_varios(criar_mlp, (1, 2, 3, 4), X, d, nn.MSELoss(), lambda p: torch.optim.SGD(p, lr=0.05), 4,
                          validacao=(Xv, dv))
    ax = plotar_faixas({"SGD": h}, "custos_validacao")
    linha = [l for l in ax.get_lines() if l.get_label().startswith("SGD")][0]
    np.testing.assert_allclose(linha.get_ydata(), np.median(h.custos_validacao.astype(float), axis=1), rtol=1e-12)
    faixa = ax.collections[0].get_paths()[0].vertices[:, 1]
    q1, q3 = np.quantile(h.custos_validacao, [0.25, 0.75], axis=1)
    assert np.isclose(faixa.min(), q1.min()) and np.isclose(faixa.max(), q3.max())
    assert len(ax.collections) == 1 and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="campo deve ser um de"):
        plotar_faixas(h, "custos")


def test_faixa_de_taxas_bimodais_fica_entre_0_e_100():
    """16 sementes boas e 4 presas em 50 %: média ± desvio desceria abaixo de 0 %; os quartis, nunca."""
    import matplotlib
    matplotlib.use("Agg")
    from moonlib.treino_varios import HistoricoVarios
    taxas = np.array([[0.5] * 16 + [50.0] * 4] * 3)
    vazio = np.zeros((3, 20))
    h = HistoricoVarios(custos_lote=vazio, custos_treino=vazio, custos_validacao=vazio, taxas_validacao=taxas,
                        passos=np.ones(3), divergiu=np.zeros(20, bool), sementes=tuple(range(20)))
    assert (taxas.mean(1) - taxas.std(1) < 0).all()
    ax = plotar_faixas(h, "taxas_validacao")
    faixa = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert 0 <= faixa.min() and faixa.max() <= 100 and ax.get_ylim()[0] == 0


def test_faixas_deixam_de_fora_e_contam_as_sementes_que_divergiram(dados):
    import matplotlib
    matplotlib.use("Agg")
    from moonlib.treino_varios import HistoricoVarios
    custos = np.array([[1.0, 2.0, np.inf], [0.5, 1.0, np.nan]])
    h = HistoricoVarios(custos_lote=custos, custos_treino=custos, custos_validacao=custos, taxas_validacao=custos,
                        passos=np.ones(2), divergiu=np.array([False, False, True]), sementes=(1, 2, 3))
    ax = plotar_faixas({"SGD": h}, "custos_treino")
    linha = [l for l in ax.get_lines() if l.get_label().startswith("SGD")][0]
    assert "1 divergiu" in linha.get_label()
    np.testing.assert_allclose(linha.get_ydata(), [1.5, 0.75])


def test_faixas_com_cores_fixas(dados):
    import matplotlib
    matplotlib.use("Agg")
    X, d, _, _ = dados
    _, h = treinar_varios(criar_mlp, (1, 2), X, d, nn.MSELoss(), lambda p: torch.optim.SGD(p, lr=0.05), 2)
    ax = plotar_faixas({"A": h, "B": h}, "custos_treino", cores={"B": "#000000"})
    medias = {l.get_label().split(" (")[0]: l.get_color() for l in ax.get_lines() if "(K" in l.get_label()}
    assert medias == {"A": "#0072B2", "B": "#000000"}


def test_taxas_de_erro_em_lote_iguais_as_de_cada_modelo(dados):
    from moonlib import avaliar
    X, d, Xv, dv = dados
    empilhadas, _ = treinar_varios(criar_mlp, (1, 2, 3), X, d, nn.MSELoss(), lambda p: torch.optim.SGD(p, lr=0.05), 5)
    esperado = [avaliar(empilhadas.modelo(k), Xv, dv)[1] for k in range(3)]
    np.testing.assert_allclose(empilhadas.taxas_de_erro(Xv, dv), esperado)
    assert empilhadas.training  # o modo volta ao que era


def test_mensagem_de_divergencia_concorda_em_numero():
    from moonlib.treino_varios import _mensagem
    um = _mensagem((4, 5), np.array([True, False]), np.array([False, False]))
    dois = _mensagem((4, 5), np.array([True, False]), np.array([False, True]))
    assert um.startswith("1 de 2 modelos divergiu: semente 4 (custo NaN ou infinito). Ele fica de fora") and "e conta como" in um
    assert dois.startswith("2 de 2 modelos divergiram:") and "Eles ficam" in dois and "e contam como" in dois
    assert _mensagem((4, 5), np.zeros(2, bool), np.zeros(2, bool)) == ""
