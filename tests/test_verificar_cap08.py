"""Autoverificação dos exercícios do capítulo 8."""
import numpy as np
import pytest

from moonlib import verificar

from apoio.respostas import CERTO, COMPLETE, dica as _dica, saida as _saida


def test_exercicio_8_1(capsys):
    f = verificar.exercicio_8_1
    assert _saida(capsys, f, 0.5e-4, 240, 25) == CERTO
    assert _saida(capsys, f, 0.5e-4, 240.0, 25.0) == CERTO          # números inteiros escritos como float
    assert _saida(capsys, f, 0.5 * 0.1 ** 5, 240, 25, b=150) == CERTO  # outro b
    # tensores e arrays de um elemento valem pelo número que guardam
    torch = pytest.importorskip("torch")
    assert _saida(capsys, f, torch.tensor(0.5e-4, dtype=torch.float64), torch.tensor(240), torch.tensor(25)) == CERTO
    assert _saida(capsys, f, np.float32(0.5e-4), np.array([240]), np.int64(25)) == CERTO
    assert _saida(capsys, f, ..., ..., ...) == COMPLETE
    assert _saida(capsys, f, 0.5e-4, 240, ...) == COMPLETE


def test_exercicio_8_1_tolerancia_relativa(capsys):
    # com outro b o passo certo é minúsculo (5·10⁻⁹): um número errado perto dele, ou zero, não pode passar
    f = verificar.exercicio_8_1
    assert _saida(capsys, f, 0.5 * 0.1 ** 8, 240, 25, b=240) == CERTO
    for errado in (0.4e-8, 0.6e-8, 0.0, 0.5 * 0.1 ** 9):
        assert "0,5 · 0,1^⌊b/30⌋" in _dica(_saida(capsys, f, errado, 240, 25, b=240))


@pytest.mark.parametrize("resposta, trecho", [
    ((0.5e-3, 240, 25), "0,5 · 0,1^⌊b/30⌋"),                       # uma divisão a menos
    ((0.5e-4, 270, 28), "menor número k de divisões"),
    ((0.5e-4, 240.5, 25), "menor número k de divisões"),
    ((0.5e-4, True, 25), "menor número k de divisões"),
    ((0.5e-4, 240, 24), "contadas a partir de 1"),                  # época contada a partir de 0
    ((0.5e-4, 240, 26), "a época n tem os mini-lotes"),
    ((0.5e-4, 240, "25"), "número inteiro de época"),
    ((0.5e-4 * 1.01, 240, 25), "0,5 · 0,1^⌊b/30⌋"),                # perto, mas errado
    ((0.0, 240, 25), "0,5 · 0,1^⌊b/30⌋"),
    ((float("nan"), 240, 25), "0,5 · 0,1^⌊b/30⌋"),
    (("5e-05", 240, 25), "0,5 · 0,1^⌊b/30⌋"),
])
def test_exercicio_8_1_dicas(capsys, resposta, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_8_1, *resposta))
    assert trecho in saida, saida
    # a dica não entrega a resposta
    assert "25" not in saida and "5e-05" not in saida and "0,00005" not in saida


# -- 8.2: o laço com o agendador por época ---------------------------------------------------------

REFERENCIA = [1.0 / (1 + i) for i in range(200)]
PASSO = 0.2


def test_exercicio_8_2_certo(capsys):
    f = verificar.exercicio_8_2
    assert _saida(capsys, f, list(REFERENCIA), PASSO * 0.5 ** 4, REFERENCIA, PASSO) == CERTO
    # pequenas diferenças de arredondamento (outra ordem das operações) ainda estão certas
    quase = [c * (1 + 1e-7) for c in REFERENCIA]
    assert _saida(capsys, f, quase, PASSO * 0.5 ** 4, REFERENCIA, PASSO) == CERTO


def test_exercicio_8_2_incompleto(capsys):
    f = verificar.exercicio_8_2
    assert _saida(capsys, f, [], PASSO, REFERENCIA, PASSO) == COMPLETE
    assert _saida(capsys, f, ..., PASSO, REFERENCIA, PASSO) == COMPLETE


@pytest.mark.parametrize("custos, passo_final, trecho", [
    (REFERENCIA[::10], PASSO * 0.5 ** 4, "a sua lista tem 20 valores"),                 # um custo por época
    (REFERENCIA, PASSO, "o passo não mudou"),                                           # sem agendador.step()
    (REFERENCIA, PASSO * 0.5 ** 40, "o passo caiu demais"),                             # step() a cada mini-lote
    (REFERENCIA, PASSO * 0.5 ** 3, "onde e quantas vezes"),                             # uma chamada a menos
    (REFERENCIA, "0.0125", "deve ser um número"),
    (REFERENCIA[:17] + [9.0] + REFERENCIA[18:], PASSO * 0.5 ** 4, "a partir do mini-lote 17"),
    ([float("nan")] * 200, PASSO * 0.5 ** 4, "os custos diferem"),
    ("custos", PASSO * 0.5 ** 4, "lista de números"),
    ([{"custo": c} for c in REFERENCIA], PASSO * 0.5 ** 4, "lista de números"),
])
def test_exercicio_8_2_dicas(capsys, custos, passo_final, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_8_2, custos, passo_final, REFERENCIA, PASSO))
    assert trecho in saida, saida


def test_exercicio_8_2_tensor_em_vez_de_item(capsys):
    # o aluno guardou o tensor custo (que carrega o grafo) em vez de custo.item()
    torch = pytest.importorskip("torch")
    peso = torch.ones(1, requires_grad=True)
    tensores = [(peso * c).sum() for c in REFERENCIA]
    saida = _dica(_saida(capsys, verificar.exercicio_8_2, tensores, PASSO * 0.5 ** 4, REFERENCIA, PASSO))
    assert "guarde custo.item(), não o tensor" in saida, saida
    # tensores sem gradiente (custo.detach()) têm os mesmos números: valem
    soltos = [t.detach() for t in tensores]
    assert _saida(capsys, verificar.exercicio_8_2, soltos, PASSO * 0.5 ** 4, REFERENCIA, PASSO) == CERTO
    # os tensores empilhados num só também
    saida = _dica(_saida(capsys, verificar.exercicio_8_2, torch.stack(tensores), PASSO * 0.5 ** 4, REFERENCIA, PASSO))
    assert "guarde custo.item(), não o tensor" in saida, saida
    # mas um tensor sem gradiente com os números errados não passa
    errados = [t.detach() * 2 for t in tensores]
    assert "os custos diferem" in _dica(_saida(capsys, verificar.exercicio_8_2, errados, PASSO * 0.5 ** 4,
                                               REFERENCIA, PASSO))
    # e o passo final lido como tensor de um elemento vale pelo número
    assert _saida(capsys, verificar.exercicio_8_2, REFERENCIA, torch.tensor(PASSO * 0.5 ** 4, dtype=torch.float64),
                  REFERENCIA, PASSO) == CERTO


def test_exercicio_8_2_usa_os_parametros_do_capitulo(capsys):
    # com outro passo inicial, o passo final esperado muda junto
    assert _saida(capsys, verificar.exercicio_8_2, REFERENCIA, 0.5 * 0.5 ** 4, REFERENCIA, 0.5) == CERTO
    assert "onde e quantas vezes" in _dica(_saida(capsys, verificar.exercicio_8_2, REFERENCIA, PASSO * 0.5 ** 4,
                                                  REFERENCIA, 0.5))


# -- 8.3: mudando a unidade ------------------------------------------------------------------------

GAMMA = 0.01 ** (1 / 200)


def test_exercicio_8_3_certo(capsys):
    f = verificar.exercicio_8_3
    assert _saida(capsys, f, 500, GAMMA ** (1 / 10), 50, GAMMA, 10) == CERTO
    assert _saida(capsys, f, 500.0, GAMMA ** 0.1, 50, GAMMA, 10) == CERTO
    # outros parâmetros do capítulo (por exemplo, epocas = 100: degraus a cada 25 épocas)
    gamma_100 = 0.01 ** (1 / 100)
    assert _saida(capsys, f, 250, gamma_100 ** 0.1, 25, gamma_100, 10) == CERTO


def test_exercicio_8_3_incompleto(capsys):
    f = verificar.exercicio_8_3
    assert _saida(capsys, f, ..., ..., 50, GAMMA, 10) == COMPLETE
    assert _saida(capsys, f, 500, ..., 50, GAMMA, 10) == COMPLETE


@pytest.mark.parametrize("step_size_lote, gamma_lote, trecho", [
    (50, GAMMA ** 0.1, "10 vezes mais cedo"),                   # esqueceu de converter
    (5, GAMMA ** 0.1, "precisa esperar mais"),                   # dividiu em vez de multiplicar
    (300, GAMMA ** 0.1, "quantas chamadas"),                     # outro número
    (500.5, GAMMA ** 0.1, "número inteiro"),
    (True, GAMMA ** 0.1, "número inteiro de chamadas"),
    (500, GAMMA, "10 vezes por época, e não uma"),               # gamma sem converter
    (500, GAMMA / 10, "esse produto deve ser o gamma"),          # dividiu por 10
    (500, 1.5, "entre 0 e 1"),
])
def test_exercicio_8_3_dicas(capsys, step_size_lote, gamma_lote, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_8_3, step_size_lote, gamma_lote, 50, GAMMA, 10))
    assert trecho in saida, saida
    # a dica não entrega a resposta
    assert "500" not in saida and f"{GAMMA ** 0.1:.5f}" not in saida
