import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from moonlib.livro.comandos import main
from moonlib.livro.figuras import preparar


def _capitulo(caminho):
    parametros = new_code_cell("semente = 111\npasso = 0.5")
    parametros.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[
        new_markdown_cell("# 5. Teste"),
        parametros,
        new_code_cell("import matplotlib.pyplot as plt\nimport numpy as np\n"
                      "rng = np.random.default_rng(semente)\n"
                      "plt.plot(rng.random(20) * passo)\nplt.title('linha')\nplt.show()"),
        new_code_cell("fig, ax = plt.subplots()\nax.scatter(*rng.random((2, 30)))\nax.set_title('pontos')"),  # sem plt.show
        new_code_cell("assert passo == 0.5, 'com outro passo a verificação falha'"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, caminho)


def test_preparar_troca_so_os_parametros_que_o_capitulo_define():
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.cells[0].source = "semente = 111\nepocas = 300"
    pronto, ignorados = preparar(nb, "/tmp/x", "cap05", {"semente": 7, "passo": 0.1})
    assert "ativar_captura" in pronto.cells[0].source
    assert pronto.cells[2].source.splitlines()[1:] == ["semente = 7"]
    assert ignorados == ["passo"]


def test_figuras_png_e_svg_deterministicas(tmp_path, capsys):
    _capitulo(tmp_path / "05-teste.ipynb")
    saidas = []
    for vez in range(2):
        pasta = tmp_path / f"figs{vez}"
        assert main(["figuras", str(tmp_path / "05-teste.ipynb"), "--saida", str(pasta), "--dpi", "50"]) == 0
        saidas.append(sorted(p.name for p in pasta.iterdir()))
        assert saidas[-1] == ["cap05-fig01.png", "cap05-fig01.svg", "cap05-fig02.png", "cap05-fig02.svg"]
    for nome in saidas[0]:
        assert (tmp_path / "figs0" / nome).read_bytes() == (tmp_path / "figs1" / nome).read_bytes(), nome
    assert "2 figuras" in capsys.readouterr().out

    # Outro passo: a verificação do capítulo falha, mas as figuras saem e a falha é relatada
    assert main(["figuras", str(tmp_path / "05-teste.ipynb"), "--saida", str(tmp_path / "outra"), "--passo", "2",
                 "--epocas", "10", "--dpi", "50"]) == 0
    saida = capsys.readouterr().out
    assert "AssertionError" in saida and "epocas" in saida
    assert (tmp_path / "outra" / "cap05-fig01.png").read_bytes() != (tmp_path / "figs0" / "cap05-fig01.png").read_bytes()
