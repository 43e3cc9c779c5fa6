/// The gain of the optimum over the status quo, split in two exact, additive parts:
///
/// - **better placement of the same money** = z(capped) − z(status quo), and
/// - **money the status quo leaves unplaced** = z* − z(capped),
///
/// where z(capped) is the optimum of the scenario with every pooled budget cut to what the
/// status quo placed from it (each year's budget to that year's use in a multi-year plan). The
/// parts add up to z* − z(status quo) by construction. Local sources keep their capacities: a
/// commune's own money the status quo leaves unused counts as placement, not as unplaced money.
///
/// Why a re-solve rather than pricing the unplaced money at the optimum's shadow prices: the
/// prices hold only within their ranges, so a large unplaced sum valued at them is not what the
/// money would buy; the re-solve is what it buys, and the two parts then add up exactly.
public struct StatusQuoGainSplit: Sendable, Hashable {
    /// z*: the optimum's objective.
    public var optimum: Double
    /// z(status quo).
    public var statusQuo: Double
    /// z(capped): the optimum with the pooled money the status quo placed, nil when that
    /// re-solve is not optimal (no solution: a rule such as the commune floor needs more money
    /// than the status quo placed; or it stopped at a limit); the split is then not available.
    public var capped: Double?
    /// Pooled money the status quo leaves unplaced (million VND): Σ budgets − Σ placed.
    public var unplacedMoney: Double

    /// z(capped) − z(status quo).
    public var betterPlacement: Double? { capped.map { $0 - statusQuo } }
    /// z* − z(capped).
    public var unplacedMoneyValue: Double? { capped.map { optimum - $0 } }
    /// z* − z(status quo).
    public var total: Double { optimum - statusQuo }

    /// The scenario whose pooled budgets are what `statusQuo` placed from each (per year in a
    /// multi-year scenario). Solve it like the optimum and pass the plan to ``init(optimum:statusQuo:capped:)``.
    public static func cappedScenario(_ scenario: Scenario, statusQuo: AllocationPlan) -> Scenario {
        var capped = scenario
        for outcome in statusQuo.sources where scenario.sources[outcome.source].isPooled {
            let s = outcome.source
            if scenario.sources[s].budgetByPeriod != nil, !outcome.byPeriod.isEmpty {
                var schedule = scenario.sources[s].budgetByPeriod ?? []
                for year in outcome.byPeriod where schedule.indices.contains(year.period) {
                    schedule[year.period] = min(schedule[year.period], max(0, year.used))
                }
                capped.sources[s].budgetByPeriod = schedule
                capped.sources[s].scope = .pooled(budget: schedule.reduce(0, +))
            } else if let budget = scenario.sources[s].budget {
                capped.sources[s].scope = .pooled(budget: min(budget, max(0, outcome.used)))
            }
        }
        return capped
    }

    /// The split of `optimum` over `statusQuo`, given the solved capped scenario (nil or without
    /// a solution: the split is not available).
    public init(optimum: AllocationPlan, statusQuo: AllocationPlan, capped: AllocationPlan?) {
        self.optimum = optimum.objective ?? 0
        self.statusQuo = statusQuo.objective ?? 0
        self.capped = capped.flatMap { $0.hasSolution && $0.status == .optimal ? $0.objective : nil }
        let scenario = optimum.scenario
        var unplaced = 0.0
        for outcome in statusQuo.sources where scenario.sources[outcome.source].isPooled {
            unplaced += max(0, (scenario.sources[outcome.source].budget ?? outcome.available) - outcome.used)
        }
        unplacedMoney = unplaced
    }
}
