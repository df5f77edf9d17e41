# The two commands: `make run` and `make test`. Each does its own set-up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-stamp

.PHONY: run test setup venv dot chromium npm lint check bench clean

run: setup
	@bash scripts/run.sh

test: setup chromium npm
	@bash scripts/test.sh

setup: venv dot

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python requirements into $(VENV)…"
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

dot:
	@bash scripts/ensure-apt.sh dot graphviz

chromium:
	@bash scripts/ensure-apt.sh chromium chromium

npm:
	@if [ -f package.json ]; then \
	  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then \
	    command -v npm >/dev/null || { echo "npm is needed for the tests: apt-get install npm"; exit 1; }; \
	    echo "Installing npm packages for the tests…"; npm ci --no-audit --no-fund --silent && touch node_modules; \
	  fi; \
	fi

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

bench: setup
	@bash scripts/ensure-apt.sh wrk wrk
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf var/broker var/test-infrasketch.sqlite3* test-artifacts
