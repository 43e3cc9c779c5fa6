#!/usr/bin/env python3
"""End-to-end benchmark loop (called by benchmarks/run.sh; Python 3 stdlib only).

For every size and tool: run the tool under `/usr/bin/time -v` and `timeout`,
one run at a time, parse wall time, CPU time, peak RSS and the objective,
take the median over the repetitions, check each objective against
ntm-alloc's (1e-6 relative), and write results/e2e-<date>[-tag].{md,csv}
plus the raw runs (…-runs.csv).
"""
import argparse
import csv
import datetime
import json
import re
import shlex
import statistics
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = ["ntm-alloc", "ntm-alloc-mono", "glpsol", "glpsol-dual", "highs", "pulp-cbc", "pulp-glpk"]
PRE = ["validate", "export-model"]
TOL = 1e-6
DESCR = {
    "ntm-alloc-mono": "`ntm-alloc solve --solver monolithic --format json`: the same, forcing one GLPK simplex "
                      "on the whole model (the path before the decomposition)",
    "validate": "`ntm-alloc validate`: read, check, build the model; no solve",
    "export-model": "`ntm-alloc export-model --mps`: read, check, build, write free MPS; no solve",
    "ntm-alloc": "`ntm-alloc solve --format json`: read YAML/CSV, validate, build, GLPK solve, "
                 "status-quo baseline, summary.json — the end-to-end time",
    "glpsol": "`glpsol --min --freemps` (GLPK 5.0, default primal simplex) on export-model's MPS: "
              "solver only (MPS reading included, building not)",
    "glpsol-dual": "`glpsol --min --freemps --dual` on the same MPS: solver only",
    "highs": "`peers.py --solver highs`: Python reads YAML/CSV, builds arrays, highspy 1.15.1 "
             "(default LP solver, threads=1)",
    "pulp-cbc": "`peers.py --solver pulp-cbc`: Python read+build, PuLP 3.3.2 objects → MPS → "
                "bundled CBC → solution read back",
    "pulp-glpk": "`peers.py --solver pulp-glpk`: Python read+build, PuLP 3.3.2 → CPLEX LP → "
                 "/usr/bin/glpsol (default primal simplex) → solution read back",
}


def parse_time_v(path):
    out = {}
    try:
        txt = Path(path).read_text()
    except OSError:
        return out
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", txt)
    if m:
        sec = 0.0
        for p in m.group(1).split(":"):
            sec = sec * 60 + float(p)
        out["wall"] = sec
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", txt)
    if m:
        out["rss_mb"] = int(m.group(1)) / 1024
    u = re.search(r"User time \(seconds\): ([\d.]+)", txt)
    s = re.search(r"System time \(seconds\): ([\d.]+)", txt)
    if u and s:
        out["cpu"] = float(u.group(1)) + float(s.group(1))
    return out


MIP = {"mode": "lp", "gap": 1e-4, "limit": 600}


def command(tool, scen, work, py, alloc):
    mip = ["--mode", "mip", "--mip-gap", repr(MIP["gap"]), "--time-limit", str(MIP["limit"])] if MIP["mode"] == "mip" else []
    if tool == "ntm-alloc":
        # A MIP is decomposed only when asked for (`automatic` never decomposes a MIP).
        path = ["--solver", "decomposed"] if mip else []
        return [alloc, "solve", str(scen), "--out", str(work / "out-ntm-alloc"), "--format", "json"] + path + mip
    if tool == "ntm-alloc-mono":
        return [alloc, "solve", str(scen), "--solver", "monolithic", "--out", str(work / "out-ntm-alloc-mono"),
                "--format", "json"] + mip
    if tool == "validate":
        return [alloc, "validate", str(scen)]
    if tool == "export-model":
        return [alloc, "export-model", str(scen), "--mps", str(work / "model.mps")]
    if tool in ("glpsol", "glpsol-dual"):
        # export-model writes the maximisation negated as a minimisation (MPS has no sense).
        cmd = ["glpsol", "--min", "--freemps", str(work / "model.mps"), "-w", str(work / f"{tool}.sol")]
        return cmd + (["--dual"] if tool == "glpsol-dual" else [])
    peer = [py, str(HERE / "peers" / "peers.py"), str(scen), "--solver", tool]
    return peer + (["--mode", "mip", "--mip-gap", repr(MIP["gap"])] if MIP["mode"] == "mip" else ["--mode", "lp"])


def objective(tool, work, stdout):
    """(objective, status, solver seconds reported by the tool itself)."""
    if tool in ("ntm-alloc", "ntm-alloc-mono"):
        d = json.loads((work / f"out-{tool}" / "summary.json").read_text())
        return d.get("objective"), d.get("status", "solved"), d.get("solve_seconds")
    if tool in ("glpsol", "glpsol-dual"):
        for line in (work / f"{tool}.sol").read_text().splitlines():
            if line.startswith("s "):
                f = line.split()       # s bas ROWS COLS PRIM DUAL OBJ  (f = feasible)
                st = "optimal" if f[4] == "f" and f[5] == "f" else f"primal {f[4]}, dual {f[5]}"
                return -float(f[6]), st, None   # the file's minimum is minus the model's maximum
        return None, "no solution line", None
    if tool in PRE:
        return None, "ok", None
    d = json.loads(stdout.strip().splitlines()[-1])
    return d.get("objective"), d.get("status"), d.get("solve_seconds")


def run_one(tool, n, rep, scen, work, py, alloc, limit, log):
    tfile = work / f"time-{tool}-{rep}.txt"
    inner = command(tool, scen, work, py, alloc)
    cmd = ["/usr/bin/time", "-v", "-o", str(tfile), "timeout", str(limit)] + inner
    stale = [work / f"out-{tool}" / "summary.json"] if tool.startswith("ntm-alloc") else \
        [work / f"{tool}.sol"] if tool.startswith("glpsol") else []
    for f in stale:
        if f.exists():
            f.unlink()
    print(f"[{time.strftime('%H:%M:%S')}] {n} {tool} rep {rep}: {shlex.join(inner)}", flush=True)
    p = subprocess.run(cmd, capture_output=True, text=True)
    log.write(f"### {n} {tool} rep {rep}\n$ {shlex.join(cmd)}\n--- stdout (tail)\n{p.stdout[-3000:]}\n"
              f"--- stderr (tail)\n{p.stderr[-3000:]}\n")
    log.flush()
    t = parse_time_v(tfile)
    row = dict(size=n, tool=tool, rep=rep, wall=t.get("wall"), cpu=t.get("cpu"), rss_mb=t.get("rss_mb"),
               exit=p.returncode, objective=None, status=None, solver_seconds=None)
    if p.returncode == 124:
        row["status"] = f"timeout ({limit} s)"
    elif p.returncode != 0:
        row["status"] = f"exit {p.returncode}"
    else:
        try:
            row["objective"], row["status"], row["solver_seconds"] = objective(tool, work, p.stdout)
        except Exception as e:  # noqa: BLE001
            row["status"] = f"unparsed: {e}"
    rss = None if row["rss_mb"] is None else round(row["rss_mb"], 1)
    print(f"    wall {row['wall']} s, cpu {row['cpu']} s, peak RSS {rss} MB, "
          f"status {row['status']}, objective {row['objective']}", flush=True)
    return row


def aggregate(rows, sizes, tools):
    summary = []
    for n in sizes:
        ref = [r["objective"] for r in rows
               if r["size"] == n and r["tool"] == "ntm-alloc" and r["objective"] is not None]
        ref_obj = statistics.median(ref) if ref else None
        ref_wall = None
        for tool in [t for t in PRE + tools if any(r["size"] == n and r["tool"] == t for r in rows)]:
            rs = [r for r in rows if r["size"] == n and r["tool"] == tool]
            ok = [r for r in rs if r["exit"] == 0 and r["wall"] is not None]
            objs = [r["objective"] for r in ok if r["objective"] is not None]
            if tool in PRE:
                agree = "–" if ok else rs[-1]["status"]
            elif not objs:
                agree = rs[-1]["status"] or "failed"
            elif ref_obj is None:
                agree = "no ntm-alloc objective"
            else:
                worst = max(abs(o - ref_obj) / max(1.0, abs(ref_obj)) for o in objs)
                agree = f"yes ({worst:.0e})" if worst <= TOL else f"NO ({worst:.1e})"
            counts = bool(ok) and (tool in PRE or agree.startswith("yes"))
            med = statistics.median([r["wall"] for r in ok]) if counts else None
            if tool == "ntm-alloc":
                ref_wall = med
            cpus = [r["cpu"] for r in ok if r["cpu"] is not None]
            solver = [r["solver_seconds"] for r in ok if r["solver_seconds"] is not None]
            summary.append(dict(
                size=n, tool=tool, runs=f"{len(ok)}/{len(rs)}", median_wall=med,
                ratio=None if (med is None or not ref_wall or tool in PRE) else med / ref_wall,
                cpu=statistics.median(cpus) if counts and cpus else None,
                solver_seconds=statistics.median(solver) if counts and solver else None,
                rss_mb=max(r["rss_mb"] for r in ok if r["rss_mb"] is not None) if ok else None,
                objective=objs[0] if objs else None, agreement=agree))
    return summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--reps", default="3", help="N, or SIZE:N,SIZE:N (sizes not named: 1)")
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tag", default="")
    ap.add_argument("--python", required=True)
    ap.add_argument("--alloc", required=True)
    ap.add_argument("--command", default="", help="the run.sh command line, for the report")
    ap.add_argument("--machine", default="", help="a machine description, for the report")
    ap.add_argument("--mode", choices=["lp", "mip"], default="lp",
                    help="mip: whole works (ntm-alloc's decomposed MIP as `ntm-alloc`, its monolithic "
                         "branch-and-cut as `ntm-alloc-mono`; peers at the same gap)")
    ap.add_argument("--mip-gap", type=float, default=1e-4)
    a = ap.parse_args()
    global TOL
    MIP.update(mode=a.mode, gap=a.mip_gap, limit=a.limit)
    if a.mode == "mip":
        TOL = max(TOL, a.mip_gap)   # two plans within the gap may differ by up to the gap
    sizes = [int(s) for s in a.sizes.split(",") if s]
    if ":" in a.reps:
        reps = {int(k): int(v) for k, v in (x.split(":") for x in a.reps.split(","))}
    else:
        reps = {n: int(a.reps) for n in sizes}
    tools = [t for t in a.tools.split(",") if t and t not in PRE]
    for t in tools:
        if t not in DESCR:
            raise SystemExit(f"unknown tool {t!r}; known: {', '.join(TOOLS)}")
    date = datetime.date.today().isoformat()
    stem = f"e2e-{date}" + (f"-{a.tag}" if a.tag else "")
    res = HERE / "results"
    res.mkdir(exist_ok=True)
    rows = []
    with open(HERE / "work" / f"{stem}.log", "w") as log:
        for n in sizes:
            work = HERE / "work" / f"p{n}"
            scen = work / "scenario.yaml"
            # validate once; export once (it writes the MPS that the glpsol runs read)
            for t in PRE:
                if t == "validate" or any(x.startswith("glpsol") for x in tools):
                    rows.append(run_one(t, n, 1, scen, work, a.python, a.alloc, a.limit, log))
            # Repetitions interleaved (every tool once, then again): a neighbour's load that
            # comes and goes on the shared machine then falls on every tool alike.
            failed = set()
            for rep in range(1, reps.get(n, 1) + 1):
                for tool in tools:
                    if tool in failed:
                        continue
                    r = run_one(tool, n, rep, scen, work, a.python, a.alloc, a.limit, log)
                    rows.append(r)
                    if r["objective"] is None:      # timed out or failed: no more reps of it
                        failed.add(tool)
    fields = ["size", "tool", "rep", "wall", "cpu", "rss_mb", "exit", "status", "objective", "solver_seconds"]
    with open(res / f"{stem}-runs.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r[k] for k in fields})
    summary = aggregate(rows, sizes, tools)
    sfields = ["size", "tool", "runs", "median_wall", "ratio", "cpu", "solver_seconds", "rss_mb",
               "objective", "agreement"]
    with open(res / f"{stem}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=sfields, lineterminator="\n")
        w.writeheader()
        for s in summary:
            w.writerow(s)

    def f2(x, d=2):
        return "–" if x is None else f"{x:,.{d}f}"
    md = [f"# End-to-end benchmark, {date}" + (f" ({a.tag})" if a.tag else ""), "",
          f"Command: `{a.command}`" if a.command else "",
          f"Sizes {a.sizes} communes (generator seed {a.seed}), repetitions {a.reps}, "
          f"time limit {a.limit} s per run, one run at a time, repetitions interleaved across tools; mode {a.mode}"
          + (f" (whole works), every MIP solver at relative gap {a.mip_gap:g}" if a.mode == "mip" else "") + ".", "",
          f"Machine: {a.machine}" if a.machine else "", "",
          "Median wall seconds over the repetitions (`/usr/bin/time -v`), ratio to ntm-alloc's "
          "median at the same size, CPU = user + system seconds (median), solver s = the solve time "
          "the tool reports itself (median), peak RSS = largest over the runs. A time counts only "
          f"when the objective agrees with ntm-alloc's to {TOL:g} relative (the largest relative "
          "difference is in brackets).", "",
          "| communes | tool | runs ok | median wall s | × ntm-alloc | CPU s | solver s | peak RSS MB "
          "| objective | agrees with ntm-alloc |",
          "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for s in summary:
        md.append(f"| {s['size']} | {s['tool']} | {s['runs']} | {f2(s['median_wall'])} | "
                  f"{f2(s['ratio'])} | {f2(s['cpu'])} | {f2(s['solver_seconds'])} | "
                  f"{f2(s['rss_mb'], 0)} | {f2(s['objective'], 3)} | {s['agreement']} |")
    md += ["", "Tools:", ""] + [f"- **{t}**: {DESCR[t]}" for t in PRE + tools] + [""]
    (res / f"{stem}.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
