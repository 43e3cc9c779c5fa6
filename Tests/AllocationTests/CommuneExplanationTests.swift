import Testing
import LinearProgramming
@testable import Allocation

/// `explain --commune`: one commune's works against the marginal value of its money, the rules
/// that bind on it, and the levers that would fund its first unfunded work, each re-solved.
@Suite struct CommuneExplanationTests {
    /// T (target) has one required work r1 (cost 100, benefit 50: 0.5 per million); O has o
    /// (cost 200, 1.0 per million). Central (100, transport) funds half of o: o's share is
    /// strictly between its bounds, so the budget's dual is o's value per million, λ = 1, and
    /// r1's reduced cost is v − K·λ = 50 − 100 = −50.
    static let scenario = Scenario(
        name: "commune",
        communes: [Commune(code: "T", name: "Xã T", district: "D", status: .target, criteriaMet: 12),
                   Commune(code: "O", name: "Xã O", district: "D", criteriaMet: 12)],
        works: [Work(id: "r1", commune: "T", category: "transport", cost: 100, benefit: 50, required: true),
                Work(id: "o", commune: "O", category: "transport", cost: 200)],
        sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 100),
                                eligibility: Eligibility(categories: ["transport"]))])

    static func explain(_ code: String) throws -> (CommuneExplanation, AllocationPlan) {
        let model = AllocationModel(scenario: scenario)
        let plan = try model.solve()
        try #require(plan.termination.reason == .optimal)
        let c = try #require(CommuneExplanation.commune(code: code, in: scenario))
        let whatIfs = PlanExplanation.whatIfs(for: plan)
        let plans = try whatIfs.map { Optional(try AllocationModel(scenario: $0.apply(to: scenario)).solve()) }
        let value = try CommuneExplanation.valueWhatIf(for: c, model: model, plan: plan).map { lever in
            (work: lever.work, from: lever.from, to: lever.to,
             plan: Optional(try AllocationModel(scenario: CommuneExplanation.settingBenefit(lever.to, of: lever.work, in: scenario)).solve()))
        }
        return (CommuneExplanation(commune: c, model: model, plan: plan, valueResolve: value,
                                   whatIfs: Array(zip(whatIfs, plans))), plan)
    }

    @Test func worksAreSetAgainstTheMarginalValueOfTheirMoney() throws {
        let (e, plan) = try Self.explain("T")
        #expect(abs((plan.objective ?? 0) - 100) < 1e-9)
        #expect(e.works.count == 1)
        let r1 = try #require(e.works.first)
        #expect(abs(r1.valuePerMillion - 0.5) < 1e-12 && r1.fundedShare < 1e-9)
        #expect(abs((r1.reducedCost ?? 0) + 50) < 1e-9, "reduced cost \(String(describing: r1.reducedCost))")
        #expect(e.sourcePrices.count == 1)
        #expect(abs((e.sourcePrices.first?.price ?? 0) - 1) < 1e-9)
        #expect(e.bindingRules.allSatisfy { $0.origin.commune == e.commune || $0.origin.work == r1.work })
        #expect(e.firstUnfunded == 0)
    }

    /// The value lever: the benefit must rise by |d| = 50 to break even (0.5 → 1.0 per million);
    /// 1% more is 101, and at 1.01 per million r1 outbids o for all of central's 100: share 0 → 1.
    /// The +1 billion of central re-solve funds both o and r1 and confirms too.
    @Test func theLeversAreConfirmedByReSolves() throws {
        let (e, _) = try Self.explain("T")
        let value = try #require(e.levers.first)
        guard case let .workValue(work, from, to, needed) = value.kind else { Issue.record("first lever \(value.kind)"); return }
        #expect(work == 0 && from == 50 && to == 101)
        #expect(abs(needed - 1.01) < 1e-12)
        #expect(value.confirmed && abs((value.shareAfter ?? 0) - 1) < 1e-9)
        #expect(abs((value.communeFundedAfter ?? 0) - 100) < 1e-6 && value.communeFundedBefore < 1e-9)
        let budget = try #require(e.levers.dropFirst().first)
        guard case let .whatIf(whatIf) = budget.kind else { Issue.record("second lever \(budget.kind)"); return }
        #expect(whatIf.parameter == .budget(source: 0) && whatIf.to == 1100)
        #expect(budget.confirmed)
    }

    /// A commune whose works are all funded has no first unfunded work and no lever; a commune
    /// whose work sits at the margin (o: half funded, reduced cost 0) gets no value lever, and a
    /// re-solve that does not raise the share is reported as not confirmed.
    @Test func marginalAndFundedCommunes() throws {
        let (o, _) = try Self.explain("O")
        #expect(o.firstUnfunded == 1)
        #expect(!o.levers.contains { if case .workValue = $0.kind { true } else { false } })
        #expect(o.levers.allSatisfy { $0.confirmed })
        #expect(CommuneExplanation.commune(code: "X", in: Self.scenario) == nil)
        let model = AllocationModel(scenario: Self.scenario)
        let plan = try model.solve()
        let rejected = CommuneExplanation.Lever(kind: .whatIf(PlanExplanation.whatIfs(for: plan)[0]), shareBefore: 0.5, shareAfter: 0.5,
                                                communeFundedBefore: 100, communeFundedAfter: 100)
        #expect(!rejected.confirmed)
    }
}

/// Multi-year: the per-year prices, and the gain split's per-year caps.
extension CommuneExplanationTests {
    /// Two years of central (100 each, no carry-over); a in A (100, 0.5 per million), b in B (300,
    /// 1.0 per million), one-year works. Each year's 100 goes to b (one third a year): both years'
    /// prices are 1.0, and a's funding reduced cost is 50 − 100·1 = −50. Its benefit at
    /// 50·100/50·1.01 = 101 (1.01 per million) outbids b in one year: a fully funded.
    @Test func multiYearPricesAreListedPerYear() throws {
        let scenario = MultiYearTests.scenario(
            periods: ["2026", "2027"],
            communes: [Commune(code: "A", name: "Xã A", district: "D", status: .target, criteriaMet: 12),
                       Commune(code: "B", name: "Xã B", district: "D", criteriaMet: 12)],
            works: [MultiYearTests.work("a", "A", cost: 100, benefit: 50, required: true), MultiYearTests.work("b", "B", cost: 300)],
            sources: [MultiYearTests.pooled("central", .central, [100, 100])])
        let model = AllocationModel(scenario: scenario)
        let plan = try model.solve(path: .monolithic)
        try #require(plan.termination.reason == .optimal)
        #expect(abs((plan.objective ?? 0) - 200) < 1e-9)
        let lever = try #require(CommuneExplanation.valueWhatIf(for: 0, model: model, plan: plan))
        #expect(lever.work == 0 && lever.from == 50 && lever.to == 101)
        let resolved = try AllocationModel(scenario: CommuneExplanation.settingBenefit(101, of: 0, in: scenario)).solve(path: .monolithic)
        let e = CommuneExplanation(commune: 0, model: model, plan: plan,
                                   valueResolve: (work: 0, from: 50, to: 101, plan: resolved), whatIfs: [])
        #expect(e.sourcePrices.map(\.period) == [0, 1])
        #expect(e.sourcePrices.allSatisfy { abs(($0.price ?? 0) - 1) < 1e-9 })
        #expect(abs((e.works.first?.reducedCost ?? 0) + 50) < 1e-9)
        #expect(e.levers.count == 1 && e.levers[0].confirmed && abs((e.levers[0].shareAfter ?? 0) - 1) < 1e-9)
    }

    /// Budgets [100, 1000]: 2026's 100 and 200 of 2027 go to b (300), a takes 100 of 2027 (0.5 >
    /// 0): 350, using 100 and 300. Capped at those uses, [100, 300] buys the same 350: with the
    /// plan as its own "status quo", placement gains 0, the 700 unplaced are worth 0, and the
    /// parts add up to the total.
    @Test func theCapsAreEachYearsUse() throws {
        let scenario = MultiYearTests.scenario(
            periods: ["2026", "2027"],
            communes: [Commune(code: "A", name: "Xã A", district: "D"), Commune(code: "B", name: "Xã B", district: "D")],
            works: [MultiYearTests.work("a", "A", cost: 100, benefit: 50), MultiYearTests.work("b", "B", cost: 300)],
            sources: [MultiYearTests.pooled("central", .central, [100, 1000])])
        let plan = try AllocationModel(scenario: scenario).solve(path: .monolithic)
        #expect(abs((plan.objective ?? 0) - 350) < 1e-9)
        let capped = StatusQuoGainSplit.cappedScenario(scenario, statusQuo: plan)
        let schedule = try #require(capped.sources[0].budgetByPeriod)
        #expect(abs(schedule[0] - 100) < 1e-9 && abs(schedule[1] - 300) < 1e-9 && abs((capped.sources[0].budget ?? 0) - 400) < 1e-9)
        let split = StatusQuoGainSplit(optimum: plan, statusQuo: plan, capped: try AllocationModel(scenario: capped).solve(path: .monolithic))
        #expect(abs(split.unplacedMoney - 700) < 1e-9)
        #expect(abs(split.betterPlacement ?? .nan) < 1e-9 && abs(split.unplacedMoneyValue ?? .nan) < 1e-9 && split.total == 0)
        // Without an optimal capped re-solve there is no split (never a half-made one).
        let none = StatusQuoGainSplit(optimum: plan, statusQuo: plan, capped: nil)
        #expect(none.betterPlacement == nil && none.unplacedMoneyValue == nil)
    }
}
