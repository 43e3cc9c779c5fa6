import Foundation
import LinearProgramming

extension AllocationModel {
    /// Solves the model along `path` and reads the result back into an ``AllocationPlan``.
    ///
    /// `.decomposed` runs Dantzig–Wolfe column generation over the communes
    /// (docs/decomposition.md): the same optimum as the monolithic LP (to the decomposition's
    /// relative gap, 1e-9 by default), the same plan fields, and the pooled budgets' shadow
    /// prices from the master's duals. It applies to LP mode only: a MIP is always solved
    /// monolithically. Budget ranges (`shadowPriceRange`) are computed by the monolithic path
    /// only; a decomposed plan has none. ``AllocationPlan/solvePath`` says which path was taken
    /// and, when it was the monolithic one, why.
    public func solve(options: SolverOptions = SolverOptions(), path: SolvePath,
                      decomposition: DecompositionOptions = DecompositionOptions(),
                      tieBreak: Bool = true) throws(LPError) -> AllocationPlan {
        try solveReporting(options: options, path: path, decomposition: decomposition, tieBreak: tieBreak).plan
    }

    /// Like ``solve(options:path:decomposition:)``, also returning what the decomposition did
    /// (nil when the monolithic path was taken without trying it).
    public func solveReporting(options: SolverOptions = SolverOptions(), path: SolvePath,
                               decomposition: DecompositionOptions = DecompositionOptions(), tieBreak: Bool = true)
        throws(LPError) -> (plan: AllocationPlan, statistics: DecompositionStatistics?) {
        let choice = solvePathChoice(path: path, decomposition: decomposition)
        guard choice == .decomposed else {
            var plan = try solve(options: options, tieBreak: tieBreak)
            plan.solvePath = choice
            return (plan, nil)
        }
        let (result, decomposedStats) = decomposedResult(options: options, decomposition: decomposition)
        // Checked against the model like the monolithic answer; one that fails is treated as a
        // decomposition failure (so the monolithic fallback, itself checked, gets its chance).
        var stats = decomposedStats
        if let result {
            let checked = verified(result)
            if checked.termination.hasSolution {
                var plan = tieBreak ? canonicalPlan(from: checked, timeLimit: options.timeLimit,
                                                    deadline: options.followUpDeadline ?? options.deadline, decomposition: decomposition)
                                    : plan(from: checked)
                plan.solvePath = .decomposed
                return (plan, stats)
            }
            stats.fallback = .verificationFailed(checked.termination.detail)
            guard decomposition.fallbackToMonolithic else {
                var plan = plan(from: checked)
                plan.solvePath = .decomposed
                return (plan, stats)
            }
            var plan = try solve(options: options, tieBreak: tieBreak)
            plan.solvePath = .monolithic(stats.fallback)
            return (plan, stats)
        }
        guard decomposition.fallbackToMonolithic else {
            let failed = SolveResult(termination: Termination(reason: .numericalError,
                                                              detail: "decomposition: \(stats.fallbackReason ?? "failed")"),
                                     objectiveValue: nil, variableValues: [], rowActivities: [])
            var plan = plan(from: failed)
            plan.solvePath = .decomposed
            return (plan, stats)
        }
        var plan = try solve(options: options, tieBreak: tieBreak)
        plan.solvePath = .monolithic(stats.fallback)
        return (plan, stats)
    }

    /// The decomposed solve as a raw ``SolveResult`` over the monolithic model's columns and rows
    /// (nil when it gave up; the statistics then say why).
    func decomposedResult(options: SolverOptions = SolverOptions(),
                          decomposition: DecompositionOptions = DecompositionOptions()) -> (SolveResult?, DecompositionStatistics) {
        let clock = ContinuousClock()
        let start = clock.now
        guard let structure = CommuneBlocks(model: self), !structure.blocks.isEmpty else {
            var stats = DecompositionStatistics()
            stats.fallback = .noBlockStructure
            return (nil, stats)
        }
        let d = start.duration(to: clock.now)
        let setup = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        switch DantzigWolfe(model: self, structure: structure, options: options, settings: decomposition).run(setupSeconds: setup) {
        case .solved(let result, let stats):
            return (result, stats)
        case .gaveUp(let reason, var stats):
            stats.fallback = reason
            return (nil, stats)
        }
    }

    /// Whether `path` leads to the decomposed solve for this model.
    public func usesDecomposition(path: SolvePath, decomposition: DecompositionOptions = DecompositionOptions()) -> Bool {
        solvePathChoice(path: path, decomposition: decomposition) == .decomposed
    }

    /// The path `path` leads to for this model before anything is solved: `.decomposed`, or
    /// `.monolithic` with why (nil: asked for).
    public func solvePathChoice(path: SolvePath, decomposition: DecompositionOptions = DecompositionOptions()) -> SolvePathTaken {
        switch path {
        case .monolithic: return .monolithic(nil)
        case .decomposed, .automatic:
            guard mode == .lp, !program.isMixedInteger else { return .monolithic(.mipMode) }
            if path == .automatic && scenario.communes.count < decomposition.automaticThreshold {
                return .monolithic(.tooFewCommunes(communes: scenario.communes.count, threshold: decomposition.automaticThreshold))
            }
            return .decomposed
        }
    }
}
