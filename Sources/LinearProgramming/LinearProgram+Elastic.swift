extension LinearProgram {
    /// Every row's non-zero coefficients (two passes over the matrix: counting, then filling).
    public func rowTerms() -> [[LinearTerm]] {
        // Each row's array allocated once at its final size, not grown entry by entry.
        var counts = [Int](repeating: 0, count: constraints.count)
        for row in matrixRows { counts[Int(row)] += 1 }
        var rows = counts.map { count in
            var terms: [LinearTerm] = []
            terms.reserveCapacity(count)
            return terms
        }
        for k in matrixValues.indices {
            rows[Int(matrixRows[k])].append(LinearTerm(VariableID(Int(matrixColumns[k])), matrixValues[k]))
        }
        return rows
    }

    /// An elastic copy: each listed row gets a slack column that lets it be violated at a price
    /// (JuMP's `relax_with_penalty!`). A `≥` row gets `+e`, a `≤` row `−e`, an `=` or ranged row
    /// both; each slack e ≥ 0 costs `penalty` per unit.
    ///
    /// With `keepObjective == false` the copy minimises the total penalty alone (a phase-1
    /// problem: how little must the rules give for the model to be feasible?); otherwise the
    /// penalty is subtracted from (maximise) or added to (minimise) the original objective.
    ///
    /// - Returns: the copy, and for each softened row the slack columns: `relaxLower` (the row's
    ///   activity may fall below its lower bound by this much), `relaxUpper` (may exceed its upper bound).
    public func elasticCopy(softening penalties: [ConstraintID: Double], keepObjective: Bool)
        -> (program: LinearProgram, slacks: [ConstraintID: (relaxLower: VariableID?, relaxUpper: VariableID?)]) {
        var copy = self
        if !keepObjective {
            copy.sense = .minimize
            copy.objectiveConstant = 0
            for j in copy.variables.indices { copy.setObjective(0, for: VariableID(j)) }
        }
        let sign: Double = copy.sense == .maximize ? -1 : 1
        var slacks: [ConstraintID: (relaxLower: VariableID?, relaxUpper: VariableID?)] = [:]
        for row in penalties.keys.sorted() {
            guard row.index >= 0 && row.index < constraints.count else { continue }
            let penalty = penalties[row]!
            let bounds = constraints[row.index].bounds
            let base = constraints[row.index].name.isEmpty ? "r\(row.index)" : constraints[row.index].name
            var lowerSlack: VariableID? = nil, upperSlack: VariableID? = nil
            if bounds.lower.isFinite {
                lowerSlack = copy.addVariable(name: "elastic_lo_" + base, lower: 0, upper: .infinity, objective: sign * penalty)
                copy.appendEntry(row: Int32(row.index), term: LinearTerm(lowerSlack!, 1))
            }
            if bounds.upper.isFinite {
                upperSlack = copy.addVariable(name: "elastic_up_" + base, lower: 0, upper: .infinity, objective: sign * penalty)
                copy.appendEntry(row: Int32(row.index), term: LinearTerm(upperSlack!, -1))
            }
            slacks[row] = (lowerSlack, upperSlack)
        }
        return (copy, slacks)
    }
}
