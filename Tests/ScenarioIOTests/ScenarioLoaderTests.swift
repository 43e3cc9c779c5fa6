import Allocation
import Foundation
import ScenarioIO
import Testing
import TestSupport

@Suite struct ScenarioLoaderTests {
    @Test func validFixtureLoadsCommunes() throws {
        let scenario = try ScenarioFixture().load()
        #expect(scenario.name == "Lạng Sơn 2021–2025, base")
        #expect(scenario.mode == .mip)
        #expect(scenario.communes.map(\.code) == ["00001", "00002", "00003"])

        let first = scenario.communes[0]
        #expect(first.name == "Phường Hoàng Văn Thụ, TP")  // quoted field with a comma
        #expect(first.district == "Thành phố Lạng Sơn")
        #expect(first.population == 5200)
        #expect(first.status == .standard)
        #expect(first.criteriaMet == 19)
        #expect(first.numericColumns == ["labour_days": 1200])  // "note" is not numeric: ignored

        let second = scenario.communes[1]
        #expect(second.name == "Xã Tân Thanh")  // NFD in the file, NFC here
        #expect(second.name.unicodeScalars.count == "Xã Tân Thanh".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(second.especiallyDifficult && second.border)
        #expect(second.status == .target)
        #expect(second.isPriority)

        let third = scenario.communes[2]
        #expect(third.name == "Xã Mẫu Sơn")  // trimmed
        #expect(third.especiallyDifficult && !third.border)
        #expect(third.status == .belowStandard)
        #expect(third.numericColumns["labour_days"] == 600.5)
    }

    @Test func validFixtureLoadsWorks() throws {
        let works = try ScenarioFixture().load().works
        #expect(works.map(\.id) == ["w1", "w2", "w3"])
        #expect(works[0].category == "transport")  // lower-cased
        #expect(works[0].cost == 1500 && works[0].benefit == nil && works[0].effectiveBenefit == 1500)
        #expect(works[0].required && !works[0].communityBuildable && works[0].divisible)
        #expect(works[1].cost == 800.5 && works[1].benefit == 1000)
        #expect(!works[1].divisible && works[1].communityBuildable)
        #expect(works[2].commune == "00003" && works[2].required && works[2].communityBuildable && !works[2].divisible)
    }

    @Test func validFixtureLoadsSources() throws {
        let sources = try ScenarioFixture().load().sources
        #expect(sources.count == 2)
        #expect(sources[0].id == "ntm-central" && sources[0].name == "NSTW – CTMTQG xây dựng NTM")
        #expect(sources[0].kind == .central && sources[0].scope == .pooled(budget: 950_000))
        #expect(sources[0].maxShare == 1 && sources[0].cost == 0 && sources[0].eligibility == Eligibility())
        #expect(sources[1].kind == .labour)
        #expect(sources[1].scope == .local(capacityColumn: "labour_days", unitValue: 0.2))
        #expect(sources[1].maxShare == 0.5)
        #expect(sources[1].eligibility.communes == [.all])
        #expect(sources[1].eligibility.categories == ["transport", "irrigation", "culture"])
        #expect(sources[1].eligibility.districts == ["Văn Lãng", "Lộc Bình", "Thành phố Lạng Sơn"])
    }

    @Test func validFixtureLoadsRulesBaselineAndWeightsFile() throws {
        let scenario = try ScenarioFixture().load()
        #expect(scenario.rules.maxStateShare == GroupShares(priority: 1, other: 0.8))
        #expect(scenario.rules.minCommunityShare == GroupShares(priority: 0, other: 0.1))
        #expect(scenario.rules.priorityShareMin == 0.6)
        #expect(scenario.rules.communeCap == 5000)
        #expect(scenario.rules.communeFloor == 0 && scenario.rules.counterpartRatio == 0)
        #expect(scenario.baseline == BaselineCoefficients.decision07(fewerThan15: 4, from15To18: 2.5, atStandard: 1))

        let weights = scenario.weights
        #expect(weights.name == "balanced")
        #expect(weights.base == 1 && weights.especiallyDifficult == 0.5 && weights.border == 0.3)
        #expect(weights.criteriaGap == 0.2 && weights.standardBonus == 10 && weights.target == 0)
        #expect(weights.productionCategories == ["production", "irrigation"])
        #expect(weights.categoryMultipliers == ["transport": 1.2, "culture": 0.9])
    }

    @Test func inlineWeights() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(
            of: "weights: weights/balanced.yaml",
            with: "weights:\n  base: 2\n  border: 1\n  category: {school: 1.5}")
        let weights = try fixture.load().weights
        #expect(weights.name == "inline")
        #expect(weights.base == 2 && weights.border == 1)
        #expect(weights.categoryMultipliers == ["school": 1.5])
        #expect(weights.productionCategories == ["production", "irrigation", "commerce"])  // default
    }

    @Test func defaultsWhenOptionalKeysAreAbsent() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = """
            communes: data/communes.csv
            works: data/works.csv
            sources:
              - {id: people, kind: people, scope: local, capacity_column: labour_days}
            """
        let scenario = try fixture.load()
        #expect(scenario.name == "scenario")
        #expect(scenario.mode == .lp)
        #expect(scenario.weights == WeightsProfile(name: "default"))
        #expect(scenario.rules == Rules())
        #expect(scenario.baseline == BaselineCoefficients())
        #expect(scenario.sources[0].name == "people")
        #expect(scenario.sources[0].scope == .local(capacityColumn: "labour_days", unitValue: 1))
    }

    @Test func weightsPathReplacesTheScenarioProfile() throws {
        var fixture = ScenarioFixture()
        fixture.extraFiles["other/equity.yml"] = "base: 3\ntarget: 2\n"
        let weights = try fixture.load(weightsPath: "other/equity.yml").weights
        #expect(weights.name == "equity")
        #expect(weights.base == 3 && weights.target == 2 && weights.border == 0)
    }

    @Test func loadWeightsReadsAProfileFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("growth.yaml", "production_bonus: 0.5\ncategory:\n  ICT: 2\n")
        let weights = try ScenarioLoader.loadWeights(path)
        #expect(weights.name == "growth")
        #expect(weights.productionBonus == 0.5 && weights.categoryMultipliers == ["ict": 2])
    }

    @Test func crlfLineEndingsAndQuotedLineBreaksKeepLineNumbers() throws {
        var fixture = ScenarioFixture()
        fixture.works = ScenarioFixture.works
            .replacingOccurrences(of: "w3,00003,culture,300", with: "w3,00003,culture,-300")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let problems = fixture.problems()
        // Header 1, w1 2, w2 3–4 (a quoted field spans two lines), w3 5.
        #expect(problems.contains(file: "works.csv", line: 5, field: "cost"), "\(problems)")
    }
}
