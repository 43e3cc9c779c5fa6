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
///    loosest value) makes the scenario feasible and, if so, finds the value that is just
///    enough — what a planner would set with `--set`;
/// 4. for each local source whose capacity blocks the floor (a per-commune data column), checks
///    whether the floors can be met with that capacity unlimited and, if so, solves an elastic
///    copy where only that source's capacity rows may be exceeded, at least total excess: how
///    much more each commune must mobilise.
///
/// In LP mode every check is a phase-1 problem (``ShortfallProblem``: least floor shortfall; 0
/// means feasible), decomposed over the communes when the plan would be. Budgets are first
/// screened by a Lagrangian bound from step 1's duals (``LagrangianScreen``), which proves most
/// of them "not enough alone" without a solve; the value that is just enough comes from Newton
/// steps on the least shortfall with slopes from the duals (``RuleThreshold``,
/// ``ParameterDerivative``), not bisection. A MIP scenario's checks are whole solves, bisected.
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
        /// The value that is just enough with every other rule as it is (nil when not enough alone).
        /// For a local capacity that is enough alone: the least extra capacity in all, million VND
        /// over every commune (`items` lists the largest per-commune amounts of one such split).
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
    /// How many rules were proven not enough alone by a Lagrangian bound from the phase-1 duals,
    /// without a re-solve (``LagrangianScreen``; in LP mode: budgets, and local capacities when
    /// the model is decomposed).
    public var rulesSettledByBound = 0

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
    ///
    /// `path` and `decomposition` choose how each LP is solved, as for the plan itself: a model
    /// the decomposition would solve has its shortfall problems (``ShortfallProblem``) decomposed
    /// over the communes too.
    public init(model: AllocationModel, options: SolverOptions = SolverOptions(), path: SolvePath = .automatic,
                decomposition: DecompositionOptions = DecompositionOptions(),
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
        var base: ShortfallProblem.Solution?
        var baseProblem: ShortfallProblem?
        if !floorRows.isEmpty {
            let problem = ShortfallProblem(model: model, softening: floorRows.map(\.index), side: .lower)
            baseProblem = problem
            let solution = try problem.solve(options: options, path: path, decomposition: decomposition)
            let result = solution.result
            if !result.termination.hasSolution && result.termination.limit != nil { stoppedByTimeLimit = true }
            if result.termination.hasSolution {
                base = solution
                for row in floorRows {
                    guard let slack = problem.shortfall[row.index], result[slack] > 1e-6,
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
        // In LP mode a candidate is feasible when its least floor shortfall is nil (to a
        // millionth of the largest floor); a MIP candidate is solved whole (value only).
        let isLP = !program.isMixedInteger
        let largestFloor = floorRows.map { program.constraints[$0.index].bounds.lower }.filter(\.isFinite).max() ?? 1
        let tolerance = 1e-9 * max(1, largestFloor)
        var limitHit = stoppedByTimeLimit
        var current: Progress?
        /// The least shortfall of `candidate` (∞: proven infeasible; nil: no verdict) and, given
        /// the rule's derivative, its slope.
        /// The columns of the last decomposed check (a seed for the next Newton point).
        var lastColumns: DecompositionColumns?
        func evaluate(_ candidate: Scenario, derivative: ParameterDerivative? = nil,
                      seed: DecompositionColumns? = nil) throws(LPError) -> RuleThreshold.Evaluation {
            if var step = current {
                progress?(step)
                step.resolve += 1
                current = step
            }
            // A floor or a pooled budget moves bounds only: set in place, not built again, and its
            // shortfall problem has step 1's matrix, whose split it derives.
            let inPlace = model.withCommuneFloor(of: candidate) ?? model.withPooledBudgets(of: candidate)
            let changed = inPlace ?? AllocationModel(scenario: candidate, mode: model.mode)
            guard isLP else {
                let termination = try changed.solve(options: options, tieBreak: false).termination
                if !termination.hasSolution && termination.limit != nil { limitHit = true }
                return RuleThreshold.Evaluation(shortfall: termination.hasSolution ? 0 : (termination.reason == .infeasible ? .infinity : nil))
            }
            let rows = changed.rowOrigins.indices.filter { changed.rowOrigins[$0].family == .communeFloor }
            let solution = try ShortfallProblem(model: changed, softening: rows, side: .lower)
                .solve(options: options, path: path, decomposition: decomposition, seed: seed ?? base?.columns, valueOnly: true,
                       split: inPlace == nil ? nil : baseSplit())
            if let columns = solution.columns { lastColumns = columns }
            let termination = solution.result.termination
            if !termination.hasSolution && termination.limit != nil { limitHit = true }
            var evaluation = RuleThreshold.Evaluation(shortfall: solution.total ?? (termination.reason == .infeasible ? .infinity : nil))
            if let derivative, solution.total != nil, let duals = solution.result.rowDuals {
                evaluation.slope = -derivative.valueSlope(x: solution.result.variableValues, duals: duals)
            }
            return evaluation
        }
        /// Step 1's blocks, split on first use (nil when it has none).
        var baseSplitState: (built: Bool, split: CommuneBlocks?) = (false, nil)
        func baseSplit() -> CommuneBlocks? {
            if !baseSplitState.built {
                baseSplitState = (true, baseProblem?.blocks())
            }
            return baseSplitState.split
        }
        /// Built on first use: the phase-1 problem's blocks priced once at its duals.
        var screenState: (built: Bool, screen: LagrangianScreen?) = (false, nil)
        func budgetScreen() -> LagrangianScreen? {
            if !screenState.built {
                screenState.built = true
                if let baseProblem, let base, let duals = base.result.rowDuals, let structure = baseSplit() {
                    screenState.screen = LagrangianScreen(program: baseProblem.program, structure: structure, rowDuals: duals,
                                                          options: options)
                }
            }
            return screenState.screen
        }
        var screened = 0
        var relaxations: [Relaxation] = []
        let parameters = pressure.keys.sorted { ($0.family, $0.key(in: scenario)) < ($1.family, $1.key(in: scenario)) }
        let ruleCount = parameters.count + capacityItems.count
        for (index, parameter) in parameters.enumerated() where !limitHit {
            current = Progress(key: parameter.key(in: scenario), index: index + 1, count: ruleCount)
            let value = parameter.value(in: scenario)
            let loosest = parameter.loosest(in: scenario)
            var items = pressed[parameter] ?? []
            if parameter == .communeFloor {
                items = shortfalls.sorted { $0.amount > $1.amount }.prefix(20).map { Item(label: communeLabel($0.commune), amount: $0.amount) }
            }
            var relaxation = Relaxation(parameter: parameter, family: parameter.family, key: parameter.key(in: scenario),
                                        current: value, needed: nil, sufficient: nil,
                                        pressure: pressure[parameter] ?? 0, items: items)
            // A budget is a bound of linking rows: the phase-1 duals bound the least shortfall with
            // it loosened (``LagrangianScreen``); a bound below zero proves "not enough alone"
            // without a solve. Most of a national scenario's rules are such budgets.
            if isLP, parameter.isBudget, let screen = budgetScreen() {
                let rows = Set(model.rowOrigins.indices.filter { i in
                    let origin = model.rowOrigins[i]
                    guard origin.family == .pooledBudget else { return false }
                    switch parameter {
                    case .budget(let s): return origin.source == s
                    case .periodBudget(let s, let t): return origin.source == s && (origin.period ?? 0) == t
                    default: return false
                    }
                })
                if let current { progress?(current) }
                if let bound = screen.bound(loosening: rows), bound < -max(tolerance, 1e-6) {
                    relaxation.sufficient = false
                    relaxations.append(relaxation)
                    screened += 1
                    continue
                }
            }
            lastColumns = nil
            let atLoosest = try evaluate(parameter.setting(loosest, in: scenario))
            lastColumns = nil   // Newton starts from the current value: the step-1 columns suit it best
            if limitHit { break }
            relaxation.sufficient = atLoosest.shortfall.map { $0 <= tolerance }
            if relaxation.sufficient == true {
                // From the current (infeasible) value towards the loosest (feasible) one. In LP
                // mode the search starts from the phase-1 solution already at hand, with the
                // rule's derivative for Newton steps; otherwise it bisects.
                let bad = value ?? (parameter.largerIsLooser ? 0 : loosest)
                var derivative: ParameterDerivative?
                var first = RuleThreshold.Evaluation()
                if isLP, let value, let base, let total = base.total {
                    let midway = value + (loosest - value) / 2
                    derivative = ParameterDerivative(base: program, at: value,
                                                     other: AllocationModel(scenario: parameter.setting(midway, in: scenario), mode: model.mode).program,
                                                     at: midway)
                    first.shortfall = total
                    if let derivative, let duals = base.result.rowDuals {
                        first.slope = -derivative.valueSlope(x: base.result.variableValues, duals: duals)
                    }
                }
                relaxation.needed = try RuleThreshold.search(bad: bad, evaluation: first, good: loosest, tolerance: tolerance,
                                                             convex: derivative?.movesBoundsOnly ?? false,
                                                             maxSolves: isLP ? 40 : 16, stop: { limitHit }) { (θ: Double) throws(LPError) in
                    try evaluate(parameter.setting(θ, in: scenario), derivative: derivative, seed: lastColumns)
                }
            }
            relaxations.append(relaxation)
        }
        stoppedByTimeLimit = limitHit
        // 4. Each blocking local capacity alone: only that source's capacity rows may be exceeded.
        for (offset, (s, items)) in capacityItems.sorted(by: { $0.key < $1.key }).enumerated() where !limitHit {
            var key = "sources.\(scenario.sources[s].id)"
            if case .local(let column, _) = scenario.sources[s].scope { key += " (communes.csv column \(column))" }
            progress?(Progress(key: key, index: parameters.count + offset + 1, count: ruleCount))
            var relaxation = Relaxation(parameter: nil, family: .localCapacity, key: key, current: nil, needed: nil,
                                        sufficient: nil, pressure: 0, items: Array(items.prefix(20)))
            let rows = model.rowOrigins.indices.filter {
                model.rowOrigins[$0].family == .localCapacity && model.rowOrigins[$0].source == s
            }
            // Enough alone? The floors' least shortfall with this capacity free (no hard floor, so
            // every commune's block has a solution and the decomposition needs no fallback).
            let loosened = ShortfallProblem(model: model, softening: [.init(rows: floorRows.map(\.index), side: .lower),
                                                                      .init(rows: rows, side: .upper, cost: 0)])
            // With this capacity free, step 1's duals give a Lagrangian bound (every commune
            // re-priced with the capacity free): below zero proves it not enough alone, no solve.
            if isLP, model.usesDecomposition(path: path, decomposition: decomposition),
               let base, let duals = base.result.rowDuals, let structure = loosened.blocks(),
               let screen = LagrangianScreen(program: loosened.program, structure: structure, rowDuals: duals, options: options),
               screen.bound < -max(tolerance, 1e-6) {
                relaxation.sufficient = false
                relaxations.append(relaxation)
                screened += 1
                continue
            }
            let check = try loosened.solve(options: options, path: path, decomposition: decomposition, valueOnly: true)
            if let total = check.total {
                relaxation.sufficient = total <= tolerance
            } else if check.result.termination.reason == .infeasible {
                relaxation.sufficient = false
            } else if check.result.termination.limit != nil {
                limitHit = true
            }
            // How much more: the least extra capacity with the floors hard.
            let problem = ShortfallProblem(model: model, softening: rows, side: .upper)
            let result = relaxation.sufficient == true
                ? try problem.solve(options: options, path: path, decomposition: decomposition).result : check.result
            if relaxation.sufficient == true && !result.termination.hasSolution {
                relaxation.sufficient = nil
                if result.termination.limit != nil { limitHit = true }
            }
            if relaxation.sufficient == true {
                var extra: [Item] = []
                var amounts: [Double] = []
                for row in rows {
                    guard let slack = problem.shortfall[row], result[slack] > 1e-6,
                          let c = model.rowOrigins[row].commune else { continue }
                    extra.append(Item(label: communeLabel(c), amount: result[slack]))
                    amounts.append(result[slack])
                }
                relaxation.items = Array(extra.sorted { ($0.amount ?? 0) > ($1.amount ?? 0) }.prefix(20))
                relaxation.pressure = amounts.max() ?? 0
                relaxation.needed = amounts.reduce(0, +)
            }
            relaxations.append(relaxation)
        }
        stoppedByTimeLimit = limitHit
        func rank(_ r: Relaxation) -> Int { r.sufficient == true ? 0 : (r.sufficient == false ? 1 : 2) }
        relaxations.sort { (rank($0), -$0.pressure, $0.key) < (rank($1), -$1.pressure, $1.key) }
        self.shortfalls = shortfalls.sorted { $0.amount > $1.amount }
        self.totalShortfall = shortfalls.reduce(0) { $0 + $1.amount }
        self.relaxations = relaxations
        rulesSettledByBound = screened
    }

    /// The scenario keys of the rules that, relaxed alone, make the scenario feasible.
    public var sufficientKeys: [String] { relaxations.filter { $0.sufficient == true }.map(\.key) }
}
