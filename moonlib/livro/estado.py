"""A página “Estado do livro”: o resultado e o tempo de cada notebook na última regeneração.

``python -m moonlib regenerar --estado book/estado.md`` escreve a página e, ao lado, os
dados em ``book/estado.json``; um capítulo que não rodou desta vez mantém a linha da vez
anterior. Os dois arquivos são gravados de uma vez (``cadernos.escrever``): nunca ficam pela metade.
"""
import json
import os
import platform
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .cadernos import ErroDeNotebook, escrever, ler


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


def titulo(caminho):
    """O título do capítulo: o primeiro cabeçalho ``# ...`` do notebook (ou o nome do arquivo)."""
    try:
        nb = ler(caminho)
    except ErroDeNotebook:
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
        try:
            anteriores = json.loads(sidecar.read_text(encoding="utf-8"))["notebooks"]
            anteriores = [r for r in anteriores if {"notebook", "caminho", "ok", "segundos", "quando"} <= set(r)]
        except (ValueError, KeyError, TypeError):
            # Ilegível: guardamos o arquivo como estava, ao lado, e recomeçamos só com esta execução.
            guardado = sidecar.with_name(sidecar.name + ".ilegivel")
            os.replace(sidecar, guardado)
            print(f"Atenção: {sidecar} estava ilegível; guardei-o como {guardado.name} e recomecei a página "
                  "só com os notebooks desta execução.")
            anteriores = []
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
    escrever(sidecar, json.dumps(dados, ensure_ascii=False, indent=1) + "\n")
    escrever(caminho, pagina_de_estado(dados))
    return dados


