#!/usr/bin/env python3
"""Multi-year benchmark loop (called by benchmarks/multiyear/run.sh; Python 3 stdlib only).

For every scenario and tool: run the tool under `/usr/bin/time -v` and `timeout`, one run at a
time, take the median wall time over the repetitions, check every objective against the others
(1e-6 relative, or the MIP gap in MIP mode; the anchor is the reference implementation where it finished, else ntm-alloc
decomposed, else PuLP+CBC), and write results/multiyear-<date>[-tag].md, .csv and -runs.csv.

Tools:
  ntm-alloc       ntm-alloc solve --solver decomposed --format json (summary.json: objective, timings)
  ntm-alloc-mono  ntm-alloc solve --solver monolithic --format json
  pulp-cbc        benchmarks/peers/peers.py --solver pulp-cbc (the same multi-year model, PuLP + CBC)
  highs           benchmarks/peers/peers.py --solver highs
  reference       tools/reference/ntm_reference.py --json (scipy/HiGHS; the objective oracle)
"""
import argparse
import csv
import datetime
import json
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from harness import parse_time_v  # noqa: E402

TOL = 1e-6
TOOLS = ["ntm-alloc", "ntm-alloc-mono", "pulp-cbc", "highs", "reference"]
DESCR = {
    "ntm-alloc": "`ntm-alloc solve --solver decomposed --format json`: read, validate, build, Dantzig–Wolfe "
                 "over communes (one block per commune, all its periods), baseline, summary.json",
    "ntm-alloc-mono": "`ntm-alloc solve --solver monolithic --format json`: the same with one GLPK simplex "
                      "on the whole multi-year model",
    "pulp-cbc": "`peers.py --solver pulp-cbc`: Python reads YAML/CSV and builds the model of model.md §7.2 "
                "as PuLP objects → MPS → bundled CBC → solution read back",
    "highs": "`peers.py --solver highs`: the same model as arrays, highspy (threads=1)",
    "reference": "`tools/reference/ntm_reference.py --json`: the independent reference (scipy linprog/milp, "
                 "HiGHS); used as the objective oracle",
}


def command(tool, scen, out, a):
    if tool in ("ntm-alloc", "ntm-alloc-mono"):
        solver = "decomposed" if tool == "ntm-alloc" else "monolithic"
        cmd = [a.alloc, "solve", str(scen), "--solver", solver, "--format", "json", "--out", str(out / f"out-{tool}")]
        if a.mode == "mip":
            cmd += ["--mode", "mip", "--mip-gap", str(a.mip_gap), "--time-limit", str(a.limit)]
        return cmd
    if tool == "reference":
        cmd = [a.ref_python, str(ROOT / "tools" / "reference" / "ntm_reference.py"), str(scen), "--json"]
        return cmd + (["--mode", "mip", "--mip-gap", str(a.mip_gap)] if a.mode == "mip" else [])
    peer = [a.python, str(BENCH / "peers" / "peers.py"), str(scen), "--solver", tool, "--mode", a.mode]
    return peer + (["--mip-gap", str(a.mip_gap)] if a.mode == "mip" else [])


def read_result(tool, out, stdout):
    """(objective, status, solver seconds as the tool reports it)."""
    if tool.startswith("ntm-alloc"):
        d = json.loads((out / f"out-{tool}" / "summary.json").read_text())
        t = d.get("timings") or {}
        solve = t.get("solve") if isinstance(t, dict) else None
        if solve is None:
            solve = d.get("solve_seconds")
        return d.get("objective"), d.get("status"), solve
    text = stdout.strip()
    d = json.loads(text if tool == "reference" else text.splitlines()[-1])
    return d.get("objective"), d.get("status"), d.get("solve_seconds")


def run_one(tool, label, rep, scen, out, a, log):
    tfile = out / f"time-{tool}-{rep}.txt"
    inner = command(tool, scen, out, a)
    summary = out / f"out-{tool}" / "summary.json"
    if summary.exists():
        summary.unlink()
    cmd = ["/usr/bin/time", "-v", "-o", str(tfile), "timeout", str(a.limit)] + inner
    print(f"[{time.strftime('%H:%M:%S')}] {label} {tool} rep {rep}: {shlex.join(inner)}", flush=True)
    p = subprocess.run(cmd, capture_output=True, text=True)
    log.write(f"### {label} {tool} rep {rep}\n$ {shlex.join(cmd)}\n--- stdout (tail)\n{p.stdout[-2000:]}\n"
              f"--- stderr (tail)\n{p.stderr[-3000:]}\n")
    log.flush()
    t = parse_time_v(tfile)
    row = dict(scenario=label, tool=tool, rep=rep, wall=t.get("wall"), cpu=t.get("cpu"), rss_mb=t.get("rss_mb"),
               exit=p.returncode, objective=None, status=None, solver_seconds=None)
    if p.returncode == 124:
        row["status"] = f"timeout ({a.limit} s)"
    elif p.returncode != 0:
        row["status"] = f"exit {p.returncode}: {p.stderr.strip().splitlines()[-1][:120] if p.stderr.strip() else ''}"
    else:
        try:
            row["objective"], row["status"], row["solver_seconds"] = read_result(tool, out, p.stdout)
        except Exception as e:  # noqa: BLE001
            row["status"] = f"unparsed: {e}"
    print(f"    wall {row['wall']} s, cpu {row['cpu']} s, RSS {row['rss_mb']} MB, status {row['status']}, "
          f"objective {row['objective']}", flush=True)
    return row


def rel(a, b):
    return abs(a - b) / max(1.0, abs(b))


def aggregate(rows, labels, tools):
    summary = []
    for label in labels:
        mine = [r for r in rows if r["scenario"] == label]
        objs = {t: [r["objective"] for r in mine if r["tool"] == t and r["objective"] is not None] for t in tools}
        anchor_tool = next((t for t in ("reference", "ntm-alloc", "pulp-cbc") if objs.get(t)), None)
        anchor = statistics.median(objs[anchor_tool]) if anchor_tool else None
        every = [o for t in tools for o in objs.get(t, [])]
        spread = max((rel(x, y) for x in every for y in every), default=None)
        base_wall = None
        for tool in tools:
            rs = [r for r in mine if r["tool"] == tool]
            if not rs:
                continue
            ok = [r for r in rs if r["exit"] == 0 and r["wall"] is not None and r["objective"] is not None]
            if not ok:
                agree = rs[-1]["status"] or "failed"
            elif anchor is None:
                agree = "no anchor"
            else:
                worst = max(rel(r["objective"], anchor) for r in ok)
                agree = (f"yes ({worst:.0e})" if worst <= TOL else f"NO ({worst:.1e})") + \
                    ("" if tool != anchor_tool else " (anchor)")
            counts = bool(ok) and agree.startswith("yes")
            med = statistics.median([r["wall"] for r in ok]) if counts else None
            if tool == "ntm-alloc":
                base_wall = med
            solver = [r["solver_seconds"] for r in ok if isinstance(r["solver_seconds"], (int, float))]
            summary.append(dict(
                scenario=label, tool=tool, runs=f"{len(ok)}/{len(rs)}", median_wall=med,
                ratio=None if (med is None or not base_wall) else med / base_wall,
                cpu=statistics.median([r["cpu"] for r in ok if r["cpu"] is not None]) if counts else None,
                solver_seconds=statistics.median(solver) if counts and solver else None,
                rss_mb=max((r["rss_mb"] for r in ok if r["rss_mb"] is not None), default=None),
                objective=ok[0]["objective"] if ok else None, agreement=agree,
                spread=spread))
    return summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenarios", required=True, help="LABEL=PATH,LABEL=PATH")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--skip", default="", help="LABEL:TOOL,… pairs not to run (e.g. 2000:ntm-alloc-mono)")
    ap.add_argument("--reps", default="3", help="N, or LABEL:N,LABEL:N (labels not named: 1)")
    ap.add_argument("--ref-reps", type=int, default=1, help="repetitions of the reference (default 1)")
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--mode", choices=["lp", "mip"], default="lp")
    ap.add_argument("--mip-gap", type=float, default=1e-9)
    ap.add_argument("--tag", default="")
    ap.add_argument("--python", required=True, help="the peers' python (benchmarks/.venv)")
    ap.add_argument("--ref-python", default="python3", help="a python with scipy and PyYAML, for the reference")
    ap.add_argument("--alloc", default=str(ROOT / ".build" / "release" / "ntm-alloc"))
    ap.add_argument("--command", default="")
    ap.add_argument("--machine", default="")
    a = ap.parse_args()
    global TOL
    if a.mode == "mip":
        # Two plans each within the relative gap g of the MIP optimum differ by at most g of it.
        TOL = max(TOL, a.mip_gap)
    scen = [tuple(x.split("=", 1)) for x in a.scenarios.split(",") if x]
    tools = [t for t in a.tools.split(",") if t]
    for t in tools:
        if t not in DESCR:
            raise SystemExit(f"unknown tool {t!r}; known: {', '.join(TOOLS)}")
    skip = {tuple(x.split(":", 1)) for x in a.skip.split(",") if x}
    if ":" in a.reps:
        named = dict(x.split(":", 1) for x in a.reps.split(","))
        reps = {lbl: int(named.get(lbl, 1)) for lbl, _ in scen}
    else:
        reps = {lbl: int(a.reps) for lbl, _ in scen}
    date = datetime.date.today().isoformat()
    stem = f"multiyear-{date}" + (f"-{a.tag}" if a.tag else "")
    res = BENCH / "results"
    res.mkdir(exist_ok=True)
    (BENCH / "work").mkdir(exist_ok=True)
    rows = []
    with open(BENCH / "work" / f"{stem}.log", "w") as log:
        for label, path in scen:
            path = Path(path)
            out = BENCH / "work" / f"my-{label}"
            out.mkdir(parents=True, exist_ok=True)
            for tool in tools:
                if (label, tool) in skip:
                    print(f"{label} {tool}: skipped", flush=True)
                    continue
                for rep in range(1, (a.ref_reps if tool == "reference" else reps[label]) + 1):
                    r = run_one(tool, label, rep, path, out, a, log)
                    rows.append(r)
                    if r["objective"] is None:
                        break
    fields = ["scenario", "tool", "rep", "wall", "cpu", "rss_mb", "exit", "status", "objective", "solver_seconds"]
    with open(res / f"{stem}-runs.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows({k: r[k] for k in fields} for r in rows)
    summary = aggregate(rows, [lbl for lbl, _ in scen], tools)
    sfields = ["scenario", "tool", "runs", "median_wall", "ratio", "cpu", "solver_seconds", "rss_mb",
               "objective", "agreement", "spread"]
    with open(res / f"{stem}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=sfields, lineterminator="\n")
        w.writeheader()
        w.writerows(summary)

    def f2(x, d=2):
        return "–" if x is None else f"{x:,.{d}f}"
    md = [f"# Multi-year benchmark (model.md §7), {date}" + (f" ({a.tag})" if a.tag else ""), "",
          f"Command: `{a.command}`" if a.command else "", "",
          f"Mode {a.mode}; repetitions {a.reps} (reference {a.ref_reps}); time limit {a.limit} s per run; "
          "one run at a time.", "",
          f"Machine: {a.machine}" if a.machine else "", "",
          "Median wall seconds (`/usr/bin/time -v`) over the repetitions; × ntm-alloc = ratio to "
          "ntm-alloc decomposed at the same scenario (> 1: slower than ntm-alloc). A time counts only when "
          f"the objective agrees to {TOL:g} relative with the anchor (the reference where it finished, "
          "else ntm-alloc decomposed, else PuLP+CBC); `spread` is the largest relative difference between any two "
          "objectives of that scenario.", "",
          "| scenario | tool | runs ok | median wall s | × ntm-alloc | CPU s | solver s | peak RSS MB "
          "| objective | agrees | spread |",
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for s in summary:
        md.append(f"| {s['scenario']} | {s['tool']} | {s['runs']} | {f2(s['median_wall'])} | {f2(s['ratio'])} | "
                  f"{f2(s['cpu'])} | {f2(s['solver_seconds'])} | {f2(s['rss_mb'], 0)} | "
                  f"{f2(s['objective'], 3)} | {s['agreement']} | "
                  f"{'–' if s['spread'] is None else format(s['spread'], '.0e')} |")
    skipped = sorted(f"{l}:{t}" for l, t in skip if t in tools)
    if skipped:
        md += ["", "Not run: " + ", ".join(skipped) + "."]
    md += ["", "Tools:", ""] + [f"- **{t}**: {DESCR[t]}" for t in tools] + [""]
    (res / f"{stem}.md").write_text("\n".join(md))
    print("\n".join(md))
    bad = [s for s in summary if s["agreement"].startswith("NO")]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
