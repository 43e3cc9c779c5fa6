import CSV

/// A CSV file read into a header and rows, each row knowing the line it starts on.
///
/// Parsing is CSV.swift's (RFC 4180 quoting: commas, quotes and line breaks inside quoted
/// fields). CSV.swift does not count lines, so the table does: a row starts one line after
/// the previous one plus the line breaks inside the previous row's quoted fields, which is
/// the line a text editor shows. Every field is trimmed and put in Unicode NFC.
///
/// It reads what Excel saves back (README, "CSV and Excel"): a byte-order mark, CRLF line ends,
/// `;` as the separator (Excel in a Vietnamese or other decimal-comma locale; detected from the
/// header line) with decimal commas in its numbers, and trailing empty columns and rows.
struct CSVTable {
    /// One data row.
    struct Row {
        /// Editor line of the row's first character.
        var line: Int
        /// Fields, padded with "" to the header's width.
        var fields: [String]
    }

    /// The file, as reported in problems.
    let file: String
    /// Column names as written (trimmed, NFC).
    let header: [String]
    /// Data rows; blank lines are skipped.
    let rows: [Row]
    /// The field separator: `,`, or `;` when the header line has more semicolons than commas.
    var separator: Character = ","
    /// Whether numbers are written with a decimal comma (`1234,5`): so in a `;`-separated file.
    var decimalComma: Bool { separator == ";" }
    /// Each column's key, its name lower-cased (nil for an unnamed column and for a name that
    /// repeats one to its left: the first column of a name is the one read).
    private let keys: [String?]

    private init(file: String, header: [String], rows: [Row], separator: Character, keys: [String?]) {
        self.file = file
        self.header = header
        self.rows = rows
        self.separator = separator
        self.keys = keys
    }

    /// Reads `path`, reporting a missing, empty or header-only file, duplicate column
    /// names and rows whose field count differs from the header's.
    static func read(_ path: String, log: ProblemLog, reportedAt location: SourceLocation? = nil) -> CSVTable? {
        guard let text = InputText.readFile(path, log: log, reportedAt: location, kind: "CSV file") else { return nil }
        if let line = unclosedQuoteLine(in: text) {
            // CSV.swift would read the rest of the file as one field: report the quote instead.
            log.report(SourceLocation(file: path, line: line), "a quoted field that starts on this line is never closed",
                       hint: "close it with \", or write a quote inside a quoted field as \"\"")
            return nil
        }
        let separator = detectedSeparator(in: text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: separator == ";" ? ";" : ",")
        } catch {
            log.report(SourceLocation(file: path), "cannot read as CSV: \(error)")
            return nil
        }

        var header: [String]?
        var rows: [Row] = []
        var line = 1
        while let fields = reader.next() {
            let rowLine = line
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            var normalized = fields.map(InputText.normalized)
            if normalized.allSatisfy(\.isEmpty) { continue }
            guard let width = header?.count else {
                // Excel keeps empty columns to the right of the data once a cell there was used.
                while normalized.last?.isEmpty == true { normalized.removeLast() }
                header = normalized
                continue
            }
            while normalized.count > width && normalized.last?.isEmpty == true { normalized.removeLast() }
            if normalized.count != width {
                log.report(SourceLocation(file: path, line: rowLine),
                           "the row has \(normalized.count) fields, the header has \(width)",
                           hint: separator == ";" ? "the file is separated by semicolons: quote a field that contains a semicolon"
                                                  : "quote a field that contains a comma")
            }
            let padded = Array((normalized + Array(repeating: "", count: max(0, width - normalized.count)))
                .prefix(width))
            rows.append(Row(line: rowLine, fields: padded))
        }
        if let error = reader.error {
            log.report(SourceLocation(file: path), "cannot read as CSV: \(error)")
            return nil
        }
        guard let header else {
            log.report(SourceLocation(file: path, line: 1), "the file is empty")
            return nil
        }
        if rows.isEmpty {
            log.report(SourceLocation(file: path, line: 2), "the file has a header but no data rows")
        }

        var keys: [String?] = []
        for name in header {
            let key = name.lowercased()
            if name.isEmpty {
                keys.append(nil)
            } else if keys.contains(key) {
                log.report(SourceLocation(file: path, line: 1, field: name), "column \(name) appears twice")
                keys.append(nil)
            } else {
                keys.append(key)
            }
        }
        return CSVTable(file: path, header: header, rows: rows, separator: separator, keys: keys)
    }

    /// `;` when the header line (the first line with text) has more semicolons than commas
    /// outside quotes, else `,`. Column names never hold either, so the header decides.
    static func detectedSeparator(in text: String) -> Character {
        var commas = 0, semicolons = 0, inQuotes = false, seenText = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ","): if !inQuotes { commas += 1 }
            case UInt8(ascii: ";"): if !inQuotes { semicolons += 1 }
            case 0x0A, 0x0D: if !inQuotes && seenText { return semicolons > commas ? ";" : "," }
            default: break
            }
            if byte > 0x20 { seenText = true }
        }
        return semicolons > commas ? ";" : ","
    }

    /// A number as this file writes it: `1234.5`, or with a decimal comma (`1234,5`, `1.234,5`)
    /// in a `;`-separated file (`InputText.number(_:decimalComma:)`).
    func number(_ text: String) -> Double? { InputText.number(text, decimalComma: decimalComma) }

    /// How to write a number in this file, for the hint of a value that is not one.
    func numberHint(for text: String) -> String {
        guard decimalComma else { return "write plain digits with a decimal point, e.g. 1250.5" }
        if InputText.isAmbiguousGrouping(text) {
            return "in a file separated by semicolons \(InputText.shown(text)) could be a thousands separator or a decimal point: write 1250 or 1,25 without points"
        }
        return "the file is separated by semicolons: write digits with a decimal comma, e.g. 1250,5"
    }

    /// The position of a column, compared without regard to letter case.
    func column(_ name: String) -> Int? {
        // The names the loader asks for ("id", "cost", "start_from") are keys as they are (a key
        // is its header name trimmed, NFC and lower-cased, which leaves lower-case ASCII letters,
        // digits and `_` unchanged): no normalising per field read, also for an optional column
        // the file lacks. They are compared with each column's key in turn: a dozen comparisons
        // of short strings cost less than hashing the name once, and this runs for every field
        // of every row (a 20,000-work file asked 240,000 times).
        var name = name
        let isKey = name.withUTF8 { bytes in   // a buffer: the UTF-8 view's iterator cost 300 instructions a name
            !bytes.isEmpty && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        }
        let key = isKey ? name : InputText.normalized(name).lowercased()
        return keys.firstIndex { $0 == key }
    }

    /// Reports each column of `required` that the header lacks; returns whether all exist.
    @discardableResult
    func requireColumns(_ required: [String], log: ProblemLog) -> Bool {
        var complete = true
        for name in required where column(name) == nil {
            log.report(SourceLocation(file: file, line: 1, field: name),
                       "missing required column \(name)",
                       hint: "the header must name: \(required.joined(separator: ", "))")
            complete = false
        }
        return complete
    }

    /// The line of the quote that opens a field never closed (RFC 4180: a doubled `""` inside
    /// quotes is a quote character), or nil when every quoted field is closed.
    static func unclosedQuoteLine(in text: String) -> Int? {
        var inQuotes = false
        var line = 1, openedOn = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A || (previous == 0x0D && byte != 0x0A) { line += 1 }  // \n, or after a lone \r
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                if inQuotes { openedOn = line }
            }
            previous = byte
        }
        return inQuotes ? openedOn : nil
    }

    /// `\n`, `\r\n` and a lone `\r` each end a line; Swift counts `\r\n` as one Character.
    /// Counted over the UTF-8 bytes (a `\r` not followed by `\n` is a lone one): iterating
    /// Characters did grapheme breaking on every field of every row.
    static func lineBreaks(in field: String) -> Int {
        var count = 0, afterCR = false
        for byte in field.utf8 {
            if byte == 0x0A {
                count += 1   // \n, or the \n of \r\n
                afterCR = false
            } else {
                if afterCR { count += 1 }   // a lone \r
                afterCR = byte == 0x0D
            }
        }
        return afterCR ? count + 1 : count
    }
}
