# Comandos do livro. Cada alvo cria o ambiente virtual .venv na primeira vez,
# com as versões exatas de requirements.txt (as que geraram as saídas guardadas).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# pytest-xdist: --dist loadscope mantém cada notebook inteiro num só kernel
XDIST := -n 2 --dist loadscope
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# Os notebooks que o nbval refaz: os capítulos e as páginas do livro que são notebooks
CADERNOS := notebooks book/*.ipynb
# Caminho de CPU do PyTorch para o alvo nbval: nativo (o desta máquina), default (kernels
# genéricos, como numa CPU sem AVX2 ou num ARM), avx2 (como numa CPU sem AVX-512).
CPU ?= nativo

.PHONY: livro testes unidades nbval notebooks pdf benchmark limpar

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

# Todos os testes: unidades do moonlib, livro (construção, navegador, ortografia) e o nbval
# em cada notebook, uma vez em cada caminho de CPU (as saídas guardadas valem em todos):
# o nativo, o genérico e, numa CPU com AVX-512, também o AVX2.
testes: $(VENV)/.instalado
	$(MAKE) --no-print-directory unidades
	$(MAKE) --no-print-directory nbval CPU=nativo
	$(MAKE) --no-print-directory nbval CPU=default
	@if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then $(MAKE) --no-print-directory nbval CPU=avx2; \
	 else echo "== nbval, caminho avx2: esta CPU não tem AVX-512, o nativo já é o AVX2 (ou outro) =="; fi

unidades: $(VENV)/.instalado
	$(PY) -m pytest tests $(XDIST)

nbval: $(VENV)/.instalado
	@echo "== nbval, caminho de CPU: $(CPU) =="
	$(if $(filter-out nativo,$(CPU)),ATEN_CPU_CAPABILITY=$(CPU)) $(PY) -m pytest $(NBVAL) $(XDIST) $(CADERNOS)

# Regenera as saídas de todos os notebooks (professores: depois de mudar um parâmetro)
# e a página "Estado do livro" (book/estado.md e book/estado.json) com o resultado e o tempo de cada um.
notebooks: $(VENV)/.instalado
	$(PY) -m moonlib regenerar --estado book/estado.md

# O livro em PDF (A4), inteiro e por capítulo, nas edições do aluno (sem soluções) e do professor,
# em pdf/aluno e pdf/professor. Usa o Chromium do Debian (apt-get install chromium), sem rede.
pdf: $(VENV)/.instalado
	$(PY) -m moonlib pdf --saida pdf

benchmark: $(VENV)/.instalado
	$(PY) -m moonlib benchmark

limpar:
	rm -rf _build
