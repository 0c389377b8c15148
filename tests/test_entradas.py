"""As entradas do moonlib: cada engano vira uma mensagem em português, nada falha em silêncio.

Cada caso daqui treinava errado sem aviso (rótulos N com o MSE: 50 % de erro), travava com
uma mensagem sem relação (``UnboundLocalError``, ``StopIteration``) ou escondia uma divergência
(a saída presa em ±1, um modelo de K que divergiu).
"""
import math

import matplotlib
import numpy as np
import pytest
import torch
from torch import nn

from moonlib import (Lotes, ParametroInvalido, criar_mlp, meias_luas, para_tensores, plotar_dados,
                     plotar_faixas, taxa_de_erro, treinar, treinar_varios)
from moonlib.estatisticas import estatisticas_por_camada
from moonlib.livro import resultados

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def dados():
    return para_tensores(meias_luas(100, 100, semente=1))


def _sgd(lr=0.5):
    return lambda p: torch.optim.SGD(p, lr=lr)


def test_rotulos_sem_a_coluna_com_o_mse_sao_recusados(dados):
    X, d = dados
    modelo = criar_mlp()
    mensagem = r"d deve ter forma N×1, uma coluna como a saída da rede; recebi forma \(\d+,\)"
    with pytest.raises(ParametroInvalido, match=mensagem):
        treinar(modelo, Lotes(X, d[:, 0]), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), 1)
    with pytest.raises(ParametroInvalido, match=mensagem):
        treinar_varios(criar_mlp, [1], X, d[:, 0], nn.MSELoss(), _sgd(), 1)
    with pytest.raises(ParametroInvalido, match=r"recebi forma \(200,\)"):
        estatisticas_por_camada(modelo, X, d[:, 0])


@pytest.mark.parametrize("X_errado, mensagem", [
    (lambda X: X.double(), r"X é torch.float64, mas a rede trabalha em float32: converta com X.float\(\)"),
    (lambda X: torch.cat([X, X[:, :1]], 1), "a rede espera 2 entradas por ponto, e X tem 3 colunas"),
])
def test_entradas_de_tipo_ou_forma_errados(dados, X_errado, mensagem):
    X, d = dados
    modelo = criar_mlp()
    with pytest.raises(ParametroInvalido, match=mensagem):
        treinar(modelo, Lotes(X_errado(X), d), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), 1)
    with pytest.raises(ParametroInvalido, match=mensagem):
        treinar_varios(criar_mlp, [1, 2], X_errado(X), d, nn.MSELoss(), _sgd(), 1)


def test_nan_nos_dados_e_culpa_dos_dados_e_nao_do_passo(dados):
    X, d = dados
    X = X.clone()
    X[3, 0] = math.nan
    with pytest.raises(ParametroInvalido, match="X tem valores NaN ou infinitos: confira os dados antes de treinar"):
        Lotes(X, d)
    with pytest.raises(ParametroInvalido, match="X tem valores NaN ou infinitos"):
        treinar_varios(criar_mlp, [1], X, d, nn.MSELoss(), _sgd(), 1)


def test_dados_vazios_e_modelo_sem_parametros(dados):
    X, d = dados
    modelo = criar_mlp()
    with pytest.raises(ParametroInvalido, match="lotes não tem nenhum mini-lote: os dados de treino estão vazios"):
        treinar(modelo, [], nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), 1)
    with pytest.raises(ParametroInvalido, match=r"X deve ter forma N×entradas, com ao menos um ponto"):
        treinar_varios(criar_mlp, [1], X[:0], d[:0], nn.MSELoss(), _sgd(), 1)
    with pytest.raises(ParametroInvalido, match="o modelo não tem parâmetros para treinar"):
        treinar(nn.Tanh(), Lotes(X, d), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), 1)


def test_inteiros_do_numpy_valem_e_booleanos_sao_conferidos(dados):
    X, d = dados
    modelo = criar_mlp()
    h = treinar(modelo, Lotes(X, d), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), np.int64(2))
    assert h.epocas == 2
    with pytest.raises(ParametroInvalido, match="normalizacao deve ser True ou False; recebi 'nao'"):
        criar_mlp(normalizacao="nao")
    with pytest.raises(ParametroInvalido, match="embaralhar deve ser True ou False"):
        Lotes(X, d, embaralhar="sim")
    with pytest.raises(ParametroInvalido, match="epocas deve ser um número inteiro ≥ 0; recebi 2.5"):
        treinar(modelo, Lotes(X, d), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), 2.5)


def test_um_so_tipo_de_excecao_para_o_mesmo_engano():
    """O mesmo "não é um inteiro" era TypeError num módulo e ValueError em outro; agora é ParametroInvalido, que é os dois."""
    for chamada in (lambda: meias_luas(1.5, 10), lambda: criar_mlp((2, 2.5, 1)), lambda: Lotes(torch.zeros(3, 2), torch.zeros(3, 1), 1.5)):
        with pytest.raises(ParametroInvalido, match=r"inteiro.*recebi .*2[.,]5|recebi 1.5") as erro:
            chamada()
        assert isinstance(erro.value, ValueError) and isinstance(erro.value, TypeError)


def test_passo_enorme_satura_a_saida_e_o_treino_para_explicando(dados, capsys):
    X, d = dados
    torch.manual_seed(0)
    modelo = criar_mlp()
    h = treinar(modelo, Lotes(X, d), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=1e6), 50)
    assert h.divergiu and h.epocas == 10
    assert ("saída da rede ficou 10 épocas seguidas presa nos extremos, acertando só metade, como um chute: o "
            "treinamento divergiu sem virar NaN") in capsys.readouterr().out
    assert "lr = 1e+06" in h.mensagem


def test_um_de_k_modelos_divergiu_e_as_sementes_sao_nomeadas(dados, capsys):
    X, d = dados

    def criar():
        rede = criar_mlp()
        if torch.initial_seed() == 8:  # este fica com a saída presa em +1: erra toda a região B
            with torch.no_grad():
                rede[-2].bias.fill_(100.0)
        if torch.initial_seed() == 9:  # este vira NaN na primeira conta
            with torch.no_grad():
                rede[0].weight.fill_(math.inf)
        return rede

    empilhadas, h = treinar_varios(criar, [7, 8, 9], X, d, nn.MSELoss(), _sgd(0.1), 15, validacao=(X, d))
    saida = capsys.readouterr().out
    assert "Atenção: 2 de 3 modelos divergiram: semente 9 (custo NaN ou infinito) e semente 8 (saída presa nos " \
           "extremos, acertando só metade, como um chute)" in saida
    assert h.divergiu.tolist() == [False, True, True] and h.saturou.tolist() == [False, True, False]
    assert empilhadas.taxas_de_erro(X, d)[2] == 100.0  # saída NaN: erro inteiro, não "meio erro" nem acaso
    ax = plotar_faixas({"SGD": h}, "custos_treino")
    linha = next(l for l in ax.get_lines() if l.get_label().startswith("SGD"))
    assert "2 divergiram, fora da faixa" in linha.get_label()
    np.testing.assert_allclose(linha.get_ydata(), h.custos_treino[:, 0])  # só o modelo que não divergiu


def test_taxa_de_erro_de_saida_nan_e_um_erro_inteiro():
    y = torch.tensor([[math.nan], [0.5], [-0.5], [math.nan]])
    d = torch.tensor([[1.0], [1.0], [-1.0], [-1.0]])
    assert taxa_de_erro(y, d) == 50.0                      # dois NaN: dois erros
    assert taxa_de_erro(torch.sigmoid(y), (d + 1) / 2, "limiar") == 50.0


def test_plotar_dados_com_rotulos_0_e_1_desenha_todos_os_pontos():
    dados = meias_luas(100, 100, semente=2)
    dados[:, 2] = (dados[:, 2] + 1) / 2
    ax = plotar_dados(dados)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 200
    dados[0, 2] = 3
    with pytest.raises(ValueError, match="os rótulos .* devem ser ±1 ou 0/1"):
        plotar_dados(dados)


def test_registrar_com_taxa_nan_explica(monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    with pytest.raises(ParametroInvalido, match=r"taxas_teste deve ter taxas de erro em % \(de 0 a 100\); recebi \[nan\]"):
        resultados.registrar(1, "x", "y", taxas_teste=math.nan)
