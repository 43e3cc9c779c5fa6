import LinearProgramming

extension AllocationModel {
    /// Checks a solver's answer against this model's own program, independently of the
    /// solver's status: every row and bound, the objective recomputed from the values, and
    /// for an optimal LP the duals' signs and the recomputed dual bound (see
    /// ``LinearProgram/check(_:tolerances:)`` for the tests and their tolerances).
    ///
    /// `scenario`, when given, is this model's scenario with other budgets (a budget sweep
    /// changes only the budget rows' right-hand sides): the check then uses those budgets.
    public func verify(_ result: SolveResult, scenario: Scenario? = nil, program other: LinearProgram? = nil,
                       tolerances: CheckTolerances = CheckTolerances()) -> SolutionReport {
        let program = other ?? self.program
        guard let scenario else { return program.check(result, tolerances: tolerances) }
        var changed = program
        for (s, row) in budgetRows {
            if case .pooled(let budget) = scenario.sources[s].scope { changed.setBounds(of: row, .lessOrEqual(budget)) }
        }
        return changed.check(result, tolerances: tolerances)
    }

    /// `result` when it passes ``verify(_:scenario:tolerances:)``; otherwise the same result
    /// turned into a numerical failure — no values, no objective, status `numericalError`
    /// whose detail names the failed rows — so that no plan built from it is ever reported
    /// (let alone as optimal), and the command exits 1.
    ///
    /// Why: GLPK's status alone is not evidence. On badly scaled data (issue 11: a share of
    /// 10⁻⁵⁰, a penalty of 10²⁰) it reports "optimal" for points that break a row or are far
    /// from the optimum; only a check against the model itself catches that.
    ///
    /// `program`, when given, is the program `result` solves instead of the model's own (the same
    /// columns with other bounds: a budget sweep's, or the LP of a MIP with its integers fixed).
    public func verified(_ result: SolveResult, scenario: Scenario? = nil, program other: LinearProgram? = nil) -> SolveResult {
        let report = verify(result, scenario: scenario, program: other)
        guard !report.passed else { return result }
        var failed = result
        failed.termination = Termination(
            reason: .numericalError,
            detail: "the solver's answer (\(result.termination.reason.rawValue)) fails the check against the model: "
                + report.summary())
        failed.objectiveValue = nil
        failed.variableValues = []
        failed.rowActivities = []
        failed.rowDuals = nil
        failed.reducedCosts = nil
        failed.bestBound = nil
        failed.relativeGap = nil
        failed.rightHandSideRanges = [:]
        failed.objectiveRanges = [:]
        return failed
    }
}
