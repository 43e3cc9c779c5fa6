import Foundation
import Allocation

/// One point of a sweep: the level (factor or rule value), the budget or rule value it stands
/// for, the plan, and the shadow price there.
public struct SweepPoint: Sendable {
    public var level: Double
    public var value: Double
    public var plan: AllocationPlan
    public var shadowPrice: Double?
    public init(level: Double, value: Double, plan: AllocationPlan, shadowPrice: Double?) {
        self.level = level
        self.value = value
        self.plan = plan
        self.shadowPrice = shadowPrice
    }

    /// Points where the shadow price falls below the previous point's: where more money stops paying as much.
    public static func priceDrops(_ points: [SweepPoint]) -> [Int] {
        points.indices.dropFirst().filter { i in
            guard let a = points[i - 1].shadowPrice, let b = points[i].shadowPrice else { return false }
            return b < a - 1e-6 * max(1, abs(a))
        }
    }
}

/// What a sweep varies, as its reports name it: the label of its value, the title of the chart
/// and of sweep.md, the axis, and the value column of sweep.csv.
public enum SweepSubject: Sendable, Hashable {
    /// One pooled source's budget.
    case source(id: String)
    /// Every pooled state source's budget together.
    case allState
    /// A rule's value (e.g. `rules.priority_share_min`).
    case rule(key: String)

    /// Whether the value is a rule's (else a budget in million VND).
    public var isRule: Bool { if case .rule = self { true } else { false } }

    /// The column of the swept value in sweep.csv: `budget` or `rule_value`.
    public var csvValueColumn: String { isRule ? "rule_value" : "budget" }

    /// What is swept: "ngân sách ntm-central" / "budget ntm-central", "quy định …" / "rule …".
    public func label(_ language: ReportLanguage) -> String {
        let vi = language == .vi
        switch self {
        case .source(let id): return vi ? "ngân sách \(id)" : "budget \(id)"
        case .allState: return vi ? "tổng vốn nhà nước chung" : "pooled state budget"
        case .rule(let key): return vi ? "quy định \(key)" : "rule \(key)"
        }
    }

    /// The title of the chart and of sweep.md.
    public func title(_ language: ReportLanguage) -> String {
        let vi = language == .vi
        switch self {
        case .source(let id): return vi ? "Giá trị mục tiêu theo ngân sách \(id)" : "Objective value against the budget of \(id)"
        case .allState: return vi ? "Giá trị mục tiêu theo tổng vốn nhà nước chung" : "Objective value against the pooled state budget"
        case .rule(let key): return vi ? "Giá trị mục tiêu theo quy định \(key)" : "Objective value against the rule \(key)"
        }
    }

    /// The horizontal axis (and sweep.md's first column): the label, with the unit of a budget.
    public func axisLabel(_ language: ReportLanguage) -> String {
        isRule ? label(language) : label(language) + (language == .vi ? " (triệu đồng)" : " (million VND)")
    }
}

/// `sweep.csv`, `sweep.md` and the terminal table of a sweep. A point without a plan
/// (infeasible, …) has blank figures and its status, never "0% funded".
public enum SweepTables {
    /// `sweep.csv` of a sweep of `subject`.
    public static func csv(_ points: [SweepPoint], subject: SweepSubject) -> String {
        csv(points, valueColumn: subject.csvValueColumn)
    }

    /// `sweep.csv`: one row per point, machine numbers, the value under `valueColumn`.
    public static func csv(_ points: [SweepPoint], valueColumn: String) -> String {
        let rows = points.map { p -> [String] in
            let solved = p.plan.hasSolution
            return [NumberFormat.plain(p.value), NumberFormat.plain(p.level), p.plan.status.rawValue,
                    p.plan.objective.map { NumberFormat.plain($0) } ?? "", solved ? NumberFormat.plain(p.plan.totals.fundedShare) : "",
                    solved ? String(p.plan.totals.targetCommunesReachingStandard) : "", p.shadowPrice.map { NumberFormat.plain($0) } ?? "",
                    NumberFormat.plain(p.plan.solveSeconds, decimals: 4)]
        }
        return PlanTables.csv(header: [valueColumn, "factor", "status", "objective", "funded_share",
                                       "target_communes_reaching_standard", "shadow_price", "solve_seconds"], rows: rows)
    }

    /// The sweep's table rows: value, objective (or the status), funded share, communes reaching the standard, price.
    static func rows(_ points: [SweepPoint], language: ReportLanguage) -> [[String]] {
        let fmt = NumberFormat.Localized(language)
        let drops = Set(SweepPoint.priceDrops(points))
        return points.enumerated().map { i, p -> [String] in
            let solved = p.plan.hasSolution
            return [fmt.grouped(p.value, decimals: 3), p.plan.objective.map { fmt.grouped($0, decimals: 1) } ?? p.plan.status.rawValue,
                    solved ? fmt.percent(p.plan.totals.fundedShare) : "–", solved ? String(p.plan.totals.targetCommunesReachingStandard) : "–",
                    (p.shadowPrice.map { fmt.grouped($0, decimals: 4) } ?? "–") + (drops.contains(i) ? "  ↓" : "")]
        }
    }

    /// The terminal table of a sweep of `subject`.
    public static func terminal(_ points: [SweepPoint], subject: SweepSubject, language: ReportLanguage) -> String {
        terminal(points, label: subject.label(language), language: language)
    }

    /// The terminal table, its first column headed `label`.
    public static func terminal(_ points: [SweepPoint], label: String, language: ReportLanguage = .en) -> String {
        let header = language == .vi
            ? [label, "giá trị mục tiêu", "tỷ lệ đáp ứng", "xã đạt chuẩn", "giá bóng"]
            : [label, "objective", "funded", "standard", "shadow price"]
        return TerminalSummary.table(rows(points, language: language), header: header)
    }

    /// `sweep.md` of a sweep of `subject`.
    public static func markdown(_ points: [SweepPoint], subject: SweepSubject, language: ReportLanguage) -> String {
        markdown(points, title: subject.title(language), label: subject.axisLabel(language), language: language)
    }

    /// `sweep.md`: the title and the same table as the terminal, in Markdown.
    public static func markdown(_ points: [SweepPoint], title: String, label: String, language: ReportLanguage) -> String {
        let vi = language == .vi
        let header = [label, vi ? "giá trị mục tiêu (hoặc trạng thái)" : "objective (or status)", vi ? "tỷ lệ đáp ứng" : "funded",
                      vi ? "xã đạt chuẩn" : "communes reaching the standard", vi ? "giá bóng (↓ giảm)" : "shadow price (↓ drops)"]
        var out = "# \(title)\n\n" + (points.first.map { Vocabulary.notesBlock($0.plan.scenario, language) } ?? "") + "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---:|", count: header.count) + "\n"
        for row in rows(points, language: language) { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}

/// `sweep.svg`: value against budget (or rule), with the points where the shadow price drops marked.
/// Each solved point is a `<circle class="point">` (the legend's is `class="legend"`).
public enum SweepChart {
    /// The chart of a sweep of `subject`.
    public static func svg(_ points: [SweepPoint], subject: SweepSubject, language: ReportLanguage) -> String {
        svg(points, title: subject.title(language), xLabel: subject.axisLabel(language), language: language)
    }

    /// The chart: `title` names what is swept (a budget or a rule), `xLabel` its axis. Points
    /// without a plan are marked on the axis as such; the curve joins solved neighbours only.
    public static func svg(_ points: [SweepPoint], title: String, xLabel: String, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let width = 820.0, height = 480.0, left = 90.0, right = 30.0, top = 40.0, bottom = 70.0
        let solved = points.filter { $0.plan.objective != nil }
        let xs = points.map(\.value), ys = solved.compactMap(\.plan.objective)
        let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-9)
        // The value axis spans the data (with a margin), so the curve's bends stay visible.
        let low = ys.min() ?? 0, high = ys.max() ?? 1
        let margin = max((high - low) * 0.08, abs(high) * 1e-6, 1e-9)
        let yMin = low - margin, yMax = high + margin
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - yMin) / (yMax - yMin) * (height - top - bottom) }
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let vi = language == .vi
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(width / 2)" y="22" text-anchor="middle" font-size="15">\(esc(title))</text>
        <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
        <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>

        """
        for k in 0...4 {
            let x = xMin + (xMax - xMin) * Double(k) / 4, y = yMin + (yMax - yMin) * Double(k) / 4
            out += "<text x=\"\(px(x))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(fmt.grouped(x, decimals: xMax - xMin < 10 ? 2 : 0))</text>\n"
            out += "<line x1=\"\(left - 4)\" y1=\"\(py(y))\" x2=\"\(width - right)\" y2=\"\(py(y))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(left - 8)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">\(fmt.grouped(y, decimals: 0))</text>\n"
        }
        out += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 25)\" text-anchor=\"middle\">\(esc(xLabel))</text>\n"
        // One polyline per run of consecutive solved points: no line across a point without a plan.
        var runs: [[SweepPoint]] = [[]]
        for p in points {
            if p.plan.objective != nil { runs[runs.count - 1].append(p) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        for run in runs where run.count > 1 {
            let path = run.map { "\(px($0.value)),\(py($0.plan.objective!))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n"
        }
        for p in points where p.plan.objective == nil {
            let status = Labels.of(language).status(p.plan.status)
            let x = px(p.value), y = height - bottom
            out += "<path d=\"M\(x - 5),\(y - 13) L\(x + 5),\(y - 3) M\(x - 5),\(y - 3) L\(x + 5),\(y - 13)\" stroke=\"#7f7f7f\" stroke-width=\"2\"><title>\(esc(status))</title></path>\n"
            out += "<text x=\"\(x)\" y=\"\(y - 18)\" text-anchor=\"middle\" fill=\"#7f7f7f\" font-size=\"10\">\(esc(status))</text>\n"
        }
        let drops = Set(SweepPoint.priceDrops(points))
        for (i, p) in points.enumerated() {
            guard let y = p.plan.objective else { continue }
            if drops.contains(i) {
                out += "<circle class=\"point drop\" cx=\"\(px(p.value))\" cy=\"\(py(y))\" r=\"6\" fill=\"#d62728\"><title>\(vi ? "giá bóng giảm" : "shadow price drops") → \(fmt.grouped(p.shadowPrice ?? 0, decimals: 4))</title></circle>\n"
            } else {
                out += "<circle class=\"point\" cx=\"\(px(p.value))\" cy=\"\(py(y))\" r=\"3.5\" fill=\"#1f77b4\"/>\n"
            }
        }
        out += "<circle class=\"legend\" cx=\"\(left + 16)\" cy=\"\(top + 10)\" r=\"6\" fill=\"#d62728\"/>\n"
        out += "<text x=\"\(left + 28)\" y=\"\(top + 14)\">\(vi ? "giá bóng giảm tại điểm này (thêm vốn mang lại ít hơn)" : "shadow price drops here (more money buys less)")</text>\n"
        out += "</svg>\n"
        return out
    }
}
