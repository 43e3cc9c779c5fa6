import LinearProgramming

/// The funding-integration model (mô hình lồng ghép nguồn vốn) of one scenario, built as a
/// ``LinearProgram`` together with the index that maps its variables and rows back to
/// sources, communes and works. See docs/model.md for the math; each block below cites the
/// constraint family it builds.
public struct AllocationModel: Sendable {
    public let scenario: Scenario
    public let mode: SolveMode
    /// The linear (or mixed-integer) program handed to the solver.
    public private(set) var program: LinearProgram
    /// x_{s,p}: one entry per eligible pair, in variable order from index 0.
    public private(set) var pairs: [FundingPair] = []
    /// y_p of each work (indexed like `scenario.works`).
    public private(set) var shareVariables: [VariableID] = []
    /// z_c of each commune that has one (target commune with a required work, Ω > 0).
    public private(set) var standardVariables: [Int: VariableID] = [:]
    /// What each row stands for (indexed like `program.constraints`).
    public private(set) var rowOrigins: [RowOrigin] = []
    /// The budget row of each pooled source that has an eligible pair.
    public private(set) var budgetRows: [Int: ConstraintID] = [:]
    /// Commune index of each work.
    public let communeOfWork: [Int]
    /// Commune weight w_c of each commune.
    public let communeWeights: [Double]
    /// Work value v_p of each work.
    public let workValues: [Double]

    /// Builds the model of `scenario` in `mode` (default: the scenario's own mode).
    ///
    /// The scenario must already be valid (every work's commune exists, numbers in range):
    /// ScenarioIO's loader guarantees it; a work with an unknown commune is a precondition failure.
    public init(scenario: Scenario, mode: SolveMode? = nil) {
        self.scenario = scenario
        self.mode = mode ?? scenario.mode
        let communeIndex = Dictionary(scenario.communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        communeOfWork = scenario.works.map { work in
            guard let c = communeIndex[work.commune] else { preconditionFailure("work \(work.id): unknown commune \(work.commune)") }
            return c
        }
        let communeOfWork = self.communeOfWork
        communeWeights = scenario.communes.map { scenario.weights.weight(of: $0, criteriaTotal: scenario.criteriaTotal) }
        workValues = scenario.works.indices.map { p in
            scenario.weights.value(of: scenario.works[p], in: scenario.communes[communeOfWork[p]],
                                   criteriaTotal: scenario.criteriaTotal)
        }
        program = LinearProgram(name: "ntm_alloc", sense: .maximize)
        build()
    }

    // swiftlint:disable:next function_body_length
    private mutating func build() {
        let communes = scenario.communes, works = scenario.works, sources = scenario.sources
        let rules = scenario.rules
        let isMIP = mode == .mip
        var names = ModelNames()
        let sourceName = sources.map { ModelNames.sanitize($0.id) }
        let workName = works.map { ModelNames.sanitize($0.id) }
        let communeName = communes.map { ModelNames.sanitize($0.code) }

        // Eligible pairs per work — FundingSource.isEligible, evaluated through tables: each
        // source's verdict per commune (selectors and district) and per category is computed
        // once, so the work × source loop does array look-ups instead of hashing strings.
        var categoryIndex: [String: Int] = [:]
        let categoryOfWork = works.map { work -> Int in
            if let k = categoryIndex[work.category] { return k }
            categoryIndex[work.category] = categoryIndex.count
            return categoryIndex.count - 1
        }
        let categories = categoryIndex.sorted { $0.value < $1.value }.map(\.key)
        let communeOK = sources.map { source in
            communes.map { c in
                (source.eligibility.districts.map { $0.contains(c.district) } ?? true)
                    && source.eligibility.communes.contains { $0.matches(c) }
            }
        }
        let categoryOK = sources.map { source in
            categories.map { k in source.eligibility.categories.map { $0.contains(k) } ?? true }
        }
        var pairsOfWork = [[Int]](repeating: [], count: works.count)
        var pairCount = 0
        for p in works.indices {
            let c = communeOfWork[p], k = categoryOfWork[p]
            for s in sources.indices where communeOK[s][c] && categoryOK[s][k]
                && (sources[s].kind != .labour || works[p].communityBuildable) {
                pairsOfWork[p].append(s)
                pairCount += 1
            }
        }
        program.reserveCapacity(variables: pairCount + works.count + communes.count,
                                constraints: works.count * 3 + communes.count * 3,
                                nonZeros: pairCount * 4 + works.count * 3)

        // Variables x_{s,p} ≥ 0 with objective −κ_s.
        var pairVariable = [[VariableID]](repeating: [], count: works.count)
        for p in works.indices {
            for s in pairsOfWork[p] {
                let v = program.addVariable(name: names.unique("x", sourceName[s], workName[p]),
                                            lower: 0, upper: .infinity, objective: -sources[s].cost)
                pairs.append(FundingPair(source: s, work: p))
                pairVariable[p].append(v)
            }
        }
        // y_p ∈ [0, 1] with objective v_p; binary in MIP mode when the work is indivisible.
        for p in works.indices {
            let kind: VariableKind = isMIP && !works[p].divisible ? .binary : .continuous
            shareVariables.append(program.addVariable(name: names.unique("y", workName[p]), lower: 0, upper: 1,
                                                      kind: kind, objective: workValues[p]))
        }
        // z_c ∈ [0, 1] with objective Ω·w_c, for target communes with a required work, when Ω > 0.
        let omega = scenario.weights.standardBonus
        if omega > 0 {
            var hasRequired = Set<Int>()
            for p in works.indices where works[p].required { hasRequired.insert(communeOfWork[p]) }
            for c in communes.indices where communes[c].status == .target && hasRequired.contains(c) {
                standardVariables[c] = program.addVariable(name: names.unique("z", communeName[c]), lower: 0, upper: 1,
                                                           kind: isMIP ? .binary : .continuous,
                                                           objective: omega * communeWeights[c])
            }
        }

        func addRow(_ prefix: String, _ parts: [String], _ terms: [LinearTerm], _ bounds: ConstraintBounds, _ origin: RowOrigin) {
            var name = prefix
            for part in parts { name += "_" + part }
            program.addConstraint(name: names.unique(name), terms: terms, bounds)
            rowOrigins.append(origin)
        }

        // 1. Coverage: Σ_s x_{s,p} − K_p·y_p = 0.
        for p in works.indices {
            var terms = pairVariable[p].map { LinearTerm($0, 1) }
            terms.append(LinearTerm(shareVariables[p], -works[p].cost))
            addRow("cover", [workName[p]], terms, .equal(0), RowOrigin(family: .coverage, work: p))
        }

        // 2. Pooled budget and 3. local capacity (one row per commune with an eligible pair).
        var termsOfSource = [[LinearTerm]](repeating: [], count: sources.count)
        var termsOfSourceInCommune = [[Int: [LinearTerm]]](repeating: [:], count: sources.count)
        for p in works.indices {
            for (k, s) in pairsOfWork[p].enumerated() {
                let term = LinearTerm(pairVariable[p][k], 1)
                if sources[s].isPooled {
                    termsOfSource[s].append(term)
                } else {
                    termsOfSourceInCommune[s][communeOfWork[p], default: []].append(term)
                }
            }
        }
        for s in sources.indices {
            switch sources[s].scope {
            case .pooled(let budget):
                guard !termsOfSource[s].isEmpty else { continue }
                budgetRows[s] = ConstraintID(program.constraintCount)
                addRow("budget", [sourceName[s]], termsOfSource[s], .lessOrEqual(budget),
                       RowOrigin(family: .pooledBudget, source: s))
            case .local:
                for c in termsOfSourceInCommune[s].keys.sorted() {
                    let capacity = sources[s].capacity(in: communes[c]) ?? 0
                    addRow("cap", [sourceName[s], communeName[c]], termsOfSourceInCommune[s][c]!, .lessOrEqual(capacity),
                           RowOrigin(family: .localCapacity, source: s, commune: c))
                }
            }
        }

        // 4. Share cap: x_{s,p} − σ_s·K_p·y_p ≤ 0 where σ_s < 1.
        for p in works.indices {
            for (k, s) in pairsOfWork[p].enumerated() where sources[s].maxShare < 1 {
                addRow("share", [sourceName[s], workName[p]],
                       [LinearTerm(pairVariable[p][k], 1), LinearTerm(shareVariables[p], -sources[s].maxShare * works[p].cost)],
                       .lessOrEqual(0), RowOrigin(family: .shareCap, source: s, work: p))
            }
        }

        // 5. State share: Σ_{state} x − φ·K_p·y_p ≤ 0 where φ < 1 (rows without a state pair are void).
        // 6. Community share: Σ_{community} x − μ·K_p·y_p ≥ 0 where μ > 0 (kept even without a
        //    community pair: it then forces y_p = 0, as the model says).
        for p in works.indices {
            let group = communes[communeOfWork[p]].group
            let phi = rules.maxStateShare[group], mu = rules.minCommunityShare[group]
            if phi < 1 {
                var terms: [LinearTerm] = []
                for (k, s) in pairsOfWork[p].enumerated() where sources[s].kind.isState {
                    terms.append(LinearTerm(pairVariable[p][k], 1))
                }
                if !terms.isEmpty {
                    terms.append(LinearTerm(shareVariables[p], -phi * works[p].cost))
                    addRow("state", [workName[p]], terms, .lessOrEqual(0), RowOrigin(family: .stateShare, work: p))
                }
            }
            if mu > 0 {
                var terms: [LinearTerm] = []
                for (k, s) in pairsOfWork[p].enumerated() where sources[s].kind.isCommunity {
                    terms.append(LinearTerm(pairVariable[p][k], 1))
                }
                terms.append(LinearTerm(shareVariables[p], -mu * works[p].cost))
                addRow("community", [workName[p]], terms, .greaterOrEqual(0), RowOrigin(family: .communityShare, work: p))
            }
        }

        // 7. Counterpart: Σ local_budget x − ρ·Σ central x ≥ 0 where ρ > 0.
        if rules.counterpartRatio > 0 {
            var terms: [LinearTerm] = []
            for p in works.indices {
                for (k, s) in pairsOfWork[p].enumerated() {
                    switch sources[s].kind {
                    case .localBudget: terms.append(LinearTerm(pairVariable[p][k], 1))
                    case .central: terms.append(LinearTerm(pairVariable[p][k], -rules.counterpartRatio))
                    default: break
                    }
                }
            }
            if !terms.isEmpty {
                addRow("counterpart", [], terms, .greaterOrEqual(0), RowOrigin(family: .counterpart))
            }
        }

        // 8. Priority share: Σ_{pooled state} ([c(p) priority] − g)·x ≥ 0 where g > 0.
        if rules.priorityShareMin > 0 {
            let g = rules.priorityShareMin
            var terms: [LinearTerm] = []
            for p in works.indices {
                let priority = communes[communeOfWork[p]].isPriority
                for (k, s) in pairsOfWork[p].enumerated() where sources[s].isPooled && sources[s].kind.isState {
                    terms.append(LinearTerm(pairVariable[p][k], (priority ? 1 : 0) - g))
                }
            }
            if !terms.isEmpty {
                addRow("priority_share", [], terms, .greaterOrEqual(0), RowOrigin(family: .priorityShare))
            }
        }

        // 9. Commune floor: Σ_{p in c} K_p·y_p ≥ f·Σ_{p in c} K_p, and
        // 10. commune cap: Σ_{pooled state, p in c} x ≤ cap.
        var worksOfCommune = [[Int]](repeating: [], count: communes.count)
        for p in works.indices { worksOfCommune[communeOfWork[p]].append(p) }
        if rules.communeFloor > 0 {
            for c in communes.indices where !worksOfCommune[c].isEmpty {
                let need = worksOfCommune[c].reduce(0) { $0 + works[$1].cost }
                addRow("floor", [communeName[c]], worksOfCommune[c].map { LinearTerm(shareVariables[$0], works[$0].cost) },
                       .greaterOrEqual(rules.communeFloor * need), RowOrigin(family: .communeFloor, commune: c))
            }
        }
        if let cap = rules.communeCap {
            for c in communes.indices {
                var terms: [LinearTerm] = []
                for p in worksOfCommune[c] {
                    for (k, s) in pairsOfWork[p].enumerated() where sources[s].isPooled && sources[s].kind.isState {
                        terms.append(LinearTerm(pairVariable[p][k], 1))
                    }
                }
                if !terms.isEmpty {
                    addRow("ccap", [communeName[c]], terms, .lessOrEqual(cap), RowOrigin(family: .communeCap, commune: c))
                }
            }
        }

        // 11. Standard: y_p − z_c ≥ 0 for each required work of a commune with z_c.
        for p in works.indices where works[p].required {
            guard let z = standardVariables[communeOfWork[p]] else { continue }
            addRow("std", [workName[p]], [LinearTerm(shareVariables[p], 1), LinearTerm(z, -1)], .greaterOrEqual(0),
                   RowOrigin(family: .standard, commune: communeOfWork[p], work: p))
        }
    }

    /// The model's size: rows, columns, non-zeros, integer columns.
    public var size: (rows: Int, columns: Int, nonZeros: Int, integers: Int) {
        (program.constraintCount, program.variableCount, program.nonZeroCount,
         program.variables.count { $0.kind != .continuous })
    }
}
