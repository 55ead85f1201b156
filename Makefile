# storylens: the daily commands. `make help` lists them.
# Everything runs inside .venv, which the first target that needs it creates from
# pyproject.toml, with the exact versions in requirements.lock as constraints.

PYTHON  ?= python3
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.storylens-installed
CORPUS  ?= seeds
REPORTS ?= reports
OUT     ?= tables
ARTICLES ?= 2000
# Headless runs: no progress bars in logs.
export STORYLENS_PROGRESS ?= 0
export PYDEVD_DISABLE_FILE_VALIDATION = 1

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast lab tables bench lint format browser-check lock clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'
	@echo "  Variables: CORPUS=dir (default seeds), REPORTS=dir, OUT=dir, ARTICLES=n"

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "storylens needs Python 3.11+; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install storylens with its pinned dependencies

report: $(STAMP) ## Run every notebook on CORPUS (default seeds/) into REPORTS/ with an index page
	$(PY) -m storylens report --corpus "$(CORPUS)" --out "$(REPORTS)"

test: $(STAMP) ## Unit tests, property tests, the tables contract, and every notebook run headless
	$(PY) -m pytest tests --nbmake notebooks -p no:cacheprovider

test-fast: $(STAMP) ## Unit tests only (no notebooks)
	$(PY) -m pytest tests -q -p no:cacheprovider

lab: $(STAMP) ## Open JupyterLab on the notebooks
	STORYLENS_PROGRESS=1 $(VENV)/bin/jupyter lab notebooks/

tables: $(STAMP) ## Write the contract's CSV tables for CORPUS into OUT/
	$(PY) -m storylens tables --corpus "$(CORPUS)" --out "$(OUT)"

bench: $(STAMP) ## Benchmark the tables pipeline on ARTICLES synthetic articles (JSON on the last line)
	$(PY) -m storylens bench --articles $(ARTICLES)

lint: $(STAMP) ## ruff on .py and .ipynb
	$(VENV)/bin/ruff check lib tests notebooks benchmarks
	$(VENV)/bin/ruff format --check lib tests notebooks benchmarks

format: $(STAMP) ## ruff format and fix
	$(VENV)/bin/ruff format lib tests notebooks benchmarks
	$(VENV)/bin/ruff check --fix lib tests notebooks benchmarks

browser-check: $(STAMP) ## Open the reports in headless Chromium (installs Debian's chromium if missing); fail on broken images/links
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
	$(PY) -m storylens browser-check --reports "$(REPORTS)"

lock: ## Re-resolve dependencies and rewrite requirements.lock
	rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	{ echo "# Exact versions tested (pip freeze of .venv). make uses it as a constraints file."; \
	  echo "# Regenerate with: make lock"; $(PY) -m pip freeze --exclude-editable | grep -vi '^storylens'; } > requirements.lock
	@touch $(STAMP)

clean: ## Remove generated reports and tables (keeps .venv)
	rm -rf $(REPORTS) $(OUT) .pytest_cache .hypothesis
