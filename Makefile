# Spotter: `make run`, `make demo`, `make test`, `make lint`, `make bench`, `make soak`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo check test lint bench soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot run

demo: $(STAMP)
	$(BIN)/python -m bot demo

check: $(STAMP)
	$(BIN)/python -m bot check

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m tests.bench

soak: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m tests.soak

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis demo-out
