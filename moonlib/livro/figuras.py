"""Todas as figuras do livro como arquivos PNG e SVG, para slides e apostilas.

``python -m moonlib figuras`` executa cada capítulo num kernel novo, com o
Matplotlib desviado para arquivos: cada figura mostrada vira
``capNN-figMM.png`` (300 dpi) e ``capNN-figMM.svg``. Os arquivos não guardam
data nem versão, e os identificadores do SVG usam um sal fixo: duas execuções
dão arquivos idênticos, byte a byte.

Parâmetros principais (semente, épocas, passo) podem ser trocados na linha de
comando. Como no papermill, cada capítulo define os seus numa célula com a
tag ``parameters``; o comando insere logo depois dela uma célula que
redefine os nomes pedidos. Com outros parâmetros, as verificações (``assert``)
de um capítulo podem falhar: as figuras são salvas mesmo assim e a falha é
relatada.
"""
import ast
import os
import tempfile
import time
from pathlib import Path

from tqdm.auto import tqdm

from ..conclusoes import MIME as MIME_CONCLUSAO
from . import cadernos

PARAMETROS = ("semente", "epocas", "passo")
"""Nomes que o comando sabe trocar (cada capítulo usa os que fazem sentido para ele)."""

_CAPTURA = """
# Célula inserida por `python -m moonlib figuras`: salva cada figura em arquivo.
import matplotlib
matplotlib.use("Agg")
from moonlib.livro.figuras import ativar_captura
ativar_captura({pasta!r}, {prefixo!r}, {dpi})
"""


def ativar_captura(pasta, prefixo, dpi=300):
    """Troca ``plt.show`` por uma função que salva as figuras abertas (chamada dentro do kernel)."""
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "meias-luas"  # identificadores do SVG iguais a cada execução
    pasta = Path(pasta)
    pasta.mkdir(parents=True, exist_ok=True)
    contador = {"n": 0}

    def salvar_abertas(*_):
        for numero in plt.get_fignums():
            figura = plt.figure(numero)
            contador["n"] += 1
            base = pasta / f"{prefixo}-fig{contador['n']:02d}"
            figura.savefig(base.with_suffix(".png"), dpi=dpi, metadata={"Software": None})
            figura.savefig(base.with_suffix(".svg"), metadata={"Date": None, "Creator": None})
            plt.close(figura)

    plt.show = salvar_abertas
    try:  # figuras que uma célula deixou abertas sem plt.show() também são salvas
        get_ipython().events.register("post_run_cell", salvar_abertas)  # noqa: F821
    except NameError:
        pass


def _nomes_definidos(fonte):
    nomes = set()
    for no in ast.walk(ast.parse(fonte)):
        if isinstance(no, ast.Assign):
            nomes |= {alvo.id for alvo in no.targets if isinstance(alvo, ast.Name)}
    return nomes


def preparar(nb, pasta, prefixo, sobrepor, dpi=300):
    """Devolve uma cópia de ``nb`` pronta para exportar: captura no início e parâmetros trocados.

    Também devolve os nomes de ``sobrepor`` que o capítulo não define (e que, portanto, não valem para ele).
    """
    import nbformat
    from nbformat.v4 import new_code_cell

    nb = nbformat.from_dict(nb)
    celulas = list(nb.cells)
    ignorados = set(sobrepor)
    indice = next((i for i, c in enumerate(celulas) if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if indice is not None and sobrepor:
        definidos = _nomes_definidos(celulas[indice].source)
        validos = {k: v for k, v in sobrepor.items() if k in definidos}
        ignorados -= set(validos)
        if validos:
            linhas = ["# Parâmetros trocados por `python -m moonlib figuras`"]
            linhas += [f"{k} = {v!r}" for k, v in validos.items()]
            celulas.insert(indice + 1, new_code_cell("\n".join(linhas)))
    celulas.insert(0, new_code_cell(_CAPTURA.format(pasta=str(pasta), prefixo=prefixo, dpi=dpi).strip()))
    nb.cells = celulas
    return nb, sorted(ignorados)


def exportar(caminho, pasta, sobrepor=None, dpi=300, tempo_limite=600):
    """Executa um capítulo salvando as figuras em ``pasta``; devolve um dicionário com o relatório."""
    caminho = Path(caminho)
    prefixo = f"cap{caminho.name[:2]}" if caminho.name[:2].isdigit() else caminho.stem
    nb, ignorados = preparar(cadernos.ler(caminho), Path(pasta).resolve(), prefixo, sobrepor or {}, dpi)
    inicio = time.perf_counter()
    erro_do_kernel = ""
    try:
        cadernos.executar(nb, caminho.parent, tempo_limite, permitir_erros=True)
    except cadernos.ErroDeNotebook as erro:  # tempo esgotado ou kernel morto: as figuras salvas até ali ficam
        erro_do_kernel = str(erro)
    saidas = [s for c in nb.cells if c.cell_type == "code" for s in c.get("outputs", [])]
    erros = [s for s in saidas if s.get("output_type") == "error"]
    # As conclusões do livro que não valeram com os parâmetros trocados (moonlib.conclusoes)
    nao_valeram = [s["data"][MIME_CONCLUSAO] for s in saidas if MIME_CONCLUSAO in s.get("data", {})]
    figuras = sorted(Path(pasta).glob(f"{prefixo}-fig*.png"))
    erro = erro_do_kernel or (cadernos.sem_cores(f"{erros[0]['ename']}: {erros[0]['evalue']}") if erros else "")
    return {"notebook": caminho.name, "figuras": len(figuras), "segundos": time.perf_counter() - inicio,
            "erro": erro, "ignorados": ignorados, "nao_valeram": nao_valeram}


def main(argumentos):
    """Exporta as figuras: confere tudo antes, desenha numa pasta temporária e só no fim troca as figuras antigas."""
    sobrepor = {nome: getattr(argumentos, nome) for nome in PARAMETROS if getattr(argumentos, nome) is not None}
    capitulos = cadernos.listar(argumentos.notebooks)
    for caminho in capitulos:  # um JSON quebrado é recusado antes de qualquer figura ser apagada
        cadernos.ler(caminho)
    pasta = Path(argumentos.saida)
    if pasta.exists() and not pasta.is_dir():
        raise cadernos.ParametroInvalido(f"--saida {pasta} é um arquivo, não uma pasta")
    pasta.mkdir(parents=True, exist_ok=True)
    if not os.access(pasta, os.W_OK):
        raise cadernos.ParametroInvalido(f"não posso escrever na pasta {pasta} (sem permissão)")
    relatorios = []
    with tempfile.TemporaryDirectory(prefix=".figuras-", dir=pasta) as temporaria:
        try:
            for caminho in tqdm(capitulos, desc="capítulos"):
                r = exportar(caminho, temporaria, sobrepor, argumentos.dpi)
                relatorios.append(r)
                aviso = f"  (atenção: {r['erro']})" if r["erro"] else ""
                if r["ignorados"]:
                    aviso += f"  (parâmetros que o capítulo não usa: {', '.join(r['ignorados'])})"
                tqdm.write(f"{r['notebook']}: {r['figuras']} figuras em {r['segundos']:.0f} s{aviso}")
                for conclusao in r["nao_valeram"]:
                    obtido = f" (deu: {conclusao['obtido']})" if conclusao.get("obtido") else ""
                    tqdm.write(f"    conclusão do livro que não valeu: {conclusao['afirmacao']}{obtido}")
        except KeyboardInterrupt:
            print(f"Interrompido: as figuras em {pasta} ficaram como estavam.")
            return 130
        novas = sorted(Path(temporaria).glob("*-fig*.*"))
        if not novas:
            print(f"Nenhuma figura foi salva; as figuras em {pasta} ficaram como estavam.")
            return 1
        # Só agora, com as novas prontas: sai o que era da execução anterior, entram as novas.
        for antigo in pasta.glob("*-fig*.*"):
            antigo.unlink()
        for nova in novas:
            os.replace(nova, pasta / nova.name)
    total = sum(r["figuras"] for r in relatorios)
    print(f"{total} figuras (PNG e SVG) em {pasta}")
    nao_valeram = sum(len(r["nao_valeram"]) for r in relatorios)
    if nao_valeram:
        print(f"{nao_valeram} conclusões do livro não valeram com esses parâmetros (listadas acima, por capítulo).")
    return 0
