#!/usr/bin/env bash
# Lint, type-check, then the whole test suite. The pure core runs without Django loaded.
set -uo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-1}"
BIN=.venv/bin
status=0

step() { echo "== $*"; "$@" || status=1; }

pytest_step() {
  echo "== pytest $*"
  $BIN/python -m pytest "$@"
  local rc=$?
  if [ $rc -eq 5 ]; then echo "pytest collected no tests for: $* — that is a failure here"; status=1
  elif [ $rc -ne 0 ]; then status=1; fi
}

step $BIN/ruff check .
step $BIN/ruff format --check .
step $BIN/mypy .
pytest_step tests/core -p no:django -q
pytest_step tests --ignore=tests/core -q
exit $status
