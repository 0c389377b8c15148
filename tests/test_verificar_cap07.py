"""Autoverificação dos exercícios do capítulo 7."""
import numpy as np
import pytest
import torch
from torch import nn

from moonlib import criar_mlp, verificar
from moonlib.estatisticas import diferencas_entre_unidades

COMPLETE = "Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.\n"


def _saida(capsys, funcao, *args):
    assert funcao(*args) is None
    return capsys.readouterr().out


def test_exercicio_7_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_7_1, ((2 / 7) ** 0.5, 15 ** -0.5), ((2 / 7) ** 0.5, 5 ** -0.5), "√3")
    assert _saida(capsys, funcao, *certa).startswith("Certo!")
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert "Complete" in _saida(capsys, funcao, ..., ...)


# -- 7.2: uma inicialização para .apply() -------------------------------------------

def certa(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight)
        if m.bias is not None:
            nn.init.constant_(m.bias, 0.01)


def esqueleto(m):
    ...


def sem_teste_de_tipo(m):
    nn.init.xavier_normal_(m.weight)


def nao_muda_nada(m):
    if isinstance(m, nn.Conv2d):
        nn.init.xavier_normal_(m.weight)


def vieses_zerados(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight)
        if m.bias is not None:
            nn.init.zeros_(m.bias)


def so_os_vieses(m):
    if isinstance(m, nn.Linear) and m.bias is not None:
        nn.init.constant_(m.bias, 0.01)


def pelo_nome(m):
    if "Linear" in type(m).__name__:
        nn.init.xavier_normal_(m.weight)
        if m.bias is not None:
            nn.init.constant_(m.bias, 0.01)


def sem_conferir_o_vies(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight)
        nn.init.constant_(m.bias, 0.01)


def quem_tem_pesos(m):
    if getattr(m, "weight", None) is not None and getattr(m, "bias", None) is not None:
        nn.init.normal_(m.weight, std=0.1)
        nn.init.constant_(m.bias, 0.01)
        if isinstance(m, nn.Linear):
            nn.init.xavier_normal_(m.weight)


def normal_de_desvio_1(m):
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight)
        if m.bias is not None:
            nn.init.constant_(m.bias, 0.01)


def xavier_uniforme(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)
        if m.bias is not None:
            nn.init.constant_(m.bias, 0.01)


def test_exercicio_7_2_certo_sem_mexer_no_gerador_do_aluno(capsys):
    torch.manual_seed(5)
    estado = torch.get_rng_state()
    assert _saida(capsys, verificar.exercicio_7_2, certa) == "Certo! ✔\n"
    assert torch.equal(torch.get_rng_state(), estado)


def test_exercicio_7_2_incompleto(capsys):
    assert _saida(capsys, verificar.exercicio_7_2, ...) == COMPLETE
    assert _saida(capsys, verificar.exercicio_7_2, esqueleto) == COMPLETE
    # O esqueleto roda sem erro com .apply(), como na cópia do aluno
    criar_mlp().apply(esqueleto)


@pytest.mark.parametrize("funcao, dica", [
    (certa(nn.Linear(2, 2)), "passe a própria função"),
    (sem_teste_de_tipo, "levantou AttributeError"),
    (nao_muda_nada, "não mudou nenhum peso"),
    (vieses_zerados, "os vieses devem valer 0,01"),
    (so_os_vieses, "não foram sorteados de novo"),
    (pelo_nome, "isinstance"),
    (sem_conferir_o_vies, "bias=False"),
    (quem_tem_pesos, "BatchNorm1d"),
    (normal_de_desvio_1, "o desvio-padrão de Xavier"),
    (xavier_uniforme, "são uniformes"),
], ids=["nao_chamavel", "sem_teste_de_tipo", "nao_muda_nada", "vieses_zerados", "so_os_vieses", "pelo_nome",
        "sem_conferir_o_vies", "quem_tem_pesos", "normal_de_desvio_1", "xavier_uniforme"])
def test_exercicio_7_2_dicas(capsys, funcao, dica):
    saida = _saida(capsys, verificar.exercicio_7_2, funcao)
    assert saida.startswith("Ainda não. Dica:") and dica in saida, saida
    assert "xavier_normal_" not in saida and "constant_" not in saida   # a dica não dá a resposta


# -- 7.3: um pouco de ruído quebra a simetria ---------------------------------------

def constante(m):
    if isinstance(m, nn.Linear):
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)


def _rede(ruido=0.01, treino=1.0):
    """A rede de pesos constantes, com ``ruido`` e com os pesos movidos como um treino os moveria."""
    torch.manual_seed(0)
    rede = criar_mlp().apply(constante)
    with torch.no_grad():
        for p in rede.parameters():
            p.add_(ruido * torch.randn_like(p))
        rede[0].weight.add_(treino * torch.arange(rede[0].weight.shape[0]).unsqueeze(1) if ruido else treino)
    return rede


def test_exercicio_7_3_certo(capsys):
    rede = _rede()
    assert _saida(capsys, verificar.exercicio_7_3, rede, diferencas_entre_unidades(rede)) == "Certo! ✔\n"
    assert _saida(capsys, verificar.exercicio_7_3, rede, list(diferencas_entre_unidades(rede))) == "Certo! ✔\n"


def test_exercicio_7_3_incompleto(capsys):
    assert _saida(capsys, verificar.exercicio_7_3, _rede(), ...) == COMPLETE


def test_exercicio_7_3_dicas(capsys):
    sem_ruido = _rede(ruido=0)
    assert np.all(diferencas_entre_unidades(sem_ruido) == 0)
    saida = _saida(capsys, verificar.exercicio_7_3, sem_ruido, diferencas_entre_unidades(sem_ruido))
    assert saida.startswith("Ainda não. Dica:") and "o ruído chegou aos parâmetros" in saida, saida

    sem_treino = _rede(treino=0)
    saida = _saida(capsys, verificar.exercicio_7_3, sem_treino, diferencas_entre_unidades(sem_treino))
    assert "treine a rede por 100 épocas" in saida, saida

    medida_antes = diferencas_entre_unidades(sem_treino)
    saida = _saida(capsys, verificar.exercicio_7_3, _rede(), medida_antes)
    assert "depois do treino" in saida, saida
    assert "depois do treino" in _saida(capsys, verificar.exercicio_7_3, _rede(), [1.0, 2.0])
    assert "depois do treino" in _saida(capsys, verificar.exercicio_7_3, _rede(), "muitas")

    assert "criar_mlp()" in _saida(capsys, verificar.exercicio_7_3, nn.Linear(2, 1), [0.0])
    assert "criar_mlp()" in _saida(capsys, verificar.exercicio_7_3, nn.Sequential(nn.Linear(2, 1)), [0.0])

    divergiu = _rede()
    with torch.no_grad():
        divergiu[0].weight[0, 0] = float("nan")
    saida = _saida(capsys, verificar.exercicio_7_3, divergiu, diferencas_entre_unidades(divergiu))
    assert saida.startswith("Ainda não. Dica:") and "divergiu" in saida, saida
