import Foundation
import LinearProgramming

extension AllocationModel {
    /// Solves the model along `path` and reads the result back into an ``AllocationPlan``.
    ///
    /// `.decomposed` runs Dantzig–Wolfe column generation over the communes
    /// (docs/decomposition.md): the same optimum as the monolithic LP (to the decomposition's
    /// relative gap, 1e-9 by default; with the tie-break stage, to its 1e-12, since the stage
    /// reads the optimal face off the duals), the same plan fields, and the pooled budgets' shadow
    /// prices from the master's duals. A MIP is solved monolithically unless
    /// ``DecompositionOptions/decomposeMIP`` opts in to the decomposed MIP (with `.decomposed`, and
    /// with `.automatic` from its commune-year threshold on). Budget ranges (`shadowPriceRange`) are computed by the monolithic path
    /// only; a decomposed plan has none. ``AllocationPlan/solvePath`` says which path was taken
    /// and, when it was the monolithic one, why.
    public func solve(options: SolverOptions = SolverOptions(), path: SolvePath,
                      decomposition: DecompositionOptions = DecompositionOptions(),
                      tieBreak: Bool = true, onTieBreak: (@Sendable () -> Void)? = nil) throws(LPError) -> AllocationPlan {
        try solveReporting(options: options, path: path, decomposition: decomposition, tieBreak: tieBreak,
                           onTieBreak: onTieBreak).plan
    }

    /// Like ``solve(options:path:decomposition:)``, also returning what the decomposition did
    /// (nil when the monolithic path was taken without trying it).
    public func solveReporting(options: SolverOptions = SolverOptions(), path: SolvePath,
                               decomposition: DecompositionOptions = DecompositionOptions(), tieBreak: Bool = true,
                               onTieBreak: (@Sendable () -> Void)? = nil)
        throws(LPError) -> (plan: AllocationPlan, statistics: DecompositionStatistics?) {
        let staged = try solveFirstStage(options: options, path: path, decomposition: decomposition, tieBreak: tieBreak)
        return (staged.plan(onTieBreak: onTieBreak), staged.statistics)
    }

    /// The first stage of ``solveReporting(options:path:decomposition:tieBreak:onTieBreak:)``:
    /// the checked optimum along `path` (with the monolithic fallback), before the tie-break
    /// stage chooses the reported plan among the optimal ones. A caller with other work that
    /// needs only the first stage (the gain split's re-solve starts from its columns) can run it
    /// while ``StagedSolve/plan(onTieBreak:)`` runs.
    public func solveFirstStage(options: SolverOptions = SolverOptions(), path: SolvePath,
                                decomposition: DecompositionOptions = DecompositionOptions(),
                                tieBreak: Bool = true) throws(LPError) -> StagedSolve {
        let deadline = options.followUpDeadline ?? options.deadline
        func monolithic(_ taken: SolvePathTaken, _ stats: DecompositionStatistics?) throws(LPError) -> StagedSolve {
            StagedSolve(model: self, firstStage: try monolithicFirstStage(options: options, tieBreak: tieBreak),
                        statistics: stats, path: taken, tieBreak: tieBreak, timeLimit: options.timeLimit, deadline: deadline,
                        decomposition: nil)
        }
        let choice = solvePathChoice(path: path, decomposition: decomposition)
        guard choice == .decomposed else { return try monolithic(choice, nil) }
        // The tie-break stage reads the optimal face off these duals (complementary slackness),
        // so they must be optimal, not within 1e-9: duals certified only to that gap fix columns
        // of the face at a bound that some optimal plans leave it (in an experiment grouping
        // communes 8 to a block, a 2,000-commune plan moved by up to 1.0·K_p, docs/decomposition.md
        // §5). The column generation then runs to the tie-break's own gap.
        var decomposition = decomposition
        if tieBreak { decomposition.relativeGap = min(decomposition.relativeGap, CanonicalSelection.decomposedGap) }
        let (result, decomposedStats) = decomposedResult(options: options, decomposition: decomposition)
        // Checked against the model like the monolithic answer; one that fails is treated as a
        // decomposition failure (so the monolithic fallback, itself checked, gets its chance).
        var stats = decomposedStats
        func decomposed(_ result: SolveResult, tieBreak: Bool) -> StagedSolve {
            StagedSolve(model: self, firstStage: result, statistics: stats, path: .decomposed, tieBreak: tieBreak,
                        timeLimit: options.timeLimit, deadline: deadline, decomposition: decomposition)
        }
        if let result {
            let checked = verified(result)
            if checked.termination.hasSolution { return decomposed(checked, tieBreak: tieBreak) }
            stats.fallback = .verificationFailed(checked.termination.detail)
            guard decomposition.fallbackToMonolithic else { return decomposed(checked, tieBreak: false) }
            return try monolithic(.monolithic(stats.fallback), stats)
        }
        // A commune whose own rows have no solution makes the whole model infeasible (its rows are
        // rows of the model): that is the answer, with no monolithic solve to confirm it.
        if case .communeUnsolvable(let commune, .infeasible)? = stats.fallback {
            return decomposed(.communeInfeasible(commune), tieBreak: false)
        }
        if !decomposition.fallbackToMonolithic {
            return decomposed(.unsolved(.numericalError, detail: "decomposition: \(stats.fallbackReason ?? "failed")"), tieBreak: false)
        }
        // The limit passed during the column generation: the monolithic path would start from
        // nothing with no time left and find nothing either (the five-year MIP in a 3 s budget
        // spent 0.6 s more loading it). The answer is the limit, with no plan.
        if case .timeLimit? = stats.fallback {
            return decomposed(.unsolved(.noSolutionFound, limit: .time, detail: "decomposition: \(stats.fallbackReason ?? "time limit")"),
                              tieBreak: false)
        }
        return try monolithic(.monolithic(stats.fallback), stats)
    }

    /// The decomposed solve as a raw ``SolveResult`` over the monolithic model's columns and rows
    /// (nil when it gave up; the statistics then say why).
    func decomposedResult(options: SolverOptions = SolverOptions(),
                          decomposition: DecompositionOptions = DecompositionOptions()) -> (SolveResult?, DecompositionStatistics) {
        let clock = ContinuousClock()
        let start = clock.now
        guard let structure = blockCache.structure(splitting: { CommuneBlocks(model: self) }), !structure.blocks.isEmpty else {
            var stats = DecompositionStatistics()
            stats.fallback = .noBlockStructure
            return (nil, stats)
        }
        let d = start.duration(to: clock.now)
        let setup = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        guard program.isMixedInteger else {
            switch DantzigWolfe(model: self, structure: structure, options: options, settings: decomposition).run(setupSeconds: setup) {
            case .solved(let result, let stats):
                return (result, stats)
            case .gaveUp(let reason, var stats):
                stats.fallback = reason
                return (nil, stats)
            }
        }
        // The decomposed MIP: its column generation need only be as tight as a tenth of the MIP gap.
        // Its pricing MIPs stop at the same tenth (their bounds keep the Lagrangian bound
        // certified) and at the deadline.
        var settings = decomposition
        settings.relativeGap = max(settings.relativeGap, options.relativeGap / 10)
        settings.handsBackColumns = true
        let deadline = options.deadline ?? options.timeLimit.map { start + .milliseconds(Int64($0 * 1000)) }
        let pricing = MIPPricing(relativeGap: options.relativeGap / 10, deadline: deadline)
        switch DantzigWolfe(model: self, structure: structure, options: options, settings: settings, pricing: pricing)
            .runMIP(setupSeconds: setup, mipGap: options.relativeGap) {
        case .solved(let result, let stats):
            // The fixed LP's blocks are the MIP's with the integers fixed: the MIP's columns at
            // the incumbent's integers are valid columns of it (the others are dropped).
            var fixedSettings = decomposition
            fixedSettings.seedColumns = stats.generatedColumns
            return (options.fixedMIPDuals ? withFixedIntegerDuals(result, options: options, decomposition: fixedSettings) : result, stats)
        case .gaveUp(let reason, var stats):
            stats.fallback = reason
            return (nil, stats)
        }
    }

    /// A decomposed MIP's plan with the integer columns fixed at the incumbent and the LP left
    /// re-solved by the (LP) decomposition: the continuous part re-optimised (never worse) and
    /// duals for the shadow prices and the tie-break stage, as the monolithic path's fixed LP
    /// gives them. Unchanged when that LP does not finish.
    private func withFixedIntegerDuals(_ result: SolveResult, options: SolverOptions,
                                       decomposition: DecompositionOptions) -> SolveResult {
        guard let incumbent = result.objectiveValue else { return result }
        var fixed = program
        for (j, variable) in program.variables.enumerated() where variable.kind != .continuous {
            fixed.setBounds(of: VariableID(j), lower: result.variableValues[j], upper: result.variableValues[j])
            fixed.setKind(.continuous, for: VariableID(j))
        }
        var lpOptions = SolverOptions()
        lpOptions.deadline = options.followUpDeadline ?? options.deadline
        guard let structure = CommuneBlocks(model: self, program: fixed),
              case .solved(let lp, _) = DantzigWolfe(model: self, program: fixed, structure: structure, options: lpOptions,
                                                     settings: decomposition).run(setupSeconds: 0),
              let value = lp.objectiveValue, value >= incumbent - 1e-9 * max(1, abs(incumbent)) else { return result }
        var combined = result
        combined.objectiveValue = value
        combined.variableValues = lp.variableValues
        combined.rowActivities = lp.rowActivities
        combined.rowDuals = lp.rowDuals
        combined.reducedCosts = lp.reducedCosts
        combined.dualsFromFixedMIP = true
        if let bound = result.bestBound { combined.relativeGap = max(0, bound - value) / max(abs(value), Double.ulpOfOne) }
        combined.iterations += lp.iterations
        combined.solveSeconds += lp.solveSeconds
        return combined
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
            if mode != .lp || program.isMixedInteger, !decomposition.decomposeMIP {
                return .monolithic(.mipMode)
            }
            let communeYears = scenario.communes.count * max(1, scenario.periodCount)
            if path == .automatic && communeYears < decomposition.automaticThreshold {
                return .monolithic(.tooFewCommunes(communeYears: communeYears, threshold: decomposition.automaticThreshold))
            }
            return .decomposed
        }
    }
}
