"""A configuração do Playground: tudo o que o livro ensina a escolher, num só objeto imutável (capítulo 10).

Cada campo de ``Configuracao`` diz, nos seus metadados, tudo o que os outros
módulos precisam saber dele: em que grupo de controles aparece, com que rótulo,
que tipo de controle é (e a sua faixa) e como conferir o valor. O motor lê os
valores; a interface monta os controles a partir dos metadados; o texto de uma
linha e o código PyTorch também. Acrescentar um botão é acrescentar um campo
(e, se for uma escolha entre opções, as entradas da tabela em ``opcoes``).
"""
import dataclasses
from dataclasses import dataclass, field

from ..validacao import ParametroInvalido, booleano, inteiro, opcao, real
from . import opcoes

MAX_CAMADAS, MAX_UNIDADES = 8, 64


def camadas(valor):
    """``"3,5,5,2"``, ``(3, 5, 5, 2)``, ``""`` ou ``"nenhuma"`` → tupla de unidades por camada oculta."""
    if isinstance(valor, str):
        texto = valor.strip().strip("()[]")
        if texto.lower() in ("", "nenhuma", "-"):
            return ()
        try:
            valor = [int(p) for p in texto.replace(";", ",").split(",") if p.strip()]
        except ValueError:
            raise ParametroInvalido(f"ocultas deve listar as unidades de cada camada oculta separadas por vírgulas, "
                                    f"como 3,5,5,2; recebi {valor!r}") from None
    try:
        valor = tuple(valor)
    except TypeError:
        raise ParametroInvalido(f"ocultas deve ser um texto como 3,5,5,2 ou uma sequência de inteiros; "
                                f"recebi {valor!r}") from None
    if len(valor) > MAX_CAMADAS:
        raise ParametroInvalido(f"no máximo {MAX_CAMADAS} camadas ocultas; recebi {len(valor)}")
    return tuple(inteiro("cada camada oculta (unidades)", u, 1, MAX_UNIDADES) for u in valor)


def _campo(padrao, grupo, rotulo, controle, conferir, **faixa):
    """Um campo de ``Configuracao`` e tudo o que se sabe dele.

    ``controle`` é o tipo de controle (``inteiro``, ``real``, ``log``, ``escolha``,
    ``booleano``, ``semente`` ou ``camadas``); ``faixa`` é a faixa do controle
    deslizante (``min``, ``max``, ``step``), que pode ser mais estreita que os valores
    aceitos por ``conferir``.
    """
    return field(default=padrao, metadata={"grupo": grupo, "rotulo": rotulo, "controle": controle,
                                           "conferir": conferir, "faixa": faixa})


def _escolha(nome):
    return lambda valor: opcao(nome, valor, tuple(opcoes.opcoes(nome)))


@dataclass(frozen=True)
class Configuracao:
    """Tudo o que o livro ensina a escolher, num só objeto (capítulo 10).

    Dados (capítulo 1): ``NA`` e ``NB`` pontos em cada meia-lua, geometria ``r1``,
    ``r2``, ``r3``, ``ruido`` (desvio-padrão de um ruído gaussiano somado a x1 e x2),
    fração ``validacao`` dos pontos separada para validação (capítulo 2) e
    ``semente_dados``. Rede: ``ocultas`` (unidades de cada camada oculta, por
    exemplo ``"3,5,5,2"``; vazio = sem camada oculta), ``ativacao`` e
    ``ativacao_saida`` (capítulo 3), ``dropout`` (capítulo 4), ``normalizacao`` em
    lote (capítulo 9), ``inicializacao`` (capítulo 7) e ``semente`` dos pesos e dos
    mini-lotes. Treino: ``custo`` (capítulo 6), ``otimizador`` (capítulo 5), ``passo``
    η, ``tamanho_lote``, ``agendador`` do passo por época (capítulo 8) e ``epocas``.
    As opções de cada escolha estão nas tabelas de ``opcoes``.

    Os valores são conferidos uma vez, na criação (``ParametroInvalido``, em
    português), e a configuração não muda depois (``frozen``): para mudar um valor,
    crie outra, ``dataclasses.replace(config, passo=0.1)``, que confere de novo.
    """

    NA: int = _campo(500, "Dados", "pontos A", "inteiro", lambda v: inteiro("NA", v, 1, 5000), min=10, max=1000, step=10)
    NB: int = _campo(500, "Dados", "pontos B", "inteiro", lambda v: inteiro("NB", v, 1, 5000), min=10, max=1000, step=10)
    r1: float = _campo(10.0, "Dados", "raio r1", "real",
                       lambda v: real("r1", v, 0, 50, aberto_embaixo=True), min=3, max=20, step=0.5)
    r2: float = _campo(-4.0, "Dados", "distância r2", "real", lambda v: real("r2", v, -50, 50), min=-10, max=10, step=0.5)
    r3: float = _campo(6.0, "Dados", "largura r3", "real",
                       lambda v: real("r3", v, 0, 50, aberto_embaixo=True), min=0.5, max=12, step=0.5)
    ruido: float = _campo(0.0, "Dados", "ruído (desvio)", "real", lambda v: real("ruido", v, 0, 20), min=0, max=4, step=0.1)
    validacao: float = _campo(0.2, "Dados", "fração de validação", "real",
                              lambda v: real("validacao (fração dos pontos)", v, 0, 0.9), min=0, max=0.5, step=0.05)
    semente_dados: int = _campo(111, "Dados", "semente dos dados", "semente",
                                lambda v: inteiro("semente_dados", v, 0, 2**31 - 1))
    ocultas: tuple = _campo((3, 5, 5, 2), "Rede", "camadas ocultas", "camadas", camadas)
    ativacao: str = _campo("tanh", "Rede", "ativação oculta", "escolha", _escolha("ativacao"))
    ativacao_saida: str = _campo("tanh", "Rede", "ativação de saída", "escolha", _escolha("ativacao_saida"))
    dropout: float = _campo(0.0, "Rede", "dropout p", "real",
                            lambda v: real("dropout", v, 0, 1, aberto_em_cima=True), min=0, max=0.8, step=0.05)
    normalizacao: bool = _campo(False, "Rede", "normalização em lote", "booleano",
                                lambda v: booleano("normalizacao", v))
    inicializacao: str = _campo("padrao", "Rede", "inicialização", "escolha", _escolha("inicializacao"))
    semente: int = _campo(111, "Rede", "semente dos pesos", "semente", lambda v: inteiro("semente", v, 0, 2**31 - 1))
    custo: str = _campo("mse", "Treinamento", "custo", "escolha", _escolha("custo"))
    otimizador: str = _campo("adam", "Treinamento", "otimizador", "escolha", _escolha("otimizador"))
    passo: float = _campo(0.03, "Treinamento", "passo η", "log",
                          lambda v: real("passo", v, 0, 100, aberto_embaixo=True), min=-4, max=1, step=0.05)
    tamanho_lote: int = _campo(100, "Treinamento", "mini-lote", "inteiro",
                               lambda v: inteiro("tamanho_lote", v, 1), min=1, max=1000, step=1)
    agendador: str = _campo("constante", "Treinamento", "passo variável", "escolha", _escolha("agendador"))
    epocas: int = _campo(100, "Treinamento", "épocas", "inteiro",
                         lambda v: inteiro("epocas", v, 1, 100_000), min=10, max=2000, step=10)

    def __post_init__(self):
        for campo in dataclasses.fields(self):
            object.__setattr__(self, campo.name, campo.metadata["conferir"](getattr(self, campo.name)))
        if self.r1 - self.r3 / 2 < 0:
            raise ParametroInvalido(f"r1 - r3/2 deve ser ≥ 0 (o raio interno não pode ser negativo); "
                                    f"recebi r1={self.r1:g}, r3={self.r3:g}")
        exigida = self.custo_escolhido.ativacao_saida
        if self.custo_escolhido.rotulos_01 and self.ativacao_saida != exigida:
            raise ParametroInvalido(f"com custo {self.custo!r} a saída da rede deve ser o logito: use "
                                    f"ativacao_saida={exigida!r} ({self.custo_escolhido.classe.__name__} aplica a "
                                    "sigmoide dentro do custo)")
        n_val, n_treino = self.tamanhos()
        if self.validacao > 0 and n_val < 1:
            raise ParametroInvalido(f"validacao = {self.validacao:g} de {self.NA + self.NB} pontos não separa nenhum "
                                    "ponto; use 0 (sem validação) ou uma fração maior")
        if n_treino < 2:
            raise ParametroInvalido("sobram menos de 2 pontos de treino: diminua a fração de validação")
        if self.normalizacao and (self.tamanho_lote == 1 or n_treino % self.tamanho_lote == 1):
            raise ParametroInvalido(f"com normalização em lote nenhum mini-lote pode ter um ponto só (a variância do "
                                    f"lote seria indefinida); com {n_treino} pontos de treino, mude tamanho_lote "
                                    f"({self.tamanho_lote}) ou o número de pontos")

    def tamanhos(self):
        """``(n_validacao, n_treino)``: quantos dos ``NA + NB`` pontos vão para cada conjunto."""
        total = self.NA + self.NB
        n_val = int(round(self.validacao * total))
        return n_val, total - n_val

    @property
    def custo_escolhido(self):
        """A entrada de ``opcoes.CUSTOS`` do custo desta configuração."""
        return opcoes.CUSTOS[self.custo]

    @property
    def regra(self):
        """A regra de decisão de ``metricas.REGRAS`` que combina com o custo."""
        return self.custo_escolhido.regra

    # -- o texto de uma linha -------------------------------------------------------
    def para_texto(self):
        """Uma linha ``chave=valor ...`` com toda a configuração, para copiar e colar (``de_texto`` a lê)."""
        partes = []
        for campo in dataclasses.fields(self):
            valor, controle = getattr(self, campo.name), campo.metadata["controle"]
            if controle == "camadas":
                texto = ",".join(map(str, valor)) or "nenhuma"
            elif controle == "booleano":
                texto = "sim" if valor else "nao"
            elif isinstance(valor, float):
                texto = str(int(valor)) if valor.is_integer() else repr(valor)
            else:
                texto = str(valor)
            partes.append(f"{campo.name}={texto}")
        return " ".join(partes)

    @classmethod
    def de_texto(cls, texto):
        """Lê uma linha de ``para_texto``; chaves que faltam ficam com o valor padrão (ver ``faltando``)."""
        return cls(**cls.ler_texto(texto))

    @classmethod
    def ler_texto(cls, texto):
        """Os valores de uma linha ``chave=valor ...``, convertidos, sem criar a configuração."""
        if not isinstance(texto, str):
            raise ParametroInvalido(f"esperava um texto como o de para_texto(); recebi {type(texto).__name__}")
        campos = {c.name: c for c in dataclasses.fields(cls)}
        valores = {}
        for parte in texto.split():
            chave, igual, valor = parte.partition("=")
            if not igual:
                raise ParametroInvalido(f"cada item deve ser chave=valor; recebi {parte!r}")
            if chave not in campos:
                raise ParametroInvalido(f"chave desconhecida: {chave!r}; as chaves são {', '.join(campos)}")
            if chave in valores:
                raise ParametroInvalido(f"a chave {chave!r} aparece duas vezes")
            controle = campos[chave].metadata["controle"]
            try:
                if controle in ("inteiro", "semente"):
                    valores[chave] = int(valor)
                elif controle in ("real", "log"):
                    valores[chave] = float(valor.replace(",", "."))
                elif controle == "booleano":
                    if valor.lower() not in ("sim", "nao", "não", "true", "false"):
                        raise ValueError
                    valores[chave] = valor.lower() in ("sim", "true")
                else:
                    valores[chave] = valor
            except ValueError:
                raise ParametroInvalido(f"valor inválido para {chave}: {valor!r}") from None
        return valores

    @classmethod
    def faltando(cls, texto):
        """As chaves que não estão em ``texto`` e que, portanto, ``de_texto`` deixa com o valor padrão."""
        lidas = cls.ler_texto(texto)
        return [c.name for c in dataclasses.fields(cls) if c.name not in lidas]

    # -- o código equivalente -------------------------------------------------------
    def codigo(self):
        """O código PyTorch desta configuração, com as mesmas funções do ``moonlib`` que os capítulos usam.

        Rodá-lo dá exatamente os números que ``Sessao(config).treinar_epocas(config.epocas)``
        dá. O objeto e a linha de código de cada escolha vêm da mesma entrada de ``opcoes``.
        """
        c = self
        n_val, _ = c.tamanhos()
        custo = c.custo_escolhido
        inicializacao = opcoes.INICIALIZACOES[c.inicializacao].codigo()
        agendador = opcoes.AGENDADORES[c.agendador].codigo(c)
        nomes = ["Lotes", "avaliar", "criar_mlp", "fixar_sementes", "meias_luas", "numero", "para_tensores", "treinar"]
        nomes += ["inicializar"] if inicializacao else []
        nomes += ["rotulos_01"] if custo.rotulos_01 else []
        linhas = [
            f"# Configuração do Playground: {c.para_texto()}",
            "import numpy as np",
            "import torch",
            "from torch import nn",
            "",
            "from moonlib import " + ", ".join(sorted(nomes)),
            "",
            f"fixar_sementes({c.semente})  # pesos iniciais, ordem dos mini-lotes e dropout",
            "",
            f"# Dados: {c.NA} + {c.NB} pontos, {n_val} deles separados para validação",
            f"gerador = np.random.RandomState({c.semente_dados})",
            f"dados = meias_luas({c.NA}, {c.NB}, {c.r1!r}, {c.r2!r}, {c.r3!r}, semente=gerador)",
        ]
        if c.ruido > 0:
            linhas.append(f"dados[:, :2] += gerador.normal(0.0, {c.ruido!r}, size=(len(dados), 2))  # ruído gaussiano")
        linhas += [f"X_val, d_val = para_tensores(dados[:{n_val}])", f"X_treino, d_treino = para_tensores(dados[{n_val}:])"]
        if custo.rotulos_01:
            linhas += [*custo.explicacao, "d_treino, d_val = rotulos_01(d_treino), rotulos_01(d_val)"]
        linhas += [
            "",
            f"modelo = criar_mlp({(2, *c.ocultas, 1)}, ativacao={c.ativacao!r}, ativacao_saida={c.ativacao_saida!r},",
            f"                   dropout={c.dropout!r}, normalizacao={c.normalizacao})",
            *([inicializacao] if inicializacao else []),
            custo.codigo(),
            opcoes.OTIMIZADORES[c.otimizador].codigo(c),
            *([agendador] if agendador else []),
            "",
            f"lotes = Lotes(X_treino, d_treino, tamanho={c.tamanho_lote})",
            f"historico = treinar(modelo, lotes, funcao_custo, otimizador, {c.epocas}"
            + (", validacao=(X_val, d_val)" if n_val else "") + (", agendador=agendador" if agendador else "")
            + f", regra={c.regra!r})",
            f"_, taxa_treino = avaliar(modelo, X_treino, d_treino, regra={c.regra!r})",
            "print(f\"custo de treino {numero(historico.custos_treino[-1], '.3g')}; erro de treino {numero(taxa_treino)} %\")",
        ]
        if n_val:
            linhas.append("print(f\"custo de validação {numero(historico.custos_validacao[-1], '.3g')}; "
                          "erro de validação {numero(historico.taxas_validacao[-1])} %\")")
        return "\n".join(linhas) + "\n"


CONTROLES = tuple(f.name for f in dataclasses.fields(Configuracao))
"""Os nomes dos controles do Playground: os campos de ``Configuracao``."""

GRUPOS = {}
for _campo_da_configuracao in dataclasses.fields(Configuracao):
    GRUPOS.setdefault(_campo_da_configuracao.metadata["grupo"], []).append(_campo_da_configuracao.name)
GRUPOS = {grupo: tuple(nomes) for grupo, nomes in GRUPOS.items()}
"""Os controles de cada grupo (Dados, Rede, Treinamento), na ordem dos campos."""
del _campo_da_configuracao
