import Foundation
import LinearProgramming

/// Typed indices of the formulation: a source, a work, a commune and a period are different
/// things, so the builder cannot mix them up (they wrap the position in the scenario's arrays).
struct SourceIndex: Hashable, Comparable { let raw: Int; static func < (a: Self, b: Self) -> Bool { a.raw < b.raw } }
struct WorkIndex: Hashable, Comparable { let raw: Int; static func < (a: Self, b: Self) -> Bool { a.raw < b.raw } }
struct CommuneIndex: Hashable, Comparable { let raw: Int; static func < (a: Self, b: Self) -> Bool { a.raw < b.raw } }
struct PeriodIndex: Hashable, Comparable { let raw: Int; static func < (a: Self, b: Self) -> Bool { a.raw < b.raw } }

/// Builds an ``AllocationModel``'s program: the variables, then one function per constraint
/// family of docs/model.md §2 and §7.2, each over the period axis. A single-period scenario
/// gets exactly the rows and names of §2 (no period suffix).
struct FormulationBuilder {
    private let scenario: Scenario
    private let mode: SolveMode
    private let windows: [WorkWindow]
    private let communeOfWork: [Int]
    private let communeWeights: [Double]
    private let workValues: [Double]
    private let periods: [PeriodIndex]

    private var program = LinearProgram(name: "ntm_alloc", sense: .maximize)
    private var names = ModelNames()
    private var pairs: [FundingPair] = []
    private var startVariables: [[WorkStart]] = []
    private var standardVariables: [Int: VariableID] = [:]
    private var carryVariables: [CarryVariable] = []
    private var rowOrigins: [RowOrigin] = []
    private var budgetRowsByPeriod: [Int: [ConstraintID?]] = [:]

    // Index tables.
    private let sourceName: [String], workName: [String], communeName: [String], periodSuffix: [String]
    /// Eligible sources of each work.
    private var sourcesOfWork: [[SourceIndex]] = []
    /// The first x_{s,p,t} of each work. A work's are consecutive, by its eligible sources (in
    /// ``sourcesOfWork`` order), then by period of its spending window: one index per work, not
    /// an array per work and source (building 20,000 works allocated and freed 125,000 of them).
    private var firstPairVariable: [Int] = []
    private var worksOfCommune: [[WorkIndex]]

    init(model: AllocationModel) {
        scenario = model.scenario
        mode = model.mode
        windows = model.windows
        communeOfWork = model.communeOfWork
        communeWeights = model.communeWeights
        workValues = model.workValues
        periods = (0..<model.scenario.periodCount).map(PeriodIndex.init)
        sourceName = scenario.sources.map { ModelNames.sanitize($0.id) }
        workName = scenario.works.map { ModelNames.sanitize($0.id) }
        communeName = scenario.communes.map { ModelNames.sanitize($0.code) }
        periodSuffix = scenario.periodCount == 1 ? [""] : scenario.periods.map { "t" + ModelNames.sanitize($0) }
        var worksOfCommune = [[WorkIndex]](repeating: [], count: scenario.communes.count)
        for p in scenario.works.indices { worksOfCommune[model.communeOfWork[p]].append(WorkIndex(raw: p)) }
        self.worksOfCommune = worksOfCommune
    }

    /// Hands the built program and index over to the model.
    func install(into model: inout AllocationModel) {
        model.program = program
        model.pairs = pairs
        model.startVariables = startVariables
        model.shareVariables = startVariables.map { $0[0].variable }
        model.standardVariables = standardVariables
        model.carryVariables = carryVariables
        model.rowOrigins = rowOrigins
        model.budgetRowsByPeriod = budgetRowsByPeriod
    }

    mutating func build() {
        findEligiblePairs()
        addFundingVariables()
        addStartVariables()
        addStandardVariables()
        addCarryVariables()
        addCoverageRows()          // 1, 1b
        addBudgetRows()            // 2
        addCapacityRows()          // 3
        addShareCapRows()          // 4
        addGroupShareRows()        // 5, 6
        addCounterpartRows()       // 7
        addPriorityShareRows()     // 8
        addFloorRows()             // 9
        addCommuneCapRows()        // 10
        addStandardRows()          // 11
    }

    // MARK: Accessors

    private func work(_ p: WorkIndex) -> Work { scenario.works[p.raw] }
    private func source(_ s: SourceIndex) -> FundingSource { scenario.sources[s.raw] }
    private func commune(of p: WorkIndex) -> Commune { scenario.communes[communeOfWork[p.raw]] }
    private func window(_ p: WorkIndex) -> WorkWindow { windows[p.raw] }
    private var works: [WorkIndex] { scenario.works.indices.map(WorkIndex.init) }
    private var sources: [SourceIndex] { scenario.sources.indices.map(SourceIndex.init) }
    private var communes: [CommuneIndex] { scenario.communes.indices.map(CommuneIndex.init) }

    /// x_{s,p,t} of the k-th eligible source of p in period t (nil outside the window).
    private func x(_ p: WorkIndex, _ k: Int, _ t: PeriodIndex) -> VariableID? {
        let spending = window(p).spending
        guard spending.contains(t.raw) else { return nil }
        return VariableID(firstPairVariable[p.raw] + k * spending.count + (t.raw - spending.lowerBound))
    }

    /// (K_p/d_p)·Σ_{τ ∈ S_p, τ ≤ t ≤ τ+d−1} y_{p,τ} as terms with each coefficient × `factor`:
    /// the amount funded for work p in period t (F_{p,t}).
    private func fundedTerms(_ p: WorkIndex, _ t: PeriodIndex, times factor: Double) -> [LinearTerm] {
        guard let taus = window(p).starts(spendingIn: t.raw) else { return [] }
        let perPeriod = work(p).cost / Double(window(p).duration)
        return startVariables[p.raw].filter { taus.contains($0.period) }.map { LinearTerm($0.variable, factor * perPeriod) }
    }

    private mutating func addRow(_ prefix: String, _ parts: [String], _ terms: [LinearTerm], _ bounds: ConstraintBounds,
                                 _ origin: RowOrigin) {
        program.addConstraint(name: names.unique(prefix, parts, skippingEmpty: true), terms: terms, bounds)
        rowOrigins.append(origin)
    }

    // MARK: Variables

    /// Eligible pairs per work — FundingSource's eligibility, evaluated through tables: each
    /// source's verdict per commune (selectors, district) and per category is computed once,
    /// so the work × source loop does array look-ups instead of hashing strings.
    private mutating func findEligiblePairs() {
        var categoryIndex: [String: Int] = [:]
        let categoryOfWork = scenario.works.map { work -> Int in
            if let k = categoryIndex[work.category] { return k }
            categoryIndex[work.category] = categoryIndex.count
            return categoryIndex.count - 1
        }
        let categories = categoryIndex.sorted { $0.value < $1.value }.map(\.key)
        // District names hashed once per commune, not once per source and commune.
        var districtIndex: [String: Int] = [:]
        let districtOfCommune = scenario.communes.map { c -> Int in
            if let k = districtIndex[c.district] { return k }
            districtIndex[c.district] = districtIndex.count
            return districtIndex.count - 1
        }
        let communeOK = scenario.sources.map { source in
            let inDistrict = source.eligibility.districts.map { names in
                var ok = [Bool](repeating: false, count: districtIndex.count)
                for (name, k) in districtIndex where names.contains(name) { ok[k] = true }
                return ok
            }
            return scenario.communes.indices.map { c in
                (inDistrict.map { $0[districtOfCommune[c]] } ?? true)
                    && source.eligibility.communes.contains { $0.matches(scenario.communes[c]) }
            }
        }
        let categoryOK = scenario.sources.map { source in
            categories.map { k in source.eligibility.categories.map { $0.contains(k) } ?? true }
        }
        sourcesOfWork = works.map { p in
            sources.filter { s in
                communeOK[s.raw][communeOfWork[p.raw]] && categoryOK[s.raw][categoryOfWork[p.raw]]
                    && (source(s).kind != .labour || work(p).communityBuildable)
            }
        }
    }

    /// x_{s,p,t} ≥ 0 with objective −κ_s, for every eligible pair and t ∈ W_p.
    private mutating func addFundingVariables() {
        let count = sourcesOfWork.reduce(0) { $0 + $1.count }
        program.reserveCapacity(variables: count + scenario.works.count + scenario.communes.count,
                                constraints: scenario.works.count * 3 + scenario.communes.count * 3,
                                nonZeros: count * 4 + scenario.works.count * 3)
        firstPairVariable.reserveCapacity(scenario.works.count)
        pairs.reserveCapacity(count)
        for p in works {
            firstPairVariable.append(program.variableCount)
            for s in sourcesOfWork[p.raw] {
                for t in window(p).spending {
                    program.addVariable(name: names.unique("x", sourceName[s.raw], workName[p.raw] + suffix(t)),
                                        lower: 0, upper: .infinity, objective: -source(s).cost)
                    pairs.append(FundingPair(source: s.raw, work: p.raw, period: t))
                }
            }
        }
    }

    /// The name suffix of period t ("" in a single-period model).
    private func suffix(_ t: Int) -> String { periodSuffix[t].isEmpty ? "" : "_" + periodSuffix[t] }

    /// y_{p,t} ∈ [0, 1], t ∈ S_p, worth v_p·δ_{t+d−1} (a work's value counts in the period it is
    /// completed; δ_t = (1 + discount rate)^(−t)); binary in MIP mode for an indivisible work.
    private mutating func addStartVariables() {
        let rate = scenario.discountRate
        startVariables = works.map { p in
            let kind: VariableKind = mode == .mip && !work(p).divisible ? .binary : .continuous
            return window(p).starts.map { t in
                let delta = rate == 0 ? 1 : pow(1 + rate, -Double(window(p).completion(startingIn: t)))
                let v = program.addVariable(name: names.unique("y", workName[p.raw] + suffix(t)), lower: 0, upper: 1,
                                            kind: kind, objective: workValues[p.raw] * delta)
                return WorkStart(period: t, variable: v)
            }
        }
    }

    /// z_c ∈ [0, 1] with objective Ω·w_c, for target communes with a required work, when Ω > 0.
    private mutating func addStandardVariables() {
        let omega = scenario.weights.standardBonus
        guard omega > 0 else { return }
        var hasRequired = Set<Int>()
        for p in works where work(p).required { hasRequired.insert(communeOfWork[p.raw]) }
        for c in communes where scenario.communes[c.raw].status == .target && hasRequired.contains(c.raw) {
            standardVariables[c.raw] = program.addVariable(name: names.unique("z", communeName[c.raw]), lower: 0, upper: 1,
                                                           kind: mode == .mip ? .binary : .continuous,
                                                           objective: omega * communeWeights[c.raw])
        }
    }

    /// r_{s,t} ∈ [0, c_s·B_{s,t}] for pooled sources with c_s > 0 and t < T − 1.
    private mutating func addCarryVariables() {
        for s in sources where source(s).isPooled && source(s).carryOver > 0 {
            for t in periods.dropLast() {
                let cap = source(s).carryOver * (source(s).budget(inPeriod: t.raw) ?? 0)
                guard cap > 0 else { continue }
                let v = program.addVariable(name: names.unique("r", sourceName[s.raw] + suffix(t.raw)), lower: 0, upper: cap)
                carryVariables.append(CarryVariable(source: s.raw, period: t.raw, variable: v))
            }
        }
    }

    // MARK: Rows

    /// 1. Coverage, for every work and t ∈ W_p: Σ_s x_{s,p,t} − F_{p,t} = 0; and 1b. started at
    /// most once: Σ_{t ∈ S_p} y_{p,t} ≤ 1 where |S_p| > 1.
    private mutating func addCoverageRows() {
        for p in works {
            for t in window(p).spending.map(PeriodIndex.init) {
                var terms = sourcesOfWork[p.raw].indices.compactMap { k in x(p, k, t).map { LinearTerm($0, 1) } }
                terms += fundedTerms(p, t, times: -1)
                addRow("cover", [workName[p.raw] + suffix(t.raw)], terms, .equal(0),
                       RowOrigin(family: .coverage, work: p.raw, period: t.raw))
            }
        }
        for p in works where startVariables[p.raw].count > 1 {
            addRow("start", [workName[p.raw]], startVariables[p.raw].map { LinearTerm($0.variable, 1) }, .lessOrEqual(1),
                   RowOrigin(family: .startOnce, work: p.raw))
        }
    }

    /// 2. Pooled budget, every period: Σ_p x_{s,p,t} + r_{s,t} − r_{s,t−1} ≤ B_{s,t} (a row only
    /// where the source has an eligible pair, and in periods where the row has a term).
    private mutating func addBudgetRows() {
        var terms = [[[LinearTerm]]](repeating: [[LinearTerm]](repeating: [], count: periods.count), count: scenario.sources.count)
        for p in works {
            for (k, s) in sourcesOfWork[p.raw].enumerated() where source(s).isPooled {
                for t in window(p).spending.map(PeriodIndex.init) { terms[s.raw][t.raw].append(LinearTerm(x(p, k, t)!, 1)) }
            }
        }
        for r in carryVariables {
            terms[r.source][r.period].append(LinearTerm(r.variable, 1))
            terms[r.source][r.period + 1].append(LinearTerm(r.variable, -1))
        }
        for s in sources where source(s).isPooled {
            guard sourcesOfWork.contains(where: { $0.contains(s) }) else { continue }
            var rows = [ConstraintID?](repeating: nil, count: periods.count)
            for t in periods where !terms[s.raw][t.raw].isEmpty {
                rows[t.raw] = ConstraintID(program.constraintCount)
                addRow("budget", [sourceName[s.raw] + suffix(t.raw)], terms[s.raw][t.raw],
                       .lessOrEqual(source(s).budget(inPeriod: t.raw) ?? 0),
                       RowOrigin(family: .pooledBudget, source: s.raw, period: t.raw))
            }
            budgetRowsByPeriod[s.raw] = rows
        }
    }

    /// 3. Local capacity, every commune and period: Σ_{p in c} x_{s,p,t} ≤ cap_{s,c} (the same
    /// capacity each period; local sources carry nothing over).
    private mutating func addCapacityRows() {
        var terms: [SourceIndex: [CommuneIndex: [PeriodIndex: [LinearTerm]]]] = [:]
        for p in works {
            let c = CommuneIndex(raw: communeOfWork[p.raw])
            for (k, s) in sourcesOfWork[p.raw].enumerated() where !source(s).isPooled {
                for t in window(p).spending.map(PeriodIndex.init) {
                    terms[s, default: [:]][c, default: [:]][t, default: []].append(LinearTerm(x(p, k, t)!, 1))
                }
            }
        }
        for s in sources where !source(s).isPooled {
            guard let byCommune = terms[s] else { continue }
            for c in byCommune.keys.sorted() {
                let capacity = source(s).capacity(in: scenario.communes[c.raw]) ?? 0
                for t in byCommune[c]!.keys.sorted() {
                    addRow("cap", [sourceName[s.raw], communeName[c.raw] + suffix(t.raw)], byCommune[c]![t]!, .lessOrEqual(capacity),
                           RowOrigin(family: .localCapacity, source: s.raw, commune: c.raw, period: t.raw))
                }
            }
        }
    }

    /// 4. Share cap: x_{s,p,t} − σ_s·F_{p,t} ≤ 0 where σ_s < 1.
    private mutating func addShareCapRows() {
        for p in works {
            for (k, s) in sourcesOfWork[p.raw].enumerated() where source(s).maxShare < 1 {
                for t in window(p).spending.map(PeriodIndex.init) {
                    addRow("share", [sourceName[s.raw], workName[p.raw] + suffix(t.raw)],
                           [LinearTerm(x(p, k, t)!, 1)] + fundedTerms(p, t, times: -source(s).maxShare), .lessOrEqual(0),
                           RowOrigin(family: .shareCap, source: s.raw, work: p.raw, period: t.raw))
                }
            }
        }
    }

    /// 5. State share: Σ_{state} x_{s,p,t} − φ·F_{p,t} ≤ 0 where φ < 1 (rows without a state pair
    /// are void). 6. Community share: Σ_{community} x_{s,p,t} − μ·F_{p,t} ≥ 0 where μ > 0 (kept even
    /// without a community pair: it then forces the work's funding to 0, as the model says).
    private mutating func addGroupShareRows() {
        for p in works {
            let group = commune(of: p).group
            let phi = scenario.rules.maxStateShare[group], mu = scenario.rules.minCommunityShare[group]
            for t in window(p).spending.map(PeriodIndex.init) {
                if phi < 1 {
                    let terms = sourcesOfWork[p.raw].enumerated().compactMap { k, s in
                        source(s).kind.isState ? LinearTerm(x(p, k, t)!, 1) : nil
                    }
                    if !terms.isEmpty {
                        addRow("state", [workName[p.raw] + suffix(t.raw)], terms + fundedTerms(p, t, times: -phi), .lessOrEqual(0),
                               RowOrigin(family: .stateShare, work: p.raw, period: t.raw))
                    }
                }
                if mu > 0 {
                    let terms = sourcesOfWork[p.raw].enumerated().compactMap { k, s in
                        source(s).kind.isCommunity ? LinearTerm(x(p, k, t)!, 1) : nil
                    }
                    addRow("community", [workName[p.raw] + suffix(t.raw)], terms + fundedTerms(p, t, times: -mu), .greaterOrEqual(0),
                           RowOrigin(family: .communityShare, work: p.raw, period: t.raw))
                }
            }
        }
    }

    /// Terms Σ coefficient(s, p)·x_{s,p,t} over every pair, for one period.
    private func pairTerms(in t: PeriodIndex, _ coefficient: (SourceIndex, WorkIndex) -> Double?) -> [LinearTerm] {
        var terms: [LinearTerm] = []
        for p in works where window(p).spending.contains(t.raw) {
            for (k, s) in sourcesOfWork[p.raw].enumerated() {
                if let a = coefficient(s, p) { terms.append(LinearTerm(x(p, k, t)!, a)) }
            }
        }
        return terms
    }

    /// 7. Counterpart, every period: Σ local_budget x_{·,·,t} − ρ·Σ central x_{·,·,t} ≥ 0 where ρ > 0.
    private mutating func addCounterpartRows() {
        let rho = scenario.rules.counterpartRatio
        guard rho > 0 else { return }
        for t in periods {
            let terms = pairTerms(in: t) { s, _ in
                switch source(s).kind {
                case .localBudget: 1
                case .central: -rho
                default: nil
                }
            }
            if !terms.isEmpty {
                addRow("counterpart", [periodSuffix[t.raw]], terms, .greaterOrEqual(0),
                       RowOrigin(family: .counterpart, period: t.raw))
            }
        }
    }

    /// 8. Priority share, every period: Σ_{pooled state} ([c(p) priority] − g)·x_{s,p,t} ≥ 0 where g > 0.
    private mutating func addPriorityShareRows() {
        let g = scenario.rules.priorityShareMin
        guard g > 0 else { return }
        for t in periods {
            let terms = pairTerms(in: t) { s, p in
                source(s).isPooled && source(s).kind.isState ? (commune(of: p).isPriority ? 1 : 0) - g : nil
            }
            if !terms.isEmpty {
                addRow("priority_share", [periodSuffix[t.raw]], terms, .greaterOrEqual(0),
                       RowOrigin(family: .priorityShare, period: t.raw))
            }
        }
    }

    /// 9. Commune floor, over the plan: Σ_{p in c} K_p·Σ_t y_{p,t} ≥ f·Σ_{p in c} K_p.
    private mutating func addFloorRows() {
        let f = scenario.rules.communeFloor
        guard f > 0 else { return }
        let need = AllocationModel.communeNeeds(scenario, communeOfWork: communeOfWork)
        for c in communes where !worksOfCommune[c.raw].isEmpty {
            let terms = worksOfCommune[c.raw].flatMap { p in startVariables[p.raw].map { LinearTerm($0.variable, work(p).cost) } }
            addRow("floor", [communeName[c.raw]], terms, AllocationModel.floorBounds(share: f, need: need[c.raw]),
                   RowOrigin(family: .communeFloor, commune: c.raw))
        }
    }

    /// 10. Commune cap, every period: Σ_{pooled state, p in c} x_{s,p,t} ≤ cap.
    private mutating func addCommuneCapRows() {
        guard let cap = scenario.rules.communeCap else { return }
        for c in communes {
            for t in periods {
                var terms: [LinearTerm] = []
                for p in worksOfCommune[c.raw] where window(p).spending.contains(t.raw) {
                    for (k, s) in sourcesOfWork[p.raw].enumerated() where source(s).isPooled && source(s).kind.isState {
                        terms.append(LinearTerm(x(p, k, t)!, 1))
                    }
                }
                if !terms.isEmpty {
                    addRow("ccap", [communeName[c.raw] + suffix(t.raw)], terms, .lessOrEqual(cap),
                           RowOrigin(family: .communeCap, commune: c.raw, period: t.raw))
                }
            }
        }
    }

    /// 11. Standard: Σ_{τ ∈ S_p, τ+d−1 ≤ standard_by(c)} y_{p,τ} − z_c ≥ 0 for each required work of
    /// a commune with z_c (completed in time).
    private mutating func addStandardRows() {
        for p in works where work(p).required {
            let c = communeOfWork[p.raw]
            guard let z = standardVariables[c] else { continue }
            let deadline = scenario.communes[c].standardBy ?? (periods.count - 1)
            let completed = startVariables[p.raw].filter { window(p).completion(startingIn: $0.period) <= deadline }
            addRow("std", [workName[p.raw]], completed.map { LinearTerm($0.variable, 1) } + [LinearTerm(z, -1)], .greaterOrEqual(0),
                   RowOrigin(family: .standard, commune: c, work: p.raw))
        }
    }
}
