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


def test_com_espaco_e_cientifico_como_no_texto():
    from moonlib.formatos import cientifico, com_espaco
    assert com_espaco(10000) == "10 000" and com_espaco(999) == "999" and com_espaco(1234567) == "1 234 567"
    assert cientifico(5.81e-07) == "5,81 × 10⁻⁷" and cientifico(-5.96e-08) == "−5,96 × 10⁻⁸"
    assert cientifico(4.22e-05, casas=1) == "4,2 × 10⁻⁵" and cientifico(float("nan")) == "—"
    with pytest.raises(TypeError, match="com_espaco recebe um inteiro"):
        com_espaco(1.5)
    with pytest.raises(TypeError, match="cientifico recebe um número"):
        cientifico("1e-3")
