# casedesk: `make run` starts casedesk with the demo firm; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.lock-installed
export CASEDESK_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest pytest-sqlite pytest-postgres bench demo clean venv

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	@$(BIN)/python -m pip install -q --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

## run: set up everything, load the demo firm (first time), start the worker and the web server
run:
	@bash scripts/system-deps.sh run
	@$(MAKE) --no-print-directory venv
	@bash scripts/run-demo.sh $(HOST) $(PORT)

## test: lint, types, import contracts, migrations, pytest on SQLite (with Playwright) and on PostgreSQL
test:
	@bash scripts/system-deps.sh test
	@$(MAKE) --no-print-directory venv
	@$(MAKE) --no-print-directory lint typecheck pytest-sqlite pytest-postgres

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy
	CASEDESK_DATA_DIR=$$(mktemp -d) $(BIN)/python -m django makemigrations --check --dry-run --settings=casedesk.web.settings

# The suite gets a throw-away data directory of its own, never the firm's ./var.
pytest-sqlite: venv
	CASEDESK_DATA_DIR=$$(mktemp -d) $(BIN)/pytest

pytest-postgres: venv
	CASEDESK_DATA_DIR=$$(mktemp -d) bash scripts/with-postgres.sh $(BIN)/pytest -m "not e2e and not slow"

bench: venv
	$(BIN)/python bench/conflicts/bench_conflicts.py

clean:
	rm -rf $(VENV) test-artifacts
