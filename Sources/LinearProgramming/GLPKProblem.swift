internal import CGLPK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of a GLPK problem object (`glp_prob`).
///
/// `~Copyable` and not `Sendable`: it cannot be copied, shared or sent to another thread,
/// and its `deinit` frees the problem with `glp_delete_prob`. GLPK 5.0 keeps one
/// environment per thread (`glp_config("TLS")`), and freeing a problem on a thread other
/// than its creator's aborts the process, so a `GLPKProblem` lives inside one synchronous
/// call: created, loaded, solved, read out and freed with no suspension point in between.
/// The raw pointer never leaves this type.
struct GLPKProblem: ~Copyable {
    private let raw: OpaquePointer
    private let owner: pthread_t

    /// Creates an empty problem on the current thread.
    init() {
        guard let pointer = glp_create_prob() else { fatalError("glp_create_prob returned NULL") }
        raw = pointer
        owner = pthread_self()
    }

    deinit {
        precondition(pthread_equal(owner, pthread_self()) != 0,
                     "a GLPK problem must be freed on the thread that created it")
        glp_delete_prob(raw)
    }

    private func checkThread() {
        precondition(pthread_equal(owner, pthread_self()) != 0,
                     "a GLPK problem must be used on the thread that created it")
    }

    var rowCount: Int32 { glp_get_num_rows(raw) }
    var columnCount: Int32 { glp_get_num_cols(raw) }

    /// Loads a validated model in one pass: rows, columns, bounds, kinds, objective and
    /// the whole matrix through `glp_load_matrix` (manual §2.2).
    func load(_ lp: LinearProgram) {
        checkThread()
        if !lp.name.isEmpty { glp_set_prob_name(raw, lp.name) }
        glp_set_obj_dir(raw, lp.sense == .maximize ? GLP_MAX : GLP_MIN)
        glp_set_obj_name(raw, "obj")
        let m = Int32(lp.constraints.count), n = Int32(lp.variables.count)
        if m > 0 { glp_add_rows(raw, m) }
        if n > 0 { glp_add_cols(raw, n) }
        for (offset, constraint) in lp.constraints.enumerated() {
            let i = Int32(offset + 1)
            if !constraint.name.isEmpty { glp_set_row_name(raw, i, constraint.name) }
            let (type, lo, hi) = Self.boundType(constraint.bounds.lower, constraint.bounds.upper)
            glp_set_row_bnds(raw, i, type, lo, hi)
        }
        for (offset, variable) in lp.variables.enumerated() {
            let j = Int32(offset + 1)
            if !variable.name.isEmpty { glp_set_col_name(raw, j, variable.name) }
            var lower = variable.lower, upper = variable.upper
            if variable.kind != .continuous {
                (lower, upper) = lp.integerBounds(of: variable)
                glp_set_col_kind(raw, j, GLP_IV)
            }
            let (type, lo, hi) = Self.boundType(lower, upper)
            glp_set_col_bnds(raw, j, type, lo, hi)
            if variable.objective != 0 { glp_set_obj_coef(raw, j, variable.objective) }
        }
        if lp.objectiveConstant != 0 { glp_set_obj_coef(raw, 0, lp.objectiveConstant) }
        let count = lp.matrixValues.count
        guard count > 0 else { return }
        // GLPK's arrays are 1-based: element 0 is a dummy.
        var ia = [Int32](repeating: 0, count: count + 1)
        var ja = [Int32](repeating: 0, count: count + 1)
        var ar = [Double](repeating: 0, count: count + 1)
        lp.matrixRows.withUnsafeBufferPointer { rows in
            lp.matrixColumns.withUnsafeBufferPointer { cols in
                for k in 0..<count {
                    ia[k + 1] = rows[k] + 1
                    ja[k + 1] = cols[k] + 1
                }
            }
        }
        ar.withUnsafeMutableBufferPointer { buffer in
            lp.matrixValues.withUnsafeBufferPointer { values in
                buffer.baseAddress!.advanced(by: 1).update(from: values.baseAddress!, count: count)
            }
        }
        glp_load_matrix(raw, Int32(count), ia, ja, ar)
    }

    private static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    func scale() { checkThread(); glp_scale_prob(raw, Int32(GLP_SF_AUTO)) }

    /// Builds the starting basis (`glp_std_basis`, `glp_adv_basis`, `glp_cpx_basis`).
    func setInitialBasis(_ basis: SolverOptions.InitialBasis) {
        checkThread()
        switch basis {
        case .standard: glp_std_basis(raw)
        case .advanced: glp_adv_basis(raw, 0)
        case .bixby: glp_cpx_basis(raw)
        }
    }

    // MARK: Changes between warm-started solves (validated by GLPKSession)

    func setObjectiveCoefficient(_ j: Int32, _ value: Double) { checkThread(); glp_set_obj_coef(raw, j, value) }
    /// Makes column `j` (1-based) integer or continuous (bounds unchanged: never GLP_BV, which resets them).
    func setColumnKind(_ j: Int32, integer: Bool) { checkThread(); glp_set_col_kind(raw, j, integer ? GLP_IV : GLP_CV) }

    func setRowBounds(_ i: Int32, lower: Double, upper: Double) {
        checkThread()
        let (type, lo, hi) = Self.boundType(lower, upper)
        glp_set_row_bnds(raw, i, type, lo, hi)
    }

    func setColumnBounds(_ j: Int32, lower: Double, upper: Double) {
        checkThread()
        let (type, lo, hi) = Self.boundType(lower, upper)
        glp_set_col_bnds(raw, j, type, lo, hi)
    }

    /// Puts column `j` (1-based), if non-basic, at its upper bound (`glp_set_col_stat`); GLPK
    /// uses the bound the column has when it has no upper one.
    func setColumnAtUpper(_ j: Int32) {
        checkThread()
        if glp_get_col_stat(raw, j) != GLP_BS { glp_set_col_stat(raw, j, GLP_NU) }
    }

    /// Appends a continuous column with its coefficients (rows 1-based, distinct, in range).
    func addColumn(name: String, lower: Double, upper: Double, objective: Double, rows: [Int32], values: [Double]) {
        checkThread()
        let j = glp_add_cols(raw, 1)
        if !name.isEmpty { glp_set_col_name(raw, j, name) }
        let (type, lo, hi) = Self.boundType(lower, upper)
        glp_set_col_bnds(raw, j, type, lo, hi)
        glp_set_obj_coef(raw, j, objective)
        let ind = [Int32(0)] + rows, val = [0.0] + values
        glp_set_mat_col(raw, j, Int32(rows.count), ind, val)
    }

    /// Deletes columns `js` (1-based, distinct, in range, at least one); the others keep their
    /// order, renumbered. Deleting only non-basic columns keeps the basis and its factorisation.
    func deleteColumns(_ js: [Int32]) {
        checkThread()
        let num = [Int32(0)] + js
        glp_del_cols(raw, Int32(js.count), num)
    }

    // MARK: Simplex and interior point

    /// Runs `glp_simplex`; returns its return code.
    func simplex(method: SolverOptions.Method, pricing: SolverOptions.SimplexPricing = .steepestEdge, presolve: Bool,
                 timeLimitMilliseconds: Int32?, iterationLimit: Int?, verbose: Bool) -> Int32 {
        checkThread()
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parm.meth = method == .dualSimplex ? GLP_DUALP : GLP_PRIMAL
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        if let t = timeLimitMilliseconds { parm.tm_lim = t }
        if let i = iterationLimit { parm.it_lim = Int32(clamping: i) }
        parm.pricing = pricing == .dantzig ? GLP_PT_STD : GLP_PT_PSE
        return glp_simplex(raw, &parm)
    }

    func interior(verbose: Bool) -> Int32 {
        checkThread()
        var parm = glp_iptcp()
        glp_init_iptcp(&parm)
        parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        return glp_interior(raw, &parm)
    }

    var status: Int32 { glp_get_status(raw) }
    var primalStatus: Int32 { glp_get_prim_stat(raw) }
    var dualStatus: Int32 { glp_get_dual_stat(raw) }
    var interiorStatus: Int32 { glp_ipt_status(raw) }
    var mipStatus: Int32 { glp_mip_status(raw) }
    var iterationCount: Int { Int(glp_get_it_cnt(raw)) }

    /// Objective, column values, row activities, row duals and reduced costs of the
    /// basic solution (`which == .simplex`), interior solution, or MIP solution (no duals).
    func readSolution(_ which: SolutionKind) -> (Double, [Double], [Double], [Double]?, [Double]?) {
        checkThread()
        let m = Int(rowCount), n = Int(columnCount)
        var x = [Double](repeating: 0, count: n)
        var activity = [Double](repeating: 0, count: m)
        switch which {
        case .simplex:
            var rowDual = [Double](repeating: 0, count: m)
            var reduced = [Double](repeating: 0, count: n)
            for j in 0..<n { x[j] = glp_get_col_prim(raw, Int32(j + 1)); reduced[j] = glp_get_col_dual(raw, Int32(j + 1)) }
            for i in 0..<m { activity[i] = glp_get_row_prim(raw, Int32(i + 1)); rowDual[i] = glp_get_row_dual(raw, Int32(i + 1)) }
            return (glp_get_obj_val(raw), x, activity, rowDual, reduced)
        case .interior:
            var rowDual = [Double](repeating: 0, count: m)
            var reduced = [Double](repeating: 0, count: n)
            for j in 0..<n { x[j] = glp_ipt_col_prim(raw, Int32(j + 1)); reduced[j] = glp_ipt_col_dual(raw, Int32(j + 1)) }
            for i in 0..<m { activity[i] = glp_ipt_row_prim(raw, Int32(i + 1)); rowDual[i] = glp_ipt_row_dual(raw, Int32(i + 1)) }
            return (glp_ipt_obj_val(raw), x, activity, rowDual, reduced)
        case .mip:
            for j in 0..<n { x[j] = glp_mip_col_val(raw, Int32(j + 1)) }
            for i in 0..<m { activity[i] = glp_mip_row_val(raw, Int32(i + 1)) }
            return (glp_mip_obj_val(raw), x, activity, nil, nil)
        }
    }

    enum SolutionKind { case simplex, interior, mip }

    // MARK: Branch-and-cut

    /// Runs `glp_intopt` (needs an optimal LP relaxation in place: presolve is off).
    /// The callback records the best bound and gap, which `glp_intopt` does not return.
    func branchAndCut(timeLimitMilliseconds: Int32?, relativeGap: Double, cuts: Bool,
                      verbose: Bool, trace: MIPTrace) -> Int32 {
        checkThread()
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parm.presolve = GLP_OFF
        parm.mip_gap = relativeGap
        if let t = timeLimitMilliseconds { parm.tm_lim = t }
        if cuts {
            parm.gmi_cuts = GLP_ON; parm.mir_cuts = GLP_ON
            parm.cov_cuts = GLP_ON; parm.clq_cuts = GLP_ON
            parm.fp_heur = GLP_ON
        }
        parm.cb_func = { tree, info in
            guard let tree, let info else { return }
            let trace = Unmanaged<MIPTrace>.fromOpaque(info).takeUnretainedValue()
            let best = glp_ios_best_node(tree)
            if best != 0 { trace.bestBound = glp_ios_node_bound(tree, best) }
            trace.gap = glp_ios_mip_gap(tree)
            if trace.progress != nil { trace.publish(tree) }
            // GLPK checks tm_lim only between nodes; the callback also runs inside the root
            // node's cut rounds and heuristics, so the deadline is kept there too.
            guard let deadline = trace.deadline, !trace.stoppedAtDeadline else { return }
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero {
                trace.stoppedAtDeadline = true
                glp_ios_terminate(tree)
            } else if glp_ios_reason(tree) == GLP_IHEUR, !trace.heavyStepsOff, let parameters = trace.parameters,
                      Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18 < 2 * trace.rootSeconds {
                // The feasibility pump and the cut rounds that follow this call cannot be
                // interrupted; each costs about one LP solve of the root. With less than two of
                // those left, they are switched off so the search keeps its deadline. glp_intopt
                // reads them from the caller's glp_iocp (T->parm points to it) at every node.
                parameters.pointee.fp_heur = GLP_OFF
                parameters.pointee.gmi_cuts = GLP_OFF; parameters.pointee.mir_cuts = GLP_OFF
                parameters.pointee.cov_cuts = GLP_OFF; parameters.pointee.clq_cuts = GLP_OFF
                trace.heavyStepsOff = true
            }
        }
        return withExtendedLifetime(trace) {
            parm.cb_info = Unmanaged.passUnretained(trace).toOpaque()
            return withUnsafeMutablePointer(to: &parm) { pointer in
                trace.parameters = pointer
                defer { trace.parameters = nil }
                return glp_intopt(raw, pointer)
            }
        }
    }

    /// Fixes every integer column at its (rounded) MIP value and makes it continuous, so that
    /// a simplex run gives the duals of the LP conditional on that integer assignment.
    func fixIntegerColumns(at values: [Double]) {
        checkThread()
        for j in 0..<Int(columnCount) where glp_get_col_kind(raw, Int32(j + 1)) != GLP_CV {
            let v = values[j].rounded()
            glp_set_col_kind(raw, Int32(j + 1), GLP_CV)
            glp_set_col_bnds(raw, Int32(j + 1), GLP_FX, v, v)
        }
    }

    // MARK: Sensitivity

    /// Makes sure a factorisation of the current basis exists (needed by the ranging routines).
    func ensureFactorization() -> Bool {
        checkThread()
        if glp_bf_exists(raw) != 0 { return true }
        return glp_factorize(raw) == 0
    }

    /// Whether row `i` (1-based) is non-basic, i.e. binding at one of its bounds.
    func rowIsNonBasic(_ i: Int32) -> Bool { glp_get_row_stat(raw, i) != GLP_BS }
    func columnIsBasic(_ j: Int32) -> Bool { glp_get_col_stat(raw, j) == GLP_BS }
    func columnStatus(_ j: Int32) -> Int32 { glp_get_col_stat(raw, j) }
    /// The status of every row and column in the last basis, 0-based.
    func basisStatuses() -> (rows: [BasisStatus?], columns: [BasisStatus?]) {
        checkThread()
        let m = glp_get_num_rows(raw), n = glp_get_num_cols(raw)
        return ((0..<m).map { BasisStatus(glpk: glp_get_row_stat(raw, $0 + 1)) },
                (0..<n).map { BasisStatus(glpk: glp_get_col_stat(raw, $0 + 1)) })
    }
    func objectiveCoefficient(_ j: Int32) -> Double { glp_get_obj_coef(raw, j) }

    /// RHS ranging of a non-basic row (`glp_analyze_bound`). Caller guarantees an optimal
    /// basis with a factorisation and a non-basic row, which is what the routine requires.
    func analyzeRowBound(_ i: Int32) -> RightHandSideRange {
        checkThread()
        var v1 = 0.0, v2 = 0.0
        var k1: Int32 = 0, k2: Int32 = 0
        glp_analyze_bound(raw, i, &v1, &k1, &v2, &k2)
        return RightHandSideRange(lower: v1 <= -Double.greatestFiniteMagnitude ? -.infinity : v1,
                                  upper: v2 >= Double.greatestFiniteMagnitude ? .infinity : v2)
    }

    /// Objective ranging of a basic column (`glp_analyze_coef`).
    func analyzeColumnCoefficient(_ j: Int32) -> ObjectiveCoefficientRange {
        checkThread()
        let k = rowCount + j
        var c1 = 0.0, c2 = 0.0, val1 = 0.0, val2 = 0.0
        var k1: Int32 = 0, k2: Int32 = 0
        glp_analyze_coef(raw, k, &c1, &k1, &val1, &c2, &k2, &val2)
        return ObjectiveCoefficientRange(lower: c1 <= -Double.greatestFiniteMagnitude ? -.infinity : c1,
                                         upper: c2 >= Double.greatestFiniteMagnitude ? .infinity : c2)
    }

    static let basic = GLP_BS, atLower = GLP_NL, atUpper = GLP_NU, fixed = GLP_NS

    // MARK: Files

    /// Writes the problem in CPLEX LP format (`glp_write_lp`); returns GLPK's code.
    func writeCPLEXLP(to path: String) -> Int32 { checkThread(); return glp_write_lp(raw, nil, path) }
    /// Writes the problem in free MPS format (`glp_write_mps`, `GLP_MPS_FILE`).
    func writeFreeMPS(to path: String) -> Int32 { checkThread(); return glp_write_mps(raw, GLP_MPS_FILE, nil, path) }
}

/// Written by the branch-and-cut callback: the best bound and gap seen last.
final class MIPTrace {
    var bestBound: Double?
    var gap: Double?
    /// When set, the callback stops the search (`glp_ios_terminate`) once this instant is past.
    var deadline: ContinuousClock.Instant?
    var stoppedAtDeadline = false
    /// Seconds the root LP relaxation took: the yardstick for the search's uninterruptible steps.
    var rootSeconds = 0.0
    /// The parameters glp_intopt runs with, while it runs (the callback may switch steps off).
    var parameters: UnsafeMutablePointer<glp_iocp>?
    var heavyStepsOff = false
    /// Receives the search's progress (``SolverOptions/progress``); nil: none.
    var progress: (@Sendable (SolverProgress) -> Void)?
    /// Least seconds between two reports, except at a new incumbent.
    var progressInterval = 0.2
    /// When branch-and-cut started, and when progress was last reported.
    var searchStart = ContinuousClock.now
    var lastReport: ContinuousClock.Instant?

    /// Reports where the search stands, from the callback (so on the solving thread): at a new
    /// incumbent (`GLP_IBINGO`) always, otherwise once ``progressInterval`` has passed.
    func publish(_ tree: OpaquePointer) {
        guard let progress else { return }
        let now = ContinuousClock.now
        if glp_ios_reason(tree) != GLP_IBINGO, let lastReport, lastReport.duration(to: now) < .milliseconds(Int(progressInterval * 1000)) {
            return
        }
        lastReport = now
        let problem = glp_ios_get_prob(tree)
        let incumbent: Double? = glp_mip_status(problem) == GLP_FEAS || glp_mip_status(problem) == GLP_OPT ? glp_mip_obj_val(problem) : nil
        var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        let bound = bestBound.flatMap { $0.isFinite && abs($0) < 1e300 ? $0 : nil }
        let elapsed = searchStart.duration(to: now)
        progress(.branchAndCut(BranchAndCutProgress(
            incumbent: incumbent, bestBound: bound, relativeGap: incumbent == nil ? nil : gap.flatMap { $0.isFinite && $0 < 1e300 ? $0 : nil },
            openNodes: Int(active),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)))
    }
}

/// Routes one thread's GLPK terminal output: silent, or to a handler (`glp_term_hook`).
enum GLPKTerminal {
    final class Sink {
        let handler: @Sendable (String) -> Void
        init(_ handler: @escaping @Sendable (String) -> Void) { self.handler = handler }
    }

    /// Runs `body` with GLPK's output going to `handler` (or nowhere), then silences it again.
    static func with<T>(_ handler: (@Sendable (String) -> Void)?, _ body: () throws(LPError) -> T) throws(LPError) -> T {
        guard let handler else {
            glp_term_out(GLP_OFF)
            return try body()
        }
        let sink = Sink(handler)
        glp_term_out(GLP_ON)
        glp_term_hook({ info, text in
            guard let info, let text else { return 1 }
            Unmanaged<Sink>.fromOpaque(info).takeUnretainedValue().handler(String(cString: text))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())
        defer {
            glp_term_hook(nil, nil)
            glp_term_out(GLP_OFF)
            withExtendedLifetime(sink) {}
        }
        return try body()
    }
}

/// Where a row or column stands in a simplex basis (GLPK's GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS).
enum BasisStatus: Sendable, Hashable {
    case basic, atLower, atUpper, free, fixed

    init?(glpk code: Int32) {
        switch code {
        case GLP_BS: self = .basic
        case GLP_NL: self = .atLower
        case GLP_NU: self = .atUpper
        case GLP_NF: self = .free
        case GLP_NS: self = .fixed
        default: return nil
        }
    }
}

/// GLPK's version string (`glp_version`), e.g. "5.0".
func glpkVersionString() -> String { String(cString: glp_version()) }

/// GLPK return codes and statuses, named for the mapping in ``GLPKSolver``.
enum GLPKCode {
    static let ok: Int32 = 0
    static let ebadb = GLP_EBADB, esing = GLP_ESING, econd = GLP_ECOND, ebound = GLP_EBOUND
    static let efail = GLP_EFAIL, eitlim = GLP_EITLIM, etmlim = GLP_ETMLIM
    static let enopfs = GLP_ENOPFS, enodfs = GLP_ENODFS, eroot = GLP_EROOT, estop = GLP_ESTOP
    static let emipgap = GLP_EMIPGAP, enocvg = GLP_ENOCVG, einstab = GLP_EINSTAB
    static let opt = GLP_OPT, feas = GLP_FEAS, infeas = GLP_INFEAS, nofeas = GLP_NOFEAS
    static let unbnd = GLP_UNBND, undef = GLP_UNDEF
}
