#!/usr/bin/env bash
# The Quick start's build, checked: `swift test` builds in debug, but planners run the release
# build (README), and an optimiser-only crash once made every release `solve` exit with SIGSEGV
# while the whole debug suite passed. Builds ntm-alloc in release mode and runs `solve` on the
# tiny example and on both bundled scenarios (with --progress always, the display included);
# fails on any non-zero exit or missing output.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ntm-alloc 2>&1 | tail -1
bin=.build/release/ntm-alloc
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for scenario in scenarios/examples/tiny/scenario.yaml scenarios/langson-2021-2025/scenario.yaml \
                scenarios/langson-2026-2030/scenario.yaml; do
  name=$(basename "$(dirname "$scenario")")
  start=$(date +%s)
  "$bin" solve "$scenario" --out "$out/$name" --progress always > "$out/$name.stdout" 2> "$out/$name.stderr" || {
    echo "release smoke: solve $scenario failed (exit $?)" >&2; tail -20 "$out/$name.stderr" >&2; exit 1; }
  for file in allocations.csv summary.json report.md report.html plan.xlsx; do
    [ -s "$out/$name/$file" ] || { echo "release smoke: $scenario wrote no $file" >&2; exit 1; }
  done
  echo "release smoke: $name solved in $(( $(date +%s) - start )) s"
done
