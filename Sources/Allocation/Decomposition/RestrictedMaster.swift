import LinearProgramming

/// The restricted master LP of the decomposition (docs/decomposition.md §2), on the calling
/// thread in one warm-started session: the GUB simplex's (``GUBSimplexSession``, the convexity
/// rows implicit, a working basis over the linking rows only; docs/decomposition.md §5), or
/// GLPK's over every row (`gub: false`):
///
///     max Σ_{b,k} (c_b·u_{b,k}) λ_{b,k} + c_S·x_S − M·Σ artificials
///     s.t. linking rows:  Σ_{b,k} (A_b u_{b,k}) λ_{b,k} + A_S x_S (± artificial) within the model's bounds
///          convexity:     Σ_k λ_{b,k} = 1 for each block b,   λ ≥ 0
///
/// where x_S are the columns of no block (``CommuneBlocks/linkingColumns``), kept whole.
/// Its rows, its columns (the ``ColumnPool``), its solve and its duals; and, since it knows the
/// linking rows' bounds, the Lagrangian bound of a price vector.
///
/// It works in scaled units (GLPK's tolerances are relative, and its scaling is fixed when the
/// master is loaded, before most columns exist): linking row l divided by `rowScale[l]`, the
/// objective by `objectiveScale`. Prices are converted back on the way out.
final class RestrictedMaster {
    /// One solve of the master, in the model's units.
    struct Solution {
        /// The master's own result (scaled units; its variable values are λ and x_S).
        var result: SolveResult
        /// The master objective z.
        var objective: Double
        /// The linking rows' duals made sign-feasible (π ≥ 0 on ≤ rows, ≤ 0 on ≥ rows): the prices.
        var prices: [Double]
        /// The convexity rows' duals μ_b.
        var convexityDuals: [Double]
        /// Σ of the artificial columns' values (model units): zero when the master is feasible.
        var artificialSum: Double
        /// Whether the master's solution meets the linking rows without artificials.
        var feasible: Bool { artificialSum <= 1e-7 }
    }

    let program: LinearProgram
    let structure: CommuneBlocks
    /// Bounds of each linking row (model units).
    let linkBounds: [ConstraintBounds]
    let rowScale: [Double]
    let objectiveScale: Double
    /// The largest value per unit any column can earn: the big-M penalty is a multiple of it.
    let priceScale: Double
    /// The big-M penalty per unit of artificial (model units).
    private(set) var penalty: Double
    /// Master variable, linking row and sign of each artificial column.
    private let artificials: [(variable: Int, row: Int, sign: Double)]
    /// Entries (linking row, coefficient in model units) of each column of no block.
    let staticEntries: [[(row: Int, value: Double)]]
    /// Master variable of the first column of no block, of the first generated column.
    let firstStatic: Int
    let firstColumn: Int
    /// The generated columns (master variable `firstColumn + k` is column k).
    private(set) var pool: ColumnPool
    /// Master solves since each pool column last had weight (λ > 0) in a solution.
    private var idle: [Int] = []
    private let session: any MasterSession

    var linkingRowCount: Int { linkBounds.count }
    /// Master solves answered by GLPK so far, and the GUB simplex's full pricing passes.
    var solverCounts: (byGLPK: Int, fullPricingPasses: Int) {
        guard let gub = session as? GUBSimplexSession else { return (solves, 0) }
        return (gub.statistics.glpkSolves, gub.statistics.fullPricingPasses)
    }
    private var solves = 0
    var blockCount: Int { structure.blocks.count }

    /// Builds the master over `initial` columns (block, point) with a big-M penalty of
    /// 1000·`priceScale`, and loads it.
    init(program: LinearProgram, structure: CommuneBlocks, initial: [(Int, PricingOutput)], priceScale: Double,
         gub: Bool = true) throws(LPError) {
        let B = structure.blocks.count, L = structure.linkingRows.count
        let linkBounds = structure.linkingRows.map { program.constraints[$0].bounds }
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
        var pool = ColumnPool(blockCount: B)
        var columnObjective: [Double] = []
        for (b, out) in initial {
            let v = VariableID(variableCount)
            for (l, a) in zip(out.usageRows, out.usageValues) where a != 0 {
                rowTerms[Int(l)].append(LinearTerm(v, a / rowScale[Int(l)]))
            }
            rowTerms[L + b].append(LinearTerm(v, 1))
            pool.add(out, block: b)
            columnObjective.append(out.cost / objectiveScale)
            variableCount += 1
        }
        let penalty = 1000 * priceScale
        var master = LinearProgram(name: "dw_master", sense: .maximize)
        for a in artificials {
            _ = master.addVariable(name: "", lower: 0, upper: .infinity, objective: -penalty * rowScale[a.row] / objectiveScale)
        }
        for j in structure.linkingColumns {
            let variable = program.variables[j]
            _ = master.addVariable(name: "", lower: variable.lower, upper: variable.upper, objective: variable.objective / objectiveScale)
        }
        for cost in columnObjective { _ = master.addVariable(name: "", lower: 0, upper: .infinity, objective: cost) }
        for l in 0..<L { master.addConstraint(name: "", terms: rowTerms[l], scaledBounds[l]) }
        for b in 0..<B { master.addConstraint(name: "", terms: rowTerms[L + b], .equal(1)) }

        var masterOptions = SolverOptions()
        masterOptions.method = .primalSimplex
        // Dantzig pricing: the master is re-solved warm after each round's few columns, and its
        // thousands of convexity rows make steepest-edge updates dear (8,000 communes: master
        // 12.8 s → 9.9 s in stage 1; docs/decomposition.md §5).
        masterOptions.pricing = .dantzig
        masterOptions.scaling = false
        // The convexity rows are GUB rows: the GUB simplex keeps them out of its working basis.
        session = gub ? try GUBSimplexSession(master, gubRows: Array(L..<(L + B)), options: masterOptions)
                      : try GLPKSession(master, options: masterOptions)
        self.program = program
        self.structure = structure
        self.linkBounds = linkBounds
        self.rowScale = rowScale
        self.objectiveScale = objectiveScale
        self.priceScale = priceScale
        self.penalty = penalty
        self.artificials = artificials
        self.staticEntries = staticEntries
        self.firstStatic = firstStatic
        self.firstColumn = artificials.count + structure.linkingColumns.count
        self.pool = pool
        self.idle = [Int](repeating: 0, count: pool.count)
    }

    /// The artificial columns' objective at the current penalty (scaled units).
    private func artificialCost() -> [Double] { artificials.map { -penalty * rowScale[$0.row] / objectiveScale } }

    /// Re-solves the master (warm-started); the solution in model units, nil unless optimal.
    func solve() -> (result: SolveResult, solution: Solution?) {
        solves += 1
        let result = session.solve()
        guard result.termination.reason == .optimal, let scaledObjective = result.objectiveValue,
              let scaledDuals = result.rowDuals else { return (result, nil) }
        let L = linkingRowCount, B = blockCount
        let z = scaledObjective * objectiveScale
        var duals = scaledDuals
        for l in 0..<L { duals[l] *= objectiveScale / rowScale[l] }
        for b in 0..<B { duals[L + b] *= objectiveScale }
        var artificialSum = 0.0
        for a in artificials { artificialSum += result.variableValues[a.variable] * rowScale[a.row] }
        return (result, Solution(result: result, objective: z, prices: signFeasible(duals),
                                 convexityDuals: Array(duals[L..<(L + B)]), artificialSum: artificialSum))
    }

    /// The linking rows' duals clipped to the signs their bounds allow.
    private func signFeasible(_ duals: [Double]) -> [Double] {
        (0..<linkingRowCount).map { l in
            var p = duals[l]
            if !linkBounds[l].lower.isFinite { p = max(0, p) }
            if !linkBounds[l].upper.isFinite { p = min(0, p) }
            return p
        }
    }

    /// Fixes the artificial columns at 0 with no cost once the master is feasible, so that their
    /// large penalty no longer dominates the objective (GLPK's dual feasibility tolerance is
    /// relative to the objective's scale).
    func retireArtificials() {
        for a in artificials {
            try? session.setObjective(0, for: VariableID(a.variable))
            try? session.setBounds(of: VariableID(a.variable), lower: 0, upper: 0)
        }
    }

    /// Raises the big-M penalty a hundredfold; false when it is already beyond any price of the
    /// model (the linking rows then cannot be met).
    func raisePenalty() -> Bool {
        guard penalty < 1e9 * priceScale else { return false }
        penalty *= 100
        for (a, cost) in zip(artificials, artificialCost()) { try? session.setObjective(cost, for: VariableID(a.variable)) }
        return true
    }

    /// The Lagrangian bound L(π) = Σ_l π_l·(U_l or L_l) + Σ_b ζ_b(π) + Σ_S max over its bounds of
    /// (c_j − π·A_j)·x_j: an upper bound on the optimum for every sign-feasible π, given each
    /// block's pricing value ζ_b(π) (`blockValues`, in block order).
    func lagrangianBound(prices: [Double], blockValues: [Double]) -> Double {
        var value = 0.0
        for l in 0..<linkingRowCount where prices[l] != 0 {
            value += prices[l] * (prices[l] > 0 ? linkBounds[l].upper : linkBounds[l].lower)
        }
        for v in blockValues { value += v }
        for k in structure.linkingColumns.indices {
            let (reduced, x) = staticColumnAtBound(k, prices: prices)
            value += reduced * x
        }
        return value
    }

    /// The `k`-th column of no block at `prices`: its reduced cost c_j − π·A_j and the bound
    /// the Lagrangian relaxation puts it at (upper when that cost is positive, lower otherwise).
    private func staticColumnAtBound(_ k: Int, prices: [Double]) -> (reduced: Double, value: Double) {
        let variable = program.variables[structure.linkingColumns[k]]
        var reduced = variable.objective
        for (l, a) in staticEntries[k] { reduced -= prices[l] * a }
        return (reduced, reduced > 0 ? variable.upper : variable.lower)
    }

    /// A subgradient of the Lagrangian bound at `prices`: each linking row's bound (the one the
    /// bound uses, or the violated one at a zero price) less its usage by the blocks' pricing
    /// points `outputs` and the columns of no block at the bound their reduced cost picks.
    func subgradient(prices: [Double], outputs: [PricingOutput]) -> [Double] {
        var usage = [Double](repeating: 0, count: linkingRowCount)
        for out in outputs { for (l, a) in zip(out.usageRows, out.usageValues) { usage[Int(l)] += a } }
        return subgradient(prices: prices, blockUsage: usage)
    }

    /// The same, given the pricing points' usage of each linking row summed over the blocks.
    func subgradient(prices: [Double], blockUsage: [Double]) -> [Double] {
        var usage = blockUsage
        for k in structure.linkingColumns.indices {
            let x = staticColumnAtBound(k, prices: prices).value
            for (l, a) in staticEntries[k] { usage[l] += a * x }
        }
        return (0..<linkingRowCount).map { l in
            let bounds = linkBounds[l], u = usage[l]
            if prices[l] > 0 { return bounds.upper - u }
            if prices[l] < 0 { return bounds.lower - u }
            if bounds.upper.isFinite && u > bounds.upper { return bounds.upper - u }
            if bounds.lower.isFinite && u < bounds.lower { return bounds.lower - u }
            return 0
        }
    }

    /// The reduced cost c·u − π·A_b u − μ_b of block `b`'s point `out` at the master's solution.
    /// Each block's value at `prices` of its point in `solution`: Σ_k λ_k·(c·u_k − prices·A·u_k)
    /// over the block's columns (its pricing problem's objective at the master's point).
    func lagrangianValues(at prices: [Double], solution: Solution) -> [Double] {
        var values = [Double](repeating: 0, count: blockCount)
        for k in pool.columns.indices {
            let lambda = solution.result.variableValues[firstColumn + k]
            guard lambda > 0 else { continue }
            let column = pool.columns[k]
            var value = column.cost
            for (l, a) in zip(column.usageRows, column.usageValues) { value -= prices[Int(l)] * a }
            values[column.block] += lambda * value
        }
        return values
    }

    func reducedCost(of out: PricingOutput, block b: Int, at solution: Solution) -> Double {
        var rc = out.cost - solution.convexityDuals[b]
        for (l, a) in zip(out.usageRows, out.usageValues) { rc -= solution.prices[Int(l)] * a }
        return rc
    }

    /// Adds block `b`'s point `out` as a new column (into the session and the pool).
    func addColumn(_ out: PricingOutput, block b: Int) throws(LPError) {
        var entries: [LinearTerm.Row] = [LinearTerm.Row(ConstraintID(linkingRowCount + b), 1)]
        for (l, a) in zip(out.usageRows, out.usageValues) where a != 0 {
            entries.append(LinearTerm.Row(ConstraintID(Int(l)), a / rowScale[Int(l)]))
        }
        try session.addVariable(lower: 0, upper: .infinity, objective: out.cost / objectiveScale, column: entries)
        pool.add(out, block: b)
        idle.append(0)
    }

    /// Counts, for every column, the master solves since it last had weight: call once per solve.
    func recordUse(_ solution: Solution) {
        for k in idle.indices {
            idle[k] = solution.result.variableValues[firstColumn + k] > 1e-12 ? 0 : idle[k] + 1
        }
    }

    /// Removes the columns that have had no weight in the last `rounds` master solves and are not
    /// basic (so the basis, and the warm start, stay), keeping at least one column per block;
    /// returns them (valid columns still: a caller may keep them as a seed). Each simplex pivot of
    /// the master prices every column, so a pool that only grows makes late rounds slow.
    func dropIdleColumns(after rounds: Int) throws(LPError) -> [ColumnPool.Column] {
        var drop: [Int] = []   // ascending
        var left = pool.columnsOfBlock.map { $0.count }
        for k in pool.columns.indices where idle[k] >= rounds {
            let b = pool.columns[k].block
            guard left[b] > 1 else { continue }
            if try session.isBasic(VariableID(firstColumn + k)) { continue }
            drop.append(k)
            left[b] -= 1
        }
        guard !drop.isEmpty else { return [] }
        try session.removeVariables(drop.map { VariableID(firstColumn + $0) })
        var isDropped = [Bool](repeating: false, count: idle.count)
        for k in drop { isDropped[k] = true }
        idle = idle.indices.filter { !isDropped[$0] }.map { idle[$0] }
        return pool.remove(drop)
    }

    /// x = Σ λ_{b,k}·u_{b,k} over the model's columns (and x_S for the columns of no block),
    /// clamped to the column bounds; with the number of columns each block mixes.
    func point(from result: SolveResult) -> (x: [Double], columnsUsed: [Int]) {
        point(lambdas: Array(result.variableValues[firstColumn..<(firstColumn + pool.count)]),
              statics: Array(result.variableValues[firstStatic..<(firstStatic + structure.linkingColumns.count)]))
    }

    /// x = Σ λ_k·u_k (one λ per pool column) and x_S = `statics`, clamped to the column bounds.
    func point(lambdas: [Double], statics: [Double]) -> (x: [Double], columnsUsed: [Int]) {
        var x = [Double](repeating: 0, count: program.variableCount)
        var columnsUsed = [Int](repeating: 0, count: structure.blocks.count)
        for k in pool.columns.indices {
            let lambda = lambdas[k]
            guard lambda > 0 else { continue }
            let column = pool.columns[k]
            if lambda > 1e-12 { columnsUsed[column.block] += 1 }
            let globalColumns = structure.blocks[column.block].columns
            for (i, v) in zip(column.pointIndices, column.pointValues) {
                x[globalColumns[Int(i)]] += lambda * v
            }
        }
        for (k, j) in structure.linkingColumns.enumerated() { x[j] = statics[k] }
        // Clamp round-off outside the column bounds (λ sums to 1 only to the solver's tolerance).
        for j in x.indices {
            let variable = program.variables[j]
            x[j] = min(max(x[j], variable.lower), variable.upper)
        }
        return (x, columnsUsed)
    }

    /// The restricted master MIP (docs/decomposition.md, MIP): the master over the generated
    /// columns with each block's convexity variables binary (one column per block), in model
    /// units and without artificials; the columns of no block keep their kind and bounds.
    /// Variables: the columns of no block, then one per pool column. Any of its solutions is a
    /// solution of the model when every column is an integer point of its block.
    func integerProgram() -> LinearProgram {
        let L = linkingRowCount, B = blockCount
        var mip = LinearProgram(name: "dw_master_mip", sense: .maximize)
        var rowTerms = [[LinearTerm]](repeating: [], count: L + B)
        for (k, j) in structure.linkingColumns.enumerated() {
            let variable = program.variables[j]
            let v = mip.addVariable(name: "", lower: variable.lower, upper: variable.upper, kind: variable.kind, objective: variable.objective)
            for (l, a) in staticEntries[k] { rowTerms[l].append(LinearTerm(v, a)) }
        }
        for column in pool.columns {
            let v = mip.addVariable(name: "", lower: 0, upper: 1, kind: .binary, objective: column.cost)
            for (l, a) in zip(column.usageRows, column.usageValues) where a != 0 { rowTerms[Int(l)].append(LinearTerm(v, a)) }
            rowTerms[L + column.block].append(LinearTerm(v, 1))
        }
        for l in 0..<L { mip.addConstraint(name: "", terms: rowTerms[l], linkBounds[l]) }
        for b in 0..<B { mip.addConstraint(name: "", terms: rowTerms[L + b], .equal(1)) }
        return mip
    }
}

/// What the restricted master needs of a warm-started LP session: GLPK's (every row in its
/// basis) or the GUB simplex's (the convexity rows implicit).
protocol MasterSession: AnyObject {
    func solve() -> SolveResult
    func setObjective(_ coefficient: Double, for variable: VariableID) throws(LPError)
    func setBounds(of variable: VariableID, lower: Double, upper: Double) throws(LPError)
    @discardableResult
    func addVariable(lower: Double, upper: Double, objective: Double, column: [LinearTerm.Row]) throws(LPError) -> VariableID
    func isBasic(_ variable: VariableID) throws(LPError) -> Bool
    func removeVariables(_ variables: [VariableID]) throws(LPError)
}

extension GUBSimplexSession: MasterSession {}

extension GLPKSession: MasterSession {
    func solve() -> SolveResult { solve(method: nil) }
    func addVariable(lower: Double, upper: Double, objective: Double, column: [LinearTerm.Row]) throws(LPError) -> VariableID {
        try addVariable(name: "", lower: lower, upper: upper, objective: objective, column: column)
    }
}
