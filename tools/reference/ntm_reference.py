#!/usr/bin/env python3
"""Independent reference implementation of the ntm-alloc model (docs: model.md §1-§3, §5, §7, §8).

Written from the specification only, never from the Swift sources, so that it can serve
as a test oracle for the Swift/GLPK implementation. Solves with HiGHS through scipy.

    python3 ntm_reference.py SCENARIO.yaml [--mode lp|mip] [--weights FILE.yaml]
                             [--set key=value ...] [--json]
Exit 0 after a solve (whatever its status), 2 on bad input.
"""
import argparse, csv, json, math, sys, time, unicodedata
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

STATUSES = {"none", "target", "standard", "advanced", "model"}
KINDS = {"central", "local_budget", "integrated", "credit", "enterprise", "people", "labour"}
STATE, COMMUNITY = {"central", "local_budget", "integrated"}, {"people", "labour"}
COMMUNE_SETS = {"all", "priority", "other", "target", "especially_difficult", "border", "not_standard"}
WEIGHT_DEFAULTS = {"base": 1.0, "especially_difficult": 0.0, "border": 0.0, "target": 0.0,
                   "criteria_gap": 0.0, "production_bonus": 0.0, "standard_bonus": 0.0,
                   "production_categories": ["production", "irrigation", "commerce"], "category": {}}
RULE_KEYS = {"max_state_share", "min_community_share", "counterpart_ratio", "priority_share_min",
             "commune_floor", "commune_cap"}
SOURCE_KEYS = {"id", "name", "kind", "scope", "budget", "capacity_column", "unit_value",
               "max_share", "eligible", "cost", "description", "note", "notes", "carry_over"}
SCENARIO_KEYS = {"name", "description", "mode", "communes", "works", "weights", "rules", "sources",
                 "baseline", "periods", "discount_rate", "criteria_total", "report"}
TOL = {"primal_feasibility_tolerance": 1e-9, "dual_feasibility_tolerance": 1e-9}


class InputError(Exception):
    pass


def text(v):
    return unicodedata.normalize("NFC", "" if v is None else str(v)).strip()


def lower(v):
    return text(v).lower()


def warn(msg):
    print(f"warning: {msg}", file=sys.stderr)


def boolean(v, where):
    t = lower(v)
    if t in ("1", "true"):
        return True
    if t in ("0", "false"):
        return False
    raise InputError(f"{where}: expected 1/0/true/false, got {v!r}")


def number(v, where, lo=None, hi=None, lo_open=False, integer=False):
    if isinstance(v, bool):
        raise InputError(f"{where}: expected a number, got {v!r}")
    try:
        x = float(text(v))
    except ValueError:
        raise InputError(f"{where}: expected a number, got {v!r}") from None
    if not math.isfinite(x):
        raise InputError(f"{where}: not a finite number: {v!r}")
    if integer and x != int(x):
        raise InputError(f"{where}: expected an integer, got {v!r}")
    if lo is not None and (x < lo or (lo_open and x == lo)):
        raise InputError(f"{where}: {x} is below the allowed range")
    if hi is not None and x > hi:
        raise InputError(f"{where}: {x} is above the allowed range")
    return x


def str_list(v, where):
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list):
        raise InputError(f"{where}: expected a list")
    return v


# ---------------------------------------------------------------- data (§1)
def read_csv(path, required):
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [text(h) for h in next(reader, [])]
            rows = [dict(zip(header, r)) for r in reader if any(c.strip() for c in r)]
    except OSError as e:
        raise InputError(f"cannot read {path}: {e}") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"{path}: missing columns {missing}")
    return rows


class Periods:
    """The plan's periods (§7): labels as given, their text form, and the index of each label.

    Without `periods` a scenario has one unnamed period (label None) and §1-§6 hold unchanged."""

    def __init__(self, labels):
        self.labels = list(labels)
        self.keys = [None if x is None else text(x) for x in self.labels]
        self.index = {k: t for t, k in enumerate(self.keys) if k is not None}
        self.T = len(self.labels)
        self.explicit = labels != [None]

    def of(self, v, where):
        """Index of a label given in the input (an int from YAML or a text from a CSV cell)."""
        k = text(v)
        if k not in self.index:
            raise InputError(f"{where}: {v!r} is not a period of the plan {self.labels}")
        return self.index[k]


def parse_periods(raw):
    if raw is None:
        return Periods([None])
    if not isinstance(raw, list) or not raw:
        raise InputError("periods: expected a non-empty list of labels")
    for x in raw:
        if isinstance(x, (dict, list, bool)) or x is None or text(x) == "":
            raise InputError(f"periods: {x!r} is not a valid label (an integer or a text)")
    keys = [text(x) for x in raw]
    if len(set(keys)) != len(keys):
        raise InputError(f"periods: duplicate labels in {raw}")
    return Periods(raw)


def load_communes(path, periods, criteria_total=19):
    rows = read_csv(path, ["code", "name", "population", "especially_difficult",
                           "border", "status", "criteria_met"])
    has_district = bool(rows) and "district" in rows[0]
    communes = {}
    for i, r in enumerate(rows, start=2):
        w = f"{path.name} line {i}"
        code = text(r["code"])
        if not code or code in communes:
            raise InputError(f"{w}: empty or duplicate code {code!r}")
        status = lower(r["status"])
        if status not in STATUSES:
            raise InputError(f"{w}: unknown status {r['status']!r}")
        number(r["population"], f"{w} population", lo=0, integer=True)
        sb = text(r.get("standard_by"))
        c = dict(code=code, name=text(r["name"]), district=text(r["district"]) if has_district else None,
                 status=status,
                 ed=boolean(r["especially_difficult"], f"{w} especially_difficult"),
                 border=boolean(r["border"], f"{w} border"),
                 criteria=number(r["criteria_met"], f"{w} criteria_met", 0, criteria_total, integer=True),
                 standard_by=periods.T - 1 if sb == "" else periods.of(sb, f"{w} standard_by"), raw=r)
        c["priority"] = status == "target" or c["ed"] or c["border"]
        communes[code] = c
    return communes


def load_works(path, communes, periods):
    rows = read_csv(path, ["id", "commune", "category", "cost", "benefit", "required",
                           "community_buildable", "divisible"])
    works, seen = [], set()
    for i, r in enumerate(rows, start=2):
        w = f"{path.name} line {i}"
        wid, code = text(r["id"]), text(r["commune"])
        if not wid or wid in seen:
            raise InputError(f"{w}: empty or duplicate id {wid!r}")
        if code not in communes:
            raise InputError(f"{w}: unknown commune {code!r}")
        seen.add(wid)
        cost = number(r["cost"], f"{w} cost", lo=0, lo_open=True)
        benefit = cost if text(r["benefit"]) == "" else number(r["benefit"], f"{w} benefit", lo=0)
        d = 1 if text(r.get("duration")) == "" else int(number(r["duration"], f"{w} duration", 1, integer=True))
        first = 0 if text(r.get("start_from")) == "" else periods.of(r["start_from"], f"{w} start_from")
        last = periods.T - 1 if text(r.get("finish_by")) == "" else periods.of(r["finish_by"], f"{w} finish_by")
        starts = [t for t in range(first, periods.T) if t + d - 1 <= last]   # S_p (§7.1)
        if not starts:
            raise InputError(f"{w}: work {wid!r} of duration {d} has no possible start between "
                             f"start_from and finish_by")
        works.append(dict(id=wid, commune=code, category=lower(r["category"]), cost=cost,
                          duration=d, starts=starts, window=range(starts[0], starts[-1] + d),
                          benefit=benefit, required=boolean(r["required"], f"{w} required"),
                          cb=boolean(r["community_buildable"], f"{w} community_buildable"),
                          divisible=boolean(r["divisible"], f"{w} divisible")))
    return works


def load_yaml(path):
    try:
        with open(path, encoding="utf-8-sig") as f:
            data = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"cannot read {path}: {e}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping")
    return data


def weights_mapping(v, base_dir):
    if isinstance(v, (str, Path)):
        data = load_yaml(base_dir / v)
        if isinstance(data.get("weights"), dict):   # a file may wrap the profile in `weights:`
            data = data["weights"]
        return dict(data)
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise InputError("weights: expected a path or a mapping")
    return dict(v)


def parse_weights(raw):
    w = dict(WEIGHT_DEFAULTS)
    for k, v in raw.items():
        if k in ("name", "description"):
            continue
        if k not in WEIGHT_DEFAULTS:
            warn(f"weights: unknown key {k!r} ignored")
            continue
        if k == "production_categories":
            w[k] = str_list(v, "weights.production_categories")
        elif k == "category":
            if not isinstance(v, dict):
                raise InputError("weights.category: expected a mapping")
            w[k] = v
        else:
            w[k] = number(v, f"weights.{k}")
    w["production_categories"] = {lower(c) for c in w["production_categories"]}
    w["category"] = {lower(c): number(q, f"weights.category.{c}") for c, q in w["category"].items()}
    return w


def parse_rules(raw):
    raw = raw or {}
    if not isinstance(raw, dict):
        raise InputError("rules: expected a mapping")
    for k in raw:
        if k not in RULE_KEYS:
            warn(f"rules: unknown key {k!r} ignored")
    r = {}
    for key, default in (("max_state_share", 1.0), ("min_community_share", 0.0)):
        v = raw.get(key)
        groups = {"priority": default, "other": default}
        if isinstance(v, dict):
            for g, x in v.items():
                if g not in groups:
                    raise InputError(f"rules.{key}: unknown group {g!r}")
                groups[g] = number(x, f"rules.{key}.{g}", 0, 1)
        elif v is not None:
            groups = dict.fromkeys(groups, number(v, f"rules.{key}", 0, 1))
        r[key] = groups
    r["counterpart_ratio"] = number(raw.get("counterpart_ratio", 0), "rules.counterpart_ratio", 0)
    for key in ("priority_share_min", "commune_floor"):
        r[key] = number(raw.get(key, 0), f"rules.{key}", 0, 1)
    cap = raw.get("commune_cap")
    r["commune_cap"] = None if cap is None or lower(cap) == "none" else number(cap, "rules.commune_cap", 0)
    return r


def parse_budget(v, w, periods):
    """B_{s,t} for every period (§7.1): a number without `periods`, a mapping label → amount with."""
    if not periods.explicit:
        if isinstance(v, dict):
            raise InputError(f"{w} budget: a mapping by period needs `periods` in the scenario")
        return [number(v, f"{w} budget", 0)]
    if not isinstance(v, dict):
        raise InputError(f"{w} budget: the scenario has periods {periods.labels}: give one amount "
                         f"per period, e.g. {{{periods.labels[0]}: ...}}")
    out = [0.0] * periods.T
    for k, x in v.items():
        out[periods.of(k, f"{w} budget")] = number(x, f"{w} budget.{k}", 0)
    return out


def parse_sources(raw, communes, periods, has_district=True):
    if not isinstance(raw, list) or not raw:
        raise InputError("sources: expected a non-empty list")
    columns = set(next(iter(communes.values()))["raw"]) if communes else set()
    sources, seen = [], set()
    for s in raw:
        if not isinstance(s, dict):
            raise InputError("sources: each entry must be a mapping")
        sid = text(s.get("id"))
        w = f"source {sid!r}"
        if not sid or sid in seen:
            raise InputError(f"{w}: empty or duplicate id")
        seen.add(sid)
        for k in s:
            if k not in SOURCE_KEYS:
                warn(f"{w}: unknown key {k!r} ignored")
        kind, scope = lower(s.get("kind")), lower(s.get("scope"))
        if kind not in KINDS:
            raise InputError(f"{w}: unknown kind {s.get('kind')!r}")
        if scope not in ("pooled", "local"):
            raise InputError(f"{w}: scope must be pooled or local")
        src = dict(id=sid, kind=kind, scope=scope,
                   max_share=number(s.get("max_share", 1), f"{w} max_share", 0, 1, lo_open=True),
                   cost=number(s.get("cost", 0), f"{w} cost", 0))
        if scope == "pooled":
            if s.get("budget") is None:
                raise InputError(f"{w}: a pooled source needs a budget")
            src["budget"] = parse_budget(s["budget"], w, periods)
            src["carry_over"] = number(s.get("carry_over", 0), f"{w} carry_over", 0, 1)
        else:
            if s.get("carry_over") not in (None, 0):
                raise InputError(f"{w}: carry_over applies to pooled sources only")
            col = text(s.get("capacity_column"))
            if col not in columns:
                raise InputError(f"{w}: capacity_column {col!r} is not a column of communes.csv")
            unit = number(s.get("unit_value", 1), f"{w} unit_value", 0)
            src["cap"] = {c: unit * (0.0 if text(cm["raw"][col]) == "" else
                                     number(cm["raw"][col], f"{w} commune {c} {col}", 0))
                          for c, cm in communes.items()}
        el = s.get("eligible") or {}
        if not isinstance(el, dict):
            raise InputError(f"{w}: eligible must be a mapping")
        for k in el:
            if k not in ("communes", "categories", "districts"):
                raise InputError(f"{w}: unknown eligible key {k!r}")
        sets = [lower(x) for x in str_list(el.get("communes", ["all"]), f"{w} eligible.communes")]
        bad = set(sets) - COMMUNE_SETS
        if bad:
            raise InputError(f"{w}: unknown commune sets {sorted(bad)}")
        src["communes"] = sets
        cats, dists = el.get("categories"), el.get("districts")
        src["categories"] = None if cats is None else {lower(x) for x in str_list(cats, w)}
        src["districts"] = None if dists is None else {text(x) for x in str_list(dists, w)}
        if dists is not None and not has_district:
            raise InputError(f"{w}: eligible.districts, but communes.csv has no district column")
        sources.append(src)
    return sources


def commune_matches(entry, c):
    return {"all": True, "priority": c["priority"], "other": not c["priority"],
            "target": c["status"] == "target", "especially_difficult": c["ed"],
            "border": c["border"], "not_standard": c["status"] in ("none", "target")}[entry]


def eligible(s, p, c):
    return (any(commune_matches(e, c) for e in s["communes"])
            and (s["categories"] is None or p["category"] in s["categories"])
            and (s["districts"] is None or c["district"] in s["districts"])
            and (s["kind"] != "labour" or p["cb"]))


# ---------------------------------------------------------------- overrides
def apply_set(scn, assignment):
    if "=" not in assignment:
        raise InputError(f"--set {assignment!r}: expected key=value")
    key, val = assignment.split("=", 1)
    value = yaml.safe_load(val) if val.strip() else None
    parts = key.strip().split(".")
    if parts in (["mode"], ["discount_rate"], ["criteria_total"]):
        scn[parts[0]] = value
        return
    if parts[0] == "sources" and len(parts) >= 3:
        matches = [s for s in scn.get("sources") or [] if text(s.get("id")) == text(parts[1])]
        if not matches:
            raise InputError(f"--set {key}: no source {parts[1]!r}")
        target, path = matches[0], parts[2:]
    elif parts[0] in ("rules", "weights") and len(parts) >= 2:
        if not isinstance(scn.get(parts[0]), dict):
            scn[parts[0]] = {}
        target, path = scn[parts[0]], parts[1:]
        if parts[0] == "rules" and len(path) == 2 and not isinstance(target.get(path[0]), dict):
            old = target.get(path[0])   # a single number applies to both groups: split it first
            target[path[0]] = {} if old is None else {"priority": old, "other": old}
    else:
        raise InputError(f"--set {key}: unknown key (use mode, discount_rate, criteria_total, sources.<id>.<k>, rules.<k>, weights.<k>)")
    for p in path[:-1]:
        target = target.setdefault(p, {})
        if not isinstance(target, dict):
            raise InputError(f"--set {key}: {p!r} is not a mapping")
    for k in list(target):          # `budget.2027` replaces the YAML key 2027 (an int)
        if text(k) == text(path[-1]):
            del target[k]
    target[path[-1]] = value


# ---------------------------------------------------------------- model (§2, §3, §7.2)
def build(communes, works, sources, weights, rules, mode, periods=None, discount_rate=0.0, criteria_total=19):
    """The LP/MIP of §7.2 (which is §2 when there is one period) as cost vector + sparse rows."""
    periods = periods or Periods([None])
    T = periods.T
    W = weights
    def commune_weight(c):
        return (W["base"] + W["especially_difficult"] * c["ed"] + W["border"] * c["border"]
                + W["target"] * (c["status"] == "target")
                + W["criteria_gap"] * (criteria_total - c["criteria"]) / criteria_total)
    wc = {code: commune_weight(c) for code, c in communes.items()}
    value = []
    for p in works:
        c = communes[p["commune"]]
        bonus = (not c["priority"]) and p["category"] in W["production_categories"]
        value.append(wc[c["code"]] * W["category"].get(p["category"], 1.0)
                     * (1 + W["production_bonus"] * bonus) * p["benefit"])
    delta = [(1 + discount_rate) ** (-t) for t in range(T)]

    # columns: x_{s,p,t} (work by work, sources in file order, periods of W_p), y_{p,t}, r_{s,t}, z_c
    pairs = [(si, pi) for pi, p in enumerate(works) for si, s in enumerate(sources)
             if eligible(s, p, communes[p["commune"]])]
    xcols = [(si, pi, t) for si, pi in pairs for t in works[pi]["window"]]
    nx = len(xcols)
    ycols = [(pi, t) for pi, p in enumerate(works) for t in p["starts"]]
    ny = len(ycols)
    ycol = {key: nx + k for k, key in enumerate(ycols)}
    rcols = [(si, t) for si, s in enumerate(sources)
             if s["scope"] == "pooled" and s["carry_over"] > 0 for t in range(T - 1)]
    rcol = {key: nx + ny + k for k, key in enumerate(rcols)}
    zc = []
    if W["standard_bonus"] > 0:
        zc = [code for code, c in communes.items() if c["status"] == "target"
              and any(p["required"] and p["commune"] == code for p in works)]
    zcol = {code: nx + ny + len(rcols) + k for k, code in enumerate(zc)}
    ncol = nx + ny + len(rcols) + len(zc)

    cost = np.zeros(ncol)   # minimised: -(objective)
    for j, (si, _, _) in enumerate(xcols):
        cost[j] = sources[si]["cost"]
    for (pi, t), j in ycol.items():   # value counted in the completion period t + d - 1
        cost[j] = -value[pi] * delta[t + works[pi]["duration"] - 1]
    for code, j in zcol.items():
        cost[j] = -W["standard_bonus"] * wc[code]

    rows, senses, rhs = [], [], []     # rows: list of {col: coef}; sense '=' or '<='
    def add(coefs, sense, b):
        coefs = {j: a for j, a in coefs.items() if a != 0}
        if coefs:
            rows.append(coefs); senses.append(sense); rhs.append(b)
            return len(rows) - 1
        return None

    def funded(pi, t):
        """F_{p,t} as {y column: coefficient}: (K_p/d_p) Σ_{τ∈S_p, τ ≤ t ≤ τ+d_p−1} y_{p,τ}."""
        p = works[pi]
        d = p["duration"]
        return {ycol[(pi, tau)]: p["cost"] / d for tau in p["starts"] if tau <= t <= tau + d - 1}

    def scaled(coefs, k):
        return {j: k * a for j, a in coefs.items()}

    by_work_t = {}                                # (work, t) -> x columns
    by_src_commune_t = {}                         # (source, commune, t) -> x columns
    by_src_t = {}                                 # (source, t) -> x columns
    for j, (si, pi, t) in enumerate(xcols):
        by_work_t.setdefault((pi, t), []).append(j)
        by_src_commune_t.setdefault((si, works[pi]["commune"], t), []).append(j)
        by_src_t.setdefault((si, t), []).append(j)
    works_of = {}
    for pi, p in enumerate(works):
        works_of.setdefault(p["commune"], []).append(pi)
    kind = lambda j: sources[xcols[j][0]]["kind"]
    period = lambda j: xcols[j][2]
    work_group = lambda pi: "priority" if communes[works[pi]["commune"]]["priority"] else "other"
    pooled_state = [j for j in range(nx) if kind(j) in STATE and sources[xcols[j][0]]["scope"] == "pooled"]

    for pi, p in enumerate(works):                                        # 1 coverage
        for t in p["window"]:
            add({**{j: 1.0 for j in by_work_t.get((pi, t), ())}, **scaled(funded(pi, t), -1.0)}, "=", 0.0)
        if len(p["starts"]) > 1:                                          # 1b started at most once
            add({ycol[(pi, t)]: 1.0 for t in p["starts"]}, "<=", 1.0)
    budget_row = {}
    for si, s in enumerate(sources):                                      # 2 pooled budget
        if s["scope"] == "pooled":
            for t in range(T):
                coefs = {j: 1.0 for j in by_src_t.get((si, t), ())}
                if (si, t) in rcol:
                    coefs[rcol[(si, t)]] = 1.0
                if (si, t - 1) in rcol:
                    coefs[rcol[(si, t - 1)]] = -1.0
                budget_row[(s["id"], t)] = add(coefs, "<=", s["budget"][t])
    for (si, code, t), cols in by_src_commune_t.items():                  # 3 local capacity
        if sources[si]["scope"] == "local":
            add({j: 1.0 for j in cols}, "<=", sources[si]["cap"][code])
    for j, (si, pi, t) in enumerate(xcols):                               # 4 share cap
        if sources[si]["max_share"] < 1:
            add({j: 1.0, **scaled(funded(pi, t), -sources[si]["max_share"])}, "<=", 0.0)
    for pi, p in enumerate(works):
        phi = rules["max_state_share"][work_group(pi)]
        mu = rules["min_community_share"][work_group(pi)]
        for t in p["window"]:
            cols = by_work_t.get((pi, t), ())
            if phi < 1:                                                   # 5 state share
                add({**{j: 1.0 for j in cols if kind(j) in STATE}, **scaled(funded(pi, t), -phi)}, "<=", 0.0)
            if mu > 0:                                                    # 6 community share (as <=)
                add({**{j: -1.0 for j in cols if kind(j) in COMMUNITY}, **scaled(funded(pi, t), mu)}, "<=", 0.0)
    rho = rules["counterpart_ratio"]
    if rho > 0:                                                           # 7 counterpart, per period
        for t in range(T):
            add({j: (-1.0 if kind(j) == "local_budget" else rho) for j in range(nx)
                 if period(j) == t and kind(j) in ("local_budget", "central")}, "<=", 0.0)
    g = rules["priority_share_min"]
    if g > 0:                                                             # 8 priority share, per period
        for t in range(T):
            add({j: g - (work_group(xcols[j][1]) == "priority") for j in pooled_state if period(j) == t},
                "<=", 0.0)
    f = rules["commune_floor"]
    if f > 0:                                                             # 9 commune floor, whole plan
        for code, mine in works_of.items():
            add({ycol[(pi, t)]: -works[pi]["cost"] for pi in mine for t in works[pi]["starts"]}, "<=",
                -f * sum(works[pi]["cost"] for pi in mine))
    if rules["commune_cap"] is not None:                                  # 10 commune cap, per period
        per_commune = {}
        for j in pooled_state:
            per_commune.setdefault((works[xcols[j][1]]["commune"], period(j)), []).append(j)
        for key, cols in per_commune.items():
            add({j: 1.0 for j in cols}, "<=", rules["commune_cap"])
    for code, zj in zcol.items():                                         # 11 standard (completed in time)
        deadline = communes[code]["standard_by"]
        for pi in works_of[code]:
            p = works[pi]
            if p["required"]:
                add({zj: 1.0, **{ycol[(pi, t)]: -1.0 for t in p["starts"]
                                  if t + p["duration"] - 1 <= deadline}}, "<=", 0.0)

    integer = np.zeros(ncol)
    if mode == "mip":
        for (pi, t), j in ycol.items():
            integer[j] = 0 if works[pi]["divisible"] else 1
        for zj in zcol.values():
            integer[zj] = 1
    upper = np.concatenate([np.full(nx, np.inf), np.ones(ny),
                            [sources[si]["carry_over"] * sources[si]["budget"][t] for si, t in rcols],
                            np.ones(len(zc))])
    return dict(cost=cost, rows=rows, senses=senses, rhs=np.array(rhs), upper=upper, integer=integer,
                ncol=ncol, nx=nx, ny=ny, xcols=xcols, ycol=ycol, rcol=rcol, budget_row=budget_row, zcol=zcol)


def matrix(m, idx):
    r, c, v = [], [], []
    for k, i in enumerate(idx):
        for j, a in m["rows"][i].items():
            r.append(k); c.append(j); v.append(a)
    return sparse.csr_array((v, (r, c)), shape=(len(idx), m["ncol"]))


def solve_lp(m, upper, lower=None):
    eq = [i for i, s in enumerate(m["senses"]) if s == "="]
    ub = [i for i, s in enumerate(m["senses"]) if s == "<="]
    lower = np.zeros(m["ncol"]) if lower is None else lower
    res = linprog(m["cost"], A_ub=matrix(m, ub) if ub else None, b_ub=m["rhs"][ub] if ub else None,
                  A_eq=matrix(m, eq) if eq else None, b_eq=m["rhs"][eq] if eq else None,
                  bounds=np.column_stack([lower, upper]), method="highs", options=TOL)
    status = {0: "optimal", 1: "iteration_limit", 2: "infeasible", 3: "unbounded"}.get(res.status, "error")
    duals = {}
    if res.status == 0:
        pos = {i: k for k, i in enumerate(ub)}
        for sid, i in m["budget_row"].items():
            duals[sid] = 0.0 if i is None else max(0.0, -float(res.ineqlin.marginals[pos[i]])) + 0.0
    return status, res, duals


def solve(m, mode, mip_gap, time_limit):
    if mode == "lp":
        status, res, duals = solve_lp(m, m["upper"])
        return status, (res.x if res.status == 0 else None), duals, None
    A = matrix(m, range(len(m["rows"])))
    lo = np.where(np.array(m["senses"]) == "=", m["rhs"], -np.inf)
    opts = {"mip_rel_gap": mip_gap, **({"time_limit": time_limit} if time_limit else {})}
    res = milp(m["cost"], integrality=m["integer"], bounds=Bounds(np.zeros(m["ncol"]), m["upper"]),
               constraints=[LinearConstraint(A, lo, m["rhs"])] if m["rows"] else None, options=opts)
    if res.x is None:
        status = {2: "infeasible", 3: "unbounded", 1: "time_limit_no_solution"}.get(res.status, "error")
        return status, None, {}, None
    status = "optimal" if res.status == 0 else "time_limit_feasible"
    # shadow prices: the LP with the integer columns fixed at the solution found (§4)
    fixed = np.round(res.x)
    lower = np.where(m["integer"] == 1, fixed, 0.0)
    upper = np.where(m["integer"] == 1, fixed, m["upper"])
    _, _, duals = solve_lp(m, upper, lower)
    return status, res.x, duals, getattr(res, "mip_gap", None)


# ---------------------------------------------------------------- driver
def run(scenario_path, mode=None, weights_file=None, sets=(), mip_gap=1e-9, time_limit=None):
    path = Path(scenario_path)
    scn = load_yaml(path)
    for k in scn:
        if k not in SCENARIO_KEYS:
            warn(f"scenario: unknown key {k!r} ignored")
    for k in ("communes", "works", "sources"):
        if k not in scn:
            raise InputError(f"scenario: missing {k!r}")
    scn["weights"] = (weights_mapping(Path(weights_file).name, Path(weights_file).resolve().parent)
                      if weights_file else weights_mapping(scn.get("weights"), path.parent))
    for a in sets:
        apply_set(scn, a)
    mode = lower(mode or scn.get("mode") or "lp")
    if mode not in ("lp", "mip"):
        raise InputError(f"mode must be lp or mip, got {mode!r}")
    periods = parse_periods(scn.get("periods"))
    discount_rate = number(scn.get("discount_rate", 0), "discount_rate", 0)
    criteria_total = int(number(scn.get("criteria_total", 19), "criteria_total", 1, integer=True))
    communes = load_communes(path.parent / text(scn["communes"]), periods, criteria_total)
    has_district = all(c["district"] is not None for c in communes.values())
    works = load_works(path.parent / text(scn["works"]), communes, periods)
    sources = parse_sources(scn["sources"], communes, periods, has_district)
    weights, rules = parse_weights(scn["weights"]), parse_rules(scn.get("rules"))

    t0 = time.perf_counter()
    m = build(communes, works, sources, weights, rules, mode, periods, discount_rate, criteria_total)
    t1 = time.perf_counter()
    status, x, duals, gap = solve(m, mode, mip_gap, time_limit)
    t2 = time.perf_counter()
    cost = np.array([p["cost"] for p in works])
    T = periods.T
    pooled = [s for s in sources if s["scope"] == "pooled"]
    out = dict(status=status, mode=mode, objective=None if x is None else float(-m["cost"] @ x) + 0.0,
               columns=m["ncol"], rows=len(m["rows"]), nonzeros=sum(len(r) for r in m["rows"]),
               total_need=float(cost.sum()), total_funded=None,
               # whole-plan shadow price: null with more than one period (§7.3)
               budget_duals={s["id"]: (duals.get((s["id"], 0)) if T == 1 else None) for s in pooled}
               if duals else {},
               build_seconds=round(t1 - t0, 4), solve_seconds=round(t2 - t1, 4))
    if mode == "mip":
        out["mip_gap"] = gap
    if periods.explicit:
        out["periods"] = periods.labels
    if x is not None:
        y = np.zeros(len(works))                       # y_p = Σ_t y_{p,t}
        done_by = np.zeros((len(works), T))            # share completed by the end of period t
        for (pi, t), j in m["ycol"].items():
            y[pi] += x[j]
            done_by[pi, t + works[pi]["duration"] - 1:] += x[j]
        out["total_funded"] = float(cost @ y)
        out["works_fully_funded"] = int((y >= 1 - 1e-6).sum())   # not unique across solvers (§4)
        full, full_by = {}, {}
        for pi, p in enumerate(works):
            if p["required"] and communes[p["commune"]]["status"] == "target":
                full[p["commune"]] = full.get(p["commune"], True) and y[pi] >= 1 - 1e-6
                full_by[p["commune"]] = full_by.get(p["commune"], np.ones(T, bool)) & (done_by[pi] >= 1 - 1e-6)
        out["target_communes_standard"] = int(sum(full.values()))
        label = (lambda t: periods.keys[t]) if periods.explicit else (lambda t: "all")
        if periods.explicit:
            out["target_communes_reaching_standard_by_period"] = {
                label(t): int(sum(v[t] for v in full_by.values())) for t in range(T)}
        used = {}
        for j, (si, _, t) in enumerate(m["xcols"]):
            used[(si, t)] = used.get((si, t), 0.0) + x[j]
        out["sources"] = {}
        for si, s in enumerate(sources):
            if s["scope"] != "pooled":
                continue
            carried = [float(x[m["rcol"][(si, t)]]) if (si, t) in m["rcol"] else 0.0 for t in range(T)]
            out["sources"][s["id"]] = dict(
                budget_by_period={label(t): s["budget"][t] for t in range(T)},
                used_by_period={label(t): float(used.get((si, t), 0.0)) for t in range(T)},
                carried_by_period={label(t): carried[t] for t in range(T)},
                shadow_price_by_period={label(t): duals.get((s["id"], t)) for t in range(T)})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--mode", choices=["lp", "mip"])
    ap.add_argument("--weights", help="a weights profile YAML replacing the scenario's")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    ap.add_argument("--mip-gap", type=float, default=1e-9, help="relative MIP gap (default 1e-9)")
    ap.add_argument("--time-limit", type=float, help="MIP time limit in seconds")
    a = ap.parse_args(argv)
    try:
        out = run(a.scenario, a.mode, a.weights, a.set, a.mip_gap, a.time_limit)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.json:
        # numpy scalars (int64, bool_) are not JSON types: convert them to Python numbers.
        print(json.dumps(out, ensure_ascii=False, indent=2, default=lambda o: o.item() if hasattr(o, "item") else str(o)))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
