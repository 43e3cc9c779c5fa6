#!/usr/bin/env bash
# What the tie-break stage (docs/model.md §9, one plan per scenario) costs: `solve` with and
# without it (`--no-tie-break`, hidden), interleaved in the same run, on the bundled Lạng Sơn
# scenario and on generated provinces. Writes benchmarks/results/tiebreak-<date>.md.
#
#   bash benchmarks/tiebreak/run.sh [--sizes 200,2000 | --sizes none] [--reps 3] [--tag NAME] [--skip-build]
#
# The bundled scenarios are always measured: langson-2021-2025 (one period) and
# langson-2026-2030 (five years, where the default path is decomposed).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="200,2000"; reps=3; build=1; tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2;;
    --reps) reps="$2"; shift 2;;
    --skip-build) build=0; shift;;
    --tag) tag="-$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
[ "$build" = 1 ] && swift build -c release --product ntm-alloc >/dev/null
bin=.build/release/ntm-alloc
work=benchmarks/work
mkdir -p "$work" benchmarks/results
declare -a names=("langson-2021-2025" "langson-2026-2030")
declare -a paths=("scenarios/langson-2021-2025/scenario.yaml" "scenarios/langson-2026-2030/scenario.yaml")
[ "$sizes" = none ] && sizes=""
IFS=, read -ra list <<< "$sizes"
for n in "${list[@]}"; do
  [ -f "$work/p$n/scenario.yaml" ] || python3 benchmarks/generator/generate_province.py --communes "$n" --out "$work/p$n" >/dev/null
  names+=("p$n"); paths+=("$work/p$n/scenario.yaml")
done
out="benchmarks/results/tiebreak-$(date +%F)$tag.md"
{
  echo "# Tie-break stage cost ($(date +%F), $(nproc) cores, reps $reps)"
  echo
  echo "Command: \`bash benchmarks/tiebreak/run.sh --sizes $sizes --reps $reps\`. Each row: median wall-clock"
  echo "seconds of the solve phase (summary.json timings.solve) over the repetitions, the two variants"
  echo "interleaved; ratio = with / without."
  echo
  echo "| scenario | path | solve without (s) | solve with (s) | ratio | objective without | objective with | relative loss |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$out"
for k in "${!names[@]}"; do
  for path in automatic monolithic; do
    [ "$path" = monolithic ] && [ "${names[$k]}" = p2000 ] && continue   # the monolithic LP takes minutes there
    without=(); with=()
    for r in $(seq "$reps"); do
      for variant in without with; do
        flag=""; [ "$variant" = without ] && flag="--no-tie-break"
        dir="$work/tiebreak-${names[$k]}-$path-$variant"
        "$bin" solve "${paths[$k]}" --solver "$path" $flag --format json --out "$dir" >/dev/null 2>&1
        t=$(python3 -c "import json;print(json.load(open('$dir/summary.json'))['timings']['solve'])")
        if [ "$variant" = without ]; then without+=("$t"); else with+=("$t"); fi
      done
    done
    python3 - "$out" "${names[$k]}" "$path" "$work/tiebreak-${names[$k]}-$path" "${without[*]}" "${with[*]}" <<'PY'
import json, statistics, sys
out, name, path, prefix, without, with_ = sys.argv[1:]
a = statistics.median(map(float, without.split())); b = statistics.median(map(float, with_.split()))
za = json.load(open(prefix + "-without/summary.json"))["objective"]
zb = json.load(open(prefix + "-with/summary.json"))["objective"]
with open(out, "a") as f:
    f.write(f"| {name} | {path} | {a:.3f} | {b:.3f} | {b / a:.2f} | {za:.6f} | {zb:.6f} | {(za - zb) / abs(za):.1e} |\n")
PY
  done
done
cat "$out"
