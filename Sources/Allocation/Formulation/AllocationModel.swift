import LinearProgramming

/// The funding-integration model (mô hình lồng ghép nguồn vốn) of one scenario, built as a
/// ``LinearProgram`` together with the index that maps its variables and rows back to
/// sources, communes, works and periods. See docs/model.md for the math; the builder
/// (``FormulationBuilder``) has one function per constraint family.
///
/// Variables, in this order: x_{s,p,t} (``pairs``), y_{p,t} (``startVariables``), z_c
/// (``standardVariables``), r_{s,t} (``carryVariables``). A scenario without `periods` (or
/// with one) has one period, t = 0, and exactly the model of docs/model.md §2 — same
/// variables, rows, names and order as before periods existed.
public struct AllocationModel: Sendable {
    public internal(set) var scenario: Scenario
    public let mode: SolveMode
    /// The linear (or mixed-integer) program handed to the solver.
    public internal(set) var program: LinearProgram
    /// Its block structure, once a decomposed solve has split it; shared with the copies that
    /// change only pooled budgets (a new model, e.g. with other works, gets its own, and so does
    /// a copy whose communes' own rows change: ``withCommuneFloor(of:)``).
    var blockCache = CommuneBlocksCache()
    /// x_{s,p,t}: one entry per eligible pair and period of the work's spending window, in
    /// variable order from index 0.
    public internal(set) var pairs: [FundingPair] = []
    /// y_{p,t}: for each work (indexed like `scenario.works`), its possible start periods S_p
    /// and their variables, in period order.
    public internal(set) var startVariables: [[WorkStart]] = []
    /// z_c of each commune that has one (target commune with a required work, Ω > 0).
    public internal(set) var standardVariables: [Int: VariableID] = [:]
    /// r_{s,t}: money of pooled source s carried from period t into t + 1.
    public internal(set) var carryVariables: [CarryVariable] = []
    /// What each row stands for (indexed like `program.constraints`).
    public internal(set) var rowOrigins: [RowOrigin] = []
    /// The budget row of each pooled source in each period (index t), where it has one.
    public internal(set) var budgetRowsByPeriod: [Int: [ConstraintID?]] = [:]
    /// The spending window of each work: possible starts S_p, duration d_p.
    public let windows: [WorkWindow]
    /// Commune index of each work.
    public let communeOfWork: [Int]
    /// Commune weight w_c of each commune.
    public let communeWeights: [Double]
    /// Work value v_p of each work (undiscounted).
    public let workValues: [Double]

    /// The budget row of each pooled source, for a single-period model (what sweeps move and
    /// what ranging reports on); empty when the model has several periods.
    public var budgetRows: [Int: ConstraintID] {
        guard scenario.periodCount == 1 else { return [:] }
        var rows: [Int: ConstraintID] = [:]
        for (s, byPeriod) in budgetRowsByPeriod { if let row = byPeriod[0] { rows[s] = row } }
        return rows
    }

    /// y_p of each work in a single-period model (its only start variable). In a multi-year
    /// model a work has one y per possible start: use ``startVariables``.
    /// Stored, not derived on each access: callers index it inside loops over the works (derived,
    /// that was quadratic: 20 % of a 2,000-commune solve).
    public internal(set) var shareVariables: [VariableID] = []

    /// Builds the model of `scenario` in `mode` (default: the scenario's own mode).
    ///
    /// The scenario must already be valid (every work's commune exists, every work has a
    /// possible start, numbers in range): ScenarioIO's loader guarantees it; a violation is a
    /// precondition failure.
    public init(scenario: Scenario, mode: SolveMode? = nil) {
        self.scenario = scenario
        self.mode = mode ?? scenario.mode
        let communeIndex = Dictionary(scenario.communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        communeOfWork = scenario.works.map { work in
            guard let c = communeIndex[work.commune] else { preconditionFailure("work \(work.id): unknown commune \(work.commune)") }
            return c
        }
        let communeOfWork = self.communeOfWork
        communeWeights = scenario.communes.map { scenario.weights.weight(of: $0, criteriaTotal: scenario.criteriaTotal) }
        workValues = scenario.works.indices.map { p in
            scenario.weights.value(of: scenario.works[p], in: scenario.communes[communeOfWork[p]],
                                   criteriaTotal: scenario.criteriaTotal)
        }
        let periods = scenario.periodCount
        windows = scenario.works.map { WorkWindow(work: $0, periods: periods) }
        program = LinearProgram(name: "ntm_alloc", sense: .maximize)
        var builder = FormulationBuilder(model: self)
        builder.build()
        builder.install(into: &self)
    }

    /// The model's size: rows, columns, non-zeros, integer columns.
    public var size: (rows: Int, columns: Int, nonZeros: Int, integers: Int) {
        (program.constraintCount, program.variableCount, program.nonZeroCount,
         program.variables.count { $0.kind != .continuous })
    }
}

/// One y_{p,t}: the share of a work started in `period`.
public struct WorkStart: Sendable, Hashable {
    /// Period index t ∈ S_p.
    public var period: Int
    public var variable: VariableID
}

/// One r_{s,t}: money of a pooled source carried from `period` into the next one.
public struct CarryVariable: Sendable, Hashable {
    public var source: Int
    public var period: Int
    public var variable: VariableID
}

/// When a work may be built (docs/model.md §7.1): its possible starts S_p = `firstStart …
/// lastStart` and its duration d_p; it spends K_p/d_p in each period of the window
/// W_p = `firstStart … lastStart + duration − 1`.
public struct WorkWindow: Sendable, Hashable {
    public var firstStart: Int
    public var lastStart: Int
    public var duration: Int

    /// The window of `work` in a plan of `periods` periods.
    public init(work: Work, periods: Int) {
        duration = max(1, work.duration)
        firstStart = work.startFrom ?? 0
        lastStart = (work.finishBy ?? (periods - 1)) - duration + 1
        precondition(firstStart <= lastStart, "work \(work.id): duration \(duration) does not fit its periods")
    }

    /// S_p, in period order.
    public var starts: ClosedRange<Int> { firstStart...lastStart }
    /// W_p, the periods it may spend in.
    public var spending: ClosedRange<Int> { firstStart...(lastStart + duration - 1) }
    /// The starts τ whose spending includes period t (τ ≤ t ≤ τ + d − 1).
    public func starts(spendingIn t: Int) -> ClosedRange<Int>? {
        let lo = max(firstStart, t - duration + 1), hi = min(lastStart, t)
        return lo <= hi ? lo...hi : nil
    }
    /// The period in which a work started at τ is completed.
    public func completion(startingIn tau: Int) -> Int { tau + duration - 1 }
}
