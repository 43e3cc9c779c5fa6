import Foundation
import Testing
import CSV
import Allocation
import Reports
import LinearProgramming

/// What a multi-year solve reports (docs/model.md §7.3), on the carry-over case solved by hand:
/// one work of 100 that may only start in 2027; central budget 100 in 2026 and 0 in 2027 with
/// carry_over 0.6. Plan: 60 carried into 2027 and spent there, 40 lapses in 2026; the 2027
/// budget row's price is 1, the 2026 one's 0.
@Suite struct MultiYearOutputTests {
    static func plan() throws -> AllocationPlan {
        var source = FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 100))
        source.budgetByPeriod = [100, 0]
        source.carryOver = 0.6
        var work = Work(id: "w", commune: "A", category: "transport", cost: 100)
        work.startFrom = 1
        var scenario = Scenario(name: "carry", communes: [Commune(code: "A", name: "Xã A", district: "D")], works: [work],
                                sources: [source])
        scenario.periods = ["2026", "2027"]
        return try AllocationModel(scenario: scenario).solve(path: .monolithic)
    }

    static func rows(_ text: String) throws -> [[String: String]] {
        let reader = try CSVReader(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var result: [[String: String]] = []
        while let row = reader.next() { result.append(Dictionary(uniqueKeysWithValues: zip(header, row))) }
        return result
    }

    @Test func allocationsHaveAPeriodAndTheWorksSchedule() throws {
        let rows = try Self.rows(PlanTables.allocations(try Self.plan()))
        #expect(rows.count == 1)
        #expect(rows[0]["period"] == "2027" && rows[0]["work_start"] == "2027" && rows[0]["work_finish"] == "2027")
        #expect(Double(rows[0]["amount"] ?? "") == 60)
    }

    @Test func sourcesByPeriodShowBudgetCarryUseLapseAndPrice() throws {
        let rows = try Self.rows(PlanTables.sourcesByPeriod(try Self.plan()))
        #expect(rows.count == 2)
        let y2026 = try #require(rows.first { $0["period"] == "2026" })
        let y2027 = try #require(rows.first { $0["period"] == "2027" })
        #expect(Double(y2026["budget"]!) == 100 && Double(y2026["used"]!) == 0)
        #expect(abs(Double(y2026["carried_out"]!)! - 60) < 1e-9 && abs(Double(y2026["lapsed"]!)! - 40) < 1e-9)
        #expect(abs(Double(y2027["carried_in"]!)! - 60) < 1e-9 && abs(Double(y2027["used"]!)! - 60) < 1e-9)
        #expect(abs(Double(y2027["shadow_price"]!)! - 1) < 1e-9 && abs(Double(y2026["shadow_price"]!)!) < 1e-9)
    }

    @Test func summaryHasTheMultiYearKeys() throws {
        let text = SummaryJSON.render(try Self.plan())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["periods"] as? [String] == ["2026", "2027"])
        let central = try #require((object["sources"] as? [String: Any])?["central"] as? [String: Any])
        #expect(central["shadow_price"] is NSNull)
        let used = try #require(central["used_by_period"] as? [String: Double])
        #expect(abs(used["2027"]! - 60) < 1e-9 && abs(used["2026"]!) < 1e-9)
        let carried = try #require(central["carried_by_period"] as? [String: Double])
        #expect(abs(carried["2026"]! - 60) < 1e-9 && abs(carried["2027"]!) < 1e-9)
        let prices = try #require(central["shadow_price_by_period"] as? [String: Double])
        #expect(abs(prices["2027"]! - 1) < 1e-9)
        #expect(object["target_communes_reaching_standard_by_period"] as? [String: Int] == ["2026": 0, "2027": 0])
    }

    @Test func reportHasASectionPerYearAndTheSourceByYearTable() throws {
        let report = MarkdownReport.render(try Self.plan(), language: .en)
        #expect(report.contains("## By year") && report.contains("### 2026") && report.contains("### 2027"))
        #expect(report.contains("### Money used by source and year (billion VND)"))
        #expect(report.contains("| Source | 2026 | 2027 | Total |"))
        let vi = MarkdownReport.render(try Self.plan(), language: .vi)
        #expect(vi.contains("## Theo năm") && vi.contains("| Nguồn | 2026 | 2027 | Cộng |"))
    }

    /// compare sets two schedules side by side: each source's money by year.
    @Test func compareShowsTheSchedules() throws {
        let plan = try Self.plan()
        var rows: [String: [String]] = [:]
        for row in try CSVReader(string: ComparisonTables.metricsCSV(names: ["a", "b"], plans: [plan, plan]), hasHeaderRow: true) {
            rows[row[0]] = Array(row.dropFirst())
        }
        #expect(rows["used_central_2026"].map { $0.map { Double($0) } } == [0, 0])
        #expect(rows["used_central_2027"].map { $0.map { Double($0) } } == [60, 60])
        #expect(rows["target_communes_reaching_standard_2027"] == ["0", "0"])
    }
}
