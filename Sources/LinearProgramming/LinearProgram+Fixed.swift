/// A program with its fixed variables substituted out: what GLPK's presolver would remove,
/// done before the model is handed to GLPK, so that a large model of which only a few
/// columns are still free loads and solves as the small LP it is.
public struct FixedVariablesRemoved: Sendable {
    /// The free variables (lower < upper) and the constraints that contain at least
    /// one of them, with each constraint's bounds shifted by the fixed variables' contribution.
    public var program: LinearProgram
    /// For each variable of ``program``, its index in the original program.
    public var variables: [Int]
    /// For each constraint of ``program``, its index in the original program.
    public var constraints: [Int]
    /// The original program's variable values with the fixed ones at their value (the free
    /// ones at 0 until ``expand(_:)`` fills them in).
    public var fixedValues: [Double]

    /// A point of the original program: the fixed values with `x` (a point of ``program``) in
    /// the free variables' places.
    public func expand(_ x: [Double]) -> [Double] {
        precondition(x.count == variables.count, "one value per free variable expected")
        var full = fixedValues
        for (k, j) in variables.enumerated() { full[j] = x[k] }
        return full
    }
}

extension LinearProgram {
    /// This program with every variable whose bounds are equal (and finite), of any kind, replaced by its value.
    ///
    /// Constraints with no free variable left are dropped: they hold or fail whatever the free
    /// variables do, so the caller checks the expanded point against this program (as every
    /// answer of the allocation model is checked). The objective constant takes the fixed
    /// variables' share, so the reduced program's objective value is the original's.
    public func removingFixedVariables() -> FixedVariablesRemoved {
        var newIndex = [Int](repeating: -1, count: variables.count)
        var fixedValues = [Double](repeating: 0, count: variables.count)
        var reduced = LinearProgram(name: name, sense: sense)
        reduced.objectiveConstant = objectiveConstant
        var kept: [Int] = []
        for (j, variable) in variables.enumerated() {
            if variable.lower == variable.upper, variable.lower.isFinite {
                fixedValues[j] = variable.lower
                reduced.objectiveConstant += variable.objective * variable.lower
            } else {
                newIndex[j] = kept.count
                kept.append(j)
                reduced.addVariable(name: variable.name, lower: variable.lower, upper: variable.upper,
                                    kind: variable.kind, objective: variable.objective)
            }
        }
        // Per row: the fixed variables' contribution and the free variables' terms.
        var shift = [Double](repeating: 0, count: constraints.count)
        var freeTerms = [[LinearTerm]](repeating: [], count: constraints.count)
        forEachNonZero { i, j, a in
            let k = newIndex[j]
            if k < 0 {
                shift[i] += a * fixedValues[j]
            } else {
                freeTerms[i].append(LinearTerm(VariableID(k), a))
            }
        }
        var rows: [Int] = []
        for (i, constraint) in constraints.enumerated() where !freeTerms[i].isEmpty {
            let s = shift[i]
            let bounds: ConstraintBounds = switch constraint.bounds {
            case .lessOrEqual(let u): .lessOrEqual(u - s)
            case .greaterOrEqual(let l): .greaterOrEqual(l - s)
            case .equal(let v): .equal(v - s)
            case .ranged(let l, let u): .ranged(l - s, u - s)
            }
            reduced.addConstraint(name: constraint.name, terms: freeTerms[i], bounds)
            rows.append(i)
        }
        return FixedVariablesRemoved(program: reduced, variables: kept, constraints: rows, fixedValues: fixedValues)
    }
}
