"""K redes de mesma arquitetura calculadas juntas, uma por semente (capítulo 2).

Uma comparação entre duas configurações treinadas uma vez cada pode ser acaso
dos pesos iniciais; por isso o livro treina cada configuração com várias
sementes. Aqui K cópias da mesma rede (de ``criar_mlp``) viram uma só: cada
``nn.Linear`` vira um tensor de pesos K×entrada×saída e o cálculo de todas é uma
multiplicação de matrizes em lote (``torch.baddbmm``). Cada rede só enxerga os
próprios pesos e a própria entrada, então o resultado é o de K redes separadas,
a menos de arredondamentos de ponto flutuante; e custa quase o mesmo que uma.

É a ideia de ``torch.func.stack_module_state`` + ``vmap`` (o *ensembling* da
documentação do PyTorch), escrita à mão para caber também a normalização em
lote com estatísticas separadas por rede. O treino fica em ``treino_varios``.
"""
import copy
import numbers

import torch
import torch.nn.functional as F
from torch import nn

from .metricas import erros, modo_avaliacao
from .modelos import ATIVACOES


class LinearK(nn.Module):
    """K camadas ``nn.Linear`` de mesma forma, calculadas com um ``baddbmm`` (capítulo 2).

    Os pesos ficam guardados já transpostos (K×entrada×saída) e o viés como
    K×1×saída: assim o cálculo é um único ``baddbmm``, sem cópias, e o passo de
    treino fica ~12 % mais barato.
    """

    def __init__(self, camadas):
        super().__init__()
        self.weight_t = nn.Parameter(torch.stack([c.weight.detach().t() for c in camadas]).contiguous())
        tem_vies = camadas[0].bias is not None
        self.bias = nn.Parameter(torch.stack([c.bias.detach() for c in camadas]).unsqueeze(1).clone()) if tem_vies else None

    def forward(self, x):  # x: K×B×entrada
        if self.bias is None:
            return torch.bmm(x, self.weight_t)
        return torch.baddbmm(self.bias, x, self.weight_t)

    def extra_repr(self):
        k, entrada, saida = self.weight_t.shape
        return f"k={k}, entrada={entrada}, saida={saida}, vies={self.bias is not None}"

    def copiar_para(self, camada, k):
        """Copia os pesos da rede ``k`` para uma ``nn.Linear`` comum."""
        with torch.no_grad():
            camada.weight.copy_(self.weight_t[k].t())
            if self.bias is not None:
                camada.bias.copy_(self.bias[k, 0])


class BatchNormK(nn.Module):
    """``BatchNorm1d`` com estatísticas separadas para cada uma das K redes (capítulo 9)."""

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

    def extra_repr(self):
        return f"k={self.weight.shape[0]}, canais={self.weight.shape[1]}, eps={self.eps}, momentum={self.momentum}"


class DropoutK(nn.Module):
    """``nn.Dropout`` para K redes: máscaras sorteadas de forma independente para cada rede e exemplo (capítulo 4)."""

    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return F.dropout(x, self.p, self.training)

    def extra_repr(self):
        return f"p={self.p}"


def _eh_ativacao(camada):
    # As ativações vêm do mesmo registro de criar_mlp: uma ativação nova em modelos.ATIVACOES
    # (todas agem elemento a elemento) funciona aqui sem mudar nada.
    return isinstance(camada, tuple(ATIVACOES.values()))


class MLPsEmpilhadas(nn.Module):
    """K MLPs de mesma arquitetura, calculadas juntas (capítulo 2).

    Construída a partir de K modelos ``nn.Sequential`` (por exemplo de
    ``criar_mlp``), com camadas ``Linear``, ``BatchNorm1d``, ``Dropout`` e as
    ativações de ``modelos.ATIVACOES``. A entrada tem forma K×B×entradas (ou
    B×entradas, a mesma para todos) e a saída, K×B×saídas. Os parâmetros são
    exatamente os das K redes: K vezes os de uma.
    """

    def __init__(self, modelos):
        super().__init__()
        modelos = list(modelos)
        if not modelos:
            raise ValueError("preciso de ao menos um modelo")
        if not all(isinstance(m, nn.Sequential) for m in modelos):
            raise TypeError("os modelos devem ser nn.Sequential (use criar_mlp)")
        estrutura = [repr(m) for m in modelos]
        if any(e != estrutura[0] for e in estrutura):
            raise ValueError("todos os modelos devem ter a mesma arquitetura")
        self.k = len(modelos)
        # O molde (a arquitetura de uma rede, para `modelo(k)`) fica numa tupla: assim não é
        # registrado como submódulo, e parameters() e state_dict() têm só os pesos das K redes.
        self._molde = (copy.deepcopy(modelos[0]),)
        camadas = []
        for i, camada in enumerate(modelos[0]):
            todas = [m[i] for m in modelos]
            if isinstance(camada, nn.Linear):
                camadas.append(LinearK(todas))
            elif isinstance(camada, nn.BatchNorm1d):
                camadas.append(BatchNormK(todas))
            elif isinstance(camada, nn.Dropout):
                camadas.append(DropoutK(camada.p))
            elif _eh_ativacao(camada):
                camadas.append(copy.deepcopy(camada))
            else:
                raise TypeError(f"camada não suportada para treino em lote: {type(camada).__name__}")
        self.camadas = nn.Sequential(*camadas)

    @classmethod
    def de_sementes(cls, criar_modelo, sementes):
        """Cria uma rede por semente (``torch.manual_seed(s); criar_modelo()``) e as empilha (capítulo 2).

        O gerador global do PyTorch volta ao estado em que estava.
        """
        sementes = [int(s) for s in sementes]
        with torch.random.fork_rng(devices=[]):
            modelos = []
            for s in sementes:
                torch.manual_seed(s)
                modelos.append(criar_modelo())
        return cls(modelos)

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
        dispositivo = next(self.parameters()).device
        X, d = X.to(dispositivo), d.to(dispositivo)
        with modo_avaliacao(self):
            y = self(X)
        d = d.unsqueeze(0).expand(self.k, *d.shape)
        return (erros(y, d, regra).flatten(1).mean(1) * 100).cpu().numpy()

    def modelo(self, k):
        """Uma cópia ``nn.Sequential`` comum do modelo ``k``, com os pesos e estatísticas dele."""
        if isinstance(k, bool) or not isinstance(k, numbers.Integral) or not 0 <= k < self.k:
            raise IndexError(f"k deve ser um inteiro entre 0 e {self.k - 1}; recebi {k!r}")
        m = copy.deepcopy(self._molde[0]).to(next(self.parameters()).device)
        with torch.no_grad():
            for destino, origem in zip(m, self.camadas):
                if isinstance(origem, LinearK):
                    origem.copiar_para(destino, k)
                    continue
                for nome, tensor in list(origem.named_parameters(recurse=False)) + list(origem.named_buffers(recurse=False)):
                    getattr(destino, nome).copy_(tensor if tensor.ndim == 0 else tensor[k])
        m.train(self.training)
        return m
