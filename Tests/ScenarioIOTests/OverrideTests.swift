import Allocation
import Foundation
import ScenarioIO
import Testing
import TestSupport

/// `--set key=value`: parsing, application before decoding, and located problems.
@Suite struct OverrideTests {
    private func load(_ settings: String..., fixture: ScenarioFixture = ScenarioFixture(),
                      weightsPath: String? = nil) throws -> Scenario {
        let overrides = try settings.map { try ScenarioOverride(parsing: $0) }
        return try fixture.load(overrides, weightsPath: weightsPath)
    }

    // MARK: Parsing

    @Test func parsesKeyAndValueAtTheFirstEqualsSign() throws {
        let override = try ScenarioOverride(parsing: " name = Kịch bản = A ")
        #expect(override.key == "name" && override.value == "Kịch bản = A")
    }

    @Test func textWithoutEqualsSignIsRejected() {
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioOverride(parsing: "budget") }
        #expect(error?.problems.first?.location == ScenarioIO.SourceLocation(file: "--set", field: "budget"))
    }

    @Test(arguments: ["rules.floor=1", "sources.x=1", "sources.x.colour=red", "weights.bonus=1",
                      "rules.commune_floor.priority=0.1", "weights.category.=2", "=5"])
    func unknownKeyFormIsRejectedWhenParsed(text: String) {
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioOverride(parsing: text) }
        let key = String(text.prefix { $0 != "=" })
        #expect(error?.problems.first?.location.file == "--set")
        #expect(error?.problems.first?.location.field == key)
    }

    // MARK: Applied values

    @Test func nameAndMode() throws {
        let scenario = try load("name=Chạy thử", "mode=LP")
        #expect(scenario.name == "Chạy thử" && scenario.mode == .lp)
    }

    @Test func sourceFields() throws {
        let scenario = try load("sources.ntm-central.budget=900000", "sources.labour.max_share=1",
                                "sources.labour.unit_value=0.25", "sources.ntm-central.cost=0.01",
                                "sources.ntm-central.name=NSTW")
        #expect(scenario.sources[0].scope == .pooled(budget: 900_000))
        #expect(scenario.sources[0].cost == 0.01 && scenario.sources[0].name == "NSTW")
        #expect(scenario.sources[1].maxShare == 1)
        #expect(scenario.sources[1].scope == .local(capacityColumn: "labour_days", unitValue: 0.25))
    }

    @Test func laterOverrideWins() throws {
        let scenario = try load("sources.ntm-central.budget=1", "sources.ntm-central.budget=2")
        #expect(scenario.sources[0].budget == 2)
    }

    @Test func sourceIdWithDots() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "id: ntm-central", with: "id: ntm.central.2025")
        let scenario = try load("sources.ntm.central.2025.budget=7", fixture: fixture)
        #expect(scenario.sources[0].budget == 7)
    }

    @Test func rulesAsScalarAndPerGroup() throws {
        let scenario = try load("rules.max_state_share=0.7", "rules.min_community_share.priority=0.05",
                                "rules.counterpart_ratio=0.3", "rules.commune_floor=0")
        #expect(scenario.rules.maxStateShare == GroupShares(priority: 0.7, other: 0.7))
        #expect(scenario.rules.minCommunityShare == GroupShares(priority: 0.05, other: 0.1))
        #expect(scenario.rules.counterpartRatio == 0.3)
    }

    @Test func groupOverrideOfAScalarRuleKeepsTheOtherGroup() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(
            of: "max_state_share: {priority: 1.0, other: 0.8}", with: "max_state_share: 0.9")
        let scenario = try load("rules.max_state_share.other=0.6", fixture: fixture)
        #expect(scenario.rules.maxStateShare == GroupShares(priority: 0.9, other: 0.6))
    }

    @Test func ruleAbsentFromTheFile() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "  commune_cap: 5000\n", with: "")
        #expect(try fixture.load().rules.communeCap == nil)
        #expect(try load("rules.commune_cap=800", fixture: fixture).rules.communeCap == 800)
        #expect(try load("rules.commune_cap=", fixture: ScenarioFixture()).rules.communeCap == nil)
    }

    @Test func weightsOfAProfileFile() throws {
        let weights = try load("weights.border=2", "weights.category.School=1.4",
                               "weights.production_categories=production, commerce").weights
        #expect(weights.name == "balanced")
        #expect(weights.border == 2 && weights.especiallyDifficult == 0.5)
        #expect(weights.categoryMultipliers == ["transport": 1.2, "culture": 0.9, "school": 1.4])
        #expect(weights.productionCategories == ["production", "commerce"])
    }

    @Test func weightsInline() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(
            of: "weights: weights/balanced.yaml", with: "weights: {base: 2, category: {ict: 3}}")
        let weights = try load("weights.base=1.5", "weights.category.ict=4", fixture: fixture).weights
        #expect(weights.name == "inline" && weights.base == 1.5 && weights.categoryMultipliers == ["ict": 4])
    }

    @Test func weightsWithoutAProfileInTheScenario() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "weights: weights/balanced.yaml\n", with: "")
        let weights = try load("weights.target=0.4", fixture: fixture).weights
        #expect(weights.target == 0.4 && weights.base == 1)
    }

    @Test func weightsPathIsReplacedBeforeOverridesApply() throws {
        var fixture = ScenarioFixture()
        fixture.extraFiles["equity.yaml"] = "base: 3\nborder: 1\n"
        let weights = try load("weights.border=5", fixture: fixture, weightsPath: "equity.yaml").weights
        #expect(weights.name == "equity" && weights.base == 3 && weights.border == 5)
    }

    @Test func baselineCoefficient() throws {
        // The shorthand expands to Decision 07's list; the override changes one value of it.
        #expect(try load("baseline.coefficients.from_15_to_18=2").baseline
                == BaselineCoefficients.decision07(fewerThan15: 4, from15To18: 2, atStandard: 1))
    }

    // MARK: Problems

    @Test func unknownSourceIdIsReportedAtItsKey() {
        let problems = ScenarioFixture().problems([.set("sources.ntm-province.budget=5")])
        #expect(problems.contains(file: "--set", line: nil, field: "sources.ntm-province.budget"), "\(problems)")
    }

    @Test func unknownKeyIsReportedWhenLoading() {
        let problems = ScenarioFixture().problems([.set("rules.budget=5")])
        #expect(problems.contains(file: "--set", line: nil, field: "rules.budget"), "\(problems)")
    }

    @Test(arguments: [
        ("sources.ntm-central.budget=lots", "sources.ntm-central.budget"),
        ("sources.ntm-central.budget=-1", "sources.ntm-central.budget"),
        ("sources.labour.max_share=0", "sources.labour.max_share"),
        ("sources.labour.kind=volunteers", "sources.labour.kind"),
        ("mode=fast", "mode"),
        ("rules.max_state_share.other=1.5", "rules.max_state_share.other"),
        ("rules.priority_share_min=2", "rules.priority_share_min"),
        ("weights.base=high", "weights.base"),
        ("weights.category.ict=x", "weights.category.ict"),
        ("baseline.coefficients.at_standard=-1", "baseline.coefficients.at_standard"),
    ])
    func badValueIsReportedAtTheOverride(text: String, key: String) {
        let problems = ScenarioFixture().problems([.set(text)])
        #expect(problems.contains(file: "--set", line: nil, field: key), "\(problems)")
    }

    @Test func contradictionCausedByAnOverrideNamesIt() {
        let problems = ScenarioFixture().problems([.set("rules.commune_floor=0.5")])
        #expect(problems.contains(file: "--set", line: nil, field: "rules.commune_floor"), "\(problems)")
    }

    @Test func descriptionOfAnOverrideProblem() {
        let problems = ScenarioFixture().problems([.set("sources.labour.max_share=0")])
        #expect(problems.first?.description.hasPrefix("--set sources.labour.max_share: 0 is not in (0, 1]") == true)
    }
}
