import LinearProgramming

extension StatusQuoBaseline {
    /// Steps 1 and 2 of a multi-year scenario (docs/model.md, "The status-quo baseline", multi-year
    /// rules): the point x and each source's split by commune, summed over the years.
    ///
    /// 1. **Split, year by year.** Each pooled source's budget of year t is divided among the
    ///    communes by their coefficients, with absorption caps computed on the works that may spend
    ///    in year t (their yearly amount K_p/d_p), exactly as the single-period split does.
    /// 2. **Fund, year by year.** In year t each commune, in file order, takes its works that may
    ///    start in t and have not started, in decreasing order of v_p/K_p (ties: file order), and
    ///    starts each with the largest share y (at most what is not started yet) that its
    ///    allotments and local capacities can pay in *every* year of its duration (y·K_p/d_p a year,
    ///    with the per-work rules); those amounts are reserved at once, so what starts is always
    ///    finished. A work part-started may start more of its share in a later year of its
    ///    possible starts. In MIP mode an indivisible work starts only whole.
    /// 3. **Carry.** Money of a pooled source left unspent in year t is carried into t + 1 up to
    ///    c_s·B_{s,t}; it joins year t + 1's allotments (split by the same coefficients) before any
    ///    of that year's spending; the rest lapses.
    static func multiYearPoint(model: AllocationModel) -> (x: [Double], allotments: [[Double]]) {
        let scenario = model.scenario
        let communes = scenario.communes, works = scenario.works, sources = scenario.sources
        let rules = scenario.rules
        let periods = scenario.periodCount
        let mip = model.mode == .mip
        var x = [Double](repeating: 0, count: model.program.variableCount)

        // x_{s,p,t} of each work, source and period.
        var pairIndex = [[Int: [Int: Int]]](repeating: [:], count: works.count)
        for (k, pair) in model.pairs.enumerated() { pairIndex[pair.work][pair.source, default: [:]][pair.period] = k }
        var worksOfCommune = [[Int]](repeating: [], count: communes.count)
        for p in works.indices { worksOfCommune[model.communeOfWork[p]].append(p) }
        func maxShare(_ s: Int, _ c: Int) -> Double { largestShare(of: sources[s], in: communes[c], rules: rules) }
        let coefficients = communes.map { scenario.baseline.coefficient(of: $0) }
        // Σ_t y_{p,t} so far: a work part-started in one year may start more of its share later.
        var started = [Double](repeating: 0, count: works.count)

        /// What commune c's works that have not started may still absorb from s in year t.
        func absorption(_ s: Int, _ c: Int, _ t: Int) -> Double {
            var capacity = 0.0
            for p in worksOfCommune[c] where started[p] < 1 - 1e-9 {
                guard pairIndex[p][s]?[t] != nil else { continue }
                capacity += (1 - started[p]) * maxShare(s, c) * works[p].cost / Double(model.windows[p].duration)
            }
            return capacity
        }

        // Step 1: every year's budget split by coefficients, with absorption caps.
        var available = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: communes.count), count: periods),
                                     count: sources.count)
        var allotments = [[Double]](repeating: [Double](repeating: 0, count: communes.count), count: sources.count)
        for t in 0..<periods {
            var givenToGroup: [SourceGroup: [Double]] = [:]
            var pooledStateGiven = [Double](repeating: 0, count: communes.count)
            for (s, source) in sources.enumerated() {
                switch source.scope {
                case .local:
                    for c in communes.indices { available[s][t][c] = source.capacity(in: communes[c]) ?? 0 }
                case .pooled:
                    let group = SourceGroup(source.kind)
                    let absorb = communes.indices.map { c -> Double in
                        var capacity = absorption(s, c, t) - (givenToGroup[group]?[c] ?? 0)
                        if source.kind.isState, let cap = rules.communeCap { capacity = min(capacity, cap - pooledStateGiven[c]) }
                        return max(0, capacity)
                    }
                    let split = waterFill(budget: source.budget(inPeriod: t) ?? 0, weights: coefficients, capacities: absorb)
                    for c in communes.indices {
                        available[s][t][c] = split[c]
                        allotments[s][c] += split[c]
                        givenToGroup[group, default: [Double](repeating: 0, count: communes.count)][c] += split[c]
                        if source.kind.isState { pooledStateGiven[c] += split[c] }
                    }
                }
            }
        }

        // Steps 2 and 3, year by year.
        var carriedIn = [Double](repeating: 0, count: sources.count)
        // Money of each source paid out in each year, whenever it was reserved.
        var spent = [[Double]](repeating: [Double](repeating: 0, count: periods), count: sources.count)
        for t in 0..<periods {
            // Carried money joins this year's allotments first.
            for s in sources.indices where carriedIn[s] > 0 {   // only pooled sources carry
                let absorb = communes.indices.map { c in max(0, absorption(s, c, t) - available[s][t][c]) }
                let split = waterFill(budget: carriedIn[s], weights: coefficients, capacities: absorb)
                for c in communes.indices {
                    available[s][t][c] += split[c]
                    allotments[s][c] += split[c]
                }
            }
            for c in communes.indices {
                let order = worksOfCommune[c].sorted { a, b in
                    let ra = model.workValues[a] / works[a].cost, rb = model.workValues[b] / works[b].cost
                    return ra != rb ? ra > rb : a < b
                }
                let group = communes[c].group
                for p in order where started[p] < 1 - 1e-9 && model.windows[p].starts.contains(t) {
                    let duration = model.windows[p].duration
                    let perYear = works[p].cost / Double(duration)
                    func limits(_ tau: Int) -> [(Int, Double, Double)] {
                        (pairIndex[p].keys.sorted()).compactMap { s in
                            pairIndex[p][s]?[tau] != nil ? (s, available[s][tau][c], sources[s].maxShare) : nil
                        }
                    }
                    let whole = mip && !works[p].divisible
                    var share = 1 - started[p]
                    for tau in t..<(t + duration) {
                        let most = largestFunding(cost: perYear, sources: limits(tau), kinds: sources.map(\.kind),
                                                  phi: rules.maxStateShare[group], mu: rules.minCommunityShare[group],
                                                  wholeOnly: whole).total
                        share = min(share, most / perYear)
                    }
                    guard share > 1e-9, !(whole && share < 1 - 1e-9) else { continue }
                    for tau in t..<(t + duration) {
                        let funding = largestFunding(cost: share * perYear, sources: limits(tau), kinds: sources.map(\.kind),
                                                     phi: rules.maxStateShare[group], mu: rules.minCommunityShare[group],
                                                     wholeOnly: true)
                        for (s, value) in funding.bySource where value > 0 {
                            x[pairIndex[p][s]![tau]!] += value
                            available[s][tau][c] -= value
                            spent[s][tau] += value
                        }
                    }
                    if let start = model.startVariables[p].first(where: { $0.period == t }) { x[start.variable.index] = share }
                    started[p] += share
                }
            }
            // Carry what is left of this year's pooled money, up to c_s·B_{s,t}.
            for (s, source) in sources.enumerated() where source.isPooled && t + 1 < periods {
                let budget = source.budget(inPeriod: t) ?? 0
                let unspent = max(0, budget + carriedIn[s] - spent[s][t])
                let carried = min(source.carryOver * budget, unspent)
                carriedIn[s] = carried
                if let r = model.carryVariables.first(where: { $0.source == s && $0.period == t }) {
                    x[r.variable.index] = carried
                } else {
                    carriedIn[s] = 0
                }
            }
        }
        // z_c: the smallest share of its required works completed by its standard_by (in MIP mode 1
        // only when all are).
        for (c, z) in model.standardVariables {
            let deadline = communes[c].standardBy ?? (periods - 1)
            let shares = worksOfCommune[c].filter { works[$0].required }.map { p in
                model.startVariables[p].filter { model.windows[p].completion(startingIn: $0.period) <= deadline }
                    .reduce(0) { $0 + x[$1.variable.index] }
            }
            let smallest = shares.min() ?? 0
            x[z.index] = mip ? (smallest >= 1 - fullyFundedTolerance ? 1 : 0) : smallest
        }
        return (x, allotments)
    }
}
