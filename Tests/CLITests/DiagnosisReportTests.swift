import Testing
@testable import Allocation
@testable import Reports

/// How the diagnosis reads (report.md and the terminal): values in the planner's units, and a
/// national scenario's hundred "not enough alone" budgets folded into one line.
@Suite struct DiagnosisReportTests {
    static func budget(_ key: String, _ amount: Double) -> InfeasibilityDiagnosis.Relaxation {
        InfeasibilityDiagnosis.Relaxation(parameter: .budget(source: 0), family: .pooledBudget, key: key, current: amount,
                                          needed: nil, sufficient: false, pressure: 0, items: [])
    }

    @Test func budgetsNotEnoughAloneAreFoldedAfterTheFirstFive() {
        let floor = InfeasibilityDiagnosis.Relaxation(parameter: .communeFloor, family: .communeFloor, key: "rules.commune_floor",
                                                      current: 0.9, needed: 0.22431, sufficient: true, pressure: 1, items: [])
        let budgets = (1...8).map { Self.budget("sources.d\($0).budget", 6600 + Double($0)) }
        let section = PlanReport.DiagnosisSection(shortfalls: [], totalShortfall: 0, relaxations: [floor] + budgets,
                                                  stoppedByTimeLimit: false)
        let en = DiagnosisReport.render(section, language: .en)
        // Rounded toward looser: 22.431 % is shown as 22.4 % (a floor of 22.4 % is enough too).
        #expect(en.contains("- `rules.commune_floor`: now 90.0% → 22.4% or less is enough."))
        #expect(en.contains("- `sources.d1.budget`: now 6,601.0 million VND; relaxing it alone is not enough."))
        #expect(en.contains("`sources.d5.budget`"))
        #expect(!en.contains("- `sources.d6.budget`"))
        #expect(en.contains("- 3 other pooled budgets (`sources.d6.budget`, `sources.d7.budget`, `sources.d8.budget`): relaxing any one alone is not enough"))
        let vi = DiagnosisReport.render(section, language: .vi)
        #expect(vi.contains("- `rules.commune_floor`: hiện 90,0% → cần 22,4% trở xuống là đủ."))
        #expect(vi.contains("- `sources.d1.budget`: hiện 6.601,0 triệu đồng; nới riêng quy định này không đủ."))
        #expect(vi.contains("- 3 ngân sách chung khác"))
    }
}
