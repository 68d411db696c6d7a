# The two commands that matter: `make run` (the demo on the built-in sample council) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Two stamps: `make run` installs Minutes only; `make test` (and lint) add the test tools.
RUN_STAMP := $(VENV)/.installed-run-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp

.PHONY: run test lint lint-imports bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $(RUN_STAMP)

# The test tools come with Minutes itself, so a test install serves `make run` too.
$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
	$(VENV)/bin/minutes demo

# ruff (style, imports, likely bugs) and mypy (types) first: they take seconds, the suite minutes.
test: lint
	$(PY) -m pytest -q

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

lint-imports: $(TEST_STAMP)
	$(VENV)/bin/lint-imports

clean:
	rm -rf data test-artifacts .pytest_cache .mypy_cache .ruff_cache
