/// The constraint families of the model (docs/model.md §2), numbered as there.
public enum ConstraintFamily: Int, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// 1. Σ_s x_{s,p} = K_p·y_p
    case coverage = 1
    /// 2. Σ_p x_{s,p} ≤ B_s for a pooled source
    case pooledBudget
    /// 3. Σ_{p in c} x_{s,p} ≤ cap_{s,c} for a local source
    case localCapacity
    /// 4. x_{s,p} ≤ σ_s·K_p·y_p
    case shareCap
    /// 5. Σ_{state} x_{s,p} ≤ φ·K_p·y_p
    case stateShare
    /// 6. Σ_{community} x_{s,p} ≥ μ·K_p·y_p
    case communityShare
    /// 7. Σ local budget ≥ ρ·Σ central
    case counterpart
    /// 8. pooled state to priority communes ≥ g·all pooled state
    case priorityShare
    /// 9. Σ_{p in c} K_p·y_p ≥ f·Σ_{p in c} K_p
    case communeFloor
    /// 10. Σ pooled state in c ≤ cap
    case communeCap
    /// 11. y_p ≥ z_c for a required work of a target commune
    case standard
    /// 1b. (multi-year) Σ_t y_{p,t} ≤ 1: a work is started at most once
    case startOnce

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether a row of this family can span several communes (pooled budgets, counterpart,
    /// priority share). Every other family's rows stay within one commune, which is what the
    /// decomposition over communes relies on.
    public var linksCommunes: Bool {
        switch self {
        case .pooledBudget, .counterpart, .priorityShare: true
        default: false
        }
    }

    /// The scenario key that sets this family's parameter (how a planner relaxes it).
    public var scenarioKey: String {
        switch self {
        case .coverage: "works.cost"
        case .pooledBudget: "sources.<id>.budget"
        case .localCapacity: "sources.<id>.capacity_column"
        case .shareCap: "sources.<id>.max_share"
        case .stateShare: "rules.max_state_share"
        case .communityShare: "rules.min_community_share"
        case .counterpart: "rules.counterpart_ratio"
        case .priorityShare: "rules.priority_share_min"
        case .communeFloor: "rules.commune_floor"
        case .communeCap: "rules.commune_cap"
        case .standard: "weights.standard_bonus"
        case .startOnce: "works.start_from"
        }
    }

    /// ASCII identifier used in reports and JSON.
    public var identifier: String {
        switch self {
        case .coverage: "coverage"
        case .pooledBudget: "pooled_budget"
        case .localCapacity: "local_capacity"
        case .shareCap: "share_cap"
        case .stateShare: "state_share"
        case .communityShare: "community_share"
        case .counterpart: "counterpart"
        case .priorityShare: "priority_share"
        case .communeFloor: "commune_floor"
        case .communeCap: "commune_cap"
        case .standard: "standard"
        case .startOnce: "start_once"
        }
    }
}

/// What one row of the built model stands for: its family and the source, commune or work it
/// belongs to (indices into the scenario's arrays).
public struct RowOrigin: Sendable, Hashable {
    public var family: ConstraintFamily
    public var source: Int?
    public var commune: Int?
    public var work: Int?
    /// The period the row belongs to (nil for rows over the whole plan).
    public var period: Int?

    public init(family: ConstraintFamily, source: Int? = nil, commune: Int? = nil, work: Int? = nil, period: Int? = nil) {
        self.family = family
        self.source = source
        self.commune = commune
        self.work = work
        self.period = period
    }
}

/// One variable x_{s,p}: the money of source `source` going to work `work` (scenario indices).
public struct FundingPair: Sendable, Hashable {
    public var source: Int
    public var work: Int
    /// The period of the money (0 in a single-period model).
    public var period: Int = 0

    public init(source: Int, work: Int, period: Int = 0) {
        self.source = source
        self.work = work
        self.period = period
    }
}
