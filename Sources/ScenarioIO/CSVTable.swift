import CSV

/// A CSV file read into a header and rows, each row knowing the line it starts on.
///
/// Parsing is CSV.swift's (RFC 4180 quoting: commas, quotes and line breaks inside quoted
/// fields). CSV.swift does not count lines, so the table does: a row starts one line after
/// the previous one plus the line breaks inside the previous row's quoted fields, which is
/// the line a text editor shows. Every field is trimmed and put in Unicode NFC.
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
    /// Lower-cased column name → index (the first, when a name repeats).
    private let index: [String: Int]

    /// Reads `path`, reporting a missing, empty or header-only file, duplicate column
    /// names and rows whose field count differs from the header's.
    static func read(_ path: String, log: ProblemLog, reportedAt location: SourceLocation? = nil) -> CSVTable? {
        guard let text = InputText.readFile(path, log: log, reportedAt: location) else { return nil }
        if let line = unclosedQuoteLine(in: text) {
            // CSV.swift would read the rest of the file as one field: report the quote instead.
            log.report(SourceLocation(file: path, line: line), "a quoted field that starts on this line is never closed",
                       hint: "close it with \", or write a quote inside a quoted field as \"\"")
            return nil
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
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
            let normalized = fields.map(InputText.normalized)
            if normalized.allSatisfy(\.isEmpty) { continue }
            guard let width = header?.count else {
                header = normalized
                continue
            }
            if normalized.count != width {
                log.report(SourceLocation(file: path, line: rowLine),
                           "the row has \(normalized.count) fields, the header has \(width)",
                           hint: "quote a field that contains a comma")
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

        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where !name.isEmpty {
            let key = name.lowercased()
            if index[key] != nil {
                log.report(SourceLocation(file: path, line: 1, field: name), "column \(name) appears twice")
            } else {
                index[key] = position
            }
        }
        return CSVTable(file: path, header: header, rows: rows, index: index)
    }

    /// The position of a column, compared without regard to letter case.
    func column(_ name: String) -> Int? {
        index[InputText.normalized(name).lowercased()]
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
    private static func lineBreaks(in field: String) -> Int {
        field.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" || $1 == "\r" ? 1 : 0) }
    }
}
