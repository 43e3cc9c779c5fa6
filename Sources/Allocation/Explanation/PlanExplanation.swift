import LinearProgramming

/// A "what if" re-solve an explanation needs: one scenario parameter moved a step towards looser.
public struct WhatIf: Sendable, Hashable {
    public var parameter: ScenarioParameter
    public var from: Double?
    public var to: Double
    /// The scenario with the change applied.
    public func apply(to scenario: Scenario) -> Scenario { parameter.setting(to, in: scenario) }
}

/// Why the money went where it went, in a planner's terms (giải trình phương án): what one more
/// billion of each pooled source would buy, which rules bind and what relaxing each would gain,
/// and why each required work of a target commune is left without full funding.
public struct PlanExplanation: Sendable {
    /// One pooled source: its shadow price, where that price holds, and what a billion more buys.
    public struct SourceMargin: Sendable {
        public var source: Int
        /// Multi-year plans: the year whose money this is (its budget row B_{s,t}); nil for a
        /// single-period plan's one budget.
        public var period: Int? = nil
        /// Objective gained per extra million (dual of the budget row).
        public var shadowPrice: Double
        /// Budget range over which the shadow price holds (GLPK ranging), when available.
        public var validFrom: Double?
        public var validTo: Double?
        /// Objective gained by re-solving with 1,000 million (1 tỷ) more.
        public var gainPerBillion: Double?
        /// The works whose funding grows most in that re-solve: (work, extra million).
        public var nextWorks: [(work: Int, extra: Double)]
        /// What the re-solve changes, as the difference between the two canonical plans
        /// (docs/model.md §9): works that gain and works that lose, and the net.
        public var change: PlanChange? = nil
    }

    /// The difference between two plans of the same works: which works gain, which lose, the net.
    public struct PlanChange: Sendable {
        /// Works whose funded amount grows, largest first: (work, extra million).
        public var gains: [(work: Int, amount: Double)]
        /// Works whose funded amount shrinks, largest loss first: (work, million less, positive).
        public var losses: [(work: Int, amount: Double)]
        /// Σ gains − Σ losses, million VND.
        public var netFunded: Double { gains.reduce(0) { $0 + $1.amount } - losses.reduce(0) { $0 + $1.amount } }
        /// Change in the number of fully funded works and of target communes reaching the standard.
        public var worksFullyFunded: Int
        public var targetCommunesReachingStandard: Int

        /// The change from `before` to `after` (amounts below 10⁻³ million, 1,000 VND, are no change).
        public init(from before: AllocationPlan, to after: AllocationPlan) {
            var gains: [(Int, Double)] = [], losses: [(Int, Double)] = []
            for p in before.scenario.works.indices {
                let delta = before.scenario.works[p].cost * (after.fundedShares[p] - before.fundedShares[p])
                if delta > 1e-3 { gains.append((p, delta)) } else if delta < -1e-3 { losses.append((p, -delta)) }
            }
            self.gains = gains.sorted { $0.1 > $1.1 }.map { (work: $0.0, amount: $0.1) }
            self.losses = losses.sorted { $0.1 > $1.1 }.map { (work: $0.0, amount: $0.1) }
            worksFullyFunded = after.totals.worksFullyFunded - before.totals.worksFullyFunded
            targetCommunesReachingStandard = after.totals.targetCommunesReachingStandard
                - before.totals.targetCommunesReachingStandard
        }
    }

    /// A binding rule and what relaxing it by one step gains (measured by a re-solve).
    public struct RuleMargin: Sendable {
        public var whatIf: WhatIf
        public var key: String
        public var family: ConstraintFamily
        /// Number of the family's rows that bind (non-zero dual).
        public var bindingRows: Int
        /// Objective gained by the step (nil when the re-solve failed).
        public var gain: Double?
    }

    /// Why a required work of a target commune is not fully funded.
    public struct UnfundedWork: Sendable {
        public var work: Int
        public var fundedShare: Double
        /// Value per million of this work, v_p / K_p.
        public var valuePerMillion: Double
        /// Reduced cost of its funded share y_p (objective change per unit of y_p forced up).
        public var reducedCost: Double?
        /// The reasons, most decisive first.
        public var reasons: [Reason]
    }

    /// One reason a work is held back.
    public enum Reason: Sendable, Hashable {
        /// No source may fund it (commune, category, district or labour rules).
        case noEligibleSource
        /// `min_community_share` is above 0 but no community source may fund it.
        case noCommunitySource(share: Double)
        /// Every eligible source's money is worth more elsewhere: source, its price per million.
        case moneyWorthMoreElsewhere(source: Int, price: Double)
        /// A per-work share rule binds on it (state share, community share, a source's max share).
        case shareRuleBinds(family: ConstraintFamily, source: Int?)
        /// The commune's cap on pooled state money binds.
        case communeCapBinds
        /// Its local sources are exhausted in this commune.
        case localCapacityExhausted(source: Int)
    }

    public var sources: [SourceMargin]
    public var rules: [RuleMargin]
    public var unfundedWorks: [UnfundedWork]

    /// One billion VND in the model's unit (million VND).
    public static let billion = 1000.0
    /// A shadow price at or below this (value per million) is zero: more money buys nothing.
    public static let zeroPrice = 1e-9

    /// The re-solves the explanation needs: +1 tỷ on each pooled source with a budget row, and one
    /// step looser on each binding rule. Solve them (in parallel) and pass the plans to `init`.
    public static func whatIfs(for plan: AllocationPlan) -> [WhatIf] {
        let scenario = plan.scenario
        var result: [WhatIf] = []
        for outcome in plan.sources {
            guard let budget = scenario.sources[outcome.source].budget, outcome.shadowPrice != nil else { continue }
            result.append(WhatIf(parameter: .budget(source: outcome.source), from: budget, to: budget + billion))
        }
        // Multi-year: one more billion in each year whose money is priced above zero (a year
        // priced at zero gains nothing from more money, and the report says so without a re-solve).
        for outcome in plan.sources where scenario.sources[outcome.source].budgetByPeriod != nil {
            for year in outcome.byPeriod {
                guard let price = year.shadowPrice, price > zeroPrice else { continue }
                result.append(WhatIf(parameter: .periodBudget(source: outcome.source, period: year.period),
                                     from: year.budget, to: year.budget + billion))
            }
        }
        var seen = Set<ScenarioParameter>()
        for rule in plan.bindingRules {
            guard let parameter = parameter(for: rule, in: plan), seen.insert(parameter).inserted,
                  let current = parameter.value(in: scenario) else { continue }
            // The stepped value is the decimal a planner would type (0.8 + 0.05 = 0.85, not binary's
            // 0.8500000000000001), used both in the text and in the re-solve.
            let target: Double
            let places = max(decimalPlaces(of: current), 2)
            switch parameter {
            case .budget, .periodBudget: continue
            case .communeCap: target = typed(current * 1.1, decimals: decimalPlaces(of: current) + 1)
            case .maxShare, .maxStateShare: target = typed(min(1, current + 0.05), decimals: places)
            case .minCommunityShare, .counterpartRatio, .priorityShareMin, .communeFloor: target = typed(max(0, current - 0.05), decimals: places)
            }
            if target != current { result.append(WhatIf(parameter: parameter, from: current, to: target)) }
        }
        return result
    }

    /// The Double a planner gets by typing `value` rounded to `decimals` decimal places (the
    /// nearest Double to that decimal, as `--set` would read it).
    static func typed(_ value: Double, decimals: Int) -> Double {
        Double(String(format: "%.\(min(max(decimals, 0), 17))f", value)) ?? value
    }

    /// The fewest decimal places that write `value` exactly as typed (0.8 → 1, 5000 → 0, 0.125 → 3).
    static func decimalPlaces(of value: Double) -> Int {
        (0...15).first { typed(value, decimals: $0) == value } ?? 15
    }

    /// The parameter a binding row belongs to (nil for rows that are not scalar rules).
    static func parameter(for rule: BindingRule, in plan: AllocationPlan) -> ScenarioParameter? {
        let scenario = plan.scenario
        let commune = rule.origin.commune ?? rule.origin.work.map { w in
            scenario.communes.firstIndex { $0.code == scenario.works[w].commune } ?? 0
        }
        switch rule.family {
        case .shareCap: return rule.origin.source.map { .maxShare(source: $0) }
        case .stateShare: return commune.map { .maxStateShare(scenario.communes[$0].group) }
        case .communityShare: return commune.map { .minCommunityShare(scenario.communes[$0].group) }
        case .counterpart: return .counterpartRatio
        case .priorityShare: return .priorityShareMin
        case .communeFloor: return .communeFloor
        case .communeCap: return .communeCap
        case .pooledBudget, .localCapacity, .coverage, .standard, .startOnce: return nil
        }
    }

    /// Assembles the explanation from the plan, its model's duals and the re-solved what-ifs.
    public init(model: AllocationModel, plan: AllocationPlan, whatIfs: [(WhatIf, AllocationPlan?)]) {
        let scenario = plan.scenario
        let base = plan.objective ?? 0

        // Sources.
        var sources: [SourceMargin] = []
        for outcome in plan.sources {
            guard let price = outcome.shadowPrice else { continue }
            var margin = SourceMargin(source: outcome.source, shadowPrice: price,
                                      validFrom: outcome.shadowPriceRange?.lower, validTo: outcome.shadowPriceRange?.upper,
                                      gainPerBillion: nil, nextWorks: [])
            if let (_, more) = whatIfs.first(where: { $0.0.parameter == .budget(source: outcome.source) }), let more,
               more.hasSolution, let objective = more.objective {
                margin.gainPerBillion = objective - base
                var extra: [(Int, Double)] = []
                for p in scenario.works.indices {
                    let delta = scenario.works[p].cost * (more.fundedShares[p] - plan.fundedShares[p])
                    if delta > 1e-3 { extra.append((p, delta)) }
                }
                margin.nextWorks = extra.sorted { $0.1 > $1.1 }.prefix(5).map { (work: $0.0, extra: $0.1) }
                margin.change = PlanChange(from: plan, to: more)
            }
            sources.append(margin)
        }
        for outcome in plan.sources where scenario.sources[outcome.source].budgetByPeriod != nil {
            for year in outcome.byPeriod {
                guard let price = year.shadowPrice else { continue }
                var margin = SourceMargin(source: outcome.source, period: year.period, shadowPrice: price,
                                          validFrom: nil, validTo: nil, gainPerBillion: nil, nextWorks: [])
                let parameter = ScenarioParameter.periodBudget(source: outcome.source, period: year.period)
                if let (_, more) = whatIfs.first(where: { $0.0.parameter == parameter }), let more,
                   more.hasSolution, let objective = more.objective {
                    margin.gainPerBillion = objective - base
                    margin.change = PlanChange(from: plan, to: more)
                    margin.nextWorks = margin.change!.gains.prefix(5).map { (work: $0.work, extra: $0.amount) }
                }
                sources.append(margin)
            }
        }

        // Rules.
        var rules: [RuleMargin] = []
        for (whatIf, result) in whatIfs {
            switch whatIf.parameter {
            case .budget, .periodBudget: continue
            default: break
            }
            let rows = plan.bindingRules.filter { Self.parameter(for: $0, in: plan) == whatIf.parameter }.count
            let gain = result.flatMap { $0.hasSolution ? $0.objective.map { $0 - base } : nil }
            rules.append(RuleMargin(whatIf: whatIf, key: whatIf.parameter.key(in: scenario), family: whatIf.parameter.family,
                                    bindingRows: rows, gain: gain))
        }
        rules.sort { ($0.gain ?? -1) > ($1.gain ?? -1) }

        // Unfunded required works of target communes.
        var duals: [Int: Double] = [:]   // row index → dual, for binding rows
        for rule in plan.bindingRules { duals[rule.row] = rule.dual }
        var rowsOfWork: [Int: [Int]] = [:]
        var capRow: [Int: [Int: Int]] = [:]   // source → commune → row
        var communeCapRow: [Int: Int] = [:]
        for (i, origin) in model.rowOrigins.enumerated() {
            if let p = origin.work { rowsOfWork[p, default: []].append(i) }
            if origin.family == .localCapacity, let s = origin.source, let c = origin.commune { capRow[s, default: [:]][c] = i }
            if origin.family == .communeCap, let c = origin.commune { communeCapRow[c] = i }
        }
        var pairsOfWork: [Int: [Int]] = [:]
        for pair in model.pairs { pairsOfWork[pair.work, default: []].append(pair.source) }
        // The price of a source's money: its budget's dual; in a multi-year plan, the cheapest
        // year of the work's spending window (the work could be funded in any of them).
        let budgetPrice = Dictionary(uniqueKeysWithValues: plan.sources.compactMap { o in o.shadowPrice.map { (o.source, $0) } })
        let yearPrice = Dictionary(uniqueKeysWithValues: plan.sources.map { o in
            (o.source, Dictionary(uniqueKeysWithValues: o.byPeriod.compactMap { y in y.shadowPrice.map { (y.period, $0) } }))
        })
        func moneyPrice(of s: Int, for p: Int) -> Double? {
            if let price = budgetPrice[s] { return price }
            let prices = model.windows[p].spending.compactMap { yearPrice[s]?[$0] }
            return prices.min()
        }
        var unfunded: [UnfundedWork] = []
        for (p, work) in scenario.works.enumerated() where work.required && plan.fundedShares[p] < 1 - fullyFundedTolerance {
            let c = model.communeOfWork[p]
            guard scenario.communes[c].status == .target else { continue }
            var reasons: [Reason] = []
            let eligible = pairsOfWork[p] ?? []
            let group = scenario.communes[c].group
            if eligible.isEmpty {
                reasons.append(.noEligibleSource)
            } else {
                let mu = scenario.rules.minCommunityShare[group]
                if mu > 0 && !eligible.contains(where: { scenario.sources[$0].kind.isCommunity }) {
                    reasons.append(.noCommunitySource(share: mu))
                }
                for i in rowsOfWork[p] ?? [] where duals[i] != nil {
                    let origin = model.rowOrigins[i]
                    if [.stateShare, .communityShare, .shareCap].contains(origin.family) {
                        reasons.append(.shareRuleBinds(family: origin.family, source: origin.source))
                    }
                }
                if let row = communeCapRow[c], duals[row] != nil,
                   eligible.contains(where: { scenario.sources[$0].isPooled && scenario.sources[$0].kind.isState }) {
                    reasons.append(.communeCapBinds)
                }
                for s in eligible where !scenario.sources[s].isPooled {
                    if let row = capRow[s]?[c], duals[row] != nil { reasons.append(.localCapacityExhausted(source: s)) }
                }
                let priced = eligible.compactMap { s -> (Int, Double)? in
                    guard let price = moneyPrice(of: s, for: p), price > Self.zeroPrice else { return nil }
                    return (s, price + scenario.sources[s].cost)
                }
                if let cheapest = priced.min(by: { $0.1 < $1.1 }) {
                    reasons.append(.moneyWorthMoreElsewhere(source: cheapest.0, price: cheapest.1))
                }
            }
            unfunded.append(UnfundedWork(work: p, fundedShare: plan.fundedShares[p],
                                         valuePerMillion: model.workValues[p] / work.cost,
                                         reducedCost: plan.shareReducedCosts?[p], reasons: reasons))
        }
        self.sources = sources
        self.rules = rules
        self.unfundedWorks = unfunded.sorted { $0.fundedShare != $1.fundedShare ? $0.fundedShare < $1.fundedShare : $0.work < $1.work }
    }
}
