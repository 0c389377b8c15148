"""O livro impresso (``python -m moonlib pdf``): as duas edições, conferidas página a página.

Constrói os PDFs uma vez (alguns minutos) e confere o que um professor veria ao imprimi-los: os
títulos dos capítulos e a bibliografia, nenhuma referência "??", nenhum texto fora das margens
(um código longo que não quebrou a linha, uma tabela larga demais), o número de páginas numa faixa
razoável, e nenhuma linha de solução na edição do aluno (e todas na do professor).

Sem o Chromium ou o poppler (pdftotext), o teste é pulado com o motivo; no CI (``CI=true``), falha.
"""
import json
import os
import re
import shutil
import subprocess
import time

import pytest

from apoio import NOTEBOOKS, RAIZ, tags
from moonlib.livro import pdf

# Margens da página (em pontos; 1 mm = 2,835 pt) com uma folga de 6 pt para o desenho das letras
MARGEM_LADO, MARGEM_TOPO = 17 * 2.835 - 6, 20 * 2.835 - 6


def _motivo():
    falta = pdf.faltando()
    if not falta and not shutil.which("pdftotext"):
        falta = "o poppler (apt-get install poppler-utils), para ler o texto dos PDFs"
    return falta and f"sem {falta}: o PDF não foi testado"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    motivo = _motivo()
    if motivo:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no CI o PDF é obrigatório; {motivo}")
        pytest.skip(motivo)
    saida = tmp_path_factory.mktemp("pdf")
    inicio = time.perf_counter()
    gerados = pdf.gerar(saida, raiz=RAIZ)
    print(f"PDFs gerados em {time.perf_counter() - inicio:.0f} s: {len(gerados)} arquivos em {saida}")
    return saida


def _texto(arquivo):
    return subprocess.run(["pdftotext", "-layout", str(arquivo), "-"], capture_output=True, text=True, check=True).stdout


def _paginas(arquivo):
    info = subprocess.run(["pdfinfo", str(arquivo)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _titulo(nb):
    return json.loads(nb.read_text(encoding="utf-8"))["cells"][0]["source"][0].lstrip("# ").strip()


@pytest.mark.parametrize("edicao", pdf.EDICOES)
def test_livro_inteiro_com_capitulos_bibliografia_e_sem_referencias_quebradas(pdfs, edicao):
    livro = pdfs / edicao / "meias-luas.pdf"
    texto = _texto(livro)
    plano = " ".join(texto.split())
    for nb in NOTEBOOKS:
        sem_numero = re.sub(r"^\d+\. ", "", _titulo(nb))
        assert sem_numero in plano, f"{edicao}: falta o capítulo {sem_numero!r}"
    # as entradas da bibliografia, como o estilo autor_ano_pt as escreve: [Haykin, 2009] Simon Haykin. Neural…
    assert "Referências" in plano and "[Haykin, 2009] Simon Haykin" in plano and "[Kingma e Ba, 2015]" in plano \
        and "[Robbins e Monro, 1951]" in plano, "a bibliografia não está no PDF"
    assert "??" not in texto, "há referências não resolvidas (??)"
    assert 120 <= _paginas(livro) <= 400, f"{_paginas(livro)} páginas"
    capitulos = sorted((pdfs / edicao / "capitulos").glob("*.pdf"))
    assert [c.stem for c in capitulos] == [nb.stem for nb in NOTEBOOKS]
    for capitulo in capitulos:
        assert 5 <= _paginas(capitulo) <= 60, f"{capitulo.name}: {_paginas(capitulo)} páginas"


@pytest.mark.parametrize("edicao", pdf.EDICOES)
def test_nenhum_texto_fora_das_margens(pdfs, edicao, tmp_path):
    for arquivo in [pdfs / edicao / "meias-luas.pdf", *sorted((pdfs / edicao / "capitulos").glob("*.pdf"))]:
        caixas = tmp_path / f"{arquivo.stem}.html"
        subprocess.run(["pdftotext", "-bbox", str(arquivo), str(caixas)], check=True)
        fora = []
        for n, pagina in enumerate(re.findall(r"<page (.*?)</page>", caixas.read_text(encoding="utf-8"), re.S), 1):
            largura, altura = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', pagina).groups())
            for x0, y0, x1, y1, palavra in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pagina):
                x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
                numero_da_pagina = palavra.isdigit() and y0 > altura - MARGEM_TOPO
                if not numero_da_pagina and (x0 < MARGEM_LADO or x1 > largura - MARGEM_LADO or y0 < MARGEM_TOPO
                                             or y1 > altura - MARGEM_TOPO):
                    fora.append(f"página {n}: {palavra!r} em ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f})")
        assert not fora, f"{arquivo.name}: texto fora das margens:\n" + "\n".join(fora[:10])


def _linhas_so_das_solucoes():
    """Linhas de código que só aparecem nas soluções (nem no resto do capítulo, nem nas saídas)."""
    linhas = {}
    for nb in NOTEBOOKS:
        celulas = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        resto = "\n".join("".join(c["source"]) for c in celulas if "solucao" not in tags(c))
        resto_plano = " ".join(resto.split())
        for c in celulas:
            if "solucao" in tags(c):
                for linha in "".join(c["source"]).splitlines():
                    linha = linha.strip()
                    # o teste compara o começo da linha (25 caracteres): ele também não pode estar no resto
                    if (len(linha) > 25 and linha not in resto and not linha.startswith("#")
                            and " ".join(linha.split())[:25] not in resto_plano):
                        linhas.setdefault(nb.stem, []).append(linha)
    return linhas


def test_edicao_do_aluno_sem_solucoes_e_do_professor_com_elas(pdfs):
    solucoes = _linhas_so_das_solucoes()
    assert solucoes, "cada capítulo tem soluções com código próprio"
    for capitulo, linhas in solucoes.items():
        # no PDF do próprio capítulo: uma linha só de solução num capítulo pode ser código do texto de outro
        aluno = " ".join(_texto(pdfs / "aluno" / "capitulos" / f"{capitulo}.pdf").split())
        professor = " ".join(_texto(pdfs / "professor" / "capitulos" / f"{capitulo}.pdf").split())
        for linha in linhas:
            # o PDF quebra linhas longas: compara os primeiros 25 caracteres, sem espaços repetidos
            trecho = " ".join(linha.split())[:25]
            assert trecho not in aluno, f"{capitulo}: solução na edição do aluno: {linha!r}"
        assert any(" ".join(l.split())[:25] in professor for l in linhas), f"{capitulo}: soluções ausentes do professor"
    assert "Edição do aluno" in " ".join(_texto(pdfs / "aluno" / "meias-luas.pdf").split())
    assert "Edição do professor" in " ".join(_texto(pdfs / "professor" / "meias-luas.pdf").split())
