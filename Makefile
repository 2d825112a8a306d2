# One entry point for everything CI runs.  `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Test processes: most tests wait on SMTP, web servers and Chromium, so 3 fill 2 cores.
TEST_WORKERS ?= 3
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus
DEMO := REMINDER_DATABASE_URL=sqlite:///demo/reminder.db REMINDER_OUTBOX=demo/outbox $(BIN)/reminder

.PHONY: help setup demo test lint typecheck check all bench corpus bench-reading clean

help:
	@echo "make demo   set up and run the main job on the embedded defaults (SQLite)"
	@echo "make test   set up and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make check  lint, type-check and test: everything CI runs"
	@echo "make corpus score the reader on the development corpus (CORPUS=$(CORPUS))"

# Bytecode is written at setup: where PYTHONDONTWRITEBYTECODE is set (as on the machines
# this is tested on), an editable install would otherwise compile ~80 modules at every start.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q reminder
	touch $(STAMP)

setup: $(STAMP)

# The main job on the embedded defaults: a SQLite register and the file outbox.
demo: $(STAMP)
	rm -rf demo
	$(DEMO) directory import examples/directory.csv
	$(DEMO) import examples/minutes/*
	$(DEMO) overview
	$(DEMO) send digests
	$(DEMO) send report
	@echo "The mails are in demo/outbox: open demo/outbox/index.html in a browser."

test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# The reader against the development corpus and its golden answers (score.py ships with it).
corpus: $(STAMP)
	@test -f $(CORPUS)/score.py || { echo "no corpus at $(CORPUS); give CORPUS=DIR"; exit 2; }
	$(BIN)/python $(CORPUS)/score.py $(BIN)/reminder

# Reading speed: the whole corpus in one process, beside the reader of an earlier commit.
bench-reading: $(STAMP)
	$(BIN)/python bench/reading.py --files $(CORPUS)

lint: $(STAMP)
	$(BIN)/ruff check reminder tests bench
	$(BIN)/ruff format --check reminder tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

all: check

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
