"""Gráficos: dados, curvas de custo e fronteira de decisão (capítulo 1).

Cores da paleta de Okabe e Ito, distinguíveis por daltônicos; as classes
também diferem pelo marcador, para quem lê o livro impresso em tons de cinza.
O ``pyplot`` só é importado quando um gráfico é pedido: ``import moonlib``
fica leve.
"""
import numpy as np
import torch

from .metricas import REGRAS, modo_avaliacao

AZUL = "#0072B2"
VERMELHAO = "#D55E00"
CINZA = "#555555"
CORES = {1: AZUL, -1: VERMELHAO}
MARCADORES = {1: "o", -1: "^"}
NOMES = {1: "região A (d = +1)", -1: "região B (d = −1)"}

GRADE_DO_TUTORIAL = ((-15.0, 25.0), (-10.0, 15.0), 100)
"""A grade do tutorial: x1 de −15 a 25, x2 de −10 a 15, 100 pontos em cada eixo."""


def eixo(ax=None, tamanho=(6, 4)):
    """``ax``, ou um eixo novo do ``pyplot`` se ``ax`` for ``None`` (todos os gráficos)."""
    if ax is None:
        import matplotlib.pyplot as plt
        _, ax = plt.subplots(figsize=tamanho)
    return ax


def virgula_nos_eixos(ax):
    """Marcas dos eixos lineares de ``ax`` com vírgula decimal, como o resto do livro (todos os gráficos).

    Os gráficos do ``moonlib`` já a usam; num gráfico feito direto com o Matplotlib, chame
    ``virgula_nos_eixos(ax)`` depois de desenhar. Eixos em escala log ficam como estão (10⁻³...).
    """
    from matplotlib.ticker import ScalarFormatter

    class ComVirgula(ScalarFormatter):
        def __call__(self, x, pos=None):
            return super().__call__(x, pos).replace(".", ",")

    for eixo_ in (ax.xaxis, ax.yaxis):
        if eixo_.get_scale() == "linear":
            eixo_.set_major_formatter(ComVirgula())
    return ax


def desenhar_pontos(ax, x, d, tamanho=6, alfa=0.7, nomes=NOMES):
    """Pontos ``x`` (N×2) com uma cor e um marcador por classe; ``d`` tem rótulos ±1 ou 0/1 (capítulo 1)."""
    d = np.where(np.asarray(d).reshape(-1) > 0, 1, -1)  # 0/1 e ±1: a classe A é a positiva
    for rotulo in (1, -1):
        sel = d == rotulo
        ax.scatter(x[sel, 0], x[sel, 1], s=tamanho, c=CORES[rotulo], marker=MARCADORES[rotulo],
                   alpha=alfa, linewidths=0, label=nomes[rotulo])


def como_numpy(X, d=None):
    """Tensores (em qualquer dispositivo) ou arrays como arrays do NumPy; ``d`` vira um vetor (capítulo 1)."""
    X = X.detach().cpu().numpy() if isinstance(X, torch.Tensor) else np.asarray(X)
    if d is None:
        return X
    d = d.detach().cpu().numpy() if isinstance(d, torch.Tensor) else np.asarray(d)
    return X, d.reshape(-1)


def plotar_dados(dados, ax=None, titulo="Meias-luas"):
    """Mostra os pontos de ``dados`` (N×3: x1, x2, d), uma cor e um marcador por classe (capítulo 1).

    Os rótulos podem ser os do tutorial (±1) ou 0/1 (capítulo 6).
    """
    ax = eixo(ax)
    dados = np.asarray(dados)
    if dados.ndim != 2 or dados.shape[1] != 3:
        raise ValueError(f"dados deve ter forma (N, 3) com colunas x1, x2, d; recebi forma {dados.shape}")
    rotulos = np.unique(dados[:, 2])
    if not (set(rotulos) <= {-1.0, 1.0} or set(rotulos) <= {0.0, 1.0}):
        raise ValueError(f"os rótulos (terceira coluna) devem ser ±1 ou 0/1; recebi {rotulos[:5]}")
    nomes = NOMES if set(rotulos) <= {-1.0, 1.0} else {1: "região A (d = 1)", -1: "região B (d = 0)"}
    desenhar_pontos(ax, dados[:, :2], dados[:, 2], nomes=nomes)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=titulo)
    ax.set_aspect("equal")
    ax.grid(True, color="0.85")
    ax.legend(loc="upper right", fontsize="small", markerscale=2)
    return virgula_nos_eixos(ax)


def plotar_custos(historico, ax=None, titulo="Curva de aprendizado", por_lote=False):
    """Curvas de custo em escala logarítmica: treino e, se houver, validação (capítulo 1).

    Com ``por_lote=True`` mostra o custo de cada mini-lote, como o tutorial;
    senão, a média por época.
    """
    ax = eixo(ax)
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
    return virgula_nos_eixos(ax)


def rede_na_grade(modelo, grade=GRADE_DO_TUTORIAL):
    """Todas as saídas de ``modelo`` numa grade regular: ``(xx1, xx2, y)``, com ``y`` tensor (n·n)×saídas (capítulo 1).

    O modelo é avaliado em modo ``eval()`` e sem gradientes, e volta ao modo em que estava.
    """
    (x1min, x1max), (x2min, x2max), n = grade
    xx1, xx2 = np.meshgrid(np.linspace(x1min, x1max, n), np.linspace(x2min, x2max, n))
    pontos = torch.tensor(np.column_stack((xx1.ravel(), xx2.ravel())), dtype=torch.float32,
                          device=next(modelo.parameters()).device)
    with modo_avaliacao(modelo):
        y = modelo(pontos)
    return xx1, xx2, y


def saidas_na_grade(modelo, grade=GRADE_DO_TUTORIAL):
    """Saídas de ``modelo`` numa grade regular: devolve ``(xx1, xx2, y)``, cada um n×n (capítulo 1)."""
    xx1, xx2, y = rede_na_grade(modelo, grade)
    return xx1, xx2, y[:, 0].cpu().numpy().reshape(xx1.shape)


def plotar_fronteira(modelo, X=None, d=None, ax=None, grade=GRADE_DO_TUTORIAL, limiar=0.0,
                     titulo="Fronteira de decisão"):
    """Regiões de decisão de ``modelo`` na grade do tutorial, com os pontos ``(X, d)`` por cima (capítulo 1).

    A rede decide pela classe A onde a saída passa de ``limiar`` (0 para saída
    Tanh e rótulos ±1; use 0.5 para saída sigmoide).
    """
    ax = eixo(ax)
    xx1, xx2, y = saidas_na_grade(modelo, grade)
    ax.contourf(xx1, xx2, (y > limiar).astype(float), levels=[-0.5, 0.5, 1.5], colors=[VERMELHAO, AZUL], alpha=0.15)
    ax.contour(xx1, xx2, y, levels=[limiar], colors=CINZA, linewidths=1.2)
    if X is not None:
        Xn, dn = como_numpy(X, d)
        # Legenda sem o valor de d: os rótulos podem ser ±1 ou 0/1 (capítulos 3 e 6)
        desenhar_pontos(ax, Xn, dn, tamanho=4, nomes={1: "região A", -1: "região B"})
        ax.legend(loc="upper right", fontsize="small", markerscale=2)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=titulo)
    ax.set_aspect("equal")
    return virgula_nos_eixos(ax)


# -- o mapa de confiança, comum às animações e ao Playground -------------------

def confianca(y, regra="sinal"):
    """Converte as saídas ``y`` da rede numa escala de −1 (classe B, certeza) a +1 (classe A) (capítulos 1 e 10).

    A fronteira de decisão fica no 0 em todas as regras de ``metricas.REGRAS``
    de duas classes: ``"sinal"`` (saída Tanh, rótulos ±1) corta ``y`` em ±1;
    ``"logito"`` (saída sem ativação) usa ``tanh(y/2) = 2·sigmoide(y) − 1``;
    ``"limiar"`` (saída sigmoide, uma probabilidade) usa ``2y − 1``. NaN (um
    treino que divergiu) continua NaN.
    """
    if regra not in REGRAS or regra == "classe":
        raise ValueError(f"regra deve ser 'sinal', 'logito' ou 'limiar'; recebi {regra!r}")
    y = np.asarray(y, dtype=float)
    if regra == "sinal":
        return np.clip(y, -1.0, 1.0)
    if regra == "logito":
        return np.tanh(y / 2)
    return np.clip(2 * y - 1, -1.0, 1.0)


def mapa_de_cores():
    """Vermelhão (classe B) → branco (indecisão) → azul (classe A): a paleta do livro, como mapa contínuo."""
    from matplotlib.colors import LinearSegmentedColormap
    return LinearSegmentedColormap.from_list("meias_luas", [VERMELHAO, "#FFFFFF", AZUL])


def desenhar_mapa(ax, grade, regra="sinal", titulo=None, pontos=None, faixas=8, opacidade=0.45):
    """Desenha no eixo ``ax`` o mapa de uma grade ``(xx1, xx2, y)`` e a fronteira de decisão (capítulos 1 e 10).

    O fundo vai do vermelhão (a rede diz B com certeza) ao azul (A com certeza),
    passando pelo branco onde ela hesita, em ``faixas`` faixas de cor (poucas
    cores deixam o PNG pequeno); a linha cinza é a fronteira de decisão, onde
    a saída passa pelo limiar da ``regra``. ``pontos = (X, d)``, com rótulos ±1
    ou 0/1, desenha os pontos por cima, uma cor e um marcador por classe.
    """
    xx1, xx2, y = grade
    c = confianca(y, regra)
    if np.isfinite(c).any():
        ax.contourf(xx1, xx2, c, levels=np.linspace(-1, 1, faixas + 1), cmap=mapa_de_cores(), vmin=-1, vmax=1,
                    alpha=opacidade)
    if np.isfinite(c).all() and c.min() < 0 < c.max():
        ax.contour(xx1, xx2, c, levels=[0.0], colors=CINZA, linewidths=1.2)
    if pontos is not None:
        X, d = como_numpy(*pontos)
        desenhar_pontos(ax, X, d, tamanho=4, alfa=0.8)
    ax.set(xlim=(xx1.min(), xx1.max()), ylim=(xx2.min(), xx2.max()), xlabel="$x_1$", ylabel="$x_2$")
    ax.set_aspect("equal")
    if titulo is not None:
        ax.set_title(titulo)
    return virgula_nos_eixos(ax)



PALETA = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Paleta de Okabe e Ito (sem o amarelo, ilegível em fundo branco), para comparar várias configurações."""

CAMPOS = {
    "custos_treino": "custo de treino",
    "custos_validacao": "custo de validação",
    "taxas_validacao": "taxa de erro de validação (%)",
}


def plotar_faixas(historicos, campo="custos_validacao", ax=None, log=None, titulo=None, individuais=True, cores=None):
    """Mediana e quartis entre sementes, com cada treino em traço fino (capítulo 2).

    A linha grossa é a mediana das K sementes em cada época; a faixa vai do 1º
    ao 3º quartil (metade das sementes fica dentro dela). Mediana e quartis são
    valores que alguma semente atingiu: a faixa nunca sai de [0, 100] % nem
    atravessa o zero, mesmo quando algumas sementes ficam presas e outras não
    (uma média ± desvio, nesse caso, descreveria uma semente que não existe).
    Sementes que divergiram (custo NaN ou infinito) ficam de fora da faixa e são
    contadas na legenda.

    Parâmetros
    ----------
    historicos : HistoricoVarios ou dict {rótulo: HistoricoVarios}
        Um histórico de K treinos, ou vários para comparar (uma cor cada).
    campo : str
        ``"custos_treino"``, ``"custos_validacao"`` ou ``"taxas_validacao"``.
    log : bool, opcional
        Escala logarítmica (padrão: sim para custos, não para taxas).
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
    ax = eixo(ax)
    for i, (rotulo, h) in enumerate(historicos.items()):
        cor = (cores or {}).get(rotulo, PALETA[i])
        valores = np.asarray(getattr(h, campo), dtype=float)  # épocas × K
        if valores.ndim != 2 or valores.shape[0] == 0:
            raise ValueError(f"{campo} deve ter forma (épocas, K) com ao menos uma época; recebi {valores.shape}")
        divergiram = np.asarray(getattr(h, "divergiu", np.zeros(valores.shape[1], bool)), dtype=bool)
        divergiram |= ~np.isfinite(valores).all(axis=0) if campo != "taxas_validacao" else False
        validos = valores[:, ~divergiram]
        epocas = np.arange(valores.shape[0])
        if individuais:
            ax.plot(epocas, validos, color=cor, lw=0.5, alpha=0.25)
        k = valores.shape[1]
        texto = f"K = {k}" + (f"; {divergiram.sum()} {'divergiu' if divergiram.sum() == 1 else 'divergiram'}, fora da faixa"
                                  if divergiram.any() else "")
        texto = f"{rotulo} ({texto})" if rotulo is not None else f"mediana de {texto}"
        if validos.shape[1] == 0:
            ax.plot([], [], color=cor, lw=2, label=texto)
            continue
        baixo, mediana, alto = np.nanquantile(validos, [0.25, 0.5, 0.75], axis=1)
        ax.plot(epocas, mediana, color=cor, lw=2, label=texto)
        ax.fill_between(epocas, baixo, alto, color=cor, alpha=0.2, linewidth=0)
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="época", ylabel=CAMPOS[campo] + (" (escala log)" if log else ""),
           title=titulo or CAMPOS[campo].capitalize() + ": mediana e quartis entre sementes")
    if campo == "taxas_validacao":
        ax.set_ylim(bottom=0)
    ax.grid(True, color="0.85")
    ax.legend(fontsize="small")
    return virgula_nos_eixos(ax)
