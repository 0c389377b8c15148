# Comandos do livro. Cada alvo cria o ambiente virtual .venv na primeira vez,
# com as versões exatas de requirements.txt (as que geraram as saídas guardadas).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# pytest-xdist: --dist loadscope mantém cada notebook inteiro num só kernel
TESTES := -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -n 2 --dist loadscope

.PHONY: livro testes notebooks benchmark limpar

$(VENV)/.instalado: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# O livro em HTML, a partir de uma pasta de construção limpa; avisos são erros.
livro: $(VENV)/.instalado
	rm -rf _build
	$(VENV)/bin/jupyter-book build . -W -n --keep-going
	@echo "Livro pronto: abra _build/html/index.html"

# Todos os testes: unidades do moonlib, nbval em cada notebook, construção do livro.
testes: $(VENV)/.instalado
	$(PY) $(TESTES)

# Regenera as saídas de todos os notebooks (professores: depois de mudar um parâmetro)
# e a página "Estado do livro" (book/estado.md e book/estado.json) com o resultado e o tempo de cada um.
notebooks: $(VENV)/.instalado
	$(PY) -m moonlib regenerar --estado book/estado.md

benchmark: $(VENV)/.instalado
	$(PY) -m moonlib benchmark

limpar:
	rm -rf _build
