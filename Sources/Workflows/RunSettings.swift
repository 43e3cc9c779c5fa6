import Allocation
import Foundation
import LinearProgramming
import Reports
import ScenarioIO

/// What every planner command takes: the scenario and how to change it for this run.
public struct RunSettings: Sendable {
    /// Path of the scenario YAML file.
    public var scenarioPath: String
    /// `--set key=value` overrides, as typed.
    public var overrides: [String]
    /// `--weights FILE`: a weights profile replacing the scenario's.
    public var weightsPath: String?
    /// `--mode`: overrides the scenario's mode.
    public var mode: SolveMode?
    /// `--time-limit` in seconds (default: none for LP, ``defaultMIPTimeLimit`` for MIP): the
    /// budget of the whole command, counted from ``startedAt`` (see ``solverOptions(for:)``).
    public var timeLimit: Double?
    /// When the command started: the time budget is counted from here (set when the settings
    /// are made, which the command-line tool does first).
    public var startedAt: ContinuousClock.Instant = .now

    /// MIP: branch-and-cut stops once the relative gap between the best solution and the best
    /// bound is at most this (HiGHS's default, 0.01%); the gap reached is always reported.
    public var mipGap: Double = 1e-4
    /// Whether `--mip-gap` was given: it applies to MIP mode only, and is refused in LP mode
    /// rather than silently ignored.
    public var mipGapGiven = false

    /// The LP algorithm asked for with `--lp-method` (nil: primal simplex, measured faster than
    /// dual on the bundled scenario). It applies to the monolithic LP (and a MIP's simplex), so
    /// asking for one makes `automatic` solve monolithically; see ``solvePath(for:)``.
    public var lpMethod: SolverOptions.Method?
    /// Monolithic LP, Dantzig–Wolfe decomposition over communes, or chosen by size (default).
    public var solvePath: SolvePath = .automatic

    /// Decomposition settings: pricing threads = ``Parallel/threads`` (all cores, or
    /// `NTM_ALLOC_THREADS`).
    public var decomposition: DecompositionOptions {
        var options = DecompositionOptions()
        options.workers = Parallel.threads
        // A MIP is decomposed like an LP: by `--solver decomposed`, and by `automatic` from
        // ``DecompositionOptions/automaticThreshold`` commune-years on (docs/decomposition.md).
        options.decomposeMIP = solvePath != .monolithic
        if let progress { options.progress = { progress(.decomposition($0)) } }
        // `NTM_ALLOC_TRACE=1`: one line per pricing round on standard error (for profiling).
        if ProcessInfo.processInfo.environment["NTM_ALLOC_TRACE"] == "1" {
            options.trace = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        return options
    }

    /// Report the canonical plan of docs/model.md §9 (a second stage over the optimal plans);
    /// off only to measure what the stage costs (`--no-tie-break`, hidden).
    public var tieBreak = true

    /// Receives the run's progress (stages, branch-and-cut, decomposition rounds, diagnosis,
    /// sweep points) for a terminal display; nil: none (the default, and in every test that
    /// reads the outputs).
    public var progress: (@Sendable (ProgressEvent) -> Void)? = nil

    /// Simplex starting basis and scaling (for benchmarks and experiments).
    public var initialBasis: SolverOptions.InitialBasis = .advanced
    public var scaling = true

    /// Seconds a MIP may search when no time limit is given.
    public static let defaultMIPTimeLimit = 60.0

    public init(scenarioPath: String, overrides: [String] = [], weightsPath: String? = nil,
                mode: SolveMode? = nil, timeLimit: Double? = nil) {
        self.scenarioPath = scenarioPath
        self.overrides = overrides
        self.weightsPath = weightsPath
        self.mode = mode
        self.timeLimit = timeLimit
    }

    /// Loads and validates the scenario with the overrides and weights applied.
    public func loadScenario() throws(WorkflowError) -> Scenario {
        do {
            var parsed: [ScenarioOverride] = []
            for text in overrides { parsed.append(try ScenarioOverride(parsing: text)) }
            var scenario = try ScenarioLoader.load(scenarioPath, overrides: parsed, weightsPath: weightsPath)
            if let mode { scenario.mode = mode }
            return scenario
        } catch {
            throw .input(error)
        }
    }

    /// The time budget of a command in `mode`: `--time-limit`, or ``defaultMIPTimeLimit`` for a MIP.
    public func budget(for mode: SolveMode) -> Double? {
        timeLimit ?? (mode == .mip ? Self.defaultMIPTimeLimit : nil)
    }

    /// How far past its budget a command may end: max(10 % of the budget, 1 s).
    public static func allowance(for budget: Double) -> Double { max(0.1 * budget, 1) }


    /// The solve path for `scenario`, honouring `--lp-method`: the decomposition always solves
    /// its master and pricing problems with the primal simplex, so an LP method asked for makes
    /// `automatic` take the monolithic path, and is refused with `--solver decomposed` rather
    /// than silently ignored. A MIP's relaxations are solved by simplex: `interior` is refused.
    /// A MIP is decomposed by `--solver decomposed` and by `automatic` (``DecompositionOptions/decomposeMIP``);
    /// an LP method asked for makes `automatic` take the monolithic branch-and-cut, whose LPs it solves.
    public func solvePath(for scenario: Scenario) throws(WorkflowError) -> SolvePath {
        if scenario.mode == .lp && mipGapGiven {
            throw .usage("--mip-gap applies to --mode mip only: an LP is solved to optimality")
        }
        guard let lpMethod else { return solvePath }
        if scenario.mode == .mip && solvePath == .decomposed {
            throw .usage("--lp-method \(lpMethod.rawValue) applies to the monolithic MIP only: --solver decomposed always uses the primal simplex (drop --lp-method, or use --solver monolithic)")
        }
        if scenario.mode == .mip {
            if lpMethod == .interiorPoint {
                throw .usage("--lp-method interior does not apply to --mode mip: branch-and-cut solves its LPs by simplex (use primal or dual)")
            }
            return solvePath == .automatic ? .monolithic : solvePath
        }
        switch solvePath {
        case .decomposed:
            throw .usage("--lp-method \(lpMethod.rawValue) applies to the monolithic LP only: --solver decomposed always uses the primal simplex (drop --lp-method, or use --solver monolithic)")
        case .automatic, .monolithic:
            return .monolithic
        }
    }

    /// Solver options for `mode`: the chosen LP method (primal simplex by default), GLPK's scaling,
    /// for a MIP GLPK's cuts, and the time budget as deadlines: the search stops at
    /// ``startedAt`` + budget (so it gets what loading and building left); the follow-up solves
    /// (a MIP's fixed LP for duals) stop half the ``allowance(for:)`` later, which leaves the other
    /// half for the baseline, the reports and the write.
    public func solverOptions(for mode: SolveMode) -> SolverOptions {
        var options = SolverOptions()
        options.method = lpMethod ?? .primalSimplex
        options.initialBasis = initialBasis
        options.scaling = scaling
        if let budget = budget(for: mode) {
            options.deadline = startedAt + .seconds(budget)
            options.followUpDeadline = startedAt + .seconds(budget + Self.allowance(for: budget) / 2)
        }
        options.relativeGap = mode == .mip ? mipGap : 0
        if let progress { options.progress = { event in if case .branchAndCut(let p) = event { progress(.branchAndCut(p)) } } }
        return options
    }

    /// Solver options for the solves that report on a plan after the search (the infeasibility
    /// diagnosis, the what-ifs of `explain`): like ``solverOptions(for:)``, but their searches
    /// stop at the follow-up deadline — they share what the search left of the allowance.
    public func reportingSolverOptions(for mode: SolveMode) -> SolverOptions {
        var options = solverOptions(for: mode)
        if options.followUpDeadline != nil { options.deadline = options.followUpDeadline }
        options.progress = nil   // their many short searches are not the news; the stage is
        return options
    }
}

/// Where and how a command writes its files.
public struct OutputSettings: Sendable {
    /// `--out DIR`; nil means `./out/<scenario-slug>`.
    public var folder: String?
    public var formats: Set<ExportFormat>
    public var language: ReportLanguage

    public init(folder: String? = nil, formats: Set<ExportFormat> = Set(ExportFormat.allCases), language: ReportLanguage = .vi) {
        self.folder = folder
        self.formats = formats
        self.language = language
    }

    /// The output folder for a scenario: the one given, or `out/<slug of its name>`.
    public func folder(for scenario: Scenario) -> String {
        folder ?? "out/" + Slug.make(scenario.name)
    }
}

/// ASCII slugs of Vietnamese names, for folder names ("Lạng Sơn 2021–2025" → "lang-son-2021-2025").
public enum Slug {
    public static func make(_ text: String) -> String {
        var result = ""
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) {
                result.append(Character(scalar).lowercased())
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        while result.hasPrefix("-") { result.removeFirst() }
        return result.isEmpty ? "scenario" : result
    }
}

/// Why a planner command could not do its job, with the exit code the CLI uses.
public enum WorkflowError: Error, CustomStringConvertible, Sendable {
    /// Bad input: the scenario, a CSV, a weights file or an override (exit code 2).
    case input(ScenarioLoadError)
    /// Bad command-line usage detected by a workflow (exit code 2).
    case usage(String)
    /// The model could not be handed to GLPK (exit code 2: it comes from the data).
    case model(LPError)
    /// An output could not be written (exit code 3).
    case write(AtomicFileWriter.WriteError)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .usage(let message): message
        case .model(let error): "the model cannot be solved: \(error)"
        case .write(let error): error.description
        }
    }

    /// The process exit code for this error.
    public var exitCode: Int32 {
        switch self {
        case .input, .usage, .model: 2
        case .write: 3
        }
    }
}
