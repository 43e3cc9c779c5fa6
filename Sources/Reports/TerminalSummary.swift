import Foundation
import Allocation

/// The short table `solve` prints to the terminal: the headline figures and the sources.
public enum TerminalSummary {
    public static func render(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let l = Labels.of(language)
        var pairs: [(String, String)] = [
            (l.scenario, plan.scenario.name),
            (l.status, "\(StatusText.describe(plan, language: language)) [\(plan.mode.rawValue)]"),
        ]
        if let objective = plan.objective { pairs.append((l.objective, fmt.grouped(objective, decimals: 2))) }
        if plan.mode == .mip, let gap = plan.mipGap { pairs.append((l.mipGap, fmt.fixed(gap * 100, decimals: 4) + "%")) }
        if plan.hasSolution {
            let t = plan.totals
            pairs += [
                (l.totalNeed, "\(fmt.billions(t.need)) \(l.moneyUnit)"),
                (l.totalFunded, "\(fmt.billions(t.funded)) \(l.moneyUnit) (\(fmt.percent(t.fundedShare)))"),
                (l.worksFullyFunded, "\(t.worksFullyFunded) / \(plan.scenario.works.count)"),
                (l.targetReaching, "\(t.targetCommunesReachingStandard) / \(t.targetCommunesWithRequiredWorks)"),
                (l.priorityStateShare, t.priorityStateShare.map(fmt.percent) ?? l.none),
                (l.labourUsed, "\(fmt.billions(t.labourValueUsed)) \(l.moneyUnit)"),
            ]
        }
        pairs.append((l.modelSize, "\(plan.rows) × \(plan.columns), \(plan.nonZeros) nnz"))
        pairs.append((l.solveTime, fmt.fixed(plan.solveSeconds, decimals: 2) + " s"))
        var out = Vocabulary.notesLine(plan.scenario, language) + table(pairs.map { [$0.0, $0.1] }, header: nil)
        if plan.hasSolution {
            let rows = plan.sources.map { o -> [String] in
                let s = plan.scenario.sources[o.source]
                return [s.id, fmt.billions(o.available), fmt.billions(o.used),
                        o.shadowPrice.map { fmt.grouped($0, decimals: 3) } ?? "–"]
            }
            out += "\n" + table(rows, header: [l.source, "\(l.available) (\(l.moneyUnit))", "\(l.used) (\(l.moneyUnit))", l.shadowPrice])
        }
        return out
    }

    /// The line of a solve's stage times: "Thời gian: đọc và kiểm tra 0,12 s, …" (vi) or
    /// "Time: load and validate 0.12 s, …" (en).
    public static func timings(load: Double, build: Double, solve: Double, afterSolve: Double, write: Double,
                               language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let s = [load, build, solve, afterSolve, write].map { fmt.fixed($0, decimals: 2) + " s" }
        return language == .vi
            ? "Thời gian: đọc và kiểm tra \(s[0]), dựng mô hình \(s[1]), giải \(s[2]), hiện hành/giải trình \(s[3]), ghi \(s[4])\n"
            : "Time: load and validate \(s[0]), build \(s[1]), solve \(s[2]), baseline/explain \(s[3]), write \(s[4])\n"
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
            case .tooFewCommunes(let communes, let threshold):
                why = vi ? "\(communes) xã, ít hơn ngưỡng \(threshold) xã để tự động phân rã"
                         : "\(communes) communes, fewer than the \(threshold) from which the automatic path decomposes"
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
