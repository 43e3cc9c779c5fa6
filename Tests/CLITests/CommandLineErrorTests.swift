import Foundation
import Testing
import TestSupport

/// Bad command lines exit 2, like every other bad input (issue 11, item 4); ArgumentParser
/// alone would exit 64. Each case names what must appear in the message.
@Suite struct CommandLineErrorTests {
    static let tiny = Repository.tinyScenario

    @Test(arguments: [
        (["solve", tiny, "--format", "xyz"], "unknown format 'xyz'"),
        (["solve", tiny, "--lang", "fr"], "'fr' is invalid for '--lang"),
        (["solve", tiny, "--mip-gap", "2"], "--mip-gap must be in [0, 1)"),
        (["solve", tiny, "--mip-gap", "-0.5"], "--mip-gap must be in [0, 1)"),
        (["solve", tiny, "--set", "rules.commune_cap"], "--set expects key=value"),
        (["solve", tiny, "--time-limit", "-1"], "--time-limit must be a positive number"),
        (["solve", tiny, "--time-limit=-1"], "--time-limit must be a positive number"),
        (["solve", tiny, "--time-limit", "1e400"], "--time-limit must be a positive number"),
        (["solve", tiny, "--time-limit", "soon"], "'soon' is invalid for '--time-limit"),
        (["solve", tiny, "--mode", "quick"], "'quick' is invalid for '--mode"),
        (["solve", tiny, "--no-such-option"], "Unknown option '--no-such-option'"),
        (["solve"], "Missing expected argument '<scenario>'"),
        (["solve", tiny, "--out"], "Missing value for '--out"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
        (["export-model", tiny], "give --lp FILE and/or --mps FILE"),
        (["sweep", tiny, "--from", "0.5", "--to", "1"], "choose exactly one of"),
        (["sweep", tiny, "--all-state", "--from", "0.5", "--to", "1", "--steps", "0"], "--steps must be between"),
        (["compare", tiny, "--time-limit", "-5"], "--time-limit must be a positive number"),
        // Options that would do nothing in this run are refused, not ignored (issue 10).
        (["solve", tiny, "--mip-gap", "0.01"], "--mip-gap applies to --mode mip only"),
        (["solve", tiny, "--mode", "mip", "--solver", "decomposed", "--lp-method", "dual"], "--lp-method dual applies to the monolithic MIP only"),
    ])
    func badCommandLineExitsTwo(arguments: [String], message: String) throws {
        let result = try CLITests.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
    }

    @Test(arguments: [["--help"], ["--version"], ["solve", "--help"], ["help", "sweep"]])
    func helpAndVersionExitZero(arguments: [String]) throws {
        let result = try CLITests.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(!result.stdout.isEmpty && result.stderr.isEmpty, "\(arguments)")
    }

    /// A scenario with 200,000 junk rows prints 50 problems and a count, not a million lines.
    @Test func junkInputPrintsFiftyProblemsAndACount() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tiny = URL(fileURLWithPath: Self.tiny).deletingLastPathComponent().path
        for file in ["scenario.yaml", "communes.csv"] {
            try FileManager.default.copyItem(atPath: tiny + "/" + file, toPath: folder + "/" + file)
        }
        let header = "id,commune,category,cost,benefit,required,community_buildable,divisible\n"
        // Row 2: 7 problems (commune, category, cost, benefit, three booleans); later rows also a duplicate id.
        let rows = String(repeating: "x,nowhere,,-1,abc,maybe,perhaps,sometimes\n", count: 20_000)
        try (header + rows).write(toFile: folder + "/works.csv", atomically: true, encoding: .utf8)
        let result = try CLITests.run(["validate", folder + "/scenario.yaml"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 51, "\(lines.count) lines")
        #expect(lines.last == "… and 159,949 more problems", "\(String(describing: lines.last))")
    }
}
