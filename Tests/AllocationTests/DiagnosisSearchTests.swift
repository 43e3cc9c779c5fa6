import Testing
import Synchronization
import LinearProgramming
@testable import Allocation

/// The parts of the infeasibility diagnosis that make it fast at national size: Newton steps on
/// the least shortfall (``RuleThreshold``) with slopes from the duals (``ParameterDerivative``),
/// the Lagrangian screen for budgets (``LagrangianScreen``), and the decomposed phase 1
/// (``ShortfallProblem``). Each is checked against an independent computation: functions whose
/// threshold is known by hand, finite differences of re-solves, and whole-model solves.
@Suite(.serialized) struct DiagnosisSearchTests {
    // MARK: The threshold search on functions known by hand

    /// f(θ) = 1·(10 − θ)⁺ + 2·(30 − θ)⁺ + 3·(70 − θ)⁺ (a budget: larger is looser), with exact
    /// subgradients. From θ = 0: f = 10 + 60 + 210 = 280, slope −6 → θ = 46⅔; there f = 3·23⅓ = 70,
    /// slope −3 → θ = 70, where f = 0. Convex, so the feasible Newton point is the threshold.
    @Test func newtonReachesAConvexThresholdInTwoSolves() throws {
        let pieces: [(a: Double, w: Double)] = [(10, 1), (30, 2), (70, 3)]
        func f(_ t: Double) -> RuleThreshold.Evaluation {
            RuleThreshold.Evaluation(shortfall: pieces.reduce(0) { $0 + $1.w * max(0, $1.a - t) },
                                     slope: -pieces.filter { $0.a > t }.reduce(0) { $0 + $1.w })
        }
        var calls: [Double] = []
        let found = try RuleThreshold.search(bad: 0, evaluation: f(0), good: 1000, tolerance: 1e-9, convex: true) { (t: Double) throws(LPError) in
            calls.append(t)
            return f(t)
        }
        #expect(abs(found - 70) < 1e-9)
        #expect(calls.count == 2)
        #expect(abs(calls[0] - 140.0 / 3) < 1e-9)
    }

    /// Without slopes the search bisects: from [0, 1] to a width of 10⁻⁶ takes ⌈log₂ 10⁶⌉ = 20
    /// solves, and the answer is on the feasible side of the threshold 0.3.
    @Test func withoutSlopesItBisects() throws {
        var calls = 0
        let found = try RuleThreshold.search(bad: 1, evaluation: .init(), good: 0, tolerance: 0) { (t: Double) throws(LPError) in
            calls += 1
            return RuleThreshold.Evaluation(shortfall: max(0, t - 0.3), slope: nil)
        }
        #expect(calls == 20)
        #expect(found <= 0.3 && found > 0.3 - 1e-6)
    }

    /// f(θ) = 10·√(50 − θ) for θ < 50, else 0: concave, so a Newton step from below overshoots
    /// the threshold 50. The bracket keeps the answer feasible and within 10⁻⁶·50 of it.
    @Test func aConcaveShortfallKeepsTheAnswerFeasible() throws {
        func f(_ t: Double) -> RuleThreshold.Evaluation {
            t >= 50 ? .init(shortfall: 0, slope: 0) : .init(shortfall: 10 * (50 - t).squareRoot(), slope: -5 / (50 - t).squareRoot())
        }
        let found = try RuleThreshold.search(bad: 0, evaluation: f(0), good: 100, tolerance: 0) { (t: Double) throws(LPError) in f(t) }
        #expect(found >= 50 && found <= 50 * (1 + 1e-6) + 1e-9)
    }

    // MARK: On seeded random provinces

    /// A random province with its floor raised until it is infeasible.
    private func infeasibleProvince(seed: UInt64, floor: Double) -> Scenario {
        var scenario = randomScenario(seed: seed)
        scenario.rules.communeFloor = floor
        return scenario
    }

    /// The slope of the least shortfall from the duals equals the central finite difference of two
    /// re-solves, for rules in a bound (floor, budget) and in coefficients (ratio, shares).
    @Test(arguments: [UInt64(1), 3, 4]) func slopesFromTheDualsMatchFiniteDifferences(seed: UInt64) throws {
        let scenario = infeasibleProvince(seed: seed, floor: 0.35)
        let model = AllocationModel(scenario: scenario, mode: .lp)
        func shortfall(_ s: Scenario) throws -> (Double, SolveResult) {
            let m = AllocationModel(scenario: s, mode: .lp)
            let rows = m.rowOrigins.indices.filter { m.rowOrigins[$0].family == .communeFloor }
            let solution = try ShortfallProblem(model: m, softening: rows, side: .lower)
                .solve(options: SolverOptions(), path: .monolithic, decomposition: DecompositionOptions())
            return (try #require(solution.total), solution.result)
        }
        let (f0, base) = try shortfall(scenario)
        try #require(f0 > 1, "seed \(seed) should be infeasible")
        var checked = 0
        let central = try #require(scenario.sources.firstIndex { $0.id == "central" })
        let labour = try #require(scenario.sources.firstIndex { $0.id == "labour" })
        for parameter in [ScenarioParameter.communeFloor, .budget(source: central), .counterpartRatio, .maxShare(source: labour),
                          .maxStateShare(.other), .minCommunityShare(.other)] {
            guard let value = parameter.value(in: scenario) else { continue }
            let h = 1e-5 * max(1, abs(value))
            let other = AllocationModel(scenario: parameter.setting(value + h * 50, in: scenario), mode: .lp)
            guard let derivative = ParameterDerivative(base: model.program, at: value, other: other.program, at: value + h * 50) else { continue }
            let baseDuals = try #require(base.rowDuals)
            let slope = -derivative.valueSlope(x: base.variableValues, duals: baseDuals)
            let (up, _) = try shortfall(parameter.setting(value + h, in: scenario))
            let (down, _) = try shortfall(parameter.setting(value - h, in: scenario))
            // Where f has a kink at this value the one-sided differences differ; skip those.
            let right = (up - f0) / h, left = (f0 - down) / h
            guard abs(right - left) <= 1e-4 * max(1, abs(right)) else { continue }
            #expect(abs(slope - (up - down) / (2 * h)) <= 1e-4 * max(1, abs(slope)),
                    "seed \(seed) \(parameter.key(in: scenario)): duals \(slope), finite difference \((up - down) / (2 * h))")
            checked += 1
        }
        #expect(checked >= 3, "seed \(seed): only \(checked) rules were smooth at their value")
    }

    /// The screen's bound on the least shortfall with a budget loosened is an upper bound on the
    /// phase-1 value solved with that budget at its loosest, for every pooled budget.
    @Test(arguments: [UInt64(1), 3, 4]) func theScreenBoundsEveryLoosenedBudget(seed: UInt64) throws {
        let scenario = infeasibleProvince(seed: seed, floor: 0.35)
        let model = AllocationModel(scenario: scenario, mode: .lp)
        let floorRows = model.rowOrigins.indices.filter { model.rowOrigins[$0].family == .communeFloor }
        let problem = ShortfallProblem(model: model, softening: floorRows, side: .lower)
        let base = try problem.solve(options: SolverOptions(), path: .monolithic, decomposition: DecompositionOptions())
        let structure = try #require(problem.blocks())
        let duals = try #require(base.result.rowDuals)
        let screen = try #require(LagrangianScreen(program: problem.program, structure: structure, rowDuals: duals))
        // At the optimal duals the Lagrangian bound is the optimum itself (−least shortfall).
        #expect(abs(screen.bound + (base.total ?? 0)) <= 1e-6 * max(1, base.total ?? 0))
        var provenShort = 0
        for s in scenario.sources.indices where scenario.sources[s].isPooled {
            let rows = Set(model.rowOrigins.indices.filter { model.rowOrigins[$0].family == .pooledBudget && model.rowOrigins[$0].source == s })
            let bound = try #require(screen.bound(loosening: rows))
            let loosened = ScenarioParameter.budget(source: s)
            let m = AllocationModel(scenario: loosened.setting(loosened.loosest(in: scenario), in: scenario), mode: .lp)
            let solved = try ShortfallProblem(model: m, softening: m.rowOrigins.indices.filter { m.rowOrigins[$0].family == .communeFloor }, side: .lower)
                .solve(options: SolverOptions(), path: .monolithic, decomposition: DecompositionOptions())
            let value = -(try #require(solved.total))
            #expect(bound >= value - 1e-6 * max(1, abs(value)), "seed \(seed) \(scenario.sources[s].id): bound \(bound) < value \(value)")
            if bound < -1e-6 { provenShort += 1 }
        }
        #expect(provenShort >= 1, "seed \(seed): the screen settled no budget")
    }

    /// The whole diagnosis, decomposed and monolithic: every "enough alone" value makes the
    /// scenario feasible when solved whole (GLPK on the model itself) and a value 10⁻⁴ tighter
    /// does not; every "not enough alone" rule leaves it infeasible at its loosest; and the two
    /// paths agree on every verdict and value.
    @Test(arguments: [UInt64(1), 3, 4]) func diagnosedValuesAreJustEnough(seed: UInt64) throws {
        let scenario = infeasibleProvince(seed: seed, floor: 0.35)
        let model = AllocationModel(scenario: scenario, mode: .lp)
        func feasible(_ s: Scenario) throws -> Bool {
            try AllocationModel(scenario: s, mode: .lp).solve(options: SolverOptions(), path: .monolithic, tieBreak: false).hasSolution
        }
        try #require(!(try feasible(scenario)))
        var forced = DecompositionOptions()
        forced.automaticThreshold = 1
        let decomposed = try InfeasibilityDiagnosis(model: model, path: .decomposed, decomposition: forced)
        let monolithic = try InfeasibilityDiagnosis(model: model, path: .monolithic)
        #expect(decomposed.relaxations.map(\.key).sorted() == monolithic.relaxations.map(\.key).sorted())
        #expect(abs(decomposed.totalShortfall - monolithic.totalShortfall) <= 1e-6 * max(1, monolithic.totalShortfall))
        var sufficient = 0
        for r in decomposed.relaxations {
            let twin = try #require(monolithic.relaxations.first { $0.key == r.key })
            #expect(r.sufficient == twin.sufficient, "seed \(seed) \(r.key)")
            guard let parameter = r.parameter else { continue }
            if r.sufficient == true {
                let needed = try #require(r.needed)
                #expect(abs(needed - (twin.needed ?? .nan)) <= 1e-5 * max(1, abs(needed)), "seed \(seed) \(r.key): \(needed) vs \(String(describing: twin.needed))")
                #expect(try feasible(parameter.setting(needed, in: scenario)), "seed \(seed) \(r.key) = \(needed) should be enough")
                let tighter = needed + (parameter.largerIsLooser ? -1 : 1) * 1e-4 * max(1, abs(needed))
                #expect(!(try feasible(parameter.setting(tighter, in: scenario))), "seed \(seed) \(r.key) = \(tighter) should not be enough")
                sufficient += 1
            } else if r.sufficient == false {
                #expect(!(try feasible(parameter.setting(parameter.loosest(in: scenario), in: scenario))), "seed \(seed) \(r.key)")
            }
        }
        #expect(sufficient >= 1, "seed \(seed): no rule is enough alone")
    }

    /// Two checks at a time (two workers) give exactly the verdicts, values and settled count of
    /// one at a time (one worker), and every rule is still announced, numbered 1…n of n.
    @Test(arguments: [UInt64(1), 3]) func checksSideBySideGiveTheSameDiagnosis(seed: UInt64) throws {
        let scenario = infeasibleProvince(seed: seed, floor: 0.35)
        let model = AllocationModel(scenario: scenario, mode: .lp)
        var one = DecompositionOptions()
        one.automaticThreshold = 1
        one.workers = 1
        var two = one
        two.workers = 2
        let seen = Mutex<[InfeasibilityDiagnosis.Progress]>([])
        let alone = try InfeasibilityDiagnosis(model: model, path: .decomposed, decomposition: one)
        let paired = try InfeasibilityDiagnosis(model: model, path: .decomposed, decomposition: two) { step in
            seen.withLock { $0.append(step) }
        }
        #expect(paired.relaxations == alone.relaxations, "seed \(seed)")
        #expect(paired.rulesSettledByBound == alone.rulesSettledByBound)
        #expect(paired.totalShortfall == alone.totalShortfall)
        #expect(paired.relaxations.contains { $0.sufficient == true && $0.needed != nil }, "seed \(seed): nothing searched")
        let steps = seen.withLock { $0 }
        let count = paired.relaxations.count
        #expect(Set(steps.map(\.count)) == [count])
        #expect(Set(steps.map(\.index)) == Set(1...count))
        #expect(Set(steps.map(\.key)) == Set(paired.relaxations.map(\.key)))
    }
}
