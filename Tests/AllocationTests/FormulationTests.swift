import Testing
import LinearProgramming
@testable import Allocation

// Each test builds a tiny scenario where one constraint family binds and checks the optimum
// against a value computed by hand (the reasoning is in the comment above each check).

private func commune(_ code: String, district: String = "D1", status: CommuneStatus = .belowStandard,
                     difficult: Bool = false, border: Bool = false, criteria: Int = 10,
                     columns: [String: Double] = [:]) -> Commune {
    Commune(code: code, name: "Xã \(code)", district: district, population: 1000, especiallyDifficult: difficult,
            border: border, status: status, criteriaMet: criteria, numericColumns: columns)
}

private func work(_ id: String, _ commune: String, cost: Double, benefit: Double? = nil, category: String = "transport",
                  required: Bool = false, buildable: Bool = false, divisible: Bool = true) -> Work {
    Work(id: id, commune: commune, category: category, cost: cost, benefit: benefit, required: required,
         communityBuildable: buildable, divisible: divisible)
}

private func pooled(_ id: String, _ kind: SourceKind = .central, budget: Double, maxShare: Double = 1,
                    eligibility: Eligibility = Eligibility(), cost: Double = 0) -> FundingSource {
    FundingSource(id: id, name: id, kind: kind, scope: .pooled(budget: budget), maxShare: maxShare,
                  eligibility: eligibility, cost: cost)
}

private func solve(_ scenario: Scenario, mode: SolveMode? = nil) throws -> AllocationPlan {
    let plan = try AllocationModel(scenario: scenario, mode: mode).solve()
    try #require(plan.termination.reason == .optimal, "\(plan.termination)")
    return plan
}

private func amount(_ plan: AllocationPlan, source: String, work: String) -> Double {
    let s = plan.scenario.sources.firstIndex { $0.id == source }!
    let p = plan.scenario.works.firstIndex { $0.id == work }!
    return plan.allocations.filter { $0.source == s && $0.work == p }.reduce(0) { $0 + $1.amount }
}

private func share(_ plan: AllocationPlan, _ work: String) -> Double {
    plan.fundedShares[plan.scenario.works.firstIndex { $0.id == work }!]
}

private func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

@Suite struct FormulationTests {
    /// Families 1 and 2: coverage and a pooled budget.
    @Test func coverageAndPooledBudget() throws {
        // w1: 300 value for 100 (3 per million); w2: 200 for 200 (1 per million). Budget 150:
        // w1 in full (100 → 300), then 50 to w2 (y = 0.25 → 50). Objective 350; one more
        // million goes to w2, so the budget's shadow price is 1.
        let scenario = Scenario(name: "t", communes: [commune("C1")],
                                works: [work("w1", "C1", cost: 100, benefit: 300), work("w2", "C1", cost: 200)],
                                sources: [pooled("ntm", budget: 150)])
        let plan = try solve(scenario)
        #expect(close(plan.objective, 350))
        #expect(close(share(plan, "w1"), 1))
        #expect(close(share(plan, "w2"), 0.25))
        #expect(close(amount(plan, source: "ntm", work: "w1"), 100))
        #expect(close(amount(plan, source: "ntm", work: "w2"), 50))
        #expect(close(plan.sources[0].shadowPrice, 1))
        #expect(close(plan.sources[0].used, 150))
    }

    /// Family 3: local capacity, with the labour rule (labour funds only community-buildable works).
    @Test func localCapacityAndLabourRule() throws {
        // Labour: 160 days × 0.5 = 80 in C1, 60 × 0.5 = 30 in C2. w1 (C1) and w2 (C2) are
        // buildable, cost 100, value 1/million; w3 (C1) is not buildable. y1 = 0.8, y2 = 0.3,
        // y3 = 0: objective 110. Labour mobilised: 110 million = 220 days.
        let scenario = Scenario(
            name: "t",
            communes: [commune("C1", columns: ["labour_days": 160]), commune("C2", columns: ["labour_days": 60])],
            works: [work("w1", "C1", cost: 100, buildable: true), work("w2", "C2", cost: 100, buildable: true),
                    work("w3", "C1", cost: 100, benefit: 500)],
            sources: [FundingSource(id: "labour", name: "Ngày công", kind: .labour,
                                    scope: .local(capacityColumn: "labour_days", unitValue: 0.5))])
        let plan = try solve(scenario)
        #expect(close(plan.objective, 110))
        #expect(close(share(plan, "w1"), 0.8))
        #expect(close(share(plan, "w2"), 0.3))
        #expect(share(plan, "w3") == 0)
        #expect(close(plan.totals.labourValueUsed, 110))
        #expect(close(plan.totals.labourDaysUsed, 220))
        #expect(plan.sources[0].shadowPrice == nil)
        #expect(close(plan.sources[0].available, 110))
    }

    /// Family 4: a source's max share of one work.
    @Test func shareCapBinds() throws {
        // x_A ≤ 0.5·100·y, x_B ≤ 30 and x_A + x_B = 100·y ⇒ x_B ≥ 50·y ⇒ y ≤ 0.6: x_A = x_B = 30,
        // objective 60. One more million of B adds 1/50 to y, i.e. 2 of value.
        let scenario = Scenario(name: "t", communes: [commune("C1")], works: [work("w1", "C1", cost: 100)],
                                sources: [pooled("A", budget: 1000, maxShare: 0.5), pooled("B", .integrated, budget: 30)])
        let plan = try solve(scenario)
        #expect(close(plan.objective, 60))
        #expect(close(share(plan, "w1"), 0.6))
        #expect(close(amount(plan, source: "A", work: "w1"), 30))
        #expect(close(amount(plan, source: "B", work: "w1"), 30))
        #expect(close(plan.sources[1].shadowPrice, 2))
        #expect(close(plan.sources[0].shadowPrice, 0))
        #expect(plan.bindingRules.contains { $0.family == .shareCap })
    }

    /// Family 5: the state share of an "other" commune's work.
    @Test func stateShareBinds() throws {
        // φ_other = 0.8: state ≤ 80·y, enterprise ≤ 10, total = 100·y ⇒ 20·y ≤ 10, y = 0.5, objective 50.
        // The enterprise budget's shadow price is 100/20 = 5.
        var rules = Rules()
        rules.maxStateShare = GroupShares(priority: 1, other: 0.8)
        let scenario = Scenario(name: "t", communes: [commune("C1")], works: [work("w1", "C1", cost: 100)],
                                sources: [pooled("central", budget: 1000), pooled("dn", .enterprise, budget: 10)],
                                rules: rules)
        let plan = try solve(scenario)
        #expect(close(plan.objective, 50))
        #expect(close(share(plan, "w1"), 0.5))
        #expect(close(amount(plan, source: "central", work: "w1"), 40))
        #expect(close(plan.sources[1].shadowPrice, 5))
        // A priority commune (border) is not limited: the same work there is funded in full.
        let border = Scenario(name: "t", communes: [commune("C1", border: true)], works: [work("w1", "C1", cost: 100)],
                              sources: scenario.sources, rules: rules)
        #expect(close(try solve(border).objective, 100))
    }

    /// Family 6: the community share, including a work no community source may fund.
    @Test func communityShareBinds() throws {
        // μ_other = 0.1: people ≥ 10·y1 with people ≤ 5 ⇒ y1 = 0.5 (value 50). w2 (school) has no
        // eligible community source, so 0 ≥ 0.1·100·y2 forces y2 = 0 although the budget suffices.
        var rules = Rules()
        rules.minCommunityShare = GroupShares(priority: 0, other: 0.1)
        let scenario = Scenario(
            name: "t", communes: [commune("C1", columns: ["cash": 5])],
            works: [work("w1", "C1", cost: 100), work("w2", "C1", cost: 100, category: "school")],
            sources: [pooled("central", budget: 1000),
                      FundingSource(id: "people", name: "Nhân dân", kind: .people,
                                    scope: .local(capacityColumn: "cash", unitValue: 1),
                                    eligibility: Eligibility(categories: ["transport"]))],
            rules: rules)
        let plan = try solve(scenario)
        #expect(close(plan.objective, 50))
        #expect(close(share(plan, "w1"), 0.5))
        #expect(share(plan, "w2") == 0)
        #expect(close(amount(plan, source: "people", work: "w1"), 5))
    }

    /// Family 7: local counterpart funds for central money.
    @Test func counterpartBinds() throws {
        // ρ = 0.25: local ≥ 0.25·central, local ≤ 20 ⇒ central ≤ 80, funded 100 of 200 (value 100).
        // One more million of local budget releases 4 of central: shadow price 5.
        var rules = Rules()
        rules.counterpartRatio = 0.25
        let scenario = Scenario(name: "t", communes: [commune("C1")], works: [work("w1", "C1", cost: 200)],
                                sources: [pooled("central", budget: 1000), pooled("local", .localBudget, budget: 20)],
                                rules: rules)
        let plan = try solve(scenario)
        #expect(close(plan.objective, 100))
        #expect(close(amount(plan, source: "central", work: "w1"), 80))
        #expect(close(amount(plan, source: "local", work: "w1"), 20))
        #expect(close(plan.sources[1].shadowPrice, 5))
    }

    /// Family 8: the share of pooled state money going to priority communes.
    @Test func priorityShareBinds() throws {
        // P (border) has a work of 100 worth 1/million; O's work of 1000 is worth 2/million; budget 500.
        // x_P ≥ 0.6·(x_P + x_O) ⇒ x_O ≤ (2/3)·x_P ≤ 66.67. Best: x_P = 100, x_O = 66.67,
        // objective 100 + 133.33 = 233.33; the budget is not binding (166.67 used).
        var rules = Rules()
        rules.priorityShareMin = 0.6
        let scenario = Scenario(name: "t", communes: [commune("P", border: true), commune("O")],
                                works: [work("wp", "P", cost: 100), work("wo", "O", cost: 1000, benefit: 2000)],
                                sources: [pooled("central", budget: 500)], rules: rules)
        let plan = try solve(scenario)
        #expect(close(plan.objective, 100 + 2 * 200.0 / 3))
        #expect(close(amount(plan, source: "central", work: "wp"), 100))
        #expect(close(amount(plan, source: "central", work: "wo"), 200.0 / 3))
        #expect(close(plan.totals.priorityStateShare, 0.6))
        #expect(close(plan.sources[0].shadowPrice, 0))
    }

    /// Family 9: every commune's floor.
    @Test func communeFloorBinds() throws {
        // A: 1/million, B: 3/million, 100 each, budget 120. Without the floor: B 100 + A 20 = 320.
        // With f = 0.5 A needs 50, so B gets 70: objective 50 + 210 = 260.
        var rules = Rules()
        rules.communeFloor = 0.5
        let scenario = Scenario(name: "t", communes: [commune("A"), commune("B")],
                                works: [work("wa", "A", cost: 100), work("wb", "B", cost: 100, benefit: 300)],
                                sources: [pooled("central", budget: 120)], rules: rules)
        let plan = try solve(scenario)
        #expect(close(plan.objective, 260))
        #expect(close(share(plan, "wa"), 0.5))
        #expect(close(share(plan, "wb"), 0.7))
        #expect(plan.bindingRules.contains { $0.family == .communeFloor })
    }

    /// Family 10: the cap of pooled state money per commune.
    @Test func communeCapBinds() throws {
        // Same communes, cap 60: each gets 60, objective 60 + 180 = 240.
        var rules = Rules()
        rules.communeCap = 60
        let scenario = Scenario(name: "t", communes: [commune("A"), commune("B")],
                                works: [work("wa", "A", cost: 100), work("wb", "B", cost: 100, benefit: 300)],
                                sources: [pooled("central", budget: 120)], rules: rules)
        let plan = try solve(scenario)
        #expect(close(plan.objective, 240))
        #expect(close(share(plan, "wa"), 0.6))
        #expect(close(share(plan, "wb"), 0.6))
    }

    /// Family 11: a target commune reaching the standard, LP and MIP.
    @Test func standardBonusLPandMIP() throws {
        // T (target, w_T = 1) has two required works of 100 with no value of their own; Ω = 400.
        // O has a work of 300 worth 1.5/million. Budget 150.
        // LP: z ≤ y1, y2; T pays 2/million (400 for 200), better than O: y1 = y2 = z = 0.75, objective 300.
        // MIP: z ∈ {0,1} needs 200 > 150, so z = 0 and O takes 150: objective 225.
        var weights = WeightsProfile()
        weights.standardBonus = 400
        let scenario = Scenario(name: "t", communes: [commune("T", status: .target), commune("O")],
                                works: [work("r1", "T", cost: 100, benefit: 0, required: true),
                                        work("r2", "T", cost: 100, benefit: 0, required: true),
                                        work("wo", "O", cost: 300, benefit: 450)],
                                sources: [pooled("central", budget: 150)], weights: weights)
        let lp = try solve(scenario, mode: .lp)
        #expect(close(lp.objective, 300))
        #expect(close(share(lp, "r1"), 0.75))
        #expect(lp.totals.targetCommunesReachingStandard == 0)
        let mip = try solve(scenario, mode: .mip)
        #expect(close(mip.objective, 225))
        #expect(close(share(mip, "wo"), 0.5))
        // With budget 200, T reaches the standard in both modes (400 > 300).
        var richer = scenario
        richer.sources[0].scope = .pooled(budget: 200)
        let reached = try solve(richer, mode: .mip)
        #expect(close(reached.objective, 400))
        #expect(reached.totals.targetCommunesReachingStandard == 1)
        #expect(reached.communes[0].reachesStandard == true)
        #expect(reached.dualsFromFixedMIP)
    }

    /// MIP mode: indivisible works are funded whole or not at all.
    @Test func indivisibleWorksInMIP() throws {
        // a: 100 worth 120, b: 100 worth 110 (both indivisible), c: 100 worth 100, budget 150.
        // LP: a + half of b = 175. MIP: a, then b does not fit, c takes 50: 170.
        let scenario = Scenario(name: "t", communes: [commune("C1")],
                                works: [work("a", "C1", cost: 100, benefit: 120, divisible: false),
                                        work("b", "C1", cost: 100, benefit: 110, divisible: false),
                                        work("c", "C1", cost: 100)],
                                sources: [pooled("central", budget: 150)])
        #expect(close(try solve(scenario, mode: .lp).objective, 175))
        let mip = try solve(scenario, mode: .mip)
        #expect(close(mip.objective, 170))
        #expect(share(mip, "b") == 0)
        #expect(close(share(mip, "c"), 0.5))
        // Fixed-integer LP: the marginal million goes to c, worth 1.
        #expect(close(mip.sources[0].shadowPrice, 1))
    }

    /// Eligibility: categories, districts, commune selectors; and the cost κ of a source.
    @Test func eligibilityAndSourceCost() throws {
        // Credit (κ = 0.1) may fund only production in district D2; central only priority communes.
        // w1 (D1, production, other commune): nobody may fund it. w2 (D2, production, other): credit,
        // 100 at 1 − 0.1 = 0.9 per million → 90. w3 (D2, border, transport): central 50 → 50. Total 140.
        let scenario = Scenario(
            name: "t",
            communes: [commune("C1", district: "D1"), commune("C2", district: "D2"), commune("C3", district: "D2", border: true)],
            works: [work("w1", "C1", cost: 100, category: "production"), work("w2", "C2", cost: 100, category: "Production".lowercased()),
                    work("w3", "C3", cost: 100)],
            sources: [pooled("credit", .credit, budget: 1000,
                             eligibility: Eligibility(categories: ["production"], districts: ["D2"]), cost: 0.1),
                      pooled("central", budget: 50, eligibility: Eligibility(communes: [.priority]))])
        let model = AllocationModel(scenario: scenario)
        #expect(model.pairs == [FundingPair(source: 0, work: 1), FundingPair(source: 1, work: 2)])
        let plan = try solve(scenario)
        #expect(close(plan.objective, 140))
        #expect(share(plan, "w1") == 0)
    }

    /// The weights formula of model.md §1.
    @Test func weightsAndValues() {
        var weights = WeightsProfile()
        weights.base = 1; weights.especiallyDifficult = 0.5; weights.border = 0.25; weights.target = 0.75
        weights.criteriaGap = 1.9; weights.productionBonus = 0.5; weights.categoryMultipliers = ["irrigation": 2]
        // Priority commune: 1 + 0.5 + 0.25 + 0.75 + 1.9·(19 − 9)/19 = 3.5; no production bonus.
        let priority = commune("P", status: .target, difficult: true, border: true, criteria: 9)
        #expect(abs(weights.weight(of: priority, criteriaTotal: 19) - 3.5) < 1e-12)
        #expect(abs(weights.value(of: work("w", "P", cost: 10, category: "irrigation"), in: priority, criteriaTotal: 19) - 70) < 1e-12)
        // Other commune with 19 criteria: weight 1; irrigation: 1 · 2 · 1.5 · 10 = 30.
        let other = commune("O", status: .standard, criteria: 19)
        #expect(abs(weights.value(of: work("w", "O", cost: 10, category: "irrigation"), in: other, criteriaTotal: 19) - 30) < 1e-12)
        #expect(abs(weights.value(of: work("w", "O", cost: 10, benefit: 4, category: "school"), in: other, criteriaTotal: 19) - 4) < 1e-12)
    }

    /// model.md §8.2: the criteria gap is measured against the scenario's criteria set.
    @Test func criteriaGapUsesCriteriaTotal() throws {
        var weights = WeightsProfile()
        weights.criteriaGap = 2
        // 4 of 10 criteria met: 1 + 2·(10 − 4)/10 = 2.2; against 19 criteria it would be 1 + 2·15/19.
        let c = commune("C", criteria: 4)
        #expect(abs(weights.weight(of: c, criteriaTotal: 10) - 2.2) < 1e-12)
        #expect(abs(weights.weight(of: c, criteriaTotal: 19) - (1 + 30.0 / 19)) < 1e-12)
        // The model reads the total from the scenario: one work of cost 10 and benefit 10 in C,
        // budget 10 → objective 2.2·10 = 22 with criteria_total 10.
        var scenario = Scenario(name: "t", communes: [c], works: [work("w", "C", cost: 10)],
                                sources: [pooled("central", budget: 10)], weights: weights)
        scenario.criteriaTotal = 10
        #expect(abs(AllocationModel(scenario: scenario).communeWeights[0] - 2.2) < 1e-12)
        #expect(close(try solve(scenario).objective, 22))
    }

    /// Model names are ASCII and survive GLPK's writers; every row family appears only when active.
    @Test func namesAndInactiveRows() throws {
        let scenario = Scenario(name: "t", communes: [commune("06001")],
                                works: [work("w-1", "06001", cost: 100)],
                                sources: [pooled("ntm-central", budget: 10)])
        let model = AllocationModel(scenario: scenario)
        #expect(model.program.variables.map(\.name) == ["x_ntm_central_w_1", "y_w_1"])
        #expect(model.program.constraints.map(\.name) == ["cover_w_1", "budget_ntm_central"])
        try model.program.validate(forExport: true)
    }

    /// Ids that sanitise to the same name get `_2`, `_3`… in the order they are built.
    @Test func collidingNamesGetSuffixes() throws {
        let scenario = Scenario(name: "t", communes: [commune("06001")],
                                works: [work("w-1", "06001", cost: 100), work("w_1", "06001", cost: 50),
                                        work("w 1", "06001", cost: 20)],
                                sources: [pooled("ntm", budget: 10)])
        let model = AllocationModel(scenario: scenario)
        #expect(model.program.variables.map(\.name) == ["x_ntm_w_1", "x_ntm_w_1_2", "x_ntm_w_1_3", "y_w_1", "y_w_1_2", "y_w_1_3"])
        #expect(Set(model.program.constraints.map(\.name)).count == model.program.constraintCount)
        try model.program.validate(forExport: true)
    }

    /// Thousands of names (the name table grows many times), a few colliding: each name is
    /// given once, a repeat gets the first free suffix.
    @Test func manyNamesStayUnique() {
        var names = ModelNames()
        var given = Set<String>()
        for k in 0..<5000 {
            let name = names.unique("x", "s\(k % 97)", "w\(k)")
            #expect(given.insert(name).inserted)
        }
        #expect(names.unique("x", "s1", "w1") == "x_s1_w1_2")
        #expect(names.unique("x", "s1", "w1") == "x_s1_w1_3")
        #expect(names.unique("x_s1", "w1") == "x_s1_w1_4")
        #expect(names.unique("y") == "y")
    }
}
