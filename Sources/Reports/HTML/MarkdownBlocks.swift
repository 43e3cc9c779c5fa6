import Foundation

/// The Markdown sections the workflows add to a report (the status-quo comparison, the
/// infeasibility diagnosis, the baseline's own heading) as HTML, so report.html says what
/// report.md says. Only the subset those sections use: `##`/`###` headings, `>` notes, tables
/// with an alignment row, `- ` lists and paragraphs; inline `` `code` `` and `**bold**`.
/// Everything is escaped first, so a section cannot inject markup.
enum MarkdownBlocks {
    /// The HTML of `markdown`.
    static func html(_ markdown: String) -> String {
        var out = ""
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.first {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { lines = lines.dropFirst(); continue }
            if trimmed.hasPrefix("#") {
                let level = trimmed.prefix { $0 == "#" }.count
                let text = trimmed.dropFirst(level).trimmingCharacters(in: .whitespaces)
                out += "<h\(min(3, max(2, level)))>\(inline(text))</h\(min(3, max(2, level)))>\n"
                lines = lines.dropFirst()
            } else if trimmed.hasPrefix(">") {
                let block = take(&lines) { $0.hasPrefix(">") }.map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
                out += "<p class=\"note\">\(inline(block.joined(separator: " ")))</p>\n"
            } else if trimmed.hasPrefix("|") {
                out += table(take(&lines) { $0.hasPrefix("|") })
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                let items = take(&lines) { $0.hasPrefix("- ") || $0.hasPrefix("* ") }
                out += "<ul>\n" + items.map { "<li>\(inline(String($0.dropFirst(2))))</li>\n" }.joined() + "</ul>\n"
            } else {
                let block = take(&lines) { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix(">") && !$0.hasPrefix("|") && !$0.hasPrefix("- ") && !$0.hasPrefix("* ") }
                out += "<p>\(inline(block.joined(separator: " ")))</p>\n"
            }
        }
        return out
    }

    /// Removes and returns the leading lines (trimmed) that satisfy `belongs`.
    private static func take(_ lines: inout ArraySlice<String>, while belongs: (String) -> Bool) -> [String] {
        var taken: [String] = []
        while let line = lines.first {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard belongs(trimmed) else { break }
            taken.append(trimmed)
            lines = lines.dropFirst()
        }
        return taken
    }

    /// A Markdown table: the header, the alignment row (`---:` right-aligns a column), the rows.
    private static func table(_ rows: [String]) -> String {
        func cells(_ row: String) -> [String] {
            var parts = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.first == "" { parts.removeFirst() }
            if parts.last == "" { parts.removeLast() }
            return parts
        }
        guard let header = rows.first else { return "" }
        let isAlignment = rows.count > 1 && cells(rows[1]).allSatisfy { !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }
        let right = isAlignment ? cells(rows[1]).map { $0.hasSuffix(":") } : []
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            let numeric = column < right.count && right[column]
            return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(inline(text))</\(tag)>"
        }
        var out = "<table>\n<thead><tr>" + cells(header).enumerated().map { cell("th", $1, $0) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows.dropFirst(isAlignment ? 2 : 1) {
            out += "<tr>" + cells(row).enumerated().map { cell("td", $1, $0) }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Escaped text with `` `code` `` and `**bold**` as markup.
    static func inline(_ text: String) -> String {
        var escaped = HTML.escape(text)
        escaped = escaped.replacing(/`([^`]+)`/) { "<code>\($0.output.1)</code>" }
        escaped = escaped.replacing(/\*\*([^*]+)\*\*/) { "<strong>\($0.output.1)</strong>" }
        return escaped
    }
}
