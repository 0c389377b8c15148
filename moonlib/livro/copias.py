"""Cópias para a turma: notebooks do aluno (sem soluções) e do professor.

Convenção dos capítulos: cada exercício tem uma célula de código com a tag
``exercicio`` (o esqueleto, com ``...`` no lugar do que o aluno escreve),
seguida de uma célula com a tag ``solucao``. A cópia do aluno tira as
soluções e apaga todas as saídas; a do professor é o capítulo completo.

Uma tag parecida com essas, mas escrita de outro jeito (``solução``, ``Solucao``,
``solucoes``), é um erro: senão a solução iria para a cópia do aluno.
"""
import copy
import io
import os
import re
import tempfile
import tokenize
import unicodedata
from pathlib import Path

from . import cadernos

TAGS_DOS_EXERCICIOS = ("exercicio", "solucao")


def _tags(celula):
    return set(celula.get("metadata", {}).get("tags", []))


def _sem_acentos(texto):
    return unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode().lower()


def tags_suspeitas(nb):
    """Tags que parecem ``exercicio`` ou ``solucao`` mas não são: ``[(número da célula, tag), ...]``."""
    achadas = []
    for i, c in enumerate(nb.cells, 1):
        for tag in _tags(c):
            forma = _sem_acentos(tag).strip()
            if tag not in TAGS_DOS_EXERCICIOS and (forma.startswith("soluc") or forma.startswith("exerc")):
                achadas.append((i, tag))
    return achadas


def _sem_comentario(linha):
    """A linha sem o comentário do fim (``x = ...  # dica`` vira ``x = ...``), respeitando strings."""
    try:
        fichas = list(tokenize.generate_tokens(io.StringIO(linha).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return linha.strip()
    comentario = next((f for f in fichas if f.type == tokenize.COMMENT), None)
    return (linha[:comentario.start[1]] if comentario else linha).strip()


def _linhas_de_codigo(fonte):
    """Linhas com código, sem comentários nem linhas vazias."""
    linhas = (_sem_comentario(l) for l in fonte.splitlines())
    return [l for l in linhas if l]


def _casa(esqueleto, linha):
    """A linha do esqueleto casa com a da solução se forem iguais com ``...`` valendo qualquer trecho."""
    partes = [re.escape(p) for p in esqueleto.split("...")]
    return re.fullmatch(".+?".join(partes), linha) is not None


def problemas_dos_exercicios(nb):
    """Confere os exercícios de um notebook; devolve a lista de problemas (vazia se tudo certo).

    Cada esqueleto (``exercicio``) precisa de uma solução (``solucao``) logo abaixo, e cada
    linha de código do esqueleto precisa reaparecer na solução, na mesma ordem, com ``...``
    preenchido: assim o aluno completa exatamente o que a solução resolve.
    """
    celulas = nb.cells
    problemas = [f"célula {i}: a tag {tag!r} parece {('solucao' if _sem_acentos(tag).startswith('soluc') else 'exercicio')!r} "
                 "mas não é; escreva-a exatamente assim (sem acento)" for i, tag in tags_suspeitas(nb)]
    for i, c in enumerate(celulas):
        if "exercicio" in _tags(c):
            if i + 1 >= len(celulas) or "solucao" not in _tags(celulas[i + 1]):
                problemas.append(f"célula {i + 1}: exercício sem solução logo abaixo")
                continue
            solucao = _linhas_de_codigo(celulas[i + 1].source)
            posicao = 0
            esqueleto = _linhas_de_codigo(c.source)
            if not esqueleto:
                problemas.append(f"célula {i + 1}: esqueleto sem código")
            for linha in esqueleto:
                while posicao < len(solucao) and not _casa(linha, solucao[posicao]):
                    posicao += 1
                if posicao == len(solucao):
                    problemas.append(f"célula {i + 1}: a linha do esqueleto {linha!r} não aparece na solução")
                    break
                posicao += 1
        if "solucao" in _tags(c) and (i == 0 or "exercicio" not in _tags(celulas[i - 1])):
            problemas.append(f"célula {i + 1}: solução sem exercício logo acima")
    return problemas


def copia_do_aluno(nb):
    """O notebook sem as células de solução e sem nenhuma saída."""
    aluno = copy.deepcopy(nb)
    aluno.cells = [c for c in aluno.cells if "solucao" not in _tags(c)]
    for c in aluno.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
            c.metadata.pop("jupyter", None)
    aluno.metadata.pop("widgets", None)
    return aluno


def escrever_copias(notebooks, saida):
    """Escreve ``saida/aluno/*.ipynb`` e ``saida/professor/*.ipynb``; devolve os caminhos escritos.

    Confere todos os capítulos antes de escrever qualquer arquivo; as cópias são montadas numa
    pasta temporária ao lado de ``saida`` e só então tomam o lugar das antigas.
    """
    saida = Path(saida)
    if saida.exists() and not saida.is_dir():
        raise cadernos.ParametroInvalido(f"--saida {saida} é um arquivo, não uma pasta")
    lidos = []
    for caminho in map(Path, notebooks):
        nb = cadernos.ler(caminho)
        problemas = problemas_dos_exercicios(nb)
        if problemas:
            raise cadernos.ParametroInvalido(f"{caminho.name}: " + "; ".join(problemas))
        lidos.append((caminho, nb))
    saida.mkdir(parents=True, exist_ok=True)
    if not os.access(saida, os.W_OK):
        raise cadernos.ParametroInvalido(f"não posso escrever na pasta {saida} (sem permissão)")
    escritos = []
    with tempfile.TemporaryDirectory(prefix=".copias-", dir=saida) as temporaria:
        for caminho, nb in lidos:
            for pasta, versao in (("aluno", copia_do_aluno(nb)), ("professor", nb)):
                destino = Path(temporaria) / pasta / caminho.name
                destino.parent.mkdir(parents=True, exist_ok=True)
                cadernos.gravar(versao, destino)
        for pasta in ("aluno", "professor"):  # todas prontas: agora substituem as antigas, arquivo a arquivo
            (saida / pasta).mkdir(exist_ok=True)
            for novo in sorted((Path(temporaria) / pasta).glob("*.ipynb")):
                os.replace(novo, saida / pasta / novo.name)
                escritos.append(saida / pasta / novo.name)
    return escritos


def main(argumentos):
    escritos = escrever_copias(cadernos.listar(argumentos.notebooks, com_paginas=False), argumentos.saida)
    print(f"{len(escritos) // 2} capítulos: cópias do aluno em {Path(argumentos.saida) / 'aluno'}, "
          f"do professor em {Path(argumentos.saida) / 'professor'}")
    return 0
