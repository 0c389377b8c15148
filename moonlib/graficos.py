"""Gráficos: dados, curvas de custo e fronteira de decisão (capítulo 1).

Cores da paleta de Okabe e Ito, distinguíveis por daltônicos; as classes
também diferem pelo marcador, para quem lê o livro impresso em tons de cinza.
"""
import matplotlib.pyplot as plt
import numpy as np
import torch

AZUL = "#0072B2"
VERMELHAO = "#D55E00"
CINZA = "#555555"
CORES = {1: AZUL, -1: VERMELHAO}
MARCADORES = {1: "o", -1: "^"}
NOMES = {1: "região A (d = +1)", -1: "região B (d = −1)"}

GRADE_SEMENTE = ((-15.0, 25.0), (-10.0, 15.0), 100)
"""A grade do tutorial: x1 de −15 a 25, x2 de −10 a 15, 100 pontos em cada eixo."""


def _eixo(ax):
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    return ax


def _pontos(ax, x, d, tamanho=6, alfa=0.7, nomes=NOMES):
    for rotulo in (1, -1):
        sel = d == rotulo
        ax.scatter(x[sel, 0], x[sel, 1], s=tamanho, c=CORES[rotulo], marker=MARCADORES[rotulo],
                   alpha=alfa, linewidths=0, label=nomes[rotulo])


def _como_numpy(X, d):
    X = X.detach().cpu().numpy() if isinstance(X, torch.Tensor) else np.asarray(X)
    d = d.detach().cpu().numpy() if isinstance(d, torch.Tensor) else np.asarray(d)
    return X, d.reshape(-1)


def plotar_dados(dados, ax=None, titulo="Meias-luas"):
    """Mostra os pontos de ``dados`` (N×3: x1, x2, d), uma cor e um marcador por classe (capítulo 1)."""
    ax = _eixo(ax)
    dados = np.asarray(dados)
    _pontos(ax, dados[:, :2], dados[:, 2])
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=titulo)
    ax.set_aspect("equal")
    ax.grid(True, color="0.85")
    ax.legend(loc="upper right", fontsize="small", markerscale=2)
    return ax


def plotar_custos(historico, ax=None, titulo="Curva de aprendizado", por_lote=False):
    """Curvas de custo em escala logarítmica: treino e, se houver, validação (capítulo 1).

    Com ``por_lote=True`` mostra o custo de cada mini-lote, como o tutorial;
    senão, a média por época.
    """
    ax = _eixo(ax)
    if por_lote:
        ax.plot(historico.custos_lote, color=AZUL, lw=0.8, label="treino (por mini-lote)")
        ax.set_xlabel("mini-lote")
    else:
        epocas = np.arange(len(historico.custos_treino))
        ax.plot(epocas, historico.custos_treino, color=AZUL, label="treino")
        if historico.custos_validacao:
            ax.plot(epocas, historico.custos_validacao, color=VERMELHAO, ls="--", label="validação")
        ax.set_xlabel("época")
    ax.set_yscale("log")
    ax.set(ylabel="custo (escala log)", title=titulo)
    ax.grid(True, which="major", color="0.85")
    ax.legend()
    return ax


def rede_na_grade(modelo, grade=GRADE_SEMENTE):
    """Todas as saídas de ``modelo`` numa grade regular: ``(xx1, xx2, y)``, com ``y`` tensor (n·n)×saídas (capítulo 1).

    O modelo é avaliado em modo ``eval()`` e sem gradientes, e volta ao modo em que estava.
    """
    (x1min, x1max), (x2min, x2max), n = grade
    xx1, xx2 = np.meshgrid(np.linspace(x1min, x1max, n), np.linspace(x2min, x2max, n))
    pontos = torch.tensor(np.column_stack((xx1.ravel(), xx2.ravel())), dtype=torch.float32,
                          device=next(modelo.parameters()).device)
    estava_treinando = modelo.training
    modelo.eval()
    try:
        with torch.no_grad():
            y = modelo(pontos)
    finally:
        modelo.train(estava_treinando)
    return xx1, xx2, y


def saidas_na_grade(modelo, grade=GRADE_SEMENTE):
    """Saídas de ``modelo`` numa grade regular: devolve ``(xx1, xx2, y)``, cada um n×n (capítulo 1)."""
    xx1, xx2, y = rede_na_grade(modelo, grade)
    return xx1, xx2, y[:, 0].cpu().numpy().reshape(xx1.shape)


def plotar_fronteira(modelo, X=None, d=None, ax=None, grade=GRADE_SEMENTE, limiar=0.0,
                     titulo="Fronteira de decisão"):
    """Regiões de decisão de ``modelo`` na grade do tutorial, com os pontos ``(X, d)`` por cima (capítulo 1).

    A rede decide pela classe A onde a saída passa de ``limiar`` (0 para saída
    Tanh e rótulos ±1; use 0.5 para saída sigmoide).
    """
    ax = _eixo(ax)
    xx1, xx2, y = saidas_na_grade(modelo, grade)
    ax.contourf(xx1, xx2, (y > limiar).astype(float), levels=[-0.5, 0.5, 1.5], colors=[VERMELHAO, AZUL], alpha=0.15)
    ax.contour(xx1, xx2, y, levels=[limiar], colors=CINZA, linewidths=1.2)
    if X is not None:
        Xn, dn = _como_numpy(X, d)
        # Legenda sem o valor de d: os rótulos podem ser ±1 ou 0/1 (capítulos 3 e 6)
        _pontos(ax, Xn, np.where(dn > limiar, 1, -1), tamanho=4, nomes={1: "região A", -1: "região B"})
        ax.legend(loc="upper right", fontsize="small", markerscale=2)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=titulo)
    ax.set_aspect("equal")
    return ax


PALETA = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Paleta de Okabe e Ito (sem o amarelo, ilegível em fundo branco), para comparar várias configurações."""

CAMPOS = {
    "custos_treino": "custo de treino",
    "custos_validacao": "custo de validação",
    "taxas_validacao": "taxa de erro de validação (%)",
}


def plotar_faixas(historicos, campo="custos_validacao", ax=None, log=None, titulo=None, individuais=True, cores=None):
    """Média ± um desvio-padrão entre sementes, com cada treino em traço fino (capítulo 2).

    Parâmetros
    ----------
    historicos : HistoricoVarios ou dict {rótulo: HistoricoVarios}
        Um histórico de K treinos, ou vários para comparar (uma cor cada).
    campo : str
        ``"custos_treino"``, ``"custos_validacao"`` ou ``"taxas_validacao"``.
    log : bool, opcional
        Escala logarítmica (padrão: sim para custos, não para taxas). Em escala
        log, média e desvio são calculados sobre log10 dos valores (média
        geométrica), para a faixa não atravessar o zero.
    individuais : bool
        Desenha também cada treino, em traço fino e transparente.
    cores : dict {rótulo: cor}, opcional
        Cor de cada configuração, para que a mesma configuração tenha a mesma cor em
        figuras diferentes (padrão: a ``PALETA``, na ordem do dicionário).
    """
    if campo not in CAMPOS:
        raise ValueError(f"campo deve ser um de {sorted(CAMPOS)}; recebi {campo!r}")
    if not isinstance(historicos, dict):
        historicos = {None: historicos}
    if len(historicos) > len(PALETA):
        raise ValueError(f"no máximo {len(PALETA)} configurações por gráfico")
    log = campo != "taxas_validacao" if log is None else log
    ax = _eixo(ax)
    for i, (rotulo, h) in enumerate(historicos.items()):
        cor = (cores or {}).get(rotulo, PALETA[i])
        valores = np.asarray(getattr(h, campo), dtype=float)  # épocas × K
        epocas = np.arange(valores.shape[0])
        base = np.log10(np.maximum(valores, 1e-30)) if log else valores
        media, desvio = np.nanmean(base, axis=1), np.nanstd(base, axis=1)
        baixo, alto = media - desvio, media + desvio
        if log:
            media, baixo, alto = 10 ** media, 10 ** baixo, 10 ** alto
        if individuais:
            ax.plot(epocas, valores, color=cor, lw=0.5, alpha=0.25)
        texto = f"{rotulo} (K = {valores.shape[1]})" if rotulo is not None else f"média de K = {valores.shape[1]} sementes"
        ax.plot(epocas, media, color=cor, lw=2, label=texto)
        ax.fill_between(epocas, baixo, alto, color=cor, alpha=0.2, linewidth=0)
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="época", ylabel=CAMPOS[campo] + (" (escala log)" if log else ""),
           title=titulo or CAMPOS[campo].capitalize() + ": média ± desvio entre sementes")
    ax.grid(True, color="0.85")
    ax.legend(fontsize="small")
    return ax
