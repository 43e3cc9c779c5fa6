/// The framing of input problems in Vietnamese (`--lang vi`, `NTM_ALLOC_LANG=vi`): "dòng"
/// (line), "cột" (column), "khóa" (key), "gợi ý" (hint), "Lỗi dữ liệu đầu vào". The messages
/// themselves stay English; the framing tells a reader where to look in either language.
extension SourceLocation {
    /// `works.csv, dòng 14, cột cost`, `scenario.yaml, dòng 12, khóa sources[2].budget`,
    /// `--set sources.ntm.budget`; the English `description` when `vietnamese` is false.
    public func text(vietnamese: Bool) -> String {
        guard vietnamese else { return description }
        var text = file
        if let line { text += ", dòng \(line)" }
        guard let field else { return text }
        if file == Self.commandLine { return "\(text) \(field)" }
        let noun = file.lowercased().hasSuffix(".csv") ? "cột" : "khóa"
        return "\(text), \(noun) \(field)"
    }
}

extension InputProblem {
    /// `communes.csv, dòng 14, cột population: -3 is negative (gợi ý: …)` in Vietnamese.
    public func text(vietnamese: Bool) -> String {
        guard vietnamese else { return description }
        var text = "\(location.text(vietnamese: true)): \(message)"
        if let hint { text += " (gợi ý: \(hint))" }
        return text
    }
}

extension ScenarioLoadError {
    /// In Vietnamese: "Lỗi dữ liệu đầu vào (3 lỗi):", one line per problem (the first
    /// `shownLimit`), then "… và 1.199.950 lỗi khác". In English: `description`.
    public func text(vietnamese: Bool) -> String {
        guard vietnamese else { return description }
        var lines = ["Lỗi dữ liệu đầu vào (\(Self.dotted(totalCount)) lỗi):"]
        lines += problems.prefix(Self.shownLimit).map { $0.text(vietnamese: true) }
        let more = totalCount - min(problems.count, Self.shownLimit)
        if more > 0 { lines.append("… và \(Self.dotted(more)) lỗi khác") }
        return lines.joined(separator: "\n")
    }

    /// 1199950 as 1.199.950 (Vietnamese thousands points).
    static func dotted(_ count: Int) -> String {
        InputProblem.grouped(count).replacingOccurrences(of: ",", with: ".")
    }
}
