import Foundation
import LinearProgramming
import Synchronization

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
/// reported as not tested (`sufficient == nil`), never as "not enough". The checks of steps 3–4
/// are independent: on a decomposed model two run at a time (each leaves a core idle while it
/// builds its problem and while its master solves); the verdicts do not depend on it.
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
    /// On a decomposed model two rules are checked at a time, so their reports interleave.
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
        let limitHit = Mutex(stoppedByTimeLimit)
        /// Step 1's blocks (nil when it has none), split once for the checks that derive theirs.
        let baseSplit: CommuneBlocks? = isLP ? baseProblem?.blocks() : nil
        /// A rule's check: the least shortfall of each candidate value (∞: proven infeasible; nil:
        /// no verdict) and, given the rule's derivative, its slope. One per rule, so that checks of
        /// different rules can run side by side: each keeps its own progress and Newton seed.
        final class Check {
            var current: Progress
            /// The columns of the last decomposed evaluation (a seed for the next Newton point).
            var lastColumns: DecompositionColumns?
            init(_ current: Progress) { self.current = current }
        }
        func evaluate(_ candidate: Scenario, in check: Check, derivative: ParameterDerivative? = nil,
                      seed: DecompositionColumns? = nil) throws(LPError) -> RuleThreshold.Evaluation {
            progress?(check.current)
            check.current.resolve += 1
            // A floor or a pooled budget moves bounds only: set in place, not built again, and its
            // shortfall problem has step 1's matrix, whose split it derives.
            let inPlace = model.withCommuneFloor(of: candidate) ?? model.withPooledBudgets(of: candidate)
            let changed = inPlace ?? AllocationModel(scenario: candidate, mode: model.mode)
            guard isLP else {
                let termination = try changed.solve(options: options, tieBreak: false).termination
                if !termination.hasSolution && termination.limit != nil { limitHit.withLock { $0 = true } }
                return RuleThreshold.Evaluation(shortfall: termination.hasSolution ? 0 : (termination.reason == .infeasible ? .infinity : nil))
            }
            let rows = changed.rowOrigins.indices.filter { changed.rowOrigins[$0].family == .communeFloor }
            let solution = try ShortfallProblem(model: changed, softening: rows, side: .lower)
                .solve(options: options, path: path, decomposition: decomposition, seed: seed ?? base?.columns, valueOnly: true,
                       split: inPlace == nil ? nil : baseSplit)
            if let columns = solution.columns { check.lastColumns = columns }
            let termination = solution.result.termination
            if !termination.hasSolution && termination.limit != nil { limitHit.withLock { $0 = true } }
            var evaluation = RuleThreshold.Evaluation(shortfall: solution.total ?? (termination.reason == .infeasible ? .infinity : nil))
            if let derivative, solution.total != nil, let duals = solution.result.rowDuals {
                evaluation.slope = -derivative.valueSlope(x: solution.result.variableValues, duals: duals)
            }
            return evaluation
        }
        /// The phase-1 problem's blocks priced once at its duals (budgets only need it).
        let budgetScreen: LagrangianScreen? = {
            guard isLP, pressure.keys.contains(where: \.isBudget), let baseProblem, let base,
                  let duals = base.result.rowDuals, let structure = baseSplit else { return nil }
            return LagrangianScreen(program: baseProblem.program, structure: structure, rowDuals: duals, options: options)
        }()
        var screened = 0
        var relaxations: [Relaxation] = []
        let parameters = pressure.keys.sorted { ($0.family, $0.key(in: scenario)) < ($1.family, $1.key(in: scenario)) }
        let ruleCount = parameters.count + capacityItems.count
        /// Rule `parameter` (number `index` of the rules) checked by re-solves: is its loosest value
        /// enough, and what value is just enough?
        /// Nil when the time limit stopped it before its loosest value had a verdict (not listed).
        /// A limit hit by the check beside it does not drop a verdict this one has: its search
        /// then stops at once, with a value proven enough (perhaps looser than necessary).
        func checkRule(_ parameter: ScenarioParameter, _ relaxation: Relaxation, index: Int) throws(LPError) -> Relaxation? {
            var relaxation = relaxation
            let check = Check(Progress(key: relaxation.key, index: index, count: ruleCount))
            let value = parameter.value(in: scenario)
            let loosest = parameter.loosest(in: scenario)
            let atLoosest = try evaluate(parameter.setting(loosest, in: scenario), in: check)
            check.lastColumns = nil   // Newton starts from the current value: the step-1 columns suit it best
            if atLoosest.shortfall == nil, limitHit.withLock({ $0 }) { return nil }
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
                                                             maxSolves: isLP ? 40 : 16, stop: { limitHit.withLock { $0 } }) { (θ: Double) throws(LPError) in
                    try evaluate(parameter.setting(θ, in: scenario), in: check, derivative: derivative, seed: check.lastColumns)
                }
            }
            return relaxation
        }
        /// Local source `s`'s capacity (number `index` of the rules) checked: are the floors met
        /// with it unlimited, and by how much more must each commune mobilise? Also whether the
        /// Lagrangian bound settled it without a solve.
        func checkCapacity(_ s: Int, items: [Item], index: Int) throws(LPError) -> (Relaxation, settledByBound: Bool) {
            var key = "sources.\(scenario.sources[s].id)"
            if case .local(let column, _) = scenario.sources[s].scope { key += " (communes.csv column \(column))" }
            progress?(Progress(key: key, index: index, count: ruleCount))
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
                return (relaxation, true)
            }
            let check = try loosened.solve(options: options, path: path, decomposition: decomposition, valueOnly: true)
            if let total = check.total {
                relaxation.sufficient = total <= tolerance
            } else if check.result.termination.reason == .infeasible {
                relaxation.sufficient = false
            } else if check.result.termination.limit != nil {
                limitHit.withLock { $0 = true }
            }
            // How much more: the least extra capacity with the floors hard.
            let problem = ShortfallProblem(model: model, softening: rows, side: .upper)
            let result = relaxation.sufficient == true
                ? try problem.solve(options: options, path: path, decomposition: decomposition).result : check.result
            if relaxation.sufficient == true && !result.termination.hasSolution {
                relaxation.sufficient = nil
                if result.termination.limit != nil { limitHit.withLock { $0 = true } }
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
            return (relaxation, false)
        }

        // The checks are independent: on a decomposed model two run side by side (each leaves a
        // core idle while it builds its problem and while its master solves), taken in the order
        // the rules are numbered; otherwise each runs as its rule comes, one after the other.
        let lanes = isLP && model.usesDecomposition(path: path, decomposition: decomposition) ? min(2, decomposition.workers) : 1
        enum Job { case rule(ScenarioParameter, Relaxation, index: Int), capacity(Int, [Item], index: Int) }
        /// The job's relaxation (nil: stopped by the time limit before a verdict) and whether the
        /// bound settled it.
        func run(_ job: Job) throws(LPError) -> (Relaxation?, settledByBound: Bool) {
            switch job {
            case .rule(let parameter, let relaxation, let index): return (try checkRule(parameter, relaxation, index: index), false)
            case .capacity(let s, let items, let index): return try checkCapacity(s, items: items, index: index)
            }
        }
        var jobs: [Job] = []
        /// Runs `job` now (one lane) or queues it.
        func schedule(_ job: Job) throws(LPError) {
            guard lanes == 1 else { return jobs.append(job) }
            let (relaxation, settled) = try run(job)
            if let relaxation { relaxations.append(relaxation) }
            if settled { screened += 1 }
        }
        for (index, parameter) in parameters.enumerated() {
            if limitHit.withLock({ $0 }) { break }
            var items = pressed[parameter] ?? []
            if parameter == .communeFloor {
                items = shortfalls.sorted { $0.amount > $1.amount }.prefix(20).map { Item(label: communeLabel($0.commune), amount: $0.amount) }
            }
            var relaxation = Relaxation(parameter: parameter, family: parameter.family, key: parameter.key(in: scenario),
                                        current: parameter.value(in: scenario), needed: nil, sufficient: nil,
                                        pressure: pressure[parameter] ?? 0, items: items)
            // A budget is a bound of linking rows: the phase-1 duals bound the least shortfall with
            // it loosened (``LagrangianScreen``); a bound below zero proves "not enough alone"
            // without a solve. Most of a national scenario's rules are such budgets.
            if parameter.isBudget, let screen = budgetScreen {
                let rows = Set(model.rowOrigins.indices.filter { i in
                    let origin = model.rowOrigins[i]
                    guard origin.family == .pooledBudget else { return false }
                    switch parameter {
                    case .budget(let s): return origin.source == s
                    case .periodBudget(let s, let t): return origin.source == s && (origin.period ?? 0) == t
                    default: return false
                    }
                })
                progress?(Progress(key: relaxation.key, index: index + 1, count: ruleCount))
                if let bound = screen.bound(loosening: rows), bound < -max(tolerance, 1e-6) {
                    relaxation.sufficient = false
                    relaxations.append(relaxation)
                    screened += 1
                    continue
                }
            }
            try schedule(.rule(parameter, relaxation, index: index + 1))
        }
        // 4. Each blocking local capacity alone: only that source's capacity rows may be exceeded.
        for (offset, (s, items)) in capacityItems.sorted(by: { $0.key < $1.key }).enumerated() {
            if limitHit.withLock({ $0 }) { break }
            try schedule(.capacity(s, items, index: parameters.count + offset + 1))
        }
        if !jobs.isEmpty {
            let outcomes = Mutex([Result<(Relaxation?, settledByBound: Bool), LPError>?](repeating: nil, count: jobs.count))
            let next = Mutex(0)
            let queued = jobs
            func work() {
                while true {
                    let k: Int? = next.withLock { n in
                        guard n < queued.count, !limitHit.withLock({ $0 }) else { return nil }
                        n += 1
                        return n - 1
                    }
                    guard let k else { return }
                    let outcome: Result<(Relaxation?, settledByBound: Bool), LPError>
                    do throws(LPError) { outcome = .success(try run(queued[k])) } catch {
                        outcome = .failure(error)
                        limitHit.withLock { $0 = true }   // no further check starts; the error is thrown below
                    }
                    outcomes.withLock { $0[k] = outcome }
                }
            }
            withoutActuallyEscaping(work) { work in
                let box = UncheckedBox(work)
                DispatchQueue.concurrentPerform(iterations: lanes) { _ in box.value() }
            }
            for outcome in outcomes.withLock({ $0 }) {
                switch outcome {
                case .success(let (relaxation, settled))?:
                    if let relaxation { relaxations.append(relaxation) }
                    if settled { screened += 1 }
                case .failure(let error)?: throw error
                case nil: break   // not started: the time limit
                }
            }
        }
        stoppedByTimeLimit = limitHit.withLock { $0 }
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

/// A value handed to the threads of `DispatchQueue.concurrentPerform` that the caller knows to
/// be safe there (the diagnosis's checks share only immutable inputs and mutex-guarded state).
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
