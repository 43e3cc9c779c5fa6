import Testing
import LinearProgramming
@testable import Allocation

@Suite struct BaselineTests {
    private func scenario(costA: Double) -> Scenario {
        // A: 10 criteria (coefficient 5), B: 16 criteria (coefficient 3) under Decision 07's rule
        // list (neither is ĐBKK nor at standard, so its first two rules do not apply); budget 80.
        Scenario(name: "b",
                 communes: [Commune(code: "A", name: "Xã A", district: "D", criteriaMet: 10),
                            Commune(code: "B", name: "Xã B", district: "D", criteriaMet: 16)],
                 works: [Work(id: "wa", commune: "A", category: "transport", cost: costA, benefit: costA),
                         Work(id: "wb", commune: "B", category: "transport", cost: 100, benefit: 200)],
                 sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 80))])
    }

    @Test func splitsByDecision07Coefficients() throws {
        // 80 split 5:3 → A 50, B 30. A funds half of its 100 (value 50), B 30 of 100 (value 2·30 = 60).
        // Baseline 110; the optimum puts all 80 in B: 160.
        let model = AllocationModel(scenario: scenario(costA: 100))
        let baseline = StatusQuoBaseline(model: model)
        #expect(abs(baseline.allotments[0][0] - 50) < 1e-9 && abs(baseline.allotments[0][1] - 30) < 1e-9)
        #expect(abs((baseline.plan.objective ?? 0) - 110) < 1e-9)
        #expect(baseline.violatedRules.isEmpty)
        let optimum = try #require(try model.solve().objective)
        #expect(abs(optimum - 160) < 1e-6)
        #expect(baseline.plan.objective! <= optimum + 1e-9)
    }

    @Test func capacityLeftOverIsSplitAgain() {
        // A can absorb only 20 (its one work costs 20): it keeps 20 and B gets the other 60.
        // Value: 20·1 + 60·2 = 140.
        let baseline = StatusQuoBaseline(model: AllocationModel(scenario: scenario(costA: 20)))
        #expect(abs(baseline.allotments[0][0] - 20) < 1e-9 && abs(baseline.allotments[0][1] - 60) < 1e-9)
        #expect(abs((baseline.plan.objective ?? 0) - 140) < 1e-9)
    }

    @Test func especiallyDifficultCommuneGetsNoCoefficientUnderDecision07() {
        // model.md §8.3: Decision 07's first rule gives a ĐBKK commune 0. With A especially
        // difficult the coefficients are A 0, B 3: all 80 go to B (its work absorbs up to 100).
        // Value 2·80 = 160, which is here also the optimum.
        var s = scenario(costA: 100)
        s.communes[0].especiallyDifficult = true
        #expect(s.baseline.coefficient(of: s.communes[0]) == 0 && s.baseline.coefficient(of: s.communes[1]) == 3)
        let baseline = StatusQuoBaseline(model: AllocationModel(scenario: s))
        #expect(baseline.allotments[0][0] == 0 && abs(baseline.allotments[0][1] - 80) < 1e-9)
        #expect(abs((baseline.plan.objective ?? 0) - 160) < 1e-9)
    }

    @Test func largestFundingHonoursShares() {
        // Cost 100; state available 1000, people 5; φ = 0.8, μ = 0.1.
        // μ: 5 ≥ 0.1·F ⇒ F ≤ 50; total: min(1000, 0.8F) + 5 ≥ F ⇒ F ≤ 25. So F = 25: people 5, state 20.
        let kinds: [SourceKind] = [.central, .people]
        let result = StatusQuoBaseline.largestFunding(cost: 100, sources: [(0, 1000, 1), (1, 5, 1)], kinds: kinds,
                                                      phi: 0.8, mu: 0.1, wholeOnly: false)
        #expect(abs(result.total - 25) < 1e-6)
        #expect(abs((result.bySource[1] ?? 0) - 5) < 1e-6)
        #expect(abs((result.bySource[0] ?? 0) - 20) < 1e-6)
        // An indivisible work that cannot be funded whole gets nothing.
        let whole = StatusQuoBaseline.largestFunding(cost: 100, sources: [(0, 1000, 1), (1, 5, 1)], kinds: kinds,
                                                     phi: 0.8, mu: 0.1, wholeOnly: true)
        #expect(whole.total == 0)
    }

    @Test func waterFillRespectsCapacities() {
        // 100 split 1:1:2 with capacities 10, 100, 100: first pass 25/25/50 caps the first at 10;
        // the remaining 90 split 1:2 → 30 and 60.
        let split = StatusQuoBaseline.waterFill(budget: 100, weights: [1, 1, 2], capacities: [10, 100, 100])
        #expect(zip(split, [10.0, 30, 60]).allSatisfy { abs($0 - $1) < 1e-9 })
    }
}
