import copy
import math

import pytest
import torch
from torch import nn

from moonlib import Lotes, TreinoDivergiu, criar_mlp, fixar_sementes, meias_luas, para_tensores, treinar


def _dados():
    fixar_sementes(111)
    X, d = para_tensores(meias_luas(500, 500))
    return X, d


def test_treinador_igual_ao_laco_escrito_a_mao_bit_a_bit():
    X, d = _dados()
    pares = [(X[i], d[i]) for i in range(len(X))]
    carregador = torch.utils.data.DataLoader(pares, batch_size=100, shuffle=True)
    estado = torch.get_rng_state()
    modelo = criar_mlp()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    funcao_custo = nn.MSELoss()
    custos = []
    for epoca in range(30):  # o laço do capítulo 1
        modelo.train()
        for n, (Xb, db) in enumerate(carregador):
            otimizador.zero_grad()
            custo = funcao_custo(modelo(Xb), db)
            custo.backward()
            otimizador.step()
            custos.append(custo.item())
    pesos_a_mao = copy.deepcopy(modelo.state_dict())

    torch.set_rng_state(estado)
    modelo = criar_mlp()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    h = treinar(modelo, Lotes(X, d, 100), funcao_custo, otimizador, 20)
    h = treinar(modelo, Lotes(X, d, 100), funcao_custo, otimizador, 10, historico=h)  # continuar = um treino só
    assert h.custos_lote == custos
    assert h.epocas == 30 and len(h.passos) == 30
    assert all(torch.equal(pesos_a_mao[k], v) for k, v in modelo.state_dict().items())
    assert h.custos_treino[0] == pytest.approx(sum(custos[:10]) / 10)
    assert not h.divergiu


def test_primeiro_relatorio_reproduz_o_tutorial(capsys):
    """Na ordem de sorteios do tutorial, a época 0 termina com o custo que ele imprimiu."""
    X, d = _dados()
    exemplo = torch.utils.data.DataLoader([(X[i], d[i]) for i in range(len(X))], batch_size=100, shuffle=True)
    next(iter(exemplo))  # o tutorial sorteia um mini-lote de exemplo antes de criar a rede
    modelo = criar_mlp()
    h = treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.5), 1,
                relatar_a_cada=500)
    assert abs(h.custos_lote[-1] - 0.5397309064865112) < 1e-6
    assert capsys.readouterr().out == "época 0: custo 0,54\n"


def test_validacao_e_agendador():
    X, d = _dados()
    modelo = criar_mlp()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    agendador = torch.optim.lr_scheduler.StepLR(otimizador, step_size=2, gamma=0.5)
    h = treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), otimizador, 5, validacao=(X[:50], d[:50]),
                agendador=agendador)
    assert len(h.custos_validacao) == 5 and all(math.isfinite(c) for c in h.custos_validacao)
    assert h.passos == [0.5, 0.5, 0.25, 0.25, 0.125]
    # por lote (o erro do tutorial): 10 lotes por época, step_size=2 → 5 reduções por época
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    agendador = torch.optim.lr_scheduler.StepLR(otimizador, step_size=2, gamma=0.5)
    h = treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), otimizador, 2, agendador=agendador, agendar_por="lote")
    assert h.passos == [0.5, 0.5 * 0.5 ** 5]


def test_para_com_explicacao_quando_o_custo_vira_nan(capsys):
    X, d = _dados()
    modelo = criar_mlp((2, 5, 1), ativacao="relu", ativacao_saida="identidade")
    otimizador = torch.optim.SGD(modelo.parameters(), lr=1e6)
    h = treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), otimizador, 50)
    assert h.divergiu and h.epocas < 50
    assert not math.isfinite(h.custos_lote[-1])
    saida = capsys.readouterr().out
    assert "divergiu" in saida and "passo de adaptação" in saida and "lr = 1e+06" in saida

    modelo = criar_mlp((2, 5, 1), ativacao="relu", ativacao_saida="identidade")
    otimizador = torch.optim.SGD(modelo.parameters(), lr=1e6)
    with pytest.raises(TreinoDivergiu, match="divergiu") as erro:
        treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), otimizador, 50, ao_divergir="erro")
    assert erro.value.historico.divergiu


@pytest.mark.parametrize("kwargs, trecho", [
    ({"epocas": -1}, "epocas"),
    ({"epocas": 2.5}, "epocas"),
    ({"epocas": 1, "agendar_por": "mes"}, "agendar_por"),
    ({"epocas": 1, "ao_divergir": "ignorar"}, "ao_divergir"),
    ({"epocas": 1, "relatar_a_cada": 0}, "relatar_a_cada"),
])
def test_argumentos_invalidos_do_treinador(kwargs, trecho):
    X, d = _dados()
    modelo = criar_mlp()
    with pytest.raises(ValueError, match=trecho):
        treinar(modelo, Lotes(X, d), nn.MSELoss(), torch.optim.SGD(modelo.parameters(), lr=0.1), **kwargs)


def test_barra_de_progresso_so_quando_pedida():
    from moonlib.treino import barra_de_progresso
    epocas = range(3)
    assert barra_de_progresso(epocas, False) is epocas   # sem barra: as mesmas épocas, nada importado
    barra = barra_de_progresso(epocas, True)
    assert type(barra).__module__.startswith("tqdm") and list(barra) == [0, 1, 2]
