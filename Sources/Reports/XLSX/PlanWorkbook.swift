import Foundation
import Allocation

/// `plan.xlsx`: a plan's report (``PlanReport``) as one Excel workbook, for planners who work
/// in Excel (issue 9, item 2).
///
/// Sheets, in this order: the summary (the headline figures of summary.json, each row naming its
/// key), the allocations, the communes and the sources — column for column the CSV tables of
/// ``PlanTables``, in the same order, so the two can be checked against each other — then the
/// totals by group (district, or the `group_by` column: ``PlanReport/Grouping``) and, for a
/// multi-year plan, the sources by year (`sources-by-period.csv`).
///
/// Headers, sheet names and labels (categories, kinds, scopes, statuses, yes/no) are in the
/// report language. Amounts stay in million VND at full precision, shown with thousands
/// separators (which Excel draws in the reader's own locale); shares are percentages; codes,
/// ids and years are text, so "05986" keeps its leading zero.
public enum PlanWorkbook {
    /// The workbook's bytes (see ``workbook(for:language:)``).
    public static func data(for report: PlanReport, language: ReportLanguage) throws -> Data {
        try workbook(for: report, language: language).data()
    }

    /// The report mapped onto sheets.
    public static func workbook(for report: PlanReport, language: ReportLanguage) -> Spreadsheet.Workbook {
        var sheets = [summary(report, language), allocations(report, language), communes(report, language), sources(report, language)]
        if let byGroup = byGroup(report, language) { sheets.append(byGroup) }
        if report.scenario.isMultiYear { sheets.append(byYear(report, language)) }
        return Spreadsheet.Workbook(sheets: sheets)
    }

    // MARK: Sheets

    /// Label, value and summary.json key of each headline figure.
    static func summary(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let l = Labels.of(language)
        let million = Words.million.text(language)
        let outcome = report.outcome
        var rows: [[Spreadsheet.Cell]] = []
        func add(_ label: String, _ value: Spreadsheet.Cell, _ key: String) { rows.append([.text(label), value, .text(key)]) }
        add(l.scenario, .text(report.scenario.name), "scenario")
        if let notes = report.scenario.notes { add(Words.notes.text(language), .text(notes), "notes") }
        add(l.mode, .text(outcome.mode.rawValue.uppercased()), "mode")
        add(l.status, .text(StatusText.describe(outcome, language: language)), "status")
        add(l.objective, outcome.objective.map { .number($0, .twoDecimals) } ?? .empty, "objective")
        if outcome.mode == .mip { add(l.mipGap, outcome.mipGap.map { .number($0, gapFormat) } ?? .empty, "mip_gap") }
        if report.hasSolution {
            let t = report.totals
            add("\(l.totalNeed) (\(million))", .number(t.need, .twoDecimals), "total_need")
            add("\(l.totalFunded) (\(million))", .number(t.funded, .twoDecimals), "total_funded")
            add(l.fundedShare, .number(t.fundedShare, .percent), "funded_share")
            add(l.worksFullyFunded, .count(t.worksFullyFunded), "works_fully_funded")
            add(l.worksPartlyFunded, .count(t.worksPartlyFunded), "works_partly_funded")
            add(Words.targetWithRequired.text(language), .count(t.targetCommunesWithRequiredWorks), "target_communes_with_required_works")
            add(l.targetReaching, .count(t.targetCommunesReachingStandard), "target_communes_reaching_standard")
            add(l.priorityStateShare, t.priorityStateShare.map { .number($0, .percent) } ?? .empty, "priority_state_share")
            add("\(Words.pooledStateUsed.text(language)) (\(million))", .number(t.pooledStateUsed, .twoDecimals), "pooled_state_used")
            add("\(l.labourUsed) (\(million))", .number(t.labourValueUsed, .twoDecimals), "labour_value_used")
            add(l.labourDays, .number(t.labourDaysUsed, .integer), "labour_days_used")
        }
        return Spreadsheet.Sheet(name: Words.summarySheet.text(language),
                                 header: [Words.figure.text(language), Words.value.text(language), Words.key.text(language)], rows: rows)
    }

    /// allocations.csv as a sheet.
    static func allocations(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let grouping = report.scenario.grouping
        let million = Words.million.text(language)
        let multiYear = report.scenario.isMultiYear
        let rows = report.allocations.map { a -> [Spreadsheet.Cell] in
            var row: [Spreadsheet.Cell] = grouping.isGrouped ? [.text(a.group)] : []
            row += [.text(a.communeCode), .text(a.communeName), .text(a.workID), .text(a.workName ?? ""),
                    .text(Vocabulary.category(a.category, language)), .number(a.cost, .twoDecimals),
                    .number(a.fundedShare, .percent), .text(a.sourceID), .number(a.amount, .twoDecimals)]
            if multiYear { row += [a.period, a.workStart, a.workFinish].map { $0.map { .text($0) } ?? .empty } }
            return row
        }
        var header = grouping.title(language).map { [$0] } ?? []
        header += [Words.communeCode, Words.communeName, Words.workID, Words.workName, Words.category].map { $0.text(language) }
        header += ["\(Words.cost.text(language)) (\(million))", Words.fundedShare.text(language), Words.sourceID.text(language),
                   "\(Words.amount.text(language)) (\(million))"]
        if multiYear { header += [Words.year, Words.startYear, Words.finishYear].map { $0.text(language) } }
        return Spreadsheet.Sheet(name: Words.allocationsSheet.text(language), header: header, rows: rows)
    }

    /// communes.csv as a sheet.
    static func communes(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let grouping = report.scenario.grouping
        let million = Words.million.text(language)
        let rows = report.communes.map { c -> [Spreadsheet.Cell] in
            var row: [Spreadsheet.Cell] = grouping.isGrouped ? [.text(c.group)] : []
            row += [.text(c.code), .text(c.name), flag(c.especiallyDifficult, language), flag(c.border, language),
                    flag(c.priority, language), .text(c.status.term.text(language)), .count(c.criteriaMet),
                    .number(c.need, .twoDecimals), .number(c.funded, .twoDecimals), .number(c.gap, .twoDecimals),
                    .number(c.fromState, .twoDecimals), .number(c.fromCommunity, .twoDecimals),
                    .number(c.fromOther, .twoDecimals), .number(c.pooledState, .twoDecimals),
                    c.reachesStandard.map { flag($0, language) } ?? .empty]
            return row
        }
        let header = (grouping.title(language).map { [$0] } ?? [])
            + [Words.communeCode, Words.communeName, Words.especiallyDifficult, Words.border, Words.priority, Words.status,
               Words.criteriaMet].map { $0.text(language) }
            + [Words.need, Words.funded, Words.gap, Words.fromState, Words.fromCommunity, Words.fromOther, Words.pooledState]
                .map { "\($0.text(language)) (\(million))" }
            + [Words.reachesStandard.text(language)]
        return Spreadsheet.Sheet(name: Words.communesSheet.text(language), header: header, rows: rows)
    }

    /// sources.csv as a sheet.
    static func sources(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let million = Words.million.text(language)
        let rows = report.sources.map { s -> [Spreadsheet.Cell] in
            [.text(s.id), .text(s.name), .text(s.kind.term.text(language)), .text(s.scope.term.text(language)),
             .number(s.available, .twoDecimals), .number(s.used, .twoDecimals), .number(s.unused, .twoDecimals),
             s.shadowPrice.map { .number($0, .threeDecimals) } ?? .empty,
             s.shadowPriceRange.map { .number($0.lower, .twoDecimals) } ?? .empty,
             s.shadowPriceRange.map { .number($0.upper, .twoDecimals) } ?? .empty]
        }
        let header = [Words.sourceID, Words.sourceName, Words.kind, Words.scope].map { $0.text(language) }
            + [Words.available, Words.used, Words.unused].map { "\($0.text(language)) (\(million))" }
            + [Words.shadowPrice.text(language)]
            + [Words.priceFrom, Words.priceTo].map { "\($0.text(language)) (\(million))" }
        return Spreadsheet.Sheet(name: Words.sourcesSheet.text(language), header: header, rows: rows)
    }

    /// The report's groups (communes, need, funded, funded share, in the order groups first
    /// appear in communes.csv) with the gap and the money by kind summed over their communes;
    /// nil when the scenario has no grouping.
    static func byGroup(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet? {
        let grouping = report.scenario.grouping
        guard let title = grouping.title(language), let heading = grouping.heading(language) else { return nil }
        let million = Words.million.text(language)
        var sums: [String: [Double]] = [:]
        for c in report.communes {
            let figures = [c.gap, c.fromState, c.fromCommunity, c.fromOther, c.pooledState]
            sums[c.group] = zip(sums[c.group] ?? [0, 0, 0, 0, 0], figures).map { $0 + $1 }
        }
        let rows = report.groups.map { g -> [Spreadsheet.Cell] in
            [.text(g.label), .count(g.communes), .number(g.need, .twoDecimals), .number(g.funded, .twoDecimals)]
                + (sums[g.label] ?? [0, 0, 0, 0, 0]).map { .number($0, .twoDecimals) }
                + [.number(g.fundedShare, .percent)]
        }
        let header = [title, Words.communeCount.text(language)]
            + [Words.need, Words.funded, Words.gap, Words.fromState, Words.fromCommunity, Words.fromOther, Words.pooledState]
                .map { "\($0.text(language)) (\(million))" }
            + [Words.fundedShare.text(language)]
        return Spreadsheet.Sheet(name: heading, header: header, rows: rows)
    }

    /// sources-by-period.csv as a sheet (multi-year plans).
    static func byYear(_ report: PlanReport, _ language: ReportLanguage) -> Spreadsheet.Sheet {
        let million = Words.million.text(language)
        var rows: [[Spreadsheet.Cell]] = []
        for s in report.sources {
            for p in s.byPeriod {
                rows.append([.text(s.id), .text(p.period), .number(p.budget, .twoDecimals), .number(p.carriedIn, .twoDecimals),
                             .number(p.used, .twoDecimals), .number(p.carriedOut, .twoDecimals), .number(p.lapsed, .twoDecimals),
                             p.shadowPrice.map { .number($0, .threeDecimals) } ?? .empty])
            }
        }
        let header = [Words.sourceID.text(language), Words.year.text(language)]
            + [Words.budget, Words.carriedIn, Words.used, Words.carriedOut, Words.lapsed].map { "\($0.text(language)) (\(million))" }
            + [Words.shadowPrice.text(language)]
        return Spreadsheet.Sheet(name: Words.byYearSheet.text(language), header: header, rows: rows)
    }

    // MARK: Helpers

    /// A MIP gap is a small share: four decimals of a percent.
    static let gapFormat = Spreadsheet.Format(code: "0.0000%")

    /// "có"/"không" (vi), "yes"/"no" (en): a word a filter button lists, where the CSV has 1/0.
    static func flag(_ value: Bool, _ language: ReportLanguage) -> Spreadsheet.Cell {
        .text((value ? Words.yes : Words.no).text(language))
    }

    /// The workbook's words (headers and sheet names) in both languages.
    enum Words {
        static let million = Term(vi: "triệu đồng", en: "million VND")
        static let summarySheet = Term(vi: "Tổng hợp", en: "Summary")
        static let allocationsSheet = Term(vi: "Phân bổ", en: "Allocations")
        static let communesSheet = Term(vi: "Xã", en: "Communes")
        static let sourcesSheet = Term(vi: "Nguồn vốn", en: "Sources")
        static let byYearSheet = Term(vi: "Theo năm", en: "By year")
        static let figure = Term(vi: "Chỉ tiêu", en: "Figure")
        static let value = Term(vi: "Giá trị", en: "Value")
        static let key = Term(vi: "Khóa trong summary.json", en: "Key in summary.json")
        static let notes = Term(vi: "Nguồn dữ liệu", en: "About the data")
        static let targetWithRequired = Term(vi: "Xã phấn đấu đạt chuẩn có công trình bắt buộc",
                                             en: "Target communes with required works")
        static let pooledStateUsed = Term(vi: "Vốn nhà nước (chung) đã dùng", en: "Pooled state money used")
        static let communeCode = Term(vi: "Mã xã", en: "Commune code")
        static let communeName = Term(vi: "Tên xã", en: "Commune")
        static let communeCount = Term(vi: "Số xã", en: "Communes")
        static let workID = Term(vi: "Mã công trình", en: "Work id")
        static let workName = Term(vi: "Tên công trình", en: "Work name")
        static let category = Term(vi: "Lĩnh vực", en: "Category")
        static let cost = Term(vi: "Tổng mức", en: "Cost")
        static let fundedShare = Term(vi: "Tỷ lệ bố trí", en: "Funded share")
        static let sourceID = Term(vi: "Mã nguồn vốn", en: "Source id")
        static let sourceName = Term(vi: "Tên nguồn vốn", en: "Source")
        static let amount = Term(vi: "Số vốn", en: "Amount")
        static let year = Term(vi: "Năm", en: "Year")
        static let startYear = Term(vi: "Năm khởi công", en: "Start year")
        static let finishYear = Term(vi: "Năm hoàn thành", en: "Finish year")
        static let especiallyDifficult = Term(vi: "Xã đặc biệt khó khăn", en: "Especially difficult")
        static let border = Term(vi: "Xã biên giới", en: "Border")
        static let priority = Term(vi: "Xã ưu tiên", en: "Priority")
        static let status = Term(vi: "Trạng thái", en: "Status")
        static let criteriaMet = Term(vi: "Số tiêu chí đạt", en: "Criteria met")
        static let need = Term(vi: "Nhu cầu", en: "Need")
        static let funded = Term(vi: "Bố trí", en: "Funded")
        static let gap = Term(vi: "Còn thiếu", en: "Gap")
        static let fromState = Term(vi: "Vốn nhà nước", en: "State funds")
        static let fromCommunity = Term(vi: "Vốn cộng đồng", en: "Community funds")
        static let fromOther = Term(vi: "Vốn khác", en: "Other funds")
        static let pooledState = Term(vi: "Vốn nhà nước chung", en: "Pooled state funds")
        static let reachesStandard = Term(vi: "Đủ vốn để đạt chuẩn", en: "Reaches the standard")
        static let kind = Term(vi: "Loại nguồn", en: "Kind")
        static let scope = Term(vi: "Phạm vi", en: "Scope")
        static let available = Term(vi: "Khả năng", en: "Available")
        static let used = Term(vi: "Đã dùng", en: "Used")
        static let unused = Term(vi: "Chưa dùng", en: "Unused")
        static let shadowPrice = Term(vi: "Giá bóng (giá trị/1 triệu đồng)", en: "Shadow price (value per million)")
        static let priceFrom = Term(vi: "Giá bóng đúng từ mức", en: "Price holds from")
        static let priceTo = Term(vi: "Giá bóng đúng đến mức", en: "Price holds to")
        static let budget = Term(vi: "Dự toán", en: "Budget")
        static let carriedIn = Term(vi: "Chuyển từ năm trước", en: "Carried in")
        static let carriedOut = Term(vi: "Chuyển sang năm sau", en: "Carried out")
        static let lapsed = Term(vi: "Bị hủy", en: "Lapsed")
        static let yes = Term(vi: "có", en: "yes")
        static let no = Term(vi: "không", en: "no")
    }
}
