# Run `make help` for the list of targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## Show this list of targets.
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install endorse with its development tools.

demo: $(STAMP) ## Check the bundled example and print the rendered statement.
	$(BIN)/endorse check
	$(BIN)/endorse render cambodia-2021

lint: $(STAMP) ## Lint (ruff) and type-check (mypy, strict on src/).
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check bench
	$(BIN)/ruff format --check bench
	$(BIN)/mypy

test: lint ## Lint, type-check and run the test suite.
	$(BIN)/pytest

bench: $(STAMP) ## Time every command at 1k, 10k and 100k signatories; writes bench/results.md.
	$(BIN)/python bench/run.py

format: $(STAMP) ## Reformat the code with ruff.
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format bench
	$(BIN)/ruff check --fix bench

clean: ## Remove the virtual environment and caches.
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

.PHONY: help install demo lint test bench format clean
