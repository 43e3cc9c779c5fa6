import Allocation
import LinearProgramming

/// A stage of a planner command, as the progress line names it.
public enum ProgressStage: String, Sendable, Hashable, CaseIterable {
    case loadAndValidate, build, solve, tieBreak, statusQuo, diagnose, explain, write
}

/// What a long run reports while it works (shown on a terminal by the command-line tool).
/// The figures come typed from the layers below; ``ProgressText`` words them.
public enum ProgressEvent: Sendable, Hashable {
    /// A stage begins.
    case stage(ProgressStage)
    /// Branch-and-cut: incumbent, best bound, gap.
    case branchAndCut(BranchAndCutProgress)
    /// A decomposed LP finished a pricing round.
    case decomposition(DecompositionProgress)
    /// The infeasibility diagnosis is testing a rule.
    case diagnosis(InfeasibilityDiagnosis.Progress)
    /// A sweep finished `done` of its `count` points.
    case sweepPoints(done: Int, count: Int)
    /// A compare finished `done` of its `count` variants.
    case compareVariants(done: Int, count: Int)
    /// An explanation finished `done` of its `count` what-if re-solves.
    case explainWhatIfs(done: Int, count: Int)
}

/// The words of the progress line, in Vietnamese or English: a pure function of the event and
/// the seconds since the command started, so it is tested on fixed inputs.
public enum ProgressText {
    /// One line (no line break) for `event`, `elapsed` seconds into the run:
    /// "[12,3 s] MIP: tốt nhất 4.262,17 · cận 4.300,00 · khoảng cách 0,89% · 35 nút mở".
    ///
    /// `stage` is the stage the run is in: a decomposition round of the tie-break stage is of its
    /// second objective, so it is shown as that stage's round, without figures.
    public static func line(_ event: ProgressEvent, stage: ProgressStage? = nil, elapsed: Double, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let clock = "[" + fmt.fixed(elapsed, decimals: 1) + " s] "
        func gap(_ g: Double) -> String { fmt.fixed(g * 100, decimals: 2) + "%" }
        switch event {
        case .stage(let stage):
            return clock + stageName(stage, language: language) + "…"
        case .branchAndCut(let p):
            var parts: [String] = []
            if let incumbent = p.incumbent {
                parts.append((vi ? "tốt nhất " : "best ") + fmt.grouped(incumbent, decimals: 2))
            } else {
                parts.append(vi ? "chưa có phương án nguyên" : "no integer plan yet")
            }
            if let bound = p.bestBound { parts.append((vi ? "cận " : "bound ") + fmt.grouped(bound, decimals: 2)) }
            if let g = p.relativeGap { parts.append((vi ? "khoảng cách " : "gap ") + gap(g)) }
            parts.append(vi ? "\(p.openNodes) nút mở" : "\(p.openNodes) open node\(p.openNodes == 1 ? "" : "s")")
            return clock + "MIP: " + parts.joined(separator: " · ")
        case .decomposition(let p) where stage == .tieBreak:
            return clock + stageName(.tieBreak, language: language) + (vi ? ": vòng \(p.round)" : ": round \(p.round)")
        case .decomposition(let p) where p.artificialsInUse:
            return clock + (vi ? "Giải phân rã: vòng \(p.round) · đang tìm phương án khả thi cho bài toán chủ"
                               : "Decomposed: round \(p.round) · finding a feasible master")
        case .decomposition(let p):
            return clock + (vi ? "Giải phân rã: vòng \(p.round) · bài toán chủ " : "Decomposed: round \(p.round) · master ")
                + fmt.grouped(p.masterObjective, decimals: 2) + (vi ? " · cận " : " · bound ") + fmt.grouped(p.bound, decimals: 2)
                + (vi ? " · khoảng cách " : " · gap ") + gap(max(0, p.relativeGap))
        case .diagnosis(let p):
            let resolve = p.resolve > 1 ? (vi ? ", lần giải \(p.resolve)" : ", re-solve \(p.resolve)") : ""
            return clock + (vi ? "Chẩn đoán: thử nới \(p.key) (\(p.index)/\(p.count)\(resolve))"
                               : "Diagnosis: relaxing \(p.key) (\(p.index) of \(p.count)\(resolve))")
        case .sweepPoints(let done, let count):
            return clock + (vi ? "Quét: xong \(done)/\(count) điểm" : "Sweep: \(done) of \(count) points done")
        case .compareVariants(let done, let count):
            return clock + (vi ? "So sánh: xong \(done)/\(count) phương án" : "Compare: \(done) of \(count) variants done")
        case .explainWhatIfs(let done, let count):
            return clock + (vi ? "Giải trình: xong \(done)/\(count) lần giải lại" : "Explain: \(done) of \(count) re-solves done")
        }
    }

    /// The name of a stage ("Đang giải", "Solving").
    public static func stageName(_ stage: ProgressStage, language: ReportLanguage) -> String {
        let vi = language == .vi
        switch stage {
        case .loadAndValidate: return vi ? "Đang đọc và kiểm tra kịch bản" : "Reading and checking the scenario"
        case .build: return vi ? "Đang dựng mô hình" : "Building the model"
        case .solve: return vi ? "Đang giải" : "Solving"
        case .tieBreak: return vi ? "Đang chọn phương án chuẩn trong các phương án tối ưu" : "Choosing the canonical plan among the optima"
        case .statusQuo: return vi ? "Đang tính phương án hiện hành" : "Computing the status quo"
        case .diagnose: return vi ? "Đang chẩn đoán vì sao không có phương án" : "Diagnosing why there is no plan"
        case .explain: return vi ? "Đang giải trình phương án" : "Explaining the plan"
        case .write: return vi ? "Đang ghi kết quả" : "Writing the outputs"
        }
    }

    /// What a terminal receives to show `line` in place of the previous one: a carriage return,
    /// the line, and "clear to the end of the line" (so a shorter line leaves nothing behind).
    public static func redraw(_ line: String) -> String { "\r" + line + "\u{1B}[K" }
}
