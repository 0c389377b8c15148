"""Autoverificação dos exercícios do capítulo 7."""
import numpy as np
import pytest
import torch
from torch import nn

from moonlib import Lotes, criar_mlp, numero, treinar, verificar
from moonlib.estatisticas import diferencas_entre_unidades
from moonlib.treino import Historico

from apoio.respostas import COMPLETE, saida as _saida


def test_exercicio_7_1(capsys):
    funcao, certa, errada, dica = (verificar.exercicio_7_1, ((2 / 7) ** 0.5, 15 ** -0.5), ((2 / 7) ** 0.5, 5 ** -0.5), "√3")
    assert _saida(capsys, funcao, *certa) == "Certo! ✔\n"
    saida = _saida(capsys, funcao, *errada)
    assert saida.startswith("Ainda não") and dica in saida, saida
    assert _saida(capsys, funcao, ..., ...) == COMPLETE
    assert _saida(capsys, funcao, (2 / 7) ** 0.5, ...) == COMPLETE


def test_exercicio_7_1_aceita_tensores_e_arrays_de_um_elemento(capsys):
    funcao = verificar.exercicio_7_1
    assert _saida(capsys, funcao, torch.tensor(2 / 7).sqrt(), torch.tensor(1 / 15).sqrt()) == "Certo! ✔\n"
    assert _saida(capsys, funcao, np.sqrt(np.float32(2 / 7)), np.array([15 ** -0.5])) == "Certo! ✔\n"


@pytest.mark.parametrize("resposta, dica", [
    ((0.54, 15 ** -0.5), "desvio_xavier está perto, mas não é o valor exato"),
    ((torch.tensor(0.5316), 15 ** -0.5), "desvio_xavier está perto, mas não é o valor exato"),
    (((2 / 7) ** 0.5, 0.26), "desvio_do_padrao está perto, mas não é o valor exato"),
    ((0.5, 15 ** -0.5), "√(2 / (n_ent + n_sai))"),
    (("0,535", 15 ** -0.5), "√(2 / (n_ent + n_sai))"),
    ((torch.ones(2), 15 ** -0.5), "√(2 / (n_ent + n_sai))"),
    (((2 / 7) ** 0.5, 1 / 3), "qual é o desvio-padrão dela?"),
], ids=["xavier_estimado", "xavier_tensor_estimado", "padrao_estimado", "xavier_errado", "texto", "tensor_de_dois",
        "padrao_errado"])
def test_exercicio_7_1_dicas(capsys, resposta, dica):
    saida = _saida(capsys, verificar.exercicio_7_1, *resposta)
    assert saida.startswith("Ainda não. Dica:") and dica in saida, saida
    assert "0,535" not in saida and "0,258" not in saida   # a dica não dá a resposta


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


def _historico(epocas=100, divergiu=False):
    return Historico(custos_treino=[0.1] * epocas, divergiu=divergiu)


def _rede(ruido=0.01, treino=1.0, so_pesos=False, sortear=torch.randn_like):
    """A rede de pesos constantes com ``ruido``, os parâmetros logo depois do ruído e a rede movida como um treino a moveria."""
    torch.manual_seed(0)
    rede = criar_mlp().apply(constante)
    with torch.no_grad():
        for nome, p in rede.named_parameters():
            if not so_pesos or nome.endswith("weight"):
                p.add_(ruido * sortear(p))
    com_ruido = [p.detach().clone() for p in rede.parameters()]
    with torch.no_grad():
        rede[0].weight.add_(treino * torch.arange(rede[0].weight.shape[0]).unsqueeze(1))
    return com_ruido, rede


def _conferir(capsys, com_ruido, historico, rede, diferencas=None):
    diferencas = diferencas_entre_unidades(rede) if diferencas is None else diferencas
    return _saida(capsys, verificar.exercicio_7_3, com_ruido, historico, rede, diferencas)


def test_exercicio_7_3_certo(capsys):
    com_ruido, rede = _rede()
    assert _conferir(capsys, com_ruido, _historico(), rede) == "Certo! ✔\n"
    assert _conferir(capsys, com_ruido, _historico(), rede, list(diferencas_entre_unidades(rede))) == "Certo! ✔\n"


def test_exercicio_7_3_certo_com_o_treino_de_verdade(capsys):
    torch.manual_seed(3)
    X = torch.randn(200, 2) * 5
    d = torch.sign(X[:, :1] * X[:, 1:] + 0.1)
    rede = criar_mlp().apply(constante)
    with torch.no_grad():
        for p in rede.parameters():
            p.add_(0.01 * torch.randn_like(p))
    com_ruido = [p.detach().clone() for p in rede.parameters()]
    otimizador = torch.optim.SGD(rede.parameters(), lr=0.5)
    historico = treinar(rede, Lotes(X, d, 100), nn.MSELoss(), otimizador, 100)
    assert _conferir(capsys, com_ruido, historico, rede) == "Certo! ✔\n"
    # o mesmo treino, interrompido antes das 100 épocas
    curto = Historico(custos_treino=historico.custos_treino[:3])
    assert "o seu treino teve 3 épocas: treine 100" in _conferir(capsys, com_ruido, curto, rede)


def test_exercicio_7_3_incompleto(capsys):
    com_ruido, rede = _rede()
    assert _conferir(capsys, ..., _historico(), rede) == COMPLETE
    assert _conferir(capsys, com_ruido, ..., rede) == COMPLETE
    assert _conferir(capsys, com_ruido, _historico(), rede, ...) == COMPLETE


def _dica(saida, trecho):
    assert saida.startswith("Ainda não. Dica:") and trecho in saida, saida
    assert "randn_like" not in saida and "add_" not in saida   # a dica não dá a resposta


def test_exercicio_7_3_dicas_do_ruido(capsys):
    com_ruido, rede = _rede(ruido=0)
    _dica(_conferir(capsys, com_ruido, _historico(), rede), "o ruído chegou a eles?")
    com_ruido, rede = _rede(so_pesos=True)
    _dica(_conferir(capsys, com_ruido, _historico(), rede), "pesos e vieses")
    for ruido in (1.0, 0.5, 0.001, 0.02, 0.005):
        com_ruido, rede = _rede(ruido=ruido)
        saida = _conferir(capsys, com_ruido, _historico(), rede)
        _dica(saida, "o exercício pede 0,01")
        somado = torch.cat([(t - 0.5 * (i % 2 == 0)).flatten() for i, t in enumerate(com_ruido)]).std().item()
        assert abs(somado - ruido) < 0.3 * ruido and f"cerca de {numero(somado, '.2g')};" in saida, saida
    # o mesmo ruído em todas as unidades de uma camada não quebra a simetria
    for sortear in (lambda p: torch.randn(1).expand_as(p).clone(),                       # um número por tensor
                    lambda p: torch.randn(p.shape[-1]).expand_as(p).clone()):            # a mesma linha repetida
        com_ruido, rede = _rede(sortear=sortear)
        _dica(_conferir(capsys, com_ruido, _historico(), rede), "o mesmo em todas as unidades")
    com_ruido, rede = _rede()
    deslocados = [t + 0.01 for t in com_ruido]
    _dica(_conferir(capsys, deslocados, _historico(), rede), "média zero")
    _dica(_conferir(capsys, com_ruido[:-1], _historico(), rede), "com_ruido deve ser a lista dos parâmetros")
    _dica(_conferir(capsys, "pesos", _historico(), rede), "com_ruido deve ser a lista dos parâmetros")


def test_exercicio_7_3_dicas_do_treino(capsys):
    com_ruido, rede = _rede()
    _dica(_conferir(capsys, com_ruido, _historico(epocas=3), rede), "o seu treino teve 3 épocas: treine 100")
    _dica(_conferir(capsys, com_ruido, _historico(epocas=1), rede), "o seu treino teve 1 épocas")
    _dica(_conferir(capsys, com_ruido, [0.1] * 100, rede), "historico_ruido deve ser o histórico que treinar")
    _dica(_conferir(capsys, com_ruido, _historico(epocas=40, divergiu=True), rede), "divergiu")

    sem_treino_com_ruido, sem_treino = _rede(treino=0)
    _dica(_conferir(capsys, sem_treino_com_ruido, _historico(), sem_treino), "não mudaram desde o ruído")

    divergiu_com_ruido, divergiu = _rede()
    with torch.no_grad():
        divergiu[0].weight[0, 0] = float("nan")
    _dica(_conferir(capsys, divergiu_com_ruido, _historico(), divergiu), "divergiu")


def test_exercicio_7_3_dicas_das_diferencas(capsys):
    com_ruido, rede = _rede()
    _, sem_treino = _rede(treino=0)
    for errada in (diferencas_entre_unidades(sem_treino), [1.0, 2.0], "muitas"):
        _dica(_conferir(capsys, com_ruido, _historico(), rede, errada), "depois do treino")
    _dica(_conferir(capsys, com_ruido, _historico(), nn.Linear(2, 1), [0.0]), "criar_mlp()")
    _dica(_conferir(capsys, com_ruido, _historico(), nn.Sequential(nn.Linear(2, 1)), [0.0]), "criar_mlp()")
