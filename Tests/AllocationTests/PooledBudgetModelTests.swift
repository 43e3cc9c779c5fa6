import Testing
import LinearProgramming
@testable import Allocation

/// ``AllocationModel/withPooledBudgets(of:)``: the model of a scenario that differs only in pooled
/// budgets, adjusted in place, is the model a fresh build gives.
@Suite struct PooledBudgetModelTests {
    /// Every column (bounds, kind, objective), row (bounds) and coefficient the same.
    static func expectSameProgram(_ a: LinearProgram, _ b: LinearProgram) {
        #expect(a.variables == b.variables)
        #expect(a.constraints == b.constraints)
        var entriesA: [[Double]] = [], entriesB: [[Double]] = []
        a.forEachNonZero { i, j, v in entriesA.append([Double(i), Double(j), v]) }
        b.forEachNonZero { i, j, v in entriesB.append([Double(i), Double(j), v]) }
        #expect(entriesA == entriesB)
    }

    /// A five-year random province with carry-over, its budgets cut by year as the gain split cuts
    /// them (never to zero here: a carry-over then keeps its column).
    static func multiYear(seed: UInt64) -> Scenario {
        var scenario = randomScenario(seed: seed, communes: 12, districts: 2)
        scenario.periods = (0..<5).map { String(2026 + $0) }
        scenario.sources = scenario.sources.map { source in
            var source = source
            if let budget = source.budget {
                source.budgetByPeriod = [0.25, 0.2, 0.2, 0.2, 0.15].map { ($0 * budget).rounded() }
                source.scope = .pooled(budget: source.budgetByPeriod!.reduce(0, +))
                if source.kind == .central { source.carryOver = 0.3 }
            }
            return source
        }
        return scenario
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func cutBudgetsGiveTheFreshlyBuiltModel(seed: UInt64) throws {
        for scenario in [randomScenario(seed: seed), Self.multiYear(seed: seed)] {
            let model = AllocationModel(scenario: scenario)
            var cut = scenario
            for s in cut.sources.indices where cut.sources[s].isPooled {
                let factor = 0.3 + 0.1 * Double(s % 5)
                if let schedule = cut.sources[s].budgetByPeriod {
                    cut.sources[s].budgetByPeriod = schedule.map { ($0 * factor).rounded() }
                    cut.sources[s].scope = .pooled(budget: cut.sources[s].budgetByPeriod!.reduce(0, +))
                } else {
                    cut.sources[s].scope = .pooled(budget: (cut.sources[s].budget! * factor).rounded())
                }
            }
            let adjusted = try #require(model.withPooledBudgets(of: cut))
            let fresh = AllocationModel(scenario: cut)
            Self.expectSameProgram(adjusted.program, fresh.program)
            #expect(adjusted.scenario.sources == cut.sources)
            // And it solves to the fresh model's optimum.
            let a = try adjusted.solve(tieBreak: false), b = try fresh.solve(tieBreak: false)
            let (va, vb) = (try #require(a.objective), try #require(b.objective))
            #expect(abs(va - vb) <= 1e-9 * max(1, abs(vb)))
        }
    }

    /// Anything else changed, or a carry-over the fresh build would add: nil (build anew).
    @Test func otherChangesAreRefused() {
        let scenario = randomScenario(seed: 7)
        let model = AllocationModel(scenario: scenario)
        var rule = scenario
        rule.rules.communeFloor = 0.05
        #expect(model.withPooledBudgets(of: rule) == nil)
        var work = scenario
        work.works[0].cost += 1
        #expect(model.withPooledBudgets(of: work) == nil)
        var share = scenario
        share.sources[0].maxShare = 0.5
        #expect(model.withPooledBudgets(of: share) == nil)
        var same = scenario
        same.sources[0].scope = .pooled(budget: 1)
        #expect(model.withPooledBudgets(of: same) != nil)

        // Year 2's central budget at 0: no carry-over column out of year 2; raising it would add one.
        var multi = Self.multiYear(seed: 7)
        let central = multi.sources.firstIndex { $0.kind == .central }!
        multi.sources[central].budgetByPeriod![2] = 0
        multi.sources[central].scope = .pooled(budget: multi.sources[central].budgetByPeriod!.reduce(0, +))
        let withoutCarry = AllocationModel(scenario: multi)
        #expect(!withoutCarry.carryVariables.contains { $0.source == central && $0.period == 2 })
        #expect(withoutCarry.withPooledBudgets(of: Self.multiYear(seed: 7)) == nil)
    }

    /// ``AllocationModel/withCommuneFloor(of:)``: another floor, set in place, is the model a
    /// fresh build gives, bound for bound (one and five years), and solves to its optimum.
    @Test(arguments: [UInt64(1), 2, 3])
    func anotherFloorGivesTheFreshlyBuiltModel(seed: UInt64) throws {
        for var scenario in [randomScenario(seed: seed), Self.multiYear(seed: seed)] {
            scenario.rules.communeFloor = 0.05
            let model = AllocationModel(scenario: scenario)
            #expect(model.rowOrigins.contains { $0.family == .communeFloor })
            for floor in [0.01, 0.1, 0.3, 0.9] {
                var changed = scenario
                changed.rules.communeFloor = floor
                let adjusted = try #require(model.withCommuneFloor(of: changed))
                let fresh = AllocationModel(scenario: changed)
                Self.expectSameProgram(adjusted.program, fresh.program)
                #expect(adjusted.rowOrigins == fresh.rowOrigins)
                #expect(adjusted.scenario.rules == changed.rules)
                // Its own split: the floor rows are rows of the communes' blocks.
                #expect(adjusted.blockCache !== model.blockCache)
                let a = try adjusted.solve(tieBreak: false), b = try fresh.solve(tieBreak: false)
                #expect(a.status == b.status)
                if let va = a.objective, let vb = b.objective { #expect(abs(va - vb) <= 1e-9 * max(1, abs(vb))) }
            }
        }
    }

    /// A floor that appears or vanishes (0 on either side), or any other change: nil (build anew).
    @Test func anotherFloorRefusesOtherChanges() {
        var scenario = randomScenario(seed: 7)
        scenario.rules.communeFloor = 0.05
        let model = AllocationModel(scenario: scenario)
        var none = scenario
        none.rules.communeFloor = 0
        #expect(model.withCommuneFloor(of: none) == nil)
        var without = scenario
        without.rules.communeFloor = 0
        #expect(AllocationModel(scenario: without).withCommuneFloor(of: scenario) == nil)
        var cap = scenario
        cap.rules.communeFloor = 0.2
        cap.rules.communeCap = 1_000
        #expect(model.withCommuneFloor(of: cap) == nil)
        var work = scenario
        work.rules.communeFloor = 0.2
        work.works[0].cost += 1
        #expect(model.withCommuneFloor(of: work) == nil)
        var budget = scenario
        budget.rules.communeFloor = 0.2
        budget.sources[0].scope = .pooled(budget: 1)
        #expect(model.withCommuneFloor(of: budget) == nil)
    }
}
