# Chanjiao: `make run` starts the platform with the demo region; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ASSETS := node_modules/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# One BLAS thread per process: the statistics in the suite are small and run faster without
# oversubscribing the 2 cores.
export OPENBLAS_NUM_THREADS := 1
MO_FILES := $(patsubst %.po,%.mo,$(wildcard src/chanjiao/locale/*/LC_MESSAGES/*.po src/chanjiao/*/locale/*/LC_MESSAGES/*.po))

.PHONY: run test test-sqlite test-postgres test-browser lint bench setup messages clean

setup: $(STAMP) $(ASSETS) $(MO_FILES)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(ASSETS)

%.mo: %.po
	msgfmt --check -o $@ $<

messages: $(MO_FILES)

run: setup
	$(BIN)/chanjiao run

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src/chanjiao
	$(BIN)/lint-imports
	env -u DATABASE_URL $(BIN)/python -m django makemigrations --check --dry-run --settings=chanjiao.config.settings > /dev/null

test: lint test-sqlite test-postgres

test-sqlite: setup
	@bash scripts/ensure-chromium.sh
	env -u DATABASE_URL $(BIN)/pytest

# The suite again on PostgreSQL: DATABASE_URL if set (CI), else the local server if it answers.
test-postgres: setup
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python scripts/db_reachable.py "$$url"; then \
		echo "== PostgreSQL: running the suite on $$url"; \
		DATABASE_URL="$$url" $(BIN)/pytest -m "not browser"; \
	else \
		echo "== PostgreSQL not reachable at $$url: SKIPPED the PostgreSQL run"; \
	fi

bench: setup
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) node_modules var
