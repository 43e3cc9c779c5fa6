import Foundation
import LinearProgramming

extension DantzigWolfe {
    /// Round-off allowed on top of the MIP gap asked for: the bound and the incumbent are sums
    /// of LP and MIP values each exact to about 1e-15 relative, so `--mip-gap 0` is reachable.
    static let gapRoundOff = 1e-9

    /// The decomposed MIP (docs/decomposition.md, "Decomposed MIP"): column generation with each
    /// block's pricing problem solved as a MIP (``MIPPricing``), whose value is an upper bound
    /// on the block's optimum (its optimum, or GLPK's bound when it stopped at a gap), so the
    /// master's Lagrangian bound is certified: at most the bound over every commune's integer
    /// hull, plus the pricing gaps. Then the primal heuristics (``fixAndSolve(_:options:)``, and
    /// if the gap is still open the restricted master MIP over the generated columns, one
    /// column per block) give an incumbent, which is a plan of the model.
    ///
    /// Solved when (bound − incumbent)/|incumbent| ≤ `mipGap`: an `.optimal` MIP result with
    /// that bound and gap. Where the heuristics leave the gap open, branch-and-price
    /// (``branchAndPrice(root:rootColumns:rootBound:incumbent:mipGap:setupSeconds:began:clock:nodeHeuristic:stats:)``)
    /// closes it; a limit that stops the tree gives a `.feasible` (time limit) result with the
    /// best plan and the open nodes' bound, never `.optimal`. It gives up at the tree's node
    /// limit (``DecompositionFallback/gapNotClosed(gap:limit:)``) or without any plan
    /// (``DecompositionFallback/noIncumbent(_:)``); a limit during the root column generation
    /// gives up too (``DecompositionFallback/timeLimit(rounds:)``).
    /// `pricing` must be a MIP pricing for the bound to be certified.
    ///
    /// With `lpPhase` (the default) the MIP pricing starts where an LP-pricing phase ended
    /// (``lpPricingPhase(setupSeconds:began:clock:)``): at its certified duals, with those of
    /// its columns that are integer points.
    func runMIP(setupSeconds: Double, mipGap: Double, lpPhase: Bool = true, lpPhaseGap: Double? = nil) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        let (lp, lpGaveUp) = lpPhase ? lpPricingPhaseOutcome(setupSeconds: setupSeconds, began: began, clock: clock, gap: lpPhaseGap)
                                     : (nil, nil)
        // A limit that stopped the LP phase leaves no time for the MIP phase: say so with the
        // LP phase's rounds (the MIP phase would report 0 rounds).
        if let (reason, lpStats) = lpGaveUp, case .timeLimit = reason { return .gaveUp(reason, lpStats) }
        let end: Converged
        var stats: DecompositionStatistics
        // The MIP phase keeps every column it generates (a few rounds only): the restricted
        // master MIP below chooses among them.
        var keepAll = settings
        keepAll.dropIdleColumnsAfter = nil
        let mipPhase = DantzigWolfe(program: program, structure: structure, priceScale: priceScale, blockName: blockName,
                                    options: options, settings: keepAll, pricing: pricing)
        switch mipPhase.generateColumns(setupSeconds: setupSeconds, began: began, clock: clock, start: lp?.start) {
        case .gaveUp(let reason, var gaveUpStats): gaveUpStats.recordLPPhase(lp, constant: program.objectiveConstant); return .gaveUp(reason, gaveUpStats)
        case .converged(let converged, let convergedStats): (end, stats) = (converged, convergedStats)
        }
        stats.recordLPPhase(lp, constant: program.objectiveConstant)
        // The bound: the best Lagrangian bound met (valid for every sign-feasible price vector),
        // or the LP phase's own (the LP relaxation's, valid and usually weaker) if that is lower.
        var bound = min(stats.bound, lp?.bound ?? .infinity) + program.objectiveConstant

        // The primal heuristics, each with a tenth of the gap for its own search and the time left:
        // fix the communes the master LP sets on one column and solve the others' whole MIPs
        // together; then, if the gap is still open, the restricted master MIP over every column.
        let t = clock.now
        func heuristicOptions() -> SolverOptions { self.heuristicOptions(mipGap: mipGap, began: began, clock: clock, setupSeconds: setupSeconds) }
        func gap(of value: Double) -> Double { max(0, bound - value) / max(abs(value), Double.ulpOfOne) }
        var best: (x: [Double], value: Double)? = nil
        // Fix-and-solve may end up to half of what the MIP gap allows below the bound (the master
        // LP's value is itself within the column generation's gap of the bound).
        let z = end.solution.objective + program.objectiveConstant
        let slack = 0.5 * (mipGap * abs(z) - max(0, bound - z))
        // First with the integer columns the mixed communes' columns agree on fixed too (a smaller
        // sub-MIP: 6.1 s against 10.6 s on the five-year scenario, same gap), then, if that
        // leaves the gap open, with the mixed communes whole.
        for fixAgreed in [true, false] where best == nil || gap(of: best!.value) > mipGap {
            guard let x = fixAndSolve(end, options: heuristicOptions(), absoluteGap: max(0, slack), fixAgreed: fixAgreed) else { continue }
            let value = program.objectiveValue(at: x)
            if best == nil || value > best!.value {
                best = (x, value)
                stats.heuristic = "fix_and_solve"
            }
        }
        stats.fixAndSolveSeconds = seconds(t.duration(to: clock.now))
        var lastTermination = TerminationReason.infeasible
        if best == nil || gap(of: best!.value) > mipGap {
            // A heuristic only (branching below is what closes the gap): at most as long as the
            // column generation took, and at least a second.
            var restricted = heuristicOptions()
            let cap = max(1, seconds(began.duration(to: t)))
            restricted.timeLimit = min(restricted.timeLimit ?? cap, cap)
            let found: SolveResult
            do { found = try GLPKSolver.solve(end.master.integerProgram(), options: restricted) } catch {
                return .gaveUp(.numericalTrouble("the restricted master MIP could not be loaded: \(error)"), stats)
            }
            lastTermination = found.termination.reason
            if found.termination.hasSolution {
                let staticCount = structure.linkingColumns.count
                let lambdas = found.variableValues[staticCount...].map { $0.rounded() }
                var (x, _) = end.master.point(lambdas: lambdas, statics: Array(found.variableValues[..<staticCount]))
                for (j, variable) in program.variables.enumerated() where variable.kind != .continuous { x[j] = x[j].rounded() }
                let value = program.objectiveValue(at: x)
                if best == nil || value > best!.value {
                    best = (x, value)
                    stats.heuristic = "restricted_master_mip"
                }
            }
        }
        stats.restrictedMasterSeconds = seconds(t.duration(to: clock.now))
        // Branch-and-price where the root's plans leave the gap open.
        var reason = TerminationReason.optimal
        if best == nil || gap(of: best!.value) > mipGap + DantzigWolfe.gapRoundOff {
            let tree = clock.now
            let outcome = branchAndPrice(root: end, rootColumns: stats.generatedColumns, rootBound: bound, incumbent: best, mipGap: mipGap,
                                         setupSeconds: setupSeconds, began: began, clock: clock, stats: &stats)
            stats.branchSeconds = seconds(tree.duration(to: clock.now))
            switch outcome {
            case .closed(let x, let value, let treeBound): (best, bound) = ((x, value), min(bound, treeBound))
            case .timeLimit(let x, let value, let treeBound): (best, bound, reason) = ((x, value), min(bound, treeBound), .feasible)
            case .noIncumbent(let termination): return .gaveUp(.noIncumbent(termination), stats)
            case .gaveUp(let fallback): return .gaveUp(fallback, stats)
            }
        }
        guard let (x, _) = best else { return .gaveUp(.noIncumbent(lastTermination), stats) }
        let incumbent = program.objectiveValue(at: x)
        let gap = gap(of: incumbent)
        stats.incumbent = incumbent
        stats.mipGap = gap
        stats.bound = bound - program.objectiveConstant
        let total = began.duration(to: clock.now)
        stats.totalSeconds = stats.setupSeconds + seconds(total)
        settings.trace?(String(format: "MIP: %d rounds (LP phase %d), fix-and-solve %.3f s, restricted master MIP %.3f s, branch-and-price %.3f s (%d nodes), gap %.3g",
                               stats.rounds, stats.lpPhaseRounds, stats.fixAndSolveSeconds,
                               stats.restrictedMasterSeconds - stats.fixAndSolveSeconds, stats.branchSeconds, stats.branchNodes, gap))
        // Optimal within the gap asked for, to the LPs' round-off (the bound is an LP value);
        // never optimal when a limit stopped the search.
        if reason == .optimal && gap > mipGap + DantzigWolfe.gapRoundOff { return .gaveUp(.gapNotClosed(gap: gap, limit: mipGap), stats) }
        let detail = String(format: "Dantzig–Wolfe MIP: %d blocks, %d linking rows, %d rounds, %d columns, %d branch nodes, bound %.10g, gap %.3g",
                            stats.blocks, stats.linkingRows, stats.rounds, stats.columns, stats.branchNodes, bound, gap)
        return .solved(SolveResult(termination: Termination(reason: reason, limit: reason == .feasible ? .time : nil, detail: detail), objectiveValue: incumbent,
                                   variableValues: x, rowActivities: program.activities(at: x), isMIP: true,
                                   bestBound: bound, relativeGap: gap,
                                   iterations: stats.pricingIterations + stats.masterIterations,
                                   solveSeconds: stats.totalSeconds - stats.setupSeconds, loadSeconds: stats.setupSeconds), stats)
    }

    /// What the LP-pricing phase of the decomposed MIP leaves to its MIP-pricing phase.
    struct LPPhase {
        /// Its certified duals and its integral columns.
        let start: Start
        /// Its Lagrangian bound (model objective without the constant): the LP relaxation's
        /// optimum to the phase's gap, a valid bound on the MIP.
        let bound: Double
        let rounds: Int
        let seconds: Double
    }

    /// The LP-pricing phase of the decomposed MIP: column generation over the blocks' LP
    /// relaxations (``LPPricing``, warm-started, a few pivots per block and round) to the same
    /// gap, which is much cheaper per round than MIP pricing. Its duals π_LP start the MIP
    /// pricing (near the Lagrangian dual's optimum, where the MIP bound is tight), and its bound
    /// (the LP relaxation's optimum) is itself a valid bound on the MIP.
    ///
    /// Its columns are points of the blocks' LP polytopes, most of them fractional. Only those
    /// already integral on every integer column (to ``MIPBlockPricer/integralityTolerance``,
    /// then rounded) seed the MIP phase's master: a fractional point is not a plan of its
    /// commune, so in the MIP master it would let the master's value exceed the integer-hull
    /// bound (the stop test could then never be met) and could end up in the restricted master
    /// MIP's incumbent or be fixed by fix-and-solve. The MIP phase therefore has its own master
    /// and uses the LP phase's master only through its duals and integral columns.
    ///
    /// Nil when the phase gives up (the MIP phase then starts from scratch, as without it).
    ///
    /// `gap`: the phase's own stopping gap (default: the MIP phase's).
    func lpPricingPhase(setupSeconds: Double, began: ContinuousClock.Instant, clock: ContinuousClock, gap: Double? = nil) -> LPPhase? {
        lpPricingPhaseOutcome(setupSeconds: setupSeconds, began: began, clock: clock, gap: gap).phase
    }

    /// ``lpPricingPhase(setupSeconds:began:clock:gap:)``, with why it gave up when it did.
    func lpPricingPhaseOutcome(setupSeconds: Double, began: ContinuousClock.Instant, clock: ContinuousClock, gap: Double? = nil)
        -> (phase: LPPhase?, gaveUp: (reason: DecompositionFallback, stats: DecompositionStatistics)?) {
        let relaxed = structure.relaxed()
        let phaseStart = clock.now
        var lpSettings = settings
        if let gap { lpSettings.relativeGap = gap }
        let lpRun = DantzigWolfe(program: program, structure: relaxed, priceScale: priceScale, blockName: blockName,
                                 options: options, settings: lpSettings)
        let end: Converged, lpStats: DecompositionStatistics
        switch lpRun.generateColumns(setupSeconds: setupSeconds, began: began, clock: clock) {
        case .converged(let converged, let stats): (end, lpStats) = (converged, stats)
        case .gaveUp(let reason, var stats):
            stats.lpPhaseRounds = stats.rounds
            return (nil, (reason, stats))
        }
        var seeds: [(Int, PricingOutput)] = []
        for column in end.master.pool.columns {
            let block = structure.blocks[column.block]
            var u = [Double](repeating: 0, count: block.program.variableCount)
            for (i, v) in zip(column.pointIndices, column.pointValues) { u[Int(i)] = v }
            var integral = true
            for (j, variable) in block.program.variables.enumerated() where variable.kind != .continuous {
                guard abs(u[j] - u[j].rounded()) <= MIPBlockPricer.integralityTolerance else { integral = false; break }
                u[j] = u[j].rounded()
            }
            guard integral else { continue }
            let point = SolveResult(termination: Termination(reason: .optimal), objectiveValue: 0, variableValues: u, rowActivities: [])
            var out = PricingOutput(block: block, result: point)
            out.rowDuals = []
            seeds.append((column.block, out))
        }
        let d = phaseStart.duration(to: clock.now)
        return (LPPhase(start: Start(prices: end.prices, columns: seeds), bound: lpStats.bound, rounds: lpStats.rounds,
                        seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18), nil)
    }

    /// Fix-and-solve: every block the converged master LP sets on a single column is fixed at
    /// that (integer) point; the blocks it mixes (at most one per linking row in a basic
    /// solution) are solved together as one MIP of their own columns and rows, with the
    /// columns of no block, within what the fixed blocks leave of the linking rows. The model's
    /// point, or nil when that MIP has no solution.
    ///
    /// `absoluteGap`: how far below the master LP's value the plan may be and still close the
    /// MIP gap. The sub-MIP's own relative gap is then widened to that much of its own value
    /// (GLPK's gap is relative to the sub-MIP's objective, only the mixed blocks' part of the
    /// model's: `options.relativeGap` alone would make it prove far more than needed).
    ///
    /// `fixAgreed`: also fix, in each mixed block, the integer columns on which all the columns
    /// it mixes agree (a smaller search, so a quicker but possibly worse plan).
    func fixAndSolve(_ end: Converged, options: SolverOptions, absoluteGap: Double = 0, fixAgreed: Bool = false) -> [Double]? {
        let master = end.master, blocks = structure.blocks
        let L = structure.linkingRows.count
        var chosen = [[Int]](repeating: [], count: blocks.count)
        for (k, column) in master.pool.columns.enumerated() where end.solution.result.variableValues[master.firstColumn + k] > 1e-9 {
            chosen[column.block].append(k)
        }
        var x = [Double](repeating: 0, count: program.variableCount)
        var used = [Double](repeating: 0, count: L)
        var mixed: [Int] = []
        var fixedValue = 0.0
        for b in blocks.indices {
            guard chosen[b].count == 1 else { mixed.append(b); continue }
            let column = master.pool.columns[chosen[b][0]]
            fixedValue += column.cost
            for (i, v) in zip(column.pointIndices, column.pointValues) { x[blocks[b].columns[Int(i)]] = v }
            for (l, a) in zip(column.usageRows, column.usageValues) { used[Int(l)] += a }
        }
        // The sub-MIP: the columns of no block, then each mixed block's columns.
        var sub = LinearProgram(name: "dw_fix_and_solve", sense: .maximize)
        var globalOfSub: [Int] = []
        var linkTerms = [[LinearTerm]](repeating: [], count: L)
        for (k, j) in structure.linkingColumns.enumerated() {
            let variable = program.variables[j]
            let v = sub.addVariable(name: "", lower: variable.lower, upper: variable.upper, kind: variable.kind, objective: variable.objective)
            globalOfSub.append(j)
            for (l, a) in master.staticEntries[k] { linkTerms[l].append(LinearTerm(v, a)) }
        }
        for b in mixed {
            let block = blocks[b], offset = sub.variableCount
            // With `fixAgreed`, an integer column on which every column the block mixes agrees is fixed there.
            var agreed: [Int: Double] = [:]
            if fixAgreed {
                var values = [[Double]](repeating: [], count: block.columns.count)
                for k in chosen[b] {
                    var u = [Double](repeating: 0, count: block.columns.count)
                    let column = master.pool.columns[k]
                    for (i, v) in zip(column.pointIndices, column.pointValues) { u[Int(i)] = v }
                    for j in u.indices { values[j].append(u[j]) }
                }
                for (local, j) in block.columns.enumerated() where program.variables[j].kind != .continuous {
                    if let first = values[local].first, values[local].allSatisfy({ $0 == first }) { agreed[local] = first.rounded() }
                }
            }
            for (local, j) in block.columns.enumerated() {
                let variable = program.variables[j]
                let lower = agreed[local] ?? variable.lower, upper = agreed[local] ?? variable.upper
                _ = sub.addVariable(name: "", lower: lower, upper: upper, kind: variable.kind, objective: variable.objective)
                globalOfSub.append(j)
            }
            for (r, terms) in block.program.rowTerms().enumerated() {
                sub.addConstraint(name: "", terms: terms.map { LinearTerm(VariableID(offset + $0.variable.index), $0.coefficient) },
                                  block.program.constraints[r].bounds)
            }
            for k in block.linkColumns.indices {
                let v = VariableID(offset + Int(block.linkColumns[k]))
                for e in block.linkStart[k]..<block.linkStart[k + 1] {
                    linkTerms[Int(block.linkRow[e])].append(LinearTerm(v, block.linkCoefficient[e]))
                }
            }
        }
        for l in 0..<L {
            let bounds = master.linkBounds[l]
            let lo = bounds.lower - used[l], hi = bounds.upper - used[l]
            let residual: ConstraintBounds = !lo.isFinite ? .lessOrEqual(hi) : !hi.isFinite ? .greaterOrEqual(lo)
                : lo == hi ? .equal(lo) : .ranged(lo, hi)
            sub.addConstraint(name: "", terms: linkTerms[l], residual)
        }
        var options = options
        let subValue = abs(end.solution.objective - fixedValue)   // the master LP's value of the sub-MIP's part
        if absoluteGap > 0 && subValue > 0 { options.relativeGap = min(0.5, max(options.relativeGap, absoluteGap / subValue)) }
        let solved = try? GLPKSolver.solve(sub, options: options)
        settings.trace?(String(format: "fix-and-solve%@: %d mixed communes, sub-MIP %@ (%.3f s)", fixAgreed ? " (agreed columns fixed)" : "",
                               mixed.count, solved?.termination.description ?? "not loaded", solved?.solveSeconds ?? 0))
        guard let solved, solved.termination.hasSolution else { return nil }
        for (k, j) in globalOfSub.enumerated() { x[j] = solved.variableValues[k] }
        for (j, variable) in program.variables.enumerated() {
            x[j] = min(max(x[j], variable.lower), variable.upper)
            if variable.kind != .continuous { x[j] = x[j].rounded() }
        }
        return x
    }
}

extension DecompositionStatistics {
    /// Adds the LP-pricing phase's figures (none without one); `constant`: the model's objective constant.
    mutating func recordLPPhase(_ phase: DantzigWolfe.LPPhase?, constant: Double) {
        guard let phase else { return }
        lpPhaseRounds = phase.rounds
        lpPhaseSeconds = phase.seconds
        lpBound = phase.bound + constant
    }
}
