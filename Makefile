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
	@echo
	@echo "endorse is installed in $(VENV): run $(BIN)/endorse --help (or 'source $(BIN)/activate' first)."
	@echo "For a coalition's own project, install it as a command: pipx install '$(CURDIR)[all]'"
	@echo "then run 'endorse init' in a new folder (see README.md, 'A campaign, step by step')."

lint: $(STAMP) ## Lint (ruff), type-check (mypy, strict on src/) and check import directions.
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint ## Lint, type-check and run the test suite.
	$(BIN)/pytest -n auto

bench: $(STAMP) ## Duplicate-detection quality vs baselines, then every command at 1k/10k/100k.
	$(BIN)/python bench/eval_dupes.py
	-$(BIN)/python bench/eval_real.py
	-$(BIN)/python bench/eval_kinds.py
	$(BIN)/python bench/dupes_scale.py
	$(BIN)/python bench/run.py

format: $(STAMP) ## Reformat the code with ruff.
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

CHROMIUM ?= chromium
SOFFICE ?= soffice
SHOT := $(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
	--user-data-dir=build/.chromium

screenshot: $(STAMP) ## Render the example in English and Khmer as HTML, PDF and Word, and photograph each into build/.
	mkdir -p build
	$(BIN)/endorse render cambodia-2021 --format html --counts --output build/statement.html
	$(BIN)/endorse render cambodia-2021 --format html --counts --lang km --output build/statement-km.html
	$(SHOT) --window-size=1000,3400 --screenshot=build/statement.png file://$(CURDIR)/build/statement.html
	$(SHOT) --window-size=1000,3400 --screenshot=build/statement-km.png file://$(CURDIR)/build/statement-km.html
	$(SHOT) --window-size=360,2400 --screenshot=build/statement-km-360px.png file://$(CURDIR)/build/statement-km.html
	$(BIN)/endorse render cambodia-2021 --counts --output build/statement.pdf
	$(BIN)/endorse render cambodia-2021 --counts --lang km --output build/statement-km.pdf
	pdftoppm -r 70 -png build/statement.pdf build/statement-pdf
	pdftoppm -r 70 -png build/statement-km.pdf build/statement-km-pdf
	pdftotext -layout build/statement-km.pdf build/statement-km-pdf.txt  # what a reader copies out
	$(BIN)/endorse render cambodia-2021 --counts --output build/statement.docx
	$(BIN)/endorse render cambodia-2021 --counts --lang km --output build/statement-km.docx
	$(SOFFICE) -env:UserInstallation=file://$(CURDIR)/build/.libreoffice --headless \
		--convert-to pdf --outdir build/docx build/statement.docx build/statement-km.docx >/dev/null
	pdftoppm -r 70 -png build/docx/statement.pdf build/statement-docx
	pdftoppm -r 70 -png build/docx/statement-km.pdf build/statement-km-docx
	@echo "open build/*.png: statement*.png (Chromium), *-pdf-N.png (the PDF), *-docx-N.png (Word via LibreOffice); build/statement-km-pdf.txt: the Khmer PDF's text"

bench-dupes: $(STAMP) ## Duplicate detection: quality beside baselines, then speed at 100,000 names.
	$(BIN)/python bench/eval_dupes.py
	-$(BIN)/python bench/eval_real.py
	-$(BIN)/python bench/eval_kinds.py
	$(BIN)/python bench/dupes_scale.py

clean: ## Remove the virtual environment and caches.
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

.PHONY: help install demo lint test bench format clean screenshot bench-dupes
