#!/usr/bin/env python3
"""Checks plan.xlsx against the CSV tables and summary.json of the same run, with openpyxl as an
independent reader (issue 9, item 2). Used by the Swift test XLSXExportTests; run by hand as

    .venv-test/bin/python scripts/check-xlsx.py OUT_FOLDER --lang vi [--labels labels.json] [--works works.csv]

OUT_FOLDER holds plan.xlsx, allocations.csv, communes.csv, sources.csv, summary.json and, for a
multi-year plan, sources-by-period.csv. labels.json (optional) maps the CSV's category, kind,
scope and status codes to the words the workbook shows: {"category": {"school": "Trường học"}, ...},
and gives the columns' titles: {"columns": {"need": "Nhu cầu", ...}} (money columns then get
the unit, "Nhu cầu (triệu đồng)"); XLSXExportTests writes it from the reports' vocabulary.

What is checked, for every sheet: the sheet order and names; the header row (the titles of
labels.json over the right columns, in the language asked for, bold); every cell against the CSV cell in the same row and column: text
stays text (codes keep their leading zeros), numbers are numbers equal to the CSV's value (exactly;
to 6 decimals where the CSV rounds), empty stays empty; each number's format (money #,##0.00,
shares 0.0%, prices #,##0.000, counts #,##0); the frozen header row (pane at A2); the autofilter over the whole
table; the header row repeated on printed pages; column widths that fit the content. The group
sheet is re-computed from communes.csv, the summary sheet compared with summary.json, the
required works not fully funded re-derived from the scenario's works.csv (--works) and the
funded shares of allocations.csv. Exits 1 with one line per failure.
"""
import argparse
import csv
import json
import os
import sys

import openpyxl
from openpyxl.utils import get_column_letter

MONEY, SHARE, PRICE, COUNT = "#,##0.00", "0.0%", "#,##0.000", "#,##0"

# CSV column -> kind of value: text (stored as text, as written), one of the number formats
# above, or a label kind (category, kind, scope, status, flag) shown as words. The grouping column
# that may lead allocations.csv and communes.csv (district, or report.group_by) is text.
COLUMNS = {
    "commune_code": "text", "commune_name": "text", "work_id": "text", "work_name": "text",
    "category": "category", "cost": MONEY, "funded_share": SHARE, "source_id": "text", "amount": MONEY,
    "period": "text", "work_start": "text", "work_finish": "text",
    "code": "text", "name": "text", "especially_difficult": "flag", "border": "flag", "priority": "flag",
    "status": "status", "criteria_met": COUNT, "need": MONEY, "funded": MONEY, "gap": MONEY,
    "funded_state": MONEY, "funded_community": MONEY, "funded_other": MONEY, "pooled_state": MONEY,
    "reaches_standard": "flag", "kind": "kind", "scope": "scope", "available": MONEY, "used": MONEY,
    "unused": MONEY, "shadow_price": PRICE, "price_valid_from": MONEY, "price_valid_to": MONEY,
    "budget": MONEY, "carried_in": MONEY, "carried_out": MONEY, "lapsed": MONEY,
}
SHEETS = {"summary": ("Tổng hợp", "Summary"), "allocations.csv": ("Phân bổ", "Allocations"),
          "communes.csv": ("Xã", "Communes"), "sources.csv": ("Nguồn vốn", "Sources"),
          "sources-by-period.csv": ("Theo năm", "By year")}
FLAGS = {"vi": {"1": "có", "0": "không"}, "en": {"1": "yes", "0": "no"}}
SUMMARY_FORMATS = {"objective": MONEY, "total_need": MONEY, "total_funded": MONEY, "funded_share": SHARE,
                   "works_fully_funded": COUNT, "works_partly_funded": COUNT,
                   "target_communes_with_required_works": COUNT, "target_communes_reaching_standard": COUNT,
                   "priority_state_share": SHARE, "pooled_state_used": MONEY, "labour_value_used": MONEY,
                   "labour_days_used": COUNT, "mip_gap": "0.0000%", "baseline_objective": MONEY,
                   "gain_over_baseline": MONEY, "baseline_total_funded": MONEY, "baseline_works_fully_funded": COUNT,
                   "baseline_target_communes_reaching_standard": COUNT}

UNITS = {"vi": "triệu đồng", "en": "million VND"}

failures = []


def fail(message):
    failures.append(message)


def column_title(column, lang, labels):
    """The header a CSV column gets: the title labels.json gives it (its "columns" map, from the
    reports' TableColumn), with the unit for money; None when labels.json gives none."""
    given = labels.get("columns", {}).get(column)
    if given is None:
        return None
    return f"{given} ({UNITS[lang]})" if COLUMNS[column] == MONEY else given


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# Columns PlanTables rounds to 6 decimals (NumberFormat.plain); every other number is written
# at full precision (the shortest decimal that reads back as the same double).
ROUNDED_COLUMNS = {"price_valid_from", "price_valid_to"}


def matches(column, text, value):
    """Whether value is the CSV's number: equal, or for a rounded column equal to 6 decimals."""
    expected = float(text)
    if column in ROUNDED_COLUMNS:
        return abs(expected - value) <= 5e-7 + 1e-15 * abs(expected)
    return expected == value


def check_layout(ws, rows, columns, where):
    """Frozen header, autofilter over the table, header bold, widths that fit."""
    if ws.freeze_panes != "A2":
        fail(f"{where}: frozen pane is {ws.freeze_panes}, not A2 (the header row)")
    expected_filter = f"A1:{get_column_letter(columns)}{rows}"
    if ws.auto_filter.ref != expected_filter:
        fail(f"{where}: autofilter {ws.auto_filter.ref}, expected {expected_filter}")
    if ws.print_title_rows != "$1:$1":
        fail(f"{where}: printed pages repeat {ws.print_title_rows}, not the header row")
    if ws.max_row != rows or ws.max_column != columns:
        fail(f"{where}: {ws.max_row} rows × {ws.max_column} columns, expected {rows} × {columns}")
    for column in range(1, columns + 1):
        letter = get_column_letter(column)
        if not ws.cell(1, column).font.b:
            fail(f"{where}: header {letter}1 is not bold")
        width = ws.column_dimensions[letter].width
        longest = max((len(str(ws.cell(r, column).value)) for r in range(2, rows + 1)
                       if isinstance(ws.cell(r, column).value, str)), default=0)
        if not (6 <= width <= 60) or width < min(longest, 58):
            fail(f"{where}: column {letter} is {width} wide for text of {longest} characters")


def check_table(wb_sheet, csv_name, folder, lang, labels):
    header, rows = read_csv(os.path.join(folder, csv_name))
    where = f"{wb_sheet.title} ({csv_name})"
    check_layout(wb_sheet, len(rows) + 1, len(header), where)
    for c, column in enumerate(header, start=1):
        title = wb_sheet.cell(1, c).value
        if c == 1 and column not in COLUMNS:  # the grouping column
            kind, expected_title = "text", expected_group_title(column, lang)
        else:
            kind, expected_title = COLUMNS[column], column_title(column, lang, labels)
        if not isinstance(title, str) or not title or (expected_title is not None and title != expected_title):
            fail(f"{where}: header {get_column_letter(c)}1 is {title!r}, expected {expected_title!r}")
        for r, row in enumerate(rows, start=2):
            text = row[c - 1]
            cell = wb_sheet.cell(r, c)
            ref = f"{where} {cell.coordinate} ({column})"
            if kind == "text" or kind in ("category", "kind", "scope", "status", "flag"):
                if kind == "flag":
                    expected = FLAGS[lang].get(text) if text else None
                elif kind != "text":
                    expected = labels.get(kind, {}).get(text, text) if text else None
                else:
                    expected = text if text else None
                if cell.value != expected:
                    fail(f"{ref}: {cell.value!r}, expected {expected!r} (CSV {text!r})")
                elif expected is not None and (cell.data_type != "s" or not isinstance(cell.value, str)):
                    fail(f"{ref}: stored as {cell.data_type}, not as text")
                continue
            # A number column.
            if text == "":
                if cell.value is not None:
                    fail(f"{ref}: {cell.value!r}, expected an empty cell")
            elif text in ("inf", "-inf"):
                if cell.value != ("∞" if text == "inf" else "-∞"):
                    fail(f"{ref}: {cell.value!r} for an infinite value")
            elif not is_number(cell.value):
                fail(f"{ref}: {cell.value!r} is not a number (CSV {text})")
            elif not matches(column, text, cell.value):
                fail(f"{ref}: {cell.value!r} differs from the CSV's {text}")
            elif cell.number_format != kind:
                fail(f"{ref}: number format {cell.number_format!r}, expected {kind!r}")


def check_groups(ws, folder, lang, labels):
    header, rows = read_csv(os.path.join(folder, "communes.csv"))
    figures = ["need", "funded", "gap", "funded_state", "funded_community", "funded_other", "pooled_state"]
    order, totals = [], {}
    for row in rows:
        record = dict(zip(header, row))
        group = row[0]
        if group not in totals:
            order.append(group)
            totals[group] = [0, [0.0] * len(figures)]
        totals[group][0] += 1
        totals[group][1] = [a + float(record[f]) for a, f in zip(totals[group][1], figures)]
    where = f"{ws.title} (by group)"
    check_layout(ws, len(order) + 1, 3 + len(figures), where)
    language = 0 if lang == "vi" else 1
    expected_header = ([ws.cell(1, 1).value, ("Số xã", "Communes")[language]]
                       + [column_title(f, lang, labels) for f in figures] + [column_title("funded_share", lang, labels)])
    actual_header = [ws.cell(1, c).value for c in range(1, 4 + len(figures))]
    if any(not isinstance(a, str) or not a or (e is not None and a != e) for a, e in zip(actual_header, expected_header)):
        fail(f"{where}: header {actual_header}, expected {expected_header}")
    if ws.cell(1, 1).value != expected_group_title(header[0], lang):
        fail(f"{where}: group column headed {ws.cell(1, 1).value!r}")
    for r, group in enumerate(order, start=2):
        count, sums = totals[group]
        cells = [ws.cell(r, c) for c in range(1, 4 + len(figures))]
        if cells[0].value != (group or None) or cells[0].data_type != "s" and group:
            fail(f"{where} row {r}: group {cells[0].value!r}, expected {group!r}")
        if cells[1].value != count or cells[1].number_format != COUNT:
            fail(f"{where} row {r}: {cells[1].value!r} communes ({cells[1].number_format}), expected {count}")
        for cell, value, name in zip(cells[2:], sums, figures):
            if not is_number(cell.value) or abs(cell.value - value) > 1e-6 * max(1.0, abs(value)) or cell.number_format != MONEY:
                fail(f"{where} {cell.coordinate} ({name}): {cell.value!r} ({cell.number_format}), expected {value}")
        share = sums[1] / sums[0] if sums[0] > 0 else 0
        cell = cells[-1]
        if not is_number(cell.value) or abs(cell.value - share) > 1e-9 or cell.number_format != SHARE:
            fail(f"{where} {cell.coordinate}: share {cell.value!r} ({cell.number_format}), expected {share}")


def expected_group_title(column, lang):
    language = 0 if lang == "vi" else 1
    if column == "district":
        return ("Huyện", "District")[language]
    if column.lower() == "former_district":
        return ("Huyện cũ", "Former district")[language]
    return column


def expected_group_sheet(column, lang):
    language = 0 if lang == "vi" else 1
    if column == "district":
        return ("Theo huyện", "By district")[language]
    if column.lower() == "former_district":
        return ("Theo huyện cũ", "By former district")[language]
    return (f"Theo {column}", f"By {column}")[language][:31]


def check_summary(ws, folder, lang):
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as handle:
        summary = json.load(handle)
    where = f"{ws.title} (summary)"
    check_layout(ws, ws.max_row, 3, where)
    keys = {}
    for r in range(2, ws.max_row + 1):
        label, cell, key = ws.cell(r, 1).value, ws.cell(r, 2), ws.cell(r, 3).value
        if not isinstance(label, str) or not label or not isinstance(key, str):
            fail(f"{where} row {r}: label {label!r}, key {key!r}")
            continue
        keys[key] = r
        if key == "notes":
            continue
        if key not in summary:
            fail(f"{where} row {r}: key {key} is not in summary.json")
            continue
        value = summary[key]
        if key == "scenario":
            ok = cell.value == value
        elif key == "mode":
            ok = cell.value == value.upper()
        elif key == "status":
            ok = isinstance(cell.value, str) and cell.value != ""
        elif value is None:
            ok = cell.value is None
        else:
            ok = is_number(cell.value) and abs(cell.value - value) <= 1e-9 * max(1.0, abs(value)) \
                and cell.number_format == SUMMARY_FORMATS[key]
        if not ok:
            fail(f"{where} {cell.coordinate} ({key}): {cell.value!r} ({cell.number_format}), summary.json has {value!r}")
    required = ["scenario", "mode", "status", "objective"]
    if summary.get("status") in ("optimal", "feasible", "time_limit"):
        required += ["total_need", "total_funded", "funded_share", "works_fully_funded", "target_communes_reaching_standard"]
    required += [key for key in ["baseline_objective", "gain_over_baseline"] if key in summary]
    for key in required:
        if key not in keys:
            fail(f"{where}: no row for {key}")


def check_unfunded(ws, folder, lang, labels, works_path):
    """Required works not fully funded: from works.csv's `required` and the funded shares of
    allocations.csv (a work without an allocation has 0), target communes from communes.csv.
    Without works.csv only the layout and the order are checked."""
    where = f"{ws.title} (required works not fully funded)"
    alloc_header, alloc_rows = read_csv(os.path.join(folder, "allocations.csv"))
    communes_header, communes_rows = read_csv(os.path.join(folder, "communes.csv"))
    grouped = communes_header[0] != "code"
    offset = 1 if grouped else 0
    columns = 8 + offset
    check_layout(ws, ws.max_row, columns, where)
    language = 0 if lang == "vi" else 1
    expected_header = ([expected_group_title(communes_header[0], lang)] if grouped else []) + [
        column_title("commune_code", lang, labels), column_title("commune_name", lang, labels),
        ("Xã phấn đấu đạt chuẩn", "Target commune")[language], column_title("work_id", lang, labels),
        column_title("work_name", lang, labels), column_title("category", lang, labels),
        column_title("cost", lang, labels), column_title("funded_share", lang, labels)]
    actual_header = [ws.cell(1, c).value for c in range(1, columns + 1)]
    if any(not isinstance(a, str) or not a or (e is not None and a != e) for a, e in zip(actual_header, expected_header)):
        fail(f"{where}: header {actual_header}, expected {expected_header}")
    rows = [[ws.cell(r, c) for c in range(1, columns + 1)] for r in range(2, ws.max_row + 1)]
    # Target communes first, then by decreasing cost.
    keys = [(cells[2 + offset].value != FLAGS[lang]["1"], -(cells[6 + offset].value or 0)) for cells in rows]
    if keys != sorted(keys):
        fail(f"{where}: rows are not target communes first, then by decreasing cost")
    for cells in rows:
        cost, share = cells[6 + offset], cells[7 + offset]
        if not is_number(cost.value) or cost.number_format != MONEY or not is_number(share.value) \
                or share.number_format != SHARE or share.value >= 1 - 1e-6:
            fail(f"{where} row {cost.row}: cost {cost.value!r} ({cost.number_format}), share {share.value!r} ({share.number_format})")
        if cells[offset].data_type != "s" or cells[2 + offset].value not in FLAGS[lang].values():
            fail(f"{where} row {cost.row}: code {cells[offset].value!r}, target {cells[2 + offset].value!r}")
    if works_path is None:
        return
    works_header, works_rows = read_csv(works_path)
    shares = {}
    for row in alloc_rows:
        record = dict(zip(alloc_header, row))
        shares[record["work_id"]] = float(record["funded_share"])
    target = {dict(zip(communes_header, row))["code"]: dict(zip(communes_header, row))["status"] == "target"
              for row in communes_rows}
    expected = {}
    for row in works_rows:
        record = dict(zip(works_header, row))
        if record.get("required", "0").strip() in ("1", "true", "yes") and shares.get(record["id"], 0.0) < 1 - 1e-6:
            expected[record["id"]] = (record["commune"], target[record["commune"]], float(record["cost"]),
                                      shares.get(record["id"], 0.0))
    actual = {cells[3 + offset].value: (cells[offset].value, cells[2 + offset].value == FLAGS[lang]["1"],
                                        cells[6 + offset].value, cells[7 + offset].value) for cells in rows}
    if actual != expected:
        fail(f"{where}: {actual}, expected from works.csv and allocations.csv {expected}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    parser.add_argument("--labels", help="JSON: category/kind/scope/status codes -> words")
    parser.add_argument("--works", help="the scenario's works.csv, to re-derive the required works not fully funded")
    args = parser.parse_args()
    labels = {}
    if args.labels:
        with open(args.labels, encoding="utf-8") as handle:
            labels = json.load(handle)
    language = 0 if args.lang == "vi" else 1
    wb = openpyxl.load_workbook(os.path.join(args.folder, "plan.xlsx"))
    expected = [("summary", SHEETS["summary"][language])]
    for name in ["allocations.csv", "communes.csv", "sources.csv"]:
        expected.append((name, SHEETS[name][language]))
    communes_header, _ = read_csv(os.path.join(args.folder, "communes.csv"))
    if communes_header[0] != "code":
        expected.append(("groups", expected_group_sheet(communes_header[0], args.lang)))
    expected.append(("unfunded", ("Bắt buộc chưa đủ vốn", "Required, not fully funded")[language]))
    if os.path.exists(os.path.join(args.folder, "sources-by-period.csv")):
        expected.append(("sources-by-period.csv", SHEETS["sources-by-period.csv"][language]))
    if wb.sheetnames != [title for _, title in expected]:
        fail(f"sheets {wb.sheetnames}, expected {[title for _, title in expected]}")
    else:
        for (table, _), ws in zip(expected, wb.worksheets):
            if table == "summary":
                check_summary(ws, args.folder, args.lang)
            elif table == "groups":
                check_groups(ws, args.folder, args.lang, labels)
            elif table == "unfunded":
                check_unfunded(ws, args.folder, args.lang, labels, args.works)
            else:
                check_table(ws, table, args.folder, args.lang, labels)
    cells = sum(ws.max_row * ws.max_column for ws in wb.worksheets)
    if failures:
        for message in failures[:50]:
            print(message)
        if len(failures) > 50:
            print(f"... and {len(failures) - 50} more")
        sys.exit(1)
    print(f"plan.xlsx matches: {len(wb.sheetnames)} sheets, {cells} cells checked")


if __name__ == "__main__":
    main()
