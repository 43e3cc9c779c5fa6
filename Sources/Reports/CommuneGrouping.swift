import Allocation

/// How reports group communes (docs/model.md §8.1): by `district` when communes.csv has one, else
/// by the column named in `report: {group_by: COLUMN}` (e.g. `former_district` in a province
/// whose districts were abolished on 1 July 2025), else not at all.
///
/// Every renderer asks this one type, so report.md's section, the first column of the CSV tables
/// and the comparison tables always agree on the grouping.
struct CommuneGrouping {
    let scenario: Scenario

    init(_ scenario: Scenario) { self.scenario = scenario }

    /// The column's name in CSV headers: `district`, the `group_by` column, or nil (no grouping).
    var csvHeader: String? { scenario.hasDistricts ? "district" : scenario.groupBy }

    /// Whether communes are grouped at all.
    var isGrouped: Bool { csvHeader != nil }

    /// The commune's group ("" when it has no value in the grouping column).
    func label(of commune: Commune) -> String { scenario.groupLabel(of: commune) ?? "" }

    /// The column title in a Markdown table: District / Huyện, Former district / Huyện cũ for
    /// `former_district`, otherwise the column's own name.
    func title(_ language: ReportLanguage) -> String? {
        guard let column = csvHeader else { return nil }
        if scenario.hasDistricts { return Labels.of(language).district }
        if column.lowercased() == "former_district" { return language == .vi ? "Huyện cũ" : "Former district" }
        return column
    }

    /// The heading of report.md's grouping section: "By district" / "Theo huyện", "By former
    /// district" / "Theo huyện cũ", or "By <column>" / "Theo <column>".
    func heading(_ language: ReportLanguage) -> String? {
        guard let column = csvHeader else { return nil }
        if scenario.hasDistricts { return Labels.of(language).byDistrict }
        if column.lowercased() == "former_district" { return language == .vi ? "Theo huyện cũ" : "By former district" }
        return language == .vi ? "Theo \(column)" : "By \(column)"
    }
}
