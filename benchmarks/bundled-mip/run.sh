#!/usr/bin/env bash
# The bundled Lạng Sơn scenarios in MIP mode (whole works), ntm-alloc against PuLP + CBC at the
# same relative gap (issue 12, item 3: "the bundled scenarios' MIP faster than CBC"). Whole runs,
# interleaved: ntm-alloc `solve --mode mip` (decomposed, `--solver decomposed`, and monolithic,
# `--solver monolithic`, both with summary.json only) and `peers/peers.py --solver pulp-cbc --mode mip`.
# Writes benchmarks/results/bundled-mip-<date>[-tag].md.
#
#   bash benchmarks/bundled-mip/run.sh [--reps 1] [--mip-gap 1e-4] [--limit 600] [--tag NAME] [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=1; gap=1e-4; limit=600; build=1; tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2;;
    --mip-gap) gap="$2"; shift 2;;
    --limit) limit="$2"; shift 2;;
    --skip-build) build=0; shift;;
    --tag) tag="-$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
[ "$build" = 1 ] && swift build -c release --product ntm-alloc >/dev/null
[ -x benchmarks/.venv/bin/python ] || bash benchmarks/peers/setup.sh >/dev/null
bin=.build/release/ntm-alloc; py=benchmarks/.venv/bin/python
work=benchmarks/work; mkdir -p "$work" benchmarks/results
out="benchmarks/results/bundled-mip-$(date +%F)$tag.md"
{
  echo "# Bundled scenarios, MIP mode, against PuLP + CBC ($(date +%F), $(nproc) cores, reps $reps, gap $gap)"
  echo
  echo "Command: \`bash benchmarks/bundled-mip/run.sh --reps $reps --mip-gap $gap --limit $limit\`. Median wall seconds of whole"
  echo "runs (timeout $limit s); load average at the start: $(cut -d' ' -f1 /proc/loadavg)."
  echo
  echo "| scenario | ntm-alloc decomposed | ntm-alloc monolithic | PuLP + CBC | CBC ÷ decomposed | objectives (decomposed / monolithic / CBC) |"
  echo "|---|---:|---:|---:|---:|---|"
} > "$out"
for name in langson-2021-2025 langson-2026-2030; do
  scenario="scenarios/$name/scenario.yaml"
  declare -a dec=() mono=() cbc=()
  declare dobj="" mobj="" cobj=""
  for r in $(seq "$reps"); do
    for tool in decomposed monolithic cbc; do
      s=$(date +%s.%N)
      case "$tool" in
        cbc) cobj=$(timeout "$limit" "$py" benchmarks/peers/peers.py "$scenario" --solver pulp-cbc --mode mip --mip-gap "$gap" 2>/dev/null \
                    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["objective"], d["status"])' || echo "– timeout");;
        *) dir="$work/bundled-mip-$name-$tool"
           timeout "$limit" "$bin" solve "$scenario" --mode mip --solver "$tool" --mip-gap "$gap" --time-limit "$limit" \
             --format json --progress never --out "$dir" >/dev/null 2>&1 || true
           o=$(python3 -c "import json; d=json.load(open('$dir/summary.json')); print(d['objective'], d['status'], d.get('solve_path'))" 2>/dev/null || echo "– failed")
           if [ "$tool" = decomposed ]; then dobj="$o"; else mobj="$o"; fi;;
      esac
      e=$(date +%s.%N); t=$(python3 -c "print($e - $s)")
      case "$tool" in decomposed) dec+=("$t");; monolithic) mono+=("$t");; cbc) cbc+=("$t");; esac
    done
  done
  python3 - "$out" "$name" "${dec[*]}" "${mono[*]}" "${cbc[*]}" "$dobj" "$mobj" "$cobj" <<'PY'
import statistics, sys
out, name, dec, mono, cbc, dobj, mobj, cobj = sys.argv[1:]
m = lambda s: statistics.median(float(x) for x in s.split())
d, mo, c = m(dec), m(mono), m(cbc)
with open(out, "a") as fh:
    fh.write(f"| {name} | {d:.2f} s | {mo:.2f} s | {c:.2f} s | {c / d:.1f}× | {dobj} / {mobj} / {cobj} |\n")
PY
done
cat "$out"
