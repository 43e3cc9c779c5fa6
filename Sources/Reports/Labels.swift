import Foundation
import Allocation

/// The language of human-readable output (labels of reports and terminal tables).
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// Tiếng Việt (default).
    case vi
    case en
}

/// Every label the human-readable reports use, in one language. Data names (communes,
/// sources) are shown as written in the scenario.
public struct Labels: Sendable {
    public var title: String
    public var scenario: String
    public var mode: String
    public var status: String
    public var objective: String
    public var mipGap: String
    public var bestBound: String
    public var totalNeed: String
    public var totalFunded: String
    public var fundedShare: String
    public var worksFullyFunded: String
    public var worksPartlyFunded: String
    public var targetReaching: String
    public var priorityStateShare: String
    public var labourUsed: String
    public var labourDays: String
    public var solveTime: String
    public var modelSize: String
    public var byDistrict: String
    public var bySource: String
    public var district: String
    public var communes: String
    public var need: String
    public var funded: String
    public var gap: String
    public var source: String
    public var kind: String
    public var available: String
    public var used: String
    public var unused: String
    public var shadowPrice: String
    public var unfundedRequired: String
    public var commune: String
    public var work: String
    public var category: String
    public var cost: String
    public var share: String
    public var bindingRules: String
    public var rule: String
    public var rows: String
    public var largestDual: String
    public var none: String
    public var moneyUnit: String
    public var fixedDualsNote: String
    public var timeLimitNote: String
    public var noSolution: String
    public var statusNames: [String: String]
    public var familyNames: [String: String]

    /// The labels for `language`.
    public static func of(_ language: ReportLanguage) -> Labels { language == .vi ? .vietnamese : .english }

    public static let vietnamese = Labels(
        title: "Phương án phân bổ vốn xây dựng nông thôn mới", scenario: "Kịch bản", mode: "Chế độ",
        status: "Trạng thái", objective: "Giá trị mục tiêu", mipGap: "Khoảng cách MIP", bestBound: "Cận tốt nhất",
        totalNeed: "Tổng nhu cầu", totalFunded: "Tổng vốn bố trí", fundedShare: "Tỷ lệ đáp ứng",
        worksFullyFunded: "Công trình được bố trí đủ vốn", worksPartlyFunded: "Công trình được bố trí một phần",
        targetReaching: "Xã phấn đấu đạt chuẩn đủ vốn công trình bắt buộc",
        priorityStateShare: "Tỷ lệ vốn nhà nước (chung) cho xã ưu tiên", labourUsed: "Ngày công lao động huy động (quy tiền)",
        labourDays: "Số ngày công", solveTime: "Thời gian giải", modelSize: "Kích thước mô hình",
        byDistrict: "Theo huyện", bySource: "Theo nguồn vốn", district: "Huyện", communes: "Số xã", need: "Nhu cầu",
        funded: "Bố trí", gap: "Còn thiếu", source: "Nguồn vốn", kind: "Loại", available: "Khả năng",
        used: "Đã dùng", unused: "Chưa dùng", shadowPrice: "Giá bóng (giá trị/1 triệu)",
        unfundedRequired: "Công trình bắt buộc chưa được bố trí đủ vốn", commune: "Xã", work: "Công trình",
        category: "Lĩnh vực", cost: "Tổng mức", share: "Tỷ lệ bố trí", bindingRules: "Ràng buộc đang chặt",
        rule: "Quy định", rows: "Số dòng", largestDual: "Giá đối ngẫu lớn nhất", none: "không có",
        moneyUnit: "tỷ đồng",
        fixedDualsNote: "Giá bóng ở chế độ MIP lấy từ bài toán LP với các biến nguyên cố định tại lời giải tốt nhất.",
        timeLimitNote: "Việc tìm kiếm bị dừng do hết thời gian: lời giải là tốt nhất tìm được, chưa chứng minh tối ưu.",
        noSolution: "Không có lời giải.",
        statusNames: ["optimal": "tối ưu", "feasible": "khả thi", "infeasible": "không khả thi",
                      "unbounded": "không bị chặn", "time_limit": "hết thời gian", "error": "lỗi"],
        familyNames: ["coverage": "Cân đối vốn công trình", "pooled_budget": "Ngân sách nguồn vốn chung",
                      "local_capacity": "Khả năng huy động tại xã", "share_cap": "Tỷ lệ tối đa của một nguồn",
                      "state_share": "Tỷ lệ tối đa vốn nhà nước", "community_share": "Tỷ lệ tối thiểu vốn cộng đồng",
                      "counterpart": "Vốn đối ứng địa phương", "priority_share": "Tỷ lệ tối thiểu cho xã ưu tiên",
                      "commune_floor": "Mức tối thiểu mỗi xã", "commune_cap": "Mức tối đa mỗi xã",
                      "standard": "Đạt chuẩn NTM", "start_once": "Khởi công không quá một lần"])

    public static let english = Labels(
        title: "New Rural Development funding allocation", scenario: "Scenario", mode: "Mode", status: "Status",
        objective: "Objective value", mipGap: "MIP gap", bestBound: "Best bound", totalNeed: "Total need",
        totalFunded: "Total funded", fundedShare: "Funded share", worksFullyFunded: "Works fully funded",
        worksPartlyFunded: "Works partly funded", targetReaching: "Target communes with all required works funded",
        priorityStateShare: "Pooled state money to priority communes", labourUsed: "Community labour mobilised (value)",
        labourDays: "Labour days", solveTime: "Solve time", modelSize: "Model size", byDistrict: "By district",
        bySource: "By source", district: "District", communes: "Communes", need: "Need", funded: "Funded", gap: "Gap",
        source: "Source", kind: "Kind", available: "Available", used: "Used", unused: "Unused",
        shadowPrice: "Shadow price (value per million)", unfundedRequired: "Required works not fully funded",
        commune: "Commune", work: "Work", category: "Category", cost: "Cost", share: "Funded share",
        bindingRules: "Binding rules", rule: "Rule", rows: "Rows", largestDual: "Largest dual", none: "none",
        moneyUnit: "billion VND",
        fixedDualsNote: "In MIP mode, shadow prices come from the LP with the integer variables fixed at the best solution found.",
        timeLimitNote: "The time limit stopped the search: the solution is the best found, not proven optimal.",
        noSolution: "No solution.",
        statusNames: ["optimal": "optimal", "feasible": "feasible", "infeasible": "infeasible",
                      "unbounded": "unbounded", "time_limit": "time limit", "error": "error"],
        familyNames: ["coverage": "Work coverage", "pooled_budget": "Pooled budget", "local_capacity": "Local capacity",
                      "share_cap": "Source share cap", "state_share": "State share cap",
                      "community_share": "Community share minimum", "counterpart": "Local counterpart funds",
                      "priority_share": "Priority communes' share", "commune_floor": "Commune floor",
                      "commune_cap": "Commune cap", "standard": "Reaching the NTM standard", "start_once": "Started at most once"])
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
        let l = Labels.of(language)
        let name = l.statusNames[plan.status.rawValue] ?? plan.status.rawValue
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
