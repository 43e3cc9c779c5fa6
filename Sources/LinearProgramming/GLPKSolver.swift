#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Solves a ``LinearProgram`` with GLPK and writes it to CPLEX LP or MPS files.
///
/// **Threading.** Every call is synchronous and self-contained: it creates a GLPK problem
/// on the calling thread, loads the model, solves, copies the results into Swift values and
/// frees the problem before returning. GLPK 5.0 keeps one environment per thread, so calls on
/// different threads run in parallel safely; never call it in a way that could move between
/// threads mid-call (it has no suspension points, so from `async` code it simply blocks the
/// current thread — use a dedicated thread or `DispatchQueue.concurrentPerform` for many).
/// Each thread's GLPK environment lives until the process ends.
///
/// **Safety.** The model is validated first (``LinearProgram/validate(forExport:)``), because
/// GLPK aborts the process on invalid arguments; invalid input becomes an ``LPError``.
public enum GLPKSolver {
    /// GLPK's version, as the linked library reports it (`glp_version`).
    public static var version: String { glpkVersionString() }

    /// Solves `model` and returns its termination, solution, duals and (if asked) ranges.
    ///
    /// An LP is solved by simplex or interior point. A MIP is solved by simplex for the root
    /// relaxation, then branch-and-cut (`glp_intopt`) within the time limit and gap; then, if
    /// ``SolverOptions/fixedMIPDuals``, the integers are fixed at their values and the LP
    /// re-solved to give duals and reduced costs conditional on that assignment.
    public static func solve(_ model: LinearProgram, options: SolverOptions = SolverOptions()) throws(LPError) -> SolveResult {
        try model.validate()
        try options.validate()
        return try GLPKTerminal.with(options.log) { () throws(LPError) -> SolveResult in
            let engine = SolveEngine(model: model, options: options)
            return engine.execute()
        }
    }

    /// Solves the LP `model` by the simplex method, starting from `point`, a primal point
    /// believed to be at or near an optimum (e.g. one a decomposition found): the columns at a
    /// bound there are held at it for a first solve, with the presolver (which removes them),
    /// then released for a warm re-solve from that solve's optimal basis. The answer is the
    /// simplex method's optimal basic solution of `model` as ``solve(_:options:)`` gives it;
    /// only the work differs (when the first solve finds no optimum, `model` is solved as
    /// ``solve(_:options:)`` solves it). The time limit and deadline cover both solves together;
    /// an iteration limit applies to each.
    public static func solve(_ model: LinearProgram, options: SolverOptions = SolverOptions(),
                             near point: [Double]) throws(LPError) -> SolveResult {
        try model.validate()
        try options.validate()
        if model.isMixedInteger { throw .invalidOption("a start near a point is for LPs; the model has integer variables") }
        if options.method == .interiorPoint { throw .invalidOption("a start near a point is for the simplex method") }
        guard point.count == model.variableCount else {
            throw .invalidOption("the starting point has \(point.count) values for \(model.variableCount) variables")
        }
        if let j = point.firstIndex(where: { !$0.isFinite }) {
            throw .invalidOption("the starting point's value of \(model.displayName(of: VariableID(j))) is \(point[j])")
        }
        return try GLPKTerminal.with(options.log) { () throws(LPError) -> SolveResult in
            let engine = SolveEngine(model: model, options: options)
            return engine.execute(near: point)
        }
    }

    /// The file formats GLPK can write.
    public enum FileFormat: String, Sendable, CaseIterable {
        /// CPLEX LP (`glp_write_lp`).
        case cplexLP = "lp"
        /// Free MPS (`glp_write_mps` with `GLP_MPS_FILE`).
        case freeMPS = "mps"
    }

    /// Writes `model` as a file that `glpsol` or any other solver can read, atomically
    /// (a temporary file in the same folder, then a rename). Names must be export-safe
    /// (see ``LinearProgram``), so the file carries exactly the model's names.
    ///
    /// The CPLEX LP format written by GLPK (`glp_write_lp`) has no objective constant: GLPK
    /// writes ``LinearProgram/objectiveConstant`` as a comment only, so a solver reading the
    /// file reports the optimum without it. Free MPS keeps it (as the RHS of the objective row,
    /// which GLPK reads back as the constant).
    ///
    /// MPS has no objective sense, and every reader (glpsol, HiGHS, …) minimises it. So a
    /// maximisation is written as the equivalent minimisation of the negated objective (every
    /// coefficient and the constant), and the file says so in a header comment
    /// (``negatedObjectiveNote``): a reader's optimum is the negated optimum of the model, with
    /// the same solution. The CPLEX LP file keeps `Maximize`.
    public static func write(_ model: LinearProgram, format: FileFormat, to path: String) throws(LPError) {
        try model.validate(forExport: true)
        let negate = format == .freeMPS && model.sense == .maximize
        let written = negate ? negatedObjective(model) : model
        try GLPKTerminal.with(nil) { () throws(LPError) in
            let problem = GLPKProblem()
            problem.load(written)
            let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            errno = 0
            let code = switch format {
            case .cplexLP: problem.writeCPLEXLP(to: temporary)
            case .freeMPS: problem.writeFreeMPS(to: temporary)
            }
            guard code == 0 else {
                // GLPK does not say why; errno still holds the failed stdio call's cause, if any.
                let cause = errno
                unlink(temporary)
                throw .writeFailed(path: path, reason: "GLPK's writer returned \(code)" + (cause != 0 ? " (\(String(cString: strerror(cause))))" : ""))
            }
            if negate && !prepend(negatedObjectiveNote, to: temporary) {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw .writeFailed(path: path, reason: reason)
            }
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw .writeFailed(path: path, reason: reason)
            }
        }
    }
}

extension GLPKSolver {
    /// The header comment of an MPS file written for a maximisation (MPS comment lines start
    /// with `*`).
    public static let negatedObjectiveNote = """
        * NOTE (ntm-alloc): this model MAXIMISES its objective. MPS has no objective sense and
        * solvers minimise by default, so the objective row below is written NEGATED (every
        * coefficient and the objective constant): minimise this file, then negate the optimal
        * value to get the model's objective (a reported -1810 means 1810). The optimal
        * solution (every column value) is the model's own.

        """

    /// The same program as a minimisation of the negated objective (same feasible set, same
    /// optimal solutions, optimal value negated).
    static func negatedObjective(_ model: LinearProgram) -> LinearProgram {
        var negated = model
        negated.sense = model.sense == .maximize ? .minimize : .maximize
        negated.objectiveConstant = -model.objectiveConstant
        for (j, variable) in model.variables.enumerated() where variable.objective != 0 {
            negated.setObjective(-variable.objective, for: VariableID(j))
        }
        return negated
    }

    /// Puts `text` before the contents of the file at `path` (false when it cannot be read or written).
    private static func prepend(_ text: String, to path: String) -> Bool {
        guard let input = fopen(path, "rb") else { return false }
        var bytes = Array(text.utf8)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, input)
            if n > 0 { bytes += buffer[0..<n] }
            if n < buffer.count { break }
        }
        let readFailed = ferror(input) != 0
        fclose(input)
        guard !readFailed, let output = fopen(path, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, output) }
        return fclose(output) == 0 && written == bytes.count
    }
}

/// Owns one GLPK problem on the calling thread and runs solves on it: once for
/// ``GLPKSolver/solve(_:options:)``, repeatedly (warm-started) for a ``GLPKSession``.
/// Not `Sendable`: it cannot leave the thread that created it, and its problem checks that too.
final class SolveEngine {
    var model: LinearProgram
    var options: SolverOptions
    let problem = GLPKProblem()
    let clock = ContinuousClock()
    var start: ContinuousClock.Instant
    var iterations = 0
    var verbose: Bool { options.log != nil }

    init(model: LinearProgram, options: SolverOptions) {
        self.model = model
        self.options = options
        self.start = ContinuousClock.now
    }

    /// Milliseconds left (at least 1) of the time limit and the deadline — or, for the follow-up
    /// of a search, of the follow-up deadline — or nil without a limit.
    func remainingMilliseconds(followUp: Bool = false) -> Int32? {
        let now = ContinuousClock.now
        var left: Double? = nil
        if !followUp, let limit = options.timeLimit { left = limit - seconds(start.duration(to: now)) }
        if let deadline = followUp ? options.followUpDeadline : options.deadline {
            let untilDeadline = seconds(now.duration(to: deadline))
            left = min(left ?? untilDeadline, untilDeadline)
        }
        guard let left else { return nil }
        return Int32(clamping: max(1, Int((left * 1000).rounded(.down))))
    }

    /// Loads the model into the problem (once).
    func load() -> Double {
        let loadStart = clock.now
        problem.load(model)
        if options.scaling { problem.scale() }
        if model.constraintCount > 0 { problem.setInitialBasis(options.initialBasis) }
        return seconds(loadStart.duration(to: clock.now))
    }

    func execute() -> SolveResult {
        let loadSeconds = load()
        let solveStart = clock.now
        var result = model.isMixedInteger ? solveMIP() : solveLP()
        result.loadSeconds = loadSeconds
        result.solveSeconds = seconds(solveStart.duration(to: clock.now))
        result.iterations = problem.iterationCount
        return result
    }

    /// Loads and solves the LP from near `point` (``GLPKSolver/solve(_:options:near:)``).
    func execute(near point: [Double]) -> SolveResult {
        let loadSeconds = load()
        let solveStart = clock.now
        // A value within this (relative) of a bound counts as at it: a decomposition's point is
        // a convex combination of vertices, exact at a bound up to round-off.
        let tolerance = 1e-9
        var held: [(column: Int32, lower: Double, upper: Double, atUpper: Bool)] = []
        for (j, variable) in model.variables.enumerated() where variable.lower < variable.upper {
            let x = point[j], column = Int32(j + 1)
            if variable.lower.isFinite, abs(x - variable.lower) <= tolerance * max(1, abs(variable.lower)) {
                held.append((column, variable.lower, variable.upper, false))
                problem.setColumnBounds(column, lower: variable.lower, upper: variable.lower)
            } else if variable.upper.isFinite, abs(x - variable.upper) <= tolerance * max(1, abs(variable.upper)) {
                held.append((column, variable.lower, variable.upper, true))
                problem.setColumnBounds(column, lower: variable.upper, upper: variable.upper)
            }
        }
        let restricted = runSimplex(method: .primalSimplex, presolve: true)
        for h in held {
            problem.setColumnBounds(h.column, lower: h.lower, upper: h.upper)
            if h.atUpper { problem.setColumnAtUpper(h.column) }
        }
        var result: SolveResult
        if restricted.reason == .optimal {
            let presolve = options.presolve
            options.presolve = false
            result = solveLP()
            options.presolve = presolve
        } else {
            if model.constraintCount > 0 { problem.setInitialBasis(options.initialBasis) }
            result = solveLP()
        }
        result.loadSeconds = loadSeconds
        result.solveSeconds = seconds(solveStart.duration(to: clock.now))
        result.iterations = problem.iterationCount
        return result
    }

    /// Re-solves the loaded (and since modified) LP from the current basis: no presolve, so
    /// GLPK starts from the last optimal basis (a warm start).
    func resolve() -> SolveResult {
        start = clock.now
        iterations = 0
        let presolve = options.presolve
        options.presolve = false
        defer { options.presolve = presolve }
        let solveStart = clock.now
        var result = solveLP()
        result.solveSeconds = seconds(solveStart.duration(to: clock.now))
        result.iterations = iterations
        return result
    }

    /// Re-solves the loaded LP as a MIP with the 1-based `integerColumns` integer, from the
    /// current basis (no presolve: the root LP is a warm re-solve), then makes them continuous
    /// again. GLPK's branch-and-cut restores the problem's rows, bounds and basis statuses when
    /// it ends, so the next LP re-solve starts from the root's basis.
    func resolveMIP(integerColumns: [Int32]) -> SolveResult {
        start = clock.now
        iterations = 0
        let before = problem.iterationCount
        for j in integerColumns { problem.setColumnKind(j, integer: true) }
        defer { for j in integerColumns { problem.setColumnKind(j, integer: false) } }
        let solveStart = clock.now
        var result = solveMIP()
        result.solveSeconds = seconds(solveStart.duration(to: clock.now))
        result.iterations = problem.iterationCount - before
        return result
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private func emptyResult(_ termination: Termination, isMIP: Bool) -> SolveResult {
        SolveResult(termination: termination, objectiveValue: nil, variableValues: [], rowActivities: [],
                    rowDuals: nil, reducedCosts: nil, isMIP: isMIP, bestBound: nil, relativeGap: nil,
                    dualsFromFixedMIP: false, rightHandSideRanges: [:], objectiveRanges: [:],
                    iterations: 0, solveSeconds: 0, loadSeconds: 0)
    }

    // MARK: LP

    /// Runs the simplex method with the options' presolve; when the presolver reports an
    /// infeasible or unbounded model (it recovers only optima), re-runs without it to tell which.
    /// `limited`: the search's limits apply; otherwise (a follow-up) only the follow-up deadline.
    private func runSimplex(method: SolverOptions.Method, presolve: Bool, limited: Bool = true) -> Termination {
        let before = problem.iterationCount   // GLPK's counter is cumulative per problem
        let code = problem.simplex(method: method, pricing: options.pricing, presolve: presolve,
                                   timeLimitMilliseconds: remainingMilliseconds(followUp: !limited),
                                   iterationLimit: limited ? options.iterationLimit : nil, verbose: verbose)
        // glp_get_it_cnt is cumulative over the problem's life (every glp_simplex and glp_intopt
        // on it adds to it), and a session solves many times: count this call's iterations only.
        iterations += problem.iterationCount - before
        if presolve && (code == GLPKCode.enopfs || code == GLPKCode.enodfs) {
            return runSimplex(method: method, presolve: false, limited: limited)
        }
        return Self.simplexTermination(code: code, status: problem.status,
                                       primal: problem.primalStatus, dual: problem.dualStatus)
    }

    /// Maps `glp_simplex`'s return code and `glp_get_status` (manual §2.8.1) to a termination.
    static func simplexTermination(code: Int32, status: Int32, primal: Int32, dual: Int32) -> Termination {
        let detail = "glp_simplex returned \(code), status \(status)"
        switch code {
        case GLPKCode.ok:
            switch status {
            case GLPKCode.opt: return Termination(reason: .optimal, detail: detail)
            case GLPKCode.nofeas: return Termination(reason: .infeasible, detail: detail)
            case GLPKCode.unbnd: return Termination(reason: .unbounded, detail: detail)
            case GLPKCode.feas:
                return Termination(reason: dual == GLPKCode.nofeas ? .unbounded : .feasible, detail: detail)
            default:
                if dual == GLPKCode.nofeas {
                    return Termination(reason: primal == GLPKCode.nofeas ? .infeasible : .infeasibleOrUnbounded, detail: detail)
                }
                return Termination(reason: .numericalError, detail: detail)
            }
        case GLPKCode.etmlim, GLPKCode.eitlim:
            let limit: SolveLimit = code == GLPKCode.etmlim ? .time : .iterations
            return status == GLPKCode.feas || status == GLPKCode.opt
                ? Termination(reason: .feasible, limit: limit, detail: detail)
                : Termination(reason: .noSolutionFound, limit: limit, detail: detail)
        case GLPKCode.enopfs: return Termination(reason: .infeasible, detail: detail)
        case GLPKCode.enodfs: return Termination(reason: .infeasibleOrUnbounded, detail: detail)
        default: return Termination(reason: .numericalError, detail: detail)
        }
    }

    private func solveLP() -> SolveResult {
        if options.method == .interiorPoint && model.constraintCount > 0 {
            return solveInterior()
        }
        let method = options.method == .interiorPoint ? .primalSimplex : options.method
        let termination = runSimplex(method: method, presolve: options.presolve)
        guard termination.hasSolution else { return emptyResult(termination, isMIP: false) }
        let (objective, x, activity, duals, reduced) = problem.readSolution(.simplex)
        var result = SolveResult(termination: termination, objectiveValue: objective, variableValues: x,
                                 rowActivities: activity,
                                 rowDuals: termination.reason == .optimal ? duals : nil,
                                 reducedCosts: termination.reason == .optimal ? reduced : nil,
                                 isMIP: false, bestBound: nil, relativeGap: nil, dualsFromFixedMIP: false,
                                 rightHandSideRanges: [:], objectiveRanges: [:],
                                 iterations: 0, solveSeconds: 0, loadSeconds: 0)
        if termination.reason == .optimal { addSensitivity(to: &result) }
        return result
    }

    private func solveInterior() -> SolveResult {
        let code = problem.interior(verbose: verbose)
        let status = problem.interiorStatus
        let detail = "glp_interior returned \(code), status \(status)"
        let termination: Termination
        switch (code, status) {
        case (GLPKCode.ok, GLPKCode.opt): termination = Termination(reason: .optimal, detail: detail)
        case (GLPKCode.eitlim, _): termination = Termination(reason: .noSolutionFound, limit: .iterations, detail: detail)
        case (GLPKCode.ok, _), (GLPKCode.enocvg, _):
            // GLP_NOFEAS from glp_interior means "no feasible primal-dual solution": the LP is
            // primal infeasible OR dual infeasible (unbounded), and no convergence usually means
            // the same. Tell which with the primal simplex, as the presolve path does.
            let simplex = runSimplex(method: .primalSimplex, presolve: false)
            switch simplex.reason {
            case .infeasible, .unbounded, .infeasibleOrUnbounded:
                termination = Termination(reason: simplex.reason, detail: detail + "; " + simplex.detail)
            default:
                // The simplex did not confirm it: the interior point method itself failed.
                termination = Termination(reason: .numericalError, detail: detail + "; " + simplex.detail)
            }
        default: termination = Termination(reason: .numericalError, detail: detail)
        }
        guard termination.reason == .optimal else { return emptyResult(termination, isMIP: false) }
        let (objective, x, activity, duals, reduced) = problem.readSolution(.interior)
        return SolveResult(termination: termination, objectiveValue: objective, variableValues: x,
                           rowActivities: activity, rowDuals: duals, reducedCosts: reduced, isMIP: false,
                           bestBound: nil, relativeGap: nil, dualsFromFixedMIP: false,
                           rightHandSideRanges: [:], objectiveRanges: [:],
                           iterations: 0, solveSeconds: 0, loadSeconds: 0)
    }

    // MARK: MIP

    func solveMIP() -> SolveResult {
        // Root relaxation by simplex, without presolve: glp_intopt needs an optimal LP basis.
        let method: SolverOptions.Method = options.method == .dualSimplex ? .dualSimplex : .primalSimplex
        let rootStart = ContinuousClock.now
        let root = runSimplex(method: method, presolve: false)
        let rootSeconds = seconds(rootStart.duration(to: .now))
        switch root.reason {
        case .optimal: break
        case .infeasible: return emptyResult(Termination(reason: .infeasible, detail: "LP relaxation: " + root.detail), isMIP: true)
        case .unbounded, .infeasibleOrUnbounded:
            // An unbounded relaxation leaves the MIP unbounded or infeasible.
            return emptyResult(Termination(reason: .infeasibleOrUnbounded, detail: "LP relaxation: " + root.detail), isMIP: true)
        case .feasible, .noSolutionFound:
            return emptyResult(Termination(reason: .noSolutionFound, limit: root.limit, detail: "LP relaxation: " + root.detail), isMIP: true)
        case .numericalError:
            return emptyResult(Termination(reason: .numericalError, detail: "LP relaxation: " + root.detail), isMIP: true)
        }
        let trace = MIPTrace()
        let remaining = remainingMilliseconds()
        trace.deadline = remaining.map { ContinuousClock.now + .milliseconds($0) }
        trace.rootSeconds = rootSeconds
        trace.progress = options.progress
        trace.progressInterval = options.progressInterval
        trace.searchStart = .now
        let code = problem.branchAndCut(timeLimitMilliseconds: remaining,
                                        relativeGap: options.relativeGap, cuts: options.mipCuts,
                                        verbose: verbose, trace: trace)
        let status = problem.mipStatus
        let detail = "glp_intopt returned \(code), MIP status \(status)"
        let termination: Termination
        switch code {
        case GLPKCode.ok, GLPKCode.emipgap:
            switch status {
            case GLPKCode.opt: termination = Termination(reason: .optimal, detail: detail)
            case GLPKCode.nofeas: termination = Termination(reason: .infeasible, detail: detail)
            case GLPKCode.feas: termination = Termination(reason: code == GLPKCode.emipgap ? .optimal : .feasible, detail: detail)
            default: termination = Termination(reason: .numericalError, detail: detail)
            }
        case GLPKCode.etmlim,
             GLPKCode.estop where trace.stoppedAtDeadline:   // the callback stopped it at the deadline
            // Never "optimal": the search was cut short, whatever the incumbent looks like.
            termination = status == GLPKCode.feas || status == GLPKCode.opt
                ? Termination(reason: .feasible, limit: .time, detail: detail)
                : Termination(reason: .noSolutionFound, limit: .time, detail: detail)
        case GLPKCode.enopfs: termination = Termination(reason: .infeasible, detail: detail)
        case GLPKCode.enodfs: termination = Termination(reason: .infeasibleOrUnbounded, detail: detail)
        default: termination = Termination(reason: .numericalError, detail: detail)
        }
        // Without a solution there is no bound to report (GLPK's bound of an exhausted or
        // infeasible tree is ±DBL_MAX); a bound is reported only when it is a real number.
        guard termination.hasSolution else { return emptyResult(termination, isMIP: true) }
        var (objective, x, activity, _, _) = problem.readSolution(.mip)
        var bound = trace.bestBound.flatMap { $0.isFinite && abs($0) < 1e300 ? $0 : nil }
        if termination.reason == .optimal && code == GLPKCode.ok { bound = objective }
        let gap = bound.map { abs(objective - $0) / (abs(objective) + Double.ulpOfOne) }
        var result = SolveResult(termination: termination, objectiveValue: objective, variableValues: x,
                                 rowActivities: activity, rowDuals: nil, reducedCosts: nil, isMIP: true,
                                 bestBound: bound, relativeGap: gap, dualsFromFixedMIP: false,
                                 rightHandSideRanges: [:], objectiveRanges: [:],
                                 iterations: 0, solveSeconds: 0, loadSeconds: 0)
        if options.fixedMIPDuals {
            problem.fixIntegerColumns(at: x)
            // The fixed LP is part of reporting, not of the search: the time limit that stopped
            // branch-and-cut must not stop it too (its basis is close to the incumbent's); it has
            // its own deadline, the follow-up deadline, if any.
            let fixed = runSimplex(method: .primalSimplex, presolve: false, limited: false)
            if fixed.reason == .optimal {
                let (fixedObjective, fixedX, fixedActivity, duals, reduced) = problem.readSolution(.simplex)
                // Same integers; the continuous part re-optimised (never worse than the incumbent),
                // so primal values and duals describe one and the same solution.
                if fixedObjective * (model.sense == .maximize ? 1 : -1) >= objective * (model.sense == .maximize ? 1 : -1) - 1e-9 * max(1, abs(objective)) {
                    (objective, x, activity) = (fixedObjective, fixedX, fixedActivity)
                    result.objectiveValue = objective
                    result.variableValues = x
                    result.rowActivities = activity
                    if let bound { result.relativeGap = abs(objective - bound) / (abs(objective) + Double.ulpOfOne) }
                }
                result.rowDuals = duals
                result.reducedCosts = reduced
                result.dualsFromFixedMIP = true
                addSensitivity(to: &result)
            }
        }
        return result
    }

    // MARK: Sensitivity

    /// RHS ranges for binding rows and objective ranges for columns, from the optimal basis.
    /// Each call is guarded: optimal basis, a factorisation, the right basic/non-basic state.
    private func addSensitivity(to result: inout SolveResult) {
        let rows: [ConstraintID], columns: [VariableID]
        switch options.sensitivity {
        case .none: return
        case .all:
            rows = (0..<model.constraintCount).map(ConstraintID.init)
            columns = (0..<model.variableCount).map(VariableID.init)
        case .selected(let r, let c):
            rows = r.filter { $0.index >= 0 && $0.index < model.constraintCount }
            columns = c.filter { $0.index >= 0 && $0.index < model.variableCount }
        }
        guard problem.status == GLPKCode.opt, problem.ensureFactorization() else { return }
        for row in rows {
            let i = Int32(row.index + 1)
            if problem.rowIsNonBasic(i) {
                result.rightHandSideRanges[row] = problem.analyzeRowBound(i)
            }
        }
        let maximize = model.sense == .maximize
        for column in columns {
            let j = Int32(column.index + 1)
            let status = problem.columnStatus(j)
            if status == GLPKProblem.basic {
                result.objectiveRanges[column] = problem.analyzeColumnCoefficient(j)
                continue
            }
            let c = problem.objectiveCoefficient(j)
            let d = result.reducedCosts?[column.index] ?? 0
            // A non-basic column stays non-basic while its reduced cost keeps its sign:
            // the coefficient may move freely one way, and by |d| the other way.
            let range: ObjectiveCoefficientRange
            switch (status, maximize) {
            case (GLPKProblem.atLower, false), (GLPKProblem.atUpper, true):
                range = ObjectiveCoefficientRange(lower: c - d, upper: .infinity)
            case (GLPKProblem.atLower, true), (GLPKProblem.atUpper, false):
                range = ObjectiveCoefficientRange(lower: -.infinity, upper: c - d)
            default:
                range = ObjectiveCoefficientRange(lower: -.infinity, upper: .infinity)
            }
            result.objectiveRanges[column] = range
        }
    }
}
