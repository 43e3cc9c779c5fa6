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
    /// that bound and gap. Otherwise it gives up (``DecompositionFallback/gapNotClosed(gap:limit:)``:
    /// there is no branching yet) or has no incumbent (``DecompositionFallback/noIncumbent(_:)``).
    /// `pricing` must be a MIP pricing for the bound to be certified.
    func runMIP(setupSeconds: Double, mipGap: Double) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        let end: Converged
        var stats: DecompositionStatistics
        switch generateColumns(setupSeconds: setupSeconds, began: began, clock: clock) {
        case .gaveUp(let reason, let gaveUpStats): return .gaveUp(reason, gaveUpStats)
        case .converged(let converged, let convergedStats): (end, stats) = (converged, convergedStats)
        }
        // The bound: the best Lagrangian bound met (valid for every sign-feasible price vector).
        let bound = stats.bound + program.objectiveConstant

        // The primal heuristics, each with a tenth of the gap for its own search and the time left:
        // fix the communes the master LP sets on one column and solve the others' whole MIPs
        // together; then, if the gap is still open, the restricted master MIP over every column.
        let t = clock.now
        func heuristicOptions() -> SolverOptions {
            var heuristic = SolverOptions()
            heuristic.relativeGap = mipGap / 10
            heuristic.fixedMIPDuals = false
            heuristic.deadline = options.deadline
            if let limit = options.timeLimit { heuristic.timeLimit = max(0.1, limit - seconds(began.duration(to: clock.now)) - setupSeconds) }
            return heuristic
        }
        func gap(of value: Double) -> Double { max(0, bound - value) / max(abs(value), Double.ulpOfOne) }
        var best: (x: [Double], value: Double)? = nil
        if let x = fixAndSolve(end, options: heuristicOptions()) {
            best = (x, program.objectiveValue(at: x))
            stats.heuristic = "fix_and_solve"
        }
        var lastTermination = TerminationReason.infeasible
        if best == nil || gap(of: best!.value) > mipGap {
            let found: SolveResult
            do { found = try GLPKSolver.solve(end.master.integerProgram(), options: heuristicOptions()) } catch {
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
        guard let (x, _) = best else { return .gaveUp(.noIncumbent(lastTermination), stats) }
        let incumbent = program.objectiveValue(at: x)
        let gap = gap(of: incumbent)
        stats.incumbent = incumbent
        stats.mipGap = gap
        let total = began.duration(to: clock.now)
        stats.totalSeconds = stats.setupSeconds + seconds(total)
        // Optimal within the gap asked for, to the LPs' round-off (the bound is an LP value).
        guard gap <= mipGap + DantzigWolfe.gapRoundOff else { return .gaveUp(.gapNotClosed(gap: gap, limit: mipGap), stats) }
        let detail = String(format: "Dantzig–Wolfe MIP: %d blocks, %d linking rows, %d rounds, %d columns, bound %.10g, gap %.3g",
                            stats.blocks, stats.linkingRows, stats.rounds, stats.columns, bound, gap)
        return .solved(SolveResult(termination: Termination(reason: .optimal, detail: detail), objectiveValue: incumbent,
                                   variableValues: x, rowActivities: program.activities(at: x), isMIP: true,
                                   bestBound: bound, relativeGap: gap,
                                   iterations: stats.pricingIterations + stats.masterIterations,
                                   solveSeconds: stats.totalSeconds - stats.setupSeconds, loadSeconds: stats.setupSeconds), stats)
    }

    /// Fix-and-solve: every block the converged master LP sets on a single column is fixed at
    /// that (integer) point; the blocks it mixes (at most one per linking row in a basic
    /// solution) are solved together as one MIP of their own columns and rows, with the
    /// columns of no block, within what the fixed blocks leave of the linking rows. The model's
    /// point, or nil when that MIP has no solution.
    func fixAndSolve(_ end: Converged, options: SolverOptions) -> [Double]? {
        let master = end.master, blocks = structure.blocks
        let L = structure.linkingRows.count
        var chosen = [[Int]](repeating: [], count: blocks.count)
        for (k, column) in master.pool.columns.enumerated() where end.solution.result.variableValues[master.firstColumn + k] > 1e-9 {
            chosen[column.block].append(k)
        }
        var x = [Double](repeating: 0, count: program.variableCount)
        var used = [Double](repeating: 0, count: L)
        var mixed: [Int] = []
        for b in blocks.indices {
            guard chosen[b].count == 1 else { mixed.append(b); continue }
            let column = master.pool.columns[chosen[b][0]]
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
            for j in block.columns {
                let variable = program.variables[j]
                _ = sub.addVariable(name: "", lower: variable.lower, upper: variable.upper, kind: variable.kind, objective: variable.objective)
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
        guard let solved = try? GLPKSolver.solve(sub, options: options), solved.termination.hasSolution else { return nil }
        for (k, j) in globalOfSub.enumerated() { x[j] = solved.variableValues[k] }
        for (j, variable) in program.variables.enumerated() {
            x[j] = min(max(x[j], variable.lower), variable.upper)
            if variable.kind != .continuous { x[j] = x[j].rounded() }
        }
        return x
    }
}
