/// A weights profile (bộ trọng số): how much a million VND of work is worth in each commune.
public struct WeightsProfile: Sendable, Hashable {
    /// Name of the profile (its file name without extension, or "inline").
    public var name: String
    public var base: Double = 1
    public var especiallyDifficult: Double = 0
    public var border: Double = 0
    public var target: Double = 0
    /// Added × (criteria_total − criteria met)/criteria_total (docs/model.md §8.2).
    public var criteriaGap: Double = 0
    /// For other (non-priority) communes, multiplies the value of production works by (1 + bonus).
    public var productionBonus: Double = 0
    /// Lower-case categories that count as serving production and daily life directly.
    public var productionCategories: Set<String> = ["production", "irrigation", "commerce"]
    /// Per-category multiplier q_k (default 1), keyed by lower-case category.
    public var categoryMultipliers: [String: Double] = [:]
    /// Ω: value of one target commune reaching the standard, times its weight.
    public var standardBonus: Double = 0

    public init(name: String = "default") { self.name = name }

    /// w_c = base + ĐBKK + border + target + criteria_gap·(N − criteria met)/N, where N is the
    /// number of criteria in the set (`criteria_total`: 19 in 2021–2025, 10 in 2026–2030). The
    /// total is a parameter, not a constant, because the criteria set changed between periods.
    public func weight(of commune: Commune, criteriaTotal: Int) -> Double {
        var w = base
        if commune.especiallyDifficult { w += especiallyDifficult }
        if commune.border { w += border }
        if commune.status == .target { w += target }
        let total = Double(max(1, criteriaTotal))
        w += criteriaGap * (total - Double(commune.criteriaMet)) / total
        return w
    }

    /// v_p = w_c · q_k · (1 + production bonus for other communes' production works) · β_p, with
    /// w_c of ``weight(of:criteriaTotal:)``.
    public func value(of work: Work, in commune: Commune, criteriaTotal: Int) -> Double {
        var v = weight(of: commune, criteriaTotal: criteriaTotal) * (categoryMultipliers[work.category] ?? 1)
            * work.effectiveBenefit
        if !commune.isPriority && productionCategories.contains(work.category) {
            v *= 1 + productionBonus
        }
        return v
    }
}

/// A share that may differ between priority and other communes.
public struct GroupShares: Sendable, Hashable {
    public var priority: Double
    public var other: Double
    public init(priority: Double, other: Double) {
        self.priority = priority
        self.other = other
    }
    /// The share for one group.
    public subscript(group: CommuneGroup) -> Double { group == .priority ? priority : other }
}

/// The scenario's rules (quy định); every one optional, defaults inactive.
public struct Rules: Sendable, Hashable {
    /// φ: largest share of a work's funded amount that state sources may cover.
    public var maxStateShare = GroupShares(priority: 1, other: 1)
    /// μ: smallest share of a work's funded amount that must come from community sources.
    public var minCommunityShare = GroupShares(priority: 0, other: 0)
    /// ρ: total local budget used ≥ ρ × total central used (vốn đối ứng).
    public var counterpartRatio: Double = 0
    /// g: pooled state money to priority communes ≥ g × all pooled state money used.
    public var priorityShareMin: Double = 0
    /// f: every commune gets at least this share of its total need funded.
    public var communeFloor: Double = 0
    /// Most pooled state money one commune may receive (nil: no cap).
    public var communeCap: Double? = nil

    public init() {}
}

/// How the model is solved: as a linear program, or with whole works and standard indicators.
public enum SolveMode: String, Sendable, Hashable, CaseIterable, Codable {
    case lp
    case mip
}

/// A complete planning scenario (kịch bản): communes, works, sources, weights and rules.
public struct Scenario: Sendable {
    public var name: String
    /// Where the scenario's data come from (`notes:`, e.g. "works and budgets are generated"):
    /// every report prints it at the top, so nobody takes generated figures for real ones.
    public var notes: String? = nil
    public var mode: SolveMode
    public var communes: [Commune]
    public var works: [Work]
    public var sources: [FundingSource]
    public var weights: WeightsProfile
    public var rules: Rules
    public var baseline: BaselineCoefficients
    /// Period labels as written (`periods: [2026, …, 2030]`), in time order (docs/model.md §7);
    /// empty when the scenario has no `periods` key: then it has one period and §1–§6 hold.
    public var periods: [String] = []
    /// Yearly discount rate: a work completed in period t is worth (1 + rate)^(−t) of its value.
    public var discountRate: Double = 0
    /// Number of NTM criteria in the set communes are assessed against (`criteria_total`,
    /// docs/model.md §8.2): 19 in 2021–2025, 10 in 2026–2030 (Decision 51/2025/QĐ-TTg).
    public var criteriaTotal: Int = 19
    /// Whether communes.csv has a `district` column (since 1 July 2025 provinces have none).
    public var hasDistricts: Bool = true
    /// `report: {group_by: COLUMN}`: the communes.csv column reports group by when there is no
    /// district column (e.g. `former_district`).
    public var groupBy: String? = nil

    /// T: the number of periods (1 without `periods`).
    public var periodCount: Int { max(1, periods.count) }

    /// The label reports group a commune under: its district, else its `group_by` column, else nil.
    public func groupLabel(of commune: Commune) -> String? {
        if hasDistricts { return commune.district }
        guard let groupBy else { return nil }
        return commune.textColumns[groupBy]
    }

    public init(name: String, mode: SolveMode = .lp, communes: [Commune], works: [Work],
                sources: [FundingSource], weights: WeightsProfile = WeightsProfile(),
                rules: Rules = Rules(), baseline: BaselineCoefficients = BaselineCoefficients()) {
        self.name = name
        self.mode = mode
        self.communes = communes
        self.works = works
        self.sources = sources
        self.weights = weights
        self.rules = rules
        self.baseline = baseline
    }
}
