import Foundation
import ScenarioIO
import Testing
import TestSupport

/// Problems in the scenario YAML and weights files, each found at its line and key path.
@Suite struct YAMLProblemTests {
    /// The fixture with `old` replaced by `new` in scenario.yaml.
    private func scenario(_ old: String, _ new: String) -> ScenarioFixture {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: old, with: new)
        #expect(fixture.scenario != ScenarioFixture.scenario, "fixture edit did not apply")
        return fixture
    }

    /// Expects one problem in scenario.yaml at the line containing `needle`, for `field`.
    private func expectProblem(_ fixture: ScenarioFixture, at needle: String, field: String?,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let problems = fixture.problems(sourceLocation: sourceLocation)
        let expectedLine = line(of: needle, in: fixture.scenario)
        #expect(expectedLine > 0, "no line contains \(needle)", sourceLocation: sourceLocation)
        #expect(problems.contains(file: "scenario.yaml", line: expectedLine, field: field), "\(problems)",
                sourceLocation: sourceLocation)
    }

    // MARK: Keys

    @Test func linesAreOneBasedLikeAnEditor() {
        let fixture = scenario("name: Lạng Sơn", "title: Lạng Sơn")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 1, field: "title"), "\(problems)")
        #expect(problems.first?.location.column == 1)
    }

    @Test func unknownTopLevelKey() {
        expectProblem(scenario("baseline:", "budgets: 5\nbaseline:"), at: "budgets:", field: "budgets")
    }

    @Test func unknownSourceKey() {
        expectProblem(scenario("    budget: 950000", "    budget: 950000\n    colour: red"),
                      at: "colour", field: "sources[0].colour")
    }

    @Test func unknownRuleKey() {
        expectProblem(scenario("commune_cap: 5000", "commune_limit: 5000"),
                      at: "commune_limit", field: "rules.commune_limit")
    }

    @Test func unknownGroupInAGroupShare() {
        expectProblem(scenario("{priority: 1.0, other: 0.8}", "{priority: 1.0, others: 0.8}"),
                      at: "others", field: "rules.max_state_share.others")
    }

    @Test func unknownEligibilityKey() {
        expectProblem(scenario("eligible: {communes", "eligible: {village: [x], communes"),
                      at: "village", field: "sources[1].eligible.village")
    }

    @Test func missingSources() {
        var fixture = ScenarioFixture()
        fixture.scenario = "communes: data/communes.csv\nworks: data/works.csv\n"
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 1, field: "sources"), "\(problems)")
    }

    // MARK: Keywords

    @Test func unknownMode() {
        expectProblem(scenario("mode: mip", "mode: milp"), at: "mode:", field: "mode")
    }

    @Test func unknownKind() {
        expectProblem(scenario("kind: central", "kind: state"), at: "kind: state", field: "sources[0].kind")
    }

    @Test func unknownScope() {
        expectProblem(scenario("scope: pooled", "scope: shared"), at: "scope: shared", field: "sources[0].scope")
    }

    @Test func unknownEligibilityKeyword() {
        expectProblem(scenario("communes: [all]", "communes: [all, poorest]"),
                      at: "poorest", field: "sources[1].eligible.communes[1]")
    }

    @Test func unknownDistrict() {
        expectProblem(scenario("districts: [Văn Lãng", "districts: [Văn Quan"),
                      at: "Văn Quan", field: "sources[1].eligible.districts[0]")
    }

    @Test func districtsCompareInNFC() throws {
        // "Văn Lãng" decomposed in the YAML still names the district of communes.csv.
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(
            of: "districts: [Văn Lãng", with: "districts: [Va\u{0306}n La\u{0303}ng")
        #expect(!fixture.scenario.unicodeScalars.elementsEqual(ScenarioFixture.scenario.unicodeScalars))
        let sources = try fixture.load().sources
        #expect(sources[1].eligibility.districts?.contains("Văn Lãng") == true)
    }

    // MARK: Sources

    @Test func pooledSourceWithoutBudget() {
        expectProblem(scenario("    budget: 950000\n", ""), at: "- id: ntm-central", field: "sources[0].budget")
    }

    @Test func localSourceWithoutCapacityColumn() {
        expectProblem(scenario("    capacity_column: labour_days\n", ""), at: "- id: labour",
                      field: "sources[1].capacity_column")
    }

    @Test func budgetOnALocalSource() {
        expectProblem(scenario("    unit_value: 0.2", "    unit_value: 0.2\n    budget: 10"),
                      at: "budget: 10", field: "sources[1].budget")
    }

    @Test(arguments: ["-5", "lots", "[1, 2]"])
    func badBudget(value: String) {
        expectProblem(scenario("budget: 950000", "budget: \(value)"), at: "budget: \(value)",
                      field: "sources[0].budget")
    }

    @Test(arguments: ["0", "1.5", "-0.2", "half"])
    func maxShareOutsideZeroToOne(value: String) {
        expectProblem(scenario("max_share: 0.5", "max_share: \(value)"), at: "max_share",
                      field: "sources[1].max_share")
    }

    @Test func negativeSourceCost() {
        expectProblem(scenario("    budget: 950000", "    budget: 950000\n    cost: -0.1"),
                      at: "cost: -0.1", field: "sources[0].cost")
    }

    @Test func negativeUnitValue() {
        expectProblem(scenario("unit_value: 0.2", "unit_value: -0.2"), at: "unit_value", field: "sources[1].unit_value")
    }

    @Test func duplicateSourceId() {
        let problems = scenario("id: labour", "id: ntm-central").problems()
        let second = line(of: "id: labour", in: ScenarioFixture.scenario)
        #expect(problems.contains(file: "scenario.yaml", line: second, field: "sources[1].id"), "\(problems)")
    }

    @Test func capacityColumnThatIsARequiredColumn() {
        expectProblem(scenario("capacity_column: labour_days", "capacity_column: criteria_met"),
                      at: "capacity_column", field: "sources[1].capacity_column")
    }

    // MARK: Rules and baseline

    @Test(arguments: [
        ("other: 0.8}", "other: 1.2}", "rules.max_state_share.other"),
        ("min_community_share: {priority: 0.0, other: 0.1}", "min_community_share: -0.1",
         "rules.min_community_share"),
        ("priority_share_min: 0.6", "priority_share_min: 60", "rules.priority_share_min"),
        ("commune_cap: 5000", "commune_cap: -1", "rules.commune_cap"),
        ("commune_cap: 5000", "counterpart_ratio: -0.5", "rules.counterpart_ratio"),
        ("commune_cap: 5000", "commune_floor: 1.1", "rules.commune_floor"),
    ])
    func ruleOutOfRange(old: String, new: String, field: String) {
        let needle = new.components(separatedBy: ":").first ?? new
        expectProblem(scenario(old, new), at: needle, field: field)
    }

    @Test func negativeBaselineCoefficient() {
        expectProblem(scenario("at_standard: 1}", "at_standard: -1}"), at: "coefficients",
                      field: "baseline.coefficients.at_standard")
    }

    @Test func communityShareWithoutAnyCommunitySource() {
        expectProblem(scenario("kind: labour", "kind: enterprise"), at: "min_community_share",
                      field: "rules.min_community_share")
    }

    @Test func communeFloorThatNoCommunitySourceCanServe() {
        // Commune 00001 is "other" (μ = 0.1) and its only work is not community-buildable,
        // so labour cannot fund it: with a floor it can never be funded.
        let fixture = scenario("  commune_cap: 5000", "  commune_cap: 5000\n  commune_floor: 0.2")
        expectProblem(fixture, at: "commune_floor", field: "rules.commune_floor")
        #expect(fixture.problems().first { $0.location.field == "rules.commune_floor" }?.message.contains("00001") == true)
    }

    // MARK: Weights

    @Test func missingWeightsFileIsReportedAtTheScenarioKey() {
        expectProblem(scenario("weights/balanced.yaml", "weights/none.yaml"), at: "weights:", field: "weights")
    }

    @Test func unknownKeyInAWeightsFile() {
        var fixture = ScenarioFixture()
        fixture.weights += "equity_bonus: 3\n"
        let problems = fixture.problems()
        let expectedLine = line(of: "equity_bonus", in: fixture.weights)
        #expect(problems.contains(file: "balanced.yaml", line: expectedLine, field: "equity_bonus"), "\(problems)")
    }

    @Test func nonNumericWeight() {
        var fixture = ScenarioFixture()
        fixture.weights = fixture.weights.replacingOccurrences(of: "border: 0.3", with: "border: high")
        let problems = fixture.problems()
        #expect(problems.contains(file: "balanced.yaml", line: 3, field: "border"), "\(problems)")
    }

    @Test func unknownKeyInInlineWeights() {
        expectProblem(scenario("weights: weights/balanced.yaml", "weights: {base: 1, equity_bonus: 2}"),
                      at: "weights:", field: "weights.equity_bonus")
    }

    @Test func missingWeightsPathParameter() {
        let problems = ScenarioFixture().problems(weightsPath: "weights/absent.yaml")
        #expect(problems.contains(file: "weights/absent.yaml", line: nil, field: nil), "\(problems)")
    }

    @Test func loadWeightsReportsUnknownKeys() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("w.yaml", "base: 1\nbordr: 2\n")
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioLoader.loadWeights(path) }
        #expect(error?.problems.contains(file: "w.yaml", line: 2, field: "bordr") == true)
    }

    // MARK: Files and syntax

    @Test func malformedYAMLIsReportedAtItsLine() {
        let fixture = scenario("    kind: labour", "    kind: labour: people")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "labour: people", in: fixture.scenario),
                                  field: nil), "\(problems)")
    }

    /// Reported at the second `budget` (the duplicate), naming the first's line.
    @Test func duplicateYAMLKey() {
        let fixture = scenario("    budget: 950000", "    budget: 950000\n    budget: 1")
        let problems = fixture.problems()
        let first = line(of: "budget: 950000", in: fixture.scenario)
        #expect(problems.contains(file: "scenario.yaml", line: first + 1, field: "sources[0].budget"), "\(problems)")
        #expect(problems.first?.hint?.contains("first at line \(first)") == true, "\(problems)")
    }

    @Test func duplicateTopLevelKeyIsReportedAtTheDuplicate() {
        var fixture = ScenarioFixture()
        fixture.scenario += "mode: lp\n"
        let problems = fixture.problems()
        let last = fixture.scenario.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(problems.count == 1 && problems.contains(file: "scenario.yaml", line: last, field: "mode"),
                "\(problems)")
    }

    @Test(arguments: ["", "# only a comment\n"])
    func emptyScenarioFile(text: String) {
        var fixture = ScenarioFixture()
        fixture.scenario = text
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 1, field: nil), "\(problems)")
    }

    @Test func scenarioThatIsNotAMapping() {
        var fixture = ScenarioFixture()
        fixture.scenario = "- communes\n- works\n"
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 1, field: nil), "\(problems)")
    }

    @Test func missingScenarioFile() {
        let error = #expect(throws: ScenarioLoadError.self) {
            try ScenarioLoader.load("/nonexistent/ntm/scenario.yaml")
        }
        #expect(error?.problems.contains(file: "/nonexistent/ntm/scenario.yaml", line: nil, field: nil) == true)
    }

    @Test func everyProblemOfTheScenarioIsReported() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario
            .replacingOccurrences(of: "mode: mip", with: "mode: fast")
            .replacingOccurrences(of: "kind: central", with: "kind: state")
            .replacingOccurrences(of: "max_share: 0.5", with: "max_share: 2")
        let problems = fixture.problems()
        #expect(problems.map(\.location.field) == ["mode", "sources[0].kind", "sources[1].max_share"], "\(problems)")
        #expect(problems.map(\.location.line) == [2, 14, 23])
    }

    @Test func problemsAreGroupedByFileThenLine() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario
            .replacingOccurrences(of: "max_share: 0.5", with: "max_share: 2")
            .replacingOccurrences(of: "mode: mip", with: "mode: fast")
        fixture.works = fixture.works.replacingOccurrences(of: "Transport,1500", with: "Transport,-1")
        let problems = fixture.problems()
        let places = problems.map { "\(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.line ?? 0)" }
        #expect(places == ["scenario.yaml:2", "scenario.yaml:23", "works.csv:2"], "\(problems)")
    }

    @Test func brokenSourceStillHasItsIdAndCapacityColumnChecked() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario
            .replacingOccurrences(of: "id: labour", with: "id: ntm-central")
            .replacingOccurrences(of: "max_share: 0.5", with: "max_share: 2")
        fixture.communes = fixture.communes.replacingOccurrences(of: "12,800,", with: "12,tám trăm,")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 17, field: "sources[1].id"), "\(problems)")
        #expect(problems.contains(file: "scenario.yaml", line: 23, field: "sources[1].max_share"), "\(problems)")
        #expect(problems.contains(file: "communes.csv", line: 3, field: "labour_days"), "\(problems)")
    }
}
