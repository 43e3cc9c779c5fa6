import LinearProgramming

/// Certified upper bounds on a block-angular LP (maximised) after some of its linking rows are
/// loosened, without solving it again.
///
/// For linking prices π that are sign-feasible (π ≥ 0 on rows with an upper bound, ≤ 0 with a
/// lower one) the Lagrangian value L(π) = Σ_l π_l·(U_l or L_l) + Σ_b ζ_b(π) + Σ_{linking
/// columns} max (c_j − π·A_j)·x_j is an upper bound on the optimum (docs/decomposition.md §2).
/// Loosening row l to any bound and pricing it at 0 keeps π sign-feasible, and changes only
/// row l's term and the blocks with an entry in row l. So from one optimal π (the duals of a
/// solve already done) each loosening costs a few block LPs, not a solve.
///
/// The infeasibility diagnosis uses it to prove "raising this budget alone is not enough":
/// its phase-1 problem maximises −shortfall, so L(π') < 0 proves a shortfall remains.
struct LagrangianScreen {
    let structure: CommuneBlocks
    let program: LinearProgram
    /// π on each linking row (by linking index), made sign-feasible.
    let prices: [Double]
    /// ζ_b(π) of every block.
    let blockValues: [Double]
    /// π_l·(U_l or L_l) of every linking row.
    let rowTerms: [Double]
    /// max over its bounds of (c_j − π·A_j)·x_j of every linking column.
    let columnTerms: [Double]
    /// Blocks with an entry in each linking row.
    let blocksOfRow: [[Int]]
    /// Entries of each linking column in the linking rows (linking index, coefficient).
    let columnEntries: [[(row: Int, coefficient: Double)]]
    /// Options of the block LPs.
    let options: SolverOptions

    /// L(π).
    var bound: Double { rowTerms.reduce(0, +) + blockValues.reduce(0, +) + columnTerms.reduce(0, +) }

    /// The screen at the linking-row part of `rowDuals` (one dual per row of `program`). Prices
    /// every block once on the calling thread. Nil when a block LP fails or a term is unbounded.
    init?(program: LinearProgram, structure: CommuneBlocks, rowDuals: [Double], options: SolverOptions = SolverOptions()) {
        guard rowDuals.count == program.constraintCount else { return nil }
        var blockOptions = SolverOptions()
        blockOptions.method = .primalSimplex
        blockOptions.deadline = options.deadline
        let prices: [Double] = structure.linkingRows.map { i in
            let pi = rowDuals[i], bounds = program.constraints[i].bounds
            if pi > 0 && !bounds.upper.isFinite { return 0 }
            if pi < 0 && !bounds.lower.isFinite { return 0 }
            return pi
        }
        var blockValues: [Double] = []
        blockValues.reserveCapacity(structure.blocks.count)
        var blocksOfRow = [[Int]](repeating: [], count: structure.linkingRows.count)
        for (b, block) in structure.blocks.enumerated() {
            guard let value = Self.value(of: block, at: prices, options: blockOptions) else { return nil }
            blockValues.append(value)
            for l in Set(block.linkRow.map(Int.init)) { blocksOfRow[l].append(b) }
        }
        self.structure = structure
        self.program = program
        self.prices = prices
        self.blockValues = blockValues
        self.blocksOfRow = blocksOfRow
        self.options = blockOptions
        rowTerms = structure.linkingRows.enumerated().map { l, i in Self.rowTerm(prices[l], program.constraints[i].bounds) }
        var linkIndex = [Int: Int](), columnIndex = [Int: Int]()
        for (l, i) in structure.linkingRows.enumerated() { linkIndex[i] = l }
        for (k, j) in structure.linkingColumns.enumerated() { columnIndex[j] = k }
        var entries = [[(row: Int, coefficient: Double)]](repeating: [], count: structure.linkingColumns.count)
        if !columnIndex.isEmpty {
            program.forEachNonZero { i, j, a in
                if let k = columnIndex[j], let l = linkIndex[i] { entries[k].append((l, a)) }
            }
        }
        columnEntries = entries
        var columnTerms: [Double] = []
        for k in structure.linkingColumns.indices {
            guard let term = Self.columnTerm(program.variables[structure.linkingColumns[k]], entries[k], prices: prices) else { return nil }
            columnTerms.append(term)
        }
        self.columnTerms = columnTerms
    }

    /// An upper bound on the optimum once the linking rows `loosened` (row indices of the
    /// program) take any looser bounds: their prices set to 0, the blocks they touch re-priced.
    /// Nil when a block LP fails.
    func bound(loosening loosened: Set<Int>) -> Double? {
        var changed = prices
        var total = bound
        var touched = Set<Int>()
        for (l, i) in structure.linkingRows.enumerated() where loosened.contains(i) {
            changed[l] = 0
            total -= rowTerms[l]
            touched.formUnion(blocksOfRow[l])
        }
        for b in touched.sorted() {
            guard let value = Self.value(of: structure.blocks[b], at: changed, options: options) else { return nil }
            total += value - blockValues[b]
        }
        for (k, j) in structure.linkingColumns.enumerated() {
            guard let term = Self.columnTerm(program.variables[j], columnEntries[k], prices: changed) else { return nil }
            total += term - columnTerms[k]
        }
        return total
    }

    /// ζ_b(π): the block's LP at the reduced objective (a session created and dropped here).
    private static func value(of block: CommuneBlocks.Block, at prices: [Double], options: SolverOptions) -> Double? {
        let out = LPBlockPricer(block: block, options: options, warmStart: false).price(at: prices)
        return out.optimal ? out.value : nil
    }

    private static func rowTerm(_ pi: Double, _ bounds: ConstraintBounds) -> Double {
        if pi > 0 { return pi * bounds.upper }
        if pi < 0 { return pi * bounds.lower }
        return 0
    }

    /// max over the column's bounds of (c_j − π·A_j)·x_j; nil when unbounded.
    private static func columnTerm(_ v: Variable, _ entries: [(row: Int, coefficient: Double)], prices: [Double]) -> Double? {
        var d = v.objective
        for e in entries { d -= prices[e.row] * e.coefficient }
        if d == 0 { return 0 }
        let best = d > 0 ? d * v.upper : d * v.lower
        return best.isFinite ? best : nil
    }
}
