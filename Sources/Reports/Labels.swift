import Foundation
import Allocation

/// The language of human-readable output (labels of reports and terminal tables).
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// Tiếng Việt (default).
    case vi
    case en
}

/// Every label of the human-readable reports, as a typed key with both languages (an
/// exhaustive `switch`, so a key does not compile without its ``Term``). Data names (communes,
/// sources) are shown as written in the scenario. `VocabularyTests` checks that every key has a
/// Vietnamese and an English text and that they differ.
public enum ReportLabel: String, LabelKey {
    // Headings, headline figures, table columns and notes of report.md and the terminal.
    case title, scenario, mode, status, objective, mipGap, bestBound, totalNeed, totalFunded, fundedShare
    case worksFullyFunded, worksPartlyFunded, targetReaching, priorityStateShare, labourUsed, labourDays, solveTime
    case modelSize, byDistrict, bySource, district, communes, need, funded, gap, source, kind, available, used, unused
    case shadowPrice, unfundedRequired, commune, work, category, cost, share, bindingRules, rule, rows, largestDual
    case nothing, moneyUnit, fixedDualsNote, timeLimitNote, timeLimitNoPlanNote, noSolution

    /// The label in both languages.
    public var term: Term {
        switch self {
        case .title: Term(vi: "Phương án phân bổ vốn xây dựng nông thôn mới", en: "New Rural Development funding allocation")
        case .scenario: Term(vi: "Kịch bản", en: "Scenario")
        case .mode: Term(vi: "Chế độ", en: "Mode")
        case .status: Term(vi: "Trạng thái", en: "Status")
        case .objective: Term(vi: "Giá trị mục tiêu", en: "Objective value")
        case .mipGap: Term(vi: "Khoảng cách MIP", en: "MIP gap")
        case .bestBound: Term(vi: "Cận tốt nhất", en: "Best bound")
        case .totalNeed: Term(vi: "Tổng nhu cầu", en: "Total need")
        case .totalFunded: Term(vi: "Tổng vốn bố trí", en: "Total funded")
        case .fundedShare: Term(vi: "Tỷ lệ đáp ứng", en: "Funded share")
        case .worksFullyFunded: Term(vi: "Công trình được bố trí đủ vốn", en: "Works fully funded")
        case .worksPartlyFunded: Term(vi: "Công trình được bố trí một phần", en: "Works partly funded")
        case .targetReaching: Term(vi: "Xã phấn đấu đạt chuẩn đủ vốn công trình bắt buộc", en: "Target communes with all required works funded")
        case .priorityStateShare: Term(vi: "Tỷ lệ vốn nhà nước (chung) cho xã ưu tiên", en: "Pooled state money to priority communes")
        case .labourUsed: Term(vi: "Ngày công lao động huy động (quy tiền)", en: "Community labour mobilised (value)")
        case .labourDays: Term(vi: "Số ngày công", en: "Labour days")
        case .solveTime: Term(vi: "Thời gian giải", en: "Solve time")
        case .modelSize: Term(vi: "Kích thước mô hình", en: "Model size")
        case .byDistrict: Term(vi: "Theo huyện", en: "By district")
        case .bySource: Term(vi: "Theo nguồn vốn", en: "By source")
        case .district: Term(vi: "Huyện", en: "District")
        case .communes: Term(vi: "Số xã", en: "Communes")
        case .need: Term(vi: "Nhu cầu", en: "Need")
        case .funded: Term(vi: "Bố trí", en: "Funded")
        case .gap: Term(vi: "Còn thiếu", en: "Gap")
        case .source: Term(vi: "Nguồn vốn", en: "Source")
        case .kind: Term(vi: "Loại", en: "Kind")
        case .available: Term(vi: "Khả năng", en: "Available")
        case .used: Term(vi: "Đã dùng", en: "Used")
        case .unused: Term(vi: "Chưa dùng", en: "Unused")
        case .shadowPrice: Term(vi: "Giá bóng (giá trị/1 triệu)", en: "Shadow price (value per million)")
        case .unfundedRequired: Term(vi: "Công trình bắt buộc chưa được bố trí đủ vốn", en: "Required works not fully funded")
        case .commune: Term(vi: "Xã", en: "Commune")
        case .work: Term(vi: "Công trình", en: "Work")
        case .category: Term(vi: "Lĩnh vực", en: "Category")
        case .cost: Term(vi: "Tổng mức", en: "Cost")
        case .share: Term(vi: "Tỷ lệ bố trí", en: "Funded share")
        case .bindingRules: Term(vi: "Ràng buộc đang chặt", en: "Binding rules")
        case .rule: Term(vi: "Quy định", en: "Rule")
        case .rows: Term(vi: "Số dòng", en: "Rows")
        case .largestDual: Term(vi: "Giá đối ngẫu lớn nhất", en: "Largest dual")
        case .nothing: Term(vi: "không có", en: "none")
        case .moneyUnit: Term(vi: "tỷ đồng", en: "billion VND")
        case .fixedDualsNote: Term(vi: "Giá bóng ở chế độ MIP lấy từ bài toán LP với các biến nguyên cố định tại lời giải tốt nhất.", en: "In MIP mode, shadow prices come from the LP with the integer variables fixed at the best solution found.")
        case .timeLimitNote: Term(vi: "Việc tìm kiếm bị dừng do hết thời gian: lời giải là tốt nhất tìm được, chưa chứng minh tối ưu.", en: "The time limit stopped the search: the solution is the best found, not proven optimal.")
        case .timeLimitNoPlanNote: Term(vi: "Việc tìm kiếm bị dừng do hết thời gian trước khi tìm được phương án nào: hãy cho thêm thời gian (--time-limit).",
                                        en: "The time limit stopped the search before any plan was found: allow more time (--time-limit).")
        case .noSolution: Term(vi: "Không có lời giải.", en: "No solution.")
        }
    }

    /// The label in `language`.
    public func text(in language: ReportLanguage) -> String { term.text(language) }
}

extension PlanStatus: LabelKey {
    /// The status as reports name it.
    public var term: Term {
        switch self {
        case .optimal: Term(vi: "tối ưu", en: "optimal")
        case .feasible: Term(vi: "khả thi", en: "feasible")
        case .infeasible: Term(vi: "không khả thi", en: "infeasible")
        case .unbounded: Term(vi: "không bị chặn", en: "unbounded")
        case .timeLimit: Term(vi: "hết thời gian", en: "time limit")
        case .error: Term(vi: "lỗi", en: "error")
        }
    }
}

extension ConstraintFamily: LabelKey {
    /// The rule family (docs/model.md §3) as reports name it.
    public var term: Term {
        switch self {
        case .coverage: Term(vi: "Cân đối vốn công trình", en: "Work coverage")
        case .pooledBudget: Term(vi: "Ngân sách nguồn vốn chung", en: "Pooled budget")
        case .localCapacity: Term(vi: "Khả năng huy động tại xã", en: "Local capacity")
        case .shareCap: Term(vi: "Tỷ lệ tối đa của một nguồn", en: "Source share cap")
        case .stateShare: Term(vi: "Tỷ lệ tối đa vốn nhà nước", en: "State share cap")
        case .communityShare: Term(vi: "Tỷ lệ tối thiểu vốn cộng đồng", en: "Community share minimum")
        case .counterpart: Term(vi: "Vốn đối ứng địa phương", en: "Local counterpart funds")
        case .priorityShare: Term(vi: "Tỷ lệ tối thiểu cho xã ưu tiên", en: "Priority communes' share")
        case .communeFloor: Term(vi: "Mức tối thiểu mỗi xã", en: "Commune floor")
        case .communeCap: Term(vi: "Mức tối đa mỗi xã", en: "Commune cap")
        case .standard: Term(vi: "Đạt chuẩn NTM", en: "Reaching the NTM standard")
        case .startOnce: Term(vi: "Khởi công không quá một lần", en: "Started at most once")
        }
    }
}

/// The labels of one language, looked up by typed key: `labels[.totalNeed]`.
public struct Labels: Sendable {
    /// The language of every label.
    public let language: ReportLanguage

    /// The labels of `language`.
    public init(_ language: ReportLanguage) { self.language = language }

    /// The labels for `language`.
    public static func of(_ language: ReportLanguage) -> Labels { Labels(language) }

    /// Vietnamese (the default language of the reports).
    public static let vietnamese = Labels(.vi)
    /// English.
    public static let english = Labels(.en)

    /// The text of `key`.
    public subscript(_ key: ReportLabel) -> String { key.term.text(language) }

    /// A plan status's name ("tối ưu", "time limit").
    public func status(_ status: PlanStatus) -> String { status.term.text(language) }

    /// A rule family's name ("Ngân sách nguồn vốn chung", "Commune floor").
    public func family(_ family: ConstraintFamily) -> String { family.term.text(language) }
}

/// The status of a plan in words, as reports and the terminal print it. A MIP reported optimal is
/// optimal within the gap limit only ("optimal within 0.01%, gap reached 0.0038%"): branch-and-cut
/// stops once the best plan is that close to the bound, so the true optimum may be a little higher.
public enum StatusText {
    /// The status of `plan` in words.
    public static func describe(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        describe(PlanReport.Outcome(plan), language: language)
    }

    /// The status of a report's outcome in words.
    public static func describe(_ plan: PlanReport.Outcome, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let name = Labels.of(language).status(plan.status)
        guard plan.isOptimalWithinGap else { return name }
        let vi = language == .vi
        var text = name
        if let limit = plan.mipGapLimit {
            text += (vi ? " trong sai số " : " within ") + fmt.localize(percent(limit))
        } else {
            text += vi ? " trong sai số MIP" : " within the MIP gap"
        }
        if let gap = plan.mipGap {
            text += (vi ? ", khoảng cách đạt " : ", gap reached ") + fmt.fixed(gap * 100, decimals: 4) + "%"
        }
        return text
    }

    /// A gap setting as a percentage with no spurious digits (1e-4 → "0.01%").
    static func percent(_ share: Double) -> String {
        String(format: "%g%%", (share * 100 * 1e12).rounded() / 1e12)
    }
}
