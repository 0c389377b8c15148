"""Fixtures e ganchos comuns dos testes (os caminhos e as ferramentas ficam em ``tests/apoio``)."""
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from apoio import RAIZ


@pytest.fixture(scope="session")
def html(tmp_path_factory, worker_id):
    """Constrói o livro como o README manda (avisos são erros), numa pasta temporária; devolve ``_build/html``.

    Uma vez por execução do pytest: com o xdist (``-n 2``), o primeiro processo que precisa do livro
    o constrói numa pasta comum, sob uma trava, e os outros usam o mesmo.
    """
    comum = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    saida, relato = comum / "livro", comum / "livro-falhou.txt"
    with FileLock(str(comum / "livro.lock")):
        if not (saida / "_build" / "html" / "index.html").is_file() and not relato.is_file():
            jb = Path(sys.executable).with_name("jupyter-book")
            r = subprocess.run([str(jb), "build", str(RAIZ), "-W", "-n", "--keep-going", "--path-output", str(saida)],
                               capture_output=True, text=True, timeout=900)
            if r.returncode != 0:
                relato.write_text(r.stdout[-3000:] + r.stderr[-3000:], encoding="utf-8")
    assert not relato.is_file(), relato.read_text(encoding="utf-8")
    return saida / "_build" / "html"


# -- caminho das capturas de tela, mostrado no fim da execução ------------------
# test_navegador.py grava uma captura de cada página numa pasta temporária; com o
# xdist, quem sabe a pasta é o processo que rodou o teste, e quem escreve o resumo
# é o processo principal: a pasta viaja em workeroutput.
CHAVE_CAPTURAS = "meias_luas_capturas"


def anunciar_capturas(config, pasta, titulo="Capturas de tela das páginas do livro"):
    """Registra ``pasta`` (com um ``titulo``) para o resumo do fim da execução."""
    linha = f"{titulo}: {pasta}"
    if hasattr(config, "workeroutput"):
        config.workeroutput.setdefault(CHAVE_CAPTURAS, []).append(linha)
    else:
        config.stash.setdefault(_PASTAS, []).append(linha)


_PASTAS = pytest.StashKey[list]()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):  # hook do xdist, no processo principal
    for linha in getattr(node, "workeroutput", {}).get(CHAVE_CAPTURAS, []):
        node.config.stash.setdefault(_PASTAS, []).append(linha)


def pytest_terminal_summary(terminalreporter, config):
    for linha in config.stash.get(_PASTAS, []):
        terminalreporter.write_line(linha)
