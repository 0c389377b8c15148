"""O que os comandos do livro fazem com notebooks: achar, ler, executar e gravar sem nunca deixar um arquivo pela metade.

- ``listar`` acha os notebooks pedidos (ou os do livro) e recusa, com uma mensagem em
  português, um caminho que não existe;
- ``ler`` abre um notebook e traduz um JSON quebrado num ``ErroDeNotebook``;
- ``executar`` roda um notebook num kernel novo, como o ``jupyter execute``, e traduz
  cada jeito de falhar (célula com erro, tempo esgotado, kernel morto) num ``ErroDeNotebook``
  de uma linha;
- ``escrever`` grava um arquivo de uma vez: o texto vai para um arquivo temporário na mesma
  pasta, que só então toma o lugar do original (``os.replace``, atômico). Um disco cheio, um
  erro ou um Ctrl-C no meio deixam o original como estava.
"""
import os
import re
import tempfile
from pathlib import Path

from ..validacao import ParametroInvalido

PASTA_PADRAO = Path("notebooks")
PAGINAS = Path("book")
"""Páginas do livro que também são notebooks (o comparativo, o apêndice): vêm depois dos capítulos."""

_CORES_DO_TERMINAL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ErroDeNotebook(ParametroInvalido):
    """Um notebook que não pôde ser lido, executado ou gravado; a mensagem tem uma linha, em português."""


def sem_cores(texto):
    """O texto sem os códigos de cor do terminal que os erros do IPython trazem."""
    return _CORES_DO_TERMINAL.sub("", str(texto))


def listar(caminhos=(), com_paginas=True):
    """Os notebooks a processar: os de ``caminhos`` (arquivos ou pastas) ou, sem eles, os capítulos e as páginas.

    Nas páginas (``book/*.ipynb``), o comparativo vem por último: ele lê os resultados dos outros.
    """
    if not caminhos:
        caminhos = [PASTA_PADRAO]
        if com_paginas and PAGINAS.is_dir():
            # o comparativo e o plano de curso leem os capítulos: vêm por último
            paginas = sorted(PAGINAS.glob("*.ipynb"), key=lambda p: (p.stem in ("comparativo", "plano-de-curso"), p.name))
            caminhos += paginas
    arquivos = []
    for c in map(Path, caminhos):
        if c.is_dir():
            arquivos += sorted(c.glob("*.ipynb"))
        elif c.suffix == ".ipynb" and c.is_file():
            arquivos.append(c)
        elif c.exists():
            raise ParametroInvalido(f"{c} não é um notebook (.ipynb) nem uma pasta com notebooks")
        else:
            raise ParametroInvalido(f"não encontrei o notebook ou a pasta {c}")
    if not arquivos:
        raise ParametroInvalido(f"nenhum notebook (.ipynb) em {', '.join(map(str, caminhos))}")
    return arquivos


def ler(caminho):
    """O notebook em ``caminho`` (``nbformat``, versão 4)."""
    import nbformat

    try:
        return nbformat.read(caminho, as_version=4)
    except OSError as erro:
        raise ErroDeNotebook(f"não consegui ler {caminho}: {erro.strerror or erro}") from None
    except Exception as erro:  # JSON quebrado ou fora do formato: nbformat levanta vários tipos
        primeira = sem_cores(erro).strip().splitlines()[0] if str(erro).strip() else type(erro).__name__
        raise ErroDeNotebook(f"{caminho} não é um notebook válido (JSON quebrado?): {primeira}") from None


def executar(nb, pasta, tempo_limite=600, *, permitir_erros=False, widgets=False):
    """Roda ``nb`` de cima a baixo num kernel novo, com ``pasta`` como diretório de trabalho.

    ``tempo_limite`` é o máximo de segundos por célula. Com ``permitir_erros``, uma célula
    que falha não interrompe a execução (o erro fica na saída dela); sem, levanta
    ``ErroDeNotebook`` com a última linha do erro. ``widgets`` guarda o estado dos widgets
    (para o livro em HTML).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    cliente = NotebookClient(nb, timeout=tempo_limite, kernel_name="python3", allow_errors=permitir_erros,
                             store_widget_state=widgets, resources={"metadata": {"path": str(Path(pasta).resolve())}})
    try:
        cliente.execute()
    except CellTimeoutError:
        raise ErroDeNotebook(f"uma célula passou de {tempo_limite:g} s (--tempo-limite) e foi interrompida") from None
    except DeadKernelError:
        raise ErroDeNotebook("o kernel morreu no meio da execução (memória esgotada ou o processo foi encerrado)") from None
    except CellExecutionError as erro:
        linhas = [l for l in sem_cores(erro).splitlines() if l.strip()]
        raise ErroDeNotebook(linhas[-1].strip() if linhas else "uma célula falhou") from None
    except RuntimeError as erro:  # o kernel não iniciou, ou caiu de um jeito que o nbclient não classifica
        raise ErroDeNotebook(f"o kernel falhou: {sem_cores(erro).strip().splitlines()[-1] if str(erro).strip() else erro!r}") from None
    return nb


def escrever(caminho, conteudo):
    """Grava ``conteudo`` (texto UTF-8 ou bytes) em ``caminho`` de uma vez, sem nunca deixá-lo pela metade.

    Escreve num arquivo temporário na mesma pasta e só então o põe no lugar do original. Se
    algo falhar no meio (disco cheio, Ctrl-C), o temporário é apagado e o original fica intacto.
    """
    caminho = Path(caminho)
    dados = conteudo.encode("utf-8") if isinstance(conteudo, str) else conteudo
    descritor, temporario = tempfile.mkstemp(prefix=f".{caminho.name}.", suffix=".tmp", dir=caminho.parent)
    try:
        with os.fdopen(descritor, "wb") as arquivo:
            arquivo.write(dados)
            arquivo.flush()
            os.fsync(arquivo.fileno())
        if caminho.exists():
            os.chmod(temporario, caminho.stat().st_mode & 0o7777)
        os.replace(temporario, caminho)
    except BaseException:
        Path(temporario).unlink(missing_ok=True)
        raise


def gravar(nb, caminho):
    """Grava o notebook ``nb`` em ``caminho`` com ``escrever`` (de uma vez, nunca pela metade)."""
    import nbformat

    texto = nbformat.writes(nb)
    escrever(caminho, texto if texto.endswith("\n") else texto + "\n")  # como nbformat.write
