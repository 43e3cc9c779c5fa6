import Foundation
import Testing
import TestSupport

/// `--mode mip` on the bundled Lạng Sơn scenario, as a planner runs it.
@Suite(.serialized) struct MIPCommandTests {
    @Test func mipReportsGapBoundAndFixedLPShadowPrices() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let lp = try CLITests.run(["solve", Repository.langSonScenario, "--out", out + "/lp", "--format", "json"])
        #expect(lp.status == 0, "\(lp.stderr)")
        let mip = try CLITests.run(["solve", Repository.langSonScenario, "--mode", "mip", "--out", out + "/mip", "--lang", "en"])
        #expect(mip.status == 0, "\(mip.stderr)")
        let lpSummary = try CLITests.json(out + "/lp/summary.json")
        let summary = try CLITests.json(out + "/mip/summary.json")
        let status = try #require(summary["status"] as? String)
        #expect(status == "optimal" || status == "time_limit")
        let objective = try #require(summary["objective"] as? Double)
        let bound = try #require(summary["best_bound"] as? Double)
        let gap = try #require(summary["mip_gap"] as? Double)
        let relaxation = try #require(lpSummary["objective"] as? Double)
        // The LP relaxation bounds the MIP; the incumbent lies within the reported gap of the bound.
        #expect(bound <= relaxation * (1 + 1e-9))
        #expect(objective <= bound * (1 + 1e-9))
        #expect(abs(bound - objective) / abs(objective) <= gap + 1e-9)
        if status == "optimal" { #expect(gap <= 1e-4 + 1e-12) }
        #expect(summary["duals_from_fixed_mip"] as? Bool == true)
        let sources = try #require(summary["sources"] as? [String: [String: Any]])
        #expect(sources["ntm-central"]?["shadow_price"] is Double)
        #expect((summary["target_communes_reaching_standard"] as? Int ?? -1) >= 0)
        let report = try String(contentsOfFile: out + "/mip/report.md", encoding: .utf8)
        #expect(report.contains("Best bound") && report.contains("integer variables fixed"))
    }

    @Test func timeLimitedMIPIsNeverOptimal() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // An exact gap (0) cannot be proved in 0.5 s on this scenario: the search is cut short.
        let result = try CLITests.run(["solve", Repository.langSonScenario, "--mode", "mip", "--mip-gap", "0",
                                       "--time-limit", "0.5", "--out", out, "--lang", "en"])
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["status"] as? String == "time_limit", "\(result.stdout)")
        if summary["objective"] is Double {
            #expect(result.status == 0)
            #expect(summary["best_bound"] is Double)
            let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
            #expect(report.contains("The time limit stopped the search"))
        } else {
            #expect(result.status == 1)
        }
    }
}
