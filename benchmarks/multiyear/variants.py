#!/usr/bin/env python3
"""Write cross-check variants of a generated five-year province (stdlib only).

    python3 benchmarks/multiyear/variants.py DIR

DIR holds a scenario written by `generate_province.py --years …`. Next to it this writes:

- scenario-carry.yaml: the central source's whole five-year budget in the first year (0 after),
  `carry_over` 0.1, no discounting. The per-period rows (commune cap, counterpart, priority
  share) stop the first year from using it all, and the second year could use more than a
  tenth of it: money is carried and the carry-over cap binds;
- scenario-standard.yaml + communes-standard.csv: every target commune's `standard_by` is the
  second year, so the standard bonus depends on which required works are completed by then;
- scenario-mip.yaml: the base scenario with `mode: mip`.

Each is the generated YAML with lines replaced, so it reads exactly like the base one.
Prints the names written.
"""
import csv
import io
import re
import sys
from pathlib import Path


def budgets(line):
    return [(k, float(v)) for k, v in re.findall(r"(\w+): ([0-9.]+)", line.split("budget:", 1)[1])]


def main():
    d = Path(sys.argv[1])
    base = (d / "scenario.yaml").read_text(encoding="utf-8")
    lines = base.split("\n")
    periods = re.search(r"^periods: \[(.*)\]$", base, re.M)
    if not periods:
        raise SystemExit(f"{d}/scenario.yaml has no periods: generate it with --years")
    years = [y.strip() for y in periods.group(1).split(",")]

    # carry-over binding: the central source's money all in the first year
    out, in_central = [], False
    for ln in lines:
        if ln.startswith("  - id: "):
            in_central = ln.strip() == "- id: ntm-central"
        if in_central and ln.startswith("    budget: {"):
            total = sum(v for _, v in budgets(ln))
            ln = "    budget: {" + ", ".join(f"{y}: {total if i == 0 else 0:g}" for i, y in enumerate(years)) + "}"
        if in_central and ln.startswith("    carry_over:"):
            ln = "    carry_over: 0.1"
        if ln.startswith("discount_rate:"):
            ln = "discount_rate: 0"
        out.append(ln)
    (d / "scenario-carry.yaml").write_text("\n".join(out), encoding="utf-8")

    # standard_by early
    with open(d / "communes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0].keys())
    for r in rows:
        if r["status"] == "target":
            r["standard_by"] = years[min(1, len(years) - 1)]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (d / "communes-standard.csv").write_text(buf.getvalue(), encoding="utf-8")
    (d / "scenario-standard.yaml").write_text(
        base.replace("\ncommunes: communes.csv\n", "\ncommunes: communes-standard.csv\n", 1), encoding="utf-8")

    (d / "scenario-mip.yaml").write_text(base.replace("\nmode: lp\n", "\nmode: mip\n", 1), encoding="utf-8")
    print("scenario-carry.yaml scenario-standard.yaml scenario-mip.yaml")


if __name__ == "__main__":
    main()
