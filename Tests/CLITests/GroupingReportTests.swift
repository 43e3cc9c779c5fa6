import Foundation
import Testing
import TestSupport
import Allocation
import ScenarioIO
@testable import Reports

/// model.md §8.1 in the outputs: reports group by district where there is one, else by the
/// `report.group_by` column, else not at all — report.md's section, the first column of
/// allocations.csv and communes.csv, and compare-communes.csv.
@Suite struct GroupingReportTests {
    /// Three communes on the two-tier map, one work of cost 100 each, central 1,000: every work is
    /// funded in full. X1 and X2 were in Huyện A, X3 in Huyện B; `cum` is another text column.
    private func write(groupBy: String?) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("communes.csv", """
            code,name,population,especially_difficult,border,status,criteria_met,former_district,cum
            X1,Xã Một,100,0,0,none,5,Huyện A,Cụm 1
            X2,Xã Hai,100,0,0,none,5,Huyện A,Cụm 2
            X3,Phường Ba,100,0,0,none,5,Huyện B,Cụm 1

            """)
        try directory.write("works.csv", """
            id,commune,category,cost,benefit,required,community_buildable,divisible
            w1,X1,transport,100,,0,0,1
            w2,X2,transport,100,,0,0,1
            w3,X3,school,100,,0,0,1

            """)
        try directory.write("scenario.yaml", """
            name: two-tier
            communes: communes.csv
            works: works.csv
            sources:
              - {id: central, kind: central, scope: pooled, budget: 1000}
            \(groupBy.map { "report: {group_by: \($0)}" } ?? "")

            """)
        return directory
    }

    private func solve(groupBy: String?, budget: Int = 1000) throws -> AllocationPlan {
        let directory = try write(groupBy: groupBy)
        defer { directory.remove() }
        let scenario = try ScenarioLoader.load(directory.url("scenario.yaml").path,
                                               overrides: [ScenarioOverride(key: "sources.central.budget", value: "\(budget)")])
        return try AllocationModel(scenario: scenario).solve()
    }

    @Test func groupByFormerDistrict() throws {
        let plan = try solve(groupBy: "former_district")
        // Huyện A: 2 communes, need 200 = funded 200 (0.2 billion); Huyện B: 1 commune, 100.
        let en = MarkdownReport.render(plan, language: .en)
        #expect(en.contains("## By former district\n\n| Former district | Communes |"), "\(en)")
        #expect(en.contains("| Huyện A | 2 | 0.20 | 0.20 | 100.0% |"), "\(en)")
        #expect(en.contains("| Huyện B | 1 | 0.10 | 0.10 | 100.0% |"), "\(en)")
        #expect(!en.contains("By district"))
        let vi = MarkdownReport.render(plan, language: .vi)
        #expect(vi.contains("## Theo huyện cũ\n\n| Huyện cũ | Số xã |"), "\(vi)")

        let allocations = Self.noBOM(PlanTables.allocations(plan)).split(separator: "\n").map(String.init)
        #expect(allocations.first?.hasPrefix("former_district,commune_code,commune_name,work_id,") == true)
        #expect(allocations.dropFirst().map { $0.components(separatedBy: ",")[0] } == ["Huyện A", "Huyện A", "Huyện B"])
        let communes = Self.noBOM(PlanTables.communes(plan)).split(separator: "\n").map(String.init)
        #expect(communes.first?.hasPrefix("former_district,code,name,especially_difficult,") == true)
        #expect(communes[3].hasPrefix("Huyện B,X3,Phường Ba,"))
        let less = try solve(groupBy: "former_district", budget: 150)
        let md = ComparisonTables.markdown(names: ["a", "b"], plans: [plan, less], language: .vi)
        #expect(md.contains("| Xã | Huyện cũ | Thay đổi (tỷ đồng) | Tỷ lệ đáp ứng |\n|---|---|---:|---:|\n"), "\(md)")
        let compare = Self.noBOM(ComparisonTables.communesCSV(names: ["a", "b"], plans: [plan, plan]))
        #expect(compare.hasPrefix("former_district,code,name,funded_a,share_a,funded_b,share_b\nHuyện A,X1,Xã Một,100,1,100,1\n"),
                "\(compare)")
    }

    /// The CSV text without the UTF-8 byte-order mark every CSV starts with.
    static func noBOM(_ text: String) -> String { text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text }

    @Test func groupByAnotherColumnUsesItsName() throws {
        let plan = try solve(groupBy: "cum")
        let en = MarkdownReport.render(plan, language: .en)
        // Cụm 1: X1 and X3 (need 200), Cụm 2: X2 (100), in the order groups first appear.
        #expect(en.contains("## By cum\n\n| cum | Communes |"), "\(en)")
        #expect(en.contains("| Cụm 1 | 2 | 0.20 |") && en.contains("| Cụm 2 | 1 | 0.10 |"))
        #expect(MarkdownReport.render(plan, language: .vi).contains("## Theo cum\n"))
        #expect(Self.noBOM(PlanTables.allocations(plan)).hasPrefix("cum,commune_code,"))
    }

    @Test func withoutDistrictOrGroupByNothingIsGrouped() throws {
        let plan = try solve(groupBy: nil)
        let en = MarkdownReport.render(plan, language: .en)
        // The totals are followed directly by the sources: no grouping section.
        #expect(en.contains("| Labour days | 0 |\n\n## By source"), "\(en)")
        #expect(Self.noBOM(PlanTables.allocations(plan)).hasPrefix("commune_code,commune_name,work_id,"))
        #expect(Self.noBOM(PlanTables.communes(plan)).hasPrefix("code,name,especially_difficult,"))
        #expect(Self.noBOM(ComparisonTables.communesCSV(names: ["a"], plans: [plan])).hasPrefix("code,name,funded_a,share_a\nX1,Xã Một,100,1\n"))
        // The comparison's Markdown tables have no group column either: with 150 instead of
        // 1,000, 150 of the 300 is lost somewhere.
        let less = try solve(groupBy: nil, budget: 150)
        let md = ComparisonTables.markdown(names: ["a", "b"], plans: [plan, less], language: .en)
        #expect(md.contains("| Commune | Change (billion VND) | Funded share |\n|---|---:|---:|\n"), "\(md)")
    }

    /// A scenario with districts keeps today's outputs: `district` first, "By district".
    @Test func districtsStillComeFirst() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--format", "csv,md", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("## By district\n\n| District | Communes |"))
        #expect(report.contains("| Huyện Thử Nghiệm | 2 |"))
        #expect(try String(contentsOfFile: out + "/allocations.csv", encoding: .utf8).hasPrefix("district,commune_code,"))
        #expect(try String(contentsOfFile: out + "/communes.csv", encoding: .utf8).hasPrefix("district,code,name,"))
    }
}
