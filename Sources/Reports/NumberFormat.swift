import Foundation

/// Number formatting shared by the exports: plain decimals with a point, no grouping, so a
/// spreadsheet in any locale reads one value per cell.
enum NumberFormat {
    /// Up to `decimals` decimals, trailing zeros trimmed ("1250", "0.25", "-3.5").
    static func plain(_ value: Double, decimals: Int = 6) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "inf" : "-inf") }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }

    /// Full precision: the shortest decimal that reads back as the same Double (Swift's
    /// `description`), without a trailing ".0" ("1250", "0.35", "0.3333333333333333", "1e-07").
    /// For the CSV columns a checker re-computes from (amounts, costs, funded shares).
    static func exact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Million VND shown as billions (tỷ) with two decimals and thousands separators for reading.
    static func billions(_ millions: Double) -> String {
        grouped(millions / 1000, decimals: 2)
    }

    /// A number with thousands separators (",") for human-readable reports.
    static func grouped(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        var groupedDigits = ""
        for (i, ch) in integer.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { groupedDigits.append(",") }
            groupedDigits.append(ch)
        }
        var result = (negative ? "-" : "") + String(groupedDigits.reversed())
        if parts.count > 1 { result += "." + parts[1] }
        return result
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}

extension NumberFormat {
    /// Numbers as a reader of one language writes them, for the human-readable outputs only
    /// (report.md, explain.md, compare.md, sweep.md, the terminal and the charts): `1.234.567,8`
    /// in Vietnamese, `1,234,567.8` in English. CSV and JSON keep the machine format (`plain`,
    /// `exact`) in both languages, so a spreadsheet or a script reads them the same way.
    struct Localized: Sendable {
        let language: ReportLanguage

        init(_ language: ReportLanguage) { self.language = language }

        /// With thousands separators: "4.262,17" (vi), "4,262.17" (en).
        func grouped(_ value: Double, decimals: Int) -> String { localize(NumberFormat.grouped(value, decimals: decimals)) }

        /// Million VND as billions with two decimals: 4262170 → "4.262,17" (vi).
        func billions(_ millions: Double) -> String { localize(NumberFormat.billions(millions)) }

        /// A share as a percentage with one decimal: 0.125 → "12,5%" (vi).
        func percent(_ share: Double) -> String { localize(NumberFormat.percent(share)) }

        /// Exactly `decimals` decimals, no grouping: "0,0038" (vi).
        func fixed(_ value: Double, decimals: Int) -> String { localize(String(format: "%.\(decimals)f", value)) }

        /// `NumberFormat.plain` with the language's decimal mark: "0,6" (vi).
        func plain(_ value: Double, decimals: Int = 6) -> String { localize(NumberFormat.plain(value, decimals: decimals)) }

        /// An English-formatted number (`,` groups, `.` decimal) in this language: in Vietnamese
        /// the two marks swap. Text without digits ("–", "inf") passes unchanged.
        func localize(_ english: String) -> String {
            guard language == .vi else { return english }
            return String(english.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
        }
    }
}
