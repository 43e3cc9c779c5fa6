import Foundation
import Allocation
import LinearProgramming
import Reports

/// `ntm-alloc solve`: load, build, solve, compare with the status quo, write the tables and
/// reports; when the scenario is infeasible, diagnose which rules to relax.
public enum SolveWorkflow {
    /// The result of a solve run: the plan, the files written and the terminal summary.
    public struct Outcome: Sendable {
        public var plan: AllocationPlan
        public var baseline: StatusQuoBaseline?
        public var diagnosis: InfeasibilityDiagnosis?
        public var explanation: PlanExplanation?
        /// `explain --commune CODE`: that commune's explanation (nil otherwise).
        public var communeExplanation: CommuneExplanation? = nil
        /// The figures every renderer of the run took.
        public var report: PlanReport
        public var files: [String]
        public var summary: String
        /// 0 when solved (optimal or a feasible solution within limits), 1 otherwise.
        public var exitCode: Int32 { plan.hasSolution ? 0 : 1 }
    }

    /// Builds and solves one scenario.
    public static func solve(_ scenario: Scenario, settings: RunSettings) throws(WorkflowError) -> AllocationPlan {
        try solve(scenario, settings: settings, seed: nil).plan
    }

    /// Builds and solves one scenario, starting a decomposed solve from `seed` (the columns of an
    /// earlier decomposition of the same communes, e.g. the previous point of a budget sweep);
    /// also returns this solve's columns (nil when it was not decomposed).
    static func solve(_ scenario: Scenario, settings: RunSettings,
                      seed: DecompositionColumns?) throws(WorkflowError) -> (plan: AllocationPlan, columns: DecompositionColumns?) {
        let model = AllocationModel(scenario: scenario)
        let path = try settings.solvePath(for: scenario)
        let options = settings.solverOptions(for: model.mode)
        var decomposition = settings.decomposition
        decomposition.seedColumns = seed
        do {
            var (plan, statistics) = try model.solveReporting(options: options, path: path, decomposition: decomposition,
                                                              tieBreak: settings.tieBreak)
            noteGapLimit(&plan, options: options)
            return (plan, statistics?.generatedColumns)
        } catch {
            throw .model(error)
        }
    }

    /// A duration in seconds.
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

    /// Records the MIP gap limit the plan was solved with: a MIP reported optimal is optimal within it.
    static func noteGapLimit(_ plan: inout AllocationPlan, options: SolverOptions) {
        if plan.mode == .mip { plan.mipGapLimit = options.relativeGap }
    }

    /// The path for a run that explains its plan: budget ranges come from the monolithic optimal
    /// basis (GLPK's ranging), which the decomposition does not have, so explanations stay
    /// monolithic up to this many communes unless `--solver decomposed` is asked for.
    public static let explainMonolithicUpTo = 2000

    /// Runs the whole command: nothing is written unless the scenario is valid.
    /// `commune`: explain that commune too (`explain --commune CODE`); an unknown code is a usage error.
    public static func run(_ settings: RunSettings, output: OutputSettings, explain: Bool = false,
                           commune: String? = nil) throws(WorkflowError) -> Outcome {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap(until now: ContinuousClock.Instant = clock.now) -> Double {
            let d = mark.duration(to: now)
            mark = now
            return seconds(d)
        }
        let progress = settings.progress
        progress?(.stage(.loadAndValidate))
        let scenario = try settings.loadScenario()
        let communeIndex = try ExplainWorkflow.communeIndex(commune, in: scenario)
        // Lock the output folder before the solve: a second run into it is refused at once.
        let folder = output.folder(for: scenario)
        let outputSet = try OutputSet.opening(folder)
        let loadSeconds = lap()
        progress?(.stage(.build))
        let model = AllocationModel(scenario: scenario)
        let buildSeconds = lap()
        let options = settings.solverOptions(for: model.mode)
        var path = try settings.solvePath(for: scenario)
        if explain && path == .automatic && scenario.communes.count <= explainMonolithicUpTo { path = .monolithic }
        progress?(.stage(.solve))
        var tieBreakObserver: (@Sendable () -> Void)?
        if let progress { tieBreakObserver = { progress(.stage(.tieBreak)) } }
        // The status quo needs only the model: it is computed on a thread of its own while stage 1
        // runs (whose masters leave a core idle), so the gain split's capped re-solve, which needs
        // stage 1's columns, can start as soon as stage 1 ends. `NTM_ALLOC_TRACE=1`: when each side
        // of the parallel parts ends.
        let trace = settings.decomposition.trace
        let (firstStage, statusQuo) = Parallel.alongside({ () -> Result<StagedSolve, LPError> in
            do throws(LPError) {
                return .success(try model.solveFirstStage(options: options, path: path, decomposition: settings.decomposition,
                                                          tieBreak: settings.tieBreak))
            } catch {
                return .failure(error)
            }
        }, { () -> (baseline: StatusQuoBaseline, seconds: Double) in
            let began = ContinuousClock.now
            let baseline = StatusQuoBaseline(model: model)
            let took = seconds(began.duration(to: .now))
            trace?(String(format: "status quo: baseline computed alongside stage 1 in %.3f s", took))
            return (baseline, took)
        })
        let staged: StagedSolve
        switch firstStage {
        case .success(let solved): staged = solved
        case .failure(let error): throw .model(error)
        }
        // The decomposition's columns: the re-solves below change only budgets (linking-row
        // bounds) and start from them (docs/decomposition.md, "Re-solves reuse the columns").
        let columns = staged.statistics?.generatedColumns, solvePath = path
        // The gain split's capped re-solve needs only the first stage: it runs on a thread of its
        // own while the tie-break stage chooses the reported plan.
        let statusQuoSide: @Sendable () -> (baseline: StatusQuoBaseline, capped: AllocationPlan?, seconds: Double)? = {
            guard staged.hasSolution else { return nil }
            let began = ContinuousClock.now
            // Only the capped optimum's value is used: no tie-break stage for it.
            var valueOnly = settings
            valueOnly.tieBreak = false
            // The capped re-solve shares what the search left of the budget: none left, no
            // re-solve (it could only stop at once; the report then says the gain is not split).
            let reportingDeadline = settings.reportingSolverOptions(for: model.mode).deadline
            let timeLeft = reportingDeadline.map { ContinuousClock.now < $0 } ?? true
            let capped = timeLeft ? ExplainWorkflow.resolve(StatusQuoGainSplit.cappedScenario(scenario, statusQuo: statusQuo.baseline.plan),
                                                            like: model, settings: valueOnly, path: solvePath, seed: columns) : nil
            let took = seconds(began.duration(to: .now))
            trace?(String(format: "status quo side: capped re-solve done at %.3f s", took))
            return (statusQuo.baseline, capped, statusQuo.seconds + took)
        }
        // The solve's time ends with the tie-break stage; the wait for the status quo side after
        // it counts as the status quo's.
        let stageBegan = clock.now
        var solveEnded = stageBegan
        var (plan, statusQuoResult) = Parallel.alongside({
            let plan = staged.plan(onTieBreak: tieBreakObserver)
            solveEnded = clock.now
            trace?(String(format: "tie-break stage ended at %.3f s (the status quo side began with it)",
                          seconds(stageBegan.duration(to: solveEnded))))
            return plan
        }, statusQuoSide)
        noteGapLimit(&plan, options: options)
        let solveSeconds = lap(until: solveEnded)

        var baseline: StatusQuoBaseline?
        var diagnosis: InfeasibilityDiagnosis?
        var explanation: PlanExplanation?
        var communeExplanation: CommuneExplanation?
        var gainSplit: StatusQuoGainSplit?
        if plan.hasSolution {
            progress?(.stage(.statusQuo))
            baseline = statusQuoResult?.baseline
            if let statusQuo = baseline?.plan {
                gainSplit = StatusQuoGainSplit(optimum: plan, statusQuo: statusQuo, capped: statusQuoResult?.capped)
            }
            if explain || communeIndex != nil {
                progress?(.stage(.explain))
                let whatIfs = ExplainWorkflow.whatIfs(model: model, plan: plan, settings: settings, seed: columns)
                explanation = PlanExplanation(model: model, plan: plan, whatIfs: whatIfs)
                if let c = communeIndex {
                    communeExplanation = ExplainWorkflow.explain(commune: c, model: model, plan: plan, whatIfs: whatIfs,
                                                                 settings: settings, seed: columns)
                }
            }
        } else if plan.status == .infeasible {
            progress?(.stage(.diagnose))
            var diagnosisProgress: (@Sendable (InfeasibilityDiagnosis.Progress) -> Void)?
            if let progress { diagnosisProgress = { step in progress(.diagnosis(step)) } }
            do {
                diagnosis = try InfeasibilityDiagnosis(model: model, options: settings.reportingSolverOptions(for: model.mode),
                                                       path: path, decomposition: settings.decomposition,
                                                       progress: diagnosisProgress)
            }
            catch { throw .model(error) }
        }
        let afterSolveSeconds = lap()
        // Where the time went (the file being written cannot hold its own write time).
        var report = PlanReport(
            plan: plan, baseline: baseline, diagnosis: diagnosis, explanation: explanation,
            timings: PlanReport.StageTimes(loadAndValidate: loadSeconds, build: buildSeconds, solve: solveSeconds,
                                           afterSolve: afterSolveSeconds,
                                           solvePath: plan.solvePath?.identifier ?? "monolithic"))
        report.timings?.statusQuoAlongside = statusQuoResult?.seconds
        report.baseline?.split = gainSplit
        let files: [String]
        progress?(.stage(.write))
        do {
            try ReportWriter.write(report, to: outputSet, formats: output.formats, language: output.language)
            if let text = ExplanationReport.render(report, language: output.language) { try outputSet.add("explain.md", text: text) }
            if let e = communeExplanation {
                try outputSet.add("explain-commune-\(Slug.make(scenario.communes[e.commune].code)).md",
                                  text: CommuneExplanationReport.render(e, plan: plan, language: output.language))
            }
            files = try outputSet.commit()
        } catch {
            throw .write(error)
        }
        let writeSeconds = lap()
        var summary = TerminalSummary.render(report, language: output.language)
        summary += TerminalSummary.solvePath(plan, language: output.language)
        summary += TerminalSummary.timings(load: loadSeconds, build: buildSeconds, solve: solveSeconds,
                                           afterSolve: afterSolveSeconds, write: writeSeconds,
                                           alongside: statusQuoResult?.seconds, language: output.language)
        summary += TerminalSummary.afterword(report, language: output.language)
        if let text = ExplanationReport.render(report, language: output.language) { summary += "\n" + text }
        if let e = communeExplanation { summary += "\n" + CommuneExplanationReport.render(e, plan: plan, language: output.language) }
        var outcome = Outcome(plan: plan, baseline: baseline, diagnosis: diagnosis, explanation: explanation, report: report,
                              files: files, summary: summary)
        outcome.communeExplanation = communeExplanation
        return outcome
    }
}

/// `ntm-alloc validate` and `ntm-alloc export-model`.
public enum ModelWorkflow {
    /// Loads and checks the scenario and builds its model; returns a one-paragraph description.
    public static func validate(_ settings: RunSettings) throws(WorkflowError) -> String {
        let scenario = try settings.loadScenario()
        let model = AllocationModel(scenario: scenario)
        do { try model.program.validate(forExport: true) } catch { throw .model(error) }
        return ValidationSummary.render(scenario, mode: model.mode, size: model.size)
    }

    /// Writes the exact model `solve` would hand to GLPK, as CPLEX LP and/or free MPS. Each file
    /// goes through an ``OutputSet`` of its folder (both files commit together when they share one).
    public static func export(_ settings: RunSettings, lpPath: String?, mpsPath: String?) throws(WorkflowError) -> [String] {
        guard lpPath != nil || mpsPath != nil else { throw .usage("give --lp FILE and/or --mps FILE") }
        let targets = [(lpPath, GLPKSolver.FileFormat.cplexLP), (mpsPath, .freeMPS)].compactMap { item in item.0.map { ($0, item.1) } }
        func split(_ path: String) -> (folder: String, name: String) {
            // By hand, not with NSString's path methods, which trapped on one-component paths on Linux.
            let folder = OutputSet.parentPath(of: path)
            let name = path.hasSuffix("/") ? "" : String(path.split(separator: "/", omittingEmptySubsequences: true).last ?? "")
            return (folder.isEmpty ? "." : folder, name)
        }
        if targets.count == 2, split(targets[0].0) == split(targets[1].0) { throw .usage("--lp and --mps name the same file") }
        for (path, _) in targets where path.hasSuffix("/") || split(path).name.isEmpty || split(path).name == "." || split(path).name == ".." {
            throw .usage("\(path): give a file name, not a folder")
        }
        let scenario = try settings.loadScenario()
        let model = AllocationModel(scenario: scenario)
        do { try model.program.validate(forExport: true) } catch { throw .model(error) }
        var sets: [(folder: String, set: OutputSet)] = []
        var written: [String] = []
        for (path, format) in targets {
            let (folder, name) = split(path)
            if !sets.contains(where: { $0.folder == folder }) { sets.append((folder, try OutputSet.opening(folder))) }
            let set = sets.first { $0.folder == folder }!.set
            let program = model.program
            do throws(AtomicFileWriter.WriteError) {
                try set.add(name, producedBy: { (staged: String) throws(AtomicFileWriter.WriteError) -> Void in
                    do throws(LPError) { try GLPKSolver.write(program, format: format, to: staged) } catch {
                        if case .writeFailed(path: _, reason: let reason) = error { throw AtomicFileWriter.WriteError(path: path, reason: reason) }
                        throw AtomicFileWriter.WriteError(path: path, reason: error.description)
                    }
                })
            } catch {
                throw .write(error)
            }
            written.append(path)
        }
        for (_, set) in sets {
            do { try set.commit() } catch { throw .write(error) }
        }
        return written
    }
}
