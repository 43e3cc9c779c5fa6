import Allocation
import LinearProgramming
import Reports

/// `ntm-alloc explain` (and `solve --explain`): the plan plus the re-solves that explain it.
public enum ExplainWorkflow {
    /// Solves the what-ifs of `plan` in parallel and assembles the explanation.
    public static func explain(model: AllocationModel, plan: AllocationPlan, settings: RunSettings) -> PlanExplanation {
        let whatIfs = PlanExplanation.whatIfs(for: plan)
        let scenario = model.scenario
        let progress = ProgressBar(total: whatIfs.count, label: "explain")
        let plans = Parallel.map(whatIfs.count) { i -> AllocationPlan? in
            defer { progress.advance() }
            let changed = AllocationModel(scenario: whatIfs[i].apply(to: scenario), mode: model.mode)
            return try? changed.solve(options: settings.reportingSolverOptions(for: model.mode),
                                      path: (try? settings.solvePath(for: scenario)) ?? settings.solvePath,
                                      decomposition: settings.decomposition, tieBreak: settings.tieBreak)
        }
        return PlanExplanation(model: model, plan: plan, whatIfs: Array(zip(whatIfs, plans)))
    }

    /// Runs `explain`: solve, explain, write the solve outputs and `explain.md`.
    public static func run(_ settings: RunSettings, output: OutputSettings) throws(WorkflowError) -> SolveWorkflow.Outcome {
        try SolveWorkflow.run(settings, output: output, explain: true)
    }
}

/// `ntm-alloc baseline`: the status-quo split with the same tables as `solve`.
public enum BaselineWorkflow {
    public struct Outcome: Sendable {
        public var baseline: StatusQuoBaseline
        public var files: [String]
        public var summary: String
    }

    public static func run(_ settings: RunSettings, output: OutputSettings) throws(WorkflowError) -> Outcome {
        let scenario = try settings.loadScenario()
        let model = AllocationModel(scenario: scenario)
        let baseline = StatusQuoBaseline(model: model)
        let folder = output.folder ?? "out/baseline-" + Slug.make(scenario.name)
        let outputSet = try OutputSet.opening(folder)
        let vi = output.language == .vi
        let rule = (vi ? "theo " : "by ") + BaselineSection.coefficientsName(of: scenario, language: output.language)
        let years = scenario.periodCount > 1 ? (vi ? " từng năm" : " year by year") : ""
        var section = vi ? "## Phương án hiện hành\n\nChia vốn chung\(years) \(rule), mỗi xã bố trí công trình theo giá trị/triệu giảm dần.\n"
                         : "## Status quo\n\nPooled money split\(years) \(rule); each commune funds its works by decreasing value per million.\n"
        if baseline.violatedRules.isEmpty {
            section += vi ? "\nĐáp ứng mọi quy định của kịch bản.\n" : "\nIt meets every rule of the scenario.\n"
        } else {
            section += (vi ? "\nKhông đáp ứng (đây không phải một phương án khả thi): " : "\nRules not met (so this is not a feasible plan): ")
                + baseline.breaches.map { BaselineSection.describe($0, language: output.language) }.joined(separator: "; ") + ".\n"
        }
        let extras: SummaryJSON.Extras = [
            "baseline": true,
            "rules_not_met": Dictionary(uniqueKeysWithValues: baseline.violatedRules.map { ($0.key.identifier, $0.value) }),
        ]
        let files: [String]
        do {
            try ReportWriter.write(baseline.plan, to: outputSet, formats: output.formats, language: output.language,
                                   summaryExtras: extras, extraSections: [section])
            files = try outputSet.commit()
        } catch {
            throw .write(error)
        }
        return Outcome(baseline: baseline, files: files,
                       summary: TerminalSummary.render(baseline.plan, language: output.language) + "\n" + section)
    }
}
