#!/usr/bin/env python3
"""Cross-check ntm-alloc against the reference on seeded five-year provinces (model.md §7, §8).

Called by benchmarks/multiyear/crosscheck.sh (Python 3 stdlib; the reference needs scipy + PyYAML).
For every case it runs `ntm-alloc solve … --format json` (LP: --solver decomposed and
--solver monolithic; MIP: --mode mip --mip-gap 1e-9) and tools/reference/ntm_reference.py, and
requires the objectives to agree to 1e-6 relative. Exit 0 when every case agrees, 1 otherwise.
"""
import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TOL = 1e-6


def run(cmd, timeout):
    print("  $ " + shlex.join(cmd), flush=True)
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def ntm(alloc, scen, out, solver, mode, limit):
    cmd = [alloc, "solve", str(scen), "--format", "json", "--out", str(out)]
    cmd += ["--solver", solver] if mode == "lp" else ["--mode", "mip", "--mip-gap", "1e-9", "--time-limit", str(limit)]
    summary = out / "summary.json"
    if summary.exists():
        summary.unlink()
    p = run(cmd, limit + 60)
    if p is None:
        return None, "timeout"
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {(p.stderr or p.stdout).strip()[-300:]}"
    d = json.loads(summary.read_text())
    return d.get("objective"), d.get("status")


def reference(py, scen, mode, limit):
    cmd = [py, str(ROOT / "tools" / "reference" / "ntm_reference.py"), str(scen), "--json", "--mode", mode]
    if mode == "mip":
        cmd += ["--time-limit", str(limit)]
    p = run(cmd, limit + 60)
    if p is None:
        return None, "timeout"
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {p.stderr.strip()[-300:]}"
    d = json.loads(p.stdout)
    return d.get("objective"), d.get("status")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True, help="file of lines: LABEL MODE SCENARIO [SAME-AS-LABEL]")
    ap.add_argument("--alloc", required=True)
    ap.add_argument("--python", default="python3")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    work = Path(a.work)
    results, failures = {}, []
    for line in Path(a.cases).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, mode, scen, *same = line.split()
        print(f"== {label} ({mode}): {scen}", flush=True)
        ref, ref_status = reference(a.python, scen, mode, a.limit)
        got = {"reference": (ref, ref_status)}
        solvers = ["decomposed", "monolithic"] if mode == "lp" else ["mip"]
        for s in solvers:
            got[f"ntm-alloc {s}"] = ntm(a.alloc, scen, work / f"out-{label}-{s}", s, mode, a.limit)
        results[label] = got
        for tool, (obj, status) in got.items():
            if obj is None or status != "optimal":
                failures.append(f"{label}: {tool} gave no proven optimum ({status})")
            elif ref is not None and abs(obj - ref) / max(1.0, abs(ref)) > TOL:
                failures.append(f"{label}: {tool} {obj!r} vs reference {ref!r} "
                                f"(relative {abs(obj - ref) / max(1.0, abs(ref)):.1e})")
            print(f"  {tool:24s} {status!s:12s} {obj!r}", flush=True)
        if same:          # e.g. `periods: [2026]` must give the single-period optimum
            other = results.get(same[0], {}).get("reference", (None, None))[0]
            if ref is None or other is None or abs(ref - other) / max(1.0, abs(other)) > 1e-9:
                failures.append(f"{label}: optimum {ref!r} differs from {same[0]}'s {other!r}")
            else:
                print(f"  same optimum as {same[0]} (1e-9)", flush=True)
    print()
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"all {len(results)} cases agree with the reference to {TOL:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
