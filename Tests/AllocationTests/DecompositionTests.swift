import Foundation
import Testing
import LinearProgramming
import ScenarioIO
import TestSupport
@testable import Allocation

@Suite(.serialized) struct DecompositionTests {
    @Test func langSonSameObjectiveBothWays() throws {
        let scenario = try ScenarioLoader.load(Repository.langSonScenario)
        let model = AllocationModel(scenario: scenario, mode: .lp)
        let mono = try model.solve(options: SolverOptions(), path: .monolithic)
        let (plan, stats) = try model.solveReporting(path: .decomposed)
        let s = try #require(stats)
        #expect(s.fallbackReason == nil, "\(s.fallbackReason ?? "")")
        let a = try #require(mono.objective), b = try #require(plan.objective)
        #expect(abs(a - b) <= 1e-6 * abs(a), "monolithic \(a) decomposed \(b)")
        #expect(abs(a - 5_429_384.458) <= 1e-3)
        print("langson mono \(a) dec \(b) rounds \(s.rounds) columns \(s.columns) master \(s.masterSeconds) pricing \(s.pricingSeconds)")
    }

    /// Timing harness: NTM_DECOMP_BENCH=path1,path2 (scenario.yaml files); prints a table.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NTM_DECOMP_BENCH"] != nil))
    func benchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let paths = env["NTM_DECOMP_BENCH"]!.split(separator: ",").map(String.init)
        let skipMono = env["NTM_DECOMP_SKIP_MONO"] != nil
        for path in paths {
            let t0 = Date()
            let scenario = try ScenarioLoader.load(path)
            let t1 = Date()
            let model = AllocationModel(scenario: scenario, mode: .lp)
            let t2 = Date()
            print("[bench] \(path): \(scenario.communes.count) communes, size \(model.size), load \(t1.timeIntervalSince(t0)) s, build \(t2.timeIntervalSince(t1)) s")
            var settings = DecompositionOptions()
            if let w = env["NTM_DECOMP_WORKERS"], let n = Int(w) { settings.workers = n }
            if let a = env["NTM_DECOMP_ALPHA"], let x = Double(a) { settings.smoothing = x }
            if env["NTM_DECOMP_COLD"] != nil { settings.warmStart = false }
            if env["NTM_DECOMP_TRACE"] != nil { settings.trace = { print("[trace] " + $0) } }
            let t3 = Date()
            let (plan, stats) = try model.solveReporting(path: .decomposed, decomposition: settings)
            let t4 = Date()
            let s = stats!
            print("[bench] decomposed: \(t4.timeIntervalSince(t3)) s objective \(plan.objective ?? .nan) rounds \(s.rounds) masterSolves \(s.masterSolves) columns \(s.columns) setup \(s.setupSeconds) pricing \(s.pricingSeconds) master \(s.masterSeconds) recovery \(s.recoverySeconds) total \(s.totalSeconds) iters p/m \(s.pricingIterations)/\(s.masterIterations) gap \(s.bound - s.objective) penalty+ \(s.penaltyIncreases) fallback \(s.fallbackReason ?? "-")")
            if !skipMono {
                var options = SolverOptions()
                if env["NTM_DECOMP_MONO_DUAL"] != nil { options.method = .dualSimplex }
                let t5 = Date()
                let mono = try model.solve(options: options, path: .monolithic)
                let t6 = Date()
                let rel = abs((mono.objective ?? .nan) - (plan.objective ?? .nan)) / max(1, abs(mono.objective ?? 1))
                print("[bench] monolithic: \(t6.timeIntervalSince(t5)) s objective \(mono.objective ?? .nan) (\(mono.termination)) rel.diff \(rel)")
            }
        }
    }
}
