import Testing
import Allocation
import Reports

/// `compare` names the target communes that reach the standard in one variant and not the
/// other, and does not set objectives of different weight profiles side by side as one scale.
@Suite struct CompareStandardTests {
    /// T and U are target communes with one required work each (cost 100); the budget (100)
    /// funds one. Profile `a` (base 1): r in T is worth 100, u in U 50 → r is funded, T reaches
    /// the standard, objective 100. Profile `b` adds 2 for border communes (U is one): u is worth
    /// 3·50 = 150 > 100 → u is funded, U reaches, objective 150.
    static func plan(border: Double, name: String, budget: Double = 100) throws -> AllocationPlan {
        var weights = WeightsProfile(name: name)
        weights.border = border
        let scenario = Scenario(
            name: "standard",
            communes: [Commune(code: "T", name: "Xã T", district: "D", status: .target, criteriaMet: 12),
                       Commune(code: "U", name: "Xã U", district: "D", border: true, status: .target, criteriaMet: 12)],
            works: [Work(id: "r", commune: "T", category: "transport", cost: 100, benefit: 100, required: true),
                    Work(id: "u", commune: "U", category: "transport", cost: 100, benefit: 50, required: true)],
            sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: budget))],
            weights: weights)
        let plan = try AllocationModel(scenario: scenario).solve()
        try #require(plan.termination.reason == .optimal)
        return plan
    }

    @Test func communesReachingTheStandardInOneVariantOnlyAreNamed() throws {
        let a = try Self.plan(border: 0, name: "a"), b = try Self.plan(border: 2, name: "b")
        #expect(abs((a.objective ?? 0) - 100) < 1e-9 && abs((b.objective ?? 0) - 150) < 1e-9)
        let change = StandardChange(from: a, to: b)
        #expect(change.reachedOnlyAfter == ["U"] && change.reachedOnlyBefore == ["T"])
        let md = ComparisonTables.markdown(names: ["a", "b"], plans: [a, b], language: .en)
        #expect(md.contains("- Only in b (1): Xã U (U)\n- Only in a (1): Xã T (T)"), "\(md)")
        #expect(md.contains(ComparisonTables.objectiveNote(.en)), "different profiles: the note is shown")
        #expect(md.contains("| Objective (own weights; not comparable) | 100 | 150 |"), "\(md)")
        let terminal = ComparisonTables.terminal(names: ["a", "b"], plans: [a, b], language: .vi)
        #expect(terminal.contains(ComparisonTables.objectiveNote(.vi)))
        #expect(terminal.contains("b so với a: 1 xã đạt chuẩn chỉ ở b, 1 xã chỉ ở a"), "\(terminal)")
    }

    /// One profile, two budgets: the objectives share a scale, so no note; with 200 both reach.
    @Test func oneProfileNeedsNoNote() throws {
        let a = try Self.plan(border: 0, name: "a"), rich = try Self.plan(border: 0, name: "a", budget: 200)
        let md = ComparisonTables.markdown(names: ["a", "rich"], plans: [a, rich], language: .en)
        #expect(!md.contains(ComparisonTables.objectiveNote(.en)))
        #expect(md.contains("| Objective | 100 | 150 |"), "\(md)")
        #expect(md.contains("- Only in rich (1): Xã U (U)\n- Only in a (0): none"), "\(md)")
    }
}
