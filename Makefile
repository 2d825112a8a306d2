# One entry point for everything CI runs.  `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help setup demo test lint typecheck check all bench clean

help:
	@echo "make demo   set up and run the main job on the embedded defaults (SQLite)"
	@echo "make test   set up and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make check  lint, type-check and test: everything CI runs"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f demo/reminder.db
	$(BIN)/reminder --database demo/reminder.db directory import examples/directory.csv
	$(BIN)/reminder --database demo/reminder.db import examples/minutes/*
	$(BIN)/reminder --database demo/reminder.db overview

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check reminder tests bench
	$(BIN)/ruff format --check reminder tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

all: check

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
