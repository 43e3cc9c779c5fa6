import LinearProgramming

extension SolveResult {
    /// A result without a solution: why, in GLPK's terms and in words.
    static func unsolved(_ reason: TerminationReason, detail: String) -> SolveResult {
        SolveResult(termination: Termination(reason: reason, detail: detail), objectiveValue: nil, variableValues: [], rowActivities: [])
    }

    /// The decomposition's proof that a model is infeasible: commune `commune`'s own rows (rows of
    /// the model) have no solution.
    static func communeInfeasible(_ commune: String) -> SolveResult {
        unsolved(.infeasible, detail: "decomposition: the rows of commune \(commune) alone have no solution")
    }
}
