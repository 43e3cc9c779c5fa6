import LinearProgramming

/// What the tie-break stage (docs/model.md §9) did to a solve.
public enum TieBreakOutcome: Sendable, Hashable {
    /// The reported plan is the one the ``TieBreakRule`` picks among the optimal plans.
    /// `valueLoss` is the optimum minus the reported plan's value (≥ 0 up to round-off, at most
    /// ``CanonicalSelection/maximumRelativeLoss`` of the optimum); `seconds` the stage's time.
    case applied(valueLoss: Double, seconds: Double)
    /// The solver's own plan is reported: why the tie-break stage did not replace it.
    case notApplied(reason: String)

    /// Whether the reported plan is the canonical one.
    public var isApplied: Bool { if case .applied = self { true } else { false } }
}

/// Settings of the tie-break stage: how the optimal face is recognised and how much value the
/// stage may give up.
public enum CanonicalSelection {
    /// A reduced cost or a row dual counts as non-zero above this, relative to the magnitudes it
    /// is computed from (|c_j| + Σ_i |a_ij·π_i| for a column, the largest dual for a row).
    ///
    /// It sits far above round-off (duals that should be zero come out below 1e-15 of the
    /// largest) and far below any real price: at 1e-7, a province whose works' duals reach
    /// thousands per unit share left money rows priced at 1e-4 per million off the face, the
    /// value-keeping row then bound, and the primal and dual simplex gave plans 2.5e-5·K_p apart.
    /// A stage-1 plan that is not at the bound a reduced cost points to (a dual infeasibility
    /// within GLPK's own 1e-7) leaves that column free.
    public static let dualTolerance = 1e-11
    /// The value-keeping row lets the second stage lose at most this share of the optimum: the
    /// first that gives a second-stage plan, in this order. The row binds only where round-off
    /// left a column of the face free that should be fixed; T then buys value up to the slack,
    /// and plans of two paths differ by about slack/price. At 1e-10 the decomposed and the
    /// monolithic plans of a 2,000-commune province (z* = 5.8e7) were 3.6e-6·K_p apart, beyond
    /// docs/model.md §9's 1e-6; at 1e-13, 3.5e-9·K_p. The looser value is the fallback for a
    /// stage-1 value that carries round-off above the face's exact maximum.
    public static let guardSlacks = [1e-13, 1e-10]
    /// A second stage that lost more than this share of the optimum is not used.
    public static let maximumRelativeLoss = 1e-9
    /// The decomposed second stage runs its column generation to this relative gap before the
    /// mixed communes are solved together exactly.
    public static let decomposedGap = 1e-12
}

extension AllocationModel {
    /// Replaces the allocation of a solved `stage1` by the one plan the ``TieBreakRule`` picks
    /// among all plans of the same value (docs/model.md §9), keeping stage 1's status, duals,
    /// ranges and MIP bound.
    ///
    /// The set of optimal plans (the optimal face) is described exactly by any optimal dual
    /// solution (complementary slackness: every optimal plan keeps at zero the columns whose
    /// reduced cost is non-zero and keeps tight the rows whose dual is non-zero), whichever
    /// algorithm or path produced it. The second stage fixes those columns and rows, adds a row
    /// keeping the value at the optimum (less 1e-10 of it, a guard against round-off), and
    /// maximises the rule's preference T by primal simplex with GLPK's presolver. T is generic
    /// (no two vertices tie), so that LP has one optimum: the canonical plan.
    ///
    /// A MIP's integer columns are fixed at the incumbent first, so the same incumbent gives the
    /// same plan. `program` is this model's program with changed right-hand sides (a budget
    /// sweep), or nil for the model's own.
    ///
    /// With `decomposition`, the second stage is itself decomposed over the communes (for large
    /// provinces): column generation over the optimal face, then every commune whose point is a
    /// single column is fixed there and the few communes that mix columns (at most one per
    /// linking row) are solved together as one small LP, which gives the exact vertex.
    public func canonical(_ stage1: SolveResult, program changed: LinearProgram? = nil,
                          timeLimit: Double? = nil, deadline: ContinuousClock.Instant? = nil,
                          decomposition: DecompositionOptions? = nil) -> (SolveResult, TieBreakOutcome) {
        let base = changed ?? program
        guard stage1.termination.hasSolution, let value = stage1.objectiveValue,
              stage1.variableValues.count == base.variableCount else {
            return (stage1, .notApplied(reason: "no solution"))
        }
        guard let duals = stage1.rowDuals, let reduced = stage1.reducedCosts,
              duals.count == base.constraintCount, reduced.count == base.variableCount else {
            return (stage1, .notApplied(reason: "the solver gave no duals"))
        }
        let clock = ContinuousClock()
        let began = clock.now
        let trace = decomposition?.trace
        func mark(_ what: String) {
            guard let trace else { return }
            let d = began.duration(to: clock.now)
            trace(String(format: "tie-break %@ at %.3f s", what, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
        }
        var face = base
        face.name = base.name + "_tiebreak"
        face.sense = .maximize
        face.objectiveConstant = 0
        // Integers at the incumbent.
        for (j, variable) in base.variables.enumerated() where variable.kind != .continuous {
            let v = stage1.variableValues[j].rounded()
            face.setBounds(of: VariableID(j), lower: v, upper: v)
            face.setKind(.continuous, for: VariableID(j))
        }
        // Magnitudes each reduced cost is computed from: |c_j| + Σ_i |a_ij·π_i|.
        var magnitude = base.variables.map { 1 + abs($0.objective) }
        base.forEachNonZero { i, j, a in magnitude[j] += abs(a * duals[i]) }
        let maxDual = duals.reduce(1) { max($0, abs($1)) }
        for (i, constraint) in base.constraints.enumerated() {
            let pi = duals[i]
            guard abs(pi) > CanonicalSelection.dualTolerance * maxDual else { continue }
            let bounds = constraint.bounds
            let activity = i < stage1.rowActivities.count ? stage1.rowActivities[i] : .nan
            if pi > 0, bounds.upper.isFinite, bounds.lower != bounds.upper, Self.isAt(bounds.upper, activity) {
                face.setBounds(of: ConstraintID(i), .equal(bounds.upper))
            } else if pi < 0, bounds.lower.isFinite, bounds.lower != bounds.upper, Self.isAt(bounds.lower, activity) {
                face.setBounds(of: ConstraintID(i), .equal(bounds.lower))
            }
        }
        for (j, variable) in base.variables.enumerated() where variable.kind == .continuous {
            let d = reduced[j], tolerance = CanonicalSelection.dualTolerance * magnitude[j]
            // Only where the stage-1 plan is at that bound: a reduced cost of the other sign is a
            // dual infeasibility within GLPK's tolerance, and the column may still improve.
            let x = stage1.variableValues[j]
            if d < -tolerance, variable.lower.isFinite, Self.isAt(variable.lower, x) {
                face.setBounds(of: VariableID(j), lower: variable.lower, upper: variable.lower)
            } else if d > tolerance, variable.upper.isFinite, Self.isAt(variable.upper, x) {
                face.setBounds(of: VariableID(j), lower: variable.upper, upper: variable.upper)
            }
        }
        if trace != nil {
            // How far the stage-1 duals are from optimal (their weak-duality bound less the plan's
            // value, as the solution check recomputes them): the face they describe is the
            // optimal face only when this is round-off.
            let report = base.check(stage1)
            let gap = (report.dualBound ?? .nan) - (report.recomputedObjective ?? .nan)
            let fixedColumns = face.variables.filter { $0.lower == $0.upper }.count
            let tightRows = face.constraints.filter { $0.bounds.lower == $0.bounds.upper }.count
            mark(String(format: "face read off the stage-1 duals (their bound − the plan's value %.3g; %d columns fixed, %d rows tight)",
                        gap, fixedColumns, tightRows))
        }
        // The preference, and the row that keeps the value.
        let rule = TieBreakRule(model: self)
        var valueTerms: [LinearTerm] = []
        for (j, variable) in base.variables.enumerated() {
            face.setObjective(rule.coefficients[j], for: VariableID(j))
            if variable.objective != 0 { valueTerms.append(LinearTerm(VariableID(j), variable.objective)) }
        }
        let faceWithoutGuard = face
        var options = SolverOptions()
        options.method = .primalSimplex
        options.presolve = true
        // Dantzig's rule, not projected steepest edge: on the free part of the face (the communes
        // the decomposition left mixed), solved in the process with presolve, it took 0.14–0.15 s
        // against 0.18–0.20 s at 2,000 communes and 2.7 s against 3.5 s at 8,000 (the face's
        // optimum is unique: the plans agree to round-off). Not measurable with glpsol on a
        // written copy: the value-keeping row is tight to 1e-13 and the file's rounded
        // coefficients make that copy infeasible, so glpsol stops early.
        options.pricing = .dantzig
        options.timeLimit = timeLimit
        options.deadline = deadline
        options.fixedMIPDuals = false
        var second = SolveResult(termination: Termination(reason: .numericalError, detail: "not solved"),
                                 objectiveValue: nil, variableValues: [], rowActivities: [])
        var freePart: FixedVariablesRemoved?
        for (attempt, relativeSlack) in CanonicalSelection.guardSlacks.enumerated() {
            let last = attempt == CanonicalSelection.guardSlacks.count - 1
            var face = faceWithoutGuard
            let slack = relativeSlack * max(1, abs(value))
            let guardRow = face.addConstraint(name: "tiebreak_keep_value", terms: valueTerms,
                                              .greaterOrEqual(value - base.objectiveConstant - slack))
            // The face is an LP in both modes (a MIP's integers are fixed at the incumbent above), so
            // a decomposed MIP's face is decomposed too (at 2,000 communes the face solved whole took
            // 56 s of a 68 s run).
            mark("face built (slack \(relativeSlack))")
            // The decomposition's point of the face: the free part's solve starts from it.
            var start: [Double]?
            if let decomposition, !face.isMixedInteger {
                if let settled = decomposedFace(face, guardRow: guardRow.index, baseStructure: changed == nil ? blockCache.alreadySplit : nil,
                                                settings: decomposition, timeLimit: timeLimit, deadline: deadline) {
                    face = settled.program
                    start = settled.point
                } else if !last {
                    continue   // the looser slack before the face is solved whole
                }
            }
            mark("face decomposed")
            // GLPK gets only the columns the face leaves free (after the decomposition, those of the
            // few mixed communes): loading the whole model for its presolver to remove again took
            // 0.7 s of a 2,000-commune run. The point is checked against the whole model after.
            let free = face.removingFixedVariables()
            freePart = free
            second = SolveResult(termination: Termination(reason: .optimal, detail: "every column of the face is fixed"),
                                 objectiveValue: free.program.objectiveConstant, variableValues: [], rowActivities: [])
            if free.program.variableCount > 0 {
                do {
                    if let start {
                        second = try GLPKSolver.solve(free.program, options: options, near: free.variables.map { start[$0] })
                    } else {
                        second = try GLPKSolver.solve(free.program, options: options)
                    }
                } catch {
                    return (stage1, .notApplied(reason: "the second stage could not be solved: \(error)"))
                }
            }
            // Only a slack that left no plan is retried, not a limit.
            if second.termination.reason == .optimal || last || second.termination.limit != nil { break }
        }
        guard second.termination.reason == .optimal, let freePart else {
            return (stage1, .notApplied(reason: "the second stage ended \(second.termination)"))
        }
        mark("face solved (\(freePart.program.variableCount) free columns, \(freePart.program.constraintCount) rows; load \(second.loadSeconds) s, solve \(second.solveSeconds) s, \(second.iterations) iterations)")
        var x = freePart.expand(second.variableValues)
        for (j, variable) in base.variables.enumerated() {
            x[j] = min(max(x[j], variable.lower), variable.upper)
            if variable.kind != .continuous { x[j] = stage1.variableValues[j].rounded() }
        }
        let newValue = base.objectiveValue(at: x)
        let loss = value - newValue
        guard loss <= CanonicalSelection.maximumRelativeLoss * max(1, abs(value)) else {
            return (stage1, .notApplied(reason: "the second stage lost \(loss) of the value"))
        }
        let seconds = began.duration(to: clock.now)
        var result = stage1
        result.objectiveValue = newValue
        result.variableValues = x
        result.rowActivities = base.activities(at: x)
        result.iterations += second.iterations
        result.solveSeconds += second.solveSeconds
        result.loadSeconds += second.loadSeconds
        return (result, .applied(valueLoss: loss,
                                 seconds: Double(seconds.components.seconds) + Double(seconds.components.attoseconds) * 1e-18))
    }

    /// Whether a stage-1 value lies at a bound, up to round-off.
    static func isAt(_ bound: Double, _ value: Double) -> Bool {
        abs(value - bound) <= 1e-9 * max(1, abs(bound))
    }

    /// The optimal face with every commune whose canonical point the decomposition settles fixed
    /// at that point, and the decomposition's point of the face (where the solve of the rest
    /// starts); the face unchanged, without a point, when it has no block structure; nil when the
    /// decomposition did not finish (no plan within the value-keeping row's slack, a limit).
    /// `baseStructure`: the structure of the program the face was made from (its bounds,
    /// objective and kinds changed, the value-keeping row appended), from which the face's is
    /// derived instead of split again.
    private func decomposedFace(_ face: LinearProgram, guardRow: Int, baseStructure: CommuneBlocks?, settings: DecompositionOptions,
                                timeLimit: Double?, deadline: ContinuousClock.Instant?) -> (program: LinearProgram, point: [Double]?)? {
        let splitStart = ContinuousClock.now
        let derived = baseStructure.flatMap { base in
            guardRow == base.blockOfRow.count && face.constraintCount == guardRow + 1 ? base.withChangedBounds(of: face) : nil
        }
        guard let structure = derived ?? CommuneBlocks(model: self, program: face, extraLinkingRows: [guardRow]),
              !structure.blocks.isEmpty else { return (face, nil) }
        let split = splitStart.duration(to: .now)
        var settings = settings
        settings.relativeGap = CanonicalSelection.decomposedGap
        settings.fallbackToMonolithic = false
        settings.handsBackColumns = false   // nothing re-solves from the face's columns
        if let trace = settings.trace { settings.trace = { trace("tie-break " + $0) } }
        // The columns of stage 1's final master solution (``DecompositionOptions/seedColumns``,
        // as ``StagedSolve`` passes them) lie on the face: a convex combination at a bound has
        // every point there. They start the face's master; the face adds a linking row (the
        // value-keeping one), so the seed is re-described for this structure, and each point is
        // still checked against its block's face bounds. Only those with weight: with the rest
        // in reserve the start was slower than none (2.5 s against 1.8 s at 2,000 communes),
        // with these alone it is faster (tie-break pricing rounds 16 → 13; 2,000 communes solve
        // 4.55 → 4.43 s, 8,000 communes 37.2 → 36.0 s).
        settings.seedColumns = settings.seedColumns.map { seed in
            DecompositionColumns(fingerprint: .init(structure: structure, columnCount: face.variableCount),
                                 points: zip(seed.points, seed.inSolution).map { Array($0.prefix($1)) },
                                 inSolution: seed.inSolution, bases: seed.bases)
        }
        var options = SolverOptions()
        options.timeLimit = timeLimit
        options.deadline = deadline
        guard case .solved(let result, let stats) = DantzigWolfe(model: self, program: face, structure: structure,
                                                                 options: options, settings: settings)
            .run(setupSeconds: DantzigWolfe.seconds(split))
        else { return nil }
        var fixed = face
        // Also free: the blocks whose point the master did not settle to the tolerance (GLPK's
        // dual tolerance in the master can leave a better column of the pool out; fixed there,
        // the generated 2,000-commune province's plan moved 2.1e-3·K_p with the stage started
        // from other prices).
        let mixed = Set(stats.mixedBlocks).union(stats.unsettledBlocks)
        for (b, block) in structure.blocks.enumerated() where !mixed.contains(b) {
            for j in block.columns {
                let v = result.variableValues[j]
                fixed.setBounds(of: VariableID(j), lower: v, upper: v)
            }
        }
        return (fixed, result.variableValues)
    }
}
