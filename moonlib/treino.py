"""O treinador: o mesmo laço que o capítulo 1 escreve à mão.

Nada de framework: ``treinar`` percorre épocas e mini-lotes, zera os
gradientes, calcula saída e custo, faz ``backward()`` e ``step()``, na mesma
ordem do laço escrito no capítulo 1; um teste mostra que os números são
idênticos, bit a bit.
"""
import math
from dataclasses import dataclass, field

import torch
from tqdm.auto import tqdm

from .formatos import numero
from .metricas import no_dispositivo_do, taxa_de_erro


class TreinoDivergiu(RuntimeError):
    """O custo virou NaN ou infinito; ``historico`` guarda o que foi treinado até ali."""

    def __init__(self, mensagem, historico):
        super().__init__(mensagem)
        self.historico = historico


@dataclass
class Historico:
    """O que aconteceu num treinamento (capítulo 1).

    Atributos
    ---------
    custos_lote : list[float]
        Custo de cada mini-lote, na ordem em que foram usados.
    custos_treino : list[float]
        Média dos custos dos mini-lotes de cada época.
    custos_validacao : list[float]
        Custo no conjunto de validação ao fim de cada época (vazio sem validação).
    taxas_validacao : list[float]
        Taxa de erro (%) no conjunto de validação ao fim de cada época.
    passos : list[float]
        Passo de adaptação (``lr``) usado em cada época.
    divergiu : bool
        ``True`` se o treino parou porque o custo virou NaN ou infinito.
    mensagem : str
        A explicação da parada, quando houve.
    """

    custos_lote: list = field(default_factory=list)
    custos_treino: list = field(default_factory=list)
    custos_validacao: list = field(default_factory=list)
    taxas_validacao: list = field(default_factory=list)
    passos: list = field(default_factory=list)
    divergiu: bool = False
    mensagem: str = ""

    @property
    def epocas(self):
        """Número de épocas completas registradas."""
        return len(self.custos_treino)


def _mensagem_divergencia(valor, epoca, lote, otimizador):
    lr = otimizador.param_groups[0].get("lr")
    return (
        f"O custo virou {valor} na época {epoca}, mini-lote {lote}: o treinamento divergiu e foi interrompido. "
        f"Causas comuns: passo de adaptação grande demais (lr = {lr:g}), pesos iniciais grandes demais, "
        "ou uma função custo que recebeu valores fora do seu domínio (por exemplo, log(0) na entropia cruzada). "
        "Tente um passo menor."
    )


def treinar(modelo, lotes, funcao_custo, otimizador, epocas, *, validacao=None, agendador=None,
            agendar_por="epoca", relatar_a_cada=None, ao_divergir="parar", progresso=False, historico=None,
            regra="sinal"):
    """Treina ``modelo`` por ``epocas`` épocas e devolve o ``Historico`` (capítulo 1).

    Parâmetros
    ----------
    modelo : nn.Module
        A rede; os lotes são enviados ao dispositivo dos parâmetros dela.
    lotes : iterável de (X, d)
        Os mini-lotes de uma época, como ``Lotes`` ou um ``DataLoader``;
        percorrido de novo a cada época.
    funcao_custo : callable
        Por exemplo ``nn.MSELoss()``.
    otimizador : torch.optim.Optimizer
        Por exemplo ``torch.optim.SGD(modelo.parameters(), lr=0.5)``.
    epocas : int
        Número de épocas a treinar (continua a partir de ``historico``, se dado).
    validacao : (X_val, d_val), opcional
        Conjunto avaliado ao fim de cada época, com ``eval()`` e ``no_grad()`` (capítulo 2):
        custo e taxa de erro, esta pela ``regra`` de decisão (``metricas.REGRAS``).
    agendador : torch.optim.lr_scheduler, opcional
        Passo variável (capítulo 8). ``agendar_por`` diz quando chamar ``agendador.step()``:
        ``"epoca"`` (padrão, o certo para quase todos) ou ``"lote"`` (como o tutorial fazia).
        ``ReduceLROnPlateau`` recebe o custo de validação (ou de treino, sem validação).
    relatar_a_cada : int, opcional
        Imprime ``época N: custo ...`` (o custo do último mini-lote da época, como o tutorial
        imprimia) a cada tantas épocas.
    ao_divergir : ``"parar"`` ou ``"erro"``
        Se o custo virar NaN ou infinito: ``"parar"`` imprime a explicação e devolve o
        histórico com ``divergiu=True``; ``"erro"`` levanta ``TreinoDivergiu``.
    progresso : bool
        Mostra uma barra de progresso das épocas (``tqdm``).
    historico : Historico, opcional
        Um histórico anterior, para continuar o mesmo treinamento.
    """
    if isinstance(epocas, bool) or not isinstance(epocas, int) or epocas < 0:
        raise ValueError(f"epocas deve ser um inteiro ≥ 0; recebi {epocas!r}")
    if agendar_por not in ("epoca", "lote"):
        raise ValueError(f"agendar_por deve ser 'epoca' ou 'lote'; recebi {agendar_por!r}")
    if ao_divergir not in ("parar", "erro"):
        raise ValueError(f"ao_divergir deve ser 'parar' ou 'erro'; recebi {ao_divergir!r}")
    if relatar_a_cada is not None and (not isinstance(relatar_a_cada, int) or relatar_a_cada < 1):
        raise ValueError(f"relatar_a_cada deve ser um inteiro ≥ 1 ou None; recebi {relatar_a_cada!r}")
    if validacao is not None and len(validacao) != 2:
        raise ValueError("validacao deve ser um par (X_val, d_val)")
    h = Historico() if historico is None else historico
    dispositivo = next(modelo.parameters()).device
    if validacao is not None:  # no Colab com GPU, a validação vai para onde o modelo está
        validacao = no_dispositivo_do(modelo, *validacao)
    plateau = isinstance(agendador, torch.optim.lr_scheduler.ReduceLROnPlateau)
    por_lote = agendador is not None and agendar_por == "lote"
    inicio = h.epocas
    modelo.train()
    for epoca in tqdm(range(inicio, inicio + epocas), disable=not progresso, desc="épocas"):
        passo = otimizador.param_groups[0]["lr"]
        soma = 0.0
        for n, (X, d) in enumerate(lotes):
            if X.device != dispositivo:
                X, d = X.to(dispositivo), d.to(dispositivo)
            otimizador.zero_grad()
            y = modelo(X)
            custo = funcao_custo(y, d)
            custo.backward()
            otimizador.step()
            valor = custo.item()
            h.custos_lote.append(valor)
            if not math.isfinite(valor):
                h.divergiu = True
                h.mensagem = _mensagem_divergencia(valor, epoca, n, otimizador)
                if ao_divergir == "erro":
                    raise TreinoDivergiu(h.mensagem, h)
                print("Atenção:", h.mensagem)
                return h
            soma += valor
            if por_lote:
                agendador.step()
        h.custos_treino.append(soma / (n + 1))
        h.passos.append(passo)
        if validacao is not None:
            modelo.eval()
            with torch.no_grad():
                y_val = modelo(validacao[0])
                h.custos_validacao.append(funcao_custo(y_val, validacao[1]).item())
            h.taxas_validacao.append(taxa_de_erro(y_val, validacao[1], regra))
            modelo.train()
        if agendador is not None and not por_lote:
            if plateau:
                agendador.step(h.custos_validacao[-1] if validacao is not None else h.custos_treino[-1])
            else:
                agendador.step()
        if relatar_a_cada and epoca % relatar_a_cada == 0:
            texto = f"época {epoca}: custo {numero(valor, '.3g')}"
            if validacao is not None:
                texto += f", custo de validação {numero(h.custos_validacao[-1], '.3g')}"
            print(texto)
    return h
