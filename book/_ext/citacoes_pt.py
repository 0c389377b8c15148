"""Extensão Sphinx local: citações e referências autor-ano em português.

Registra dois estilos, escolhidos em ``_config.yml``:

- ``bibtex_reference_style: autor_ano_pt``: a citação no texto fica entre
  parênteses e usa “e” entre dois autores, como (Glorot e Bengio, 2010);
- ``bibtex_default_style: autor_ano_pt``: a lista de referências, em ordem
  alfabética, identifica cada obra pelo mesmo texto da citação, em vez de
  rótulos como [GB10], e também usa “e” entre os autores.
"""
from collections import Counter
from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as EstiloUnsrt
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import names, sentence
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

NOME = "autor_ano_pt"


def _parenteses():
    return BracketStyle(left="(", right=")")


def _pessoas():
    return PersonStyle(sep2=" e ", last_sep=" e ")


@dataclass
class CitacaoAutorAno(AuthorYearReferenceStyle):
    """Citações no texto: (Haykin, 2009), Haykin (2009), (Srivastava et al., 2014)."""

    bracket_parenthetical: BracketStyle = field(default_factory=_parenteses)
    bracket_textual: BracketStyle = field(default_factory=_parenteses)
    bracket_author: BracketStyle = field(default_factory=_parenteses)
    bracket_label: BracketStyle = field(default_factory=_parenteses)
    bracket_year: BracketStyle = field(default_factory=_parenteses)
    person: PersonStyle = field(default_factory=_pessoas)


def _sobrenome(pessoa):
    return Text.from_latex(" ".join(pessoa.last_names)).render_as("text")


class RotuloAutorAno(BaseLabelStyle):
    """Rótulos da lista de referências: “Glorot e Bengio, 2010”; a, b... se repetir."""

    def format_labels(self, sorted_entries):
        rotulos = []
        for entrada in sorted_entries:
            pessoas = entrada.persons.get("author") or entrada.persons.get("editor") or []
            sobrenomes = [_sobrenome(p) for p in pessoas]
            if len(sobrenomes) >= 3:
                autores = f"{sobrenomes[0]} et al."
            else:
                autores = " e ".join(sobrenomes) or entrada.key
            rotulos.append(f"{autores}, {entrada.fields.get('year', 's.d.')}")
        repetidos = Counter(rotulos)
        vistos = Counter()
        for rotulo in rotulos:
            if repetidos[rotulo] > 1:
                vistos[rotulo] += 1
                rotulo += "abcdefghijklmnopqrstuvwxyz"[vistos[rotulo] - 1]
            yield rotulo


class ReferenciaAutorAno(EstiloUnsrt):
    """Lista de referências: ordem autor-ano-título, rótulos autor-ano, “e” entre autores."""

    default_label_style = NOME
    default_sorting_style = "author_year_title"

    def format_names(self, role, as_sentence=True):
        nomes = names(role, sep=", ", sep2=" e ", last_sep=" e ")
        return sentence[nomes] if as_sentence else nomes


def setup(app):
    pybtex.plugin.register_plugin("pybtex.style.labels", NOME, RotuloAutorAno)
    pybtex.plugin.register_plugin("pybtex.style.formatting", NOME, ReferenciaAutorAno)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", NOME, CitacaoAutorAno
    )
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
