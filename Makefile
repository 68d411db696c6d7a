# The two commands that matter: `make run` (the demo on the built-in sample council) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Two stamps: `make run` installs Minutes only; `make test` (and lint) add the test tools.
RUN_STAMP := $(VENV)/.installed-run-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp

.PHONY: run test lint lint-imports bench clean harness

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

# `make run PORT=8080` when port 8000 is taken (PORT=0: any free port).
run: $(RUN_STAMP)
	$(VENV)/bin/minutes demo $(if $(PORT),--port $(PORT))

# ruff (style, imports, likely bugs) and mypy (types) first: they take seconds, the suite minutes.
# The run ends with one line per group of skipped tests and why (tests/skipsummary.py).
test: lint harness
	$(PY) -m pytest -q

# The OpenSearch tests' cluster, built from Maven Central once when Java and Maven are here; else its
# tests are skipped with the reason (README: what the full suite needs).
HARNESS_JAR := opensearch/harness/target/opensearch-harness-1.jar
harness:
	@if [ -f $(HARNESS_JAR) ] && [ -d opensearch/harness/target/lib ]; then :; \
	elif command -v java >/dev/null && command -v mvn >/dev/null; then \
	  echo "Building the OpenSearch test harness (Maven, once)..."; \
	  mvn -q -B -f opensearch/harness/pom.xml package -DskipTests \
	    || echo "Could not build the OpenSearch test harness (offline?): its tests will be skipped."; \
	else echo "No Java and Maven here: the OpenSearch tests will be skipped (apt-get install default-jdk-headless maven)."; fi

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

lint-imports: $(TEST_STAMP)
	$(VENV)/bin/lint-imports

clean:
	rm -rf data test-artifacts .pytest_cache .mypy_cache .ruff_cache
