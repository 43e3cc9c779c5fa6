import Foundation
import Testing
import TestSupport
import Allocation
@testable import ScenarioIO

/// communes.csv and works.csv as Excel saves them back: a byte-order mark, CRLF, `;` as the
/// separator with decimal commas (a Vietnamese locale), trailing empty columns and rows, and
/// codes stripped of their leading zeros.
@Suite struct ExcelCSVTests {
    /// The fixture's communes.csv as Excel in a Vietnamese locale saves it (the codes kept as
    /// Text): the same values as `ScenarioFixture.communes`.
    static let excelCommunes = [
        "code;name;district;population;especially_difficult;border;status;criteria_met;labour_days;note;;",
        "00001;Phường Hoàng Văn Thụ, TP;Thành phố Lạng Sơn;5200;0;0;standard;19;1200;ok;;",
        "00002;Xã Tân Thanh;Văn Lãng;3100;1;TRUE;target;12;800;biên giới;;",
        "00003; Xã Mẫu Sơn ;Lộc Bình;2400;true;0;None;9;600,5;;;",
        ";;;;;;;;;;;",
        ";;;;;;;;;;;",
    ].joined(separator: "\r\n") + "\r\n"

    /// The fixture's works.csv after Excel: codes lost their zeros (00001 → 1), 800.5 → 800,5.
    static let excelWorks = [
        "id;commune;category;cost;benefit;required;community_buildable;divisible;remark",
        "w1;1;Transport;1500;;1;0;1;",
        "w2;2;irrigation;800,5;1000;0;1;0;\"two\r\nlines\"",
        "w3;3;culture;300;;true;TRUE;False;x",
        ";;;;;;;;",
    ].joined(separator: "\r\n") + "\r\n"

    /// Loads the fixture with the given communes.csv / works.csv bytes.
    static func load(communes: Data? = nil, works: Data? = nil) throws(ScenarioLoadError) -> Scenario {
        let directory: TemporaryDirectory
        do {
            directory = try ScenarioFixture().write()
            if let communes { try directory.write("data/communes.csv", data: communes) }
            if let works { try directory.write("data/works.csv", data: works) }
        } catch {
            Issue.record("cannot write the fixture: \(error)")
            throw ScenarioLoadError(problems: [])
        }
        defer { directory.remove() }
        return try ScenarioLoader.load(directory.url("scenario.yaml").path)
    }

    static func bom(_ text: String) -> Data { Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)) }

    static func problems(communes: Data? = nil, works: Data? = nil) -> [InputProblem] {
        do {
            _ = try load(communes: communes, works: works)
            Issue.record("the scenario loaded without problems")
        } catch {
            return error.problems
        }
        return []
    }

    /// What Excel saves reads as the same scenario as the original comma files.
    @Test func excelSavedFilesLoadAsTheOriginal() throws {
        let original = try ScenarioFixture().load()
        let excel = try Self.load(communes: Self.bom(Self.excelCommunes), works: Self.bom(Self.excelWorks))
        #expect(excel.communes == original.communes)
        #expect(excel.works == original.works)
        #expect(excel.communes.map(\.code) == ["00001", "00002", "00003"])
        #expect(excel.works.map(\.commune) == ["00001", "00002", "00003"], "the stripped codes are matched back")
        #expect(excel.communes[2].numericColumns["labour_days"] == 600.5, "decimal comma")
        #expect(excel.works[1].cost == 800.5, "decimal comma")
    }

    /// The issue's case: the bundled works.csv opened in Excel (Vietnamese locale) and saved
    /// back — every commune code stripped of its zero (05986 → 5986), `;`, decimal commas, CRLF,
    /// a BOM, trailing empty columns — loads as the same 1,871 works (main gave 1,871 errors).
    @Test func bundledWorksSavedByExcelLoadAsTheOriginal() throws {
        let original = try ScenarioLoader.load(Repository.path("scenarios/langson-2021-2025/scenario.yaml"))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bundled = Repository.path("scenarios/langson-2021-2025")
        for file in ["scenario.yaml", "data/communes.csv", "weights/balanced.yaml"] {
            try directory.write(file, data: try Data(contentsOf: URL(fileURLWithPath: bundled + "/" + file)))
        }
        let lines = try String(contentsOfFile: bundled + "/data/works.csv", encoding: .utf8).split(separator: "\n")
        var excel = [String(lines[0]).replacingOccurrences(of: ",", with: ";") + ";;"]
        for line in lines.dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = String(Int(fields[1])!)
            excel.append(fields.joined(separator: ";") + ";;")
        }
        #expect(excel[1].hasPrefix("w0001;5986;production;377;;0;0;1;"))
        try directory.write("data/works.csv", excel.joined(separator: "\r\n") + "\r\n;;;;;;;;;;\r\n", byteOrderMark: true)
        let loaded = try ScenarioLoader.load(directory.url("scenario.yaml").path)
        #expect(loaded.works.count == 1871)
        #expect(loaded.works == original.works)
    }

    @Test(arguments: [("1234,5", 1234.5), ("-0,25", -0.25), ("1.234,5", 1234.5), ("1.234.567", 1_234_567),
                      ("0.25", 0.25), ("1250", 1250), ("1,5E+03", 1500), (" 12,0 ", 12)])
    func decimalCommaNumbers(text: String, value: Double) {
        #expect(InputText.number(text, decimalComma: true) == value)
    }

    @Test(arguments: ["1.250", "1,2,3", "12.34,5", "1.2345,6", ",", "1.234.56", "abc", ""])
    func decimalCommaNonNumbers(text: String) {
        #expect(InputText.number(text, decimalComma: true) == nil)
    }

    /// A decimal comma in a comma-separated file stays refused (it would be two fields anyway).
    @Test func pointFilesKeepPointNumbers() {
        #expect(InputText.number("1234,5", decimalComma: false) == nil)
        #expect(InputText.number("1.250", decimalComma: false) == 1.25)
    }

    /// "1.250" in a `;` file is refused at its line and column, saying why.
    @Test func ambiguousThousandsPointIsRefused() throws {
        let works = Self.excelWorks.replacingOccurrences(of: "w1;1;Transport;1500;", with: "w1;1;Transport;1.500;")
        let problems = Self.problems(works: Data(works.utf8))
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.location.file.hasSuffix("works.csv") && problem.location.line == 2 && problem.location.field == "cost")
        #expect(problem.hint?.contains("thousands separator or a decimal point") == true, "\(problem)")
    }

    /// Columns are found by name whatever its case, spacing or Unicode form; the first of a
    /// repeated name is the one read (the repeat is reported); an unnamed column and a column the
    /// header lacks are not found.
    @Test func columnsAreFoundByNameRegardlessOfCase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntm-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("works.csv").path
        // "Tên" written decomposed (e + combining circumflex); the loader asks in NFC.
        try " ID , Cost,,Name,id,T\u{0065}\u{0302}n,start_from\nw1,10,x,a,w9,b,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let log = ProblemLog()
        let table = try #require(CSVTable.read(path, log: log))
        #expect(table.column("id") == 0)
        #expect(table.column("ID") == 0)
        #expect(table.column(" Id ") == 0)
        #expect(table.column("cost") == 1)
        #expect(table.column("name") == 3)
        #expect(table.column("tên") == 5)
        #expect(table.column("TÊN") == 5)
        #expect(table.column("start_from") == 6)
        #expect(table.column("duration") == nil)
        #expect(table.column("") == nil)
        #expect(log.problems.map(\.message) == ["column id appears twice"])
        #expect(table.rows.first?.fields[table.column("id")!] == "w1")
    }

    @Test func separatorIsDetectedFromTheHeader() {
        #expect(CSVTable.detectedSeparator(in: "a;b;c\n1,5;2;3\n") == ";")
        #expect(CSVTable.detectedSeparator(in: "a,b,c\n1;2,3,4\n") == ",")
        #expect(CSVTable.detectedSeparator(in: "\r\n\"a;b\",c\r\n") == ",", "quoted semicolons do not count")
        #expect(CSVTable.detectedSeparator(in: "code\n1\n") == ",")
    }

    /// communes.csv lost its zeros while works.csv kept them: refused at the commune's line,
    /// once per code, naming the column and the code as works.csv writes it.
    @Test func communesThatLostTheirZerosAreRefused() throws {
        var fixture = ScenarioFixture()
        fixture.communes = fixture.communes.replacingOccurrences(of: "00002,", with: "2,")
        fixture.works = fixture.works.replacingOccurrences(of: "w3,00003,", with: "w4,00002,transport,100,,0,0,1,\nw3,00003,")
        let problems = fixture.problems()
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.location.file.hasSuffix("communes.csv") && problem.location.line == 3 && problem.location.field == "code")
        #expect(problem.message.hasPrefix("code 2 looks like 00002 (as "), "\(problem)")
        #expect(problem.message.hasSuffix("with its leading zeros removed by Excel"), "\(problem)")
        #expect(problem.hint?.contains("Text") == true)
    }

    /// Digits that match two codes once zeros are ignored are not guessed.
    @Test func ambiguousStrippedCodeIsRefused() throws {
        let communes = Self.excelCommunes.replacingOccurrences(of: "00003;", with: "0002;")
        let works = Self.excelWorks.replacingOccurrences(of: "w3;3;", with: "w3;0002;")
        let problems = Self.problems(communes: Data(communes.utf8), works: Data(works.utf8))
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.location.file.hasSuffix("works.csv") && problem.location.line == 3 && problem.location.field == "commune")
        #expect(problem.message == "\"2\" matches 2 codes of communes.csv once leading zeros are ignored (00002, 0002)")
    }

    /// A code written as a number ("5.986E+03", "2.0") is refused in communes.csv; in works.csv
    /// it is matched back when one code has its digits.
    @Test func numberNotation() throws {
        let communes = Self.excelCommunes.replacingOccurrences(of: "00003;", with: "3.0;")
        let problems = Self.problems(communes: Data(communes.utf8))
        #expect(problems.contains(file: "communes.csv", line: 4, field: "code"), "\(problems)")
        #expect(problems.first?.message == "code \"3.0\" is a number as Excel writes one, not a code")

        let works = Self.excelWorks.replacingOccurrences(of: "w1;1;", with: "w1;1E+00;").replacingOccurrences(of: "w3;3;", with: "w3;3,0;")
        let scenario = try Self.load(works: Data(works.utf8))
        #expect(scenario.works.map(\.commune) == ["00001", "00002", "00003"])
        #expect(CommuneCodes.digits(of: "5.986E+03") == "5986")
        #expect(CommuneCodes.digits(of: "05986") == "5986")
        #expect(CommuneCodes.digits(of: "5986.5") == nil)
        #expect(CommuneCodes.digits(of: "T01") == nil)
    }

    /// Windows-1258/1252 text (Excel's plain "CSV") is refused at its line with a hint to save as CSV UTF-8.
    @Test func windowsCodePageIsRefusedWithAHint() throws {
        var bytes = Array("code;name\r\n".utf8)
        bytes += Array("00001;X".utf8) + [0xE3] + Array(" H".utf8) + [0xF2] + Array("ng\r\n".utf8)  // "Xã Hòng" in CP1252
        let problems = Self.problems(communes: Data(bytes))
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.location.file.hasSuffix("communes.csv") && problem.location.line == 2)
        #expect(problem.hint?.contains("save it as \"CSV UTF-8\"") == true, "\(problem)")
    }

    /// Line breaks inside a field are counted over its bytes as Swift's Characters count them:
    /// `\n`, `\r\n` (one) and a lone `\r` each end a line. Checked on 2,000 seeded random
    /// fields of breaks, letters and Vietnamese text against the Character count.
    @Test func lineBreaksInAFieldAreCountedAsCharactersCountThem() {
        var generator = SplitMix64(seed: 12)
        let pieces = ["\n", "\r", "\r\n", "a", "ế", "Xã Đồng", " ", "\"", "\n\r"]
        for _ in 0..<2_000 {
            var field = ""
            for _ in 0..<Int(generator.next() % 12) { field += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let byCharacter = field.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
            #expect(CSVTable.lineBreaks(in: field) == byCharacter, "\(field.debugDescription)")
        }
        #expect(CSVTable.lineBreaks(in: "two\r\nlines\rand\n") == 3)
    }
}
