"""``python -m moonlib <comando>``: os comandos do livro (ver ``moonlib.livro.comandos``)."""
import sys

from .livro.comandos import main

sys.exit(main())
