import ArgumentParser
import Allocation
import Reports
import Workflows
import LinearProgramming
import Foundation

extension SolveMode: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension SolverOptions.Method: ExpressibleByArgument {}
extension SolverOptions.InitialBasis: ExpressibleByArgument {}
extension SolvePath: ExpressibleByArgument {}
extension ProgressMode: ExpressibleByArgument {}

/// The scenario and how to vary it for this run (shared by every planner command).
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario YAML file.")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a scalar of the scenario (repeatable).",
        discussion: "e.g. --set sources.ntm-central.budget=800000 --set rules.priority_share_min=0.7 --set weights.border=2",
        valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Use this weights profile instead of the scenario's.", valueName: "file"))
    var weights: String?

    @Option(help: "lp (linear program) or mip (whole works, reaching the standard as 0/1).")
    var mode: SolveMode?

    func validate() throws {
        for text in overrides where !text.contains("=") {
            throw ValidationError("--set expects key=value, got '\(text)'")
        }
    }

    var settings: RunSettings {
        RunSettings(scenarioPath: scenario, overrides: overrides, weightsPath: weights, mode: mode)
    }
}

/// How to solve: only the commands that solve (solve, explain, sweep) take these, so no command
/// lists an option it ignores.
struct SolverChoiceOptions: ParsableArguments {
    // `.unconditional`: `--time-limit -1` reads -1 (then refused as a bad value) instead of
    // "missing value"; the same for --mip-gap.
    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: ArgumentHelp(
        "Time budget of the whole command in seconds (MIP default: 60).",
        discussion: "The search gets what loading and building leave; the follow-up work (fixed-LP duals, diagnosis, explanation, write) ends within max(10%, 1 s) after.",
        valueName: "seconds"))
    var timeLimit: Double?

    @Option(name: .customLong("lp-method"), help: ArgumentHelp(
        "LP algorithm of the monolithic path: primal, dual (simplex) or interior (default primal).",
        discussion: "Asking for one solves monolithically; refused with --solver decomposed, and interior with --mode mip."))
    var lpMethod: SolverOptions.Method?

    @Option(name: .customLong("solver"), help: ArgumentHelp(
        "Solver path: monolithic, decomposed (Dantzig–Wolfe over communes; with --mode mip the decomposed MIP) or automatic (by size, LPs only; default).",
        valueName: "path"))
    var solver: SolvePath = .automatic

    @Option(name: .customLong("basis"), help: ArgumentHelp("Simplex starting basis: std, adv or bib.", visibility: .hidden))
    var basis: SolverOptions.InitialBasis = .advanced

    @Flag(name: .customLong("no-scaling"), help: ArgumentHelp("Do not scale the LP before solving.", visibility: .hidden))
    var noScaling = false

    @Flag(name: .customLong("no-tie-break"), help: ArgumentHelp(
        "Report the solver's own optimal plan instead of the canonical one (to measure the tie-break stage).",
        visibility: .hidden))
    var noTieBreak = false

    @Option(name: .customLong("mip-gap"), parsing: .unconditional, help: ArgumentHelp("MIP: stop when the relative gap is at most this (default 0.0001).", valueName: "gap"))
    var mipGap: Double?

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        if let mipGap, !(mipGap >= 0 && mipGap < 1) { throw ValidationError("--mip-gap must be in [0, 1)") }
    }

    /// `settings` with these choices.
    func applied(to settings: RunSettings) -> RunSettings {
        var settings = settings
        settings.timeLimit = timeLimit
        settings.mipGap = mipGap ?? 1e-4
        settings.mipGapGiven = mipGap != nil
        settings.lpMethod = lpMethod
        settings.initialBasis = basis
        settings.solvePath = solver
        settings.scaling = !noScaling
        settings.tieBreak = !noTieBreak
        return settings
    }
}

/// Where and in which language outputs are written.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output folder (default: ./out/<scenario-name>).", valueName: "dir"))
    var out: String?

    @Option(help: "Language of the human-readable output: vi or en (default vi, or NTM_ALLOC_LANG); --lang vi also puts errors in Vietnamese.")
    var lang: ReportLanguage = MessageLanguage.environment ?? .vi

    /// Prints the list of files a command wrote, in the output language.
    func printWritten(_ files: [String]) {
        print((lang == .vi ? "Đã ghi: " : "Written: ") + files.joined(separator: ", "))
    }

    func settings(formats: Set<ExportFormat>) -> OutputSettings {
        OutputSettings(folder: out, formats: formats, language: lang)
    }
}

/// `--progress`: the progress line of the commands that run long (solve, explain, sweep, compare).
struct ProgressOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Progress line on standard error: auto (only when it is a terminal; default), always or never.",
        valueName: "when"))
    var progress: ProgressMode = .auto

    /// The progress line of this run on standard error in `language`, or nil when it is not
    /// shown; `settings` then carry its receiver. Call ``ProgressDisplay/finish()`` before the results.
    func display(for settings: inout RunSettings, language: ReportLanguage) -> ProgressDisplay? {
        let display = ProgressDisplay.standardError(mode: progress, language: language, start: settings.startedAt)
        settings.progress = display?.receiver
        return display
    }
}

/// Parses a comma-separated `--format` list against the names a command accepts.
func parseFormats<F: RawRepresentable & CaseIterable & Hashable>(_ text: String, as type: F.Type) throws -> Set<F> where F.RawValue == String {
    var result = Set<F>()
    let names = F.allCases.map(\.rawValue).joined(separator: ", ")
    for part in text.split(separator: ",") {
        let name = part.trimmingCharacters(in: .whitespaces).lowercased()
        guard let format = F(rawValue: name) else { throw ValidationError("unknown format '\(name)' (use \(names))") }
        result.insert(format)
    }
    if result.isEmpty { throw ValidationError("--format needs at least one of \(names)") }
    return result
}

/// The files of a plan (solve, explain, baseline): csv tables, summary.json, report.md,
/// report.html, plan.xlsx; every format unless `--format` names some.
struct ReportFormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Comma-separated formats among \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: all).",
                               valueName: "formats"))
    var format: String = ExportFormat.allCases.map(\.rawValue).joined(separator: ",")

    func validate() throws { _ = try formats() }

    func formats() throws -> Set<ExportFormat> { try parseFormats(format, as: ExportFormat.self) }

    var set: Set<ExportFormat> { (try? formats()) ?? Set(ExportFormat.allCases) }
}

/// Prints a workflow error to standard error (in Vietnamese framing with `--lang vi` or
/// `NTM_ALLOC_LANG=vi`) and exits with its code.
func fail(_ error: WorkflowError) -> ExitCode {
    printError(error.text(vietnamese: MessageLanguage.isVietnamese))
    return ExitCode(error.exitCode)
}

func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
}
