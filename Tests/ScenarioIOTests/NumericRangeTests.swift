import Testing
import ScenarioIO
import TestSupport

/// Issue 11: numbers whose magnitude the solver cannot represent faithfully are refused with
/// their file, line and field (docs/model.md, "Numerical ranges").
@Suite struct NumericRangeTests {
    @Test func yamlValuesOutOfRangeAreReportedAtTheirLine() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario
            .replacingOccurrences(of: "budget: 950000", with: "budget: 1e11")
            .replacingOccurrences(of: "max_share: 0.5", with: "max_share: 1e-50\n    cost: 1e20")
            .replacingOccurrences(of: "other: 0.1}", with: "other: 1e-300}")
        let problems = fixture.problems()
        let text = fixture.scenario
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "budget: 1e11", in: text), field: "sources[0].budget"))
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "max_share: 1e-50", in: text), field: "sources[1].max_share"))
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "cost: 1e20", in: text), field: "sources[1].cost"))
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "other: 1e-300", in: text),
                                  field: "rules.min_community_share.other"))
        #expect(problems.count == 4, "\(problems)")
        let share = problems.first { $0.location.field == "sources[1].max_share" }
        #expect(share?.message == "1e-50 is too small for a share: the solver cannot represent it faithfully")
        #expect(share?.hint == "use a value from 1e-6 to 1")   // max_share may not be 0
    }

    @Test(arguments: ["1e155", "1e-200", "1e11", "0.0001"])
    func workCostsOutOfRangeAreReportedAtTheirRow(cost: String) {
        var fixture = ScenarioFixture()
        let rows = fixture.works.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[3] = cost
        fixture.works = ([rows[0], fields.joined(separator: ",")] + rows.dropFirst(2)).joined(separator: "\n")
        let problems = fixture.problems()
        #expect(problems.count == 1 && problems.contains(file: "works.csv", line: 2, field: "cost"), "\(problems)")
    }

    @Test func overridesAndBoundaryValues() throws {
        let fixture = ScenarioFixture()
        let refused = fixture.problems([.set("sources.ntm-central.budget=1e-4"), .set("weights.base=1e7")])
        #expect(refused.compactMap(\.location.field).sorted() == ["sources.ntm-central.budget", "weights.base"], "\(refused)")
        // The ends of the ranges, and zero, load.
        let scenario = try fixture.load([.set("sources.ntm-central.budget=1e10"), .set("sources.labour.max_share=1e-6"),
                                         .set("sources.labour.cost=1000"), .set("weights.base=1e-6"),
                                         .set("rules.priority_share_min=0")])
        #expect(scenario.sources[0].budget == 1e10 && scenario.sources[1].maxShare == 1e-6)
    }
}
