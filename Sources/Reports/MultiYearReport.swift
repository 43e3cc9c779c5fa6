import Allocation

/// The by-year part of `report.md` for a multi-year plan (docs/model.md §7.3): one section per
/// year, then the five-year table of money used, source × year.
enum MultiYearReport {
    /// Empty for a single-period plan or one without a solution.
    static func render(_ report: PlanReport, language: ReportLanguage) -> String {
        guard report.scenario.isMultiYear, report.hasSolution else { return "" }
        let vi = language == .vi
        let fmt = NumberFormat.Localized(language)
        let labels = report.scenario.periods
        var out = vi ? "\n## Theo năm\n" : "\n## By year\n"
        for p in report.periods {
            out += "\n### \(p.label)\n\n"
            out += vi
                ? "- Vốn chung: dự toán \(fmt.billions(p.budget)) tỷ, chuyển từ năm trước \(fmt.billions(p.carriedIn)) tỷ, đã dùng \(fmt.billions(p.used)) tỷ, chuyển sang năm sau \(fmt.billions(p.carriedOut)) tỷ, bị hủy \(fmt.billions(p.lapsed)) tỷ.\n"
                : "- Pooled money: budget \(fmt.billions(p.budget)) billion, carried in \(fmt.billions(p.carriedIn)) billion, used \(fmt.billions(p.used)) billion, carried out \(fmt.billions(p.carriedOut)) billion, lapsed \(fmt.billions(p.lapsed)) billion.\n"
            out += vi
                ? "- Công trình khởi công: \(p.worksStarted); hoàn thành: \(p.worksCompleted).\n- Xã phấn đấu đạt chuẩn có đủ công trình bắt buộc hoàn thành đến hết năm: \(p.targetCommunesReachingStandard).\n"
                : "- Works started: \(p.worksStarted); completed: \(p.worksCompleted).\n- Target communes with all required works completed by the end of the year: \(p.targetCommunesReachingStandard).\n"
            let prices = p.shadowPrices.map { "`\($0.sourceID)` \(fmt.grouped($0.price, decimals: 3))" }
            if !prices.isEmpty {
                out += (vi ? "- Giá bóng của vốn năm này (giá trị thêm trên mỗi triệu đồng): "
                           : "- Shadow price of this year's money (value gained per extra million): ") + prices.joined(separator: ", ") + ".\n"
            }
        }
        // The five-year table: money used, source × year, in billions.
        out += vi ? "\n### Vốn đã dùng theo nguồn và năm (tỷ đồng)\n\n| Nguồn |" : "\n### Money used by source and year (billion VND)\n\n| Source |"
        out += labels.map { " \($0) |" }.joined() + (vi ? " Cộng |\n" : " Total |\n") + "|---|" + String(repeating: "---:|", count: labels.count + 1) + "\n"
        for source in report.sources where !source.byPeriod.isEmpty {
            out += "| `\(source.id)` |"
            out += source.byPeriod.map { " \(fmt.billions($0.used)) |" }.joined()
            out += " \(fmt.billions(source.used)) |\n"
        }
        if report.carryOverRaisesPrices {
            out += vi
                ? "\nỞ năm mà trần chuyển nguồn bị chạm, một triệu đồng thêm có giá trị lớn hơn giá bóng của năm đó, vì nó còn nâng trần chuyển sang năm sau.\n"
                : "\nIn a year where the carry-over cap binds, an extra million is worth more than that year's shadow price, since it also raises the cap on what may be carried into the next year.\n"
        }
        return out
    }
}
