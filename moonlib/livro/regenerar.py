"""Regenera as saídas dos notebooks, de cima a baixo, num kernel novo.

Para professores: mudou um parâmetro? ``python -m moonlib regenerar`` roda cada
notebook com o nbclient (o mesmo executor do ``jupyter execute``), guarda o estado
dos widgets e só então grava o arquivo, de uma vez. Um notebook que falha de
qualquer jeito (uma célula com erro, tempo esgotado, o kernel que morre, um JSON
quebrado, um arquivo somente leitura) fica intocado, byte a byte; a falha é
relatada numa linha e o lote continua. O relatório (``--relatorio``) e a página
de estado (``--estado``, ver ``estado.py``) são sempre escritos.
"""
import json
import os
import time
from pathlib import Path

from tqdm.auto import tqdm

from . import cadernos
from .estado import escrever_estado, titulo


def regenerar_um(caminho, tempo_limite=600):
    """Executa ``caminho`` num kernel novo; grava só se tudo rodou. Devolve ``(ok, segundos, erro)``."""
    caminho = Path(caminho)
    inicio = time.perf_counter()
    try:
        # Sem permissão de escrita (os.access), ou marcado somente leitura (chmod a-w; vale até para o root):
        # quem marcou o arquivo assim não quer que ele mude.
        if not os.access(caminho, os.W_OK) or not caminho.stat().st_mode & 0o222:
            raise cadernos.ErroDeNotebook("o arquivo é somente leitura: não posso gravar as saídas nele")
        nb = cadernos.ler(caminho)
        cadernos.executar(nb, caminho.parent, tempo_limite, widgets=True)
        segundos = time.perf_counter() - inicio
        cadernos.gravar(nb, caminho)
    except cadernos.ErroDeNotebook as erro:
        return False, time.perf_counter() - inicio, str(erro)
    except OSError as erro:  # a gravação falhou (disco cheio, sem permissão na pasta): o original ficou intacto
        return False, time.perf_counter() - inicio, f"não consegui gravar: {erro.strerror or erro}"
    return True, segundos, ""


def main(argumentos):
    """Regenera os notebooks e imprime, para cada um, o tempo e se passou."""
    arquivos = cadernos.listar(argumentos.notebooks)
    for destino in filter(None, (argumentos.relatorio, getattr(argumentos, "estado", None))):
        pasta = Path(destino).resolve().parent
        if pasta.exists() and not pasta.is_dir():
            raise cadernos.ParametroInvalido(f"não posso escrever {destino}: {pasta} não é uma pasta")
    resultados = []
    try:
        for caminho in tqdm(arquivos, desc="notebooks"):
            ok, segundos, erro = regenerar_um(caminho, argumentos.tempo_limite)
            resultados.append({"notebook": caminho.name, "ok": ok, "segundos": round(segundos, 1), "erro": erro})
            situacao = "ok   " if ok else "FALHOU (arquivo não alterado)"
            tqdm.write(f"{situacao} {segundos:6.1f} s  {caminho}" + (f"\n      {erro}" if erro else ""))
    except KeyboardInterrupt:
        feitos = len(resultados)
        print(f"Interrompido no notebook {arquivos[feitos]}, que ficou como estava; "
              f"{feitos} de {len(arquivos)} já tinham sido processados. Relatório e página de estado não foram escritos.")
        return 130
    falhas = sum(not r["ok"] for r in resultados)
    print(f"{len(resultados) - falhas} de {len(resultados)} notebooks regenerados; {falhas} falharam.")
    if argumentos.relatorio:
        cadernos.escrever(argumentos.relatorio, json.dumps(resultados, ensure_ascii=False, indent=1) + "\n")
    if getattr(argumentos, "estado", None):
        estado = [dict(r, caminho=caminho.as_posix(), titulo=titulo(caminho)) for r, caminho in zip(resultados, arquivos)]
        escrever_estado(argumentos.estado, estado)
        print(f"Estado do livro atualizado em {argumentos.estado}.")
    return 1 if falhas else 0
