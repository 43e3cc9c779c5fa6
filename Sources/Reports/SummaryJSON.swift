import Foundation
import Allocation

/// `summary.json`: the headline results under contract key names (README, docs/outputs.md), for
/// scripts. The document is a typed ``SummaryDocument`` built from a ``PlanReport`` and written by
/// `JSONEncoder` with sorted keys, so two runs of one plan give the same bytes (apart from the
/// times). A number that is not a real number (±∞, NaN, GLPK's ±DBL_MAX sentinels) is written as
/// `null`, as are the figures a plan does not have (no objective, no shadow price).
public enum SummaryJSON {
    /// The summary of `report` as pretty-printed JSON with sorted keys and a final newline.
    public static func render(_ report: PlanReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Every Double goes through `JSONNumber`, so the encoder never meets a non-finite value.
        let data = (try? encoder.encode(SummaryDocument(report))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The summary of a bare plan (no status-quo comparison, diagnosis or times).
    public static func render(_ plan: AllocationPlan) -> String { render(PlanReport(plan: plan)) }
}

/// A JSON number that is `null` when absent or not a real number (±∞, NaN, |x| ≥ 1e300, i.e.
/// GLPK's ±DBL_MAX sentinels for an unbounded range).
public struct JSONNumber: Encodable, Sendable, Hashable {
    /// The value, or nil when it is written as `null`.
    public let value: Double?

    /// `value`, kept only when it is a real number.
    public init(_ value: Double?) {
        self.value = value.flatMap { $0.isFinite && abs($0) < 1e300 ? $0 : nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// The document of `summary.json`, key for key (docs/outputs.md). Optional members marked
/// "absent when nil" are left out of the file; every other figure is present, `null` when the
/// plan has none.
public struct SummaryDocument: Encodable, Sendable {
    public var scenario: String
    public var mode: String
    public var status: String
    public var termination: String
    public var objective: JSONNumber
    public var mipGap: JSONNumber
    public var bestBound: JSONNumber
    /// `optimal`, `within_gap` (a MIP optimal within its gap limit), or null when not optimal.
    public var optimality: String?
    public var mipGapLimit: JSONNumber
    public var dualsFromFixedMIP: Bool
    public var totalNeed: JSONNumber
    public var totalFunded: JSONNumber
    public var fundedShare: JSONNumber
    public var worksFullyFunded: Int
    public var worksPartlyFunded: Int
    public var targetCommunesWithRequiredWorks: Int
    public var targetCommunesReachingStandard: Int
    public var priorityStateShare: JSONNumber
    public var pooledStateUsed: JSONNumber
    public var pooledStateToEspeciallyDifficult: JSONNumber
    public var pooledStateToBorder: JSONNumber
    public var labourValueUsed: JSONNumber
    public var labourDaysUsed: JSONNumber
    /// By source id.
    public var sources: [String: Source]
    /// Binding rows by rule family identifier.
    public var bindingRules: [String: Int]
    public var model: Model
    public var solveSeconds: JSONNumber
    public var moneyUnit = "million VND"
    /// Multi-year plans: the period labels (absent when nil).
    public var periods: [String]?
    /// Multi-year plans with a solution, by period label (absent when nil).
    public var targetCommunesReachingStandardByPeriod: [String: Int]?
    /// A `solve` with a solution: the status quo's figures and the optimum's gain (absent when nil).
    public var baselineObjective: JSONNumber?
    public var gainOverBaseline: JSONNumber?
    public var baselineWorksFullyFunded: Int?
    public var baselineTargetCommunesReachingStandard: Int?
    public var baselineTotalFunded: JSONNumber?
    /// The gain split (StatusQuoGainSplit): better placement of the same money, and the value of
    /// the pooled money the status quo leaves unplaced (absent when the split is not available).
    public var gainFromBetterPlacement: JSONNumber?
    public var gainFromUnplacedMoney: JSONNumber?
    /// The rules the status quo breaks (empty when none; absent without a comparison).
    public var baselineBreaksRules: [Breach]?
    /// An infeasible `solve`: the rules to relax (absent when nil).
    public var infeasibility: [Relaxation]?
    /// Present (true) only when the diagnosis stopped at the time limit.
    public var infeasibilityStoppedByTimeLimit: Bool?
    /// How many of the rules listed were proven not enough alone by a bound from the phase-1
    /// duals, without a re-solve (null when there is no diagnosis).
    public var infeasibilityRulesSettledByBound: Int?
    /// `applied` or `not applied: <why>` (absent when the stage was not asked for).
    public var tieBreak: String?
    /// `decomposed` or `monolithic` (absent when the plan was not solved, e.g. the status quo).
    public var solvePath: String?
    /// Why the monolithic path solved it: `{reason, detail}`, null when it was asked for or the
    /// decomposed path solved it (written whenever `solve_path` is).
    public var decompositionFallback: Fallback?

    /// Why a solve did not take the decomposed path.
    public struct Fallback: Encodable, Sendable {
        /// A stable identifier (`too_few_communes`, `mip_mode`, `commune_unsolvable`, …).
        public var reason: String
        /// One English sentence.
        public var detail: String
    }
    /// The run's stage times (absent when nil).
    public var timings: Timings?
    /// `ntm-alloc baseline`: true, and the rows missed by rule family (absent otherwise).
    public var baseline: Bool?
    public var rulesNotMet: [String: Int]?

    /// One source's entry.
    public struct Source: Encodable, Sendable {
        public var kind: String
        public var scope: String
        public var available: JSONNumber
        public var used: JSONNumber
        public var shadowPrice: JSONNumber
        /// [lower, upper] of the budget over which the price holds, either end null when unbounded (absent when nil).
        public var shadowPriceRange: [JSONNumber]?
        /// Multi-year plans, pooled sources: by period label (absent when nil).
        public var usedByPeriod: [String: JSONNumber]?
        public var carriedByPeriod: [String: JSONNumber]?
        public var shadowPriceByPeriod: [String: JSONNumber]?
        public var budgetByPeriod: [String: JSONNumber]?
        public var lapsedByPeriod: [String: JSONNumber]?

        enum CodingKeys: String, CodingKey {
            case kind, scope, available, used
            case shadowPrice = "shadow_price", shadowPriceRange = "shadow_price_range"
            case usedByPeriod = "used_by_period", carriedByPeriod = "carried_by_period"
            case shadowPriceByPeriod = "shadow_price_by_period", budgetByPeriod = "budget_by_period"
            case lapsedByPeriod = "lapsed_by_period"
        }
    }

    /// The model's size.
    public struct Model: Encodable, Sendable {
        public var rows: Int
        public var columns: Int
        public var nonzeros: Int
    }

    /// A rule the status quo breaks.
    public struct Breach: Encodable, Sendable {
        public var rule: String
        public var key: String
        public var rows: Int
        public var shortfall: JSONNumber
        public var largestShortfall: JSONNumber
        public var achieved: JSONNumber
        public var required: JSONNumber

        enum CodingKeys: String, CodingKey {
            case rule, key, rows, shortfall, achieved, required
            case largestShortfall = "largest_shortfall"
        }
    }

    /// A rule to relax. `sufficient_alone` is null when the relaxation could not be tested.
    public struct Relaxation: Encodable, Sendable {
        public var key: String
        public var current: JSONNumber
        public var needed: JSONNumber
        public var sufficientAlone: Bool?
        /// For a local capacity (no single parameter): the communes and what each needs; null otherwise.
        public var communes: [CommuneNeed]?

        enum CodingKeys: String, CodingKey {
            case key, current, needed, communes
            case sufficientAlone = "sufficient_alone"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(current, forKey: .current)
            try c.encode(needed, forKey: .needed)
            try c.encode(sufficientAlone, forKey: .sufficientAlone)
            try c.encode(communes, forKey: .communes)
        }
    }

    /// A commune and the extra local capacity it needs.
    public struct CommuneNeed: Encodable, Sendable {
        public var commune: String
        public var extraCapacityNeeded: JSONNumber

        enum CodingKeys: String, CodingKey {
            case commune
            case extraCapacityNeeded = "extra_capacity_needed"
        }
    }

    /// Seconds of each stage, and the solve path.
    public struct Timings: Encodable, Sendable {
        public var loadAndValidate: JSONNumber
        public var build: JSONNumber
        public var solve: JSONNumber
        public var baselineExplainDiagnose: JSONNumber
        /// The status quo and the gain split's re-solve, on their own thread beside the tie-break.
        public var statusQuoAlongside: JSONNumber?
        public var solvePath: String

        enum CodingKeys: String, CodingKey {
            case build, solve
            case loadAndValidate = "load_and_validate", baselineExplainDiagnose = "baseline_explain_diagnose"
            case statusQuoAlongside = "status_quo_alongside_tie_break"
            case solvePath = "solve_path"
        }
    }

    enum CodingKeys: String, CodingKey {
        case scenario, mode, status, termination, objective, optimality, sources, model, periods, infeasibility, timings, baseline
        case mipGap = "mip_gap", bestBound = "best_bound", mipGapLimit = "mip_gap_limit"
        case dualsFromFixedMIP = "duals_from_fixed_mip"
        case totalNeed = "total_need", totalFunded = "total_funded", fundedShare = "funded_share"
        case worksFullyFunded = "works_fully_funded", worksPartlyFunded = "works_partly_funded"
        case targetCommunesWithRequiredWorks = "target_communes_with_required_works"
        case targetCommunesReachingStandard = "target_communes_reaching_standard"
        case priorityStateShare = "priority_state_share", pooledStateUsed = "pooled_state_used"
        case pooledStateToEspeciallyDifficult = "pooled_state_to_especially_difficult"
        case pooledStateToBorder = "pooled_state_to_border"
        case labourValueUsed = "labour_value_used", labourDaysUsed = "labour_days_used"
        case bindingRules = "binding_rules", solveSeconds = "solve_seconds", moneyUnit = "money_unit"
        case targetCommunesReachingStandardByPeriod = "target_communes_reaching_standard_by_period"
        case baselineObjective = "baseline_objective", gainOverBaseline = "gain_over_baseline"
        case baselineWorksFullyFunded = "baseline_works_fully_funded"
        case baselineTargetCommunesReachingStandard = "baseline_target_communes_reaching_standard"
        case baselineTotalFunded = "baseline_total_funded", baselineBreaksRules = "baseline_breaks_rules"
        case gainFromBetterPlacement = "gain_from_better_placement", gainFromUnplacedMoney = "gain_from_unplaced_money"
        case infeasibilityStoppedByTimeLimit = "infeasibility_stopped_by_time_limit"
        case infeasibilityRulesSettledByBound = "infeasibility_rules_settled_by_bound"
        case tieBreak = "tie_break", rulesNotMet = "rules_not_met"
        case solvePath = "solve_path", decompositionFallback = "decomposition_fallback"
    }

    /// Writes every key (`optimality` null when the plan is not optimal); the optional members
    /// only when set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(mode, forKey: .mode)
        try c.encode(status, forKey: .status)
        try c.encode(termination, forKey: .termination)
        try c.encode(objective, forKey: .objective)
        try c.encode(mipGap, forKey: .mipGap)
        try c.encode(bestBound, forKey: .bestBound)
        try c.encode(optimality, forKey: .optimality)
        try c.encode(mipGapLimit, forKey: .mipGapLimit)
        try c.encode(dualsFromFixedMIP, forKey: .dualsFromFixedMIP)
        try c.encode(totalNeed, forKey: .totalNeed)
        try c.encode(totalFunded, forKey: .totalFunded)
        try c.encode(fundedShare, forKey: .fundedShare)
        try c.encode(worksFullyFunded, forKey: .worksFullyFunded)
        try c.encode(worksPartlyFunded, forKey: .worksPartlyFunded)
        try c.encode(targetCommunesWithRequiredWorks, forKey: .targetCommunesWithRequiredWorks)
        try c.encode(targetCommunesReachingStandard, forKey: .targetCommunesReachingStandard)
        try c.encode(priorityStateShare, forKey: .priorityStateShare)
        try c.encode(pooledStateUsed, forKey: .pooledStateUsed)
        try c.encode(pooledStateToEspeciallyDifficult, forKey: .pooledStateToEspeciallyDifficult)
        try c.encode(pooledStateToBorder, forKey: .pooledStateToBorder)
        try c.encode(labourValueUsed, forKey: .labourValueUsed)
        try c.encode(labourDaysUsed, forKey: .labourDaysUsed)
        try c.encode(sources, forKey: .sources)
        try c.encode(bindingRules, forKey: .bindingRules)
        try c.encode(model, forKey: .model)
        try c.encode(solveSeconds, forKey: .solveSeconds)
        try c.encode(moneyUnit, forKey: .moneyUnit)
        try c.encodeIfPresent(periods, forKey: .periods)
        try c.encodeIfPresent(targetCommunesReachingStandardByPeriod, forKey: .targetCommunesReachingStandardByPeriod)
        try c.encodeIfPresent(baselineObjective, forKey: .baselineObjective)
        try c.encodeIfPresent(gainOverBaseline, forKey: .gainOverBaseline)
        try c.encodeIfPresent(baselineWorksFullyFunded, forKey: .baselineWorksFullyFunded)
        try c.encodeIfPresent(baselineTargetCommunesReachingStandard, forKey: .baselineTargetCommunesReachingStandard)
        try c.encodeIfPresent(baselineTotalFunded, forKey: .baselineTotalFunded)
        try c.encodeIfPresent(gainFromBetterPlacement, forKey: .gainFromBetterPlacement)
        try c.encodeIfPresent(gainFromUnplacedMoney, forKey: .gainFromUnplacedMoney)
        try c.encodeIfPresent(baselineBreaksRules, forKey: .baselineBreaksRules)
        try c.encodeIfPresent(infeasibility, forKey: .infeasibility)
        try c.encodeIfPresent(infeasibilityStoppedByTimeLimit, forKey: .infeasibilityStoppedByTimeLimit)
        try c.encodeIfPresent(infeasibilityRulesSettledByBound, forKey: .infeasibilityRulesSettledByBound)
        try c.encodeIfPresent(tieBreak, forKey: .tieBreak)
        if let solvePath {
            try c.encode(solvePath, forKey: .solvePath)
            if let decompositionFallback { try c.encode(decompositionFallback, forKey: .decompositionFallback) }
            else { try c.encodeNil(forKey: .decompositionFallback) }
        }
        try c.encodeIfPresent(timings, forKey: .timings)
        try c.encodeIfPresent(baseline, forKey: .baseline)
        try c.encodeIfPresent(rulesNotMet, forKey: .rulesNotMet)
    }
}

extension SummaryDocument {
    /// The document of `report`.
    public init(_ report: PlanReport) {
        let o = report.outcome, t = report.totals
        let periods = report.scenario.periods
        scenario = report.scenario.name
        mode = o.mode.rawValue
        status = o.status.rawValue
        termination = o.termination
        objective = JSONNumber(o.objective)
        mipGap = JSONNumber(o.mipGap)
        bestBound = JSONNumber(o.bestBound)
        // "optimal" of a MIP means optimal within the gap limit (see StatusText).
        optimality = o.status != .optimal ? nil : (o.isOptimalWithinGap ? "within_gap" : "optimal")
        mipGapLimit = JSONNumber(o.mipGapLimit)
        dualsFromFixedMIP = o.dualsFromFixedMIP
        totalNeed = JSONNumber(t.need)
        totalFunded = JSONNumber(t.funded)
        fundedShare = JSONNumber(t.fundedShare)
        worksFullyFunded = t.worksFullyFunded
        worksPartlyFunded = t.worksPartlyFunded
        targetCommunesWithRequiredWorks = t.targetCommunesWithRequiredWorks
        targetCommunesReachingStandard = t.targetCommunesReachingStandard
        priorityStateShare = JSONNumber(t.priorityStateShare)
        pooledStateUsed = JSONNumber(t.pooledStateUsed)
        pooledStateToEspeciallyDifficult = JSONNumber(t.pooledStateToEspeciallyDifficult)
        pooledStateToBorder = JSONNumber(t.pooledStateToBorder)
        labourValueUsed = JSONNumber(t.labourValueUsed)
        labourDaysUsed = JSONNumber(t.labourDaysUsed)
        var sources: [String: Source] = [:]
        for s in report.sources {
            func byPeriod(_ value: (PlanReport.SourcePeriodRow) -> Double?) -> [String: JSONNumber]? {
                s.byPeriod.isEmpty ? nil : Dictionary(s.byPeriod.map { ($0.period, JSONNumber(value($0))) }, uniquingKeysWith: { a, _ in a })
            }
            sources[s.id] = Source(
                kind: s.kind.rawValue, scope: s.scopeKeyword, available: JSONNumber(s.available), used: JSONNumber(s.used),
                shadowPrice: JSONNumber(s.shadowPrice),
                shadowPriceRange: s.shadowPriceRange.map { [JSONNumber($0.lower), JSONNumber($0.upper)] },
                usedByPeriod: byPeriod(\.used), carriedByPeriod: byPeriod(\.carriedOut),
                shadowPriceByPeriod: byPeriod(\.shadowPrice), budgetByPeriod: byPeriod(\.budget), lapsedByPeriod: byPeriod(\.lapsed))
        }
        self.sources = sources
        bindingRules = Dictionary(report.bindingRules.map { ($0.family.identifier, $0.rows) }, uniquingKeysWith: +)
        model = Model(rows: report.model.rows, columns: report.model.columns, nonzeros: report.model.nonZeros)
        solveSeconds = JSONNumber(report.model.solveSeconds)
        if report.scenario.isMultiYear {
            self.periods = periods
            if !t.targetCommunesReachingStandardByPeriod.isEmpty {
                targetCommunesReachingStandardByPeriod = Dictionary(zip(periods, t.targetCommunesReachingStandardByPeriod).map { ($0, $1) },
                                                                    uniquingKeysWith: { a, _ in a })
            }
        }
        if let b = report.baseline {
            baselineObjective = JSONNumber(b.statusQuo.objective)
            gainOverBaseline = JSONNumber(b.gain)
            baselineWorksFullyFunded = b.statusQuo.worksFullyFunded
            baselineTargetCommunesReachingStandard = b.statusQuo.targetCommunesReachingStandard
            baselineTotalFunded = JSONNumber(b.statusQuo.funded)
            gainFromBetterPlacement = b.split?.betterPlacement.map(JSONNumber.init)
            gainFromUnplacedMoney = b.split?.unplacedMoneyValue.map(JSONNumber.init)
            // model.md §6: a baseline that breaks a rule is not a feasible plan; say which and by how much.
            baselineBreaksRules = b.breaches.map(Breach.init)
        }
        if let d = report.diagnosis {
            infeasibility = d.relaxations.map { r in
                Relaxation(key: r.key, current: JSONNumber(r.current), needed: JSONNumber(r.needed), sufficientAlone: r.sufficient,
                           communes: r.parameter == nil ? r.items.map { CommuneNeed(commune: $0.label, extraCapacityNeeded: JSONNumber($0.amount)) } : nil)
            }
            if d.stoppedByTimeLimit { infeasibilityStoppedByTimeLimit = true }
            infeasibilityRulesSettledByBound = d.rulesSettledByBound
        }
        // Which of the optimal plans this is (docs/model.md, "One plan per scenario").
        switch report.tieBreak {
        case .applied?: tieBreak = "applied"
        case .notApplied(let reason)?: tieBreak = "not applied: \(reason)"
        case nil: break
        }
        // Which path solved it, and why the monolithic one when decomposing was asked for or possible.
        if let taken = report.solvePath {
            solvePath = taken.identifier
            decompositionFallback = taken.fallback.map { Fallback(reason: $0.identifier, detail: $0.description) }
        }
        timings = report.timings.map { s in
            Timings(loadAndValidate: JSONNumber(s.loadAndValidate), build: JSONNumber(s.build), solve: JSONNumber(s.solve),
                    baselineExplainDiagnose: JSONNumber(s.afterSolve), statusQuoAlongside: s.statusQuoAlongside.map(JSONNumber.init),
                    solvePath: s.solvePath)
        }
        if let run = report.statusQuoRun {
            baseline = true
            rulesNotMet = Dictionary(run.rulesNotMet.map { ($0.key.identifier, $0.value) }, uniquingKeysWith: +)
        }
    }
}

extension SummaryDocument.Breach {
    /// The entry of one broken rule.
    init(_ b: StatusQuoBaseline.RuleBreach) {
        self.init(rule: b.family.identifier, key: b.family.scenarioKey, rows: b.rows, shortfall: JSONNumber(b.shortfall),
                  largestShortfall: JSONNumber(b.largestShortfall), achieved: JSONNumber(b.achieved), required: JSONNumber(b.required))
    }
}
