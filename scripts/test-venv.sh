#!/usr/bin/env bash
# Makes what some tests need beyond the toolchain and GLPK:
# - a headless browser, Debian's `chromium` (the report.html tests load the pages in it),
#   installed with apt-get (sudo when not root) only when `chromium` is missing;
# - the Python environment in .venv-test/ at the repository root: highspy (HiGHS, to solve the
#   exported MPS independently of GLPK) and openpyxl.
# Idempotent and quiet: does nothing when chromium is there and both packages already import.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "test-venv: installing chromium" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

venv=.venv-test
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import highspy, openpyxl' >/dev/null 2>&1; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check highspy openpyxl
"$venv/bin/python" -c 'import highspy, openpyxl'
