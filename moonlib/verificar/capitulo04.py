"""Autoverificação dos exercícios do capítulo 4."""

import torch

from ..metricas import modo_avaliacao, no_dispositivo_do, taxa_de_erro
from .comum import incompleta, numero as _numero, perto, responder


def exercicio_4_1(fracao_de_zeros, valor_sobrevivente, p=0.25):
    """Capítulo 4, exercício 4.1: a fração esperada de zeros e o valor dos sobreviventes de ``nn.Dropout(p)``.

    As respostas podem ser números ou tensores (ou arrays) com um número só; a
    tolerância (10⁻⁶, relativa) aceita o valor medido num tensor ``float32``, como
    1,3333333730697632, e nada além disso: a fração medida (0,2497), um valor
    arredondado (1,33) ou a fração em % recebem cada um a sua dica.
    """
    if incompleta(fracao_de_zeros, valor_sobrevivente):
        return
    if _numero(fracao_de_zeros) is None or _numero(valor_sobrevivente) is None:
        return responder(False, "as duas respostas são números (ou tensores com um número só): uma fração, de 0 a 1, "
                                "e um valor.")
    fracao_de_zeros, valor_sobrevivente = _numero(fracao_de_zeros), _numero(valor_sobrevivente)
    if not perto(fracao_de_zeros, p, 1e-6):
        if perto(fracao_de_zeros / 100, p, 1e-6):
            return responder(False, "a fração vai de 0 a 1, não em %.")
        if abs(fracao_de_zeros - p) <= 0.01:
            return responder(False, "use a fração esperada (a conta à mão), não a medida, que varia com o sorteio.")
        return responder(False, "cada elemento é zerado, de forma independente, com probabilidade p.")
    sobrevivente = 1 / (1 - p)
    if not perto(valor_sobrevivente, sobrevivente, 1e-6):
        if abs(valor_sobrevivente - 1) <= 0.02:
            return responder(False, "no modo de treino os sobreviventes não ficam iguais: são reescalados para manter "
                                    "a média.")
        if abs(valor_sobrevivente - sobrevivente) <= 0.01 * sobrevivente:
            return responder(False, "quase: escreva o valor exato, com a conta em Python (uma divisão), e não um número "
                                    "arredondado.")
        return responder(False, "a média de saída deve continuar 1: (1 − p) · valor = 1.")
    responder(True, "")


def _saidas_no_modo(rede, X, treino, vezes=1):
    """``vezes`` passadas de ``X`` por ``rede`` no modo pedido, empilhadas (vezes × saídas de ``rede(X)``).

    Não mexe no modo da rede nem no gerador global do PyTorch. As passadas vão numa chamada só,
    com ``X`` repetido: cada cópia de cada ponto recebe a sua máscara, como em chamadas separadas.
    """
    (X,) = no_dispositivo_do(rede, X)
    estava_treinando = rede.training
    gpus = [X.device.index or 0] if X.is_cuda else []  # numa GPU, o dropout sorteia no gerador dela
    with torch.random.fork_rng(devices=gpus), torch.no_grad():
        try:
            rede.train(treino)
            y = rede(X.repeat(vezes, *([1] * (X.ndim - 1))))
            return y.reshape(vezes, X.shape[0], *y.shape[1:])
        finally:
            rede.train(estava_treinando)


def exercicio_4_2(erro_em_avaliacao, erro_em_treino, rede, X, d, sorteios=200):
    """Capítulo 4, exercício 4.2: a taxa de erro de teste de uma rede com dropout nos modos de avaliação e de treino.

    A taxa no modo de avaliação é única e é recalculada aqui. A do modo de
    treino muda a cada chamada (cada uma sorteia outras máscaras): é aceita se
    cair entre as taxas de ``sorteios`` passadas no modo de treino, com folga.
    """
    if incompleta(erro_em_avaliacao, erro_em_treino):
        return
    if _numero(erro_em_avaliacao) is None or _numero(erro_em_treino) is None:
        return responder(False, "as duas respostas são números: a taxa de erro em %, como a que taxa_de_erro devolve.")
    erro_em_avaliacao, erro_em_treino = _numero(erro_em_avaliacao), _numero(erro_em_treino)
    (d,) = no_dispositivo_do(rede, d)
    um_ponto = 100 / len(d)  # quanto a taxa muda quando um ponto muda de lado
    with modo_avaliacao(rede):
        certo = taxa_de_erro(rede(no_dispositivo_do(rede, X)[0]), d)
    taxas_treino = torch.tensor([taxa_de_erro(y, d) for y in _saidas_no_modo(rede, X, True, sorteios)])
    menor, maior = float(taxas_treino.min()), float(taxas_treino.max())
    folga = max(2 * um_ponto, float(taxas_treino.std()))
    plausivel_em_treino = menor - folga <= erro_em_treino <= maior + folga
    if 0 < erro_em_avaliacao < 1 and perto(100 * erro_em_avaliacao, certo, 0.01):
        return responder(False, "a taxa de erro vai em %, de 0 a 100, como a que taxa_de_erro devolve.")
    if abs(erro_em_avaliacao - certo) > 1.01 * um_ponto:
        if menor - folga <= erro_em_avaliacao <= maior + folga:
            return responder(False, "a primeira medida parece feita com o dropout ligado: ponha a rede no modo de "
                                    "avaliação antes de medir.")
        return responder(False, "a primeira medida é a taxa de erro da rede do exercício nos pontos de teste, com a "
                                "rede no modo de avaliação.")
    if abs(erro_em_treino - certo) <= 1.01 * um_ponto and not menor <= certo <= maior:
        return responder(False, "a segunda medida deu igual à primeira: a rede ainda estava no modo de avaliação? "
                                "O código de teste do tutorial usa a rede no modo de treino.")
    if not plausivel_em_treino:
        return responder(False, "a segunda medida não se parece com a taxa de erro desta rede no modo de treino, nos "
                                "mesmos pontos de teste: confira a rede, os pontos e o modo.")
    responder(True, "")


def exercicio_4_3(concordancia, media, y_aval, rede, X, sorteios=400):
    """Capítulo 4, exercício 4.3: a média de muitas sub-redes e a rede inteira no modo de avaliação.

    Confere ``y_aval`` (a saída no modo de avaliação, que é única), ``media``
    (comparada com a média de outras ``sorteios`` passadas no modo de treino,
    com a folga que o sorteio das máscaras pede) e ``concordancia`` (a fração
    dos pontos em que os sinais das duas coincidem, calculada das respostas).
    """
    if incompleta(concordancia, media, y_aval):
        return
    referencia_aval = _saidas_no_modo(rede, X, False)[0]
    for nome, valor in (("media", media), ("y_aval", y_aval)):
        if not isinstance(valor, torch.Tensor) or valor.shape != referencia_aval.shape:
            return responder(False, f"{nome} deve ser um tensor com uma saída por ponto de teste, da mesma forma que "
                                    f"rede(X_teste), {tuple(referencia_aval.shape)}.")
    media, y_aval = media.detach().to(referencia_aval), y_aval.detach().to(referencia_aval)
    if not torch.allclose(y_aval, referencia_aval, atol=1e-5):
        return responder(False, "y_aval é a saída da rede inteira, com a rede no modo de avaliação.")
    if torch.allclose(media, referencia_aval, atol=1e-6):
        return responder(False, "a média deu igual à saída no modo de avaliação: as passadas da média precisam do "
                                "dropout ligado, no modo de treino.")
    referencia_media = _saidas_no_modo(rede, X, True, sorteios).mean(0)
    uma_passada = _saidas_no_modo(rede, X, True, 1)[0]
    # A média de outras passadas nunca sai igual. Medido nas redes largas do capítulo, em
    # unidades da distância de uma passada só até a média de referência: a média de 200
    # passadas fica a ~0,06, a de 50 a ~0,11, a de 20 a ~0,17 e a mediana de 200 passadas
    # (que não é a média) a ~0,2. O limite aceita a média de umas 30 passadas ou mais.
    distancia = float((media - referencia_media).abs().mean())
    limite = 0.13 * float((uma_passada - referencia_media).abs().mean())
    if distancia > limite:
        return responder(False, "media deve ser a média de muitas passadas (200) no modo de treino, tirada ponto a "
                                "ponto, sobre as passadas.")
    if _numero(concordancia) is None:
        return responder(False, "concordancia é um número: a fração dos pontos de teste em que os sinais coincidem.")
    concordancia = _numero(concordancia)
    certa = float((torch.sign(media) == torch.sign(y_aval)).float().mean())
    if perto(concordancia, 100 * certa, 1e-6) and certa > 0.01:
        return responder(False, "a concordância vai como fração, de 0 a 1, não em %.")
    if not perto(concordancia, certa, 1e-6):
        return responder(False, "conte os pontos em que o sinal de media e o de y_aval coincidem e divida pelo "
                                "número de pontos.")
    responder(True, "")
