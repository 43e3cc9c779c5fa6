import Allocation

/// How reports group communes (docs/model.md §8.1): by `district` when communes.csv has one, else
/// by the column named in `report: {group_by: COLUMN}` (e.g. `former_district` in a province
/// whose districts were abolished on 1 July 2025), else not at all.
///
/// ``PlanReport`` asks this one type, so report.md's section, the first column of the CSV tables
/// and the comparison tables always agree on the grouping.
struct CommuneGrouping {
    let scenario: Scenario

    init(_ scenario: Scenario) { self.scenario = scenario }

    /// The grouping as the report model records it.
    var kind: PlanReport.Grouping {
        if scenario.hasDistricts { return .district }
        guard let column = scenario.groupBy else { return .none }
        return column.lowercased() == "former_district" ? .formerDistrict(column: column) : .column(column)
    }

    /// The column's name in CSV headers: `district`, the `group_by` column, or nil (no grouping).
    var csvHeader: String? { kind.csvHeader }

    /// Whether communes are grouped at all.
    var isGrouped: Bool { csvHeader != nil }

    /// The commune's group ("" when it has no value in the grouping column).
    func label(of commune: Commune) -> String { scenario.groupLabel(of: commune) ?? "" }

    /// The column title in a Markdown table (see ``PlanReport/Grouping/title(_:)``).
    func title(_ language: ReportLanguage) -> String? { kind.title(language) }
}

extension PlanReport.Grouping {
    /// Whether communes are grouped at all.
    public var isGrouped: Bool { self != .none }

    /// The column title in a table: District / Huyện, Former district / Huyện cũ for
    /// `former_district`, otherwise the column's own name; nil without grouping.
    public func title(_ language: ReportLanguage) -> String? {
        switch self {
        case .none: nil
        case .district: Labels.of(language)[.district]
        case .formerDistrict: language == .vi ? "Huyện cũ" : "Former district"
        case .column(let column): column
        }
    }

    /// The heading of report.md's grouping section: "By district" / "Theo huyện", "By former
    /// district" / "Theo huyện cũ", or "By <column>" / "Theo <column>"; nil without grouping.
    public func heading(_ language: ReportLanguage) -> String? {
        switch self {
        case .none: nil
        case .district: Labels.of(language)[.byDistrict]
        case .formerDistrict: language == .vi ? "Theo huyện cũ" : "By former district"
        case .column(let column): language == .vi ? "Theo \(column)" : "By \(column)"
        }
    }
}
