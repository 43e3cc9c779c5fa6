#!/usr/bin/env python3
"""Compares the allocations.csv of several `solve` output folders with the first one.

For every (work, source, period) amount it prints how many differ by more than 1e-6 of the
work's cost K_p (the tolerance of docs/model.md §9) and the largest difference, relative to K_p.
Exit status 1 when any folder differs. Independent of ntm-alloc: reads only the CSV files.

    python3 benchmarks/tiebreak/agree.py REFERENCE_FOLDER OTHER_FOLDER...
"""
import csv
import sys


def amounts(folder):
    with open(folder + "/allocations.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    table, cost = {}, {}
    for r in rows:
        key = (r["work_id"], r["source_id"], r.get("period", ""))
        table[key] = table.get(key, 0.0) + float(r["amount"])
        cost[r["work_id"]] = float(r["cost"])
    return table, cost


def main():
    reference, cost = amounts(sys.argv[1])
    differs = False
    for other in sys.argv[2:]:
        table, other_cost = amounts(other)
        cost = {**other_cost, **cost}
        count, worst, where = 0, 0.0, ""
        for key in sorted(set(reference) | set(table)):
            d = abs(reference.get(key, 0.0) - table.get(key, 0.0)) / max(1.0, cost.get(key[0], 1.0))
            if d > 1e-6:
                count += 1
            if d > worst:
                worst, where = d, "/".join(k for k in key if k)
        differs = differs or count > 0
        print(f"{other}: {count} amounts differ by more than 1e-6·K_p; largest {worst:.1e}·K_p" + (f" at {where}" if worst > 0 else ""))
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
