import LinearProgramming

/// How a solve ended, in the words of `summary.json`'s `status`.
public enum PlanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case optimal
    /// A solution, but a limit other than time stopped the search.
    case feasible
    case infeasible
    case unbounded
    /// The time limit stopped the search (with or without a solution).
    case timeLimit = "time_limit"
    case error

    /// The status of a solver termination.
    public init(_ termination: Termination) {
        switch termination.reason {
        case .optimal: self = .optimal
        case .feasible, .noSolutionFound: self = termination.limit == .time ? .timeLimit : (termination.reason == .feasible ? .feasible : .error)
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .infeasibleOrUnbounded: self = .infeasible
        case .numericalError: self = .error
        }
    }
}

/// One positive allocation x_{s,p}: money of a source going to a work (phân bổ).
public struct SourceAllocation: Sendable, Hashable {
    /// Index into `scenario.sources`.
    public var source: Int
    /// Index into `scenario.works`.
    public var work: Int
    /// Million VND.
    public var amount: Double
    /// The period the money is spent in (0 in a single-period plan).
    public var period: Int = 0
}

/// One pooled source in one period of a multi-year plan (docs/model.md §7.3).
public struct SourcePeriodOutcome: Sendable, Hashable {
    public var period: Int
    /// B_{s,t}.
    public var budget: Double
    /// r_{s,t−1}: carried in from the previous period.
    public var carriedIn: Double
    /// Σ_p x_{s,p,t}.
    public var used: Double
    /// r_{s,t}: carried out into the next period.
    public var carriedOut: Double
    /// Budget plus carried in, less used and carried out: money that lapses (hủy dự toán).
    public var lapsed: Double
    /// Dual of the period's budget row: objective gained per extra million in that period (an
    /// extra million is worth more where the carry-over cap binds, since it also raises the cap).
    public var shadowPrice: Double?
}

/// When a work is built in a multi-year plan: the first period it starts in and the last period
/// it is completed in (equal to one start's window when it starts once).
public struct WorkSchedule: Sendable, Hashable {
    public var start: Int
    public var finish: Int
}

/// The outcome for one commune.
public struct CommuneOutcome: Sendable, Hashable {
    /// Index into `scenario.communes`.
    public var commune: Int
    /// Total need: Σ K_p of its works.
    public var need: Double
    /// Funded amount: Σ K_p·y_p.
    public var funded: Double
    /// Money from state sources (central, local budget, integrated).
    public var fromState: Double
    /// Money from community sources (people, labour).
    public var fromCommunity: Double
    /// Money from other sources (credit, enterprise).
    public var fromOther: Double
    /// Pooled state money received.
    public var pooledState: Double
    /// Whether it has required works and all are fully funded (nil: not a target commune with required works).
    public var reachesStandard: Bool?

    /// Need not funded.
    public var gap: Double { max(0, need - funded) }
}

/// The outcome for one funding source.
public struct SourceOutcome: Sendable, Hashable {
    /// Index into `scenario.sources`.
    public var source: Int
    /// Budget (pooled) or total capacity over communes (local).
    public var available: Double
    public var used: Double
    /// Objective gained per extra million of budget (pooled sources; nil for local ones or
    /// when no duals are available). Zero when the budget is not binding.
    public var shadowPrice: Double?
    /// Budget range over which the shadow price holds (when computed).
    public var shadowPriceRange: RightHandSideRange?
    /// Multi-year plans, pooled sources: each period's budget, carry-over, use and price (empty
    /// for a single-period plan).
    public var byPeriod: [SourcePeriodOutcome] = []

    public var unused: Double { max(0, available - used) }
}

/// A rule row that binds at the optimum, with its dual value.
public struct BindingRule: Sendable, Hashable {
    public var family: ConstraintFamily
    /// Row name in the model (e.g. `budget_ntm_central`, `floor_06001`).
    public var rowName: String
    /// Row index in the model.
    public var row: Int
    public var origin: RowOrigin
    /// Objective change per unit increase of the row's right-hand side.
    public var dual: Double
}

/// Headline figures of a plan (the totals of model.md §4).
public struct PlanTotals: Sendable, Hashable {
    public var need: Double
    public var funded: Double
    /// funded / need (0 when there is no need).
    public var fundedShare: Double { need > 0 ? funded / need : 0 }
    public var worksFullyFunded: Int
    public var worksPartlyFunded: Int
    public var targetCommunesWithRequiredWorks: Int
    public var targetCommunesReachingStandard: Int
    /// Share of pooled state money going to priority communes (nil when none is used).
    public var priorityStateShare: Double?
    public var pooledStateUsed: Double
    /// Pooled state money to especially difficult communes / to border communes.
    public var pooledStateToEspeciallyDifficult: Double
    public var pooledStateToBorder: Double
    /// Community labour mobilised, in million VND.
    public var labourValueUsed: Double
    /// Community labour mobilised, in days (labour sources' value ÷ their unit value).
    public var labourDaysUsed: Double
}

/// The full answer to one solve: allocations, funded shares, per-commune and per-source
/// outcomes, totals, binding rules — everything the reports print.
public struct AllocationPlan: Sendable {
    public var scenario: Scenario
    public var mode: SolveMode
    public var termination: Termination
    public var status: PlanStatus
    public var objective: Double?
    /// MIP: final relative gap, and the best bound.
    public var mipGap: Double?
    public var bestBound: Double?
    /// MIP: the shadow prices come from the LP with the integers fixed.
    public var dualsFromFixedMIP: Bool
    /// Positive allocations, by work then source.
    public var allocations: [SourceAllocation]
    /// y_p of each work (0 without a solution).
    public var fundedShares: [Double]
    /// Reduced cost of each work's y_p (nil without duals): the objective change per unit of
    /// funded share forced on the work.
    public var shareReducedCosts: [Double]?
    public var communes: [CommuneOutcome]
    public var sources: [SourceOutcome]
    public var bindingRules: [BindingRule]
    public var totals: PlanTotals
    /// Model size.
    public var rows: Int, columns: Int, nonZeros: Int
    /// Seconds in GLPK (load + solve).
    public var solveSeconds: Double
    /// What the tie-break stage (docs/model.md §9) did; nil when it was not asked for or
    /// there is no solution.
    public var tieBreak: TieBreakOutcome? = nil
    /// Which path solved the model and, when the monolithic one though decomposing was asked
    /// for or possible, why (nil: solved by ``AllocationModel/solve(options:tieBreak:)`` directly).
    public var solvePath: SolvePathTaken? = nil
    /// Multi-year plans: each funded work's start and finish periods (nil: not funded); empty
    /// for a single-period plan.
    public var schedule: [WorkSchedule?] = []
    /// Multi-year plans: target communes whose required works are all completed by each period.
    public var targetCommunesReachingStandardByPeriod: [Int] = []

    /// MIP: the relative gap at which the search was allowed to stop and call its plan optimal
    /// (`--mip-gap`; nil for an LP or when unknown). A MIP reported optimal is optimal within it.
    public var mipGapLimit: Double? = nil

    /// Whether a solution is available.
    public var hasSolution: Bool { termination.hasSolution }

    /// Whether "optimal" means "optimal within the MIP gap limit": a MIP solved by branch-and-cut
    /// (it has a gap; a MIP-mode model without integer columns is an LP, solved exactly).
    public var isOptimalWithinGap: Bool { status == .optimal && mode == .mip && mipGap != nil }
}

/// Below this an amount (million VND, i.e. 1 VND) is zero.
public let amountTolerance = 1e-6
/// A work is fully funded when y_p ≥ 1 − this.
public let fullyFundedTolerance = 1e-6
