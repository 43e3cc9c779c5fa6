import Foundation
import Testing
import TestSupport

/// The gain over the status quo, split (StatusQuoGainSplit), on the tiny example.
///
/// By hand (scenarios/examples/tiny/README.md): the status quo is worth 805 and places central
/// 440 (w3 400, w4 40) and credit 50 of their 1,000 and 100, leaving 610 unplaced. Re-solved
/// with central 440 and credit 50: w1 (2.0 per million) takes 400 of central; the rest, central
/// 40, credit 50 and T02's cash 60, all go to w3 (1.5; people 60 ≥ 10% of 150, central 40 ≤ 80%):
/// 800 + 1.5·150 − 0.1·50 = 1,020. Better placement = 1,020 − 805 = 215; unplaced money =
/// 1,810 − 1,020 = 790; together the gain of 1,005.
@Suite struct GainSplitCommandTests {
    /// Also decomposed (`--solver decomposed`): the capped re-solve then starts from the
    /// optimum's columns (docs/decomposition.md, "Re-solves reuse the columns"); same split.
    @Test(arguments: [[String](), ["--solver", "decomposed"]])
    func theGainSplitsIntoPlacementAndUnplacedMoney(solver: [String]) throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"] + solver)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = "The difference +1,005.0 splits into: better placement of the same money +215.0; "
            + "the pooled money the status quo leaves unplaced (0.61 billion VND) +790.0."
        #expect(result.stdout.contains(expected), "\(result.stdout)")
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains(expected), "\(report)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(abs((summary["gain_from_better_placement"] as? Double ?? 0) - 215) < 1e-6)
        #expect(abs((summary["gain_from_unplaced_money"] as? Double ?? 0) - 790) < 1e-6)
        #expect(abs((summary["gain_over_baseline"] as? Double ?? 0) - 1005) < 1e-6)

        #expect((summary["solve_path"] as? String) == (solver.isEmpty ? "monolithic" : "decomposed"), "\(summary)")
        let vi = try CLITests.run(["solve", Repository.tinyScenario, "--out", out + "-vi"] + solver)
        defer { try? FileManager.default.removeItem(atPath: out + "-vi") }
        #expect(vi.stdout.contains("bố trí tốt hơn cùng số vốn +215,0"), "\(vi.stdout)")
    }
}
