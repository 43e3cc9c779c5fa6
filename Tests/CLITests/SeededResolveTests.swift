import Foundation
import Testing
import Allocation
import TestSupport
@testable import Workflows

/// Decomposed re-solves that start from the previous decomposition's columns (docs/decomposition.md,
/// "Re-solves reuse the columns") report what cold decomposed solves report.
@Suite(.serialized) struct SeededResolveTests {
    /// A decomposed budget sweep (each point after the first of its run seeded with the previous
    /// point's columns) gives, point by point, the plans of a cold decomposed sweep (`--cold`).
    @Test func seededDecomposedSweepGivesTheColdPlans() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        var settings = RunSettings(scenarioPath: Repository.langSonScenario)
        settings.solvePath = .decomposed
        let seeded = try SweepWorkflow.run(settings, target: .allState, from: 0.8, to: 0.9, steps: 3,
                                           output: OutputSettings(folder: out + "/seeded", language: .en))
        let cold = try SweepWorkflow.run(settings, target: .allState, from: 0.8, to: 0.9, steps: 3,
                                         output: OutputSettings(folder: out + "/cold", language: .en), warmStart: false)
        for (a, b) in zip(seeded.points, cold.points) {
            #expect(a.plan.status == .optimal && a.plan.solvePath == .decomposed)
            let (x, y) = (try #require(a.plan.objective), try #require(b.plan.objective))
            #expect(abs(x - y) <= 1e-9 * abs(y), "level \(a.level): seeded \(x) vs cold \(y)")
            OnePlanTests.expectSame(b.plan, a.plan, "sweep point \(a.level)")
        }
    }

    /// The seed reaches the re-solve: a budget-only what-if solved from the plan's columns
    /// equals the same what-if solved cold.
    @Test func seededWhatIfEqualsTheColdOne() throws {
        var settings = RunSettings(scenarioPath: Repository.langSonScenario)
        settings.solvePath = .decomposed
        let scenario = try settings.loadScenario()
        let model = AllocationModel(scenario: scenario)
        let (plan, columns) = try SolveWorkflow.solve(scenario, settings: settings, seed: nil)
        let seed = try #require(columns)
        #expect(plan.status == .optimal && seed.count >= scenario.communes.count)
        var lowered = scenario
        for s in lowered.sources.indices {
            if case .pooled(let budget) = lowered.sources[s].scope { lowered.sources[s].scope = .pooled(budget: budget * 0.9) }
        }
        let cold = try #require(ExplainWorkflow.resolve(lowered, like: model, settings: settings))
        let seeded = try #require(ExplainWorkflow.resolve(lowered, like: model, settings: settings, seed: seed))
        let (x, y) = (try #require(seeded.objective), try #require(cold.objective))
        #expect(abs(x - y) <= 1e-9 * abs(y), "seeded \(x) vs cold \(y)")
        OnePlanTests.expectSame(cold, seeded, "what-if")
    }
}
