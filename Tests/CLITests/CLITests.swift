import Foundation
import Testing
import TestSupport

/// Runs the built `ntm-alloc` binary as a planner would.
@Suite struct CLITests {
    static var binary: String { Bundle.main.bundleURL.appendingPathComponent("ntm-alloc").path }

    static func run(_ arguments: [String], in folder: String? = nil) throws -> Repository.ProcessOutput {
        try Repository.run(binary, arguments, currentDirectory: folder)
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func versionAndHelpReadWell() throws {
        let version = try Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("ntm-alloc") && version.stdout.contains("GLPK 5."))
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        for word in ["solve", "validate", "export-model", "Nông thôn mới"] { #expect(help.stdout.contains(word), "\(word)") }
        let solveHelp = try Self.run(["solve", "--help"])
        for option in ["--out", "--format", "--mode", "--weights", "--set", "--time-limit", "--lang"] {
            #expect(solveHelp.stdout.contains(option), "\(option)")
        }
    }

    @Test func solveWritesEveryOutput() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Self.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["allocations.csv", "communes.csv", "sources.csv", "summary.json", "report.md", "plan.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let summary = try Self.json(out + "/summary.json")
        for key in ["scenario", "mode", "status", "objective", "mip_gap", "total_need", "total_funded", "funded_share",
                    "works_fully_funded", "target_communes_reaching_standard", "priority_state_share",
                    "labour_value_used", "sources", "solve_seconds"] {
            #expect(summary.keys.contains(key), "summary.json lacks \(key)")
        }
        #expect(summary["status"] as? String == "optimal")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty)
        #expect(result.stdout.contains("Objective value"))
    }

    @Test func formatSelectsFiles() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Self.run(["solve", Repository.tinyScenario, "--out", out, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["summary.json"])
        let bad = try Self.run(["solve", Repository.tinyScenario, "--out", out, "--format", "docx"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("docx"))
    }

    @Test func overridesChangeTheResult() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Setting every pooled budget of the tiny example to zero leaves only local sources.
        let base = try Self.run(["solve", Repository.tinyScenario, "--out", out + "/a", "--format", "json"])
        #expect(base.status == 0, "\(base.stderr)")
        let unknown = try Self.run(["solve", Repository.tinyScenario, "--out", out + "/b", "--set", "sources.no-such-source.budget=1"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no-such-source"))
        #expect(!FileManager.default.fileExists(atPath: out + "/b"))
    }

    @Test func badInputExitsWithTwoAndWritesNothing() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        name: broken
        communes: communes.csv
        works: works.csv
        sources:
          - id: central
            name: Central
            kind: central
            scope: pooled
            budget: -5
        """.write(toFile: folder + "/scenario.yaml", atomically: true, encoding: .utf8)
        try "code,name,district,population,especially_difficult,border,status,criteria_met\nC1,Xã Một,D,100,0,0,none,10\n"
            .write(toFile: folder + "/communes.csv", atomically: true, encoding: .utf8)
        try "id,commune,category,cost,benefit,required,community_buildable,divisible\nw1,C1,transport,abc,,0,0,1\nw2,C9,transport,10,,0,0,1\n"
            .write(toFile: folder + "/works.csv", atomically: true, encoding: .utf8)
        let result = try Self.run(["solve", folder + "/scenario.yaml", "--out", folder + "/out"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("works.csv:2"))
        #expect(result.stderr.contains("cost"))
        #expect(result.stderr.contains("works.csv:3"))
        #expect(result.stderr.contains("scenario.yaml:9"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        let validate = try Self.run(["validate", folder + "/scenario.yaml"])
        #expect(validate.status == 2)
        let missing = try Self.run(["validate", folder + "/nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml"))
    }

    @Test func infeasibleScenarioExitsWithOne() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // A floor of 100% of every commune's need cannot be met by the tiny example's budgets.
        let result = try Self.run(["solve", Repository.tinyScenario, "--out", out, "--set", "rules.commune_floor=1"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).lowercased().contains("infeasible"))
    }

    @Test func validateDescribesTheModel() throws {
        let result = try Self.run(["validate", Repository.langSonScenario])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("181 communes"))
    }

    /// export-model writes the exact model: glpsol solves the LP file to solve's objective.
    @Test(.enabled(if: Repository.hasTool("glpsol"))) func exportedModelSolvesToTheSameObjective() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let export = try Self.run(["export-model", Repository.tinyScenario, "--lp", out + "/m.lp", "--mps", out + "/m.mps"])
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: out + "/m.lp", encoding: .utf8)
        #expect(text.contains("cover_"))
        let solve = try Self.run(["solve", Repository.tinyScenario, "--out", out + "/res", "--format", "json"])
        let ours = try #require(try Self.json(out + "/res/summary.json")["objective"] as? Double)
        for (flag, file) in [("--lp", "m.lp"), ("--freemps", "m.mps")] {
            let arguments = [flag, out + "/" + file, "-o", out + "/sol.txt"]
            let glpsol = try Repository.run(try #require(Repository.which("glpsol")), arguments)
            #expect(glpsol.status == 0)
            var objective = try #require(Repository.glpsolObjective(try String(contentsOfFile: out + "/sol.txt", encoding: .utf8)))
            // The MPS file holds the negated objective as a minimisation (MPS has no sense).
            if flag == "--freemps" { objective = -objective }
            #expect(abs(objective - ours) <= 1e-6 * max(1, abs(ours)), "\(file): glpsol \(objective) vs \(ours)")
        }
        #expect(solve.status == 0)
    }
}

extension CLITests {
    /// A one-component relative output (`--out o`, `--lp x.lp`) is written where it says; it used
    /// to crash the tool (Foundation's NSString path methods trapped on such paths on Linux).
    @Test func oneComponentRelativePathsAreWritten() throws {
        let folder = Repository.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let solve = try Self.run(["solve", Repository.tinyScenario, "--out", "o", "--format", "json"], in: folder)
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/o/summary.json"))
        let export = try Self.run(["export-model", Repository.tinyScenario, "--lp", "x.lp"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/x.lp"))
    }
}

extension CLITests {
    /// `explain` too refuses, with exit 2 and the row, the work costs GLPK aborted on (issue 11):
    /// ≥ 1e155 gave "invalid scale factor", and so did ≤ 1e-200. No path is reached, so none aborts.
    @Test(arguments: ["1e155", "1e-200"])
    func explainRefusesCostsGLPKCannotScale(cost: String) throws {
        let folder = Repository.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tiny = URL(fileURLWithPath: Repository.tinyScenario).deletingLastPathComponent().path
        for file in ["scenario.yaml", "communes.csv"] {
            try FileManager.default.copyItem(atPath: "\(tiny)/\(file)", toPath: "\(folder)/\(file)")
        }
        let works = try String(contentsOfFile: "\(tiny)/works.csv", encoding: .utf8)
            .replacingOccurrences(of: "w1,T01,transport,400,", with: "w1,T01,transport,\(cost),")
        try works.write(toFile: "\(folder)/works.csv", atomically: true, encoding: .utf8)
        let result = try Self.run(["explain", "\(folder)/scenario.yaml", "--out", "\(folder)/out", "--lang", "en"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("works.csv:2") && result.stderr.contains("cost"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out/explain.md"))
    }
}
