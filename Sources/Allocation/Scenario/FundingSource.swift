/// What a funding source is (loại nguồn vốn).
public enum SourceKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Ngân sách trung ương of a national target programme.
    case central
    /// Ngân sách địa phương: province, district or commune budget.
    case localBudget = "local_budget"
    /// Vốn lồng ghép: funds of other programmes integrated into NTM.
    case integrated
    /// Vốn tín dụng: preferential credit.
    case credit
    /// Vốn doanh nghiệp: enterprises.
    case enterprise
    /// Nhân dân đóng góp: people's cash contributions.
    case people
    /// Ngày công lao động: community labour, valued in money.
    case labour

    /// State money (nhà nước): central, local budget, integrated.
    public var isState: Bool { self == .central || self == .localBudget || self == .integrated }
    /// Community money (cộng đồng): people's contributions and labour.
    public var isCommunity: Bool { self == .people || self == .labour }
}

/// Who may draw on a source's money.
public enum SourceScope: Sendable, Hashable {
    /// One budget B_s (million VND) shared by every eligible commune.
    case pooled(budget: Double)
    /// A capacity per commune: `communes.csv` column × unit value.
    case local(capacityColumn: String, unitValue: Double)

    /// The scope's keyword in scenario files.
    public var keyword: String {
        switch self {
        case .pooled: "pooled"
        case .local: "local"
        }
    }
}

/// An entry of `eligible.communes`: which communes a source may fund.
public enum CommuneSelector: String, Sendable, Hashable, CaseIterable, Codable {
    case all
    case priority
    case other
    case target
    case especiallyDifficult = "especially_difficult"
    case border
    /// Status `none` or `target`.
    case notStandard = "not_standard"

    /// Whether `commune` matches this selector.
    public func matches(_ commune: Commune) -> Bool {
        switch self {
        case .all: true
        case .priority: commune.isPriority
        case .other: !commune.isPriority
        case .target: commune.status == .target
        case .especiallyDifficult: commune.especiallyDifficult
        case .border: commune.border
        case .notStandard: commune.status.isBelowStandard
        }
    }
}

/// Where a source may be spent: communes (any selector matches), categories, districts.
public struct Eligibility: Sendable, Hashable {
    public var communes: [CommuneSelector]
    /// Lower-case categories; nil means every category.
    public var categories: Set<String>?
    /// District names (NFC, trimmed); nil means every district.
    public var districts: Set<String>?

    public init(communes: [CommuneSelector] = [.all], categories: Set<String>? = nil, districts: Set<String>? = nil) {
        self.communes = communes
        self.categories = categories.map { Set($0.map { $0.lowercased() }) }
        self.districts = districts
    }
}

/// A funding source (nguồn vốn) to be integrated (lồng ghép) into the NTM programme.
public struct FundingSource: Sendable, Hashable {
    public var id: String
    /// Display name, e.g. "NSTW – CTMTQG xây dựng NTM".
    public var name: String
    public var kind: SourceKind
    public var scope: SourceScope
    /// σ_s in (0, 1]: the largest share of a work's funded amount this source may cover.
    public var maxShare: Double
    public var eligibility: Eligibility
    /// κ_s ≥ 0: penalty per million used (for example interest on credit).
    public var cost: Double

    /// Multi-year plans (docs/model.md §7): B_{s,t}, the budget of each period (indexed like
    /// ``Scenario/periods``; a period not given has 0). Nil for a single-period scenario, whose
    /// budget is the one of ``scope``. When set, ``scope``'s budget is their sum.
    public var budgetByPeriod: [Double]? = nil
    /// c_s ∈ [0, 1]: at most c_s·B_{s,t} of the money unspent in period t may be spent in t + 1
    /// (chuyển nguồn, Law on Public Investment 2024, Art. 72). Pooled sources only.
    public var carryOver: Double = 0

    public init(id: String, name: String, kind: SourceKind, scope: SourceScope, maxShare: Double = 1,
                eligibility: Eligibility = Eligibility(), cost: Double = 0) {
        self.id = id
        self.name = name
        self.kind = kind
        self.scope = scope
        self.maxShare = maxShare
        self.eligibility = eligibility
        self.cost = cost
    }

    /// The budget of a pooled source (nil for a local one).
    public var budget: Double? {
        if case .pooled(let budget) = scope { return budget }
        return nil
    }

    /// Whether the source is pooled.
    public var isPooled: Bool { budget != nil }

    /// B_{s,t}: the budget of period `t` (a single-period scenario has only period 0); nil for a
    /// local source.
    public func budget(inPeriod t: Int) -> Double? {
        guard let budget else { return nil }
        if let budgetByPeriod { return t < budgetByPeriod.count ? budgetByPeriod[t] : 0 }
        return t == 0 ? budget : 0
    }

    /// cap_{s,c} of a local source for one commune (nil for a pooled source).
    public func capacity(in commune: Commune) -> Double? {
        guard case .local(let column, let unitValue) = scope else { return nil }
        return (commune.numericColumns[column] ?? 0) * unitValue
    }

    /// Whether the source may fund `work` in `commune`: commune, category, district and
    /// (for labour) the community-buildable rule all hold.
    public func isEligible(for work: Work, in commune: Commune) -> Bool {
        if kind == .labour && !work.communityBuildable { return false }
        if let categories = eligibility.categories, !categories.contains(work.category) { return false }
        if let districts = eligibility.districts, !districts.contains(commune.district) { return false }
        return eligibility.communes.contains { $0.matches(commune) }
    }
}
