import Allocation

/// A plan's figures, grouped for display: what every renderer of a `solve` (or `baseline`) run
/// shows — the terminal, `report.md`, the CSV tables and `summary.json` (and the workbook and the
/// HTML page, which take the same model).
///
/// Built once from an ``AllocationPlan`` (plus what a run adds: the status-quo comparison, the
/// infeasibility diagnosis, the explanation, the tie-break outcome, the stage times) by
/// ``init(plan:baseline:diagnosis:explanation:timings:statusQuoRun:)``. Everything a renderer needs
/// is here, resolved from the scenario's indices to codes, names and labels, grouped (by district
/// or `report.group_by`) and ordered as the reports show it; numbers stay numbers (million VND,
/// shares in [0, 1]) so each renderer formats them for its reader: localized text for the
/// terminal and Markdown, the machine format for CSV and JSON, typed cells for a spreadsheet.
/// Pure data: structs and enums, `Sendable`, no closures.
public struct PlanReport: Sendable, Hashable {
    /// The scenario: its name, provenance, periods and how its communes are grouped.
    public var scenario: ScenarioInfo
    /// How the solve ended: status, objective, gap, bound, the words of the termination.
    public var outcome: Outcome
    /// The model's size and GLPK's time.
    public var model: ModelSize
    /// The headline figures (zeros without a solution).
    public var totals: Totals
    /// One row per group (district, or the `group_by` column), in the order groups first appear
    /// in communes.csv; empty when communes are not grouped.
    public var groups: [GroupRow]
    /// One row per source, in the scenario's order.
    public var sources: [SourceRow]
    /// Multi-year plans: one row per period (pooled money, works started and completed, target
    /// communes reaching the standard, the binding shadow prices); empty for a single period.
    public var periods: [PeriodRow]
    /// Multi-year plans: whether some pooled source has a positive shadow price in a year and
    /// carries money over, so an extra million is worth more than that year's price.
    public var carryOverRaisesPrices: Bool
    /// One row per commune, in the scenario's order.
    public var communes: [CommuneRow]
    /// One row per positive allocation x_{s,p}(,t), by work then source (then period).
    public var allocations: [AllocationRow]
    /// Every required work not fully funded: target communes first, then by decreasing cost.
    public var unfundedRequiredWorks: [UnfundedWorkRow]
    /// The rule families with a binding row (coverage excluded), in family order.
    public var bindingRules: [BindingRuleRow]
    /// The comparison with the status quo (a `solve` with a solution).
    public var baseline: BaselineComparison?
    /// Why no feasible plan exists (an infeasible `solve`).
    public var diagnosis: DiagnosisSection?
    /// Why the money went where it went (`explain`, `solve --explain`): written to explain.md.
    public var explanation: ExplanationSection?
    /// What the tie-break stage did: nil when it was not asked for or there is no solution.
    public var tieBreak: TieBreakOutcome?
    /// Which path solved the plan, and why the monolithic one (nil: not a solve, e.g. the status quo).
    public var solvePath: SolvePathTaken?
    /// Where a run's time went (not the write, which the summary cannot hold).
    public var timings: StageTimes?
    /// Set when this report is of the status quo itself (`ntm-alloc baseline`).
    public var statusQuoRun: StatusQuoRun?

    /// The report has a plan to show (else only the outcome, model size and diagnosis).
    public var hasSolution: Bool { outcome.hasSolution }

    /// The target communes that have required works, with whether (and, in a multi-year plan, by
    /// which year) each reaches the standard.
    public var targetCommunes: [CommuneRow] { communes.filter { $0.reachesStandard != nil } }
}

extension PlanReport {
    /// The scenario as reports name it.
    public struct ScenarioInfo: Sendable, Hashable {
        /// `name:` of scenario.yaml.
        public var name: String
        /// The provenance note (`notes:`), printed at the top of every report; nil without one.
        public var notes: String?
        /// The period labels of a multi-year scenario (empty for a single period).
        public var periods: [String]
        /// Number of works (the denominator of "works fully funded").
        public var workCount: Int
        /// Number of communes.
        public var communeCount: Int
        /// How communes are grouped in the reports.
        public var grouping: Grouping
        /// The rule's minimum share of pooled state money for priority communes (`rules.priority_share_min`).
        public var priorityShareMin: Double
        /// Whether the status quo uses Decision 07's coefficients or the scenario's own.
        public var baselineCoefficients: CoefficientsName

        /// Whether the plan spans several periods (model.md §7.3).
        public var isMultiYear: Bool { periods.count > 1 }
    }

    /// How reports group communes (docs/model.md §8.1); ``CommuneGrouping`` decides it.
    public enum Grouping: Sendable, Hashable {
        /// No grouping column: no by-group section, no first CSV column.
        case none
        /// communes.csv's `district`.
        case district
        /// `report.group_by: former_district` (districts abolished on 1 July 2025).
        case formerDistrict(column: String)
        /// Any other `report.group_by` column, named as written.
        case column(String)

        /// The column's name in CSV headers (`district`, or the `group_by` column), nil without grouping.
        public var csvHeader: String? {
            switch self {
            case .none: nil
            case .district: "district"
            case .formerDistrict(let column), .column(let column): column
            }
        }
    }

    /// Which coefficients split pooled money in the status quo.
    public enum CoefficientsName: Sendable, Hashable {
        /// Decision 07/2022/QĐ-TTg (the default).
        case decision07
        /// The scenario's `baseline.coefficients`.
        case scenario
    }

    /// How the solve ended.
    public struct Outcome: Sendable, Hashable {
        public var mode: SolveMode
        public var status: PlanStatus
        /// The solver's reason, as an identifier (`optimal`, `infeasible`, …).
        public var terminationReason: String
        /// The termination in words (GLPK's return and status).
        public var termination: String
        public var hasSolution: Bool
        public var objective: Double?
        /// MIP: the final relative gap.
        public var mipGap: Double?
        /// MIP: the best bound, when there is a solution and it is a real number.
        public var bestBound: Double?
        /// MIP: the gap limit the search stopped at (nil for an LP).
        public var mipGapLimit: Double?
        /// "Optimal" means optimal within the MIP gap limit (branch-and-cut), not exactly.
        public var isOptimalWithinGap: Bool
        /// MIP: shadow prices come from the LP with the integers fixed.
        public var dualsFromFixedMIP: Bool
    }

    /// The model's size and GLPK's time.
    public struct ModelSize: Sendable, Hashable {
        public var rows: Int
        public var columns: Int
        public var nonZeros: Int
        /// Seconds in GLPK (load and solve).
        public var solveSeconds: Double
    }

    /// The headline figures (model.md §4), in million VND and shares in [0, 1].
    public struct Totals: Sendable, Hashable {
        public var need: Double
        public var funded: Double
        /// funded / need (0 without need).
        public var fundedShare: Double
        /// All works of the scenario.
        public var works: Int
        /// The works marked required (the denominator of "20 of 71 required works unfunded").
        public var requiredWorks: Int
        public var worksFullyFunded: Int
        public var worksPartlyFunded: Int
        public var targetCommunesWithRequiredWorks: Int
        public var targetCommunesReachingStandard: Int
        /// Share of pooled state money to priority communes (nil when none is used) …
        public var priorityStateShare: Double?
        /// … against the rule's minimum (`rules.priority_share_min`).
        public var priorityShareMin: Double
        public var pooledStateUsed: Double
        public var pooledStateToEspeciallyDifficult: Double
        public var pooledStateToBorder: Double
        /// Community labour mobilised, in million VND and in days.
        public var labourValueUsed: Double
        public var labourDaysUsed: Double
        /// Multi-year plans: target communes reaching the standard by the end of each period.
        public var targetCommunesReachingStandardByPeriod: [Int]
    }

    /// One group of communes (a district, or a value of the `group_by` column).
    public struct GroupRow: Sendable, Hashable {
        /// The group's value ("" for communes without one).
        public var label: String
        public var communes: Int
        public var need: Double
        public var funded: Double
        /// funded / need (0 without need).
        public var fundedShare: Double
    }

    /// A funding source and what the plan does with it.
    public struct SourceRow: Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: SourceKind
        public var scope: ScopeLabel
        /// `sources.yaml`'s scope keyword (`pooled`, `local`), for the machine outputs.
        public var scopeKeyword: String
        /// Budget (pooled) or total capacity over communes (local).
        public var available: Double
        public var used: Double
        public var unused: Double
        /// Objective gained per extra million (pooled sources; nil for local ones or without duals).
        public var shadowPrice: Double?
        /// The budget range over which the shadow price holds (bounds as GLPK gives them, possibly infinite).
        public var shadowPriceRange: ValueRange?
        /// Multi-year plans, pooled sources: each period's money (empty otherwise).
        public var byPeriod: [SourcePeriodRow]
    }

    /// A closed range of values; either end may be infinite.
    public struct ValueRange: Sendable, Hashable {
        public var lower: Double
        public var upper: Double
    }

    /// One pooled source in one period of a multi-year plan.
    public struct SourcePeriodRow: Sendable, Hashable {
        /// The period's label (e.g. "2026").
        public var period: String
        public var budget: Double
        public var carriedIn: Double
        public var used: Double
        public var carriedOut: Double
        public var lapsed: Double
        /// Dual of the period's budget row.
        public var shadowPrice: Double?
    }

    /// One period of a multi-year plan, over every pooled source.
    public struct PeriodRow: Sendable, Hashable {
        public var label: String
        public var budget: Double
        public var carriedIn: Double
        public var used: Double
        public var carriedOut: Double
        public var lapsed: Double
        public var worksStarted: Int
        public var worksCompleted: Int
        /// Target communes with all required works completed by the end of the period.
        public var targetCommunesReachingStandard: Int
        /// The sources whose money of this period has a positive shadow price, and that price.
        public var shadowPrices: [SourcePrice]
    }

    /// A source's shadow price.
    public struct SourcePrice: Sendable, Hashable {
        public var sourceID: String
        public var price: Double
    }

    /// One commune's outcome.
    public struct CommuneRow: Sendable, Hashable {
        /// The commune's group ("" without grouping or without a value).
        public var group: String
        public var code: String
        public var name: String
        public var especiallyDifficult: Bool
        public var border: Bool
        public var priority: Bool
        public var status: CommuneStatus
        public var criteriaMet: Int
        public var need: Double
        public var funded: Double
        public var gap: Double
        public var fromState: Double
        public var fromCommunity: Double
        public var fromOther: Double
        public var pooledState: Double
        /// Its works marked required.
        public var requiredWorks: Int
        /// A target commune with required works: whether all are fully funded (nil otherwise).
        public var reachesStandard: Bool?
        /// Multi-year plans: the period by whose end its required works are all completed (nil
        /// when it does not reach the standard or the plan has one period).
        public var reachesStandardIn: String?
    }

    /// One positive allocation x_{s,p}(,t).
    public struct AllocationRow: Sendable, Hashable {
        public var group: String
        public var communeCode: String
        public var communeName: String
        public var workID: String
        /// works.csv's `name` (nil without one).
        public var workName: String?
        public var category: String
        public var cost: Double
        /// y_p of the work.
        public var fundedShare: Double
        public var sourceID: String
        public var amount: Double
        /// Multi-year plans: the period of the money, and the work's start and finish (nil otherwise).
        public var period: String?
        public var workStart: String?
        public var workFinish: String?
    }

    /// A required work not fully funded.
    public struct UnfundedWorkRow: Sendable, Hashable {
        public var communeCode: String
        public var communeName: String
        public var communeIsTarget: Bool
        public var group: String
        public var workID: String
        public var workName: String?
        public var category: String
        public var cost: Double
        public var fundedShare: Double
    }

    /// A rule family with binding rows.
    public struct BindingRuleRow: Sendable, Hashable {
        public var family: ConstraintFamily
        /// How many of its rows bind.
        public var rows: Int
        /// The largest absolute dual among them.
        public var largestDual: Double
    }

    /// The optimum against the status quo.
    public struct BaselineComparison: Sendable, Hashable {
        /// The status quo's figures …
        public var statusQuo: Headline
        /// … and the optimum's.
        public var optimum: Headline
        /// The rules the status quo breaks (model.md §6): it is then not a feasible plan.
        public var breaches: [StatusQuoBaseline.RuleBreach]
        /// The gain split into better placement of the same money and money the status quo
        /// leaves unplaced (nil when not computed).
        public var split: StatusQuoGainSplit? = nil

        /// Whether the status quo breaks a rule the optimum must meet.
        public var breaksRules: Bool { !breaches.isEmpty }
        /// The optimum's objective less the status quo's.
        public var gain: Double { optimum.objective - statusQuo.objective }
    }

    /// The figures the status-quo comparison sets side by side.
    public struct Headline: Sendable, Hashable {
        public var objective: Double
        public var funded: Double
        public var worksFullyFunded: Int
        public var targetCommunesReachingStandard: Int
    }

    /// The infeasibility diagnosis, with communes named.
    public struct DiagnosisSection: Sendable, Hashable {
        /// Communes that cannot reach the floor, largest shortfall first as diagnosed.
        public var shortfalls: [CommuneShortfall]
        public var totalShortfall: Double
        /// The rules to relax, each alone.
        public var relaxations: [InfeasibilityDiagnosis.Relaxation]
        /// The diagnosis stopped at the time limit: rules not listed were not checked.
        public var stoppedByTimeLimit: Bool
        /// Rules proven not enough alone by a bound, without a re-solve.
        public var rulesSettledByBound = 0
    }

    /// A commune's shortfall against the floor.
    public struct CommuneShortfall: Sendable, Hashable {
        public var code: String
        public var name: String
        public var amount: Double
    }

    /// Seconds of each stage of a solve run, and the path it took.
    public struct StageTimes: Sendable, Hashable {
        public var loadAndValidate: Double
        public var build: Double
        public var solve: Double
        /// The status quo, the explanation or the diagnosis.
        public var afterSolve: Double
        /// `monolithic` or `decomposed`.
        public var solvePath: String
        /// Seconds the status quo and the gain split's re-solve took on a thread of their own
        /// while the solve ran: the baseline beside stage 1, the re-solve beside the tie-break
        /// stage (nil: they did not run); only what outlasted the solve is in ``afterSolve``.
        public var statusQuoAlongside: Double? = nil

        /// The stage times of one run.
        public init(loadAndValidate: Double, build: Double, solve: Double, afterSolve: Double, solvePath: String) {
            self.loadAndValidate = loadAndValidate
            self.build = build
            self.solve = solve
            self.afterSolve = afterSolve
            self.solvePath = solvePath
        }
    }

    /// A report of the status quo itself (`ntm-alloc baseline`): which rules it breaks.
    public struct StatusQuoRun: Sendable, Hashable {
        /// Rows missed, by rule family.
        public var rulesNotMet: [ConstraintFamily: Int]
        /// The same, in words and amounts.
        public var breaches: [StatusQuoBaseline.RuleBreach]
    }
}
