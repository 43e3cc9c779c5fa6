#!/usr/bin/env python3
"""Check the Lạng Sơn 2026–2030 scenario against docs/model.md §1, §5, §7 and §8.

An independent check of the files generate.py writes (it shares no code with
the generator and recomputes the facts it can from the source lists):

- scenario.yaml: periods, criteria_total, report.group_by, discount_rate; every
  pooled budget a mapping from period label to an amount ≥ 0 (a plain number
  or an unknown label is an error); carry_over on pooled sources only, in
  [0, 1]; local sources' capacity columns; eligibility lists (no
  `eligible.districts`, since there is no district column); rules' ranges;
  the baseline coefficient rules (§8.3) name existing columns and are the
  2026–2030 rule;
- communes.csv: no `district` column; unique codes, exactly the 65 units of
  units-2025-07.csv with their names and types; `former_district` follows the
  stated rule; `border` follows the merged units; `criteria_met` ≤
  criteria_total; `especially_difficult` = region 3; 385 ĐBKK villages with the
  16 named units at 0; `standard_by` a period label, for target communes;
- works.csv: unique ids; every commune exists; standard categories; durations
  fit between `start_from` and `finish_by` (§7.1); required works of a target
  commune can be completed by its `standard_by`.

Problems are printed as FILE:LINE: FIELD: message and the exit status is 1.
Without problems it prints the scenario's figures (need, budgets per year,
counts) and exits 0. `--self-test` breaks a copy of the files in each way
above and checks that each break is caught.

    python3 scenarios/langson-2026-2030/check.py [--self-test] [scenario.yaml]

Python 3 with PyYAML.
"""

import argparse
import csv
import math
import os
import re
import shutil
import sys
import tempfile
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PREVIOUS = os.path.join(HERE, "..", "langson-2021-2025", "data", "communes.csv")

STANDARD_CATEGORIES = {"transport", "irrigation", "electricity", "school", "culture", "commerce",
                       "ict", "housing", "production", "education", "health", "environment",
                       "water", "security", "planning"}
KINDS = {"central", "local_budget", "integrated", "credit", "enterprise", "people", "labour"}
COMMUNE_GROUPS = {"all", "priority", "other", "target", "especially_difficult", "border",
                  "not_standard"}
STATUSES = {"none", "target", "standard", "advanced", "model"}
BOOLEANS = {"1": True, "0": False, "true": True, "false": False}
WEIGHT_KEYS = {"base", "especially_difficult", "border", "target", "criteria_gap",
               "production_bonus", "production_categories", "category", "standard_bonus"}
RULE_KEYS = {"max_state_share", "min_community_share", "counterpart_ratio",
             "priority_share_min", "commune_floor", "commune_cap"}
COMMUNE_REQUIRED = ["code", "name", "population", "especially_difficult", "border", "status",
                    "criteria_met"]
WORK_REQUIRED = ["id", "commune", "category", "cost", "benefit", "required",
                 "community_buildable", "divisible"]

# What this scenario must be (issue 8, item 5).
EXPECTED_PERIODS = ["2026", "2027", "2028", "2029", "2030"]
EXPECTED_CRITERIA_TOTAL = 10
EXPECTED_COEFFICIENTS = [
    ({"region": 3}, 50), ({"border": 1}, 50), ({"region": 2}, 40), ({"region": 1}, 30),
]
EXPECTED_DEFAULT = 25
DBKK_TOTAL = 385
NO_DBKK_XA = {"Bình Gia", "Đồng Đăng", "Chi Lăng", "Bằng Mạc", "Ba Sơn", "Châu Sơn", "Đình Lập",
              "Thái Bình", "Hữu Lũng", "Cai Kinh", "Tân Thành", "Tuấn Sơn"}
BORDER_TOWN = "06184"                  # Thị trấn Đồng Đăng, a border town (fact)
MAX_DURATION = 3
COMMUNITY_LIMIT = 5000                 # million VND (Decree 161/2016, 27/2022)
TARGET_SHARE_2030 = 0.8


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


class Report:
    """Collects problems as FILE:LINE: FIELD: message."""

    def __init__(self):
        self.problems = []

    def add(self, file, line, field, message):
        where = f"{os.path.basename(file)}:{line}" if line else os.path.basename(file)
        self.problems.append(f"{where}: {field}: {message}")


def number(text):
    try:
        x = float(text)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


# ---------------------------------------------------------------- YAML with lines

def to_python(node, lines, path=()):
    """PyYAML node → plain data; lines[path] = 1-based line of each value."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for k, v in node.value:
            key = yaml.safe_load(yaml.serialize(k)) if k.tag != "tag:yaml.org,2002:str" else k.value
            out[key] = to_python(v, lines, path + (str(key),))
            lines.setdefault(path + (str(key), "<key>"), k.start_mark.line + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [to_python(v, lines, path + (str(i),)) for i, v in enumerate(node.value)]
    return yaml.safe_load(yaml.serialize(node))


def load_yaml(path, report):
    try:
        with open(path, encoding="utf-8") as f:
            node = yaml.compose(f, Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError) as e:
        report.add(path, None, "yaml", str(e).replace("\n", " "))
        return None, {}
    lines = {}
    return (to_python(node, lines) if node is not None else None), lines


def read_csv(path, report):
    """(header, rows) with rows as (line, dict); line numbers count physical lines."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            rows = []
            header = None
            for fields in reader:
                line = reader.line_num
                if header is None:
                    header = [nfc(h) for h in fields]
                    continue
                if len(fields) != len(header):
                    report.add(path, line, "row", f"{len(fields)} fields, header has {len(header)}")
                    continue
                rows.append((line, {h: nfc(v) for h, v in zip(header, fields)}))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        report.add(path, None, "csv", str(e))
        return [], []
    return header or [], rows


# ---------------------------------------------------------------- scenario.yaml

def check_scenario(path, report):
    sc, lines = load_yaml(path, report)
    if not isinstance(sc, dict):
        report.add(path, None, "scenario", "not a mapping")
        return None, lines
    def at(*keys):
        for n in range(len(keys), -1, -1):
            if tuple(keys[:n]) in lines:
                return lines[tuple(keys[:n])]
        return None
    for key in ("name", "notes", "periods", "criteria_total", "report", "discount_rate",
                "communes", "works", "weights", "sources", "rules", "baseline"):
        if key not in sc:
            report.add(path, None, key, "missing")
    notes = str(sc.get("notes", ""))
    if "generated" not in notes or "real" not in notes:
        report.add(path, at("notes"), "notes", "must say which data are real and which generated")
    periods = sc.get("periods")
    labels = []
    if not isinstance(periods, list) or not periods:
        report.add(path, at("periods"), "periods", "must be a non-empty list of labels")
    else:
        labels = [str(p) for p in periods]
        if len(set(labels)) != len(labels):
            report.add(path, at("periods"), "periods", "labels must be unique")
        if labels != EXPECTED_PERIODS:
            report.add(path, at("periods"), "periods", f"expected {EXPECTED_PERIODS}")
    if sc.get("criteria_total") != EXPECTED_CRITERIA_TOTAL:
        report.add(path, at("criteria_total"), "criteria_total", f"expected {EXPECTED_CRITERIA_TOTAL}")
    dr = sc.get("discount_rate")
    if not is_number(dr) or not 0 <= dr < 1:
        report.add(path, at("discount_rate"), "discount_rate", "must be a number in [0, 1)")
    if sc.get("mode", "lp") not in ("lp", "mip"):
        report.add(path, at("mode"), "mode", "must be lp or mip")
    rep = sc.get("report")
    if not isinstance(rep, dict) or not isinstance(rep.get("group_by"), str):
        report.add(path, at("report"), "report.group_by", "must name a communes.csv column")
    return sc, lines


def check_sources(path, sc, lines, labels, columns, communes, report):
    def at(*keys):
        for n in range(len(keys), -1, -1):
            if tuple(keys[:n]) in lines:
                return lines[tuple(keys[:n])]
        return None
    sources = sc.get("sources")
    if not isinstance(sources, list) or not sources:
        report.add(path, at("sources"), "sources", "must be a non-empty list")
        return
    seen = set()
    kinds = set()
    for i, s in enumerate(sources):
        i = str(i)
        if not isinstance(s, dict):
            report.add(path, at("sources", i), f"sources[{i}]", "not a mapping")
            continue
        sid = s.get("id")
        field = f"sources.{sid}"
        if not isinstance(sid, str) or not sid:
            report.add(path, at("sources", i), f"sources[{i}].id", "missing")
        elif sid in seen:
            report.add(path, at("sources", i, "id"), field, "duplicate id")
        seen.add(sid)
        kind = s.get("kind")
        if kind not in KINDS:
            report.add(path, at("sources", i, "kind"), f"{field}.kind", f"unknown kind {kind!r}")
        kinds.add(kind)
        scope = s.get("scope")
        if scope == "pooled":
            budget = s.get("budget")
            if is_number(budget):
                report.add(path, at("sources", i, "budget"), f"{field}.budget",
                           "a plain number in a multi-year scenario: give one amount per period")
            elif not isinstance(budget, dict):
                report.add(path, at("sources", i, "budget"), f"{field}.budget",
                           "must be a mapping from period label to amount")
            else:
                for label, amount in budget.items():
                    if str(label) not in labels:
                        report.add(path, at("sources", i, "budget", str(label), "<key>"),
                                   f"{field}.budget.{label}", "not a period label")
                    if not is_number(amount) or amount < 0:
                        report.add(path, at("sources", i, "budget", str(label)),
                                   f"{field}.budget.{label}", "must be an amount ≥ 0")
                missing = [p for p in labels if p not in {str(k) for k in budget}]
                if missing:
                    report.add(path, at("sources", i, "budget"), f"{field}.budget",
                               f"no amount for {', '.join(missing)} (this scenario gives every year)")
            if "capacity_column" in s:
                report.add(path, at("sources", i, "capacity_column"), f"{field}.capacity_column",
                           "a pooled source has no capacity column")
        elif scope == "local":
            if "budget" in s:
                report.add(path, at("sources", i, "budget"), f"{field}.budget", "a local source has no budget")
            if "carry_over" in s:
                report.add(path, at("sources", i, "carry_over"), f"{field}.carry_over",
                           "carry_over is for pooled sources only")
            col = s.get("capacity_column")
            if col not in columns:
                report.add(path, at("sources", i, "capacity_column"), f"{field}.capacity_column",
                           f"{col!r} is not a communes.csv column")
            else:
                for line, row in communes:
                    v = number(row[col])
                    if v is None or v < 0:
                        report.add("communes.csv", line, col, f"capacity of {sid} must be a number ≥ 0")
            uv = s.get("unit_value", 1)
            if not is_number(uv) or uv <= 0:
                report.add(path, at("sources", i, "unit_value"), f"{field}.unit_value", "must be > 0")
        else:
            report.add(path, at("sources", i, "scope"), f"{field}.scope", "must be pooled or local")
        co = s.get("carry_over", 0)
        if not is_number(co) or not 0 <= co <= 1:
            report.add(path, at("sources", i, "carry_over"), f"{field}.carry_over", "must lie in [0, 1]")
        ms = s.get("max_share", 1)
        if not is_number(ms) or not 0 < ms <= 1:
            report.add(path, at("sources", i, "max_share"), f"{field}.max_share", "must lie in (0, 1]")
        cost = s.get("cost", 0)
        if not is_number(cost) or cost < 0:
            report.add(path, at("sources", i, "cost"), f"{field}.cost", "must be ≥ 0")
        el = s.get("eligible", {})
        if not isinstance(el, dict):
            report.add(path, at("sources", i, "eligible"), f"{field}.eligible", "must be a mapping")
            continue
        if "districts" in el and "district" not in columns:
            report.add(path, at("sources", i, "eligible", "districts"), f"{field}.eligible.districts",
                       "communes.csv has no district column (model.md §8.1)")
        for g in el.get("communes", []):
            if g not in COMMUNE_GROUPS:
                report.add(path, at("sources", i, "eligible", "communes"), f"{field}.eligible.communes",
                           f"unknown group {g!r}")
        for c in el.get("categories", []):
            if str(c).lower() not in STANDARD_CATEGORIES:
                report.add(path, at("sources", i, "eligible", "categories"), f"{field}.eligible.categories",
                           f"{c!r} is not a standard category")
        if kind == "central" and scope == "pooled" and not s.get("carry_over"):
            report.add(path, at("sources", i), f"{field}.carry_over",
                       "the central capital of this scenario carries over (Art. 72)")
    if "central" not in kinds:
        report.add(path, at("sources"), "sources", "no central source")


def check_rules(path, sc, lines, report):
    rules = sc.get("rules", {})
    if not isinstance(rules, dict):
        report.add(path, lines.get(("rules",)), "rules", "must be a mapping")
        return
    for k, v in rules.items():
        line = lines.get(("rules", str(k)))
        if k not in RULE_KEYS:
            report.add(path, line, f"rules.{k}", "unknown rule")
        elif k in ("max_state_share", "min_community_share"):
            vals = v.values() if isinstance(v, dict) else [v]
            if isinstance(v, dict) and not set(v) <= {"priority", "other"}:
                report.add(path, line, f"rules.{k}", "groups are priority and other")
            if not all(is_number(x) and 0 <= x <= 1 for x in vals):
                report.add(path, line, f"rules.{k}", "shares lie in [0, 1]")
        elif k in ("counterpart_ratio", "commune_cap"):
            if not is_number(v) or v < 0:
                report.add(path, line, f"rules.{k}", "must be ≥ 0")
        elif not is_number(v) or not 0 <= v <= 1:
            report.add(path, line, f"rules.{k}", "must lie in [0, 1]")


def check_baseline(path, sc, lines, columns, communes, report):
    base = sc.get("baseline")
    line0 = lines.get(("baseline",))
    if not isinstance(base, dict) or not isinstance(base.get("coefficients"), list):
        report.add(path, line0, "baseline.coefficients", "must be a list of rules (model.md §8.3)")
        return
    rules = base["coefficients"]
    got = []
    for i, rule in enumerate(rules):
        line = lines.get(("baseline", "coefficients", str(i)), line0)
        field = f"baseline.coefficients[{i}]"
        if not isinstance(rule, dict) or not isinstance(rule.get("when"), dict):
            report.add(path, line, field, "a rule needs a `when` mapping")
            continue
        for col, cond in rule["when"].items():
            if col not in columns:
                report.add(path, line, f"{field}.when.{col}", "not a communes.csv column")
            if isinstance(cond, dict):
                if not set(cond) <= {"min", "max"} or not all(is_number(x) for x in cond.values()):
                    report.add(path, line, f"{field}.when.{col}", "a range is {min: a, max: b}")
            elif isinstance(cond, list):
                if not cond:
                    report.add(path, line, f"{field}.when.{col}", "empty list")
        if not is_number(rule.get("value")):
            report.add(path, line, f"{field}.value", "must be a number")
        for j, term in enumerate(rule.get("plus", []) or []):
            if not isinstance(term, dict) or term.get("column") not in columns \
                    or not is_number(term.get("times")):
                report.add(path, line, f"{field}.plus[{j}]",
                           "needs {column: an existing communes.csv column, times: number}")
            else:
                for cl, row in communes:
                    if number(row[term["column"]]) is None:
                        report.add("communes.csv", cl, term["column"], "not a number (used by the baseline)")
        got.append((rule["when"], rule.get("value"),
                    [(t.get("column"), t.get("times")) for t in rule.get("plus", []) or [] if isinstance(t, dict)]))
    expected = [(w, v, [("dbkk_villages", 1)]) for w, v in EXPECTED_COEFFICIENTS]
    if got != expected:
        report.add(path, line0, "baseline.coefficients", "is not the 2026–2030 rule of model.md §8.3")
    if base.get("default") != EXPECTED_DEFAULT:
        report.add(path, line0, "baseline.default", f"expected {EXPECTED_DEFAULT}")


def check_weights(path, report):
    prof, lines = load_yaml(path, report)
    if not isinstance(prof, dict):
        report.add(path, None, "weights", "not a mapping")
        return
    for k, v in prof.items():
        line = lines.get((str(k),))
        if k not in WEIGHT_KEYS:
            report.add(path, line, k, "unknown weight key")
        elif k == "production_categories":
            if not isinstance(v, list) or not all(str(c) in STANDARD_CATEGORIES for c in v):
                report.add(path, line, k, "must list standard categories")
        elif k == "category":
            if not isinstance(v, dict) or not all(str(c) in STANDARD_CATEGORIES and is_number(x) and x >= 0
                                                  for c, x in v.items()):
                report.add(path, line, k, "must map standard categories to numbers ≥ 0")
        elif not is_number(v) or v < 0:
            report.add(path, line, k, "must be a number ≥ 0")


# ---------------------------------------------------------------- communes.csv

def parse_parts(merged_from):
    out = []
    for raw in merged_from.split(";"):
        m = re.match(r"^(.*?)\s*\((\d{5})\)", raw.strip())
        if m:
            out.append((nfc(m.group(1)), m.group(2)))
    return out


def check_communes(path, header, rows, labels, criteria_total, group_by, sources_dir, prev_path, report):
    for col in COMMUNE_REQUIRED + ["former_district", "region", "dbkk_villages", "unit_type", "standard_by"]:
        if col not in header:
            report.add(path, 1, col, "missing column")
    if "district" in header:
        report.add(path, 1, "district", "no district column since 1 July 2025 (use former_district)")
    if group_by and group_by not in header:
        report.add(path, 1, group_by, "report.group_by names a missing column")
    if any(c not in header for c in COMMUNE_REQUIRED + ["former_district", "region", "dbkk_villages",
                                                         "unit_type", "standard_by"]):
        # Still let works.csv be checked against the codes (no cascade of "unknown commune").
        return {r["code"]: r for _, r in rows} if "code" in header else {}
    _, new_units = read_csv(os.path.join(sources_dir, "units-2025-07.csv"), report)
    _, old_units = read_csv(os.path.join(sources_dir, "units-2020-2024.csv"), report)
    _, prev = read_csv(prev_path, report)
    old = {r["code"]: r for _, r in old_units}
    new = {r["code"]: r for _, r in new_units}
    prev_border = {r["code"] for _, r in prev if r["border"] == "1"}
    by_code = {}
    for line, r in rows:
        code = r["code"]
        if not re.fullmatch(r"\d{5}", code):
            report.add(path, line, "code", f"{code!r} is not a 5-digit GSO code")
        if code in by_code:
            report.add(path, line, "code", f"duplicate code {code}")
        by_code[code] = (line, r)
        if not r["name"]:
            report.add(path, line, "name", "empty")
        pop = number(r["population"])
        if pop is None or pop < 0 or pop != int(pop):
            report.add(path, line, "population", "must be an integer ≥ 0")
        for b in ("especially_difficult", "border"):
            if r[b].lower() not in BOOLEANS:
                report.add(path, line, b, f"{r[b]!r} is not 1/0/true/false")
        if r["status"] not in STATUSES:
            report.add(path, line, "status", f"unknown status {r['status']!r}")
        cm = number(r["criteria_met"])
        if cm is None or cm != int(cm) or not 0 <= cm <= criteria_total:
            report.add(path, line, "criteria_met", f"must be an integer in 0…{criteria_total} (criteria_total)")
        elif r["status"] in ("standard", "advanced", "model") and cm != criteria_total:
            report.add(path, line, "criteria_met", "a unit at the standard meets every criterion")
        region = r["region"]
        if region not in ("1", "2", "3"):
            report.add(path, line, "region", "must be 1, 2 or 3")
        elif BOOLEANS.get(r["especially_difficult"].lower()) != (region == "3"):
            report.add(path, line, "especially_difficult", "must be 1 exactly for region 3")
        dv = number(r["dbkk_villages"])
        if dv is None or dv < 0 or dv != int(dv):
            report.add(path, line, "dbkk_villages", "must be an integer ≥ 0")
        sb = r["standard_by"]
        if sb and sb not in labels:
            report.add(path, line, "standard_by", f"{sb!r} is not a period label")
        if sb and r["status"] != "target":
            report.add(path, line, "standard_by", "only target communes have a standard_by")
        if r["status"] == "target" and not sb:
            report.add(path, line, "standard_by", "every target commune of this scenario has one")
        # Against the real unit list.
        unit = new.get(code)
        if unit is None:
            report.add(path, line, "code", f"{code} is not a unit of units-2025-07.csv")
            continue
        if r["name"] != unit["unit_name"]:
            report.add(path, line, "name", f"official name is {unit['unit_name']!r}")
        if r["unit_type"] != unit["unit_type"]:
            report.add(path, line, "unit_type", f"official type is {unit['unit_type']!r}")
        parts = parse_parts(unit["merged_from"])
        districts = {nfc(old[c]["district"]) for _, c in parts if c in old}
        keeper = nfc(old[code]["district"]) if code in old else None
        if r["former_district"] not in districts:
            report.add(path, line, "former_district", f"not a district of its former units ({sorted(districts)})")
        elif r["former_district"] != keeper:
            report.add(path, line, "former_district",
                       f"rule: the district of the former unit whose code it carries ({keeper})")
        border = any(c in prev_border or c == BORDER_TOWN for _, c in parts)
        if BOOLEANS.get(r["border"].lower()) != border:
            report.add(path, line, "border", f"must be {int(border)}: 1 when a merged unit was a border commune")
        if "border_basis" in header and (r["border_basis"] in ("real", "assumed")) != border:
            report.add(path, line, "border_basis", "real/assumed exactly for border units")
        if r["unit_type"] == "Phường" and (r["status"] != "standard" or dv != 0):
            report.add(path, line, "status", "a phường is kept inert: status standard, no ĐBKK village")
    missing = sorted(set(new) - set(by_code))
    if missing:
        report.add(path, None, "code", f"units missing: {', '.join(missing)}")
    types = [r["unit_type"] for _, r in rows]
    if types.count("Xã") != 61 or types.count("Phường") != 4:
        report.add(path, None, "unit_type", "expected 61 xã and 4 phường")
    # ĐBKK villages (provincial decision of 29/01/2026).
    total = sum(int(number(r["dbkk_villages"]) or 0) for _, r in rows)
    if total != DBKK_TOTAL:
        report.add(path, None, "dbkk_villages", f"sum is {total}, the fact is {DBKK_TOTAL}")
    for line, r in rows:
        bare = r["name"].split(" ", 1)[1] if r["name"].startswith("Xã ") else None
        zero_fact = r["unit_type"] == "Phường" or bare in NO_DBKK_XA
        dv = number(r["dbkk_villages"])
        if dv is not None and zero_fact != (dv == 0):
            report.add(path, line, "dbkk_villages",
                       "the 16 named units (4 phường + 12 xã) have none; every other unit has some")
    xa = [r for _, r in rows if r["unit_type"] == "Xã"]
    reach = sum(1 for r in xa if r["status"] in ("standard", "advanced", "model", "target"))
    if xa and reach < math.ceil(TARGET_SHARE_2030 * len(xa)):
        report.add(path, None, "status", f"standard + target xã = {reach} < 80 % of {len(xa)} (the 2030 target)")
    return {code: r for code, (_, r) in by_code.items()}


# ---------------------------------------------------------------- works.csv

def check_works(path, header, rows, labels, communes, report):
    for col in WORK_REQUIRED + ["name", "duration", "start_from", "finish_by"]:
        if col not in header:
            report.add(path, 1, col, "missing column")
    if any(c not in header for c in WORK_REQUIRED + ["name", "duration", "start_from", "finish_by"]):
        return
    index = {label: t for t, label in enumerate(labels)}
    seen = set()
    required_of = {}
    for line, w in rows:
        wid = w["id"]
        if not wid:
            report.add(path, line, "id", "empty")
        elif wid in seen:
            report.add(path, line, "id", f"duplicate id {wid}")
        seen.add(wid)
        c = communes.get(w["commune"])
        if c is None:
            report.add(path, line, "commune", f"{w['commune']!r} is not a code of communes.csv")
        elif c.get("unit_type") == "Phường":
            report.add(path, line, "commune", "a phường has no works in this scenario")
        if w["category"].lower() not in STANDARD_CATEGORIES:
            report.add(path, line, "category", f"{w['category']!r} is not a standard category")
        cost = number(w["cost"])
        if cost is None or cost <= 0:
            report.add(path, line, "cost", "must be a number > 0")
        if w["benefit"] and (number(w["benefit"]) is None or number(w["benefit"]) < 0):
            report.add(path, line, "benefit", "must be empty or a number ≥ 0")
        flags = {}
        for b in ("required", "community_buildable", "divisible"):
            if w[b].lower() not in BOOLEANS:
                report.add(path, line, b, f"{w[b]!r} is not 1/0/true/false")
            flags[b] = BOOLEANS.get(w[b].lower(), False)
        if not w["name"]:
            report.add(path, line, "name", "empty")
        if flags["community_buildable"] and cost is not None and cost >= COMMUNITY_LIMIT:
            report.add(path, line, "community_buildable", "a community-built work costs under 5,000 million")
        if flags["required"] and c is not None and c.get("status") not in ("none", "target"):
            report.add(path, line, "required", "only communes below the standard have required works")
        d = number(w["duration"]) if w["duration"] else 1
        if d is None or d != int(d) or not 1 <= d <= MAX_DURATION:
            report.add(path, line, "duration", f"must be an integer in 1…{MAX_DURATION}")
            continue
        d = int(d)
        bad = False
        for f in ("start_from", "finish_by"):
            if w[f] and w[f] not in index:
                report.add(path, line, f, f"{w[f]!r} is not a period label")
                bad = True
        if bad:
            continue
        first = index[w["start_from"]] if w["start_from"] else 0
        last = index[w["finish_by"]] if w["finish_by"] else len(labels) - 1
        starts = [t for t in range(first, len(labels)) if t + d - 1 <= last]
        if not starts:
            report.add(path, line, "duration",
                       f"{d} years cannot fit between start_from {labels[first]} and finish_by {labels[last]}")
            continue
        if flags["required"] and c is not None and c.get("status") == "target":
            by = index.get(c.get("standard_by", ""), len(labels) - 1)
            required_of.setdefault(w["commune"], 0)
            required_of[w["commune"]] += 1
            if min(starts) + d - 1 > by:
                report.add(path, line, "required",
                           f"cannot be completed by the commune's standard_by {labels[by]}")
    for code, c in communes.items():
        if c.get("status") == "target" and code not in required_of:
            report.add(path, None, "required", f"target commune {code} has no required work")


# ---------------------------------------------------------------- driver

def check(scenario_path, prev_path=PREVIOUS):
    report = Report()
    base = os.path.dirname(os.path.abspath(scenario_path))
    sc, lines = check_scenario(scenario_path, report)
    if sc is None:
        return report, None
    labels = [str(p) for p in sc.get("periods", [])] if isinstance(sc.get("periods"), list) else []
    ct = sc.get("criteria_total", 19) if isinstance(sc.get("criteria_total"), int) else 19
    cpath = os.path.join(base, str(sc.get("communes", "")))
    wpath = os.path.join(base, str(sc.get("works", "")))
    cheader, crows = read_csv(cpath, report)
    wheader, wrows = read_csv(wpath, report)
    group_by = (sc.get("report") or {}).get("group_by") if isinstance(sc.get("report"), dict) else None
    communes = check_communes(cpath, cheader, crows, labels, ct, group_by,
                              os.path.join(base, "data", "source"), prev_path, report)
    check_sources(scenario_path, sc, lines, labels, set(cheader), crows, report)
    check_rules(scenario_path, sc, lines, report)
    check_baseline(scenario_path, sc, lines, set(cheader), crows, report)
    weights = sc.get("weights")
    if isinstance(weights, str):
        check_weights(os.path.join(base, weights), report)
    for name in sorted(os.listdir(os.path.join(base, "weights"))) if os.path.isdir(os.path.join(base, "weights")) else []:
        if name.endswith(".yaml"):
            check_weights(os.path.join(base, "weights", name), report)
    check_works(wpath, wheader, wrows, labels, communes, report)
    return report, (sc, labels, crows, wrows)


def summary(sc, labels, crows, wrows):
    from collections import Counter
    need = sum(float(w["cost"]) for _, w in wrows)
    out = [f"OK: {len(crows)} units, {len(wrows)} works, total need {need:,.0f} million VND"]
    out.append("pooled budgets (million VND): " + " ".join(f"{p:>9}" for p in labels) + "      total")
    totals = [0.0] * len(labels)
    for s in sc["sources"]:
        if s.get("scope") == "pooled":
            vals = [float(s["budget"].get(int(p), s["budget"].get(p, 0))) for p in labels]
            totals = [a + b for a, b in zip(totals, vals)]
            out.append(f"  {s['id']:<27}" + " ".join(f"{v:>9,.0f}" for v in vals) + f" {sum(vals):>10,.0f}")
    local_year = 0.0
    for s in sc["sources"]:
        if s.get("scope") == "local":
            cap = sum(float(r[s["capacity_column"]]) for _, r in crows) * float(s.get("unit_value", 1))
            local_year += cap
            out.append(f"  {s['id']:<27}" + " ".join(f"{cap:>9,.0f}" for _ in labels) + f" {cap * len(labels):>10,.0f}  (local, per year)")
    all_year = [t + local_year for t in totals]
    out.append(f"  {'all sources':<27}" + " ".join(f"{v:>9,.0f}" for v in all_year) + f" {sum(all_year):>10,.0f}"
               f"  = {sum(all_year) / need:.1%} of need")
    rows = [r for _, r in crows]
    out.append("region 1/2/3: " + "/".join(str(sum(1 for r in rows if r["region"] == k)) for k in "123")
               + f"; border {sum(1 for r in rows if r['border'] == '1')}; especially_difficult "
               + str(sum(1 for r in rows if r["especially_difficult"] == "1"))
               + f"; ĐBKK villages {sum(int(r['dbkk_villages']) for r in rows)}")
    st = Counter((r["unit_type"], r["status"]) for r in rows)
    out.append("status: " + ", ".join(f"{t} {s} {n}" for (t, s), n in sorted(st.items())))
    sb = Counter(r["standard_by"] for r in rows if r["standard_by"])
    out.append("standard_by: " + ", ".join(f"{k} {v}" for k, v in sorted(sb.items())))
    du = Counter(w["duration"] for _, w in wrows)
    out.append("works by duration: " + ", ".join(f"{k}y {v}" for k, v in sorted(du.items()))
               + f"; start_from {sum(1 for _, w in wrows if w['start_from'])}, finish_by "
               + f"{sum(1 for _, w in wrows if w['finish_by'])}, required {sum(1 for _, w in wrows if w['required'] == '1')}")
    return "\n".join(out)


# ---------------------------------------------------------------- self-test

def self_test(scenario_path):
    """Break a copy of the scenario in each checked way; every break must be caught."""
    src = os.path.dirname(os.path.abspath(scenario_path))
    def edit_text(rel, old, new, count=1):
        def f(d):
            p = os.path.join(d, rel)
            s = open(p, encoding="utf-8").read()
            if old not in s:
                raise AssertionError(f"self-test setup: {old!r} not in {rel}")
            open(p, "w", encoding="utf-8").write(s.replace(old, new, count))
        return f
    def edit_csv(rel, fn):
        def f(d):
            p = os.path.join(d, rel)
            with open(p, encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            rows = fn(rows)
            with open(p, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(rows)
        return f
    def set_cell(rel, row, column, value):
        def fn(rows):
            rows[row][rows[0].index(column)] = value
            return rows
        return edit_csv(rel, fn)
    def add_column(rel, column, value):
        def fn(rows):
            return [r + ([column] if i == 0 else [value]) for i, r in enumerate(rows)]
        return edit_csv(rel, fn)
    with open(os.path.join(src, "data", "works.csv"), encoding="utf-8", newline="") as fh:
        works = list(csv.reader(fh))
    wh = works[0]
    # A 3-year work (for the duration break) and a required work of a target commune.
    three = next(i for i, r in enumerate(works) if i and r[wh.index("duration")] == "3")
    with open(os.path.join(src, "data", "communes.csv"), encoding="utf-8", newline="") as fh:
        communes = list(csv.reader(fh))
    ch = communes[0]
    early = {r[0] for r in communes[1:] if r[ch.index("standard_by")] == "2027"}
    req = next(i for i, r in enumerate(works)
               if i and r[wh.index("required")] == "1" and r[wh.index("commune")] in early
               and r[wh.index("category")] != "planning")
    W, C, S = "data/works.csv", "data/communes.csv", "scenario.yaml"
    cases = [
        ("district column", add_column(C, "district", "Huyện Cao Lộc"), "communes.csv:1: district:"),
        ("criteria_met above criteria_total", set_cell(C, 5, "criteria_met", "11"), "criteria_met: must be an integer in 0…10"),
        ("duplicate code", set_cell(C, 6, "code", communes[5][0]), "duplicate code"),
        ("region 3 not ĐBKK", set_cell(C, next(i for i, r in enumerate(communes) if r[ch.index("region")] == "3"), "especially_difficult", "0"), "especially_difficult: must be 1 exactly"),
        ("border flag off", set_cell(C, next(i for i, r in enumerate(communes) if r[ch.index("border")] == "1"), "border", "0"), "border: must be 1"),
        ("wrong former district", set_cell(C, 5, "former_district", "Huyện Đình Lập"), "former_district:"),
        ("ĐBKK villages off the fact", set_cell(C, 5, "dbkk_villages", "99"), "dbkk_villages: sum is"),
        ("standard_by not a label", set_cell(C, next(i for i, r in enumerate(communes) if i and r[ch.index("standard_by")]), "standard_by", "2031"), "standard_by: '2031' is not a period label"),
        ("work of an unknown commune", set_cell(W, 3, "commune", "99999"), "commune: '99999' is not a code"),
        ("duplicate work id", set_cell(W, 4, "id", works[3][0]), "duplicate id"),
        ("duration does not fit", set_cell(W, three, "finish_by", "2027"), "3 years cannot fit"),
        ("duration beyond 3", set_cell(W, 3, "duration", "4"), "duration: must be an integer in 1…3"),
        ("start_from not a label", set_cell(W, 3, "start_from", "2025"), "start_from: '2025' is not a period label"),
        ("required work too late", set_cell(W, req, "start_from", "2029"), "cannot be completed by the commune's standard_by"),
        ("unknown category", set_cell(W, 3, "category", "roads"), "is not a standard category"),
        ("budget as a number", edit_text(S, "budget: {2026: ", "budget: 5000\n    old_budget: {2026: "), "give one amount per period"),
        ("budget under an unknown label", edit_text(S, "budget: {2026: ", "budget: {2031: 1, 2026: "), "budget.2031: not a period label"),
        ("carry_over above 1", edit_text(S, "carry_over: 0.3", "carry_over: 1.5"), "carry_over: must lie in [0, 1]"),
        ("eligible.districts", edit_text(S, "    eligible:\n      categories: [transport", "    eligible:\n      districts: [\"Huyện Cao Lộc\"]\n      categories: [transport"), "eligible.districts: communes.csv has no district column"),
        ("coefficient rule on a missing column", edit_text(S, "{when: {region: 2}", "{when: {khu_vuc: 2}"), "when.khu_vuc: not a communes.csv column"),
        ("plus term on a missing column", edit_text(S, "{column: dbkk_villages, times: 1}]}\n    - {when: {region: 1}", "{column: thon_dbkk, times: 1}]}\n    - {when: {region: 1}"), "plus[0]: needs"),
        ("criteria_total 19", edit_text(S, "criteria_total: 10", "criteria_total: 19"), "criteria_total: expected 10"),
        ("duplicate periods", edit_text(S, "periods: [2026, 2027,", "periods: [2026, 2026,"), "labels must be unique"),
        ("group_by on a missing column", edit_text(S, "group_by: former_district", "group_by: huyen_cu"), "huyen_cu: report.group_by names a missing column"),
        ("capacity column missing", edit_text(S, "capacity_column: people_cash", "capacity_column: people_money"), "capacity_column: 'people_money' is not"),
        ("share rule out of range", edit_text(S, "priority_share_min: 0.6", "priority_share_min: 1.6"), "rules.priority_share_min: must lie in [0, 1]"),
    ]
    failures = 0
    report, _ = check(scenario_path)
    if report.problems:
        print("self-test: the unmodified scenario has problems:")
        print("\n".join("  " + p for p in report.problems[:20]))
        failures += 1
    for label, breaker, expected in cases:
        with tempfile.TemporaryDirectory() as tmp:
            d = os.path.join(tmp, "s")
            shutil.copytree(src, d, ignore=shutil.ignore_patterns("__pycache__"))
            breaker(d)
            rep, _ = check(os.path.join(d, os.path.basename(scenario_path)))
            hit = [p for p in rep.problems if expected in p]
            if not hit:
                failures += 1
                print(f"self-test FAILED: {label}: expected a problem containing {expected!r}; got:")
                print("\n".join("    " + p for p in rep.problems[:8]) or "    (none)")
            else:
                print(f"self-test ok: {label}: {hit[0]}")
    print(f"self-test: {len(cases)} breaks, {failures} failure(s)")
    return failures == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default=os.path.join(HERE, "scenario.yaml"))
    ap.add_argument("--self-test", action="store_true",
                    help="break copies of the files and check that every break is caught")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(0 if self_test(args.scenario) else 1)
    report, data = check(args.scenario)
    if report.problems:
        print("\n".join(report.problems))
        print(f"{len(report.problems)} problem(s)", file=sys.stderr)
        sys.exit(1)
    print(summary(*data))


if __name__ == "__main__":
    main()
