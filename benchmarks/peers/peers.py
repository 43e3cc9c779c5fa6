#!/usr/bin/env python3
"""Peer implementations of the ntm-alloc model (shared/docs/model.md §1–§2, LP mode).

    benchmarks/.venv/bin/python benchmarks/peers/peers.py SCENARIO.yaml --solver pulp-glpk|pulp-cbc|highs

Reads the scenario (YAML + communes.csv + works.csv) the way model.md §1 and §5
say, builds the same linear program (the eleven row families, inactive rows
left out), solves it and prints one JSON object:

    {"solver", "status", "objective", "columns", "rows", "nonzeros",
     "read_seconds", "build_seconds", "solve_seconds", "total_seconds"}

build_seconds covers reading the input and building the model in the tool
(PuLP objects, or HiGHS arrays); solve_seconds is the solver call (for PuLP it
includes writing the LP/MPS file, running the solver binary and reading its
solution back, which is how PuLP works); total_seconds is from the start of
the process's main() to the end of the solve.

Self-contained (written for the benchmarks from model.md, with the reference
implementation's reading conventions): it checks less than ntm-alloc's
`validate` (it trusts the input) and supports LP mode only, no --set
overrides. Exit 0 after a solve whatever its status, 2 on bad input.
"""
import argparse
import csv
import json
import sys
import time
import unicodedata
from pathlib import Path

T0 = time.perf_counter()

import yaml  # noqa: E402

STATE = {"central", "local_budget", "integrated"}
COMMUNITY = {"people", "labour"}
W_DEFAULTS = {"base": 1.0, "especially_difficult": 0.0, "border": 0.0, "target": 0.0,
              "criteria_gap": 0.0, "production_bonus": 0.0, "standard_bonus": 0.0,
              "production_categories": ["production", "irrigation", "commerce"], "category": {}}


def text(v):
    return unicodedata.normalize("NFC", "" if v is None else str(v)).strip()


def lower(v):
    return text(v).lower()


def boolean(v):
    t = lower(v)
    if t in ("1", "true"):
        return True
    if t in ("0", "false"):
        return False
    raise SystemExit(f"bad boolean {v!r}")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rd = csv.reader(f)
        header = [text(h) for h in next(rd)]
        return [dict(zip(header, r)) for r in rd if any(c.strip() for c in r)]


def as_list(v):
    return [v] if isinstance(v, str) else list(v)


# ---------------------------------------------------------------- input
def load(path):
    path = Path(path)
    with open(path, encoding="utf-8-sig") as f:
        scn = yaml.safe_load(f)
    base = path.parent
    # communes
    communes = {}
    order = []
    for r in read_csv(base / text(scn["communes"])):
        code = text(r["code"])
        status = lower(r["status"])
        ed, border = boolean(r["especially_difficult"]), boolean(r["border"])
        communes[code] = dict(code=code, district=text(r["district"]), status=status, ed=ed,
                              border=border, criteria=float(text(r["criteria_met"])),
                              priority=status == "target" or ed or border, raw=r, works=[])
        order.append(code)
    # works
    works = []
    for r in read_csv(base / text(scn["works"])):
        code = text(r["commune"])
        cost = float(text(r["cost"]))
        b = text(r["benefit"])
        p = dict(id=text(r["id"]), commune=code, category=lower(r["category"]), cost=cost,
                 benefit=cost if b == "" else float(b), required=boolean(r["required"]),
                 cb=boolean(r["community_buildable"]))
        communes[code]["works"].append(len(works))
        works.append(p)
    # weights
    wraw = scn.get("weights")
    if isinstance(wraw, str):
        with open(base / wraw, encoding="utf-8-sig") as f:
            wraw = yaml.safe_load(f)
        if isinstance(wraw.get("weights"), dict):
            wraw = wraw["weights"]
    W = dict(W_DEFAULTS)
    for k, v in (wraw or {}).items():
        if k in W:
            W[k] = v
    for k in ("base", "especially_difficult", "border", "target", "criteria_gap",
              "production_bonus", "standard_bonus"):
        W[k] = float(W[k])
    W["production_categories"] = {lower(c) for c in as_list(W["production_categories"])}
    W["category"] = {lower(c): float(q) for c, q in (W["category"] or {}).items()}
    # rules
    raw = scn.get("rules") or {}
    rules = {}
    for key, default in (("max_state_share", 1.0), ("min_community_share", 0.0)):
        v = raw.get(key)
        g = {"priority": default, "other": default}
        if isinstance(v, dict):
            g.update({k: float(x) for k, x in v.items()})
        elif v is not None:
            g = dict.fromkeys(g, float(v))
        rules[key] = g
    rules["counterpart_ratio"] = float(raw.get("counterpart_ratio", 0) or 0)
    rules["priority_share_min"] = float(raw.get("priority_share_min", 0) or 0)
    rules["commune_floor"] = float(raw.get("commune_floor", 0) or 0)
    cap = raw.get("commune_cap")
    rules["commune_cap"] = None if cap is None or lower(cap) == "none" else float(cap)
    # sources
    sources = []
    for s in scn["sources"]:
        src = dict(id=text(s["id"]), kind=lower(s["kind"]), scope=lower(s["scope"]),
                   max_share=float(s.get("max_share", 1)), cost=float(s.get("cost", 0) or 0))
        if src["scope"] == "pooled":
            src["budget"] = float(s["budget"])
        else:
            col, unit = text(s["capacity_column"]), float(s.get("unit_value", 1))
            src["cap"] = {c: unit * (0.0 if text(cm["raw"][col]) == "" else float(text(cm["raw"][col])))
                          for c, cm in communes.items()}
        el = s.get("eligible") or {}
        src["communes"] = [lower(x) for x in as_list(el.get("communes", ["all"]))]
        cats, dists = el.get("categories"), el.get("districts")
        src["categories"] = None if cats is None else {lower(x) for x in as_list(cats)}
        src["districts"] = None if dists is None else {text(x) for x in as_list(dists)}
        sources.append(src)
    return communes, order, works, sources, W, rules


def matches(entry, c):
    if entry == "all":
        return True
    if entry == "priority":
        return c["priority"]
    if entry == "other":
        return not c["priority"]
    if entry == "target":
        return c["status"] == "target"
    if entry == "especially_difficult":
        return c["ed"]
    if entry == "border":
        return c["border"]
    if entry == "not_standard":
        return c["status"] in ("none", "target")
    raise SystemExit(f"unknown commune set {entry!r}")


# ---------------------------------------------------------------- model (§2)
class Model:
    """Columns (obj, ub) and rows (lo, hi, idx, val); maximisation."""

    def __init__(self):
        self.obj, self.ub, self.names = [], [], []
        self.rlo, self.rhi, self.ridx, self.rval = [], [], [], []

    def col(self, name, obj, ub):
        self.obj.append(obj); self.ub.append(ub); self.names.append(name)
        return len(self.obj) - 1

    def row(self, idx, val, lo, hi):
        self.ridx.append(idx); self.rval.append(val); self.rlo.append(lo); self.rhi.append(hi)


INF = float("inf")


def build(communes, order, works, sources, W, rules):
    m = Model()
    def weight(c):
        return (W["base"] + W["especially_difficult"] * c["ed"] + W["border"] * c["border"]
                + W["target"] * (c["status"] == "target") + W["criteria_gap"] * (19 - c["criteria"]) / 19)
    wc = {code: weight(c) for code, c in communes.items()}
    by_district = {}
    for code in order:
        by_district.setdefault(communes[code]["district"], []).append(code)

    # x columns, source by source; pairs indexed per work and per (source, commune)
    xs_of_work = [[] for _ in works]          # (col, kind, pooled)
    x_of_sc = []                              # per source: {commune: [cols]}
    for s in sources:
        cand = order if s["districts"] is None else [c for d in s["districts"] for c in by_district.get(d, [])]
        per_c = {}
        for code in cand:
            c = communes[code]
            if not any(matches(e, c) for e in s["communes"]):
                continue
            for pi in c["works"]:
                p = works[pi]
                if s["categories"] is not None and p["category"] not in s["categories"]:
                    continue
                if s["kind"] == "labour" and not p["cb"]:
                    continue
                j = m.col(f"x{len(m.obj)}", -s["cost"], INF)
                xs_of_work[pi].append((j, s))
                per_c.setdefault(code, []).append(j)
        x_of_sc.append(per_c)
    # y columns
    ycol = []
    for pi, p in enumerate(works):
        c = communes[p["commune"]]
        bonus = (not c["priority"]) and p["category"] in W["production_categories"]
        v = wc[c["code"]] * W["category"].get(p["category"], 1.0) * (1 + W["production_bonus"] * bonus) * p["benefit"]
        ycol.append(m.col(f"y{pi}", v, 1.0))
    # z columns
    zcol = {}
    if W["standard_bonus"] > 0:
        for code in order:
            c = communes[code]
            if c["status"] == "target" and any(works[pi]["required"] for pi in c["works"]):
                zcol[code] = m.col(f"z{len(zcol)}", W["standard_bonus"] * wc[code], 1.0)

    group = lambda pi: "priority" if communes[works[pi]["commune"]]["priority"] else "other"
    # 1 coverage
    for pi, p in enumerate(works):
        idx = [j for j, _ in xs_of_work[pi]] + [ycol[pi]]
        m.row(idx, [1.0] * (len(idx) - 1) + [-p["cost"]], 0.0, 0.0)
    # 2 pooled budget, 3 local capacity
    for s, per_c in zip(sources, x_of_sc):
        if s["scope"] == "pooled":
            idx = [j for code in order for j in per_c.get(code, ())]
            if idx:
                m.row(idx, [1.0] * len(idx), -INF, s["budget"])
        else:
            for code in order:
                idx = per_c.get(code)
                if idx:
                    m.row(idx, [1.0] * len(idx), -INF, s["cap"][code])
    # 4 share cap
    for pi, p in enumerate(works):
        for j, s in xs_of_work[pi]:
            if s["max_share"] < 1:
                m.row([j, ycol[pi]], [1.0, -s["max_share"] * p["cost"]], -INF, 0.0)
    # 5 state share, 6 community share
    for pi, p in enumerate(works):
        g = group(pi)
        phi = rules["max_state_share"][g]
        if phi < 1:
            idx = [j for j, s in xs_of_work[pi] if s["kind"] in STATE]
            if idx:
                m.row(idx + [ycol[pi]], [1.0] * len(idx) + [-phi * p["cost"]], -INF, 0.0)
        mu = rules["min_community_share"][g]
        if mu > 0:
            idx = [j for j, s in xs_of_work[pi] if s["kind"] in COMMUNITY]
            m.row(idx + [ycol[pi]], [1.0] * len(idx) + [-mu * p["cost"]], 0.0, INF)
    # 7 counterpart
    rho = rules["counterpart_ratio"]
    if rho > 0:
        idx, val = [], []
        for pi in range(len(works)):
            for j, s in xs_of_work[pi]:
                if s["kind"] == "local_budget":
                    idx.append(j); val.append(1.0)
                elif s["kind"] == "central":
                    idx.append(j); val.append(-rho)
        m.row(idx, val, 0.0, INF)
    # 8 priority share
    gmin = rules["priority_share_min"]
    if gmin > 0:
        idx, val = [], []
        for pi in range(len(works)):
            a = (1.0 if group(pi) == "priority" else 0.0) - gmin
            for j, s in xs_of_work[pi]:
                if s["kind"] in STATE and s["scope"] == "pooled":
                    idx.append(j); val.append(a)
        m.row(idx, val, 0.0, INF)
    # 9 commune floor
    f = rules["commune_floor"]
    if f > 0:
        for code in order:
            mine = communes[code]["works"]
            if mine:
                m.row([ycol[pi] for pi in mine], [works[pi]["cost"] for pi in mine],
                      f * sum(works[pi]["cost"] for pi in mine), INF)
    # 10 commune cap
    if rules["commune_cap"] is not None:
        for code in order:
            idx = [j for pi in communes[code]["works"] for j, s in xs_of_work[pi]
                   if s["kind"] in STATE and s["scope"] == "pooled"]
            if idx:
                m.row(idx, [1.0] * len(idx), -INF, rules["commune_cap"])
    # 11 standard
    for code, zj in zcol.items():
        for pi in communes[code]["works"]:
            if works[pi]["required"]:
                m.row([ycol[pi], zj], [1.0, -1.0], 0.0, INF)
    return m


# ---------------------------------------------------------------- back ends
def solve_highs(m):
    import highspy
    import numpy as np
    t0 = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    lp = highspy.HighsLp()
    n, r = len(m.obj), len(m.rlo)
    lp.num_col_, lp.num_row_ = n, r
    lp.col_cost_ = np.asarray(m.obj, dtype=np.float64)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.array([highspy.kHighsInf if u == INF else u for u in m.ub], dtype=np.float64)
    lp.row_lower_ = np.array([-highspy.kHighsInf if v == -INF else v for v in m.rlo], dtype=np.float64)
    lp.row_upper_ = np.array([highspy.kHighsInf if v == INF else v for v in m.rhi], dtype=np.float64)
    lp.sense_ = highspy.ObjSense.kMaximize
    starts = [0]
    idx, val = [], []
    for ri, rv in zip(m.ridx, m.rval):
        idx.extend(ri); val.extend(rv); starts.append(len(idx))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, r
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(idx, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(val, dtype=np.float64)
    h.passModel(lp)
    t1 = time.perf_counter()
    h.run()
    t2 = time.perf_counter()
    st = h.getModelStatus()
    status = h.modelStatusToString(st).lower()
    obj = h.getInfo().objective_function_value if st == highspy.HighsModelStatus.kOptimal else None
    return status, obj, t1 - t0, t2 - t1


def solve_pulp(m, which):
    import pulp
    t0 = time.perf_counter()
    prob = pulp.LpProblem("ntm", pulp.LpMaximize)
    xs = [pulp.LpVariable(nm, lowBound=0, upBound=None if u == INF else u) for nm, u in zip(m.names, m.ub)]
    prob.setObjective(pulp.LpAffineExpression([(xs[j], c) for j, c in enumerate(m.obj) if c != 0]))
    for k, (ri, rv, lo, hi) in enumerate(zip(m.ridx, m.rval, m.rlo, m.rhi)):
        e = pulp.LpAffineExpression([(xs[j], a) for j, a in zip(ri, rv)])
        if lo == hi:
            prob.addConstraint(e == lo, f"r{k}")
        elif lo == -INF:
            prob.addConstraint(e <= hi, f"r{k}")
        elif hi == INF:
            prob.addConstraint(e >= lo, f"r{k}")
        else:
            raise SystemExit("ranged rows are not used by this model")
    t1 = time.perf_counter()
    if which == "pulp-glpk":
        solver = pulp.GLPK_CMD(msg=False)
    else:
        solver = pulp.PULP_CBC_CMD(msg=False)
    prob.solve(solver)
    t2 = time.perf_counter()
    status = pulp.LpStatus[prob.status].lower()
    obj = pulp.value(prob.objective) if prob.status == pulp.LpStatusOptimal else None
    return status, obj, t1 - t0, t2 - t1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--solver", required=True, choices=["pulp-glpk", "pulp-cbc", "highs"])
    a = ap.parse_args()
    t_start = time.perf_counter()
    data = load(a.scenario)
    t_read = time.perf_counter()
    m = build(*data)
    t_build = time.perf_counter()
    if a.solver == "highs":
        status, obj, tb, ts = solve_highs(m)
    else:
        status, obj, tb, ts = solve_pulp(m, a.solver)
    t_end = time.perf_counter()
    print(json.dumps(dict(
        solver=a.solver, status=status, objective=obj, columns=len(m.obj), rows=len(m.rlo),
        nonzeros=sum(len(r) for r in m.ridx),
        read_seconds=round(t_read - t_start, 4),
        build_seconds=round(t_build - t_start + tb, 4),
        solve_seconds=round(ts, 4),
        total_seconds=round(t_end - T0, 4))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
