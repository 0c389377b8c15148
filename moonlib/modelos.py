"""Modelos: a MLP do tutorial e um construtor de variantes (capítulo 1)."""
import numbers

from torch import nn

TAMANHOS_SEMENTE = (2, 3, 5, 5, 2, 1)
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
        raise ValueError(f"{papel} desconhecida: {nome!r}; use uma de {sorted(ATIVACOES)}")
    return ATIVACOES[nome]()


def criar_mlp(tamanhos=TAMANHOS_SEMENTE, ativacao="tanh", ativacao_saida="tanh"):
    """Cria uma MLP ``nn.Sequential`` (capítulo 1).

    Cada camada ``nn.Linear`` é seguida da ``ativacao`` (nas ocultas) ou da
    ``ativacao_saida`` (na última). Com os argumentos padrão, é exatamente a
    rede do tutorial, criada na mesma ordem, portanto com os mesmos pesos
    iniciais para a mesma semente.

    Parâmetros
    ----------
    tamanhos : sequência de int
        Número de unidades de cada camada, da entrada à saída (≥ 2 números ≥ 1).
    ativacao : str
        Ativação das camadas ocultas: um nome de ``ATIVACOES``.
    ativacao_saida : str
        Ativação da saída (``"identidade"`` para nenhuma).
    """
    try:
        tamanhos = tuple(tamanhos)
    except TypeError:
        raise TypeError(f"tamanhos deve ser uma sequência de inteiros; recebi {tamanhos!r}") from None
    if len(tamanhos) < 2:
        raise ValueError(f"tamanhos precisa de ao menos entrada e saída; recebi {tamanhos}")
    for t in tamanhos:
        if isinstance(t, bool) or not isinstance(t, numbers.Integral) or t < 1:
            raise ValueError(f"cada tamanho de camada deve ser um inteiro ≥ 1; recebi {tamanhos}")
    _ativacao(ativacao, "ativação oculta")
    _ativacao(ativacao_saida, "ativação de saída")
    camadas = []
    for i, (entrada, saida) in enumerate(zip(tamanhos[:-1], tamanhos[1:])):
        ultima = i == len(tamanhos) - 2
        camadas += [nn.Linear(int(entrada), int(saida)), _ativacao(ativacao_saida if ultima else ativacao, "ativação")]
    return nn.Sequential(*camadas)
