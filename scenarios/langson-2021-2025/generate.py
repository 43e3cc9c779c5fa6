#!/usr/bin/env python3
"""Generate the bundled Lạng Sơn 2021–2025 NTM scenario.

Reads the real commune list (data/source/units-2020-2024.csv) and writes:

  data/communes.csv     the 181 xã with real code/name/district and generated
                        or assumed flags, statuses and local capacities
  data/works.csv        about 1,800 generated candidate works
  data/PROVENANCE.md    which column is real and which is generated, and the
                        commune-by-commune list of real vs assumed flags
  data/calibration.md   how the budgets were derived from the total need
  scenario.yaml         the scenario (model.md §5), budgets from the calibration

Python 3 standard library only. Deterministic: the same seed gives the same
bytes. Run from anywhere:

    python3 scenarios/langson-2021-2025/generate.py [--seed 20210101]

Money is in million VND (triệu đồng) everywhere.
"""

import argparse
import csv
import io
import math
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "data", "source", "units-2020-2024.csv")
DEFAULT_SEED = 20210101

# --------------------------------------------------------------------------
# Real facts (see /work/shared/data/langson/README.md, quoted in README.md)
# --------------------------------------------------------------------------

N_STANDARD_2020 = 65          # communes at NTM standard (or better) by end 2020
N_ADVANCED_2020 = 7           # of which advanced NTM
N_TARGET = 50                 # 115 of 181 targeted by 2025 → 50 more
N_REGION_III = 88             # Decision 861/QĐ-TTg (2021)
N_BORDER = 20                 # border communes (plus the town Đồng Đăng)
MEAN_CRITERIA_2020 = 12.7     # average criteria met per commune, 2020

# Border communes named in the sources: (district, bare commune name).
BORDER_REAL = [
    ("Huyện Tràng Định", "Đào Viên"), ("Huyện Tràng Định", "Tân Minh"),
    ("Huyện Tràng Định", "Đội Cấn"), ("Huyện Tràng Định", "Quốc Khánh"),
    ("Huyện Cao Lộc", "Mẫu Sơn"), ("Huyện Cao Lộc", "Xuất Lễ"),
    ("Huyện Cao Lộc", "Cao Lâu"), ("Huyện Cao Lộc", "Thanh Lòa"),
    ("Huyện Cao Lộc", "Bảo Lâm"),
]
# ASSUMED: the other 11 border communes are in Văn Lãng, Lộc Bình and Đình Lập
# but not named in the sources found. Chosen by hand (communes lying along
# the frontier on the map), not at random, so that reruns with another seed
# keep the same border set.
BORDER_ASSUMED = [
    ("Huyện Văn Lãng", "Thanh Long"), ("Huyện Văn Lãng", "Thụy Hùng"),
    ("Huyện Văn Lãng", "Trùng Khánh"), ("Huyện Văn Lãng", "Tân Mỹ"),
    ("Huyện Văn Lãng", "Tân Thanh"),
    ("Huyện Lộc Bình", "Mẫu Sơn"), ("Huyện Lộc Bình", "Yên Khoái"),
    ("Huyện Lộc Bình", "Tú Mịch"), ("Huyện Lộc Bình", "Tam Gia"),
    ("Huyện Đình Lập", "Bắc Xa"), ("Huyện Đình Lập", "Bính Xá"),
]
# NTM communes named in the sources.
ADVANCED_REAL = [("Huyện Chi Lăng", "Chi Lăng"), ("Thành phố Lạng Sơn", "Hoàng Đồng")]
STANDARD_REAL = [
    ("Huyện Hữu Lũng", "Đồng Tân"), ("Huyện Bắc Sơn", "Đồng Ý"),
    ("Huyện Đình Lập", "Bính Xá"), ("Huyện Văn Lãng", "Hoàng Việt"),
]
# "Văn An (Văn Quan)" is also named as NTM before 2021, but no xã of that name
# exists in Văn Quan in the 2020–2024 list (it was merged away before 2020),
# so it is not used. TP Lạng Sơn's communes were all NTM by 2016 (real).
CITY = "Thành phố Lạng Sơn"

# --------------------------------------------------------------------------
# Assumptions (generated columns)
# --------------------------------------------------------------------------

LABOUR_DAY_VALUE = 0.25       # million VND per community labour day (ASSUMED)

# Relative chance of a district's commune being at standard by 2020 / being
# a target commune (lowland, near the city: higher; poor or remote: lower).
DEVELOPMENT = {
    "Huyện Hữu Lũng": 1.6, "Huyện Chi Lăng": 1.5, "Huyện Cao Lộc": 1.5,
    "Huyện Lộc Bình": 1.0, "Huyện Bắc Sơn": 1.1, "Huyện Văn Lãng": 0.9,
    "Huyện Tràng Định": 0.9, "Huyện Đình Lập": 0.6, "Huyện Văn Quan": 0.6,
    "Huyện Bình Gia": 0.45, CITY: 3.0,
}
# Relative chance of region III (poor districts Bình Gia and Văn Quan, and the
# remote Đình Lập, highest).
REMOTENESS = {
    "Huyện Bình Gia": 3.0, "Huyện Văn Quan": 2.6, "Huyện Đình Lập": 2.6,
    "Huyện Tràng Định": 1.6, "Huyện Văn Lãng": 1.6, "Huyện Lộc Bình": 1.4,
    "Huyện Bắc Sơn": 1.3, "Huyện Cao Lộc": 1.0, "Huyện Chi Lăng": 0.9,
    "Huyện Hữu Lũng": 0.8, CITY: 0.0,
}
POP_SCALE = {
    "Huyện Hữu Lũng": 1.35, "Huyện Cao Lộc": 1.1, "Huyện Chi Lăng": 1.1,
    "Huyện Lộc Bình": 1.05, "Huyện Bắc Sơn": 1.0, "Huyện Tràng Định": 0.9,
    "Huyện Văn Lãng": 0.95, "Huyện Văn Quan": 0.85, "Huyện Bình Gia": 0.8,
    "Huyện Đình Lập": 0.75, CITY: 1.5,
}

# Cost models per category (million VND). Each returns (cost, divisible?,
# simple?) where `simple` marks a small, simple-technique work.
# Unit costs anchored on the README: village cultural house 375, rural
# concrete road about 1,550 per km, household water loans up to 25.
def cost_transport(r):
    km = r.uniform(0.4, 4.2)                  # rural concrete road
    return round(km * r.uniform(1400, 1700)), True, km <= 2.5

def cost_irrigation(r):
    return round(r.uniform(250, 3500)), True, True

def cost_electricity(r):
    return round(r.uniform(400, 3500)), r.random() < 0.6, False

def cost_school(r):
    return round(r.uniform(1200, 7000)), r.random() < 0.4, False

def cost_culture(r):
    if r.random() < 0.75:                    # village cultural house
        return round(375 * r.uniform(0.85, 1.2)), False, True
    return round(r.uniform(2500, 4500)), False, False   # commune centre

def cost_commerce(r):
    return round(r.uniform(1500, 6000)), False, False   # rural market

def cost_ict(r):
    return round(r.uniform(80, 600)), True, False

def cost_housing(r):
    households = r.randint(8, 40)             # support for poor households
    return round(households * r.uniform(40, 60)), True, False

def cost_production(r):
    return round(r.uniform(300, 3000)), True, r.random() < 0.5

def cost_education(r):
    return round(r.uniform(150, 1200)), True, False

def cost_health(r):
    return round(r.uniform(2000, 5000)), False, False   # commune health station

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
# Category mix: communes below the standard still build basic
# infrastructure; communes at the standard upgrade and turn to production.
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
# Categories a work needed to reach the standard is drawn from.
REQUIRED_CATEGORIES = {
    "transport", "irrigation", "electricity", "school", "culture", "health",
    "water", "environment", "ict", "housing", "planning", "security",
}
COMMUNITY_LIMIT = 5000        # Decree 161/2016, 27/2022: under 5 billion VND

# Budget calibration (see data/calibration.md, written below).
AVAILABLE_SHARE = 0.65        # total available money / total need
SHARE_PEOPLE = 0.08           # national 2010–2020: people 8 %
SHARE_ENTERPRISE = 0.05       # national 2010–2020: enterprises 5 %
SHARE_LABOUR = 0.05           # ASSUMED (labour is not in the national mix)
CREDIT_OF_BANKABLE = 0.60     # credit covers 60 % of production/commerce/housing need
INTEGRATED_OF_STATE = 8 / 30  # national: 8 % integrated of the 30 % state
LOCAL_OF_CENTRAL = 927 / 3638 # Lạng Sơn NTPs 2021–2025: local ≈ 0.25 × central
COMMUNE_OF_LOCAL = 0.30       # commune budgets' part of all local budget (ASSUMED)
DISTRICT_OF_LOCAL = 0.10      # Hữu Lũng district budget's part (ASSUMED)
DISTRICT_POOL = "Huyện Hữu Lũng"

RULES = {
    "max_state_share": "{priority: 1.0, other: 0.8}",
    "min_community_share": "{priority: 0.0, other: 0.1}",
    "counterpart_ratio": "0.2",
    "priority_share_min": "0.6",
    "commune_floor": "0.1",
}
COMMUNE_CAP_FACTOR = 2.0      # cap = 2 × the average pooled state money per commune

# Work names (GENERATED): a pattern per category, filled with the commune's
# bare name or a village (thôn) name drawn from common Tày–Nùng place names of
# the province. Drawn with their own random stream (seeded from the seed), so
# every other column is the same as without names.
VILLAGES = [
    "Nà Lốc", "Bản Chu", "Khòn Pầu", "Pò Mò", "Nà Pàn", "Bản Cắm", "Khuổi Phầy",
    "Nà Thâm", "Pác Cáp", "Còn Chè", "Bản Nằm", "Nà Háng", "Khau Cải",
    "Pò Nhùng", "Nà Tèo", "Bản Rỵ", "Lũng Cải", "Nà Cạn", "Khuổi Luông",
    "Pò Đứa", "Bản Làng", "Nà Slảng", "Phai Lầu", "Khuổi Cáp", "Nà Lầm",
]
WORK_NAMES = {
    "transport": ["Đường giao thông thôn {v}", "Cứng hóa đường trục thôn {v}",
                  "Đường nội đồng thôn {v}", "Cầu tràn thôn {v}"],
    "irrigation": ["Kênh mương nội đồng thôn {v}", "Đập dâng thôn {v}",
                   "Hồ chứa nước thôn {v}"],
    "electricity": ["Đường dây hạ thế thôn {v}", "Trạm biến áp thôn {v}",
                    "Điện chiếu sáng trung tâm xã {x}"],
    "school": ["Trường tiểu học {x}", "Trường mầm non {x}",
               "Trường trung học cơ sở {x}", "Điểm trường thôn {v}"],
    "culture_small": ["Nhà văn hóa thôn {v}"],
    "culture": ["Trung tâm văn hóa – thể thao xã {x}"],
    "commerce": ["Chợ nông thôn xã {x}", "Chợ trung tâm xã {x}"],
    "ict": ["Hệ thống truyền thanh xã {x}", "Điểm bưu điện – văn hóa xã {x}"],
    "housing": ["Hỗ trợ nhà ở hộ nghèo xã {x}", "Xóa nhà tạm thôn {v}"],
    "production": ["Mô hình trồng hồi thôn {v}", "Mô hình chăn nuôi trâu thôn {v}",
                   "Vùng trồng na thôn {v}", "Mô hình trồng thạch đen thôn {v}",
                   "Nhà sơ chế nông sản HTX xã {x}"],
    "education": ["Trung tâm học tập cộng đồng xã {x}", "Thiết bị dạy học trường xã {x}"],
    "health": ["Trạm y tế xã {x}"],
    "environment": ["Điểm thu gom rác thải thôn {v}", "Nghĩa trang nhân dân xã {x}",
                    "Rãnh thoát nước thôn {v}"],
    "water": ["Công trình nước sinh hoạt tập trung thôn {v}", "Bể chứa nước sạch thôn {v}"],
    "security": ["Trụ sở công an xã {x}", "Nhà trực dân quân xã {x}"],
    "planning": ["Quy hoạch chung xã {x}", "Quy hoạch khu dân cư thôn {v}"],
}
NOTES = ("Lạng Sơn 2021–2025: 181 real communes (codes, names, districts, named "
         "border and NTM communes); works, their names, costs and the budgets are "
         "GENERATED (generate.py, seed {seed}), not the province's plan. "
         "Công trình, tên công trình, chi phí và ngân sách là số liệu giả lập.")


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def bare(name):
    """'Xã  Hoàng Văn Thụ' → 'hoàng văn thụ' (for matching only)."""
    n = " ".join(nfc(name).split())
    if n.startswith("Xã "):
        n = n[3:]
    return n.casefold()


def weighted_sample(r, items, weight, k):
    """k distinct items, chance ∝ weight (Efraimidis–Spirakis keys)."""
    keyed = []
    for it in items:
        w = weight(it)
        if w <= 0:
            continue
        keyed.append((r.random() ** (1.0 / w), it["code"], it))
    keyed.sort(key=lambda t: (-t[0], t[1]))
    if len(keyed) < k:
        raise SystemExit("weighted_sample: not enough candidates")
    return [t[2] for t in keyed[:k]]


def find(communes, district, name):
    hits = [c for c in communes if c["district"] == district and bare(c["name"]) == bare(name)]
    if len(hits) != 1:
        raise SystemExit(f"named commune not found exactly once: {name} ({district})")
    return hits[0]


def read_communes():
    with open(SOURCE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for row in rows:
        if nfc(row["unit_type"]) != "Xã":
            continue
        out.append({"code": row["code"].strip(), "name": nfc(row["unit_name"]),
                    "district": nfc(row["district"])})
    out.sort(key=lambda c: c["code"])
    return out


def assign_flags(r, communes):
    prov = {"border_real": [], "border_assumed": [], "status_real": [],
            "advanced_assumed": []}
    for c in communes:
        c["border"] = 0
        c["especially_difficult"] = 0
        c["status"] = None
    for d, n in BORDER_REAL:
        c = find(communes, d, n); c["border"] = 1; prov["border_real"].append(c)
    for d, n in BORDER_ASSUMED:
        c = find(communes, d, n); c["border"] = 1; prov["border_assumed"].append(c)
    assert sum(c["border"] for c in communes) == N_BORDER

    # Status at the start of the period (end 2020).
    for d, n in ADVANCED_REAL:
        c = find(communes, d, n); c["status"] = "advanced"; prov["status_real"].append(c)
    for d, n in STANDARD_REAL:
        c = find(communes, d, n); c["status"] = "standard"; prov["status_real"].append(c)
    for c in communes:                      # TP Lạng Sơn: all NTM by 2016
        if c["district"] == CITY and c["status"] is None:
            c["status"] = "standard"; prov["status_real"].append(c)
    # About 7 of the 20 border communes at standard by 2020 (9 by end 2021).
    border_std = sum(1 for c in communes if c["border"] and c["status"])
    free = [c for c in communes if c["status"] is None]
    picked = weighted_sample(r, [c for c in free if c["border"]],
                             lambda c: DEVELOPMENT[c["district"]], max(0, 7 - border_std))
    for c in picked:
        c["status"] = "standard"
    n_std = sum(1 for c in communes if c["status"])
    free = [c for c in communes if c["status"] is None and not c["border"]]
    for c in weighted_sample(r, free, lambda c: DEVELOPMENT[c["district"]] ** 2,
                             N_STANDARD_2020 - n_std):
        c["status"] = "standard"
    # Advanced: the two named ones plus five more at standard (ASSUMED),
    # preferring the city and the lowland districts.
    n_adv = sum(1 for c in communes if c["status"] == "advanced")
    named = {find(communes, d, n)["code"] for d, n in STANDARD_REAL}
    cands = [c for c in communes if c["status"] == "standard" and c["code"] not in named]
    for c in weighted_sample(r, cands, lambda c: DEVELOPMENT[c["district"]] ** 2,
                             N_ADVANCED_2020 - n_adv):
        c["status"] = "advanced"; prov["advanced_assumed"].append(c)
    # Target communes among the rest.
    rest = [c for c in communes if c["status"] is None]
    for c in weighted_sample(r, rest, lambda c: DEVELOPMENT[c["district"]], N_TARGET):
        c["status"] = "target"
    for c in communes:
        if c["status"] is None:
            c["status"] = "none"

    # Region III (ĐBKK): only among communes not yet at standard (Decision
    # 861's region III communes are those that have not met the standard).
    below = [c for c in communes if c["status"] in ("none", "target")]
    def remote(c):
        w = REMOTENESS[c["district"]]
        if c["border"]:
            w *= 2.0
        if c["status"] == "none":
            w *= 3.0
        return w
    for c in weighted_sample(r, below, remote, N_REGION_III):
        c["especially_difficult"] = 1
    return prov


def assign_criteria(r, communes):
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
    goal = round(MEAN_CRITERIA_2020 * len(communes))
    below = sorted(lo_hi)
    total = sum(c["criteria_met"] for c in communes)
    by_code = {c["code"]: c for c in communes}
    guard = 0
    while total != goal and guard < 100000:
        guard += 1
        c = by_code[r.choice(below)]
        lo, hi = lo_hi[c["code"]]
        step = 1 if total < goal else -1
        if lo <= c["criteria_met"] + step <= hi:
            c["criteria_met"] += step
            total += step


def assign_population(r, communes):
    for c in communes:
        p = 3100 * POP_SCALE[c["district"]] * math.exp(r.gauss(0, 0.35))
        c["population"] = int(min(12000, max(900, round(p, -1))))


def generate_works(r, communes):
    works = []
    for c in communes:
        below = c["status"] in ("none", "target")
        mix = MIX_BELOW if below else MIX_STANDARD
        cats, wts = zip(*sorted(mix.items()))
        n = r.randint(7, 13)
        mine = []
        for _ in range(n):
            k = r.choices(cats, weights=wts)[0]
            cost, divisible, simple = COST[k](r)
            cost = max(cost, 20)
            benefit = ""
            if r.random() < 0.15:            # spill-over or low use
                benefit = str(round(cost * r.uniform(0.6, 1.8)))
            buildable = 1 if (simple and cost < COMMUNITY_LIMIT and r.random() < 0.8) else 0
            mine.append({"commune": c["code"], "category": k, "cost": cost,
                         "benefit": benefit, "required": 0,
                         "community_buildable": buildable,
                         "divisible": 1 if divisible else 0})
        if below:
            # Works the commune needs to reach the standard: more for
            # communes further from it.
            want = 2 + (19 - c["criteria_met"]) // 4 if c["status"] == "target" \
                else 3 + (19 - c["criteria_met"]) // 4
            cand = [w for w in mine if w["category"] in REQUIRED_CATEGORIES]
            r.shuffle(cand)
            for w in cand[:want]:
                w["required"] = 1
        works.extend(mine)
    for i, w in enumerate(works, 1):
        w["id"] = f"w{i:04d}"
    return works


def assign_capacities(r, communes, works, cal):
    """Raw propensities, then scaled to the calibrated totals."""
    raw = {"labour": {}, "cash": {}, "budget": {}}
    for c in communes:
        pop = c["population"]
        poor = c["especially_difficult"]
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
        c["people_cash"] = int(cash[c["code"]])
        c["commune_budget"] = int(budget[c["code"]])


def calibrate(communes, works):
    need = sum(w["cost"] for w in works)
    bankable = sum(w["cost"] for w in works if w["category"] in ("production", "commerce", "housing"))
    hl_codes = {c["code"] for c in communes if c["district"] == DISTRICT_POOL}
    need_hl = sum(w["cost"] for w in works if w["commune"] in hl_codes)
    avail = AVAILABLE_SHARE * need
    cal = {"need": need, "bankable": bankable, "need_district": need_hl, "available": avail}
    cal["people"] = SHARE_PEOPLE * avail
    cal["enterprise"] = SHARE_ENTERPRISE * avail
    cal["labour"] = SHARE_LABOUR * avail
    cal["credit"] = CREDIT_OF_BANKABLE * bankable
    state = avail - cal["people"] - cal["enterprise"] - cal["labour"] - cal["credit"]
    cal["state"] = state
    cal["integrated"] = INTEGRATED_OF_STATE * state
    direct = state - cal["integrated"]
    cal["central"] = direct / (1 + LOCAL_OF_CENTRAL)
    local = direct - cal["central"]
    cal["local"] = local
    cal["commune_budget"] = COMMUNE_OF_LOCAL * local
    cal["district"] = DISTRICT_OF_LOCAL * local
    cal["provincial"] = local - cal["commune_budget"] - cal["district"]
    for k in ("people", "enterprise", "labour", "credit", "integrated", "central",
              "commune_budget", "district", "provincial"):
        cal[k] = float(round(cal[k], -3))     # whole billions of VND
    pooled_state = cal["central"] + cal["integrated"] + cal["provincial"] + cal["district"]
    cal["commune_cap"] = float(round(COMMUNE_CAP_FACTOR * pooled_state / len(communes), -2))
    return cal


def name_works(seed, communes, works):
    """Give every work a plausible Vietnamese name (GENERATED), unique in its commune."""
    r = random.Random(f"{seed}-names")
    by_code = {c["code"]: c for c in communes}
    taken = set()
    for w in works:
        c = by_code[w["commune"]]
        key = "culture_small" if w["category"] == "culture" and w["cost"] < 1000 else w["category"]
        for attempt in range(50):
            name = r.choice(WORK_NAMES[key]).format(v=r.choice(VILLAGES), x=bare_title(c["name"]))
            if (c["code"], name) not in taken:
                break
        else:
            n = 2
            while (c["code"], f"{name} (hạng mục {n})") in taken:
                n += 1
            name = f"{name} (hạng mục {n})"
        taken.add((c["code"], name))
        w["name"] = name


def bare_title(name):
    """'Xã  Hoàng Văn Thụ' → 'Hoàng Văn Thụ' (as written, spaces collapsed)."""
    n = " ".join(nfc(name).split())
    return n[3:] if n.startswith("Xã ") else n


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([row[h] for h in header])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def fmt(x):
    return f"{int(x)}" if float(x).is_integer() else f"{x}"


def write_scenario(path, cal, seed):
    lines = [
        "# Generated by generate.py (seeded); edit the generator, not this file.",
        "# Money in million VND. Budgets: see data/calibration.md.",
        'name: "Lạng Sơn 2021–2025, base"',
        f'notes: "{NOTES.format(seed=seed)}"',
        "mode: lp",
        "communes: data/communes.csv",
        "works: data/works.csv",
        "weights: weights/balanced.yaml",
        "rules:",
    ]
    for k, v in RULES.items():
        lines.append(f"  {k}: {v}")
    lines.append(f"  commune_cap: {fmt(cal['commune_cap'])}")
    lines += [
        'baseline:',
        '  # Decision 07/2022/QĐ-TTg: first matching rule wins (docs/model.md, "Baseline coefficients").',
        '  coefficients:',
        '    - {when: {especially_difficult: 1}, value: 0}   # funded by the ethnic-minority programme',
        '    - {when: {status: [standard, advanced, model]}, value: 1.0}',
        '    - {when: {criteria_met: {max: 14}}, value: 5.0}',
        '    - {when: {criteria_met: {min: 15}}, value: 3.0}',
        "sources:",
        "  - id: ntm-central",
        '    name: "NSTW – CTMTQG xây dựng nông thôn mới"',
        "    kind: central",
        "    scope: pooled",
        f"    budget: {fmt(cal['central'])}",
        "  - id: integrated-dtts",
        '    name: "Lồng ghép CTMTQG phát triển KT-XH vùng DTTS&MN và giảm nghèo bền vững"',
        "    kind: integrated",
        "    scope: pooled",
        f"    budget: {fmt(cal['integrated'])}",
        "    eligible:",
        "      communes: [especially_difficult, border]",
        "      categories: [transport, irrigation, electricity, school, culture, health, water, housing, production, education]",
        "  - id: province-budget",
        '    name: "Ngân sách tỉnh đối ứng"',
        "    kind: local_budget",
        "    scope: pooled",
        f"    budget: {fmt(cal['provincial'])}",
        "  - id: huulung-budget",
        '    name: "Ngân sách huyện Hữu Lũng"',
        "    kind: local_budget",
        "    scope: pooled",
        f"    budget: {fmt(cal['district'])}",
        "    eligible:",
        f'      districts: ["{DISTRICT_POOL}"]',
        "  - id: commune-budget",
        '    name: "Ngân sách xã"',
        "    kind: local_budget",
        "    scope: local",
        "    capacity_column: commune_budget",
        "  - id: credit",
        '    name: "Vốn tín dụng (NHCSXH, NHNo&PTNT)"',
        "    kind: credit",
        "    scope: pooled",
        f"    budget: {fmt(cal['credit'])}",
        "    cost: 0.05",
        "    max_share: 0.7",
        "    eligible:",
        "      categories: [production, commerce, housing]",
        "  - id: enterprise",
        '    name: "Vốn doanh nghiệp, hợp tác xã"',
        "    kind: enterprise",
        "    scope: pooled",
        f"    budget: {fmt(cal['enterprise'])}",
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


def write_calibration(path, cal, communes, seed):
    people = sum(c["people_cash"] for c in communes)
    labour_days = sum(c["labour_days"] for c in communes)
    commune_budget = sum(c["commune_budget"] for c in communes)
    rows = [
        ("ntm-central", "central, pooled", cal["central"], "central : all local budget = 3,638 : 927"),
        ("integrated-dtts", "integrated, pooled (ĐBKK + border)", cal["integrated"], "8/30 of state money (national 8 % integrated of 30 % state)"),
        ("province-budget", "local_budget, pooled", cal["provincial"], "local budget minus commune and district parts"),
        ("huulung-budget", "local_budget, pooled, Hữu Lũng only", cal["district"], f"{DISTRICT_OF_LOCAL:.0%} of local budget (assumed)"),
        ("commune-budget", "local_budget, local", commune_budget, f"{COMMUNE_OF_LOCAL:.0%} of local budget (assumed)"),
        ("credit", "credit, pooled, κ = 0.05", cal["credit"], f"{CREDIT_OF_BANKABLE:.0%} of production+commerce+housing need"),
        ("enterprise", "enterprise, pooled", cal["enterprise"], f"{SHARE_ENTERPRISE:.0%} of available (national 5 %)"),
        ("people", "people, local", people, f"{SHARE_PEOPLE:.0%} of available (national 8 %)"),
        ("labour", "labour, local", labour_days * LABOUR_DAY_VALUE, f"{SHARE_LABOUR:.0%} of available (assumed); {labour_days:,} days × {LABOUR_DAY_VALUE} million"),
    ]
    total = sum(r[2] for r in rows)
    out = [
        "# Budget calibration (written by generate.py)",
        "",
        f"Seed {seed}. Money in million VND; bn = billion VND (tỷ đồng).",
        "",
        f"- Total need N (Σ work costs): {cal['need']:,} million = {bn(cal['need'])} bn",
        f"- Need of production + commerce + housing works (bankable): {cal['bankable']:,} million",
        f"- Need in {DISTRICT_POOL}: {cal['need_district']:,} million",
        f"- Aim: total available ≈ {AVAILABLE_SHARE:.0%} of N = {round(cal['available']):,} million",
        f"- State money (central + integrated + all local budget) = available − credit − enterprise − people − labour = {round(cal['state']):,} million",
        "",
        "| source | kind, scope | million VND | bn | rule |",
        "|---|---|---:|---:|---|",
    ]
    for sid, kind, amount, rule in rows:
        out.append(f"| {sid} | {kind} | {amount:,.0f} | {bn(amount)} | {rule} |")
    out += [
        f"| **total** | | **{total:,.0f}** | **{bn(total)}** | **{total / cal['need']:.1%} of N** |",
        "",
        f"All local budget / central = {(cal['provincial'] + cal['district'] + commune_budget) / cal['central']:.3f} "
        f"(fact: 927 / 3,638 = {927 / 3638:.3f}).",
        f"State share of available = {(cal['central'] + cal['integrated'] + cal['provincial'] + cal['district'] + commune_budget) / total:.1%}.",
        f"commune_cap = {COMMUNE_CAP_FACTOR} × pooled state money / {len(communes)} communes = {cal['commune_cap']:,.0f} million.",
        "",
        "Pooled budgets are rounded to whole billions; local capacities are",
        "spread over the communes by population and status and rounded per",
        "commune, so their totals differ slightly from the aim.",
        "",
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


def write_provenance(path, communes, works, prov, seed):
    def lst(cs):
        return ", ".join(f"{c['name']} ({c['code']}, {c['district']})" for c in cs)
    from collections import Counter
    st = Counter(c["status"] for c in communes)
    mean = sum(c["criteria_met"] for c in communes) / len(communes)
    by_d = Counter(c["district"] for c in communes if c["especially_difficult"])
    out = [
        "# Provenance of the Lạng Sơn data (written by generate.py)",
        "",
        f"Seed {seed}. REAL = taken from the public facts; ASSUMED = chosen by",
        "hand where the facts give a count but no list; GENERATED = drawn by the",
        "seeded generator.",
        "",
        "## communes.csv",
        "",
        "| column | provenance |",
        "|---|---|",
        "| code | REAL: GSO code (from daohoangson/dvhcvn), leading zeros kept |",
        "| name | REAL: official name exactly as in the source list |",
        "| district | REAL: official district name as in the source list |",
        "| population | GENERATED (district-scaled log-normal, median ≈ 3,100) |",
        "| especially_difficult | GENERATED: 88 region III communes (real count, Decision 861/QĐ-TTg) drawn among communes not at standard, weighted to Bình Gia, Văn Quan, Đình Lập, border and `none` communes; the real list was not found |",
        "| border | REAL for 9 named communes; ASSUMED for 11 (see below) |",
        "| status | REAL for the named NTM communes below; GENERATED for the rest with real counts (65 at standard by 2020 of which 7 advanced, 50 target) |",
        "| criteria_met | GENERATED: 19 for standard/advanced; others drawn and adjusted so the mean is the real 12.7 |",
        f"| labour_days | GENERATED: community labour days available 2021–2025, ∝ population (×1.2 in region III), scaled to the calibrated total; valued at {LABOUR_DAY_VALUE} million VND/day (ASSUMED) |",
        "| people_cash | GENERATED: cash people can contribute 2021–2025 (million VND), ∝ population, lower in region III, higher at standard |",
        "| commune_budget | GENERATED: commune budget for NTM works 2021–2025 (million VND) |",
        "",
        "## works.csv",
        "",
        "Every row is GENERATED: ids, categories (model.md's standard set), costs",
        "(anchored on the real unit costs: village cultural house 375 million,",
        "rural concrete road ≈ 1,550 million/km), benefits (empty = cost for",
        "≈ 85 % of rows), `required` (works needed to reach the standard, only in",
        "communes with status none/target), `community_buildable` (simple works",
        "under 5,000 million, Decree 161/2016 and 27/2022) and `divisible`.",
        "`name` is GENERATED too: a pattern per category (\"Trường tiểu học …\",",
        "\"Nhà văn hóa thôn …\") filled with the commune's name or a village name",
        "drawn from common Tày–Nùng place names; no such work is known to exist.",
        "Names are drawn from their own random stream, so adding them left every",
        "other column byte-identical. The scenario's `notes:` says the same, and",
        "every report prints it at the top.",
        "",
        "## Named communes",
        "",
        f"- Border, REAL (named in sources): {lst(prov['border_real'])}.",
        f"- Border, ASSUMED (the 11 unnamed ones, chosen by hand in Văn Lãng, Lộc Bình, Đình Lập): {lst(prov['border_assumed'])}.",
        f"- Status, REAL: {lst(prov['status_real'])}.",
        f"- Advanced, ASSUMED (to reach the real count of 7): {lst(prov['advanced_assumed'])}.",
        "- Not used: \"Văn An (Văn Quan)\", named NTM before 2021, is not a xã of the 2020–2024 list.",
        "",
        "## Resulting counts",
        "",
        f"- Communes: {len(communes)}; status: " + ", ".join(f"{k} {st[k]}" for k in ("none", "target", "standard", "advanced")),
        f"- Region III: {sum(c['especially_difficult'] for c in communes)} (by district: " + ", ".join(f"{d} {n}" for d, n in sorted(by_d.items())) + ")",
        f"- Border: {sum(c['border'] for c in communes)}, of which at standard or better: {sum(1 for c in communes if c['border'] and c['status'] in ('standard', 'advanced'))}",
        f"- Mean criteria met: {mean:.2f}",
        f"- Works: {len(works)}; required: {sum(w['required'] for w in works)}; community-buildable: {sum(w['community_buildable'] for w in works)}; indivisible: {sum(1 for w in works if not w['divisible'])}; with a benefit: {sum(1 for w in works if w['benefit'])}",
        "",
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    r = random.Random(args.seed)

    communes = read_communes()
    if len(communes) != 181:
        raise SystemExit(f"expected 181 xã, found {len(communes)}")
    prov = assign_flags(r, communes)
    assign_criteria(r, communes)
    assign_population(r, communes)
    works = generate_works(r, communes)
    cal = calibrate(communes, works)
    assign_capacities(r, communes, works, cal)
    name_works(args.seed, communes, works)

    data = os.path.join(HERE, "data")
    write_csv(os.path.join(data, "communes.csv"),
              ["code", "name", "district", "population", "especially_difficult", "border",
               "status", "criteria_met", "labour_days", "people_cash", "commune_budget"],
              communes)
    write_csv(os.path.join(data, "works.csv"),
              ["id", "commune", "category", "cost", "benefit", "required",
               "community_buildable", "divisible", "name"], works)
    write_provenance(os.path.join(data, "PROVENANCE.md"), communes, works, prov, args.seed)
    write_calibration(os.path.join(data, "calibration.md"), cal, communes, args.seed)
    write_scenario(os.path.join(HERE, "scenario.yaml"), cal, args.seed)
    print(f"{len(communes)} communes, {len(works)} works, need {cal['need']:,} million VND")


if __name__ == "__main__":
    main()
