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

extension LinearProgram {
    /// A new column for a warm-started session (``GLPKSession``, ``GUBSimplexSession``), checked
    /// as ``validate(forExport:)`` checks the model's own: its bounds, its objective, each entry's
    /// constraint and magnitude. Returns its entries merged by row, zeros dropped, in row order.
    /// `label` names the column in the errors.
    func checkedNewColumn(_ column: [LinearTerm.Row], label: String, lower: Double, upper: Double,
                          objective: Double) throws(LPError) -> [(row: Int, value: Double)] {
        if lower.isNaN || upper.isNaN || lower == .infinity || upper == -.infinity || lower > upper {
            throw .invalidVariableBounds(variable: label, lower: lower, upper: upper)
        }
        guard objective.isFinite else { throw .invalidObjectiveCoefficient(variable: label, value: objective) }
        try Self.checkMagnitude(objective, tinyAllowed: true, "objective of \(label)")
        try Self.checkMagnitude(lower, tinyAllowed: true, "lower bound of \(label)")
        try Self.checkMagnitude(upper, tinyAllowed: true, "upper bound of \(label)")
        var merged: [Int: Double] = [:]
        for entry in column {
            guard entry.constraint.index >= 0 && entry.constraint.index < constraintCount else {
                throw .invalidOption("column \(label): constraint #\(entry.constraint.index) does not exist")
            }
            guard entry.coefficient.isFinite else {
                throw .invalidCoefficient(constraint: displayName(of: entry.constraint), variable: label, value: entry.coefficient)
            }
            merged[entry.constraint.index, default: 0] += entry.coefficient
        }
        for (row, value) in merged {
            try Self.checkMagnitude(value, tinyAllowed: false, "constraint \(displayName(of: ConstraintID(row))), variable \(label)")
        }
        return merged.keys.sorted().compactMap { row in merged[row]! != 0 ? (row, merged[row]!) : nil }
    }
}
