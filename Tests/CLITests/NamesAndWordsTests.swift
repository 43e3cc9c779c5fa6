import Foundation
import Testing
import TestSupport
import Allocation
import ScenarioIO
@testable import Reports

/// Every label key has both languages, and no two keys of a kind share a label.
@Suite struct VocabularyTests {
    static func check<Key: LabelKey>(_ type: Key.Type) {
        let terms = Key.allCases.map(\.term)
        for (key, term) in zip(Key.allCases, terms) {
            #expect(!term.vi.isEmpty && !term.en.isEmpty, "\(key) lacks a language")
            #expect(term.vi != term.en, "\(key): the Vietnamese label is the English one")
        }
        #expect(Set(terms.map(\.vi)).count == terms.count, "\(Key.self): two keys share a Vietnamese label")
        #expect(Set(terms.map(\.en)).count == terms.count, "\(Key.self): two keys share an English label")
    }

    @Test func everyKeyHasBothLanguages() {
        Self.check(CategoryLabel.self)
        Self.check(SourceKind.self)
        Self.check(CommuneStatus.self)
        Self.check(ScopeLabel.self)
        Self.check(HTMLWords.self)
        #expect(CategoryLabel.allCases.count == 15, "docs/model.md's standard set has 15 categories")
    }

    /// The labels the issue names, as written there.
    @Test func labelsTheIssueNames() {
        #expect(Vocabulary.category("transport", .vi) == "Giao thông")
        #expect(Vocabulary.category("irrigation", .vi) == "Thủy lợi")
        #expect(Vocabulary.category("school", .vi) == "Trường học")
        #expect(Vocabulary.category("sports", .vi) == "sports", "a category outside the standard set is shown as written")
        #expect(SourceKind.central.term.vi == "Ngân sách trung ương")
        #expect(SourceKind.localBudget.term.vi == "Ngân sách địa phương")
        #expect(CommuneStatus.allCases.map(\.term.vi) == ["Chưa đạt", "Phấn đấu đạt chuẩn", "Đạt chuẩn", "Nâng cao", "Kiểu mẫu"])
    }

    /// Plan statuses and rule families are typed keys too, each with both languages.
    @Test func statusAndFamilyNamesHaveBothLanguages() {
        Self.check(PlanStatus.self)
        Self.check(ConstraintFamily.self)
        #expect(Labels.vietnamese.status(.timeLimit) == "hết thời gian" && Labels.english.status(.timeLimit) == "time limit")
        #expect(Labels.vietnamese.family(.communeFloor) == "Mức tối thiểu mỗi xã")
    }

    /// Every label of the reports has a Vietnamese and an English text, and they differ. (Two
    /// keys may share a text in one language: "Funded share" is both the plan's and one work's.)
    @Test func everyReportLabelHasBothLanguages() {
        #expect(ReportLabel.allCases.count >= 46)
        for key in ReportLabel.allCases {
            #expect(!key.text(in: .vi).isEmpty && !key.text(in: .en).isEmpty, "\(key) lacks a language")
            #expect(key.text(in: .vi) != key.text(in: .en), "\(key): the Vietnamese label is the English one")
            #expect(Labels.vietnamese[key] == key.term.vi && Labels.english[key] == key.term.en)
        }
        #expect(Labels.vietnamese[.totalNeed] == "Tổng nhu cầu" && Labels.english[.totalNeed] == "Total need")
    }

    /// Every column of the plan's tables has a title in both languages; the CSV headers are
    /// the contract names, unchanged.
    @Test func everyTableColumnHasBothLanguages() {
        for column in TableColumn.allCases {
            #expect(!column.title(in: .vi).isEmpty && !column.title(in: .en).isEmpty, "\(column) lacks a language")
            #expect(column.title(in: .vi) != column.title(in: .en), "\(column): the Vietnamese title is the English one")
        }
        #expect(PlanTables.sourcePeriodColumns.map(\.rawValue)
                == ["source_id", "period", "budget", "carried_in", "used", "carried_out", "lapsed", "shadow_price"])
        #expect(TableColumn.communeCode.valueKind == .text && TableColumn.amount.valueKind == .money)
        #expect(TableColumn.fundedShare.title(in: .vi) == "Tỷ lệ bố trí")
    }

    @Test func workShownWithItsName() {
        var work = Work(id: "w0057", commune: "05986", category: "school", cost: 100)
        #expect(Vocabulary.work(work) == "w0057")
        work.name = "Trường tiểu học Yên Khoái"
        #expect(Vocabulary.work(work) == "w0057 — Trường tiểu học Yên Khoái")
    }
}

/// Vietnamese readers write 1.234.567,8; English ones 1,234,567.8; machine files 1234567.8.
@Suite struct LocalizedNumberTests {
    @Test func vietnameseAndEnglishMarks() {
        let vi = NumberFormat.Localized(.vi), en = NumberFormat.Localized(.en)
        #expect(vi.grouped(1_234_567.8, decimals: 1) == "1.234.567,8")
        #expect(en.grouped(1_234_567.8, decimals: 1) == "1,234,567.8")
        #expect(vi.billions(4_262_170) == "4.262,17")
        #expect(en.billions(4_262_170) == "4,262.17")
        #expect(vi.percent(0.125) == "12,5%")
        #expect(TerminalSummary.timings(load: 0.123, build: 1, solve: 12.5, afterSolve: 0, write: 0.5, language: .vi)
                == "Thời gian: đọc và kiểm tra 0,12 s, dựng mô hình 1,00 s, giải 12,50 s, hiện hành/giải trình 0,00 s, ghi 0,50 s\n")
        #expect(TerminalSummary.timings(load: 0.123, build: 1, solve: 12.5, afterSolve: 0, write: 0.5, language: .en)
                == "Time: load and validate 0.12 s, build 1.00 s, solve 12.50 s, baseline/explain 0.00 s, write 0.50 s\n")
        #expect(TerminalSummary.timings(load: 0.123, build: 1, solve: 12.5, afterSolve: 0, write: 0.5, alongside: 1.8, language: .vi)
                == "Thời gian: đọc và kiểm tra 0,12 s, dựng mô hình 1,00 s, giải 12,50 s, hiện hành/giải trình 0,00 s, ghi 0,50 s"
                + " (phương án hiện hành: 1,80 s, chạy song song với bước giải)\n")
        #expect(vi.grouped(-281_214.6, decimals: 1) == "-281.214,6")
        #expect(vi.plain(0.6) == "0,6")
        #expect(vi.localize("–") == "–")
        #expect(BaselineSection.signed(12.5, decimals: 1, language: .vi) == "+12,5")
        #expect(NumberFormat.plain(1234567.8) == "1234567.8", "machine format unchanged")
    }
}

/// Works with names, the scenario's notes and Vietnamese words, through the command line.
@Suite struct NamedWorksCommandTests {
    /// The tiny example with GSO-style codes (05986, 05989), a `name` column in works.csv
    /// (one name with a comma) and a `notes` key.
    static func scenario(in folder: String) throws -> String {
        let tiny = URL(fileURLWithPath: Repository.tinyScenario).deletingLastPathComponent().path
        let yaml = try String(contentsOfFile: tiny + "/scenario.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("notes:") }.joined(separator: "\n")
            .replacingOccurrences(of: "mode: lp\n", with: "mode: lp\nnotes: \"Công trình và ngân sách là số liệu giả lập\"\n")
        let communes = try String(contentsOfFile: tiny + "/communes.csv", encoding: .utf8)
            .replacingOccurrences(of: "T01,", with: "05986,").replacingOccurrences(of: "T02,", with: "05989,")
        var works = try String(contentsOfFile: tiny + "/works.csv", encoding: .utf8)
            .replacingOccurrences(of: ",T01,", with: ",05986,").replacingOccurrences(of: ",T02,", with: ",05989,")
        let names = ["Đường trục thôn Nà Lốc, đoạn 2", "Trường tiểu học Tân An", "Mô hình trồng hồi", "Nhà văn hóa thôn Bản Chu", ""]
        var lines = works.split(separator: "\n").map(String.init)
        lines[0] += ",name"
        for i in 1..<lines.count { lines[i] += "," + (names[i - 1].contains(",") ? "\"\(names[i - 1])\"" : names[i - 1]) }
        works = lines.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try yaml.write(toFile: folder + "/scenario.yaml", atomically: true, encoding: .utf8)
        try communes.write(toFile: folder + "/communes.csv", atomically: true, encoding: .utf8)
        try works.write(toFile: folder + "/works.csv", atomically: true, encoding: .utf8)
        return folder + "/scenario.yaml"
    }

    /// The bundled scenario names every work and says its data are generated.
    @Test func bundledScenarioHasNamesAndNotes() throws {
        let scenario = try ScenarioLoader.load(Repository.path("scenarios/langson-2021-2025/scenario.yaml"))
        #expect(scenario.works.count == 1871)
        #expect(scenario.works.allSatisfy { ($0.name ?? "").count > 5 })
        #expect(scenario.works.first?.name == "Mô hình trồng hồi thôn Khuổi Luông")
        #expect(scenario.notes?.contains("GENERATED") == true)
        #expect(scenario.notes?.contains("giả lập") == true)
        let tiny = try ScenarioLoader.load(Repository.tinyScenario)
        #expect(tiny.notes == "A made-up example of two communes; its optimum is derived by hand in README.md.")
    }

    @Test func namesNotesAndVietnameseWordsInEveryOutput() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let scenario = try Self.scenario(in: out + "/scenario")
        let result = try CLITests.run(["solve", scenario, "--out", out + "/vi", "--lang", "vi"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Nguồn dữ liệu: Công trình và ngân sách là số liệu giả lập\n"), "\(result.stdout)")
        // The tiny optimum is 1,810 (scenarios/examples/tiny/README.md), total need 2,000 million = 2 billion.
        #expect(result.stdout.contains("1.810,00"), "\(result.stdout)")

        let report = try String(contentsOfFile: out + "/vi/report.md", encoding: .utf8)
        #expect(report.hasPrefix("# Phương án phân bổ vốn xây dựng nông thôn mới\n\n> **Nguồn dữ liệu:** Công trình và ngân sách là số liệu giả lập\n"))
        #expect(report.contains("- Giá trị mục tiêu: 1.810,00\n"))
        #expect(report.contains("| Tổng nhu cầu (tỷ đồng) | 2,00 |"))
        #expect(report.contains("| Vốn tín dụng (`credit`) | Vốn tín dụng, vốn chung |"), "\(report)")
        #expect(report.contains("| Nhân dân đóng góp (tiền) (`people`) | Nhân dân đóng góp, tại xã |"))

        // allocations.csv: BOM, one value per cell, codes intact, the work's name beside its id.
        let allocations = try PlannerCommandTests.table(out + "/vi/allocations.csv")
        let column = Dictionary(uniqueKeysWithValues: allocations.header.enumerated().map { ($1, $0) })
        #expect(allocations.header.prefix(6) == ["district", "commune_code", "commune_name", "work_id", "work_name", "category"])
        #expect(Set(allocations.rows.map { $0[column["commune_code"]!] }).isSubset(of: ["05986", "05989"]))
        let named = Dictionary(allocations.rows.map { ($0[column["work_id"]!], $0[column["work_name"]!]) }, uniquingKeysWith: { a, _ in a })
        #expect(named["w1"] == "Đường trục thôn Nà Lốc, đoạn 2", "\(named)")
        #expect(named["w5"].map { $0.isEmpty } ?? true, "a work without a name has an empty work_name")
        let communes = try PlannerCommandTests.table(out + "/vi/communes.csv")
        #expect(communes.rows.map { $0[1] } == ["05986", "05989"])

        let english = try CLITests.run(["solve", scenario, "--out", out + "/en", "--lang", "en", "--format", "md"])
        #expect(english.status == 0, "\(english.stderr)")
        let reportEN = try String(contentsOfFile: out + "/en/report.md", encoding: .utf8)
        #expect(reportEN.contains("> **About the data:** Công trình và ngân sách là số liệu giả lập\n"))
        #expect(reportEN.contains("- Objective value: 1,810.00\n"))
        #expect(reportEN.contains("| Credit, pooled |"))

        // compare.md and the compare table: the notes first, Vietnamese decimal commas.
        let compared = try CLITests.run(["compare", scenario, "--variant", "less:sources.central.budget=900",
                                         "--out", out + "/compare", "--lang", "vi"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.hasPrefix("Nguồn dữ liệu: Công trình và ngân sách là số liệu giả lập\n"), "\(compared.stdout)")
        let compareMD = try String(contentsOfFile: out + "/compare/compare.md", encoding: .utf8)
        #expect(compareMD.hasPrefix("# So sánh phương án\n\n> **Nguồn dữ liệu:** Công trình và ngân sách là số liệu giả lập\n"))
        #expect(compareMD.contains("| Giá trị mục tiêu | 1810 |"), "\(compareMD)")
        #expect(compareMD.contains("| Tỷ lệ đáp ứng | 0,58 |"), "\(compareMD)")
        let compareCSV = try PlannerCommandTests.table(out + "/compare/compare.csv")
        #expect(compareCSV.rows.first { $0[0] == "funded_share" }?[1] == "0.58", "machine numbers in CSV: \(compareCSV.rows)")

        // explain.md: the re-solve's list of works shows their names.
        let explained = try CLITests.run(["explain", scenario, "--out", out + "/explain", "--lang", "vi"])
        #expect(explained.status == 0, "\(explained.stderr)")
        let explain = try String(contentsOfFile: out + "/explain/explain.md", encoding: .utf8)
        #expect(explain.contains("> **Nguồn dữ liệu:** Công trình và ngân sách là số liệu giả lập\n"))
        #expect(explain.contains("w2 — Trường tiểu học Tân An (Trường học, Xã Tân An)"), "\(explain)")
    }
}
