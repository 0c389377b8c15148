"""A forma de cada capítulo: o que todo notebook do livro promete ao leitor."""
import ast
import json
import re

import pytest

from apoio import NOTEBOOKS, PAGINAS_NOTEBOOK, tags as _tags


def _celulas(nb):
    return json.loads(nb.read_text(encoding="utf-8"))["cells"]


def _fonte(c):
    return "".join(c["source"])


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_estrutura_do_capitulo(nb):
    celulas = _celulas(nb)
    abertura = _fonte(celulas[0])
    assert abertura.startswith("# ") and "**Objetivos.**" in abertura
    markdown = "\n".join(_fonte(c) for c in celulas if c["cell_type"] == "markdown")
    for trecho in ("$$", "Pense!", "## Exercícios", "## Resumo"):
        assert trecho in markdown, f"{nb.name}: falta {trecho!r}"
    codigo = [c for c in celulas if c["cell_type"] == "code"]
    assert any("conclusoes.conferir(" in _fonte(c) for c in codigo if "solucao" not in _tags(c)), \
        f"{nb.name}: as conclusões do capítulo devem ser conferidas em código (conclusoes.conferir)"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_cada_exercicio_tem_solucao_recolhida(nb):
    celulas = _celulas(nb)
    exercicios = [i for i, c in enumerate(celulas) if "exercicio" in _tags(c)]
    assert exercicios, f"{nb.name}: sem exercícios"
    for i in exercicios:
        solucao = celulas[i + 1]
        assert "solucao" in _tags(solucao), f"{nb.name}: o exercício da célula {i + 1} não tem solução logo abaixo"
        assert "hide-cell" in _tags(solucao), "a solução deve vir recolhida no livro"
        assert solucao["metadata"].get("jupyter", {}).get("source_hidden"), "e recolhida no Jupyter"
    assert sum("solucao" in _tags(c) for c in celulas) == len(exercicios)


# O que um leitor e o nbval esperam das saídas guardadas (o mesmo que a ferramenta de verificação
# de notebooks da equipe confere, aqui dentro do repositório, para rodar em qualquer clone).
VAZAMENTOS = re.compile(r"/root/|/home/\w|/tmp/|/var/folders/|site-packages|dist-packages|[A-Z]:\\Users")
TAMANHO_MAXIMO = 3 * 1024 * 1024


def _texto_da_saida(saida):
    if saida.get("output_type") == "stream":
        texto = saida.get("text", "")
    elif saida.get("output_type") == "error":
        texto = saida.get("traceback", [])
    else:
        texto = saida.get("data", {}).get("text/plain", "")
    return "".join(texto) if isinstance(texto, list) else str(texto)


@pytest.mark.parametrize("nb", NOTEBOOKS + PAGINAS_NOTEBOOK, ids=lambda p: p.name)
def test_saidas_guardadas_de_uma_execucao_limpa(nb):
    assert nb.stat().st_size < TAMANHO_MAXIMO, f"{nb.name}: {nb.stat().st_size // 1024} KiB"
    dados = json.loads(nb.read_text(encoding="utf-8"))
    assert dados["metadata"]["kernelspec"]["name"] == "python3"
    celulas = dados["cells"]
    assert celulas[0]["cell_type"] == "markdown" and _fonte(celulas[0]).lstrip().startswith("# ")
    codigo = [c for c in celulas if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in codigo] == list(range(1, len(codigo) + 1)), \
        "rode o notebook inteiro, de cima a baixo, num kernel novo (python -m moonlib regenerar)"
    for i, c in enumerate(codigo, 1):
        for saida in c.get("outputs", []):
            texto = _texto_da_saida(saida)
            assert saida.get("output_type") != "error" or "raises-exception" in _tags(c), f"célula {i}: erro guardado"
            if saida.get("name") == "stderr":
                assert not re.search(r"Traceback|Warning|Error", texto), f"célula {i}: stderr: {texto[:200]}"
            assert not VAZAMENTOS.search(texto), f"célula {i}: a saída mostra um caminho da máquina"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_capitulo_registra_seu_resultado_para_o_comparativo(nb):
    from moonlib.livro import resultados
    registros = resultados.ler(nb)
    assert len(registros) == 1, f"{nb.name}: registre o resultado principal uma vez (moonlib.resultados.registrar)"
    assert registros[0]["capitulo"] == int(nb.name[:2])
    celula = next(c for c in _celulas(nb) if any(resultados.MIME in s.get("data", {}) for s in c.get("outputs", [])))
    assert "remove-output" in _tags(celula), "a saída JSON do registro fica fora do HTML (tag remove-output)"
    # Os números registrados são os da máquina que gerou as saídas; o que o capítulo afirma sobre
    # eles é conferido com moonlib.Conclusoes, que o nbval compara em todo caminho de CPU.
    assert "nbval-ignore-output" in _tags(celula), "o registro fica fora da comparação do nbval"


TEMPO_DA_SECAO = re.compile(r"^\*Tempo estimado: (\d+) min(, fora da aula)?\*$")
TEMPO_DO_CAPITULO = re.compile(r"\*\*Tempo estimado:\*\* (\d+) min")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_cada_secao_diz_o_seu_tempo_e_o_capitulo_cabe_numa_aula(nb):
    """Logo abaixo de cada título ``## ``, o tempo da seção; a soma é o total da abertura, no máximo 90 min."""
    celulas = _celulas(nb)
    total = TEMPO_DO_CAPITULO.search(_fonte(celulas[0]))
    assert total, f"{nb.name}: a abertura deve dizer **Tempo estimado:** N min"
    soma = 0
    for c in celulas:
        if c["cell_type"] != "markdown":
            continue
        linhas = _fonte(c).splitlines()
        for k, linha in enumerate(linhas):
            if linha.startswith("## "):
                seguinte = linhas[k + 1].strip() if k + 1 < len(linhas) else ""
                tempo = TEMPO_DA_SECAO.match(seguinte)
                assert tempo, f"{nb.name}: a seção {linha!r} não diz o seu tempo na linha seguinte"
                soma += 0 if tempo.group(2) else int(tempo.group(1))
    assert soma == int(total.group(1)) <= 90, f"{nb.name}: seções somam {soma} min; a abertura diz {total.group(1)}"


def _literais(fonte):
    """Os nomes atribuídos a números, textos ou booleanos numa célula: ``{"semente": 111, ...}``."""
    valores = {}
    for no in ast.parse(fonte).body:
        if isinstance(no, ast.Assign) and len(no.targets) == 1 and isinstance(no.targets[0], ast.Name):
            try:
                valores[no.targets[0].id] = ast.literal_eval(no.value)
            except ValueError:
                pass
    return valores


@pytest.mark.parametrize("nb", NOTEBOOKS + PAGINAS_NOTEBOOK, ids=lambda p: p.name)
def test_conclusoes_conhecem_os_parametros_do_livro(nb):
    """``Conclusoes(livro=dict(...))`` repete exatamente a célula de parâmetros, e ela tem a ``semente``."""
    celulas = _celulas(nb)
    parametros = [c for c in celulas if "parameters" in _tags(c)]
    if nb.name in ("comparativo.ipynb", "plano-de-curso.ipynb"):
        return  # páginas que só leem o que os capítulos registraram ou escreveram
    assert len(parametros) == 1, f"{nb.name}: uma célula com a tag parameters"
    valores = _literais(_fonte(parametros[0]))
    assert "semente" in valores, f"{nb.name}: a célula de parâmetros deve ter a semente"
    chamadas = [no for c in celulas if c["cell_type"] == "code" for no in ast.walk(ast.parse(_fonte(c)))
                if isinstance(no, ast.Call) and getattr(no.func, "id", getattr(no.func, "attr", "")) == "Conclusoes"]
    assert len(chamadas) == 1, f"{nb.name}: crie Conclusoes uma vez, logo depois dos parâmetros"
    livro = next(k.value for k in chamadas[0].keywords if k.arg == "livro")
    if isinstance(livro, ast.Call):  # livro=dict(semente=111, ...)
        do_livro = {k.arg: ast.literal_eval(k.value) for k in livro.keywords}
    else:  # livro={"semente": 111, ...}
        do_livro = ast.literal_eval(livro)
    assert do_livro == valores, f"{nb.name}: o livro= de Conclusoes difere da célula de parâmetros"
    usados = {k.arg: k.value.id for k in chamadas[0].keywords if k.arg != "livro"}
    assert usados == {nome: nome for nome in valores}, f"{nb.name}: passe cada parâmetro: nome=nome"
