#!/usr/bin/env bash
# Multi-year benchmark (issue 8, item 6): ntm-alloc decomposed vs monolithic vs PuLP+CBC on the
# model of model.md §7, objectives checked against each other and the reference. One command:
#
#   bash benchmarks/multiyear/run.sh [--sizes 200,2000] [--reps 3 | --reps langson:3,200:3,2000:1]
#        [--limit 600] [--seed 1]
#        [--tools ntm-alloc,ntm-alloc-mono,pulp-cbc,reference] [--mono-all] [--ref-all] [--no-bundled]
#        [--peers-only] [--mode lp|mip] [--mip-gap 1e-4] [--tag NAME] [--skip-build]
#
# Scenarios: the bundled scenarios/langson-2026-2030/scenario.yaml (label `langson`, skipped when
# absent or with --no-bundled) and generated five-year provinces (generate_province.py --years
# 2026-2030 --seed S) of each size, written to benchmarks/work/my<N>/ (git-ignored).
# The monolithic path is skipped from 2,000 communes up unless --mono-all, and so is the reference
# unless --ref-all (scipy/HiGHS did not finish the 2,000-commune five-year LP in 600 s; the
# objectives there are checked between ntm-alloc and CBC). --peers-only runs only
# pulp-cbc, highs and the reference (no Swift build, no ntm-alloc): what can be measured before
# ntm-alloc reads multi-year files.
# Writes benchmarks/results/multiyear-<date>[-<tag>].md, .csv and -runs.csv; the log of every
# command is benchmarks/work/multiyear-<date>[-<tag>].log. Exit 1 if any objective disagrees.
# Needs: swift (unless --peers-only/--skip-build), python3 with scipy + PyYAML (the reference),
# GNU time (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(cd "$here/.." && pwd)"
root="$(cd "$bench/.." && pwd)"
sizes=200,2000 reps=3 limit=600 seed=1 tag="" build=1 mono_all=0 ref_all=0 bundled=1 peers_only=0 mode=lp mip_gap=1e-4
tools=ntm-alloc,ntm-alloc-mono,pulp-cbc,reference
orig_args="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --mip-gap) mip_gap="$2"; shift 2 ;;
    --mono-all) mono_all=1; shift ;;
    --ref-all) ref_all=1; shift ;;
    --no-bundled) bundled=0; shift ;;
    --peers-only) peers_only=1; build=0; tools=pulp-cbc,highs,reference; shift ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
python3 -c 'import scipy, yaml' 2>/dev/null || { echo "python3 needs scipy and PyYAML for the reference" >&2; exit 2; }

alloc="$root/.build/release/ntm-alloc"
if [ "$peers_only" = 0 ]; then
  if [ "$build" = 1 ]; then
    echo "== building ntm-alloc (release)"
    (cd "$root" && swift build -c release 2>&1 | tail -2)
  fi
  [ -x "$alloc" ] || { echo "no $alloc (run without --skip-build)" >&2; exit 2; }
fi

echo "== peers venv"
bash "$bench/peers/setup.sh"
py="$bench/.venv/bin/python"

mkdir -p "$bench/work" "$bench/results"
scenarios="" skip=""
if [ "$bundled" = 1 ]; then
  if [ -f "$root/scenarios/langson-2026-2030/scenario.yaml" ]; then
    scenarios="langson=$root/scenarios/langson-2026-2030/scenario.yaml"
  else
    echo "== scenarios/langson-2026-2030/scenario.yaml not found: skipped"
  fi
fi
echo "== generating five-year provinces (seed $seed)"
IFS=, read -ra size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  python3 "$bench/generator/generate_province.py" --communes "$n" --seed "$seed" --years 2026-2030 \
    --out "$bench/work/my$n"
  scenarios="${scenarios:+$scenarios,}$n=$bench/work/my$n/scenario.yaml"
  if [ "$n" -ge 2000 ] && [ "$mono_all" = 0 ]; then
    skip="${skip:+$skip,}$n:ntm-alloc-mono"
  fi
  if [ "$n" -ge 2000 ] && [ "$ref_all" = 0 ]; then
    skip="${skip:+$skip,}$n:reference"
  fi
done

swift_v="no Swift build (peers only)"
[ "$peers_only" = 0 ] && swift_v="$(swift --version 2>&1 | head -1)"
machine="$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); \
$(free -g | awk '/^Mem:/ {print $2 " GB RAM"}'); $swift_v; \
$("$py" --version 2>&1); $("$py" -c 'from importlib.metadata import version as v; print("PuLP %s (bundled CBC), highspy %s" % tuple(map(v, ["pulp", "highspy"])))'); \
reference: $(python3 -c 'import scipy, sys; print("Python", sys.version.split()[0], "scipy", scipy.__version__)'); \
load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== machine: $machine"

echo "== benchmark"
"$py" "$here/bench.py" --scenarios "$scenarios" --tools "$tools" --skip "$skip" --reps "$reps" \
  --limit "$limit" --mode "$mode" --mip-gap "$mip_gap" --tag "$tag" --python "$py" --ref-python python3 --alloc "$alloc" \
  --command "bash benchmarks/multiyear/run.sh $orig_args" --machine "$machine"
