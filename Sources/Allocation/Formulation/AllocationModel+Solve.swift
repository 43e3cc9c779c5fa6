import LinearProgramming

extension AllocationModel {
    /// Solves the model with GLPK and reads the result back into an ``AllocationPlan``.
    ///
    /// Shadow prices of pooled budgets are the duals of their rows (in MIP mode from the LP
    /// with the integers fixed at the best solution found); their validity ranges are computed
    /// when `options.sensitivity` asks for them. The solver's answer is checked against the
    /// model first (``verified(_:scenario:)``): one that fails becomes a numerical error.
    ///
    /// With `tieBreak` (the default) the reported allocation is the canonical one of
    /// docs/model.md §9 (``canonical(_:program:timeLimit:decomposition:)``): the same whatever
    /// the LP method; it is checked against the model too.
    /// `onTieBreak` is called as the tie-break stage begins (a progress display names the stage).
    public func solve(options: SolverOptions = SolverOptions(), tieBreak: Bool = true,
                      onTieBreak: (@Sendable () -> Void)? = nil) throws(LPError) -> AllocationPlan {
        let result = try monolithicFirstStage(options: options, tieBreak: tieBreak)
        guard tieBreak else { return plan(from: result) }
        return canonicalPlan(from: result, timeLimit: options.timeLimit, deadline: options.followUpDeadline ?? options.deadline,
                             onTieBreak: onTieBreak)
    }

    /// The checked monolithic answer (GLPK on the whole model) before the tie-break stage; with
    /// `tieBreak`, an interior point answer gets a simplex clean-up (the stage needs a basis).
    func monolithicFirstStage(options: SolverOptions, tieBreak: Bool) throws(LPError) -> SolveResult {
        var options = options
        if options.sensitivity == .none {
            options.sensitivity = .selected(constraints: budgetRows.values.sorted(), variables: [])
        }
        var result = verified(try GLPKSolver.solve(program, options: options))
        guard tieBreak else { return result }
        if options.method == .interiorPoint, !program.isMixedInteger,
           result.termination.reason == .optimal || result.termination.reason == .numericalError {
            // GLPK's interior point has no crossover: its duals are only nearly complementary, too
            // loose to tell which columns the optimal face fixes. A simplex clean-up gives a basis.
            // It also answers when the interior point method itself fails numerically (GLPK's
            // GLP_EINSTAB on some multi-year models); the detail keeps what happened.
            var cleanUp = options
            cleanUp.method = .primalSimplex
            let interior = result
            result = verified(try GLPKSolver.solve(program, options: cleanUp))
            result.termination.detail = "interior point: \(interior.termination.detail); simplex clean-up: \(result.termination.detail)"
            result.iterations += interior.iterations
            result.solveSeconds += interior.solveSeconds
            result.loadSeconds += interior.loadSeconds
        }
        return result
    }

    /// The plan of a checked `result` after the tie-break stage
    /// (``canonical(_:program:timeLimit:decomposition:)``). The canonical answer is checked against
    /// the model like any other; should it fail, the solver's own (checked) plan is reported and
    /// ``AllocationPlan/tieBreak`` says why.
    public func canonicalPlan(from result: SolveResult, program changed: LinearProgram? = nil,
                              scenario changedScenario: Scenario? = nil, timeLimit: Double? = nil,
                              deadline: ContinuousClock.Instant? = nil,
                              decomposition: DecompositionOptions? = nil,
                              onTieBreak: (@Sendable () -> Void)? = nil) -> AllocationPlan {
        if result.termination.hasSolution { onTieBreak?() }
        var (chosen, outcome) = canonical(result, program: changed, timeLimit: timeLimit, deadline: deadline,
                                          decomposition: decomposition)
        if outcome.isApplied {
            let checked = verified(chosen, scenario: changedScenario, program: changed)
            if !checked.termination.hasSolution {
                chosen = result
                outcome = .notApplied(reason: "the canonical plan failed the check against the model: \(checked.termination.detail)")
            }
        }
        var plan = plan(from: chosen, scenario: changedScenario ?? scenario)
        if result.termination.hasSolution { plan.tieBreak = outcome }
        return plan
    }

    /// Reads a solver result back into a plan (pure arithmetic on the solution).
    public func plan(from result: SolveResult) -> AllocationPlan {
        plan(from: result, scenario: scenario)
    }

    /// Reads back a result obtained after changing only budgets (`GLPKSession.setBounds` on
    /// ``budgetRows``): `scenario` is this model's scenario with those budgets, same structure.
    public func plan(from result: SolveResult, scenario: Scenario) -> AllocationPlan {
        precondition(scenario.works.count == self.scenario.works.count && scenario.sources.count == self.scenario.sources.count,
                     "plan(from:scenario:) needs the same works and sources")
        let works = scenario.works, communes = scenario.communes, sources = scenario.sources
        let hasSolution = result.termination.hasSolution
        var allocations: [SourceAllocation] = []
        var shares = [Double](repeating: 0, count: works.count)
        var communeOutcomes = communes.indices.map { c in
            CommuneOutcome(commune: c, need: 0, funded: 0, fromState: 0, fromCommunity: 0, fromOther: 0,
                           pooledState: 0, reachesStandard: nil)
        }
        var used = [Double](repeating: 0, count: sources.count)
        let periodCount = scenario.periodCount
        var usedByPeriod = [[Double]](repeating: [Double](repeating: 0, count: periodCount), count: sources.count)
        var labourDays = 0.0
        for p in works.indices { communeOutcomes[communeOfWork[p]].need += works[p].cost }
        if hasSolution {
            for (k, pair) in pairs.enumerated() {
                let amount = result.variableValues[k]
                guard amount > amountTolerance else { continue }
                allocations.append(SourceAllocation(source: pair.source, work: pair.work, amount: amount, period: pair.period))
                used[pair.source] += amount
                usedByPeriod[pair.source][pair.period] += amount
                let source = sources[pair.source]
                let c = communeOfWork[pair.work]
                if source.kind.isState {
                    communeOutcomes[c].fromState += amount
                    if source.isPooled { communeOutcomes[c].pooledState += amount }
                } else if source.kind.isCommunity {
                    communeOutcomes[c].fromCommunity += amount
                } else {
                    communeOutcomes[c].fromOther += amount
                }
                if source.kind == .labour, case .local(_, let unitValue) = source.scope, unitValue > 0 {
                    labourDays += amount / unitValue
                }
            }
            for p in works.indices {
                let y = min(1, max(0, startVariables[p].reduce(0) { $0 + result.variableValues[$1.variable.index] }))
                shares[p] = y
                communeOutcomes[communeOfWork[p]].funded += works[p].cost * y
            }
        }
        // Reaching the standard: a target commune with required works, all fully funded.
        var requiredOK = [Bool?](repeating: nil, count: communes.count)
        for p in works.indices where works[p].required && communes[communeOfWork[p]].status == .target {
            let c = communeOfWork[p]
            requiredOK[c] = (requiredOK[c] ?? true) && hasSolution && shares[p] >= 1 - fullyFundedTolerance
        }
        for c in communes.indices { communeOutcomes[c].reachesStandard = requiredOK[c] }

        let duals = result.rowDuals
        let sourceOutcomes = sources.indices.map { s in
            let source = sources[s]
            let available: Double = switch source.scope {
            case .pooled(let budget): budget
            case .local: communes.reduce(0) { $0 + (source.capacity(in: $1) ?? 0) } * Double(periodCount)   // each period
            }
            var price: Double? = nil
            var range: RightHandSideRange? = nil
            if source.isPooled, let duals, hasSolution, periodCount == 1 {
                if let row = budgetRows[s] {
                    price = duals[row.index]
                    range = result.rightHandSideRanges[row]
                } else {
                    price = 0
                }
            }
            var outcome = SourceOutcome(source: s, available: available, used: used[s], shadowPrice: price, shadowPriceRange: range)
            if periodCount > 1, source.isPooled {
                outcome.byPeriod = periodOutcomes(of: s, in: scenario, result: result, used: usedByPeriod[s])
            }
            return outcome
        }

        var binding: [BindingRule] = []
        if let duals, hasSolution {
            for (i, origin) in rowOrigins.enumerated() where origin.family != .coverage && abs(duals[i]) > 1e-9 {
                binding.append(BindingRule(family: origin.family, rowName: program.constraints[i].name, row: i,
                                           origin: origin, dual: duals[i]))
            }
        }

        let pooledStateUsed = communeOutcomes.reduce(0) { $0 + $1.pooledState }
        let toPriority = communeOutcomes.reduce(0) { $0 + (communes[$1.commune].isPriority ? $1.pooledState : 0) }
        let toDifficult = communeOutcomes.reduce(0) { $0 + (communes[$1.commune].especiallyDifficult ? $1.pooledState : 0) }
        let toBorder = communeOutcomes.reduce(0) { $0 + (communes[$1.commune].border ? $1.pooledState : 0) }
        let labourValue = sources.indices.reduce(0) { $0 + (sources[$1].kind == .labour ? used[$1] : 0) }
        let totals = PlanTotals(
            need: works.reduce(0) { $0 + $1.cost },
            funded: communeOutcomes.reduce(0) { $0 + $1.funded },
            worksFullyFunded: shares.count { $0 >= 1 - fullyFundedTolerance },
            worksPartlyFunded: shares.count { $0 > fullyFundedTolerance && $0 < 1 - fullyFundedTolerance },
            targetCommunesWithRequiredWorks: requiredOK.count { $0 != nil },
            targetCommunesReachingStandard: requiredOK.count { $0 == true },
            priorityStateShare: pooledStateUsed > amountTolerance ? toPriority / pooledStateUsed : nil,
            pooledStateUsed: pooledStateUsed,
            pooledStateToEspeciallyDifficult: toDifficult,
            pooledStateToBorder: toBorder,
            labourValueUsed: labourValue,
            labourDaysUsed: labourDays)
        var schedule: [WorkSchedule?] = []
        var reachingByPeriod: [Int] = []
        if periodCount > 1 && hasSolution {
            (schedule, reachingByPeriod) = multiYearSchedule(result: result, scenario: scenario)
        }
        var plan = AllocationPlan(
            scenario: scenario, mode: mode, termination: result.termination, status: PlanStatus(result.termination),
            objective: result.objectiveValue, mipGap: result.relativeGap, bestBound: result.bestBound,
            dualsFromFixedMIP: result.dualsFromFixedMIP, allocations: allocations, fundedShares: shares,
            shareReducedCosts: hasSolution && periodCount == 1 ? result.reducedCosts.map { rc in shareVariables.map { rc[$0.index] } } : nil,
            communes: communeOutcomes, sources: sourceOutcomes, bindingRules: binding, totals: totals,
            rows: program.constraintCount, columns: program.variableCount, nonZeros: program.nonZeroCount,
            solveSeconds: result.loadSeconds + result.solveSeconds)
        plan.schedule = schedule
        plan.targetCommunesReachingStandardByPeriod = reachingByPeriod
        return plan
    }

    /// Budget, carried in, used, carried out, lapsed and shadow price of a pooled source in each
    /// period (docs/model.md §7.3).
    private func periodOutcomes(of s: Int, in scenario: Scenario, result: SolveResult, used: [Double]) -> [SourcePeriodOutcome] {
        let source = scenario.sources[s]
        var carried = [Double](repeating: 0, count: scenario.periodCount)
        for carry in carryVariables where carry.source == s {
            carried[carry.period] = result.variableValues.isEmpty ? 0 : max(0, result.variableValues[carry.variable.index])
        }
        return (0..<scenario.periodCount).map { t in
            let budget = source.budget(inPeriod: t) ?? 0
            let carriedIn = t > 0 ? carried[t - 1] : 0
            var price: Double? = nil
            if let duals = result.rowDuals {
                price = budgetRowsByPeriod[s]?[t].map { duals[$0.index] } ?? 0
            }
            return SourcePeriodOutcome(period: t, budget: budget, carriedIn: carriedIn, used: used[t], carriedOut: carried[t],
                                       lapsed: Self.clean(budget + carriedIn - used[t] - carried[t]), shadowPrice: price)
        }
    }

    /// A money amount with round-off below 1 VND (``amountTolerance``) shown as 0.
    static func clean(_ amount: Double) -> Double { amount > amountTolerance ? amount : 0 }

    /// Each funded work's first start and last completion period, and how many target communes
    /// have all their required works completed by each period (a required work counts as
    /// completed by t when the shares started early enough to finish by t sum to 1).
    private func multiYearSchedule(result: SolveResult, scenario: Scenario) -> ([WorkSchedule?], [Int]) {
        let works = scenario.works
        var schedule = [WorkSchedule?](repeating: nil, count: works.count)
        var completedBy = [[Double]](repeating: [Double](repeating: 0, count: scenario.periodCount), count: works.count)
        for p in works.indices {
            var first: Int?, last: Int?
            for start in startVariables[p] {
                let y = result.variableValues[start.variable.index]
                let finish = windows[p].completion(startingIn: start.period)
                if y > fullyFundedTolerance {
                    first = min(first ?? start.period, start.period)
                    last = max(last ?? finish, finish)
                }
                for t in finish..<scenario.periodCount { completedBy[p][t] += y }
            }
            if let first, let last { schedule[p] = WorkSchedule(start: first, finish: last) }
        }
        var reaching = [Int](repeating: 0, count: scenario.periodCount)
        for t in 0..<scenario.periodCount {
            var ok = [Bool?](repeating: nil, count: scenario.communes.count)
            for p in works.indices where works[p].required && scenario.communes[communeOfWork[p]].status == .target {
                let c = communeOfWork[p]
                ok[c] = (ok[c] ?? true) && completedBy[p][t] >= 1 - fullyFundedTolerance
            }
            reaching[t] = ok.count { $0 == true }
        }
        return (schedule, reaching)
    }
}

