import Foundation
import LinearProgramming

/// Dantzig–Wolfe column generation over the communes (docs/decomposition.md).
///
/// Restricted master (on the calling thread, one ``GLPKSession``):
///
///     max Σ_{b,k} (c_b·u_{b,k}) λ_{b,k} − M·Σ artificials
///     s.t. linking rows:  Σ_{b,k} (A_b u_{b,k}) λ_{b,k} (± artificial) within the model's bounds
///          convexity:     Σ_k λ_{b,k} = 1 for each block b,   λ ≥ 0
///
/// Pricing (on the worker threads, one warm-started session per block): ζ_b(π) =
/// max (c_b − πA_b)·u over the block's own rows and bounds. A point with
/// c_b·u − π·A_b u − μ_b > 0 becomes a new column. L(π) = Σ_i π_i b_i + Σ_b ζ_b(π) bounds the
/// optimum from above for every sign-feasible π; the loop stops when L − master ≤ tolerance.
struct DantzigWolfe {
    let model: AllocationModel
    /// The program decomposed: the model's own, or one with the same columns and blocks (the
    /// tie-break stage's optimal face, whose objective is the preference).
    let program: LinearProgram
    let structure: CommuneBlocks
    let options: SolverOptions
    let settings: DecompositionOptions

    init(model: AllocationModel, program: LinearProgram? = nil, structure: CommuneBlocks,
         options: SolverOptions, settings: DecompositionOptions) {
        self.model = model
        self.program = program ?? model.program
        self.structure = structure
        self.options = options
        self.settings = settings
    }

    enum Outcome {
        case solved(SolveResult, DecompositionStatistics)
        case gaveUp(String, DecompositionStatistics)
    }

    private struct Column {
        var block: Int
        var pointIndices: [Int32]
        var pointValues: [Double]
    }

    /// Whether `out` repeats a column block `b` already has (the master then already prices it:
    /// a positive reduced cost that GLPK's own tolerance calls zero would be re-added forever).
    private static func isDuplicate(_ out: PricingOutput, of b: Int, in columns: [Column], byBlock: [[Int]]) -> Bool {
        byBlock[b].contains { k in columns[k].pointIndices == out.pointIndices && columns[k].pointValues == out.pointValues }
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    func run(setupSeconds: Double) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        var stats = DecompositionStatistics()
        stats.setupSeconds = setupSeconds
        let blocks = structure.blocks
        let B = blocks.count, L = structure.linkingRows.count
        stats.blocks = B
        stats.linkingRows = L
        let program = self.program
        let linkBounds = structure.linkingRows.map { program.constraints[$0].bounds }
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        func elapsed() -> Double { seconds(began.duration(to: clock.now)) + setupSeconds }

        var pricingOptions = SolverOptions()
        pricingOptions.method = .primalSimplex
        let pool = PricingPool(blocks: blocks, linkingRowCount: L, workers: settings.workers,
                               warmStart: settings.warmStart, options: pricingOptions)
        defer { pool.shutdown() }
        let priced = blocks.map { !$0.linkColumns.isEmpty }   // blocks whose pricing LP depends on π

        func priceRound(_ prices: [Double], all: Bool) -> Bool {
            let t = clock.now
            pool.round(prices: prices, only: all ? nil : priced)
            stats.pricingSeconds += seconds(t.duration(to: clock.now))
            stats.rounds += 1
            var ok = true
            for b in 0..<B where all || priced[b] {
                let out = pool.output(b)
                stats.pricingIterations += out.iterations
                if !out.optimal { ok = false }
            }
            return ok
        }

        // Round 0: every block at zero prices (its best plan on its own) — feasible for its rows.
        guard priceRound([Double](repeating: 0, count: L), all: true) else {
            let bad = (0..<B).first { !pool.output($0).optimal }!
            return .gaveUp("the LP of commune \(model.scenario.communes[blocks[bad].commune].code) is "
                           + "\(pool.output(bad).termination.rawValue) on its own", stats)
        }

        // Big-M: well above any price a million VND can have in this model.
        var maxRatio = 1.0
        for (p, work) in model.scenario.works.enumerated() where work.cost > 0 {
            let c = model.communeOfWork[p]
            let bonus = model.standardVariables[c] != nil ? model.scenario.weights.standardBonus * model.communeWeights[c] : 0
            maxRatio = max(maxRatio, (abs(model.workValues[p]) + bonus) / work.cost)
        }
        for s in model.scenario.sources { maxRatio = max(maxRatio, s.cost) }
        // A program with another objective (the tie-break preference): its own ratios too.
        if self.program.variableCount == model.program.variableCount {
            for p in model.scenario.works.indices where model.scenario.works[p].cost > 0 {
                maxRatio = max(maxRatio, abs(program.variables[model.shareVariables[p].index].objective) / model.scenario.works[p].cost)
            }
        }
        var penalty = 1000 * maxRatio

        // Initial columns: round 0 (zero prices), then round 0b, "frugal" columns priced with
        // pooled money dearer than anything it buys, so that each commune meets its own rows with
        // as little linked money as it can: with them the master is usually feasible from the
        // start (no big-M phase).
        var initial: [(Int, PricingOutput)] = (0..<B).map { ($0, pool.output($0)) }
        let frugalPrices = (0..<L).map { l in
            linkBounds[l].upper.isFinite && !linkBounds[l].lower.isFinite ? 10 * maxRatio : 0
        }
        if L > 0, priceRound(frugalPrices, all: false) {
            for b in 0..<B where priced[b] {
                let out = pool.output(b)
                if out.pointIndices == initial[b].1.pointIndices && out.pointValues == initial[b].1.pointValues { continue }
                initial.append((b, out))
            }
        }

        // The master works in scaled units (GLPK's tolerances are relative, and its scaling is
        // fixed when the master is loaded, before most columns exist): linking row l divided by
        // rowScale[l], the objective by objectiveScale. Prices are converted back on the way out.
        var rowScale = (0..<L).map { l in
            max(1, abs(linkBounds[l].upper.isFinite ? linkBounds[l].upper : 0), abs(linkBounds[l].lower.isFinite ? linkBounds[l].lower : 0))
        }
        var objectiveScale = 0.0
        for (_, out) in initial {
            objectiveScale += abs(out.cost)
            for (l, a) in zip(out.usageRows, out.usageValues) where !linkBounds[Int(l)].upper.isFinite || linkBounds[Int(l)].upper == 0 {
                rowScale[Int(l)] = max(rowScale[Int(l)], abs(a))
            }
        }
        objectiveScale = max(1, objectiveScale / Double(max(1, initial.count)))
        let scaledBounds: [ConstraintBounds] = (0..<L).map { l in
            let lo = linkBounds[l].lower / rowScale[l], hi = linkBounds[l].upper / rowScale[l]
            if !lo.isFinite { return .lessOrEqual(hi) }
            if !hi.isFinite { return .greaterOrEqual(lo) }
            return lo == hi ? .equal(lo) : .ranged(lo, hi)
        }
        func artificialCost() -> [Double] { artificials.map { -penalty * rowScale[$0.row] / objectiveScale } }

        var artificials: [(variable: Int, row: Int, sign: Double)] = []
        var rowTerms = [[LinearTerm]](repeating: [], count: L + B)
        var variableCount = 0
        for l in 0..<L {
            if linkBounds[l].upper.isFinite {
                artificials.append((variableCount, l, -1))
                rowTerms[l].append(LinearTerm(VariableID(variableCount), -1))
                variableCount += 1
            }
            if linkBounds[l].lower.isFinite {
                artificials.append((variableCount, l, 1))
                rowTerms[l].append(LinearTerm(VariableID(variableCount), 1))
                variableCount += 1
            }
        }
        // Columns of no commune (money carried between periods): fixed columns of the master,
        // with their entries in the linking rows (original units; scaled in the master).
        let linkIndexOfRow = Dictionary(uniqueKeysWithValues: structure.linkingRows.enumerated().map { ($1, $0) })
        let staticPosition = Dictionary(uniqueKeysWithValues: structure.linkingColumns.enumerated().map { ($1, $0) })
        var staticEntries = [[(row: Int, value: Double)]](repeating: [], count: structure.linkingColumns.count)
        program.forEachNonZero { i, j, a in
            if let k = staticPosition[j], let l = linkIndexOfRow[i] { staticEntries[k].append((l, a)) }
        }
        let firstStatic = variableCount
        for k in structure.linkingColumns.indices {
            for (l, a) in staticEntries[k] { rowTerms[l].append(LinearTerm(VariableID(variableCount), a / rowScale[l])) }
            variableCount += 1
        }
        var columns: [Column] = []
        var columnObjective: [Double] = []
        var columnsOfBlock = [[Int]](repeating: [], count: B)
        func record(_ b: Int, _ out: PricingOutput) {
            columnsOfBlock[b].append(columns.count)
            columns.append(Column(block: b, pointIndices: out.pointIndices, pointValues: out.pointValues))
            columnObjective.append(out.cost / objectiveScale)
        }
        for (b, out) in initial {
            let v = VariableID(variableCount)
            for (l, a) in zip(out.usageRows, out.usageValues) where a != 0 {
                rowTerms[Int(l)].append(LinearTerm(v, a / rowScale[Int(l)]))
            }
            rowTerms[L + b].append(LinearTerm(v, 1))
            record(b, out)
            variableCount += 1
        }
        initial = []
        var master = LinearProgram(name: "dw_master", sense: .maximize)
        for cost in artificialCost() { _ = master.addVariable(name: "", lower: 0, upper: .infinity, objective: cost) }
        for j in structure.linkingColumns {
            let variable = program.variables[j]
            _ = master.addVariable(name: "", lower: variable.lower, upper: variable.upper, objective: variable.objective / objectiveScale)
        }
        for k in columns.indices { _ = master.addVariable(name: "", lower: 0, upper: .infinity, objective: columnObjective[k]) }
        for l in 0..<L { master.addConstraint(name: "", terms: rowTerms[l], scaledBounds[l]) }
        for b in 0..<B { master.addConstraint(name: "", terms: rowTerms[L + b], .equal(1)) }
        rowTerms = []
        let firstColumn = artificials.count + structure.linkingColumns.count

        var masterOptions = SolverOptions()
        masterOptions.method = .primalSimplex
        masterOptions.scaling = false
        let session: GLPKSession
        do { session = try GLPKSession(master, options: masterOptions) } catch {
            return .gaveUp("the master LP could not be loaded: \(error)", stats)
        }
        stats.columns = columns.count

        let relTol = settings.relativeGap
        var bestBound = Double.infinity
        var center: [Double]? = nil
        var centerDuals: [[Double]] = []
        var masterResult: SolveResult
        var finalPrices: [Double] = []
        var finalDuals: [[Double]] = []
        var wasFeasible = false
        var lastObjective = -Double.infinity

        func lagrangian(_ prices: [Double]) -> Double {
            var value = 0.0
            for l in 0..<L where prices[l] != 0 {
                value += prices[l] * (prices[l] > 0 ? linkBounds[l].upper : linkBounds[l].lower)
            }
            for b in 0..<B { value += pool.output(b).value }
            // Fixed columns: max over their bounds of (c_j − π·A_j)·x_j.
            for (k, j) in structure.linkingColumns.enumerated() {
                var reduced = program.variables[j].objective
                for (l, a) in staticEntries[k] { reduced -= prices[l] * a }
                let variable = program.variables[j]
                value += reduced > 0 ? reduced * variable.upper : reduced * variable.lower
            }
            return value
        }
        func signFeasible(_ duals: [Double]) -> [Double] {
            (0..<L).map { l in
                var p = duals[l]
                if !linkBounds[l].lower.isFinite { p = max(0, p) }
                if !linkBounds[l].upper.isFinite { p = min(0, p) }
                return p
            }
        }
        func snapshotDuals() -> [[Double]] { (0..<B).map { pool.output($0).rowDuals } }

        while true {
            if stats.rounds >= settings.maxRounds {
                return .gaveUp("no convergence in \(settings.maxRounds) rounds (gap \(bestBound - lastObjective))", stats)
            }
            if let limit = options.timeLimit, elapsed() > limit {
                return .gaveUp("time limit reached after \(stats.rounds) rounds", stats)
            }
            if let deadline = options.deadline, clock.now >= deadline {
                return .gaveUp("time limit reached after \(stats.rounds) rounds", stats)
            }
            let t = clock.now
            masterResult = session.solve()
            stats.masterSeconds += seconds(t.duration(to: clock.now))
            stats.masterSolves += 1
            stats.masterIterations += masterResult.iterations
            guard masterResult.termination.reason == .optimal, let scaledObjective = masterResult.objectiveValue,
                  let scaledDuals = masterResult.rowDuals else {
                return .gaveUp("the master LP ended \(masterResult.termination)", stats)
            }
            let z = scaledObjective * objectiveScale
            var duals = scaledDuals
            for l in 0..<L { duals[l] *= objectiveScale / rowScale[l] }
            for b in 0..<B { duals[L + b] *= objectiveScale }
            let piMaster = signFeasible(duals)
            let mu = Array(duals[L..<(L + B)])
            var artificialSum = 0.0
            for a in artificials { artificialSum += masterResult.variableValues[a.variable] * rowScale[a.row] }
            let feasible = artificialSum <= 1e-7
            let scale = max(1, abs(z))
            let columnTolerance = relTol * scale / Double(max(1, B))

            if feasible && !wasFeasible {
                // Bounds from the big-M phase are valid but far off: restart the stability center.
                center = nil
                wasFeasible = true
                // The artificial columns are no longer needed: fix them at 0 with no cost, so that
                // their large penalty no longer dominates the objective (GLPK's dual feasibility
                // tolerance is relative to the objective's scale).
                for a in artificials {
                    try? session.setObjective(0, for: VariableID(a.variable))
                    try? session.setBounds(of: VariableID(a.variable), lower: 0, upper: 0)
                }
            }
            lastObjective = max(lastObjective, z)

            var added = 0
            var alpha = (center != nil && feasible) ? settings.smoothing : 0
            while true {
                var prices = piMaster
                if alpha > 0, let center { for l in 0..<L { prices[l] = alpha * center[l] + (1 - alpha) * piMaster[l] } }
                guard priceRound(prices, all: false) else {
                    let bad = (0..<B).first { !pool.output($0).optimal }!
                    return .gaveUp("a pricing LP ended \(pool.output(bad).termination.rawValue)", stats)
                }
                let bound = lagrangian(prices)
                if center == nil || bound < bestBound {
                    bestBound = bound
                    center = prices
                    centerDuals = snapshotDuals()
                }
                // Converged: the master's (feasible) solution is within the tolerance of the bound.
                if feasible && bestBound - z <= relTol * scale {
                    // Report the prices that certify the bound (with their pricing duals): this
                    // round's (the master's duals when alpha = 0), else the stability center.
                    if bound - z <= relTol * scale {
                        finalPrices = prices
                        finalDuals = snapshotDuals()
                    } else {
                        finalPrices = center!
                        finalDuals = centerDuals
                    }
                    stats.bound = bestBound
                    stats.objective = z
                    return .solved(recover(masterResult, firstStatic: firstStatic, firstColumn: firstColumn, columns: columns, prices: finalPrices,
                                           blockDuals: finalDuals, stats: &stats, began: began, clock: clock), stats)
                }
                for b in 0..<B where priced[b] {
                    let out = pool.output(b)
                    var rc = out.cost - mu[b]
                    for (l, a) in zip(out.usageRows, out.usageValues) { rc -= piMaster[Int(l)] * a }
                    guard rc > columnTolerance, !Self.isDuplicate(out, of: b, in: columns, byBlock: columnsOfBlock) else { continue }
                    var entries: [LinearTerm.Row] = [LinearTerm.Row(ConstraintID(L + b), 1)]
                    for (l, a) in zip(out.usageRows, out.usageValues) where a != 0 {
                        entries.append(LinearTerm.Row(ConstraintID(Int(l)), a / rowScale[Int(l)]))
                    }
                    do { try session.addVariable(objective: out.cost / objectiveScale, column: entries) } catch {
                        return .gaveUp("a column could not be added: \(error)", stats)
                    }
                    record(b, out)
                    added += 1
                }
                if added > 0 || alpha == 0 { break }
                alpha = 0   // mis-pricing: the smoothed prices found nothing; price at the master's duals
            }
            stats.columns = columns.count
            settings.progress?(DecompositionProgress(round: stats.rounds, masterObjective: z, bound: bestBound,
                                                     relativeGap: (bestBound - z) / scale, artificialsInUse: !feasible))
            if let trace = settings.trace {
                trace(String(format: "round %d: master %.10g (artificials %.3g) bound %.10g gap %.3g added %d alpha %.2f master iterations %d | master %.3f s pricing %.3f s",
                             stats.rounds, z, artificialSum, bestBound, (bestBound - z) / scale, added, alpha, masterResult.iterations,
                             stats.masterSeconds, stats.pricingSeconds))
            }
            if added == 0 {
                if feasible {
                    // Every reduced cost ≤ tolerance/B: the gap at π_master is ≤ relTol·scale.
                    finalPrices = piMaster
                    finalDuals = snapshotDuals()
                    stats.bound = lagrangian(piMaster)
                    stats.objective = z
                    return .solved(recover(masterResult, firstStatic: firstStatic, firstColumn: firstColumn, columns: columns, prices: finalPrices,
                                           blockDuals: finalDuals, stats: &stats, began: began, clock: clock), stats)
                }
                // Artificials still in use and no improving column: raise the penalty (or give up).
                guard penalty < 1e9 * maxRatio else {
                    return .gaveUp("the linking rows cannot be met (artificial columns stay positive): infeasible", stats)
                }
                penalty *= 100
                stats.penaltyIncreases += 1
                center = nil
                wasFeasible = false
                bestBound = .infinity
                for (a, cost) in zip(artificials, artificialCost()) { try? session.setObjective(cost, for: VariableID(a.variable)) }
            }
        }
    }

    /// x = Σ λ_{b,k}·u_{b,k}; duals: the prices on linking rows, each block's pricing duals on its rows.
    private func recover(_ master: SolveResult, firstStatic: Int, firstColumn: Int, columns: [Column], prices: [Double],
                         blockDuals: [[Double]], stats: inout DecompositionStatistics,
                         began: ContinuousClock.Instant, clock: ContinuousClock) -> SolveResult {
        let t = clock.now
        var x = [Double](repeating: 0, count: program.variableCount)
        var columnsUsed = [Int](repeating: 0, count: structure.blocks.count)
        for (k, column) in columns.enumerated() {
            let lambda = master.variableValues[firstColumn + k]
            guard lambda > 0 else { continue }
            if lambda > 1e-12 { columnsUsed[column.block] += 1 }
            let globalColumns = structure.blocks[column.block].columns
            for (i, v) in zip(column.pointIndices, column.pointValues) {
                x[globalColumns[Int(i)]] += lambda * v
            }
        }
        for (k, j) in structure.linkingColumns.enumerated() { x[j] = master.variableValues[firstStatic + k] }
        // Clamp round-off outside the column bounds (λ sums to 1 only to the solver's tolerance).
        for j in x.indices {
            let variable = program.variables[j]
            x[j] = min(max(x[j], variable.lower), variable.upper)
        }
        stats.mixedBlocks = columnsUsed.indices.filter { columnsUsed[$0] > 1 }
        var rowDuals = [Double](repeating: 0, count: program.constraintCount)
        for (l, i) in structure.linkingRows.enumerated() { rowDuals[i] = prices[l] }
        for (b, block) in structure.blocks.enumerated() where blockDuals[b].count == block.rows.count {
            for (k, i) in block.rows.enumerated() { rowDuals[i] = blockDuals[b][k] }
        }
        var reduced = program.variables.map(\.objective)
        program.forEachNonZero { i, j, a in reduced[j] -= rowDuals[i] * a }
        let activities = program.activities(at: x)
        let objective = program.objectiveValue(at: x)
        stats.recoverySeconds = Double(t.duration(to: clock.now).components.attoseconds) * 1e-18
            + Double(t.duration(to: clock.now).components.seconds)
        let total = began.duration(to: clock.now)
        stats.totalSeconds = stats.setupSeconds + Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
        let detail = String(format: "Dantzig–Wolfe: %d blocks, %d linking rows, %d rounds, %d columns, gap %.3g",
                            stats.blocks, stats.linkingRows, stats.rounds, stats.columns, stats.bound - stats.objective)
        return SolveResult(termination: Termination(reason: .optimal, detail: detail), objectiveValue: objective,
                           variableValues: x, rowActivities: activities, rowDuals: rowDuals, reducedCosts: reduced,
                           iterations: stats.pricingIterations + stats.masterIterations,
                           solveSeconds: stats.totalSeconds - stats.setupSeconds, loadSeconds: stats.setupSeconds)
    }
}
