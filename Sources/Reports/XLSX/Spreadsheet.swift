import Foundation

/// A small, general writer of Excel workbooks (Office Open XML SpreadsheetML, `.xlsx`): typed
/// cells, one header row per sheet frozen and filtered, column widths sized to the content.
/// It knows nothing of plans (``PlanWorkbook`` maps a plan onto sheets); it writes only what a
/// table of figures needs, so the XML stays small enough to check by reading.
public enum Spreadsheet {
    /// How a number cell is shown: an Excel number format. Built-in formats are referred to by
    /// their id (ECMA-376 Part 1, §18.8.30); others get ids from 164 on, in the order a workbook
    /// first uses them. The stored value is always the full-precision number.
    public struct Format: Hashable, Sendable {
        /// The id of a built-in format, or nil for a custom one.
        public let builtinID: Int?
        /// The format code (e.g. `#,##0.00`); informational for built-in formats.
        public let code: String
        /// What the code shows, for column widths: decimals, thousands separators, a percentage.
        let decimals: Int, grouped: Bool, isPercent: Bool

        /// A custom format from its code, e.g. `0.0%`.
        public init(code: String) {
            self.init(builtinID: nil, code: code)
        }

        private init(builtinID: Int?, code: String) {
            self.builtinID = builtinID
            self.code = code
            let parts = code.split(separator: ".", maxSplits: 1)
            decimals = parts.count == 2 ? parts[1].count { $0 == "0" } : 0
            grouped = code.contains(",")
            isPercent = code.hasSuffix("%")
        }

        /// Excel's "General" (id 0).
        public static let general = Format(builtinID: 0, code: "General")
        /// Whole numbers with thousands separators, `#,##0` (id 3).
        public static let integer = Format(builtinID: 3, code: "#,##0")
        /// Two decimals with thousands separators, `#,##0.00` (id 4): money.
        public static let twoDecimals = Format(builtinID: 4, code: "#,##0.00")
        /// A share as a percentage with one decimal, `0.0%`.
        public static let percent = Format(code: "0.0%")
        /// Three decimals with thousands separators, `#,##0.000`: shadow prices.
        public static let threeDecimals = Format(code: "#,##0.000")
        /// Text, `@` (id 49): what a cell typed into later is taken as (codes stay text).
        static let text = Format(builtinID: 49, code: "@")
    }

    /// One cell's value. Text is stored as a string whatever it looks like ("05986" keeps its zero);
    /// empty text is an empty cell.
    public enum Cell: Hashable, Sendable {
        /// Text, stored as text.
        case text(String)
        /// A number, shown with `format`. A non-finite value is written as the text ∞, -∞ or
        /// nothing (NaN), since a worksheet cannot hold it as a number.
        case number(Double, Format)
        /// No value (no cell is written).
        case empty

        /// A whole number (a count), `#,##0`.
        public static func count(_ value: Int) -> Cell { .number(Double(value), .integer) }
    }

    /// One worksheet: a header row (bold, frozen, with filter buttons) and data rows.
    public struct Sheet: Sendable {
        /// The tab's name; ``Workbook/data()`` makes it valid (at most 31 characters, none of
        /// `[]:*?/\`, unique in the workbook).
        public var name: String
        /// The column titles (row 1).
        public var header: [String]
        /// The data rows, from row 2.
        public var rows: [[Cell]]
        /// Whether the header row gets filter buttons over the whole table.
        public var autoFilter: Bool

        /// A sheet; rows shorter than the header are padded with empty cells.
        public init(name: String, header: [String], rows: [[Cell]], autoFilter: Bool = true) {
            self.name = name
            self.header = header
            self.rows = rows
            self.autoFilter = autoFilter
        }

        /// Each column's width in Excel's units (about one digit of the default font): the
        /// longest value as shown (a number as its format shows it), or the header with room for
        /// its filter button, plus 2, between 6 and 60. A long header does not widen a column of
        /// short values past 18 (or its longest word): it wraps onto more lines instead.
        public var columnWidths: [Double] {
            let count = max(header.count, rows.map(\.count).max() ?? 0)
            let button: Double = autoFilter ? 3 : 0
            return (0..<count).map { column in
                var widest = 0.0
                for row in rows where column < row.count {
                    widest = max(widest, Double(Spreadsheet.displayLength(row[column])))
                }
                if column < header.count {
                    let title = header[column]
                    let full = Double(title.count) * Spreadsheet.boldFactor + button
                    let longestWord = Double(title.split(separator: " ").map(\.count).max() ?? 0) * Spreadsheet.boldFactor + button
                    widest = max(widest, min(full, max(longestWord, 18)))
                }
                return min(max((widest + 2).rounded(.up), 6), 60)
            }
        }
    }
}

extension Spreadsheet.Sheet {
    /// The sheet cut into sheets of at most `maxRows` rows, header included, each with the
    /// header; the same name (the workbook adds " (2)", " (3)", …); the sheet itself when it fits.
    func parts(maxRows: Int) -> [Spreadsheet.Sheet] {
        let perSheet = max(maxRows - 1, 1)
        guard rows.count > perSheet else { return [self] }
        return stride(from: 0, to: rows.count, by: perSheet).map { start in
            Spreadsheet.Sheet(name: name, header: header, rows: Array(rows[start..<min(start + perSheet, rows.count)]),
                              autoFilter: autoFilter)
        }
    }
}

extension Spreadsheet {
    /// A workbook: sheets in tab order.
    public struct Workbook: Sendable {
        /// The sheets; the first is the one shown on opening.
        public var sheets: [Sheet]

        /// A workbook of `sheets`.
        public init(sheets: [Sheet]) { self.sheets = sheets }

        /// The `.xlsx` file's bytes. Two calls on the same workbook give the same bytes (entries
        /// carry a fixed date), so re-running a plan does not change an unchanged workbook.
        /// A sheet with more rows than Excel holds continues on sheets of the same name and
        /// header ("Name (2)", …). Throws ``LimitError`` for a sheet wider than Excel's columns;
        /// the ZIP library's error if the archive cannot be made.
        public func data() throws -> Data {
            var parts: [Sheet] = []
            for sheet in sheets {
                let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
                if columns > Spreadsheet.maxColumns { throw LimitError(sheet: sheet.name, columns: columns) }
                parts += sheet.parts(maxRows: Spreadsheet.maxRows)
            }
            return try SpreadsheetPackage(Workbook(sheets: parts)).data()
        }
    }

    /// Excel's limits of a worksheet: 1,048,576 rows and 16,384 columns (XFD); a cell holds at
    /// most 32,767 characters.
    public static let maxRows = 1_048_576, maxColumns = 16_384, maxCellCharacters = 32_767

    /// A sheet wider than Excel opens: refused rather than written and cut off in Excel.
    public struct LimitError: Error, CustomStringConvertible, Sendable {
        /// The sheet's name and its number of columns.
        public var sheet: String
        public var columns: Int
        public var description: String {
            "sheet '\(sheet)' would have \(columns) columns, more than Excel's \(maxColumns); use the CSV tables"
        }
    }

    /// Bold header text is about a tenth wider than the digits Excel's widths count in.
    static let boldFactor = 1.1

    /// How many lines `text` takes when wrapped at word boundaries into `width` characters
    /// (each character counted `factor` wide), for the height of a row with wrapped text.
    static func lineCount(_ text: String, width: Double, factor: Double = 1) -> Int {
        let room = max(width, 1)
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var used = 0.0
            var count = 1
            for word in paragraph.split(separator: " ") {
                let length = Double(word.count) * factor
                if used > 0 && used + factor + length > room {
                    count += 1
                    used = 0
                }
                used += (used > 0 ? factor : 0) + length
                // A word longer than the line wraps inside itself.
                while used > room {
                    count += 1
                    used -= room
                }
            }
            lines += count
        }
        return max(lines, 1)
    }

    /// How many characters `cell` takes as Excel shows it, for column widths.
    static func displayLength(_ cell: Cell) -> Int {
        switch cell {
        case .empty: return 0
        case .text(let text):
            // Unicode scalars, not characters: as good for text in NFC (as Vietnamese is typed)
            // and several times faster on a 100,000-cell sheet.
            guard text.utf8.contains(0x0A) else { return text.unicodeScalars.count }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.unicodeScalars.count }.max() ?? 0
        case .number(let value, let format):
            guard value.isFinite else { return 2 }
            if format.builtinID == 0 { return min(Reports.NumberFormat.exact(value).count, 11) }
            let shown = abs(format.isPercent ? value * 100 : value)
            let integerDigits = shown < 10 ? 1 : min(Int(log10(shown).rounded(.down)) + 1, 309)
            let separators = format.grouped ? (integerDigits - 1) / 3 : 0
            let fraction = format.decimals > 0 ? format.decimals + 1 : 0
            return (value < 0 ? 1 : 0) + integerDigits + separators + fraction + (format.isPercent ? 1 : 0)
        }
    }

    /// The column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}
