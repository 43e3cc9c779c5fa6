/// Commune codes that Excel has changed, matched back to the codes of communes.csv.
///
/// Excel opens a CSV file's `05986` as the number 5986 and saves it back without the zero
/// (and a script may write it as `5986.0`, or Excel as `5.986E+03`). The tool writes codes as
/// plain text and does not guess a code from its digits alone; it uses what communes.csv knows:
///
/// - a `commune` of works.csv that is not a code of communes.csv, but whose digits (leading
///   zeros ignored, number notation undone) are those of exactly one code there that has at
///   least as many leading zeros, is that code: works.csv lost its zeros, communes.csv kept them;
/// - if that one code has fewer leading zeros than works.csv writes (communes.csv has `5986`,
///   works.csv `05986`), communes.csv lost them: refused at its line, once per code, with
///   the code as works.csv writes it;
/// - digits shared by several codes (`05986` and `5986` both in communes.csv) are refused as
///   ambiguous;
/// - a code of communes.csv written in number notation (`5986.0`, `5.986E+03`) is refused.
///
/// When both files lost the same zeros they still match each other and the plan is right, but
/// the outputs show the codes as the files write them (README, "CSV and Excel").
final class CommuneCodes {
    /// What `resolve` found for a code that communes.csv does not have as written.
    enum Match: Equatable {
        /// The code of communes.csv it stands for.
        case code(String)
        /// A problem was reported (ambiguous).
        case reported
        /// No code of communes.csv has these digits (the caller reports it as unknown).
        case unknown
    }

    private let file: String
    /// All-digit codes of communes.csv by their digits without leading zeros.
    private var byDigits: [String: [String]] = [:]
    /// The line of each code in communes.csv.
    private var lines: [String: Int] = [:]
    /// Codes of communes.csv already reported as having lost their zeros.
    private var reported: Set<String> = []

    /// The codes of `table` (communes.csv) as `communes` read them.
    init(table: CSVTable, codes: [String]) {
        file = table.file
        if let position = table.column("code") {
            for row in table.rows where lines[row.fields[position]] == nil { lines[row.fields[position]] = row.line }
        }
        for code in codes {
            if let digits = Self.digits(of: code), code.utf8.allSatisfy(Self.isDigit) { byDigits[digits, default: []].append(code) }
        }
    }

    /// The code of communes.csv that `written` (a `commune` of works.csv, not itself a code
    /// there) stands for, or a reported problem, or none.
    func resolve(_ written: String, at location: SourceLocation, log: ProblemLog) -> Match {
        guard let digits = Self.digits(of: written), let candidates = byDigits[digits] else { return .unknown }
        guard candidates.count == 1, let code = candidates.first else {
            log.report(location, "\(InputText.quoted(written)) matches \(candidates.count) codes of communes.csv "
                       + "once leading zeros are ignored (\(candidates.sorted().joined(separator: ", ")))",
                       hint: "Excel removes leading zeros: format the column as Text and write the code in full")
            return .reported
        }
        let writtenZeros = written.utf8.allSatisfy(Self.isDigit) ? written.count - digits.count : 0
        if code.count - digits.count < writtenZeros && reported.insert(code).inserted {
            log.report(SourceLocation(file: file, line: lines[code], field: "code"),
                       "code \(code) looks like \(written) (as \(location.file)\(location.line.map { ":\($0)" } ?? "") writes it) "
                       + "with its leading zero\(writtenZeros - (code.count - digits.count) == 1 ? "" : "s") removed by Excel",
                       hint: "format the code column as Text and write \(written), or save the file as the tool wrote it")
        }
        return .code(code)
    }

    /// Reports a code of communes.csv written as a number (`5986.0`, `5.986E+03`): Excel or a
    /// script turned the code into a number, and its leading zeros are lost.
    static func checkNotation(_ code: String, at location: SourceLocation, log: ProblemLog) {
        guard !code.utf8.allSatisfy(isDigit), digits(of: code) != nil else { return }
        log.report(location, "code \(InputText.quoted(code)) is a number as Excel writes one, not a code",
                   hint: "a code is text (05986 keeps its zero): format the code column as Text and type the codes again")
    }

    /// The digits of a code without leading zeros ("05986" → "5986", "0" → "0"), also from
    /// number notation ("5986.0", "5.986E+03", "5,986E+03" → "5986"); nil when `text` is
    /// neither all digits nor a whole number in such notation.
    static func digits(of text: String) -> String? {
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy(isDigit) {
            let stripped = text.drop { $0 == "0" }
            return stripped.isEmpty ? "0" : String(stripped)
        }
        // Number notation: digits with a decimal part of zeros, or an exponent.
        guard text.utf8.allSatisfy({ isDigit($0) || $0 == 0x2E || $0 == 0x2C || $0 == 0x45 || $0 == 0x65 || $0 == 0x2B }),
              let value = InputText.number(text.replacingOccurrences(of: ",", with: ".")),
              value >= 0, value < 1e15, value == value.rounded()
        else { return nil }
        let lower = text.lowercased()
        if !lower.contains("e") {
            // Only "5986.0", "5986.00": a decimal part that is all zeros.
            guard let dot = lower.firstIndex(where: { $0 == "." || $0 == "," }),
                  lower[lower.index(after: dot)...].allSatisfy({ $0 == "0" }) else { return nil }
        }
        return String(Int(value))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
