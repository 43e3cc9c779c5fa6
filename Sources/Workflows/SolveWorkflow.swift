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
        public var files: [String]
        public var summary: String
        /// 0 when solved (optimal or a feasible solution within limits), 1 otherwise.
        public var exitCode: Int32 { plan.hasSolution ? 0 : 1 }
    }

    /// Builds and solves one scenario.
    public static func solve(_ scenario: Scenario, settings: RunSettings) throws(WorkflowError) -> AllocationPlan {
        let model = AllocationModel(scenario: scenario)
        let path = try settings.solvePath(for: scenario)
        let options = settings.solverOptions(for: model.mode)
        do {
            var plan = try model.solve(options: options, path: path, decomposition: settings.decomposition,
                                       tieBreak: settings.tieBreak)
            noteGapLimit(&plan, options: options)
            return plan
        } catch {
            throw .model(error)
        }
    }

    /// Records the MIP gap limit the plan was solved with: a MIP reported optimal is optimal within it.
    static func noteGapLimit(_ plan: inout AllocationPlan, options: SolverOptions) {
        if plan.mode == .mip { plan.mipGapLimit = options.relativeGap }
    }

    /// The path for a run that explains its plan: budget ranges come from the monolithic optimal
    /// basis (GLPK's ranging), which the decomposition does not have, so explanations stay
    /// monolithic up to this many communes unless `--solver decomposed` is asked for.
    public static let explainMonolithicUpTo = 2000

    /// Runs the whole command: nothing is written unless the scenario is valid.
    public static func run(_ settings: RunSettings, output: OutputSettings, explain: Bool = false) throws(WorkflowError) -> Outcome {
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now, d = mark.duration(to: now)
            mark = now
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let scenario = try settings.loadScenario()
        // Lock the output folder before the solve: a second run into it is refused at once.
        let folder = output.folder(for: scenario)
        let outputSet = try OutputSet.opening(folder)
        let loadSeconds = lap()
        let model = AllocationModel(scenario: scenario)
        let buildSeconds = lap()
        let options = settings.solverOptions(for: model.mode)
        var path = try settings.solvePath(for: scenario)
        if explain && path == .automatic && scenario.communes.count <= explainMonolithicUpTo { path = .monolithic }
        var plan: AllocationPlan
        do {
            plan = try model.solve(options: options, path: path, decomposition: settings.decomposition, tieBreak: settings.tieBreak)
        } catch { throw .model(error) }
        noteGapLimit(&plan, options: options)
        let solveSeconds = lap()

        var extras: SummaryJSON.Extras = [:]
        var sections: [String] = []
        var baseline: StatusQuoBaseline?
        var diagnosis: InfeasibilityDiagnosis?
        var explanation: PlanExplanation?
        if plan.hasSolution {
            let statusQuo = StatusQuoBaseline(model: model)
            baseline = statusQuo
            extras["baseline_objective"] = statusQuo.plan.objective ?? 0
            extras["gain_over_baseline"] = (plan.objective ?? 0) - (statusQuo.plan.objective ?? 0)
            extras["baseline_works_fully_funded"] = statusQuo.plan.totals.worksFullyFunded
            extras["baseline_target_communes_reaching_standard"] = statusQuo.plan.totals.targetCommunesReachingStandard
            extras["baseline_total_funded"] = statusQuo.plan.totals.funded
            // model.md §6: a baseline that breaks a rule is not a feasible plan; say which and by how much.
            extras["baseline_breaks_rules"] = statusQuo.breaches.map { b -> [String: Any] in
                ["rule": b.family.identifier, "key": b.family.scenarioKey, "rows": b.rows,
                 "shortfall": b.shortfall, "largest_shortfall": b.largestShortfall,
                 "achieved": b.achieved.map { $0 as Any } ?? NSNull(), "required": b.required.map { $0 as Any } ?? NSNull()]
            }
            sections.append(BaselineSection.render(optimum: plan, baseline: statusQuo, language: output.language))
            if explain {
                explanation = ExplainWorkflow.explain(model: model, plan: plan, settings: settings)
            }
        } else if plan.status == .infeasible {
            do { diagnosis = try InfeasibilityDiagnosis(model: model, options: settings.reportingSolverOptions(for: model.mode)) }
            catch { throw .model(error) }
            sections.append(DiagnosisReport.render(diagnosis!, scenario: scenario, language: output.language))
            extras["infeasibility"] = diagnosis!.relaxations.map { r -> [String: Any] in
                // sufficient_alone is null when that relaxation could not be tested (never a guess).
                ["key": r.key, "current": r.current.map { $0 as Any } ?? NSNull(), "needed": r.needed.map { $0 as Any } ?? NSNull(),
                 "sufficient_alone": r.sufficient.map { $0 as Any } ?? NSNull(),
                 "communes": r.parameter == nil ? r.items.map { item -> [String: Any] in
                     ["commune": item.label, "extra_capacity_needed": item.amount.map { $0 as Any } ?? NSNull()]
                 } as Any : NSNull()]
            }
            if diagnosis!.stoppedByTimeLimit { extras["infeasibility_stopped_by_time_limit"] = true }
        }
        let afterSolveSeconds = lap()
        // Where the time went (the file being written cannot hold its own write time).
        // Which of the optimal plans this is (docs/model.md, "One plan per scenario").
        switch plan.tieBreak {
        case .applied?: extras["tie_break"] = "applied"
        case .notApplied(let reason)?: extras["tie_break"] = "not applied: \(reason)"
        case nil: break
        }
        // Which path solved it, and why the monolithic one when decomposing was asked for or possible.
        extras["solve_path"] = plan.solvePath?.identifier ?? "monolithic"
        extras["decomposition_fallback"] = plan.solvePath?.fallback.map { ["reason": $0.identifier, "detail": $0.description] as Any } ?? NSNull()
        extras["timings"] = ["load_and_validate": loadSeconds, "build": buildSeconds, "solve": solveSeconds,
                             "baseline_explain_diagnose": afterSolveSeconds,
                             "solve_path": plan.solvePath?.identifier ?? "monolithic"] as [String: Any]
        let files: [String]
        do {
            try ReportWriter.write(plan, to: outputSet, formats: output.formats, language: output.language,
                                   summaryExtras: extras, extraSections: sections)
            if let explanation {
                try outputSet.add("explain.md", text: ExplanationReport.render(explanation, plan: plan, language: output.language))
            }
            files = try outputSet.commit()
        } catch {
            throw .write(error)
        }
        let writeSeconds = lap()
        var summary = TerminalSummary.render(plan, language: output.language)
        summary += TerminalSummary.solvePath(plan, language: output.language)
        summary += TerminalSummary.timings(load: loadSeconds, build: buildSeconds, solve: solveSeconds,
                                           afterSolve: afterSolveSeconds, write: writeSeconds, language: output.language)
        if let baseline {
            let gain = BaselineSection.signed((plan.objective ?? 0) - (baseline.plan.objective ?? 0), decimals: 1, language: output.language)
            summary += output.language == .vi
                ? "\nSo với cách phân bổ hiện hành: giá trị \(gain), công trình đủ vốn \(baseline.plan.totals.worksFullyFunded) → \(plan.totals.worksFullyFunded), xã đạt chuẩn \(baseline.plan.totals.targetCommunesReachingStandard) → \(plan.totals.targetCommunesReachingStandard)\n"
                : "\nAgainst the status quo: value \(gain), works fully funded \(baseline.plan.totals.worksFullyFunded) → \(plan.totals.worksFullyFunded), target communes reaching the standard \(baseline.plan.totals.targetCommunesReachingStandard) → \(plan.totals.targetCommunesReachingStandard)\n"
            if baseline.breaksRules { summary += BaselineSection.warning(baseline, language: output.language) + "\n" }
        }
        if !plan.hasSolution {
            summary += "\n" + (output.language == .vi ? "Không giải được: " : "No solution: ") + plan.termination.description + "\n"
            if let diagnosis { summary += "\n" + DiagnosisReport.render(diagnosis, scenario: scenario, language: output.language) }
        }
        if let explanation {
            summary += "\n" + ExplanationReport.render(explanation, plan: plan, language: output.language)
        }
        return Outcome(plan: plan, baseline: baseline, diagnosis: diagnosis, explanation: explanation, files: files, summary: summary)
    }
}

/// `ntm-alloc validate` and `ntm-alloc export-model`.
public enum ModelWorkflow {
    /// Loads and checks the scenario and builds its model; returns a one-paragraph description.
    public static func validate(_ settings: RunSettings) throws(WorkflowError) -> String {
        let scenario = try settings.loadScenario()
        let model = AllocationModel(scenario: scenario)
        do { try model.program.validate(forExport: true) } catch { throw .model(error) }
        let size = model.size
        return """
        \(scenario.name): OK
          \(scenario.communes.count) communes, \(scenario.works.count) works, \(scenario.sources.count) sources, weights "\(scenario.weights.name)", mode \(model.mode.rawValue)
          model: \(size.rows) rows × \(size.columns) columns, \(size.nonZeros) non-zeros, \(size.integers) integer columns

        """
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
