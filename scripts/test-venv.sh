#!/usr/bin/env bash
# Makes the Python environment some tests use, in .venv-test/ at the repository root:
# highspy (HiGHS, to solve the exported MPS independently of GLPK) and openpyxl.
# Idempotent and quiet: does nothing when both packages already import.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-test
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import highspy, openpyxl' >/dev/null 2>&1; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check highspy openpyxl
"$venv/bin/python" -c 'import highspy, openpyxl'
