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

lint: $(STAMP) ## Lint (ruff), type-check (mypy, strict on src/) and check import directions.
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint ## Lint, type-check and run the test suite.
	$(BIN)/pytest

bench: $(STAMP) ## Duplicate-detection quality vs baselines, then every command at 1k/10k/100k.
	$(BIN)/python bench/eval_dupes.py
	-$(BIN)/python bench/eval_real.py
	$(BIN)/python bench/dupes_scale.py
	$(BIN)/python bench/run.py

format: $(STAMP) ## Reformat the code with ruff.
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

CHROMIUM ?= chromium

screenshot: $(STAMP) ## Render the example to build/statement.html and photograph it (build/statement.png).
	mkdir -p build
	$(BIN)/endorse render cambodia-2021 --format html --counts --output build/statement.html
	$(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
		--user-data-dir=build/.chromium --window-size=1000,3400 \
		--screenshot=build/statement.png file://$(CURDIR)/build/statement.html
	@echo "open build/statement.png (or build/statement.html, then Print to PDF)"

bench-dupes: $(STAMP) ## Duplicate detection: quality beside baselines, then speed at 100,000 names.
	$(BIN)/python bench/eval_dupes.py
	-$(BIN)/python bench/eval_real.py
	$(BIN)/python bench/dupes_scale.py

clean: ## Remove the virtual environment and caches.
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

.PHONY: help install demo lint test bench format clean screenshot bench-dupes
