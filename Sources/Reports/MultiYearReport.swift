import Allocation

/// The by-year part of `report.md` for a multi-year plan (docs/model.md §7.3): one section per
/// year, then the five-year table of money used, source × year.
enum MultiYearReport {
    /// Empty for a single-period plan.
    static func render(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        let scenario = plan.scenario
        guard scenario.periodCount > 1, plan.hasSolution else { return "" }
        let vi = language == .vi
        let fmt = NumberFormat.Localized(language)
        let labels = scenario.periods
        let pooled = plan.sources.filter { !$0.byPeriod.isEmpty }
        var out = vi ? "\n## Theo năm\n" : "\n## By year\n"
        for t in labels.indices {
            let budget = pooled.reduce(0) { $0 + $1.byPeriod[t].budget }
            let carriedIn = pooled.reduce(0) { $0 + $1.byPeriod[t].carriedIn }
            let used = pooled.reduce(0) { $0 + $1.byPeriod[t].used }
            let carriedOut = pooled.reduce(0) { $0 + $1.byPeriod[t].carriedOut }
            let lapsed = pooled.reduce(0) { $0 + $1.byPeriod[t].lapsed }
            let started = plan.schedule.count { $0?.start == t }
            let finished = plan.schedule.count { $0?.finish == t }
            let reaching = t < plan.targetCommunesReachingStandardByPeriod.count ? plan.targetCommunesReachingStandardByPeriod[t] : 0
            out += "\n### \(labels[t])\n\n"
            out += vi
                ? "- Vốn chung: dự toán \(fmt.billions(budget)) tỷ, chuyển từ năm trước \(fmt.billions(carriedIn)) tỷ, đã dùng \(fmt.billions(used)) tỷ, chuyển sang năm sau \(fmt.billions(carriedOut)) tỷ, bị hủy \(fmt.billions(lapsed)) tỷ.\n"
                : "- Pooled money: budget \(fmt.billions(budget)) billion, carried in \(fmt.billions(carriedIn)) billion, used \(fmt.billions(used)) billion, carried out \(fmt.billions(carriedOut)) billion, lapsed \(fmt.billions(lapsed)) billion.\n"
            out += vi
                ? "- Công trình khởi công: \(started); hoàn thành: \(finished).\n- Xã phấn đấu đạt chuẩn có đủ công trình bắt buộc hoàn thành đến hết năm: \(reaching).\n"
                : "- Works started: \(started); completed: \(finished).\n- Target communes with all required works completed by the end of the year: \(reaching).\n"
            let prices = pooled.compactMap { outcome -> String? in
                guard let price = outcome.byPeriod[t].shadowPrice, price > 1e-9 else { return nil }
                return "`\(scenario.sources[outcome.source].id)` \(fmt.grouped(price, decimals: 3))"
            }
            if !prices.isEmpty {
                out += (vi ? "- Giá bóng của vốn năm này (giá trị thêm trên mỗi triệu đồng): "
                           : "- Shadow price of this year's money (value gained per extra million): ") + prices.joined(separator: ", ") + ".\n"
            }
        }
        // The five-year table: money used, source × year, in billions.
        out += vi ? "\n### Vốn đã dùng theo nguồn và năm (tỷ đồng)\n\n| Nguồn |" : "\n### Money used by source and year (billion VND)\n\n| Source |"
        out += labels.map { " \($0) |" }.joined() + (vi ? " Cộng |\n" : " Total |\n") + "|---|" + String(repeating: "---:|", count: labels.count + 1) + "\n"
        for outcome in pooled {
            out += "| `\(scenario.sources[outcome.source].id)` |"
            out += outcome.byPeriod.map { " \(fmt.billions($0.used)) |" }.joined()
            out += " \(fmt.billions(outcome.used)) |\n"
        }
        if pooled.contains(where: { $0.byPeriod.contains { $0.shadowPrice.map { $0 > 1e-9 } ?? false } && $0.byPeriod.contains { $0.carriedOut > 0 } }) {
            out += vi
                ? "\nỞ năm mà trần chuyển nguồn bị chạm, một triệu đồng thêm có giá trị lớn hơn giá bóng của năm đó, vì nó còn nâng trần chuyển sang năm sau.\n"
                : "\nIn a year where the carry-over cap binds, an extra million is worth more than that year's shadow price, since it also raises the cap on what may be carried into the next year.\n"
        }
        return out
    }
}
