import Allocation

extension PlanReport {
    /// The explanation of a plan (`explain`, `solve --explain`) with every work, commune and
    /// source resolved to ids and names: what one more billion of each pooled source buys
    /// (from a re-solve, as the net difference of two plans), what relaxing each binding rule
    /// gains, and why each required work of a target commune is not fully funded.
    public struct ExplanationSection: Sendable, Hashable {
        /// One entry per pooled source, in the scenario's order.
        public var sources: [SourceMargin]
        /// One entry per binding rule that has a what-if.
        public var rules: [RuleMargin]
        /// The required works of target communes not fully funded, and why.
        public var unfundedWorks: [ExplainedWork]
    }

    /// A work as the explanation names it: id, name, category and commune.
    public struct WorkReference: Sendable, Hashable {
        public var id: String
        /// works.csv's `name` (nil without one).
        public var name: String?
        public var category: String
        public var communeCode: String
        /// The commune's name (its code when the commune is unknown).
        public var communeName: String
    }

    /// What one more billion of a pooled source would buy.
    public struct SourceMargin: Sendable, Hashable {
        public var sourceID: String
        public var sourceName: String
        /// Multi-year plans: the year whose budget this is (nil: the plan's one budget).
        public var period: String? = nil
        /// Objective gained per extra million (0: the budget is not used up).
        public var shadowPrice: Double
        /// The budget range over which the price holds (million VND; `validTo` may be infinite).
        public var validFrom: Double?
        public var validTo: Double?
        /// The objective gained by a re-solve with one billion more (nil when not re-solved).
        public var gainPerBillion: Double?
        /// What that re-solve changed, work by work (nil when not re-solved).
        public var change: PlanChange?
    }

    /// The net difference of two plans: the works that gain and lose money, and the counts that change.
    public struct PlanChange: Sendable, Hashable {
        /// Works funded more, largest first.
        public var gains: [WorkAmount]
        /// Works funded less, largest first (amounts positive).
        public var losses: [WorkAmount]
        /// Money placed in the second plan less the first (gains less losses).
        public var netFunded: Double
        public var worksFullyFunded: Int
        public var targetCommunesReachingStandard: Int
    }

    /// A work and an amount (million VND).
    public struct WorkAmount: Sendable, Hashable {
        public var work: WorkReference
        public var amount: Double
    }

    /// What relaxing a binding rule would gain.
    public struct RuleMargin: Sendable, Hashable {
        public var family: ConstraintFamily
        /// The scenario key the what-if changes (`rules.priority_share_min`, …).
        public var key: String
        public var bindingRows: Int
        /// The rule's value now (nil when it has none) and the value tried.
        public var from: Double?
        public var to: Double
        /// The objective gained (nil when the re-solve found no solution).
        public var gain: Double?
    }

    /// A required work of a target commune not fully funded, and why.
    public struct ExplainedWork: Sendable, Hashable {
        public var work: WorkReference
        public var cost: Double
        public var fundedShare: Double
        public var valuePerMillion: Double
        /// The reduced cost of its funded share (nil without duals).
        public var reducedCost: Double?
        public var reasons: [HoldBack]
    }

    /// One reason a work is held back, with sources named by id.
    public enum HoldBack: Sendable, Hashable {
        /// No source may fund it (commune, category, district or labour eligibility).
        case noEligibleSource
        /// The community share must be at least `share` but no community source may fund it.
        case noCommunitySource(share: Double)
        /// The source's money is worth `price` per million elsewhere, more than this work returns.
        case moneyWorthMoreElsewhere(sourceID: String, price: Double)
        /// A per-work share rule binds on it; `sourceID` for a source's own `max_share`.
        case shareRuleBinds(family: ConstraintFamily, sourceID: String?)
        /// The commune's cap on pooled state money binds.
        case communeCapBinds
        /// The local source is exhausted in this commune.
        case localCapacityExhausted(sourceID: String)

        /// The scenario key a planner would change for it, when there is one.
        public var key: String? {
            switch self {
            case .noEligibleSource: nil
            case .noCommunitySource: "rules.min_community_share"
            case .moneyWorthMoreElsewhere(let id, _): "sources.\(id).budget"
            case .shareRuleBinds(let family, let id): id.map { "sources.\($0).max_share" } ?? family.scenarioKey
            case .communeCapBinds: "rules.commune_cap"
            case .localCapacityExhausted: nil
            }
        }
    }
}

extension PlanReport.ExplanationSection {
    /// The explanation with the works, communes and sources of `scenario` named.
    public init(_ explanation: PlanExplanation, scenario: Scenario) {
        let communeNames = Dictionary(scenario.communes.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func work(_ p: Int) -> PlanReport.WorkReference {
            let w = scenario.works[p]
            return PlanReport.WorkReference(id: w.id, name: w.name, category: w.category, communeCode: w.commune,
                                            communeName: communeNames[w.commune] ?? w.commune)
        }
        func sourceID(_ s: Int) -> String { scenario.sources[s].id }
        sources = explanation.sources.map { m in
            PlanReport.SourceMargin(
                sourceID: sourceID(m.source), sourceName: scenario.sources[m.source].name,
                period: m.period.map { scenario.periods[$0] }, shadowPrice: m.shadowPrice,
                validFrom: m.validFrom, validTo: m.validTo, gainPerBillion: m.gainPerBillion,
                change: m.change.map { c in
                    PlanReport.PlanChange(
                        gains: c.gains.map { PlanReport.WorkAmount(work: work($0.work), amount: $0.amount) },
                        losses: c.losses.map { PlanReport.WorkAmount(work: work($0.work), amount: $0.amount) },
                        netFunded: c.netFunded, worksFullyFunded: c.worksFullyFunded,
                        targetCommunesReachingStandard: c.targetCommunesReachingStandard)
                })
        }
        rules = explanation.rules.map { r in
            PlanReport.RuleMargin(family: r.family, key: r.key, bindingRows: r.bindingRows, from: r.whatIf.from, to: r.whatIf.to, gain: r.gain)
        }
        unfundedWorks = explanation.unfundedWorks.map { item in
            PlanReport.ExplainedWork(
                work: work(item.work), cost: scenario.works[item.work].cost, fundedShare: item.fundedShare,
                valuePerMillion: item.valuePerMillion, reducedCost: item.reducedCost,
                reasons: item.reasons.map { reason -> PlanReport.HoldBack in
                    switch reason {
                    case .noEligibleSource: .noEligibleSource
                    case .noCommunitySource(let share): .noCommunitySource(share: share)
                    case .moneyWorthMoreElsewhere(let s, let price): .moneyWorthMoreElsewhere(sourceID: sourceID(s), price: price)
                    case .shareRuleBinds(let family, let s): .shareRuleBinds(family: family, sourceID: s.map(sourceID))
                    case .communeCapBinds: .communeCapBinds
                    case .localCapacityExhausted(let s): .localCapacityExhausted(sourceID: sourceID(s))
                    }
                })
        }
    }
}
