import Testing
import CSV
@testable import Reports

/// The CSV exports are written by Reports' own serializer and must read back, cell for cell,
/// with CSV.swift (what a spreadsheet or a script would use).
@Suite struct CSVExportTests {
    @Test func awkwardFieldsRoundTrip() throws {
        let rows = [["Xã Đồng Đăng", "a,b", "say \"hi\"", "two\nlines", ""],
                    ["Huyện Hữu Lũng", "1250.5", "-0.25", "x\r\ny", " spaced "]]
        let text = PlanTables.csv(header: ["name", "comma", "quote", "newline", "blank"], rows: rows)
        #expect(text.hasSuffix("\n"))
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow == ["name", "comma", "quote", "newline", "blank"])
        var read: [[String]] = []
        while let row = reader.next() { read.append(row) }
        #expect(read == rows)
    }
}
