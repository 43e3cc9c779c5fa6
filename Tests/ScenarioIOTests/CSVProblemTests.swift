import Foundation
import ScenarioIO
import Testing
import TestSupport

/// Problems in communes.csv and works.csv: each is found at its editor line and column name.
@Suite struct CSVProblemTests {
    /// The fixture with `old` replaced by `new` in communes.csv.
    private func communes(_ old: String, _ new: String) -> ScenarioFixture {
        var fixture = ScenarioFixture()
        fixture.communes = fixture.communes.replacingOccurrences(of: old, with: new)
        #expect(fixture.communes != ScenarioFixture.communes, "fixture edit did not apply")
        return fixture
    }

    /// The fixture with `old` replaced by `new` in works.csv.
    private func works(_ old: String, _ new: String) -> ScenarioFixture {
        var fixture = ScenarioFixture()
        fixture.works = fixture.works.replacingOccurrences(of: old, with: new)
        #expect(fixture.works != ScenarioFixture.works, "fixture edit did not apply")
        return fixture
    }

    // MARK: communes.csv

    @Test func missingRequiredCommuneColumn() {
        let problems = communes("status,criteria_met", "state,criteria_met").problems()
        #expect(problems.contains(file: "communes.csv", line: 1, field: "status"), "\(problems)")
    }

    @Test func duplicateCommuneCode() {
        let problems = communes("00003,", "00002,").problems()
        #expect(problems.contains(file: "communes.csv", line: 4, field: "code"), "\(problems)")
        #expect(problems.first { $0.location.field == "code" }?.hint == "first at line 3")
    }

    @Test(arguments: [("5200", "-5"), ("5200", "many"), ("5200", "52.5")])
    func badPopulation(old: String, new: String) {
        let problems = communes(old, new).problems()
        #expect(problems.contains(file: "communes.csv", line: 2, field: "population"), "\(problems)")
    }

    @Test(arguments: ["20", "-1", "7.5", "x"])
    func criteriaMetOutsideZeroToNineteen(value: String) {
        let problems = communes("target,12,", "target,\(value),").problems()
        #expect(problems.contains(file: "communes.csv", line: 3, field: "criteria_met"), "\(problems)")
    }

    @Test(arguments: ["yes", "2", "", "đúng"])
    func booleanNotOneZeroTrueFalse(value: String) {
        let problems = communes("3100,1,TRUE", "3100,1,\(value)").problems()
        #expect(problems.contains(file: "communes.csv", line: 3, field: "border"), "\(problems)")
    }

    @Test func unknownStatus() {
        let problems = communes("standard,19", "đạt chuẩn,19").problems()
        #expect(problems.contains(file: "communes.csv", line: 2, field: "status"), "\(problems)")
    }

    @Test func emptyCommuneCode() {
        let problems = communes("00003, Xã", ", Xã").problems()
        #expect(problems.contains(file: "communes.csv", line: 4, field: "code"), "\(problems)")
    }

    @Test func rowWithTooManyFields() {
        // An unquoted comma in a name shifts the row.
        let problems = communes("\"Phường Hoàng Văn Thụ, TP\"", "Phường Hoàng Văn Thụ, TP").problems()
        #expect(problems.contains(file: "communes.csv", line: 2, field: nil), "\(problems)")
    }

    @Test func capacityColumnNotNumericInARow() {
        let problems = communes("9,600.5,", "9,,").problems()
        #expect(problems.contains(file: "communes.csv", line: 4, field: "labour_days"), "\(problems)")
    }

    @Test func capacityColumnNegativeInARow() {
        let problems = communes("12,800,", "12,-800,").problems()
        #expect(problems.contains(file: "communes.csv", line: 3, field: "labour_days"), "\(problems)")
    }

    @Test func capacityColumnMissingFromCommunes() {
        let fixture = communes("labour_days", "labour")
        let problems = fixture.problems()
        let yamlLine = line(of: "capacity_column: labour_days", in: fixture.scenario)
        #expect(problems.contains(file: "scenario.yaml", line: yamlLine, field: "sources[1].capacity_column"),
                "\(problems)")
    }

    @Test func emptyCommunesFile() {
        var fixture = ScenarioFixture()
        fixture.communes = ""
        let problems = fixture.problems()
        #expect(problems.contains(file: "communes.csv", line: 1, field: nil), "\(problems)")
    }

    @Test func headerOnlyCommunesFile() {
        var fixture = ScenarioFixture()
        fixture.communes = "code,name,district,population,especially_difficult,border,status,criteria_met\n"
        let problems = fixture.problems()
        #expect(problems.contains(file: "communes.csv", line: 2, field: nil), "\(problems)")
    }

    @Test func missingCommunesFileIsReportedAtTheScenarioKey() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "data/communes.csv", with: "data/xa.csv")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 3, field: "communes"), "\(problems)")
    }

    @Test func invalidUTF8() throws {
        let directory = try ScenarioFixture().write()
        defer { directory.remove() }
        try directory.write("data/communes.csv", data: Data([0x63, 0x6F, 0x64, 0x65, 0xFF, 0xFE, 0x0A]))
        let error = #expect(throws: ScenarioLoadError.self) {
            try ScenarioLoader.load(directory.url("scenario.yaml").path)
        }
        #expect(error?.problems.contains(file: "communes.csv", line: 1, field: nil) == true)
    }

    /// The line and the byte in the line of the first bad byte, and how many other lines have one.
    @Test func invalidUTF8IsReportedAtItsLine() throws {
        var fixture = ScenarioFixture()
        // Line 3 of works.csv ("w2,…") gets a lone continuation byte after "w2,"; line 5 a truncated "ã".
        fixture.works = fixture.works.replacingOccurrences(of: "w2,", with: "w2,\u{1}")
            .replacingOccurrences(of: "w3,", with: "w3,\u{2}")
        let directory = try fixture.write()
        defer { directory.remove() }
        var bytes = Array(fixture.works.utf8)
        bytes[bytes.firstIndex(of: 0x01)!] = 0x80
        bytes[bytes.firstIndex(of: 0x02)!] = 0xC3
        try directory.write("data/works.csv", data: Data(bytes))
        let error = #expect(throws: ScenarioLoadError.self) {
            try ScenarioLoader.load(directory.url("scenario.yaml").path)
        }
        let problem = try #require(error?.problems.first { $0.location.file.hasSuffix("works.csv") })
        #expect(problem.location.line == 3)
        #expect(problem.message == "not valid UTF-8 text: byte 4 of the line starts 0x80 0x30 0x30 0x30; "
                    + "1 more line has invalid bytes", "\(problem)")
    }

    // MARK: works.csv

    @Test func missingRequiredWorkColumn() {
        let problems = works(",divisible,", ",whole,").problems()
        #expect(problems.contains(file: "works.csv", line: 1, field: "divisible"), "\(problems)")
    }

    @Test func duplicateWorkId() {
        let problems = works("w3,", "w1,").problems()
        #expect(problems.contains(file: "works.csv", line: 5, field: "id"), "\(problems)")
    }

    @Test func workOfAnUnknownCommune() {
        let problems = works("w1,00001", "w1,00009").problems()
        #expect(problems.contains(file: "works.csv", line: 2, field: "commune"), "\(problems)")
    }

    @Test(arguments: ["-1500", "0", "\"1.500,5\"", "abc", "", "nan", "0x10"])
    func costMustBeAPositiveNumber(value: String) {
        let problems = works("Transport,1500,", "Transport,\(value),").problems()
        #expect(problems.contains(file: "works.csv", line: 2, field: "cost"), "\(problems)")
    }

    @Test(arguments: ["-1", "lots"])
    func benefitMustBeANonNegativeNumber(value: String) {
        let problems = works("800.5,1000,", "800.5,\(value),").problems()
        #expect(problems.contains(file: "works.csv", line: 3, field: "benefit"), "\(problems)")
    }

    @Test func workBooleanAfterAMultiLineField() {
        let problems = works("300,,true,TRUE,False", "300,,true,TRUE,no").problems()
        #expect(problems.contains(file: "works.csv", line: 5, field: "divisible"), "\(problems)")
    }

    @Test func emptyCategory() {
        let problems = works("00001,Transport", "00001,").problems()
        #expect(problems.contains(file: "works.csv", line: 2, field: "category"), "\(problems)")
    }

    @Test func missingWorksFile() {
        var fixture = ScenarioFixture()
        fixture.scenario = fixture.scenario.replacingOccurrences(of: "data/works.csv", with: "cong-trinh.csv")
        let problems = fixture.problems()
        #expect(problems.contains(file: "scenario.yaml", line: 4, field: "works"), "\(problems)")
    }

    @Test func emptyWorksFile() {
        var fixture = ScenarioFixture()
        fixture.works = "\n \n"
        let problems = fixture.problems()
        #expect(problems.contains(file: "works.csv", line: 1, field: nil), "\(problems)")
    }

    // MARK: several at once

    @Test func everyProblemOfAFileIsReported() {
        var fixture = ScenarioFixture()
        fixture.works = """
            id,commune,category,cost,benefit,required,community_buildable,divisible
            w1,00001,transport,-1,,1,0,1
            w2,00042,irrigation,10,,maybe,1,0
            w1,00003,culture,0,-4,1,1,1

            """
        fixture.communes = fixture.communes.replacingOccurrences(of: "3100", with: "-3100")
        let problems = fixture.problems()
        let expected: [(String, Int, String)] = [
            ("works.csv", 2, "cost"), ("works.csv", 3, "commune"), ("works.csv", 3, "required"),
            ("works.csv", 4, "id"), ("works.csv", 4, "cost"), ("works.csv", 4, "benefit"),
            ("communes.csv", 3, "population"),
        ]
        for (file, line, field) in expected {
            #expect(problems.contains(file: file, line: line, field: field), "\(file):\(line) \(field) in \(problems)")
        }
        #expect(problems.count == expected.count, "\(problems)")
        // The description has one line per problem, each starting with its location.
        let error = ScenarioLoadError(problems: problems)
        #expect(error.description.split(separator: "\n").count == problems.count)
        #expect(error.description.contains("works.csv:2, column cost: -1 is negative"))
    }
}
