/// A small LP (tens of rows) re-solved many times with only its objective changed, as column
/// generation re-solves each block's pricing LP every round.
///
/// GLPK re-solves such an LP from its last basis in a few pivots, but each `glp_simplex` call
/// first rebuilds its working copy of the problem and refactorises the basis, and loading the
/// LP scales it: on a pricing LP of 30 rows that setup costs more than the pivots (a re-solve
/// with no pivot took ≈ 35 µs). This session keeps the inverse of the basis as a dense matrix
/// and solves by a bounded primal simplex: the first solve from the slack basis (a phase 1 that
/// minimises the sum of infeasibilities, then phase 2), each later one from the last basis,
/// which stays primal feasible when only the objective changes. Duals, pricing by Dantzig's
/// rule, a Harris ratio test with bound flips, the inverse updated in product form and
/// recomputed every ``refactorInterval`` updates.
///
/// GLPK stays the reference for everything the dense simplex does not finish cleanly (a
/// singular basis, more pivots than ``iterationLimit(rows:columns:)``, an unbounded ray, no
/// feasible point, a point that fails the final check against the bounds and rows): that solve
/// goes to a ``GLPKSession`` (loaded then, warm afterwards), and the dense simplex continues
/// from GLPK's basis. An LP of more than ``maximumDenseRows`` rows is GLPK's every time.
/// ``statistics`` counts which solved what.
///
/// The answer is an optimal basic solution in GLPK's conventions (row duals and reduced costs
/// with GLPK's signs); an LP with several optima may get a different optimal vertex than GLPK
/// would give. **Threading** is a ``GLPKSession``'s: create, use and drop it on one thread.
public final class DenseSimplexSession {
    /// How the solves of a session were answered.
    public struct Statistics: Sendable, Hashable {
        /// Solves finished by the dense simplex.
        public var denseSolves = 0
        /// Solves answered by GLPK: those the dense simplex gave up.
        public var glpkSolves = 0
        /// Times the dense inverse was recomputed from the basis.
        public var refactorisations = 0
    }

    /// Where each column and row of the LP stood in a simplex basis: plain data, for starting a
    /// later session of an LP of the same shape (``init(_:options:startingFrom:)``).
    public struct Basis: Sendable, Hashable {
        /// One status per column, then one per row.
        let statuses: [BasisStatus]
        /// The basic variable at each basis position, and the inverse of that basis matrix (m × m
        /// by rows): a later session of the same matrix takes it, once it has checked B·B⁻¹ = I,
        /// instead of inverting the basis again. Empty when not known.
        let head: [Int]
        let inverse: [Double]
    }

    /// The dense simplex's current basis with its inverse (nil before it has one, or for an LP
    /// GLPK solves).
    public var basis: Basis? {
        hasBasis ? Basis(statuses: Array(status), head: Array(head), inverse: Array(inverse)) : nil
    }

    /// Which solver answered the solves so far.
    public private(set) var statistics = Statistics()

    /// Changes at every solve whose point is computed afresh; unchanged when a solve returned
    /// the very point of the solve before, bit for bit (no pivot, bound flip, refactorisation or
    /// new basis since: only the objective changed, so only the value, duals and reduced costs
    /// are new). Column generation re-prices most blocks at prices that leave their basis
    /// optimal; a caller can then keep what it derived from the point.
    public private(set) var pointRevision = 0
    /// The last point the dense simplex returned (its columns) and the rows' activities, checked
    /// against the bounds and rows; reused while `pointMayChange` is false.
    private var lastPoint: (values: [Double], activities: [Double])?
    /// Whether the basic values may have changed since `lastPoint` was computed.
    private var pointMayChange = true

    /// Product-form updates of the inverse before it is recomputed.
    static let refactorInterval = 64
    /// Larger LPs go to GLPK every time. The dense simplex's pivot costs O(m²) and its
    /// recomputed inverse O(m³) every ``refactorInterval`` pivots, which GLPK's sparse LU beats
    /// on large blocks: a five-year commune (≈ 430 rows) took 40 s of pricing in its first
    /// round instead of 1.5 s.
    public static let maximumDenseRows = 64
    /// A bound or row is met within this, relative to 1 + |bound|.
    static let primalTolerance = 1e-9
    /// A reduced cost counts as improving above this, relative to the magnitudes it is computed from.
    static let dualTolerance = 1e-9
    /// Pivots before the dense simplex hands a solve to GLPK (cycling on a degenerate vertex).
    static func iterationLimit(rows: Int, columns: Int) -> Int { 50 + 10 * (rows + columns) }

    /// GLPK: loaded at the first solve the dense simplex gives up, or at once for an LP of more
    /// than ``maximumDenseRows`` rows.
    private var glpk: GLPKSession?
    private let model: LinearProgram
    private let options: SolverOptions
    /// Whether GLPK's copy of the objective is the current one (changes go to GLPK only when it solves).
    private var glpkObjectiveCurrent = true
    private let m: Int, n: Int
    /// +1 when maximising, −1 when minimising: the dense simplex maximises `direction · c`.
    private let direction: Double
    private let objectiveConstant: Double
    // The simplex's state lives in buffers owned (allocated and freed) by the session: the inner
    // loops index them without the bounds and exclusivity checks of a class's array properties.
    /// The model's objective coefficient of each column.
    private let cost: UnsafeMutableBufferPointer<Double>
    /// Bounds of the n columns, then of the m rows' activities (variable k ≥ n is row k − n).
    private let lower: UnsafeMutableBufferPointer<Double>, upper: UnsafeMutableBufferPointer<Double>
    /// The matrix by columns.
    private let columnStart: UnsafeMutableBufferPointer<Int>, columnRow: UnsafeMutableBufferPointer<Int>
    private let columnValue: UnsafeMutableBufferPointer<Double>
    /// The basic variable of each basis position, and each variable's position (−1: non-basic).
    private let head: UnsafeMutableBufferPointer<Int>
    private let position: UnsafeMutableBufferPointer<Int>
    private let status: UnsafeMutableBufferPointer<BasisStatus>
    /// The inverse of the basis matrix of [A | −I], m × m by rows; valid when `hasBasis`.
    private let inverse: UnsafeMutableBufferPointer<Double>
    private var hasBasis = false
    /// Whether this LP is small enough for the dense simplex (``maximumDenseRows``).
    private let usesDense: Bool
    private var updatesSinceRefactor = 0
    /// Values of the basic variables, by basis position.
    private let basicValues: UnsafeMutableBufferPointer<Double>
    /// The point (n columns then m rows) as ``finish(iterations:duals:reducedCosts:)`` checks it.
    private let pointWork: UnsafeMutableBufferPointer<Double>
    /// Gauss–Jordan's work matrix (m × 2m) and the column list of one pivot row (2m), for ``refactor()``.
    private let factorWork: UnsafeMutableBufferPointer<Double>
    private let factorIndices: UnsafeMutableBufferPointer<Int>
    /// Work vectors of length m for one solve: duals, B⁻¹a_q, the ratio test's bounds, phase 1's costs.
    private let scratch: (dual: UnsafeMutableBufferPointer<Double>, alpha: UnsafeMutableBufferPointer<Double>,
                          blocksAt: UnsafeMutableBufferPointer<Double>, phaseCost: UnsafeMutableBufferPointer<Double>)

    /// Validates and loads `model` (an LP) on the current thread; `options` are GLPK's, for the
    /// solves it answers. The first solve starts from `basis` when it is a basis of an LP of this
    /// shape (an earlier session's ``basis``; bounds may have changed), else from the slack basis.
    public init(_ model: LinearProgram, options: SolverOptions = SolverOptions(), startingFrom basis: Basis? = nil) throws(LPError) {
        try model.validate()
        try options.validate()
        if model.isMixedInteger { throw .invalidOption("a session solves LPs only; the model has integer variables") }
        if options.method == .interiorPoint { throw .invalidOption("a session warm-starts the simplex method; interior point has no basis") }
        self.model = model
        self.options = options
        let m = model.constraintCount, n = model.variableCount
        self.m = m
        self.n = n
        direction = model.sense == .maximize ? 1 : -1
        objectiveConstant = model.objectiveConstant
        // At least one element each, so that every buffer has a base address (an LP may have no rows).
        func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let start = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
            let b = UnsafeMutableBufferPointer(start: start, count: values.count)
            _ = b.initialize(fromContentsOf: values)
            return b
        }
        func buffer<T>(repeating value: T, count: Int) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer(start: UnsafeMutablePointer<T>.allocate(capacity: max(1, count)), count: count)
            b.initialize(repeating: value)
            return b
        }
        cost = buffer(model.variables.map(\.objective))
        lower = buffer(model.variables.map(\.lower) + model.constraints.map(\.bounds.lower))
        upper = buffer(model.variables.map(\.upper) + model.constraints.map(\.bounds.upper))
        var count = [Int](repeating: 0, count: n + 1)
        model.forEachNonZero { _, j, _ in count[j + 1] += 1 }
        for j in 0..<n { count[j + 1] += count[j] }
        var rows = [Int](repeating: 0, count: count[n]), values = [Double](repeating: 0, count: count[n])
        var next = count
        model.forEachNonZero { i, j, a in
            rows[next[j]] = i
            values[next[j]] = a
            next[j] += 1
        }
        columnStart = buffer(count)
        columnRow = buffer(rows)
        columnValue = buffer(values)
        position = buffer(repeating: -1 as Int, count: n + m)
        status = buffer(repeating: .atLower as BasisStatus, count: n + m)
        basicValues = buffer(repeating: 0 as Double, count: m)
        head = buffer(repeating: 0 as Int, count: m)
        scratch = (buffer(repeating: 0 as Double, count: m), buffer(repeating: 0 as Double, count: m),
                   buffer(repeating: 0 as Double, count: m), buffer(repeating: 0 as Double, count: m))
        usesDense = m <= Self.maximumDenseRows
        inverse = buffer(repeating: 0 as Double, count: usesDense ? m * m : 0)
        pointWork = buffer(repeating: 0 as Double, count: usesDense ? n + m : 0)
        factorWork = buffer(repeating: 0 as Double, count: usesDense ? 2 * m * m : 0)
        factorIndices = buffer(repeating: 0 as Int, count: usesDense ? 2 * m : 0)
        // An LP too large for the dense simplex is GLPK's from the start, its objective changes
        // passed on as they come.
        guard usesDense else {
            glpk = try GLPKSession(model, options: options)
            return
        }
        // The given basis when it fits (an earlier session's, of the same blocks in an earlier
        // stage), else the slack basis.
        if let basis, basis.statuses.count == n + m,
           adopt(basis.statuses, order: basis.head, inverse: basis.inverse) || adopt(basis.statuses) { return }
        hasBasis = setSlackBasis()
    }

    deinit {
        for b in [cost, lower, upper, columnValue, inverse, pointWork, basicValues, scratch.dual, scratch.alpha, scratch.blocksAt,
                  scratch.phaseCost] { b.deallocate() }
        for b in [columnStart, columnRow, head, position, factorIndices] { b.deallocate() }
        factorWork.deallocate()
        status.deallocate()
    }

    /// Changes several objective coefficients; all are checked before any is applied.
    public func setObjective(_ changes: [(variable: VariableID, coefficient: Double)]) throws(LPError) {
        try setObjective(columns: changes.map { Int32($0.variable.index) }, coefficients: changes.map(\.coefficient))
    }

    /// Sets the objective coefficient of column `columns[k]` to `coefficients[k]` for every k
    /// (the sparse form a pricing problem's reduced objective comes in, without a pair per
    /// column); all are checked before any is applied.
    public func setObjective(columns: [Int32], coefficients: [Double]) throws(LPError) {
        guard columns.count == coefficients.count else {
            throw .invalidOption("\(columns.count) columns but \(coefficients.count) objective coefficients")
        }
        for (column, coefficient) in zip(columns, coefficients) {
            let variable = VariableID(Int(column))
            guard column >= 0 && Int(column) < n else { throw .invalidOption("variable #\(column) does not exist") }
            guard coefficient.isFinite else {
                throw .invalidObjectiveCoefficient(variable: model.displayName(of: variable), value: coefficient)
            }
            try LinearProgram.checkMagnitude(coefficient, tinyAllowed: true, "objective of \(model.displayName(of: variable))")
        }
        for (column, coefficient) in zip(columns, coefficients) { cost[Int(column)] = coefficient }
        if !usesDense, let glpk {
            try glpk.setObjective(zip(columns, coefficients).map { (VariableID(Int($0)), $1) })
        } else {
            glpkObjectiveCurrent = false
        }
    }

    /// Solves from the last basis (the slack basis the first time): by the dense simplex when it
    /// finishes cleanly, otherwise by GLPK (whose basis it then adopts). Without `reducedCosts`
    /// an answer of the dense simplex has none (nil): column generation reads only the point,
    /// the value and the row duals, and the reduced costs cost a pass over the matrix per solve.
    public func solve(reducedCosts: Bool = true) -> SolveResult {
        if hasBasis {
            if let result = denseSolve(reducedCosts: reducedCosts) ?? (refactor() ? denseSolve(reducedCosts: reducedCosts) : nil) {
                statistics.denseSolves += 1
                return result
            }
        }
        return glpkSolve()
    }

    // MARK: GLPK

    private func glpkSolve() -> SolveResult {
        statistics.glpkSolves += 1
        let glpk: GLPKSession
        do {
            if let loaded = self.glpk {
                glpk = loaded
                if !glpkObjectiveCurrent { try glpk.setObjective((0..<n).map { (VariableID($0), cost[$0]) }) }
            } else {
                var current = model
                current.setObjective((0..<n).map { (VariableID($0), cost[$0]) })
                glpk = try GLPKSession(current, options: options)
                self.glpk = glpk
            }
        } catch {
            return SolveResult(termination: Termination(reason: .numericalError, detail: "\(error)"),
                               objectiveValue: nil, variableValues: [], rowActivities: [])
        }
        glpkObjectiveCurrent = true
        let result = glpk.solve()
        // GLPK's point is its own: the next dense solve computes its point afresh.
        pointRevision += 1
        pointMayChange = true
        // An optimum's basis is taken; otherwise (no optimum, e.g. an unbounded objective) the
        // dense simplex keeps its own basis, still primal feasible, for the next objective.
        if usesDense && result.termination.reason == .optimal { hasBasis = adopt(glpk.basisStatuses()) }
        return result
    }

    /// Takes GLPK's last basis and inverts it; false when it is not a usable basis.
    private func adopt(_ statuses: (rows: [BasisStatus?], columns: [BasisStatus?])) -> Bool {
        var all: [BasisStatus] = []
        all.reserveCapacity(n + m)
        for s in statuses.columns + statuses.rows {
            guard let s else { return false }
            all.append(s)
        }
        return adopt(all)
    }

    /// Takes a basis given as one status per column then per row (GLPK's, or an earlier
    /// session's of an LP of the same shape whose bounds may differ: a non-basic status is moved
    /// to a bound the variable has) and inverts it; false when it is not a usable basis.
    private func adopt(_ statuses: [BasisStatus]) -> Bool {
        guard setStatuses(statuses, order: nil) else { return false }
        return refactor()
    }

    /// Takes an earlier session's basis with the order of its basic variables and the inverse it
    /// kept, when that inverse is this basis matrix's (B·B⁻¹ = I to round-off, so it may come from
    /// anywhere); false (nothing taken) otherwise. Saves inverting again a basis that a session
    /// of the same matrix had already inverted (the tie-break and capped stages' pricing).
    private func adopt(_ statuses: [BasisStatus], order: [Int], inverse given: [Double]) -> Bool {
        guard usesDense, order.count == m, given.count == m * m, setStatuses(statuses, order: order) else {
            hasBasis = false
            return false
        }
        _ = inverse.update(fromContentsOf: given)
        // B·B⁻¹ must be I to 1e-9 relative to the terms summed. Column r of B is variable
        // head[r]'s column of [A | −I]; each of its entries (i, a) adds a·(row r of B⁻¹) to row i
        // of the product (rows of B⁻¹ are contiguous: O(nnz(B)·m)). The product goes in the
        // left m² of `factorWork`, the terms' magnitudes in the right m².
        let size = m * m, product = factorWork.baseAddress!, magnitude = product + size
        factorWork.update(repeating: 0)
        let inv = UnsafePointer(inverse.baseAddress!)
        for r in 0..<m {
            let k = head[r], source = inv + r * m
            if k < n {
                for e in columnStart[k]..<columnStart[k + 1] {
                    let target = columnRow[e] * m
                    DenseInverse.add(columnValue[e], times: source, to: product + target, magnitudesTo: magnitude + target, count: m)
                }
            } else {
                let target = (k - n) * m
                DenseInverse.add(-1, times: source, to: product + target, magnitudesTo: magnitude + target, count: m)
            }
        }
        for i in 0..<m {
            for j in 0..<m where abs(product[i * m + j] - (i == j ? 1 : 0)) > 1e-9 * (1 + magnitude[i * m + j]) {
                hasBasis = false
                return false
            }
        }
        updatesSinceRefactor = 0
        hasBasis = true
        computeBasicValues()
        return true
    }

    /// Sets every status from `statuses` (a non-basic one moved to a bound the variable has) and
    /// the basic variables' positions: in `order` when given (each must be basic, once), else in
    /// increasing order; false when `statuses` has not exactly m basic variables.
    private func setStatuses(_ statuses: [BasisStatus], order: [Int]?) -> Bool {
        guard statuses.count == n + m else { return false }
        var basics = 0
        for k in 0..<(n + m) {
            position[k] = -1
            let s = statuses[k]
            if s == .basic {
                guard basics < m else { return false }
                position[k] = basics
                head[basics] = k
                basics += 1
                status[k] = .basic
                continue
            }
            let l = lower[k].isFinite, u = upper[k].isFinite
            if l && u && lower[k] == upper[k] { status[k] = .fixed }
            else if s == .atUpper && u { status[k] = .atUpper }
            else if l { status[k] = .atLower }
            else if u { status[k] = .atUpper }
            else { status[k] = .free }
        }
        guard basics == m else { return false }
        if let order {
            for k in head[0..<m] { position[k] = -1 }
            for (r, k) in order.enumerated() {
                guard k >= 0, k < n + m, status[k] == .basic, position[k] < 0 else { return false }
                position[k] = r
                head[r] = k
            }
        }
        return true
    }

    /// Sets the slack basis: every row's activity basic, every column at a finite bound (a free one at 0).
    private func setSlackBasis() -> Bool {
        for i in 0..<m {
            head[i] = n + i
            position[n + i] = i
            status[n + i] = .basic
        }
        for j in 0..<n {
            position[j] = -1
            status[j] = lower[j] == upper[j] ? .fixed : lower[j].isFinite ? .atLower : upper[j].isFinite ? .atUpper : .free
        }
        // B = −I, so B⁻¹ = −I.
        inverse.update(repeating: 0)
        for i in 0..<m { inverse[i * m + i] = -1 }
        updatesSinceRefactor = 0
        hasBasis = true
        computeBasicValues()
        return true
    }

    // MARK: The dense simplex

    /// The value of non-basic variable `k` (at its bound; a free one at zero).
    private func nonbasicValue(_ k: Int) -> Double {
        switch status[k] {
        case .atLower, .fixed: lower[k]
        case .atUpper: upper[k]
        case .free, .basic: 0
        }
    }

    /// Recomputes the inverse of the basis by Gauss–Jordan elimination with partial pivoting,
    /// and the basic values from it; false (and no basis) when the basis is singular.
    private func refactor() -> Bool {
        statistics.refactorisations += 1
        hasBasis = false
        // Gauss–Jordan on [B | I] (m × 2m, in `factorWork`), each pivot row's non-zeros listed
        // once so that the eliminations touch only them (B and B⁻¹ are mostly zeros).
        let w = factorWork, nonZeros = factorIndices, width = 2 * m
        w.update(repeating: 0)
        for r in 0..<m {
            let k = head[r]
            if k < n {
                for e in columnStart[k]..<columnStart[k + 1] { w[columnRow[e] * width + r] = columnValue[e] }
            } else {
                w[(k - n) * width + r] = -1
            }
            w[r * width + m + r] = 1
        }
        guard DenseInverse.gaussJordan(w, order: m, nonZeros: nonZeros, into: inverse) else { return false }
        updatesSinceRefactor = 0
        hasBasis = true
        computeBasicValues()
        return true
    }

    /// x_B = B⁻¹ (−N x_N): from [A | −I]·x = 0.
    private func computeBasicValues() {
        pointMayChange = true
        var rhs = [Double](repeating: 0, count: m)
        for k in 0..<(n + m) where status[k] != .basic {
            let v = nonbasicValue(k)
            guard v != 0 else { continue }
            if k < n {
                for e in columnStart[k]..<columnStart[k + 1] { rhs[columnRow[e]] -= columnValue[e] * v }
            } else {
                rhs[k - n] += v
            }
        }
        for r in 0..<m {
            var s = 0.0
            for i in 0..<m { s += inverse[r * m + i] * rhs[i] }
            basicValues[r] = s
        }
    }

    /// The dense objective (maximised) of variable `k`.
    private func denseCost(_ k: Int) -> Double { k < n ? direction * cost[k] : 0 }

    /// Re-solves from the current basis; nil when it cannot finish cleanly.
    private func denseSolve(reducedCosts: Bool) -> SolveResult? {
        let limit = Self.iterationLimit(rows: m, columns: n)
        var iterations = 0
        let y = scratch.dual, alpha = scratch.alpha, blocksAt = scratch.blocksAt, phaseCost = scratch.phaseCost
        // Whether y holds phase 2's duals for the current basis (updated in O(m) at each pivot).
        var dualsCurrent = false
        while true {
            // Phase 1 while a basic variable is outside its bounds (beyond the tolerance): maximise
            // −(sum of infeasibilities), whose gradient is +1 on a variable below its lower
            // bound, −1 above its upper one, 0 elsewhere. Phase 2 maximises the objective.
            var phase1 = false
            for r in 0..<m {
                let k = head[r], v = basicValues[r]
                if lower[k].isFinite && v < lower[k] - Self.primalTolerance * (1 + abs(lower[k])) {
                    phaseCost[r] = 1
                    phase1 = true
                } else if upper[k].isFinite && v > upper[k] + Self.primalTolerance * (1 + abs(upper[k])) {
                    phaseCost[r] = -1
                    phase1 = true
                } else {
                    phaseCost[r] = 0
                }
            }
            // Duals: Bᵀy = c_B, recomputed in phase 1 (its costs change), at the start and after a
            // refactorisation; otherwise kept from the last pivot's update.
            if phase1 || !dualsCurrent {
                for i in 0..<m { y[i] = 0 }
                for r in 0..<m {
                    let c = phase1 ? phaseCost[r] : denseCost(head[r])
                    guard c != 0 else { continue }
                    DenseInverse.add(c, times: inverse.baseAddress! + r * m, to: y.baseAddress!, count: m)
                }
                dualsCurrent = !phase1
            }
            // Pricing (Dantzig): the non-basic variable whose reduced cost improves most, the
            // columns then the rows (through raw pointers and wrapping index steps: the loops
            // run at every pivot).
            var entering = -1, step = 0.0, bestScore = 0.0, enteringReducedCost = 0.0
            @inline(__always) func consider(_ k: Int, _ s: BasisStatus, _ d: Double, magnitude: Double) {
                let tolerance = Self.dualTolerance * magnitude
                var sign = 0.0
                switch s {
                case .atLower: if d > tolerance { sign = 1 }
                case .atUpper: if d < -tolerance { sign = -1 }
                case .free: if abs(d) > tolerance { sign = d > 0 ? 1 : -1 }
                case .basic, .fixed: break
                }
                if sign != 0 && abs(d) > bestScore {
                    entering = k
                    step = sign
                    bestScore = abs(d)
                    enteringReducedCost = d
                }
            }
            let start = columnStart.baseAddress!, rowOf = columnRow.baseAddress!, value = columnValue.baseAddress!
            let duals = y.baseAddress!
            for k in 0..<n {
                let s = status[k]
                guard s != .basic && s != .fixed else { continue }
                var d = phase1 ? 0 : direction * cost[k], magnitude = 1 + abs(d)
                var e = start[k]
                let end = start[k &+ 1]
                while e < end {
                    let t = duals[rowOf[e]] * value[e]
                    d -= t
                    magnitude += abs(t)
                    e &+= 1
                }
                consider(k, s, d, magnitude: magnitude)
            }
            for i in 0..<m {
                let s = status[n &+ i]
                guard s != .basic && s != .fixed else { continue }
                let d = duals[i]   // the column −e_i: 0 − y·(−e_i)
                consider(n &+ i, s, d, magnitude: 1 + abs(d))
            }
            if entering < 0 {
                if phase1 { return nil }   // no feasible point within the tolerance: GLPK says why
                break
            }
            if iterations >= limit { return nil }
            iterations += 1
            pointMayChange = true
            // α = B⁻¹ a_q; a unit step of x_q changes x_B by −α·step.
            let q = entering
            for r in 0..<m { alpha[r] = 0 }
            if q < n {
                for e in columnStart[q]..<columnStart[q + 1] {
                    // Column i of B⁻¹, read down its rows.
                    let a = columnValue[e]
                    var entry = UnsafePointer(inverse.baseAddress! + columnRow[e])
                    for r in 0..<m {
                        alpha[r] += entry.pointee * a
                        entry += m
                    }
                }
            } else {
                let i = q - n
                for r in 0..<m { alpha[r] = -inverse[r * m + i] }
            }
            let largest = alpha.reduce(0) { max($0, abs($1)) }
            let pivotTolerance = max(1e-12, 1e-9 * largest)
            // Harris ratio test: the largest step within the bounds relaxed by the tolerance,
            // then, among the rows that block no later than it, the largest pivot. A basic
            // variable outside its bounds (phase 1) blocks at the bound it moves toward, where it
            // becomes feasible; moving away, it does not block.
            // blocksAt[r]: the bound row r's variable meets (±∞: none); recorded by the first pass.
            var relaxed = Double.infinity
            for r in 0..<m {
                blocksAt[r] = .nan
                let delta = -alpha[r] * step
                guard abs(delta) > pivotTolerance else { continue }
                let k = head[r]
                let bound: Double
                if phase1 && phaseCost[r] > 0 { bound = delta > 0 ? lower[k] : .nan }
                else if phase1 && phaseCost[r] < 0 { bound = delta < 0 ? upper[k] : .nan }
                else { bound = delta < 0 ? lower[k] : upper[k] }
                guard bound.isFinite else { continue }
                blocksAt[r] = bound
                let slack = Self.primalTolerance * (1 + abs(bound))
                relaxed = min(relaxed, ((bound - basicValues[r]) + (delta > 0 ? slack : -slack)) / delta)
            }
            var leaving = -1, theta = Double.infinity, bestPivot = 0.0, leavesAtLower = true
            if relaxed.isFinite {
                for r in 0..<m where blocksAt[r].isFinite {
                    let delta = -alpha[r] * step, bound = blocksAt[r]
                    let atLower = phase1 && phaseCost[r] != 0 ? phaseCost[r] > 0 : delta < 0
                    let ratio = (bound - basicValues[r]) / delta
                    if ratio <= relaxed && abs(delta) > bestPivot {
                        leaving = r
                        theta = max(0, ratio)
                        bestPivot = abs(delta)
                        leavesAtLower = atLower
                    }
                }
            }
            let range = upper[q] - lower[q]   // the entering variable's own bound (∞ for a free one)
            if range.isFinite && range <= theta {
                // Bound flip: x_q goes to its other bound, the basis stays.
                for r in 0..<m { basicValues[r] -= alpha[r] * step * range }
                status[q] = status[q] == .atLower ? .atUpper : .atLower
                continue
            }
            guard leaving >= 0 else { return nil }   // unbounded ray: GLPK reports it
            // Pivot: x_q enters at position `leaving`, the variable there leaves at the bound it met.
            let enteringValue = nonbasicValue(q) + step * theta
            for r in 0..<m { basicValues[r] -= alpha[r] * step * theta }
            let out = head[leaving]
            status[out] = lower[out] == upper[out] ? .fixed : (leavesAtLower ? .atLower : .atUpper)
            position[out] = -1
            head[leaving] = q
            position[q] = leaving
            status[q] = .basic
            basicValues[leaving] = enteringValue
            // Product-form update of B⁻¹: row `leaving` divided by the pivot, eliminated from the others.
            let pivot = alpha[leaving]
            guard abs(pivot) > pivotTolerance else { return nil }
            let base = leaving * m
            let inv = inverse.baseAddress!, pivotRow = inv + base
            DenseInverse.divide(pivotRow, count: m, by: pivot)
            for r in 0..<m where r != leaving && alpha[r] != 0 {
                DenseInverse.subtract(alpha[r], times: pivotRow, from: inv + r * m, count: m)
            }
            // y + (d_q/α_r)·(old row r of B⁻¹) = y + d_q·(new row r): Bᵀy = c_B again.
            if dualsCurrent {
                DenseInverse.add(enteringReducedCost, times: pivotRow, to: y.baseAddress!, count: m)
            }
            updatesSinceRefactor += 1
            if updatesSinceRefactor >= Self.refactorInterval {
                guard refactor() else { return nil }
                dualsCurrent = false
            }
        }
        return finish(iterations: iterations, duals: y, reducedCosts: reducedCosts)
    }

    /// The point of the current basis, checked against every bound and row; nil when the check fails.
    /// The point of the last solve is returned again (it passed the check then) when nothing has moved it.
    private func finish(iterations: Int, duals y: UnsafeMutableBufferPointer<Double>, reducedCosts: Bool) -> SolveResult? {
        if pointMayChange || lastPoint == nil {
            // The point in `pointWork`, the rows' magnitudes in the ratio test's scratch (free now).
            let x = pointWork, size = scratch.blocksAt
            for k in 0..<(n + m) { x[k] = status[k] == .basic ? basicValues[position[k]] : nonbasicValue(k) }
            for k in 0..<(n + m) {
                let tolerance = Self.primalTolerance
                if lower[k].isFinite && x[k] < lower[k] - tolerance * (1 + abs(lower[k])) { return nil }
                if upper[k].isFinite && x[k] > upper[k] + tolerance * (1 + abs(upper[k])) { return nil }
            }
            var activities = [Double](repeating: 0, count: m)
            for i in 0..<m { size[i] = 1 }
            for j in 0..<n {
                for e in columnStart[j]..<columnStart[j + 1] {
                    let i = columnRow[e], a = columnValue[e]
                    activities[i] += a * x[j]
                    size[i] += abs(a * x[j])
                }
            }
            // Each row's activity must be the row variable's value (basic ones came from B⁻¹).
            for i in 0..<m where abs(activities[i] - x[n + i]) > Self.primalTolerance * size[i] { return nil }
            lastPoint = (Array(x[0..<n]), activities)
            pointMayChange = false
            pointRevision += 1
        }
        guard let (x, activities) = lastPoint else { return nil }
        var reduced: [Double]?
        if reducedCosts {
            var d = [Double](repeating: 0, count: n)
            for j in 0..<n {
                d[j] = cost[j]
                for e in columnStart[j]..<columnStart[j + 1] { d[j] -= direction * y[columnRow[e]] * columnValue[e] }
            }
            reduced = d
        }
        var value = objectiveConstant
        for j in 0..<n { value += cost[j] * x[j] }
        return SolveResult(termination: Termination(reason: .optimal, detail: "dense primal simplex from the last basis"),
                           objectiveValue: value, variableValues: x, rowActivities: activities,
                           rowDuals: y.map { direction * $0 }, reducedCosts: reduced, iterations: iterations)
    }
}
