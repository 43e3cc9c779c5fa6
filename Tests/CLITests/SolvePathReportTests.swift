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

    /// A floor each commune meets on its own but not both within 100 of central money (T01 can
    /// use central only and needs 300): the decomposition's master cannot be made feasible, it
    /// gives up, the monolithic path proves the scenario infeasible and diagnoses it; both say so.
    @Test func aDecompositionThatGivesUpSaysWhy() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--solver", "decomposed", "--set", "rules.commune_floor=0.3",
                                       "--set", "sources.central.budget=100", "--out", out, "--lang", "en"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("Solve path: monolithic — the decomposition gave up ("), "\(result.stdout)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["solve_path"] as? String == "monolithic")
        let fallback = try #require(summary["decomposition_fallback"] as? [String: Any])
        let reason = try #require(fallback["reason"] as? String)
        #expect(reason == "linking_rows_infeasible", "\(reason)")
        #expect((fallback["detail"] as? String)?.isEmpty == false)
    }

    /// A floor of 100%: T02 cannot fund more than 550 of its 1,000 (ProgressTests derives it), so
    /// its own rows have no solution. That proves the scenario infeasible: the decomposed path
    /// says so itself, naming the commune, and the diagnosis follows.
    @Test func aCommuneInfeasibleOnItsOwnEndsTheDecomposedSolve() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--solver", "decomposed", "--set", "rules.commune_floor=1",
                                       "--out", out, "--lang", "en"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("Solve path: decomposed"), "\(result.stdout)")
        #expect(result.stdout.contains("the rows of commune T02 alone have no solution"), "\(result.stdout)")
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["solve_path"] as? String == "decomposed")
        #expect(summary["decomposition_fallback"] is NSNull)
        let relaxations = try #require(summary["infeasibility"] as? [[String: Any]])
        let floor = try #require(relaxations.first { $0["key"] as? String == "rules.commune_floor" })
        #expect(abs((floor["needed"] as? Double ?? 0) - 0.55) < 1e-9)
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
        // The status quo ran beside the solve: its own time is reported, and said so.
        let alongside = try #require((summary["timings"] as? [String: Any])?["status_quo_alongside_tie_break"] as? Double)
        #expect(alongside > 0)
        #expect(result.stdout.contains("alongside the solve)"), "\(result.stdout)")
    }
}

/// `--solver decomposed --mode mip`: the decomposed MIP (opt-in) on the bundled Lạng Sơn
/// scenario, checked against the monolithic branch-and-cut (at a loose gap, to keep it quick):
/// each one's bound is above the other's plan.
@Suite(.serialized) struct DecomposedMIPCommandTests {
    @Test func decomposedMIPAgreesWithTheMonolithicBounds() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let mono = try CLITests.run(["solve", Repository.langSonScenario, "--mode", "mip", "--mip-gap", "0.01", "--solver", "monolithic",
                                     "--out", out + "/mono", "--format", "json"])
        #expect(mono.status == 0, "\(mono.stderr)")
        let dw = try CLITests.run(["solve", Repository.langSonScenario, "--mode", "mip", "--solver", "decomposed",
                                   "--out", out + "/dw", "--lang", "en"])
        #expect(dw.status == 0, "\(dw.stderr)")
        let reference = try CLITests.json(out + "/mono/summary.json")
        let summary = try CLITests.json(out + "/dw/summary.json")
        #expect(summary["solve_path"] as? String == "decomposed", "\(summary["decomposition_fallback"] ?? "")")
        #expect(dw.stdout.contains("Solve path: decomposed"), "\(dw.stdout)")
        #expect(summary["status"] as? String == "optimal")
        let objective = try #require(summary["objective"] as? Double)
        let bound = try #require(summary["best_bound"] as? Double)
        let gap = try #require(summary["mip_gap"] as? Double)
        #expect(gap <= 1e-4 + 1e-9)
        #expect(abs(bound - objective) / abs(objective) <= gap + 1e-12)
        let monoObjective = try #require(reference["objective"] as? Double)
        let monoBound = try #require(reference["best_bound"] as? Double)
        #expect(bound >= monoObjective * (1 - 1e-9), "the certified bound \(bound) is below a plan worth \(monoObjective)")
        #expect(objective <= monoBound * (1 + 1e-9), "the plan \(objective) is above the monolithic bound \(monoBound)")
        #expect(summary["duals_from_fixed_mip"] as? Bool == true)
    }
}
