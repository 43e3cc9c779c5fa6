import Foundation

/// Escape-safe building of the self-contained HTML pages (report.html, compare.html,
/// sweep.html): every piece of data goes through ``HTML/escape(_:)``; markup is only ever
/// written by these functions. No script, no external resource: a Content-Security-Policy that
/// forbids every load (`default-src 'none'`) makes a stray link fail loudly in a browser's
/// console rather than reach the network.
enum HTML {
    /// Text or an attribute value with `& < > " '` escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The page's style sheet: readable on screen, A4 portrait on paper (tables repeat their
    /// header on each page; a chart or a table row never splits across pages).
    static let styleSheet = """
    @page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm;
            @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", "Liberation Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt;
           line-height: 1.4; color: #111; background: #fff; max-width: 1000px; margin: 0 auto; padding: 18px 28px; }
    h1 { font-size: 17pt; margin: 0 0 6px 0; }
    h2 { font-size: 13pt; margin: 20px 0 6px 0; padding-bottom: 2px; border-bottom: 1.5px solid #555;
         break-after: avoid; page-break-after: avoid; }
    h3 { font-size: 11pt; margin: 12px 0 4px 0; break-after: avoid; page-break-after: avoid; }
    p { margin: 4px 0 6px 0; }
    .meta { margin: 0 0 8px 0; padding: 0; list-style: none; color: #333; }
    .meta li { display: inline-block; margin-right: 18px; }
    .note { background: #f3f3f3; border-left: 4px solid #777; padding: 5px 10px; margin: 6px 0; }
    .warn { background: #fff4e5; border-left: 4px solid #c26a00; padding: 5px 10px; margin: 6px 0; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 8px 0; font-size: 9.5pt; }
    th, td { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; text-align: left; }
    th { background: #e9eef4; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num, td.name, td.yes, td.no { white-space: nowrap; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    table.totals { width: auto; min-width: 60%; }
    .yes { color: #11703a; font-weight: 600; }
    .no { color: #b42318; font-weight: 600; }
    figure { margin: 6px 0 10px 0; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-size: 9pt; color: #444; }
    svg { display: block; max-width: 100%; height: auto; }
    svg.chart { width: 100%; }
    svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 90%; background: #f1f1f1; padding: 0 2px; }
    ul.prices { padding-left: 18px; margin: 4px 0; }
    ul.prices li { margin: 3px 0; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      table { font-size: 8.5pt; }
      td.name { white-space: normal; }
      h2 { margin-top: 14px; }
      a { color: inherit; text-decoration: none; }
    }
    """

    /// A whole page: `lang`, UTF-8, the style sheet inline, the body as given (already escaped markup).
    static func page(title: String, language: ReportLanguage, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(styleSheet)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// One table cell: its text and whether it is a number (right-aligned).
    struct Cell {
        var text: String
        var numeric: Bool = false
        /// A class for the cell (e.g. `yes`, `no`), or nil.
        var style: String? = nil

        static func text(_ text: String, style: String? = nil) -> Cell { Cell(text: text, numeric: false, style: style) }
        static func number(_ text: String) -> Cell { Cell(text: text, numeric: true) }
        /// A commune's or a group's name: kept on one line, so the long columns (works) wrap instead.
        static func name(_ text: String) -> Cell { Cell(text: text, numeric: false, style: "name") }
    }

    /// A table: a header row (none when `header` is empty; numeric columns right-aligned like
    /// their cells) and rows of cells.
    static func table(header: [Cell], rows: [[Cell]], className: String? = nil) -> String {
        func cell(_ tag: String, _ c: Cell) -> String {
            var classes: [String] = []
            if c.numeric { classes.append("num") }
            if let style = c.style { classes.append(style) }
            let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            return "<\(tag)\(attribute)>\(escape(c.text))</\(tag)>"
        }
        var out = "<table\(className.map { " class=\"\($0)\"" } ?? "")>\n"
        if !header.isEmpty { out += "<thead><tr>" + header.map { cell("th", $0) }.joined() + "</tr></thead>\n" }
        out += "<tbody>\n"
        for row in rows { out += "<tr>" + row.map { cell("td", $0) }.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    /// `<h2>` (level 2) or `<h3>` with escaped text.
    static func heading(_ text: String, level: Int = 2) -> String { "<h\(level)>\(escape(text))</h\(level)>\n" }

    /// A paragraph of escaped text, with an optional class.
    static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>\n"
    }

    /// The scenario's provenance note ("works and budgets are generated"), or "" without one.
    static func notes(_ notes: String?, language: ReportLanguage) -> String {
        guard let notes, !notes.isEmpty else { return "" }
        let lead = Term(vi: "Nguồn dữ liệu", en: "About the data").text(language)
        return "<p class=\"note\"><strong>\(escape(lead)):</strong> \(escape(notes))</p>\n"
    }
}
