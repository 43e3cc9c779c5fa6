import LinearProgramming

/// The pricing-solver interface of the decomposition (docs/decomposition.md §2): how one
/// block's subproblem max (c_b − πA_b)·u over the block's own rows is solved at linking prices π.
/// The ``PricingPool`` runs it on its worker threads; the loop (``DantzigWolfe``) only sees
/// ``PricingOutput``s. LP pricing (``LPPricing``) today; a MIP pricing solver plugs in the same way.
///
/// GLPK problems never change thread (docs/lp-layer.md): ``makePricer(for:)`` is called on the
/// worker thread that will use and drop the pricer, so a pricer may hold a GLPK session.
protocol PricingSolver: Sendable {
    /// A pricer for `block`, created on (and confined to) the calling worker thread.
    func makePricer(for block: CommuneBlocks.Block) -> any BlockPricer
}

/// One block's pricing problem, owned by one worker thread for the whole decomposition.
protocol BlockPricer: AnyObject {
    /// Solves the block at linking prices `prices` (indexed by linking row) and reads the point back.
    func price(at prices: [Double]) -> PricingOutput
    /// Like ``price(at:)``, but a pricer may answer without solving when it can prove that its
    /// value is at most `skipTolerance` above the value of its last point at `prices` (the
    /// answer's value is then that proven upper bound, its point the last one). 0: always solve.
    func price(at prices: [Double], skipTolerance: Double) -> PricingOutput
    /// The basis (with its inverse) of the pricer's last solve, where a later stage's pricing of
    /// the same block starts; nil when it keeps none.
    func finalBasis() -> DenseSimplexSession.Basis?
}

extension BlockPricer {
    /// Pricers without a skip rule always solve.
    func price(at prices: [Double], skipTolerance: Double) -> PricingOutput { price(at: prices) }
    /// Pricers without a dense simplex keep no basis for a later stage.
    func finalBasis() -> DenseSimplexSession.Basis? { nil }
}

/// LP pricing: each block's LP kept alive and warm-started from its last basis across rounds
/// (or re-created every round without `warmStart`). Solved by a ``DenseSimplexSession`` (which
/// hands GLPK what it cannot finish, and LPs too large for it) unless `dense` is off.
struct LPPricing: PricingSolver {
    /// Solver options of the pricing LPs (the primal simplex: only the objective changes).
    var options: SolverOptions
    /// Keep each block's session across rounds.
    var warmStart: Bool
    /// Re-solve by the dense simplex rather than by GLPK.
    var dense: Bool = true
    /// Where each commune's dense simplex starts (an earlier stage's last bases, by commune).
    var startingBases: [Int: DenseSimplexSession.Basis] = [:]

    func makePricer(for block: CommuneBlocks.Block) -> any BlockPricer {
        LPBlockPricer(block: block, options: options, warmStart: warmStart, dense: dense, startingBasis: startingBases[block.commune])
    }
}

/// ``LPPricing``'s pricer for one block.
final class LPBlockPricer: BlockPricer {
    let block: CommuneBlocks.Block
    let options: SolverOptions
    let warmStart: Bool
    let dense: Bool
    let startingBasis: DenseSimplexSession.Basis?
    /// The warm-started sessions (nil until first loaded, or when loading failed: retried next round).
    private var session: GLPKSession?
    private var denseSession: DenseSimplexSession?
    /// The dense session's last answer and the revision of its point (``DenseSimplexSession/pointRevision``).
    private var lastDense: (revision: Int, output: PricingOutput)?

    init(block: CommuneBlocks.Block, options: SolverOptions, warmStart: Bool, dense: Bool = true,
         startingBasis: DenseSimplexSession.Basis? = nil) {
        self.block = block
        self.options = options
        self.warmStart = warmStart
        self.dense = dense
        self.startingBasis = startingBasis
    }

    func price(at prices: [Double]) -> PricingOutput {
        if warmStart && dense {
            if denseSession == nil {
                denseSession = try? DenseSimplexSession(block.program, options: options, startingFrom: startingBasis)
            }
            guard let denseSession else { return PricingOutput() }
            do { try denseSession.setObjective(columns: block.linkColumns, coefficients: block.reducedObjectiveValues(at: prices)) } catch {
                return PricingOutput()
            }
            let before = denseSession.statistics.glpkSolves
            let result = denseSession.solve(reducedCosts: false)
            var output: PricingOutput
            if let last = lastDense, last.revision == denseSession.pointRevision, last.output.optimal,
               result.termination.reason == .optimal, let value = result.objectiveValue {
                // The same point as last round (only the prices moved): its cost and usage stand.
                output = last.output
                output.value = value
                output.iterations = result.iterations
                output.rowDuals = result.rowDuals ?? []
            } else {
                output = PricingOutput(block: block, result: result)
            }
            output.answeredByGLPK = denseSession.statistics.glpkSolves > before
            lastDense = (denseSession.pointRevision, output)
            return output
        }
        if warmStart {
            if session == nil { session = try? GLPKSession(block.program, options: options) }
            return Self.price(block, session: session, prices: prices)
        }
        return Self.price(block, session: try? GLPKSession(block.program, options: options), prices: prices)
    }

    func finalBasis() -> DenseSimplexSession.Basis? { denseSession?.basis }

    /// Sets the reduced objective c_j − Σ_i π_i a_ij of the block's linking columns, solves, reads back.
    static func price(_ block: CommuneBlocks.Block, session: GLPKSession?, prices: [Double]) -> PricingOutput {
        guard let session else { return PricingOutput() }
        do { try session.setObjective(block.reducedObjectives(at: prices)) } catch { return PricingOutput() }
        let result = session.solve()
        return PricingOutput(block: block, result: result)
    }
}

extension CommuneBlocks.Block {
    /// The reduced objective of every linking column at `prices`, as a session takes it.
    func reducedObjectives(at prices: [Double]) -> [(variable: VariableID, coefficient: Double)] {
        zip(linkColumns, reducedObjectiveValues(at: prices)).map { (VariableID(Int($0)), $1) }
    }

    /// The reduced objective of every linking column at `prices`, in `linkColumns` order (each
    /// value as ``reducedObjective(ofLinkColumn:prices:)`` computes it, read through buffer
    /// pointers: every block, every round).
    func reducedObjectiveValues(at prices: [Double]) -> [Double] {
        let count = linkColumns.count
        return [Double](unsafeUninitializedCapacity: count) { values, initialized in
            linkObjective.withUnsafeBufferPointer { objective in
                linkStart.withUnsafeBufferPointer { start in
                    linkRow.withUnsafeBufferPointer { row in
                        linkCoefficient.withUnsafeBufferPointer { coefficient in
                            prices.withUnsafeBufferPointer { prices in
                                for k in 0..<count {
                                    var c = objective[k]
                                    for e in start[k]..<start[k + 1] { c -= prices[Int(row[e])] * coefficient[e] }
                                    values[k] = c
                                }
                            }
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// c_j − Σ_l π_l a_lj of the `k`-th linking column at linking prices `prices`.
    func reducedObjective(ofLinkColumn k: Int, prices: [Double]) -> Double {
        var c = linkObjective[k]
        for e in linkStart[k]..<linkStart[k + 1] {
            c -= prices[Int(linkRow[e])] * linkCoefficient[e]
        }
        return c
    }
}

extension PricingOutput {
    /// Reads a pricing solve back: the point (non-zeros), its cost c·u, its usage A_b·u of the
    /// linking rows, the duals of the block's own rows (when the solver has them).
    init(block: borrowing CommuneBlocks.Block, result: borrowing SolveResult) {
        self.init()
        termination = result.termination.reason
        iterations = result.iterations
        guard result.termination.reason == .optimal, let value = result.objectiveValue else { return }
        optimal = true
        self.value = value
        let u = result.variableValues
        var cost = 0.0
        let variables = block.program.variables
        // Values within 1e-9 of zero are the simplex's round-off (a basic variable at 1e-15):
        // dropped, so that master columns carry no meaningless tiny coefficients.
        let nonZeros = u.count { abs($0) > 1e-9 }
        pointIndices.reserveCapacity(nonZeros)
        pointValues.reserveCapacity(nonZeros)
        for (j, x) in u.enumerated() where abs(x) > 1e-9 {
            pointIndices.append(Int32(j))
            pointValues.append(x)
            cost += variables[j].objective * x
        }
        self.cost = cost
        setUsage(of: u, in: block, ignoringBelow: 1e-9)
        rowDuals = result.rowDuals ?? []
    }

    /// Sets ``usageRows`` and ``usageValues`` to A_b·u, the point `u` (local columns) of `block`
    /// in the linking rows; entries of u with |u_j| ≤ `threshold` count as zero. A row appears
    /// when an entry of it counted; each row's terms are summed in the order of the block's
    /// linking entries (this runs for every block in every pricing round: slots fixed by the
    /// block, no sort or dictionary).
    mutating func setUsage(of u: [Double], in block: CommuneBlocks.Block, ignoringBelow threshold: Double) {
        let touched = block.linkRowsTouched
        // The slots' sums and whether an entry counted in each: temporaries on the stack, not two
        // arrays per solve.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: touched.count) { sums in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: touched.count) { counted in
                sums.initialize(repeating: 0)
                counted.initialize(repeating: false)
                for k in block.linkColumns.indices {
                    let x = u[Int(block.linkColumns[k])]
                    guard abs(x) > threshold else { continue }
                    for e in block.linkStart[k]..<block.linkStart[k + 1] {
                        let slot = Int(block.linkSlot[e])
                        sums[slot] += block.linkCoefficient[e] * x
                        counted[slot] = true
                    }
                }
                usageRows = []
                usageValues = []
                usageRows.reserveCapacity(touched.count)
                usageValues.reserveCapacity(touched.count)
                for slot in touched.indices where counted[slot] {
                    usageRows.append(touched[slot])
                    usageValues.append(sums[slot])
                }
            }
        }
    }
}

/// MIP pricing: each block's own MIP (whole works) solved by GLPK's branch-and-cut through the
/// LinearProgramming layer, on the worker thread that owns the block. Its value ζ_b(π) is (a
/// bound on) the maximum over the block's integer points, so the
/// Lagrangian bound built from it bounds the MIP's optimum (the bound over each commune's
/// integer hull). Each round re-solves the block's LP relaxation warm-started and branches,
/// from that basis, only when it is fractional; a block whose value provably moved too little
/// is not re-solved (``MIPBlockPricer``).
///
/// A block MIP may stop at a relative gap: its value is then GLPK's bound on the block's
/// optimum (still an upper bound, so the Lagrangian bound stays certified, only looser), and
/// its incumbent the column. A block MIP stopped by the deadline fails the round (the
/// decomposition then gives up on the time limit).
struct MIPPricing: PricingSolver {
    /// Options of the block MIPs (no fixed-LP duals).
    var options: SolverOptions
    /// Re-solve each block's warm-started LP relaxation first and branch only when it is
    /// fractional (``MIPBlockPricer``); false: branch-and-cut every round (for measurement).
    var relaxationFirst = true
    /// Let a block go un-solved when its value is proven close enough to its last point's
    /// (``MIPBlockPricer/price(at:skipTolerance:)``); false: solve every block every round.
    var skipRule = true

    /// Block MIPs solved to `relativeGap`, stopped at `deadline`.
    init(relativeGap: Double = 0, deadline: ContinuousClock.Instant? = nil) {
        var options = SolverOptions()
        options.method = .primalSimplex
        options.relativeGap = relativeGap
        options.deadline = deadline
        options.fixedMIPDuals = false
        // No cuts or feasibility pump: on a block of a few dozen columns they cost more than the
        // branching they save (measured: a five-year block's MIP at the frugal prices stayed in
        // the cut loop past its deadline).
        options.mipCuts = false
        self.options = options
    }

    func makePricer(for block: CommuneBlocks.Block) -> any BlockPricer {
        MIPBlockPricer(block: block, options: options, relaxationFirst: relaxationFirst, skipRule: skipRule)
    }
}

/// ``MIPPricing``'s pricer for one block: the block's MIP with its linking columns' reduced objective.
///
/// Each round first re-solves the block's LP relaxation in a warm-started ``GLPKSession`` (a few
/// primal pivots, as ``LPPricing``). When that LP optimum is already integral on every integer
/// column (to ``integralityTolerance``), it is the MIP's optimum: the LP value bounds every
/// integer point from above and is attained by one, so ζ_b(π) is the LP value and the point the
/// column, with no branch-and-cut. Only a fractional relaxation goes to GLPK's branch-and-cut,
/// in the same session from the relaxation's optimal basis (``GLPKSession/solveMIP(integerColumns:relativeGap:cuts:)``:
/// no cold load and root solve). Without a relaxation session (or `relaxationFirst` off) the
/// block is loaded anew into ``GLPKSolver`` every round.
final class MIPBlockPricer: BlockPricer {
    /// An integer column's LP value within this of an integer counts as integral (then rounded).
    static let integralityTolerance = 1e-9

    let block: CommuneBlocks.Block
    let options: SolverOptions
    let relaxationFirst: Bool
    let skipRule: Bool
    /// The block's program, its objective set to the current reduced costs.
    private var program: LinearProgram
    /// The block's LP relaxation, warm-started across rounds (nil until loaded; after a failed
    /// load every round goes to branch-and-cut).
    private var relaxation: GLPKSession?
    private var relaxationTried = false
    /// Local indices of the integer columns.
    private let integerColumns: [Int]
    /// The last solve's prices and answer (its value certified there), for the skip rule.
    private var last: (prices: [Double], output: PricingOutput)?
    /// ``usageRanges()``, once computed.
    private var ranges: [(row: Int32, lower: Double, upper: Double)]?
    private var rangesComputed = false

    init(block: CommuneBlocks.Block, options: SolverOptions, relaxationFirst: Bool = true, skipRule: Bool = true) {
        self.block = block
        self.options = options
        self.relaxationFirst = relaxationFirst
        self.skipRule = skipRule
        program = block.program
        integerColumns = block.program.variables.indices.filter { block.program.variables[$0].kind != .continuous }
    }

    /// The safe skip rule (docs/decomposition.md, "Decomposed MIP"). With ζ(π) = max over the
    /// block's integer points u of (c − πA)u, for new prices π' = π + Δ:
    ///
    ///     ζ(π') = max (c − πA)u − ΔAu ≤ ζ(π) + Σ_l max(−Δ_l·lo_l, −Δ_l·hi_l),
    ///
    /// where [lo_l, hi_l] bounds (A u)_l over the block's LP relaxation (``usageRanges()``, two
    /// LPs per linking row the block touches, once), so over its integer points too. ζ(π) is the
    /// certified value of the last solve. When that bound is within `skipTolerance` of the last
    /// point's value at π' (a lower bound on ζ(π')), the block is not re-solved: the bound is
    /// its value (so the Lagrangian bound stays certified, looser by at most `skipTolerance`)
    /// and the last point its column (already in the master, so nothing is added; a better
    /// column can improve the master by at most `skipTolerance` more than the last one).
    func price(at prices: [Double], skipTolerance: Double) -> PricingOutput {
        if skipRule, skipTolerance > 0, let last, let bound = skipBound(at: prices, lastPrices: last.prices, lastValue: last.output.value) {
            var value = last.output.cost
            for (l, a) in zip(last.output.usageRows, last.output.usageValues) { value -= prices[Int(l)] * a }
            if bound - value <= skipTolerance {
                var skipped = last.output
                skipped.value = bound
                skipped.iterations = 0
                skipped.work = .skipped
                return skipped
            }
        }
        return price(at: prices)
    }

    /// The proven upper bound on ζ(`prices`) from the value `lastValue` certified at `lastPrices`
    /// (nil without usage ranges).
    func skipBound(at prices: [Double], lastPrices: [Double], lastValue: Double) -> Double? {
        guard let ranges = usageRanges() else { return nil }
        var bound = lastValue
        for range in ranges {
            let d = prices[Int(range.row)] - lastPrices[Int(range.row)]
            if d != 0 { bound += max(-d * range.lower, -d * range.upper) }
        }
        return bound
    }

    /// For each linking row the block touches, the least and greatest (A u)_l over the block's
    /// LP relaxation; nil when one of those LPs has no finite optimum (then the block is never
    /// skipped). Computed once, in a session of its own.
    func usageRanges() -> [(row: Int32, lower: Double, upper: Double)]? {
        if rangesComputed { return ranges }
        rangesComputed = true
        var relaxed = block.program
        for j in relaxed.variables.indices {
            relaxed.setKind(.continuous, for: VariableID(j))
            relaxed.setObjective(0, for: VariableID(j))
        }
        var lpOptions = SolverOptions()
        lpOptions.method = .primalSimplex
        lpOptions.deadline = options.deadline
        guard let session = try? GLPKSession(relaxed, options: lpOptions) else { return nil }
        var entries: [Int32: [(column: Int, coefficient: Double)]] = [:]
        for k in block.linkColumns.indices {
            for e in block.linkStart[k]..<block.linkStart[k + 1] {
                entries[block.linkRow[e], default: []].append((Int(block.linkColumns[k]), block.linkCoefficient[e]))
            }
        }
        var found: [(row: Int32, lower: Double, upper: Double)] = []
        for row in entries.keys.sorted() {
            var extremes: [Double] = []
            for sign in [1.0, -1.0] {
                for (j, a) in entries[row]! { try? session.setObjective(sign * a, for: VariableID(j)) }
                let result = session.solve()
                guard result.termination.reason == .optimal, let value = result.objectiveValue else { return nil }
                extremes.append(sign * value)
            }
            for (j, _) in entries[row]! { try? session.setObjective(0, for: VariableID(j)) }
            // A small widening for the LPs' round-off keeps the bound on the safe side.
            let slack = 1e-9 * max(1, abs(extremes[0]), abs(extremes[1]))
            found.append((row, extremes[1] - slack, extremes[0] + slack))
        }
        ranges = found
        return found
    }

    func price(at prices: [Double]) -> PricingOutput {
        let began = PricingPool.threadCPUSeconds()
        var output = solve(at: prices)
        if output.work == .branchAndCut { output.cpuSeconds = PricingPool.threadCPUSeconds() - began }
        if output.optimal { last = (prices, output) }
        return output
    }

    private func solve(at prices: [Double]) -> PricingOutput {
        if relaxationFirst {
            switch priceByRelaxation(prices) {
            case .integral(let output): return output
            case .fractional(let session):
                // Branch-and-cut from the relaxation's optimal basis (its root LP needs no pivot).
                guard let result = try? session.solveMIP(integerColumns: integerColumns.map { VariableID($0) },
                                                         relativeGap: options.relativeGap, cuts: options.mipCuts) else { break }
                return branchAndCutOutput(result)
            case .unavailable: break
            }
        }
        for k in block.linkColumns.indices {
            program.setObjective(block.reducedObjective(ofLinkColumn: k, prices: prices), for: VariableID(Int(block.linkColumns[k])))
        }
        guard let result = try? GLPKSolver.solve(program, options: options) else { return PricingOutput() }
        return branchAndCutOutput(result)
    }

    /// A branch-and-cut result read back, its value the one that certifies the bound: GLPK's
    /// bound on the block's optimum (equal to the incumbent when the tree is exhausted); without
    /// one, the most the gap it stopped at allows (|best − bound| ≤ gap·(|best| + ε), GLPK's test).
    private func branchAndCutOutput(_ result: SolveResult) -> PricingOutput {
        var output = PricingOutput(block: block, result: result)
        output.work = .branchAndCut
        if output.optimal {
            let allowed = output.value + options.relativeGap * (abs(output.value) + Double.ulpOfOne)
            output.value = max(output.value, result.bestBound ?? allowed)
        }
        output.rowDuals = []
        return output
    }

    /// What the warm-started LP relaxation says at some prices.
    private enum Relaxation {
        /// Integral: the block MIP's optimum.
        case integral(PricingOutput)
        /// Fractional: the session holds the relaxation's optimal basis at these prices.
        case fractional(GLPKSession)
        /// No relaxation (not loaded, or not solved to optimality): branch-and-cut from scratch.
        case unavailable
    }

    /// Re-solves the block's LP relaxation at `prices` (warm-started) and says whether it is integral.
    private func priceByRelaxation(_ prices: [Double]) -> Relaxation {
        if relaxation == nil && !relaxationTried {
            relaxationTried = true
            var relaxed = block.program
            for j in integerColumns { relaxed.setKind(.continuous, for: VariableID(j)) }
            var lpOptions = SolverOptions()
            lpOptions.method = .primalSimplex
            lpOptions.deadline = options.deadline
            relaxation = try? GLPKSession(relaxed, options: lpOptions)
        }
        guard let relaxation else { return .unavailable }
        do { try relaxation.setObjective(block.reducedObjectives(at: prices)) } catch { return .unavailable }
        var result = relaxation.solve()
        guard result.termination.reason == .optimal, let value = result.objectiveValue else { return .unavailable }
        for j in integerColumns {
            let v = result.variableValues[j]
            guard abs(v - v.rounded()) <= Self.integralityTolerance else { return .fractional(relaxation) }
            result.variableValues[j] = v.rounded()
        }
        var output = PricingOutput(block: block, result: result)
        // ζ_b(π): the LP optimum, an upper bound on every integer point's value and attained
        // (to the rounding of 1e-9) by this one.
        output.value = value
        output.rowDuals = []
        output.work = .integralRelaxation
        return .integral(output)
    }
}
