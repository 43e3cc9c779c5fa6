/// A scalar of a scenario that planners vary: a budget, a share, a rule. Sweeps, explanations
/// and the infeasibility diagnosis read and change scenarios through it, and name it by the same
/// key `--set` uses.
public enum ScenarioParameter: Sendable, Hashable {
    case budget(source: Int)
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

    /// The key `--set` uses for this parameter.
    public func key(in scenario: Scenario) -> String {
        switch self {
        case .budget(let s): "sources.\(scenario.sources[s].id).budget"
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
        case .budget(let i): s.sources[i].scope = .pooled(budget: value)
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

    /// Whether a larger value makes the rule looser (budgets, caps, maximum shares) rather than
    /// tighter (floors, minimum shares, ratios).
    public var largerIsLooser: Bool {
        switch self {
        case .budget, .maxShare, .maxStateShare, .communeCap: true
        case .minCommunityShare, .counterpartRatio, .priorityShareMin, .communeFloor: false
        }
    }

    /// The loosest value the rule can take in this scenario (the rule then no longer binds).
    public func loosest(in scenario: Scenario) -> Double {
        switch self {
        case .maxShare, .maxStateShare: 1
        case .minCommunityShare, .counterpartRatio, .priorityShareMin, .communeFloor: 0
        case .budget, .communeCap: scenario.works.reduce(0) { $0 + $1.cost }
        }
    }

    /// The constraint family this parameter controls.
    public var family: ConstraintFamily {
        switch self {
        case .budget: .pooledBudget
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
