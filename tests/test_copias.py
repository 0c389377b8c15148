from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from moonlib.livro.comandos import main
from moonlib.livro.copias import copia_do_aluno, problemas_dos_exercicios

from apoio import NOTEBOOKS, RAIZ


def _celula(fonte, *tags):
    c = new_code_cell(fonte)
    c.metadata["tags"] = list(tags)
    return c


def _tags(c):
    return set(c.metadata.get("tags", []))


def _texto(celulas):
    """Tudo o que um leitor vê nas células: fontes e saídas de texto."""
    partes = []
    for c in celulas:
        partes.append(c.source)
        for saida in c.get("outputs", []):
            partes.append(saida.get("text", "") + saida.get("data", {}).get("text/plain", ""))
    return "\n".join(partes)


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=lambda p: p.name)
def test_exercicios_tem_solucao_que_completa_o_esqueleto(caminho):
    assert problemas_dos_exercicios(nbformat.read(caminho, as_version=4)) == []


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=lambda p: p.name)
def test_copia_do_aluno_sem_solucoes_e_igual_ate_o_primeiro_exercicio(caminho):
    nb = nbformat.read(caminho, as_version=4)
    aluno = copia_do_aluno(nb)
    texto = _texto(aluno.cells)
    # Linhas que só existem nas soluções (não no resto do capítulo, prosa e saídas incluídas)
    resto = _texto([c for c in nb.cells if "solucao" not in _tags(c)])
    exclusivas = {l.strip() for c in nb.cells if "solucao" in _tags(c) for l in c.source.splitlines()
                  if len(l.strip()) > 3 and l.strip() not in resto}
    assert exclusivas, "cada capítulo tem soluções com texto próprio"
    for linha in exclusivas:
        assert linha not in texto, f"texto da solução na cópia do aluno: {linha!r}"
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in aluno.cells if c.cell_type == "code")
    # Até o primeiro esqueleto, a cópia tem as mesmas células de código que o capítulo, que o nbval
    # executa inteiro num kernel novo: a cópia do aluno roda até ali.
    def ate_o_primeiro(celulas):
        fontes = []
        for c in celulas:
            if "exercicio" in _tags(c):
                return fontes
            if c.cell_type == "code":
                fontes.append(c.source)
        raise AssertionError("sem exercícios")
    assert ate_o_primeiro(aluno.cells) == ate_o_primeiro(nb.cells)


def test_regra_do_esqueleto():
    bom = new_notebook(cells=[new_markdown_cell("# t"), _celula("# diga\nx = ...\nprint(x)", "exercicio"),
                              _celula("# solução\nx = 6 * 7\nprint(x)\nassert x == 42", "solucao")])
    assert problemas_dos_exercicios(bom) == []
    comentado = new_notebook(cells=[_celula("x = ...   # à mão", "exercicio"),
                                    _celula("x = 6 * 7  # '#' numa string não confunde: s = '#'", "solucao")])
    assert problemas_dos_exercicios(comentado) == []
    trocado = new_notebook(cells=[_celula("y = ...", "exercicio"), _celula("x = 1", "solucao")])
    assert "não aparece na solução" in problemas_dos_exercicios(trocado)[0]
    sozinho = new_notebook(cells=[_celula("y = ...", "exercicio"), new_code_cell("z = 1")])
    assert "sem solução" in problemas_dos_exercicios(sozinho)[0]
    orfa = new_notebook(cells=[new_code_cell("z = 1"), _celula("x = 1", "solucao")])
    assert "sem exercício" in problemas_dos_exercicios(orfa)[0]


def test_comando_copias(tmp_path, capsys):
    nb = new_notebook(cells=[new_markdown_cell("# t"), _celula("x = ...", "exercicio"),
                             _celula("x = 42\nassert x == 42", "solucao")])
    nbformat.write(nb, tmp_path / "01-t.ipynb")
    assert main(["copias", str(tmp_path / "01-t.ipynb"), "--saida", str(tmp_path / "saida")]) == 0
    aluno = nbformat.read(tmp_path / "saida" / "aluno" / "01-t.ipynb", as_version=4)
    professor = nbformat.read(tmp_path / "saida" / "professor" / "01-t.ipynb", as_version=4)
    assert len(aluno.cells) == 2 and len(professor.cells) == 3
    assert "1 capítulos" in capsys.readouterr().out
