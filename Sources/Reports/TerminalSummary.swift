import Foundation
import Allocation

/// The short table `solve` prints to the terminal: the headline figures and the sources.
public enum TerminalSummary {
    /// The headline table and the sources of `report`.
    public static func render(_ report: PlanReport, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let l = Labels.of(language)
        let o = report.outcome
        var pairs: [(String, String)] = [
            (l[.scenario], report.scenario.name),
            (l[.status], "\(StatusText.describe(o, language: language)) [\(o.mode.rawValue)]"),
        ]
        if let objective = o.objective { pairs.append((l[.objective], fmt.grouped(objective, decimals: 2))) }
        if o.mode == .mip, let gap = o.mipGap { pairs.append((l[.mipGap], fmt.fixed(gap * 100, decimals: 4) + "%")) }
        if report.hasSolution {
            let t = report.totals
            pairs += [
                (l[.totalNeed], "\(fmt.billions(t.need)) \(l[.moneyUnit])"),
                (l[.totalFunded], "\(fmt.billions(t.funded)) \(l[.moneyUnit]) (\(fmt.percent(t.fundedShare)))"),
                (l[.worksFullyFunded], "\(t.worksFullyFunded) / \(t.works)"),
                (l[.targetReaching], "\(t.targetCommunesReachingStandard) / \(t.targetCommunesWithRequiredWorks)"),
                (l[.priorityStateShare], t.priorityStateShare.map(fmt.percent) ?? l[.nothing]),
                (l[.labourUsed], "\(fmt.billions(t.labourValueUsed)) \(l[.moneyUnit])"),
            ]
        }
        pairs.append((l[.modelSize], "\(report.model.rows) × \(report.model.columns), \(report.model.nonZeros) nnz"))
        pairs.append((l[.solveTime], fmt.fixed(report.model.solveSeconds, decimals: 2) + " s"))
        // An infeasible run opens with the planner's sentence (which rule, by how much, what is enough).
        let opening = report.hasSolution ? "" : report.diagnosis.map { DiagnosisReport.headline($0, language: language) + "\n\n" } ?? ""
        var out = opening + Vocabulary.notesLine(report.scenario.notes, language) + table(pairs.map { [$0.0, $0.1] }, header: nil)
        if report.hasSolution {
            let rows = report.sources.map { s -> [String] in
                [s.id, fmt.billions(s.available), fmt.billions(s.used), s.shadowPrice.map { fmt.grouped($0, decimals: 3) } ?? "–"]
            }
            out += "\n" + table(rows, header: [l[.source], "\(l[.available]) (\(l[.moneyUnit]))", "\(l[.used]) (\(l[.moneyUnit]))", l[.shadowPrice]])
        }
        return out
    }

    /// What the terminal prints after the table and the times: the gain over the status quo
    /// (with the warning when it breaks rules), or why there is no solution and the diagnosis.
    public static func afterword(_ report: PlanReport, language: ReportLanguage) -> String {
        var out = ""
        if let baseline = report.baseline { out += "\n" + BaselineSection.terminalLine(baseline, language: language) }
        if !report.hasSolution, let diagnosis = report.diagnosis {
            // The planner's sentence opened the text (``render(_:language:)``); the solver's own codes come last.
            out += "\n" + DiagnosisReport.render(diagnosis, language: language)
            out += "\n" + (language == .vi ? "Chi tiết của bộ giải (GLPK): " : "Solver detail (GLPK): ") + report.outcome.termination + "\n"
        } else if !report.hasSolution {
            out += "\n" + (language == .vi ? "Không giải được: " : "No solution: ") + report.outcome.termination + "\n"
        }
        return out
    }

    /// The headline table of a bare plan.
    public static func render(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        render(PlanReport(plan: plan), language: language)
    }

    /// The line of a solve's stage times: "Thời gian: đọc và kiểm tra 0,12 s, …" (vi) or
    /// "Time: load and validate 0.12 s, …" (en).
    /// `alongside`: the seconds the status quo took on a thread of its own while the solve ran
    /// (the baseline beside stage 1, the gain split's capped re-solve beside the tie-break stage;
    /// said, so that a near-zero status quo time is not read as skipped).
    public static func timings(load: Double, build: Double, solve: Double, afterSolve: Double, write: Double,
                               alongside: Double? = nil, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let s = [load, build, solve, afterSolve, write].map { fmt.fixed($0, decimals: 2) + " s" }
        let side = alongside.map { fmt.fixed($0, decimals: 2) + " s" }
        return language == .vi
            ? "Thời gian: đọc và kiểm tra \(s[0]), dựng mô hình \(s[1]), giải \(s[2]), hiện hành/giải trình \(s[3]), ghi \(s[4])"
                + (side.map { " (phương án hiện hành: \($0), chạy song song với bước giải)" } ?? "") + "\n"
            : "Time: load and validate \(s[0]), build \(s[1]), solve \(s[2]), baseline/explain \(s[3]), write \(s[4])"
                + (side.map { " (status quo: \($0), alongside the solve)" } ?? "") + "\n"
    }

    /// The line saying which path the solve took and, when it was the monolithic one though
    /// decomposing was asked for or possible, why (""; nothing when monolithic was asked for).
    public static func solvePath(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        let vi = language == .vi
        switch plan.solvePath {
        case nil, .monolithic(nil)?:
            return ""
        case .decomposed?:
            return vi ? "Cách giải: phân rã theo xã (Dantzig–Wolfe)\n" : "Solve path: decomposed (Dantzig–Wolfe over communes)\n"
        case .monolithic(let reason?)?:
            let why: String
            switch reason {
            case .tooFewCommunes(let communeYears, let threshold):
                let years = plan.scenario.periodCount
                if years <= 1 {
                    why = vi ? "\(communeYears) xã, ít hơn ngưỡng \(threshold) để tự động phân rã"
                             : "\(communeYears) communes, fewer than the \(threshold) from which the automatic path decomposes"
                } else {
                    let communes = plan.scenario.communes.count
                    why = vi ? "\(communes) xã × \(years) năm = \(communeYears), ít hơn ngưỡng \(threshold) (xã × năm) để tự động phân rã"
                             : "\(communes) communes × \(years) years = \(communeYears), fewer than the \(threshold) commune-years from which the automatic path decomposes"
                }
            case .mipMode:
                why = vi ? "mô hình MIP, giải nguyên khối (phân rã MIP chỉ khi chọn --solver decomposed)"
                         : "a MIP, solved monolithically (the decomposed MIP only with --solver decomposed)"
            default:
                why = vi ? "phép phân rã dừng (\(reason.identifier): \(reason.description)), đã giải nguyên khối thay thế"
                         : "the decomposition gave up (\(reason.identifier): \(reason.description)); solved monolithically instead"
            }
            return (vi ? "Cách giải: nguyên khối — " : "Solve path: monolithic — ") + why + "\n"
        }
    }

    /// A plain text table with columns padded by character count (Vietnamese letters included).
    static func table(_ rows: [[String]], header: [String]?) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        guard let width = all.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ") + "\n"
        }
        var out = ""
        if let header {
            out += line(header)
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        }
        for row in rows { out += line(row) }
        return out
    }
}
