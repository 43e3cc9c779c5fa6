/// The columns generated so far (docs/decomposition.md §2): each a point u_{b,k} of one block's
/// polytope, in the order the master received them (column k of the pool is the master's
/// k-th generated column). Knows nothing of the master's scaling.
struct ColumnPool {
    /// One generated column: a block's point (non-zeros in local column order), its objective
    /// c·u and its usage A_b·u of the linking rows (model units).
    struct Column {
        var block: Int
        var pointIndices: [Int32]
        var pointValues: [Double]
        var cost: Double
        var usageRows: [Int32]
        var usageValues: [Double]
    }

    private(set) var columns: [Column] = []
    /// Indices into ``columns`` of each block's columns.
    private(set) var columnsOfBlock: [[Int]]

    init(blockCount: Int) {
        columnsOfBlock = [[Int]](repeating: [], count: blockCount)
    }

    var count: Int { columns.count }

    /// Whether `out` repeats a column block `b` already has (the master then already prices it:
    /// a positive reduced cost that GLPK's own tolerance calls zero would be re-added forever).
    func contains(_ out: PricingOutput, block b: Int) -> Bool {
        columnsOfBlock[b].contains { k in columns[k].pointIndices == out.pointIndices && columns[k].pointValues == out.pointValues }
    }

    /// Removes the columns at `indices` and returns them; the others keep their order (column k
    /// moves down by the number of removed columns before it, as the master's variables do).
    mutating func remove(_ indices: Set<Int>) -> [Column] {
        var removed: [Column] = [], kept: [Column] = []
        for (k, column) in columns.enumerated() {
            if indices.contains(k) { removed.append(column) } else { kept.append(column) }
        }
        columns = kept
        columnsOfBlock = [[Int]](repeating: [], count: columnsOfBlock.count)
        for (k, column) in columns.enumerated() { columnsOfBlock[column.block].append(k) }
        return removed
    }

    /// Records `out` as block `b`'s next column; returns its index.
    @discardableResult
    mutating func add(_ out: PricingOutput, block b: Int) -> Int {
        columnsOfBlock[b].append(columns.count)
        columns.append(Column(block: b, pointIndices: out.pointIndices, pointValues: out.pointValues,
                              cost: out.cost, usageRows: out.usageRows, usageValues: out.usageValues))
        return columns.count - 1
    }
}
