import LinearProgramming

/// Why a scenario has no feasible plan, in the planner's terms: which rules (by their scenario
/// keys) must give, for which communes or sources, and by how much.
///
/// Every row of the model except the commune floor holds when nothing is funded (x = 0, y = 0;
/// budgets and capacities are ≥ 0), so an infeasible scenario is always a floor that budgets,
/// shares, caps or eligibility cannot meet. The diagnosis:
/// 1. solves an elastic copy where only the floor rows may fall short, minimising the total
///    shortfall: which communes cannot reach the floor;
/// 2. reads the duals of that phase-1 optimum: the other rows with a non-zero dual block the
///    floor, and their rules (a budget, a share, the priority share…) are the candidates;
/// 3. for the floor and each candidate rule, checks whether relaxing that rule alone (to its
///    loosest value) makes the scenario feasible and, if so, finds by bisection the value that
///    is just enough — what a planner would set with `--set`;
/// 4. for each local source whose capacity blocks the floor (a per-commune data column), solves
///    an elastic copy where only that source's capacity rows may be exceeded, at least total
///    excess: feasible means raising that capacity alone is enough, and the excess per commune
///    is how much more each commune must mobilise.
/// A relaxation whose re-solve ends without a verdict (a time limit, a numerical failure) is
/// reported as not tested (`sufficient == nil`), never as "not enough".
public struct InfeasibilityDiagnosis: Sendable {
    /// A commune that cannot reach the floor in the phase-1 solution.
    public struct Shortfall: Sendable, Hashable {
        public var commune: Int
        /// Million VND of funding missing to reach the floor (one least-shortfall solution; the
        /// split between communes is not unique, the total is).
        public var amount: Double
    }

    /// A rule that, relaxed alone, would (or would not) make the scenario feasible.
    public struct Relaxation: Sendable, Hashable {
        /// The parameter to change (nil for a per-commune data column such as a local capacity).
        public var parameter: ScenarioParameter?
        public var family: ConstraintFamily
        /// The scenario key, e.g. `rules.commune_floor`, `sources.ntm-central.budget`.
        public var key: String
        public var current: Double?
        /// The value that is just enough with every other rule as it is (nil when not enough alone,
        /// and for a local capacity, whose per-commune amounts are in `items`).
        public var needed: Double?
        /// Whether relaxing this rule alone restores feasibility; nil when it could not be tested
        /// (the re-solve stopped without a verdict).
        public var sufficient: Bool?
        /// Largest phase-1 dual of the rule's rows: shortfall removed per unit of relaxation.
        public var pressure: Double
        /// Communes, sources or works concerned, with an amount (million VND) where it applies: for a
        /// local capacity that is enough alone, the extra capacity each commune needs.
        public var items: [Item]
    }

    /// A commune, source or work concerned by a relaxation.
    public struct Item: Sendable, Hashable {
        public var label: String
        public var amount: Double?
    }

    public var shortfalls: [Shortfall]
    /// Total shortfall of the phase-1 solution (million VND).
    public var totalShortfall: Double
    public var relaxations: [Relaxation]
    /// The options' deadline stopped the diagnosis before it was done: the rules listed were
    /// checked (a `needed` value is enough, though perhaps looser than necessary), the others not.
    public var stoppedByTimeLimit = false

    /// Where a diagnosis stands: rule `index` (1-based) of `count` is being tested; its scenario key.
    public struct Progress: Sendable, Hashable {
        public var key: String
        public var index: Int
        public var count: Int
        /// The re-solve of this rule under way (1-based): its loosest value first, then the
        /// bisection towards the value that is just enough (up to 17 in all).
        public var resolve: Int
        /// Makes a progress report.
        public init(key: String, index: Int, count: Int, resolve: Int = 1) {
            self.key = key
            self.index = index
            self.count = count
            self.resolve = resolve
        }
    }

    /// Diagnoses the model of an infeasible scenario. `progress` hears of each rule as its test
    /// begins (the re-solves' own branch-and-cut progress is not passed on: the rule is the news).
    public init(model: AllocationModel, options: SolverOptions = SolverOptions(),
                progress: (@Sendable (Progress) -> Void)? = nil) throws(LPError) {
        let scenario = model.scenario, program = model.program
        var options = options
        options.sensitivity = .none
        options.progress = nil
        func communeLabel(_ c: Int) -> String { "\(scenario.communes[c].name) (\(scenario.communes[c].code))" }

        // 1–2. Floor-only elastic copy and its duals.
        let floorRows = model.rowOrigins.indices.filter { model.rowOrigins[$0].family == .communeFloor }.map(ConstraintID.init)
        var shortfalls: [Shortfall] = []
        var pressure: [ScenarioParameter: Double] = [:]
        var capacityItems: [Int: [Item]] = [:]
        var pressed: [ScenarioParameter: [Item]] = [:]
        if !floorRows.isEmpty {
            let (elastic, slacks) = program.elasticCopy(softening: Dictionary(uniqueKeysWithValues: floorRows.map { ($0, 1.0) }),
                                                        keepObjective: false)
            let result = try GLPKSolver.solve(elastic, options: options)
            if !result.termination.hasSolution && result.termination.limit != nil { stoppedByTimeLimit = true }
            if result.termination.hasSolution {
                for row in floorRows {
                    guard let slack = slacks[row]?.relaxLower, result[slack] > 1e-6,
                          let c = model.rowOrigins[row.index].commune else { continue }
                    shortfalls.append(Shortfall(commune: c, amount: result[slack]))
                }
                if let duals = result.rowDuals {
                    for (i, origin) in model.rowOrigins.enumerated() where abs(duals[i]) > 1e-9 {
                        let work = origin.work, commune = origin.commune ?? work.map { model.communeOfWork[$0] }
                        let parameter: ScenarioParameter?
                        switch origin.family {
                        case .pooledBudget:
                            parameter = origin.source.map { s in
                                scenario.periodCount > 1 ? .periodBudget(source: s, period: origin.period ?? 0) : .budget(source: s)
                            }
                        case .shareCap: parameter = origin.source.map { .maxShare(source: $0) }
                        case .stateShare: parameter = commune.map { .maxStateShare(scenario.communes[$0].group) }
                        case .communityShare: parameter = commune.map { .minCommunityShare(scenario.communes[$0].group) }
                        case .counterpart: parameter = .counterpartRatio
                        case .priorityShare: parameter = .priorityShareMin
                        case .communeCap: parameter = .communeCap
                        case .localCapacity:
                            if let s = origin.source, let c = origin.commune {
                                capacityItems[s, default: []].append(Item(label: communeLabel(c), amount: nil))
                            }
                            parameter = nil
                        case .coverage, .communeFloor, .standard, .startOnce: parameter = nil
                        }
                        guard let parameter else { continue }
                        pressure[parameter] = max(pressure[parameter] ?? 0, abs(duals[i]))
                        if let work, (pressed[parameter]?.count ?? 0) < 10 {
                            pressed[parameter, default: []].append(Item(label: "\(scenario.works[work].id) — \(communeLabel(model.communeOfWork[work]))", amount: nil))
                        } else if let c = origin.commune, (pressed[parameter]?.count ?? 0) < 10 {
                            pressed[parameter, default: []].append(Item(label: communeLabel(c), amount: nil))
                        }
                    }
                }
            }
        }
        if pressure.isEmpty {
            // No floor conflict found (or no floor): try every rule the scenario has.
            for s in scenario.sources.indices {
                if scenario.sources[s].isPooled { pressure[.budget(source: s)] = 0 }
                if scenario.sources[s].maxShare < 1 { pressure[.maxShare(source: s)] = 0 }
            }
            for g in CommuneGroup.allCases {
                if scenario.rules.maxStateShare[g] < 1 { pressure[.maxStateShare(g)] = 0 }
                if scenario.rules.minCommunityShare[g] > 0 { pressure[.minCommunityShare(g)] = 0 }
            }
            if scenario.rules.counterpartRatio > 0 { pressure[.counterpartRatio] = 0 }
            if scenario.rules.priorityShareMin > 0 { pressure[.priorityShareMin] = 0 }
            if scenario.rules.communeCap != nil { pressure[.communeCap] = 0 }
        }
        if scenario.rules.communeFloor > 0 { pressure[.communeFloor] = pressure[.communeFloor] ?? 0 }

        // 3. Each rule alone: is its loosest value enough, and what value is just enough?
        /// true: a plan exists; false: proven infeasible; nil: no verdict (time limit, numerical failure).
        func verdict(_ termination: Termination) -> Bool? {
            if termination.hasSolution { return true }
            return termination.reason == .infeasible ? false : nil
        }
        /// The verdict on `candidate`; a solve stopped by the time budget ends the diagnosis.
        var limitHit = stoppedByTimeLimit
        var current: Progress?
        func feasible(_ candidate: Scenario) throws(LPError) -> Bool? {
            if var step = current {
                progress?(step)
                step.resolve += 1
                current = step
            }
            let termination = try AllocationModel(scenario: candidate, mode: model.mode).solve(options: options).termination
            if !termination.hasSolution && termination.limit != nil { limitHit = true }
            return verdict(termination)
        }
        var relaxations: [Relaxation] = []
        let parameters = pressure.keys.sorted { ($0.family, $0.key(in: scenario)) < ($1.family, $1.key(in: scenario)) }
        let ruleCount = parameters.count + capacityItems.count
        for (index, parameter) in parameters.enumerated() where !limitHit {
            current = Progress(key: parameter.key(in: scenario), index: index + 1, count: ruleCount)
            let current = parameter.value(in: scenario)
            let loosest = parameter.loosest(in: scenario)
            var items = pressed[parameter] ?? []
            if parameter == .communeFloor {
                items = shortfalls.sorted { $0.amount > $1.amount }.prefix(20).map { Item(label: communeLabel($0.commune), amount: $0.amount) }
            }
            var relaxation = Relaxation(parameter: parameter, family: parameter.family, key: parameter.key(in: scenario),
                                        current: current, needed: nil, sufficient: nil,
                                        pressure: pressure[parameter] ?? 0, items: items)
            let loosestVerdict = try feasible(parameter.setting(loosest, in: scenario))
            if limitHit { break }
            relaxation.sufficient = loosestVerdict
            if loosestVerdict == true {
                // Bisection between the loosest (feasible) and the current (infeasible) value.
                var good = loosest, bad = current ?? (parameter.largerIsLooser ? 0 : loosest)
                for _ in 0..<16 where abs(good - bad) > 1e-6 * max(1, abs(good)) {
                    let mid = (good + bad) / 2
                    // No verdict counts as not enough: `needed` stays a value proven feasible.
                    let midVerdict = try feasible(parameter.setting(mid, in: scenario))
                    if limitHit { break }
                    if midVerdict == true { good = mid } else { bad = mid }
                }
                relaxation.needed = good
            }
            relaxations.append(relaxation)
        }
        stoppedByTimeLimit = limitHit
        // 4. Each blocking local capacity alone: only that source's capacity rows may be exceeded.
        for (offset, (s, items)) in capacityItems.sorted(by: { $0.key < $1.key }).enumerated() {
            var key = "sources.\(scenario.sources[s].id)"
            if case .local(let column, _) = scenario.sources[s].scope { key += " (communes.csv column \(column))" }
            progress?(Progress(key: key, index: parameters.count + offset + 1, count: ruleCount))
            var relaxation = Relaxation(parameter: nil, family: .localCapacity, key: key, current: nil, needed: nil,
                                        sufficient: nil, pressure: 0, items: Array(items.prefix(20)))
            let rows = model.rowOrigins.indices.filter {
                model.rowOrigins[$0].family == .localCapacity && model.rowOrigins[$0].source == s
            }.map(ConstraintID.init)
            let (elastic, slacks) = program.elasticCopy(softening: Dictionary(uniqueKeysWithValues: rows.map { ($0, 1.0) }),
                                                        keepObjective: false)
            let result = try GLPKSolver.solve(elastic, options: options)
            relaxation.sufficient = verdict(result.termination)
            if relaxation.sufficient == true {
                var extra: [Item] = []
                var amounts: [Double] = []
                for row in rows {
                    guard let slack = slacks[row]?.relaxUpper, result[slack] > 1e-6,
                          let c = model.rowOrigins[row.index].commune else { continue }
                    extra.append(Item(label: communeLabel(c), amount: result[slack]))
                    amounts.append(result[slack])
                }
                relaxation.items = Array(extra.sorted { ($0.amount ?? 0) > ($1.amount ?? 0) }.prefix(20))
                relaxation.pressure = amounts.max() ?? 0
            }
            relaxations.append(relaxation)
        }
        func rank(_ r: Relaxation) -> Int { r.sufficient == true ? 0 : (r.sufficient == false ? 1 : 2) }
        relaxations.sort { (rank($0), -$0.pressure, $0.key) < (rank($1), -$1.pressure, $1.key) }
        self.shortfalls = shortfalls.sorted { $0.amount > $1.amount }
        self.totalShortfall = shortfalls.reduce(0) { $0 + $1.amount }
        self.relaxations = relaxations
    }

    /// The scenario keys of the rules that, relaxed alone, make the scenario feasible.
    public var sufficientKeys: [String] { relaxations.filter { $0.sufficient == true }.map(\.key) }
}
