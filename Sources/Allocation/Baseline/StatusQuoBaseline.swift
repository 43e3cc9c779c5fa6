import LinearProgramming

/// The status-quo baseline (phương án hiện hành, model.md §6): pooled money split between
/// communes by fixed coefficients (hệ số: the scenario's ``BaselineCoefficients`` rules, by
/// default Decision 07/2022/QĐ-TTg's, model.md §8.3), then each commune funding its
/// works greedily by value per million. It is what the optimizer's gain is measured against.
///
/// The exact greedy rules (documented in docs/model.md, "The status-quo baseline"):
/// 1. **Split.** Every pooled source, in scenario order, is divided among the communes that have a
///    work it may fund, in proportion to their coefficients. A commune takes no more than its
///    works can absorb from that source — Σ over its eligible works of the largest share the
///    per-work rules let the source pay (σ_s, and φ for state or 1 − μ for non-community money),
///    less what earlier sources of the same group already gave it, and for pooled state money no
///    more than the commune cap; what it cannot take is divided again among the others, in the
///    same proportions, until nothing more can be placed. (Decision 07 speaks of state money; we
///    split non-state pooled money — credit, enterprises — the same way, the only neutral rule a
///    greedy pass has.)
/// 2. **Fund.** Each commune, in file order, funds its works in decreasing order of v_p/K_p (ties:
///    file order) from its shares of pooled money and its local sources. Each work gets the largest
///    amount F ≤ K_p that the per-work rules allow (σ_s, φ, μ, eligibility); an indivisible work is
///    funded only whole. Within F, community money covers at least μ·F (more only when nothing else
///    can), state money comes next, then other money; within a group, sources in scenario order.
/// 3. **Value.** The objective is the model's own formula at this point (z_c = the smallest funded
///    share of the commune's required works; in MIP mode 1 only when all are fully funded). The
///    province-wide rules a greedy pass cannot guarantee — commune floor, priority share,
///    counterpart — are checked and reported, not enforced.
public struct StatusQuoBaseline: Sendable {
    /// The plan the baseline produces (same tables as a solve; status `feasible`).
    public var plan: AllocationPlan
    /// Rule families the baseline violates, with the rows that fail (empty: every rule is met).
    public var violatedRules: [ConstraintFamily: Int]
    /// The pooled money each commune was given in step 1, per source: `allotments[s][c]`.
    public var allotments: [[Double]]
    /// How far the baseline falls short of each rule it breaks (model.md §6: a baseline that
    /// breaks a rule the optimum must meet is not a feasible plan, and may be worth more).
    public var breaches: [RuleBreach]

    /// One rule family the baseline breaks, and by how much.
    public struct RuleBreach: Sendable, Hashable {
        public var family: ConstraintFamily
        /// Rows of the family that fail (communes below the floor, 1 for a province-wide rule).
        public var rows: Int
        /// Total and largest shortfall over those rows, in the rows' unit: million VND for the
        /// floor, the counterpart, the priority share and the commune cap.
        public var shortfall: Double
        public var largestShortfall: Double
        /// For a province-wide ratio (counterpart, priority share): the value the baseline reaches
        /// and the one the rule requires.
        public var achieved: Double?
        public var required: Double?
    }

    /// Whether the baseline breaks a rule, so its value is not comparable with the optimum's.
    public var breaksRules: Bool { !breaches.isEmpty }

    /// Computes the baseline of the model's scenario in the model's mode.
    public init(model: AllocationModel) {
        let scenario = model.scenario
        let communes = scenario.communes, sources = scenario.sources
        let rules = scenario.rules
        let (x, allotments) = scenario.periodCount > 1 ? Self.multiYearPoint(model: model) : Self.singlePeriodPoint(model: model)

        // Step 3: value and rule check with the model's own rows.
        let activities = model.program.activities(at: x)
        // Tolerance relative to the row's magnitude Σ|a_ij·x_j| (and its bounds): the greedy's
        // bisection works to 1e-9 relative, so rows like x − σ·K·y ≤ 0 carry round-off of that size.
        var magnitude = [Double](repeating: 0, count: model.program.constraintCount)
        for (i, terms) in model.program.rowTerms().enumerated() {
            for term in terms { magnitude[i] += abs(term.coefficient * x[term.variable.index]) }
        }
        var violated: [ConstraintFamily: Int] = [:]
        var shortfall: [ConstraintFamily: (total: Double, largest: Double)] = [:]
        for (i, constraint) in model.program.constraints.enumerated() {
            let a = activities[i], scale = max(1, magnitude[i], abs(constraint.bounds.lower.isFinite ? constraint.bounds.lower : 0),
                                                 abs(constraint.bounds.upper.isFinite ? constraint.bounds.upper : 0))
            if a < constraint.bounds.lower - 1e-7 * scale || a > constraint.bounds.upper + 1e-7 * scale {
                let family = model.rowOrigins[i].family
                violated[family, default: 0] += 1
                let miss = max(constraint.bounds.lower - a, a - constraint.bounds.upper)
                let current = shortfall[family, default: (0, 0)]
                shortfall[family] = (current.total + miss, max(current.largest, miss))
            }
        }
        // Province-wide ratios as a planner reads them: what the baseline reaches against the rule.
        var central = 0.0, local = 0.0, pooledState = 0.0, toPriority = 0.0
        for (k, pair) in model.pairs.enumerated() where x[k] > 0 {
            let source = sources[pair.source]
            if source.kind == .central { central += x[k] }
            if source.kind == .localBudget { local += x[k] }
            if source.isPooled && source.kind.isState {
                pooledState += x[k]
                if communes[model.communeOfWork[pair.work]].isPriority { toPriority += x[k] }
            }
        }
        let breaches = violated.keys.sorted().map { family -> RuleBreach in
            var breach = RuleBreach(family: family, rows: violated[family]!, shortfall: shortfall[family]!.total,
                                    largestShortfall: shortfall[family]!.largest, achieved: nil, required: nil)
            switch family {
            case .counterpart:
                breach.achieved = central > 0 ? local / central : nil
                breach.required = rules.counterpartRatio
            case .priorityShare:
                breach.achieved = pooledState > 0 ? toPriority / pooledState : nil
                breach.required = rules.priorityShareMin
            case .communeFloor:
                breach.required = rules.communeFloor
            default: break
            }
            return breach
        }
        let result = SolveResult(termination: Termination(reason: .feasible, detail: "status-quo baseline (greedy)"),
                                 objectiveValue: model.program.objectiveValue(at: x), variableValues: x,
                                 rowActivities: activities, rowDuals: nil, reducedCosts: nil, isMIP: false,
                                 bestBound: nil, relativeGap: nil, dualsFromFixedMIP: false,
                                 rightHandSideRanges: [:], objectiveRanges: [:], iterations: 0,
                                 solveSeconds: 0, loadSeconds: 0)
        var plan = model.plan(from: result)
        plan.status = .feasible
        self.plan = plan
        self.violatedRules = violated
        self.allotments = allotments
        self.breaches = breaches
    }

    /// Steps 1 and 2 of a single-period scenario: the point x and each source's split by commune.
    static func singlePeriodPoint(model: AllocationModel) -> (x: [Double], allotments: [[Double]]) {
        let scenario = model.scenario
        let communes = scenario.communes, works = scenario.works, sources = scenario.sources
        let rules = scenario.rules
        let mip = model.mode == .mip

        // Eligible sources of each work, from the model's pairs (the same eligibility as the LP).
        var pairIndex = [[Int: Int]](repeating: [:], count: works.count)   // work → source → variable
        for (k, pair) in model.pairs.enumerated() { pairIndex[pair.work][pair.source] = k }
        var worksOfCommune = [[Int]](repeating: [], count: communes.count)
        for p in works.indices { worksOfCommune[model.communeOfWork[p]].append(p) }

        /// Largest share of one work's funded amount that source s may pay in commune c.
        func maxShare(_ s: Int, _ c: Int) -> Double { largestShare(of: sources[s], in: communes[c], rules: rules) }

        // Step 1: split every pooled source by coefficients, with absorption caps. The rules are
        // evaluated once per commune (they read text columns), not once per source.
        let coefficients = communes.map { scenario.baseline.coefficient(of: $0) }
        var allotments = [[Double]](repeating: [Double](repeating: 0, count: communes.count), count: sources.count)
        var givenToGroup: [SourceGroup: [Double]] = [:]
        var pooledStateGiven = [Double](repeating: 0, count: communes.count)
        // The cost of each commune's works a pooled source may fund, from the pairs in one pass
        // (a district budget reaches a few dozen communes: looping over every commune for every
        // source was 400 × 2,000 lookups at 2,000 communes).
        var eligibleCost = [[Int: Double]](repeating: [:], count: sources.count)
        for p in works.indices {
            for s in pairIndex[p].keys where sources[s].isPooled { eligibleCost[s][model.communeOfWork[p], default: 0] += works[p].cost }
        }
        for (s, source) in sources.enumerated() {
            guard case .pooled(let budget) = source.scope else { continue }
            let group = SourceGroup(source.kind)
            var given = givenToGroup[group] ?? [Double](repeating: 0, count: communes.count)
            var absorb = [Double](repeating: 0, count: communes.count)
            for (c, cost) in eligibleCost[s] where cost > 0 {
                var capacity = maxShare(s, c) * cost
                capacity -= given[c]
                if source.kind.isState, let cap = rules.communeCap { capacity = min(capacity, cap - pooledStateGiven[c]) }
                absorb[c] = max(0, capacity)
            }
            let split = Self.waterFill(budget: budget, weights: coefficients,
                                       capacities: absorb)
            allotments[s] = split
            for (c, amount) in split.enumerated() where amount != 0 {
                given[c] += amount
                if source.kind.isState { pooledStateGiven[c] += amount }
            }
            givenToGroup[group] = given
        }

        // Step 2: each commune funds its works greedily.
        var x = [Double](repeating: 0, count: model.program.variableCount)
        var available = allotments   // per source, per commune: what is left to spend
        for (s, source) in sources.enumerated() {
            if case .local = source.scope {
                for c in communes.indices { available[s][c] = source.capacity(in: communes[c]) ?? 0 }
            }
        }
        var shares = [Double](repeating: 0, count: works.count)
        let kinds = sources.map(\.kind)
        for c in communes.indices {
            let order = worksOfCommune[c].sorted { a, b in
                let ra = model.workValues[a] / works[a].cost, rb = model.workValues[b] / works[b].cost
                return ra != rb ? ra > rb : a < b
            }
            let group = communes[c].group
            for p in order {
                let eligible = pairIndex[p].keys.sorted()
                let limits = eligible.map { s in (s, available[s][c], sources[s].maxShare) }
                let mu = rules.minCommunityShare[group], phi = rules.maxStateShare[group]
                let amount = Self.largestFunding(cost: works[p].cost, sources: limits, kinds: kinds,
                                                 phi: phi, mu: mu, wholeOnly: !works[p].divisible)
                guard amount.total > 0 else { continue }
                for (s, value) in amount.bySource where value > 0 {
                    x[pairIndex[p][s]!] = value
                    available[s][c] -= value
                }
                shares[p] = min(1, amount.total / works[p].cost)
            }
        }
        for p in works.indices { x[model.shareVariables[p].index] = shares[p] }
        for (c, z) in model.standardVariables {
            let required = worksOfCommune[c].filter { works[$0].required }
            let smallest = required.map { shares[$0] }.min() ?? 0
            x[z.index] = mip ? (smallest >= 1 - fullyFundedTolerance ? 1 : 0) : smallest
        }
        return (x, allotments)
    }

    /// The largest share of one work's funded amount that `source` may pay in `commune`: its own
    /// σ_s, and φ for state money or 1 − μ for money that is not the community's (both baselines).
    static func largestShare(of source: FundingSource, in commune: Commune, rules: Rules) -> Double {
        let group = commune.group
        var share = source.maxShare
        if source.kind.isState { share = min(share, rules.maxStateShare[group]) }
        if !source.kind.isCommunity { share = min(share, 1 - rules.minCommunityShare[group]) }
        return max(0, share)
    }

    /// Money groups for absorption: state, community, other.
    enum SourceGroup: Hashable {
        case state, community, other
        init(_ kind: SourceKind) { self = kind.isState ? .state : (kind.isCommunity ? .community : .other) }
    }

    /// Splits `budget` in proportion to `weights`, never giving more than `capacities`; what a
    /// capped commune cannot take is split again among the others until nothing more fits.
    static func waterFill(budget: Double, weights: [Double], capacities: [Double]) -> [Double] {
        var given = [Double](repeating: 0, count: weights.count)
        var active = weights.indices.filter { weights[$0] > 0 && capacities[$0] > 0 }
        var remaining = budget
        while remaining > 1e-9 && !active.isEmpty {
            let total = active.reduce(0) { $0 + weights[$1] }
            let capped = active.filter { remaining * weights[$0] / total >= capacities[$0] - given[$0] }
            if capped.isEmpty {
                for c in active { given[c] += remaining * weights[c] / total }
                remaining = 0
            } else {
                for c in capped {
                    remaining -= capacities[c] - given[c]
                    given[c] = capacities[c]
                }
                let full = Set(capped)
                active.removeAll { full.contains($0) }
            }
        }
        return given
    }

    /// The largest amount F ≤ cost that the per-work rules allow with these sources
    /// (`(source, available, σ)`), and how it splits: community ≥ μ·F first, then state (≤ φ·F),
    /// then other; within a group in the given order.
    static func largestFunding(cost: Double, sources: [(Int, Double, Double)], kinds: [SourceKind],
                               phi: Double, mu: Double, wholeOnly: Bool) -> (total: Double, bySource: [Int: Double]) {
        func caps(_ f: Double) -> (state: Double, community: Double, other: Double) {
            var state = 0.0, community = 0.0, other = 0.0
            for (s, available, sigma) in sources {
                let room = max(0, min(available, sigma * f))
                if kinds[s].isState { state += room } else if kinds[s].isCommunity { community += room } else { other += room }
            }
            return (min(state, phi * f), community, other)
        }
        func feasible(_ f: Double) -> Bool {
            let c = caps(f)
            return c.state + c.community + c.other >= f - 1e-9 * max(1, f) && c.community >= mu * f - 1e-9 * max(1, f)
        }
        var total: Double
        if feasible(cost) {
            total = cost
        } else if wholeOnly {
            return (0, [:])
        } else {
            // Feasible amounts form an interval [0, F*]: bisection on F.
            var lo = 0.0, hi = cost
            for _ in 0..<60 {
                let mid = (lo + hi) / 2
                if feasible(mid) { lo = mid } else { hi = mid }
            }
            total = lo
            if total < 1e-9 { return (0, [:]) }
        }
        let c = caps(total)
        let community = min(c.community, max(mu * total, total - c.state - c.other))
        let state = min(c.state, total - community)
        let other = max(0, total - community - state)
        var bySource: [Int: Double] = [:]
        func spread(_ amount: Double, where belongs: (SourceKind) -> Bool) {
            var left = amount
            for (s, available, sigma) in sources where belongs(kinds[s]) && left > 1e-12 {
                let take = min(left, max(0, min(available, sigma * total)))
                bySource[s, default: 0] += take
                left -= take
            }
        }
        spread(community) { $0.isCommunity }
        spread(state) { $0.isState }
        spread(other) { !$0.isState && !$0.isCommunity }
        // Summed in source order: a dictionary's order changes from run to run (Swift seeds its
        // hashing per process), and so would the last bit of the total.
        return (bySource.keys.sorted().reduce(0) { $0 + bySource[$1]! }, bySource)
    }
}
