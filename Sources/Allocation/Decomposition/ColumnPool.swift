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

    /// Removes the columns at `ascending` (increasing indices) and returns them; the others keep
    /// their order (column k moves down by the number of removed columns before it, as the
    /// master's variables do).
    mutating func remove(_ ascending: [Int]) -> [Column] {
        let gone = ascending.filter { columns.indices.contains($0) }
        precondition(zip(gone, gone.dropFirst()).allSatisfy { $0 < $1 }, "ColumnPool.remove needs increasing indices")
        guard !gone.isEmpty else { return [] }
        let removed = gone.map { columns[$0] }
        // Compacted in place (kept columns swapped down, not copied), each block's list refilled.
        var isGone = [Bool](repeating: false, count: columns.count)
        for k in gone { isGone[k] = true }
        var kept = 0
        for k in columns.indices where !isGone[k] {
            if kept != k { columns.swapAt(kept, k) }
            kept += 1
        }
        columns.removeLast(columns.count - kept)
        for b in columnsOfBlock.indices { columnsOfBlock[b].removeAll(keepingCapacity: true) }
        for k in columns.indices { columnsOfBlock[columns[k].block].append(k) }
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
