"""Regenera as saídas dos notebooks, de cima a baixo, num kernel novo.

Para professores: mudou um parâmetro? ``python -m moonlib regenerar`` roda
cada notebook com o nbclient (o mesmo executor do ``jupyter execute``), guarda
o estado dos widgets e só então grava o arquivo. Se alguma célula falhar, o
notebook fica intocado e o erro é relatado.

Com ``--estado book/estado.md``, o comando também escreve a página “Estado do
livro”: o resultado e o tempo de cada capítulo na última regeneração e as
versões do ambiente. Os dados ficam ao lado, em ``book/estado.json``; um
capítulo que não rodou desta vez mantém a linha da vez anterior.
"""
import json
import os
import platform
import time
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from tqdm.auto import tqdm

PASTA_PADRAO = Path("notebooks")
COMPARATIVO = Path("book") / "comparativo.ipynb"
"""A página que lê os resultados guardados nos capítulos: regenerada por último."""


def listar_notebooks(caminhos=(), com_comparativo=True):
    """Notebooks a processar: os dados, ou todos de ``notebooks/`` em ordem e, por último, o comparativo."""
    if not caminhos:
        caminhos = [PASTA_PADRAO] + ([COMPARATIVO] if com_comparativo and COMPARATIVO.is_file() else [])
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


# Pacotes cujas versões a página de estado mostra, na ordem em que aparecem.
PACOTES = ("torch", "numpy", "matplotlib", "jupyter-book", "sphinx", "myst-nb", "nbval")


def versoes():
    """``{nome: versão}`` do Python e dos pacotes de ``PACOTES`` neste ambiente ("ausente" se não instalado)."""
    resultado = {"Python": platform.python_version()}
    for pacote in PACOTES:
        try:
            resultado[pacote] = version(pacote)
        except PackageNotFoundError:
            resultado[pacote] = "ausente"
    return resultado


def _titulo(caminho):
    """O título do capítulo: o primeiro cabeçalho ``# ...`` do notebook (ou o nome do arquivo)."""
    try:
        nb = nbformat.read(caminho, as_version=4)
    except (OSError, ValueError):
        return Path(caminho).stem
    for celula in nb.cells:
        if celula.cell_type == "markdown":
            for linha in celula.source.splitlines():
                if linha.startswith("# "):
                    return linha[2:].strip()
    return Path(caminho).stem


def _celula(texto):
    """Texto seguro numa célula de tabela Markdown, entre crases (não é conferido pela ortografia)."""
    texto = " ".join(str(texto).split()).replace("|", "\\|").replace("`", "'")
    return f"`{texto[:150]}`" if texto else ""


def _data(iso):
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")


def pagina_de_estado(dados):
    """O Markdown da página “Estado do livro” a partir dos ``dados`` de ``estado.json``."""
    linhas = [
        "# Estado do livro",
        "",
        "Esta página é escrita pelo comando que regenera as saídas dos notebooks",
        "(`make notebooks`, ou `python -m moonlib regenerar --estado book/estado.md`; não a edite à mão).",
        "Para cada capítulo, ela mostra se o notebook rodou de cima a baixo, num *kernel* novo, sem erro",
        "(`ok`) ou não (`falhou`, e então o arquivo ficou como estava), quanto tempo levou e quando isso",
        "aconteceu. Um capítulo que não foi regenerado da última vez mantém a linha da vez anterior.",
        "",
        "| Capítulo | Arquivo | Resultado | Tempo | Regenerado em |",
        "|---|---|---|--:|---|",
    ]
    for r in sorted(dados["notebooks"], key=lambda r: r["notebook"]):
        resultado = "`ok`" if r["ok"] else "`falhou` " + _celula(r.get("erro", ""))
        tempo = f"{r['segundos']:.1f} s".replace(".", ",")
        # Um link para o capítulo, que o livro escreve com o título dele (o texto do título, com
        # termos em inglês, fica só na página do capítulo, que os marca em itálico).
        destino = r.get("caminho", r["notebook"]).removesuffix(".ipynb")
        linhas.append(f"| {{doc}}`{destino}` | `{r['notebook']}` | {resultado} | {tempo} | {_data(r['quando'])} |")
    linhas += [
        "",
        "## Ambiente",
        "",
        f"Versões usadas na regeneração mais recente ({_data(dados['gerado_em'])}); as versões exatas de",
        "todo o ambiente estão em `requirements.txt`.",
        "",
        "| Programa | Versão |",
        "|---|---|",
    ]
    for nome, v in dados["ambiente"].items():
        linhas.append(f"| {'Python' if nome == 'Python' else f'`{nome}`'} | `{v}` |")
    return "\n".join(linhas) + "\n"


def escrever_estado(caminho, resultados, agora=None):
    """Junta ``resultados`` (desta execução) ao ``estado.json`` ao lado de ``caminho`` e reescreve os dois.

    As linhas de notebooks que não rodaram desta vez ficam como estavam, menos as de notebooks
    que não existem mais. Devolve os dados gravados.
    """
    caminho = Path(caminho)
    pasta = caminho.parent.resolve()
    sidecar = caminho.with_suffix(".json")
    anteriores = []
    if sidecar.is_file():
        anteriores = json.loads(sidecar.read_text(encoding="utf-8")).get("notebooks", [])
    quando = (agora or datetime.now()).isoformat(timespec="seconds")
    # cada notebook é identificado pelo caminho relativo à pasta da página (../notebooks/01-....ipynb)
    novos = {}
    for r in resultados:
        relativo = Path(os.path.relpath(Path(r["caminho"]).resolve(), pasta)).as_posix()
        novos[relativo] = dict(r, caminho=relativo, quando=quando)
    linhas = [r for r in anteriores if r["caminho"] not in novos and (pasta / r["caminho"]).is_file()]
    dados = {"gerado_em": quando, "ambiente": versoes(), "notebooks": linhas + list(novos.values())}
    dados["notebooks"].sort(key=lambda r: r["notebook"])
    caminho.parent.mkdir(parents=True, exist_ok=True)
    sidecar.write_text(json.dumps(dados, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    caminho.write_text(pagina_de_estado(dados), encoding="utf-8")
    return dados


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
    if getattr(argumentos, "estado", None):
        estado = [dict(r, caminho=caminho.as_posix(), titulo=_titulo(caminho)) for r, caminho in zip(resultados, arquivos)]
        escrever_estado(argumentos.estado, estado)
        print(f"Estado do livro atualizado em {argumentos.estado}.")
    return 1 if falhas else 0
