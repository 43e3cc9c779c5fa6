#!/usr/bin/env bash
# Cross-check ntm-alloc's multi-year solves against the independent reference (issue 8, item 1).
#
#   bash benchmarks/multiyear/crosscheck.sh [--skip-build] [--limit SECONDS] [--no-mip]
#
# Generates seeded five-year provinces into benchmarks/work/crosscheck/ (git-ignored):
#   my20-s1       20 communes, seed 1, 2026–2030 (durations, start_from/finish_by, standard_by,
#                 carry_over 0.3 on central money, discount 0.03)   LP + variants + MIP
#   my30-s2-nd    30 communes, seed 2, no district column (former_district, §8.1)   LP + variants
#   my200-s3      200 communes, seed 3 (the decomposition's size)   LP
#   p1-30 / sp-30 30 communes, seed 1, `--periods 1` and the single-period scenario: the same
#                 optimum (model.md §7: `periods: [X]` is exactly §2)
# Variants (variants.py): -carry (all central money in 2026, carry_over 0.1: the carry-over cap
# binds), -standard (every target commune's standard_by is 2027), -mip (mode mip).
# LP cases run ntm-alloc with --solver decomposed and --solver monolithic; MIP with --mode mip
# --mip-gap 1e-9. Every objective must equal the reference's to 1e-6 relative. Exit 1 otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$(cd "$here/.." && pwd)"
root="$(cd "$bench/.." && pwd)"
build=1 limit=300 mip=1
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0; shift ;;
    --limit) limit="$2"; shift 2 ;;
    --no-mip) mip=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
python3 -c 'import scipy, yaml' 2>/dev/null || { echo "python3 needs scipy and PyYAML for the reference" >&2; exit 2; }
if [ "$build" = 1 ]; then
  (cd "$root" && swift build -c release 2>&1 | tail -2)
fi
alloc="$root/.build/release/ntm-alloc"
[ -x "$alloc" ] || { echo "no $alloc (run without --skip-build)" >&2; exit 2; }

w="$bench/work/crosscheck"
mkdir -p "$w"
gen="$bench/generator/generate_province.py"
python3 "$gen" --communes 20 --seed 1 --years 2026-2030 --out "$w/my20-s1"
python3 "$gen" --communes 30 --seed 2 --years 2026-2030 --no-district --out "$w/my30-s2-nd"
python3 "$gen" --communes 200 --seed 3 --years 2026-2030 --out "$w/my200-s3"
python3 "$gen" --communes 30 --seed 1 --periods 1 --out "$w/p1-30"
python3 "$gen" --communes 30 --seed 1 --out "$w/sp-30"
for d in my20-s1 my30-s2-nd; do python3 "$here/variants.py" "$w/$d" >/dev/null; done

cases="$w/cases.txt"
{
  echo "my20-s1 lp $w/my20-s1/scenario.yaml"
  echo "my20-s1-carry lp $w/my20-s1/scenario-carry.yaml"
  echo "my20-s1-standard lp $w/my20-s1/scenario-standard.yaml"
  echo "my30-s2-nd lp $w/my30-s2-nd/scenario.yaml"
  echo "my30-s2-nd-carry lp $w/my30-s2-nd/scenario-carry.yaml"
  echo "my30-s2-nd-standard lp $w/my30-s2-nd/scenario-standard.yaml"
  echo "my200-s3 lp $w/my200-s3/scenario.yaml"
  echo "sp-30 lp $w/sp-30/scenario.yaml"
  echo "p1-30 lp $w/p1-30/scenario.yaml sp-30"
  if [ "$mip" = 1 ]; then
    echo "my20-s1-mip mip $w/my20-s1/scenario-mip.yaml"
  fi
} > "$cases"
python3 "$here/crosscheck.py" --cases "$cases" --alloc "$alloc" --python python3 --limit "$limit" --work "$w"
