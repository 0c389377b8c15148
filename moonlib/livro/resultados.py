"""Resultados principais de cada capítulo e o comparativo entre capítulos.

Cada capítulo termina com ``registrar(...)``, que mostra uma linha de resumo e
guarda os números como uma saída JSON do próprio notebook. O nbval refaz o
capítulo e confere essa saída, e a página "Comparativo" lê as saídas
guardadas de todos os capítulos: como nada é copiado à mão, o comparativo não
fica desatualizado sem que um teste acuse. O tempo de cada capítulo fica na
página "Estado do livro", que o comando ``regenerar`` mede de ponta a ponta.
"""
import json
import math
from pathlib import Path

import numpy as np


MIME = "application/vnd.meias-luas.resultado+json"
"""Tipo da saída que guarda o resultado de um capítulo."""

CAMPOS = ("capitulo", "titulo", "configuracao", "custo_treino", "custo_validacao", "taxa_teste", "epocas_ate_alvo",
          "alvo", "curva", "curva_de")


def _tres_digitos(x):
    """Arredonda para 3 algarismos significativos: estável entre máquinas (diferenças de ~1e-6)."""
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        return None
    return float(f"{x:.3g}")


def _curva(curva, pontos=60):
    if curva is None:
        return None
    curva = np.asarray(curva, dtype=float)
    if curva.ndim != 1 or curva.size == 0:
        raise ValueError("curva deve ser uma sequência de números, um por época")
    indices = np.unique(np.linspace(0, curva.size - 1, min(pontos, curva.size)).round().astype(int))
    return [[int(i) + 1, _tres_digitos(curva[i])] for i in indices]


def registrar(capitulo, titulo, configuracao, *, custo_treino, custo_validacao=None, taxa_teste, epocas_ate_alvo=None,
              alvo=None, curva=None, curva_de="validação"):
    """Mostra e guarda no notebook o resultado principal do capítulo (comparativo).

    Parâmetros
    ----------
    capitulo : int
        Número do capítulo.
    titulo : str
        Título curto do capítulo.
    configuracao : str
        A configuração que o capítulo recomenda, em poucas palavras.
    custo_treino, custo_validacao : float
        Custos finais de treino e validação (média entre sementes, se houver várias);
        ``custo_validacao`` pode faltar (``None``) num capítulo sem validação.
    taxa_teste : float
        Taxa de erro no teste, em %.
    epocas_ate_alvo : float, opcional
        Épocas até atingir ``alvo`` (descrição do alvo, por exemplo ``"custo de validação ≤ 1e-3"``).
    curva : sequência, opcional
        Custo por época (reduzido a até 60 pontos) para o gráfico comparativo;
        ``curva_de`` diz de qual conjunto: ``"validação"`` (padrão) ou ``"treino"``.
    """
    if isinstance(capitulo, bool) or not isinstance(capitulo, int) or capitulo < 1:
        raise ValueError(f"capitulo deve ser um inteiro ≥ 1; recebi {capitulo!r}")
    for nome, valor in (("titulo", titulo), ("configuracao", configuracao)):
        if not isinstance(valor, str) or not valor.strip():
            raise ValueError(f"{nome} deve ser um texto não vazio")
    resultado = {
        "capitulo": capitulo, "titulo": titulo, "configuracao": configuracao,
        "custo_treino": _tres_digitos(custo_treino), "custo_validacao": _tres_digitos(custo_validacao),
        "taxa_teste": _tres_digitos(taxa_teste), "epocas_ate_alvo": _tres_digitos(epocas_ate_alvo),
        "alvo": alvo, "curva": _curva(curva), "curva_de": curva_de,
    }
    resumo = f"Resultado do capítulo {capitulo} ({configuracao}): custo de treino {resultado['custo_treino']:.3g}"
    if resultado["custo_validacao"] is not None:
        resumo += f", de validação {resultado['custo_validacao']:.3g}"
    resumo += f", erro no teste {resultado['taxa_teste']:.2g} %"
    from IPython.display import display
    display({MIME: resultado, "text/plain": resumo}, raw=True)
    # Não devolve nada: numa célula, um valor devolvido seria impresso de novo, como repr do dicionário.


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
    """Tabela em Markdown com uma linha por capítulo."""
    def fmt(x, formato):
        return "—" if x is None else format(x, formato)
    linhas = ["| capítulo | configuração | custo de treino | custo de validação | erro no teste (%) | épocas até o alvo |",
              "|---|---|---|---|---|---|"]
    for r in resultados:
        alvo = "—" if r["epocas_ate_alvo"] is None else f"{r['epocas_ate_alvo']:.0f} ({r['alvo']})"
        linhas.append(f"| {r['capitulo']}. {r['titulo']} | {r['configuracao']} | {fmt(r['custo_treino'], '.3g')} | "
                      f"{fmt(r['custo_validacao'], '.3g')} | {fmt(r['taxa_teste'], '.2g')} | {alvo} |")
    return "\n".join(linhas)
