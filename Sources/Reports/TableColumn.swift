/// A column of the plan's tables (allocations.csv, communes.csv, sources.csv,
/// sources-by-period.csv): its CSV header (the raw value, a contract name scripts read) and its
/// title for a reader in both languages, with the kind of value it holds, so a workbook or a
/// web page can head and format the same columns as the CSV files. The grouping column that
/// leads the allocation and commune tables is not one of these: its header is the scenario's
/// (``PlanReport/Grouping/csvHeader``, ``PlanReport/Grouping/title(_:)``).
public enum TableColumn: String, LabelKey {
    case communeCode = "commune_code", communeName = "commune_name", workID = "work_id", workName = "work_name"
    case category, cost, fundedShare = "funded_share", sourceID = "source_id", amount
    case period, workStart = "work_start", workFinish = "work_finish"
    case code, name, especiallyDifficult = "especially_difficult", border, priority, status
    case criteriaMet = "criteria_met", need, funded, gap, fundedState = "funded_state"
    case fundedCommunity = "funded_community", fundedOther = "funded_other", pooledState = "pooled_state"
    case reachesStandard = "reaches_standard"
    case kind, scope, available, used, unused, shadowPrice = "shadow_price"
    case priceValidFrom = "price_valid_from", priceValidTo = "price_valid_to"
    case budget, carriedIn = "carried_in", carriedOut = "carried_out", lapsed

    /// What a column holds, for number formats and alignment.
    public enum ValueKind: Sendable, Hashable {
        /// Text, codes included ("05986" keeps its zero).
        case text
        /// Million VND.
        case money
        /// A share in [0, 1].
        case share
        /// A whole number.
        case count
        /// 1 or 0 (or empty when it does not apply).
        case flag
        /// Objective value per million VND.
        case price
        /// A period label ("2026").
        case period
    }

    /// The title in both languages (money columns are in million VND: the unit is the table's).
    public var term: Term {
        switch self {
        case .communeCode: Term(vi: "Mã xã", en: "Commune code")
        case .communeName: Term(vi: "Tên xã", en: "Commune")
        case .workID: Term(vi: "Mã công trình", en: "Work id")
        case .workName: Term(vi: "Tên công trình", en: "Work name")
        case .category: Term(vi: "Lĩnh vực", en: "Category")
        case .cost: Term(vi: "Tổng mức", en: "Cost")
        case .fundedShare: Term(vi: "Tỷ lệ bố trí", en: "Funded share")
        case .sourceID: Term(vi: "Mã nguồn vốn", en: "Source id")
        case .amount: Term(vi: "Số vốn", en: "Amount")
        case .period: Term(vi: "Năm", en: "Year")
        case .workStart: Term(vi: "Năm khởi công", en: "Start")
        case .workFinish: Term(vi: "Năm hoàn thành", en: "Completion")
        case .code: Term(vi: "Mã", en: "Code")
        case .name: Term(vi: "Tên", en: "Name")
        case .especiallyDifficult: Term(vi: "Xã ĐBKK", en: "Especially difficult")
        case .border: Term(vi: "Xã biên giới", en: "Border")
        case .priority: Term(vi: "Xã ưu tiên", en: "Priority")
        case .status: Term(vi: "Tình trạng NTM", en: "NTM status")
        case .criteriaMet: Term(vi: "Số tiêu chí đạt", en: "Criteria met")
        case .need: Term(vi: "Nhu cầu", en: "Need")
        case .funded: Term(vi: "Bố trí", en: "Funded")
        case .gap: Term(vi: "Còn thiếu", en: "Gap")
        case .fundedState: Term(vi: "Vốn nhà nước", en: "State money")
        case .fundedCommunity: Term(vi: "Vốn cộng đồng", en: "Community money")
        case .fundedOther: Term(vi: "Vốn khác", en: "Other money")
        case .pooledState: Term(vi: "Vốn nhà nước chung", en: "Pooled state money")
        case .reachesStandard: Term(vi: "Đạt chuẩn", en: "Reaches the standard")
        case .kind: Term(vi: "Loại nguồn", en: "Kind")
        case .scope: Term(vi: "Phạm vi", en: "Scope")
        case .available: Term(vi: "Khả năng", en: "Available")
        case .used: Term(vi: "Đã dùng", en: "Used")
        case .unused: Term(vi: "Chưa dùng", en: "Unused")
        case .shadowPrice: Term(vi: "Giá bóng (giá trị/1 triệu)", en: "Shadow price (value per million)")
        case .priceValidFrom: Term(vi: "Giá bóng đúng từ", en: "Price valid from")
        case .priceValidTo: Term(vi: "Giá bóng đúng đến", en: "Price valid to")
        case .budget: Term(vi: "Dự toán", en: "Budget")
        case .carriedIn: Term(vi: "Chuyển từ năm trước", en: "Carried in")
        case .carriedOut: Term(vi: "Chuyển sang năm sau", en: "Carried out")
        case .lapsed: Term(vi: "Bị hủy", en: "Lapsed")
        }
    }

    /// The kind of value in the column.
    public var valueKind: ValueKind {
        switch self {
        case .communeCode, .communeName, .workID, .workName, .category, .sourceID, .code, .name, .status, .kind, .scope: .text
        case .cost, .amount, .need, .funded, .gap, .fundedState, .fundedCommunity, .fundedOther, .pooledState,
             .available, .used, .unused, .priceValidFrom, .priceValidTo, .budget, .carriedIn, .carriedOut, .lapsed: .money
        case .fundedShare: .share
        case .criteriaMet: .count
        case .especiallyDifficult, .border, .priority, .reachesStandard: .flag
        case .shadowPrice: .price
        case .period, .workStart, .workFinish: .period
        }
    }

    /// The title in `language`.
    public func title(in language: ReportLanguage) -> String { term.text(language) }
}
