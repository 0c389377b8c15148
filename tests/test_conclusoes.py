"""As conclusões do livro: erro com os parâmetros do livro, explicação com os de outra pessoa."""
import pytest

from moonlib import ConclusaoNaoValeu, Conclusoes
from moonlib.conclusoes import MIME


def test_com_os_parametros_do_livro_uma_conclusao_que_nao_vale_e_um_erro(capsys):
    c = Conclusoes(livro=dict(semente=111, passo=0.5), semente=111, passo=0.5)
    assert c.parametros_do_livro
    assert c.conferir(2 > 1, "dois é maior que um") is None
    assert capsys.readouterr().out == "✔ dois é maior que um\n"
    with pytest.raises(ConclusaoNaoValeu, match=r"não valeu com os parâmetros do livro: a mediana fica abaixo "
                                                r"de 1 %\. Esta execução deu: 3,2 %\."):
        c.conferir(False, "a mediana fica abaixo de 1 %", "3,2 %")
    assert issubclass(ConclusaoNaoValeu, AssertionError)  # para o nbval e para quem lê, é um assert que falhou


def test_com_outros_parametros_explica_e_segue(capsys):
    c = Conclusoes(livro=dict(semente=111, passo=0.5), semente=2024, passo=0.5)
    assert not c.parametros_do_livro
    assert c.conferir(False, "a mediana fica abaixo de 1 %", "3,2 %") is None
    texto = capsys.readouterr().out
    assert texto.startswith("✘ Com os seus parâmetros (semente = 2024 (o livro usa 111))")
    assert "a mediana fica abaixo de 1 %. Esta execução deu: 3,2 %." in texto
    assert c.nao_valeram == [{"afirmacao": "a mediana fica abaixo de 1 %", "obtido": "3,2 %",
                              "parametros": "semente = 2024 (o livro usa 111)"}]


def test_no_jupyter_a_explicacao_leva_o_registro_para_o_comando_figuras(monkeypatch):
    mostrados = []
    monkeypatch.setattr("IPython.get_ipython", lambda: object())
    monkeypatch.setattr("IPython.display.display", lambda dados, **kw: mostrados.append(dados))
    c = Conclusoes(livro=dict(passo=0.5), passo=0.1)
    c.conferir(False, "converge", "não convergiu")
    (dados,) = mostrados
    assert dados[MIME]["afirmacao"] == "converge" and dados["text/plain"].startswith("✘ Com os seus parâmetros (passo = 0,1")


def test_argumentos_errados():
    with pytest.raises(TypeError, match="dicionário com os parâmetros do livro"):
        Conclusoes(livro=None, semente=1)
    with pytest.raises(ValueError, match=r"livro tem \['semente'\], usados tem \['epocas'\]"):
        Conclusoes(livro=dict(semente=111), epocas=3)
    c = Conclusoes(livro=dict(semente=111), semente=111)
    with pytest.raises(TypeError, match="afirmacao deve ser um texto"):
        c.conferir(True, "")
