"""O treinador: o mesmo laço que o capítulo 1 escreve à mão.

Nada de framework: ``treinar`` percorre épocas e mini-lotes, zera os
gradientes, calcula saída e custo, faz ``backward()`` e ``step()``, na mesma
ordem do laço escrito no capítulo 1; um teste mostra que os números são
idênticos, bit a bit.
"""
import math
from dataclasses import dataclass, field

import torch
from torch import nn

from .formatos import numero
from .metricas import REGRAS, no_dispositivo_do, saturadas, taxa_de_erro
from .validacao import ParametroInvalido, booleano, inteiro, opcao, tensor_de_alvos, tensor_de_entradas


class TreinoDivergiu(RuntimeError):
    """O treino divergiu (custo NaN ou infinito, ou a saída saturada); ``historico`` guarda o que foi treinado até ali."""

    def __init__(self, mensagem, historico):
        super().__init__(mensagem)
        self.historico = historico


def barra_de_progresso(epocas, mostrar):
    """As épocas, com uma barra de progresso (``tqdm``) se ``mostrar``; senão, as mesmas épocas, sem barra.

    O ``tqdm`` só é importado quando a barra é pedida: no Jupyter ele carrega o IPython e os widgets, e
    ``import moonlib`` deve continuar leve.
    """
    if not mostrar:
        return epocas
    from tqdm.auto import tqdm
    return tqdm(epocas, desc="épocas")


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
        ``True`` se o treino parou porque divergiu: o custo virou NaN ou infinito, ou a saída
        ficou presa nos extremos, acertando só metade, como um chute.
    mensagem : str
        A explicação da parada, quando houve.
    epocas_saturada : int
        Épocas seguidas, até agora, com a saída presa nos extremos acertando só metade, como um chute
        (guardado aqui para que um treino continuado, época a época, também detecte a saturação).
    """

    custos_lote: list = field(default_factory=list)
    custos_treino: list = field(default_factory=list)
    custos_validacao: list = field(default_factory=list)
    taxas_validacao: list = field(default_factory=list)
    passos: list = field(default_factory=list)
    divergiu: bool = False
    mensagem: str = ""
    epocas_saturada: int = 0

    @property
    def epocas(self):
        """Número de épocas completas registradas."""
        return len(self.custos_treino)


EPOCAS_SATURADA = 10
"""Épocas seguidas com a saída presa nos extremos, acertando só metade, como um chute, para o treino ser dado como divergido."""


def _mensagem_divergencia(valor, epoca, lote, otimizador):
    lr = otimizador.param_groups[0].get("lr")
    return (
        f"O custo virou {valor} na época {epoca}, mini-lote {lote}: o treinamento divergiu e foi interrompido. "
        f"Causas comuns: passo de adaptação grande demais (lr = {lr:g}), pesos iniciais grandes demais, "
        "ou uma função custo que recebeu valores fora do seu domínio (por exemplo, log(0) na entropia cruzada). "
        "Tente um passo menor."
    )


def _mensagem_saturacao(epoca, otimizador):
    lr = otimizador.param_groups[0].get("lr")
    return (
        f"Até a época {epoca}, a saída da rede ficou {EPOCAS_SATURADA} épocas seguidas presa nos extremos, "
        "acertando só metade, como um chute: o treinamento divergiu sem virar NaN (a rede saturou) e foi interrompido. "
        f"Causa mais comum: passo de adaptação grande demais (lr = {lr:g}); tente um passo menor "
        "(ou, se os pesos iniciais forem grandes, uma inicialização menor)."
    )


CUSTOS_DE_CLASSE = (nn.CrossEntropyLoss, nn.NLLLoss)
"""Funções custo que recebem índices de classe (um vetor de N inteiros), e não alvos com a forma da saída."""


def conferir_lote(X, d, y, funcao_custo):
    """Confere um mini-lote e a saída da rede para ele: formas e tipos compatíveis (capítulos 1 e 6).

    Pega erros que o PyTorch não acusa, ou acusa em inglês e longe da causa: alvos de forma N
    com o MSE (o custo compararia cada saída com todos os alvos, e o treino ficaria em 50 % de
    erro), ``float64``, NaN nos dados.
    """
    tensor_de_entradas("X", X, entradas=X.shape[-1] if X.ndim == 2 and X.shape[-1] > 0 else 2)
    if isinstance(funcao_custo, CUSTOS_DE_CLASSE):
        tensor_de_alvos("d", d, X.shape[0], classes=True)
        return
    tensor_de_alvos("d", d, X.shape[0])
    if y is not None:
        conferir_saida(y, d, funcao_custo)


def conferir_saida(y, d, funcao_custo):
    """A saída ``y`` da rede e os alvos ``d`` têm a mesma forma (menos na entropia cruzada com índices de classe)."""
    if not isinstance(funcao_custo, CUSTOS_DE_CLASSE) and y.shape != d.shape:
        raise ParametroInvalido(
            f"a saída da rede tem forma {tuple(y.shape)} e os alvos d, {tuple(d.shape)}: as duas formas devem ser "
            "iguais; senão o custo compara cada saída com vários alvos (o PyTorch só avisa, em inglês)")


def entradas_da_rede(modelo):
    """Quantas entradas a primeira camada ``Linear`` de ``modelo`` espera (``None`` se não houver uma)."""
    primeira = next((c for c in modelo.modules() if isinstance(c, nn.Linear)), None)
    return None if primeira is None else primeira.in_features


def conferir_modelo(modelo, otimizador=None):
    """Confere que ``modelo`` é uma rede com parâmetros (e ``otimizador``, um otimizador); devolve o dispositivo."""
    if not isinstance(modelo, nn.Module):
        raise ParametroInvalido(f"modelo deve ser uma rede do PyTorch (nn.Module); recebi {type(modelo).__name__}")
    parametro = next(modelo.parameters(), None)
    if parametro is None:
        raise ParametroInvalido("o modelo não tem parâmetros para treinar (nenhuma camada com pesos)")
    if otimizador is not None and not isinstance(otimizador, torch.optim.Optimizer):
        raise ParametroInvalido("otimizador deve ser um otimizador do PyTorch, como torch.optim.SGD(modelo.parameters(), "
                                f"lr=0.5); recebi {type(otimizador).__name__}")
    return parametro.device


def treinar(modelo, lotes, funcao_custo, otimizador, epocas, *, validacao=None, agendador=None,
            agendar_por="epoca", relatar_a_cada=None, ao_divergir="parar", progresso=False, historico=None,
            regra="sinal"):
    """Treina ``modelo`` por ``epocas`` épocas e devolve o ``Historico`` (capítulo 1).

    Parâmetros
    ----------
    modelo : nn.Module
        A rede; os lotes são enviados ao dispositivo dos parâmetros dela.
    lotes : iterável de (X, d)
        Os mini-lotes de uma época, como ``Lotes`` ou um ``DataLoader``; percorrido de novo a
        cada época. ``X`` é N×entradas em ``float32``; ``d`` tem a forma da saída da rede (N×1,
        ``float32``) ou, com ``CrossEntropyLoss``, é um vetor de N índices de classe.
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
        Se o treino divergir (o custo vira NaN ou infinito, ou a saída fica ``EPOCAS_SATURADA``
        épocas seguidas presa nos extremos, acertando só metade, como um chute): ``"parar"``
        imprime a explicação e devolve o histórico com ``divergiu=True``; ``"erro"`` levanta
        ``TreinoDivergiu``.
    progresso : bool
        Mostra uma barra de progresso das épocas (``tqdm``).
    historico : Historico, opcional
        Um histórico anterior, para continuar o mesmo treinamento.
    regra : str
        A regra de decisão (``metricas.REGRAS``) da taxa de erro e da detecção de saturação.
    """
    epocas = inteiro("epocas", epocas, minimo=0)
    opcao("agendar_por", agendar_por, ("epoca", "lote"))
    opcao("ao_divergir", ao_divergir, ("parar", "erro"))
    opcao("regra", regra, tuple(REGRAS))
    booleano("progresso", progresso)
    if relatar_a_cada is not None:
        relatar_a_cada = inteiro("relatar_a_cada", relatar_a_cada, minimo=1)
    dispositivo = conferir_modelo(modelo, otimizador)
    if historico is not None and not isinstance(historico, Historico):
        raise ParametroInvalido(f"historico deve ser um Historico de um treino anterior; recebi {type(historico).__name__}")
    if validacao is not None:
        if not isinstance(validacao, (tuple, list)) or len(validacao) != 2:
            raise ParametroInvalido("validacao deve ser um par (X_val, d_val)")
        conferir_lote(*validacao, None, funcao_custo)
        # No Colab com GPU, a validação vai para onde o modelo está.
        validacao = no_dispositivo_do(modelo, *validacao)
    h = Historico() if historico is None else historico
    plateau = isinstance(agendador, torch.optim.lr_scheduler.ReduceLROnPlateau)
    por_lote = agendador is not None and agendar_por == "lote"
    inicio = h.epocas
    conferido = False
    modelo.train()
    for epoca in barra_de_progresso(range(inicio, inicio + epocas), progresso):
        passo = otimizador.param_groups[0]["lr"]
        soma, n = 0.0, -1
        for n, (X, d) in enumerate(lotes):
            if not conferido:  # o primeiro mini-lote: erros de forma e de tipo, com uma mensagem em português
                conferir_lote(X, d, None, funcao_custo)
                esperadas = entradas_da_rede(modelo)
                if esperadas is not None and X.shape[1] != esperadas:
                    raise ParametroInvalido(f"a rede espera {esperadas} entradas por ponto, e X tem {X.shape[1]} colunas")
            if X.device != dispositivo:
                X, d = X.to(dispositivo), d.to(dispositivo)
            otimizador.zero_grad()
            y = modelo(X)
            if not conferido:
                conferir_saida(y, d, funcao_custo)
                conferido = True
            custo = funcao_custo(y, d)
            custo.backward()
            otimizador.step()
            valor = custo.item()
            h.custos_lote.append(valor)
            if not math.isfinite(valor):
                return _divergiu(h, _mensagem_divergencia(valor, epoca, n, otimizador), ao_divergir)
            soma += valor
            if por_lote:
                agendador.step()
        if n < 0:
            raise ParametroInvalido("lotes não tem nenhum mini-lote: os dados de treino estão vazios")
        h.custos_treino.append(soma / (n + 1))
        h.passos.append(passo)
        # A saída presa nos extremos, acertando só metade, como um chute, época após época: divergiu sem NaN.
        h.epocas_saturada = h.epocas_saturada + 1 if bool(saturadas(y.detach(), d, regra)) else 0
        if h.epocas_saturada >= EPOCAS_SATURADA:
            return _divergiu(h, _mensagem_saturacao(epoca, otimizador), ao_divergir)
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


def _divergiu(h, mensagem, ao_divergir):
    h.divergiu, h.mensagem = True, mensagem
    if ao_divergir == "erro":
        raise TreinoDivergiu(mensagem, h)
    print("Atenção:", mensagem)
    return h
