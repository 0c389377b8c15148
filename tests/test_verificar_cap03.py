"""Autoverificação dos exercícios do capítulo 3."""
import pytest
import torch
from torch import nn

from moonlib import criar_mlp, verificar

from apoio.respostas import dica as _dica, saida as _saida


def test_exercicio_3_1(capsys):
    funcao = verificar.exercicio_3_1
    assert _saida(capsys, funcao, 0.25, 0.0) == "Certo! ✔\n"
    assert "Tanh" in _dica(_saida(capsys, funcao, 1.0, 0.0))
    assert "z.grad" in _dica(_saida(capsys, funcao, 0.2, 0.0))
    assert "z.grad" in _dica(_saida(capsys, funcao, 0.2505, 0.0))      # σ' nunca passa de 1/4
    assert "σ(z) = 1/2" in _dica(_saida(capsys, funcao, 0.25, 1.0))
    assert "σ(z) = 1/2" in _dica(_saida(capsys, funcao, 0.25, 500))     # o índice, não o z
    assert "Complete" in _saida(capsys, funcao, ..., ...)
    assert "Complete" in _saida(capsys, funcao, 0.25, ...)


@pytest.mark.parametrize("pontos", [1001, 1000, 100, 50])
def test_exercicio_3_1_qualquer_grade_e_tensores(capsys, pontos):
    """Com 1000 ou 100 pontos, z = 0 não está na grade: o máximo da grade também é uma resposta certa."""
    zs = torch.linspace(-5, 5, pontos, requires_grad=True)
    torch.sigmoid(zs).sum().backward()
    i = int(zs.grad.argmax())
    assert (pontos == 1001) == (abs(zs[i].item()) < 1e-6)   # 1001 pontos: um deles em z = 0 (a menos do arredondamento)
    assert _saida(capsys, verificar.exercicio_3_1, zs.grad[i].item(), zs[i].item()) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_3_1, zs.grad[i], zs[i]) == "Certo! ✔\n"      # tensores de 0 dimensões
    assert _saida(capsys, verificar.exercicio_3_1, zs.grad.max(), zs[i:i + 1]) == "Certo! ✔\n"


def test_exercicio_3_1_dicas_de_tipo_e_de_coerencia(capsys):
    funcao = verificar.exercicio_3_1
    assert "devem ser números" in _dica(_saida(capsys, funcao, [0.25], 0.0))
    assert "devem ser números" in _dica(_saida(capsys, funcao, torch.tensor([0.25, 0.2]), 0.0))
    assert "devem ser números" in _dica(_saida(capsys, funcao, 0.25, True))
    # um valor da grade de 100 pontos com o z = 0 escrito à mão, ou 1/4 com o z de outro ponto
    saida = _dica(_saida(capsys, funcao, 0.24984, 0.0))
    assert "mesmo ponto da grade" in saida and "0,25" not in saida and "0.25" not in saida
    assert "mesmo ponto da grade" in _dica(_saida(capsys, funcao, 0.25, 0.1))


# -- 3.2 -------------------------------------------------------------------------------------

def certa_3_2():
    return criar_mlp((2, 3, 5, 2, 1), ativacao="sigmoide", ativacao_saida="tanh")


def test_exercicio_3_2_certo_e_sem_mexer_no_gerador(capsys):
    torch.manual_seed(0)
    antes = torch.get_rng_state()
    assert _saida(capsys, verificar.exercicio_3_2, certa_3_2) == "Certo! ✔\n"
    assert torch.equal(torch.get_rng_state(), antes)


@pytest.mark.parametrize("resposta, trecho", [
    (certa_3_2(), "função sem argumentos"),                      # a rede, não a função que a cria
    (lambda n: certa_3_2(), "sem argumentos: criar_sigmoide_tanh()"),
    (lambda: "rede", "devolver a rede"),
    (lambda: criar_mlp(ativacao="sigmoide"), "camadas ocultas de 3, 5 e 2"),  # a rede de 4 camadas ocultas
    (lambda: nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 5), nn.Sigmoid(), nn.Linear(5, 2),
                           nn.Sigmoid(), nn.Linear(2, 1)), "ativação na saída"),
    (lambda: criar_mlp((2, 3, 5, 2, 1), ativacao="tanh", ativacao_saida="tanh"), "continuam sigmoides"),
    (lambda: criar_mlp((2, 3, 5, 2, 1), ativacao="sigmoide", ativacao_saida="sigmoide"), "a saída ainda é sigmoide"),
])
def test_exercicio_3_2_dicas(capsys, resposta, trecho):
    saida = _dica(_saida(capsys, verificar.exercicio_3_2, resposta))
    assert trecho in saida
    assert "ativacao_saida=\"tanh\"" not in saida and "Tanh()" not in saida  # a dica não dá a resposta


def test_exercicio_3_2_incompleta(capsys):
    assert "Complete" in _saida(capsys, verificar.exercicio_3_2, ...)


# -- 3.3 -------------------------------------------------------------------------------------

# Pontos em volta da origem, em todas as direções: nenhuma unidade da primeira camada nasce morta neles
_angulos = torch.linspace(0, 6.28, 40)
X = torch.cat([torch.stack([r * torch.cos(_angulos), r * torch.sin(_angulos)], 1) for r in (1.0, 5.0, 10.0)])
d = torch.where(X[:, :1] > 0, 1.0, -1.0)


def rede_relu(matar=True, backward=True):
    torch.manual_seed(3)
    rede = criar_mlp((2, 3, 5, 2, 1), ativacao="relu")
    if matar:
        with torch.no_grad():
            rede[0].weight[0] = 0.0
            rede[0].bias[0] = -1.0
    if backward:
        nn.MSELoss()(rede(X), d).backward()
    return rede


def test_exercicio_3_3_certo_e_sem_mexer_na_rede(capsys):
    rede = rede_relu()
    estado = {k: v.clone() for k, v in rede.state_dict().items()}
    grad = rede[0].weight.grad.clone()
    assert _saida(capsys, verificar.exercicio_3_3, rede, rede[0].weight.grad[0], rede[0].bias.grad[0], X) == "Certo! ✔\n"
    assert all(torch.equal(v, estado[k]) for k, v in rede.state_dict().items())
    assert torch.equal(rede[0].weight.grad, grad) and rede.training
    # o viés também pode vir como número (.item())
    assert _saida(capsys, verificar.exercicio_3_3, rede, rede[0].weight.grad[0], rede[0].bias.grad[0].item(), X) == "Certo! ✔\n"


def test_exercicio_3_3_dicas(capsys):
    certa = rede_relu()
    g_w, g_b = certa[0].weight.grad[0], certa[0].bias.grad[0]
    casos = [
        ((criar_mlp((2, 3, 5, 2, 1)), g_w, g_b), "rede ReLU do tutorial"),   # Tanh, não ReLU
        ((rede_relu(matar=False), g_w, g_b), "pré-ativação positiva"),
        ((rede_relu(backward=False), g_w, g_b), "ainda não tem gradiente"),
        ((certa, [0.0, 0.0], g_b), "grad_pesos deve ser o tensor"),
        ((certa, certa[0].weight.grad, g_b), "só a parte da unidade 0"),
        ((certa, certa[0].weight.grad[1], g_b), "não é o gradiente da unidade 0"),
        ((certa, g_w, certa[0].bias.grad[2], ), "grad_vies não é o gradiente da unidade 0"),
    ]
    for argumentos, trecho in casos:
        saida = _dica(_saida(capsys, verificar.exercicio_3_3, *argumentos, X))
        assert trecho in saida, (trecho, saida)


def test_exercicio_3_3_backward_antes_de_matar(capsys):
    rede = rede_relu(matar=False)       # backward() com a unidade viva...
    with torch.no_grad():               # ...e só depois a unidade morre
        rede[0].weight[0] = 0.0
        rede[0].bias[0] = -1.0
    saida = _dica(_saida(capsys, verificar.exercicio_3_3, rede, rede[0].weight.grad[0], rede[0].bias.grad[0], X))
    assert "não é zero" in saida


def test_exercicio_3_3_incompleta(capsys):
    assert "Complete" in _saida(capsys, verificar.exercicio_3_3, ..., ..., ..., X)
    assert "Complete" in _saida(capsys, verificar.exercicio_3_3, rede_relu(), ..., ..., X)
