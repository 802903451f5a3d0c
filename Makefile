# The two commands: `make book` and `make test`. See README.md.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PARAMS ?=

.PHONY: book test serve clean benchmark

# (Re)create the virtual environment when it is missing or requirements.txt changed.
$(STAMP): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'wxshop-checkout.pth').write_text('$(CURDIR)\n')"
	touch $(STAMP)

book: $(STAMP)
	$(PY) -m wxshop.build book --params "$(PARAMS)"

test: $(STAMP) book
	$(PY) -m pytest tests -q

serve: $(STAMP)
	@test -f _build/html/index.html || { echo "no site yet: run 'make book' first"; exit 1; }
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

benchmark: $(STAMP) book
	$(PY) benchmarks/build_times.py
	$(PY) benchmarks/slider_redraw.py

clean:
	rm -rf _build
