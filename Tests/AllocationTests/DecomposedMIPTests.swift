import Foundation
import Testing
import LinearProgramming
@testable import Allocation

/// The decomposed MIP (opt-in, docs/decomposition.md "Decomposed MIP") on seeded random
/// provinces, against the monolithic branch-and-cut solved to a tight gap.
@Suite(.serialized) struct DecomposedMIPTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6]

    @Test(arguments: seeds) func sameOptimumAsMonolithicMIP(seed: UInt64) throws {
        let model = AllocationModel(scenario: randomScenario(seed: seed, communes: 16), mode: .mip)
        #expect(model.program.isMixedInteger)
        var tight = SolverOptions()
        tight.relativeGap = 1e-6
        let clock = ContinuousClock()
        let t0 = clock.now
        let mono = try GLPKSolver.solve(model.program, options: tight)
        let t1 = clock.now
        try #require(mono.termination.reason == .optimal, "\(mono.termination)")
        let optimum = try #require(mono.objectiveValue)
        var options = SolverOptions()
        options.relativeGap = 1e-4
        var settings = DecompositionOptions()
        settings.decomposeMIP = true
        let (result, stats) = model.decomposedResult(options: options, decomposition: settings)
        let t2 = clock.now
        print("seed \(seed): mono \(optimum) bound \(mono.bestBound ?? .nan) in \(t0.duration(to: t1)); DW bound \(stats.bound) incumbent \(stats.incumbent ?? .nan) heuristic \(stats.heuristic ?? "-") rm \(stats.restrictedMasterSeconds); decomposed \(result?.objectiveValue ?? .nan) bound \(result?.bestBound ?? .nan) gap \(stats.mipGap ?? .nan) rounds \(stats.rounds) columns \(stats.columns) in \(t1.duration(to: t2)) fallback \(stats.fallbackReason ?? "-")")
        let decomposed = try #require(result, "gave up: \(stats.fallbackReason ?? "")")
        let value = try #require(decomposed.objectiveValue), bound = try #require(decomposed.bestBound)
        // The bound is certified: it is above the true optimum (within the monolithic solve's 1e-6).
        #expect(bound >= optimum * (1 - 1e-6) - 1e-6, "seed \(seed): bound \(bound) below the optimum \(optimum)")
        #expect(value <= optimum * (1 + 1e-6) + 1e-6)
        #expect(abs(value - optimum) <= 1e-4 * abs(optimum), "seed \(seed): decomposed \(value) vs monolithic \(optimum)")
        #expect(decomposed.termination.reason == .optimal && (decomposed.relativeGap ?? 1) <= 1e-4)
        // A plan of the model: integral, every row and bound met.
        let checked = model.verified(decomposed)
        #expect(checked.termination.hasSolution, "\(checked.termination)")
        for (j, variable) in model.program.variables.enumerated() where variable.kind != .continuous {
            #expect(decomposed.variableValues[j] == decomposed.variableValues[j].rounded())
        }
    }

    /// The restricted master MIP alone (the fallback heuristic): one generated column per
    /// commune, a plan of the model, worth no more than the certified bound.
    @Test func restrictedMasterMIPGivesAPlanBelowTheBound() throws {
        let model = AllocationModel(scenario: randomScenario(seed: 5, communes: 12), mode: .mip)
        let structure = try #require(CommuneBlocks(model: model))
        var settings = DecompositionOptions()
        settings.relativeGap = 1e-5
        let dw = DantzigWolfe(model: model, structure: structure, options: SolverOptions(), settings: settings, pricing: MIPPricing())
        let clock = ContinuousClock()
        guard case .converged(let end, let stats) = dw.generateColumns(setupSeconds: 0, began: clock.now, clock: clock) else {
            Issue.record("column generation gave up"); return
        }
        var options = SolverOptions()
        options.fixedMIPDuals = false
        let found = try GLPKSolver.solve(end.master.integerProgram(), options: options)
        try #require(found.termination.hasSolution, "\(found.termination)")
        let staticCount = structure.linkingColumns.count
        let lambdas = found.variableValues[staticCount...].map { $0.rounded() }
        // One column per block.
        var perBlock = [Double](repeating: 0, count: structure.blocks.count)
        for (k, column) in end.master.pool.columns.enumerated() { perBlock[column.block] += lambdas[k] }
        #expect(perBlock.allSatisfy { $0 == 1 })
        let (x, _) = end.master.point(lambdas: lambdas, statics: Array(found.variableValues[..<staticCount]))
        let plan = SolveResult(termination: Termination(reason: .optimal), objectiveValue: model.program.objectiveValue(at: x),
                               variableValues: x, rowActivities: model.program.activities(at: x), isMIP: true)
        #expect(model.verified(plan).termination.hasSolution, "\(model.verified(plan).termination)")
        #expect(model.program.objectiveValue(at: x) <= stats.bound * (1 + 1e-9))
        // And the fix-and-solve plan is at least as good here (it searches whole blocks, not only columns).
        let fixed = try #require(dw.fixAndSolve(end, options: options))
        #expect(model.program.objectiveValue(at: fixed) >= model.program.objectiveValue(at: x) - 1e-6)
        #expect(model.verified(SolveResult(termination: Termination(reason: .optimal), objectiveValue: model.program.objectiveValue(at: fixed),
                                           variableValues: fixed, rowActivities: model.program.activities(at: fixed), isMIP: true))
            .termination.hasSolution)
    }

    /// The decomposed MIP is opt-in, and only on the decomposed path.
    @Test func decomposedMIPIsOptIn() {
        let model = AllocationModel(scenario: randomScenario(seed: 1, communes: 4), mode: .mip)
        var settings = DecompositionOptions()
        #expect(model.solvePathChoice(path: .decomposed, decomposition: settings) == .monolithic(.mipMode))
        settings.decomposeMIP = true
        settings.automaticThreshold = 1
        #expect(model.solvePathChoice(path: .decomposed, decomposition: settings) == .decomposed)
        #expect(model.solvePathChoice(path: .automatic, decomposition: settings) == .monolithic(.mipMode))
    }
}
