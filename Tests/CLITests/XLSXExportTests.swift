import Foundation
import Testing
import TestSupport
import Allocation
import ScenarioIO
@testable import Reports

/// `plan.xlsx` (issue 9, item 2), read back by an independent reader: openpyxl, in the
/// `.venv-test` environment that `scripts/test-venv.sh` makes (CI runs it before `swift test`).
/// `scripts/check-xlsx.py` compares every cell of the workbook with the CSV tables and
/// summary.json written by the same run, and checks number formats, the frozen header row,
/// the autofilter, column widths and that codes are stored as text.
@Suite struct XLSXExportTests {
    /// The environment's Python, or a failure that says how to make it: the tests never pass
    /// silently without their reader.
    static func python() throws -> String {
        let python = Repository.path(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? Repository.run(python, ["-c", "import openpyxl"]).status) == 0 else {
            Issue.record(".venv-test with openpyxl is missing: run `bash scripts/test-venv.sh` (CI's .ci/run does) to check plan.xlsx")
            throw MissingReader()
        }
        return python
    }

    /// Thrown after recording the missing environment, to stop the test.
    struct MissingReader: Error {}

    /// The words the workbook shows for the CSV's codes, for the checker: categories, kinds,
    /// scopes and statuses, from the reports' vocabulary; and the columns' titles.
    static func labels(_ language: ReportLanguage) throws -> Data {
        func table<K: LabelKey & RawRepresentable>(_ type: K.Type) -> [String: String] where K.RawValue == String {
            Dictionary(uniqueKeysWithValues: K.allCases.map { ($0.rawValue, $0.term.text(language)) })
        }
        let object = ["category": table(CategoryLabel.self), "kind": table(SourceKind.self),
                      "scope": table(ScopeLabel.self), "status": table(CommuneStatus.self), "columns": table(TableColumn.self)]
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Runs the checker on an output folder; fails the test with its report when it fails.
    static func check(_ folder: String, language: ReportLanguage, works: String? = nil) throws {
        let python = try python()
        let labelFile = folder + "/labels.json.test"
        try labels(language).write(to: URL(fileURLWithPath: labelFile))
        defer { try? FileManager.default.removeItem(atPath: labelFile) }
        let result = try Repository.run(python, [Repository.path("scripts/check-xlsx.py"), folder, "--lang", language.rawValue,
                                                 "--labels", labelFile] + (works.map { ["--works", $0] } ?? []))
        #expect(result.status == 0, "check-xlsx.py failed:\n\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("plan.xlsx matches"), "\(result.stdout)")
    }

    /// Two districts, codes with leading zeros, a work name with XML's special characters, a
    /// category outside the standard list, a pooled and a local source, a target commune, and
    /// two required works the budget cannot fund in full (one of the target commune).
    static func writeScenario(multiYear: Bool) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let group = multiYear ? "former_district" : "district"
        try directory.write("communes.csv", #"""
            code,name,\#(group),population,especially_difficult,border,status,criteria_met,people_cash
            05986,Xã Yên Khoái,Huyện Lộc Bình,2000,1,1,target,15,30
            06001,Xã Đoàn Kết,Huyện Lộc Bình,3000,0,0,none,12,50
            00042,"Phường Chi Lăng, ""cũ""",Thành phố Lạng Sơn,8000,0,0,standard,19,0

            """#)
        try directory.write("works.csv", #"""
            id,commune,name,category,cost,benefit,required,community_buildable,divisible
            w01,05986,"Trường tiểu học <Yên Khoái> & ""nhà"" bếp",school,400,,1,0,1
            w02,05986,Đường thôn Bản Chắt,transport,250.5,,0,1,1
            w03,06001,Nhà văn hóa,culture,300,200,0,0,1
            w04,06001,,fish_ponds,120,,0,1,1
            w05,00042,Chợ,commerce,900,,1,0,1
            w06,05986,Hồ chứa nước Khuổi Ỏ,irrigation,5000,,1,0,1

            """#)
        let budget = multiYear ? "{2026: 600, 2027: 500}" : "1100"
        try directory.write("scenario.yaml", """
            name: "Hai huyện & một phường"
            notes: "Made up for the workbook test."
            communes: communes.csv
            works: works.csv
            \(multiYear ? "periods: [2026, 2027]\nreport: {group_by: former_district}" : "")
            sources:
              - {id: central, name: "NSTW", kind: central, scope: pooled, budget: \(budget)}
              - {id: people, name: "Nhân dân đóng góp", kind: people, scope: local, capacity_column: people_cash}

            """)
        return directory
    }

    /// Solves a scenario with the CLI, writing the CSV tables, summary.json and plan.xlsx.
    static func solve(_ scenario: String, language: ReportLanguage, extra: [String] = []) throws -> String {
        let out = Repository.temporaryFolder()
        let result = try CLITests.run(["solve", scenario, "--out", out, "--format", "csv,json,xlsx", "--lang", language.rawValue] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test(arguments: [ReportLanguage.vi, .en])
    func workbookMatchesTheCSVTablesCellByCell(language: ReportLanguage) throws {
        let scenario = try Self.writeScenario(multiYear: false)
        defer { scenario.remove() }
        let out = try Self.solve(scenario.url("scenario.yaml").path, language: language)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Self.check(out, language: language, works: scenario.url("works.csv").path)
        // The checker compares with the CSV; the CSV itself must have what this test is about.
        let communes = try String(contentsOfFile: out + "/communes.csv", encoding: .utf8)
        #expect(communes.contains("05986") && communes.contains("00042"))
    }

    /// The checker is not a rubber stamp: a code turned into a number, an amount off by 0.01,
    /// a money cell without its format and a wrong header are each reported, and the check fails.
    @Test func checkerCatchesAWorkbookThatDisagrees() throws {
        let python = try Self.python()
        let scenario = try Self.writeScenario(multiYear: false)
        defer { scenario.remove() }
        let out = try Self.solve(scenario.url("scenario.yaml").path, language: .vi)
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Allocations: B2 is the first commune code, J2 the first amount, J3 the second.
        let spoil = """
            import sys, openpyxl
            path = sys.argv[1] + "/plan.xlsx"
            wb = openpyxl.load_workbook(path)
            ws = wb.worksheets[1]
            ws["B2"].value = int(ws["B2"].value)
            ws["J2"].value = ws["J2"].value + 0.01
            ws["J3"].number_format = "General"
            ws["I1"].value = "Nguồn"
            wb.save(path)
            """
        let spoiled = try Repository.run(python, ["-c", spoil, out])
        try #require(spoiled.status == 0, "\(spoiled.stderr)")
        let labelFile = out + "/labels.json.test"
        try Self.labels(.vi).write(to: URL(fileURLWithPath: labelFile))
        let result = try Repository.run(python, [Repository.path("scripts/check-xlsx.py"), out, "--lang", "vi", "--labels", labelFile])
        #expect(result.status == 1)
        #expect(result.stdout.contains("B2 (commune_code): 5986, expected '05986'"), "\(result.stdout)")
        #expect(result.stdout.contains("J2 (amount): 400.01 differs from the CSV's 400"), "\(result.stdout)")
        #expect(result.stdout.contains("J3 (amount): number format 'General', expected '#,##0.00'"), "\(result.stdout)")
        #expect(result.stdout.contains("header I1 is 'Nguồn', expected 'Mã nguồn vốn'"), "\(result.stdout)")
    }

    @Test func multiYearWorkbookHasTheYearSheetAndTheFormerDistricts() throws {
        let scenario = try Self.writeScenario(multiYear: true)
        defer { scenario.remove() }
        let out = try Self.solve(scenario.url("scenario.yaml").path, language: .vi)
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(FileManager.default.fileExists(atPath: out + "/sources-by-period.csv"))
        try Self.check(out, language: .vi, works: scenario.url("works.csv").path)
        let names = PlanWorkbook.workbook(for: PlanReport(plan: try plan(scenario)), language: .vi).sheets.map(\.name)
        #expect(names == ["Tổng hợp", "Phân bổ", "Xã", "Nguồn vốn", "Theo huyện cũ", "Bắt buộc chưa đủ vốn", "Theo năm"])
    }

    @Test func mipWorkbookOfTheTinyExample() throws {
        let out = try Self.solve(Repository.tinyScenario, language: .en, extra: ["--mode", "mip"])
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Self.check(out, language: .en, works: Repository.path("scenarios/examples/tiny/works.csv"))
    }

    private func plan(_ directory: TemporaryDirectory) throws -> AllocationPlan {
        let scenario = try ScenarioLoader.load(directory.url("scenario.yaml").path)
        return try AllocationModel(scenario: scenario).solve()
    }

    /// `--format xlsx` writes plan.xlsx alone, through the run's output set (no staging folder left).
    @Test func formatXLSXWritesTheWorkbookAlone() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--format", "xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["plan.xlsx"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/plan.xlsx"))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]), "not a ZIP file")
        let help = try CLITests.run(["solve", "--help"])
        #expect(help.stdout.contains("xlsx"))
    }

    // MARK: The general writer

    /// Text the XML and SpreadsheetML rules touch, numbers at the edges, and tab names Excel
    /// refuses; openpyxl's reading is compared with what ECMA-376 says a reader must see.
    @Test func writerEscapesTextAndKeepsNumbersExact() throws {
        let python = try Self.python()
        let tricky = ["05986", "a & b <c> \"d\" 'e'", "Xã Yên Khoái – Lộc Bình", "line 1\nline 2\tend", "_x0041_ stays",
                      "bell\u{07}", "=SUM(A1)", "   spaced   "]
        let numbers: [Double] = [0, -3.5, 1e-7, 0.1 + 0.2, 123_456_789.123, 1e15, -0.0]
        let sheet = Spreadsheet.Sheet(name: "a/b:c*?[d]", header: ["text", "number"],
                                      rows: zip(tricky, numbers + [.infinity]).map { [.text($0), .number($1, .twoDecimals)] })
        let twin = Spreadsheet.Sheet(name: "A/B:C*?[D]", header: ["x"], rows: [[.count(7)], [.empty], [.number(.nan, .percent)]])
        let long = Spreadsheet.Sheet(name: String(repeating: "Theo huyện ", count: 5), header: ["y"], rows: [])
        let workbook = Spreadsheet.Workbook(sheets: [sheet, twin, long])
        let data = try workbook.data()
        #expect(try workbook.data() == data, "the same workbook must give the same bytes")
        let file = Repository.temporaryFolder() + ".xlsx"
        try data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"names": wb.sheetnames, "sheets": []}
            for ws in wb.worksheets:
                out["sheets"].append({"freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                    "cells": [[[c.value if not isinstance(c.value, float) else repr(c.value), c.data_type, c.number_format]
                               for c in row] for row in ws.iter_rows()]})
            print(json.dumps(out))
            """
        let result = try Repository.run(python, ["-c", script, file])
        try #require(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let names = try #require(object["names"] as? [String])
        #expect(names == ["a-b-c---d-", "A-B-C---D- (2)", "Theo huyện Theo huyện Theo huyệ"])
        #expect(names[2].count == 31)
        let sheets = try #require(object["sheets"] as? [[String: Any]])
        let first = try #require(sheets[0]["cells"] as? [[[Any]]])
        #expect(sheets[0]["freeze"] as? String == "A2" && sheets[0]["filter"] as? String == "A1:B9")
        #expect(sheets[2]["filter"] as? String == "A1:A1")
        // Text as written, except that a control character XML cannot hold is Excel's _x0007_
        // (openpyxl does not decode it) and "_x0041_" survives its _x005F_ escape.
        let expectedText = tricky.map { $0 == "bell\u{07}" ? "bell_x0007_" : $0 }
        for (i, text) in expectedText.enumerated() {
            let cell = first[i + 1][0]
            #expect(cell[0] as? String == text && cell[1] as? String == "s" && cell[2] as? String == "@", "\(cell)")
        }
        // Numbers: the same Double (Python's repr round-trips) with the format asked for; ∞ as text.
        for (i, value) in numbers.enumerated() {
            let cell = first[i + 1][1]
            let read = (cell[0] as? String).flatMap(Double.init) ?? (cell[0] as? Int).map(Double.init)
            #expect(read == value, "\(cell) for \(value)")
            #expect(cell[1] as? String == "n" && cell[2] as? String == "#,##0.00", "\(cell)")
        }
        #expect(first[8][1][0] as? String == "∞")
        let second = try #require(sheets[1]["cells"] as? [[[Any]]])
        #expect(second[1][0][0] as? Int == 7 && second[1][0][2] as? String == "#,##0")
        #expect(second.count == 2, "empty cells and NaN write no cells: \(second)")
    }

    /// Excel's limits: text longer than a cell holds is cut at 32,767 characters (ending in "…");
    /// a sheet wider than 16,384 columns is refused with the sheet named; a sheet longer than
    /// 1,048,576 rows continues on further sheets.
    @Test func writerKeepsWithinExcelsLimits() throws {
        let python = try Self.python()
        let long = String(repeating: "ă", count: 40_000)
        let data = try Spreadsheet.Workbook(sheets: [Spreadsheet.Sheet(name: "s", header: ["t"], rows: [[.text(long)]])]).data()
        let file = Repository.temporaryFolder() + ".xlsx"
        try data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try Repository.run(python, ["-c", """
            import sys, openpyxl
            v = openpyxl.load_workbook(sys.argv[1]).active["A2"].value
            print(len(v), v[-1] == "…", set(v[:-1]) == {"ă"})
            """, file])
        #expect(result.stdout == "32767 True True\n", "\(result.stdout)\(result.stderr)")
        let wide = Spreadsheet.Sheet(name: "rộng", header: Array(repeating: "c", count: Spreadsheet.maxColumns + 1), rows: [])
        #expect(throws: Spreadsheet.LimitError.self) { try Spreadsheet.Workbook(sheets: [wide]).data() }
        do {
            _ = try Spreadsheet.Workbook(sheets: [wide]).data()
        } catch {
            #expect("\(error)".contains("sheet 'rộng' would have 16385 columns"), "\(error)")
        }
        // Too many rows: the sheet continues on more sheets, each with the header.
        let tall = Spreadsheet.Sheet(name: "Phân bổ", header: ["n"], rows: (1...5).map { [.count($0)] })
        let parts = tall.parts(maxRows: 3)
        #expect(parts.map { $0.rows.map { $0[0] } } == [[.count(1), .count(2)], [.count(3), .count(4)], [.count(5)]])
        #expect(parts.allSatisfy { $0.header == ["n"] && $0.name == "Phân bổ" })
        #expect(SpreadsheetPackage.validNames(parts.map(\.name)) == ["Phân bổ", "Phân bổ (2)", "Phân bổ (3)"])
        #expect(tall.parts(maxRows: 6).count == 1)
    }

    /// Widths follow the longest shown text or number, within 6 and 60.
    @Test func columnWidthsFitTheContent() {
        let sheet = Spreadsheet.Sheet(name: "s", header: ["Mã", "Tên xã", "Số vốn"], rows: [
            [.text("05986"), .text("Xã Yên Khoái"), .number(1_234_567.891, .twoDecimals)],
            [.text("1"), .text(String(repeating: "x", count: 100)), .number(0.5, .percent)],
        ])
        // "05986": 5 + 2 → 7 against the header's 2 × 1.1 + 3 + 2; 100 characters → capped at 60;
        // "1,234,567.89" is 12 characters → 14.
        #expect(sheet.columnWidths == [8, 60, 14])
        // A long header over short values wraps at 18 (+2) instead of widening the column to 37.
        let money = Spreadsheet.Sheet(name: "m", header: ["Vốn nhà nước chung (triệu đồng)"], rows: [[.number(1_234.5, .twoDecimals)]])
        #expect(money.columnWidths == [20])
        // Word wrap: 3.3 + 1.1 + 3.3 + 1.1 + 4.4 = 13.2 fits 16, "chung" does not; then "chung (triệu", then "đồng)".
        #expect(Spreadsheet.lineCount("Vốn nhà nước chung (triệu đồng)", width: 16, factor: 1.1) == 3)
        #expect(Spreadsheet.lineCount("a b", width: 10) == 1 && Spreadsheet.lineCount("a\nb", width: 10) == 2)
        #expect(Spreadsheet.lineCount(String(repeating: "x", count: 25), width: 10) == 3)
        #expect(Spreadsheet.displayLength(.number(-0.125, .percent)) == 6)  // "-12.5%"
        // 1e20 as "100,000,000,000,000,000,000.00": 21 digits, 6 separators, 3 for ".00" (and no trap).
        #expect(Spreadsheet.displayLength(.number(1e20, .twoDecimals)) == 30)
        #expect(Spreadsheet.displayLength(.number(0.00005, PlanWorkbook.gapFormat)) == 7)  // "0.0050%"
        #expect(Spreadsheet.columnName(0) == "A" && Spreadsheet.columnName(25) == "Z" && Spreadsheet.columnName(26) == "AA"
                && Spreadsheet.columnName(701) == "ZZ" && Spreadsheet.columnName(702) == "AAA")
    }
}
