import Foundation
import Testing
import LinearProgramming
import ScenarioIO
@testable import Allocation

/// The decomposed MIP (opt-in, docs/decomposition.md "Decomposed MIP") on seeded random
/// provinces, against the monolithic branch-and-cut solved to a tight gap.
@Suite(.serialized) struct DecomposedMIPTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6]

    /// `indivisible`: the share of works built whole or not at all (0: only the standard
    /// variables z_c are integer).
    @Test(arguments: seeds, [0.0, 0.6]) func sameOptimumAsMonolithicMIP(seed: UInt64, indivisible: Double) throws {
        let model = AllocationModel(scenario: randomScenario(seed: seed, communes: 16, indivisible: indivisible), mode: .mip)
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
        print("seed \(seed) indivisible \(indivisible): mono \(optimum) bound \(mono.bestBound ?? .nan) in \(t0.duration(to: t1)); DW bound \(stats.bound) incumbent \(stats.incumbent ?? .nan) heuristic \(stats.heuristic ?? "-") rm \(stats.restrictedMasterSeconds); decomposed \(result?.objectiveValue ?? .nan) bound \(result?.bestBound ?? .nan) gap \(stats.mipGap ?? .nan) rounds \(stats.rounds) columns \(stats.columns) nodes \(stats.branchNodes) in \(t1.duration(to: t2)) fallback \(stats.fallbackReason ?? "-")")
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
        settings.dropIdleColumnsAfter = nil   // every generated column, as runMIP's MIP phase keeps them
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
        // Fix-and-solve with the agreed integer columns fixed too: a plan of the model below the bound.
        let narrow = try #require(dw.fixAndSolve(end, options: options, fixAgreed: true))
        let narrowValue = model.program.objectiveValue(at: narrow)
        #expect(narrowValue <= stats.bound * (1 + 1e-9) + model.program.objectiveConstant)
        #expect(model.verified(SolveResult(termination: Termination(reason: .optimal), objectiveValue: narrowValue,
                                           variableValues: narrow, rowActivities: model.program.activities(at: narrow), isMIP: true))
            .termination.hasSolution)
        // And the fix-and-solve plan is at least as good here (it searches whole blocks, not only columns).
        let fixed = try #require(dw.fixAndSolve(end, options: options))
        #expect(model.program.objectiveValue(at: fixed) >= model.program.objectiveValue(at: x) - 1e-6)
        #expect(model.verified(SolveResult(termination: Termination(reason: .optimal), objectiveValue: model.program.objectiveValue(at: fixed),
                                           variableValues: fixed, rowActivities: model.program.activities(at: fixed), isMIP: true))
            .termination.hasSolution)
    }

    /// The LP-pricing phase (docs/decomposition.md, "Decomposed MIP"): its bound is the LP
    /// relaxation's optimum (checked against the monolithic LP relaxation), its seed columns are
    /// integer points of their blocks, and the decomposed MIP with it reaches the same certified
    /// optimum as without it and as the monolithic branch-and-cut.
    @Test(arguments: [UInt64(1), 3, 7]) func lpPhaseKeepsTheCertifiedOptimum(seed: UInt64) throws {
        let model = AllocationModel(scenario: randomScenario(seed: seed, communes: 14), mode: .mip)
        var tight = SolverOptions()
        tight.relativeGap = 1e-7
        let optimum = try #require(try GLPKSolver.solve(model.program, options: tight).objectiveValue)
        var relaxed = model.program
        for (j, variable) in relaxed.variables.enumerated() where variable.kind != .continuous { relaxed.setKind(.continuous, for: VariableID(j)) }
        let lpOptimum = try #require(try GLPKSolver.solve(relaxed).objectiveValue)

        let structure = try #require(CommuneBlocks(model: model))
        var settings = DecompositionOptions()
        settings.relativeGap = 1e-5
        var options = SolverOptions()
        options.relativeGap = 1e-4
        let dw = DantzigWolfe(model: model, structure: structure, options: options, settings: settings, pricing: MIPPricing(relativeGap: 1e-5))
        let clock = ContinuousClock()
        let phase = try #require(dw.lpPricingPhase(setupSeconds: 0, began: clock.now, clock: clock))
        // The LP phase's bound: at least the LP relaxation's optimum, within the phase's gap of it.
        let lpBound = phase.bound + model.program.objectiveConstant
        #expect(lpBound >= lpOptimum - 1e-7 * abs(lpOptimum))
        #expect(lpBound <= lpOptimum + 2e-5 * abs(lpOptimum))
        #expect(lpBound >= optimum - 1e-7 * abs(optimum))
        // Seeds: integer points of their blocks (every row and bound met).
        #expect(!phase.start.columns.isEmpty)
        for (b, out) in phase.start.columns {
            let block = structure.blocks[b]
            var u = [Double](repeating: 0, count: block.program.variableCount)
            for (i, v) in zip(out.pointIndices, out.pointValues) { u[Int(i)] = v }
            for (j, variable) in block.program.variables.enumerated() {
                if variable.kind != .continuous { #expect(u[j] == u[j].rounded()) }
                #expect(u[j] >= variable.lower - 1e-9 && u[j] <= variable.upper + 1e-9)
            }
            for (r, activity) in block.program.activities(at: u).enumerated() {
                let bounds = block.program.constraints[r].bounds
                #expect(activity >= bounds.lower - 1e-6 && activity <= bounds.upper + 1e-6, "block \(b) row \(r): \(activity) outside \(bounds)")
            }
        }
        // The whole decomposed MIP, with and without the phase: both certified, both at the optimum.
        for lpPhase in [true, false] {
            guard case .solved(let result, let stats) = dw.runMIP(setupSeconds: 0, mipGap: 1e-4, lpPhase: lpPhase) else {
                Issue.record("seed \(seed) lpPhase \(lpPhase): gave up"); continue
            }
            let value = try #require(result.objectiveValue), bound = try #require(result.bestBound)
            #expect(bound >= optimum - 1e-6 * abs(optimum), "seed \(seed) lpPhase \(lpPhase): bound \(bound) below \(optimum)")
            #expect(value <= optimum + 1e-6 * abs(optimum))
            #expect((bound - value) / abs(value) <= 1e-4 + 1e-9)
            #expect(abs(value - optimum) <= 1e-4 * abs(optimum))
            #expect(model.verified(result).termination.hasSolution)
            #expect((stats.lpBound != nil) == lpPhase)
        }
    }

    /// The MIP pricer's relaxation-first answer equals branch-and-cut's, block by block, at the
    /// prices of a column generation and at perturbed ones (the relaxation is used only when it
    /// is integral, where it is the block MIP's optimum).
    @Test func relaxationFirstPricingEqualsBranchAndCut() throws {
        let model = AllocationModel(scenario: randomScenario(seed: 4, communes: 12), mode: .mip)
        let structure = try #require(CommuneBlocks(model: model))
        let dw = DantzigWolfe(model: model, structure: structure, options: SolverOptions(), settings: DecompositionOptions(),
                              pricing: MIPPricing())
        let clock = ContinuousClock()
        let phase = try #require(dw.lpPricingPhase(setupSeconds: 0, began: clock.now, clock: clock))
        var rng = SeededGenerator(seed: 11)
        let priceSets = [phase.start.prices, [Double](repeating: 0, count: structure.linkingRows.count)]
            + (0..<3).map { _ in phase.start.prices.map { $0 * Double.random(in: 0.5...1.5, using: &rng) } }
        var byRelaxation = 0
        for block in structure.blocks where !block.linkColumns.isEmpty {
            let fast = MIPBlockPricer(block: block, options: MIPPricing().options, relaxationFirst: true)
            let exact = MIPBlockPricer(block: block, options: MIPPricing().options, relaxationFirst: false)
            for prices in priceSets {
                let a = fast.price(at: prices), b = exact.price(at: prices)
                #expect(a.optimal && b.optimal)
                #expect(abs(a.value - b.value) <= 1e-7 * max(1, abs(b.value)), "block \(block.commune): \(a.value) vs \(b.value)")
                if a.work == .integralRelaxation {
                    byRelaxation += 1
                    // Its point is integral and worth its value at these prices.
                    var reduced = 0.0
                    for (i, v) in zip(a.pointIndices, a.pointValues) {
                        let j = Int(i)
                        if block.program.variables[j].kind != .continuous { #expect(v == v.rounded()) }
                        var c = block.program.variables[j].objective
                        if let k = block.linkColumns.firstIndex(of: i) { c = block.reducedObjective(ofLinkColumn: k, prices: prices) }
                        reduced += c * v
                    }
                    #expect(abs(reduced - a.value) <= 1e-7 * max(1, abs(a.value)))
                }
            }
        }
        #expect(byRelaxation > 0)
    }

    /// The safe skip rule: a skipped block's value (the bound ζ(π) + Σ max(−Δ·lo, −Δ·hi) from
    /// its last solve) is never below the block's true value at the new prices (a full re-price
    /// by branch-and-cut), so the Lagrangian bound built with skipped blocks is never below the
    /// one with every block re-priced; with tolerance 0 nothing is skipped.
    @Test func skippedBlocksKeepTheBoundAboveAFullReprice() throws {
        let model = AllocationModel(scenario: randomScenario(seed: 2, communes: 12), mode: .mip)
        let structure = try #require(CommuneBlocks(model: model))
        var settings = DecompositionOptions()
        settings.relativeGap = 1e-5
        let dw = DantzigWolfe(model: model, structure: structure, options: SolverOptions(), settings: settings, pricing: MIPPricing())
        let clock = ContinuousClock()
        guard case .converged(let end, _) = dw.generateColumns(setupSeconds: 0, began: clock.now, clock: clock) else {
            Issue.record("column generation gave up"); return
        }
        var rng = SeededGenerator(seed: 5)
        let before = end.prices
        for spread in [0.01, 0.2] {
            // Scaled by positive factors: still sign-feasible.
            let after = before.map { $0 * Double.random(in: (1 - spread)...(1 + spread), using: &rng) }
            var skippedValues: [Double] = [], exactValues: [Double] = []
            var skipped = 0
            for block in structure.blocks {
                let pricer = MIPBlockPricer(block: block, options: MIPPricing().options)
                let exact = MIPBlockPricer(block: block, options: MIPPricing().options, relaxationFirst: false, skipRule: false).price(at: after)
                let first = pricer.price(at: before)
                try #require(first.optimal && exact.optimal)
                // The usage ranges hold every point found.
                let ranges = try #require(pricer.usageRanges())
                for out in [first, exact] {
                    for (l, a) in zip(out.usageRows, out.usageValues) {
                        let range = try #require(ranges.first { $0.row == l })
                        #expect(a >= range.lower && a <= range.upper)
                    }
                }
                let forced = pricer.price(at: after, skipTolerance: .infinity)
                if block.linkColumns.isEmpty || before == after { continue }
                #expect(forced.work == .skipped)
                #expect(forced.pointIndices == first.pointIndices && forced.pointValues == first.pointValues)
                #expect(forced.value >= exact.value - 1e-7 * max(1, abs(exact.value)), "block \(block.commune): skip bound \(forced.value) below ζ \(exact.value)")
                skipped += 1
                skippedValues.append(forced.value)
                exactValues.append(exact.value)
                let solved = pricer.price(at: after, skipTolerance: 0)
                #expect(solved.work != .skipped)
                #expect(abs(solved.value - exact.value) <= 1e-7 * max(1, abs(exact.value)))
            }
            #expect(skipped > 0)
            let withSkips = end.master.lagrangianBound(prices: after, blockValues: skippedValues)
            let full = end.master.lagrangianBound(prices: after, blockValues: exactValues)
            #expect(withSkips >= full - 1e-7 * abs(full))
        }
    }

    /// The decomposed MIP is opt-in (the library's default is off); with it, `automatic` decomposes a
    /// MIP from the commune-year threshold on, as an LP.
    @Test func decomposedMIPIsOptIn() {
        let model = AllocationModel(scenario: randomScenario(seed: 1, communes: 4), mode: .mip)
        var settings = DecompositionOptions()
        #expect(model.solvePathChoice(path: .decomposed, decomposition: settings) == .monolithic(.mipMode))
        settings.decomposeMIP = true
        settings.automaticThreshold = 1
        #expect(model.solvePathChoice(path: .decomposed, decomposition: settings) == .decomposed)
        #expect(model.solvePathChoice(path: .automatic, decomposition: settings) == .decomposed)
        settings.automaticThreshold = 5
        #expect(model.solvePathChoice(path: .automatic, decomposition: settings) == .monolithic(.tooFewCommunes(communeYears: 4, threshold: 5)))
        #expect(model.solvePathChoice(path: .monolithic, decomposition: settings) == .monolithic(nil))
    }
}

/// Timing harness of the decomposed MIP (never asserts speed): NTM_DMIP_BENCH=path1,path2
/// (scenario.yaml files) prints each round and where the time went; NTM_DMIP_MONO=1 also runs
/// the monolithic MIP with the same time limit (NTM_DMIP_TIME, default 300 s).
@Suite struct DecomposedMIPBenchmark {
    /// CPU seconds (user + system) this process has used: steadier than the wall clock on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["NTM_DMIP_BENCH"] != nil))
    func benchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let limit = env["NTM_DMIP_TIME"].flatMap(Double.init) ?? 300
        for path in env["NTM_DMIP_BENCH"]!.split(separator: ",").map(String.init) {
            let scenario = try ScenarioLoader.load(path)
            let model = AllocationModel(scenario: scenario, mode: .mip)
            print("[dmip] \(path): \(scenario.communes.count) communes × \(max(1, scenario.periodCount)) periods, size \(model.size)")
            var options = SolverOptions()
            options.relativeGap = 1e-4
            options.timeLimit = limit
            var settings = DecompositionOptions()
            settings.decomposeMIP = true
            if env["NTM_DMIP_TRACE"] != nil { settings.trace = { print("[trace] " + $0) } }
            let clock = ContinuousClock()
            let t0 = clock.now, cpu0 = Self.cpuSeconds()
            // decomposedResult's MIP branch, with the pricing's switches from the environment,
            // and without the fixed-integer LP (its duals) afterwards.
            let structure = try #require(CommuneBlocks(model: model))
            settings.relativeGap = max(settings.relativeGap, options.relativeGap / 10)
            var pricing = MIPPricing(relativeGap: options.relativeGap / 10, deadline: clock.now + .seconds(limit))
            pricing.relaxationFirst = env["NTM_DMIP_NO_RELAXATION"] == nil
            pricing.skipRule = env["NTM_DMIP_NO_SKIP"] == nil
            let dw = DantzigWolfe(model: model, structure: structure, options: options, settings: settings, pricing: pricing)
            let (result, s): (SolveResult?, DecompositionStatistics)
            switch dw.runMIP(setupSeconds: 0, mipGap: options.relativeGap, lpPhase: env["NTM_DMIP_NO_LP_PHASE"] == nil,
                                    lpPhaseGap: env["NTM_DMIP_LP_GAP"].flatMap(Double.init)) {
            case .solved(let r, let stats): (result, s) = (r, stats)
            case .gaveUp(let reason, var stats): stats.fallback = reason; (result, s) = (nil, stats)
            }
            print("[dmip] decomposed \(t0.duration(to: clock.now)) (cpu \(Self.cpuSeconds() - cpu0) s): \(result?.objectiveValue ?? .nan) bound \(result?.bestBound ?? .nan) gap \(s.mipGap ?? .nan) fallback \(s.fallbackReason ?? "-")")
            print("[dmip]   rounds \(s.rounds) columns \(s.columns) pricing \(s.pricingSeconds) s master \(s.masterSeconds) s heuristics \(s.restrictedMasterSeconds) s (fix-and-solve \(s.fixAndSolveSeconds) s) heuristic \(s.heuristic ?? "-")")
            print("[dmip]   pricing cpu \(s.pricingCPUSeconds) s, of which branch-and-cut \(s.branchAndCutCPUSeconds) s")
            print("[dmip]   block MIPs \(s.blockMIPSolves), answered by the LP relaxation \(s.blockLPIntegral), skipped \(s.blocksSkipped); LP phase \(s.lpPhaseRounds) rounds \(s.lpPhaseSeconds) s bound \(s.lpBound ?? .nan)")
            if env["NTM_DMIP_MONO"] != nil {
                let t1 = clock.now
                let mono = try GLPKSolver.solve(model.program, options: options)
                print("[dmip] monolithic \(t1.duration(to: clock.now)): \(mono.objectiveValue ?? .nan) bound \(mono.bestBound ?? .nan) gap \(mono.relativeGap ?? .nan) \(mono.termination)")
            }
        }
    }
}

extension DecomposedMIPBenchmark {
    /// The primal heuristics timed one by one after the column generation (NTM_DMIP_HEUR=path).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NTM_DMIP_HEUR"] != nil))
    func heuristics() throws {
        let env = ProcessInfo.processInfo.environment
        let model = AllocationModel(scenario: try ScenarioLoader.load(env["NTM_DMIP_HEUR"]!), mode: .mip)
        let structure = try #require(CommuneBlocks(model: model))
        var settings = DecompositionOptions()
        settings.relativeGap = 1e-5
        let dw = DantzigWolfe(model: model, structure: structure, options: SolverOptions(), settings: settings,
                              pricing: MIPPricing(relativeGap: 1e-5))
        let clock = ContinuousClock()
        let lp = dw.lpPricingPhase(setupSeconds: 0, began: clock.now, clock: clock)
        guard case .converged(let end, let stats) = dw.generateColumns(setupSeconds: 0, began: clock.now, clock: clock, start: lp?.start) else {
            Issue.record("gave up"); return
        }
        let bound = stats.bound + model.program.objectiveConstant
        var options = SolverOptions()
        options.relativeGap = 1e-5
        options.fixedMIPDuals = false
        options.timeLimit = 120
        if env["NTM_DMIP_NOCUTS"] != nil { options.mipCuts = false }
        if env["NTM_DMIP_DUAL"] != nil { options.method = .dualSimplex }
        if env["NTM_DMIP_PRESOLVE"] != nil { options.presolve = true }
        if env["NTM_DMIP_LOG"] != nil { options.log = { print("[glpk] " + $0, terminator: "") } }
        var t = clock.now
        let z = end.solution.objective + model.program.objectiveConstant
        let slack = env["NTM_DMIP_TIGHT"] != nil ? 0 : 0.5 * (1e-4 * abs(z) - max(0, bound - z))
        let fixed = dw.fixAndSolve(end, options: options, absoluteGap: slack, fixAgreed: env["NTM_DMIP_FIX_AGREED"] != nil)
        let mixed = Set(end.master.pool.columns.enumerated().filter { end.solution.result.variableValues[end.master.firstColumn + $0.offset] > 1e-9 }
            .map(\.element.block)).count
        print("[heur] bound \(bound), blocks \(structure.blocks.count), linking rows \(structure.linkingRows.count), columns \(end.master.pool.count)")
        print("[heur] fix-and-solve \(t.duration(to: clock.now)) (slack \(slack)): \(fixed.map { model.program.objectiveValue(at: $0) } ?? .nan), mixed blocks \(end.master.point(from: end.solution.result).columnsUsed.filter { $0 > 1 }.count)")
        // The restricted master MIP over the mixed blocks' columns only, the others fixed on their column.
        var partial = end.master.integerProgram()
        let staticCount = structure.linkingColumns.count
        let lambda = end.solution.result.variableValues
        var chosen = [[Int]](repeating: [], count: structure.blocks.count)
        for (k, column) in end.master.pool.columns.enumerated() where lambda[end.master.firstColumn + k] > 1e-9 { chosen[column.block].append(k) }
        for (k, column) in end.master.pool.columns.enumerated() where chosen[column.block].count == 1 {
            let on: Double = chosen[column.block][0] == k ? 1 : 0
            partial.setBounds(of: VariableID(staticCount + k), lower: on, upper: on)
        }
        t = clock.now
        let partialResult = try GLPKSolver.solve(partial, options: options)
        print("[heur] restricted master MIP over the mixed blocks \(t.duration(to: clock.now)): \((partialResult.objectiveValue ?? .nan) + model.program.objectiveConstant) \(partialResult.termination)")
        if env["NTM_DMIP_SKIP_RM"] != nil { return }
        t = clock.now
        let found = try GLPKSolver.solve(end.master.integerProgram(), options: options)
        print("[heur] restricted master MIP \(t.duration(to: clock.now)): \(found.objectiveValue ?? .nan) \(found.termination) (blocks with a positive λ: \(mixed))")
    }
}

extension DecomposedMIPBenchmark {
    /// One round of block MIPs at the LP phase's duals, timed by parts (NTM_DMIP_BLOCKS=path):
    /// a cold LP relaxation, branch-and-cut as the pricer runs it, and with cuts.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NTM_DMIP_BLOCKS"] != nil))
    func blockMIPs() throws {
        let env = ProcessInfo.processInfo.environment
        let model = AllocationModel(scenario: try ScenarioLoader.load(env["NTM_DMIP_BLOCKS"]!), mode: .mip)
        let structure = try #require(CommuneBlocks(model: model))
        var settings = DecompositionOptions()
        settings.relativeGap = 1e-5
        let dw = DantzigWolfe(model: model, structure: structure, options: SolverOptions(), settings: settings, pricing: MIPPricing(relativeGap: 1e-5))
        let clock = ContinuousClock()
        let phase = try #require(dw.lpPricingPhase(setupSeconds: 0, began: clock.now, clock: clock))
        var cold = 0.0, mip = 0.0, cuts = 0.0, dual = 0.0, fractional = 0, lpIterations = 0, mipIterations = 0
        for block in structure.blocks where !block.linkColumns.isEmpty {
            var program = block.program
            for k in block.linkColumns.indices {
                program.setObjective(block.reducedObjective(ofLinkColumn: k, prices: phase.start.prices), for: VariableID(Int(block.linkColumns[k])))
            }
            var relaxed = program
            for (j, v) in relaxed.variables.enumerated() where v.kind != .continuous { relaxed.setKind(.continuous, for: VariableID(j)) }
            var t = Self.cpuSeconds()
            let lp = try GLPKSolver.solve(relaxed)
            cold += Self.cpuSeconds() - t
            lpIterations += lp.iterations
            if !program.variables.indices.allSatisfy({ program.variables[$0].kind == .continuous || abs(lp.variableValues[$0] - lp.variableValues[$0].rounded()) <= 1e-9 }) { fractional += 1 }
            var options = MIPPricing(relativeGap: 1e-5).options
            t = Self.cpuSeconds()
            let m = try GLPKSolver.solve(program, options: options)
            mip += Self.cpuSeconds() - t
            mipIterations += m.iterations
            options.mipCuts = true
            t = Self.cpuSeconds()
            _ = try GLPKSolver.solve(program, options: options)
            cuts += Self.cpuSeconds() - t
            options.mipCuts = false
            options.method = .dualSimplex
            t = Self.cpuSeconds()
            _ = try GLPKSolver.solve(program, options: options)
            dual += Self.cpuSeconds() - t
        }
        print("[blocks] \(structure.blocks.count) blocks, \(fractional) fractional relaxations: cold LP \(cold) s (\(lpIterations) it), MIP \(mip) s (\(mipIterations) it), MIP with cuts \(cuts) s, MIP dual simplex root \(dual) s")
    }
}
