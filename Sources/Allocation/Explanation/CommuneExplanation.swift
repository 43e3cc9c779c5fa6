import LinearProgramming

/// Why one commune got what it got (`explain --commune CODE`): its works' value per million
/// against the marginal value of each source it may use, the rules that bind on it, and what
/// would change it, each lever confirmed or not by a re-solve.
///
/// Why: the plan-wide explanation says what money is worth; a planner asked about one commune
/// (a border commune at 17% of its need) must see that commune's numbers side by side.
public struct CommuneExplanation: Sendable {
    /// One of the commune's works: its value per million, funded share and reduced cost.
    public struct WorkLine: Sendable, Hashable {
        public var work: Int
        /// v_p / K_p: objective value of one million spent on it.
        public var valuePerMillion: Double
        public var fundedShare: Double
        /// The reduced cost of funding it (nil without duals or without an eligible source): the
        /// lesser of y_p's own reduced cost and v_p − K_p·min_s(λ_s + c_s), the reduced cost of
        /// funding all of it with its cheapest eligible money (λ_s: the source's shadow price, in a
        /// multi-year plan the cheapest year of the work's window; c_s: its cost of use). ≤ 0 for
        /// a work held back: the value it lacks to be worth funding. (y_p's own reduced cost alone
        /// is often 0 at a degenerate vertex, where y_p = Σx = 0.)
        public var reducedCost: Double?
    }

    /// A source some work of the commune may use, with the marginal value of its money.
    public struct SourcePrice: Sendable, Hashable {
        public var source: Int
        /// Multi-year plans: the year of this price (nil: the plan's one budget, or a local source).
        public var period: Int?
        /// Objective value of one more million of this money (the budget row's dual for a pooled
        /// source; the commune's capacity row's dual for a local one, 0 when not used up); nil
        /// when the solve gave no duals.
        public var price: Double?
        /// Cost per million of using it (docs/model.md: source cost), added to the price a work must beat.
        public var cost: Double
    }

    /// A lever that might fund the commune's first unfunded work, and what its re-solve showed.
    public struct Lever: Sendable {
        public enum Kind: Sendable, Hashable {
            /// The work's benefit β_p raised (its value per million raised by the reduced cost).
            case workValue(work: Int, fromBenefit: Double, toBenefit: Double, neededValuePerMillion: Double)
            /// A re-solve the plan-wide explanation already made (+1 billion of a budget, a rule stepped).
            case whatIf(WhatIf)
        }
        public var kind: Kind
        /// The first unfunded work's funded share before and after the re-solve (nil after: no solution).
        public var shareBefore: Double
        public var shareAfter: Double?
        /// The commune's funded money before and after (million VND).
        public var communeFundedBefore: Double
        public var communeFundedAfter: Double?
        /// The re-solve raised the work's funded share (by more than 10⁻⁶).
        public var confirmed: Bool { (shareAfter ?? -1) > shareBefore + 1e-6 }
    }

    public var commune: Int
    public var outcome: CommuneOutcome
    /// Its works, those not fully funded first (by reduced cost, nearest to funding first).
    public var works: [WorkLine]
    public var sourcePrices: [SourcePrice]
    /// The binding rows whose origin is this commune or one of its works.
    public var bindingRules: [BindingRule]
    /// The first unfunded work: not fully funded, nearest to being funded (largest reduced cost,
    /// then highest value per million, then scenario order); nil when every work is fully funded.
    public var firstUnfunded: Int?
    /// The levers and their re-solves: the value lever first, then the explanation's what-ifs
    /// that confirmed.
    public var levers: [Lever]

    /// The commune's index for `code`, or nil.
    public static func commune(code: String, in scenario: Scenario) -> Int? {
        scenario.communes.firstIndex { $0.code == code }
    }

    /// The reduced cost of funding work `p` (see ``WorkLine/reducedCost``).
    public static func fundingReducedCost(of p: Int, model: AllocationModel, plan: AllocationPlan) -> Double? {
        guard hasDuals(plan), let cheapest = cheapestMoney(for: p, model: model, plan: plan, pooledOnly: false) else { return nil }
        // Multi-year plans have no per-work reduced cost (y_p is split over start years): the
        // pricing-out term alone is used.
        return min(plan.shareReducedCosts?[p] ?? 0, model.workValues[p] - model.scenario.works[p].cost * cheapest)
    }

    /// Whether the solve gave duals: per-work reduced costs, a budget's price (of the plan or of
    /// a year) or a binding row.
    public static func hasDuals(_ plan: AllocationPlan) -> Bool {
        plan.shareReducedCosts != nil || !plan.bindingRules.isEmpty
            || plan.sources.contains { $0.shadowPrice != nil || $0.byPeriod.contains { $0.shadowPrice != nil } }
    }

    /// The price plus cost of use of the cheapest money that may fund work `p` (nil without
    /// duals or without an eligible source): a pooled source's shadow price (multi-year: the
    /// cheapest year of the work's window), a local source's capacity dual in the commune (0 when
    /// not used up). `pooledOnly`: pooled sources only — the money that can come from outside the
    /// commune when its own is used up.
    public static func cheapestMoney(for p: Int, model: AllocationModel, plan: AllocationPlan, pooledOnly: Bool) -> Double? {
        guard hasDuals(plan) else { return nil }
        let scenario = model.scenario
        let c = model.communeOfWork[p]
        var capacityDual: [Int: Double] = [:]
        for rule in plan.bindingRules where rule.family == .localCapacity && rule.origin.commune == c {
            if let s = rule.origin.source { capacityDual[s, default: 0] += rule.dual }
        }
        let eligible = Set(model.pairs.filter { $0.work == p }.map(\.source))
        let prices = eligible.compactMap { s -> Double? in
            let price: Double?
            if scenario.sources[s].isPooled, let outcome = plan.sources.first(where: { $0.source == s }) {
                if let budgetPrice = outcome.shadowPrice { price = budgetPrice }
                else { price = model.windows[p].spending.compactMap { t in outcome.byPeriod.first { $0.period == t }?.shadowPrice }.min() }
            } else {
                price = pooledOnly ? nil : (capacityDual[s] ?? 0)
            }
            return price.map { $0 + scenario.sources[s].cost }
        }
        return prices.min()
    }

    /// The first unfunded work of commune `c` (see ``firstUnfunded``).
    public static func firstUnfunded(of c: Int, model: AllocationModel, plan: AllocationPlan) -> Int? {
        let works = model.scenario.works.indices.filter { model.communeOfWork[$0] == c && plan.fundedShares[$0] < 1 - fullyFundedTolerance }
        let reduced = Dictionary(uniqueKeysWithValues: works.map { ($0, fundingReducedCost(of: $0, model: model, plan: plan)) })
        return works.min { a, b in
            let da = (reduced[a] ?? nil) ?? -.infinity, db = (reduced[b] ?? nil) ?? -.infinity
            if da != db { return da > db }
            let va = model.workValues[a] / model.scenario.works[a].cost, vb = model.workValues[b] / model.scenario.works[b].cost
            if va != vb { return va > vb }
            return a < b
        }
    }

    /// The value lever for the first unfunded work: its benefit raised so that its value gains
    /// the shortfall d, plus 1% so the re-solve is not left on a tie, rounded up to three
    /// decimals as a planner would type it. d is the lesser of its funding reduced cost and
    /// v_p − K_p·(cheapest pooled money): when the commune's own money is used up at the work's
    /// value (reduced cost 0), more can only come from pooled money, so the work must outbid that.
    /// Nil without a first unfunded work or duals, or when d is zero (the work already matches
    /// its cheapest money: a budget or a rule holds it back, not its value).
    public static func valueWhatIf(for c: Int, model: AllocationModel, plan: AllocationPlan) -> (work: Int, from: Double, to: Double)? {
        guard let p = firstUnfunded(of: c, model: model, plan: plan), let funding = fundingReducedCost(of: p, model: model, plan: plan)
        else { return nil }
        let pooled = cheapestMoney(for: p, model: model, plan: plan, pooledOnly: true)
            .map { model.workValues[p] - model.scenario.works[p].cost * $0 } ?? 0
        let d = min(funding, pooled)
        guard d < -PlanExplanation.zeroPrice, model.workValues[p] > 0 else { return nil }
        let beta = model.scenario.works[p].effectiveBenefit
        let needed = beta * (model.workValues[p] - d) / model.workValues[p] * 1.01
        // Rounded up to 0.001, ignoring float noise in the duals (1.0000000000000002 is 1).
        return (p, beta, (needed * 1000 - 1e-6).rounded(.up) / 1000)
    }

    /// `scenario` with work `p`'s benefit set to `benefit`.
    public static func settingBenefit(_ benefit: Double, of p: Int, in scenario: Scenario) -> Scenario {
        var changed = scenario
        changed.works[p].benefit = benefit
        return changed
    }

    /// Assembles the explanation of commune `c`: `valueResolve` is the re-solve of
    /// ``valueWhatIf(for:model:plan:)`` (nil when there is none or it failed), `whatIfs` the
    /// plan-wide explanation's re-solves.
    public init(commune c: Int, model: AllocationModel, plan: AllocationPlan,
                valueResolve: (work: Int, from: Double, to: Double, plan: AllocationPlan?)?,
                whatIfs: [(WhatIf, AllocationPlan?)]) {
        let scenario = model.scenario
        commune = c
        outcome = plan.communes.first { $0.commune == c } ?? CommuneOutcome(commune: c, need: 0, funded: 0, fromState: 0,
                                                                            fromCommunity: 0, fromOther: 0, pooledState: 0)
        let mine = scenario.works.indices.filter { model.communeOfWork[$0] == c }
        let mineSet = Set(mine)
        works = mine.map { p in
            WorkLine(work: p, valuePerMillion: model.workValues[p] / scenario.works[p].cost,
                     fundedShare: plan.fundedShares[p], reducedCost: Self.fundingReducedCost(of: p, model: model, plan: plan))
        }.sorted { a, b in
            let fa = a.fundedShare >= 1 - fullyFundedTolerance, fb = b.fundedShare >= 1 - fullyFundedTolerance
            if fa != fb { return !fa }
            if (a.reducedCost ?? 0) != (b.reducedCost ?? 0) { return (a.reducedCost ?? 0) > (b.reducedCost ?? 0) }
            return a.work < b.work
        }
        bindingRules = plan.bindingRules.filter { rule in
            rule.origin.commune == c || rule.origin.work.map { mineSet.contains($0) } == true
        }

        // Sources: those with a funding pair on one of the commune's works.
        let eligible = Set(model.pairs.filter { mineSet.contains($0.work) }.map(\.source)).sorted()
        var capacityDual: [Int: Double] = [:]
        for rule in bindingRules where rule.family == .localCapacity {
            if let s = rule.origin.source { capacityDual[s, default: 0] += rule.dual }
        }
        let hasDuals = Self.hasDuals(plan)
        var prices: [SourcePrice] = []
        for s in eligible {
            let source = scenario.sources[s]
            guard source.isPooled, let outcome = plan.sources.first(where: { $0.source == s }) else {
                prices.append(SourcePrice(source: s, period: nil, price: hasDuals ? (capacityDual[s] ?? 0) : nil, cost: source.cost))
                continue
            }
            if source.budgetByPeriod != nil && !outcome.byPeriod.isEmpty {
                for year in outcome.byPeriod {
                    prices.append(SourcePrice(source: s, period: year.period, price: year.shadowPrice, cost: source.cost))
                }
            } else {
                prices.append(SourcePrice(source: s, period: nil, price: outcome.shadowPrice, cost: source.cost))
            }
        }
        sourcePrices = prices

        // Levers.
        let first = Self.firstUnfunded(of: c, model: model, plan: plan)
        firstUnfunded = first
        var levers: [Lever] = []
        func funded(_ other: AllocationPlan) -> Double? {
            guard other.hasSolution else { return nil }
            return other.communes.first { $0.commune == c }?.funded
        }
        if let first {
            let before = plan.fundedShares[first]
            if let value = valueResolve, value.work == first {
                let after = value.plan.flatMap { $0.hasSolution ? $0.fundedShares[first] : nil }
                let needed = model.workValues[first] / value.from * value.to / scenario.works[first].cost
                levers.append(Lever(kind: .workValue(work: first, fromBenefit: value.from, toBenefit: value.to,
                                                     neededValuePerMillion: needed),
                                    shareBefore: before, shareAfter: after,
                                    communeFundedBefore: outcome.funded, communeFundedAfter: value.plan.flatMap(funded)))
            }
            for (whatIf, result) in whatIfs {
                let after = result.flatMap { $0.hasSolution ? $0.fundedShares[first] : nil }
                let lever = Lever(kind: .whatIf(whatIf), shareBefore: before, shareAfter: after,
                                  communeFundedBefore: outcome.funded, communeFundedAfter: result.flatMap(funded))
                if lever.confirmed { levers.append(lever) }
            }
        }
        self.levers = levers
    }
}
