# Chanjiao: `make run` starts the platform with the demo region; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
# The installer's version is the one pinned in pyproject.toml's dev group (and so in uv.lock).
UV_VERSION := $(shell sed -n 's/^ *"uv==\([^"]*\)".*/\1/p' pyproject.toml)
STAMP := $(VENV)/.installed-stamp
ASSETS := node_modules/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# The suite runs in this many processes (pytest-xdist); a test file stays in one process, so its
# module and session fixtures (the generated demo city of the access matrix) are built once.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
# One BLAS thread per process: the statistics in the suite are small and run faster without
# oversubscribing the 2 cores.
export OPENBLAS_NUM_THREADS := 1
MO_FILES := $(patsubst %.po,%.mo,$(wildcard src/chanjiao/locale/*/LC_MESSAGES/*.po src/chanjiao/*/locale/*/LC_MESSAGES/*.po))

# uv never downloads a Python (it uses $(PYTHON)) and installs into this folder's .venv.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: run test test-sqlite test-postgres test-browser lint bench setup lock messages clean

setup: $(STAMP) $(ASSETS) $(MO_FILES)

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# Exactly the versions and hashes of uv.lock: runtime dependencies plus the dev group (tests,
# linters, test oracles). Fails when pyproject.toml changed and the lock was not regenerated.
$(STAMP): pyproject.toml uv.lock | $(UV)
	@$(UV) sync --locked --quiet --python $(BIN)/python || \
		{ echo "== uv.lock does not match pyproject.toml: run 'make lock' and commit uv.lock"; exit 1; }
	touch $(STAMP)

# Re-resolve every dependency from pyproject.toml (after adding or upgrading one) and rewrite
# uv.lock; `make lock UPGRADE=1` also moves every package to its newest allowed version.
lock: $(UV)
	$(UV) lock --python $(BIN)/python $(if $(UPGRADE),--upgrade)

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
	env -u DATABASE_URL $(PYTEST)

# The suite again on PostgreSQL: DATABASE_URL if set (CI), else the local server if it answers.
test-postgres: setup
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python scripts/db_reachable.py "$$url"; then \
		echo "== PostgreSQL: running the suite on $$url"; \
		DATABASE_URL="$$url" $(PYTEST) -m "not browser"; \
	else \
		echo "== PostgreSQL not reachable at $$url: SKIPPED the PostgreSQL run"; \
	fi

bench: setup
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) node_modules var
