#!/usr/bin/env bash
# One plan per scenario (docs/model.md §9), checked from outside: solves a scenario by every
# path, LP method and thread count, and compares the allocations.csv files with
# benchmarks/tiebreak/agree.py (every amount within 1e-6·K_p of the first run's).
# Writes benchmarks/results/agree-<scenario folder>-<date>.md. Exit 1 if any run differs.
#
#   bash benchmarks/tiebreak/agree.sh [SCENARIO_YAML] [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario=scenarios/langson-2026-2030/scenario.yaml; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0; shift;;
    -*) echo "unknown option $1" >&2; exit 2;;
    *) scenario="$1"; shift;;
  esac
done
[ "$build" = 1 ] && swift build -c release --product ntm-alloc >/dev/null
bin=.build/release/ntm-alloc
name=$(basename "$(dirname "$scenario")")
work=benchmarks/work/agree-$name
mkdir -p "$work" benchmarks/results
out="benchmarks/results/agree-$name-$(date +%F).md"
declare -a labels=("default (automatic path)" "monolithic, primal simplex" "monolithic, dual simplex"
                   "monolithic, interior point" "decomposed, 1 thread" "decomposed, 2 threads")
declare -a flags=("" "--solver monolithic --lp-method primal" "--solver monolithic --lp-method dual"
                  "--solver monolithic --lp-method interior" "--solver decomposed" "--solver decomposed")
declare -a threads=(2 2 2 2 1 2)
{
  echo "# One plan per scenario: $scenario ($(date +%F), $(nproc) cores)"
  echo
  echo "Command: \`bash benchmarks/tiebreak/agree.sh $scenario\`. Each run writes allocations.csv;"
  echo "\`benchmarks/tiebreak/agree.py\` compares every (work, source, year) amount with the first run's."
  echo
  echo "| run | command flags | wall s | objective |"
  echo "|---|---|---:|---:|"
} > "$out"
dirs=()
for k in "${!labels[@]}"; do
  dir="$work/run$k"; dirs+=("$dir")
  start=$(date +%s.%N)
  NTM_ALLOC_THREADS=${threads[$k]} "$bin" solve "$scenario" ${flags[$k]} --format csv,json --out "$dir" >/dev/null
  end=$(date +%s.%N)
  objective=$(python3 -c "import json;print(repr(json.load(open('$dir/summary.json'))['objective']))")
  printf '| %s | `%s` (NTM_ALLOC_THREADS=%s) | %.1f | %s |\n' "${labels[$k]}" "${flags[$k]:-}" "${threads[$k]}" \
    "$(python3 -c "print($end - $start)")" "$objective" >> "$out"
done
{
  echo
  echo "Agreement with the first run:"
  echo
  echo '```'
} >> "$out"
status=0
python3 benchmarks/tiebreak/agree.py "${dirs[@]}" >> "$out" || status=1
echo '```' >> "$out"
cat "$out"
exit $status
