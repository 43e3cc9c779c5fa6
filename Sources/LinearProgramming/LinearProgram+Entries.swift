extension LinearProgram {
    /// Calls `body(row, column, coefficient)` for every stored non-zero of the constraint
    /// matrix (0-based indices), in storage order. Linear in the number of non-zeros: for code
    /// that splits or re-assembles a model (decompositions, reduced costs from given duals).
    public func forEachNonZero(_ body: (_ row: Int, _ column: Int, _ coefficient: Double) throws -> Void) rethrows {
        for k in matrixValues.indices {
            try body(Int(matrixRows[k]), Int(matrixColumns[k]), matrixValues[k])
        }
    }
}
