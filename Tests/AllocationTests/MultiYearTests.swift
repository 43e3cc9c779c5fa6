import Foundation
import Testing
import LinearProgramming
import ScenarioIO
import TestSupport
@testable import Allocation

/// The multi-year model (docs/model.md §7), one rule at a time, on scenarios small enough to
/// solve by hand. Every case is solved monolithically and decomposed (and, where it says so, as
/// a MIP); values are derived in the comments.
@Suite struct MultiYearTests {
    /// A pooled source with one budget per period.
    static func pooled(_ id: String, _ kind: SourceKind, _ budgets: [Double], carryOver: Double = 0,
                       eligibility: Eligibility = Eligibility()) -> FundingSource {
        var source = FundingSource(id: id, name: id, kind: kind, scope: .pooled(budget: budgets.reduce(0, +)),
                                   eligibility: eligibility)
        source.budgetByPeriod = budgets
        source.carryOver = carryOver
        return source
    }

    static func work(_ id: String, _ commune: String, cost: Double, benefit: Double? = nil, duration: Int = 1,
                     startFrom: Int? = nil, finishBy: Int? = nil, required: Bool = false) -> Work {
        var work = Work(id: id, commune: commune, category: "transport", cost: cost, benefit: benefit, required: required)
        work.duration = duration
        work.startFrom = startFrom
        work.finishBy = finishBy
        return work
    }

    static func scenario(periods: [String], communes: [Commune], works: [Work], sources: [FundingSource],
                         discountRate: Double = 0, rules: Rules = Rules(), weights: WeightsProfile = WeightsProfile()) -> Scenario {
        var scenario = Scenario(name: "multi-year", communes: communes, works: works, sources: sources, weights: weights, rules: rules)
        scenario.periods = periods
        scenario.discountRate = discountRate
        return scenario
    }

    /// Solves on both paths; both must be optimal and agree on the objective.
    static func solve(_ scenario: Scenario, mode: SolveMode = .lp) throws -> AllocationPlan {
        let model = AllocationModel(scenario: scenario, mode: mode)
        let monolithic = try model.solve(options: SolverOptions(), path: .monolithic)
        #expect(monolithic.status == .optimal, "\(monolithic.termination)")
        if mode == .lp {
            var settings = DecompositionOptions()
            settings.fallbackToMonolithic = false
            let decomposed = try model.solve(options: SolverOptions(), path: .decomposed, decomposition: settings)
            #expect(decomposed.status == .optimal, "decomposed: \(decomposed.termination)")
            #expect(abs((decomposed.objective ?? .nan) - (monolithic.objective ?? .nan)) <= 1e-7 * max(1, abs(monolithic.objective ?? 0)))
            for (a, b) in zip(monolithic.fundedShares, decomposed.fundedShares) { #expect(abs(a - b) < 1e-6) }
        }
        return monolithic
    }

    static func amount(_ plan: AllocationPlan, source: String, work: String, period: Int) -> Double {
        plan.allocations.filter {
            plan.scenario.sources[$0.source].id == source && plan.scenario.works[$0.work].id == work && $0.period == period
        }.reduce(0) { $0 + $1.amount }
    }

    /// `periods: [X]` is exactly the single-period model: the same program (rows, columns, names,
    /// coefficients) and so the same optimum and plan — here on the bundled Lạng Sơn scenario.
    @Test func onePeriodIsTheSinglePeriodModel() throws {
        let single = try ScenarioLoader.load(Repository.langSonScenario)
        var one = single
        one.periods = ["2025"]
        one.sources = one.sources.map { s in
            var s = s
            if let budget = s.budget { s.budgetByPeriod = [budget] }
            return s
        }
        let a = AllocationModel(scenario: single), b = AllocationModel(scenario: one)
        #expect(a.program.variables == b.program.variables)
        #expect(a.program.constraints == b.program.constraints)
        #expect(a.program.activities(at: a.program.variables.map(\.upper).map { $0.isFinite ? $0 : 1 })
                == b.program.activities(at: b.program.variables.map(\.upper).map { $0.isFinite ? $0 : 1 }))
        let planA = try a.solve(path: .automatic), planB = try b.solve(path: .automatic)
        #expect(planA.objective == planB.objective)
        #expect(planA.allocations == planB.allocations)
    }

    /// Carry-over binds. One work of 100 (value 1 per million) may only start in the second year;
    /// the budget is 100 in the first year, 0 in the second. Without carry-over nothing can be
    /// spent (value 0). With carry_over 0.6 at most 60 reaches year 2: y = 0.6, value 60;
    /// 40 lapses in year 1; year 2's budget row binds (price 1), year 1's does not (price 0).
    @Test func carryOverBinds() throws {
        let communes = [Commune(code: "A", name: "Xã A", district: "")]
        let works = [Self.work("w", "A", cost: 100, startFrom: 1)]
        let none = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: communes, works: works,
                                                sources: [Self.pooled("central", .central, [100, 0])]))
        #expect(abs(none.objective ?? .nan) < 1e-9)
        let plan = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: communes, works: works,
                                                sources: [Self.pooled("central", .central, [100, 0], carryOver: 0.6)]))
        #expect(abs((plan.objective ?? .nan) - 60) < 1e-9)
        #expect(abs(plan.fundedShares[0] - 0.6) < 1e-9)
        #expect(abs(Self.amount(plan, source: "central", work: "w", period: 1) - 60) < 1e-9)
        let byPeriod = plan.sources[0].byPeriod
        #expect(byPeriod.count == 2)
        #expect(abs(byPeriod[0].carriedOut - 60) < 1e-9 && abs(byPeriod[0].lapsed - 40) < 1e-9 && abs(byPeriod[0].used) < 1e-9)
        #expect(abs(byPeriod[1].carriedIn - 60) < 1e-9 && abs(byPeriod[1].used - 60) < 1e-9 && abs(byPeriod[1].lapsed) < 1e-9)
        #expect(abs((byPeriod[0].shadowPrice ?? .nan)) < 1e-9)
        #expect(abs((byPeriod[1].shadowPrice ?? .nan) - 1) < 1e-9)
        #expect(plan.sources[0].shadowPrice == nil)   // no whole-plan price with several periods
    }

    /// A two-year work meets its finish_by. Cost 200 over 2 years (100 a year), finish_by the
    /// second of three years: it can only start in year 1. Budgets 100, 100, 1000: it is funded
    /// whole, 100 in year 1 and 100 in year 2, value 200 — also as a MIP (indivisible). With a
    /// year-1 budget of 50 only half can start: y = 0.5, value 100 (LP); the MIP funds nothing.
    @Test func twoYearWorkMeetsItsFinishBy() throws {
        let communes = [Commune(code: "A", name: "Xã A", district: "")]
        let periods = ["2026", "2027", "2028"]
        var works = [Self.work("school", "A", cost: 200, duration: 2, finishBy: 1)]
        let scenario = Self.scenario(periods: periods, communes: communes, works: works,
                                     sources: [Self.pooled("central", .central, [100, 100, 1000])])
        let plan = try Self.solve(scenario)
        #expect(abs((plan.objective ?? .nan) - 200) < 1e-9)
        #expect(plan.schedule[0] == WorkSchedule(start: 0, finish: 1))
        #expect(abs(Self.amount(plan, source: "central", work: "school", period: 0) - 100) < 1e-9)
        #expect(abs(Self.amount(plan, source: "central", work: "school", period: 1) - 100) < 1e-9)
        #expect(abs(Self.amount(plan, source: "central", work: "school", period: 2)) < 1e-9)
        works[0].divisible = false
        var whole = scenario
        whole.works = works
        let mip = try Self.solve(whole, mode: .mip)
        #expect(abs((mip.objective ?? .nan) - 200) < 1e-9)

        var short = scenario
        short.sources = [Self.pooled("central", .central, [50, 100, 1000])]
        let half = try Self.solve(short)
        #expect(abs((half.objective ?? .nan) - 100) < 1e-9 && abs(half.fundedShares[0] - 0.5) < 1e-9)
        short.works = works
        let none = try Self.solve(short, mode: .mip)
        #expect(abs(none.objective ?? .nan) < 1e-9)
    }

    /// Discounting moves a work earlier. Two one-year works of cost 100: w1 worth 100, w2 worth 200;
    /// budgets 100 a year for two years, so one is built each year. Undiscounted both orders are
    /// worth 300 (which is built first is then the tie-break's choice). At a 10 % discount
    /// rate w2 first is worth 200 + 100/1.1 = 290.909…, against 100 + 200/1.1 = 281.818…: w2 moves
    /// to the first year.
    @Test func discountingMovesTheMoreValuableWorkEarlier() throws {
        let communes = [Commune(code: "A", name: "Xã A", district: "")]
        let works = [Self.work("w1", "A", cost: 100, benefit: 100), Self.work("w2", "A", cost: 100, benefit: 200)]
        let sources = [Self.pooled("central", .central, [100, 100])]
        let flat = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: communes, works: works, sources: sources))
        #expect(abs((flat.objective ?? .nan) - 300) < 1e-9)
        let discounted = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: communes, works: works, sources: sources,
                                                      discountRate: 0.1))
        #expect(abs((discounted.objective ?? .nan) - (200 + 100 / 1.1)) < 1e-9)
        #expect(discounted.schedule[1]?.start == 0 && discounted.schedule[0]?.start == 1)
    }

    /// standard_by. A target commune's one required work (cost 100, value 100) can only be paid in
    /// year 2 (year-1 budget 0); Ω = 50. With standard_by year 2 the commune reaches the standard:
    /// value 100 + 50 = 150, reached by year 2 (0 communes by year 1, 1 by year 2). With
    /// standard_by year 1 it cannot (z = 0): value 100.
    @Test func standardByDeadline() throws {
        var weights = WeightsProfile()
        weights.standardBonus = 50
        let works = [Self.work("r", "T", cost: 100, required: true)]
        let sources = [Self.pooled("central", .central, [0, 100])]
        var target = Commune(code: "T", name: "Xã T", district: "", status: .target)
        let late = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: [target], works: works, sources: sources,
                                                weights: weights))
        #expect(abs((late.objective ?? .nan) - 150) < 1e-9)
        #expect(late.targetCommunesReachingStandardByPeriod == [0, 1])
        target.standardBy = 0
        let early = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: [target], works: works, sources: sources,
                                                 weights: weights))
        #expect(abs((early.objective ?? .nan) - 100) < 1e-9)
    }

    /// The counterpart binds each year. ρ = 0.5; central 100 a year, local budget 100 in year 1
    /// and 0 in year 2; one large work per year (w1 in year 1, w2 in year 2, value 1 per million).
    /// Year 1: 100 central + 100 local = 200. Year 2: no local money, so no central money either.
    /// Value 200 (a counterpart over the whole plan would have allowed 300).
    @Test func counterpartBindsEachYear() throws {
        var rules = Rules()
        rules.counterpartRatio = 0.5
        let communes = [Commune(code: "A", name: "Xã A", district: "")]
        let works = [Self.work("w1", "A", cost: 1000, finishBy: 0), Self.work("w2", "A", cost: 1000, startFrom: 1)]
        let plan = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: communes, works: works,
                                                sources: [Self.pooled("central", .central, [100, 100]),
                                                          Self.pooled("province", .localBudget, [100, 0])],
                                                rules: rules))
        #expect(abs((plan.objective ?? .nan) - 200) < 1e-9)
        #expect(abs(plan.sources[0].byPeriod[1].used) < 1e-9)
        #expect(abs(plan.sources[0].byPeriod[1].lapsed - 100) < 1e-9)
    }

    /// The priority share binds each year. g = 0.5; a border commune P whose only work must be
    /// built in year 1, an other commune O with a work that may be built any year; central 100 a
    /// year. Year 1: all 100 can be spent (at least 50 in P). Year 2: P spends nothing, so
    /// nothing may be spent. Value 100 (over the whole plan the rule would have allowed 200).
    @Test func priorityShareBindsEachYear() throws {
        var rules = Rules()
        rules.priorityShareMin = 0.5
        let communes = [Commune(code: "P", name: "Xã P", district: "", border: true), Commune(code: "O", name: "Xã O", district: "")]
        let works = [Self.work("p1", "P", cost: 1000, finishBy: 0), Self.work("o1", "O", cost: 1000)]
        let plan = try Self.solve(Self.scenario(periods: ["2026", "2027"], communes: communes, works: works,
                                                sources: [Self.pooled("central", .central, [100, 100])], rules: rules))
        #expect(abs((plan.objective ?? .nan) - 100) < 1e-9)
        #expect(abs(plan.sources[0].byPeriod[0].used - 100) < 1e-9)
        #expect(Self.amount(plan, source: "central", work: "p1", period: 0) >= 50 - 1e-9)
        #expect(abs(plan.sources[0].byPeriod[1].used) < 1e-9)
    }
}

extension MultiYearTests {
    /// The status quo over two years (docs/model.md, multi-year baseline rules). A (10 criteria,
    /// coefficient 5) has a1; B (standard, coefficient 1) has b1 and b2, b2 only from year 2; all
    /// cost 100 and are worth 1 per million. Central 240 in year 1, 0 in year 2, carry_over 0.25.
    /// Year 1: 240 split 5:1 with absorption caps A 100 (a1), B 100 (b1): A 100, B 100, 40 left.
    /// a1 and b1 are funded whole. 40 ≤ 0.25·240 is carried; in year 2 it goes to B (b2): b2 starts
    /// at 0.4. Value 100 + 100 + 40 = 240, carried 40.
    @Test func statusQuoIsSplitAndFundedYearByYear() throws {
        let communes = [Commune(code: "A", name: "Xã A", district: "", criteriaMet: 10),
                        Commune(code: "B", name: "Xã B", district: "", status: .standard, criteriaMet: 19)]
        let works = [Self.work("a1", "A", cost: 100), Self.work("b1", "B", cost: 100), Self.work("b2", "B", cost: 100, startFrom: 1)]
        let scenario = Self.scenario(periods: ["2026", "2027"], communes: communes, works: works,
                                     sources: [Self.pooled("central", .central, [240, 0], carryOver: 0.25)])
        let model = AllocationModel(scenario: scenario)
        let baseline = StatusQuoBaseline(model: model)
        #expect(abs((baseline.plan.objective ?? .nan) - 240) < 1e-9)
        #expect(abs(baseline.plan.fundedShares[0] - 1) < 1e-9 && abs(baseline.plan.fundedShares[1] - 1) < 1e-9)
        #expect(abs(baseline.plan.fundedShares[2] - 0.4) < 1e-9)
        #expect(abs(baseline.plan.sources[0].byPeriod[0].carriedOut - 40) < 1e-9)
        #expect(baseline.violatedRules.isEmpty, "\(baseline.violatedRules)")
        // The optimum is worth at least as much (it meets every rule the baseline meets).
        let optimum = try Self.solve(scenario)
        #expect((optimum.objective ?? 0) >= 240 - 1e-9)
    }
}

extension MultiYearTests {
    /// explain over several years: one more billion of each year's money whose price is above
    /// zero. Commune A's work w1 (cost 3,000) can use central money of 1,000 in 2026 and 500 in
    /// 2027, so it is half funded and both years' money is priced at v₁/3,000 (no discounting).
    /// One more billion in either year funds 1,000 more of w1: the re-solve gains 1,000·v₁/3,000,
    /// the same as the dual says. The narrow source (300 a year, for border commune B's work of 100) is
    /// not used up: priced 0 in both years, reported without a re-solve.
    @Test func explanationPricesEachYearsMoney() throws {
        let scenario = Self.scenario(
            periods: ["2026", "2027"],
            communes: [Commune(code: "A", name: "Xã A", district: "D"), Commune(code: "B", name: "Xã B", district: "D", border: true)],
            works: [Self.work("w1", "A", cost: 3000), Self.work("w2", "B", cost: 100)],
            sources: [Self.pooled("central", .central, [1000, 500]),
                      Self.pooled("narrow", .integrated, [300, 300], eligibility: Eligibility(communes: [.border]))])
        let model = AllocationModel(scenario: scenario)
        let plan = try Self.solve(scenario)
        #expect(abs(plan.fundedShares[0] - 0.5) < 1e-9 && abs(plan.fundedShares[1] - 1) < 1e-9)
        let valuePerMillion = model.workValues[0] / 3000

        let whatIfs = PlanExplanation.whatIfs(for: plan)
        #expect(whatIfs.map(\.parameter) == [.periodBudget(source: 0, period: 0), .periodBudget(source: 0, period: 1)])
        #expect(whatIfs.map(\.to) == [2000, 1500])
        let plans = try whatIfs.map { try AllocationModel(scenario: $0.apply(to: scenario)).solve() }
        let explanation = PlanExplanation(model: model, plan: plan, whatIfs: Array(zip(whatIfs, plans.map { Optional($0) })))
        #expect(explanation.sources.count == 4)
        for margin in explanation.sources {
            if margin.source == 0 {
                #expect(abs(margin.shadowPrice - valuePerMillion) < 1e-9, "price of central in \(margin.period ?? -1)")
                let gain = try #require(margin.gainPerBillion)
                #expect(abs(gain - 1000 * valuePerMillion) < 1e-6 * 1000 * valuePerMillion)
                let change = try #require(margin.change)
                #expect(change.gains.count == 1 && change.gains[0].work == 0 && abs(change.gains[0].amount - 1000) < 1e-6)
                #expect(change.losses.isEmpty && change.worksFullyFunded == 0)
            } else {
                #expect(abs(margin.shadowPrice) < 1e-9 && margin.gainPerBillion == nil)
            }
        }
        #expect(Set(explanation.sources.compactMap(\.period)) == [0, 1])
    }
}
