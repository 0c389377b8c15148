"""Benchmark: quanto custa uma época de treino, no mesmo processo (capítulo 1).

Mede, na configuração do tutorial (MLP 2-3-5-5-2-1 Tanh, MSE, SGD com passo
0,5, mini-lotes de 100, 1000 pontos):

- o laço do tutorial: ``DataLoader`` sobre uma lista de pares e o número de
  threads padrão do PyTorch;
- um laço PyTorch "puro", o mais enxuto possível, com uma thread;
- ``moonlib.treinar`` com ``Lotes``, com uma thread;
- ``moonlib.varios.treinar_varios`` com K = 10 e K = 50 modelos de uma vez,
  com uma thread (custo por modelo-época = custo da época ÷ K).

As medições se alternam e vale a mediana das repetições, porque a máquina
pode estar ocupada com outras coisas; compare as razões, não os absolutos.
"""
import statistics
import time

import torch
from torch import nn

from ..dados import Lotes, meias_luas, para_tensores
from ..modelos import criar_mlp
from ..treino import treinar
from ..treino_varios import treinar_varios


def _laco_tutorial(X, d, epocas):
    pares = [(X[i], d[i]) for i in range(len(X))]
    carregador = torch.utils.data.DataLoader(pares, batch_size=100, shuffle=True)
    modelo = criar_mlp()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    funcao_custo = nn.MSELoss()
    dispositivo = torch.device("cpu")
    custos = []
    inicio = time.perf_counter()
    for epoca in range(epocas):  # o laço do tutorial, linha a linha (sem o print)
        for n, (Xb, db) in enumerate(carregador):
            Xb = Xb.to(device=dispositivo)
            db = db.to(device=dispositivo)
            modelo.train()
            modelo.zero_grad()
            y = modelo(Xb)
            custo = funcao_custo(y, db)
            custo.backward()
            otimizador.step()
            custos.append(custo.item())
            if epoca % 500 == 0 and n == len(X) // 100 - 1:
                pass  # o tutorial imprime aqui; a impressão não entra na medida
    return time.perf_counter() - inicio


def _laco_puro(X, d, epocas):
    modelo = criar_mlp()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    funcao_custo = nn.MSELoss()
    inicio = time.perf_counter()
    for epoca in range(epocas):
        ordem = torch.randperm(len(X))
        for i in range(0, len(X), 100):
            j = ordem[i:i + 100]
            otimizador.zero_grad()
            custo = funcao_custo(modelo(X[j]), d[j])
            custo.backward()
            otimizador.step()
            custo.item()
    return time.perf_counter() - inicio


def _moonlib(X, d, epocas):
    modelo = criar_mlp()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.5)
    inicio = time.perf_counter()
    treinar(modelo, Lotes(X, d, 100), nn.MSELoss(), otimizador, epocas)
    return time.perf_counter() - inicio


def _varios(k):
    def medir(X, d, epocas):
        inicio = time.perf_counter()
        treinar_varios(criar_mlp, range(k), X, d, nn.MSELoss(), lambda p: torch.optim.SGD(p, lr=0.5), epocas)
        return (time.perf_counter() - inicio) / k
    return medir


def medir(epocas=300, repeticoes=5):
    """Devolve ``{nome: ms por modelo-época}`` (mediana de ``repeticoes`` medições alternadas)."""
    threads_padrao = torch.get_num_threads()
    torch.manual_seed(111)
    X, d = para_tensores(meias_luas(500, 500, semente=111))
    lacos = {
        "tutorial (DataLoader, threads padrão)": (_laco_tutorial, threads_padrao),
        "PyTorch puro (1 thread)": (_laco_puro, 1),
        "moonlib.treinar (1 thread)": (_moonlib, 1),
        "treinar_varios, K = 10 (1 thread)": (_varios(10), 1),
        "treinar_varios, K = 50 (1 thread)": (_varios(50), 1),
    }
    tempos = {nome: [] for nome in lacos}
    try:
        for _ in range(repeticoes):
            for nome, (funcao, threads) in lacos.items():
                torch.set_num_threads(threads)
                tempos[nome].append(funcao(X, d, epocas) / epocas * 1000)
    finally:
        torch.set_num_threads(threads_padrao)
    return {nome: statistics.median(t) for nome, t in tempos.items()}, threads_padrao


def main(argumentos):
    ms, threads_padrao = medir(argumentos.epocas, argumentos.repeticoes)
    print(f"{argumentos.epocas} épocas por medição, mediana de {argumentos.repeticoes}; "
          f"threads padrão do PyTorch aqui: {threads_padrao}")
    for nome, valor in ms.items():
        print(f"{nome:40s} {valor:7.3f} ms por modelo-época")
    tutorial, puro, moon, k10, k50 = ms.values()
    print(f"moonlib / PyTorch puro:  {moon / puro:.2f}×  (meta: ≤ 1,10×)")
    print(f"tutorial / moonlib:      {tutorial / moon:.2f}×  (meta: ≥ 1,30×)")
    print(f"K = 10 / tutorial:       {k10 / tutorial:.3f}×  (meta: ≤ 0,10×)")
    print(f"K = 50 / tutorial:       {k50 / tutorial:.3f}×")
    return 0
