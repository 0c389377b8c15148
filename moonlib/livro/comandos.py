"""Comandos do livro: ``python -m moonlib <comando>``.

- ``regenerar``: roda os notebooks de cima a baixo e grava as saídas;
- ``copias``: escreve as cópias do aluno (sem soluções) e do professor;
- ``figuras``: salva todas as figuras dos capítulos em PNG e SVG;
- ``benchmark``: mede o custo por época do laço do tutorial e do treinador.
"""
import argparse
import math
import re
import sys

from ..validacao import ParametroInvalido


class _Formatador(argparse.HelpFormatter):
    """Ajuda em português: o argparse escreve "usage:" e "show this help message" em inglês."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


# As mensagens de erro do argparse (Python 3.9 a 3.13), em português.
_TRADUCOES = (
    (r"unrecognized arguments: (.*)", r"argumentos não reconhecidos: \1"),
    (r"the following arguments are required: (.*)", r"faltam os argumentos: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"argumento \1: escolha inválida: \2 (use um de: \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argumento \1: valor inválido: \3"),
    (r"argument (\S+): expected one argument", r"argumento \1: falta o valor"),
    (r"argument (\S+): (.*)", r"argumento \1: \2"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"comando desconhecido: \1 (use um de: \2)"),
)


def _traduzir(mensagem):
    for padrao, traducao in _TRADUCOES:
        if re.fullmatch(padrao, mensagem):
            return re.sub(padrao, traducao, mensagem)
    return mensagem


class _Parser(argparse.ArgumentParser):
    """O ``ArgumentParser`` com a ajuda e os erros em português."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatador)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erro: {_traduzir(message)}\n")


def _parser(*args, **kwargs):
    return _Parser(*args, **kwargs)


def _inteiro(minimo):
    def converter(texto):
        try:
            valor = int(texto)
        except ValueError:
            raise argparse.ArgumentTypeError(f"esperava um número inteiro; recebi {texto!r}") from None
        if valor < minimo:
            raise argparse.ArgumentTypeError(f"deve ser um inteiro ≥ {minimo}; recebi {valor}")
        return valor
    return converter


def _positivo(texto):
    try:
        valor = float(texto.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"esperava um número; recebi {texto!r}") from None
    if not math.isfinite(valor) or valor <= 0:
        raise argparse.ArgumentTypeError(f"deve ser um número finito > 0; recebi {texto!r}")
    return valor


def _em_portugues(p):
    p._positionals.title = "argumentos"
    p._optionals.title = "opções"
    p.add_argument("-h", "--help", action="help", help="mostra esta ajuda e sai")
    return p


def _argumentos(lista):
    p = _em_portugues(_parser(prog="python -m moonlib", description="Comandos do livro Meias-luas."))
    sub = p.add_subparsers(dest="comando", required=True, metavar="comando", parser_class=_parser,
                           title="comandos")
    r = sub.add_parser("regenerar", help="regenera as saídas dos notebooks (kernel novo, de cima a baixo)",
                       description="Executa cada notebook num kernel novo e grava as saídas; "
                                   "um notebook com célula que falha fica intocado.")
    _em_portugues(r)
    r.add_argument("notebooks", nargs="*", help="notebooks ou pastas (padrão: notebooks/ e as páginas book/*.ipynb; o comparativo e o plano de curso por último)")
    r.add_argument("--tempo-limite", type=_positivo, default=600, help="segundos por célula (padrão 600)")
    r.add_argument("--relatorio", help="grava um relatório JSON (notebook, ok, segundos, erro) neste arquivo")
    r.add_argument("--estado", metavar="CAMINHO",
                   help="escreve a página Markdown “Estado do livro” (resultado e tempo de cada notebook, versões "
                        "do ambiente) neste caminho, com os dados ao lado em .json; os notebooks que não rodaram "
                        "desta vez mantêm a linha anterior (o make notebooks usa book/estado.md)")
    c = sub.add_parser("copias", help="cópias do aluno (sem soluções nem saídas) e do professor",
                       description="Para cada capítulo, escreve SAIDA/aluno/NN.ipynb sem as células de solução e "
                                   "sem saídas, e SAIDA/professor/NN.ipynb completo.")
    _em_portugues(c)
    c.add_argument("notebooks", nargs="*", help="notebooks ou pastas (padrão: notebooks/)")
    c.add_argument("--saida", default="copias", help="pasta de destino (padrão: copias/)")
    f = sub.add_parser("figuras", help="salva todas as figuras dos capítulos em PNG (300 dpi) e SVG",
                       description="Executa cada capítulo num kernel novo e salva cada figura como "
                                   "capNN-figMM.png e .svg. Duas execuções dão arquivos idênticos. "
                                   "Os parâmetros principais podem ser trocados; as verificações de um "
                                   "capítulo podem então falhar, e as figuras são salvas mesmo assim.")
    _em_portugues(f)
    f.add_argument("notebooks", nargs="*", help="notebooks ou pastas (padrão: notebooks/ e as páginas book/*.ipynb)")
    f.add_argument("--saida", default="figuras", help="pasta de destino (padrão: figuras/)")
    f.add_argument("--semente", type=_inteiro(0), help="semente dos geradores aleatórios (o livro usa 111)")
    f.add_argument("--epocas", type=_inteiro(1), help="número de épocas do experimento principal de cada capítulo")
    f.add_argument("--passo", type=_positivo, help="passo de adaptação (learning rate) do experimento principal")
    f.add_argument("--dpi", type=_inteiro(10), default=300, help="resolução dos PNG (padrão: 300)")
    d = sub.add_parser("pdf", help="o livro em PDF (A4), inteiro e por capítulo, nas edições do aluno e do professor",
                       description="Constrói o livro numa página só e a imprime com o Chromium, sem rede: "
                                   "SAIDA/aluno/meias-luas.pdf (sem as soluções), SAIDA/professor/meias-luas.pdf "
                                   "(com elas) e, em cada edição, capitulos/NN-assunto.pdf.")
    _em_portugues(d)
    d.add_argument("--saida", default="pdf", help="pasta de destino (padrão: pdf/)")
    d.add_argument("--edicao", choices=("aluno", "professor", "ambas"), default="ambas",
                   help="qual edição gerar (padrão: ambas)")
    b = sub.add_parser("benchmark", help="ms por época: laço do tutorial, laço PyTorch puro e moonlib",
                       description="Mede, no mesmo processo, o custo por época de cada laço de treino.")
    _em_portugues(b)
    b.add_argument("--epocas", type=_inteiro(1), default=300, help="épocas por medição (padrão 300)")
    b.add_argument("--repeticoes", type=_inteiro(1), default=5, help="medições de cada laço; vale a mediana (padrão 5)")
    return p.parse_args(lista)


def main(lista=None):
    """Roda um comando; um engano de quem o chamou vira uma mensagem em português e um código de saída ≠ 0.

    Um erro do próprio moonlib continua mostrando o seu *traceback*: é um defeito a consertar.
    """
    args = _argumentos(sys.argv[1:] if lista is None else lista)
    if args.comando == "regenerar":
        from .regenerar import main as comando
    elif args.comando == "copias":
        from .copias import main as comando
    elif args.comando == "figuras":
        from .figuras import main as comando
    elif args.comando == "pdf":
        from .pdf import main as comando
    else:
        from .benchmark import main as comando
    try:
        return comando(args)
    except ParametroInvalido as erro:
        print(f"python -m moonlib {args.comando}: erro: {erro}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"Interrompido: o comando {args.comando} parou no meio; nenhum arquivo ficou pela metade.", file=sys.stderr)
        return 130
    except OSError as erro:  # pasta sem permissão, disco cheio...: o arquivo que ia ser gravado ficou como estava
        alvo = f" ({erro.filename})" if erro.filename else ""
        print(f"python -m moonlib {args.comando}: erro: {erro.strerror or erro}{alvo}", file=sys.stderr)
        return 1
