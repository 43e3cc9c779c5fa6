/// A scalar of a scenario that planners vary: a budget, a share, a rule. Sweeps, explanations
/// and the infeasibility diagnosis read and change scenarios through it, and name it by the same
/// key `--set` uses.
///
/// Multi-year plans (docs/model.md §7): `.budget(source:)` of a source with a budget per period
/// is its total over the plan, and setting it scales every period's budget by the same factor
/// (new total / old total; an all-zero schedule is spread equally), so that `sweep --source ID`
/// sweeps the whole schedule; `.periodBudget(source:period:)` is one period's budget
/// (`sources.<id>.budget.<label>`), and setting it changes that period alone.
public enum ScenarioParameter: Sendable, Hashable {
    case budget(source: Int)
    /// B_{s,t}: the budget of source `source` in period `period` (an index into `periods`).
    case periodBudget(source: Int, period: Int)
    case maxShare(source: Int)
    case maxStateShare(CommuneGroup)
    case minCommunityShare(CommuneGroup)
    case counterpartRatio
    case priorityShareMin
    case communeFloor
    case communeCap

    /// The parameter named by a scenario key (`rules.priority_share_min`,
    /// `rules.max_state_share.other`, `sources.<id>.budget`…), or nil.
    public init?(key: String, in scenario: Scenario) {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "rules":
            guard parts.count >= 2 else { return nil }
            let group = parts.count == 3 ? CommuneGroup(rawValue: parts[2]) : nil
            if parts.count == 3 && group == nil { return nil }
            switch (parts[1], group) {
            case ("counterpart_ratio", nil): self = .counterpartRatio
            case ("priority_share_min", nil): self = .priorityShareMin
            case ("commune_floor", nil): self = .communeFloor
            case ("commune_cap", nil): self = .communeCap
            case ("max_state_share", let g?): self = .maxStateShare(g)
            case ("min_community_share", let g?): self = .minCommunityShare(g)
            default: return nil
            }
        case "sources":
            if let (s, t) = Self.periodBudget(parts, in: scenario) {
                self = .periodBudget(source: s, period: t)
                return
            }
            guard parts.count >= 3, let field = parts.last,
                  let s = scenario.sources.firstIndex(where: { $0.id == parts[1..<(parts.count - 1)].joined(separator: ".") })
            else { return nil }
            switch field {
            case "budget" where scenario.sources[s].isPooled: self = .budget(source: s)
            case "max_share": self = .maxShare(source: s)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `sources.<id>.budget.<label>` of a source with a budget per period: its index and the period's.
    private static func periodBudget(_ parts: [String], in scenario: Scenario) -> (Int, Int)? {
        guard parts.count >= 4 else { return nil }
        for position in stride(from: parts.count - 2, through: 2, by: -1) where parts[position] == "budget" {
            let id = parts[1..<position].joined(separator: "."), label = parts[(position + 1)...].joined(separator: ".")
            if let s = scenario.sources.firstIndex(where: { $0.id == id && $0.budgetByPeriod != nil }),
               let t = scenario.periods.firstIndex(of: label) {
                return (s, t)
            }
        }
        return nil
    }

    /// The key `--set` uses for this parameter.
    public func key(in scenario: Scenario) -> String {
        switch self {
        case .budget(let s): "sources.\(scenario.sources[s].id).budget"
        case .periodBudget(let s, let t): "sources.\(scenario.sources[s].id).budget.\(scenario.periods[t])"
        case .maxShare(let s): "sources.\(scenario.sources[s].id).max_share"
        case .maxStateShare(let g): "rules.max_state_share.\(g.rawValue)"
        case .minCommunityShare(let g): "rules.min_community_share.\(g.rawValue)"
        case .counterpartRatio: "rules.counterpart_ratio"
        case .priorityShareMin: "rules.priority_share_min"
        case .communeFloor: "rules.commune_floor"
        case .communeCap: "rules.commune_cap"
        }
    }

    /// The current value (nil for an unset commune cap).
    public func value(in scenario: Scenario) -> Double? {
        switch self {
        case .budget(let s): scenario.sources[s].budget
        case .periodBudget(let s, let t): scenario.sources[s].budget(inPeriod: t)
        case .maxShare(let s): scenario.sources[s].maxShare
        case .maxStateShare(let g): scenario.rules.maxStateShare[g]
        case .minCommunityShare(let g): scenario.rules.minCommunityShare[g]
        case .counterpartRatio: scenario.rules.counterpartRatio
        case .priorityShareMin: scenario.rules.priorityShareMin
        case .communeFloor: scenario.rules.communeFloor
        case .communeCap: scenario.rules.communeCap
        }
    }

    /// The scenario with this parameter set to `value`.
    public func setting(_ value: Double, in scenario: Scenario) -> Scenario {
        var s = scenario
        switch self {
        case .budget(let i):
            if let schedule = s.sources[i].budgetByPeriod {
                let total = schedule.reduce(0, +)
                let scaled = total > 0 ? schedule.map { $0 * (value / total) }
                    : Array(repeating: value / Double(max(1, schedule.count)), count: schedule.count)
                s.sources[i].budgetByPeriod = scaled
                s.sources[i].scope = .pooled(budget: scaled.reduce(0, +))
            } else {
                s.sources[i].scope = .pooled(budget: value)
            }
        case .periodBudget(let i, let t):
            if var schedule = s.sources[i].budgetByPeriod, schedule.indices.contains(t) {
                schedule[t] = value
                s.sources[i].budgetByPeriod = schedule
                s.sources[i].scope = .pooled(budget: schedule.reduce(0, +))
            } else if t == 0 {
                s.sources[i].scope = .pooled(budget: value)
            }
        case .maxShare(let i): s.sources[i].maxShare = value
        case .maxStateShare(let g):
            if g == .priority { s.rules.maxStateShare.priority = value } else { s.rules.maxStateShare.other = value }
        case .minCommunityShare(let g):
            if g == .priority { s.rules.minCommunityShare.priority = value } else { s.rules.minCommunityShare.other = value }
        case .counterpartRatio: s.rules.counterpartRatio = value
        case .priorityShareMin: s.rules.priorityShareMin = value
        case .communeFloor: s.rules.communeFloor = value
        case .communeCap: s.rules.communeCap = value
        }
        return s
    }

    /// Whether this is a pooled budget (the whole plan's or one period's): money, not a share, so a
    /// sweep may take it above 1.
    public var isBudget: Bool {
        switch self {
        case .budget, .periodBudget: true
        default: false
        }
    }

    /// Whether a larger value makes the rule looser (budgets, caps, maximum shares) rather than
    /// tighter (floors, minimum shares, ratios).
    public var largerIsLooser: Bool {
        switch self {
        case .budget, .periodBudget, .maxShare, .maxStateShare, .communeCap: true
        case .minCommunityShare, .counterpartRatio, .priorityShareMin, .communeFloor: false
        }
    }

    /// The loosest value the rule can take in this scenario (the rule then no longer binds).
    public func loosest(in scenario: Scenario) -> Double {
        switch self {
        case .maxShare, .maxStateShare: 1
        case .minCommunityShare, .counterpartRatio, .priorityShareMin, .communeFloor: 0
        case .budget, .periodBudget, .communeCap: scenario.works.reduce(0) { $0 + $1.cost }
        }
    }

    /// The constraint family this parameter controls.
    public var family: ConstraintFamily {
        switch self {
        case .budget, .periodBudget: .pooledBudget
        case .maxShare: .shareCap
        case .maxStateShare: .stateShare
        case .minCommunityShare: .communityShare
        case .counterpartRatio: .counterpart
        case .priorityShareMin: .priorityShare
        case .communeFloor: .communeFloor
        case .communeCap: .communeCap
        }
    }
}
