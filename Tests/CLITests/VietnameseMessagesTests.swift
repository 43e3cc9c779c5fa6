import Foundation
import Testing
import TestSupport
import ScenarioIO

/// Help and input errors in Vietnamese with `--lang vi` or NTM_ALLOC_LANG=vi; English otherwise.
@Suite struct VietnameseMessagesTests {
    /// Runs the tool with `NTM_ALLOC_LANG` set (through env(1), the environment of the test
    /// process being left alone).
    static func run(language: String, _ arguments: [String]) throws -> Repository.ProcessOutput {
        try Repository.run("/usr/bin/env", ["NTM_ALLOC_LANG=\(language)", CLITests.binary] + arguments)
    }

    /// The tiny example with population -5 in line 2 of communes.csv.
    static func brokenScenario(in folder: String) throws -> String {
        let tiny = URL(fileURLWithPath: Repository.tinyScenario).deletingLastPathComponent().path
        for name in ["scenario.yaml", "works.csv"] {
            try FileManager.default.copyItem(atPath: tiny + "/" + name, toPath: folder + "/" + name)
        }
        let communes = try String(contentsOfFile: tiny + "/communes.csv", encoding: .utf8)
            .replacingOccurrences(of: "T01,Xã Tân An,Huyện Thử Nghiệm,2000,", with: "T01,Xã Tân An,Huyện Thử Nghiệm,-5,")
        try communes.write(toFile: folder + "/communes.csv", atomically: true, encoding: .utf8)
        return folder + "/scenario.yaml"
    }

    @Test func inputErrorsInVietnamese() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = try Self.brokenScenario(in: folder)
        let expected = "Lỗi dữ liệu đầu vào (1 lỗi):\n\(folder)/communes.csv, dòng 2, cột population: -5 is negative\n"

        let flag = try CLITests.run(["solve", scenario, "--out", folder + "/out", "--lang", "vi"])
        #expect(flag.status == 2)
        #expect(flag.stderr == expected, "\(flag.stderr)")

        let environment = try Self.run(language: "vi", ["validate", scenario])
        #expect(environment.status == 2)
        #expect(environment.stderr == expected, "\(environment.stderr)")

        // English: without either, and when --lang en overrides NTM_ALLOC_LANG=vi.
        let english = try Self.run(language: "vi", ["solve", scenario, "--out", folder + "/out", "--lang", "en"])
        #expect(english.status == 2)
        #expect(english.stderr == "error: \(folder)/communes.csv:2, column population: -5 is negative\n", "\(english.stderr)")
        let plain = try CLITests.run(["validate", scenario])
        #expect(plain.stderr.hasPrefix("error: \(folder)/communes.csv:2, column population"), "\(plain.stderr)")
    }

    @Test func helpAndExitCodesInVietnamese() throws {
        let vi = try Self.run(language: "vi", ["--help"])
        #expect(vi.status == 0)
        #expect(vi.stdout.contains("Mã thoát: 0 giải xong, 1 không khả thi"), "\(vi.stdout)")
        #expect(vi.stdout.contains("Lồng ghép và phân bổ các nguồn vốn"))
        let en = try Self.run(language: "en", ["--help"])
        #expect(en.stdout.contains("Exit codes: 0 solved"), "\(en.stdout)")
        #expect(!en.stdout.contains("Mã thoát"))
    }

    /// The problem count and the "more" line use Vietnamese thousands points.
    @Test func longListsCountInVietnamese() {
        let problem = InputProblem(location: SourceLocation(file: "scenario.yaml", line: 12, field: "sources[2].budget"),
                                   message: "-3 is negative", hint: "a budget is ≥ 0")
        let error = ScenarioLoadError(problems: [problem, problem], notKeptCount: 1_199_948)
        let lines = error.text(vietnamese: true).split(separator: "\n").map(String.init)
        #expect(lines == ["Lỗi dữ liệu đầu vào (1.199.950 lỗi):",
                          "scenario.yaml, dòng 12, khóa sources[2].budget: -3 is negative (gợi ý: a budget is ≥ 0)",
                          "scenario.yaml, dòng 12, khóa sources[2].budget: -3 is negative (gợi ý: a budget is ≥ 0)",
                          "… và 1.199.948 lỗi khác"])
        #expect(error.text(vietnamese: false) == error.description)
        #expect(SourceLocation(file: "--set", field: "rules.commune_floor").text(vietnamese: true) == "--set rules.commune_floor")
    }
}
