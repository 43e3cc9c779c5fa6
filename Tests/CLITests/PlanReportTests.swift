import Foundation
import Testing
import Allocation
import LinearProgramming
@testable import Reports

/// The typed report model: its figures on plans solved by hand, and the renderers that take it.
@Suite struct PlanReportTests {
    /// Three communes in two districts, one pooled central budget of 250, every value per
    /// million distinct so the optimum is unique. Values per million: a1 3, a2 2, c1 1, b1 0.5,
    /// b2 0.1, c2 0.1 (all weights 1, so value = benefit). The optimum funds a1 (100) and a2 (50)
    /// in full and c1 for 100 of 200; objective 300 + 100 + 100 = 500.
    /// A and B are target communes (priority): A's required works are both funded, B's are not;
    /// C's required work c2 is not funded either. Pooled state money: 250, to priority 150 (60%).
    static func scenario() -> Scenario {
        let communes = [
            Commune(code: "A", name: "Xã A", district: "D1", status: .target),
            Commune(code: "B", name: "Xã B", district: "D2", status: .target),
            Commune(code: "C", name: "Xã C", district: "D1", status: .standard),
        ]
        var works = [
            Work(id: "a1", commune: "A", category: "transport", cost: 100, benefit: 300, required: true),
            Work(id: "a2", commune: "A", category: "school", cost: 50, benefit: 100, required: true),
            Work(id: "b1", commune: "B", category: "transport", cost: 300, benefit: 150, required: true),
            Work(id: "b2", commune: "B", category: "culture", cost: 500, benefit: 50, required: true),
            Work(id: "c1", commune: "C", category: "irrigation", cost: 200, benefit: 200),
            Work(id: "c2", commune: "C", category: "transport", cost: 400, benefit: 40, required: true),
        ]
        works[1].name = "Trường mầm non A"
        var scenario = Scenario(name: "report model", communes: communes, works: works,
                                sources: [FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 250))])
        scenario.weights.productionBonus = 0   // irrigation would otherwise earn the production bonus
        scenario.rules.priorityShareMin = 0.5
        return scenario
    }

    static func plan() throws -> AllocationPlan {
        try AllocationModel(scenario: scenario()).solve(path: .monolithic)
    }

    @Test func figuresOfAPlanSolvedByHand() throws {
        let report = PlanReport(plan: try Self.plan())
        #expect(report.hasSolution && report.outcome.status == .optimal)
        #expect(abs((report.outcome.objective ?? 0) - 500) < 1e-6)
        let t = report.totals
        #expect(t.need == 1550 && abs(t.funded - 250) < 1e-6 && t.works == 6)
        #expect(t.worksFullyFunded == 2 && t.worksPartlyFunded == 1)
        #expect(t.targetCommunesWithRequiredWorks == 2 && t.targetCommunesReachingStandard == 1)
        #expect(abs((t.priorityStateShare ?? 0) - 0.6) < 1e-9 && t.priorityShareMin == 0.5)

        // By district, in the order districts first appear: D1 = A + C, D2 = B.
        #expect(report.scenario.grouping == .district)
        #expect(report.groups.map(\.label) == ["D1", "D2"])
        #expect(report.groups.map(\.communes) == [2, 1])
        #expect(report.groups.map(\.need) == [750, 800])
        #expect(abs(report.groups[0].funded - 250) < 1e-6 && abs(report.groups[1].funded) < 1e-6)
        #expect(abs(report.groups[0].fundedShare - 250.0 / 750) < 1e-9)

        // Target communes: A reaches the standard, B does not; C is not a target.
        #expect(report.targetCommunes.map(\.code) == ["A", "B"])
        #expect(report.targetCommunes.map(\.reachesStandard) == [true, false])
        #expect(report.communes.allSatisfy { $0.reachesStandardIn == nil }, "a single-period plan has no year")

        // Every unfunded required work: target communes first (b2, b1 by decreasing cost), then c2.
        #expect(report.unfundedRequiredWorks.map(\.workID) == ["b2", "b1", "c2"])
        #expect(report.unfundedRequiredWorks.map(\.communeIsTarget) == [true, true, false])
        #expect(report.unfundedRequiredWorks.map(\.group) == ["D2", "D2", "D1"])

        // The source: all of it used, priced at the marginal work's value per million (c1: 1).
        let central = try #require(report.sources.first)
        #expect(central.id == "central" && central.kind == .central && central.scope == .pooled)
        #expect(abs(central.used - 250) < 1e-6 && central.unused < 1e-6)
        #expect(abs((central.shadowPrice ?? 0) - 1) < 1e-6)

        // Allocations resolved to codes and names.
        let byWork = Dictionary(report.allocations.map { ($0.workID, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(byWork.keys) == ["a1", "a2", "c1"])
        #expect(byWork["a2"]?.workName == "Trường mầm non A" && byWork["a2"]?.communeName == "Xã A")
        #expect(abs((byWork["c1"]?.fundedShare ?? 0) - 0.5) < 1e-9 && byWork["c1"]?.group == "D1")
        #expect(report.periods.isEmpty && report.allocations.allSatisfy { $0.period == nil })
    }

    /// Two years, budget 100 each, no carry-over. v (50, A) may start in 2026; w (100, B) only in
    /// 2027. Both are funded only if v is built in 2026 and w in 2027, so A reaches the standard
    /// in 2026 and B in 2027.
    @Test func targetCommunesReachTheStandardInTheirYear() throws {
        var source = FundingSource(id: "central", name: "NSTW", kind: .central, scope: .pooled(budget: 100))
        source.budgetByPeriod = [100, 100]
        var w = Work(id: "w", commune: "B", category: "transport", cost: 100, required: true)
        w.startFrom = 1
        let v = Work(id: "v", commune: "A", category: "school", cost: 50, required: true)
        var scenario = Scenario(name: "years", communes: [Commune(code: "A", name: "Xã A", district: "D", status: .target),
                                                           Commune(code: "B", name: "Xã B", district: "D", status: .target)],
                                works: [v, w], sources: [source])
        scenario.periods = ["2026", "2027"]
        let report = PlanReport(plan: try AllocationModel(scenario: scenario).solve(path: .monolithic))
        #expect(report.targetCommunes.map(\.reachesStandardIn) == ["2026", "2027"])
        #expect(report.totals.targetCommunesReachingStandardByPeriod == [1, 2])
        #expect(report.periods.map(\.label) == ["2026", "2027"])
        #expect(report.periods.map(\.worksStarted) == [1, 1] && report.periods.map(\.worksCompleted) == [1, 1])
        #expect(report.periods.map(\.used).map { $0.rounded() } == [50, 100])
        #expect(report.periods.map(\.lapsed).map { $0.rounded() } == [50, 0])
        #expect(report.sources[0].byPeriod.map(\.period) == ["2026", "2027"])
        let allocations = report.allocations.map { "\($0.workID) \($0.period ?? "") \($0.workStart ?? "")-\($0.workFinish ?? "")" }
        #expect(allocations.sorted() == ["v 2026 2026-2026", "w 2027 2027-2027"])
    }

    /// summary.json is a typed document: the same bytes from two renders, the contract's keys,
    /// and `null` for anything that is not a real number.
    @Test func summaryIsStableAndWritesNonFiniteNumbersAsNull() throws {
        var report = PlanReport(plan: try Self.plan())
        var again = PlanReport(plan: try Self.plan())
        // Two solves differ only in their times (GLPK's, and the tie-break stage's).
        report.model.solveSeconds = 0
        again.model.solveSeconds = 0
        #expect(report.tieBreak?.isApplied == again.tieBreak?.isApplied)
        again.tieBreak = report.tieBreak
        #expect(report == again, "the model is plain data: two builds of one plan are equal")
        #expect(SummaryJSON.render(report) == SummaryJSON.render(again))
        #expect(SummaryJSON.render(report).hasSuffix("}\n"))
        report.outcome.objective = .infinity
        report.sources[0].shadowPrice = .nan
        report.sources[0].shadowPriceRange = PlanReport.ValueRange(lower: -.infinity, upper: 1e308)
        report.totals.labourDaysUsed = -.infinity
        let text = SummaryJSON.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["objective"] is NSNull)
        #expect(object["labour_days_used"] is NSNull)
        let central = try #require((object["sources"] as? [String: Any])?["central"] as? [String: Any])
        #expect(central["shadow_price"] is NSNull)
        #expect((central["shadow_price_range"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
        #expect(object["total_need"] as? Double == 1550)
        #expect(abs((object["funded_share"] as? Double ?? 0) - 250.0 / 1550) < 1e-12)
        #expect(object["binding_rules"] as? [String: Int] == ["pooled_budget": 1])
        #expect(object["optimality"] as? String == "optimal")
        #expect(object["mip_gap"] is NSNull && object["best_bound"] is NSNull)
        #expect(object["periods"] == nil && object["timings"] == nil && object["baseline_objective"] == nil,
                "members a run does not have are absent")
    }

    /// A solve's summary carries the status-quo comparison, the times and the tie-break record
    /// under the names scripts read.
    @Test func summaryOfASolveRunHasTheContractKeys() throws {
        let scenario = Self.scenario()
        let model = AllocationModel(scenario: scenario)
        let plan = try model.solve(path: .monolithic)
        let baseline = StatusQuoBaseline(model: model)
        let report = PlanReport(plan: plan, baseline: baseline,
                                timings: .init(loadAndValidate: 0.5, build: 0.25, solve: 1, afterSolve: 0.125, solvePath: "monolithic"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(SummaryJSON.render(report).utf8)) as? [String: Any])
        let expected: Set<String> = [
            "scenario", "mode", "status", "termination", "objective", "mip_gap", "best_bound", "optimality", "mip_gap_limit",
            "duals_from_fixed_mip", "total_need", "total_funded", "funded_share", "works_fully_funded", "works_partly_funded",
            "target_communes_with_required_works", "target_communes_reaching_standard", "priority_state_share",
            "pooled_state_used", "pooled_state_to_especially_difficult", "pooled_state_to_border", "labour_value_used",
            "labour_days_used", "sources", "binding_rules", "model", "solve_seconds", "money_unit", "baseline_objective",
            "gain_over_baseline", "baseline_works_fully_funded", "baseline_target_communes_reaching_standard",
            "baseline_total_funded", "baseline_breaks_rules", "timings", "tie_break", "solve_path", "decomposition_fallback",
        ]
        #expect(Set(object.keys) == expected)
        // Asked for monolithic: the path is named and there is no fallback reason.
        #expect(object["solve_path"] as? String == "monolithic" && object["decomposition_fallback"] is NSNull)
        #expect(object["gain_over_baseline"] as? Double == 500 - (baseline.plan.objective ?? 0))
        #expect(object["timings"] as? NSDictionary == ["load_and_validate": 0.5, "build": 0.25, "solve": 1,
                                                       "baseline_explain_diagnose": 0.125, "solve_path": "monolithic"])
        #expect((object["tie_break"] as? String)?.hasPrefix("not applied") == true || object["tie_break"] as? String == "applied")
        #expect(object["model"] as? [String: Int] == ["rows": plan.rows, "columns": plan.columns, "nonzeros": plan.nonZeros])
    }

    /// report.md lists at most 20 unfunded required works and says "20 of N" when it stops there.
    @Test func markdownSaysHowManyUnfundedWorksItShows() throws {
        var report = PlanReport(plan: try Self.plan())
        let en = MarkdownReport.render(report, language: .en)
        #expect(en.contains("## Required works not fully funded (3)\n\n| Commune | District | Work |"))
        #expect(en.contains("| Xã B (B, target) | D2 | b2 | Culture | 0.50 | 0.0% |"))
        let template = report.unfundedRequiredWorks[0]
        report.unfundedRequiredWorks = (1...25).map { i in
            var row = template
            row.workID = "x\(i)"
            return row
        }
        let long = MarkdownReport.render(report, language: .en)
        #expect(long.contains("## Required works not fully funded (25)\n\n20 of 25 works shown (target communes first, then by decreasing cost).\n"))
        #expect(long.contains("| x20 |") && !long.contains("| x21 |"))
        #expect(MarkdownReport.render(report, language: .vi).contains("20 trong số 25 công trình"))
    }

    /// The CSV tables and the terminal come from the same model as report.md.
    @Test func tablesComeFromTheModel() throws {
        var report = PlanReport(plan: try Self.plan())
        report.communes[0].name = "Xã Đổi Tên"
        #expect(PlanTables.communes(report).contains("\nD1,A,Xã Đổi Tên,0,0,1,target,0,150,150,0,150,0,0,150,1\n"))
        report.sources[0].id = "renamed"
        #expect(PlanTables.sources(report).contains("\nrenamed,NSTW,central,pooled,250,250,0,1,"))
        #expect(TerminalSummary.render(report, language: .en).contains("renamed"))
    }

    /// The explanation, resolved to ids and names. One billion more of central (budget 250 →
    /// 1,250) funds c1's other 100 (value 1/million), b1 (300, 0.5/million) and 600 of b2 or c2
    /// (0.1/million): a gain of 100 + 150 + 60 = 310, and 1,000 more placed. B's required works
    /// b1 and b2 are held back because central's money is worth 1 per million elsewhere.
    @Test func explanationNamesWorksAndSources() throws {
        let model = AllocationModel(scenario: Self.scenario())
        let plan = try model.solve(path: .monolithic)
        let whatIfs = PlanExplanation.whatIfs(for: plan)
        let plans = try whatIfs.map { try AllocationModel(scenario: $0.apply(to: model.scenario)).solve(path: .monolithic) }
        let explanation = PlanExplanation(model: model, plan: plan, whatIfs: Array(zip(whatIfs, plans.map { Optional($0) })))
        let report = PlanReport(plan: plan, explanation: explanation)
        let section = try #require(report.explanation)
        let central = try #require(section.sources.first)
        #expect(central.sourceID == "central" && central.sourceName == "NSTW")
        #expect(abs((central.gainPerBillion ?? 0) - 310) < 1e-6)
        let change = try #require(central.change)
        #expect(abs(change.netFunded - 1000) < 1e-6 && change.losses.isEmpty)
        let b1 = try #require(change.gains.first { $0.work.id == "b1" })
        #expect(abs(b1.amount - 300) < 1e-6 && b1.work.communeName == "Xã B" && b1.work.category == "transport")
        #expect(section.unfundedWorks.map(\.work.id).sorted() == ["b1", "b2"])
        for work in section.unfundedWorks {
            #expect(work.reasons.contains { reason in
                if case .moneyWorthMoreElsewhere(let id, let price) = reason { return id == "central" && abs(price - 1) < 1e-6 }
                return false
            }, "\(work.work.id): \(work.reasons)")
        }
        #expect(PlanReport.HoldBack.shareRuleBinds(family: .shareCap, sourceID: "credit").key == "sources.credit.max_share")
        #expect(PlanReport.HoldBack.shareRuleBinds(family: .stateShare, sourceID: nil).key == "rules.max_state_share")
        let text = try #require(ExplanationReport.render(report, language: .en))
        #expect(text.contains("- **NSTW** (`central`): each extra million adds 1.000 units of value"))
        #expect(text.contains("b1 (Transport, Xã B) +300.0"))
        #expect(ExplanationReport.render(PlanReport(plan: plan), language: .en) == nil)
    }
}
