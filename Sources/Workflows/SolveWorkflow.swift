import Foundation
import Allocation
import LinearProgramming
import Reports

/// `ntm-alloc solve`: load, build, solve, write the tables and reports.
public enum SolveWorkflow {
    /// The result of a solve run: the plan, the files written and the terminal summary.
    public struct Outcome: Sendable {
        public var plan: AllocationPlan
        public var files: [String]
        public var summary: String
        /// 0 when solved (optimal or a feasible solution within limits), 1 otherwise.
        public var exitCode: Int32 { plan.hasSolution ? 0 : 1 }
    }

    /// Builds and solves one scenario.
    public static func solve(_ scenario: Scenario, settings: RunSettings) throws(WorkflowError) -> AllocationPlan {
        let model = AllocationModel(scenario: scenario)
        do {
            return try model.solve(options: settings.solverOptions(for: model.mode))
        } catch {
            throw .model(error)
        }
    }

    /// Runs the whole command: nothing is written unless the scenario is valid.
    public static func run(_ settings: RunSettings, output: OutputSettings) throws(WorkflowError) -> Outcome {
        let scenario = try settings.loadScenario()
        let plan = try solve(scenario, settings: settings)
        let folder = output.folder(for: scenario)
        let files: [String]
        do {
            files = try ReportWriter.write(plan, to: folder, formats: output.formats, language: output.language)
        } catch {
            throw .write(error)
        }
        var summary = TerminalSummary.render(plan, language: output.language)
        if !plan.hasSolution {
            summary += "\n" + (output.language == .vi ? "Không giải được: " : "No solution: ") + plan.termination.description + "\n"
        }
        return Outcome(plan: plan, files: files, summary: summary)
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

    /// Writes the exact model `solve` would hand to GLPK, as CPLEX LP and/or free MPS.
    public static func export(_ settings: RunSettings, lpPath: String?, mpsPath: String?) throws(WorkflowError) -> [String] {
        guard lpPath != nil || mpsPath != nil else { throw .usage("give --lp FILE and/or --mps FILE") }
        let scenario = try settings.loadScenario()
        let model = AllocationModel(scenario: scenario)
        var written: [String] = []
        do {
            if let lpPath { try GLPKSolver.write(model.program, format: .cplexLP, to: lpPath); written.append(lpPath) }
            if let mpsPath { try GLPKSolver.write(model.program, format: .freeMPS, to: mpsPath); written.append(mpsPath) }
        } catch {
            throw .model(error)
        }
        return written
    }
}
