import Foundation
import Allocation
import Reports

/// `ntm-alloc compare`: solve several weightings, scenarios or `--set` variants side by side.
public enum CompareWorkflow {
    /// One variant to solve: a name and its run settings.
    public struct Variant: Sendable {
        public var name: String
        public var settings: RunSettings
        public init(name: String, settings: RunSettings) {
            self.name = name
            self.settings = settings
        }
    }

    /// What `compare` produced.
    public struct Outcome: Sendable {
        public var names: [String]
        public var plans: [AllocationPlan]
        public var files: [String]
        public var table: String
        /// Wall-clock seconds of the parallel solves.
        public var solveSeconds: Double
    }

    /// The variants of a compare run: every scenario × every weights profile, then each named
    /// `--variant name:key=value,key=value` applied to the first scenario and profile.
    public static func variants(scenarios: [String], weights: [String], namedOverrides: [String],
                                base: RunSettings) throws(WorkflowError) -> [Variant] {
        var result: [Variant] = []
        let profiles: [String?] = weights.isEmpty ? [nil] : weights
        for scenario in scenarios {
            for profile in profiles {
                var settings = base
                settings.scenarioPath = scenario
                settings.weightsPath = profile
                var name = profile.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
                    ?? URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent
                if scenarios.count > 1 && profiles.count > 1 {
                    name = URL(fileURLWithPath: scenario).deletingLastPathComponent().lastPathComponent + "/" + name
                } else if scenarios.count > 1 {
                    let url = URL(fileURLWithPath: scenario)
                    name = url.deletingLastPathComponent().lastPathComponent + "/" + url.deletingPathExtension().lastPathComponent
                }
                result.append(Variant(name: name, settings: settings))
            }
        }
        for text in namedOverrides {
            guard let colon = text.firstIndex(of: ":") else {
                throw .usage("--variant expects name:key=value[,key=value…], got '\(text)'")
            }
            let name = String(text[..<colon])
            let sets = text[text.index(after: colon)...].split(separator: ",").map(String.init)
            guard !name.isEmpty, !sets.isEmpty, sets.allSatisfy({ $0.contains("=") }) else {
                throw .usage("--variant expects name:key=value[,key=value…], got '\(text)'")
            }
            var settings = result[0].settings
            settings.overrides += sets
            result.append(Variant(name: name, settings: settings))
        }
        var seen = Set<String>()
        for i in result.indices {
            var name = result[i].name, k = 2
            while !seen.insert(name).inserted { name = result[i].name + "-\(k)"; k += 1 }
            result[i].name = name
        }
        if result.count < 2 { throw .usage("compare needs at least two variants: several --weights files, scenarios or --variant") }
        return result
    }

    /// Loads every variant (all input errors first, before any solve), solves them in parallel,
    /// and writes compare.csv, compare.md, compare-communes.csv and compare.html.
    public static func run(_ variants: [Variant], output: OutputSettings) throws(WorkflowError) -> Outcome {
        if !output.formats.isSubset(of: [.csv, .md, .html]) || output.formats.isEmpty {
            throw .usage("compare writes csv (compare.csv, compare-communes.csv), md (compare.md) and html (compare.html): --format takes csv, md and/or html")
        }
        var loaded: [Scenario] = []
        for variant in variants { loaded.append(try variant.settings.loadScenario()) }
        let scenarios = loaded
        let folder = output.folder ?? "out/compare-" + Slug.make(scenarios[0].name)
        let outputSet = try OutputSet.opening(folder)
        let start = ContinuousClock.now
        // Variants solve in parallel: their own solver progress would interleave, so only the count is shown.
        let progress = ProgressCounter(total: variants.count, report: variants.first?.settings.progress) { .compareVariants(done: $0, count: $1) }
        let results = Parallel.map(variants.count) { i -> Result<AllocationPlan, WorkflowError> in
            defer { progress.advance() }
            var settings = variants[i].settings
            settings.progress = nil
            do throws(WorkflowError) { return .success(try SolveWorkflow.solve(scenarios[i], settings: settings)) }
            catch { return .failure(error) }
        }
        let elapsed = start.duration(to: .now)
        var plans: [AllocationPlan] = []
        for result in results {
            switch result {
            case .success(let plan): plans.append(plan)
            case .failure(let error): throw error
            }
        }
        let names = variants.map(\.name)
        // --format: csv → compare.csv and compare-communes.csv, md → compare.md.
        var outputs: [(String, String)] = []
        if output.formats.contains(.csv) {
            outputs.append(("compare.csv", ComparisonTables.metricsCSV(names: names, plans: plans)))
            outputs.append(("compare-communes.csv", ComparisonTables.communesCSV(names: names, plans: plans)))
        }
        if output.formats.contains(.md) {
            outputs.append(("compare.md", ComparisonTables.markdown(names: names, plans: plans, language: output.language)))
        }
        if output.formats.contains(.html) {
            outputs.append(("compare.html", ComparisonPage.render(names: names, plans: plans, language: output.language)))
        }
        let files = try outputSet.committing(outputs)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Outcome(names: names, plans: plans, files: files,
                       table: ComparisonTables.terminal(names: names, plans: plans, language: output.language),
                       solveSeconds: seconds)
    }
}
