import Foundation
import Synchronization
import Testing
import LinearProgramming
@testable import Allocation

/// Branch-and-price, the decomposed MIP's search where its root heuristics leave the gap open
/// (docs/decomposition.md, "Branching"), on seeded random provinces with indivisible works,
/// against GLPK's monolithic branch-and-cut solved to a 1e-9 gap (an independent method).
@Suite(.serialized) struct BranchAndPriceTests {
    /// Provinces whose root master mixes plans with fractional works (so the tree branches):
    /// 16 communes, 60 % of works indivisible.
    static let seeds: [UInt64] = [4, 6, 10, 12]

    static func model(seed: UInt64) -> AllocationModel {
        AllocationModel(scenario: randomScenario(seed: seed, communes: 16, indivisible: 0.6), mode: .mip)
    }

    static func monolithicOptimum(_ model: AllocationModel) throws -> Double {
        var tight = SolverOptions()
        tight.relativeGap = 1e-9
        let mono = try GLPKSolver.solve(model.program, options: tight)
        try #require(mono.termination.reason == .optimal, "\(mono.termination)")
        return try #require(mono.objectiveValue)
    }

    /// The root column generation with MIP pricing to 1e-10: its end, statistics and bound
    /// (model objective, constant included).
    static func root(_ dw: DantzigWolfe, clock: ContinuousClock, began: ContinuousClock.Instant) throws
        -> (DantzigWolfe.Converged, DecompositionStatistics, Double) {
        guard case .converged(let end, let stats) = dw.generateColumns(setupSeconds: 0, began: began, clock: clock) else {
            throw CancellationError()
        }
        return (end, stats, stats.bound + dw.program.objectiveConstant)
    }

    static func decomposition(_ model: AllocationModel, options: SolverOptions = SolverOptions(),
                              settings: DecompositionOptions = DecompositionOptions()) throws -> DantzigWolfe {
        var settings = settings
        settings.relativeGap = 1e-10
        return DantzigWolfe(model: model, structure: try #require(CommuneBlocks(model: model)), options: options,
                            settings: settings, pricing: MIPPricing(relativeGap: 1e-10))
    }

    /// The tree alone (no heuristic at the root or the nodes: plans come only from nodes whose
    /// master is integral) finds the monolithic optimum, proves it (bound = value), branches, and
    /// its plan is a plan of the model with every indivisible work whole or absent.
    @Test(arguments: seeds) func treeAloneReachesTheMonolithicOptimum(seed: UInt64) throws {
        let model = Self.model(seed: seed)
        let optimum = try Self.monolithicOptimum(model)
        let seen = Mutex<[BranchAndCutProgress]>([])
        var options = SolverOptions()
        options.progress = { event in if case .branchAndCut(let p) = event { seen.withLock { $0.append(p) } } }
        let dw = try Self.decomposition(model, options: options)
        let clock = ContinuousClock(), began = clock.now
        var (end, stats, rootBound) = try Self.root(dw, clock: clock, began: began)
        // The root bound is certified (the integer hull of each commune): not below the optimum,
        // and here strictly above it (else there would be nothing to branch on).
        #expect(rootBound >= optimum - 1e-9 * abs(optimum))
        let outcome = dw.branchAndPrice(root: end, rootColumns: stats.generatedColumns, rootBound: rootBound, incumbent: nil,
                                        mipGap: 1e-9, setupSeconds: 0, began: began, clock: clock, nodeHeuristic: false, stats: &stats)
        guard case .closed(let x, let value, let bound) = outcome else { Issue.record("seed \(seed): \(outcome)"); return }
        #expect(stats.branchNodes > 0)
        #expect(abs(value - optimum) <= 1e-9 * abs(optimum), "seed \(seed): tree \(value) vs monolithic \(optimum)")
        #expect(bound >= optimum - 1e-9 * abs(optimum) && bound - value <= 1e-9 * abs(value) + 1e-9)
        #expect(abs(model.program.objectiveValue(at: x) - value) <= 1e-9 * abs(value))
        let plan = SolveResult(termination: Termination(reason: .optimal), objectiveValue: value, variableValues: x,
                               rowActivities: model.program.activities(at: x), isMIP: true)
        #expect(model.verified(plan).termination.hasSolution, "\(model.verified(plan).termination)")
        for (j, variable) in model.program.variables.enumerated() where variable.kind != .continuous {
            #expect(x[j] == x[j].rounded())
        }
        // Progress: open nodes and a bound never below the final plan's value.
        let reports = seen.withLock { $0 }
        #expect(!reports.isEmpty)
        #expect(reports.allSatisfy { ($0.bestBound ?? .infinity) >= value - 1e-9 * abs(value) })
    }

    /// At a coarse gap the tree stops with a plan that may be below the optimum (within the gap);
    /// its bound must still be above the optimum: the nodes closed within the gap of the plan
    /// count in it, also once the tree is empty.
    @Test(arguments: seeds) func theBoundStaysAboveTheOptimumAtACoarseGap(seed: UInt64) throws {
        let model = Self.model(seed: seed)
        let optimum = try Self.monolithicOptimum(model)
        let dw = try Self.decomposition(model)
        let clock = ContinuousClock(), began = clock.now
        let (end, stats, rootBound) = try Self.root(dw, clock: clock, began: began)
        for gap in [1e-3, 1e-4] {
            var treeStats = stats
            let outcome = dw.branchAndPrice(root: end, rootColumns: stats.generatedColumns, rootBound: rootBound, incumbent: nil,
                                            mipGap: gap, setupSeconds: 0, began: began, clock: clock, nodeHeuristic: false, stats: &treeStats)
            guard case .closed(_, let value, let bound) = outcome else { Issue.record("seed \(seed): \(outcome)"); continue }
            #expect(bound >= optimum - 1e-9 * abs(optimum), "seed \(seed) gap \(gap): bound \(bound) below the optimum \(optimum)")
            #expect(value <= optimum + 1e-9 * abs(optimum) && (bound - value) / abs(value) <= gap + 1e-9)
        }
    }

    /// The whole decomposed MIP (root heuristics, then the tree where they leave the gap) at a
    /// gap far tighter than they close alone: optimal, with the monolithic optimum, no fallback.
    @Test(arguments: seeds) func decomposedMIPClosesATightGap(seed: UInt64) throws {
        let model = Self.model(seed: seed)
        let optimum = try Self.monolithicOptimum(model)
        var options = SolverOptions()
        options.relativeGap = 1e-8
        var settings = DecompositionOptions()
        settings.decomposeMIP = true
        settings.fallbackToMonolithic = false
        let (result, stats) = model.decomposedResult(options: options, decomposition: settings)
        let solved = try #require(result, "seed \(seed): gave up: \(stats.fallbackReason ?? "")")
        #expect(stats.branchNodes > 0, "seed \(seed): the root closed the gap, the tree was not tested")
        #expect(solved.termination.reason == .optimal)
        let value = try #require(solved.objectiveValue), bound = try #require(solved.bestBound)
        #expect(abs(value - optimum) <= 1e-8 * abs(optimum), "seed \(seed): \(value) vs \(optimum)")
        #expect(bound >= optimum - 1e-9 * abs(optimum))
        #expect((bound - value) / abs(value) <= 1e-8 + 1e-9)
        #expect(model.verified(solved).termination.hasSolution)
    }

    /// A limit during the tree: the best plan so far and the bound of the open nodes, never
    /// "closed" — the bound is still above the optimum and the plan below it.
    @Test func aLimitStopsTheTreeWithThePlanAndTheOpenBound() throws {
        let model = Self.model(seed: 12)
        let optimum = try Self.monolithicOptimum(model)
        let dw = try Self.decomposition(model)
        let clock = ContinuousClock(), began = clock.now
        var (end, stats, rootBound) = try Self.root(dw, clock: clock, began: began)
        let start = try #require(dw.fixAndSolve(end, options: SolverOptions(), fixAgreed: true))
        let startValue = model.program.objectiveValue(at: start)
        try #require(rootBound - startValue > 1e-6 * abs(startValue), "the root closes the gap: nothing to stop")
        var limited = SolverOptions()
        limited.deadline = clock.now
        let stopped = DantzigWolfe(program: dw.program, structure: dw.structure, priceScale: dw.priceScale, blockName: dw.blockName,
                                   options: limited, settings: dw.settings, pricing: dw.pricing)
        let outcome = stopped.branchAndPrice(root: end, rootColumns: stats.generatedColumns, rootBound: rootBound,
                                             incumbent: (start, startValue), mipGap: 1e-9, setupSeconds: 0, began: began, clock: clock,
                                             stats: &stats)
        guard case .timeLimit(_, let value, let bound) = outcome else { Issue.record("\(outcome)"); return }
        #expect(value == startValue)
        #expect(bound >= optimum - 1e-9 * abs(optimum) && bound >= value)
        #expect(value <= optimum + 1e-9 * abs(optimum))
    }

    /// The node limit: the tree gives up with the gap it leaves (the monolithic path takes over).
    @Test func theNodeLimitGivesUp() throws {
        let model = Self.model(seed: 12)
        var settings = DecompositionOptions()
        settings.maxBranchNodes = 0
        let dw = try Self.decomposition(model, settings: settings)
        let clock = ContinuousClock(), began = clock.now
        var (end, stats, rootBound) = try Self.root(dw, clock: clock, began: began)
        let outcome = dw.branchAndPrice(root: end, rootColumns: stats.generatedColumns, rootBound: rootBound, incumbent: nil,
                                        mipGap: 1e-9, setupSeconds: 0, began: began, clock: clock, nodeHeuristic: false, stats: &stats)
        guard case .gaveUp(.gapNotClosed(let gap, let limit)) = outcome else { Issue.record("\(outcome)"); return }
        #expect(gap == .infinity && limit == 1e-9)
        #expect(stats.branchNodes == 0)
    }
}
