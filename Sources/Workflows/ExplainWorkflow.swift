import Allocation
import LinearProgramming
import Reports

/// `ntm-alloc explain` (and `solve --explain`): the plan plus the re-solves that explain it.
public enum ExplainWorkflow {
    /// Solves the what-ifs of `plan` in parallel and assembles the explanation.
    public static func explain(model: AllocationModel, plan: AllocationPlan, settings: RunSettings) -> PlanExplanation {
        let whatIfs = PlanExplanation.whatIfs(for: plan)
        let scenario = model.scenario
        // What-ifs solve in parallel: their own solver progress would interleave, so only the count is shown.
        let progress = ProgressCounter(total: whatIfs.count, report: settings.progress) { .explainWhatIfs(done: $0, count: $1) }
        let settings = { var quiet = settings; quiet.progress = nil; return quiet }()
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
        let report = PlanReport(plan: baseline.plan, statusQuoRun: PlanReport.StatusQuoRun(baseline))
        let files: [String]
        do {
            try ReportWriter.write(report, to: outputSet, formats: output.formats, language: output.language)
            files = try outputSet.commit()
        } catch {
            throw .write(error)
        }
        return Outcome(baseline: baseline, files: files,
                       summary: TerminalSummary.render(report, language: output.language) + "\n"
                           + BaselineSection.statusQuoRun(report.statusQuoRun!, scenario: report.scenario, language: output.language))
    }
}
