import Testing
import LinearProgramming
@testable import Allocation

/// Scenarios built to be infeasible on purpose; the diagnosis must name the rules to relax and
/// the values that are just enough (computed by hand in each comment).
@Suite struct DiagnosisTests {
    private func communes(_ specs: [(String, Bool)]) -> [Commune] {
        specs.map { Commune(code: $0.0, name: "Xã \($0.0)", district: "D", border: $0.1, criteriaMet: 10) }
    }

    private func diagnose(_ scenario: Scenario) throws -> InfeasibilityDiagnosis {
        let model = AllocationModel(scenario: scenario)
        let plan = try model.solve()
        try #require(plan.status == .infeasible, "expected an infeasible scenario, got \(plan.status)")
        return try InfeasibilityDiagnosis(model: model)
    }

    private func relaxation(_ d: InfeasibilityDiagnosis, _ key: String) -> InfeasibilityDiagnosis.Relaxation? {
        d.relaxations.first { $0.key == key }
    }

    @Test func floorAboveWhatBudgetsAllow() throws {
        // Two communes need 100 each; the budget is 100; floor 0.8 needs 160.
        // Lowering the floor alone: 2·100·f ≤ 100 ⇒ f = 0.5. Raising the budget alone: 160.
        var rules = Rules()
        rules.communeFloor = 0.8
        let scenario = Scenario(name: "d", communes: communes([("A", false), ("B", false)]),
                                works: [Work(id: "a", commune: "A", category: "transport", cost: 100),
                                        Work(id: "b", commune: "B", category: "transport", cost: 100)],
                                sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 100))],
                                rules: rules)
        let d = try diagnose(scenario)
        #expect(abs(d.totalShortfall - 60) < 1e-6)
        let floor = try #require(relaxation(d, "rules.commune_floor"))
        #expect(floor.sufficient == true)
        #expect(abs((floor.needed ?? -1) - 0.5) < 1e-4)
        let budget = try #require(relaxation(d, "sources.central.budget"))
        #expect(budget.sufficient == true)
        #expect(abs((budget.needed ?? -1) - 160) < 1e-2)
        #expect(budget.pressure > 0)
    }

    @Test func priorityShareAboveWhatEligibilityAllows() throws {
        // P (border) and O (other) need 100 each; pooled state money only; floor 0.5 gives O at
        // least 50, but g = 1 forbids any pooled state money outside priority communes.
        // Largest g with O at 50 and P at most 100: 100/150 = 2/3. The floor alone would have to
        // drop to 0 (O can get nothing).
        var rules = Rules()
        rules.communeFloor = 0.5
        rules.priorityShareMin = 1
        let scenario = Scenario(name: "d", communes: communes([("P", true), ("O", false)]),
                                works: [Work(id: "p", commune: "P", category: "transport", cost: 100),
                                        Work(id: "o", commune: "O", category: "transport", cost: 100)],
                                sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 1000))],
                                rules: rules)
        let d = try diagnose(scenario)
        let priority = try #require(relaxation(d, "rules.priority_share_min"))
        #expect(priority.sufficient == true)
        #expect(abs((priority.needed ?? -1) - 2.0 / 3) < 1e-4)
        let floor = try #require(relaxation(d, "rules.commune_floor"))
        #expect((floor.needed ?? 1) < 1e-4)
        #expect(floor.items.contains { $0.label.contains("(O)") })
        #expect(relaxation(d, "sources.central.budget") == nil)
    }

    @Test func communityShareWithoutCommunitySource() throws {
        // μ_other = 0.1 but no community source exists: no work of an other commune can be funded,
        // so a floor of 0.2 fails. Relaxing μ to 0 is enough; the floor would have to be 0.
        var rules = Rules()
        rules.communeFloor = 0.2
        rules.minCommunityShare = GroupShares(priority: 0, other: 0.1)
        let scenario = Scenario(name: "d", communes: communes([("O", false)]),
                                works: [Work(id: "o", commune: "O", category: "transport", cost: 100)],
                                sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 1000))],
                                rules: rules)
        let d = try diagnose(scenario)
        let community = try #require(relaxation(d, "rules.min_community_share.other"))
        #expect(community.sufficient == true)
        #expect((community.needed ?? 1) < 1e-4)
        #expect(d.sufficientKeys.contains("rules.commune_floor"))
    }

    @Test func localCapacityAloneIsTestedAndSized() throws {
        // One other commune, one work of 100; community money must be ≥ 20% of what is funded
        // (μ_other = 0.2) and people's cash is 10, so at most 50 can be funded; the floor 0.8
        // needs 80, hence 16 of community money: 6 more cash in O is enough alone. Lowering μ
        // alone: 80·μ ≤ 10 ⇒ μ = 0.125; the floor alone: 0.5; more central money alone: never.
        var rules = Rules()
        rules.communeFloor = 0.8
        rules.minCommunityShare = GroupShares(priority: 0, other: 0.2)
        let o = Commune(code: "O", name: "Xã O", district: "D", criteriaMet: 10, numericColumns: ["cash": 10])
        let scenario = Scenario(name: "d", communes: [o],
                                works: [Work(id: "o", commune: "O", category: "transport", cost: 100)],
                                sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 1000)),
                                          FundingSource(id: "people", name: "Dân góp", kind: .people,
                                                        scope: .local(capacityColumn: "cash", unitValue: 1))],
                                rules: rules)
        let d = try diagnose(scenario)
        let cash = try #require(d.relaxations.first { $0.family == .localCapacity })
        #expect(cash.key.hasPrefix("sources.people"))
        #expect(cash.sufficient == true, "raising people's cash alone is enough, but the diagnosis says \(String(describing: cash.sufficient))")
        #expect(cash.items.count == 1 && cash.items[0].label.contains("(O)"))
        #expect(abs((cash.items.first?.amount ?? 0) - 6) < 1e-6)
        let mu = try #require(relaxation(d, "rules.min_community_share.other"))
        #expect(mu.sufficient == true && abs((mu.needed ?? 1) - 0.125) < 1e-4)
        let floor = try #require(relaxation(d, "rules.commune_floor"))
        #expect(floor.sufficient == true && abs((floor.needed ?? 1) - 0.5) < 1e-4)
        if let budget = relaxation(d, "sources.central.budget") { #expect(budget.sufficient == false) }
        #expect(d.sufficientKeys.contains(cash.key))
    }
}
