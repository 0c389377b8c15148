import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from moonlib.livro.comandos import main


def _notebook(caminho, *fontes):
    nb = new_notebook(cells=[new_code_cell(f) for f in fontes])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, caminho)
    return caminho.read_bytes()


def test_regenerar_grava_saidas_e_preserva_notebook_que_falha(tmp_path, capsys):
    bom = tmp_path / "a-bom.ipynb"
    ruim = tmp_path / "b-ruim.ipynb"
    _notebook(bom, "x = 6 * 7", "print(x)")
    antes = _notebook(ruim, "print('começou')", "1 / 0")
    relatorio = tmp_path / "relatorio.json"

    assert main(["regenerar", str(tmp_path), "--relatorio", str(relatorio)]) == 1

    nb = nbformat.read(bom, as_version=4)
    assert [c.execution_count for c in nb.cells] == [1, 2]
    assert nb.cells[1].outputs[0].text == "42\n"
    assert ruim.read_bytes() == antes  # intocado
    saida = capsys.readouterr().out
    assert "1 de 2 notebooks regenerados; 1 falharam" in saida
    assert "ZeroDivisionError" in saida and "FALHOU" in saida
    assert '"ok": false' in relatorio.read_text(encoding="utf-8")
