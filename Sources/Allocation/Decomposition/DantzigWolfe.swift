import LinearProgramming

/// Dantzig–Wolfe column generation over the communes (docs/decomposition.md): a short loop over
/// four components, organised like Coluna's and GCG's column generation:
///
/// - the restricted master (``RestrictedMaster``: its rows, its columns, solve, duals) on the
///   calling thread;
/// - the column pool (``ColumnPool``) the master's generated columns come from;
/// - the stabilisation (``WentgesStabilisation``: smoothed prices around the best bound);
/// - the pricing solver (``PricingSolver``, run by the ``PricingPool`` on worker threads, one
///   warm-started pricer per block): ζ_b(π) = max (c_b − πA_b)·u over the block's own rows.
///
/// A point with c_b·u − π·A_b u − μ_b > 0 becomes a new column. L(π) = Σ_i π_i b_i + Σ_b ζ_b(π)
/// bounds the optimum from above for every sign-feasible π; the loop stops when
/// L − master ≤ tolerance.
struct DantzigWolfe {
    /// The program decomposed: a model's own, or one with the same columns and blocks (the
    /// tie-break stage's optimal face, whose objective is the preference).
    let program: LinearProgram
    let structure: CommuneBlocks
    /// The largest value per unit any column can earn (the big-M penalty is a multiple of it).
    let priceScale: Double
    /// A block's name in messages (a commune's code).
    let blockName: @Sendable (Int) -> String
    let options: SolverOptions
    let settings: DecompositionOptions
    /// What solves the blocks' pricing problems (default: warm-started LP pricing).
    let pricing: any PricingSolver

    /// Decomposes `program` along `structure`; knows no row or column kind.
    init(program: LinearProgram, structure: CommuneBlocks, priceScale: Double, blockName: @escaping @Sendable (Int) -> String,
         options: SolverOptions, settings: DecompositionOptions, pricing: (any PricingSolver)? = nil) {
        self.program = program
        self.structure = structure
        self.priceScale = priceScale
        self.blockName = blockName
        self.options = options
        self.settings = settings
        var pricingOptions = SolverOptions()
        pricingOptions.method = .primalSimplex
        self.pricing = pricing ?? LPPricing(options: pricingOptions, warmStart: settings.warmStart, dense: settings.densePricing,
                                              startingBases: settings.seedColumns?.bases ?? [:])
    }

    /// Decomposes `model`'s program (or `program`, with the same columns) over its communes, with
    /// the model's price scale and commune codes.
    init(model: AllocationModel, program: LinearProgram? = nil, structure: CommuneBlocks,
         options: SolverOptions, settings: DecompositionOptions, pricing: (any PricingSolver)? = nil) {
        let program = program ?? model.program
        let codes = model.scenario.communes.map(\.code)
        let communeOfBlock = structure.blocks.map(\.commune)
        self.init(program: program, structure: structure, priceScale: model.largestValuePerMillion(objectiveOf: program),
                  blockName: { codes[communeOfBlock[$0]] }, options: options, settings: settings, pricing: pricing)
    }

    enum Outcome {
        case solved(SolveResult, DecompositionStatistics)
        case gaveUp(DecompositionFallback, DecompositionStatistics)
    }

    /// The column generation's end: the master at convergence and the prices (with the blocks'
    /// pricing duals) that certify its bound, `stats.bound`.
    struct Converged {
        let master: RestrictedMaster
        let solution: RestrictedMaster.Solution
        let prices: [Double]
        let blockDuals: [[Double]]
        /// Blocks whose master point is worse, at the last priced prices, than their pricing
        /// point by more than the column tolerance (``DecompositionStatistics/unsettledBlocks``).
        let unsettledBlocks: [Int]
    }

    /// Where a column generation starts instead of from scratch: the decomposed MIP's MIP-pricing
    /// phase after its LP-pricing phase (``runMIP(setupSeconds:mipGap:lpPhase:)``).
    struct Start {
        /// The prices of the first pricing round (the LP phase's certifying duals).
        let prices: [Double]
        /// Seed columns (block, point) for the master, on top of rounds 0 and 0b. With MIP
        /// pricing they must be integer points of their blocks.
        let columns: [(Int, PricingOutput)]
    }

    enum Generation {
        case converged(Converged, DecompositionStatistics)
        case gaveUp(DecompositionFallback, DecompositionStatistics)
    }

    /// Column generation, then x = Σ λ·u with the certified duals.
    func run(setupSeconds: Double) -> Outcome {
        let clock = ContinuousClock()
        let began = clock.now
        switch generateColumns(setupSeconds: setupSeconds, began: began, clock: clock) {
        case .gaveUp(let reason, let stats):
            return .gaveUp(reason, stats)
        case .converged(let end, var stats):
            stats.unsettledBlocks = end.unsettledBlocks
            let result = recover(end.solution.result, master: end.master, prices: end.prices, blockDuals: end.blockDuals,
                                 stats: &stats, began: began, clock: clock)
            return .solved(result, stats)
        }
    }

    /// The loop: master, pricing at stabilised prices, bound and stop test, new columns.
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    func generateColumns(setupSeconds: Double, began: ContinuousClock.Instant, clock: ContinuousClock, start: Start? = nil) -> Generation {
        var stats = DecompositionStatistics()
        stats.setupSeconds = setupSeconds
        let blocks = structure.blocks
        let B = blocks.count, L = structure.linkingRows.count
        stats.blocks = B
        stats.linkingRows = L
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        func elapsed() -> Double { seconds(began.duration(to: clock.now)) + setupSeconds }
        /// One line to ``DecompositionOptions/trace`` (alpha < 0: seeded columns only, no pricing).
        func trace(round: Int, z: Double, solution: RestrictedMaster.Solution, bound: Double, added: Int, alpha: Double, iterations: Int) {
            guard let trace = settings.trace else { return }
            let source = alpha < 0 ? "seeded" : String(format: "alpha %.2f", alpha)
            trace(String(format: "round %d: master %.10g (artificials %.3g) bound %.10g gap %.3g added %d %@ master iterations %d | master %.3f s (%d full pricing passes, %d of %d solves by GLPK) pricing %.3f s (%d iterations, CPU %.3f s, %d of %d LPs by GLPK)",
                         round, z, solution.artificialSum, bound, (bound - z) / max(1, abs(z)), added, source, iterations,
                         stats.masterSeconds, stats.masterFullPricingPasses, stats.masterSolvesByGLPK, stats.masterSolves, stats.pricingSeconds, stats.pricingIterations, stats.pricingCPUSeconds,
                         stats.pricingSolvesByGLPK, stats.pricingLPSolves))
        }

        // A limit already passed (a follow-up re-solve after the search used the budget): no
        // pricing round at all (rounds 0 and 0b come before the loop's own check).
        if let limit = options.timeLimit, elapsed() > limit { return .gaveUp(.timeLimit(rounds: 0), stats) }
        if let deadline = options.deadline, clock.now >= deadline { return .gaveUp(.timeLimit(rounds: 0), stats) }

        let pool = PricingPool(blocks: blocks, linkingRowCount: L, workers: settings.workers, solver: pricing)
        defer { pool.shutdown() }
        let priced = blocks.map { !$0.linkColumns.isEmpty }   // blocks whose pricing problem depends on π

        /// Prices the blocks `which` selects; false when one did not solve. `skipTolerance`: the
        /// MIP pricing's safe skip rule (``PricingPool/round(prices:only:skipTolerance:)``).
        func priceRound(_ prices: [Double], which: [Bool], skipTolerance: Double = 0) -> Bool {
            let t = clock.now
            pool.round(prices: prices, only: which, skipTolerance: skipTolerance)
            stats.pricingSeconds += seconds(t.duration(to: clock.now))
            stats.rounds += 1
            stats.pricingCPUSeconds += pool.roundCPUSeconds
            var ok = true
            for b in 0..<B where which[b] {
                let out = pool.output(b)
                stats.pricingIterations += out.iterations
                switch out.work {
                case .lp:
                    stats.pricingLPSolves += 1
                    if out.answeredByGLPK { stats.pricingSolvesByGLPK += 1 }
                case .integralRelaxation: stats.blockLPIntegral += 1
                case .branchAndCut: stats.blockMIPSolves += 1; stats.branchAndCutCPUSeconds += out.cpuSeconds
                case .skipped: stats.blocksSkipped += 1
                }
                if !out.optimal { ok = false }
            }
            return ok
        }
        /// Prices every block, or those whose problem depends on π.
        func priceRound(_ prices: [Double], all: Bool, skipTolerance: Double = 0) -> Bool {
            priceRound(prices, which: all ? [Bool](repeating: true, count: B) : priced, skipTolerance: skipTolerance)
        }
        func firstUnsolved() -> PricingOutput { pool.output((0..<B).first { !pool.output($0).optimal }!) }
        func blockDuals() -> [[Double]] { (0..<B).map { pool.output($0).rowDuals } }
        /// Blocks whose master point at `solution` is worse at `prices` (the last priced ones)
        /// than their pricing point by more than `tolerance`.
        func unsettled(_ master: RestrictedMaster, _ solution: RestrictedMaster.Solution, prices: [Double], tolerance: Double) -> [Int] {
            let held = master.lagrangianValues(at: prices, solution: solution)
            return (0..<B).filter { priced[$0] && pool.output($0).value - held[$0] > tolerance }
        }

        // Seeded columns (an earlier decomposition of the same blocks), checked point by point,
        // held in a reserve: a seeded column enters the master only when it prices out at the
        // master's duals (below), so a large seed does not make every master solve larger.
        let seeds = seedColumns(stats: &stats)
        var reserve: [[PricingOutput]] = seeds.enumerated().map { b, points in
            points.filter { !$0.inSolution }.map { PricingOutput(block: blocks[b], point: $0.point) }
        }
        stats.seededColumns = seeds.reduce(0) { $0 + $1.count }
        /// The columns to hand back (``DecompositionStatistics/generatedColumns``): the master's,
        /// those of `solution` first, and the seeded ones left in reserve.
        /// Columns dropped from the master (``DecompositionOptions/dropIdleColumnsAfter``), by block:
        /// still valid columns, handed back with the others as a seed. None of them is in the
        /// pool (one priced again leaves this list as it enters the master: `add(_:block:to:)`), and
        /// each is here once, so the seed needs no duplicate check of them.
        var retired = [[DecompositionColumns.Point]](repeating: [], count: B)
        func columns(of master: RestrictedMaster, at solution: RestrictedMaster.Solution) -> DecompositionColumns {
            // The pricers' last bases are read as the workers stop (the pool is not priced again).
            pool.shutdown(keepingBases: true)
            var bases: [Int: DenseSimplexSession.Basis] = [:]
            for b in 0..<B { if let basis = pool.finalBasis(b) { bases[blocks[b].commune] = basis } }
            return DecompositionColumns(pool: master.pool, lambdas: solution.result.variableValues[master.firstColumn...],
                                        reserve: reserve.isEmpty ? [[PricingOutput]](repeating: [], count: B) : reserve,
                                        retired: retired, structure: structure, columnCount: program.variableCount, bases: bases)
        }
        /// Adds `out` to the master as block `b`'s column (it is not in the pool); a retired
        /// column priced again leaves the retired list.
        func add(_ out: PricingOutput, block b: Int, to master: RestrictedMaster) throws(LPError) {
            try master.addColumn(out, block: b)
            if !retired[b].isEmpty {
                retired[b].removeAll { $0.indices == out.pointIndices && $0.values == out.pointValues }
            }
        }
        // For a block with a seed whose problem depends on π, the initial rounds at fixed prices
        // are taken from the seed: its best column at zero prices and at the frugal prices (the
        // earlier solve's own round-0 and frugal columns when nothing but linking-row bounds
        // changed; any point of P_b will do for the convexity rows, the artificials do the rest).
        // The other blocks are priced: those without a seed (a branch-and-price node's branched
        // block may have lost all its columns) at both, and those whose problem does not depend
        // on π once: their round-0 column is their only one, and its value enters the bound.
        let seeded = (0..<B).map { b in priced[b] && b < seeds.count && !seeds[b].isEmpty }
        let firstRound = seeded.map { !$0 }

        // Round 0: every block at zero prices (its best plan on its own) — feasible for its rows.
        if firstRound.contains(true), !priceRound([Double](repeating: 0, count: L), which: firstRound) {
            let bad = (0..<B).first { firstRound[$0] && !pool.output($0).optimal }!
            let termination = pool.output(bad).termination
            if termination == .feasible || termination == .noSolutionFound { return .gaveUp(.timeLimit(rounds: stats.rounds), stats) }
            return .gaveUp(.communeUnsolvable(commune: blockName(bad), termination: pool.output(bad).termination), stats)
        }

        // Initial columns: round 0 (zero prices), the seeded columns of the earlier final master
        // solution, then round 0b, "frugal" columns priced with pooled money dearer than anything
        // it buys, so that each commune meets its own rows with as little linked money as it can:
        // with them the master is usually feasible from the start (no big-M phase). With a full
        // seed, rounds 0 and 0b are the seed's best columns at those prices.
        var initial: [(Int, PricingOutput)] = []
        var known = [Set<DecompositionColumns.Point>](repeating: [], count: B)
        /// Adds `out` to block `b`'s initial columns unless it has it already; whether it was new.
        @discardableResult func propose(_ out: PricingOutput, block b: Int) -> Bool {
            guard known[b].insert(DecompositionColumns.Point(indices: out.pointIndices, values: out.pointValues)).inserted else { return false }
            initial.append((b, out))
            return true
        }
        for b in 0..<B where firstRound[b] { propose(pool.output(b), block: b) }
        // The seeded columns of the earlier final master solution: its optimum when only
        // linking-row bounds changed a little.
        var solutionSeeds = [[PricingOutput]](repeating: [], count: B)
        for (b, points) in seeds.enumerated() where priced[b] {
            for (point, inSolution) in points where inSolution {
                let out = PricingOutput(block: blocks[b], point: point)
                solutionSeeds[b].append(out)
                if propose(out, block: b) { stats.seedColumnsUsed += 1 }
            }
        }
        let frugalPrices = structure.linkingRows.map { i in
            let bounds = program.constraints[i].bounds
            return bounds.upper.isFinite && !bounds.lower.isFinite ? 10 * priceScale : 0
        }
        func frugalValue(_ out: PricingOutput) -> Double {
            zip(out.usageRows, out.usageValues).reduce(out.cost) { $0 - frugalPrices[Int($1.0)] * $1.1 }
        }
        /// Block `b`'s seeded column that scores best, moved from the reserve into the initial
        /// columns (unless one of the earlier solution's columns, already there, scores as well).
        func takeInitial(block b: Int, score: (PricingOutput) -> Double) {
            guard let k = reserve[b].indices.max(by: { score(reserve[b][$0]) < score(reserve[b][$1]) }) else { return }
            if let best = solutionSeeds[b].map(score).max(), best >= score(reserve[b][k]) { return }
            if propose(reserve[b].remove(at: k), block: b) { stats.seedColumnsUsed += 1 }
        }
        for b in 0..<B where seeded[b] {
            takeInitial(block: b, score: \.cost)
            if L > 0 { takeInitial(block: b, score: frugalValue) }
        }
        let frugalRound = (0..<B).map { priced[$0] && !seeded[$0] }
        if L > 0, frugalRound.contains(true), priceRound(frugalPrices, which: frugalRound) {
            for b in 0..<B where frugalRound[b] {
                propose(pool.output(b), block: b)
            }
        }
        if let start {
            var seen = [Set<[Double]>](repeating: [], count: B)
            func key(_ out: PricingOutput) -> [Double] { out.pointIndices.map(Double.init) + out.pointValues }
            for (b, out) in initial { seen[b].insert(key(out)) }
            for (b, out) in start.columns where seen[b].insert(key(out)).inserted { initial.append((b, out)) }
        }
        let master: RestrictedMaster
        do { master = try RestrictedMaster(program: program, structure: structure, initial: initial, priceScale: priceScale,
                                                       gub: settings.gubMaster) } catch {
            return .gaveUp(.numericalTrouble("the master LP could not be loaded: \(error)"), stats)
        }
        initial = []
        stats.columns = master.pool.count

        let relTol = settings.relativeGap
        var stabilisation = WentgesStabilisation(smoothing: settings.smoothing, adaptive: settings.adaptiveSmoothing)
        var wasFeasible = false
        var lastObjective = -Double.infinity

        while true {
            if stats.rounds >= settings.maxRounds {
                return .gaveUp(.roundLimit(rounds: settings.maxRounds, gap: stabilisation.bestBound - lastObjective), stats)
            }
            if let limit = options.timeLimit, elapsed() > limit { return .gaveUp(.timeLimit(rounds: stats.rounds), stats) }
            if let deadline = options.deadline, clock.now >= deadline { return .gaveUp(.timeLimit(rounds: stats.rounds), stats) }

            // 1. Master, without the columns that have long had no weight (if asked): dropped
            // here, before the solve, so that no solution refers to the removed columns.
            let t = clock.now
            if let rounds = settings.dropIdleColumnsAfter, wasFeasible {
                do {
                    for column in try master.dropIdleColumns(after: rounds) {
                        retired[column.block].append(DecompositionColumns.Point(indices: column.pointIndices, values: column.pointValues))
                        stats.droppedColumns += 1
                    }
                } catch {
                    return .gaveUp(.numericalTrouble("master columns could not be removed: \(error)"), stats)
                }
            }
            let (masterResult, solved) = master.solve()
            stats.masterSeconds += seconds(t.duration(to: clock.now))
            stats.masterSolves += 1
            stats.masterIterations += masterResult.iterations
            (stats.masterSolvesByGLPK, stats.masterFullPricingPasses) = master.solverCounts
            guard let solution = solved else {
                return .gaveUp(.numericalTrouble("the master LP ended \(masterResult.termination)"), stats)
            }
            let z = solution.objective
            let scale = max(1, abs(z))
            let columnTolerance = relTol * scale / Double(max(1, B))
            if solution.feasible && !wasFeasible {
                // Bounds from the big-M phase are valid but far off: restart the stability center.
                stabilisation.forgetCenter()
                wasFeasible = true
                master.retireArtificials()
            }
            lastObjective = max(lastObjective, z)

            // Seeded columns that price out at the master's duals enter first (the best of each
            // block, as pricing would propose it); the master is re-solved before any pricing.
            // No bound comes from them: the stopping rule still needs a priced round.
            if !reserve.isEmpty {
                var fromReserve = 0
                for b in 0..<B where !reserve[b].isEmpty {
                    let costs = reserve[b].map { master.reducedCost(of: $0, block: b, at: solution) }
                    guard let k = costs.indices.max(by: { costs[$0] < costs[$1] }), costs[k] > columnTolerance else { continue }
                    let out = reserve[b].remove(at: k)
                    guard !master.pool.contains(out, block: b) else { continue }
                    do { try add(out, block: b, to: master) } catch {
                        return .gaveUp(.numericalTrouble("a column could not be added: \(error)"), stats)
                    }
                    fromReserve += 1
                }
                if fromReserve > 0 {
                    stats.seedColumnsUsed += fromReserve
                    stats.columns = master.pool.count
                    trace(round: stats.rounds, z: z, solution: solution, bound: stabilisation.bestBound, added: fromReserve,
                          alpha: -1, iterations: masterResult.iterations)
                    continue
                }
            }

            // Idleness counts priced rounds, not master solves: a seeded re-solve solves the
            // master several times between two pricings (the reserve above), and counting those
            // dropped fresh columns before pricing could use them, so they came back round after
            // round (the five-year gain split's capped re-solve: 103 s instead of 0.7 s).
            master.recordUse(solution)

            // 2. Pricing at the stabilised prices (again at the master's own on a mis-price),
            // 3. the bound and the stop test, 4. new columns into the master.
            var added = 0
            var alpha = stabilisation.alpha(masterFeasible: solution.feasible)
            var misPriced = false
            // The first round of a started generation prices at the start's prices; if they find
            // no column the round is redone at the master's (as a mis-price).
            var startPrices = stats.masterSolves == 1 ? start?.prices : nil
            while true {
                let prices = startPrices ?? stabilisation.prices(around: solution.prices, alpha: alpha)
                // A block may be skipped when its value is proven within a quarter of the gap
                // tolerance's share per block of its last point's (a pricer's safe skip rule,
                // MIP pricing's): the bound then loses at most a quarter of the tolerance.
                guard priceRound(prices, all: false, skipTolerance: relTol * scale / Double(4 * max(1, B))) else {
                    let termination = firstUnsolved().termination
                    // A pricing MIP stopped by the deadline (a limit is the only way to these two).
                    if termination == .feasible || termination == .noSolutionFound { return .gaveUp(.timeLimit(rounds: stats.rounds), stats) }
                    return .gaveUp(.numericalTrouble("a pricing LP ended \(termination.rawValue)"), stats)
                }
                let bound = master.lagrangianBound(prices: prices, blockValues: pool.values())
                // α adapts on the rounds it chose (not a start's prices, not a mis-price's redo).
                if stabilisation.adaptive && solution.feasible && startPrices == nil && !misPriced {
                    stabilisation.adapt(subgradient: master.subgradient(prices: prices, blockUsage: pool.linkingUsage()),
                                        masterPrices: solution.prices)
                }
                stabilisation.record(bound: bound, at: prices, duals: blockDuals)
                // Converged: the master's (feasible) solution is within the tolerance of the bound.
                if solution.feasible && stabilisation.bestBound - z <= relTol * scale {
                    // Report the prices that certify the bound (with their pricing duals): this
                    // round's (the master's duals when alpha = 0), else the stability center.
                    let certified = bound - z <= relTol * scale
                    stats.bound = stabilisation.bestBound
                    stats.objective = z
                    if settings.handsBackColumns { stats.generatedColumns = columns(of: master, at: solution) }
                    return .converged(Converged(master: master, solution: solution,
                                                prices: certified ? prices : stabilisation.center!,
                                                blockDuals: certified ? blockDuals() : stabilisation.centerDuals,
                                                unsettledBlocks: unsettled(master, solution, prices: prices, tolerance: columnTolerance)), stats)
                }
                for b in 0..<B where priced[b] {
                    let out = pool.output(b)
                    guard master.reducedCost(of: out, block: b, at: solution) > columnTolerance,
                          !master.pool.contains(out, block: b) else { continue }
                    do { try add(out, block: b, to: master) } catch {
                        return .gaveUp(.numericalTrouble("a column could not be added: \(error)"), stats)
                    }
                    added += 1
                }
                if added > 0 || (alpha == 0 && startPrices == nil) { break }
                // Mis-pricing: the smoothed (or start) prices found nothing; price at the master's duals.
                alpha = 0
                misPriced = startPrices == nil
                startPrices = nil
            }
            stats.columns = master.pool.count
            settings.progress?(DecompositionProgress(round: stats.rounds, masterObjective: z, bound: stabilisation.bestBound,
                                                     relativeGap: (stabilisation.bestBound - z) / scale,
                                                     artificialsInUse: !solution.feasible))
            trace(round: stats.rounds, z: z, solution: solution, bound: stabilisation.bestBound, added: added, alpha: alpha,
                  iterations: masterResult.iterations)
            if added == 0 {
                if solution.feasible {
                    // Every reduced cost ≤ tolerance/B: the gap at π_master is ≤ relTol·scale.
                    let duals = blockDuals()
                    stats.bound = master.lagrangianBound(prices: solution.prices, blockValues: pool.values())
                    stats.objective = z
                    if settings.handsBackColumns { stats.generatedColumns = columns(of: master, at: solution) }
                    // No new column, yet the bound may be off by more than the tolerance: the
                    // better columns are in the master, which GLPK's dual tolerance left out.
                    return .converged(Converged(master: master, solution: solution, prices: solution.prices, blockDuals: duals,
                                                unsettledBlocks: unsettled(master, solution, prices: solution.prices,
                                                                           tolerance: columnTolerance)), stats)
                }
                // Artificials still in use and no improving column: raise the penalty (or give up).
                guard master.raisePenalty() else { return .gaveUp(.linkingRowsInfeasible, stats) }
                stats.penaltyIncreases += 1
                stabilisation.reset()
                wasFeasible = false
            }
        }
    }

    /// The admissible points of ``DecompositionOptions/seedColumns`` by block (empty without a
    /// seed, or when its fingerprint is not this structure's), counted in `stats`.
    func seedColumns(stats: inout DecompositionStatistics) -> [[(point: DecompositionColumns.Point, inSolution: Bool)]] {
        guard let seed = settings.seedColumns else { return [] }
        guard let (points, dropped, checked) = seed.admissiblePoints(for: structure, columnCount: program.variableCount) else {
            stats.seedRejected = true
            return []
        }
        stats.seedColumnsDropped = dropped
        stats.seedColumnsChecked = checked
        return points
    }

    /// x = Σ λ_{b,k}·u_{b,k}; duals: the prices on linking rows, each block's pricing duals on its rows.
    private func recover(_ masterResult: SolveResult, master: RestrictedMaster, prices: [Double],
                         blockDuals: [[Double]], stats: inout DecompositionStatistics,
                         began: ContinuousClock.Instant, clock: ContinuousClock) -> SolveResult {
        let t = clock.now
        let (x, columnsUsed) = master.point(from: masterResult)
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
        settings.trace?(String(format: "decomposition done in %.3f s: splitting %.3f s, master %.3f s, pricing %.3f s, recovery %.3f s, other %.3f s",
                               stats.totalSeconds, stats.setupSeconds, stats.masterSeconds, stats.pricingSeconds, stats.recoverySeconds,
                               stats.totalSeconds - stats.setupSeconds - stats.masterSeconds - stats.pricingSeconds - stats.recoverySeconds))
        return SolveResult(termination: Termination(reason: .optimal, detail: detail), objectiveValue: objective,
                           variableValues: x, rowActivities: activities, rowDuals: rowDuals, reducedCosts: reduced,
                           iterations: stats.pricingIterations + stats.masterIterations,
                           solveSeconds: stats.totalSeconds - stats.setupSeconds, loadSeconds: stats.setupSeconds)
    }
}
