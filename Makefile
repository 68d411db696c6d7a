# The two commands that matter: `make run` (the demo on the built-in sample council) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint-imports bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/minutes demo

test: $(STAMP)
	$(PY) -m pytest -q

lint-imports: $(STAMP)
	$(VENV)/bin/lint-imports

clean:
	rm -rf data test-artifacts .pytest_cache
