/// NTM status of a commune (tình trạng đạt chuẩn nông thôn mới).
public enum CommuneStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Chưa đạt chuẩn: below the NTM standard, not targeted in this period.
    case belowStandard = "none"
    /// Phấn đấu đạt chuẩn: striving to reach the standard in this period.
    case target
    /// Đạt chuẩn NTM.
    case standard
    /// Đạt chuẩn NTM nâng cao (advanced).
    case advanced
    /// Đạt chuẩn NTM kiểu mẫu (model).
    case model

    /// Whether the commune has not reached the standard yet (`none` or `target`).
    public var isBelowStandard: Bool { self == .belowStandard || self == .target }
}

/// A commune (xã) that can receive funds: one row of `communes.csv`.
public struct Commune: Sendable, Hashable {
    /// Unique id: the official administrative code (mã đơn vị hành chính) where known.
    public var code: String
    /// Commune name in Vietnamese, as written in the data.
    public var name: String
    /// District (huyện / thành phố); empty when communes.csv has no district column (since
    /// 1 July 2025 provinces have none: ``Scenario/hasDistricts``).
    public var district: String
    /// Population (dân số).
    public var population: Int
    /// Xã đặc biệt khó khăn (ĐBKK, region III).
    public var especiallyDifficult: Bool
    /// Xã biên giới.
    public var border: Bool
    public var status: CommuneStatus
    /// Number of NTM criteria already met, 0 … ``Scenario/criteriaTotal`` (19 in 2021–2025).
    public var criteriaMet: Int
    /// Further numeric columns of the CSV (capacities of local sources read from them).
    public var numericColumns: [String: Double]
    /// Every further column of the CSV as written (trimmed, NFC), numeric or not: what
    /// `report.group_by` and the baseline's coefficient rules read (docs/model.md §8).
    public var textColumns: [String: String] = [:]
    /// Multi-year plans: the period (index into ``Scenario/periods``) by which a target commune is
    /// to reach the standard (`standard_by`); nil means the last period.
    public var standardBy: Int? = nil

    public init(code: String, name: String, district: String, population: Int = 0,
                especiallyDifficult: Bool = false, border: Bool = false,
                status: CommuneStatus = .belowStandard, criteriaMet: Int = 0,
                numericColumns: [String: Double] = [:]) {
        self.code = code
        self.name = name
        self.district = district
        self.population = population
        self.especiallyDifficult = especiallyDifficult
        self.border = border
        self.status = status
        self.criteriaMet = criteriaMet
        self.numericColumns = numericColumns
    }

    /// A priority commune (xã ưu tiên): striving for the standard, ĐBKK, or border.
    public var isPriority: Bool { status == .target || especiallyDifficult || border }
}

/// The two groups the rules distinguish: priority communes and the others.
public enum CommuneGroup: String, Sendable, Hashable, CaseIterable, Codable {
    case priority
    case other
}

extension Commune {
    /// The rule group of this commune.
    public var group: CommuneGroup { isPriority ? .priority : .other }
}

/// A candidate work or project (công trình / dự án) of one commune: one row of `works.csv`.
public struct Work: Sendable, Hashable {
    public var id: String
    /// The `code` of its commune.
    public var commune: String
    /// Category (lĩnh vực), lower-case.
    public var category: String
    /// Total cost K_p, million VND, > 0.
    public var cost: Double
    /// Benefit β_p ≥ 0; nil means β_p = K_p.
    public var benefit: Double?
    /// Needed for the commune to reach the NTM standard (công trình bắt buộc).
    public var required: Bool
    /// Small, simple work the community may build itself (cộng đồng tự làm).
    public var communityBuildable: Bool
    /// May be funded in part (LP) — in MIP mode, a non-divisible work is funded whole or not at all.
    public var divisible: Bool
    /// Display name (tên công trình), optional; reports show it with the id.
    public var name: String? = nil
    /// Multi-year plans (docs/model.md §7): d_p, the number of periods its spending is spread
    /// over, K_p/d_p in each; 1 by default.
    public var duration: Int = 1
    /// The earliest period it may start (index into ``Scenario/periods``); nil: the first.
    public var startFrom: Int? = nil
    /// The latest period it may still spend in; nil: the last.
    public var finishBy: Int? = nil

    public init(id: String, commune: String, category: String, cost: Double, benefit: Double? = nil,
                required: Bool = false, communityBuildable: Bool = false, divisible: Bool = true) {
        self.id = id
        self.commune = commune
        self.category = category
        self.cost = cost
        self.benefit = benefit
        self.required = required
        self.communityBuildable = communityBuildable
        self.divisible = divisible
    }

    /// β_p: the benefit, or the cost when none is given.
    public var effectiveBenefit: Double { benefit ?? cost }
}
