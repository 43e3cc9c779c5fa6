import LinearProgramming

extension SolveResult {
    /// A result without a solution: why, in GLPK's terms and in words, and the limit that stopped
    /// the search if one did.
    static func unsolved(_ reason: TerminationReason, limit: SolveLimit? = nil, detail: String) -> SolveResult {
        SolveResult(termination: Termination(reason: reason, limit: limit, detail: detail), objectiveValue: nil,
                    variableValues: [], rowActivities: [])
    }

    /// The decomposition's proof that a model is infeasible: commune `commune`'s own rows (rows of
    /// the model) have no solution.
    static func communeInfeasible(_ commune: String) -> SolveResult {
        unsolved(.infeasible, detail: "decomposition: the rows of commune \(commune) alone have no solution")
    }
}
