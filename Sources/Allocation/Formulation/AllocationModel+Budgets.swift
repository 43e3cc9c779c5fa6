import LinearProgramming

extension AllocationModel {
    /// This model for `changed`, a scenario that differs from this model's only in pooled
    /// budgets (ngân sách nguồn vốn chung: the capped scenario of the gain split, a budget
    /// what-if): the budget rows' right-hand sides and the carry-over caps are set in place
    /// instead of building the model again (the rebuild took 2 s of an 8,000-commune run).
    ///
    /// The result is the model ``init(scenario:mode:)`` builds for `changed`, same rows,
    /// columns and names, except that a carry-over whose cap falls to 0 keeps its column with
    /// bounds [0, 0] where a fresh build leaves it out (the same LP). Nil when anything else
    /// differs (another rule, work, commune or source setting; a carry-over the fresh build
    /// would add): build the model anew then.
    public func withPooledBudgets(of changed: Scenario) -> AllocationModel? {
        guard changed.sources.count == scenario.sources.count else { return nil }
        var others = changed
        for s in changed.sources.indices {
            guard changed.sources[s].isPooled == scenario.sources[s].isPooled else { return nil }
            others.sources[s].scope = scenario.sources[s].scope
            others.sources[s].budgetByPeriod = scenario.sources[s].budgetByPeriod
        }
        guard others.sources == scenario.sources, others.mode == scenario.mode, others.periods == scenario.periods,
              others.discountRate == scenario.discountRate, others.criteriaTotal == scenario.criteriaTotal,
              others.weights == scenario.weights, others.rules == scenario.rules, others.baseline == scenario.baseline,
              others.communes == scenario.communes, others.works == scenario.works else { return nil }
        // A carry-over the fresh build would create (its cap was 0 here) changes the columns.
        let carried = Set(carryVariables.map { [$0.source, $0.period] })
        for s in changed.sources.indices where changed.sources[s].isPooled && changed.sources[s].carryOver > 0 {
            for t in 0..<max(0, changed.periodCount - 1) where !carried.contains([s, t]) {
                if changed.sources[s].carryOver * (changed.sources[s].budget(inPeriod: t) ?? 0) > 0 { return nil }
            }
        }
        var model = self
        model.scenario = changed
        for (s, rows) in budgetRowsByPeriod {
            for (t, row) in rows.enumerated() {
                guard let row else { continue }
                model.program.setBounds(of: row, .lessOrEqual(changed.sources[s].budget(inPeriod: t) ?? 0))
            }
        }
        for carry in carryVariables {
            let source = changed.sources[carry.source]
            model.program.setBounds(of: carry.variable, lower: 0, upper: source.carryOver * (source.budget(inPeriod: carry.period) ?? 0))
        }
        return model
    }
}

extension AllocationModel {
    /// This model for `changed`, a scenario that differs from this model's only in the commune
    /// floor (mức tối thiểu mỗi xã, `rules.commune_floor`), both above 0: the floor rows' lower
    /// bounds are set in place, by the formula the build uses, instead of building the model
    /// again (a 2,000-commune build is 0.2 s, and the diagnosis's search for the floor that is
    /// just enough checks ten values). The result is the model ``init(scenario:mode:)`` builds
    /// for `changed`, bound for bound. Nil when anything else differs, or when either floor is 0
    /// (the floor rows would appear or vanish): build the model anew then.
    public func withCommuneFloor(of changed: Scenario) -> AllocationModel? {
        let f = changed.rules.communeFloor
        guard f > 0, scenario.rules.communeFloor > 0 else { return nil }
        var others = changed
        others.rules.communeFloor = scenario.rules.communeFloor
        guard others.sources == scenario.sources, others.mode == scenario.mode, others.periods == scenario.periods,
              others.discountRate == scenario.discountRate, others.criteriaTotal == scenario.criteriaTotal,
              others.weights == scenario.weights, others.rules == scenario.rules, others.baseline == scenario.baseline,
              others.communes == scenario.communes, others.works == scenario.works else { return nil }
        var model = self
        model.scenario = changed
        // The floor rows are rows of the communes' own blocks: the copy's split is its own.
        model.blockCache = CommuneBlocksCache()
        let need = Self.communeNeeds(changed, communeOfWork: communeOfWork)
        for (i, origin) in rowOrigins.enumerated() where origin.family == .communeFloor {
            guard let c = origin.commune else { return nil }
            model.program.setBounds(of: ConstraintID(i), Self.floorBounds(share: f, need: need[c]))
        }
        return model
    }

    /// The cost of each commune's candidate works (Σ K_p), summed in the works' order: the base
    /// of the commune floor.
    static func communeNeeds(_ scenario: Scenario, communeOfWork: [Int]) -> [Double] {
        var need = [Double](repeating: 0, count: scenario.communes.count)
        for (p, work) in scenario.works.enumerated() { need[communeOfWork[p]] += work.cost }
        return need
    }

    /// The floor row of a commune whose works cost `need` in all, at floor `share`:
    /// Σ K_p·y_p ≥ share·need (docs/model.md §2, row 9).
    static func floorBounds(share: Double, need: Double) -> ConstraintBounds { .greaterOrEqual(share * need) }
}
