"""O modelo de K redes empilhadas: exatamente os parâmetros das K redes, e as ativações do registro."""
import pytest
import torch
from torch import nn

from moonlib import MLPsEmpilhadas, criar_mlp, modelos


def test_parametros_e_state_dict_sao_exatamente_os_das_k_redes():
    torch.manual_seed(0)
    empilhadas = MLPsEmpilhadas([criar_mlp() for _ in range(3)])
    assert sum(p.numel() for p in empilhadas.parameters()) == 3 * 74
    assert not any(nome.startswith("_molde") or "molde" in nome for nome in empilhadas.state_dict())
    assert sum(t.numel() for t in empilhadas.state_dict().values()) == 3 * 74
    assert "LinearK(k=3, entrada=2, saida=3, vies=True)" in repr(empilhadas)


def test_de_sementes_e_modelo_k_devolvem_as_redes_de_cada_semente():
    empilhadas = MLPsEmpilhadas.de_sementes(criar_mlp, [5, 6])
    torch.manual_seed(6)
    segunda = criar_mlp()
    for a, b in zip(empilhadas.modelo(1).state_dict().values(), segunda.state_dict().values()):
        assert torch.equal(a, b)
    x = torch.randn(7, 2)
    torch.testing.assert_close(empilhadas(x)[1], segunda(x))
    with pytest.raises(IndexError, match="k deve ser um inteiro entre 0 e 1"):
        empilhadas.modelo(2)


def test_uma_ativacao_nova_no_registro_vale_em_criar_mlp_e_nas_empilhadas(monkeypatch):
    monkeypatch.setitem(modelos.ATIVACOES, "gelu", nn.GELU)
    rede = criar_mlp((2, 4, 1), ativacao="gelu")
    assert isinstance(rede[1], nn.GELU)
    empilhadas = MLPsEmpilhadas([rede, criar_mlp((2, 4, 1), ativacao="gelu")])
    x = torch.randn(5, 2)
    torch.testing.assert_close(empilhadas(x)[0], rede(x))


def test_camada_fora_do_registro_e_recusada():
    rede = nn.Sequential(nn.Linear(2, 3), nn.Softplus(), nn.Linear(3, 1))
    with pytest.raises(TypeError, match="camada não suportada para treino em lote: Softplus"):
        MLPsEmpilhadas([rede])
