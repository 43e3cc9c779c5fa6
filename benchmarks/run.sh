#!/usr/bin/env bash
# End-to-end benchmark of ntm-alloc against peer tools (issue 5). One command:
#
#   bash benchmarks/run.sh [--sizes 200,2000] [--reps 3 | --reps 200:3,2000:1]
#                          [--limit 600] [--tools ntm-alloc,glpsol,glpsol-dual,highs,pulp-cbc,pulp-glpk]
#                          [--seed 1] [--tag NAME] [--skip-build] [--mode lp|mip] [--mip-gap 1e-4]
#
# --mode mip: whole works. `ntm-alloc` is then the decomposed MIP (`--solver decomposed --mode
# mip`), `ntm-alloc-mono` GLPK's branch-and-cut on the whole model, and the peers (pulp-cbc,
# highs, pulp-glpk) solve the same MIP, all at the relative gap --mip-gap.
#
# 1. builds ntm-alloc in release mode (swift build -c release);
# 2. creates benchmarks/.venv with the peers (benchmarks/peers/setup.sh);
# 3. generates the synthetic scenarios into benchmarks/work/p<N>/ (git-ignored);
# 4. runs, one at a time (each repetition of every tool before the next), ntm-alloc validate, export-model, solve and every peer
#    under /usr/bin/time -v and timeout, and writes
#    benchmarks/results/e2e-<date>[-<tag>].md, .csv and -runs.csv.
# Needs: swift, python3 (3.9+), glpsol (glpk-utils), GNU time (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
sizes=200,2000 reps=3 limit=600 seed=1 tag="" build=1 mode=lp mip_gap=1e-4
tools=ntm-alloc,glpsol,glpsol-dual,highs,pulp-cbc,pulp-glpk
orig_args="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    --mode) mode="$2"; shift 2 ;;
    --mip-gap) mip_gap="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }

if [ "$build" = 1 ]; then
  echo "== building ntm-alloc (release)"
  (cd "$root" && swift build -c release 2>&1 | tail -2)
fi
alloc="$root/.build/release/ntm-alloc"
[ -x "$alloc" ] || { echo "no $alloc (run without --skip-build)" >&2; exit 2; }

echo "== peers venv"
bash "$here/peers/setup.sh"
py="$here/.venv/bin/python"

mkdir -p "$here/work" "$here/results"
echo "== generating scenarios (seed $seed)"
IFS=, read -ra size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  python3 "$here/generator/generate_province.py" --communes "$n" --seed "$seed" --out "$here/work/p$n"
done

machine="$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); \
$(free -g | awk '/^Mem:/ {print $2 " GB RAM"}'); \
$(swift --version 2>&1 | head -1); $(glpsol --version | head -1); \
$("$py" --version 2>&1); $("$py" -c 'from importlib.metadata import version as v; print("PuLP %s (bundled CBC), highspy %s, numpy %s, PyYAML %s" % tuple(map(v, ["pulp", "highspy", "numpy", "pyyaml"])))'); \
load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== machine: $machine"

echo "== benchmark"
"$py" "$here/harness.py" --sizes "$sizes" --reps "$reps" --limit "$limit" --tools "$tools" \
  --seed "$seed" --tag "$tag" --python "$py" --alloc "$alloc" --mode "$mode" --mip-gap "$mip_gap" \
  --command "bash benchmarks/run.sh $orig_args" --machine "$machine"
