import Foundation
import Testing
import TestSupport
import Allocation
import ScenarioIO
import Reports
import Workflows
import LinearProgramming

/// docs/model.md §9 at the level of the commands: `solve`, `solve --explain`, `explain`, a
/// `compare` variant that changes nothing and a `sweep` point at the scenario's own budget all
/// report the same plan; two runs write the same files; reordering the CSV rows changes nothing.
@Suite struct OnePlanTests {
    /// Amounts by (source id, work id): ids, not indices, so plans of reordered files compare.
    static func amounts(_ plan: AllocationPlan) -> [String: Double] {
        var result: [String: Double] = [:]
        for x in plan.allocations {
            let year = plan.scenario.periodCount > 1 ? " @ " + plan.scenario.periods[x.period] : ""
            result[plan.scenario.sources[x.source].id + " → " + plan.scenario.works[x.work].id + year, default: 0] += x.amount
        }
        return result
    }

    /// The largest |difference| / K_p over every (source, work) of two plans.
    static func largestDifference(_ a: AllocationPlan, _ b: AllocationPlan) -> (Double, String) {
        let u = amounts(a), v = amounts(b)
        let cost = Dictionary(uniqueKeysWithValues: a.scenario.works.map { ($0.id, $0.cost) })
        var worst = (0.0, "")
        for key in Set(u.keys).union(v.keys) {
            let work = String(key.split(separator: " → ").last!.split(separator: " @ ").first!)
            let d = abs((u[key] ?? 0) - (v[key] ?? 0)) / cost[work]!
            if d > worst.0 { worst = (d, "\(key): \(u[key] ?? 0) vs \(v[key] ?? 0)") }
        }
        return worst
    }

    static func expectSame(_ a: AllocationPlan, _ b: AllocationPlan, _ what: String) {
        #expect(b.hasSolution, "\(what): \(b.termination)")
        let (d, at) = largestDifference(a, b)
        #expect(d <= 1e-6, "\(what) differs by \(d)·K_p at \(at)")
    }

    /// A five-year province from the benchmark generator (20 communes, seed 3: the province on
    /// which face tolerances once let the LP methods disagree), written under `folder`.
    static func generatedFiveYearProvince(in folder: String) throws -> String {
        let python = try #require(Repository.which("python3"), "python3 is needed to generate the province")
        let generated = try Repository.run(python, [Repository.path("benchmarks/generator/generate_province.py"),
                                                    "--communes", "20", "--seed", "3", "--periods", "5",
                                                    "--out", folder + "/p20"])
        #expect(generated.status == 0, "\(generated.stderr)")
        return folder + "/p20/scenario.yaml"
    }

    @Test func everyCommandReportsTheSamePlan() throws {
        try Self.expectEveryCommandReportsTheSamePlan(Repository.langSonScenario, rule: "rules.priority_share_min", ruleValue: 0.6)
    }

    @Test func everyCommandReportsTheSamePlanOverFiveYears() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = try Self.generatedFiveYearProvince(in: folder)
        #expect(try ScenarioLoader.load(path).periodCount == 5)
        try Self.expectEveryCommandReportsTheSamePlan(path, rule: "rules.priority_share_min", ruleValue: 0.6)
    }

    static func expectEveryCommandReportsTheSamePlan(_ scenarioPath: String, rule: String, ruleValue: Double) throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let settings = RunSettings(scenarioPath: scenarioPath)
        let output = OutputSettings(folder: out + "/solve", formats: [.json], language: .en)
        let solved = try SolveWorkflow.run(settings, output: output).plan
        #expect(solved.status == .optimal && solved.tieBreak?.isApplied == true)

        // `solve --explain` and `explain` solve monolithically (for budget ranges) and re-solve what-ifs.
        var explainOutput = output
        explainOutput.folder = out + "/explain"
        let explained = try ExplainWorkflow.run(settings, output: explainOutput)
        Self.expectSame(solved, explained.plan, "explain")

        // A compare variant that changes nothing but the name.
        let variants = [CompareWorkflow.Variant(name: "base", settings: settings),
                        CompareWorkflow.Variant(name: "same", settings: RunSettings(scenarioPath: scenarioPath,
                                                                                 overrides: ["name=same"]))]
        let compared = try CompareWorkflow.run(variants, output: OutputSettings(folder: out + "/compare", formats: [.csv, .md], language: .en))
        for plan in compared.plans { Self.expectSame(solved, plan, "compare") }

        // A budget sweep point at factor 1 (warm-started session path) and a rule sweep at the rule's own value.
        let sweep = try SweepWorkflow.run(settings, target: .source("ntm-central"), from: 0.9, to: 1.0, steps: 2,
                                          output: OutputSettings(folder: out + "/sweep", language: .en))
        Self.expectSame(solved, sweep.points[1].plan, "sweep --source at 1.0")
        let ruleSweep = try SweepWorkflow.run(settings, target: .rule(rule), from: ruleValue, to: ruleValue, steps: 1,
                                              output: OutputSettings(folder: out + "/sweep-rule", language: .en))
        Self.expectSame(solved, ruleSweep.points[0].plan, "sweep --rule at its own value")
    }

    /// Two runs write byte-identical files, apart from the timings in summary.json.
    @Test(arguments: [false, true])
    func twoRunsWriteTheSameFiles(fiveYears: Bool) throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let scenario = fiveYears ? try Self.generatedFiveYearProvince(in: out) : Repository.langSonScenario
        for run in ["a", "b"] {
            let result = try CLITests.run(["solve", scenario, "--out", "\(out)/\(run)", "--lang", "en"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(out)/a").sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: "\(out)/b").sorted()))
        #expect(files.contains("allocations.csv") && files.contains("summary.json"))
        for file in files {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(out)/a/\(file)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(out)/b/\(file)"))
            if file == "summary.json" {
                // Every key but the timings holds the same value (compared as parsed JSON).
                let (u, v) = (try Self.withoutTimings(a), try Self.withoutTimings(b))
                let differing = (u.allKeys as? [String] ?? []).filter { key in
                    !((u[key] as? NSObject)?.isEqual(v[key]) ?? (v[key] == nil))
                }
                #expect(u.isEqual(v), "summary.json differs between two runs at \(differing.sorted()): \(differing.map { "\(u[$0] ?? "nil") vs \(v[$0] ?? "nil")" })")
            } else {
                #expect(a == b, "\(file) differs between two runs")
            }
        }
    }

    static func withoutTimings(_ data: Data) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["timings"] = nil
        object["solve_seconds"] = nil
        return object as NSDictionary
    }

    /// Reordered communes.csv and works.csv rows (a fixed shuffle) give the same plan: the
    /// tie-break rule orders works by id, never by their place in the file.
    @Test func reorderedRowsGiveTheSamePlan() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = URL(fileURLWithPath: Repository.langSonScenario).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: "\(source)/\(item)", toPath: "\(folder)/\(item)")
        }
        var generator = ReorderGenerator(state: 20261203)
        for name in ["data/communes.csv", "data/works.csv"] {
            let path = "\(folder)/\(name)"
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            let shuffled = [lines[0]] + lines.dropFirst().shuffled(using: &generator)
            #expect(shuffled.dropFirst().map(String.init) != lines.dropFirst().map(String.init))
            try (shuffled.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let original = try AllocationModel(scenario: ScenarioLoader.load(Repository.langSonScenario)).solve(path: .automatic)
        let reordered = try AllocationModel(scenario: ScenarioLoader.load("\(folder)/scenario.yaml")).solve(path: .automatic)
        #expect(reordered.status == .optimal)
        let (a, b) = (try #require(original.objective), try #require(reordered.objective))
        #expect(abs(a - b) <= 1e-9 * abs(a))
        Self.expectSame(original, reordered, "reordered rows")
    }
}

/// SplitMix64, for a fixed shuffle.
struct ReorderGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
