"""O mecanismo da autoverificação: cada função é achada no módulo do seu capítulo."""
import pytest

from moonlib import verificar


def test_exercicio_desconhecido_da_um_erro_que_diz_o_que_conferir():
    with pytest.raises(AttributeError, match="não tem 'exercicio_99_1': confira o número do capítulo"):
        verificar.exercicio_99_1
    with pytest.raises(AttributeError, match="não tem 'exercicio_1_9'"):
        verificar.exercicio_1_9


def test_resposta_incompleta_pede_para_completar(capsys):
    verificar.exercicio_1_1(...)
    assert capsys.readouterr().out == "Complete a resposta: troque o `...` pelo seu código e rode a célula de novo.\n"


def test_numero_le_o_que_um_aluno_escreve_para_um_numero():
    import numpy as np
    import torch

    from moonlib.verificar.comum import numero
    for certo, valor in ((0.25, 0.25), (3, 3.0), (np.float32(0.25), 0.25), (np.int64(3), 3.0), (torch.tensor(0.25), 0.25),
                         (torch.tensor([[0.25]]), 0.25), (torch.tensor(0.25, dtype=torch.bfloat16), 0.25),
                         (torch.tensor(0.25, requires_grad=True), 0.25), (np.array([0.25]), 0.25)):
        assert numero(certo) == valor and isinstance(numero(certo), float), certo
    for errado in (True, np.bool_(False), torch.tensor(True), "0.25", [0.25], (0.25,), torch.tensor([0.25, 0.5]),
                   np.array([1, 2]), torch.tensor(1 + 2j), None):
        assert numero(errado) is None, errado
