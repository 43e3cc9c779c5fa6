import Allocation

extension PlanReport {
    /// Builds the report of `plan`: every figure resolved to codes, names and groups once, so
    /// the renderers only format.
    ///
    /// - Parameters:
    ///   - baseline: the status quo to compare with (a `solve` with a solution).
    ///   - diagnosis: why the scenario is infeasible (an infeasible `solve`).
    ///   - explanation: why the money went where it went (`explain`, `solve --explain`).
    ///   - timings: the run's stage times, for `summary.json`.
    ///   - statusQuoRun: set when `plan` is the status quo itself (`ntm-alloc baseline`).
    public init(plan: AllocationPlan, baseline: StatusQuoBaseline? = nil, diagnosis: InfeasibilityDiagnosis? = nil,
                explanation: PlanExplanation? = nil, timings: StageTimes? = nil, statusQuoRun: StatusQuoRun? = nil) {
        let scenario = plan.scenario
        let grouping = CommuneGrouping(scenario)
        let labels = scenario.periods
        let multiYear = scenario.periodCount > 1
        let communeIndex = Dictionary(scenario.communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        func communeOf(_ work: Work) -> Commune { scenario.communes[communeIndex[work.commune]!] }

        self.scenario = ScenarioInfo(
            name: scenario.name, notes: scenario.notes.flatMap { $0.isEmpty ? nil : $0 },
            periods: multiYear ? labels : [], workCount: scenario.works.count, communeCount: scenario.communes.count,
            grouping: grouping.kind, priorityShareMin: scenario.rules.priorityShareMin,
            baselineCoefficients: scenario.baseline == BaselineCoefficients() ? .decision07 : .scenario)

        outcome = Outcome(plan)
        model = ModelSize(rows: plan.rows, columns: plan.columns, nonZeros: plan.nonZeros, solveSeconds: plan.solveSeconds)

        let t = plan.totals
        totals = Totals(
            need: t.need, funded: t.funded, fundedShare: t.fundedShare, works: scenario.works.count,
            requiredWorks: scenario.works.count { $0.required },
            worksFullyFunded: t.worksFullyFunded, worksPartlyFunded: t.worksPartlyFunded,
            targetCommunesWithRequiredWorks: t.targetCommunesWithRequiredWorks,
            targetCommunesReachingStandard: t.targetCommunesReachingStandard,
            priorityStateShare: t.priorityStateShare, priorityShareMin: scenario.rules.priorityShareMin,
            pooledStateUsed: t.pooledStateUsed, pooledStateToEspeciallyDifficult: t.pooledStateToEspeciallyDifficult,
            pooledStateToBorder: t.pooledStateToBorder, labourValueUsed: t.labourValueUsed, labourDaysUsed: t.labourDaysUsed,
            targetCommunesReachingStandardByPeriod: multiYear ? plan.targetCommunesReachingStandardByPeriod : [])

        // Groups, in the order they first appear in communes.csv.
        var groupRows: [GroupRow] = []
        if grouping.isGrouped {
            var position: [String: Int] = [:]
            for outcome in plan.communes {
                let label = grouping.label(of: scenario.communes[outcome.commune])
                if position[label] == nil {
                    position[label] = groupRows.count
                    groupRows.append(GroupRow(label: label, communes: 0, need: 0, funded: 0, fundedShare: 0))
                }
                let i = position[label]!
                groupRows[i].communes += 1
                groupRows[i].need += outcome.need
                groupRows[i].funded += outcome.funded
            }
            for i in groupRows.indices where groupRows[i].need > 0 { groupRows[i].fundedShare = groupRows[i].funded / groupRows[i].need }
        }
        groups = groupRows

        sources = plan.sources.map { o in
            let s = scenario.sources[o.source]
            return SourceRow(
                id: s.id, name: s.name, kind: s.kind, scope: ScopeLabel(s.scope), scopeKeyword: s.scope.keyword,
                available: o.available, used: o.used, unused: o.unused, shadowPrice: o.shadowPrice,
                shadowPriceRange: o.shadowPriceRange.map { ValueRange(lower: $0.lower, upper: $0.upper) },
                byPeriod: o.byPeriod.map { p in
                    SourcePeriodRow(period: labels[p.period], budget: p.budget, carriedIn: p.carriedIn, used: p.used,
                                    carriedOut: p.carriedOut, lapsed: p.lapsed, shadowPrice: p.shadowPrice)
                })
        }

        // Multi-year: the pooled money of each period, over every pooled source.
        var periodRows: [PeriodRow] = []
        let pooled = plan.sources.filter { !$0.byPeriod.isEmpty }
        if multiYear && plan.hasSolution {
            for period in labels.indices {
                periodRows.append(PeriodRow(
                    label: labels[period],
                    budget: pooled.reduce(0) { $0 + $1.byPeriod[period].budget },
                    carriedIn: pooled.reduce(0) { $0 + $1.byPeriod[period].carriedIn },
                    used: pooled.reduce(0) { $0 + $1.byPeriod[period].used },
                    carriedOut: pooled.reduce(0) { $0 + $1.byPeriod[period].carriedOut },
                    lapsed: pooled.reduce(0) { $0 + $1.byPeriod[period].lapsed },
                    worksStarted: plan.schedule.count { $0?.start == period },
                    worksCompleted: plan.schedule.count { $0?.finish == period },
                    targetCommunesReachingStandard: period < plan.targetCommunesReachingStandardByPeriod.count
                        ? plan.targetCommunesReachingStandardByPeriod[period] : 0,
                    shadowPrices: pooled.compactMap { o in
                        guard let price = o.byPeriod[period].shadowPrice, price > 1e-9 else { return nil }
                        return SourcePrice(sourceID: scenario.sources[o.source].id, price: price)
                    }))
            }
        }
        periods = periodRows
        carryOverRaisesPrices = multiYear && plan.hasSolution && pooled.contains { o in
            o.byPeriod.contains { $0.shadowPrice.map { $0 > 1e-9 } ?? false } && o.byPeriod.contains { $0.carriedOut > 0 }
        }

        // Communes; in a multi-year plan, the period by which a target commune's required works are all completed.
        var completion = [Int?](repeating: nil, count: scenario.communes.count)
        if multiYear && plan.hasSolution {
            for p in scenario.works.indices where scenario.works[p].required {
                guard let c = communeIndex[scenario.works[p].commune], p < plan.schedule.count, let finish = plan.schedule[p]?.finish else { continue }
                completion[c] = max(completion[c] ?? finish, finish)
            }
        }
        var requiredCount = [Int](repeating: 0, count: scenario.communes.count)
        for work in scenario.works where work.required { if let c = communeIndex[work.commune] { requiredCount[c] += 1 } }
        communes = plan.communes.map { o in
            let c = scenario.communes[o.commune]
            let reaches = o.reachesStandard
            return CommuneRow(
                group: grouping.label(of: c), code: c.code, name: c.name, especiallyDifficult: c.especiallyDifficult,
                border: c.border, priority: c.isPriority, status: c.status, criteriaMet: c.criteriaMet,
                need: o.need, funded: o.funded, gap: o.gap, fromState: o.fromState, fromCommunity: o.fromCommunity,
                fromOther: o.fromOther, pooledState: o.pooledState, requiredWorks: requiredCount[o.commune], reachesStandard: reaches,
                reachesStandardIn: reaches == true ? completion[o.commune].map { labels[$0] } : nil)
        }

        allocations = plan.allocations.map { a in
            let work = scenario.works[a.work]
            let commune = communeOf(work)
            let schedule = multiYear && a.work < plan.schedule.count ? plan.schedule[a.work] : nil
            return AllocationRow(
                group: grouping.label(of: commune), communeCode: commune.code, communeName: commune.name,
                workID: work.id, workName: work.name, category: work.category, cost: work.cost,
                fundedShare: plan.fundedShares[a.work], sourceID: scenario.sources[a.source].id, amount: a.amount,
                period: multiYear ? labels[a.period] : nil, workStart: schedule.map { labels[$0.start] },
                workFinish: schedule.map { labels[$0.finish] })
        }

        // Required works not fully funded: target communes first, then by cost.
        unfundedRequiredWorks = scenario.works.indices.filter {
            scenario.works[$0].required && plan.fundedShares[$0] < 1 - fullyFundedTolerance
        }.sorted { a, b in
            let ca = communeOf(scenario.works[a]), cb = communeOf(scenario.works[b])
            if (ca.status == .target) != (cb.status == .target) { return ca.status == .target }
            return scenario.works[a].cost > scenario.works[b].cost
        }.map { p in
            let w = scenario.works[p], c = communeOf(w)
            return UnfundedWorkRow(communeCode: c.code, communeName: c.name, communeIsTarget: c.status == .target,
                                   group: grouping.label(of: c), workID: w.id, workName: w.name, category: w.category,
                                   cost: w.cost, fundedShare: plan.fundedShares[p])
        }

        var families: [ConstraintFamily: BindingRuleRow] = [:]
        for rule in plan.bindingRules {
            var row = families[rule.family] ?? BindingRuleRow(family: rule.family, rows: 0, largestDual: 0)
            row.rows += 1
            row.largestDual = max(row.largestDual, abs(rule.dual))
            families[rule.family] = row
        }
        bindingRules = families.keys.sorted().map { families[$0]! }

        self.baseline = baseline.map { b in
            BaselineComparison(statusQuo: Headline(b.plan), optimum: Headline(plan), breaches: b.breaches)
        }
        self.diagnosis = diagnosis.map { DiagnosisSection($0, scenario: scenario) }
        self.explanation = explanation.map { ExplanationSection($0, scenario: scenario) }
        self.tieBreak = plan.tieBreak
        self.solvePath = plan.solvePath
        self.timings = timings
        self.statusQuoRun = statusQuoRun
    }
}

extension PlanReport.Outcome {
    /// How `plan`'s solve ended.
    public init(_ plan: AllocationPlan) {
        let bound = plan.hasSolution ? plan.bestBound.flatMap { $0.isFinite && abs($0) < 1e300 ? $0 : nil } : nil
        self.init(mode: plan.mode, status: plan.status, terminationReason: plan.termination.reason.rawValue,
                  termination: plan.termination.description, hasSolution: plan.hasSolution, objective: plan.objective,
                  mipGap: plan.mipGap, bestBound: bound, mipGapLimit: plan.mode == .mip ? plan.mipGapLimit : nil,
                  isOptimalWithinGap: plan.isOptimalWithinGap, dualsFromFixedMIP: plan.dualsFromFixedMIP)
    }
}

extension PlanReport.DiagnosisSection {
    /// The diagnosis with the communes of `scenario` named.
    public init(_ d: InfeasibilityDiagnosis, scenario: Scenario) {
        self.init(
            shortfalls: d.shortfalls.map { s in
                let c = scenario.communes[s.commune]
                return PlanReport.CommuneShortfall(code: c.code, name: c.name, amount: s.amount)
            },
            totalShortfall: d.totalShortfall, relaxations: d.relaxations, stoppedByTimeLimit: d.stoppedByTimeLimit,
            rulesSettledByBound: d.rulesSettledByBound)
    }
}

extension PlanReport.Headline {
    /// The headline figures of `plan` (objective 0 without one).
    init(_ plan: AllocationPlan) {
        self.init(objective: plan.objective ?? 0, funded: plan.totals.funded,
                  worksFullyFunded: plan.totals.worksFullyFunded,
                  targetCommunesReachingStandard: plan.totals.targetCommunesReachingStandard)
    }
}

extension PlanReport.StatusQuoRun {
    /// The record of a status-quo run: which rules `baseline` breaks.
    public init(_ baseline: StatusQuoBaseline) {
        self.init(rulesNotMet: baseline.violatedRules, breaches: baseline.breaches)
    }
}
