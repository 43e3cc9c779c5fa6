import Allocation
import LinearProgramming
import Reports

/// `ntm-alloc explain` (and `solve --explain`): the plan plus the re-solves that explain it.
public enum ExplainWorkflow {
    /// Solves the what-ifs of `plan` in parallel and assembles the explanation. `seed`: the
    /// columns of the decomposition that solved `plan` (see ``resolve(_:like:settings:path:seed:)``).
    public static func explain(model: AllocationModel, plan: AllocationPlan, settings: RunSettings,
                               seed: DecompositionColumns? = nil) -> PlanExplanation {
        PlanExplanation(model: model, plan: plan, whatIfs: whatIfs(model: model, plan: plan, settings: settings, seed: seed))
    }

    /// The plan-wide what-ifs of `plan`, re-solved in parallel (nil where a re-solve failed), each
    /// decomposed re-solve starting from `seed` (the columns of the decomposition that solved `plan`).
    public static func whatIfs(model: AllocationModel, plan: AllocationPlan, settings: RunSettings,
                               seed: DecompositionColumns? = nil) -> [(WhatIf, AllocationPlan?)] {
        let whatIfs = PlanExplanation.whatIfs(for: plan)
        // What-ifs solve in parallel: their own solver progress would interleave, so only the count is shown.
        let progress = ProgressCounter(total: whatIfs.count, report: settings.progress) { .explainWhatIfs(done: $0, count: $1) }
        let settings = { var quiet = settings; quiet.progress = nil; return quiet }()
        let plans = Parallel.map(whatIfs.count) { i -> AllocationPlan? in
            defer { progress.advance() }
            return resolve(whatIfs[i].apply(to: model.scenario), like: model, settings: settings, seed: seed)
        }
        return Array(zip(whatIfs, plans))
    }

    /// `scenario` solved as the explained plan was (same mode, path and tie-break); nil on failure.
    /// `path`: the path to take (default: the settings' path for the model's scenario). `seed`:
    /// the columns of the decomposition that solved `model`; a decomposed re-solve starts from
    /// them (a budget what-if changes only linking-row bounds, so they all stay valid; the
    /// decomposition checks them, so any other change only makes some useless).
    static func resolve(_ scenario: Scenario, like model: AllocationModel, settings: RunSettings,
                        path: SolvePath? = nil, seed: DecompositionColumns? = nil) -> AllocationPlan? {
        // A re-solve draws no progress of its own: the caller shows its stage or a count.
        var settings = settings
        settings.progress = nil
        var decomposition = settings.decomposition
        decomposition.seedColumns = seed
        decomposition.handsBackColumns = false   // only the plan is returned
        // Budgets alone changed (the gain split, a budget what-if): the model is adjusted, not rebuilt.
        let changed = model.withPooledBudgets(of: scenario) ?? AllocationModel(scenario: scenario, mode: model.mode)
        return try? changed.solve(options: settings.reportingSolverOptions(for: model.mode),
                                  path: path ?? (try? settings.solvePath(for: model.scenario)) ?? settings.solvePath,
                                  decomposition: decomposition, tieBreak: settings.tieBreak)
    }

    /// The index of the commune `code` names (nil when `code` is nil); an unknown code is a
    /// usage error naming it (exit 2).
    public static func communeIndex(_ code: String?, in scenario: Scenario) throws(WorkflowError) -> Int? {
        guard let code else { return nil }
        guard let c = CommuneExplanation.commune(code: code, in: scenario) else {
            throw .usage("--commune \(code): no commune has this code in scenario \(scenario.name) "
                         + "(\(scenario.communes.count) communes; codes are as written in communes.csv, e.g. \(scenario.communes.first?.code ?? "–"))")
        }
        return c
    }

    /// Explains commune `c`: re-solves its value lever (from `seed`, the columns that solved
    /// `plan`, when decomposed) and reads the plan-wide re-solves.
    public static func explain(commune c: Int, model: AllocationModel, plan: AllocationPlan,
                               whatIfs: [(WhatIf, AllocationPlan?)], settings: RunSettings,
                               seed: DecompositionColumns? = nil) -> CommuneExplanation {
        let value = CommuneExplanation.valueWhatIf(for: c, model: model, plan: plan).map { lever in
            (work: lever.work, from: lever.from, to: lever.to,
             plan: resolve(CommuneExplanation.settingBenefit(lever.to, of: lever.work, in: model.scenario), like: model,
                           settings: settings, seed: seed))
        }
        return CommuneExplanation(commune: c, model: model, plan: plan, valueResolve: value, whatIfs: whatIfs)
    }

    /// Runs `explain`: solve, explain, write the solve outputs and `explain.md`.
    /// `commune`: also explain that commune (`--commune CODE`).
    public static func run(_ settings: RunSettings, output: OutputSettings, commune: String? = nil) throws(WorkflowError) -> SolveWorkflow.Outcome {
        try SolveWorkflow.run(settings, output: output, explain: true, commune: commune)
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
