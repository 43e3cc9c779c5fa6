import Allocation
import Foundation
import LinearProgramming
import PropertyBased
import Testing
import TestSupport

/// Properties of the model on generated small scenarios (issue 11, item 6), checked with
/// PropertyBased (`propertyCheck`): each failure prints the generating seed.
///
/// Kept fast: scenarios of at most 16 works, 40 cases or fewer per property.
@Suite struct PropertyTests {
    /// Relative tolerance of a row: |violation| ≤ tolerance × the row's scale.
    static let tolerance = 1e-7

    /// Seeds; PropertyBased draws them and shrinks toward 0 (any seed is a valid scenario).
    static let seeds = Gen.uint64(in: 0...UInt64(UInt32.max))

    static func solve(_ model: AllocationModel) throws -> SolveResult {
        try GLPKSolver.solve(model.program)
    }

    /// A row's scale: the largest of 1, its finite bounds and the magnitudes of its terms at `x`.
    static func scale(of terms: [LinearTerm], at x: [Double], bounds: [Double]) -> Double {
        let magnitudes = terms.map { abs($0.coefficient * x[$0.variable.index]) }
        return ([1] + bounds.filter(\.isFinite).map(abs) + magnitudes).max()!
    }

    // MARK: - Every plan satisfies every rule

    @Test func everyPlanSatisfiesEveryRow() async {
        await propertyCheck(count: 40, input: Self.seeds, Gen.bool) { seed, mip in
            let generated = GeneratedScenario(seed: seed, mip: mip)
            let scenario = try generated.load()
            let model = AllocationModel(scenario: scenario)
            let result = try Self.solve(model)
            try #require(result.termination.reason == .optimal, "\(result.termination)\n\(generated)")
            let program = model.program
            let x = result.variableValues
            let activities = program.activities(at: x)
            for (i, row) in program.constraints.enumerated() {
                let terms = program.terms(of: ConstraintID(i))
                let slack = Self.tolerance * Self.scale(of: terms, at: x, bounds: [row.bounds.lower, row.bounds.upper])
                #expect(activities[i] >= row.bounds.lower - slack && activities[i] <= row.bounds.upper + slack,
                        "row \(row.name): \(activities[i]) outside [\(row.bounds.lower), \(row.bounds.upper)]\n\(generated)")
            }
            for (j, variable) in program.variables.enumerated() {
                let slack = Self.tolerance * max(1, abs(x[j]))
                #expect(x[j] >= variable.lower - slack && x[j] <= variable.upper + slack, "\(variable.name) = \(x[j])")
                if variable.kind != .continuous {
                    #expect(abs(x[j] - x[j].rounded()) <= 1e-6, "\(variable.name) = \(x[j]) is not whole")
                }
            }
            let objective = try #require(result.objectiveValue)
            let recomputed = program.objectiveValue(at: x)
            #expect(abs(objective - recomputed) <= Self.tolerance * max(1, abs(objective)), "\(objective) vs \(recomputed)")
            Self.checkRules(model.plan(from: result), generated: generated)
        }
    }

    /// The scenario's rules, checked on the plan's allocations by their meaning (model.md
    /// §2), not through the rows the model built.
    static func checkRules(_ plan: AllocationPlan, generated: GeneratedScenario) {
        let scenario = plan.scenario, rules = scenario.rules
        let communeIndex = Dictionary(uniqueKeysWithValues: scenario.communes.enumerated().map { ($1.code, $0) })
        var bySource = [Double](repeating: 0, count: scenario.sources.count)
        var bySourceAndCommune: [Int: [Int: Double]] = [:]
        var byWork = [Double](repeating: 0, count: scenario.works.count)
        var stateByWork = byWork, communityByWork = byWork
        var pooledStateByCommune = [Double](repeating: 0, count: scenario.communes.count)
        var localBudget = 0.0, central = 0.0, pooledState = 0.0, pooledStateToPriority = 0.0
        for allocation in plan.allocations {
            let source = scenario.sources[allocation.source], work = scenario.works[allocation.work]
            let c = communeIndex[work.commune]!
            #expect(allocation.amount >= 0)
            #expect(source.isEligible(for: work, in: scenario.communes[c]), "\(source.id) may not fund \(work.id)")
            #expect(allocation.amount <= source.maxShare * work.cost * (1 + tolerance) + tolerance,
                    "\(source.id) pays more than its share of \(work.id)")
            bySource[allocation.source] += allocation.amount
            bySourceAndCommune[allocation.source, default: [:]][c, default: 0] += allocation.amount
            byWork[allocation.work] += allocation.amount
            if source.kind.isState { stateByWork[allocation.work] += allocation.amount }
            if source.kind.isCommunity { communityByWork[allocation.work] += allocation.amount }
            if source.kind == .localBudget { localBudget += allocation.amount }
            if source.kind == .central { central += allocation.amount }
            if source.isPooled && source.kind.isState {
                pooledState += allocation.amount
                pooledStateByCommune[c] += allocation.amount
                if scenario.communes[c].isPriority { pooledStateToPriority += allocation.amount }
            }
        }
        func within(_ value: Double, atMost limit: Double, _ what: String) {
            #expect(value <= limit + tolerance * max(1, abs(limit), abs(value)), "\(what): \(value) > \(limit)\n\(generated)")
        }
        for (s, source) in scenario.sources.enumerated() {
            if let budget = source.budget { within(bySource[s], atMost: budget, "budget of \(source.id)") }
            for (c, used) in bySourceAndCommune[s] ?? [:] {
                if let capacity = source.capacity(in: scenario.communes[c]) {
                    within(used, atMost: capacity, "capacity of \(source.id) in \(scenario.communes[c].code)")
                }
            }
        }
        for (p, work) in scenario.works.enumerated() {
            let funded = work.cost * plan.fundedShares[p]
            #expect(abs(byWork[p] - funded) <= tolerance * max(1, work.cost), "\(work.id): \(byWork[p]) ≠ \(funded)")
            let group = scenario.communes[communeIndex[work.commune]!].group
            within(stateByWork[p], atMost: rules.maxStateShare[group] * byWork[p], "state share of \(work.id)")
            within(rules.minCommunityShare[group] * byWork[p], atMost: communityByWork[p], "community share of \(work.id)")
        }
        within(rules.counterpartRatio * central, atMost: localBudget, "counterpart")
        within(rules.priorityShareMin * pooledState, atMost: pooledStateToPriority, "priority share")
        if let cap = rules.communeCap {
            for (c, amount) in pooledStateByCommune.enumerated() { within(amount, atMost: cap, "cap of commune \(c)") }
        }
    }

    /// The decomposed path (Dantzig–Wolfe over communes, no fallback) reaches the monolithic
    /// optimum and its plan keeps every rule, checked by meaning as above.
    @Test func decomposedPlansKeepEveryRule() async {
        await propertyCheck(count: 25, input: Self.seeds) { seed in
            let generated = GeneratedScenario(seed: seed)
            let model = AllocationModel(scenario: try generated.load())
            var decomposition = DecompositionOptions()
            decomposition.fallbackToMonolithic = false
            decomposition.workers = 1
            let (plan, statistics) = try model.solveReporting(path: .decomposed, decomposition: decomposition)
            #expect(statistics != nil, "the decomposed path was not taken")
            try #require(plan.termination.reason == .optimal, "\(plan.termination)\n\(generated)")
            let monolithic = try #require(try Self.solve(model).objectiveValue)
            let objective = try #require(plan.objective)
            #expect(abs(objective - monolithic) <= 1e-6 * max(1, abs(monolithic)),
                    "decomposed \(objective) ≠ monolithic \(monolithic)\n\(generated)")
            Self.checkRules(plan, generated: generated)
        }
    }

    // MARK: - More budget never lowers the optimum

    @Test func moreBudgetNeverLowersTheOptimum() async {
        await propertyCheck(count: 30, input: Self.seeds, Gen.int(in: 0...2), Gen.double(in: 1...4)) { seed, s, factor in
            let generated = GeneratedScenario(seed: seed)
            let scenario = try generated.load()
            var richer = scenario
            let budget = try #require(scenario.sources[s].budget)
            richer.sources[s].scope = .pooled(budget: budget * factor + 1)
            let before = try #require(try Self.solve(AllocationModel(scenario: scenario)).objectiveValue)
            let after = try #require(try Self.solve(AllocationModel(scenario: richer)).objectiveValue)
            #expect(after >= before - Self.tolerance * max(1, abs(before)),
                    "\(scenario.sources[s].id) × \(factor): \(after) < \(before)\n\(generated)")
        }
    }

    // MARK: - Scaling every weight scales the objective

    /// Every term of the commune weight w_c (base, especially difficult, border, target,
    /// criteria gap) and every source's cost κ — the objective's weight of the money it
    /// spends — times λ. Then v_p = w_c·q_k·β_p, Ω·w_c and κ all scale by λ (Ω itself is not
    /// a weight: it multiplies w_c), the feasible set is unchanged, so the optimum is λ times
    /// the old and the value per weight, objective / λ, unchanged.
    @Test func scalingEveryWeightScalesTheObjective() async {
        await propertyCheck(count: 30, input: Self.seeds, Gen.double(in: 0.01...100)) { seed, lambda in
            let generated = GeneratedScenario(seed: seed)
            let scenario = try generated.load()
            var scaled = scenario
            scaled.weights.base *= lambda
            scaled.weights.especiallyDifficult *= lambda
            scaled.weights.border *= lambda
            scaled.weights.target *= lambda
            scaled.weights.criteriaGap *= lambda
            for s in scaled.sources.indices { scaled.sources[s].cost *= lambda }
            let model = AllocationModel(scenario: scenario), scaledModel = AllocationModel(scenario: scaled)
            for (a, b) in zip(model.program.variables, scaledModel.program.variables) {
                #expect(abs(b.objective - lambda * a.objective) <= 1e-12 * max(1, abs(b.objective)))
            }
            let objective = try #require(try Self.solve(model).objectiveValue)
            let scaledObjective = try #require(try Self.solve(scaledModel).objectiveValue)
            #expect(abs(scaledObjective / lambda - objective) <= Self.tolerance * max(1, abs(objective)),
                    "λ = \(lambda): \(scaledObjective) / λ ≠ \(objective)\n\(generated)")
        }
    }

    // MARK: - Reordering CSV rows leaves the objective unchanged

    @Test func reorderingCSVRowsLeavesTheObjectiveUnchanged() async {
        await propertyCheck(count: 30, input: Self.seeds, Self.seeds) { seed, order in
            let generated = GeneratedScenario(seed: seed)
            var random = SplitMix64(seed: order)
            let communes = generated.communeRows.shuffled(using: &random)
            let works = generated.workRows.shuffled(using: &random)
            let original = try generated.load()
            let reordered = try generated.load(communeRows: communes, workRows: works)
            #expect(Set(reordered.works.map(\.id)) == Set(original.works.map(\.id)))
            let before = try #require(try Self.solve(AllocationModel(scenario: original)).objectiveValue)
            let after = try #require(try Self.solve(AllocationModel(scenario: reordered)).objectiveValue)
            #expect(abs(after - before) <= Self.tolerance * max(1, abs(before)), "\(after) ≠ \(before)\n\(generated)")
        }
    }

    /// The generator reaches every rule and outcome the properties are about (or they test little).
    @Test func generatedScenariosCoverTheRules() throws {
        var counterpart = 0, priority = 0, cap = 0, community = 0, funded = 0, binding = 0
        for seed in UInt64(0)..<40 {
            let scenario = try GeneratedScenario(seed: seed).load()
            if scenario.rules.counterpartRatio > 0 { counterpart += 1 }
            if scenario.rules.priorityShareMin > 0 { priority += 1 }
            if scenario.rules.communeCap != nil { cap += 1 }
            if scenario.rules.minCommunityShare.other > 0 { community += 1 }
            let plan = try AllocationModel(scenario: scenario).solve()
            if plan.totals.funded > 0 { funded += 1 }
            if !plan.bindingRules.isEmpty { binding += 1 }
        }
        #expect(counterpart > 5 && priority > 5 && cap > 3 && community > 5, "\([counterpart, priority, cap, community])")
        #expect(funded > 30 && binding > 10, "\(funded) funded, \(binding) with binding rules")
    }
}
