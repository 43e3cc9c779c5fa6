import Foundation
import Testing
import CSV
import TestSupport
@testable import Reports

/// The CSV exports are written by Reports' own serializer and must read back, cell for cell,
/// with CSV.swift (what a spreadsheet or a script would use).
@Suite struct CSVExportTests {
    @Test func awkwardFieldsRoundTrip() throws {
        let rows = [["Xã Đồng Đăng", "a,b", "say \"hi\"", "two\nlines", ""],
                    ["Huyện Hữu Lũng", "1250.5", "-0.25", "x\r\ny", " spaced "]]
        let text = PlanTables.csv(header: ["name", "comma", "quote", "newline", "blank"], rows: rows)
        #expect(text.hasSuffix("\n"))
        #expect(Array(text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark first")
        let reader = try CSVReader(string: String(text.dropFirst()), hasHeaderRow: true)
        #expect(reader.headerRow == ["name", "comma", "quote", "newline", "blank"])
        var read: [[String]] = []
        while let row = reader.next() { read.append(row) }
        #expect(read == rows)
    }
}

/// Amounts and funded shares are written at full precision, so a checker can re-compute each
/// work's coverage from allocations.csv to 10⁻⁹ (6 decimals left errors of 2·10⁻⁴ on a 600 work).
@Suite struct FullPrecisionTests {
    @Test func fundedSharesAndAmountsRoundTrip() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Tiny example with central = 1,001: the extra million goes to w2 (1.0 per million, the
        // marginal work), so w2 gets 211 of its 600: y2 = 211/600 = 0.35166…, no short decimal.
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--set", "sources.central.budget=1001",
                                       "--out", out, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try PlannerCommandTests.table(out + "/allocations.csv")
        let column = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
        var paid: [String: Double] = [:], share: [String: Double] = [:], cost: [String: Double] = [:]
        for row in table.rows {
            let work = row[column["work_id"]!]
            paid[work, default: 0] += try #require(Double(row[column["amount"]!]))
            share[work] = try #require(Double(row[column["funded_share"]!]))
            cost[work] = try #require(Double(row[column["cost"]!]))
        }
        let y2 = try #require(share["w2"])
        #expect(abs(y2 - 211.0 / 600.0) < 1e-12, "w2's funded share \(y2)")
        // Coverage re-computed from the file: Σ amounts = K_p · y_p for every funded work.
        for (work, amount) in paid {
            #expect(abs(amount - cost[work]! * share[work]!) <= 1e-9 * max(1, amount), "\(work): \(amount) vs \(cost[work]! * share[work]!)")
        }
    }

    @Test func exactFormatIsShortestRoundTrip() {
        for value in [0.0, 1250, 0.35, 211.0 / 600.0, 1e-7, -3.5, 4_041_852.25] {
            let text = NumberFormat.exact(value)
            #expect(Double(text) == value, "\(text)")
            #expect(!text.hasSuffix(".0"))
        }
        #expect(NumberFormat.exact(1250) == "1250" && NumberFormat.exact(-0.0) == "0")
    }
}
