"""A conferência dos argumentos, a mesma em todo o pacote.

Um valor errado vira um ``ParametroInvalido`` com uma mensagem em português que
diz o nome do argumento, o que se recebeu e o que é aceito. ``ParametroInvalido``
é ao mesmo tempo ``ValueError`` e ``TypeError`` (como o ``InvalidParameterError``
do scikit-learn): quem já captura um dos dois continua funcionando.
"""
import math
import numbers

import numpy as np
import torch


class ParametroInvalido(ValueError, TypeError):
    """Um argumento com tipo ou valor que o ``moonlib`` não aceita; a mensagem diz o que corrigir."""


def _faixa(minimo, maximo, aberto_embaixo=False, aberto_em_cima=False):
    if minimo is None and maximo is None:
        return ""
    if maximo is None:
        return f" {'>' if aberto_embaixo else '≥'} {minimo:g}"
    if minimo is None:
        return f" {'<' if aberto_em_cima else '≤'} {maximo:g}"
    return f" em {'(' if aberto_embaixo else '['}{minimo:g}, {maximo:g}{')' if aberto_em_cima else ']'}"


def inteiro(nome, valor, minimo=None, maximo=None):
    """``valor`` como ``int``, se for um inteiro (também do NumPy) dentro de ``[minimo, maximo]``."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        raise ParametroInvalido(f"{nome} deve ser um número inteiro{_faixa(minimo, maximo)}; recebi {valor!r}")
    if (minimo is not None and valor < minimo) or (maximo is not None and valor > maximo):
        raise ParametroInvalido(f"{nome} deve ser um inteiro{_faixa(minimo, maximo)}; recebi {valor}")
    return int(valor)


def real(nome, valor, minimo=None, maximo=None, *, aberto_embaixo=False, aberto_em_cima=False):
    """``valor`` como ``float``, se for um número real finito dentro da faixa pedida."""
    faixa = _faixa(minimo, maximo, aberto_embaixo, aberto_em_cima)
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise ParametroInvalido(f"{nome} deve ser um número real{faixa}; recebi {valor!r}")
    valor = float(valor)
    if not math.isfinite(valor):
        raise ParametroInvalido(f"{nome} deve ser um número finito{faixa}; recebi {valor}")
    baixo = minimo is None or (valor > minimo if aberto_embaixo else valor >= minimo)
    alto = maximo is None or (valor < maximo if aberto_em_cima else valor <= maximo)
    if not (baixo and alto):
        raise ParametroInvalido(f"{nome} deve ser um número{faixa}; recebi {valor:g}")
    return valor


def booleano(nome, valor):
    """``valor`` se for ``True`` ou ``False`` (um texto como ``"nao"`` não é um booleano)."""
    if not isinstance(valor, (bool, np.bool_)):
        raise ParametroInvalido(f"{nome} deve ser True ou False; recebi {valor!r}")
    return bool(valor)


def opcao(nome, valor, opcoes):
    """``valor`` se for uma das ``opcoes``."""
    if not isinstance(valor, str) or valor not in opcoes:
        raise ParametroInvalido(f"{nome} desconhecido: {valor!r}; use um de: {', '.join(opcoes)}")
    return valor


def tensor_de_entradas(nome, X, entradas=2):
    """Confere um tensor de entradas: N×``entradas``, ``float32``, finito e com ao menos um ponto."""
    if not isinstance(X, torch.Tensor):
        raise ParametroInvalido(f"{nome} deve ser um tensor do PyTorch (use para_tensores); recebi {type(X).__name__}")
    if X.ndim != 2 or X.shape[1] != entradas:
        raise ParametroInvalido(f"{nome} deve ter forma N×{entradas} (um ponto por linha, {entradas} coordenadas); "
                                f"recebi forma {tuple(X.shape)}")
    if X.shape[0] == 0:
        raise ParametroInvalido(f"{nome} está vazio: não há pontos")
    if X.dtype != torch.float32:
        raise ParametroInvalido(f"{nome} é {X.dtype}, mas a rede trabalha em float32: converta com "
                                f"{nome}.float() ou crie-o com dtype=torch.float32 (capítulo 1)")
    if not torch.isfinite(X).all():
        raise ParametroInvalido(f"{nome} tem valores NaN ou infinitos: confira os dados antes de treinar")
    return X


def tensor_de_alvos(nome, d, n, classes=False):
    """Confere os alvos de ``n`` pontos: N×1 ``float32`` (MSE, BCE) ou N índices ``long`` (entropia cruzada)."""
    if not isinstance(d, torch.Tensor):
        raise ParametroInvalido(f"{nome} deve ser um tensor do PyTorch (use para_tensores); recebi {type(d).__name__}")
    if d.shape[0] != n:
        raise ParametroInvalido(f"{nome} tem {d.shape[0]} alvos para {n} pontos: devem ter o mesmo número de linhas")
    if classes:
        if d.ndim != 1 or d.dtype != torch.long:
            raise ParametroInvalido(f"com CrossEntropyLoss, {nome} deve ser um vetor de N índices de classe (long); "
                                    f"recebi forma {tuple(d.shape)} e tipo {d.dtype} (use rotulos_classe, capítulo 6)")
        return d
    if d.ndim != 2 or d.shape[1] != 1:
        raise ParametroInvalido(f"{nome} deve ter forma N×1, uma coluna como a saída da rede; recebi forma "
                                f"{tuple(d.shape)}. Com forma N, o custo compararia cada saída com todos os "
                                f"alvos (use {nome}.reshape(-1, 1))")
    if d.dtype != torch.float32:
        raise ParametroInvalido(f"{nome} é {d.dtype}; os alvos de MSE e BCE devem ser float32 (use {nome}.float())")
    if not torch.isfinite(d).all():
        raise ParametroInvalido(f"{nome} tem valores NaN ou infinitos: confira os rótulos")
    return d
