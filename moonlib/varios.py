"""Treinar K modelos de uma vez, para ver a variação entre sementes (capítulo 2).

Uma comparação entre duas configurações treinadas uma vez cada pode ser
acaso dos pesos iniciais. Aqui K cópias da mesma arquitetura, cada uma com a
sua semente, são empilhadas: cada ``nn.Linear`` vira um tensor de pesos
K×saída×entrada e o cálculo de todas é uma multiplicação de matrizes em lote
(``torch.baddbmm``). Como cada modelo só enxerga os próprios pesos e o próprio
mini-lote, o resultado é o de K treinos separados com ``treinar``, a menos de
arredondamentos de ponto flutuante (um teste verifica), e custa quase o mesmo
que treinar um modelo só.
"""
import copy
import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from .dados import Lotes
from .metricas import erros
from .treino import Historico

_ELEMENTO_A_ELEMENTO = (nn.Tanh, nn.ReLU, nn.Sigmoid, nn.LeakyReLU, nn.Identity)


class _LinearK(nn.Module):
    # Os pesos ficam guardados já transpostos (K×entrada×saída) e o viés como K×1×saída:
    # assim o cálculo é um único baddbmm, sem cópias, e o passo de treino fica ~12 % mais barato.
    def __init__(self, camadas):
        super().__init__()
        self.weight_t = nn.Parameter(torch.stack([c.weight.detach().t() for c in camadas]).contiguous())
        tem_vies = camadas[0].bias is not None
        self.bias = nn.Parameter(torch.stack([c.bias.detach() for c in camadas]).unsqueeze(1).clone()) if tem_vies else None

    def forward(self, x):  # x: K×B×entrada
        if self.bias is None:
            return torch.bmm(x, self.weight_t)
        return torch.baddbmm(self.bias, x, self.weight_t)

    def copiar_para(self, camada, k):
        camada.weight.data.copy_(self.weight_t.detach()[k].t())
        if self.bias is not None:
            camada.bias.data.copy_(self.bias.detach()[k, 0])


class _BatchNormK(nn.Module):
    """``BatchNorm1d`` com estatísticas separadas para cada um dos K modelos."""

    def __init__(self, camadas):
        super().__init__()
        c0 = camadas[0]
        if not (c0.affine and c0.track_running_stats) or c0.momentum is None:
            raise TypeError("só BatchNorm1d com affine=True, track_running_stats=True e momentum numérico")
        self.eps, self.momentum = c0.eps, c0.momentum
        self.weight = nn.Parameter(torch.stack([c.weight.detach() for c in camadas]).clone())
        self.bias = nn.Parameter(torch.stack([c.bias.detach() for c in camadas]).clone())
        self.register_buffer("running_mean", torch.stack([c.running_mean for c in camadas]).clone())
        self.register_buffer("running_var", torch.stack([c.running_var for c in camadas]).clone())
        self.register_buffer("num_batches_tracked", c0.num_batches_tracked.clone())

    def forward(self, x):  # x: K×B×C
        if self.training:
            n = x.shape[1]
            if n < 2:
                raise ValueError("normalização em lote no modo de treino precisa de mini-lotes com 2 ou mais exemplos")
            media = x.mean(1, keepdim=True)
            variancia = x.var(1, unbiased=False, keepdim=True)
            with torch.no_grad():  # estatísticas acumuladas, como nn.BatchNorm1d (variância não enviesada)
                self.running_mean.lerp_(media[:, 0], self.momentum)
                self.running_var.lerp_(variancia[:, 0] * n / (n - 1), self.momentum)
                self.num_batches_tracked += 1
        else:
            media, variancia = self.running_mean.unsqueeze(1), self.running_var.unsqueeze(1)
        return (x - media) / torch.sqrt(variancia + self.eps) * self.weight.unsqueeze(1) + self.bias.unsqueeze(1)


class _DropoutK(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):  # máscaras sorteadas de forma independente para cada modelo e exemplo
        return F.dropout(x, self.p, self.training)


class MLPsEmpilhadas(nn.Module):
    """K MLPs de mesma arquitetura, calculadas juntas (capítulo 2).

    Construída a partir de K modelos ``nn.Sequential`` (por exemplo de
    ``criar_mlp``), com camadas ``Linear``, ``BatchNorm1d``, ``Dropout`` e ativações
    elemento a elemento. A entrada tem forma K×B×entradas (ou B×entradas, a mesma
    para todos) e a saída, K×B×saídas.
    """

    def __init__(self, modelos):
        super().__init__()
        modelos = list(modelos)
        if not modelos:
            raise ValueError("preciso de ao menos um modelo")
        estrutura = [repr(m) for m in modelos]
        if any(e != estrutura[0] for e in estrutura):
            raise ValueError("todos os modelos devem ter a mesma arquitetura")
        if not isinstance(modelos[0], nn.Sequential):
            raise TypeError("os modelos devem ser nn.Sequential (use criar_mlp)")
        self.k = len(modelos)
        self.molde = copy.deepcopy(modelos[0])
        camadas = []
        for i, camada in enumerate(modelos[0]):
            todas = [m[i] for m in modelos]
            if isinstance(camada, nn.Linear):
                camadas.append(_LinearK(todas))
            elif isinstance(camada, nn.BatchNorm1d):
                camadas.append(_BatchNormK(todas))
            elif isinstance(camada, nn.Dropout):
                camadas.append(_DropoutK(camada.p))
            elif isinstance(camada, _ELEMENTO_A_ELEMENTO):
                camadas.append(copy.deepcopy(camada))
            else:
                raise TypeError(f"camada não suportada para treino em lote: {type(camada).__name__}")
        self.camadas = nn.Sequential(*camadas)

    def forward(self, x):
        if x.ndim == 2:
            x = x.unsqueeze(0).expand(self.k, -1, -1)
        # Chama forward() de cada camada direto, sem o maquinário de ganchos do nn.Module:
        # em redes deste tamanho, esse maquinário pesa no custo de cada passo.
        for camada in self.camadas:
            x = camada.forward(x)
        return x

    def taxas_de_erro(self, X, d, regra="sinal"):
        """Taxa de erro (%) de cada um dos K modelos em ``(X, d)``, em modo de avaliação: array de K números.

        Uma só passada pelos K modelos, em vez de ``avaliar(self.modelo(k), X, d)`` para cada ``k``.
        """
        estava_treinando = self.training
        self.eval()
        try:
            with torch.no_grad():
                y = self(X)
        finally:
            self.train(estava_treinando)
        d = d.unsqueeze(0).expand(self.k, *d.shape)
        return (erros(y, d, regra).flatten(1).mean(1) * 100).cpu().numpy()

    def modelo(self, k):
        """Uma cópia ``nn.Sequential`` comum do modelo ``k``, com os pesos e estatísticas dele."""
        if not 0 <= k < self.k:
            raise IndexError(f"k deve estar entre 0 e {self.k - 1}; recebi {k}")
        m = copy.deepcopy(self.molde)
        for destino, origem in zip(m, self.camadas):
            if isinstance(origem, _LinearK):
                origem.copiar_para(destino, k)
                continue
            for nome, tensor in list(origem.named_parameters(recurse=False)) + list(origem.named_buffers(recurse=False)):
                getattr(destino, nome).data.copy_(tensor.detach() if tensor.ndim == 0 else tensor.detach()[k])
        m.train(self.training)
        return m


@dataclass
class HistoricoVarios:
    """Histórico de K treinos: arrays com uma coluna por modelo (capítulo 2).

    ``custos_lote`` (lotes × K), ``custos_treino``, ``custos_validacao`` e
    ``taxas_validacao`` (épocas × K; NaN sem validação), ``passos`` (épocas),
    ``divergiu`` (K,), ``sementes`` (K,).
    """

    custos_lote: np.ndarray
    custos_treino: np.ndarray
    custos_validacao: np.ndarray
    taxas_validacao: np.ndarray
    passos: np.ndarray
    divergiu: np.ndarray
    sementes: tuple

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
    sementes = tuple(int(s) for s in sementes)
    if not sementes:
        raise ValueError("sementes deve ter ao menos uma semente")
    if isinstance(epocas, bool) or not isinstance(epocas, int) or epocas < 0:
        raise ValueError(f"epocas deve ser um inteiro ≥ 0; recebi {epocas!r}")
    lotes = Lotes(X, d, tamanho_lote)  # também valida X, d e o tamanho
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
        empilhadas = MLPsEmpilhadas(modelos).to(X.device)
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
        empilhadas.train()
        for epoca in tqdm(range(epocas), disable=not progresso, desc="épocas"):
            passos.append(otimizador.param_groups[0]["lr"])
            ordens = torch.stack([lotes.ordem(g) for g in geradores[:1 if mesma_ordem else k]]).expand(k, n).to(X.device)
            # index_select num índice achatado: ~2× mais rápido que X[ordens]
            Xo = X.index_select(0, ordens.flatten()).view(k, n, *X.shape[1:])
            do = d.index_select(0, ordens.flatten()).view(k, n, *d.shape[1:])
            for inicio in range(0, n, tamanho_lote):
                for p in parametros:  # o mesmo que otimizador.zero_grad(), sem o custo do perfilador
                    p.grad = None
                custos = custo_k(empilhadas(Xo[:, inicio:inicio + tamanho_lote]), do[:, inicio:inicio + tamanho_lote])
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
            if divergiu.all():
                print(f"Atenção: todos os {k} modelos divergiram (custo NaN ou infinito) até a época {epoca}; "
                      "treino interrompido. Tente um passo de adaptação menor.")
                break
    feitas = len(passos)  # menos que epocas se todos divergiram
    custos_lote = torch.stack(custos_lote).cpu() if custos_lote else torch.empty(0, k)
    divergiu = ~torch.isfinite(custos_lote).all(0)
    sem_validacao = np.full((feitas, k), np.nan)
    h = HistoricoVarios(custos_lote=custos_lote.numpy(), custos_treino=custos_lote.reshape(feitas, por_epoca, k).mean(1).numpy(),
                        custos_validacao=custos_val[:feitas].numpy() if validacao is not None else sem_validacao,
                        taxas_validacao=taxas_val[:feitas].numpy() if validacao is not None else sem_validacao,
                        passos=np.array(passos), divergiu=divergiu.numpy(), sementes=sementes)
    return empilhadas, h
