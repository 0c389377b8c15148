import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from moonlib import criar_mlp, luas_em_cadeia, meias_luas  # noqa: E402
from moonlib.graficos import PALETA  # noqa: E402
from moonlib.multiclasse import classe_ideal, classes_na_grade, plotar_regioes  # noqa: E402


class _Fixo(nn.Module):
    """Logitos conhecidos: classe 0 à esquerda de x1 = 0, classe 1 entre 0 e 10, classe 2 à direita."""

    def __init__(self):
        super().__init__()
        self.camada = nn.Linear(2, 3)
        with torch.no_grad():
            self.camada.weight.copy_(torch.tensor([[-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]]))
            self.camada.bias.copy_(torch.tensor([0.0, 5.0, -10.0]))

    def forward(self, x):
        return self.camada(x)


def test_classes_na_grade_usa_o_maior_logito_e_restaura_o_modo():
    modelo = _Fixo().train()
    xx1, xx2, c = classes_na_grade(modelo, ((-20.0, 30.0), (-5.0, 5.0), 51))
    assert xx1.shape == xx2.shape == c.shape == (51, 51)
    esperado = np.where(xx1 < -5, 0, np.where(xx1 < 15, 1, 2))
    longe = (np.abs(xx1 + 5) > 0.6) & (np.abs(xx1 - 15) > 0.6)
    assert np.array_equal(c[longe], esperado[longe])
    assert modelo.training


def test_classes_na_grade_rejeita_uma_saida_so():
    with pytest.raises(ValueError, match="plotar_fronteira"):
        classes_na_grade(criar_mlp())


def test_plotar_regioes_cores_e_legenda():
    dados = luas_em_cadeia(30, classes=3, semente=1)
    X, c = torch.tensor(dados[:, :2], dtype=torch.float32), torch.tensor(dados[:, 2]).long()
    ax = plotar_regioes(_Fixo(), X, c, titulo="teste")
    assert ax.get_title() == "teste"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["classe 0", "classe 1", "classe 2"]
    # a grade padrão cobre os pontos
    x1min, x1max = ax.get_xlim()
    assert x1min <= X[:, 0].min() and x1max >= X[:, 0].max()
    cores = [matplotlib.colors.to_hex(col.get_facecolor()[0]) for col in ax.collections if len(col.get_offsets()) == 30]
    assert cores == [p.lower() for p in PALETA[:3]]
    plt.close(ax.figure)
    ax = plotar_regioes(_Fixo())  # sem pontos: a grade do tutorial
    assert ax.get_legend() is None
    plt.close(ax.figure)


def test_plotar_regioes_entradas_invalidas():
    modelo = _Fixo()
    with pytest.raises(ValueError, match="juntos"):
        plotar_regioes(modelo, X=np.zeros((3, 2)))
    with pytest.raises(ValueError, match="forma"):
        plotar_regioes(modelo, np.zeros((3, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="inteiros"):
        plotar_regioes(modelo, np.zeros((3, 2)), np.array([0.5, 1, 2]))
    with pytest.raises(ValueError, match="no máximo"):
        plotar_regioes(criar_mlp((2, 4, 8), ativacao_saida="identidade"))
    plt.close("all")


def test_classe_ideal_acerta_tudo_sem_sobreposicao():
    dados = meias_luas(500, 500, semente=3)
    classe = (dados[:, 2] < 0).astype(int)  # A é a lua 0 e B, a lua 1
    assert np.array_equal(classe_ideal(dados[:, :2], classes=2), classe)
    dados = luas_em_cadeia(2000, classes=2, semente=4)
    assert np.array_equal(classe_ideal(dados[:, :2], classes=2), dados[:, 2].astype(int))


def test_classe_ideal_com_tres_luas_erra_a_sobreposicao():
    # As luas 0 e 2 (ambas na metade de cima, centros a 2·r1 = 20 de distância) se sobrepõem:
    # mesmo a regra ideal erra cerca de 5 % dos pontos.
    dados = luas_em_cadeia(20000, classes=3, semente=5)
    erro = 100 * np.mean(classe_ideal(torch.tensor(dados[:, :2])) != dados[:, 2])
    assert 4.5 < erro < 5.8
    # Num ponto da sobreposição, vence a lua de centro mais próximo
    assert classe_ideal(np.array([[9.0, 5.0], [11.0, 5.0]])).tolist() == [0, 2]
    # Fora de todas as luas: a mais próxima
    assert classe_ideal(np.array([[-30.0, 5.0], [50.0, 5.0]])).tolist() == [0, 2]


def test_classe_ideal_entradas_invalidas():
    with pytest.raises(ValueError, match="classes"):
        classe_ideal(np.zeros((2, 2)), classes=1)
    with pytest.raises(ValueError, match="forma"):
        classe_ideal(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="r3"):
        classe_ideal(np.zeros((2, 2)), r3=0)
    with pytest.raises(TypeError, match="r1"):
        classe_ideal(np.zeros((2, 2)), r1="dez")
