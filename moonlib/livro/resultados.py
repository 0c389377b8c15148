"""O resultado principal de cada capítulo e o comparativo entre capítulos.

Cada capítulo termina com ``registrar(...)``: a configuração que ele recomenda,
a taxa de erro no teste de cada semente treinada e, se houver, as épocas que
cada semente levou até um alvo. ``registrar`` resume isso numa só estatística
por linha (a mediana entre as sementes, e quantas chegaram ao alvo), mostra uma
linha de resumo e guarda os números como uma saída JSON do próprio notebook.
A página "Comparativo" lê as saídas **guardadas** de todos os capítulos: nada é
copiado à mão.

Os números guardados são os da máquina que gerou as saídas; em outra CPU, um
treino caótico dá outros (ver "Afirmações que valem em qualquer máquina" no
README). Por isso a célula do registro fica fora da comparação do nbval
(``nbval-ignore-output``); o que o capítulo afirma sobre esses números é
conferido com ``moonlib.Conclusoes``.
"""
import json
import math
from pathlib import Path

import numpy as np

from ..formatos import numero
from ..validacao import ParametroInvalido

MIME = "application/vnd.meias-luas.resultado+json"
"""Tipo da saída que guarda o resultado de um capítulo."""


def _dois_digitos(x):
    """Arredonda para 2 algarismos significativos; ``None`` se não for finito."""
    if x is None:
        return None
    x = float(x)
    return float(f"{x:.2g}") if math.isfinite(x) else None


def _vetor(nome, valores):
    try:
        v = np.atleast_1d(np.asarray(valores, dtype=float))
    except (TypeError, ValueError):
        v = None
    if v is None or v.ndim != 1 or v.size == 0:
        raise ParametroInvalido(f"{nome} deve ser um número ou uma sequência com um número por semente")
    return v


def _curva(curva, pontos=60):
    """A mediana entre sementes de uma curva por época, reduzida a até ``pontos`` pontos."""
    if curva is None:
        return None
    curva = np.asarray(curva, dtype=float)
    if curva.ndim == 2:
        curva = np.nanmedian(curva, axis=1)
    if curva.ndim != 1 or curva.size == 0:
        raise ValueError("curva deve ter um número por época (ou uma coluna por semente)")
    indices = np.unique(np.linspace(0, curva.size - 1, min(pontos, curva.size)).round().astype(int))
    return [[int(i) + 1, _dois_digitos(curva[i])] for i in indices]


def registrar(capitulo, titulo, configuracao, *, taxas_teste, epocas_ate_alvo=None, alvo=None, curva=None,
              curva_de="erro de validação (%)"):
    """Mostra e guarda no notebook o resultado principal do capítulo (comparativo).

    Parâmetros
    ----------
    capitulo : int
        Número do capítulo.
    titulo : str
        Título curto do capítulo.
    configuracao : str
        A configuração que o capítulo recomenda, em poucas palavras.
    taxas_teste : número ou sequência
        Taxa de erro no teste (%) de cada semente treinada com essa configuração.
    epocas_ate_alvo : número ou sequência, opcional
        Para cada semente, a época em que ela chegou ao ``alvo`` (NaN: não chegou).
    alvo : str
        O alvo, por extenso ("erro de validação ≤ 1 %"); obrigatório com ``epocas_ate_alvo``.
    curva : array (épocas,) ou (épocas, K), opcional
        Uma curva por época (a mediana entre as sementes é guardada), para o gráfico do comparativo;
        ``curva_de`` diz o que ela mede.
    """
    if isinstance(capitulo, bool) or not isinstance(capitulo, int) or capitulo < 1:
        raise ParametroInvalido(f"capitulo deve ser um inteiro ≥ 1; recebi {capitulo!r}")
    for nome, valor in (("titulo", titulo), ("configuracao", configuracao)):
        if not isinstance(valor, str) or not valor.strip():
            raise ParametroInvalido(f"{nome} deve ser um texto não vazio")
    taxas = _vetor("taxas_teste", taxas_teste)
    if not (np.isfinite(taxas) & (taxas >= 0) & (taxas <= 100)).all():
        raise ParametroInvalido(f"taxas_teste deve ter taxas de erro em % (de 0 a 100); recebi {taxas.tolist()}. "
                                "Um modelo que divergiu tem taxa 100 % em taxa_de_erro, nunca NaN")
    resultado = {"capitulo": capitulo, "titulo": titulo, "configuracao": configuracao, "sementes": int(taxas.size),
                 "taxa_teste": _dois_digitos(np.median(taxas)), "alvo": None, "chegaram": None,
                 "epocas_ate_alvo": None, "curva": _curva(curva), "curva_de": curva_de}
    resumo = (f"Resultado do capítulo {capitulo} ({configuracao}): erro no teste "
              f"{'de' if taxas.size == 1 else 'mediano de'} {numero(resultado['taxa_teste'], 'g')} %"
              + ("" if taxas.size == 1 else f" em {taxas.size} sementes"))
    if epocas_ate_alvo is not None:
        if not isinstance(alvo, str) or not alvo.strip():
            raise ParametroInvalido("com epocas_ate_alvo, diga qual é o alvo em alvo (por exemplo 'erro de validação ≤ 1 %')")
        ate = _vetor("epocas_ate_alvo", epocas_ate_alvo)
        if ate.size != taxas.size:
            raise ParametroInvalido(f"epocas_ate_alvo tem {ate.size} valores e taxas_teste {taxas.size}: um de cada por semente")
        mediana, chegaram = _mediana_das_epocas(ate)
        resultado.update(alvo=alvo, chegaram=chegaram, epocas_ate_alvo=_dois_digitos(mediana))
        resumo += (f"; {chegaram} de {ate.size} chegaram a {alvo}"
                   + (f" (mediana de {numero(resultado['epocas_ate_alvo'], 'g')} épocas)" if math.isfinite(mediana) else ""))
    from IPython.display import display
    display({MIME: resultado, "text/plain": resumo}, raw=True)
    # Não devolve nada: numa célula, um valor devolvido seria impresso de novo, como repr do dicionário.


def _mediana_das_epocas(ate):
    """Mediana das épocas até o alvo, com quem não chegou (NaN) contado como "nunca"; e quantas chegaram."""
    return float(np.median(np.where(np.isnan(ate), np.inf, ate))), int(np.isfinite(ate).sum())


def ler(caminho):
    """Lê os resultados registrados nas saídas guardadas de um notebook; devolve uma lista de dicionários."""
    nb = json.loads(Path(caminho).read_text(encoding="utf-8"))
    achados = []
    for celula in nb.get("cells", []):
        for saida in celula.get("outputs", []):
            if MIME in saida.get("data", {}):
                r = dict(saida["data"][MIME])
                r["notebook"] = Path(caminho).name
                achados.append(r)
    return achados


def coletar(pasta="notebooks"):
    """Os resultados de todos os notebooks de ``pasta``, em ordem de capítulo."""
    resultados = [r for nb in sorted(Path(pasta).glob("*.ipynb")) for r in ler(nb)]
    return sorted(resultados, key=lambda r: r["capitulo"])


def tabela_markdown(resultados):
    """Tabela em Markdown com uma linha por capítulo: uma estatística (a mediana entre sementes) e um alvo."""
    linhas = ["| capítulo | configuração recomendada | sementes | erro no teste (mediana, %) | alvo | "
              "sementes que chegaram | épocas até o alvo (mediana) |",
              "|---|---|--:|--:|---|--:|--:|"]
    for r in resultados:
        if r.get("alvo"):
            epocas = "nunca (menos da metade chegou)" if r["epocas_ate_alvo"] is None else numero(r["epocas_ate_alvo"], "g")
            alvo, chegaram = r["alvo"], f"{r['chegaram']} de {r['sementes']}"
        else:
            alvo = chegaram = epocas = "—"
        linhas.append(f"| {r['capitulo']}. {r['titulo']} | {r['configuracao']} | {r['sementes']} | "
                      f"{numero(r['taxa_teste'], 'g')} | {alvo} | {chegaram} | {epocas} |")
    return "\n".join(linhas)


def tabela_html(resultados):
    """A mesma tabela de ``tabela_markdown``, em HTML: é como o livro a mostra (o Markdown de uma saída
    de célula não vira tabela no Jupyter Book)."""
    import html as _html

    linhas = tabela_markdown(resultados).splitlines()
    cabecalho = [c.strip() for c in linhas[0].strip("|").split("|")]
    corpo = [[c.strip() for c in l.strip("|").split("|")] for l in linhas[2:]]
    numericas = {2, 3, 5, 6}  # colunas alinhadas à direita
    def celula(tag, texto, j):
        alinhamento = ' style="text-align:right"' if j in numericas else ""
        return f"<{tag}{alinhamento}>{_html.escape(texto)}</{tag}>"
    partes = ['<table class="table comparativo">', "<thead><tr>"]
    partes += [celula("th", c, j) for j, c in enumerate(cabecalho)]
    partes += ["</tr></thead>", "<tbody>"]
    for linha in corpo:
        partes += ["<tr>", *(celula("td", c, j) for j, c in enumerate(linha)), "</tr>"]
    partes += ["</tbody>", "</table>"]
    return "".join(partes)
