"""A forma de cada capítulo: o que todo notebook do livro promete ao leitor."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((RAIZ / "notebooks").glob("*.ipynb"))
VERIFICADOR = RAIZ.parent / "shared" / "tools" / "check_notebooks.py"


def _celulas(nb):
    return json.loads(nb.read_text(encoding="utf-8"))["cells"]


def _fonte(c):
    return "".join(c["source"])


def _tags(c):
    return set(c.get("metadata", {}).get("tags", []))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_estrutura_do_capitulo(nb):
    celulas = _celulas(nb)
    abertura = _fonte(celulas[0])
    assert abertura.startswith("# ") and "**Objetivos.**" in abertura
    markdown = "\n".join(_fonte(c) for c in celulas if c["cell_type"] == "markdown")
    for trecho in ("$$", "Pense!", "## Exercícios", "## Resumo"):
        assert trecho in markdown, f"{nb.name}: falta {trecho!r}"
    codigo = [c for c in celulas if c["cell_type"] == "code"]
    assert any("assert " in _fonte(c) for c in codigo if "solucao" not in _tags(c)), \
        f"{nb.name}: a conclusão do capítulo deve ser verificada com assert"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_cada_exercicio_tem_solucao_recolhida(nb):
    celulas = _celulas(nb)
    exercicios = [i for i, c in enumerate(celulas) if "exercicio" in _tags(c)]
    assert exercicios, f"{nb.name}: sem exercícios"
    for i in exercicios:
        solucao = celulas[i + 1]
        assert "solucao" in _tags(solucao), f"{nb.name}: o exercício da célula {i + 1} não tem solução logo abaixo"
        assert "hide-cell" in _tags(solucao), "a solução deve vir recolhida no livro"
        assert solucao["metadata"].get("jupyter", {}).get("source_hidden"), "e recolhida no Jupyter"
    assert sum("solucao" in _tags(c) for c in celulas) == len(exercicios)


def test_verificador_de_notebooks_do_projeto():
    if not VERIFICADOR.is_file():
        pytest.skip(f"verificador compartilhado ausente: {VERIFICADOR}")
    r = subprocess.run([sys.executable, str(VERIFICADOR), str(RAIZ / "notebooks"), str(RAIZ / "book" / "comparativo.ipynb")],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip().endswith(" 0 problems"), r.stdout


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_capitulo_registra_seu_resultado_para_o_comparativo(nb):
    from moonlib.livro import resultados
    registros = resultados.ler(nb)
    assert len(registros) == 1, f"{nb.name}: registre o resultado principal uma vez (moonlib.resultados.registrar)"
    assert registros[0]["capitulo"] == int(nb.name[:2])
    celula = next(c for c in _celulas(nb) if any(resultados.MIME in s.get("data", {}) for s in c.get("outputs", [])))
    assert "remove-output" in _tags(celula), "a saída JSON do registro fica fora do HTML (tag remove-output)"
    # Os números registrados são os da máquina que gerou as saídas; o que o capítulo afirma sobre
    # eles é conferido com moonlib.Conclusoes, que o nbval compara em todo caminho de CPU.
    assert "nbval-ignore-output" in _tags(celula), "o registro fica fora da comparação do nbval"
