import Foundation
import Testing
import TestSupport
import ScenarioIO
import Allocation

/// model.md §8 in scenario files: communes.csv without districts and `report.group_by` (§8.1),
/// `criteria_total` (§8.2), baseline coefficients as rules (§8.3) — and their errors, each at
/// its file, line and field.
@Suite struct AdministrationTests {
    /// The fixture's communes without the district column, with a `former_district` column
    /// (written with spaces and, for Lộc Bình, decomposed: NFD o + U+0323 + U+0302).
    static let communesWithoutDistricts = """
        code,name,population,especially_difficult,border,status,criteria_met,labour_days,note,former_district
        00001,"Phường Hoàng Văn Thụ, TP",5200,0,0,standard,19,1200,ok,Thành phố Lạng Sơn
        00002,Xa\u{0303} Ta\u{0302}n Thanh,3100,1,TRUE,target,12,800,biên giới, Huyện Văn Lãng 
        00003, Xã Mẫu Sơn ,2400,true,0,None,9,600.5,,Huyện Lo\u{0323}\u{0302}c Bình

        """

    /// The fixture on the two-tier map: no district column, and no `eligible.districts`.
    private func twoTier() -> ScenarioFixture {
        var fixture = ScenarioFixture()
        fixture.communes = Self.communesWithoutDistricts
        fixture.scenario = fixture.scenario.replacingOccurrences(
            of: ", districts: [Văn Lãng, Lộc Bình, Thành phố Lạng Sơn]}", with: "}")
        #expect(fixture.scenario != ScenarioFixture.scenario)
        return fixture
    }

    /// The fixture with `old` replaced by `new` in scenario.yaml.
    private func scenario(_ old: String, _ new: String) -> ScenarioFixture {
        scenario(ScenarioFixture(), old, new)
    }

    /// `fixture` with `old` replaced by `new` in scenario.yaml.
    private func scenario(_ fixture: ScenarioFixture, _ old: String, _ new: String) -> ScenarioFixture {
        var fixture = fixture
        fixture.scenario = fixture.scenario.replacingOccurrences(of: old, with: new)
        #expect(fixture.scenario.contains(new), "fixture edit did not apply")
        return fixture
    }

    // MARK: §8.1 Provinces without districts

    @Test func districtColumnIsOptional() throws {
        let loaded = try twoTier().load()
        #expect(!loaded.hasDistricts)
        #expect(loaded.communes.map(\.district) == ["", "", ""])
        // Every further column as text, trimmed and NFC; numbers also as numbers.
        #expect(loaded.communes.map { $0.textColumns["former_district"] }
                == ["Thành phố Lạng Sơn", "Huyện Văn Lãng", "Huyện Lộc Bình"])
        #expect(loaded.communes.map { $0.textColumns["note"] } == ["ok", "biên giới", ""])
        #expect(loaded.communes[2].numericColumns["labour_days"] == 600.5)
        #expect(loaded.communes[2].textColumns["labour_days"] == "600.5")
        // Without group_by, reports do not group.
        #expect(loaded.groupBy == nil && loaded.groupLabel(of: loaded.communes[0]) == nil)
        // With districts, the fixture says so.
        #expect(try ScenarioFixture().load().hasDistricts)
    }

    @Test func eligibleDistrictsWithoutDistrictColumnNamesTheSource() {
        var fixture = ScenarioFixture()
        fixture.communes = Self.communesWithoutDistricts
        let problems = fixture.problems()
        let expectedLine = line(of: "eligible: {communes: [all]", in: fixture.scenario)
        #expect(problems.contains(file: "scenario.yaml", line: expectedLine, field: "sources[1].eligible.districts"),
                "\(problems)")
        let problem = problems.first { $0.location.field == "sources[1].eligible.districts" }
        #expect(problem?.message.contains("source labour") == true, "\(String(describing: problem))")
        #expect(problem?.message.contains("no district column") == true)
        #expect(problems.count == 1, "\(problems)")
    }

    @Test func groupByNamesAColumnOfCommunes() throws {
        let fixture = scenario(twoTier(), "baseline:", "report: {group_by: Former_District}\nbaseline:")
        let loaded = try fixture.load()
        #expect(loaded.groupBy == "former_district")  // the header's spelling
        #expect(loaded.communes.map { loaded.groupLabel(of: $0) }
                == ["Thành phố Lạng Sơn", "Huyện Văn Lãng", "Huyện Lộc Bình"])
        // With a district column, reports group by district whatever group_by says (§8.1).
        let withDistricts = try scenario("baseline:", "report: {group_by: note}\nbaseline:").load()
        #expect(withDistricts.groupLabel(of: withDistricts.communes[1]) == "Văn Lãng")
    }

    @Test(arguments: [("report: {group_by: region}", "report.group_by"),
                      ("report: {group_by: status}", "report.group_by"),
                      ("report: {group_by: [a, b]}", "report.group_by"),
                      ("report: {sort_by: note}", "report.sort_by")])
    func badGroupByIsReportedAtItsLine(text: String, field: String) {
        let fixture = scenario(twoTier(), "baseline:", "\(text)\nbaseline:")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "report:", in: fixture.scenario), field: field),
                "\(problems)")
    }

    // MARK: §8.2 Criteria sets

    @Test func criteriaMetAboveCriteriaTotalIsReportedAtItsRow() {
        // criteria_total 10: the rows with 19 (line 2) and 12 (line 3) are above it; 9 (line 4) is not.
        let fixture = scenario("mode: mip", "mode: mip\ncriteria_total: 10")
        let problems = fixture.problems()
        #expect(problems.contains(file: "communes.csv", line: 2, field: "criteria_met"), "\(problems)")
        #expect(problems.contains(file: "communes.csv", line: 3, field: "criteria_met"), "\(problems)")
        #expect(!problems.contains(file: "communes.csv", line: 4, field: "criteria_met"), "\(problems)")
        let problem = problems.first { $0.location.line == 3 }
        #expect(problem?.message == "criteria_met 12 is above criteria_total 10", "\(String(describing: problem))")
        #expect(problems.count == 2)
    }

    @Test func criteriaTotalIsReadAndOverridable() throws {
        #expect(try ScenarioFixture().load().criteriaTotal == 19)
        #expect(try scenario("mode: mip", "mode: mip\ncriteria_total: 25").load().criteriaTotal == 25)
        #expect(try ScenarioFixture().load([.set("criteria_total=20")]).criteriaTotal == 20)
        // The override is checked against communes.csv like the file's value: 19 > 12 at line 2.
        let problems = ScenarioFixture().problems([.set("criteria_total=12")])
        #expect(problems.contains(file: "communes.csv", line: 2, field: "criteria_met"), "\(problems)")
    }

    @Test(arguments: ["0", "-3", "9.5", "ten", "[10]"])
    func badCriteriaTotal(value: String) {
        let fixture = scenario("mode: mip", "mode: mip\ncriteria_total: \(value)")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "criteria_total", in: fixture.scenario),
                                  field: "criteria_total"), "\(problems)")
    }

    // MARK: §8.3 Baseline coefficients as data

    /// The list of model.md §8.3 written out is exactly the default (and what the shorthand expands to).
    @Test func decision07ListEqualsTheDefault() throws {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n", """
              coefficients:
                - {when: {especially_difficult: 1}, value: 0}
                - {when: {status: [standard, advanced, model]}, value: 1.0}
                - {when: {criteria_met: {max: 14}}, value: 5.0}
                - {when: {criteria_met: {min: 15}}, value: 3.0}

            """)
        #expect(try fixture.load().baseline == BaselineCoefficients())
        // An empty rule list with a default: every commune gets the default.
        let flat = try scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n",
                                "  coefficients: []\n  default: 2\n").load()
        #expect(flat.communes.map { flat.baseline.coefficient(of: $0) } == [2, 2, 2])
    }

    /// Rules on further columns, text and booleans: the fixture's communes are 00001 (standard,
    /// note ok, labour_days 1200), 00002 (ĐBKK, border, note "biên giới", 800) and 00003 (ĐBKK,
    /// no note, 600.5).
    @Test func rulesOnFurtherColumnsLoadAndApply() throws {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n", """
              coefficients:
                - {when: {note: biên giới, border: true}, value: 7}
                - {when: {Status: STANDARD}, value: 2, plus: [{column: labour_days, times: 0.01}]}
                - {when: {labour_days: {min: 600, max: 700}}, value: 3, plus: [{column: population}]}
              default: 1.5

            """)
        let loaded = try fixture.load()
        // 00001: rule 2, 2 + 0.01·1200 = 14; 00002: rule 1, 7; 00003: rule 3, 3 + 1·2400 = 2403.
        #expect(loaded.communes.map { loaded.baseline.coefficient(of: $0) } == [14, 7, 2403])
        #expect(loaded.baseline.defaultValue == 1.5)
    }

    @Test func coefficientRuleOnAMissingColumnNamesTheRule() {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n", """
              coefficients:
                - {when: {especially_difficult: 1}, value: 0}
                - {when: {border: 1}, value: 50}
                - {when: {region: 2}, value: 40}

            """)
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "{region: 2}", in: fixture.scenario),
                                  field: "baseline.coefficients[2].when.region"), "\(problems)")
        let problem = problems.first { $0.location.field == "baseline.coefficients[2].when.region" }
        #expect(problem?.message == "baseline rule baseline.coefficients[2] names column region, which communes.csv does not have")
        #expect(problems.count == 1, "\(problems)")
    }

    @Test(arguments: [
        ("- {when: {status: [done]}, value: 1}", "baseline.coefficients[0].when.status[0]"),
        ("- {when: {border: maybe}, value: 1}", "baseline.coefficients[0].when.border"),
        ("- {when: {status: {min: 1}}, value: 1}", "baseline.coefficients[0].when.status"),
        ("- {when: {criteria_met: {min: 5, max: 3}}, value: 1}", "baseline.coefficients[0].when.criteria_met"),
        ("- {when: {criteria_met: {}}, value: 1}", "baseline.coefficients[0].when.criteria_met"),
        ("- {when: {criteria_met: {min: lots}}, value: 1}", "baseline.coefficients[0].when.criteria_met.min"),
        ("- {when: {criteria_met: {min: 1, most: 3}}, value: 1}", "baseline.coefficients[0].when.criteria_met.most"),
        ("- {when: {population: many}, value: 1}", "baseline.coefficients[0].when.population"),
        ("- {when: {border: 1}}", "baseline.coefficients[0].value"),
        ("- {when: {border: 1}, value: -1}", "baseline.coefficients[0].value"),
        ("- {when: {border: 1}, value: 1, plus: [{column: region}]}", "baseline.coefficients[0].plus[0].column"),
        ("- {when: {border: 1}, value: 1, plus: [{column: status}]}", "baseline.coefficients[0].plus[0].column"),
        ("- {when: {border: 1}, value: 1, plus: [{column: labour_days, times: -2}]}", "baseline.coefficients[0].plus[0].times"),
        ("- {when: {border: 1}, value: 1, then: 2}", "baseline.coefficients[0].then"),
        ("- {when: [border], value: 1}", "baseline.coefficients[0].when"),
    ])
    func badRuleIsReportedAtItsLineAndField(rule: String, field: String) {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n",
                               "  coefficients:\n    \(rule)\n")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: rule, in: fixture.scenario), field: field),
                "\(problems)")
    }

    /// A `plus` column must hold a number in every row: the fixture's `note` holds text.
    @Test func plusColumnWithTextIsReportedAtItsRow() {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n",
                               "  coefficients:\n    - {when: {}, value: 1, plus: [{column: note, times: 1}]}\n")
        let problems = fixture.problems()
        #expect(problems.contains(file: "communes.csv", line: 2, field: "note"), "\(problems)")
        #expect(problems.contains(file: "communes.csv", line: 3, field: "note"), "\(problems)")
    }

    /// `--set baseline.default=X` sets the coefficient of communes no rule matches: with one rule
    /// for border communes (00002 only), 00001 and 00003 get the default.
    @Test func baselineDefaultOverride() throws {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n",
                               "  coefficients:\n    - {when: {border: 1}, value: 50}\n")
        let loaded = try fixture.load([.set("baseline.default=25")])
        #expect(loaded.communes.map { loaded.baseline.coefficient(of: $0) } == [25, 50, 25])
        let unset = try fixture.load()
        #expect(unset.communes.map { unset.baseline.coefficient(of: $0) } == [0, 50, 0])
        let problems = fixture.problems([.set("baseline.default=-1")])
        #expect(problems.contains(file: "--set", line: nil, field: "baseline.default"), "\(problems)")
    }

    /// `--set baseline.coefficients.<key>` changes the shorthand; on a rule list it is refused.
    @Test func shorthandOverrideOnARuleListIsRefused() {
        let fixture = scenario("  coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}\n",
                               "  coefficients:\n    - {when: {border: 1}, value: 50}\n")
        let problems = fixture.problems([.set("baseline.coefficients.at_standard=2")])
        #expect(problems.contains(file: "--set", line: nil, field: "baseline.coefficients.at_standard"), "\(problems)")
    }
}
