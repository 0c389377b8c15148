"""Recursos comuns dos testes: o livro construído uma vez por sessão (por processo do xdist)."""
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def html(tmp_path_factory):
    """Constrói o livro como o README manda (avisos são erros), numa pasta temporária; devolve ``_build/html``.

    Com ``pytest -n 2 --dist loadscope``, cada processo do xdist que precisar do livro o constrói
    uma vez (alguns segundos).
    """
    saida = tmp_path_factory.mktemp("livro")
    jb = Path(sys.executable).with_name("jupyter-book")
    r = subprocess.run([str(jb), "build", str(RAIZ), "-W", "-n", "--keep-going", "--path-output", str(saida)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return saida / "_build" / "html"


# -- caminho das capturas de tela, mostrado no fim da execução ------------------
# test_navegador.py grava uma captura de cada página numa pasta temporária; com o
# xdist, quem sabe a pasta é o processo que rodou o teste, e quem escreve o resumo
# é o processo principal: a pasta viaja em workeroutput.
CHAVE_CAPTURAS = "meias_luas_capturas"


def anunciar_capturas(config, pasta):
    """Registra ``pasta`` para o resumo do fim da execução."""
    if hasattr(config, "workeroutput"):
        config.workeroutput[CHAVE_CAPTURAS] = str(pasta)
    else:
        config.stash.setdefault(_PASTAS, []).append(str(pasta))


_PASTAS = pytest.StashKey[list]()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # hook do xdist, no processo principal
    pasta = getattr(node, "workeroutput", {}).get(CHAVE_CAPTURAS)
    if pasta:
        node.config.stash.setdefault(_PASTAS, []).append(pasta)


def pytest_terminal_summary(terminalreporter, config):
    for pasta in config.stash.get(_PASTAS, []):
        terminalreporter.write_line(f"Capturas de tela das páginas do livro: {pasta}")
