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
