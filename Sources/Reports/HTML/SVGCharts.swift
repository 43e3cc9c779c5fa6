import Foundation

/// One coloured series of a stacked bar chart (a funding source).
struct ChartSeries: Sendable {
    var name: String
    var color: String
}

/// The inline SVG charts of the HTML pages, as small pure functions of their figures: the same
/// input gives the same markup. Every data rectangle is `<rect class="bar">` and every data point
/// `<circle class="point">` (legend swatches have other classes), so a test can count them in
/// the DOM a browser renders. Sizes are in SVG units; the page scales the chart to its width.
enum SVGChart {
    /// Ten distinguishable colours (the "category10" set), reused in order for more series.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The colour of the `index`-th series.
    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// Width of `text` at 12px in the pages' sans-serif font, estimated (no font metrics here).
    static func textWidth(_ text: String, size: Double = 12) -> Double { Double(text.count) * size * 0.58 }

    /// Tick values from 0 to at least `maximum`: 0, step, 2·step, … with step 1, 2 or 5 × 10ⁿ
    /// and about five ticks; `[0, 1]` when the maximum is not positive.
    static func ticks(upTo maximum: Double, integers: Bool = false) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / 5
        let magnitude = pow(10, floor(log10(raw)))
        var step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        if integers { step = max(1, step.rounded(.up)) }
        let count = Int((maximum / step).rounded(.up))
        return (0...max(1, count)).map { Double($0) * step }
    }

    /// Horizontal stacked bars: one bar per category (a district, a variant, a year), one
    /// coloured segment per series with a positive value (`values[category][series]`, in the
    /// unit `valueText` writes), the bar's total at its end, a value axis titled `axisTitle`
    /// and a legend of the series that appear. `title` is the chart's accessible name.
    static func stackedBars(title: String, categories: [String], series: [ChartSeries], values: [[Double]],
                            axisTitle: String, valueText: (Double) -> String) -> String {
        let width = 760.0, rowHeight = 26.0, barHeight = 17.0, top = 8.0
        let labelWidth = min(250, max(50, (categories.map { textWidth($0) }.max() ?? 0) + 12))
        let totals = values.map { row in row.reduce(0) { $0 + max(0, $1) } }
        let totalWidth = (totals.map { textWidth(valueText($0), size: 11) }.max() ?? 0) + 10
        let left = labelWidth, right = width - max(40, totalWidth)
        let ticks = ticks(upTo: totals.max() ?? 0)
        let scale = (right - left) / (ticks.last ?? 1)
        let plotBottom = top + rowHeight * Double(categories.count)
        // The legend: the series that have money somewhere, wrapped into lines.
        let shown = series.indices.filter { j in values.contains { j < $0.count && $0[j] > 0 } }
        var legend = "", x = left, legendY = plotBottom + 46
        for j in shown {
            let itemWidth = 18 + textWidth(series[j].name, size: 11) + 16
            if x + itemWidth > width && x > left { x = left; legendY += 18 }
            legend += "<rect class=\"swatch\" x=\"\(f(x))\" y=\"\(f(legendY - 10))\" width=\"12\" height=\"12\" fill=\"\(series[j].color)\"/>"
            legend += "<text x=\"\(f(x + 17))\" y=\"\(f(legendY))\" font-size=\"11\">\(HTML.escape(series[j].name))</text>\n"
            x += itemWidth
        }
        let height = legendY + 12
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-size=\"12\">\n"
        out += "<title>\(HTML.escape(title))</title>\n"
        for tick in ticks {
            let tx = left + tick * scale
            out += "<line x1=\"\(f(tx))\" y1=\"\(f(top - 2))\" x2=\"\(f(tx))\" y2=\"\(f(plotBottom))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(f(tx))\" y=\"\(f(plotBottom + 14))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(valueText(tick)))</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top - 2))\" x2=\"\(f(left))\" y2=\"\(f(plotBottom))\" stroke=\"#333\"/>\n"
        out += "<text x=\"\((left + right) / 2)\" y=\"\(f(plotBottom + 30))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(axisTitle))</text>\n"
        for (i, category) in categories.enumerated() {
            let y = top + rowHeight * Double(i) + (rowHeight - barHeight) / 2
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y + barHeight - 4))\" text-anchor=\"end\">\(HTML.escape(category))</text>\n"
            var cursor = left
            for (j, s) in series.enumerated() where j < values[i].count && values[i][j] > 0 {
                // A segment too small to see still gets half a unit, so it is in the DOM and on paper.
                let w = max(0.5, values[i][j] * scale)
                out += "<rect class=\"bar\" x=\"\(f(cursor))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(barHeight))\" fill=\"\(s.color)\">"
                out += "<title>\(HTML.escape("\(category) — \(s.name): \(valueText(values[i][j]))"))</title></rect>\n"
                cursor += w
            }
            out += "<text x=\"\(f(cursor + 5))\" y=\"\(f(y + barHeight - 4))\" font-size=\"11\">\(HTML.escape(valueText(totals[i])))</text>\n"
        }
        return out + legend + "</svg>\n"
    }

    /// A line with a point per category (`values[i]` at `labels[i]`; nil leaves a gap), on a
    /// value axis from 0 titled `axisTitle`; `integers` for counts (communes).
    static func line(title: String, labels: [String], values: [Double?], axisTitle: String, integers: Bool,
                     valueText: (Double) -> String) -> String {
        let width = 760.0, height = 190.0, left = 70.0, right = 740.0, top = 20.0, bottom = 150.0
        let ticks = ticks(upTo: values.compactMap { $0 }.max() ?? 0, integers: integers)
        let yMax = ticks.last ?? 1
        let step = labels.count > 1 ? (right - left - 40) / Double(labels.count - 1) : 0
        func px(_ i: Int) -> Double { labels.count > 1 ? left + 20 + Double(i) * step : (left + right) / 2 }
        func py(_ v: Double) -> Double { bottom - v / yMax * (bottom - top) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-size=\"12\">\n"
        out += "<title>\(HTML.escape(title))</title>\n"
        for tick in ticks {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(right))\" y2=\"\(f(py(tick)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\" font-size=\"11\">\(HTML.escape(valueText(tick)))</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#333\"/>"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#333\"/>\n"
        out += "<text x=\"14\" y=\"\(f((top + bottom) / 2))\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 14 \(f((top + bottom) / 2)))\">\(HTML.escape(axisTitle))</text>\n"
        for (i, label) in labels.enumerated() {
            out += "<text x=\"\(f(px(i)))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">\(HTML.escape(label))</text>\n"
        }
        var runs: [[Int]] = [[]]
        for i in values.indices {
            if values[i] != nil { runs[runs.count - 1].append(i) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        for run in runs where run.count > 1 {
            out += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" + run.map { "\(f(px($0))),\(f(py(values[$0]!)))" }.joined(separator: " ") + "\"/>\n"
        }
        for (i, value) in values.enumerated() {
            guard let value else { continue }
            out += "<circle class=\"point\" cx=\"\(f(px(i)))\" cy=\"\(f(py(value)))\" r=\"4\" fill=\"#1f77b4\"><title>\(HTML.escape("\(labels[i]): \(valueText(value))"))</title></circle>"
            out += "<text x=\"\(f(px(i)))\" y=\"\(f(py(value) - 9))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(valueText(value)))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// A share against a rule: a 0–100 % track, the share filled, and a mark at the rule's
    /// minimum (none when `rule` is nil). `shareText` and `ruleText` are the labels written.
    static func shareMeter(title: String, share: Double, shareText: String, rule: Double?, ruleText: String?, met: Bool) -> String {
        let width = 760.0, height = 62.0, left = 10.0, right = 690.0, y = 20.0, barHeight = 18.0
        let fill = met ? "#2ca02c" : "#d62728"
        let clamped = min(1, max(0, share))
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" font-size=\"12\">\n"
        out += "<title>\(HTML.escape(title))</title>\n"
        out += "<rect class=\"track\" x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(right - left))\" height=\"\(f(barHeight))\" fill=\"#eee\" stroke=\"#999\"/>\n"
        out += "<rect class=\"meter\" x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f((right - left) * clamped))\" height=\"\(f(barHeight))\" fill=\"\(fill)\"/>\n"
        out += "<text x=\"\(f(right + 8))\" y=\"\(f(y + 14))\" font-weight=\"bold\">\(HTML.escape(shareText))</text>\n"
        for k in 0...4 {
            let tx = left + (right - left) * Double(k) / 4
            out += "<text x=\"\(f(tx))\" y=\"\(f(y + barHeight + 14))\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">\(k * 25)%</text>\n"
        }
        if let rule, let ruleText {
            let rx = left + (right - left) * min(1, max(0, rule))
            out += "<line class=\"rule\" x1=\"\(f(rx))\" y1=\"\(f(y - 6))\" x2=\"\(f(rx))\" y2=\"\(f(y + barHeight + 3))\" stroke=\"#111\" stroke-width=\"2.5\" stroke-dasharray=\"4 2\"/>\n"
            out += "<text x=\"\(f(rx))\" y=\"\(f(y - 9))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(ruleText))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// A coordinate with at most two decimals and no trailing zeros ("12.5", "40").
    static func f(_ value: Double) -> String { NumberFormat.plain(value, decimals: 2) }
}
