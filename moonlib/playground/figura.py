"""A figura do Playground: o mapa da fronteira e as curvas de custo e de taxa de erro (capítulo 10)."""
import numpy as np

from ..graficos import AZUL, CORES, GRADE_DO_TUTORIAL, MARCADORES, VERMELHAO, desenhar_mapa, virgula_nos_eixos


def desenhar(sessao, fig=None, grade=GRADE_DO_TUTORIAL):
    """Mapa da fronteira com os pontos, curvas de custo e de taxa de erro de ``sessao``, numa ``Figure``.

    Sem ``fig``, cria uma ``matplotlib.figure.Figure`` fora do pyplot (nada aparece
    sozinho no notebook); com ``fig = plt.figure(figsize=(9.5, 4))``, desenha nela.
    A legenda só mostra o que está desenhado, e os eixos vazios (antes de treinar)
    não mostram valores que não existem. Devolve a figura.
    """
    if fig is None:
        from matplotlib.figure import Figure
        fig = Figure(figsize=(9.5, 4.0), layout="constrained")
    h, c = sessao.historico, sessao.config
    divisao = fig.add_gridspec(2, 2, width_ratios=(1.55, 1))
    mapa = fig.add_subplot(divisao[:, 0])
    custo = fig.add_subplot(divisao[0, 1])
    taxa = fig.add_subplot(divisao[1, 1], sharex=custo)
    titulo = "Antes de treinar" if not h.epocas else f"Fronteira após {h.epocas} épocas"
    desenhar_mapa(mapa, sessao.grade(grade), c.regra, titulo=titulo + (" (divergiu)" if sessao.divergiu else ""),
                  pontos=(sessao.dados_treino[:, :2], sessao.dados_treino[:, 2]))
    # Os pontos de treino vêm de desenhar_mapa com a legenda "região A/B"; aqui viram "treino A/B"
    for colecao in mapa.collections:
        rotulo = colecao.get_label()
        if rotulo.startswith("região "):
            colecao.set_label("treino " + rotulo.split()[1])
    for rotulo in (1, -1):  # os de validação, vazados
        sel = sessao.dados_validacao[:, 2] == rotulo
        if sel.any():
            mapa.scatter(sessao.dados_validacao[sel, 0], sessao.dados_validacao[sel, 1], s=16,
                         marker=MARCADORES[rotulo], facecolors="white", edgecolors=CORES[rotulo], linewidths=0.9,
                         label=f"validação {'A' if rotulo == 1 else 'B'}")
    mapa.legend(loc="lower left", fontsize=7, ncol=2, markerscale=1.5, framealpha=0.85)
    epocas = np.arange(1, h.epocas + 1)
    xmax = max(c.epocas, h.epocas, 1)
    custo.plot(epocas, h.custos_treino, color=AZUL, label="treino")
    if h.custos_validacao:
        custo.plot(epocas, h.custos_validacao, color=VERMELHAO, ls="--", label="validação")
    if h.epocas and np.isfinite(h.custos_treino).all() and min(h.custos_treino) > 0:
        custo.set_yscale("log")
    elif not h.epocas:
        custo.set_ylim(0, 1)  # vazio: sem os valores negativos que o Matplotlib poria num eixo sem dados
    custo.set(ylabel="custo", title="Custo (escala log)" if custo.get_yscale() == "log" else "Custo")
    taxa.plot(epocas, sessao.taxas_treino, color=AZUL, label="treino")
    if h.taxas_validacao:
        taxa.plot(epocas, h.taxas_validacao, color=VERMELHAO, ls="--", label="validação")
    taxa.set(xlabel="época", ylabel="erro (%)", title="Taxa de erro", xlim=(0, xmax))
    taxa.set_ylim(0, None if h.epocas else 100)
    for ax in (custo, taxa):
        virgula_nos_eixos(ax)
        ax.grid(True, color="0.85")
        if h.epocas:
            ax.legend(fontsize=7, loc="upper right")
    custo.tick_params(labelbottom=False)
    return fig
