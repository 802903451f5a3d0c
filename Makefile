# The two commands: `make book` and `make test`. See README.md.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PINS   := $(VENV)/.installed
STAMP  := $(VENV)/.editable
LABSTAMP := $(VENV)/.lab-installed
NODE_STAMP := node_modules/.installed
PARAMS ?=
CHAPTER ?=
ARGS ?=
PORT ?= 8000
# Python keeps compiled modules (and pytest its rewritten test modules) in __pycache__/ (ignored by git).
# A machine whose environment sets PYTHONDONTWRITEBYTECODE recompiles every module in every process: 3-4 s
# of each test worker's start, and of each chapter's kernel. An empty value switches that setting off.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: book pdf test test-fast system-packages fonts lab sweep serve clean benchmark benchmark-tests

# (Re)create the virtual environment when it is missing or requirements.txt (the exact pins) changed,
# then install this checkout into it as an editable package (again when pyproject.toml changes; its
# dependencies are requirements.txt itself, already there).
$(PINS): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(PINS)

$(STAMP): $(PINS) pyproject.toml
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# JupyterLab and its MyST renderer, pinned separately (requirements-lab.txt) on top of the book's set.
$(LABSTAMP): $(STAMP) requirements-lab.txt
	$(PY) -m pip install --quiet -r requirements-lab.txt
	touch $(LABSTAMP)

# axe-core and the Nu Html Checker (vnu.jar) from the npm registry, as package-lock.json pins them.
$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The cover thumbnails are drawn with Noto Sans CJK SC (Debian fonts-noto-cjk): installed first when missing.
book: $(STAMP) fonts
	$(PY) -m wxshop.build book --params "$(PARAMS)"

fonts:
	tools/system-packages.sh fonts

# The PDF edition, printed by headless Chromium from the built site (a separate step: it takes ~30 s).
pdf: system-packages book
	$(PY) -m wxshop.build pdf

system-packages:
	tools/system-packages.sh

# The full suite, as CI runs it: system packages, the site, the PDF, then every test on TEST_WORKERS
# workers (pytest-xdist, loadscope as tests/conftest.py refines it: a module with a module-scoped fixture stays
# on one worker, so the fixture is made once; every other test goes to whichever worker is free). Prints the
# time of the book, the PDF and the suite together, and the suite's time by marker (tests/conftest.py).
TEST_WORKERS ?= 2
FAST := not site and not browser and not pipeline and not notebook and not lab and not checker and not slow
test: system-packages $(LABSTAMP) $(NODE_STAMP)
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory book pdf && \
	$(PY) -m pytest tests -q -n $(TEST_WORKERS) --dist loadscope --durations=15; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s for the book, the PDF and the suite (exit status $$status)"; \
	exit $$status

# Day to day: models, data, parameters, units, widgets, build decisions (no build, no browser), on two
# workers (each imports the test modules, about 3 s; the tests themselves take about 9 s).
test-fast: $(STAMP)
	$(PY) -m pytest tests -q -n 2 -m "$(FAST)"

lab: $(LABSTAMP)
	$(PY) -m wxshop.lab

sweep: $(STAMP)
	@test -n "$(CHAPTER)" || { echo 'usage: make sweep CHAPTER=new_platforms ARGS="budget=50000,200000 case=low,high"'; exit 2; }
	$(PY) -m wxshop.sweep $(CHAPTER) $(ARGS)

serve: $(STAMP)
	@test -f _build/html/index.html || { echo "no site yet: run 'make book' first"; exit 1; }
	$(PY) -m wxshop.serve --port $(PORT)

benchmark: system-packages $(STAMP) book pdf
	npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP)
	$(PY) benchmarks/build_times.py
	$(PY) benchmarks/kernel_runs.py
	$(PY) benchmarks/pages.py
	$(PY) benchmarks/slider_redraw.py
	$(PY) benchmarks/pdf_size.py

# The suite's time, in all and by marker (runs it as `make test` does; the last run's: --last).
benchmark-tests: system-packages $(LABSTAMP) $(NODE_STAMP) book pdf
	$(PY) benchmarks/test_times.py

clean:
	rm -rf _build
