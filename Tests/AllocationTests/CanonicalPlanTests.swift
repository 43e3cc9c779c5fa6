import Foundation
import Testing
import LinearProgramming
import ScenarioIO
import TestSupport
@testable import Allocation

/// One plan per scenario (docs/model.md §9): every path, LP method and thread count gives the
/// same allocation, to 10⁻⁶·K_p for every work and source.
@Suite struct CanonicalPlanTests {
    /// The largest difference between two plans' amounts x_{s,p}, relative to the work's cost.
    static func largestDifference(_ a: AllocationPlan, _ b: AllocationPlan) -> (value: Double, at: String) {
        var amounts: [FundingPair: (Double, Double)] = [:]
        for x in a.allocations { amounts[FundingPair(source: x.source, work: x.work, period: x.period), default: (0, 0)].0 = x.amount }
        for x in b.allocations { amounts[FundingPair(source: x.source, work: x.work, period: x.period), default: (0, 0)].1 = x.amount }
        var worst = (0.0, "")
        for (pair, (u, v)) in amounts {
            let relative = abs(u - v) / a.scenario.works[pair.work].cost
            if relative > worst.0 {
                worst = (relative, "\(a.scenario.sources[pair.source].id) → \(a.scenario.works[pair.work].id): \(u) vs \(v)")
            }
        }
        for p in a.fundedShares.indices where abs(a.fundedShares[p] - b.fundedShares[p]) > worst.0 {
            worst = (abs(a.fundedShares[p] - b.fundedShares[p]), "y of \(a.scenario.works[p].id)")
        }
        return worst
    }

    struct Variant: Sendable, CustomStringConvertible {
        var path: SolvePath
        var method: SolverOptions.Method
        var workers: Int = 2
        var description: String { "\(path.rawValue)/\(method.rawValue)/\(workers) threads" }
    }

    static let variants: [Variant] = [
        Variant(path: .monolithic, method: .primalSimplex),
        Variant(path: .monolithic, method: .dualSimplex),
        Variant(path: .monolithic, method: .interiorPoint),
        Variant(path: .decomposed, method: .primalSimplex, workers: 1),
        Variant(path: .decomposed, method: .primalSimplex, workers: 2),
    ]

    static func solve(_ model: AllocationModel, _ variant: Variant, tieBreak: Bool = true) throws -> AllocationPlan {
        var decomposition = DecompositionOptions()
        decomposition.workers = variant.workers
        decomposition.fallbackToMonolithic = false
        return try model.solve(options: SolverOptions(method: variant.method), path: variant.path,
                               decomposition: decomposition, tieBreak: tieBreak)
    }

    static func expectSamePlans(_ model: AllocationModel) throws {
        let reference = try solve(model, variants[0])
        #expect(reference.status == .optimal)
        #expect(reference.tieBreak?.isApplied == true, "tie-break: \(String(describing: reference.tieBreak))")
        let raw = try solve(model, variants[0], tieBreak: false)
        // The stage costs at most 1e-9 of the optimum.
        let optimum = try #require(raw.objective), value = try #require(reference.objective)
        #expect(optimum - value <= 1e-9 * abs(optimum), "value lost: \(optimum - value)")
        for variant in variants.dropFirst() {
            let plan = try solve(model, variant)
            #expect(plan.status == .optimal, "\(variant)")
            #expect(plan.tieBreak?.isApplied == true, "\(variant): \(String(describing: plan.tieBreak))")
            let worst = largestDifference(reference, plan)
            #expect(worst.value <= 1e-6, "\(variant) differs by \(worst.value)·K_p at \(worst.at)")
        }
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func randomProvincesGiveOnePlanWhateverThePathOrMethod(seed: UInt64) throws {
        try Self.expectSamePlans(AllocationModel(scenario: randomScenario(seed: seed, communes: 30, districts: 3)))
    }

    /// A decomposition asked for a loose gap (1e-4) still gives the one plan: the tie-break
    /// stage needs optimal duals to read the optimal face, and the first stage runs to its gap.
    @Test(arguments: [UInt64(11), 12, 13])
    func looseDecompositionGapGivesTheSamePlan(seed: UInt64) throws {
        let model = AllocationModel(scenario: randomScenario(seed: seed, communes: 30, districts: 3))
        let reference = try Self.solve(model, Self.variants[0])
        var decomposition = DecompositionOptions()
        decomposition.fallbackToMonolithic = false
        decomposition.relativeGap = 1e-4
        let plan = try model.solve(options: SolverOptions(), path: .decomposed, decomposition: decomposition)
        #expect(plan.tieBreak?.isApplied == true, "\(String(describing: plan.tieBreak))")
        let worst = Self.largestDifference(reference, plan)
        #expect(worst.value <= 1e-6, "differs by \(worst.value)·K_p at \(worst.at)")
    }

    @Test func bundledScenarioGivesOnePlanWhateverThePathOrMethod() throws {
        let scenario = try ScenarioLoader.load(Repository.langSonScenario)
        try Self.expectSamePlans(AllocationModel(scenario: scenario))
    }
}

extension CanonicalPlanTests {
    /// The model's LP with its integer columns fixed at a MIP plan (whole works, standards reached).
    static func integersFixed(_ model: AllocationModel, at mip: AllocationPlan) -> LinearProgram {
        var fixed = model.program
        for (p, y) in model.shareVariables.enumerated() where model.program.variables[y.index].kind != .continuous {
            let v = mip.fundedShares[p].rounded()
            fixed.setBounds(of: y, lower: v, upper: v)
            fixed.setKind(.continuous, for: y)
        }
        for (_, z) in model.standardVariables {
            let reached = mip.communes.contains { model.standardVariables[$0.commune] == z && $0.reachesStandard == true }
            fixed.setBounds(of: z, lower: reached ? 1 : 0, upper: reached ? 1 : 0)
            fixed.setKind(.continuous, for: z)
        }
        return fixed
    }

    /// The same incumbent gives the same plan: the MIP's plan equals the canonical plan of the
    /// LP with its integers fixed at the incumbent, solved independently by the dual simplex.
    @Test func mipPlanIsTheCanonicalPlanOfItsIncumbent() throws {
        var scenario = randomScenario(seed: 21, communes: 12, districts: 2)
        scenario.works = scenario.works.enumerated().map { k, w in var w = w; w.divisible = k % 3 == 0; return w }
        let model = AllocationModel(scenario: scenario, mode: .mip)
        var options = SolverOptions(method: .primalSimplex, relativeGap: 0)
        options.timeLimit = 60
        let mip = try model.solve(options: options)
        #expect(mip.status == .optimal && mip.tieBreak?.isApplied == true)
        #expect(model.program.isMixedInteger)

        let fixed = Self.integersFixed(model, at: mip)
        let lp = try GLPKSolver.solve(fixed, options: SolverOptions(method: .dualSimplex))
        #expect(lp.termination.reason == .optimal)
        let again = model.canonicalPlan(from: lp, program: fixed)
        #expect(again.tieBreak?.isApplied == true)
        let worst = Self.largestDifference(mip, again)
        #expect(worst.value <= 1e-6, "differs by \(worst.value)·K_p at \(worst.at)")
        let (a, b) = (try #require(mip.objective), try #require(again.objective))
        #expect(abs(a - b) <= 1e-9 * abs(a))
    }
}

extension CanonicalPlanTests {
    /// A random province over three or five years (budgets split by year, carry-over on central
    /// money, works of one or two years, some with a start or finish year): every path and method
    /// gives the same plan, period by period.
    @Test(arguments: [(UInt64(31), 3, 16), (32, 3, 16), (41, 5, 30)])
    func multiYearProvincesGiveOnePlan(seed: UInt64, years: Int, communes: Int) throws {
        var scenario = randomScenario(seed: seed, communes: communes, districts: 2)
        scenario.periods = (0..<years).map { String(2026 + $0) }
        scenario.discountRate = 0.03
        // Budgets split 40/35/25 % over three years, or 25/20/20/20/15 % over five.
        let split = years == 3 ? [0.4, 0.35, 0.25] : [0.25, 0.2, 0.2, 0.2, 0.15]
        scenario.sources = scenario.sources.map { source in
            var source = source
            if let budget = source.budget {
                source.budgetByPeriod = split.map { ($0 * budget).rounded() }
                source.scope = .pooled(budget: source.budgetByPeriod!.reduce(0, +))
                if source.kind == .central { source.carryOver = 0.3 }
            }
            return source
        }
        scenario.works = scenario.works.enumerated().map { k, work in
            var work = work
            work.duration = k % 3 == 0 ? 2 : 1
            if k % 5 == 1 { work.startFrom = 1 }
            if k % 7 == 2 && work.startFrom == nil { work.finishBy = work.duration == 2 ? 1 : 0 }
            return work
        }
        scenario.communes = scenario.communes.enumerated().map { k, c in
            var c = c
            if c.status == .target && k % 2 == 0 { c.standardBy = 1 }
            return c
        }
        let model = AllocationModel(scenario: scenario)
        #expect(!model.carryVariables.isEmpty)
        try Self.expectSamePlans(model)
        let plan = try model.solve(path: .monolithic)
        // Every amount is reported in a period of its work's window.
        for x in plan.allocations { #expect(model.windows[x.work].spending.contains(x.period)) }
    }
}

extension CanonicalPlanTests {
    /// A five-year province from the benchmark generator (20 communes, seed 3): works of several
    /// thousand million give duals of several thousand per unit share, next to money duals of
    /// about one per million. Tolerances on the optimal face taken relative to the largest dual
    /// (1e-7·max|π|) left money rows with duals of ~1e-4 free, and the primal and the dual
    /// simplex reported plans 2.5e-5·K_p apart (8 amounts). Every path and method now agrees.
    @Test func generatedFiveYearProvinceGivesOnePlan() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let python = try #require(Repository.which("python3"), "python3 is needed to generate the province")
        let generated = try Repository.run(python, [Repository.path("benchmarks/generator/generate_province.py"),
                                                    "--communes", "20", "--seed", "3", "--periods", "5",
                                                    "--out", folder.url("p20").path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let scenario = try ScenarioLoader.load(folder.url("p20/scenario.yaml").path)
        #expect(scenario.periodCount == 5)
        try Self.expectSamePlans(AllocationModel(scenario: scenario))
    }
}

extension CanonicalPlanTests {
    /// The decomposed MIP decomposes its tie-break face too (its integers fixed, the face is an
    /// LP with the communes' blocks). Its plan equals the canonical plan of the same incumbent
    /// with the face solved whole: the LP with the integers fixed, by the dual simplex, then the
    /// monolithic second stage.
    @Test(arguments: [UInt64(21), 23])
    func decomposedMIPFaceGivesTheIncumbentsCanonicalPlan(seed: UInt64) throws {
        var scenario = randomScenario(seed: seed, communes: 24, districts: 3)
        scenario.works = scenario.works.enumerated().map { k, w in var w = w; w.divisible = k % 3 == 0; return w }
        let model = AllocationModel(scenario: scenario, mode: .mip)
        var decomposition = DecompositionOptions()
        decomposition.decomposeMIP = true
        decomposition.fallbackToMonolithic = false
        var options = SolverOptions(method: .primalSimplex, relativeGap: 1e-4)
        options.timeLimit = 120
        let mip = try model.solve(options: options, path: .decomposed, decomposition: decomposition)
        try #require(mip.status == .optimal, "seed \(seed): \(mip.status) \(mip.termination)")
        #expect(mip.solvePath == .decomposed && mip.tieBreak?.isApplied == true, "\(String(describing: mip.tieBreak))")

        let fixed = Self.integersFixed(model, at: mip)
        let lp = try GLPKSolver.solve(fixed, options: SolverOptions(method: .dualSimplex))
        #expect(lp.termination.reason == .optimal)
        let whole = model.canonicalPlan(from: lp, program: fixed)
        #expect(whole.tieBreak?.isApplied == true)
        let worst = Self.largestDifference(mip, whole)
        #expect(worst.value <= 1e-6, "seed \(seed): differs by \(worst.value)·K_p at \(worst.at)")
    }
}

extension CanonicalPlanTests {
    /// A stage-1 value carrying round-off above the face's exact maximum (here raised by 5·10⁻¹²
    /// of it, beyond the tight slack of 10⁻¹³ and within the loose 10⁻¹⁰): the tight value-keeping
    /// row leaves no plan, the stage retries with the looser one and gives the same canonical plan,
    /// on the monolithic face and on the decomposed one.
    @Test(arguments: [false, true])
    func stageOneValueAboveTheFaceRetriesWithTheLooserSlack(decomposed: Bool) throws {
        #expect(CanonicalSelection.guardSlacks == [1e-13, 1e-10])
        let model = AllocationModel(scenario: randomScenario(seed: 12, communes: 30, districts: 3))
        var options = SolverOptions()
        options.sensitivity = .selected(constraints: model.budgetRows.values.sorted(), variables: [])
        let stage1 = model.verified(try GLPKSolver.solve(model.program, options: options))
        let z = try #require(stage1.objectiveValue)
        var decomposition = DecompositionOptions()
        decomposition.fallbackToMonolithic = false
        let settings = decomposed ? decomposition : nil
        let (exact, exactOutcome) = model.canonical(stage1, decomposition: settings)
        #expect(exactOutcome.isApplied, "\(exactOutcome)")
        var raised = stage1
        raised.objectiveValue = z + 5e-12 * abs(z)
        let (retried, outcome) = model.canonical(raised, decomposition: settings)
        #expect(outcome.isApplied, "\(outcome)")
        let worst = Self.largestDifference(model.plan(from: exact), model.plan(from: retried))
        #expect(worst.value <= 1e-6, "differs by \(worst.value)·K_p at \(worst.at)")
    }
}
