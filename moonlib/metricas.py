"""Métricas: custo e taxa de erro num conjunto de dados (capítulo 1)."""
import numpy as np
import torch


def _numpy(v, nome):
    if isinstance(v, torch.Tensor):
        v = v.detach().cpu().numpy()
    v = np.asarray(v, dtype=np.float64)
    if v.ndim == 2 and v.shape[1] == 1:
        v = v[:, 0]
    if v.ndim != 1:
        raise ValueError(f"{nome} deve ser um vetor (N ou N×1); recebi forma {v.shape}")
    return v


def taxa_de_erro(y, d):
    """Taxa de erro em %, com a fórmula do tutorial (capítulo 1).

    ``100 · Σ|d − sinal(y)| / (2N)``: com rótulos ±1, cada ponto classificado
    errado contribui com |±2| = 2, então o resultado é a porcentagem de erros.
    Uma saída exatamente 0 (sinal 0) conta como meio erro.

    Parâmetros
    ----------
    y : tensor ou array, N ou N×1
        Saídas da rede (o sinal decide a classe).
    d : tensor ou array, N ou N×1
        Rótulos desejados, +1 ou -1.
    """
    y, d = _numpy(y, "y"), _numpy(d, "d")
    if y.shape != d.shape:
        raise ValueError(f"y e d devem ter o mesmo número de pontos; recebi {y.shape[0]} e {d.shape[0]}")
    if y.size == 0:
        raise ValueError("não há pontos para calcular a taxa de erro")
    if not np.all(np.isin(d, (-1.0, 1.0))):
        raise ValueError("os rótulos d devem ser +1 ou -1 (para rótulos 0/1, use 2*d - 1)")
    return float(np.sum(np.abs(d - np.sign(y))) * 100 / (2 * d.size))


def avaliar(modelo, X, d, funcao_custo=None):
    """Custo e taxa de erro de ``modelo`` em ``(X, d)``, em modo de avaliação (capítulo 1).

    Usa ``modelo.eval()`` e ``torch.no_grad()`` e devolve o modelo ao modo em
    que estava. Retorna ``(custo, taxa)``; ``custo`` é ``None`` sem ``funcao_custo``.
    """
    estava_treinando = modelo.training
    modelo.eval()
    try:
        with torch.no_grad():
            y = modelo(X)
            custo = None if funcao_custo is None else float(funcao_custo(y, d).item())
    finally:
        modelo.train(estava_treinando)
    return custo, taxa_de_erro(y, d)
