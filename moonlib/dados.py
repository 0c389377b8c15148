"""Dados: as meias-luas de Haykin, tensores e mini-lotes (capítulo 1)."""
import math
import numbers

import numpy as np
import torch

from .validacao import ParametroInvalido, booleano, inteiro, real


def _gerador(semente):
    """Converte ``semente`` num gerador do NumPy.

    ``None`` usa o gerador global (``np.random.seed``), como o tutorial original;
    um inteiro cria um ``RandomState`` próprio, que sorteia a mesma sequência
    que ``np.random.seed(inteiro)``; um ``RandomState`` ou ``Generator`` é usado
    como está.
    """
    if semente is None:
        return np.random.mtrand._rand
    if isinstance(semente, (np.random.RandomState, np.random.Generator)):
        return semente
    if isinstance(semente, numbers.Integral) and not isinstance(semente, bool):
        if semente < 0:
            raise ValueError(f"a semente deve ser não negativa; recebi {semente}")
        return np.random.RandomState(int(semente))
    raise TypeError(
        "semente deve ser None, um inteiro, np.random.RandomState ou np.random.Generator; "
        f"recebi {type(semente).__name__}"
    )


def meias_luas(NA, NB, r1=10, r2=-4, r3=6, semente=None):
    """Gera o problema das meias-luas de Haykin (capítulo 1).

    A região A é a metade de cima de um anel de raio central ``r1`` e largura
    ``r3`` (raios de ``r1 - r3/2`` a ``r1 + r3/2``), centrado na origem. A região B
    é a metade de baixo do mesmo anel, deslocada de ``+r1`` em x1 e de ``-r2`` em
    x2. Com ``r2 < 0`` as luas se encaixam uma na outra; com ``r2 > 0`` se afastam.

    Parâmetros
    ----------
    NA, NB : int
        Número de pontos das regiões A e B (inteiros ≥ 0, NA + NB ≥ 1).
    r1, r2, r3 : float
        Raio central, deslocamento vertical e largura das meias-luas
        (padrão 10, -4 e 6, os valores do tutorial). Exige ``r3 > 0`` e
        ``r1 - r3/2 ≥ 0``.
    semente : None, int, np.random.RandomState ou np.random.Generator
        Fonte dos números aleatórios. ``None`` usa o gerador global do NumPy,
        como o tutorial original (então ``np.random.seed(111)`` antes da chamada
        reproduz os dados dele).

    Retorna
    -------
    dados : ndarray de forma (NA + NB, 3)
        Colunas x1, x2 e o rótulo d (+1 para A, -1 para B), em ordem aleatória.
    """
    NA, NB = inteiro("NA (pontos da região A)", NA, minimo=0), inteiro("NB (pontos da região B)", NB, minimo=0)
    if NA + NB == 0:
        raise ValueError("NA + NB deve ser ≥ 1: pedi ao menos um ponto")
    r1, r2, r3 = real("r1", r1), real("r2", r2), real("r3", r3)
    if r3 <= 0:
        raise ValueError(f"r3 (largura das meias-luas) deve ser > 0; recebi {r3}")
    rmin, rmax = r1 - r3 / 2, r1 + r3 / 2
    if rmin < 0:
        raise ValueError(f"r1 - r3/2 deve ser ≥ 0 (o raio interno não pode ser negativo); recebi r1={r1}, r3={r3}")
    rng = _gerador(semente)
    # A ordem dos sorteios é a do tutorial: ângulo e raio de A, depois de B.
    a = np.pi * rng.random((NA, 1))
    r = rng.uniform(rmin, rmax, (NA, 1))
    pontos_a = np.hstack((r * np.cos(a), r * np.sin(a), np.ones((NA, 1))))
    a = np.pi * rng.random((NB, 1))
    r = rng.uniform(rmin, rmax, (NB, 1))
    pontos_b = np.hstack((r * np.cos(a) + r1, -r * np.sin(a) - r2, -np.ones((NB, 1))))
    dados = np.vstack((pontos_a, pontos_b))
    rng.shuffle(dados)
    return dados


def para_tensores(dados, dispositivo=None):
    """Separa ``dados`` (N×3: x1, x2, d) em tensores float32 ``X`` (N×2) e ``d`` (N×1) (capítulo 1).

    O NumPy trabalha em float64; o PyTorch, em float32. A conversão explícita
    evita misturar as duas precisões.
    """
    dados = np.asarray(dados)
    if dados.ndim != 2 or dados.shape[1] != 3:
        raise ValueError(f"dados deve ter forma (N, 3) com colunas x1, x2, d; recebi forma {dados.shape}")
    # ascontiguousarray: o recorte de colunas do NumPy sai em ordem de coluna, e um tensor
    # não contíguo deixa a seleção de mini-lotes até 15× mais lenta.
    X = torch.tensor(np.ascontiguousarray(dados[:, [0, 1]]), dtype=torch.float32, device=dispositivo)
    d = torch.tensor(np.ascontiguousarray(dados[:, [2]]), dtype=torch.float32, device=dispositivo)
    return X, d


class Lotes:
    """Mini-lotes de ``(X, d)`` com a semântica do ``DataLoader`` do tutorial (capítulo 1).

    Equivale a ``DataLoader(list(zip(X, d)), batch_size=tamanho, shuffle=True)``:
    reembaralha a cada época e consome o gerador global do PyTorch exatamente
    como o ``DataLoader`` (dois sorteios por época, depois ``randperm`` num
    gerador próprio). Por isso reproduz os mesmos lotes, mas sem montar cada
    lote elemento por elemento, o que é bem mais rápido.

    Parâmetros
    ----------
    X, d : Tensor
        Entradas (N×2) e rótulos (N×1 ou N), com o mesmo N.
    tamanho : int
        Tamanho do mini-lote (o último lote pode ser menor).
    embaralhar : bool
        Se ``True`` (padrão), sorteia uma nova ordem a cada época.
    """

    def __init__(self, X, d, tamanho=100, embaralhar=True):
        if not isinstance(X, torch.Tensor) or not isinstance(d, torch.Tensor):
            raise ParametroInvalido("X e d devem ser tensores do PyTorch (use para_tensores)")
        if X.ndim != 2 or X.shape[0] == 0:
            raise ParametroInvalido(f"X deve ter forma N×entradas, com ao menos um ponto; recebi forma {tuple(X.shape)}")
        if d.ndim == 0 or X.shape[0] != d.shape[0]:
            raise ParametroInvalido(f"X e d devem ter o mesmo número de linhas; recebi {X.shape[0]} e "
                                    f"{d.shape[0] if d.ndim else 'um número só'}")
        for nome, t in (("X", X), ("d", d)):
            if t.is_floating_point() and not bool(torch.isfinite(t).all()):
                raise ParametroInvalido(f"{nome} tem valores NaN ou infinitos: confira os dados antes de treinar")
        self.X, self.d = X, d
        self.tamanho = inteiro("tamanho do mini-lote", tamanho, minimo=1)
        self.embaralhar = booleano("embaralhar", embaralhar)

    def __len__(self):
        return math.ceil(self.X.shape[0] / self.tamanho)

    def ordem(self, gerador=None):
        """Sorteia a ordem de uma época, como o ``DataLoader(shuffle=True)``.

        ``gerador`` (um ``torch.Generator``) substitui o gerador global do PyTorch.
        """
        n = self.X.shape[0]
        if not self.embaralhar:
            return torch.arange(n)
        # 1º sorteio: a semente base dos workers, que o DataLoader sorteia mesmo sem workers.
        torch.empty((), dtype=torch.int64).random_(generator=gerador)
        # 2º sorteio: a semente do RandomSampler, que embaralha num gerador próprio.
        semente = int(torch.empty((), dtype=torch.int64).random_(generator=gerador).item())
        return torch.randperm(n, generator=torch.Generator().manual_seed(semente))

    def __iter__(self):
        indices = self.ordem().to(self.X.device)
        for inicio in range(0, self.X.shape[0], self.tamanho):
            i = indices[inicio:inicio + self.tamanho]
            yield self.X.index_select(0, i), self.d.index_select(0, i)


def rotulos_01(d):
    """Converte rótulos ±1 (os do tutorial) em 0/1, como pedem ``BCELoss`` e ``BCEWithLogitsLoss`` (capítulo 6).

    A região A (d = +1) vira 1 e a região B (d = −1) vira 0: ``(d + 1) / 2``.
    Aceita tensor ou array; devolve o mesmo tipo, em ponto flutuante.
    """
    valores = torch.as_tensor(d) if not isinstance(d, np.ndarray) else d
    if not bool(((valores == 1) | (valores == -1)).all()):
        raise ValueError("os rótulos devem ser +1 ou -1 (os do tutorial)")
    return (d + 1) / 2


def rotulos_classe(d):
    """Converte rótulos ±1 em índices de classe ``long`` 0/1 para ``CrossEntropyLoss`` (capítulo 6).

    A (d = +1) vira a classe 1 e B (d = −1), a classe 0. Um tensor N×1 vira um vetor N.
    """
    d = torch.as_tensor(d)
    if not bool(((d == 1) | (d == -1)).all()):
        raise ValueError("os rótulos devem ser +1 ou -1 (os do tutorial)")
    return ((d.reshape(-1) + 1) / 2).long()


def luas_em_cadeia(N, classes=3, r1=10, r2=-4, r3=6, semente=None):
    """Gera ``classes`` meias-luas em cadeia, uma classe cada, para classificação multiclasse (capítulo 6).

    A lua 0 é a região A de ``meias_luas``; a lua 1, a região B; cada lua seguinte
    repete o desenho deslocado de ``r1`` em x1, alternando a metade de cima e a de
    baixo. Com ``classes=2`` a geometria é a das meias-luas.

    Parâmetros
    ----------
    N : int
        Pontos por classe (≥ 1).
    classes : int
        Número de luas/classes (≥ 2).
    r1, r2, r3, semente
        Como em ``meias_luas``.

    Retorna
    -------
    dados : ndarray de forma (classes · N, 3)
        Colunas x1, x2 e a classe (0, 1, ..., classes − 1, em ponto flutuante), embaralhadas.
    """
    N = inteiro("N (pontos por classe)", N, minimo=1)
    classes = inteiro("classes", classes, minimo=2)
    r1, r2, r3 = real("r1", r1), real("r2", r2), real("r3", r3)
    if r3 <= 0 or r1 - r3 / 2 < 0:
        raise ValueError(f"exige r3 > 0 e r1 - r3/2 ≥ 0; recebi r1={r1}, r3={r3}")
    rng = _gerador(semente)
    partes = []
    for c in range(int(classes)):
        a = np.pi * rng.random((N, 1))
        r = rng.uniform(r1 - r3 / 2, r1 + r3 / 2, (N, 1))
        if c % 2 == 0:  # metade de cima, como a região A
            x1, x2 = r * np.cos(a) + c * r1, r * np.sin(a)
        else:           # metade de baixo, como a região B
            x1, x2 = r * np.cos(a) + c * r1, -r * np.sin(a) - r2
        partes.append(np.hstack((x1, x2, np.full((N, 1), float(c)))))
    dados = np.vstack(partes)
    rng.shuffle(dados)
    return dados


def padronizacao(X):
    """Média e desvio-padrão de cada coluna de ``X`` (N×entradas): os números da padronização (capítulo 3).

    Calcule-os **só nos dados de treino** e use os mesmos em validação e teste:
    ``padronizar(X_val, *padronizacao(X_treino))``. Devolve dois tensores com uma
    entrada por coluna.
    """
    if not isinstance(X, torch.Tensor) or X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("X deve ser um tensor N×entradas com ao menos 2 pontos")
    return X.mean(0), X.std(0)


def padronizar(X, media, desvio):
    """``(X − média) / desvio``, coluna a coluna: entradas com média 0 e desvio-padrão 1 (capítulo 3)."""
    if not bool((torch.as_tensor(desvio) > 0).all()):
        raise ValueError("o desvio-padrão de cada coluna deve ser > 0 (uma coluna constante não se padroniza)")
    return (X - media) / desvio
