#!/usr/bin/env python3
"""Generate the bundled Lạng Sơn 2026–2030 scenario (two-tier map, five years).

Reads the real unit lists (data/source/units-2025-07.csv: the 65 units since
1 July 2025 and what each was formed from; data/source/units-2020-2024.csv:
the former units with their districts) and the 2021–2025 scenario's
communes.csv (its border flags, region III flags, statuses and populations of
the former xã), and writes:

  data/communes.csv     the 65 units (61 xã, 4 phường): real code, name,
                        unit type and former district; border from the
                        merged units; assumed or generated ĐBKK villages,
                        region, status on the 10-criteria set, population
                        and yearly local capacities
  data/works.csv        about 2,000 generated candidate works with names,
                        durations and some start/finish years
  data/PROVENANCE.md    which column is real and which is assumed/generated,
                        unit by unit where it matters
  data/calibration.md   how the yearly budgets follow from the national figures
  scenario.yaml         the scenario (model.md §5, §7, §8)

Python 3 standard library only. Deterministic: the same seed gives the same
bytes. Run from anywhere:

    python3 scenarios/langson-2026-2030/generate.py [--seed 20260101]

Money is in million VND (triệu đồng) everywhere.
"""

import argparse
import csv
import io
import math
import os
import random
import re
import unicodedata
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_NEW = os.path.join(HERE, "data", "source", "units-2025-07.csv")
SOURCE_OLD = os.path.join(HERE, "data", "source", "units-2020-2024.csv")
PREVIOUS = os.path.join(HERE, "..", "langson-2021-2025", "data", "communes.csv")
DEFAULT_SEED = 20260101

PERIODS = [2026, 2027, 2028, 2029, 2030]
CRITERIA_TOTAL = 10           # Decision 51/2025/QĐ-TTg: 10 criteria, 47 indicators

# --------------------------------------------------------------------------
# Real facts (shared/data/langson/README.md; quoted in README.md)
# --------------------------------------------------------------------------

N_UNITS, N_XA, N_PHUONG = 65, 61, 4
DBKK_VILLAGES_TOTAL = 385     # provincial decision of 29/01/2026
# The 16 units with no especially difficult village (same decision).
NO_DBKK = ["Bình Gia", "Đồng Đăng", "Chi Lăng", "Bằng Mạc", "Ba Sơn", "Châu Sơn",
           "Đình Lập", "Thái Bình", "Hữu Lũng", "Cai Kinh", "Tân Thành", "Tuấn Sơn"]
STANDARD_JUNE_2025, XA_JUNE_2025 = 106, 175      # at NTM standard, June 2025
MEAN_CRITERIA_JUNE_2025 = 15.21                  # of 19
TARGET_SHARE_2030 = 0.80                         # KH 23/KH-UBND (2023)
# Self-assessments reported after the merger (19-criteria set): not at standard.
SELF_ASSESSED = {"Cai Kinh": 15, "Châu Sơn": 17}
# Border units: the 2021–2025 scenario's border xã, plus the border town
# Đồng Đăng (real). Of those, named in the sources (real): Tràng Định — Đào
# Viên, Tân Minh, Đội Cấn, Quốc Khánh; Cao Lộc — Mẫu Sơn, Xuất Lễ, Cao Lâu,
# Thanh Lòa, Bảo Lâm. The other 11 were assumed there and stay assumed here.
BORDER_TOWN = "06184"         # Thị trấn Đồng Đăng
BORDER_REAL_CODES = {"06043", "06028", "06025", "06004", "06238", "06202", "06196",
                     "06193", "06190", BORDER_TOWN}
# Named advanced NTM commune before 2021 that is the only xã of its new unit.
ADVANCED_REAL_UNIT = "Chi Lăng"

# National figures 2026–2030 (thousand billion VND).
NATIONAL_CENTRAL_2026_2030 = 100.0
NATIONAL_CENTRAL_2021_2025 = 200.0   # "half of 2021–2025" (issue 8, README facts)
NATIONAL_CENTRAL_2026 = 35.0
NATIONAL_LOCAL, NATIONAL_CREDIT, NATIONAL_INTEGRATED = 300.0, 23.0, 360.0
NATIONAL_ENTERPRISE_COMMUNITY_SHARE = 0.25        # 261 of 1,044
LANGSON_LOCAL_OF_CENTRAL_2021_2025 = 927 / 3638   # Lạng Sơn's three NTPs 2021–2025

# --------------------------------------------------------------------------
# Assumptions
# --------------------------------------------------------------------------

# Central programme money for commune works in the 2021–2025 scenario:
# ntm-central 1,031 bn + integrated-dtts 470 bn (the NTM, ethnic-minority and
# poverty programmes, now merged into one).
CENTRAL_FOR_WORKS_2021_2025 = 1_031_000 + 470_000
LOCAL_OF_CENTRAL = 0.5        # ASSUMED (2021–2025 in Lạng Sơn 0.255; nationally 3.0 now)
COMMUNE_OF_LOCAL = 0.30       # commune budgets' part of all local budget (ASSUMED, as 2021–2025)
COUNTERPART_RATIO = 0.3       # rule ρ per year (ASSUMED; Decree 358/2025 gives no figure)
CARRY_OVER = 0.3              # Art. 72 Law on Public Investment 2024 (see calibration.md)
DISCOUNT_RATE = 0.03          # ASSUMED: mild preference for earlier completion
LABOUR_DAY_VALUE = 0.3        # million VND per community labour day, 2026 (ASSUMED)
PEOPLE_OF_COMMUNITY = 0.6     # cash part of people's contributions; the rest labour (ASSUMED)
ENTERPRISE_OF_EC = 5 / 13     # enterprises : people = 5 : 8 (national 2010–2020 mix)
AVAILABLE_SHARE = 0.65        # total available money / total need (as 2021–2025)
COMMUNE_CAP_FACTOR = 2.0      # cap per year = 2 × average pooled state money per xã per year
STANDARD_BONUS_FACTOR = 3     # a new xã is about three former ones (175 → 61)
COMMUNITY_LIMIT = 5000        # Decree 161/2016, 27/2022: total investment under 5 billion

RULES = OrderedDict([
    ("max_state_share", "{priority: 1.0, other: 0.8}"),
    ("min_community_share", "{priority: 0.0, other: 0.1}"),
    ("counterpart_ratio", f"{COUNTERPART_RATIO}"),
    ("priority_share_min", "0.6"),
    ("commune_floor", "0.1"),
])

CITY = "Thành phố Lạng Sơn"
DEVELOPMENT = {
    "Huyện Hữu Lũng": 1.6, "Huyện Chi Lăng": 1.5, "Huyện Cao Lộc": 1.5,
    "Huyện Lộc Bình": 1.0, "Huyện Bắc Sơn": 1.1, "Huyện Văn Lãng": 0.9,
    "Huyện Tràng Định": 0.9, "Huyện Đình Lập": 0.6, "Huyện Văn Quan": 0.6,
    "Huyện Bình Gia": 0.45, CITY: 3.0,
}
REMOTENESS = {
    "Huyện Bình Gia": 3.0, "Huyện Văn Quan": 2.6, "Huyện Đình Lập": 2.6,
    "Huyện Tràng Định": 1.6, "Huyện Văn Lãng": 1.6, "Huyện Lộc Bình": 1.4,
    "Huyện Bắc Sơn": 1.3, "Huyện Cao Lộc": 1.0, "Huyện Chi Lăng": 0.9,
    "Huyện Hữu Lũng": 0.8, CITY: 0.3,
}
# Local specialities, for the names of production works.
CROPS = {
    "Huyện Chi Lăng": ["na", "rau an toàn", "chăn nuôi lợn"],
    "Huyện Bắc Sơn": ["quýt", "lúa chất lượng cao", "chăn nuôi bò"],
    "Huyện Hữu Lũng": ["bưởi", "cam", "chăn nuôi gà"],
    "Huyện Cao Lộc": ["hồng không hạt", "hồi", "rau an toàn"],
    "Huyện Lộc Bình": ["thạch đen", "hồi", "khoai lang"],
    "Huyện Tràng Định": ["thạch đen", "thuốc lá", "chăn nuôi bò"],
    "Huyện Văn Quan": ["hồi", "dẻ", "quế"],
    "Huyện Bình Gia": ["hồi", "quế", "chăn nuôi dê"],
    "Huyện Đình Lập": ["quế", "thông", "chăn nuôi trâu"],
    "Huyện Văn Lãng": ["hồi", "rau an toàn", "chăn nuôi lợn"],
    CITY: ["rau an toàn", "hoa"],
}
# Invented village names from common Tày–Nùng place-name syllables.
VILLAGE_FIRST = ["Nà", "Khau", "Bản", "Pác", "Khuổi", "Lũng", "Còn", "Phai", "Nặm",
                 "Pò", "Kéo", "Bó", "Khòn", "Thâm", "Cốc", "Nà", "Bản", "Khuổi"]
VILLAGE_SECOND = ["Pàn", "Phạ", "Chắt", "Riềng", "Làng", "Lầm", "Pịt", "Vài", "Mò",
                  "Sla", "Tồng", "Cằm", "Ngần", "Slam", "Hẩu", "Luông", "Mạ", "Khoang",
                  "Quang", "Thuông", "Rọ", "Pục", "Đeng", "Lạn", "Nưa", "Mu", "Ràng",
                  "Páng", "Cáy", "Phầy"]

MIX_BELOW = {
    "transport": 24, "irrigation": 12, "electricity": 7, "school": 8,
    "culture": 10, "commerce": 3, "ict": 4, "housing": 6, "production": 7,
    "education": 3, "health": 3, "environment": 5, "water": 6,
    "security": 1, "planning": 1,
}
MIX_STANDARD = {
    "transport": 18, "irrigation": 9, "electricity": 4, "school": 5,
    "culture": 7, "commerce": 8, "ict": 6, "housing": 3, "production": 18,
    "education": 3, "health": 2, "environment": 9, "water": 6,
    "security": 1, "planning": 1,
}
REQUIRED_CATEGORIES = {
    "transport", "irrigation", "electricity", "school", "culture", "health",
    "water", "environment", "ict", "housing", "planning", "security",
}


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def bare(name):
    n = " ".join(nfc(name).split())
    for p in ("Xã ", "Phường ", "Thị trấn "):
        if n.startswith(p):
            return n[len(p):]
    return n


def vn_num(x, digits=1):
    """1.8 → '1,8' (Vietnamese decimal comma)."""
    return f"{x:.{digits}f}".replace(".", ",")


def round_k(x):
    """Round half up to whole billions (thousands of millions)."""
    return int(math.floor(x / 1000 + 0.5)) * 1000


def split_years(total, weights):
    """Split total over the periods ∝ weights, whole billions, remainder in the last year."""
    s = sum(weights)
    out = [round_k(total * w / s) for w in weights[:-1]]
    out.append(round_k(total) - sum(out))
    return out


def weighted_sample(r, items, weight, k):
    keyed = []
    for it in items:
        w = weight(it)
        if w > 0:
            keyed.append((r.random() ** (1.0 / w), it["code"], it))
    keyed.sort(key=lambda t: (-t[0], t[1]))
    if len(keyed) < k:
        raise SystemExit("weighted_sample: not enough candidates")
    return [t[2] for t in keyed[:k]]


# --------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------

PART = re.compile(r"^(.*?)\s*\((\d{5})\)\s*(\[partial\])?$")


def read_units():
    with open(SOURCE_OLD, encoding="utf-8", newline="") as f:
        old = {row["code"].strip(): row for row in csv.DictReader(f)}
    with open(SOURCE_NEW, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(PREVIOUS, encoding="utf-8", newline="") as f:
        prev = {row["code"].strip(): row for row in csv.DictReader(f)}
    units = []
    for row in rows:
        parts = []
        for raw in row["merged_from"].split(";"):
            m = PART.match(raw.strip())
            if not m:
                raise SystemExit(f"cannot read merged_from part {raw!r}")
            name, code, partial = nfc(m.group(1)), m.group(2), bool(m.group(3))
            if code not in old:
                raise SystemExit(f"{code} of {row['unit_name']} is not in units-2020-2024.csv")
            kind = name.split(" ")[0] if not name.startswith("Thị trấn") else "Thị trấn"
            parts.append({"code": code, "name": name, "kind": kind,
                          "fraction": 0.5 if partial else 1.0,
                          "district": nfc(old[code]["district"]), "prev": prev.get(code)})
        code = row["code"].strip()
        # Former district: that of the former unit whose code the new unit
        # carries (for the 4 units spanning two districts this is also the
        # unit that gives the new one its name or seat; see README.md).
        keeper = [p for p in parts if p["code"] == code]
        if len(keeper) != 1:
            raise SystemExit(f"{code}: its code is not one of its former units'")
        units.append({
            "code": code, "name": nfc(row["unit_name"]), "unit_type": nfc(row["unit_type"]),
            "parts": parts, "former_district": keeper[0]["district"],
            "districts": sorted({p["district"] for p in parts}),
        })
    units.sort(key=lambda u: u["code"])
    return units, prev


def xa_parts(u):
    """The former xã of a unit that the 2021–2025 scenario has (with their share)."""
    return [p for p in u["parts"] if p["kind"] == "Xã" and p["prev"] is not None]


def assign_border(units):
    for u in units:
        hits = [p for p in u["parts"]
                if p["code"] == BORDER_TOWN or (p["prev"] and p["prev"]["border"] == "1")]
        u["border"] = 1 if hits else 0
        if not hits:
            u["border_basis"] = ""
        elif any(p["code"] in BORDER_REAL_CODES for p in hits):
            u["border_basis"] = "real"
        else:
            u["border_basis"] = "assumed"
        u["border_from"] = hits


def assign_population(r, units):
    for u in units:
        pop = 0.0
        for p in u["parts"]:
            if p["kind"] == "Xã" and p["prev"] is not None:
                pop += int(p["prev"]["population"]) * p["fraction"]
            elif p["kind"] == "Phường":
                pop += round(14000 * math.exp(r.uniform(0, math.log(24000 / 14000))), -1)
            else:                                    # thị trấn (or a town-coded part)
                pop += round(5000 * math.exp(r.uniform(0, math.log(11000 / 5000))), -1)
        u["population"] = int(round(pop, -1))


def assign_villages_and_region(r, units):
    names = {bare(u["name"]): u for u in units if u["unit_type"] == "Xã"}
    zero = set()
    for n in NO_DBKK:
        if n not in names:
            raise SystemExit(f"unit named as having no ĐBKK village not found: {n}")
        zero.add(names[n]["code"])
    for u in units:
        if u["unit_type"] == "Phường":
            zero.add(u["code"])
    assert len(zero) == 16
    rest = [u for u in units if u["code"] not in zero]
    raw = {}
    for u in units:
        xs = xa_parts(u)
        ed = sum(p["fraction"] for p in xs if p["prev"]["especially_difficult"] == "1")
        u["ed_share"] = ed / max(1e-9, sum(p["fraction"] for p in xs)) if xs else 0.0
        size = sum(p["fraction"] for p in u["parts"])
        if u["code"] not in zero:
            raw[u["code"]] = (1 + 3 * ed) * size * REMOTENESS[u["former_district"]] \
                * math.exp(r.gauss(0, 0.3))
    spare = DBKK_VILLAGES_TOTAL - len(rest)          # every other unit has at least 1
    s = sum(raw.values())
    exact = {c: spare * w / s for c, w in raw.items()}
    alloc = {c: int(math.floor(v)) for c, v in exact.items()}
    left = spare - sum(alloc.values())
    for c in sorted(exact, key=lambda c: (-(exact[c] - alloc[c]), c))[:left]:
        alloc[c] += 1
    for u in units:
        u["dbkk_villages"] = 0 if u["code"] in zero else 1 + alloc[u["code"]]
        # Region: I without ĐBKK villages; III where it has 10 or more ĐBKK
        # villages, or where at least half of its former xã were region III in
        # the 2021–2025 data and it holds no former town (a district seat);
        # II otherwise.
        town = any(p["kind"] != "Xã" for p in u["parts"])
        if u["dbkk_villages"] == 0:
            u["region"] = 1
        elif u["dbkk_villages"] >= 10 or (u["ed_share"] >= 0.5 and not town):
            u["region"] = 3
        else:
            u["region"] = 2
        u["especially_difficult"] = 1 if u["region"] == 3 else 0


def assign_status(r, units):
    xa = [u for u in units if u["unit_type"] == "Xã"]
    for u in units:
        u["status"] = None
        u["standard_by"] = ""
        u["status_basis"] = "generated"
        # Share of its former units at (or planned for) the standard by 2025 in
        # the 2021–2025 data; a former town (district seat) counts as one.
        xs = xa_parts(u)
        towns = [p for p in u["parts"] if p["kind"] != "Xã"]
        good = sum(p["fraction"] for p in xs if p["prev"]["status"] in ("standard", "advanced", "target"))
        size = sum(p["fraction"] for p in xs) + len(towns)
        u["good_share"] = (good + len(towns)) / size if size else 1.0
    for u in units:
        if u["unit_type"] == "Phường":
            u["status"], u["criteria_met"], u["status_basis"] = "standard", CRITERIA_TOTAL, "phuong"
    by_name = {bare(u["name"]): u for u in xa}
    for n, met19 in SELF_ASSESSED.items():
        u = by_name[n]
        u["status"], u["status_basis"] = "target", "self-assessed"
        u["criteria_met"] = int(math.floor(met19 * CRITERIA_TOTAL / 19 + 0.5))
    adv = by_name[ADVANCED_REAL_UNIT]
    adv["status"], adv["status_basis"] = "advanced", "named"
    n_standard = round(N_XA * STANDARD_JUNE_2025 / XA_JUNE_2025)          # 37
    n_goal = math.ceil(TARGET_SHARE_2030 * N_XA)                          # 49
    free = [u for u in xa if u["status"] is None]
    def w_std(u):
        return (0.2 + u["good_share"]) ** 2 * DEVELOPMENT[u["former_district"]] \
            * (0.6 if u["region"] == 3 else 1.0)
    for u in weighted_sample(r, free, w_std, n_standard - 1):
        u["status"] = "standard"
    # Two more advanced (ASSUMED), among the standard ones, lowland first.
    cands = [u for u in xa if u["status"] == "standard"]
    for u in weighted_sample(r, cands, lambda u: DEVELOPMENT[u["former_district"]] ** 2, 2):
        u["status"] = "advanced"
    n_target_more = n_goal - n_standard - sum(1 for u in xa if u["status"] == "target")
    free = [u for u in xa if u["status"] is None]
    for u in weighted_sample(r, free, lambda u: 0.3 + u["good_share"], n_target_more):
        u["status"] = "target"
    for u in xa:
        if u["status"] is None:
            u["status"] = "none"


def assign_criteria(r, units):
    """Standard → 10; the rest drawn and adjusted so that their mean is the
    June 2025 mean of the communes not at standard, converted to 10 criteria."""
    xa = [u for u in units if u["unit_type"] == "Xã"]
    below_mean19 = (MEAN_CRITERIA_JUNE_2025 * XA_JUNE_2025 - STANDARD_JUNE_2025 * 19) \
        / (XA_JUNE_2025 - STANDARD_JUNE_2025)
    below_mean = below_mean19 * CRITERIA_TOTAL / 19
    lo_hi = {}
    for u in xa:
        if u["status"] in ("standard", "advanced"):
            u["criteria_met"] = CRITERIA_TOTAL
        elif u["status_basis"] == "self-assessed":
            pass
        elif u["status"] == "target":
            lo_hi[u["code"]] = (6, 9)
            u["criteria_met"] = r.randint(6, 8)
        else:
            lo_hi[u["code"]] = (1, 6)
            u["criteria_met"] = r.randint(2, 5) - (1 if u["region"] == 3 else 0)
    below = [u for u in xa if u["status"] in ("none", "target")]
    goal = int(math.floor(below_mean * len(below) + 0.5))
    total = sum(u["criteria_met"] for u in below)
    by_code = {u["code"]: u for u in below}
    keys = sorted(lo_hi)
    guard = 0
    while total != goal and guard < 100000:
        guard += 1
        u = by_code[r.choice(keys)]
        lo, hi = lo_hi[u["code"]]
        step = 1 if total < goal else -1
        if lo <= u["criteria_met"] + step <= hi:
            u["criteria_met"] += step
            total += step
    for u in xa:
        if u["status"] == "target":
            u["standard_by"] = "2027" if u["criteria_met"] >= 8 else \
                ("2028" if u["criteria_met"] == 7 else "2030")
    return below_mean19, below_mean


# --------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------

def calibrate():
    cal = OrderedDict()
    cal["central"] = round_k(CENTRAL_FOR_WORKS_2021_2025 * NATIONAL_CENTRAL_2026_2030
                             / NATIONAL_CENTRAL_2021_2025)
    p2026 = NATIONAL_CENTRAL_2026 / NATIONAL_CENTRAL_2026_2030
    profile = [p2026] + [(1 - p2026) / 4] * 4
    cal["profile"] = profile
    cal["local"] = LOCAL_OF_CENTRAL * cal["central"]
    cal["commune_budget"] = COMMUNE_OF_LOCAL * cal["local"]
    cal["provincial"] = round_k(cal["local"] - cal["commune_budget"])
    cal["integrated"] = round_k(NATIONAL_INTEGRATED / (NATIONAL_CENTRAL_2026_2030 + NATIONAL_LOCAL)
                                * (cal["central"] + cal["local"]))
    cal["credit"] = round_k(NATIONAL_CREDIT / NATIONAL_CENTRAL_2026_2030 * cal["central"])
    state_and_credit = cal["central"] + cal["local"] + cal["integrated"] + cal["credit"]
    ec = state_and_credit * NATIONAL_ENTERPRISE_COMMUNITY_SHARE / (1 - NATIONAL_ENTERPRISE_COMMUNITY_SHARE)
    cal["enterprise_community"] = ec
    cal["enterprise"] = round_k(ENTERPRISE_OF_EC * ec)
    community = ec - ENTERPRISE_OF_EC * ec
    cal["people"] = PEOPLE_OF_COMMUNITY * community
    cal["labour"] = community - cal["people"]
    cal["available"] = state_and_credit + ec
    cal["need_target"] = cal["available"] / AVAILABLE_SHARE
    cal["budget"] = OrderedDict([
        ("ntp-central", split_years(cal["central"], profile)),
        ("province-counterpart", split_years(cal["provincial"], profile)),
        ("integrated", split_years(cal["integrated"], [1] * 5)),
        ("credit", split_years(cal["credit"], [1] * 5)),
        ("enterprise", split_years(cal["enterprise"], [1] * 5)),
    ])
    pooled_state_year = (cal["central"] + cal["provincial"] + cal["integrated"]) / len(PERIODS)
    cal["commune_cap"] = float(round(COMMUNE_CAP_FACTOR * pooled_state_year / N_XA, -2))
    return cal


def assign_capacities(r, units, cal):
    """Yearly capacities (model.md §7.1: a local source's column is its capacity in every year)."""
    raw = {"labour": {}, "cash": {}, "budget": {}}
    for u in units:
        if u["unit_type"] == "Phường":
            continue
        pop = u["population"]
        poor = u["especially_difficult"]
        std = u["status"] in ("standard", "advanced")
        n_parts = sum(p["fraction"] for p in u["parts"])
        raw["labour"][u["code"]] = pop * r.uniform(0.8, 1.2) * (1.2 if poor else 1.0)
        raw["cash"][u["code"]] = pop * r.uniform(0.7, 1.3) * (0.5 if poor else (1.4 if std else 1.0))
        raw["budget"][u["code"]] = (300 * n_parts + pop * 0.1) * r.uniform(0.7, 1.3) \
            * (0.6 if poor else (1.3 if std else 1.0))
    years = len(PERIODS)
    def scale(key, total, unit, digits):
        s = sum(raw[key].values())
        return {k: round(v / s * total / years / unit, digits) for k, v in raw[key].items()}
    labour = scale("labour", cal["labour"], LABOUR_DAY_VALUE, -1)
    cash = scale("cash", cal["people"], 1, 0)
    budget = scale("budget", cal["commune_budget"], 1, 0)
    for u in units:
        u["labour_days"] = int(labour.get(u["code"], 0))
        u["people_cash"] = int(cash.get(u["code"], 0))
        u["commune_budget"] = int(budget.get(u["code"], 0))


# --------------------------------------------------------------------------
# Works
# --------------------------------------------------------------------------

def villages(r, u):
    n = max(6, min(20, 4 + len(u["parts"]) * 3))
    out = []
    while len(out) < n:
        v = f"{r.choice(VILLAGE_FIRST)} {r.choice(VILLAGE_SECOND)}"
        if v not in out:
            out.append(v)
    return out


def make_work(r, u, k, vs):
    """(name, cost, divisible, simple, duration) for a work of category k in unit u."""
    cn = bare(u["name"])
    v = r.choice(vs)
    if k == "transport":
        km = r.uniform(0.4, 4.2)
        cost = round(km * r.uniform(1400, 1700))
        if km < 1.5:
            name = f"Đường GTNT thôn {v}"
        else:
            v2 = r.choice([x for x in vs if x != v])
            name = r.choice([f"Đường GTNT thôn {v} – thôn {v2}", f"Đường liên thôn {v} – {v2}"])
        return f"{name} ({vn_num(km)} km)", cost, True, km <= 2.5, 1 if km < 1.5 else (2 if km < 3 else 3)
    if k == "irrigation":
        cost = round(r.uniform(250, 3500))
        if cost < 1500:
            return f"Kênh mương nội đồng thôn {v}", cost, True, True, 1
        if cost < 2500:
            return f"Đập dâng thôn {v}", cost, True, True, 1
        return f"Hồ chứa nước thôn {v}", cost, True, False, 2
    if k == "electricity":
        cost = round(r.uniform(400, 3500))
        name = r.choice([f"Trạm biến áp và lưới điện hạ thế thôn {v}",
                         f"Kéo điện lưới quốc gia về thôn {v}"])
        return name, cost, r.random() < 0.6, False, 2 if cost > 2500 else 1
    if k == "school":
        cost = round(r.uniform(1200, 7000))
        if cost < 3000:
            name = f"Trường Mầm non {cn}, điểm thôn {v}"
        elif u["region"] == 3 and r.random() < 0.5:
            name = f"Trường PTDT bán trú THCS {cn}: nhà lớp học và nhà ở bán trú"
        else:
            name = r.choice([f"Trường Tiểu học {cn}: nhà lớp học 2 tầng",
                             f"Trường THCS {cn}: phòng học bộ môn và nhà đa năng"])
        return name, cost, r.random() < 0.4, False, 2 if cost < 4500 else 3
    if k == "culture":
        if r.random() < 0.75:
            return f"Nhà văn hóa thôn {v}", round(375 * r.uniform(0.85, 1.2)), False, True, 1
        return f"Trung tâm văn hóa – thể thao xã {cn}", round(r.uniform(2500, 4500)), False, False, 2
    if k == "commerce":
        cost = round(r.uniform(1500, 6000))
        name = f"Chợ xã {cn}" if cost > 3500 else r.choice(
            [f"Chợ nông thôn thôn {v}", f"Điểm giới thiệu và bán sản phẩm OCOP xã {cn}"])
        return name, cost, False, False, 2 if cost > 3000 else 1
    if k == "ict":
        cost = round(r.uniform(80, 600))
        name = r.choice([f"Hệ thống truyền thanh thông minh xã {cn}",
                         f"Điểm truy cập Internet công cộng thôn {v}",
                         f"Camera giám sát và nền tảng số thôn {v}"])
        return name, cost, True, False, 1
    if k == "housing":
        households = r.randint(8, 40)
        return (f"Hỗ trợ xây mới, sửa chữa nhà ở cho {households} hộ nghèo, cận nghèo",
                round(households * r.uniform(40, 60)), True, False, 1)
    if k == "production":
        cost = round(r.uniform(300, 3000))
        crop = r.choice(CROPS[u["former_district"]])
        return f"Dự án liên kết sản xuất {crop} thôn {v}", cost, True, r.random() < 0.5, 2 if cost > 2000 else 1
    if k == "education":
        cost = round(r.uniform(150, 1200))
        name = r.choice([f"Thiết bị dạy học Trường Tiểu học {cn}",
                         f"Đào tạo nghề cho lao động nông thôn xã {cn}"])
        return name, cost, True, False, 1
    if k == "health":
        return (f"Trạm y tế xã {cn}, điểm trạm thôn {v}", round(r.uniform(2000, 5000)),
                False, False, 2)
    if k == "environment":
        cost = round(r.uniform(200, 2000))
        name = r.choice([f"Điểm tập kết rác thải thôn {v}", f"Rãnh thoát nước thôn {v}",
                         f"Nghĩa trang nhân dân thôn {v}", f"Cây xanh, đường hoa thôn {v}"])
        return name, cost, True, True, 1
    if k == "water":
        cost = round(r.uniform(500, 4500))
        return f"Công trình cấp nước sinh hoạt tập trung thôn {v}", cost, r.random() < 0.5, True, \
            2 if cost > 2500 else 1
    if k == "security":
        cost = round(r.uniform(100, 600))
        name = r.choice([f"Hệ thống camera an ninh thôn {v}", f"Nhà trực ban dân quân xã {cn}"])
        return name, cost, True, False, 1
    if k == "planning":
        return f"Quy hoạch chi tiết khu trung tâm xã {cn}", round(r.uniform(150, 600)), True, False, 1
    raise ValueError(k)


def generate_works(r, units, cal):
    xa = [u for u in units if u["unit_type"] == "Xã"]
    def share(u):
        n = sum(p["fraction"] for p in u["parts"] if p["kind"] == "Xã") \
            + 0.5 * sum(1 for p in u["parts"] if p["kind"] != "Xã")
        return n * (1.25 if u["status"] in ("none", "target") else 1.0) \
            * (1.15 if u["region"] == 3 else 1.0)
    s = sum(share(u) for u in xa)
    works = []
    for u in xa:
        goal = cal["need_target"] * share(u) / s
        below = u["status"] in ("none", "target")
        mix = MIX_BELOW if below else MIX_STANDARD
        cats, wts = zip(*sorted(mix.items()))
        vs = villages(r, u)
        cn = bare(u["name"])
        # Every merged xã needs a new general plan first (quy hoạch chung), by 2027.
        mine = [{"commune": u["code"], "category": "planning",
                 "name": f"Quy hoạch chung xã {cn} đến năm 2035 (sau sắp xếp)",
                 "cost": round(r.uniform(600, 1500)), "benefit": "", "required": 0,
                 "community_buildable": 0, "divisible": 1, "duration": 1,
                 "start_from": "", "finish_by": "2027"}]
        names = {mine[0]["name"]}
        total = mine[0]["cost"]
        while total < goal:
            k = r.choices(cats, weights=wts)[0]
            for _ in range(20):
                name, cost, divisible, simple, duration = make_work(r, u, k, vs)
                if name not in names:
                    break
            else:
                name = f"{name} (giai đoạn 2)"
            names.add(name)
            cost = max(cost, 20)
            benefit = ""
            if r.random() < 0.15:
                benefit = str(round(cost * r.uniform(0.6, 1.8)))
            buildable = 1 if (simple and cost < COMMUNITY_LIMIT and r.random() < 0.8) else 0
            w = {"commune": u["code"], "category": k, "name": name, "cost": cost,
                 "benefit": benefit, "required": 0, "community_buildable": buildable,
                 "divisible": 1 if divisible else 0, "duration": duration,
                 "start_from": "", "finish_by": ""}
            x = r.random()
            if x < 0.12:
                # Waits for the new general plan or for land clearance.
                w["start_from"] = str(r.choice([2027, 2027, 2028]))
            elif x < 0.20 and k in ("school", "health", "water", "culture"):
                # Tied to a deadline (a school year, a health-station point, …).
                w["finish_by"] = str(min(2030, 2026 + duration - 1 + r.randint(0, 2)))
            mine.append(w)
            total += cost
        if below:
            by = int(u["standard_by"]) if u["standard_by"] else PERIODS[-1]
            def completes(w):
                start = int(w["start_from"]) if w["start_from"] else PERIODS[0]
                return start + w["duration"] - 1 <= by
            want = (3 if u["status"] == "target" else 4) + (CRITERIA_TOTAL - u["criteria_met"])
            mine[0]["required"] = 1
            cand = [w for w in mine[1:] if w["category"] in REQUIRED_CATEGORIES and completes(w)]
            r.shuffle(cand)
            for w in cand[:want - 1]:
                w["required"] = 1
        works.extend(mine)
    for i, w in enumerate(works, 1):
        w["id"] = f"w{i:04d}"
        w["provenance"] = "generated"
    return works


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([row[h] for h in header])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def budget_map(values):
    return "{" + ", ".join(f"{y}: {v}" for y, v in zip(PERIODS, values)) + "}"


def write_scenario(path, cal):
    b = cal["budget"]
    lines = [
        "# Generated by generate.py (seeded); edit the generator, not this file.",
        "# Money in million VND. Budgets per year: see data/calibration.md.",
        'name: "Lạng Sơn 2026–2030, base"',
        "notes: >-",
        "  Works, budgets and capacities are generated; units and codes are real.",
        "  Real: the 65 units, their codes, names and former districts (Resolution",
        "  1672/NQ-UBTVQH15, GSO letter 1027/CTK-CSCL) and which 16 have no ĐBKK village.",
        "  Border units follow the 2021–2025 border communes (9 named in sources, 11 assumed).",
        "  ĐBKK villages per unit, regions, statuses and criteria are assumed or generated,",
        "  calibrated on the public facts in README.md and data/calibration.md.",
        "mode: lp",
        f"periods: [{', '.join(str(p) for p in PERIODS)}]",
        f"discount_rate: {DISCOUNT_RATE}",
        f"criteria_total: {CRITERIA_TOTAL}",
        "report: {group_by: former_district}",
        "communes: data/communes.csv",
        "works: data/works.csv",
        "weights: weights/balanced.yaml",
        "rules:",
    ]
    for k, v in RULES.items():
        lines.append(f"  {k}: {v}")
    lines.append(f"  commune_cap: {int(cal['commune_cap'])}")
    lines += [
        "baseline:",
        "  # 2026–2030 allocation of the merged programme's central money (model.md §8.3):",
        "  # region III, safe-zone or border commune 50, region II 40, region I 30, others 25,",
        "  # plus 1 per especially difficult village; a commune takes its highest class.",
        "  coefficients:",
        "    - {when: {region: 3}, value: 50, plus: [{column: dbkk_villages, times: 1}]}",
        "    - {when: {border: 1}, value: 50, plus: [{column: dbkk_villages, times: 1}]}",
        "    - {when: {region: 2}, value: 40, plus: [{column: dbkk_villages, times: 1}]}",
        "    - {when: {region: 1}, value: 30, plus: [{column: dbkk_villages, times: 1}]}",
        "  default: 25",
        "sources:",
        "  - id: ntp-central",
        '    name: "NSTW – CTMTQG xây dựng NTM, giảm nghèo bền vững và phát triển vùng DTTS&MN 2026–2035"',
        "    kind: central",
        "    scope: pooled",
        f"    budget: {budget_map(b['ntp-central'])}",
        f"    carry_over: {CARRY_OVER}",
        "  - id: province-counterpart",
        '    name: "Ngân sách tỉnh đối ứng"',
        "    kind: local_budget",
        "    scope: pooled",
        f"    budget: {budget_map(b['province-counterpart'])}",
        f"    carry_over: {CARRY_OVER}",
        "  - id: commune-budget",
        '    name: "Ngân sách xã"',
        "    kind: local_budget",
        "    scope: local",
        "    capacity_column: commune_budget",
        "  - id: integrated",
        '    name: "Lồng ghép vốn các chương trình, dự án khác trên địa bàn"',
        "    kind: integrated",
        "    scope: pooled",
        f"    budget: {budget_map(b['integrated'])}",
        "    eligible:",
        "      categories: [transport, irrigation, electricity, school, culture, health, water, education, ict, environment]",
        "  - id: credit",
        '    name: "Vốn tín dụng chính sách (NHCSXH)"',
        "    kind: credit",
        "    scope: pooled",
        f"    budget: {budget_map(b['credit'])}",
        "    cost: 0.05",
        "    max_share: 0.7",
        "    eligible:",
        "      categories: [production, commerce, housing]",
        "  - id: enterprise",
        '    name: "Vốn doanh nghiệp, hợp tác xã"',
        "    kind: enterprise",
        "    scope: pooled",
        f"    budget: {budget_map(b['enterprise'])}",
        "    eligible:",
        "      categories: [production, commerce, electricity, ict]",
        "  - id: people",
        '    name: "Nhân dân đóng góp (tiền)"',
        "    kind: people",
        "    scope: local",
        "    capacity_column: people_cash",
        "  - id: labour",
        '    name: "Ngày công lao động của Nhân dân"',
        "    kind: labour",
        "    scope: local",
        "    capacity_column: labour_days",
        f"    unit_value: {LABOUR_DAY_VALUE}",
        "    max_share: 0.5",
        "    eligible:",
        "      categories: [transport, irrigation, culture, environment, water]",
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")


def bn(x):
    return f"{x / 1000:,.1f}"


def write_calibration(path, cal, units, works, seed, below_mean19, below_mean):
    years = len(PERIODS)
    need = sum(w["cost"] for w in works)
    people_y = sum(u["people_cash"] for u in units)
    labour_y = sum(u["labour_days"] for u in units)
    commune_y = sum(u["commune_budget"] for u in units)
    b = cal["budget"]
    out = [
        "# Budget calibration 2026–2030 (written by generate.py)",
        "",
        f"Seed {seed}. Money in million VND; bn = billion VND (tỷ đồng); national figures",
        "in thousand billion VND. Every step is an assumption unless marked FACT.",
        "",
        "## 1. Central money of the merged programme (ntp-central)",
        "",
        "- FACT: national central money for the merged programme 2026–2030 is about",
        f"  {NATIONAL_CENTRAL_2026_2030:.0f} (70 investment, 30 recurrent), half of 2021–2025; {NATIONAL_CENTRAL_2026:.0f} of it in 2026.",
        "- The 2021–2025 scenario gave the works of its communes 1,031,000 (ntm-central) +",
        "  470,000 (integrated-dtts: the ethnic-minority and poverty programmes) = "
        f"{CENTRAL_FOR_WORKS_2021_2025:,} of central programme money;",
        "  these three programmes are now one.",
        f"- ASSUMED: Lạng Sơn's share of the national total is unchanged, so this halves:",
        f"  {CENTRAL_FOR_WORKS_2021_2025:,} × {NATIONAL_CENTRAL_2026_2030:.0f}/{NATIONAL_CENTRAL_2021_2025:.0f} = "
        f"**{cal['central']:,}** (rounded to whole billions).",
        f"- Yearly profile as the national one: 2026 = {NATIONAL_CENTRAL_2026:.0f}/{NATIONAL_CENTRAL_2026_2030:.0f} = "
        f"{cal['profile'][0]:.0%}; the rest equally over 2027–2030 ({cal['profile'][1]:.2%} each);",
        "  whole billions, the rounding remainder in 2030.",
        "",
        "## 2. The other sources, from the national 2026–2030 mix",
        "",
        f"- Local budget L = {LOCAL_OF_CENTRAL} × central = {cal['local']:,.0f}. ASSUMED: nationally local",
        f"  budgets put in {NATIONAL_LOCAL:.0f} against {NATIONAL_CENTRAL_2026_2030:.0f} central (3.0×), but Lạng Sơn is a",
        f"  transfer-dependent province whose 2021–2025 counterpart was 927/3,638 = {LANGSON_LOCAL_OF_CENTRAL_2021_2025:.3f}×;",
        "  Decree 358/2025/NĐ-CP asks for \"no less than the counterpart level\" without a",
        f"  figure found, so L doubles the 2021–2025 ratio. {COMMUNE_OF_LOCAL:.0%} of L is commune budgets",
        f"  (local source, {commune_y:,}/year in all), the rest ({cal['provincial']:,}) the provincial",
        "  counterpart, with the central profile (counterpart follows the central money).",
        f"- Rule counterpart_ratio = {COUNTERPART_RATIO} per year (ASSUMED floor below the planned 0.5).",
        f"- Integrated = {NATIONAL_INTEGRATED:.0f}/({NATIONAL_CENTRAL_2026_2030:.0f}+{NATIONAL_LOCAL:.0f}) × (central + L) = "
        f"{NATIONAL_INTEGRATED / (NATIONAL_CENTRAL_2026_2030 + NATIONAL_LOCAL):.2f} × "
        f"{cal['central'] + cal['local']:,.0f} = **{cal['integrated']:,}** (national mix:",
        "  integrated from other programmes 360 against 400 of state budget), equal each year.",
        f"- Credit = {NATIONAL_CREDIT:.0f}/{NATIONAL_CENTRAL_2026_2030:.0f} × central = **{cal['credit']:,}** (national policy credit 23",
        "  against 100 central), equal each year; production, commerce, housing only.",
        f"- Enterprises + communities = 25 % of all money mobilised (FACT, national 261 of 1,044):",
        f"  {cal['enterprise_community']:,.0f} = (central + L + integrated + credit) × 25/75. Split enterprises :",
        "  people = 5 : 8 (national 2010–2020 mix); people's part 60 % cash, 40 % labour (ASSUMED).",
        f"  Enterprise **{cal['enterprise']:,}** (pooled, equal each year); people's cash {cal['people']:,.0f};",
        f"  labour {cal['labour']:,.0f} = {cal['labour'] / LABOUR_DAY_VALUE:,.0f} days × {LABOUR_DAY_VALUE} million (ASSUMED value of a day in 2026).",
        "- Local sources are capacities per year (model.md §7.1): the five-year totals above",
        "  are divided by 5 and spread over the 61 xã (the 4 phường have none).",
        "",
        "## 3. Yearly budgets (pooled sources)",
        "",
        "| source | " + " | ".join(str(p) for p in PERIODS) + " | total |",
        "|---|" + "---:|" * (years + 1),
    ]
    for sid, vals in b.items():
        out.append(f"| {sid} | " + " | ".join(f"{v:,}" for v in vals) + f" | {sum(vals):,} |")
    out += [
        f"| commune-budget (Σ capacity/year) | " + " | ".join(f"{commune_y:,}" for _ in PERIODS) + f" | {commune_y * years:,} |",
        f"| people (Σ capacity/year) | " + " | ".join(f"{people_y:,}" for _ in PERIODS) + f" | {people_y * years:,} |",
        f"| labour ({labour_y:,} days × {LABOUR_DAY_VALUE}/year) | " + " | ".join(f"{labour_y * LABOUR_DAY_VALUE:,.0f}" for _ in PERIODS) + f" | {labour_y * LABOUR_DAY_VALUE * years:,.0f} |",
    ]
    year_tot = [sum(b[s][t] for s in b) + commune_y + people_y + labour_y * LABOUR_DAY_VALUE for t in range(years)]
    grand = sum(year_tot)
    out += [
        "| **all sources** | " + " | ".join(f"**{v:,.0f}**" for v in year_tot) + f" | **{grand:,.0f}** |",
        "",
        "## 4. Total need",
        "",
        f"- Aim: available money ≈ {AVAILABLE_SHARE:.0%} of the need (as in 2021–2025), so the need aimed at is",
        f"  {cal['available']:,.0f} / {AVAILABLE_SHARE} = {cal['need_target']:,.0f}; it is spread over the 61 xã in",
        "  proportion to their former xã (thị trấn count half), ×1.25 below the standard, ×1.15 in",
        "  region III; each xã gets works until its need reaches its part.",
        f"- Total need N (Σ work costs): **{need:,}** = {bn(need)} bn for {len(works):,} works;",
        f"  available over five years {grand:,.0f} = {grand / need:.1%} of N.",
        "",
        "## 5. Carry-over (carry_over: 0.3 on ntp-central and province-counterpart)",
        "",
        "FACT (Law on Public Investment 2024, Art. 72): a year's capital may be disbursed",
        "until 31 January of the next year; capital added after 30 September until 31",
        "December of the next year; extensions to 31 December of the next year at the",
        "latest. In practice: in 2024, 25 of the 72 thousand billion of the three programmes",
        "(35 %) was money carried from earlier years; about 45 thousand billion moved from",
        "2025 into 2026. The law lets only an extended part reach the whole next year, so",
        "c = 0.3 (at most 30 % of a year's budget spent in the next year) is a cap close to",
        "that practice (35 %) but below it, since the extension is an exception. Both pooled",
        "public-investment sources carry (the law covers local capital too); the other",
        "pooled sources (integrated, credit, enterprise) do not, as they are not this",
        "programme's capital. Note: model.md §7 lets carried money be carried again within",
        "the cap of the next year; Art. 72 ends every extension on 31 December of the next",
        "year, so money should not move two years. With c = 0.3 the scenario does not rely",
        "on it, but the model allows it.",
        "",
        "## 6. Other parameters",
        "",
        f"- discount_rate {DISCOUNT_RATE} (ASSUMED): a work finished a year earlier is worth 3 % more; small",
        "  enough not to override the priorities of the weights.",
        f"- commune_cap {int(cal['commune_cap']):,} per xã and year = {COMMUNE_CAP_FACTOR} × average pooled state",
        "  money per year (central + counterpart + integrated) / 61 xã.",
        f"- standard_bonus of the weight profiles = {STANDARD_BONUS_FACTOR} × the 2021–2025 values (a new xã is about",
        "  three former ones).",
        f"- Criteria: mean of the xã below the standard in June 2025 = (15.21 × 175 − 106 × 19)/69",
        f"  = {below_mean19:.2f} of 19 = {below_mean:.2f} of 10; the generated non-standard xã keep that mean.",
        "",
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


def write_provenance(path, units, works, seed):
    def lst(us, extra=lambda u: ""):
        return ", ".join(f"{bare(u['name'])} ({u['code']}{extra(u)})" for u in us)
    xa = [u for u in units if u["unit_type"] == "Xã"]
    st = Counter(u["status"] for u in xa)
    spans = [u for u in units if len(u["districts"]) > 1]
    mean = sum(u["criteria_met"] for u in xa) / len(xa)
    out = [
        "# Provenance of the Lạng Sơn 2026–2030 data (written by generate.py)",
        "",
        f"Seed {seed}. REAL = public fact; DERIVED = computed from real data by a stated",
        "rule; ASSUMED = chosen where the facts give a count but no list; GENERATED = drawn",
        "by the seeded generator.",
        "",
        "## Units spanning two former districts (rule: the district of the former unit",
        "whose code the new unit carries)",
        "",
    ]
    for u in spans:
        keeper = [p for p in u["parts"] if p["code"] == u["code"]][0]
        out.append(f"- {u['name']} ({u['code']}): {', '.join(u['districts'])} → **{u['former_district']}** "
                   f"(code of {keeper['name']}).")
    out += [
        "",
        "## Border units",
        "",
    ]
    for u in units:
        if u["border"]:
            out.append(f"- {u['name']} ({u['code']}, {u['border_basis'].upper()}): from "
                       + ", ".join(f"{p['name']} ({p['code']}{', part' if p['fraction'] < 1 else ''})"
                                   for p in u["border_from"]) + ".")
    out += [
        "",
        "## Status on the 10-criteria set",
        "",
        f"- Xã: {len(xa)}; " + ", ".join(f"{k} {st[k]}" for k in ("none", "target", "standard", "advanced"))
        + f"; mean criteria met {mean:.2f} of 10.",
        f"- Standard or better: {st['standard'] + st['advanced']} = round(61 × 106/175); with the target communes "
        f"{st['standard'] + st['advanced'] + st['target']} = ⌈0.8 × 61⌉.",
        f"- Self-assessed after the merger (REAL: not at the standard; target and criteria ASSUMED): "
        + lst([u for u in xa if u["status_basis"] == "self-assessed"], lambda u: f", {u['criteria_met']}/10") + ".",
        f"- Advanced, from the named advanced NTM commune Chi Lăng (its only former xã): "
        + lst([u for u in xa if u["status_basis"] == "named"]) + "; advanced ASSUMED: "
        + lst([u for u in xa if u["status"] == "advanced" and u["status_basis"] != "named"]) + ".",
        "- Target, with standard_by: " + lst([u for u in xa if u["status"] == "target"],
                                             lambda u: f", {u['standard_by']}") + ".",
        "- None: " + lst([u for u in xa if u["status"] == "none"]) + ".",
        "- The 4 phường: status standard, criteria_met 10, no works, no local capacity (not NTM",
        "  communes; kept so that the map has all 65 units).",
        "",
        "## Region and ĐBKK villages",
        "",
        "- No ĐBKK village (REAL, 16 units): " + lst([u for u in units if u["dbkk_villages"] == 0]) + ".",
        "- Region III: " + lst([u for u in units if u["region"] == 3], lambda u: f", {u['dbkk_villages']}") + ".",
        "- Region II: " + lst([u for u in units if u["region"] == 2], lambda u: f", {u['dbkk_villages']}") + ".",
        "",
        "## Former xã not carried",
        "",
        "Five xã of the 2021–2025 list were merged into neighbours on 01/12/2024 and the",
        "source does not say into which (Vĩnh Tiến, Đồng Giáp, Tràng Các, Sơn Hà, Tĩnh Bắc):",
        "their generated 2021–2025 population is not counted in any 2025 unit.",
        "",
        "## Resulting counts",
        "",
        f"- Units {len(units)} (xã {len(xa)}, phường {len(units) - len(xa)}); region I/II/III: "
        + "/".join(str(sum(1 for u in units if u["region"] == k)) for k in (1, 2, 3))
        + f" (xã only: " + "/".join(str(sum(1 for u in xa if u["region"] == k)) for k in (1, 2, 3)) + ")",
        f"- ĐBKK villages: {sum(u['dbkk_villages'] for u in units)}; border units: {sum(u['border'] for u in units)} "
        f"({sum(1 for u in units if u['border_basis'] == 'real')} real, {sum(1 for u in units if u['border_basis'] == 'assumed')} assumed)",
        f"- Population: {sum(u['population'] for u in units):,}",
        f"- Works: {len(works)}; required: {sum(w['required'] for w in works)}; community-buildable: "
        f"{sum(w['community_buildable'] for w in works)}; indivisible: {sum(1 for w in works if not w['divisible'])}; "
        f"duration 1/2/3: " + "/".join(str(sum(1 for w in works if w['duration'] == d)) for d in (1, 2, 3))
        + f"; with start_from: {sum(1 for w in works if w['start_from'])}; with finish_by: "
        f"{sum(1 for w in works if w['finish_by'])}",
        "",
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    r = random.Random(args.seed)

    units, _ = read_units()
    if len(units) != N_UNITS or sum(1 for u in units if u["unit_type"] == "Xã") != N_XA:
        raise SystemExit("expected 65 units of which 61 xã")
    assign_border(units)
    assign_population(r, units)
    assign_villages_and_region(r, units)
    assign_status(r, units)
    below_mean19, below_mean = assign_criteria(r, units)
    cal = calibrate()
    assign_capacities(r, units, cal)
    works = generate_works(r, units, cal)

    data = os.path.join(HERE, "data")
    write_csv(os.path.join(data, "communes.csv"),
              ["code", "name", "unit_type", "former_district", "population", "especially_difficult",
               "border", "border_basis", "region", "dbkk_villages", "status", "criteria_met",
               "standard_by", "labour_days", "people_cash", "commune_budget"], units)
    write_csv(os.path.join(data, "works.csv"),
              ["id", "commune", "name", "category", "cost", "benefit", "required",
               "community_buildable", "divisible", "duration", "start_from", "finish_by",
               "provenance"], works)
    write_provenance(os.path.join(data, "PROVENANCE.md"), units, works, args.seed)
    write_calibration(os.path.join(data, "calibration.md"), cal, units, works, args.seed,
                      below_mean19, below_mean)
    write_scenario(os.path.join(HERE, "scenario.yaml"), cal)
    need = sum(w["cost"] for w in works)
    print(f"{len(units)} units, {len(works)} works, need {need:,} million VND")


if __name__ == "__main__":
    main()
