"""Comandos do livro: ``python -m moonlib <comando>``.

- ``regenerar``: roda os notebooks de cima a baixo e grava as saídas;
- ``copias``: escreve as cópias do aluno (sem soluções) e do professor;
- ``benchmark``: mede o custo por época do laço do tutorial e do treinador.
"""
import argparse
import sys


def _argumentos(lista):
    p = argparse.ArgumentParser(prog="python -m moonlib", description="Comandos do livro Meias-luas.")
    sub = p.add_subparsers(dest="comando", required=True, metavar="comando")
    r = sub.add_parser("regenerar", help="regenera as saídas dos notebooks (kernel novo, de cima a baixo)",
                       description="Executa cada notebook num kernel novo e grava as saídas; "
                                   "um notebook com célula que falha fica intocado.")
    r.add_argument("notebooks", nargs="*", help="notebooks ou pastas (padrão: notebooks/)")
    r.add_argument("--tempo-limite", type=int, default=600, help="segundos por célula (padrão 600)")
    r.add_argument("--relatorio", help="grava um relatório JSON (notebook, ok, segundos, erro) neste arquivo")
    c = sub.add_parser("copias", help="cópias do aluno (sem soluções nem saídas) e do professor",
                       description="Para cada capítulo, escreve SAIDA/aluno/NN.ipynb sem as células de solução e "
                                   "sem saídas, e SAIDA/professor/NN.ipynb completo.")
    c.add_argument("notebooks", nargs="*", help="notebooks ou pastas (padrão: notebooks/)")
    c.add_argument("--saida", default="copias", help="pasta de destino (padrão: copias/)")
    b = sub.add_parser("benchmark", help="ms por época: laço do tutorial, laço PyTorch puro e moonlib",
                       description="Mede, no mesmo processo, o custo por época de cada laço de treino.")
    b.add_argument("--epocas", type=int, default=300, help="épocas por medição (padrão 300)")
    b.add_argument("--repeticoes", type=int, default=5, help="medições de cada laço; vale a mediana (padrão 5)")
    return p.parse_args(lista)


def main(lista=None):
    args = _argumentos(sys.argv[1:] if lista is None else lista)
    if args.comando == "regenerar":
        from .regenerar import main as regenerar
        return regenerar(args)
    if args.comando == "copias":
        from .copias import main as copias
        return copias(args)
    from .benchmark import main as benchmark
    return benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
