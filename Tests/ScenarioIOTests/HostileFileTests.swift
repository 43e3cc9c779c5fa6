import Foundation
import ScenarioIO
import Testing
import TestSupport

/// Files written to hurt the reader (issue 11, item 3): alias bombs, deep nesting, huge
/// files, unknown tags, junk by the hundred thousand rows. Each must be refused quickly with
/// a problem naming the file and line, never grow memory without bound or crash.
@Suite struct HostileFileTests {
    /// "Billion laughs": nine levels of nine aliases describe 9⁹ ≈ 387 million values.
    static let aliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    private func problems(scenario text: String) throws -> [InputProblem] {
        var fixture = ScenarioFixture()
        fixture.scenario = text
        return fixture.problems()
    }

    @Test func aliasBombIsRefusedQuicklyAtTheAliasThatPassesTheLimit() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let problems = try problems(scenario: Self.aliasBomb)
        #expect(clock.now - start < .seconds(2))
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.message.contains("aliases expand to more than 100,000 values"), "\(problem)")
        // The nine aliases of lines 2–5 add 9 × (10 + 91 + 820 + 7,381) = 74,718 values (an
        // anchored list counts itself and what it holds); the first *e on line 6 adds 66,430.
        #expect(problem.location.file.hasSuffix("scenario.yaml") && problem.location.line == 6, "\(problem)")
    }

    @Test func modestAliasesStillWork() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario
            .replacingOccurrences(of: "  max_state_share: {priority: 1.0, other: 0.8}",
                                  with: "  max_state_share: &shares {priority: 1.0, other: 0.8}")
            .replacingOccurrences(of: "  min_community_share: {priority: 0.0, other: 0.1}",
                                  with: "  min_community_share: *shares")
        let scenario = try fixture.load()
        #expect(scenario.rules.minCommunityShare[.other] == 0.8)
    }

    @Test func undefinedAliasIsReportedAtItsLine() throws {
        let problems = try problems(scenario: "name: x\nmode: *nothing\n")
        #expect(problems.contains(file: "scenario.yaml", line: 2, field: "mode"), "\(problems)")
    }

    @Test func deepNestingIsRefusedAtItsLine() throws {
        let depth = 200
        let text = "name: x\nrules:\n  " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let problems = try problems(scenario: text)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.message.contains("nested more than 64 levels") == true, "\(problems)")
        #expect(problems.first?.location.line == 3, "\(problems)")
    }

    /// Each anchor nests the previous one: a0 is a list, a1 a list holding a0, …; the text is
    /// two levels deep everywhere, the expanded tree k + 2 deep at a_k. Line k + 1 holds a_k,
    /// whose *a(k−1) (height k, at depth 2) passes 64 levels first when 2 + k > 64, k = 63.
    @Test func nestingThroughAliasesCountsToo() throws {
        var text = "a0: &a0 [x]\n"
        for k in 1...70 { text += "a\(k): &a\(k) [*a\(k - 1)]\n" }
        let problems = try problems(scenario: text)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.message.contains("once alias *a62 is expanded") == true, "\(problems)")
        #expect(problems.first?.location.line == 64, "\(problems)")
    }

    @Test func oversizedYAMLIsRefusedAtTheLineThatPassesTheLimit() throws {
        let directory = try ScenarioFixture().write()
        defer { directory.remove() }
        // 9 MiB of 1 KiB comment lines (1,023 characters and a line break): the 8 MiB limit
        // (8,388,608 bytes) is passed in line 8,388,608 / 1,024 + 1 = 8,193.
        let line = "#" + String(repeating: "x", count: 1022) + "\n"
        try directory.write("scenario.yaml", String(repeating: line, count: 9 * 1024))
        let error = #expect(throws: ScenarioLoadError.self) {
            try ScenarioLoader.load(directory.url("scenario.yaml").path)
        }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.location.line == 8_193, "\(String(describing: error))")
        #expect(error?.problems.first?.message.contains("larger than 8 MiB") == true)
    }

    @Test func unknownTagIsRefusedAtItsLineAndField() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "budget: 950000", with: "budget: !money 950000")
        let problems = fixture.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "!money", in: fixture.scenario),
                                  field: "sources[0].budget"), "\(problems)")
        #expect(problems.first?.message == "unknown YAML tag !money")
    }

    @Test(arguments: ["!!binary aGVsbG8=", "!<tag:example.com,2000:money> 1"])
    func otherUnknownTags(value: String) throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "budget: 950000", with: "budget: \(value)")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "budget: ", in: fixture.scenario),
                                  field: "sources[0].budget"), "\(problems)")
    }

    @Test func coreTagsAreAccepted() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "budget: 950000", with: "budget: !!int 950000")
            .replacingOccurrences(of: "kind: central", with: "kind: !!str central")
        let scenario = try fixture.load()
        #expect(scenario.sources.first?.budget == 950_000)
    }

    @Test func secondDocumentIsRefused() throws {
        var fixture = ScenarioFixture()
        fixture.scenario += "---\nname: other\n"
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "---", in: fixture.scenario), field: nil),
                "\(problems)")
    }

    @Test func controlCharacterIsReportedAtItsLine() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "commune_cap: 5000", with: "commune_cap: 5\u{7}000")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "commune_cap", in: fixture.scenario),
                                  field: nil), "\(problems)")
    }

    @Test func invalidUTF8InYAMLIsReportedAtItsLine() throws {
        let fixture = ScenarioFixture()
        let directory = try fixture.write()
        defer { directory.remove() }
        var bytes = Array(fixture.scenario.utf8)
        let target = line(of: "commune_cap", in: fixture.scenario)
        // Replace the first byte of "5000" on that line by 0xFF.
        var lineNumber = 1, index = 0
        while lineNumber < target { if bytes[index] == 0x0A { lineNumber += 1 }; index += 1 }
        let five = bytes[index...].firstIndex(of: UInt8(ascii: "5"))!
        bytes[five] = 0xFF
        try directory.write("scenario.yaml", data: Data(bytes))
        let error = #expect(throws: ScenarioLoadError.self) {
            try ScenarioLoader.load(directory.url("scenario.yaml").path)
        }
        let problem = try #require(error?.problems.first)
        #expect(problem.location.line == target)
        #expect(problem.message.hasPrefix("not valid UTF-8 text: byte \(five - index + 1) of the line starts 0xFF"),
                "\(problem)")
    }

    @Test func utf16FileIsNamedAsSuch() throws {
        let directory = try ScenarioFixture().write()
        defer { directory.remove() }
        var data = Data([0xFF, 0xFE])
        data.append(ScenarioFixture.communes.data(using: .utf16LittleEndian)!)
        try directory.write("data/communes.csv", data: data)
        let error = #expect(throws: ScenarioLoadError.self) {
            try ScenarioLoader.load(directory.url("scenario.yaml").path)
        }
        let problem = try #require(error?.problems.first)
        #expect(problem.location.line == 1 && problem.hint == "the file is UTF-16; save it as UTF-8", "\(problem)")
    }

    /// A key is compared as written, even one that reads as null elsewhere.
    @Test func nullLookingKeyIsAKey() throws {
        let problems = try problems(scenario: "null: 1\n~: 2\n")
        #expect(problems.contains { $0.message == "unknown key null" && $0.location.line == 1 }, "\(problems)")
        #expect(problems.contains { $0.message == "unknown key ~" && $0.location.line == 2 }, "\(problems)")
    }

    /// Without the check, CSV.swift reads the rest of the file as one field, and the message
    /// about it printed the whole rest of the file.
    @Test func unclosedQuoteIsReportedWhereItOpens() throws {
        var fixture = ScenarioFixture()
        fixture.works = fixture.works.replacingOccurrences(of: "w3,00003,", with: "w3,\"00003,")
        let problems = fixture.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.contains(file: "works.csv", line: line(of: "w3,", in: fixture.works), field: nil),
                "\(problems)")
    }

    /// Doubled quotes inside a quoted field, quoted line breaks and a lone \r line end are no unclosed quote.
    @Test func closedQuotesAreNotFlagged() throws {
        var fixture = ScenarioFixture()
        fixture.works = fixture.works.replacingOccurrences(of: "w3,00003,culture,300,,true,TRUE,False,x",
                                                           with: "w3,00003,culture,300,,true,TRUE,False,\"say \"\"hi\"\"\"\r")
        let works = try fixture.load().works
        #expect(works.map(\.id) == ["w1", "w2", "w3"])
    }

    @Test func runawayValuesAreShortenedInMessages() throws {
        var fixture = ScenarioFixture()
        let long = String(repeating: "7", count: 5_000)
        fixture.works = fixture.works.replacingOccurrences(of: "w1,00001,", with: "w1,\(long),")
        let problems = fixture.problems()
        let problem = try #require(problems.first { $0.location.field == "commune" })
        #expect(problem.message == "no commune with code \"\(String(repeating: "7", count: 60))…\" in communes.csv")
    }

    /// A device never ends and a pipe may never come: only regular files are read.
    @Test func deviceIsNotRead() throws {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "data/works.csv", with: "/dev/zero")
        let problems = fixture.problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.contains(file: "scenario.yaml", line: line(of: "/dev/zero", in: fixture.scenario),
                                  field: "works"), "\(problems)")
        #expect(problems.first?.hint == "it is not a regular file")
    }

    /// 20,000 junk rows of works.csv: every row has a bad value in six columns (120,000 problems).
    @Test func junkRowsKeepTheFirstThousandAndCountTheRest() throws {
        var fixture = ScenarioFixture()
        let header = ScenarioFixture.works.split(separator: "\n")[0]
        fixture.works = header + "\n" + String(repeating: "x,nowhere,,-1,abc,maybe,perhaps,sometimes,\n", count: 20_000)
        let error = try #require(fixtureError(fixture))
        // Per row: commune unknown, category empty, cost negative, benefit not a number,
        // three bad booleans = 7 problems; ids repeat from the second row (1 more) → 8 per row but the first.
        #expect(error.totalCount == 7 + 19_999 * 8, "\(error.totalCount)")
        #expect(error.problems.count == 1_000)
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == ScenarioLoadError.shownLimit + 1)
        #expect(lines.last == "… and \(grouped(error.totalCount - 50)) more problems")
    }

    private func fixtureError(_ fixture: ScenarioFixture) -> ScenarioLoadError? {
        do {
            _ = try fixture.load()
        } catch let error as ScenarioLoadError {
            return error
        } catch {}
        return nil
    }

    /// Thousands separators, computed independently of the code under test.
    private func grouped(_ number: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: number)) ?? ""
    }
}
