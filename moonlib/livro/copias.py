"""Cópias para a turma: notebooks do aluno (sem soluções) e do professor.

Convenção dos capítulos: cada exercício tem uma célula de código com a tag
``exercicio`` (o esqueleto, com ``...`` no lugar do que o aluno escreve),
seguida de uma célula com a tag ``solucao``. A cópia do aluno tira as
soluções e apaga todas as saídas; a do professor é o capítulo completo.
"""
import copy
import io
import re
import tokenize
from pathlib import Path

import nbformat


def _tags(celula):
    return set(celula.get("metadata", {}).get("tags", []))


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
    problemas = []
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
    """Escreve ``saida/aluno/*.ipynb`` e ``saida/professor/*.ipynb``; devolve os caminhos escritos."""
    saida = Path(saida)
    escritos = []
    for caminho in map(Path, notebooks):
        nb = nbformat.read(caminho, as_version=4)
        problemas = problemas_dos_exercicios(nb)
        if problemas:
            raise ValueError(f"{caminho.name}: " + "; ".join(problemas))
        for pasta, versao in (("aluno", copia_do_aluno(nb)), ("professor", nb)):
            destino = saida / pasta / caminho.name
            destino.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(versao, destino)
            escritos.append(destino)
    return escritos


def main(argumentos):
    from .regenerar import listar_notebooks
    escritos = escrever_copias(listar_notebooks(argumentos.notebooks, com_comparativo=False), argumentos.saida)
    print(f"{len(escritos) // 2} capítulos: cópias do aluno em {Path(argumentos.saida) / 'aluno'}, "
          f"do professor em {Path(argumentos.saida) / 'professor'}")
    return 0
