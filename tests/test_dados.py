import numpy as np
import pytest
import torch

from moonlib import Lotes, meias_luas, para_tensores


def test_forma_rotulos_e_embaralhamento():
    dados = meias_luas(300, 200, semente=1)
    assert dados.shape == (500, 3)
    assert (dados[:, 2] == 1).sum() == 300 and (dados[:, 2] == -1).sum() == 200
    # embaralhado: os rótulos não vêm em dois blocos
    assert np.count_nonzero(np.diff(dados[:, 2])) > 100


@pytest.mark.parametrize("r1, r2, r3", [(10, -4, 6), (8, 2, 3)])
def test_geometria_das_duas_regioes(r1, r2, r3):
    dados = meias_luas(1000, 1000, r1, r2, r3, semente=2)
    a, b = dados[dados[:, 2] == 1, :2], dados[dados[:, 2] == -1, :2]
    raio_a = np.hypot(a[:, 0], a[:, 1])
    raio_b = np.hypot(b[:, 0] - r1, b[:, 1] + r2)
    for raio in (raio_a, raio_b):
        assert raio.min() >= r1 - r3 / 2 - 1e-12 and raio.max() <= r1 + r3 / 2 + 1e-12
    assert (a[:, 1] >= 0).all()            # A: metade de cima do anel na origem
    assert (b[:, 1] <= -r2).all()          # B: metade de baixo, deslocada de -r2 em x2
    assert a[:, 0].min() < -r1 + r3 / 2 and b[:, 0].max() > 2 * r1 - r3 / 2


def test_reproduz_o_gerador_global_como_o_tutorial():
    np.random.seed(111)
    global_ = meias_luas(50, 50)
    assert np.array_equal(global_, meias_luas(50, 50, semente=111))
    assert not np.array_equal(global_, meias_luas(50, 50, semente=112))
    assert np.array_equal(meias_luas(10, 10, semente=np.random.default_rng(5)),
                          meias_luas(10, 10, semente=np.random.default_rng(5)))


@pytest.mark.parametrize("args, erro, trecho", [
    ((1.5, 10), TypeError, "NA"),
    ((10, -1), ValueError, "NB"),
    ((True, 10), TypeError, "NA"),
    ((0, 0), ValueError, "ao menos um ponto"),
    ((10, 10, 10, -4, 0), ValueError, "r3"),
    ((10, 10, float("nan")), ValueError, "finito"),
    ((10, 10, 10, float("inf")), ValueError, "finito"),
    ((10, 10, "10"), TypeError, "r1"),
    ((10, 10, 2, -4, 6), ValueError, "raio interno"),
])
def test_argumentos_invalidos(args, erro, trecho):
    with pytest.raises(erro, match=trecho):
        meias_luas(*args)


def test_semente_invalida():
    with pytest.raises(TypeError, match="semente"):
        meias_luas(5, 5, semente="abc")
    with pytest.raises(ValueError, match="semente"):
        meias_luas(5, 5, semente=-3)


def test_para_tensores_float32():
    X, d = para_tensores(meias_luas(5, 5, semente=0))
    assert X.dtype == d.dtype == torch.float32 and X.shape == (10, 2) and d.shape == (10, 1)
    assert X.is_contiguous() and d.is_contiguous()
    with pytest.raises(ValueError, match=r"\(N, 3\)"):
        para_tensores(np.zeros((4, 2)))


def test_lotes_iguais_ao_dataloader_do_tutorial():
    X, d = para_tensores(meias_luas(120, 130, semente=3))
    torch.manual_seed(7)
    carregador = torch.utils.data.DataLoader([(X[i], d[i]) for i in range(len(X))], batch_size=100, shuffle=True)
    esperado = [[(Xb.clone(), db.clone()) for Xb, db in carregador] for _ in range(3)]
    estado_esperado = torch.get_rng_state()
    torch.manual_seed(7)
    lotes = Lotes(X, d, tamanho=100)
    obtido = [list(lotes) for _ in range(3)]
    assert torch.equal(torch.get_rng_state(), estado_esperado)  # consome o gerador igual ao DataLoader
    assert len(lotes) == 3
    for epoca_e, epoca_o in zip(esperado, obtido):
        assert len(epoca_e) == len(epoca_o) == 3
        for (Xe, de), (Xo, do) in zip(epoca_e, epoca_o):
            assert torch.equal(Xe, Xo) and torch.equal(de, do)


def test_lotes_sem_embaralhar_e_erros():
    X, d = para_tensores(meias_luas(3, 2, semente=0))
    (Xb, db), = list(Lotes(X, d, tamanho=10, embaralhar=False))
    assert torch.equal(Xb, X) and torch.equal(db, d)
    with pytest.raises(ValueError, match="mesmo número de linhas"):
        Lotes(X, d[:3])
    with pytest.raises(ValueError, match="tamanho"):
        Lotes(X, d, tamanho=0)
    with pytest.raises(TypeError, match="tensores"):
        Lotes(X.numpy(), d)


def test_mapeamentos_de_rotulos():
    from moonlib import rotulos_01, rotulos_classe
    d = torch.tensor([[1.0], [-1.0], [1.0]])
    assert torch.equal(rotulos_01(d), torch.tensor([[1.0], [0.0], [1.0]]))
    assert np.array_equal(rotulos_01(np.array([-1.0, 1.0])), np.array([0.0, 1.0]))
    assert torch.equal(rotulos_classe(d), torch.tensor([1, 0, 1])) and rotulos_classe(d).dtype == torch.long
    with pytest.raises(ValueError, match=r"\+1 ou -1"):
        rotulos_01(torch.tensor([0.0, 1.0]))
    with pytest.raises(ValueError, match=r"\+1 ou -1"):
        rotulos_classe(torch.tensor([2, 1]))


def test_luas_em_cadeia():
    from moonlib import luas_em_cadeia
    dados = luas_em_cadeia(300, classes=3, semente=4)
    assert dados.shape == (900, 3) and set(np.unique(dados[:, 2])) == {0.0, 1.0, 2.0}
    for c in range(3):
        pts = dados[dados[:, 2] == c, :2]
        centro_x2 = 0 if c % 2 == 0 else 4  # -r2 = 4
        raio = np.hypot(pts[:, 0] - c * 10, pts[:, 1] - centro_x2)
        assert raio.min() >= 7 - 1e-12 and raio.max() <= 13 + 1e-12
        assert (pts[:, 1] >= 0).all() if c % 2 == 0 else (pts[:, 1] <= 4).all()
    # com duas classes, a mesma geometria das meias-luas (rótulos 1→0/−1→1 em outra ordem de sorteio)
    duas = luas_em_cadeia(50, classes=2, semente=1)
    assert set(np.unique(duas[:, 2])) == {0.0, 1.0}
    with pytest.raises(ValueError, match="classes"):
        luas_em_cadeia(10, classes=1)
    with pytest.raises(TypeError, match="N"):
        luas_em_cadeia(2.5)
