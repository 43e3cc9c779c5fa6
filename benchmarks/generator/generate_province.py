#!/usr/bin/env python3
"""Generate a synthetic NTM scenario of any size, shaped like the Lạng Sơn one.

    python3 benchmarks/generator/generate_province.py --communes 2000 --seed 1 --out DIR

writes DIR/scenario.yaml, DIR/communes.csv and DIR/works.csv (model.md §1, §5).

The structure and distributions imitate scenarios/langson-2021-2025/generate.py:

- districts of 15–25 communes, each with a drawn development and remoteness
  level (the Lạng Sơn generator uses fixed per-district factors); about a
  third of the districts lie on the border;
- statuses in Lạng Sơn's proportions (36 % at standard of which about a
  tenth advanced, 28 % target, the rest none), region III (ĐBKK) communes
  ≈ 49 % of all, drawn among communes below the standard, border ≈ 11 %;
  criteria met 19 at standard, 10–17 target, 3–14 none, mean 12.7;
- 7–13 works per commune (mean 10), with the same category mixes, unit-cost
  models, benefits, `required`, `community_buildable` and `divisible` rules;
- every kind of source: central, integrated (ĐBKK + border), a provincial
  pooled local budget, one pooled district budget per district (eligible
  for that district only), commune budgets (local), credit (cost 0.05,
  max_share 0.7), enterprises, people's cash (local), community labour
  (local, labour days × 0.25, max_share 0.5);
- every rule family active (max_state_share, min_community_share,
  counterpart_ratio, priority_share_min, commune_floor, commune_cap);
- budgets calibrated as in Lạng Sơn: all money available ≈ 65 % of the
  total need; balanced weights with standard_bonus > 0 (inline in the
  scenario file).

Five-year provinces (model.md §7, §8): with `--years 2026-2030` (or
`--periods N`, years from 2026) the same province is written as a multi-year
plan. The single-period draws are made first and unchanged; the multi-year
ones come from a second generator seeded from --seed, so the single-period
output of a seed stays byte-identical. On top of it:

- every pooled budget is split over the years, 1/T each with a seeded
  ±15 % wiggle (renormalised to the same total, rounded to 100 million);
  `carry_over: 0.3` on the central source; `discount_rate` (default 0.03);
- local capacities (commune budget, people's cash, labour days) are per
  year (§7.1), so their columns are divided by T; `commune_cap` too (it is a
  per-period row); the commune floor stays a whole-plan share;
- works get `duration` by category and size (school, health, commerce 2–3
  years; transport, irrigation, water, electricity 2 years above 3,000
  million; the rest 1), about 15 % a `start_from` and 15 % a `finish_by`
  that still leave a possible start;
- target communes get a `standard_by` year (from the middle of the plan to
  the last year); others leave it empty;
- `--no-district`: communes.csv has no `district` column but a
  `former_district` one (`report: {group_by: former_district}`), and the
  district pools are merged into the provincial budget (eligibility by
  district needs a district column, §8.1);
- the baseline coefficients are written as §8.3 rules (Decision 07).

Python 3 standard library only; deterministic: the same arguments give the
same bytes. Money in million VND.
"""

import argparse
import csv
import io
import math
import os
import random

# ---------------------------------------------------------------- proportions (Lạng Sơn, 181 xã)
SHARE_STANDARD = 65 / 181     # at standard or better by 2020
SHARE_ADVANCED = 7 / 65       # of those, advanced
SHARE_TARGET = 50 / 181
SHARE_REGION_III = 88 / 181
SHARE_BORDER = 20 / 181
SHARE_BORDER_DISTRICTS = 1 / 3
BORDER_AT_STANDARD = 7 / 20
MEAN_CRITERIA = 12.7
LABOUR_DAY_VALUE = 0.25

# ---------------------------------------------------------------- cost models (as Lạng Sơn)
def cost_transport(r):
    km = r.uniform(0.4, 4.2)
    return round(km * r.uniform(1400, 1700)), True, km <= 2.5
def cost_irrigation(r):
    return round(r.uniform(250, 3500)), True, True
def cost_electricity(r):
    return round(r.uniform(400, 3500)), r.random() < 0.6, False
def cost_school(r):
    return round(r.uniform(1200, 7000)), r.random() < 0.4, False
def cost_culture(r):
    if r.random() < 0.75:
        return round(375 * r.uniform(0.85, 1.2)), False, True
    return round(r.uniform(2500, 4500)), False, False
def cost_commerce(r):
    return round(r.uniform(1500, 6000)), False, False
def cost_ict(r):
    return round(r.uniform(80, 600)), True, False
def cost_housing(r):
    return round(r.randint(8, 40) * r.uniform(40, 60)), True, False
def cost_production(r):
    return round(r.uniform(300, 3000)), True, r.random() < 0.5
def cost_education(r):
    return round(r.uniform(150, 1200)), True, False
def cost_health(r):
    return round(r.uniform(2000, 5000)), False, False
def cost_environment(r):
    return round(r.uniform(200, 2000)), True, True
def cost_water(r):
    return round(r.uniform(500, 4500)), r.random() < 0.5, True
def cost_security(r):
    return round(r.uniform(100, 600)), True, False
def cost_planning(r):
    return round(r.uniform(150, 600)), True, False

COST = {
    "transport": cost_transport, "irrigation": cost_irrigation,
    "electricity": cost_electricity, "school": cost_school,
    "culture": cost_culture, "commerce": cost_commerce, "ict": cost_ict,
    "housing": cost_housing, "production": cost_production,
    "education": cost_education, "health": cost_health,
    "environment": cost_environment, "water": cost_water,
    "security": cost_security, "planning": cost_planning,
}
MIX_BELOW = {
    "transport": 24, "irrigation": 12, "electricity": 7, "school": 8,
    "culture": 10, "commerce": 3, "ict": 3, "housing": 6, "production": 7,
    "education": 3, "health": 3, "environment": 5, "water": 6,
    "security": 1, "planning": 2,
}
MIX_STANDARD = {
    "transport": 18, "irrigation": 9, "electricity": 4, "school": 5,
    "culture": 7, "commerce": 8, "ict": 5, "housing": 3, "production": 18,
    "education": 3, "health": 2, "environment": 9, "water": 6,
    "security": 1, "planning": 2,
}
REQUIRED_CATEGORIES = {
    "transport", "irrigation", "electricity", "school", "culture", "health",
    "water", "environment", "ict", "housing", "planning", "security",
}
COMMUNITY_LIMIT = 5000

# ---------------------------------------------------------------- calibration (as Lạng Sơn)
AVAILABLE_SHARE = 0.65
SHARE_PEOPLE = 0.08
SHARE_ENTERPRISE = 0.05
SHARE_LABOUR = 0.05
CREDIT_OF_BANKABLE = 0.60
INTEGRATED_OF_STATE = 8 / 30
LOCAL_OF_CENTRAL = 927 / 3638
COMMUNE_OF_LOCAL = 0.30       # commune budgets
DISTRICT_OF_LOCAL = 0.25      # all district pools together (Lạng Sơn: one pool, 10 %)
COMMUNE_CAP_FACTOR = 2.0

RULES = [
    ("max_state_share", "{priority: 1.0, other: 0.8}"),
    ("min_community_share", "{priority: 0.0, other: 0.1}"),
    ("counterpart_ratio", "0.2"),
    ("priority_share_min", "0.6"),
    ("commune_floor", "0.1"),
]
WEIGHTS = [  # balanced.yaml of Lạng Sơn
    ("base", "1.0"), ("especially_difficult", "0.5"), ("border", "0.5"),
    ("target", "0.5"), ("criteria_gap", "0.5"), ("production_bonus", "0.2"),
    ("production_categories", "[production, irrigation, commerce]"),
    ("category", "{}"), ("standard_bonus", "2000"),
]

# Syllables for synthetic Vietnamese-looking names (UTF-8, NFC).
SYL = ["An", "Bình", "Cao", "Chi", "Đào", "Đồng", "Hà", "Hòa", "Hồng", "Hưng",
       "Khánh", "Lạc", "Lâm", "Lộc", "Long", "Mai", "Minh", "Nam", "Phú", "Quang",
       "Quốc", "Sơn", "Tân", "Thanh", "Thái", "Thịnh", "Tiến", "Trung", "Tú", "Vân",
       "Việt", "Xuân", "Yên", "Gia", "Kim", "Hải", "Đức", "Phong", "Thủy", "Lương"]


def weighted_sample(r, items, weight, k):
    """k distinct items, chance ∝ weight (Efraimidis–Spirakis keys)."""
    keyed = []
    for it in items:
        w = weight(it)
        if w > 0:
            keyed.append((r.random() ** (1.0 / w), it["code"], it))
    keyed.sort(key=lambda t: (-t[0], t[1]))
    if len(keyed) < k:
        raise SystemExit("weighted_sample: not enough candidates")
    return [t[2] for t in keyed[:k]]


def make_districts(r, n):
    sizes = []
    left = n
    while left > 0:
        s = r.randint(15, 25)
        if left < 30:              # cannot split into two of ≥ 15: one district (≤ 29)
            s = left
        elif left - s < 15:        # keep the last district at 15 or more
            s = left - 15
        sizes.append(s)
        left -= s
    nd = len(sizes)
    n_border_d = max(1, round(SHARE_BORDER_DISTRICTS * nd))
    border_d = set(r.sample(range(nd), n_border_d))
    districts = []
    for i, s in enumerate(sizes):
        name = f"Huyện {r.choice(SYL)} {r.choice(SYL)} {i + 1:03d}"
        districts.append({
            "name": name, "size": s,
            "development": math.exp(r.gauss(0, 0.45)),
            "remoteness": math.exp(r.gauss(0, 0.45)) * (1.3 if i in border_d else 1.0),
            "pop_scale": math.exp(r.gauss(0, 0.2)),
            "border": i in border_d,
        })
    return districts


def make_communes(r, districts):
    communes = []
    code = 100
    for d in districts:
        for _ in range(d["size"]):
            communes.append({"code": f"{code:05d}", "name": f"Xã {r.choice(SYL)} {r.choice(SYL)}",
                             "district": d["name"], "_d": d, "border": 0,
                             "especially_difficult": 0, "status": None})
            code += 3
    n = len(communes)
    # border communes, in border districts only
    cand = [c for c in communes if c["_d"]["border"]]
    n_border = min(len(cand), max(1, round(SHARE_BORDER * n)))
    for c in weighted_sample(r, cand, lambda c: 1.0, n_border):
        c["border"] = 1
    # statuses
    n_std = round(SHARE_STANDARD * n)
    borders = [c for c in communes if c["border"]]
    for c in weighted_sample(r, borders, lambda c: c["_d"]["development"],
                             min(len(borders), round(BORDER_AT_STANDARD * len(borders)))):
        c["status"] = "standard"
    have = sum(1 for c in communes if c["status"])
    free = [c for c in communes if c["status"] is None and not c["border"]]
    for c in weighted_sample(r, free, lambda c: c["_d"]["development"] ** 2, max(0, n_std - have)):
        c["status"] = "standard"
    std = [c for c in communes if c["status"] == "standard"]
    for c in weighted_sample(r, std, lambda c: c["_d"]["development"] ** 2,
                             round(SHARE_ADVANCED * len(std))):
        c["status"] = "advanced"
    rest = [c for c in communes if c["status"] is None]
    for c in weighted_sample(r, rest, lambda c: c["_d"]["development"],
                             min(len(rest), round(SHARE_TARGET * n))):
        c["status"] = "target"
    for c in communes:
        if c["status"] is None:
            c["status"] = "none"
    below = [c for c in communes if c["status"] in ("none", "target")]
    def remote(c):
        w = c["_d"]["remoteness"]
        if c["border"]:
            w *= 2.0
        if c["status"] == "none":
            w *= 3.0
        return w
    for c in weighted_sample(r, below, remote, min(len(below), round(SHARE_REGION_III * n))):
        c["especially_difficult"] = 1
    # criteria met
    lo_hi = {}
    for c in communes:
        if c["status"] in ("standard", "advanced"):
            c["criteria_met"] = 19
        elif c["status"] == "target":
            lo_hi[c["code"]] = (10, 17)
            c["criteria_met"] = r.randint(12, 16)
        else:
            lo_hi[c["code"]] = (3, 14)
            c["criteria_met"] = r.randint(5, 11) - (1 if c["especially_difficult"] else 0)
    goal = round(MEAN_CRITERIA * n)
    below_codes = sorted(lo_hi)
    by_code = {c["code"]: c for c in communes}
    total = sum(c["criteria_met"] for c in communes)
    guard = 0
    while below_codes and total != goal and guard < 200 * n:
        guard += 1
        c = by_code[r.choice(below_codes)]
        lo, hi = lo_hi[c["code"]]
        step = 1 if total < goal else -1
        if lo <= c["criteria_met"] + step <= hi:
            c["criteria_met"] += step
            total += step
    # population
    for c in communes:
        p = 3100 * c["_d"]["pop_scale"] * math.exp(r.gauss(0, 0.35))
        c["population"] = int(min(12000, max(900, round(p, -1))))
    return communes


def make_works(r, communes):
    works = []
    cats_below, wts_below = zip(*sorted(MIX_BELOW.items()))
    cats_std, wts_std = zip(*sorted(MIX_STANDARD.items()))
    for c in communes:
        below = c["status"] in ("none", "target")
        cats, wts = (cats_below, wts_below) if below else (cats_std, wts_std)
        mine = []
        for _ in range(r.randint(7, 13)):
            k = r.choices(cats, weights=wts)[0]
            cost, divisible, simple = COST[k](r)
            cost = max(cost, 20)
            benefit = ""
            if r.random() < 0.15:
                benefit = str(round(cost * r.uniform(0.6, 1.8)))
            buildable = 1 if (simple and cost < COMMUNITY_LIMIT and r.random() < 0.8) else 0
            mine.append({"commune": c["code"], "category": k, "cost": cost, "benefit": benefit,
                         "required": 0, "community_buildable": buildable,
                         "divisible": 1 if divisible else 0})
        if below:
            want = (2 if c["status"] == "target" else 3) + (19 - c["criteria_met"]) // 4
            cand = [w for w in mine if w["category"] in REQUIRED_CATEGORIES]
            r.shuffle(cand)
            for w in cand[:want]:
                w["required"] = 1
        works.extend(mine)
    width = max(4, len(str(len(works))))
    for i, w in enumerate(works, 1):
        w["id"] = f"w{i:0{width}d}"
    return works


def calibrate(r, districts, communes, works):
    need = sum(w["cost"] for w in works)
    bankable = sum(w["cost"] for w in works if w["category"] in ("production", "commerce", "housing"))
    avail = AVAILABLE_SHARE * need
    cal = {"need": need, "available": avail}
    cal["people"] = SHARE_PEOPLE * avail
    cal["enterprise"] = SHARE_ENTERPRISE * avail
    cal["labour"] = SHARE_LABOUR * avail
    cal["credit"] = CREDIT_OF_BANKABLE * bankable
    state = avail - cal["people"] - cal["enterprise"] - cal["labour"] - cal["credit"]
    cal["integrated"] = INTEGRATED_OF_STATE * state
    direct = state - cal["integrated"]
    cal["central"] = direct / (1 + LOCAL_OF_CENTRAL)
    local = direct - cal["central"]
    cal["commune_budget"] = COMMUNE_OF_LOCAL * local
    district_total = DISTRICT_OF_LOCAL * local
    cal["provincial"] = local - cal["commune_budget"] - district_total
    for k in ("people", "enterprise", "labour", "credit", "integrated", "central",
              "commune_budget", "provincial"):
        cal[k] = float(round(cal[k], -3))          # whole billions
    # district pools ∝ the district's need × a drawn factor, rounded to 100 million
    d_of = {c["code"]: c["district"] for c in communes}
    d_need = {d["name"]: 0 for d in districts}
    for w in works:
        d_need[d_of[w["commune"]]] += w["cost"]
    raw = {d["name"]: d_need[d["name"]] * r.uniform(0.7, 1.3) for d in districts}
    s = sum(raw.values())
    cal["district"] = {k: float(round(v / s * district_total, -2)) for k, v in raw.items()}
    pooled_state = (cal["central"] + cal["integrated"] + cal["provincial"]
                    + sum(cal["district"].values()))
    cal["commune_cap"] = float(round(COMMUNE_CAP_FACTOR * pooled_state / len(communes), -2))
    return cal


def assign_capacities(r, communes, cal):
    raw = {"labour": {}, "cash": {}, "budget": {}}
    for c in communes:
        pop, poor = c["population"], c["especially_difficult"]
        std = c["status"] in ("standard", "advanced")
        raw["labour"][c["code"]] = pop * r.uniform(0.8, 1.2) * (1.2 if poor else 1.0)
        raw["cash"][c["code"]] = pop * r.uniform(0.7, 1.3) * (0.5 if poor else (1.4 if std else 1.0))
        raw["budget"][c["code"]] = (300 + pop * 0.1) * r.uniform(0.7, 1.3) * (0.6 if poor else (1.3 if std else 1.0))
    def scale(key, total, unit, digits):
        s = sum(raw[key].values())
        return {k: round(v / s * total / unit, digits) for k, v in raw[key].items()}
    labour = scale("labour", cal["labour"], LABOUR_DAY_VALUE, -1)
    cash = scale("cash", cal["people"], 1, 0)
    budget = scale("budget", cal["commune_budget"], 1, 0)
    for c in communes:
        c["labour_days"] = int(labour[c["code"]])
        c["people_cash"] = max(1, int(cash[c["code"]]))   # > 0 everywhere: μ and the floor stay feasible
        c["commune_budget"] = int(budget[c["code"]])


def fmt(x):
    return f"{int(x)}" if float(x).is_integer() else f"{x}"


def yq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([row[h] for h in header])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_scenario(path, n, seed, districts, communes, works, cal, my=None):
    """The scenario YAML; `my` (a MultiYear) switches to the multi-year form of model.md §7."""
    def B(key, x):
        return fmt(x) if my is None else my.budget(key, x)
    L = [
        "# Generated by benchmarks/generator/generate_province.py; do not edit.",
        f"# {n} communes, {len(works)} works, {len(districts)} districts, seed {seed}.",
        f"# Money in million VND. Total need {cal['need']}; available ≈ 65 % of it.",
        f'name: "Synthetic province, {n} communes (seed {seed})"',
        "mode: lp",
        "communes: communes.csv",
        "works: works.csv",
        "weights:",
    ]
    L += [f"  {k}: {v}" for k, v in WEIGHTS]
    L.append("rules:")
    L += [f"  {k}: {v}" for k, v in RULES]
    L.append(f"  commune_cap: {fmt(cal['commune_cap'] if my is None else my.cap(cal['commune_cap']))}")
    if my is None:
        L += ["baseline:", "  coefficients: {fewer_than_15: 5.0, from_15_to_18: 3.0, at_standard: 1.0}"]
    else:
        L += my.header_lines()
    L += [
        "sources:",
        "  - id: ntm-central", '    name: "NSTW – CTMTQG xây dựng nông thôn mới"',
        "    kind: central", "    scope: pooled", f"    budget: {B('ntm-central', cal['central'])}",
    ]
    if my is not None:
        L.append(f"    carry_over: {my.carry_over}")
    L += [
        "  - id: integrated-dtts",
        '    name: "Lồng ghép CTMTQG phát triển KT-XH vùng DTTS&MN và giảm nghèo bền vững"',
        "    kind: integrated", "    scope: pooled", f"    budget: {B('integrated-dtts', cal['integrated'])}",
        "    eligible:", "      communes: [especially_difficult, border]",
        "      categories: [transport, irrigation, electricity, school, culture, health, water, housing, production, education]",
        "  - id: province-budget", '    name: "Ngân sách tỉnh đối ứng"',
        "    kind: local_budget", "    scope: pooled",
        f"    budget: {B('province-budget', cal['provincial'] + (sum(cal['district'].values()) if my and my.no_district else 0))}",
    ]
    for i, d in enumerate(districts, 1):
        if my is not None and my.no_district:
            break
        L += [f"  - id: district-{i:03d}-budget", f"    name: {yq('Ngân sách ' + d['name'])}",
              "    kind: local_budget", "    scope: pooled",
              f"    budget: {B(f'district-{i:03d}-budget', cal['district'][d['name']])}",
              "    eligible:", f"      districts: [{yq(d['name'])}]"]
    L += [
        "  - id: commune-budget", '    name: "Ngân sách xã"', "    kind: local_budget",
        "    scope: local", "    capacity_column: commune_budget",
        "  - id: credit", '    name: "Vốn tín dụng (NHCSXH, NHNo&PTNT)"', "    kind: credit",
        "    scope: pooled", f"    budget: {B('credit', cal['credit'])}", "    cost: 0.05", "    max_share: 0.7",
        "    eligible:", "      categories: [production, commerce, housing]",
        "  - id: enterprise", '    name: "Vốn doanh nghiệp, hợp tác xã"', "    kind: enterprise",
        "    scope: pooled", f"    budget: {B('enterprise', cal['enterprise'])}",
        "    eligible:", "      categories: [production, commerce, electricity, ict]",
        "  - id: people", '    name: "Nhân dân đóng góp (tiền)"', "    kind: people",
        "    scope: local", "    capacity_column: people_cash",
        "  - id: labour", '    name: "Ngày công lao động của Nhân dân"', "    kind: labour",
        "    scope: local", "    capacity_column: labour_days", f"    unit_value: {LABOUR_DAY_VALUE}",
        "    max_share: 0.5", "    eligible:",
        "      categories: [transport, irrigation, culture, environment, water]",
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(L) + "\n")


# ---------------------------------------------------------------- five-year provinces (model.md §7, §8)
LONG_WORKS = {"school", "health", "commerce"}            # 2–3 years
MEDIUM_WORKS = {"transport", "irrigation", "water", "electricity"}   # 2 years when large
WIGGLE = 0.15
CARRY_OVER = 0.3
DECISION_07_RULES = [
    "    - {when: {especially_difficult: 1}, value: 0}",
    "    - {when: {status: [standard, advanced, model]}, value: 1.0}",
    "    - {when: {criteria_met: {max: 14}}, value: 5.0}",
    "    - {when: {criteria_met: {min: 15}}, value: 3.0}",
]


class MultiYear:
    """The multi-year additions, drawn from their own seeded generator (the single-period
    stream is untouched, so a seed's single-period output does not change)."""

    def __init__(self, seed, years, no_district, discount_rate):
        self.r = random.Random(f"multiyear-{seed}")
        self.years = years
        self.T = len(years)
        self.no_district = no_district
        self.discount_rate = discount_rate
        self.carry_over = CARRY_OVER

    def budget(self, key, total):
        """`{2026: a, …}`: total split 1/T each with a ±15 % wiggle, same total, 100-million steps."""
        raw = [1.0 + self.r.uniform(-WIGGLE, WIGGLE) for _ in self.years]
        s = sum(raw)
        parts = [round(total * x / s, -2) for x in raw]
        return "{" + ", ".join(f"{y}: {fmt(float(v))}" for y, v in zip(self.years, parts)) + "}"

    def cap(self, cap):
        return float(round(cap / self.T, -2))

    def header_lines(self):
        L = [f"periods: [{', '.join(str(y) for y in self.years)}]",
             f"discount_rate: {self.discount_rate}"]
        if self.no_district:
            L.append("report: {group_by: former_district}")
        return L + ["baseline:", "  coefficients:"] + DECISION_07_RULES + ["  default: 0"]

    def works(self, works):
        """duration by category and size; some start_from / finish_by (a start always remains)."""
        T, r = self.T, self.r
        for w in works:
            k, cost = w["category"], w["cost"]
            if k in LONG_WORKS:
                d = 3 if cost > 4500 else 2
            elif k in MEDIUM_WORKS and cost > 3000:
                d = 2
            else:
                d = 1
            d = min(d, T)
            first, last = 0, T - 1
            if r.random() < 0.15:
                first = r.randint(0, T - d)
            if r.random() < 0.15:
                last = r.randint(first + d - 1, T - 1)
            w["duration"] = d
            w["start_from"] = self.years[first] if first > 0 else ""
            w["finish_by"] = self.years[last] if last < T - 1 else ""

    def communes(self, communes):
        """standard_by for target communes (middle of the plan .. last year); capacities per year."""
        T, r = self.T, self.r
        for c in communes:
            c["standard_by"] = self.years[r.randint(T // 2, T - 1)] if c["status"] == "target" else ""
            c["former_district"] = c["district"]
            c["labour_days"] = int(round(c["labour_days"] / T, -1))
            c["people_cash"] = max(1, int(round(c["people_cash"] / T)))
            c["commune_budget"] = int(round(c["commune_budget"] / T))


def parse_years(a):
    if a.years:
        try:
            lo, hi = (int(x) for x in a.years.split("-"))
        except ValueError:
            raise SystemExit("--years: expected FIRST-LAST, e.g. 2026-2030") from None
        if hi < lo:
            raise SystemExit("--years: the last year is before the first")
        return list(range(lo, hi + 1))
    if a.periods:
        if a.periods < 1:
            raise SystemExit("--periods must be at least 1")
        return list(range(2026, 2026 + a.periods))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", type=int, required=True, help="number of communes (≥ 15)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--years", help="a multi-year plan over these years, e.g. 2026-2030 (model.md §7)")
    ap.add_argument("--periods", type=int, help="a multi-year plan of N years from 2026")
    ap.add_argument("--no-district", action="store_true",
                    help="multi-year only: no district column, a former_district one (model.md §8.1)")
    ap.add_argument("--discount-rate", type=float, default=0.03, help="multi-year only (default 0.03)")
    a = ap.parse_args()
    years = parse_years(a)
    if a.no_district and years is None:
        raise SystemExit("--no-district needs --years or --periods")
    if a.communes < 15:
        raise SystemExit("--communes must be at least 15 (one district)")
    r = random.Random(a.seed)
    districts = make_districts(r, a.communes)
    communes = make_communes(r, districts)
    works = make_works(r, communes)
    cal = calibrate(r, districts, communes, works)
    assign_capacities(r, communes, cal)
    my = None if years is None else MultiYear(a.seed, years, a.no_district, a.discount_rate)
    ccols = ["code", "name", "district", "population", "especially_difficult", "border",
             "status", "criteria_met", "labour_days", "people_cash", "commune_budget"]
    wcols = ["id", "commune", "category", "cost", "benefit", "required",
             "community_buildable", "divisible"]
    if my is not None:
        my.communes(communes)
        my.works(works)
        ccols += ["standard_by"]
        wcols += ["duration", "start_from", "finish_by"]
        if my.no_district:
            ccols = [c for c in ccols if c != "district"] + ["former_district"]
    os.makedirs(a.out, exist_ok=True)
    write_csv(os.path.join(a.out, "communes.csv"), ccols, communes)
    write_csv(os.path.join(a.out, "works.csv"), wcols, works)
    write_scenario(os.path.join(a.out, "scenario.yaml"), a.communes, a.seed, districts,
                   communes, works, cal, my)
    from collections import Counter
    st = Counter(c["status"] for c in communes)
    print(f"{len(communes)} communes in {len(districts)} districts, {len(works)} works, "
          f"need {cal['need']:,} million; status " + ", ".join(f"{k} {st[k]}" for k in
          ("none", "target", "standard", "advanced")) +
          f"; ĐBKK {sum(c['especially_difficult'] for c in communes)}, border {sum(c['border'] for c in communes)}")


if __name__ == "__main__":
    main()
