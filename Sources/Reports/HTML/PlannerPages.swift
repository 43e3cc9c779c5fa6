import Foundation
import Allocation

/// `compare.html`: the variants side by side as one printable page — the metrics table of
/// compare.md, a stacked bar chart of each variant's money by source, the communes that reach
/// the standard in one variant and not the other, and each variant's largest gains and losses
/// against the first.
public enum ComparisonPage {
    /// The page; `top` communes gain and lose per variant.
    public static func render(names: [String], plans: [AllocationPlan], language: ReportLanguage, top: Int = 10) -> String {
        let fmt = NumberFormat.Localized(language)
        let l = Labels.of(language)
        let vi = language == .vi
        let title = HTMLWords.comparison.text(language)
        var body = "<h1>\(HTML.escape(title))</h1>\n" + HTML.notes(plans.first?.scenario.notes, language: language)
        body += HTML.table(header: [.text(vi ? "Chỉ tiêu" : "Metric")] + names.map { .number($0) },
                           rows: ComparisonTables.metricRows(plans).map { row in
                               [.text(vi ? row.1 : row.2)] + row.3.map { .number(metricText(id: row.0, value: $0, language: language)) }
                           })
        // Money used by source in each variant (sources matched by id, named as in the first plan that has them).
        var ids: [String] = [], sourceNames: [String: String] = [:]
        for plan in plans {
            for s in plan.scenario.sources where sourceNames[s.id] == nil {
                ids.append(s.id)
                sourceNames[s.id] = s.name
            }
        }
        let categories = names.indices.map { v -> String in
            plans[v].hasSolution ? names[v] : "\(names[v]) (\(l.status(plans[v].status)))"
        }
        let values = plans.map { plan -> [Double] in
            ids.map { id in
                guard plan.hasSolution, let s = plan.scenario.sources.firstIndex(where: { $0.id == id }) else { return 0 }
                let used = plan.sources[s].used
                return used > amountTolerance ? used / 1000 : 0
            }
        }
        let chartTitle = HTMLWords.moneyUsedByVariant.text(language)
        body += HTML.heading(chartTitle)
        body += "<figure>\n" + SVGChart.stackedBars(title: chartTitle, categories: categories,
                                                     series: ids.enumerated().map { ChartSeries(name: sourceNames[$1]!, color: SVGChart.color($0)) },
                                                     values: values, axisTitle: "\(l[.used]) (\(l[.moneyUnit]))",
                                                     valueText: { HTMLReport.compact($0, language) }) + "</figure>\n"

        for i in plans.indices.dropFirst() {
            body += HTML.heading("\(names[i]) — \(vi ? "so với" : "against") \(names[0])")
            if let unsolved = [0, i].first(where: { !plans[$0].hasSolution }) {
                let status = l.status(plans[unsolved].status)
                body += HTML.paragraph(vi ? "\(names[unsolved]) không có phương án (\(status)): không so sánh được."
                                          : "\(names[unsolved]) has no plan (\(status)): nothing to compare.")
                continue
            }
            body += standardDifferences(first: plans[0], other: plans[i], names: (names[0], names[i]), language: language)
            let changes = CommuneChange.between(plans[0], plans[i]).filter { abs($0.amount) > 1e-6 }
            guard !changes.isEmpty else { body += HTML.paragraph(vi ? "Không xã nào thay đổi." : "No commune changes."); continue }
            let grouping = CommuneGrouping(plans[0].scenario)
            let header: [HTML.Cell] = [.text(l[.commune])] + (grouping.title(language).map { [.text($0)] } ?? [])
                + [.number(vi ? "Thay đổi (tỷ đồng)" : "Change (billion VND)"), .number(l[.fundedShare])]
            func row(_ change: CommuneChange) -> [HTML.Cell] {
                let c = plans[0].scenario.communes[change.commune]
                return [.text("\(c.name) (\(c.code))")] + (grouping.isGrouped ? [.text(grouping.label(of: c))] : [])
                    + [.number(fmt.billions(change.amount)), .number("\(fmt.percent(change.shareBefore)) → \(fmt.percent(change.shareAfter))")]
            }
            let gains = Array(changes.filter { $0.amount > 0 }.prefix(top))
            let losses = Array(changes.filter { $0.amount < 0 }.reversed().prefix(top))
            body += HTML.heading(HTMLWords.largestGains.text(language), level: 3)
            body += gains.isEmpty ? HTML.paragraph(l[.nothing]) : HTML.table(header: header, rows: gains.map(row))
            body += HTML.heading(HTMLWords.largestLosses.text(language), level: 3)
            body += losses.isEmpty ? HTML.paragraph(l[.nothing]) : HTML.table(header: header, rows: losses.map(row))
        }
        return HTML.page(title: title, language: language, body: body)
    }

    /// A compare.csv cell as a reader of `language` reads it: the status in words, shares as
    /// percentages, counts as they are, amounts (million VND) and the objective grouped.
    static func metricText(id: String, value: String, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        if id == "status" { return PlanStatus(rawValue: value).map { Labels.of(language).status($0) } ?? value }
        guard let number = Double(value) else { return value }
        if id == "funded_share" || id.hasPrefix("state_share_") { return fmt.percent(number) }
        if id == "objective" { return fmt.grouped(number, decimals: 1) }
        let decimals = number == number.rounded() ? 0 : 1
        return fmt.grouped(number, decimals: decimals)
    }

    /// Target communes (matched by code) that reach the standard in one of the two plans only.
    static func standardDifferences(first: AllocationPlan, other: AllocationPlan, names: (String, String), language: ReportLanguage) -> String {
        var reachesInOther: [String: Bool] = [:]
        for o in other.communes { if let r = o.reachesStandard { reachesInOther[other.scenario.communes[o.commune].code] = r } }
        var rows: [[HTML.Cell]] = []
        for o in first.communes {
            let c = first.scenario.communes[o.commune]
            guard let a = o.reachesStandard, let b = reachesInOther[c.code], a != b else { continue }
            func word(_ reaches: Bool) -> HTML.Cell {
                .text(reaches ? HTMLWords.reaches.text(language) : HTMLWords.doesNotReach.text(language), style: reaches ? "yes" : "no")
            }
            rows.append([.text("\(c.name) (\(c.code))"), word(a), word(b)])
        }
        var out = HTML.heading(HTMLWords.standardDiffers.text(language), level: 3)
        if rows.isEmpty { return out + HTML.paragraph(Labels.of(language)[.nothing]) }
        out += HTML.table(header: [.text(Labels.of(language)[.commune]), .text(names.0), .text(names.1)], rows: rows)
        return out
    }
}

/// `sweep.html`: the sweep's curve (the chart of sweep.svg, inline) and its table, on one page.
public enum SweepPage {
    /// The page of a sweep of `subject`: its title, and its axis label on the curve and the table.
    public static func render(_ points: [SweepPoint], subject: SweepSubject, language: ReportLanguage) -> String {
        render(points, title: subject.title(language), label: subject.axisLabel(language), language: language)
    }

    /// The page: `title` names what is swept, `label` the swept value's column and axis.
    public static func render(_ points: [SweepPoint], title: String, label: String, language: ReportLanguage) -> String {
        let vi = language == .vi
        var body = "<h1>\(HTML.escape(title))</h1>\n" + HTML.notes(points.first?.plan.scenario.notes, language: language)
        var chart = SweepChart.svg(points, title: title, xLabel: label, language: language)
        if chart.hasPrefix("<?xml"), let end = chart.firstIndex(of: "\n") { chart = String(chart[chart.index(after: end)...]) }
        body += "<figure>\n" + chart + "</figure>\n"
        body += HTML.heading(HTMLWords.sweepTable.text(language))
        let header: [HTML.Cell] = [.number(label), .number(vi ? "giá trị mục tiêu (hoặc trạng thái)" : "objective (or status)"),
                                   .number(vi ? "tỷ lệ đáp ứng" : "funded"), .number(vi ? "xã đạt chuẩn" : "communes reaching the standard"),
                                   .number(vi ? "giá bóng (↓ giảm)" : "shadow price (↓ drops)")]
        body += HTML.table(header: header, rows: SweepTables.rows(points, language: language).map { $0.map { .number($0) } })
        return HTML.page(title: title, language: language, body: body)
    }
}
