"""Regenera as saídas dos notebooks, de cima a baixo, num kernel novo.

Para professores: mudou um parâmetro? ``python -m moonlib regenerar`` roda
cada notebook com o nbclient (o mesmo executor do ``jupyter execute``), guarda
o estado dos widgets e só então grava o arquivo. Se alguma célula falhar, o
notebook fica intocado e o erro é relatado.
"""
import json
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from tqdm.auto import tqdm

PASTA_PADRAO = Path("notebooks")


def listar_notebooks(caminhos=()):
    """Notebooks a regenerar: os dados, ou todos de ``notebooks/``, em ordem."""
    if not caminhos:
        caminhos = [PASTA_PADRAO]
    arquivos = []
    for c in map(Path, caminhos):
        if c.is_dir():
            arquivos += sorted(p for p in c.glob("*.ipynb"))
        elif c.suffix == ".ipynb" and c.is_file():
            arquivos.append(c)
        else:
            raise FileNotFoundError(f"não encontrei o notebook ou pasta {c}")
    return arquivos


def regenerar_um(caminho, tempo_limite=600):
    """Executa ``caminho`` num kernel novo; grava só se tudo rodou. Devolve ``(ok, segundos, erro)``."""
    caminho = Path(caminho)
    nb = nbformat.read(caminho, as_version=4)
    cliente = NotebookClient(nb, timeout=tempo_limite, kernel_name="python3", store_widget_state=True,
                             resources={"metadata": {"path": str(caminho.parent.resolve())}})
    inicio = time.perf_counter()
    try:
        cliente.execute()
    except CellExecutionError as erro:
        linhas = [l for l in str(erro).splitlines() if l.strip()]
        return False, time.perf_counter() - inicio, linhas[-1] if linhas else "erro"
    segundos = time.perf_counter() - inicio
    nbformat.write(nb, caminho)
    return True, segundos, ""


def main(argumentos):
    """Regenera os notebooks e imprime, para cada um, o tempo e se passou."""
    arquivos = listar_notebooks(argumentos.notebooks)
    resultados = []
    for caminho in tqdm(arquivos, desc="notebooks", disable=not arquivos):
        ok, segundos, erro = regenerar_um(caminho, argumentos.tempo_limite)
        resultados.append({"notebook": caminho.name, "ok": ok, "segundos": round(segundos, 1), "erro": erro})
        situacao = "ok   " if ok else "FALHOU (arquivo não alterado)"
        tqdm.write(f"{situacao} {segundos:6.1f} s  {caminho}" + (f"\n      {erro}" if erro else ""))
    falhas = sum(not r["ok"] for r in resultados)
    print(f"{len(resultados) - falhas} de {len(resultados)} notebooks regenerados; {falhas} falharam.")
    if argumentos.relatorio:
        Path(argumentos.relatorio).write_text(json.dumps(resultados, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if falhas else 0
