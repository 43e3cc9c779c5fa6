/// The key results of a plan that planners compare across weightings, budgets and rules.
public struct PlanMetrics: Sendable, Hashable {
    public var status: PlanStatus
    public var objective: Double?
    public var fundedShare: Double
    public var totalFunded: Double
    public var worksFullyFunded: Int
    public var targetCommunesReachingStandard: Int
    /// Shares of the pooled state money used that go to priority, ĐBKK and border communes (nil when none is used).
    public var stateShareToPriority: Double?
    public var stateShareToEspeciallyDifficult: Double?
    public var stateShareToBorder: Double?
    /// Community labour mobilised, million VND.
    public var labourValueUsed: Double
    /// Used amount of each source, by scenario index.
    public var sourceUse: [Double]

    /// The metrics of one plan.
    public init(_ plan: AllocationPlan) {
        let t = plan.totals
        status = plan.status
        objective = plan.objective
        fundedShare = t.fundedShare
        totalFunded = t.funded
        worksFullyFunded = t.worksFullyFunded
        targetCommunesReachingStandard = t.targetCommunesReachingStandard
        let used = t.pooledStateUsed
        stateShareToPriority = t.priorityStateShare
        stateShareToEspeciallyDifficult = used > amountTolerance ? t.pooledStateToEspeciallyDifficult / used : nil
        stateShareToBorder = used > amountTolerance ? t.pooledStateToBorder / used : nil
        labourValueUsed = t.labourValueUsed
        sourceUse = plan.sources.map(\.used)
    }
}

/// How one commune's funding changes between two plans of the same communes.
public struct CommuneChange: Sendable, Hashable {
    /// Index into `scenario.communes`.
    public var commune: Int
    public var fundedBefore: Double
    public var fundedAfter: Double
    public var shareBefore: Double
    public var shareAfter: Double
    /// Change in funded amount, million VND.
    public var amount: Double { fundedAfter - fundedBefore }
    /// Change in funded share of the commune's need.
    public var share: Double { shareAfter - shareBefore }

    /// Per-commune changes from `before` to `after` (communes matched by code; communes missing
    /// from either plan are left out), sorted by decreasing change in amount.
    public static func between(_ before: AllocationPlan, _ after: AllocationPlan) -> [CommuneChange] {
        var afterByCode: [String: CommuneOutcome] = [:]
        for outcome in after.communes { afterByCode[after.scenario.communes[outcome.commune].code] = outcome }
        var changes: [CommuneChange] = []
        for outcome in before.communes {
            guard let other = afterByCode[before.scenario.communes[outcome.commune].code] else { continue }
            changes.append(CommuneChange(commune: outcome.commune, fundedBefore: outcome.funded, fundedAfter: other.funded,
                                         shareBefore: outcome.need > 0 ? outcome.funded / outcome.need : 0,
                                         shareAfter: other.need > 0 ? other.funded / other.need : 0))
        }
        return changes.sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.commune < $1.commune }
    }
}

/// Target communes that reach the standard (all required works fully funded) in one plan and
/// not in the other, matched by code: what `compare` lists for each variant against the first.
public struct StandardChange: Sendable, Hashable {
    /// Codes of target communes that reach the standard in `after` but not in `before`, in `before`'s order.
    public var reachedOnlyAfter: [String]
    /// Codes of target communes that reach the standard in `before` but not in `after`.
    public var reachedOnlyBefore: [String]

    /// The difference between two plans of communes with the same codes (a commune that is a
    /// target in one plan only, or missing from one, is compared as not reaching there).
    public init(from before: AllocationPlan, to after: AllocationPlan) {
        func reaching(_ plan: AllocationPlan) -> Set<String> {
            Set(plan.communes.filter { $0.reachesStandard == true }.map { plan.scenario.communes[$0.commune].code })
        }
        let b = reaching(before), a = reaching(after)
        let first = before.scenario.communes.map(\.code), known = Set(first)
        let order = first + after.scenario.communes.map(\.code).filter { !known.contains($0) }
        reachedOnlyAfter = order.filter { a.contains($0) && !b.contains($0) }
        reachedOnlyBefore = order.filter { b.contains($0) && !a.contains($0) }
    }
}

/// Whether the plans were solved under different weight profiles: their objectives are then on
/// different scales and must not be compared as numbers.
public func weightProfilesDiffer(_ plans: [AllocationPlan]) -> Bool {
    Set(plans.map(\.scenario.weights)).count > 1
}
