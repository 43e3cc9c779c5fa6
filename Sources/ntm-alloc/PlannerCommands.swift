import ArgumentParser
import Workflows
import Allocation
import Reports

/// `ntm-alloc compare`: several weightings, scenarios or variants side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve several weights profiles, scenarios or --variant sets side by side (in parallel).",
        discussion: """
        Examples:
          ntm-alloc compare scenario.yaml --weights weights/balanced.yaml weights/border-first.yaml
          ntm-alloc compare scenario.yaml --variant "tight:rules.priority_share_min=0.8" --variant "rich:sources.ntm-central.budget=1200000"
        Writes compare.csv, compare-communes.csv and compare.md.
        """)

    @Argument(help: "One or more scenario YAML files.")
    var scenarios: [String]

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Weights profiles to compare.", valueName: "file"))
    var weights: [String] = []

    @Option(help: ArgumentHelp("A named set of overrides: name:key=value[,key=value…] (repeatable).", valueName: "variant"))
    var variant: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Override applied to every variant (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "lp or mip.")
    var mode: SolveMode?

    @Option(name: .customLong("time-limit"), parsing: .unconditional,
            help: ArgumentHelp("Time budget of the whole compare in seconds; variants still searching at its end report their best plan.", valueName: "seconds"))
    var timeLimit: Double?

    @Option(name: .customLong("solver"), help: ArgumentHelp("LP solver path: monolithic, decomposed or automatic.", valueName: "path"))
    var solver: SolvePath = .automatic

    @OptionGroup var output: OutputOptions
    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: ArgumentHelp("Comma-separated among csv (compare.csv, compare-communes.csv), md (compare.md) and html (compare.html).", valueName: "formats"))
    var format: String = "csv,md,html"

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        _ = try parseFormats(format, as: CompareFormat.self)
    }

    /// The formats compare can write.
    enum CompareFormat: String, CaseIterable { case csv, md, html }

    func run() throws {
        let formats = Set(try parseFormats(format, as: CompareFormat.self).compactMap { ExportFormat(rawValue: $0.rawValue) })
        let outcome: CompareWorkflow.Outcome
        var display: ProgressDisplay?
        do {
            var base = RunSettings(scenarioPath: scenarios[0], overrides: overrides, mode: mode, timeLimit: timeLimit)
            base.solvePath = solver
            display = progressOptions.display(for: &base, language: output.lang)
            defer { display?.finish() }
            let variants = try CompareWorkflow.variants(scenarios: scenarios, weights: weights, namedOverrides: variant, base: base)
            outcome = try CompareWorkflow.run(variants, output: output.settings(formats: formats))
        } catch {
            throw fail(error)
        }
        print(outcome.table, terminator: "")
        output.printWritten(outcome.files)
    }
}

/// `ntm-alloc sweep`: what each budget level (or rule value) buys.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Solve at several budget levels (or rule values) and chart value against budget.",
        discussion: """
        Examples:
          ntm-alloc sweep scenario.yaml --source ntm-central --from 0.5 --to 1.5 --steps 11
          ntm-alloc sweep scenario.yaml --all-state --from 0.8 --to 1.2 --steps 5
          ntm-alloc sweep scenario.yaml --rule rules.priority_share_min --from 0.5 --to 0.9 --steps 5
        --from/--to are factors of the scenario's budget for --source and --all-state, values for --rule.
        Writes sweep.csv, sweep.svg and sweep.html (and sweep.md with --format md).
        """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var solver: SolverChoiceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: ArgumentHelp("Comma-separated among csv (sweep.csv), svg (sweep.svg, the chart), md (sweep.md, the table) and html (sweep.html, chart and table).",
                               valueName: "formats"))
    var format: String = "csv,svg,html"

    @Option(help: ArgumentHelp("A pooled source whose budget to sweep.", valueName: "id"))
    var source: String?

    @Flag(name: .customLong("all-state"), help: "Scale every pooled state source together.")
    var allState = false

    @Option(help: ArgumentHelp("A rule to sweep, e.g. rules.priority_share_min.", valueName: "key"))
    var rule: String?

    @Option(parsing: .unconditional, help: "First level (factor of the budget, or rule value).")
    var from: Double

    @Option(parsing: .unconditional, help: "Last level.")
    var to: Double

    @Option(parsing: .unconditional, help: "Number of points.")
    var steps: Int = 11

    @Flag(name: .customLong("cold"), help: "Solve every point from scratch (default: budget sweeps warm-start each point from the previous basis).")
    var cold = false

    func validate() throws {
        let chosen = [source != nil, allState, rule != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose exactly one of --source ID, --all-state, --rule KEY") }
        if steps < 1 || steps > 1000 { throw ValidationError("--steps must be between 1 and 1000") }
        _ = try parseFormats(format, as: SweepWorkflow.Format.self)
    }

    func run() throws {
        let target: SweepWorkflow.Target = source.map { .source($0) } ?? rule.map { .rule($0) } ?? .allState
        let outcome: SweepWorkflow.Outcome
        var settings = solver.applied(to: scenario.settings)
        let display = progressOptions.display(for: &settings, language: output.lang)
        do {
            defer { display?.finish() }
            let formats = (try? parseFormats(format, as: SweepWorkflow.Format.self)) ?? [.csv, .svg, .html]
            outcome = try SweepWorkflow.run(settings, target: target, from: from, to: to, steps: steps,
                                            output: output.settings(formats: []), formats: formats, warmStart: !cold)
        } catch {
            throw fail(error)
        }
        print(outcome.table, terminator: "")
        output.printWritten(outcome.files)
    }
}

/// `ntm-alloc explain`: shadow prices, binding rules and unfunded required works, in plain words.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Solve, then explain: what one more billion of each source buys, which rules bind, why works are unfunded.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var solver: SolverChoiceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var progressOptions: ProgressOptions
    @OptionGroup var format: ReportFormatOptions
    @Option(help: "Also explain one commune (its code as in communes.csv): its works' value against each source's marginal value, the rules that bind it, what would change it.")
    var commune: String?

    func run() throws {
        let outcome: SolveWorkflow.Outcome
        var settings = solver.applied(to: scenario.settings)
        let display = progressOptions.display(for: &settings, language: output.lang)
        do {
            defer { display?.finish() }
            outcome = try ExplainWorkflow.run(settings, output: output.settings(formats: format.set), commune: commune)
        } catch {
            throw fail(error)
        }
        print(outcome.summary, terminator: "")
        output.printWritten(outcome.files)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

/// `ntm-alloc baseline`: the status-quo split (Decision 07 coefficients + greedy).
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Compute the status-quo split (coefficients of Decision 07/2022/QĐ-TTg, then greedy) with the same tables as solve.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var format: ReportFormatOptions

    func run() throws {
        let outcome: BaselineWorkflow.Outcome
        do {
            outcome = try BaselineWorkflow.run(scenario.settings, output: output.settings(formats: format.set))
        } catch {
            throw fail(error)
        }
        print(outcome.summary, terminator: "")
        output.printWritten(outcome.files)
    }
}
