import Allocation
import Foundation
import ScenarioIO
import Testing
import TestSupport

/// The multi-year inputs of docs/model.md §7.1: `periods`, `discount_rate`, per-period budgets,
/// `carry_over`, works' `duration` / `start_from` / `finish_by`, communes' `standard_by`, and
/// their `--set` overrides; every problem at its file, line and field.
@Suite struct MultiYearInputTests {
    /// The fixture planned over 2026–2028: budgets 300,000 + 350,000 + 300,000 = 950,000 (the
    /// single-period fixture's total), 30 % carry-over, 3 % discounting.
    static let scenario = ScenarioFixture.scenario
        .replacingOccurrences(of: "mode: mip\n", with: "mode: mip\nperiods: [2026, 2027, 2028]\ndiscount_rate: 0.03\n")
        .replacingOccurrences(of: "    budget: 950000\n",
                              with: "    budget: {2026: 300000, 2027: 350000, 2028: 300000}\n    carry_over: 0.3\n")

    static let works = """
        id,commune,category,cost,benefit,required,community_buildable,divisible,duration,start_from,finish_by
        w1,00001,Transport,1500,,1,0,1,2,2027,
        w2,00002,irrigation,800.5,1000,0,1,0,,,2027
        w3,00003,culture,300,,true,TRUE,False,3,,

        """

    static let communes = """
        code,name,district,population,especially_difficult,border,status,criteria_met,labour_days,note,standard_by
        00001,"Phường Hoàng Văn Thụ, TP",Thành phố Lạng Sơn,5200,0,0,standard,19,1200,ok,
        00002,Xã Tân Thanh,Văn Lãng,3100,1,TRUE,target,12,800,biên giới,2027
        00003, Xã Mẫu Sơn ,Lộc Bình,2400,true,0,None,9,600.5,,

        """

    /// The multi-year fixture with `old` replaced by `new` in scenario.yaml.
    private func fixture(scenario old: String = "", _ new: String = "",
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScenarioFixture {
        var fixture = ScenarioFixture()
        fixture.scenario = Self.scenario
        fixture.works = Self.works
        fixture.communes = Self.communes
        if !old.isEmpty {
            fixture.scenario = fixture.scenario.replacingOccurrences(of: old, with: new)
            #expect(fixture.scenario != Self.scenario, "fixture edit did not apply", sourceLocation: sourceLocation)
        }
        return fixture
    }

    /// Expects a problem in `file` at the line of `fileText` containing `needle`, for `field`,
    /// whose message contains `message`.
    private func expectProblem(_ fixture: ScenarioFixture, _ overrides: [ScenarioOverride] = [],
                               in file: String = "scenario.yaml", at needle: String, field: String,
                               message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = file == "scenario.yaml" ? fixture.scenario : file == "works.csv" ? fixture.works : fixture.communes
        let expectedLine = line(of: needle, in: text)
        #expect(expectedLine > 0, "no line contains \(needle)", sourceLocation: sourceLocation)
        let problems = fixture.problems(overrides, sourceLocation: sourceLocation)
        let found = problems.first {
            $0.location.file.hasSuffix(file) && $0.location.line == expectedLine && $0.location.field == field
        }
        #expect(found != nil, "\(problems)", sourceLocation: sourceLocation)
        #expect(found?.message.contains(message) == true, "\(found?.description ?? "")", sourceLocation: sourceLocation)
    }

    /// Expects a problem of a `--set` override, located at file `--set` and the key.
    private func expectOverrideProblem(_ fixture: ScenarioFixture, _ setting: String, message: String,
                                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let override = try ScenarioOverride(parsing: setting)
        let problems = fixture.problems([override], sourceLocation: sourceLocation)
        let found = problems.first { $0.location == ScenarioIO.SourceLocation(file: "--set", field: override.key) }
        #expect(found != nil, "\(problems)", sourceLocation: sourceLocation)
        #expect(found?.message.contains(message) == true, "\(found?.description ?? "")", sourceLocation: sourceLocation)
    }

    private func works(_ old: String, _ new: String) -> ScenarioFixture {
        var fixture = fixture()
        fixture.works = fixture.works.replacingOccurrences(of: old, with: new)
        #expect(fixture.works != Self.works, "fixture edit did not apply")
        return fixture
    }

    // MARK: Reading

    @Test func multiYearScenarioLoads() throws {
        let scenario = try fixture().load()
        #expect(scenario.periods == ["2026", "2027", "2028"])
        #expect(scenario.periodCount == 3)
        #expect(scenario.discountRate == 0.03)
        let central = scenario.sources[0]
        #expect(central.budgetByPeriod == [300_000, 350_000, 300_000])
        #expect(central.scope == .pooled(budget: 950_000))
        #expect(central.carryOver == 0.3)
        #expect(central.budget(inPeriod: 1) == 350_000)
        #expect(scenario.sources[1].budgetByPeriod == nil && scenario.sources[1].carryOver == 0)

        let works = Dictionary(uniqueKeysWithValues: scenario.works.map { ($0.id, $0) })
        #expect(works["w1"]?.duration == 2 && works["w1"]?.startFrom == 1 && works["w1"]?.finishBy == nil)
        #expect(works["w2"]?.duration == 1 && works["w2"]?.startFrom == nil && works["w2"]?.finishBy == 1)
        #expect(works["w3"]?.duration == 3 && works["w3"]?.startFrom == nil && works["w3"]?.finishBy == nil)

        let communes = Dictionary(uniqueKeysWithValues: scenario.communes.map { ($0.code, $0) })
        #expect(communes["00002"]?.standardBy == 1)
        #expect(communes["00001"]?.standardBy == nil && communes["00003"]?.standardBy == nil)
        // standard_by is an input of the model, not a further (capacity) column.
        #expect(communes["00002"]?.numericColumns["standard_by"] == nil)
    }

    @Test func aPeriodNotNamedHasNoBudget() throws {
        let scenario = try fixture(scenario: "{2026: 300000, 2027: 350000, 2028: 300000}", "{2027: 5}").load()
        #expect(scenario.sources[0].budgetByPeriod == [0, 5, 0])
        #expect(scenario.sources[0].scope == .pooled(budget: 5))
    }

    @Test func labelsAreTextsAsWritten() throws {
        var fixture = fixture(scenario: "periods: [2026, 2027, 2028]", "periods: [KH-1, \"2027\", Năm 3]")
        fixture.scenario = fixture.scenario.replacingOccurrences(
            of: "{2026: 300000, 2027: 350000, 2028: 300000}", with: "{KH-1: 1, 2027: 2, Năm 3: 3}")
        fixture.works = fixture.works.replacingOccurrences(of: "2,2027,", with: "2,KH-1,")
            .replacingOccurrences(of: ",,,2027", with: ",,,Năm 3")
        fixture.communes = fixture.communes.replacingOccurrences(of: ",2027\n", with: ",KH-1\n")
        let scenario = try fixture.load()
        #expect(scenario.periods == ["KH-1", "2027", "Năm 3"])
        #expect(scenario.sources[0].budgetByPeriod == [1, 2, 3])
        #expect(scenario.works.first { $0.id == "w1" }?.startFrom == 0)
        #expect(scenario.works.first { $0.id == "w2" }?.finishBy == 2)
        #expect(scenario.communes.first { $0.code == "00002" }?.standardBy == 0)
    }

    /// `periods: [X]` with `budget: {X: B}` is the single-period scenario with `budget: B`.
    @Test func onePeriodIsTheSinglePeriodScenario() throws {
        let single = try ScenarioFixture().load()
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario
            .replacingOccurrences(of: "mode: mip\n", with: "mode: mip\nperiods: [2025]\n")
            .replacingOccurrences(of: "budget: 950000", with: "budget: {2025: 950000}")
        let one = try fixture.load()
        #expect(one.periods == ["2025"] && single.periods.isEmpty)
        #expect(one.sources[0].budgetByPeriod == [950_000] && single.sources[0].budgetByPeriod == nil)
        #expect(one.periodCount == 1 && single.periodCount == 1)
        var sources = one.sources
        sources[0].budgetByPeriod = nil
        #expect(sources == single.sources)
        #expect(one.sources[0].budget(inPeriod: 0) == single.sources[0].budget(inPeriod: 0))
        #expect(one.name == single.name && one.mode == single.mode)
        #expect(one.communes == single.communes && one.works == single.works)
        #expect(one.weights == single.weights && one.rules == single.rules && one.baseline == single.baseline)
        #expect(one.discountRate == single.discountRate && one.criteriaTotal == single.criteriaTotal)
        #expect(one.hasDistricts == single.hasDistricts && one.groupBy == single.groupBy)
    }

    @Test func trivialWorkColumnsWithoutPeriodsAreAccepted() throws {
        var fixture = ScenarioFixture()
        fixture.works = """
            id,commune,category,cost,benefit,required,community_buildable,divisible,duration,start_from,finish_by
            w1,00001,Transport,1500,,1,0,1,1,,
            w2,00002,irrigation,800.5,1000,0,1,0,,,

            """
        let works = try fixture.load().works
        #expect(works.map(\.duration) == [1, 1])
        #expect(works.allSatisfy { $0.startFrom == nil && $0.finishBy == nil })
    }

    // MARK: periods and discount_rate

    @Test func duplicatePeriodAtItsLine() {
        let fixture = fixture(scenario: "periods: [2026, 2027, 2028]\n",
                              "periods:\n  - 2026\n  - 2027\n  - 2026 # again\n  - 2028\n")
        expectProblem(fixture, at: "2026 # again", field: "periods[2]", message: "duplicate period 2026")
    }

    @Test(arguments: [("[]", "empty"), ("2026", "expected a list"), ("{a: 1}", "expected a list"),
                      ("[2026, [2027]]", "expected a text value")])
    func unreadablePeriods(value: String, message: String) {
        let fixture = fixture(scenario: "periods: [2026, 2027, 2028]", "periods: \(value)")
        let field = value.hasPrefix("[2026") ? "periods[1]" : "periods"
        expectProblem(fixture, at: "periods:", field: field, message: message)
    }

    @Test func unreadablePeriodsDoNotRaiseAProblemOnEveryLabel() {
        // Budgets, works and communes name periods; with `periods` broken only it is reported.
        let problems = fixture(scenario: "periods: [2026, 2027, 2028]", "periods: 2026").problems()
        #expect(problems.map(\.location.field) == ["periods"], "\(problems)")
    }

    @Test func tooManyPeriods() {
        let many = (1...51).map { "p\($0)" }.joined(separator: ", ")
        expectProblem(fixture(scenario: "periods: [2026, 2027, 2028]", "periods: [\(many)]"),
                      at: "periods:", field: "periods", message: "at most 50")
    }

    @Test(arguments: [("-0.01", "not between 0 and 1"), ("3", "not between 0 and 1"), ("soon", "not a number"),
                      ("1e-9", "too small")])
    func badDiscountRate(value: String, message: String) {
        expectProblem(fixture(scenario: "discount_rate: 0.03", "discount_rate: \(value)"),
                      at: "discount_rate", field: "discount_rate", message: message)
    }

    @Test func discountRateNeedsPeriods() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "mode: mip\n", with: "mode: mip\ndiscount_rate: 0.03\n")
        expectProblem(fixture, at: "discount_rate", field: "discount_rate", message: "only to a scenario with periods")
    }

    // MARK: Budgets and carry-over

    @Test func plainBudgetInAMultiYearScenario() {
        expectProblem(fixture(scenario: "{2026: 300000, 2027: 350000, 2028: 300000}", "950000"),
                      at: "budget: 950000", field: "sources[0].budget", message: "give one amount per period")
    }

    @Test func budgetUnderAnUnknownLabel() {
        let fixture = fixture(scenario: "    budget: {2026: 300000, 2027: 350000, 2028: 300000}\n",
                              "    budget:\n      2026: 300000\n      2031: 5\n")
        expectProblem(fixture, at: "2031: 5", field: "sources[0].budget.2031", message: "not one of the scenario's periods")
    }

    @Test(arguments: [("-5", "negative"), ("1e12", "too large"), ("lots", "not a number"), ("", "found nothing")])
    func badPeriodBudget(value: String, message: String) {
        let fixture = fixture(scenario: "    budget: {2026: 300000, 2027: 350000, 2028: 300000}\n",
                              "    budget:\n      2026: 300000\n      2027: \(value)\n")
        expectProblem(fixture, at: "2027: \(value)", field: "sources[0].budget.2027", message: message)
    }

    @Test func budgetPerPeriodWithoutPeriods() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "budget: 950000", with: "budget: {2026: 950000}")
        expectProblem(fixture, at: "budget: {2026", field: "sources[0].budget", message: "has no periods")
    }

    @Test(arguments: ["1.5", "-0.1", "all"])
    func carryOverOutsideZeroToOne(value: String) {
        expectProblem(fixture(scenario: "carry_over: 0.3", "carry_over: \(value)"),
                      at: "carry_over", field: "sources[0].carry_over", message: value)
    }

    @Test func carryOverOnALocalSource() {
        expectProblem(fixture(scenario: "    unit_value: 0.2", "    unit_value: 0.2\n    carry_over: 0.5"),
                      at: "carry_over: 0.5", field: "sources[1].carry_over", message: "only to pooled sources")
    }

    @Test func carryOverNeedsPeriods() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "    budget: 950000",
                                                                 with: "    budget: 950000\n    carry_over: 0.2")
        expectProblem(fixture, at: "carry_over", field: "sources[0].carry_over", message: "only to a scenario with periods")
    }

    // MARK: works.csv

    @Test func unknownStartFrom() {
        expectProblem(works("2,2027,", "2,2025,"), in: "works.csv", at: "w1,", field: "start_from",
                      message: "\"2025\" is not one of the scenario's periods")
    }

    @Test func unknownFinishBy() {
        expectProblem(works(",,,2027", ",,,2030"), in: "works.csv", at: "w2,", field: "finish_by",
                      message: "\"2030\" is not one of the scenario's periods")
    }

    @Test(arguments: [("0", "out of range"), ("two", "not a number"), ("1.5", "not a whole number"), ("-2", "negative")])
    func badDuration(value: String, message: String) {
        expectProblem(works("2,2027,", "\(value),2027,"), in: "works.csv", at: "w1,", field: "duration", message: message)
    }

    @Test func durationThatDoesNotFit() {
        // S_p = {t : 2027 ≤ t, t + 3 − 1 ≤ 2028} is empty: 2027–2028 holds two periods, not three.
        expectProblem(works("w3,00003,culture,300,,true,TRUE,False,3,,", "w3,00003,culture,300,,true,TRUE,False,3,2027,"),
                      in: "works.csv", at: "w3,", field: "duration", message: "duration 3 does not fit between 2027 and 2028")
    }

    @Test func durationLongerThanThePlan() {
        expectProblem(works("3,,", "99999999999,,"), in: "works.csv", at: "w3,", field: "duration",
                      message: "duration 99999999999 does not fit between 2026 and 2028")
    }

    @Test func durationThatFitsExactly() throws {
        // Two periods from 2027 to 2028: S_p = {2027}.
        let fixture = works(",,,2027", ",2,2027,2028")
        let w2 = try fixture.load().works.first { $0.id == "w2" }
        #expect(w2?.duration == 2 && w2?.startFrom == 1 && w2?.finishBy == 2)
    }

    @Test func startAfterFinish() {
        expectProblem(works(",,,2027", ",,2028,2027"), in: "works.csv", at: "w2,", field: "start_from",
                      message: "start_from 2028 is after finish_by 2027")
    }

    @Test(arguments: [("1500,,1,0,1,1,,", "1500,,1,0,1,2,,", "duration", "duration 2 needs periods"),
                      ("1500,,1,0,1,1,,", "1500,,1,0,1,1,2026,", "start_from", "the scenario has no periods"),
                      ("1500,,1,0,1,1,,", "1500,,1,0,1,1,,2026", "finish_by", "the scenario has no periods")])
    func workPeriodColumnsWithoutPeriods(old: String, new: String, field: String, message: String) {
        var fixture = ScenarioFixture()
        fixture.works = """
            id,commune,category,cost,benefit,required,community_buildable,divisible,duration,start_from,finish_by
            w1,00001,Transport,1500,,1,0,1,1,,

            """.replacingOccurrences(of: old, with: new)
        expectProblem(fixture, in: "works.csv", at: "w1,", field: field, message: message)
    }

    // MARK: communes.csv

    @Test func unknownStandardBy() {
        var fixture = fixture()
        fixture.communes = fixture.communes.replacingOccurrences(of: ",2027\n", with: ",2029\n")
        expectProblem(fixture, in: "communes.csv", at: "00002,", field: "standard_by",
                      message: "\"2029\" is not one of the scenario's periods")
    }

    @Test func standardByNeedsPeriods() {
        var fixture = fixture()
        fixture.scenario = ScenarioFixture.scenario
        fixture.works = ScenarioFixture.works
        expectProblem(fixture, in: "communes.csv", at: "00002,", field: "standard_by",
                      message: "the scenario has no periods")
    }

    // MARK: Overrides

    @Test func overrideOnePeriodsBudget() throws {
        let scenario = try fixture().load([try ScenarioOverride(parsing: "sources.ntm-central.budget.2027=400000")])
        #expect(scenario.sources[0].budgetByPeriod == [300_000, 400_000, 300_000])
        #expect(scenario.sources[0].scope == .pooled(budget: 1_000_000))
    }

    @Test func overrideAPeriodMissingFromTheMapping() throws {
        let fixture = fixture(scenario: "{2026: 300000, 2027: 350000, 2028: 300000}", "{2026: 300000}")
        let scenario = try fixture.load([try ScenarioOverride(parsing: "sources.ntm-central.budget.2028=7")])
        #expect(scenario.sources[0].budgetByPeriod == [300_000, 0, 7])
        #expect(scenario.sources[0].scope == .pooled(budget: 300_007))
    }

    @Test func overridePeriodBudgetOfASourceIdWithDots() throws {
        let fixture = fixture(scenario: "id: ntm-central", "id: ntm.budget.central")
        let scenario = try fixture.load([try ScenarioOverride(parsing: "sources.ntm.budget.central.budget.2026=1")])
        #expect(scenario.sources[0].budgetByPeriod == [1, 350_000, 300_000])
    }

    @Test func overrideCarryOverAndDiscountRate() throws {
        let scenario = try fixture().load([try ScenarioOverride(parsing: "sources.ntm-central.carry_over=0.5"),
                                           try ScenarioOverride(parsing: "discount_rate=0.05")])
        #expect(scenario.sources[0].carryOver == 0.5 && scenario.discountRate == 0.05)
    }

    @Test func overrideOfTheWholeBudgetMustNameThePeriod() throws {
        try expectOverrideProblem(fixture(), "sources.ntm-central.budget=900000", message: "must name the period")
    }

    @Test func overrideOfAnUnknownPeriod() throws {
        try expectOverrideProblem(fixture(), "sources.ntm-central.budget.2031=5", message: "not one of the scenario's periods")
    }

    @Test func overrideOfAPeriodBudgetIsChecked() throws {
        try expectOverrideProblem(fixture(), "sources.ntm-central.budget.2027=-5", message: "negative")
        try expectOverrideProblem(fixture(), "sources.ntm-central.carry_over=2", message: "not between 0 and 1")
        try expectOverrideProblem(fixture(), "discount_rate=-1", message: "not between 0 and 1")
    }

    @Test func overrideOfAPeriodBudgetWithoutPeriods() throws {
        try expectOverrideProblem(ScenarioFixture(), "sources.ntm-central.budget.2027=5", message: "has no periods")
        try expectOverrideProblem(ScenarioFixture(), "discount_rate=0.1", message: "only to a scenario with periods")
    }

    @Test func overrideOfAPeriodBudgetOfAnUnknownOrLocalSource() throws {
        try expectOverrideProblem(fixture(), "sources.central.budget.2027=5", message: "no source with id central")
        try expectOverrideProblem(fixture(), "sources.labour.budget.2027=5", message: "only to pooled sources")
    }

    @Test(arguments: ["sources.x.budget.=1", "sources..budget.2027=1", "periods=2026"])
    func malformedPeriodKeysAreRejectedWhenParsed(text: String) {
        let error = #expect(throws: ScenarioLoadError.self) { try ScenarioOverride(parsing: text) }
        #expect(error?.problems.first?.location.field == String(text.prefix { $0 != "=" }))
    }

    // MARK: Fuzzing

    /// Mutants of the multi-year fixture (periods, per-period budgets, the works' and communes'
    /// period columns) load or are refused with every problem at a line of an existing file.
    @Test func multiYearMutantsLoadOrAreRefusedWithALocation() throws {
        let directory = try fixture().write()
        defer { directory.remove() }
        let corpus = ScenarioFuzzer.Corpus(folder: directory.path, scenario: "scenario.yaml",
                                           files: ["scenario.yaml", "data/communes.csv", "data/works.csv"])
        var fuzzer = ScenarioFuzzer(seed: LoaderFuzzTests.seed)
        let report = try fuzzer.run(count: 200, corpora: [corpus])
        #expect(report.violations.isEmpty, "\(report.violations.prefix(20).map(\.description).joined(separator: "\n"))")
        #expect(report.mutants == 200 && report.rejected > 50 && report.loaded > 0)
        #expect(report.slowest < 10, "\(report.slowestMutant)")
    }

    // MARK: ScenarioParameter

    @Test func periodBudgetParameter() throws {
        let scenario = try fixture().load()
        let parameter = try #require(ScenarioParameter(key: "sources.ntm-central.budget.2027", in: scenario))
        #expect(parameter == .periodBudget(source: 0, period: 1))
        #expect(parameter.key(in: scenario) == "sources.ntm-central.budget.2027")
        #expect(parameter.value(in: scenario) == 350_000)
        #expect(parameter.family == .pooledBudget && parameter.largerIsLooser && parameter.isBudget)
        #expect(ScenarioParameter.budget(source: 0).isBudget && !ScenarioParameter.maxShare(source: 1).isBudget)
        let changed = parameter.setting(100_000, in: scenario)
        #expect(changed.sources[0].budgetByPeriod == [300_000, 100_000, 300_000])
        #expect(changed.sources[0].budget == 700_000)
        #expect(ScenarioParameter(key: "sources.ntm-central.budget.2031", in: scenario) == nil)
        #expect(ScenarioParameter(key: "sources.labour.budget.2027", in: scenario) == nil)
    }

    @Test func budgetParameterScalesTheWholeSchedule() throws {
        let scenario = try fixture().load()
        let parameter = try #require(ScenarioParameter(key: "sources.ntm-central.budget", in: scenario))
        #expect(parameter == .budget(source: 0) && parameter.value(in: scenario) == 950_000)
        // Twice the total: every year doubles (factor 2 is exact in binary).
        let doubled = parameter.setting(1_900_000, in: scenario)
        #expect(doubled.sources[0].budgetByPeriod == [600_000, 700_000, 600_000])
        #expect(doubled.sources[0].budget == 1_900_000)
        // Scaling to 0, then back up from an all-zero schedule: spread equally.
        let none = parameter.setting(0, in: scenario)
        #expect(none.sources[0].budgetByPeriod == [0, 0, 0] && none.sources[0].budget == 0)
        let spread = parameter.setting(90, in: none)
        #expect(spread.sources[0].budgetByPeriod == [30, 30, 30] && spread.sources[0].budget == 90)
    }

    @Test func budgetParameterOfASinglePeriodSourceIsUnchanged() throws {
        let scenario = try ScenarioFixture().load()
        let changed = ScenarioParameter.budget(source: 0).setting(123, in: scenario)
        #expect(changed.sources[0].scope == .pooled(budget: 123) && changed.sources[0].budgetByPeriod == nil)
    }
}
