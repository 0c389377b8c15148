"""O que a página "Plano de curso" lê dos capítulos: título, tempo, objetivos e exercícios.

Os tempos vêm das estimativas que cada capítulo escreve (``**Tempo estimado:** N min`` na
abertura e ``*Tempo estimado: N min*`` abaixo de cada seção), os objetivos da lista depois de
``**Objetivos.**`` e os exercícios dos títulos ``### Exercício N.k — ...``. Assim o plano não
fica desatualizado quando um capítulo muda.
"""
import html
import json
import re
from pathlib import Path

_TOTAL = re.compile(r"\*\*Tempo estimado:\*\* (\d+) min")
_SECAO = re.compile(r"^## (.+)\n\*Tempo estimado: (\d+) min(, fora da aula)?\*", re.M)
_EXERCICIO = re.compile(r"^### (Exercício \d+\.\d+ — .+)$", re.M)


def _markdown(caminho):
    celulas = json.loads(Path(caminho).read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in celulas if c["cell_type"] == "markdown"]


def capitulo(caminho):
    """Os dados de um capítulo para o plano: ``titulo``, ``minutos``, ``fora_da_aula``, ``objetivos``, ``exercicios``."""
    textos = _markdown(caminho)
    abertura = textos[0]
    titulo = abertura.splitlines()[0].lstrip("# ").strip()
    total = _TOTAL.search(abertura)
    objetivos = []
    if "**Objetivos.**" in abertura:
        depois = abertura.split("**Objetivos.**", 1)[1]
        for bloco in re.split(r"\n- ", depois)[1:]:
            objetivos.append(" ".join(bloco.split("\n\n")[0].split()))
    tudo = "\n\n".join(textos)
    fora = sum(int(m.group(2)) for m in _SECAO.finditer(tudo) if m.group(3))
    return {"arquivo": Path(caminho).name, "titulo": titulo, "minutos": int(total.group(1)) if total else None,
            "fora_da_aula": fora, "objetivos": objetivos, "exercicios": _EXERCICIO.findall(tudo)}


def capitulos(pasta="notebooks"):
    """Os dados de todos os capítulos de ``pasta``, em ordem."""
    return [capitulo(c) for c in sorted(Path(pasta).glob("*.ipynb"))]


def _codigo_em_linha(texto):
    """Escapa o texto e transforma `código` em <code>código</code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(texto))


def tabela_html(dados):
    """A tabela do plano: capítulo, tempo em aula (e fora dela), objetivos e exercícios."""
    linhas = ['<table class="table plano">', "<thead><tr><th>Capítulo</th><th style=\"text-align:right\">Tempo em aula"
              "</th><th>Objetivos</th><th>Exercícios para passar</th></tr></thead><tbody>"]
    for c in dados:
        tempo = f"{c['minutos']} min" + (f" (+{c['fora_da_aula']} min fora da aula)" if c["fora_da_aula"] else "")
        objetivos = "".join(f"<li>{_codigo_em_linha(o)}</li>" for o in c["objetivos"])
        exercicios = "".join(f"<li>{_codigo_em_linha(e)}</li>" for e in c["exercicios"])
        linhas.append(f"<tr><td>{html.escape(c['titulo'])}</td><td style=\"text-align:right\">{tempo}</td>"
                      f"<td><ul>{objetivos}</ul></td><td><ul>{exercicios}</ul></td></tr>")
    linhas.append("</tbody></table>")
    return "".join(linhas)
