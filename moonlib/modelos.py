"""Modelos: a MLP do tutorial, um construtor de variantes e inicializações (capítulos 1, 3, 4, 7, 9)."""
import numbers

import torch
from torch import nn

from .validacao import ParametroInvalido, booleano, real

TAMANHOS_DO_TUTORIAL = (2, 3, 5, 5, 2, 1)
"""Camadas da MLP do tutorial: 2 entradas, camadas ocultas de 3, 5, 5 e 2 neurônios, 1 saída."""

ATIVACOES = {
    "tanh": nn.Tanh,
    "relu": nn.ReLU,
    "sigmoide": nn.Sigmoid,
    "leaky_relu": nn.LeakyReLU,
    "identidade": nn.Identity,
}
"""Nomes aceitos para as funções de ativação (``identidade`` = saída linear, sem ativação)."""


def _ativacao(nome, papel):
    if not isinstance(nome, str) or nome not in ATIVACOES:
        raise ParametroInvalido(f"{papel} desconhecida: {nome!r}; use uma de {sorted(ATIVACOES)}")
    return ATIVACOES[nome]()


def _por_camada(valor, n, nome):
    """Um valor para cada uma das ``n`` camadas ocultas (um número vale para todas)."""
    if isinstance(valor, numbers.Real) and not isinstance(valor, bool):
        valores = [float(valor)] * n
    else:
        try:
            valores = [float(v) for v in valor]
        except (TypeError, ValueError):
            raise ParametroInvalido(f"{nome} deve ser um número ou uma lista com um número por camada oculta; "
                                    f"recebi {valor!r}") from None
        if len(valores) != n:
            raise ParametroInvalido(f"{nome} precisa de {n} valores, um por camada oculta; recebi {len(valores)}")
    for v in valores:
        if not 0 <= v < 1:
            raise ParametroInvalido(f"{nome} deve estar em [0, 1); recebi {v}")
    return valores


def criar_mlp(tamanhos=TAMANHOS_DO_TUTORIAL, ativacao="tanh", ativacao_saida="tanh", dropout=0.0, normalizacao=False):
    """Cria uma MLP ``nn.Sequential`` (capítulo 1).

    Cada camada oculta é ``Linear → [BatchNorm1d] → ativação → [Dropout]``; a de
    saída é ``Linear → ativacao_saida``. Com os argumentos padrão, é exatamente a
    rede do tutorial, criada na mesma ordem, portanto com os mesmos pesos
    iniciais para a mesma semente.

    Parâmetros
    ----------
    tamanhos : sequência de int
        Número de unidades de cada camada, da entrada à saída (≥ 2 números ≥ 1).
    ativacao : str
        Ativação das camadas ocultas: um nome de ``ATIVACOES`` (capítulo 3).
    ativacao_saida : str
        Ativação da saída (``"identidade"`` para nenhuma, como pedem as perdas com logitos).
    dropout : float ou lista de float
        Probabilidade de zerar cada unidade oculta no treino, em [0, 1): um valor
        para todas as camadas ocultas ou um por camada (capítulo 4). 0 = sem dropout.
    normalizacao : bool
        Se ``True``, põe ``BatchNorm1d`` entre cada ``Linear`` oculta (sem viés, pois a
        normalização já tem o seu) e a ativação, como no tutorial (capítulo 9).
    """
    try:
        tamanhos = tuple(tamanhos)
    except TypeError:
        raise ParametroInvalido(f"tamanhos deve ser uma sequência de inteiros; recebi {tamanhos!r}") from None
    if len(tamanhos) < 2:
        raise ParametroInvalido(f"tamanhos precisa de ao menos entrada e saída; recebi {tamanhos}")
    for t in tamanhos:
        if isinstance(t, bool) or not isinstance(t, numbers.Integral) or t < 1:
            raise ParametroInvalido(f"cada tamanho de camada deve ser um inteiro ≥ 1; recebi {tamanhos}")
    _ativacao(ativacao, "ativação oculta")
    _ativacao(ativacao_saida, "ativação de saída")
    normalizacao = booleano("normalizacao", normalizacao)
    ocultas = len(tamanhos) - 2
    probabilidades = _por_camada(dropout, ocultas, "dropout")
    camadas = []
    for i, (entrada, saida) in enumerate(zip(tamanhos[:-1], tamanhos[1:])):
        if i == ocultas:  # camada de saída
            camadas += [nn.Linear(int(entrada), int(saida)), _ativacao(ativacao_saida, "ativação")]
            break
        camadas.append(nn.Linear(int(entrada), int(saida), bias=not normalizacao))
        if normalizacao:
            camadas.append(nn.BatchNorm1d(int(saida)))
        camadas.append(_ativacao(ativacao, "ativação"))
        if probabilidades[i] > 0:
            camadas.append(nn.Dropout(probabilidades[i]))
    return nn.Sequential(*camadas)


INICIALIZACOES = ("padrao", "xavier_normal", "zeros", "normal")


def inicializar(modelo, metodo="xavier_normal", desvio=1.0):
    """Reinicializa os pesos de todas as camadas ``nn.Linear`` de ``modelo`` (capítulo 7).

    Usa ``modelo.apply`` com ``isinstance`` (e não o nome da classe, como o
    tutorial fazia, que também casaria com ``LazyLinear`` ou ``MinhaLinear``).

    Métodos: ``"padrao"`` (o do PyTorch: uniforme em ±1/√entradas),
    ``"xavier_normal"`` (Glorot e Bengio, vieses zerados), ``"zeros"`` (tudo zero) e
    ``"normal"`` (normal de desvio ``desvio``, vieses zerados). Devolve o modelo.
    """
    if metodo not in INICIALIZACOES:
        raise ParametroInvalido(f"método de inicialização desconhecido: {metodo!r}; use um de {INICIALIZACOES}")
    real("desvio", desvio, minimo=0, aberto_embaixo=True)

    def inicializar_camada(camada):
        if not isinstance(camada, nn.Linear):
            return
        if metodo == "padrao":
            camada.reset_parameters()
            return
        with torch.no_grad():
            if metodo == "xavier_normal":
                nn.init.xavier_normal_(camada.weight)
            elif metodo == "zeros":
                nn.init.zeros_(camada.weight)
            else:
                nn.init.normal_(camada.weight, std=float(desvio))
            if camada.bias is not None:
                nn.init.zeros_(camada.bias)

    return modelo.apply(inicializar_camada)


def camada_padronizadora(media, desvio):
    """Uma ``nn.Linear`` fixa que padroniza as entradas: ``x ↦ (x − média) / desvio`` (capítulos 3 e 7).

    Posta na frente de uma rede treinada com entradas padronizadas,
    ``nn.Sequential(camada_padronizadora(m, s), rede)`` recebe as entradas brutas:
    assim a fronteira dela pode ser desenhada no plano das meias-luas. Os pesos
    não são treináveis.
    """
    media, desvio = torch.as_tensor(media, dtype=torch.float32), torch.as_tensor(desvio, dtype=torch.float32)
    if media.ndim != 1 or media.shape != desvio.shape or not bool((desvio > 0).all()):
        raise ValueError("media e desvio devem ser vetores do mesmo tamanho, com desvios > 0")
    camada = nn.Linear(len(media), len(media))
    with torch.no_grad():
        camada.weight.copy_(torch.diag(1 / desvio))
        camada.bias.copy_(-media / desvio)
    camada.requires_grad_(False)
    return camada
