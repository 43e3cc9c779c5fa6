/// An LP whose rows are a few *coupling* rows and many *generalised upper bound* (GUB) rows
/// Σ_{j∈S_b} x_j = ρ_b (every coefficient 1, each column in at most one S_b), re-solved many
/// times as columns are added and removed: the restricted master of a Dantzig–Wolfe
/// decomposition, whose convexity rows (one per commune) are GUB rows.
///
/// GLPK's primal simplex carries every row in its basis: with thousands of convexity rows each
/// pivot updates an LU factorisation and prices every column through a basis of that size. The
/// GUB simplex (Dantzig and Van Slyke, 1967) keeps one basic *key* column per GUB set and only
/// a *working basis* over the coupling rows, whose columns are a basic column minus its set's
/// key: a pivot costs O(m²) in the m coupling rows, whatever the number of sets. The working
/// basis's inverse is kept dense, updated in product form and recomputed every
/// ``refactorInterval(rows:)`` updates; pricing is Dantzig's rule over a part of the columns at
/// a time (all of them before an optimum is declared), the ratio test Harris's with bound flips,
/// phase 1 minimises the sum of infeasibilities.
///
/// GLPK stays the reference: a solve the GUB simplex does not finish cleanly (a singular
/// working basis, the iteration limit, an unbounded ray, no feasible point, a point that fails
/// the final check of bounds and rows), or an LP whose GUB rows are not of that form, goes to a
/// ``GLPKSession`` loaded then with the current LP, which answers every later solve too.
/// ``statistics`` counts which solved what.
///
/// The answer is an optimal basic solution in GLPK's conventions (row duals and reduced costs
/// with GLPK's signs, a GUB row's dual included); an LP with several optima may get another
/// optimal vertex than GLPK would. **Threading** is a ``GLPKSession``'s: create, use and drop it
/// on one thread.
public final class GUBSimplexSession {
    /// How the solves of a session were answered.
    public struct Statistics: Sendable, Hashable {
        /// Solves finished by the GUB simplex.
        public var gubSolves = 0
        /// Solves answered by GLPK (the first the GUB simplex gave up, and every one after it).
        public var glpkSolves = 0
        /// Working-basis inverses recomputed from scratch.
        public var refactorisations = 0
        /// Pivots (and bound flips) of the GUB simplex.
        public var iterations = 0
        /// Pricing passes over the columns (each until it meets an improving one, every column
        /// before an optimum is declared); the pivots between them price the candidate list only.
        public var fullPricingPasses = 0
        /// Why the GUB simplex gave up, if it did.
        public var gaveUp: String?
    }

    /// Which solver answered the solves so far.
    public private(set) var statistics = Statistics()
    /// The LP as it stands now (with every change applied).
    public private(set) var model: LinearProgram

    /// Updates of the working basis's inverse before it is recomputed: O(m³) against O(m²) per update.
    static func refactorInterval(rows: Int) -> Int { max(64, rows) }
    /// A bound or row is met within this, relative to 1 + |bound|.
    static let primalTolerance = 1e-9
    /// A reduced cost counts as improving above this, relative to the magnitudes it is computed from.
    static let dualTolerance = 1e-9
    /// Pivots in one solve before the GUB simplex hands it to GLPK (cycling on a degenerate vertex).
    static func iterationLimit(rows: Int, columns: Int) -> Int { 1000 + 20 * (rows + columns) }

    private let options: SolverOptions
    /// GLPK, once the GUB simplex has given up (it then answers every solve).
    private var glpk: GLPKSession?
    /// +1 when maximising, −1 when minimising: the simplex maximises `direction · c`.
    private let direction: Double

    // Rows: m coupling rows (with a logical variable each, r_i = Σ a_ij x_j within its bounds)
    // and the GUB sets.
    private let m: Int
    private let setCount: Int
    private let couplingOfRow: [Int]
    private let setOfRow: [Int]
    private let modelRowOfCoupling: [Int]
    private let modelRowOfSet: [Int]
    private let rowLower: [Double], rowUpper: [Double]
    private let setRHS: [Double]

    // Columns (growable): objective, bounds, GUB set (−1: none), coupling entries by column.
    private var n = 0
    private var cost: [Double] = []
    private var lower: [Double] = [], upper: [Double] = []
    private var setOf: [Int] = []
    private var columnStart: [Int] = [0]
    private var columnRow: [Int] = []
    private var columnValue: [Double] = []

    // The basis. A variable is encoded as j ≥ 0 (column j) or −1 − i (row i's logical).
    private var columnStatus: [BasisStatus] = []
    /// Each column's place: ≥ 0 its working position, −1 non-basic, −2 its set's key.
    private var place: [Int] = []
    private let rowStatus: UnsafeMutableBufferPointer<BasisStatus>
    private let rowPlace: UnsafeMutableBufferPointer<Int>
    /// The encoded variable at each working position.
    private let head: UnsafeMutableBufferPointer<Int>
    /// The key column of each set.
    private let key: UnsafeMutableBufferPointer<Int>
    private var hasBasis = false
    /// Whether the basic values are those of the current basis and bounds.
    private var valuesCurrent = false
    private let workingValue: UnsafeMutableBufferPointer<Double>
    private let keyValue: UnsafeMutableBufferPointer<Double>
    /// The working basis's inverse, m × m by rows.
    private let inverse: UnsafeMutableBufferPointer<Double>
    private var updatesSinceRefactor = 0
    private let factorWork: UnsafeMutableBufferPointer<Double>
    private let factorIndices: UnsafeMutableBufferPointer<Int>
    /// The columns priced at each pivot until none of them improves (``priceColumns``).
    private var candidateList: [Int] = []
    /// Where the next refill of the candidate list starts.
    private var pricingCursor = 0
    /// How many columns a pricing pass keeps for the next pivots.
    static let candidateListLength = 1024

    /// Validates and loads `model` (an LP) whose rows `gubRows` are GUB rows, on the current
    /// thread; `options` are GLPK's, for the solves it answers. Rows that are not of that form
    /// (an inequality, a coefficient other than 1, a column in two of them, an empty one) make
    /// the whole LP GLPK's.
    public init(_ model: LinearProgram, gubRows: [Int], options: SolverOptions = SolverOptions()) throws(LPError) {
        try model.validate()
        try options.validate()
        if model.isMixedInteger { throw .invalidOption("a session solves LPs only; the model has integer variables") }
        if options.method == .interiorPoint { throw .invalidOption("a session warm-starts the simplex method; interior point has no basis") }
        self.model = model
        self.options = options
        direction = model.sense == .maximize ? 1 : -1
        let rows = model.constraintCount
        var setOfRow = [Int](repeating: -1, count: rows), couplingOfRow = [Int](repeating: -1, count: rows)
        var modelRowOfSet: [Int] = [], modelRowOfCoupling: [Int] = []
        var structureProblem: String?
        for i in gubRows {
            guard i >= 0 && i < rows else { throw .invalidOption("GUB row #\(i) does not exist") }
            guard setOfRow[i] < 0 else { throw .invalidOption("GUB row #\(i) is listed twice") }
            let bounds = model.constraints[i].bounds
            if bounds.lower != bounds.upper { structureProblem = "GUB row #\(i) is not an equality" }
            setOfRow[i] = modelRowOfSet.count
            modelRowOfSet.append(i)
        }
        for i in 0..<rows where setOfRow[i] < 0 {
            couplingOfRow[i] = modelRowOfCoupling.count
            modelRowOfCoupling.append(i)
        }
        m = modelRowOfCoupling.count
        setCount = modelRowOfSet.count
        self.setOfRow = setOfRow
        self.couplingOfRow = couplingOfRow
        self.modelRowOfSet = modelRowOfSet
        self.modelRowOfCoupling = modelRowOfCoupling
        rowLower = modelRowOfCoupling.map { model.constraints[$0].bounds.lower }
        rowUpper = modelRowOfCoupling.map { model.constraints[$0].bounds.upper }
        setRHS = modelRowOfSet.map { model.constraints[$0].bounds.lower }
        func buffer<T>(_ value: T, _ count: Int) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
            b.initialize(repeating: value)
            return b
        }
        rowStatus = buffer(.basic, m)
        rowPlace = buffer(-1, m)
        head = buffer(0, m)
        key = buffer(-1, setCount)
        workingValue = buffer(0, m)
        keyValue = buffer(0, setCount)
        inverse = .allocate(capacity: max(1, m * m))
        factorWork = .allocate(capacity: max(1, 2 * m * m))
        factorIndices = .allocate(capacity: max(1, 2 * m))

        // The columns by column, coupling entries apart from GUB memberships.
        var entries = [[(row: Int, value: Double)]](repeating: [], count: model.variableCount)
        var set = [Int](repeating: -1, count: model.variableCount)
        model.forEachNonZero { i, j, a in
            if couplingOfRow[i] >= 0 {
                entries[j].append((couplingOfRow[i], a))
            } else if a != 1 {
                structureProblem = structureProblem ?? "a coefficient of GUB row #\(i) is \(a), not 1"
            } else if set[j] >= 0 {
                structureProblem = structureProblem ?? "column #\(j) is in two GUB rows"
            } else {
                set[j] = setOfRow[i]
            }
        }
        for j in 0..<model.variableCount {
            let variable = model.variables[j]
            appendColumn(objective: variable.objective, lower: variable.lower, upper: variable.upper,
                         set: set[j], entries: entries[j].sorted { $0.row < $1.row })
        }
        var membersOfSet = [Int](repeating: 0, count: setCount)
        for b in set where b >= 0 { membersOfSet[b] += 1 }
        if structureProblem == nil, let b = membersOfSet.firstIndex(of: 0) {
            structureProblem = "GUB row #\(modelRowOfSet[b]) has no column"
        }
        if let structureProblem {
            statistics.gaveUp = structureProblem
            glpk = try GLPKSession(model, options: options)
        }
    }

    deinit {
        for b in [workingValue, keyValue] { b.deallocate() }
        for b in [rowPlace, head, key] { b.deallocate() }
        rowStatus.deallocate()
        inverse.deallocate()
        factorWork.deallocate()
        factorIndices.deallocate()
    }

    private func appendColumn(objective: Double, lower l: Double, upper u: Double, set b: Int, entries: [(row: Int, value: Double)]) {
        cost.append(objective)
        lower.append(l)
        upper.append(u)
        setOf.append(b)
        for (i, a) in entries where a != 0 {
            columnRow.append(i)
            columnValue.append(a)
        }
        columnStart.append(columnRow.count)
        columnStatus.append(Self.boundStatus(lower: l, upper: u, preferUpper: false))
        place.append(-1)
        n += 1
    }

    private static func boundStatus(lower l: Double, upper u: Double, preferUpper: Bool) -> BasisStatus {
        if l == u { return .fixed }
        if preferUpper && u.isFinite { return .atUpper }
        if l.isFinite { return .atLower }
        if u.isFinite { return .atUpper }
        return .free
    }

    // MARK: Changes between solves

    /// Changes the objective coefficient of a variable.
    public func setObjective(_ coefficient: Double, for variable: VariableID) throws(LPError) {
        try checkVariable(variable)
        guard coefficient.isFinite else { throw .invalidObjectiveCoefficient(variable: model.displayName(of: variable), value: coefficient) }
        try LinearProgram.checkMagnitude(coefficient, tinyAllowed: true, "objective of \(model.displayName(of: variable))")
        model.setObjective(coefficient, for: variable)
        if let glpk { try glpk.setObjective(coefficient, for: variable); return }
        cost[variable.index] = coefficient
    }

    /// Changes the bounds of a variable.
    public func setBounds(of variable: VariableID, lower l: Double, upper u: Double) throws(LPError) {
        try checkVariable(variable)
        if l.isNaN || u.isNaN || l == .infinity || u == -.infinity || l > u {
            throw .invalidVariableBounds(variable: model.displayName(of: variable), lower: l, upper: u)
        }
        try LinearProgram.checkMagnitude(l, tinyAllowed: true, "lower bound of \(model.displayName(of: variable))")
        try LinearProgram.checkMagnitude(u, tinyAllowed: true, "upper bound of \(model.displayName(of: variable))")
        model.setBounds(of: variable, lower: l, upper: u)
        if let glpk { try glpk.setBounds(of: variable, lower: l, upper: u); return }
        let j = variable.index
        lower[j] = l
        upper[j] = u
        if place[j] == -1 { columnStatus[j] = Self.boundStatus(lower: l, upper: u, preferUpper: columnStatus[j] == .atUpper) }
        valuesCurrent = false
    }

    /// Adds a continuous variable with its coefficients in existing constraints (a column, as
    /// column generation adds them), non-basic at its lower bound: the basis stays, the next
    /// solve is warm. A coefficient other than 1 in a GUB row, or a column in two GUB rows,
    /// makes the LP GLPK's from then on.
    @discardableResult
    public func addVariable(lower l: Double = 0, upper u: Double = .infinity, objective: Double = 0,
                            column: [LinearTerm.Row]) throws(LPError) -> VariableID {
        let merged = try model.checkedNewColumn(column, label: "#\(model.variableCount)", lower: l, upper: u, objective: objective)
        let id = model.addVariable(name: "", lower: l, upper: u, objective: objective)
        for (row, value) in merged { model.appendEntry(row: Int32(row), term: LinearTerm(id, value)) }
        if let glpk {
            try glpk.addVariable(lower: l, upper: u, objective: objective, column: merged.map { LinearTerm.Row(ConstraintID($0.row), $0.value) })
            return id
        }
        var set = -1, entries: [(row: Int, value: Double)] = [], problem: String?
        for (row, a) in merged {
            if couplingOfRow[row] >= 0 { entries.append((couplingOfRow[row], a)) }
            else if a != 1 { problem = "a new column's coefficient in GUB row #\(row) is \(a), not 1" }
            else if set >= 0 { problem = "a new column is in two GUB rows" }
            else { set = setOfRow[row] }
        }
        if let problem { try handToGLPK(problem) ; return id }
        appendColumn(objective: objective, lower: l, upper: u, set: set, entries: entries)
        if nonbasicValue(status: columnStatus[n - 1], lower: l, upper: u) != 0 { valuesCurrent = false }
        return id
    }

    /// Whether `variable` is basic in the current basis (false before any solve).
    public func isBasic(_ variable: VariableID) throws(LPError) -> Bool {
        try checkVariable(variable)
        if let glpk { return try glpk.isBasic(variable) }
        return hasBasis && place[variable.index] != -1
    }

    /// Removes `variables` (distinct) and their coefficients; the others keep their order and are
    /// renumbered. Removing only non-basic variables keeps the basis, so the next solve stays
    /// warm; removing a basic one makes the next solve start afresh.
    public func removeVariables(_ variables: [VariableID]) throws(LPError) {
        guard !variables.isEmpty else { return }
        for variable in variables { try checkVariable(variable) }
        let removed = Set(variables.map(\.index))
        guard removed.count == variables.count else { throw .invalidOption("a variable is listed twice for removal") }
        model.removeVariables(removed)
        if let glpk { try glpk.removeVariables(variables); return }
        var newIndex = [Int](repeating: -1, count: n)
        var keptCount = 0
        var basisLost = false
        for j in 0..<n {
            if removed.contains(j) {
                if hasBasis && place[j] != -1 { basisLost = true }
                if place[j] == -1 && nonbasicValue(status: columnStatus[j], lower: lower[j], upper: upper[j]) != 0 { valuesCurrent = false }
                continue
            }
            newIndex[j] = keptCount
            keptCount += 1
        }
        var start = [0], rowsKept: [Int] = [], valuesKept: [Double] = []
        rowsKept.reserveCapacity(columnRow.count)
        valuesKept.reserveCapacity(columnValue.count)
        for j in 0..<n where newIndex[j] >= 0 {
            for e in columnStart[j]..<columnStart[j + 1] {
                rowsKept.append(columnRow[e])
                valuesKept.append(columnValue[e])
            }
            start.append(rowsKept.count)
        }
        func keep<T>(_ values: [T]) -> [T] { (0..<n).compactMap { newIndex[$0] >= 0 ? values[$0] : nil } }
        cost = keep(cost)
        lower = keep(lower)
        upper = keep(upper)
        setOf = keep(setOf)
        columnStatus = keep(columnStatus)
        place = keep(place)
        columnStart = start
        columnRow = rowsKept
        columnValue = valuesKept
        n = keptCount
        candidateList = []
        var membersOfSet = [Int](repeating: 0, count: setCount)
        for b in setOf where b >= 0 { membersOfSet[b] += 1 }
        if let b = membersOfSet.firstIndex(of: 0) {
            try handToGLPK("GUB row #\(modelRowOfSet[b]) has no column left")
            return
        }
        if basisLost {
            hasBasis = false
            return
        }
        guard hasBasis else { return }
        for r in 0..<m where head[r] >= 0 { head[r] = newIndex[head[r]] }
        for b in 0..<setCount { key[b] = newIndex[key[b]] }
    }

    private func checkVariable(_ variable: VariableID) throws(LPError) {
        guard variable.index >= 0 && variable.index < model.variableCount else {
            throw .invalidOption("variable #\(variable.index) does not exist")
        }
    }

    /// Loads the current LP into GLPK, which answers every solve from now on.
    private func handToGLPK(_ reason: String) throws(LPError) {
        statistics.gaveUp = statistics.gaveUp ?? reason
        glpk = try GLPKSession(model, options: options)
    }

    // MARK: Solving

    /// Solves from the last basis (a crash basis the first time): by the GUB simplex when it
    /// finishes cleanly, otherwise (and from then on) by GLPK.
    public func solve() -> SolveResult {
        if glpk == nil {
            if !hasBasis { crash() }
            if hasBasis, let result = gubSolve() {
                statistics.gubSolves += 1
                return result
            }
            do { try handToGLPK("the GUB simplex did not finish a solve") } catch {
                return SolveResult(termination: Termination(reason: .numericalError, detail: "\(error)"),
                                   objectiveValue: nil, variableValues: [], rowActivities: [])
            }
        }
        statistics.glpkSolves += 1
        return glpk!.solve()
    }

    /// A starting basis: every coupling row's logical in the working basis (W = −I) and each
    /// set's first column as its key; phase 1 repairs what it leaves infeasible.
    private func crash() {
        for j in 0..<n {
            place[j] = -1
            columnStatus[j] = Self.boundStatus(lower: lower[j], upper: upper[j], preferUpper: false)
        }
        for b in 0..<setCount { key[b] = -1 }
        for j in 0..<n where setOf[j] >= 0 && key[setOf[j]] < 0 {
            key[setOf[j]] = j
            place[j] = -2
            columnStatus[j] = .basic
        }
        guard !(0..<setCount).contains(where: { key[$0] < 0 }) else { return }
        for i in 0..<m {
            head[i] = -1 - i
            rowPlace[i] = i
            rowStatus[i] = .basic
        }
        inverse.update(repeating: 0)
        for i in 0..<m { inverse[i * m + i] = -1 }
        updatesSinceRefactor = 0
        hasBasis = true
        computeValues()
    }

    /// The value of a non-basic variable (at its bound; a free one at zero).
    private func nonbasicValue(status s: BasisStatus, lower l: Double, upper u: Double) -> Double {
        switch s {
        case .atLower, .fixed: l
        case .atUpper: u
        case .free, .basic: 0
        }
    }

    private func variableLower(_ v: Int) -> Double { v >= 0 ? lower[v] : rowLower[-1 - v] }
    private func variableUpper(_ v: Int) -> Double { v >= 0 ? upper[v] : rowUpper[-1 - v] }

    /// Adds `scale`·ā_v into `w` (dense, length m): a column minus its set's key, a column of no
    /// set as it is, a logical's −e_i.
    private func addReducedColumn(_ v: Int, scale: Double, into w: UnsafeMutableBufferPointer<Double>) {
        guard v >= 0 else {
            w[-1 - v] -= scale
            return
        }
        for e in columnStart[v]..<columnStart[v + 1] { w[columnRow[e]] += scale * columnValue[e] }
        let b = setOf[v]
        if b >= 0 {
            let k = key[b]
            for e in columnStart[k]..<columnStart[k + 1] { w[columnRow[e]] -= scale * columnValue[e] }
        }
    }

    /// Recomputes the working basis's inverse (Gauss–Jordan with partial pivoting over the
    /// pivot rows' non-zeros) and the basic values; false (and no basis) when it is singular.
    private func refactor() -> Bool {
        statistics.refactorisations += 1
        hasBasis = false
        let w = factorWork, nonZeros = factorIndices, width = 2 * m
        w.update(repeating: 0)
        let column = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, m))
        defer { column.deallocate() }
        for r in 0..<m {
            column.update(repeating: 0)
            addReducedColumn(head[r], scale: 1, into: column)
            for i in 0..<m where column[i] != 0 { w[i * width + r] = column[i] }
            w[r * width + m + r] = 1
        }
        guard DenseInverse.gaussJordan(w, order: m, nonZeros: nonZeros, into: inverse) else { return false }
        updatesSinceRefactor = 0
        hasBasis = true
        computeValues()
        return true
    }

    /// The basic values of the current basis: W·x_W = −Σ_b ρ_b·a_key(b) − Σ_N ā_v·x_v, then each
    /// key ρ_b less its set's other columns.
    private func computeValues() {
        let rhs = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, m))
        defer { rhs.deallocate() }
        rhs.update(repeating: 0)
        // The arrays are read through local copies (no exclusivity checks in the loops: they
        // were 7 million calls at 2,000 communes).
        let m = self.m, n = self.n, setRHS = self.setRHS, key = self.key, inverse = self.inverse
        let start = columnStart, rows = columnRow, values = columnValue
        let place = self.place, setOf = self.setOf, status = columnStatus, lower = self.lower, upper = self.upper
        let workingValue = self.workingValue, keyValue = self.keyValue
        for b in 0..<setCount where setRHS[b] != 0 {
            let k = key[b]
            for e in start[k]..<start[k + 1] { rhs[rows[e]] -= setRHS[b] * values[e] }
        }
        for j in 0..<n where place[j] == -1 {
            let v = nonbasicValue(status: status[j], lower: lower[j], upper: upper[j])
            guard v != 0 else { continue }
            // −v·(a_j − a_key(j)): the column minus its set's key (``addReducedColumn``).
            for e in start[j]..<start[j + 1] { rhs[rows[e]] -= v * values[e] }
            let b = setOf[j]
            if b >= 0 {
                let k = key[b]
                for e in start[k]..<start[k + 1] { rhs[rows[e]] += v * values[e] }
            }
        }
        for i in 0..<m where rowPlace[i] == -1 {
            let v = nonbasicValue(status: rowStatus[i], lower: rowLower[i], upper: rowUpper[i])
            if v != 0 { rhs[i] += v }
        }
        for r in 0..<m {
            var s = 0.0
            for i in 0..<m { s += inverse[r * m + i] * rhs[i] }
            workingValue[r] = s
        }
        for b in 0..<setCount { keyValue[b] = setRHS[b] }
        for j in 0..<n where setOf[j] >= 0 && place[j] != -2 {
            let v = place[j] >= 0 ? workingValue[place[j]] : nonbasicValue(status: status[j], lower: lower[j], upper: upper[j])
            keyValue[setOf[j]] -= v
        }
        valuesCurrent = true
    }

    /// Re-solves from the current basis; nil when it cannot finish cleanly.
    private func gubSolve() -> SolveResult? {
        if !valuesCurrent { computeValues() }
        candidateList = []
        let limit = Self.iterationLimit(rows: m, columns: n)
        let refactorEvery = Self.refactorInterval(rows: m)
        var iterations = 0
        let y = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, m))
        let alpha = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, m))
        let workingCost = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, m))
        let keyPhase = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, setCount))
        let mu = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, setCount))
        let muStamp = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, setCount))
        let kappa = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, setCount))
        // The ratio test's candidates: working positions r ≥ 0, keys −1 − b.
        let candidate = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * m + 1)
        let candidateDelta = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * m + 1)
        let candidateBound = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * m + 1)
        var touched: [Int] = []
        defer {
            for b in [y, alpha, workingCost, keyPhase, mu, kappa, candidateDelta, candidateBound] { b.deallocate() }
            muStamp.deallocate()
            candidate.deallocate()
        }
        muStamp.update(repeating: -1)
        kappa.update(repeating: 0)
        var stamp = 0
        var phase1 = false
        // Whether y holds phase 2's duals for the current basis (kept by each plain pivot's update).
        var dualsCurrent = false
        var freshFactor = updatesSinceRefactor == 0

        func infeasibility(_ v: Double, _ l: Double, _ u: Double) -> Double {
            if l.isFinite && v < l - Self.primalTolerance * (1 + abs(l)) { return 1 }
            if u.isFinite && v > u + Self.primalTolerance * (1 + abs(u)) { return -1 }
            return 0
        }
        // Each key's phase-1 cost (+1 below its lower bound, −1 above its upper one), kept up to
        // date for the keys a pivot moves: a scan of every set per pivot would cost O(sets).
        var infeasibleKeys = 0
        func updateKeyPhase(_ b: Int) {
            let k = key[b]
            let c = infeasibility(keyValue[b], lower[k], upper[k])
            if keyPhase[b] != 0 { infeasibleKeys -= 1 }
            if c != 0 { infeasibleKeys += 1 }
            keyPhase[b] = c
        }
        func scanKeys() {
            infeasibleKeys = 0
            for b in 0..<setCount {
                keyPhase[b] = 0
                updateKeyPhase(b)
            }
        }
        scanKeys()

        while true {
            // Phase 1 while a basic variable (working or key) is outside its bounds: maximise
            // −(sum of infeasibilities). Phase 2 maximises direction·c.
            var anyInfeasible = infeasibleKeys > 0
            for r in 0..<m {
                let v = head[r]
                let c = infeasibility(workingValue[r], variableLower(v), variableUpper(v))
                workingCost[r] = c
                if c != 0 { anyInfeasible = true }
            }
            if !anyInfeasible {
                for r in 0..<m { workingCost[r] = head[r] >= 0 ? direction * cost[head[r]] : 0 }
            }
            if anyInfeasible != phase1 { dualsCurrent = false }
            phase1 = anyInfeasible
            // Duals: Wᵀy = c̄_W (a working column's cost less its key's).
            if phase1 || !dualsCurrent {
                for i in 0..<m { y[i] = 0 }
                for r in 0..<m {
                    let v = head[r]
                    var c = workingCost[r]
                    if v >= 0, setOf[v] >= 0 {
                        let b = setOf[v]
                        c -= phase1 ? keyPhase[b] : direction * cost[key[b]]
                    }
                    guard c != 0 else { continue }
                    DenseInverse.add(c, times: inverse.baseAddress! + r * m, to: y.baseAddress!, count: m)
                }
                dualsCurrent = !phase1
                stamp += 1
            }
            // Pricing (Dantzig): every logical, then the columns a part at a time from the cursor
            // (every column before an optimum is declared).
            var entering = Int.min, step = 0.0, bestScore = 0.0, enteringReducedCost = 0.0
            for i in 0..<m where rowPlace[i] == -1 && rowStatus[i] != .fixed {
                let d = y[i]
                let tolerance = Self.dualTolerance * (1 + abs(d))
                var s = 0.0
                switch rowStatus[i] {
                case .atLower: if d > tolerance { s = 1 }
                case .atUpper: if d < -tolerance { s = -1 }
                case .free: if abs(d) > tolerance { s = d > 0 ? 1 : -1 }
                case .basic, .fixed: break
                }
                if s != 0 && abs(d) > bestScore { entering = -1 - i; step = s; bestScore = abs(d); enteringReducedCost = d }
            }
            let priced = priceColumns(y: y, keyPhase: keyPhase, mu: mu, muStamp: muStamp, stamp: stamp, phase1: phase1)
            if let priced, priced.score > bestScore {
                entering = priced.column
                step = priced.step
                enteringReducedCost = priced.reducedCost
            }
            if entering == Int.min {
                if phase1 { return nil }   // no feasible point within the tolerance: GLPK says why
                // An optimum is declared on a fresh inverse only.
                if !freshFactor {
                    guard refactor() else { return nil }
                    freshFactor = true
                    dualsCurrent = false
                    scanKeys()
                    continue
                }
                break
            }
            if iterations >= limit { return nil }
            iterations += 1
            statistics.iterations += 1
            freshFactor = false
            // α = W⁻¹ ā_q: a unit step of x_q changes x_W by −α·step, and each key by
            // step·(Σ α over its set's working columns − [q in the set]).
            let q = entering
            let column = candidateBound   // scratch for ā_q (length ≥ m)
            for i in 0..<m { column[i] = 0 }
            addReducedColumn(q, scale: 1, into: column)
            for r in 0..<m { alpha[r] = 0 }
            for i in 0..<m where column[i] != 0 {
                // Column i of W⁻¹, read down its rows.
                let a = column[i]
                var entry = UnsafePointer(inverse.baseAddress! + i)
                for r in 0..<m {
                    alpha[r] += entry.pointee * a
                    entry += m
                }
            }
            var largest = 0.0
            for r in 0..<m { largest = max(largest, abs(alpha[r])) }
            let pivotTolerance = max(1e-12, 1e-9 * max(1, largest))
            let enteringSet = q >= 0 ? setOf[q] : -1
            touched.removeAll(keepingCapacity: true)
            if enteringSet >= 0 { touched.append(enteringSet); kappa[enteringSet] = -1 }
            for r in 0..<m where alpha[r] != 0 {
                let v = head[r]
                guard v >= 0, setOf[v] >= 0 else { continue }
                let b = setOf[v]
                if kappa[b] == 0 && !touched.contains(b) { touched.append(b) }
                kappa[b] += alpha[r]
            }
            // Candidates: (who, change per unit step).
            var count = 0
            for r in 0..<m {
                let delta = -alpha[r] * step
                guard abs(delta) > pivotTolerance else { continue }
                candidate[count] = r
                candidateDelta[count] = delta
                count += 1
            }
            var smallKeyMoves: [(set: Int, delta: Double)] = []
            for b in touched {
                let delta = kappa[b] * step
                kappa[b] = 0
                guard abs(delta) > pivotTolerance else {
                    if delta != 0 { smallKeyMoves.append((b, delta)) }
                    continue
                }
                candidate[count] = -1 - b
                candidateDelta[count] = delta
                count += 1
            }
            // Harris ratio test: the largest step within the bounds relaxed by the tolerance,
            // then, among the candidates that block no later than it, the largest pivot. A
            // basic variable outside its bounds (phase 1) blocks at the bound it moves toward.
            func info(_ c: Int) -> (value: Double, lower: Double, upper: Double, phase: Double) {
                let who = candidate[c]
                if who >= 0 {
                    let v = head[who]
                    return (workingValue[who], variableLower(v), variableUpper(v), workingCost[who])
                }
                let b = -1 - who, k = key[b]
                return (keyValue[b], lower[k], upper[k], keyPhase[b])
            }
            var relaxed = Double.infinity
            var blockBound = [Double](repeating: .nan, count: count)
            for c in 0..<count {
                let delta = candidateDelta[c]
                let (value, l, u, pc) = info(c)
                let bound: Double
                if phase1 && pc > 0 { bound = delta > 0 ? l : .nan }
                else if phase1 && pc < 0 { bound = delta < 0 ? u : .nan }
                else { bound = delta < 0 ? l : u }
                guard bound.isFinite else { continue }
                blockBound[c] = bound
                let slack = Self.primalTolerance * (1 + abs(bound))
                relaxed = min(relaxed, ((bound - value) + (delta > 0 ? slack : -slack)) / delta)
            }
            var leaving = -1, theta = Double.infinity, bestPivot = 0.0, leavesAtLower = true
            if relaxed.isFinite {
                for c in 0..<count where blockBound[c].isFinite {
                    let delta = candidateDelta[c], bound = blockBound[c]
                    let (value, _, _, pc) = info(c)
                    let atLower = phase1 && pc != 0 ? pc > 0 : delta < 0
                    let ratio = (bound - value) / delta
                    if ratio <= relaxed && abs(delta) > bestPivot {
                        leaving = c
                        theta = max(0, ratio)
                        bestPivot = abs(delta)
                        leavesAtLower = atLower
                    }
                }
            }
            let ql = variableLower(q), qu = variableUpper(q)
            let range = qu - ql
            let qStatus = q >= 0 ? columnStatus[q] : rowStatus[-1 - q]
            let qValue = nonbasicValue(status: qStatus, lower: ql, upper: qu)
            // Move every basic variable by the step (θ, or the bound flip's range).
            let move = range.isFinite && range <= theta ? range : theta
            guard move.isFinite else { return nil }   // unbounded ray: GLPK reports it
            if move != 0 {
                // Every working position α touches (also below the pivot tolerance), the keys of the sets it touches.
                for r in 0..<m where alpha[r] != 0 { workingValue[r] -= alpha[r] * step * move }
                for c in 0..<count where candidate[c] < 0 {
                    let b = -1 - candidate[c]
                    keyValue[b] += candidateDelta[c] * move
                    updateKeyPhase(b)
                }
                for (b, delta) in smallKeyMoves {
                    keyValue[b] += delta * move
                    updateKeyPhase(b)
                }
            }
            if range.isFinite && range <= theta {
                // Bound flip: x_q goes to its other bound, the basis stays.
                let flipped: BasisStatus = qStatus == .atLower ? .atUpper : .atLower
                if q >= 0 { columnStatus[q] = flipped } else { rowStatus[-1 - q] = flipped }
                continue
            }
            guard leaving >= 0 else { return nil }
            let enteringValue = qValue + step * theta
            let out = candidate[leaving]
            if out >= 0 {
                // A working column leaves: x_q takes its position.
                let r = out
                let pivot = alpha[r]
                guard abs(pivot) > pivotTolerance else { return nil }
                setNonbasic(head[r], atLower: leavesAtLower)
                setWorking(q, at: r, value: enteringValue)
                // y + d_q·(new row r of W⁻¹): Wᵀy = c̄_W again (keys unchanged).
                pivotInverse(at: r, alpha: alpha, duals: dualsCurrent ? y : nil, reducedCost: enteringReducedCost)
                if dualsCurrent { stamp += 1 }
            } else {
                // A key leaves. Its set's working positions:
                let b = -1 - out, oldKey = key[b]
                var members: [Int] = []
                for r in 0..<m where head[r] >= 0 && setOf[head[r]] == b { members.append(r) }
                if q >= 0 && setOf[q] == b {
                    // x_q becomes the key: each member's column loses ā_q (W − ā_q·1ᵀ, by
                    // Sherman–Morrison, the denominator 1 − Σ_members α ≠ 0 as the key moved).
                    if !members.isEmpty {
                        var sumAlpha = 0.0
                        for r in members { sumAlpha += alpha[r] }
                        let denominator = 1 - sumAlpha
                        guard abs(denominator) > pivotTolerance else { return nil }
                        var sigma = [Double](repeating: 0, count: m)
                        for r in members { for j in 0..<m { sigma[j] += inverse[r * m + j] } }
                        let nonZeros = (0..<m).filter { sigma[$0] != 0 }
                        for s in 0..<m where alpha[s] != 0 {
                            let f = alpha[s] / denominator, row = s * m
                            for j in nonZeros { inverse[row + j] += f * sigma[j] }
                        }
                        // The members' costs drop by c̄_q: W'ᵀy' = c̄ − c̄_q·1_S gives
                        // y' = y − d_q·Σ_{r∈S} (row r of the new W⁻¹).
                        if dualsCurrent {
                            for r in members {
                                let row = r * m
                                for i in 0..<m where inverse[row + i] != 0 { y[i] -= enteringReducedCost * inverse[row + i] }
                            }
                        }
                    }
                    setNonbasic(oldKey, atLower: leavesAtLower)
                    key[b] = q
                    place[q] = -2
                    columnStatus[q] = .basic
                    keyValue[b] = enteringValue
                    updateKeyPhase(b)
                    // With no working column in the set, W and c̄_W stay: so do the duals y,
                    // and only the set's μ moves (to its new key's).
                    if members.isEmpty {
                        muStamp[b] = -1
                        continue
                    }
                    stamp += 1
                } else {
                    // A member j becomes the key; the old key takes j's position and leaves from
                    // it as x_q enters (row r* of W⁻¹ becomes −Σ_members rows; then the plain update).
                    guard !members.isEmpty else { return nil }
                    var rStar = members[0]
                    for r in members where abs(alpha[r]) > abs(alpha[rStar]) { rStar = r }
                    let j = head[rStar]
                    var newRow = [Double](repeating: 0, count: m)
                    var alphaStar = 0.0
                    for r in members {
                        alphaStar -= alpha[r]
                        for t in 0..<m { newRow[t] -= inverse[r * m + t] }
                    }
                    for t in 0..<m { inverse[rStar * m + t] = newRow[t] }
                    alpha[rStar] = alphaStar
                    let jValue = workingValue[rStar]
                    key[b] = j
                    place[j] = -2
                    columnStatus[j] = .basic
                    keyValue[b] = jValue
                    updateKeyPhase(b)
                    head[rStar] = oldKey
                    place[oldKey] = rStar
                    // Now the plain pivot at r*: the old key leaves, x_q enters.
                    let pivot = alpha[rStar]
                    guard abs(pivot) > pivotTolerance else { return nil }
                    setNonbasic(oldKey, atLower: leavesAtLower)
                    setWorking(q, at: rStar, value: enteringValue)
                    // The key swap leaves y as it is (W'ᵀy = c̄ − c̄_j·v = c̄', as ā_jᵀy = c̄_j),
                    // and d_q with it; then the plain pivot's update.
                    pivotInverse(at: rStar, alpha: alpha, duals: dualsCurrent ? y : nil, reducedCost: enteringReducedCost)
                    stamp += 1
                }
            }
            updatesSinceRefactor += 1
            if updatesSinceRefactor >= refactorEvery {
                guard refactor() else { return nil }
                freshFactor = true
                dualsCurrent = false
                scanKeys()
            }
        }
        return finish(iterations: iterations, duals: Array(y), setDuals: (0..<setCount).map { setDual($0, y: y) })
    }

    /// Dantzig's rule with a candidate list (multiple pricing): the columns that improved at the
    /// last full pass, best first, are priced again at each pivot, and the whole set of columns
    /// only when none of them still improves. Returns the best improving column with its
    /// direction, reduced cost and score; nil when no column improves (after a full pass). The
    /// column arrays are read through buffer pointers: the loops index them at every pivot, and
    /// an array's subscript checks the bounds (and a class's property the exclusivity) each time.
    private func priceColumns(y: UnsafeMutableBufferPointer<Double>, keyPhase: UnsafeMutableBufferPointer<Double>,
                              mu: UnsafeMutableBufferPointer<Double>, muStamp: UnsafeMutableBufferPointer<Int>,
                              stamp: Int, phase1: Bool) -> (column: Int, step: Double, reducedCost: Double, score: Double)? {
        guard n > 0 else { return nil }
        return columnStatus.withUnsafeBufferPointer { status in
            cost.withUnsafeBufferPointer { cost in
                columnStart.withUnsafeBufferPointer { start in
                    columnRow.withUnsafeBufferPointer { rows in
                        columnValue.withUnsafeBufferPointer { values in
                            setOf.withUnsafeBufferPointer { setOf in
                                priceColumns(ColumnArrays(status: status, cost: cost, start: start, rows: rows, values: values, setOf: setOf),
                                             y: y, keyPhase: keyPhase, mu: mu, muStamp: muStamp, stamp: stamp, phase1: phase1)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The column arrays as ``priceColumns(y:keyPhase:mu:muStamp:stamp:phase1:)`` reads them.
    private struct ColumnArrays {
        let status: UnsafeBufferPointer<BasisStatus>, cost: UnsafeBufferPointer<Double>
        let start: UnsafeBufferPointer<Int>, rows: UnsafeBufferPointer<Int>, values: UnsafeBufferPointer<Double>
        let setOf: UnsafeBufferPointer<Int>
    }

    private func priceColumns(_ columns: ColumnArrays, y: UnsafeMutableBufferPointer<Double>, keyPhase: UnsafeMutableBufferPointer<Double>,
                              mu: UnsafeMutableBufferPointer<Double>, muStamp: UnsafeMutableBufferPointer<Int>,
                              stamp: Int, phase1: Bool) -> (column: Int, step: Double, reducedCost: Double, score: Double)? {
        let n = self.n
        let status = columns.status, cost = columns.cost, start = columns.start, rows = columns.rows, values = columns.values
        let setOf = columns.setOf, key = self.key, direction = self.direction
        func dualOfSet(_ b: Int) -> Double {
            if muStamp[b] == stamp { return mu[b] }
            let k = key[b]
            var value = phase1 ? keyPhase[b] : direction * cost[k]
            for e in start[k]..<start[k + 1] { value -= y[rows[e]] * values[e] }
            mu[b] = value
            muStamp[b] = stamp
            return value
        }
        /// Column j's direction and reduced cost (direction 0: it does not improve).
        func price(_ j: Int) -> (step: Double, reducedCost: Double) {
            let s0 = status[j]
            guard s0 != .basic && s0 != .fixed else { return (0, 0) }
            var d = phase1 ? 0 : direction * cost[j], magnitude = 1 + abs(d)
            for e in start[j]..<start[j + 1] {
                let term = y[rows[e]] * values[e]
                d -= term
                magnitude += abs(term)
            }
            let b = setOf[j]
            if b >= 0 {
                let mb = dualOfSet(b)
                d -= mb
                magnitude += abs(mb)
            }
            let tolerance = Self.dualTolerance * magnitude
            switch s0 {
            case .atLower: return (d > tolerance ? 1 : 0, d)
            case .atUpper: return (d < -tolerance ? -1 : 0, d)
            case .free: return (abs(d) > tolerance ? (d > 0 ? 1 : -1) : 0, d)
            case .basic, .fixed: return (0, d)
            }
        }
        var best: (column: Int, step: Double, reducedCost: Double, score: Double)?
        var kept: [Int] = []
        kept.reserveCapacity(candidateList.count)
        for j in candidateList {
            let (s, d) = price(j)
            guard s != 0 else { continue }
            kept.append(j)
            if abs(d) > (best?.score ?? 0) { best = (j, s, d, abs(d)) }
        }
        candidateList = kept
        if best != nil { return best }
        // A refill: the columns from the cursor on, a part at a time, until a part has an
        // improving column (every column when none has: then none improves). The improving
        // columns seen, the best ``candidateListLength`` of them, become the list.
        statistics.fullPricingPasses += 1
        var improving: [(column: Int, score: Double)] = []
        let part = max(1000, n / 2)
        var scanned = 0, cursor = pricingCursor < n ? pricingCursor : 0
        while scanned < n {
            let end = min(n, scanned + part)
            for _ in scanned..<end {
                let j = cursor
                cursor += 1
                if cursor == n { cursor = 0 }
                let (s, d) = price(j)
                guard s != 0 else { continue }
                improving.append((j, abs(d)))
                if abs(d) > (best?.score ?? 0) { best = (j, s, d, abs(d)) }
            }
            scanned = end
            if best != nil { break }
        }
        pricingCursor = cursor
        if improving.count > Self.candidateListLength {
            Self.keepLargest(Self.candidateListLength, of: &improving)
        }
        candidateList = improving.map(\.column)
        return best
    }

    /// Leaves the `k` entries of largest score at the front of `items` and drops the rest
    /// (quickselect: linear on average, where a sort of every improving column was not).
    static func keepLargest(_ k: Int, of items: inout [(column: Int, score: Double)]) {
        var low = 0, high = items.count - 1
        while low < high {
            let pivot = items[(low + high) / 2].score
            var i = low, j = high
            while i <= j {
                while items[i].score > pivot { i += 1 }
                while items[j].score < pivot { j -= 1 }
                if i <= j {
                    items.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k - 1 <= j { high = j } else if k - 1 >= i { low = i } else { break }
        }
        items.removeLast(items.count - k)
    }

    /// The dual μ_b of GUB set `b` at the duals `y` of the coupling rows (phase 2): its key's
    /// cost less the key's coupling entries priced.
    private func setDual(_ b: Int, y: UnsafeMutableBufferPointer<Double>) -> Double {
        let k = key[b]
        var value = direction * cost[k]
        for e in columnStart[k]..<columnStart[k + 1] { value -= y[columnRow[e]] * columnValue[e] }
        return value
    }

    /// The product-form update of W⁻¹ when the column at position `r` is replaced by one whose
    /// W⁻¹-image is `alpha`: row r divided by the pivot, eliminated from the others, over row r's
    /// non-zeros only (W is nearly block-diagonal, one block per pooled budget, and so is W⁻¹).
    /// With `duals`, also y + d_q·(new row r), which keeps Wᵀy = c̄_W when the entering column's
    /// reduced cost is `reducedCost`.
    private func pivotInverse(at r: Int, alpha: UnsafeMutableBufferPointer<Double>,
                              duals y: UnsafeMutableBufferPointer<Double>?, reducedCost: Double) {
        // Through raw pointers: the loops run at every pivot, and indexed buffers kept the
        // overflow checks of `row + j` in every step.
        let inv = inverse.baseAddress!, pivotRow = inv + r * m, nonZeros = factorIndices.baseAddress!, pivot = alpha[r]
        var count = 0
        for j in 0..<m where pivotRow[j] != 0 {
            pivotRow[j] /= pivot
            nonZeros[count] = j
            count &+= 1
        }
        for s in 0..<m where s != r && alpha[s] != 0 {
            let f = alpha[s], row = inv + s * m
            for t in 0..<count {
                let j = nonZeros[t]
                row[j] -= f * pivotRow[j]
            }
        }
        if let y {
            let duals = y.baseAddress!
            for t in 0..<count {
                let i = nonZeros[t]
                duals[i] += reducedCost * pivotRow[i]
            }
        }
    }

    private func setNonbasic(_ v: Int, atLower: Bool) {
        if v >= 0 {
            place[v] = -1
            columnStatus[v] = lower[v] == upper[v] ? .fixed : (atLower ? .atLower : .atUpper)
            if !lower[v].isFinite && !upper[v].isFinite { columnStatus[v] = .free }
        } else {
            let i = -1 - v
            rowPlace[i] = -1
            rowStatus[i] = rowLower[i] == rowUpper[i] ? .fixed : (atLower ? .atLower : .atUpper)
        }
    }

    private func setWorking(_ v: Int, at r: Int, value: Double) {
        head[r] = v
        workingValue[r] = value
        if v >= 0 {
            place[v] = r
            columnStatus[v] = .basic
        } else {
            rowPlace[-1 - v] = r
            rowStatus[-1 - v] = .basic
        }
    }

    /// The point of the current basis in the model's terms, checked against every bound and
    /// row; nil when the check fails.
    private func finish(iterations: Int, duals y: [Double], setDuals mu: [Double]) -> SolveResult? {
        var x = [Double](repeating: 0, count: n)
        for j in 0..<n {
            switch place[j] {
            case -2: x[j] = keyValue[setOf[j]]
            case -1: x[j] = nonbasicValue(status: columnStatus[j], lower: lower[j], upper: upper[j])
            default: x[j] = workingValue[place[j]]
            }
            let l = lower[j], u = upper[j]
            if l.isFinite && x[j] < l - Self.primalTolerance * (1 + abs(l)) { return nil }
            if u.isFinite && x[j] > u + Self.primalTolerance * (1 + abs(u)) { return nil }
        }
        let rows = model.constraintCount
        var activities = [Double](repeating: 0, count: rows)
        var size = [Double](repeating: 1, count: rows)
        var reduced = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var d = cost[j]
            for e in columnStart[j]..<columnStart[j + 1] {
                let i = columnRow[e], a = columnValue[e]
                let row = modelRowOfCoupling[i]
                activities[row] += a * x[j]
                size[row] += abs(a * x[j])
                d -= direction * y[i] * a
            }
            if setOf[j] >= 0 {
                let row = modelRowOfSet[setOf[j]]
                activities[row] += x[j]
                size[row] += abs(x[j])
                d -= direction * mu[setOf[j]]
            }
            reduced[j] = d
        }
        // Each coupling row's activity must be its logical's value, each GUB row's its ρ.
        for i in 0..<m {
            let value = rowPlace[i] >= 0 ? workingValue[rowPlace[i]] : nonbasicValue(status: rowStatus[i], lower: rowLower[i], upper: rowUpper[i])
            let row = modelRowOfCoupling[i]
            if abs(activities[row] - value) > Self.primalTolerance * size[row] { return nil }
            let l = rowLower[i], u = rowUpper[i]
            if l.isFinite && activities[row] < l - Self.primalTolerance * max(1 + abs(l), size[row]) { return nil }
            if u.isFinite && activities[row] > u + Self.primalTolerance * max(1 + abs(u), size[row]) { return nil }
        }
        for b in 0..<setCount where abs(activities[modelRowOfSet[b]] - setRHS[b]) > Self.primalTolerance * size[modelRowOfSet[b]] { return nil }
        var rowDuals = [Double](repeating: 0, count: rows)
        for i in 0..<m { rowDuals[modelRowOfCoupling[i]] = direction * y[i] }
        for b in 0..<setCount { rowDuals[modelRowOfSet[b]] = direction * mu[b] }
        var value = model.objectiveConstant
        for j in 0..<n { value += cost[j] * x[j] }
        return SolveResult(termination: Termination(reason: .optimal, detail: "GUB primal simplex from the last basis"),
                           objectiveValue: value, variableValues: x, rowActivities: activities,
                           rowDuals: rowDuals, reducedCosts: reduced, iterations: iterations)
    }
}
