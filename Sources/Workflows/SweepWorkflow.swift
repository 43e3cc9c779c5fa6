import Foundation
import Allocation
import Reports
import LinearProgramming

/// `ntm-alloc sweep`: what each budget (or rule) level buys.
public enum SweepWorkflow {
    /// What a sweep varies.
    public enum Target: Sendable, Equatable {
        /// One pooled source's budget, by factor of the scenario's budget.
        case source(String)
        /// Every pooled state source's budget together, by factor.
        case allState
        /// A rule, by value (e.g. `rules.priority_share_min` from 0.5 to 0.9).
        case rule(String)
    }

    /// The files a sweep can write: `sweep.csv`, `sweep.svg` (the chart), `sweep.md` (the table),
    /// `sweep.html` (chart and table on one printable page).
    public enum Format: String, Sendable, CaseIterable {
        case csv, svg, md, html
    }

    public struct Outcome: Sendable {
        public var points: [SweepPoint]
        public var files: [String]
        public var table: String
        public var solveSeconds: Double
    }

    /// Budget sweeps: the points are split into one contiguous run per core; each run keeps one
    /// GLPK problem (a ``GLPKSession``) on its thread and only moves the budget rows between
    /// points, so every point after the first is a warm start from the previous optimal basis.
    static func warmSweep(scenario: Scenario, changes: [[(ScenarioParameter, Double)]], scenarios: [Scenario],
                          settings: RunSettings, progress: ProgressCounter) -> [Result<AllocationPlan, WorkflowError>] {
        let model = AllocationModel(scenario: scenario)
        var solverOptions = settings.solverOptions(for: .lp)
        solverOptions.sensitivity = .selected(constraints: model.budgetRows.values.sorted(), variables: [])
        let options = solverOptions
        let runs = max(1, min(Parallel.threads, changes.count))
        let bounds = (0...runs).map { $0 * changes.count / runs }
        let chunks = Parallel.map(runs) { r -> [Result<AllocationPlan, WorkflowError>] in
            var out: [Result<AllocationPlan, WorkflowError>] = []
            do throws(LPError) {
                let session = try GLPKSession(model.program, options: options)
                var program = model.program   // the session's program, for the tie-break stage
                for i in bounds[r]..<bounds[r + 1] {
                    for (parameter, value) in changes[i] {
                        if case .budget(let s) = parameter, let row = model.budgetRows[s] {
                            try session.setBounds(of: row, .lessOrEqual(value))
                            program.setBounds(of: row, .lessOrEqual(value))
                        }
                    }
                    // The first point is a cold solve with the chosen method; after a right-hand-side
                    // change the last basis stays dual feasible, so the dual simplex re-optimises it.
                    let result = session.solve(method: i == bounds[r] ? nil : .dualSimplex)
                    out.append(.success(settings.tieBreak
                        ? model.canonicalPlan(from: model.verified(result, scenario: scenarios[i]), program: program,
                                              scenario: scenarios[i], timeLimit: options.timeLimit,
                                              deadline: options.followUpDeadline ?? options.deadline)
                        : model.plan(from: model.verified(result, scenario: scenarios[i]), scenario: scenarios[i])))
                    progress.advance()
                }
            } catch {
                while out.count < bounds[r + 1] - bounds[r] { out.append(.failure(.model(error))) }
            }
            return out
        }
        return chunks.flatMap { $0 }
    }

    /// Decomposed sweeps: the points are split into one contiguous run per core, as in
    /// ``warmSweep(scenario:changes:scenarios:settings:progress:)``; within a run each point's
    /// decomposition starts from the previous point's columns (docs/decomposition.md, "Re-solves
    /// reuse the columns": a budget change moves only linking-row bounds, so every column stays
    /// valid; other changes are checked point by point and only make some columns useless).
    static func seededSweep(scenarios: [Scenario], settings: RunSettings,
                            progress: ProgressCounter) -> [Result<AllocationPlan, WorkflowError>] {
        let runs = max(1, min(Parallel.threads, scenarios.count))
        let bounds = (0...runs).map { $0 * scenarios.count / runs }
        let chunks = Parallel.map(runs) { r -> [Result<AllocationPlan, WorkflowError>] in
            var out: [Result<AllocationPlan, WorkflowError>] = []
            var seed: DecompositionColumns?
            for i in bounds[r]..<bounds[r + 1] {
                defer { progress.advance() }
                do throws(WorkflowError) {
                    let (plan, columns) = try SolveWorkflow.solve(scenarios[i], settings: settings, seed: seed)
                    if let columns { seed = columns }
                    out.append(.success(plan))
                } catch {
                    out.append(.failure(error))
                }
            }
            return out
        }
        return chunks.flatMap { $0 }
    }

    /// Largest scenario (communes) whose budget sweep `automatic` runs warm-started monolithic.
    public static let warmSweepUpTo = 500

    /// The points of a sweep: `steps` values evenly spaced from `from` to `to`.
    public static func values(from: Double, to: Double, steps: Int) -> [Double] {
        steps == 1 ? [from] : (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
    }

    public static func run(_ settings: RunSettings, target: Target, from: Double, to: Double, steps: Int,
                           output: OutputSettings, formats: Set<Format> = [.csv, .svg],
                           warmStart: Bool = true) throws(WorkflowError) -> Outcome {
        guard !formats.isEmpty else { throw .usage("--format needs at least one of csv, svg, md, html") }
        guard steps >= 1 && steps <= 1000 else { throw .usage("--steps must be between 1 and 1000") }
        guard from.isFinite && to.isFinite && from >= 0 && to >= 0 else { throw .usage("--from and --to must be numbers ≥ 0") }
        let scenario = try settings.loadScenario()
        let levels = values(from: from, to: to, steps: steps)

        // Which parameters each point changes, and the reported "budget" (or rule value).
        let changes: [[(ScenarioParameter, Double)]]
        let reported: [Double]
        let pricedSources: [Int]
        switch target {
        case .source(let id):
            guard let s = scenario.sources.firstIndex(where: { $0.id == id }) else {
                throw .usage("--source \(id): no such source (sources: \(scenario.sources.map(\.id).joined(separator: ", ")))")
            }
            guard let budget = scenario.sources[s].budget else { throw .usage("--source \(id) is local: only pooled budgets can be swept") }
            changes = levels.map { [(.budget(source: s), $0 * budget)] }
            reported = levels.map { $0 * budget }
            pricedSources = [s]
        case .allState:
            let state = scenario.sources.indices.filter { scenario.sources[$0].isPooled && scenario.sources[$0].kind.isState }
            guard !state.isEmpty else { throw .usage("--all-state: the scenario has no pooled state source") }
            changes = levels.map { f in state.map { (.budget(source: $0), f * scenario.sources[$0].budget!) } }
            reported = levels.map { f in state.reduce(0) { $0 + f * scenario.sources[$1].budget! } }
            pricedSources = state
        case .rule(let key):
            guard let parameter = ScenarioParameter(key: key, in: scenario) else {
                throw .usage("--rule \(key): not a rule that can be swept (e.g. rules.priority_share_min, rules.commune_floor, rules.max_state_share.other)")
            }
            if parameter.isBudget {} else if levels.contains(where: { $0 > 1 }) && parameter != .communeCap && parameter != .counterpartRatio {
                throw .usage("--rule \(key) is a share: --from and --to must lie in [0, 1]")
            }
            changes = levels.map { [(parameter, $0)] }
            reported = levels
            pricedSources = []
        }

        let folder = output.folder ?? "out/sweep-" + Slug.make(scenario.name)
        let outputSet = try OutputSet.opening(folder)
        let start = ContinuousClock.now
        // Points solve in parallel: their own solver progress would interleave, so only the count is shown.
        let progress = ProgressCounter(total: levels.count, report: settings.progress) { .sweepPoints(done: $0, count: $1) }
        let settings = { var quiet = settings; quiet.progress = nil; return quiet }()
        let changedScenarios = changes.map { change in
            change.reduce(scenario) { partial, item in item.0.setting(item.1, in: partial) }
        }
        let budgetsOnly = changes.allSatisfy { $0.allSatisfy { $0.0.isBudget } }
        let results: [Result<AllocationPlan, WorkflowError>]
        // Budget sweeps on the monolithic path keep one warm GLPK problem per core; on the
        // decomposed path each point is a decomposed solve, one run of points per core, each
        // point seeded with the previous one's columns. Measured on the bundled
        // scenario (181 communes, 11 points, one thread): warm monolithic 1.5 s, decomposed 2.1 s,
        // cold monolithic 7.4 s — so `automatic` keeps the warm monolithic sweep up to
        // `warmSweepUpTo` communes, where one cold monolithic solve is still cheap.
        let decomposed: Bool = switch try settings.solvePath(for: scenario) {
        case .monolithic: false
        case .decomposed: true
        case .automatic: scenario.communes.count > warmSweepUpTo
        }
        // A multi-year model has one budget row per period: its points are solved one by one.
        if warmStart && budgetsOnly && scenario.mode == .lp && !decomposed && scenario.periodCount == 1 {
            results = warmSweep(scenario: scenario, changes: changes, scenarios: changedScenarios, settings: settings, progress: progress)
        } else if decomposed && warmStart {
            results = seededSweep(scenarios: changedScenarios, settings: settings, progress: progress)
        } else {
            results = Parallel.map(levels.count) { i -> Result<AllocationPlan, WorkflowError> in
                defer { progress.advance() }
                do throws(WorkflowError) { return .success(try SolveWorkflow.solve(changedScenarios[i], settings: settings)) }
                catch { return .failure(error) }
            }
        }
        let elapsed = start.duration(to: .now)
        var points: [SweepPoint] = []
        for (i, result) in results.enumerated() {
            let plan: AllocationPlan
            switch result {
            case .success(let p): plan = p
            case .failure(let error): throw error
            }
            var price: Double? = nil
            if !pricedSources.isEmpty, plan.hasSolution {
                // The objective's derivative per million when every swept budget grows in proportion.
                var weighted = 0.0, total = 0.0
                for s in pricedSources {
                    let budget = plan.scenario.sources[s].budget ?? 0
                    weighted += budget * (plan.sources[s].shadowPrice ?? 0)
                    total += budget
                }
                price = total > 0 ? weighted / total : plan.sources[pricedSources[0]].shadowPrice
            }
            points.append(SweepPoint(level: levels[i], value: reported[i], plan: plan, shadowPrice: price))
        }
        if pricedSources.isEmpty {
            // Rule sweeps: the slope between neighbouring points stands in for a shadow price.
            for i in points.indices where points.count > 1 {
                let j = i == 0 ? 1 : i, k = j - 1
                if let a = points[j].plan.objective, let b = points[k].plan.objective, points[j].value != points[k].value {
                    points[i].shadowPrice = (a - b) / (points[j].value - points[k].value)
                }
            }
        }
        let subject: SweepSubject = switch target {
        case .source(let id): .source(id: id)
        case .allState: .allState
        case .rule(let key): .rule(key: key)
        }
        var outputs: [(String, String)] = []
        if formats.contains(.csv) { outputs.append(("sweep.csv", SweepTables.csv(points, subject: subject))) }
        if formats.contains(.svg) { outputs.append(("sweep.svg", SweepChart.svg(points, subject: subject, language: output.language))) }
        if formats.contains(.md) { outputs.append(("sweep.md", SweepTables.markdown(points, subject: subject, language: output.language))) }
        if formats.contains(.html) { outputs.append(("sweep.html", SweepPage.render(points, subject: subject, language: output.language))) }
        let files = try outputSet.committing(outputs)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Outcome(points: points, files: files, table: SweepTables.terminal(points, subject: subject, language: output.language), solveSeconds: seconds)
    }
}
