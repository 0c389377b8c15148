"""As conclusões de cada capítulo, conferidas em código (todos os capítulos).

Cada capítulo afirma algo que o seu experimento mostra ("a entropia cruzada
leva mais sementes a 1 % de erro", "a validação passa por um mínimo"). O
nbval não compara figuras; por isso cada conclusão é conferida numa célula:

    conclusoes = Conclusoes(livro=dict(semente=111, epocas=300), semente=semente, epocas=epocas)
    ...
    conclusoes.conferir(chegaram_bce > chegaram_mse, "a entropia cruzada leva mais sementes a 1 %",
                        f"{chegaram_bce} contra {chegaram_mse} de 20")

- Com os parâmetros do livro, uma conclusão que não vale é um erro
  (``ConclusaoNaoValeu``): o texto do livro estaria errado, e os testes falham.
- Com outros parâmetros (o aluno mudou a semente, as épocas ou o passo), a
  mesma conferência só explica, em português, o que o livro afirmou e o que
  esta execução deu, e o notebook continua. ``python -m moonlib figuras
  --semente S`` junta essas explicações num relatório por capítulo.

Só se afirma o que vale em qualquer CPU: conclusões sobre grandezas caóticas
(um treino só com passo grande, o custo numa época tardia) são afirmadas sobre
várias sementes, com folga (ver "Regras do livro" no README).
"""
import math
import numbers

MIME = "application/vnd.meias-luas.conclusao+json"
"""Tipo da saída que registra uma conclusão que não valeu com os parâmetros de quem rodou."""


class ConclusaoNaoValeu(AssertionError):
    """Uma conclusão do livro não valeu com os parâmetros do próprio livro."""


def _texto(valor):
    if isinstance(valor, float):
        return f"{valor:g}".replace(".", ",")
    return str(valor)


def _iguais(a, b):
    if isinstance(a, numbers.Real) and isinstance(b, numbers.Real) and not isinstance(a, bool):
        return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))
    return a == b


class Conclusoes:
    """Confere as conclusões de um capítulo, sabendo se os parâmetros são os do livro (todos os capítulos).

    Parâmetros
    ----------
    livro : dict
        Os valores da célula de parâmetros do capítulo, como o livro os escreveu
        (por exemplo ``dict(semente=111, epocas=300)``).
    **usados
        Os valores desta execução, com os mesmos nomes (``semente=semente, ...``).
    """

    def __init__(self, livro, **usados):
        if not isinstance(livro, dict) or not livro:
            raise TypeError("livro deve ser um dicionário com os parâmetros do livro, como dict(semente=111)")
        if set(livro) != set(usados):
            raise ValueError(f"dê um valor usado para cada parâmetro do livro: livro tem {sorted(livro)}, "
                             f"usados tem {sorted(usados)}")
        self.livro = dict(livro)
        self.usados = dict(usados)
        self.nao_valeram = []

    @property
    def parametros_do_livro(self):
        """``True`` se esta execução usa exatamente os parâmetros do livro."""
        return all(_iguais(self.usados[nome], valor) for nome, valor in self.livro.items())

    def trocados(self):
        """Texto com os parâmetros que diferem dos do livro, como ``semente = 2024 (o livro usa 111)``."""
        return "; ".join(f"{nome} = {_texto(self.usados[nome])} (o livro usa {_texto(valor)})"
                         for nome, valor in self.livro.items() if not _iguais(self.usados[nome], valor))

    def conferir(self, vale, afirmacao, obtido=""):
        """Confere uma conclusão: ``vale`` diz se ela valeu nesta execução.

        Parâmetros
        ----------
        vale : bool
            O resultado da conferência (por exemplo ``mediana < 1.0``).
        afirmacao : str
            A conclusão, numa frase que um aluno entende ("a mediana do erro fica abaixo de 1 %").
        obtido : str
            O que esta execução deu, para explicar quando a conclusão não vale.

        Com os parâmetros do livro, levanta ``ConclusaoNaoValeu`` se ``vale`` for falso;
        com outros, explica e segue. Quando vale, mostra ``✔`` e a afirmação. Não devolve
        nada (numa célula, um ``True`` solto apareceria na saída); as que não valeram ficam
        em ``nao_valeram``.
        """
        if not isinstance(afirmacao, str) or not afirmacao.strip():
            raise TypeError("afirmacao deve ser um texto com a conclusão do livro")
        try:
            vale = bool(vale)
        except (TypeError, ValueError):
            raise TypeError(f"vale deve ser verdadeiro ou falso (um bool); recebi {vale!r}") from None
        if vale:
            print(f"✔ {afirmacao}")
            return
        detalhe = f" Esta execução deu: {obtido}." if obtido else ""
        if self.parametros_do_livro:
            raise ConclusaoNaoValeu(f"a conclusão do livro não valeu com os parâmetros do livro: {afirmacao}.{detalhe}")
        self.nao_valeram.append({"afirmacao": afirmacao, "obtido": obtido, "parametros": self.trocados()})
        texto = (f"✘ Com os seus parâmetros ({self.trocados()}), esta conclusão do livro não valeu: "
                 f"{afirmacao}.{detalhe} O livro a afirma para os valores dele; com outros, o resultado "
                 "pode mudar, e descobrir o quanto é justamente o experimento.")
        _mostrar(texto, self.nao_valeram[-1])


def _mostrar(texto, registro):
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None
    if get_ipython is None or get_ipython() is None:  # fora do Jupyter: só o texto
        print(texto)
        return
    display({"text/plain": texto, MIME: registro}, raw=True)
