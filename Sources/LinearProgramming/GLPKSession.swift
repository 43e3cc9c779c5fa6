/// A GLPK problem kept alive across several solves of one LP, each warm-started from the last
/// optimal basis: change budgets, objective coefficients or bounds, add columns, re-solve.
/// What sweeps and column generation repeat costs a few simplex iterations instead of a cold solve.
///
/// **Threading.** A session is not `Sendable`: the compiler keeps it in the isolation domain
/// that created it, and every call also checks at run time that it happens on the creating
/// thread (GLPK 5.0 keeps one environment per thread and aborts if a problem is freed on
/// another). Create it, use it and drop it on one thread — for example inside one
/// `DispatchQueue.concurrentPerform` iteration or a dedicated `Thread`.
///
/// **Safety.** Every change is validated like ``LinearProgram/validate(forExport:)`` before it
/// reaches GLPK; bad input throws an ``LPError``. A session holds an LP (integer columns are
/// rejected): MIPs go through ``GLPKSolver/solve(_:options:)``, or, warm-started from the
/// session's basis with chosen columns integer for one solve, ``solveMIP(integerColumns:relativeGap:cuts:)``.
public final class GLPKSession {
    private let engine: SolveEngine
    private var solvedOnce = false

    /// The model as it stands now (with every change applied).
    public var model: LinearProgram { engine.model }

    /// Validates and loads `model` (an LP) on the current thread.
    public init(_ model: LinearProgram, options: SolverOptions = SolverOptions()) throws(LPError) {
        try model.validate()
        try options.validate()
        if model.isMixedInteger { throw .invalidOption("a session solves LPs only; the model has integer variables") }
        if options.method == .interiorPoint { throw .invalidOption("a session warm-starts the simplex method; interior point has no basis") }
        engine = SolveEngine(model: model, options: options)
        try GLPKTerminal.with(options.log) { () throws(LPError) in _ = engine.load() }
    }

    /// Solves (the first time) or re-solves from the last basis (afterwards), with the options'
    /// method or `method` (e.g. the dual simplex after changing right-hand sides, which keeps the
    /// last basis dual feasible).
    public func solve(method: SolverOptions.Method? = nil) -> SolveResult {
        let chosen = engine.options.method
        if let method, method != .interiorPoint { engine.options.method = method }
        defer { engine.options.method = chosen }
        // Output routing is per thread: set it for this call.
        return (try? GLPKTerminal.with(engine.options.log) { () throws(LPError) -> SolveResult in
            if solvedOnce { return engine.resolve() }
            solvedOnce = true
            var result = engine.resolve()
            result.loadSeconds = 0
            return result
        })!
    }

    /// Solves the loaded problem as a MIP with `integerColumns` integer, warm-started: the
    /// branch-and-cut's root LP is a re-solve from the last basis (no pivot when nothing changed
    /// since the last ``solve(method:)``), instead of a cold load and solve as
    /// ``GLPKSolver/solve(_:options:)`` does. Within `relativeGap` and the session's time
    /// limit and deadline, with GLPK's cuts and feasibility pump only if `cuts`; no fixed-LP
    /// duals. The columns are continuous again afterwards: the session stays an LP session,
    /// and its next solve starts from the root's basis. Integer columns need integral (or
    /// infinite) bounds.
    public func solveMIP(integerColumns: [VariableID], relativeGap: Double = 0, cuts: Bool = false) throws(LPError) -> SolveResult {
        guard relativeGap.isFinite && relativeGap >= 0 else { throw .invalidOption("relative gap \(relativeGap) must be ≥ 0") }
        for variable in integerColumns {
            try checkVariable(variable)
            let v = model.variables[variable.index]
            guard (!v.lower.isFinite || v.lower == v.lower.rounded()) && (!v.upper.isFinite || v.upper == v.upper.rounded()) else {
                throw .invalidOption("integer variable \(model.displayName(of: variable)) has fractional bounds [\(v.lower), \(v.upper)]")
            }
        }
        let saved = engine.options
        engine.options.relativeGap = relativeGap
        engine.options.mipCuts = cuts
        engine.options.fixedMIPDuals = false
        engine.options.sensitivity = .none
        engine.options.presolve = false
        if engine.options.method == .interiorPoint { engine.options.method = .primalSimplex }
        defer { engine.options = saved }
        solvedOnce = true
        return (try? GLPKTerminal.with(engine.options.log) { () throws(LPError) -> SolveResult in
            engine.resolveMIP(integerColumns: integerColumns.map { Int32($0.index + 1) })
        })!
    }

    /// Sensitivity ranges to compute on the next solves.
    public func setSensitivity(_ sensitivity: SolverOptions.Sensitivity) { engine.options.sensitivity = sensitivity }

    /// Changes the objective coefficient of a variable.
    public func setObjective(_ coefficient: Double, for variable: VariableID) throws(LPError) {
        try checkObjective(coefficient, for: variable)
        engine.model.setObjective(coefficient, for: variable)
        engine.problem.setObjectiveCoefficient(Int32(variable.index + 1), coefficient)
    }

    /// Changes several objective coefficients at once: all are checked before any is applied,
    /// so a bad one throws and changes nothing. Column generation's pricing changes every
    /// linking column of a block each round; one call costs a tenth of that many single ones.
    public func setObjective(_ changes: [(variable: VariableID, coefficient: Double)]) throws(LPError) {
        for (variable, coefficient) in changes { try checkObjective(coefficient, for: variable) }
        engine.model.setObjective(changes)
        for (variable, coefficient) in changes {
            engine.problem.setObjectiveCoefficient(Int32(variable.index + 1), coefficient)
        }
    }

    /// Changes the bounds of a constraint (e.g. a budget's right-hand side).
    public func setBounds(of constraint: ConstraintID, _ bounds: ConstraintBounds) throws(LPError) {
        guard constraint.index >= 0 && constraint.index < engine.model.constraintCount else {
            throw .invalidOption("constraint #\(constraint.index) does not exist")
        }
        let lo = bounds.lower, hi = bounds.upper
        if lo.isNaN || hi.isNaN || lo == .infinity || hi == -.infinity || lo > hi {
            throw .invalidConstraintBounds(constraint: model.displayName(of: constraint), lower: lo, upper: hi)
        }
        try LinearProgram.checkMagnitude(lo, tinyAllowed: true, "lower end of \(model.displayName(of: constraint))")
        try LinearProgram.checkMagnitude(hi, tinyAllowed: true, "upper end of \(model.displayName(of: constraint))")
        engine.model.setBounds(of: constraint, bounds)
        engine.problem.setRowBounds(Int32(constraint.index + 1), lower: lo, upper: hi)
    }

    /// Changes the bounds of a variable.
    public func setBounds(of variable: VariableID, lower: Double, upper: Double) throws(LPError) {
        try checkVariable(variable)
        if lower.isNaN || upper.isNaN || lower == .infinity || upper == -.infinity || lower > upper {
            throw .invalidVariableBounds(variable: model.displayName(of: variable), lower: lower, upper: upper)
        }
        try LinearProgram.checkMagnitude(lower, tinyAllowed: true, "lower bound of \(model.displayName(of: variable))")
        try LinearProgram.checkMagnitude(upper, tinyAllowed: true, "upper bound of \(model.displayName(of: variable))")
        engine.model.setBounds(of: variable, lower: lower, upper: upper)
        engine.problem.setColumnBounds(Int32(variable.index + 1), lower: lower, upper: upper)
    }

    /// Adds a continuous variable with its coefficients in existing constraints (a column, as
    /// column generation adds them); the current basis stays valid, so the next solve is warm.
    @discardableResult
    public func addVariable(name: String = "", lower: Double = 0, upper: Double = .infinity, objective: Double = 0,
                            column: [LinearTerm.Row]) throws(LPError) -> VariableID {
        try LinearProgram.checkName(name, allowEmpty: true, strict: false)
        let entries = try engine.model.checkedNewColumn(column, label: name, lower: lower, upper: upper, objective: objective)
        let id = engine.model.addVariable(name: name, lower: lower, upper: upper, objective: objective)
        for (row, value) in entries { engine.model.appendEntry(row: Int32(row), term: LinearTerm(id, value)) }
        engine.problem.addColumn(name: name, lower: lower, upper: upper, objective: objective,
                                 rows: entries.map { Int32($0.row + 1) }, values: entries.map(\.value))
        return id
    }

    /// The status of every row and column in the last basis (nil where GLPK gave an unknown code).
    func basisStatuses() -> (rows: [BasisStatus?], columns: [BasisStatus?]) { engine.problem.basisStatuses() }

    /// Whether `variable` is basic in the last basis (false before any solve).
    public func isBasic(_ variable: VariableID) throws(LPError) -> Bool {
        try checkVariable(variable)
        return engine.problem.columnIsBasic(Int32(variable.index + 1))
    }

    /// Removes `variables` (distinct) and their coefficients; the others keep their order and are
    /// renumbered (``LinearProgram/removeVariables(_:)``). Column generation drops columns that
    /// have long been useless this way, so that each simplex pivot prices fewer of them. Removing
    /// only non-basic variables keeps the basis, so the next solve stays warm; a basic one makes
    /// the next solve start from the standard basis.
    public func removeVariables(_ variables: [VariableID]) throws(LPError) {
        guard !variables.isEmpty else { return }   // glp_del_cols with no column aborts
        for variable in variables { try checkVariable(variable) }
        let set = Set(variables.map(\.index))
        guard set.count == variables.count else { throw .invalidOption("a variable is listed twice for removal") }
        var removedBasic = false
        for index in set where engine.problem.columnIsBasic(Int32(index + 1)) { removedBasic = true }
        engine.problem.deleteColumns(set.sorted().map { Int32($0 + 1) })
        engine.model.removeVariables(set)
        if removedBasic { engine.problem.setInitialBasis(.standard) }
    }

    /// What an objective coefficient must be before it reaches GLPK: a variable that exists, a
    /// finite value within the representable magnitudes.
    private func checkObjective(_ coefficient: Double, for variable: VariableID) throws(LPError) {
        try checkVariable(variable)
        guard coefficient.isFinite else { throw .invalidObjectiveCoefficient(variable: model.displayName(of: variable), value: coefficient) }
        try LinearProgram.checkMagnitude(coefficient, tinyAllowed: true, "objective of \(model.displayName(of: variable))")
    }

    private func checkVariable(_ variable: VariableID) throws(LPError) {
        // `engine.model` in place, not `model` (a copy of the whole LP, its arrays retained and
        // released: column generation changes thousands of coefficients per round).
        guard variable.index >= 0 && variable.index < engine.model.variableCount else {
            throw .invalidOption("variable #\(variable.index) does not exist")
        }
    }
}

extension LinearTerm {
    /// One coefficient of a column: the constraint and the coefficient.
    public struct Row: Sendable, Hashable {
        public var constraint: ConstraintID
        public var coefficient: Double
        public init(_ constraint: ConstraintID, _ coefficient: Double) {
            self.constraint = constraint
            self.coefficient = coefficient
        }
    }
}
