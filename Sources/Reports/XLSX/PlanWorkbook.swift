import Foundation
import Allocation

/// `plan.xlsx`: a plan's report (``PlanReport``) as one Excel workbook, for planners who work
/// in Excel (issue 9, item 2).
///
/// Sheets, in this order: the summary (the headline figures of summary.json, each row naming its
/// key), the allocations, the communes and the sources — the CSV tables of ``PlanTables``, with
/// the same columns (``TableColumn``) in the same order, so the two can be checked against each
/// other — then the totals by group (district, or the `group_by` column:
/// ``PlanReport/Grouping``), every required work not fully funded and, for a multi-year plan,
/// the sources by year (`sources-by-period.csv`).
///
/// Headers (the columns' titles, money ones with their unit), sheet names and labels
/// (categories, kinds, scopes, statuses, yes/no) are in the report language. Amounts stay in
/// million VND at full precision, shown with thousands separators (which Excel draws in the
/// reader's own locale); shares are percentages; codes, ids and years are text, so "05986" keeps
/// its leading zero.
public enum PlanWorkbook {
    /// The workbook's bytes (see ``workbook(for:language:)``).
    public static func data(for report: PlanReport, language: ReportLanguage) throws -> Data {
        try workbook(for: report, language: language).data()
    }

    /// The report mapped onto sheets.
    public static func workbook(for report: PlanReport, language: ReportLanguage) -> Spreadsheet.Workbook {
        let grouping = report.scenario.grouping
        let allocations = table(Words.allocationsSheet, grouping: grouping, columns: PlanTables.allocationColumns(report),
                                rows: report.allocations, group: \.group, language: language, value: value)
        let communes = table(Words.communesSheet, grouping: grouping, columns: PlanTables.communeColumns,
                             rows: report.communes, group: \.group, language: language, value: value)
        let sources = table(Words.sourcesSheet, grouping: .none, columns: PlanTables.sourceColumns,
                            rows: report.sources, group: \.id, language: language, value: value)
        var sheets = [summary(report, language), allocations, communes, sources]
        if let byGroup = byGroup(report, language) { sheets.append(byGroup) }
        sheets.append(unfundedRequired(report, language))
        if report.scenario.isMultiYear {
            let periods = report.sources.flatMap { source in source.byPeriod.map { (source.id, $0) } }
            sheets.append(table(Words.byYearSheet, grouping: .none, columns: PlanTables.sourcePeriodColumns,
                                rows: periods, group: { $0.0 }, language: language, value: value))
        }
        return Spreadsheet.Workbook(sheets: sheets)
    }

    // MARK: Sheets

    /// A table of the report as a sheet: the grouping column (when `grouping` has one) and
    /// `columns`, headed by their titles, each cell from `value`.
    static func table<Row>(_ name: Term, grouping: PlanReport.Grouping, columns: [TableColumn], rows: [Row],
                           group: (Row) -> String, language: ReportLanguage,
                           value: (TableColumn, Row, ReportLanguage) -> Spreadsheet.Cell) -> Spreadsheet.Sheet {
        let groupTitle = grouping.title(language)
        let header = (groupTitle.map { [$0] } ?? []) + columns.map { title($0, language) }
        let cells = rows.map { row in
            (groupTitle == nil ? [] : [.text(group(row))]) + columns.map { value($0, row, language) }
        }
        return Spreadsheet.Sheet(name: name.text(language), header: header, rows: cells)
    }

    /// Label, value and summary.json key of each headline figure.
    static func summary(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let l = Labels.of(language)
        let million = Words.million.text(language)
        let outcome = report.outcome
        var rows: [[Spreadsheet.Cell]] = []
        func add(_ label: String, _ value: Spreadsheet.Cell, _ key: String) { rows.append([.text(label), value, .text(key)]) }
        add(l[.scenario], .text(report.scenario.name), "scenario")
        if let notes = report.scenario.notes { add(Words.notes.text(language), .text(notes), "notes") }
        add(l[.mode], .text(outcome.mode.rawValue.uppercased()), "mode")
        add(l[.status], .text(StatusText.describe(outcome, language: language)), "status")
        add(l[.objective], outcome.objective.map { .number($0, .twoDecimals) } ?? .empty, "objective")
        if outcome.mode == .mip { add(l[.mipGap], outcome.mipGap.map { .number($0, gapFormat) } ?? .empty, "mip_gap") }
        if report.hasSolution {
            let t = report.totals
            add("\(l[.totalNeed]) (\(million))", .number(t.need, .twoDecimals), "total_need")
            add("\(l[.totalFunded]) (\(million))", .number(t.funded, .twoDecimals), "total_funded")
            add(l[.fundedShare], .number(t.fundedShare, .percent), "funded_share")
            add(l[.worksFullyFunded], .count(t.worksFullyFunded), "works_fully_funded")
            add(l[.worksPartlyFunded], .count(t.worksPartlyFunded), "works_partly_funded")
            add(Words.targetWithRequired.text(language), .count(t.targetCommunesWithRequiredWorks), "target_communes_with_required_works")
            add(l[.targetReaching], .count(t.targetCommunesReachingStandard), "target_communes_reaching_standard")
            add(l[.priorityStateShare], t.priorityStateShare.map { .number($0, .percent) } ?? .empty, "priority_state_share")
            add("\(Words.pooledStateUsed.text(language)) (\(million))", .number(t.pooledStateUsed, .twoDecimals), "pooled_state_used")
            add("\(l[.labourUsed]) (\(million))", .number(t.labourValueUsed, .twoDecimals), "labour_value_used")
            add(l[.labourDays], .number(t.labourDaysUsed, .integer), "labour_days_used")
        }
        if let b = report.baseline {
            // The status quo (model.md §6) beside the optimum, as summary.json has it.
            let quo = Words.statusQuo.text(language)
            add("\(quo): \(l[.objective].lowercasedFirst)", .number(b.statusQuo.objective, .twoDecimals), "baseline_objective")
            add(Words.gainOverStatusQuo.text(language), .number(b.gain, .twoDecimals), "gain_over_baseline")
            add("\(quo): \(l[.totalFunded].lowercasedFirst) (\(million))", .number(b.statusQuo.funded, .twoDecimals), "baseline_total_funded")
            add("\(quo): \(l[.worksFullyFunded].lowercasedFirst)", .count(b.statusQuo.worksFullyFunded), "baseline_works_fully_funded")
            add("\(quo): \(l[.targetReaching].lowercasedFirst)", .count(b.statusQuo.targetCommunesReachingStandard),
                "baseline_target_communes_reaching_standard")
        }
        return Spreadsheet.Sheet(name: Words.summarySheet.text(language),
                                 header: [Words.figure.text(language), Words.value.text(language), Words.key.text(language)], rows: rows)
    }

    /// The report's groups (communes, need, funded, funded share, in the order groups first
    /// appear in communes.csv) with the gap and the money by kind summed over their communes;
    /// nil when the scenario has no grouping.
    static func byGroup(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet? {
        let grouping = report.scenario.grouping
        guard let groupTitle = grouping.title(language), let heading = grouping.heading(language) else { return nil }
        let summed: [TableColumn] = [.gap, .fundedState, .fundedCommunity, .fundedOther, .pooledState]
        var sums: [String: [Double]] = [:]
        for c in report.communes {
            let figures = [c.gap, c.fromState, c.fromCommunity, c.fromOther, c.pooledState]
            sums[c.group] = zip(sums[c.group] ?? Array(repeating: 0, count: summed.count), figures).map { $0 + $1 }
        }
        let rows = report.groups.map { g -> [Spreadsheet.Cell] in
            [.text(g.label), .count(g.communes), .number(g.need, .twoDecimals), .number(g.funded, .twoDecimals)]
                + (sums[g.label] ?? Array(repeating: 0, count: summed.count)).map { .number($0, .twoDecimals) }
                + [.number(g.fundedShare, .percent)]
        }
        let header = [groupTitle, Labels.of(language)[.communes]]
            + ([.need, .funded] + summed + [.fundedShare]).map { title($0, language) }
        return Spreadsheet.Sheet(name: heading, header: header, rows: rows)
    }

    /// Every required work not fully funded (report.md lists the first 20): target communes
    /// first, then by decreasing cost; the header alone when there is none.
    static func unfundedRequired(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let grouping = report.scenario.grouping
        let columns: [TableColumn] = [.communeCode, .communeName, .workID, .workName, .category, .cost, .fundedShare]
        var header = grouping.title(language).map { [$0] } ?? []
        header += columns.prefix(2).map { title($0, language) } + [Words.targetCommune.text(language)]
            + columns.dropFirst(2).map { title($0, language) }
        let rows = report.unfundedRequiredWorks.map { w -> [Spreadsheet.Cell] in
            (grouping.isGrouped ? [.text(w.group)] : [])
                + [.text(w.communeCode), .text(w.communeName), flag(w.communeIsTarget, language), .text(w.workID),
                   .text(w.workName ?? ""), .text(Vocabulary.category(w.category, language)), number(w.cost, .cost),
                   number(w.fundedShare, .fundedShare)]
        }
        return Spreadsheet.Sheet(name: Words.unfundedRequiredSheet.text(language), header: header, rows: rows)
    }

    // MARK: Cells

    /// A column's title, with the unit for money ("Nhu cầu (triệu đồng)").
    static func title(_ column: TableColumn, _ language: ReportLanguage) -> String {
        column.valueKind == .money ? "\(column.title(in: language)) (\(Words.million.text(language)))" : column.title(in: language)
    }

    /// A number cell in the format of the column's kind of value.
    static func number(_ value: Double?, _ column: TableColumn) -> Spreadsheet.Cell {
        guard let value else { return .empty }
        switch column.valueKind {
        case .money: return .number(value, .twoDecimals)
        case .share: return .number(value, .percent)
        case .count: return .number(value, .integer)
        case .price: return .number(value, .threeDecimals)
        case .text, .flag, .period: return .number(value, .general)
        }
    }

    static func value(_ column: TableColumn, _ a: PlanReport.AllocationRow, _ language: ReportLanguage) -> Spreadsheet.Cell {
        switch column {
        case .communeCode: .text(a.communeCode)
        case .communeName: .text(a.communeName)
        case .workID: .text(a.workID)
        case .workName: .text(a.workName ?? "")
        case .category: .text(Vocabulary.category(a.category, language))
        case .cost: number(a.cost, column)
        case .fundedShare: number(a.fundedShare, column)
        case .sourceID: .text(a.sourceID)
        case .amount: number(a.amount, column)
        case .period: .text(a.period ?? "")
        case .workStart: .text(a.workStart ?? "")
        case .workFinish: .text(a.workFinish ?? "")
        default: .empty
        }
    }

    static func value(_ column: TableColumn, _ c: PlanReport.CommuneRow, _ language: ReportLanguage) -> Spreadsheet.Cell {
        switch column {
        case .code: .text(c.code)
        case .name: .text(c.name)
        case .especiallyDifficult: flag(c.especiallyDifficult, language)
        case .border: flag(c.border, language)
        case .priority: flag(c.priority, language)
        case .status: .text(c.status.term.text(language))
        case .criteriaMet: number(Double(c.criteriaMet), column)
        case .need: number(c.need, column)
        case .funded: number(c.funded, column)
        case .gap: number(c.gap, column)
        case .fundedState: number(c.fromState, column)
        case .fundedCommunity: number(c.fromCommunity, column)
        case .fundedOther: number(c.fromOther, column)
        case .pooledState: number(c.pooledState, column)
        case .reachesStandard: c.reachesStandard.map { flag($0, language) } ?? .empty
        default: .empty
        }
    }

    static func value(_ column: TableColumn, _ s: PlanReport.SourceRow, _ language: ReportLanguage) -> Spreadsheet.Cell {
        switch column {
        case .sourceID: .text(s.id)
        case .name: .text(s.name)
        case .kind: .text(s.kind.term.text(language))
        case .scope: .text(s.scope.term.text(language))
        case .available: number(s.available, column)
        case .used: number(s.used, column)
        case .unused: number(s.unused, column)
        case .shadowPrice: number(s.shadowPrice, column)
        case .priceValidFrom: number(s.shadowPriceRange?.lower, column)
        case .priceValidTo: number(s.shadowPriceRange?.upper, column)
        default: .empty
        }
    }

    static func value(_ column: TableColumn, _ row: (String, PlanReport.SourcePeriodRow), _ language: ReportLanguage) -> Spreadsheet.Cell {
        let p = row.1
        switch column {
        case .sourceID: return .text(row.0)
        case .period: return .text(p.period)
        case .budget: return number(p.budget, column)
        case .carriedIn: return number(p.carriedIn, column)
        case .used: return number(p.used, column)
        case .carriedOut: return number(p.carriedOut, column)
        case .lapsed: return number(p.lapsed, column)
        case .shadowPrice: return number(p.shadowPrice, column)
        default: return .empty
        }
    }

    /// A MIP gap is a small share: four decimals of a percent.
    static let gapFormat = Spreadsheet.Format(code: "0.0000%")

    /// "có"/"không" (vi), "yes"/"no" (en): a word a filter button lists, where the CSV has 1/0.
    static func flag(_ value: Bool, _ language: ReportLanguage) -> Spreadsheet.Cell {
        .text((value ? Words.yes : Words.no).text(language))
    }

    /// The workbook's own words (sheet names, the summary's headers and some of its labels) in
    /// both languages; the tables' headers are their ``TableColumn`` titles.
    enum Words {
        static let million = Term(vi: "triệu đồng", en: "million VND")
        static let summarySheet = Term(vi: "Tổng hợp", en: "Summary")
        static let allocationsSheet = Term(vi: "Phân bổ", en: "Allocations")
        static let communesSheet = Term(vi: "Xã", en: "Communes")
        static let sourcesSheet = Term(vi: "Nguồn vốn", en: "Sources")
        static let byYearSheet = Term(vi: "Theo năm", en: "By year")
        static let unfundedRequiredSheet = Term(vi: "Bắt buộc chưa đủ vốn", en: "Required, not fully funded")
        static let targetCommune = Term(vi: "Xã phấn đấu đạt chuẩn", en: "Target commune")
        static let figure = Term(vi: "Chỉ tiêu", en: "Figure")
        static let value = Term(vi: "Giá trị", en: "Value")
        static let key = Term(vi: "Khóa trong summary.json", en: "Key in summary.json")
        static let notes = Term(vi: "Nguồn dữ liệu", en: "About the data")
        static let targetWithRequired = Term(vi: "Xã phấn đấu đạt chuẩn có công trình bắt buộc",
                                             en: "Target communes with required works")
        static let pooledStateUsed = Term(vi: "Vốn nhà nước (chung) đã dùng", en: "Pooled state money used")
        static let statusQuo = Term(vi: "Cách phân bổ hiện hành", en: "Status quo")
        static let gainOverStatusQuo = Term(vi: "Giá trị mục tiêu tăng so với cách phân bổ hiện hành", en: "Objective gained over the status quo")
        static let yes = Term(vi: "có", en: "yes")
        static let no = Term(vi: "không", en: "no")
    }
}

private extension String {
    /// The text with its first letter in lower case, to follow a colon ("Status quo: total funded").
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
