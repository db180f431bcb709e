VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export DATABASE_URL ?= sqlite:///rolecall.db

.PHONY: install run chat test lint format clean bench load who-owns

install: $(VENV)/.installed

# setuptools notes on every editable install of a flat layout that folders named like a package
# could shadow it: known here, and no news at each install.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

run: install
	$(BIN)/rolecall db upgrade
	$(BIN)/rolecall serve

chat: install
	$(BIN)/rolecall chat

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) rolecall.db rolecall.db-wal rolecall.db-shm

bench: install
	$(BIN)/python -m bench $(ARGS)

load: install
	$(BIN)/python -m bench.load

who-owns: install
	$(BIN)/python -m bench.who_owns $(ARGS)
