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
