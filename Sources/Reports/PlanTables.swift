import Foundation
import Allocation

/// The allocation tables as CSV text (UTF-8 with a byte-order mark, header row, one value per
/// cell, amounts in million VND): `allocations.csv`, `communes.csv`, `sources.csv`. Amounts, costs, funded
/// shares and prices are written at full precision (shortest round-trip decimal), so a checker
/// can re-compute coverage and budgets from the files to 10⁻⁶ and better.
public enum PlanTables {
    /// The UTF-8 byte-order mark every CSV file starts with: without it Excel on Windows reads
    /// the file as Windows-1252 and shows "Xã" as "XÃ£".
    public static let byteOrderMark = "\u{FEFF}"

    /// Renders RFC 4180 CSV: a byte-order mark, comma-separated, a field quoted when it holds a
    /// comma, a quote, CR or LF (quotes doubled), LF line ends, a final newline. Codes stay plain
    /// text ("05986"), never ="05986" (which other readers take literally): README, "CSV and Excel".
    ///
    /// Written here rather than with CSV.swift's `CSVWriter` (which the project still uses to
    /// read CSV, and the tests use to re-read every export): that writer pushes one byte at a
    /// time through an `OutputStream`, which took 0.8 s for the tables of a 2,000-commune plan;
    /// this takes a few hundredths. Reading CSV stays with the library.
    static func csv(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark
        out.reserveCapacity(64 * (rows.count + 1))
        func append(_ row: [String]) {
            for (i, field) in row.enumerated() {
                if i > 0 { out.append(",") }
                if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                    out.append("\"")
                    out.append(field.replacingOccurrences(of: "\"", with: "\"\""))
                    out.append("\"")
                } else {
                    out.append(field)
                }
            }
            out.append("\n")
        }
        append(header)
        for row in rows { append(row) }
        return out
    }

    /// One row per positive x_{s,p}: district, commune code and name, work id and name (empty
    /// when works.csv has none), category, cost, funded share, source id, amount; in a multi-year
    /// plan also the period of the money and the work's start and finish. The first column is the
    /// grouping (``PlanReport/Grouping``): `district`, else the `group_by` column (headed by its
    /// name), else absent.
    public static func allocations(_ report: PlanReport) -> String {
        let grouping = report.scenario.grouping
        let multiYear = report.scenario.isMultiYear
        let rows = report.allocations.map { a -> [String] in
            (grouping.isGrouped ? [a.group] : [])
                + [a.communeCode, a.communeName, a.workID, a.workName ?? "", a.category,
                   NumberFormat.exact(a.cost), NumberFormat.exact(a.fundedShare), a.sourceID, NumberFormat.exact(a.amount)]
                + (multiYear ? [a.period ?? "", a.workStart ?? "", a.workFinish ?? ""] : [])
        }
        let header = (grouping.csvHeader.map { [$0] } ?? []) + allocationColumns(report).map(\.rawValue)
        return csv(header: header, rows: rows)
    }

    /// Multi-year plans (model.md §7.3): one row per pooled source and period — budget, carried
    /// in, used, carried out, lapsed, and the shadow price of that period's money.
    public static func sourcesByPeriod(_ report: PlanReport) -> String {
        var rows: [[String]] = []
        for source in report.sources {
            for p in source.byPeriod {
                rows.append([source.id, p.period, NumberFormat.exact(p.budget), NumberFormat.exact(p.carriedIn),
                             NumberFormat.exact(p.used), NumberFormat.exact(p.carriedOut), NumberFormat.exact(p.lapsed),
                             p.shadowPrice.map { NumberFormat.exact($0) } ?? ""])
            }
        }
        return csv(header: sourcePeriodColumns.map(\.rawValue), rows: rows)
    }

    /// One row per commune: flags, status, need, funded, gap, by source group, reaches standard;
    /// the first column is the grouping, as in ``allocations(_:)-(PlanReport)``.
    public static func communes(_ report: PlanReport) -> String {
        let grouping = report.scenario.grouping
        let rows = report.communes.map { c -> [String] in
            (grouping.isGrouped ? [c.group] : []) + [c.code, c.name, c.especiallyDifficult ? "1" : "0", c.border ? "1" : "0",
                    c.priority ? "1" : "0", c.status.rawValue, String(c.criteriaMet),
                    NumberFormat.exact(c.need), NumberFormat.exact(c.funded), NumberFormat.exact(c.gap),
                    NumberFormat.exact(c.fromState), NumberFormat.exact(c.fromCommunity),
                    NumberFormat.exact(c.fromOther), NumberFormat.exact(c.pooledState),
                    c.reachesStandard.map { $0 ? "1" : "0" } ?? ""]
        }
        return csv(header: (grouping.csvHeader.map { [$0] } ?? []) + communeColumns.map(\.rawValue), rows: rows)
    }

    /// One row per source: kind, scope, budget or total capacity, used, unused, shadow price
    /// (empty for local sources) and the budget range over which it holds.
    public static func sources(_ report: PlanReport) -> String {
        let rows = report.sources.map { s -> [String] in
            [s.id, s.name, s.kind.rawValue, s.scopeKeyword, NumberFormat.exact(s.available),
             NumberFormat.exact(s.used), NumberFormat.exact(s.unused),
             s.shadowPrice.map { NumberFormat.exact($0) } ?? "",
             s.shadowPriceRange.map { NumberFormat.plain($0.lower) } ?? "",
             s.shadowPriceRange.map { NumberFormat.plain($0.upper) } ?? ""]
        }
        return csv(header: sourceColumns.map(\.rawValue), rows: rows)
    }

    /// The columns of allocations.csv after the grouping column: the period columns only in a multi-year plan.
    public static func allocationColumns(_ report: PlanReport) -> [TableColumn] {
        [.communeCode, .communeName, .workID, .workName, .category, .cost, .fundedShare, .sourceID, .amount]
            + (report.scenario.isMultiYear ? [.period, .workStart, .workFinish] : [])
    }

    /// The columns of communes.csv after the grouping column.
    public static let communeColumns: [TableColumn] = [
        .code, .name, .especiallyDifficult, .border, .priority, .status, .criteriaMet, .need, .funded, .gap,
        .fundedState, .fundedCommunity, .fundedOther, .pooledState, .reachesStandard,
    ]

    /// The columns of sources.csv.
    public static let sourceColumns: [TableColumn] = [
        .sourceID, .name, .kind, .scope, .available, .used, .unused, .shadowPrice, .priceValidFrom, .priceValidTo,
    ]

    /// The columns of sources-by-period.csv.
    public static let sourcePeriodColumns: [TableColumn] = [
        .sourceID, .period, .budget, .carriedIn, .used, .carriedOut, .lapsed, .shadowPrice,
    ]

    /// `allocations.csv` of a bare plan.
    public static func allocations(_ plan: AllocationPlan) -> String { allocations(PlanReport(plan: plan)) }
    /// `sources-by-period.csv` of a bare plan.
    public static func sourcesByPeriod(_ plan: AllocationPlan) -> String { sourcesByPeriod(PlanReport(plan: plan)) }
    /// `communes.csv` of a bare plan.
    public static func communes(_ plan: AllocationPlan) -> String { communes(PlanReport(plan: plan)) }
    /// `sources.csv` of a bare plan.
    public static func sources(_ plan: AllocationPlan) -> String { sources(PlanReport(plan: plan)) }
}
