import LinearProgramming

/// Who owns a column of the model, as the formulation declares it for the decomposition over
/// communes (docs/decomposition.md §1): one commune, or none (a column that only the rows
/// linking communes see).
public enum ColumnOwner: Sendable, Hashable {
    /// The column belongs to this commune (index in the scenario).
    case commune(Int)
    /// The column belongs to no commune: money carried between periods (r_{s,t}).
    case linking
}

extension AllocationModel {
    /// The owner of every column of ``program`` (indexed like `program.variables`): together with
    /// ``ConstraintFamily/linksCommunes`` for the rows, the formulation's declaration of its
    /// block structure, so that the decomposition needs to know no variable or row kind.
    /// A column the formulation did not place is nil (the decomposition then does not apply).
    public var columnOwners: [ColumnOwner?] {
        var owners = [ColumnOwner?](repeating: nil, count: program.variableCount)
        for (k, pair) in pairs.enumerated() { owners[k] = .commune(communeOfWork[pair.work]) }
        for (p, starts) in startVariables.enumerated() {
            for start in starts { owners[start.variable.index] = .commune(communeOfWork[p]) }
        }
        for (c, v) in standardVariables { owners[v.index] = .commune(c) }
        for carry in carryVariables where owners[carry.variable.index] == nil { owners[carry.variable.index] = .linking }
        return owners
    }

    /// The largest value per million VND any column of the model can earn (at least 1): work
    /// value plus standard bonus per unit of cost, a source's cost per million; with `program`
    /// (the same columns, another objective: the tie-break preference; default the model's own)
    /// the ratios of its works' share columns too. The
    /// decomposition's big-M penalty on infeasibility is a multiple of it, well above any
    /// linking price this model can have.
    public func largestValuePerMillion(objectiveOf program: LinearProgram? = nil) -> Double {
        var maxRatio = 1.0
        for (p, work) in scenario.works.enumerated() where work.cost > 0 {
            let c = communeOfWork[p]
            let bonus = standardVariables[c] != nil ? scenario.weights.standardBonus * communeWeights[c] : 0
            maxRatio = max(maxRatio, (abs(workValues[p]) + bonus) / work.cost)
        }
        for s in scenario.sources { maxRatio = max(maxRatio, s.cost) }
        let program = program ?? self.program
        if program.variableCount == self.program.variableCount {
            for p in scenario.works.indices where scenario.works[p].cost > 0 {
                maxRatio = max(maxRatio, abs(program.variables[shareVariables[p].index].objective) / scenario.works[p].cost)
            }
        }
        return maxRatio
    }
}
