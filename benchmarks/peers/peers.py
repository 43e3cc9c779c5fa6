#!/usr/bin/env python3
"""Peer implementations of the ntm-alloc model (shared/docs/model.md §1–§3, §7, §8).

    benchmarks/.venv/bin/python benchmarks/peers/peers.py SCENARIO.yaml --solver pulp-glpk|pulp-cbc|highs
                                                          [--mode lp|mip]

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

Multi-year scenarios (model.md §7: `periods`, budgets by period, `carry_over`,
`discount_rate`, works' `duration`/`start_from`/`finish_by`, communes'
`standard_by`) give the model of §7.2; a scenario without `periods` (or with
one period) gives §2's. §8: the `district` column is optional and
`criteria_total` enters the weight. `--mode mip` (default: the scenario's
`mode`, else lp) makes y binary for indivisible works and z binary (§3, §7.2).

Self-contained (written for the benchmarks from model.md, with the reference
implementation's reading conventions): it checks less than ntm-alloc's
`validate` (it trusts the input), no --set overrides. Exit 0 after a solve
whatever its status, 2 on bad input.
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
    # periods (§7): labels compared by their text form
    labels = [text(x) for x in scn["periods"]] if scn.get("periods") is not None else [None]
    T = len(labels)
    pidx = {k: t for t, k in enumerate(labels)}
    def period(v, default):
        return default if text(v) == "" else pidx[text(v)]
    # communes
    communes = {}
    order = []
    for r in read_csv(base / text(scn["communes"])):
        code = text(r["code"])
        status = lower(r["status"])
        ed, border = boolean(r["especially_difficult"]), boolean(r["border"])
        communes[code] = dict(code=code, district=text(r.get("district")), status=status, ed=ed,
                              border=border, criteria=float(text(r["criteria_met"])),
                              standard_by=period(r.get("standard_by"), T - 1),
                              priority=status == "target" or ed or border, raw=r, works=[])
        order.append(code)
    # works
    works = []
    for r in read_csv(base / text(scn["works"])):
        code = text(r["commune"])
        cost = float(text(r["cost"]))
        b = text(r["benefit"])
        d = 1 if text(r.get("duration")) == "" else int(text(r["duration"]))
        first, last = period(r.get("start_from"), 0), period(r.get("finish_by"), T - 1)
        starts = [t for t in range(first, T) if t + d - 1 <= last]
        if not starts:
            raise SystemExit(f"work {text(r['id'])}: no possible start")
        p = dict(id=text(r["id"]), commune=code, category=lower(r["category"]), cost=cost,
                 benefit=cost if b == "" else float(b), required=boolean(r["required"]),
                 cb=boolean(r["community_buildable"]), divisible=boolean(r["divisible"]),
                 d=d, starts=starts, window=list(range(starts[0], starts[-1] + d)))
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
            b = s["budget"]
            if labels == [None]:
                src["budget"] = [float(b)]
            else:
                src["budget"] = [0.0] * T
                for k, v in b.items():
                    src["budget"][pidx[text(k)]] = float(v)
            src["carry_over"] = float(s.get("carry_over", 0) or 0)
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
    plan = dict(T=T, labels=labels, discount_rate=float(scn.get("discount_rate", 0) or 0),
                criteria_total=float(scn.get("criteria_total", 19)), mode=lower(scn.get("mode") or "lp"))
    return communes, order, works, sources, W, rules, plan


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


# ---------------------------------------------------------------- model (§2, §3, §7.2)
class Model:
    """Columns (obj, ub, integer) and rows (lo, hi, idx, val); maximisation."""

    def __init__(self):
        self.obj, self.ub, self.names, self.integer = [], [], [], []
        self.rlo, self.rhi, self.ridx, self.rval = [], [], [], []

    def col(self, name, obj, ub, integer=False):
        self.obj.append(obj); self.ub.append(ub); self.names.append(name); self.integer.append(integer)
        return len(self.obj) - 1

    def row(self, idx, val, lo, hi):
        self.ridx.append(idx); self.rval.append(val); self.rlo.append(lo); self.rhi.append(hi)

    def lin(self, terms, lo, hi):
        """A row from (col, coef) terms; duplicate columns summed, zeros dropped, empty rows left out."""
        acc = {}
        for j, a in terms:
            acc[j] = acc.get(j, 0.0) + a
        acc = {j: a for j, a in acc.items() if a != 0}
        if acc:
            self.row(list(acc), list(acc.values()), lo, hi)


INF = float("inf")


def build(communes, order, works, sources, W, rules, plan, mode="lp"):
    m = Model()
    T, ct = plan["T"], plan["criteria_total"]
    delta = [(1 + plan["discount_rate"]) ** (-t) for t in range(T)]
    def weight(c):
        return (W["base"] + W["especially_difficult"] * c["ed"] + W["border"] * c["border"]
                + W["target"] * (c["status"] == "target") + W["criteria_gap"] * (ct - c["criteria"]) / ct)
    wc = {code: weight(c) for code, c in communes.items()}
    by_district = {}
    for code in order:
        by_district.setdefault(communes[code]["district"], []).append(code)

    # x columns, source by source, one per eligible (source, work) pair and period of the work's window
    xs_of_work = [[] for _ in works]          # (col, source, t)
    x_of_sc = []                              # per source: {(commune, t): [cols]}
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
                for t in p["window"]:
                    j = m.col(f"x{len(m.obj)}", -s["cost"], INF)
                    xs_of_work[pi].append((j, s, t))
                    per_c.setdefault((code, t), []).append(j)
        x_of_sc.append(per_c)
    # y columns: y_{p,t}, t a possible start; value counted in the completion period
    ycol = []
    for pi, p in enumerate(works):
        c = communes[p["commune"]]
        bonus = (not c["priority"]) and p["category"] in W["production_categories"]
        v = wc[c["code"]] * W["category"].get(p["category"], 1.0) * (1 + W["production_bonus"] * bonus) * p["benefit"]
        ycol.append({t: m.col(f"y{pi}_{t}", v * delta[t + p["d"] - 1], 1.0,
                              mode == "mip" and not p["divisible"]) for t in p["starts"]})
    # r columns: carry-over of pooled sources
    rcol = []
    for si, s in enumerate(sources):
        r = {}
        if s["scope"] == "pooled" and s["carry_over"] > 0:
            for t in range(T - 1):
                r[t] = m.col(f"r{si}_{t}", 0.0, s["carry_over"] * s["budget"][t])
        rcol.append(r)
    # z columns
    zcol = {}
    if W["standard_bonus"] > 0:
        for code in order:
            c = communes[code]
            if c["status"] == "target" and any(works[pi]["required"] for pi in c["works"]):
                zcol[code] = m.col(f"z{len(zcol)}", W["standard_bonus"] * wc[code], 1.0, mode == "mip")

    def F(pi, t, k=1.0):
        """k·F_{p,t} as (col, coef) terms."""
        p = works[pi]
        return [(ycol[pi][tau], k * p["cost"] / p["d"]) for tau in p["starts"] if tau <= t <= tau + p["d"] - 1]

    group = lambda pi: "priority" if communes[works[pi]["commune"]]["priority"] else "other"
    xs_wt = {}
    for pi in range(len(works)):
        for j, s, t in xs_of_work[pi]:
            xs_wt.setdefault((pi, t), []).append((j, s))
    # 1 coverage, 1b started at most once
    for pi, p in enumerate(works):
        for t in p["window"]:
            m.lin([(j, 1.0) for j, _ in xs_wt.get((pi, t), ())] + F(pi, t, -1.0), 0.0, 0.0)
        if len(p["starts"]) > 1:
            m.lin([(ycol[pi][t], 1.0) for t in p["starts"]], -INF, 1.0)
    # 2 pooled budget (with carry-over), 3 local capacity
    for si, (s, per_c) in enumerate(zip(sources, x_of_sc)):
        if s["scope"] == "pooled":
            for t in range(T):
                terms = [(j, 1.0) for code in order for j in per_c.get((code, t), ())]
                if t in rcol[si]:
                    terms.append((rcol[si][t], 1.0))
                if t - 1 in rcol[si]:
                    terms.append((rcol[si][t - 1], -1.0))
                m.lin(terms, -INF, s["budget"][t])
        else:
            for t in range(T):
                for code in order:
                    idx = per_c.get((code, t))
                    if idx:
                        m.lin([(j, 1.0) for j in idx], -INF, s["cap"][code])
    # 4 share cap
    for pi, p in enumerate(works):
        for j, s, t in xs_of_work[pi]:
            if s["max_share"] < 1:
                m.lin([(j, 1.0)] + F(pi, t, -s["max_share"]), -INF, 0.0)
    # 5 state share, 6 community share, per period
    for pi, p in enumerate(works):
        g = group(pi)
        phi = rules["max_state_share"][g]
        mu = rules["min_community_share"][g]
        for t in p["window"]:
            xs = xs_wt.get((pi, t), ())
            if phi < 1:
                idx = [(j, 1.0) for j, s in xs if s["kind"] in STATE]
                if idx:
                    m.lin(idx + F(pi, t, -phi), -INF, 0.0)
            if mu > 0:
                m.lin([(j, 1.0) for j, s in xs if s["kind"] in COMMUNITY] + F(pi, t, -mu), 0.0, INF)
    # 7 counterpart, 8 priority share, per period
    rho, gmin = rules["counterpart_ratio"], rules["priority_share_min"]
    for t in range(T):
        if rho > 0:
            terms = []
            for pi in range(len(works)):
                for j, s in xs_wt.get((pi, t), ()):
                    if s["kind"] == "local_budget":
                        terms.append((j, 1.0))
                    elif s["kind"] == "central":
                        terms.append((j, -rho))
            m.lin(terms, 0.0, INF)
        if gmin > 0:
            terms = []
            for pi in range(len(works)):
                a = (1.0 if group(pi) == "priority" else 0.0) - gmin
                for j, s in xs_wt.get((pi, t), ()):
                    if s["kind"] in STATE and s["scope"] == "pooled":
                        terms.append((j, a))
            m.lin(terms, 0.0, INF)
    # 9 commune floor, over the plan
    f = rules["commune_floor"]
    if f > 0:
        for code in order:
            mine = communes[code]["works"]
            if mine:
                m.lin([(ycol[pi][t], works[pi]["cost"]) for pi in mine for t in works[pi]["starts"]],
                      f * sum(works[pi]["cost"] for pi in mine), INF)
    # 10 commune cap, per period
    if rules["commune_cap"] is not None:
        for code in order:
            for t in range(T):
                idx = [(j, 1.0) for pi in communes[code]["works"] for j, s in xs_wt.get((pi, t), ())
                       if s["kind"] in STATE and s["scope"] == "pooled"]
                if idx:
                    m.lin(idx, -INF, rules["commune_cap"])
    # 11 standard: required works completed by standard_by
    for code, zj in zcol.items():
        deadline = communes[code]["standard_by"]
        for pi in communes[code]["works"]:
            p = works[pi]
            if p["required"]:
                m.lin([(ycol[pi][t], 1.0) for t in p["starts"] if t + p["d"] - 1 <= deadline] + [(zj, -1.0)],
                      0.0, INF)
    return m


# ---------------------------------------------------------------- back ends
def solve_highs(m, mip_gap=1e-9):
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
    if any(m.integer):
        lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                           for i in m.integer]
        h.setOptionValue("mip_rel_gap", mip_gap)
    h.passModel(lp)
    t1 = time.perf_counter()
    h.run()
    t2 = time.perf_counter()
    st = h.getModelStatus()
    status = h.modelStatusToString(st).lower()
    obj = h.getInfo().objective_function_value if st == highspy.HighsModelStatus.kOptimal else None
    return status, obj, t1 - t0, t2 - t1


def solve_pulp(m, which, mip_gap=1e-9):
    import pulp
    t0 = time.perf_counter()
    prob = pulp.LpProblem("ntm", pulp.LpMaximize)
    xs = [pulp.LpVariable(nm, lowBound=0, upBound=None if u == INF else u, cat="Integer" if i else "Continuous")
          for nm, u, i in zip(m.names, m.ub, m.integer)]
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
        solver = pulp.GLPK_CMD(msg=False, options=["--mipgap", repr(mip_gap)] if any(m.integer) else [])
    else:
        solver = pulp.PULP_CBC_CMD(msg=False, gapRel=mip_gap if any(m.integer) else None)
    prob.solve(solver)
    t2 = time.perf_counter()
    status = pulp.LpStatus[prob.status].lower()
    obj = pulp.value(prob.objective) if prob.status == pulp.LpStatusOptimal else None
    return status, obj, t1 - t0, t2 - t1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--solver", required=True, choices=["pulp-glpk", "pulp-cbc", "highs"])
    ap.add_argument("--mode", choices=["lp", "mip"], help="default: the scenario's mode, else lp")
    ap.add_argument("--mip-gap", type=float, default=1e-9, help="relative MIP gap of the solver (default 1e-9)")
    a = ap.parse_args()
    t_start = time.perf_counter()
    data = load(a.scenario)
    t_read = time.perf_counter()
    mode = a.mode or data[-1]["mode"]
    m = build(*data, mode=mode)
    t_build = time.perf_counter()
    if a.solver == "highs":
        status, obj, tb, ts = solve_highs(m, a.mip_gap)
    else:
        status, obj, tb, ts = solve_pulp(m, a.solver, a.mip_gap)
    t_end = time.perf_counter()
    print(json.dumps(dict(
        solver=a.solver, mode=mode, periods=data[-1]["T"], status=status, objective=obj, columns=len(m.obj), rows=len(m.rlo),
        nonzeros=sum(len(r) for r in m.ridx),
        read_seconds=round(t_read - t_start, 4),
        build_seconds=round(t_build - t_start + tb, 4),
        solve_seconds=round(ts, 4),
        total_seconds=round(t_end - T0, 4))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
