"""Classificação com mais de duas classes: regiões de decisão e a regra ideal (capítulo 6).

Uma rede com C saídas (logitos) decide pela classe de maior logito. Aqui
ficam o gráfico dessas regiões, para qualquer número de classes, e a regra
ideal (de Bayes) do problema ``luas_em_cadeia``, que diz qual é o menor erro
possível quando as luas se sobrepõem.
"""
import math

import numpy as np

from .graficos import CINZA, GRADE_DO_TUTORIAL, PALETA, como_numpy, eixo, rede_na_grade
from .validacao import inteiro, real

MARCADORES_CLASSE = ("o", "^", "s", "D", "v", "P", "X")
"""Um marcador por classe, na ordem das cores de ``PALETA`` (legível também em tons de cinza)."""


def _grade_dos_pontos(X, n=200, margem=2.0):
    """Uma grade que cobre os pontos ``X`` com ``margem`` de folga em cada lado."""
    X = como_numpy(X)
    (x1min, x2min), (x1max, x2max) = X.min(0) - margem, X.max(0) + margem
    return (float(x1min), float(x1max)), (float(x2min), float(x2max)), n


def classes_na_grade(modelo, grade=GRADE_DO_TUTORIAL):
    """Classe escolhida por ``modelo`` (o maior logito) numa grade regular (capítulo 6).

    Devolve ``(xx1, xx2, classe)``, cada um n×n; ``classe`` tem inteiros 0..C−1.
    O modelo é avaliado em modo ``eval()`` e sem gradientes, e volta ao modo em que estava.
    """
    xx1, xx2, y = rede_na_grade(modelo, grade)
    if y.ndim != 2 or y.shape[1] < 2:
        raise ValueError(f"o modelo deve ter uma saída (logito) por classe, ao menos 2; a saída tem forma {tuple(y.shape)}"
                         " (para uma saída só, use plotar_fronteira)")
    return xx1, xx2, y.argmax(1).cpu().numpy().reshape(xx1.shape)


def plotar_regioes(modelo, X=None, classes=None, ax=None, grade=None, titulo="Regiões de decisão"):
    """Regiões de decisão de um modelo com uma saída por classe, com os pontos por cima (capítulo 6).

    É o ``plotar_fronteira`` do caso multiclasse: cada ponto da grade recebe a
    cor da classe de maior logito (cores de ``PALETA``, de Okabe e Ito), e as
    fronteiras entre regiões aparecem em cinza.

    Parâmetros
    ----------
    modelo : nn.Module
        Rede com C ≥ 2 saídas (logitos), sem Softmax.
    X : tensor ou array N×2, opcional
        Pontos a desenhar por cima das regiões.
    classes : tensor ou array de N inteiros 0..C−1, opcional
        Classe de cada ponto de ``X`` (obrigatório se ``X`` for dado).
    grade : ((x1min, x1max), (x2min, x2max), n), opcional
        A grade avaliada; sem ela, uma grade de 200×200 que cobre ``X`` (ou a grade do tutorial, sem ``X``).
    """
    if (X is None) != (classes is None):
        raise ValueError("passe X e classes juntos (os pontos e a classe de cada um), ou nenhum dos dois")
    if X is not None:
        Xn, cn = como_numpy(X), como_numpy(classes).reshape(-1)
        if Xn.ndim != 2 or Xn.shape[1] != 2 or Xn.shape[0] != cn.shape[0]:
            raise ValueError(f"X deve ter forma (N, 2) e classes, N valores; recebi {Xn.shape} e {cn.shape}")
        if cn.size and (not np.all(cn == np.round(cn)) or cn.min() < 0):
            raise ValueError("classes deve conter índices inteiros 0, 1, ..., C − 1")
    if grade is None:
        grade = GRADE_DO_TUTORIAL if X is None else _grade_dos_pontos(X)
    xx1, xx2, c = classes_na_grade(modelo, grade)
    # C: o número de saídas do modelo (ou a maior classe presente, se for maior)
    n_classes = max(_saidas(modelo), int(c.max()) + 1, 0 if X is None or not cn.size else int(cn.max()) + 1)
    if n_classes > len(PALETA):
        raise ValueError(f"no máximo {len(PALETA)} classes por gráfico; recebi {n_classes}")
    ax = eixo(ax)
    niveis = np.arange(n_classes + 1) - 0.5
    ax.contourf(xx1, xx2, c, levels=niveis, colors=PALETA[:n_classes], alpha=0.15)
    # uma fronteira por classe (o contorno da sua região): contornar c direto, nos níveis 0,5, 1,5...,
    # desenharia duas linhas onde a classe salta de 0 para 2
    for k in np.unique(c):
        ax.contour(xx1, xx2, (c == k).astype(float), levels=[0.5], colors=CINZA, linewidths=1.0)
    if X is not None:
        for k in range(n_classes):
            sel = cn == k
            ax.scatter(Xn[sel, 0], Xn[sel, 1], s=4, c=PALETA[k], marker=MARCADORES_CLASSE[k], alpha=0.7,
                       linewidths=0, label=f"classe {k}")
        # fora dos eixos: com várias classes, qualquer canto pode estar ocupado por pontos
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small", markerscale=2)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=titulo)
    ax.set_aspect("equal")
    return ax


def _saidas(modelo):
    """Número de saídas do modelo: as linhas do último parâmetro bidimensional (a última camada Linear)."""
    matrizes = [p for p in modelo.parameters() if p.ndim == 2]
    return int(matrizes[-1].shape[0]) if matrizes else 0


def classe_ideal(X, classes=3, r1=10, r2=-4, r3=6):
    """A regra ideal (de Bayes) para ``luas_em_cadeia``: a classe mais provável em cada ponto (capítulo 6).

    Cada lua sorteia o ângulo e o raio uniformemente; a densidade de pontos da
    lua ``c`` é ``1 / (π · r3 · ρ_c)`` dentro da meia-lua (ρ_c é a distância ao
    centro dela) e zero fora. Onde duas luas se sobrepõem, a regra escolhe a de
    maior densidade (a de centro mais próximo); nenhum classificador erra menos,
    em média. Fora de todas as luas, escolhe a lua mais próxima.

    Parâmetros
    ----------
    X : tensor ou array N×2
        Os pontos.
    classes, r1, r2, r3
        Como em ``luas_em_cadeia``.

    Retorna
    -------
    ndarray de N inteiros em 0..classes−1.
    """
    classes = inteiro("classes", classes, minimo=2)
    r1, r2, r3 = real("r1", r1), real("r2", r2), real("r3", r3)
    if r3 <= 0 or r1 - r3 / 2 < 0:
        raise ValueError(f"exige r3 > 0 e r1 - r3/2 ≥ 0; recebi r1={r1}, r3={r3}")
    X = como_numpy(X).astype(float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X deve ter forma (N, 2); recebi {X.shape}")
    rmin, rmax = r1 - r3 / 2, r1 + r3 / 2
    densidade = np.zeros((X.shape[0], classes))
    distancia = np.zeros((X.shape[0], classes))
    for c in range(classes):
        # Lua par: metade de cima do anel centrado em (c·r1, 0); ímpar: metade de baixo, centrada em (c·r1, −r2).
        centro_x2 = 0.0 if c % 2 == 0 else -r2
        dx1, dx2 = X[:, 0] - c * r1, X[:, 1] - centro_x2
        rho = np.hypot(dx1, dx2)
        metade_certa = dx2 >= 0 if c % 2 == 0 else dx2 <= 0
        dentro = metade_certa & (rho >= rmin) & (rho <= rmax)
        densidade[:, c] = np.where(dentro, 1.0 / (math.pi * r3 * np.maximum(rho, 1e-12)), 0.0)
        # distância à meia-lua, para os pontos fora de todas: na metade certa, só a radial;
        # na outra, até o segmento mais próximo das pontas (x1 = c·r1 ± ρ, x2 = centro)
        radial = np.maximum(np.abs(rho - r1) - r3 / 2, 0.0)
        ate_as_pontas = np.hypot(np.maximum(np.abs(np.abs(dx1) - r1) - r3 / 2, 0.0), dx2)
        distancia[:, c] = np.where(metade_certa, radial, ate_as_pontas)
    fora = densidade.max(1) == 0
    return np.where(fora, distancia.argmin(1), densidade.argmax(1))
