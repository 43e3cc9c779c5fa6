import Foundation
import ZIPFoundation

/// The parts of one `.xlsx` file (ECMA-376 SpreadsheetML) and their ZIP container.
///
/// Parts: `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml` and its relationships,
/// `xl/styles.xml`, `xl/sharedStrings.xml` and one `xl/worksheets/sheetN.xml` per sheet. Text goes
/// into the shared-string table (so repeated district or source names are stored once), every
/// number as a number with a style naming its number format. Each sheet has its header row
/// frozen, an autofilter over the table, column widths, and a landscape A4 page set-up that fits
/// the columns on one page wide and repeats the header row on every printed page.
struct SpreadsheetPackage {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// Entries are dated 1980-01-01 (the earliest ZIP date), so the same workbook gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800 + 43_200)

    let workbook: Spreadsheet.Workbook
    /// Valid, unique tab names, in sheet order.
    let sheetNames: [String]
    /// Custom formats (ids from 164) and the number formats used, in the order of their styles.
    private var customFormats: [(id: Int, code: String)] = []
    private var formatsInStyleOrder: [Spreadsheet.Format] = []
    private var strings: [String] = []
    private var stringIndex: [String: Int] = [:]

    /// Style indexes: 0 the default, 1 the header, 2 text, 3 text that wraps (longer than its
    /// column); number formats follow.
    static let headerStyle = 1, textStyle = 2, wrappedTextStyle = 3
    /// Points per line of 11-point Calibri, for rows that wrap.
    static let lineHeight = 15.0

    init(_ workbook: Spreadsheet.Workbook) {
        self.workbook = workbook
        sheetNames = Self.validNames(workbook.sheets.map(\.name))
    }

    /// The zipped workbook.
    func data() throws -> Data {
        var package = self
        let sheets = workbook.sheets.enumerated().map { package.sheetXML($1, index: $0) }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", rootRelationships()),
            ("xl/workbook.xml", workbookXML()),
            ("xl/_rels/workbook.xml.rels", workbookRelationships()),
            ("xl/styles.xml", package.stylesXML()),
            ("xl/sharedStrings.xml", package.sharedStringsXML()),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet)) }
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: Self.entryDate, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }

    // MARK: Parts

    private func contentTypes() -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        out += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        out += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        for i in workbook.sheets.indices {
            out += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return out + "</Types>"
    }

    private func rootRelationships() -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
    }

    private func workbookRelationships() -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in workbook.sheets.indices {
            out += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        let n = workbook.sheets.count
        out += #"<Relationship Id="rId\#(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        out += #"<Relationship Id="rId\#(n + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return out + "</Relationships>"
    }

    private func workbookXML() -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<workbook xmlns="\#(Self.mainNamespace)" xmlns:r="\#(Self.relationshipNamespace)">"#
        out += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, name) in sheetNames.enumerated() {
            out += #"<sheet name="\#(Self.escape(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        out += "</sheets>"
        // The filter's range (as Excel itself records it) and the header row printed on every page.
        var names = ""
        for (i, sheet) in workbook.sheets.enumerated() {
            let quoted = "'" + sheetNames[i].replacingOccurrences(of: "'", with: "''") + "'"
            if sheet.autoFilter, let range = Self.tableRange(sheet, absolute: true) {
                names += #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(i)" hidden="1">"#
                    + Self.escape(quoted + "!" + range) + "</definedName>"
            }
            names += #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(i)">"# + Self.escape(quoted + "!$1:$1") + "</definedName>"
        }
        if !names.isEmpty { out += "<definedNames>" + names + "</definedNames>" }
        return out + "</workbook>"
    }

    /// Registers a number format and returns its style index.
    private mutating func style(of format: Spreadsheet.Format) -> Int {
        // A workbook uses a handful of formats: a scan beats hashing the code for every cell.
        if let position = formatsInStyleOrder.firstIndex(of: format) { return Self.wrappedTextStyle + 1 + position }
        let index = Self.wrappedTextStyle + 1 + formatsInStyleOrder.count
        formatsInStyleOrder.append(format)
        if format.builtinID == nil { customFormats.append((164 + customFormats.count, format.code)) }
        return index
    }

    private func stylesXML() -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<styleSheet xmlns="\#(Self.mainNamespace)">"#
        if !customFormats.isEmpty {
            out += #"<numFmts count="\#(customFormats.count)">"#
            for format in customFormats { out += #"<numFmt numFmtId="\#(format.id)" formatCode="\#(Self.escape(format.code))"/>"# }
            out += "</numFmts>"
        }
        out += #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        out += #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        out += #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        out += #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        out += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        out += #"<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
        out += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        out += #"<cellXfs count="\#(Self.wrappedTextStyle + 1 + formatsInStyleOrder.count)">"#
        out += #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        out += #"<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#
        out += #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        out += #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
        var customIDs: [String: Int] = [:]
        for format in customFormats { customIDs[format.code] = format.id }
        for format in formatsInStyleOrder {
            let id = format.builtinID ?? customIDs[format.code]!
            out += #"<xf numFmtId="\#(id)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        }
        out += "</cellXfs>"
        out += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return out + "</styleSheet>"
    }

    /// Registers a string in the shared-string table and returns its index. Text longer than a
    /// cell holds (32,767 UTF-16 units) is cut there and ends in "…", so Excel opens the file.
    private mutating func sharedString(_ text: String) -> Int {
        if let index = stringIndex[text] { return index }
        if text.utf16.count > Spreadsheet.maxCellCharacters {
            var cut = Substring(text)
            while cut.utf16.count > Spreadsheet.maxCellCharacters - 1 { cut = cut.dropLast(max(1, (cut.utf16.count - Spreadsheet.maxCellCharacters + 1) / 2)) }
            let index = sharedString(String(cut) + "…")
            stringIndex[text] = index
            return index
        }
        stringIndex[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    private func sharedStringsXML() -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<sst xmlns="\#(Self.mainNamespace)" count="\#(strings.count)" uniqueCount="\#(strings.count)">"#
        for text in strings { out += #"<si><t xml:space="preserve">"# + Self.escapeCellText(text) + "</t></si>" }
        return out + "</sst>"
    }

    private mutating func sheetXML(_ sheet: Spreadsheet.Sheet, index: Int) -> String {
        let widths = sheet.columnWidths
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<worksheet xmlns="\#(Self.mainNamespace)" xmlns:r="\#(Self.relationshipNamespace)">"#
        out += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        out += #"<dimension ref="\#(Self.tableRange(sheet, absolute: false) ?? "A1")"/>"#
        out += #"<sheetViews><sheetView workbookViewId="0"\#(index == 0 ? #" tabSelected="1""# : "")>"#
        out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        out += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        out += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !widths.isEmpty {
            out += "<cols>"
            for (i, width) in widths.enumerated() {
                out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(Reports.NumberFormat.exact(width))" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        let letters = (0..<max(widths.count, 1)).map(Spreadsheet.columnName)
        out += "<sheetData>"
        let button: Double = sheet.autoFilter ? 3 : 0
        let headerLines = sheet.header.enumerated().map { c, title in
            Spreadsheet.lineCount(title, width: widths[c] - button - 1, factor: Spreadsheet.boldFactor)
        }.max() ?? 1
        out += #"<row r="1"\#(Self.height(lines: headerLines))>"#
        for (c, title) in sheet.header.enumerated() {
            out += #"<c r="\#(letters[c])1" s="\#(Self.headerStyle)" t="s"><v>\#(sharedString(title))</v></c>"#
        }
        out += "</row>"
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = String(r + 2)
            // Text longer than its column (or with line breaks) wraps, and the row grows to show it.
            var lines = 1
            var wraps = [Bool](repeating: false, count: row.count)
            for (c, cell) in row.enumerated() {
                // (UTF-8 bytes are never fewer than the characters shown: most cells skip the count.)
                guard case .text(let text) = cell, c < widths.count, Double(text.utf8.count) > widths[c] - 2,
                      Double(Spreadsheet.displayLength(cell)) > widths[c] - 2 || text.utf8.contains(0x0A) else { continue }
                wraps[c] = true
                lines = max(lines, Spreadsheet.lineCount(text, width: widths[c] - 1))
            }
            out += #"<row r="\#(rowNumber)"\#(Self.height(lines: lines))>"#
            for (c, cell) in row.enumerated() {
                let reference = letters[c] + rowNumber
                switch cell {
                case .empty, .text(""):
                    continue
                case .text(let text):
                    let style = wraps[c] ? Self.wrappedTextStyle : Self.textStyle
                    out += #"<c r="\#(reference)" s="\#(style)" t="s"><v>\#(sharedString(text))</v></c>"#
                case .number(let value, let format):
                    if value.isFinite {
                        out += #"<c r="\#(reference)" s="\#(style(of: format))"><v>\#(Reports.NumberFormat.exact(value))</v></c>"#
                    } else if !value.isNaN {
                        out += #"<c r="\#(reference)" s="\#(Self.textStyle)" t="s"><v>\#(sharedString(value > 0 ? "∞" : "-∞"))</v></c>"#
                    }
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if sheet.autoFilter, let range = Self.tableRange(sheet, absolute: false) {
            out += #"<autoFilter ref="\#(range)"/>"#
        }
        out += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        out += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
        return out + "</worksheet>"
    }

    // MARK: Helpers

    /// A row's height attributes for `lines` lines of text ("" for one line: the default height).
    static func height(lines: Int) -> String {
        lines > 1 ? #" ht="\#(Reports.NumberFormat.exact(Double(lines) * lineHeight))" customHeight="1""# : ""
    }

    /// The table's range, header included ("A1:K20", or "$A$1:$K$20"); nil for a sheet without columns.
    static func tableRange(_ sheet: Spreadsheet.Sheet, absolute: Bool) -> String? {
        let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return nil }
        let last = Spreadsheet.columnName(columns - 1), lastRow = String(sheet.rows.count + 1)
        return absolute ? "$A$1:$\(last)$\(lastRow)" : "A1:\(last)\(lastRow)"
    }

    /// Tab names Excel accepts: none of `[]:*?/\` (replaced by "-"), no leading or trailing
    /// apostrophe, 1 to 31 characters, unique regardless of case ("Name (2)").
    static func validNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 })
            while clean.hasPrefix("'") { clean.removeFirst() }
            while clean.hasSuffix("'") { clean.removeLast() }
            if clean.isEmpty { clean = "Sheet" }
            var candidate = String(clean.prefix(31))
            var n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// Escapes XML's special characters for text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A cell's text as SpreadsheetML stores it (ECMA-376 Part 1, §22.9.2.19, ST_Xstring):
    /// XML-escaped; a character XML 1.0 cannot hold (controls other than tab, LF and CR; U+FFFE,
    /// U+FFFF) as `_xHHHH_`; and a literal `_xHHHH_` in the text with its underscore escaped as
    /// `_x005F_`, so Excel shows it as written instead of decoding it.
    static func escapeCellText(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF {
                out += "_x" + hex4(v) + "_"
            } else if scalar == "_" && looksEscaped(scalars, from: i) {
                out += "_x005F_"
            } else {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether `_xHHHH_` (four hex digits) starts at `i`.
    private static func looksEscaped(_ scalars: [Unicode.Scalar], from i: Int) -> Bool {
        guard i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_" else { return false }
        return scalars[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
