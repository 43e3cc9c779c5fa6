import Testing
import LinearProgramming
@testable import Allocation

@Suite struct ExplanationTests {
    /// T (target) has two required works: r1 (100, worth 0.5 per million) and r2 (school, which
    /// no source may fund). O has a work worth 1.0 per million. The budget (100) goes to O;
    /// r1 is left unfunded because central money is worth 1.0 elsewhere, r2 because nothing may
    /// fund it. r1's reduced cost lies in [v − K·λ, 0] = [50 − 100, 0].
    @Test func unfundedRequiredWorksAreExplained() throws {
        let scenario = Scenario(
            name: "e",
            communes: [Commune(code: "T", name: "Xã T", district: "D", status: .target, criteriaMet: 12),
                       Commune(code: "O", name: "Xã O", district: "D", criteriaMet: 12)],
            works: [Work(id: "r1", commune: "T", category: "transport", cost: 100, benefit: 50, required: true),
                    Work(id: "r2", commune: "T", category: "school", cost: 100, required: true),
                    Work(id: "o", commune: "O", category: "transport", cost: 200)],
            sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 100),
                                    eligibility: Eligibility(categories: ["transport"]))])
        let model = AllocationModel(scenario: scenario)
        let plan = try model.solve()
        try #require(plan.termination.reason == .optimal)
        #expect(abs((plan.objective ?? 0) - 100) < 1e-9)
        // +1 billion: r1 is the only other use left (O needs 100 more at 1.0, then r1 at 0.5):
        // 100·1.0 + 100·0.5 = 150, beyond the range where the price 1.0 holds.
        let whatIfs = PlanExplanation.whatIfs(for: plan)
        let plans = try whatIfs.map { try AllocationModel(scenario: $0.apply(to: scenario)).solve() }
        let explanation = PlanExplanation(model: model, plan: plan, whatIfs: Array(zip(whatIfs, plans.map { Optional($0) })))
        let margin = try #require(explanation.sources.first)
        #expect(abs(margin.shadowPrice - 1) < 1e-9)
        #expect(abs((margin.gainPerBillion ?? 0) - 150) < 1e-6)
        #expect(abs((margin.validTo ?? 0) - 200) < 1e-6)   // O's work is full at 200
        // The extra billion completes both o and r1 (+100 each).
        #expect(Set(margin.nextWorks.map { scenario.works[$0.work].id }) == ["o", "r1"])
        #expect(margin.nextWorks.allSatisfy { abs($0.extra - 100) < 1e-6 })

        let r1 = try #require(explanation.unfundedWorks.first { scenario.works[$0.work].id == "r1" })
        #expect(r1.reasons.contains(.moneyWorthMoreElsewhere(source: 0, price: 1)))
        #expect(abs(r1.valuePerMillion - 0.5) < 1e-12)
        let d = try #require(r1.reducedCost)
        #expect(d <= 1e-9 && d >= -50 - 1e-9)
        let r2 = try #require(explanation.unfundedWorks.first { scenario.works[$0.work].id == "r2" })
        #expect(r2.reasons == [.noEligibleSource])
    }

    /// A rule step is the decimal a planner would type: on the tiny example (README: T02's state
    /// cap of 0.8 binds on w3 and w4), relaxing max_state_share.other by 0.05 re-solves at 0.85
    /// exactly, not binary's 0.8 + 0.05 = 0.8500000000000001.
    @Test func ruleStepsAreDecimal() throws {
        var scenario = Scenario(
            name: "t",
            communes: [Commune(code: "O", name: "Xã O", district: "D", criteriaMet: 12, numericColumns: ["cash": 10])],
            works: [Work(id: "o", commune: "O", category: "transport", cost: 100)],
            sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 1000)),
                      FundingSource(id: "people", name: "Dân góp", kind: .people, scope: .local(capacityColumn: "cash", unitValue: 1))])
        // State money ≤ 80% of what is funded and people's cash is 10: 50 funded, the cap binds.
        scenario.rules.maxStateShare = GroupShares(priority: 1, other: 0.8)
        let model = AllocationModel(scenario: scenario)
        let plan = try model.solve()
        try #require(plan.termination.reason == .optimal)
        let step = try #require(PlanExplanation.whatIfs(for: plan).first { $0.parameter == .maxStateShare(.other) })
        #expect(step.to == 0.85, "stepped to \(step.to)")
        #expect(PlanExplanation.typed(0.7 - 0.05, decimals: 2) == 0.65)
        #expect(PlanExplanation.typed(5000 * 1.1, decimals: 1) == 5500)
        #expect(PlanExplanation.decimalPlaces(of: 0.8) == 1 && PlanExplanation.decimalPlaces(of: 0.125) == 3)
    }
}

extension ExplanationTests {
    /// What one more billion buys is the difference of two canonical plans. Two works of equal
    /// value per million (1.0): w1 in B, w2 in A; `narrow` (50) may fund only B's work, central
    /// (100) either. The canonical plan funds w1 first (id order) with the narrow money first:
    /// w1 = 50 narrow + 50 central, w2 = 50 central. With 1,050 of narrow, narrow takes all of
    /// w1 and central all of w2: w2 gains 50, nothing loses, net +50, one more work fully funded.
    @Test func oneMoreBillionIsTheNetDifferenceOfTwoCanonicalPlans() throws {
        let restricted = Scenario(
            name: "net",
            communes: [Commune(code: "A", name: "Xã A", district: "D"), Commune(code: "B", name: "Xã B", district: "D", border: true)],
            works: [Work(id: "w1", commune: "B", category: "transport", cost: 100),
                    Work(id: "w2", commune: "A", category: "transport", cost: 100)],
            sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 100)),
                      FundingSource(id: "narrow", name: "Vốn xã B", kind: .integrated, scope: .pooled(budget: 50),
                                    eligibility: Eligibility(communes: [.border]))])
        let model = AllocationModel(scenario: restricted)
        let plan = try model.solve()
        try #require(plan.status == .optimal && plan.tieBreak?.isApplied == true)
        func amount(_ source: String, _ work: String) -> Double {
            plan.allocations.filter { restricted.sources[$0.source].id == source && restricted.works[$0.work].id == work }
                .reduce(0) { $0 + $1.amount }
        }
        #expect(abs(amount("narrow", "w1") - 50) < 1e-6 && abs(amount("central", "w1") - 50) < 1e-6)
        #expect(abs(amount("central", "w2") - 50) < 1e-6)

        let whatIfs = PlanExplanation.whatIfs(for: plan)
        let plans = try whatIfs.map { try AllocationModel(scenario: $0.apply(to: restricted)).solve() }
        let explanation = PlanExplanation(model: model, plan: plan, whatIfs: Array(zip(whatIfs, plans.map { Optional($0) })))
        let narrow = try #require(explanation.sources.first { restricted.sources[$0.source].id == "narrow" })
        let change = try #require(narrow.change)
        #expect(change.gains.map { restricted.works[$0.work].id } == ["w2"])
        #expect(abs(change.gains[0].amount - 50) < 1e-6)
        #expect(change.losses.isEmpty)
        #expect(abs(change.netFunded - 50) < 1e-6)
        #expect(change.worksFullyFunded == 1)
    }
}
