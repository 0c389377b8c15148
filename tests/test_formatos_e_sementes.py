import math

import numpy as np
import pytest

from moonlib import mediana_ate, numero, sementes


def test_numero_com_virgula():
    assert numero(3.14159) == "3,1"
    assert numero(0.000567, ".3g") == "0,000567"
    assert numero(np.float32(2.5), ".2f") == "2,50"
    assert numero(12, "d") == "12"
    assert numero(math.nan) == "—" and numero(math.inf, ".0f") == "—"
    with pytest.raises(TypeError, match="numero recebe um número"):
        numero("3.1")


def test_sementes_dos_modelos_mudam_com_a_do_capitulo():
    assert sementes(3) == (11100, 11101, 11102)
    assert set(sementes(100, 111)).isdisjoint(sementes(100, 112))
    with pytest.raises(ValueError, match=r"k deve ser um inteiro em \[1, 100\]; recebi 101"):
        sementes(101)
    with pytest.raises(ValueError, match=r"a semente deve ser um inteiro ≥ 0; recebi -1"):
        sementes(3, -1)


def test_mediana_ate_conta_quem_nao_chegou_como_nunca():
    curvas = np.array([[5.0, 5.0, 5.0], [0.5, 5.0, 5.0], [0.5, 0.5, 5.0]])  # épocas × 3 sementes
    assert mediana_ate(curvas, 1.0) == (3.0, 2)            # chegaram nas épocas 2 e 3; a terceira, nunca
    assert mediana_ate(curvas[:, [0, 2, 2]], 1.0) == (math.inf, 1)   # menos da metade chegou
    with pytest.raises(ValueError, match="uma coluna por semente"):
        mediana_ate(curvas[:, 0], 1.0)
