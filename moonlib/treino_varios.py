"""Treinar K modelos de uma vez, um por semente, para ver a variação entre sementes (capítulo 2).

``treinar_varios`` faz o que o laço ``for s in sementes: torch.manual_seed(s); treinar(...)``
faria, com as K redes empilhadas numa só (``empilhadas.MLPsEmpilhadas``): cada
modelo só enxerga os próprios pesos e o próprio mini-lote, então o resultado é
o de K treinos separados com ``treinar``, a menos de arredondamentos de ponto
flutuante (um teste e o capítulo 2 conferem), e custa quase o mesmo que treinar
um modelo só.
"""
import copy
import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .dados import Lotes
from .empilhadas import MLPsEmpilhadas
from .metricas import REGRAS, erros, modo_avaliacao, saturadas
from .treino import EPOCAS_SATURADA, Historico, barra_de_progresso, conferir_lote, entradas_da_rede
from .validacao import ParametroInvalido, booleano, inteiro, opcao


@dataclass
class HistoricoVarios:
    """Histórico de K treinos: arrays com uma coluna por modelo (capítulo 2).

    ``custos_lote`` (lotes × K), ``custos_treino``, ``custos_validacao`` e
    ``taxas_validacao`` (épocas × K; NaN sem validação), ``passos`` (épocas),
    ``divergiu`` (K,: o custo virou NaN ou infinito, ou a saída saturou), ``saturou``
    (K,: a saída ficou presa nos extremos, acertando só metade, como um chute, sem virar NaN),
    ``sementes`` (K,) e ``mensagem`` (a explicação, se algum modelo divergiu).
    """

    custos_lote: np.ndarray
    custos_treino: np.ndarray
    custos_validacao: np.ndarray
    taxas_validacao: np.ndarray
    passos: np.ndarray
    divergiu: np.ndarray
    sementes: tuple
    saturou: np.ndarray = None
    mensagem: str = ""

    def __post_init__(self):
        if self.saturou is None:
            self.saturou = np.zeros(len(self.sementes), dtype=bool)

    @property
    def k(self):
        return len(self.sementes)

    @property
    def epocas(self):
        return self.custos_treino.shape[0]

    def historico(self, k):
        """O ``Historico`` comum do modelo ``k`` (para ``plotar_custos``)."""
        validou = not np.isnan(self.custos_validacao).all()
        return Historico(custos_lote=self.custos_lote[:, k].tolist(), custos_treino=self.custos_treino[:, k].tolist(),
                         custos_validacao=self.custos_validacao[:, k].tolist() if validou else [],
                         taxas_validacao=self.taxas_validacao[:, k].tolist() if validou else [], passos=self.passos.tolist(),
                         divergiu=bool(self.divergiu[k]))


def _custo_por_modelo(funcao_custo):
    """A mesma função custo, mas devolvendo um valor por modelo (a média de cada mini-lote)."""
    if getattr(funcao_custo, "weight", None) is not None or getattr(funcao_custo, "pos_weight", None) is not None:
        raise ValueError("funções custo com pesos por classe não são suportadas no treino em lote")
    if not hasattr(funcao_custo, "reduction"):
        raise TypeError("funcao_custo deve ser uma perda do PyTorch, como nn.MSELoss() ou nn.BCELoss()")
    sem_reducao = copy.copy(funcao_custo)
    sem_reducao.reduction = "none"

    if isinstance(funcao_custo, (nn.CrossEntropyLoss, nn.NLLLoss)):
        def custo(y, d):  # y: K×B×C, d: K×B (essas perdas esperam a classe na dimensão 1)
            return sem_reducao(y.flatten(0, 1), d.flatten(0, 1)).reshape(y.shape[0], -1).mean(1)
    else:
        def custo(y, d):  # perdas elemento a elemento (MSE, BCE...): y e d com forma K×B×saídas
            return sem_reducao.forward(y, d).mean(tuple(range(1, y.ndim)))

    return custo


def treinar_varios(criar_modelo, sementes, X, d, funcao_custo, criar_otimizador, epocas, *, tamanho_lote=100,
                   validacao=None, criar_agendador=None, mesma_ordem=False, regra="sinal", progresso=False):
    """Treina um modelo por semente, todos de uma vez; devolve ``(modelos, HistoricoVarios)`` (capítulo 2).

    Equivale a, para cada semente ``s``::

        torch.manual_seed(s)
        modelo = criar_modelo()
        otimizador = criar_otimizador(modelo.parameters())
        treinar(modelo, Lotes(X, d, tamanho_lote), funcao_custo, otimizador, epocas, validacao=validacao)

    Cada modelo tem os pesos iniciais e a ordem dos mini-lotes da sua semente
    (com ``mesma_ordem=True``, todos usam a ordem da primeira semente). As
    máscaras de dropout são sorteadas de outro jeito que nos treinos separados:
    a equivalência aí é estatística. O gerador global do PyTorch volta ao estado
    anterior à chamada.

    Parâmetros
    ----------
    criar_modelo : callable sem argumentos
        Cria um modelo, por exemplo ``lambda: criar_mlp()``.
    sementes : sequência de int
        Uma semente por modelo (K = ``len(sementes)``).
    X, d : Tensor
        Dados de treino (N×2 e N×1, ou N para rótulos de classe).
    funcao_custo : perda do PyTorch
        Por exemplo ``nn.MSELoss()``; o custo de cada modelo é a média no seu mini-lote.
    criar_otimizador : callable
        Recebe os parâmetros e cria o otimizador, por exemplo
        ``lambda p: torch.optim.SGD(p, lr=0.5)``. SGD, Adam e os demais otimizadores
        elemento a elemento dão o mesmo que K otimizadores separados.
    epocas : int
        Número de épocas.
    validacao : (X_val, d_val), opcional
        Avaliado ao fim de cada época: custo e taxa de erro de cada modelo.
    criar_agendador : callable, opcional
        Recebe o otimizador e cria um agendador chamado a cada época (não ``ReduceLROnPlateau``,
        que decide por modelo).
    regra : str
        Regra de decisão da taxa de erro (``metricas.REGRAS``).
    """
    try:
        sementes = tuple(inteiro("cada semente", s, minimo=0) for s in sementes)
    except TypeError:
        raise ParametroInvalido(f"sementes deve ser uma sequência de inteiros, como sementes(20); recebi {sementes!r}") from None
    if not sementes:
        raise ParametroInvalido("sementes deve ter ao menos uma semente")
    epocas = inteiro("epocas", epocas, minimo=0)
    opcao("regra", regra, tuple(REGRAS))
    booleano("mesma_ordem", mesma_ordem)
    booleano("progresso", progresso)
    for nome, funcao in (("criar_modelo", criar_modelo), ("criar_otimizador", criar_otimizador)):
        if not callable(funcao):
            raise ParametroInvalido(f"{nome} deve ser uma função (por exemplo, uma lambda); recebi {type(funcao).__name__}")
    lotes = Lotes(X, d, tamanho_lote)  # também valida X, d e o tamanho
    conferir_lote(X, d, None, funcao_custo)
    if validacao is not None:
        if not isinstance(validacao, (tuple, list)) or len(validacao) != 2:
            raise ParametroInvalido("validacao deve ser um par (X_val, d_val)")
        conferir_lote(*validacao, None, funcao_custo)
    custo_k = _custo_por_modelo(funcao_custo)
    k, n = len(sementes), X.shape[0]
    with torch.random.fork_rng(devices=[]):
        geradores, modelos = [], []
        for s in sementes:
            torch.manual_seed(s)
            modelos.append(criar_modelo())
            # Daqui em diante, cada modelo sorteia a ordem dos seus mini-lotes no seu próprio
            # gerador, que continua a sequência do gerador global como num treino separado.
            geradores.append(torch.Generator())
            geradores[-1].set_state(torch.get_rng_state())
        esperadas = entradas_da_rede(modelos[0])
        if esperadas is not None and X.shape[1] != esperadas:
            raise ParametroInvalido(f"a rede espera {esperadas} entradas por ponto, e X tem {X.shape[1]} colunas")
        empilhadas = MLPsEmpilhadas(modelos).to(X.device)
        with modo_avaliacao(empilhadas):  # a forma da saída contra a dos alvos, sem mexer em nada do treino
            conferir_lote(X[:2], d[:2], empilhadas(X[:2])[0], funcao_custo)
        if validacao is not None:  # os modelos ficam onde estão os dados de treino; a validação vai junto
            validacao = tuple(t.to(X.device) for t in validacao)
        parametros = list(empilhadas.parameters())
        otimizador = criar_otimizador(parametros)
        agendador = None if criar_agendador is None else criar_agendador(otimizador)
        if isinstance(agendador, torch.optim.lr_scheduler.ReduceLROnPlateau):
            raise TypeError("ReduceLROnPlateau decide por modelo: treine cada semente com treinar()")
        por_epoca = math.ceil(n / tamanho_lote)
        custos_lote = []
        custos_val = torch.full((epocas, k), float("nan"))
        taxas_val = torch.full((epocas, k), float("nan"))
        passos = []
        divergiu = torch.zeros(k, dtype=torch.bool)
        saturada = torch.zeros(k, dtype=torch.long)  # épocas seguidas com a saída presa, acertando só metade, como um chute
        saturou = torch.zeros(k, dtype=torch.bool)
        empilhadas.train()
        for epoca in barra_de_progresso(range(epocas), progresso):
            passos.append(otimizador.param_groups[0]["lr"])
            ordens = torch.stack([lotes.ordem(g) for g in geradores[:1 if mesma_ordem else k]]).expand(k, n).to(X.device)
            # index_select num índice achatado: ~2× mais rápido que X[ordens]
            Xo = X.index_select(0, ordens.flatten()).view(k, n, *X.shape[1:])
            do = d.index_select(0, ordens.flatten()).view(k, n, *d.shape[1:])
            for inicio in range(0, n, tamanho_lote):
                for p in parametros:  # o mesmo que otimizador.zero_grad(), sem o custo do perfilador
                    p.grad = None
                y = empilhadas(Xo[:, inicio:inicio + tamanho_lote])
                custos = custo_k(y, do[:, inicio:inicio + tamanho_lote])
                custos.sum().backward()  # cada modelo recebe só o gradiente do próprio custo
                otimizador.step()
                custos_lote.append(custos.detach())
            if validacao is not None:
                empilhadas.eval()
                with torch.no_grad():
                    y_val = empilhadas(validacao[0])
                    d_val = validacao[1].unsqueeze(0).expand(k, *validacao[1].shape)
                    custos_val[epoca] = custo_k(y_val, d_val).cpu()
                    taxas_val[epoca] = erros(y_val, d_val, regra).flatten(1).mean(1).cpu() * 100
                empilhadas.train()
            if agendador is not None:
                agendador.step()
            # Um modelo que divergiu fica com pesos NaN, e o custo do último mini-lote da época mostra
            # isso; olhar só ele poupa tempo (a contagem exata, com todos os lotes, é feita no fim).
            divergiu |= ~torch.isfinite(custos_lote[-1]).cpu()
            presas = saturadas(y.detach(), do[:, inicio:inicio + tamanho_lote], regra)
            saturada = torch.where(presas, saturada + 1, 0)
            saturou |= saturada >= EPOCAS_SATURADA
            if (divergiu | saturou).all():
                print(f"Atenção: todos os {k} modelos divergiram até a época {epoca}; treino interrompido. "
                      "Tente um passo de adaptação menor.")
                break
    feitas = len(passos)  # menos que epocas se todos divergiram
    custos_lote = torch.stack(custos_lote).cpu() if custos_lote else torch.empty(0, k)
    nan = ~torch.isfinite(custos_lote).all(0)
    saturou &= ~nan
    mensagem = _mensagem(sementes, nan.numpy(), saturou.numpy())
    if mensagem and not (nan | saturou).all():
        print("Atenção:", mensagem)
    sem_validacao = np.full((feitas, k), np.nan)
    h = HistoricoVarios(custos_lote=custos_lote.numpy(), custos_treino=custos_lote.reshape(feitas, por_epoca, k).mean(1).numpy(),
                        custos_validacao=custos_val[:feitas].numpy() if validacao is not None else sem_validacao,
                        taxas_validacao=taxas_val[:feitas].numpy() if validacao is not None else sem_validacao,
                        passos=np.array(passos), divergiu=(nan | saturou).numpy(), sementes=sementes,
                        saturou=saturou.numpy(), mensagem=mensagem)
    return empilhadas, h


def _mensagem(sementes, nan, saturou):
    """A explicação, em português, de quais modelos divergiram e como (vazia se nenhum divergiu)."""
    partes = []
    for mascara, como in ((nan, "custo NaN ou infinito"), (saturou, "saída presa nos extremos, acertando só metade, como um chute")):
        if mascara.any():
            lista = ", ".join(str(s) for s, m in zip(sementes, mascara) if m)
            partes.append(f"semente{'s' if mascara.sum() > 1 else ''} {lista} ({como})")
    if not partes:
        return ""
    total = int(nan.sum() + saturou.sum())
    verbo = "divergiu" if total == 1 else "divergiram"
    eles = "Ele fica" if total == 1 else "Eles ficam"
    return (f"{total} de {len(sementes)} modelos {verbo}: {' e '.join(partes)}. {eles} de fora das faixas "
            f"de plotar_faixas e conta{'' if total == 1 else 'm'} como quem nunca chega a um alvo; um passo de adaptação "
            "menor costuma resolver (ou uma inicialização menor, se os pesos iniciais forem grandes).")
