#!/usr/bin/env bash
# What diagnosing an infeasible scenario costs against solving the feasible one (issue 12, item 4:
# at most 5× a feasible solve of the same size). On generated provinces, `solve` of the scenario
# as generated and of the same scenario with a commune floor no budget can meet
# (`--set rules.commune_floor=0.9`), interleaved, whole runs (read → write summary.json).
# Writes benchmarks/results/diagnosis-<date>[-tag].md.
#
#   bash benchmarks/diagnosis/run.sh [--sizes 200,2000] [--reps 1] [--floor 0.9] [--tag NAME] [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="200,2000"; reps=1; floor=0.9; build=1; tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2;;
    --reps) reps="$2"; shift 2;;
    --floor) floor="$2"; shift 2;;
    --skip-build) build=0; shift;;
    --tag) tag="-$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
[ "$build" = 1 ] && swift build -c release --product ntm-alloc >/dev/null
bin=.build/release/ntm-alloc
work=benchmarks/work
mkdir -p "$work" benchmarks/results
out="benchmarks/results/diagnosis-$(date +%F)$tag.md"
{
  echo "# Infeasibility diagnosis against a feasible solve ($(date +%F), $(nproc) cores, reps $reps)"
  echo
  echo "Command: \`bash benchmarks/diagnosis/run.sh --sizes $sizes --reps $reps --floor $floor\`. Median wall-clock"
  echo "seconds of whole \`solve\` runs (\`--format json\`), the two interleaved; load average at the start: $(cut -d' ' -f1 /proc/loadavg)."
  echo
  echo "| communes | feasible solve (s) | infeasible solve with diagnosis (s) | ratio | rules tested | settled by the bound | rules enough alone |"
  echo "|---:|---:|---:|---:|---:|---:|---|"
} > "$out"
IFS=, read -ra list <<< "$sizes"
for n in "${list[@]}"; do
  [ -f "$work/p$n/scenario.yaml" ] || python3 benchmarks/generator/generate_province.py --communes "$n" --out "$work/p$n" >/dev/null
  feasible=(); infeasible=()
  for r in $(seq "$reps"); do
    s=$(date +%s.%N)
    "$bin" solve "$work/p$n/scenario.yaml" --format json --progress never --out "$work/diagnosis-p$n-feasible" >/dev/null 2>&1
    e=$(date +%s.%N); feasible+=("$(python3 -c "print($e - $s)")")
    s=$(date +%s.%N)
    "$bin" solve "$work/p$n/scenario.yaml" --set "rules.commune_floor=$floor" --format json --progress never \
      --out "$work/diagnosis-p$n-infeasible" >/dev/null 2>&1 || true
    e=$(date +%s.%N); infeasible+=("$(python3 -c "print($e - $s)")")
  done
  python3 - "$out" "$n" "$work/diagnosis-p$n-infeasible/summary.json" "${feasible[*]}" "${infeasible[*]}" <<'PY'
import json, statistics, sys
out, n, summary, feasible, infeasible = sys.argv[1:]
f = statistics.median(float(x) for x in feasible.split())
i = statistics.median(float(x) for x in infeasible.split())
d = json.load(open(summary))
rules = d.get("infeasibility") or []
enough = ", ".join(f"`{r['key']}`" for r in rules if r.get("sufficient_alone"))
with open(out, "a") as fh:
    fh.write(f"| {int(n):,} | {f:.2f} | {i:.2f} | {i / f:.2f}× | {len(rules)} | {d.get('infeasibility_rules_settled_by_bound', '–')} | {enough} |\n")
PY
done
cat "$out"
