import ArgumentParser
import Workflows

/// `ntm-alloc solve SCENARIO`: the allocation, its tables and its report.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a scenario and write allocations.csv, communes.csv, sources.csv, summary.json and report.md.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var solver: SolverChoiceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var progressOptions: ProgressOptions
    @OptionGroup var format: ReportFormatOptions

    @Flag(help: "Also explain the plan (shadow prices, binding rules, unfunded required works) in explain.md.")
    var explain = false

    func run() throws {
        let outcome: SolveWorkflow.Outcome
        var settings = solver.applied(to: scenario.settings)
        let display = progressOptions.display(for: &settings, language: output.lang)
        do {
            defer { display?.finish() }
            outcome = try SolveWorkflow.run(settings, output: output.settings(formats: format.set), explain: explain)
        } catch {
            throw fail(error)
        }
        print(outcome.summary, terminator: "")
        output.printWritten(outcome.files)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

/// `ntm-alloc validate SCENARIO`: check the input without solving.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario (files, columns, values, rules) and build its model without solving.")

    @OptionGroup var scenario: ScenarioOptions

    func run() throws {
        do {
            print(try ModelWorkflow.validate(scenario.settings), terminator: "")
        } catch {
            throw fail(error)
        }
    }
}

/// `ntm-alloc export-model SCENARIO --lp FILE | --mps FILE`: the exact model `solve` solves.
struct ExportModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-model",
        abstract: "Write the model that solve hands to GLPK as CPLEX LP and/or free MPS (for glpsol or any solver).")

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: ArgumentHelp("Write CPLEX LP to this file.", valueName: "file"))
    var lp: String?

    @Option(help: ArgumentHelp("Write free MPS to this file.", valueName: "file"))
    var mps: String?

    func validate() throws {
        if lp == nil && mps == nil { throw ValidationError("give --lp FILE and/or --mps FILE") }
    }

    func run() throws {
        do {
            for path in try ModelWorkflow.export(scenario.settings, lpPath: lp, mpsPath: mps) { print(path) }
        } catch {
            throw fail(error)
        }
    }
}
