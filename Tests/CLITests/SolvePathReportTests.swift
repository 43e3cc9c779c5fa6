import Foundation
import Testing
import TestSupport

/// `solve` says which path solved the scenario and, when the monolithic one, why: one line on
/// the terminal, `solve_path` and `decomposition_fallback` in summary.json.
@Suite struct SolvePathReportTests {
    @Test func automaticPathOnASmallScenarioSaysTooFewCommunes() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Solve path: monolithic — "), "\(result.stdout)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["solve_path"] as? String == "monolithic")
        let fallback = try #require(summary["decomposition_fallback"] as? [String: Any])
        #expect(fallback["reason"] as? String == "too_few_communes")
    }

    @Test func askedForMonolithicHasNoReason() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--solver", "monolithic", "--out", out, "--lang", "vi"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Cách giải"), "\(result.stdout)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["solve_path"] as? String == "monolithic")
        #expect(summary["decomposition_fallback"] is NSNull)
    }

    /// An infeasible commune floor with `--solver decomposed`: the decomposition gives up on a
    /// commune, the monolithic path proves the scenario infeasible and diagnoses it; both say so.
    @Test func aDecompositionThatGivesUpSaysWhy() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--solver", "decomposed", "--set", "rules.commune_floor=1",
                                       "--out", out, "--lang", "en"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("Solve path: monolithic — the decomposition gave up ("), "\(result.stdout)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["solve_path"] as? String == "monolithic")
        let fallback = try #require(summary["decomposition_fallback"] as? [String: Any])
        let reason = try #require(fallback["reason"] as? String)
        #expect(["commune_unsolvable", "linking_rows_infeasible"].contains(reason), "\(reason)")
        #expect((fallback["detail"] as? String)?.isEmpty == false)
    }

    @Test func decomposedPathIsNamed() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--solver", "decomposed", "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Solve path: decomposed"), "\(result.stdout)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["solve_path"] as? String == "decomposed")
        #expect(summary["decomposition_fallback"] is NSNull)
        #expect((summary["timings"] as? [String: Any])?["solve_path"] as? String == "decomposed")
    }
}
