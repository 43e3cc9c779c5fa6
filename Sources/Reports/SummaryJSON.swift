import Foundation
import Allocation

/// `summary.json`: the headline results under contract key names (see README), for scripts.
public enum SummaryJSON {
    /// Extra figures a caller may add (e.g. the status-quo baseline's objective).
    public typealias Extras = [String: Any]

    /// The summary as a JSON object (sorted keys, pretty-printed).
    public static func render(_ plan: AllocationPlan, extras: Extras = [:]) -> String {
        var sources: [String: Any] = [:]
        for outcome in plan.sources {
            let source = plan.scenario.sources[outcome.source]
            var entry: [String: Any] = [
                "kind": source.kind.rawValue, "scope": source.scope.keyword,
                "available": outcome.available, "used": outcome.used,
                "shadow_price": outcome.shadowPrice.map { $0 as Any } ?? NSNull(),
            ]
            if let range = outcome.shadowPriceRange {
                entry["shadow_price_range"] = [finite(range.lower), finite(range.upper)]
            }
            // Multi-year plans (model.md §7.3): mappings from period label.
            if !outcome.byPeriod.isEmpty {
                let labels = plan.scenario.periods
                entry["used_by_period"] = Dictionary(uniqueKeysWithValues: outcome.byPeriod.map { (labels[$0.period], $0.used) })
                entry["carried_by_period"] = Dictionary(uniqueKeysWithValues: outcome.byPeriod.map { (labels[$0.period], $0.carriedOut) })
                entry["shadow_price_by_period"] = Dictionary(uniqueKeysWithValues: outcome.byPeriod.map {
                    (labels[$0.period], $0.shadowPrice.map { $0 as Any } ?? NSNull())
                })
                entry["budget_by_period"] = Dictionary(uniqueKeysWithValues: outcome.byPeriod.map { (labels[$0.period], $0.budget) })
                entry["lapsed_by_period"] = Dictionary(uniqueKeysWithValues: outcome.byPeriod.map { (labels[$0.period], $0.lapsed) })
            }
            sources[source.id] = entry
        }
        var binding: [String: Int] = [:]
        for rule in plan.bindingRules { binding[rule.family.identifier, default: 0] += 1 }
        let totals = plan.totals
        var object: [String: Any] = [
            "scenario": plan.scenario.name,
            "mode": plan.mode.rawValue,
            "status": plan.status.rawValue,
            "termination": plan.termination.description,
            "objective": plan.objective.map { $0 as Any } ?? NSNull(),
            "mip_gap": plan.mipGap.map { $0 as Any } ?? NSNull(),
            "best_bound": (plan.hasSolution ? plan.bestBound.map(finite) : nil) ?? NSNull(),
            // "optimal" of a MIP means optimal within the gap limit (see StatusText).
            "optimality": plan.status != .optimal ? NSNull() as Any : (plan.isOptimalWithinGap ? "within_gap" : "optimal") as Any,
            "mip_gap_limit": (plan.mode == .mip ? plan.mipGapLimit.map { $0 as Any } : nil) ?? NSNull(),
            "duals_from_fixed_mip": plan.dualsFromFixedMIP,
            "total_need": totals.need,
            "total_funded": totals.funded,
            "funded_share": totals.fundedShare,
            "works_fully_funded": totals.worksFullyFunded,
            "works_partly_funded": totals.worksPartlyFunded,
            "target_communes_with_required_works": totals.targetCommunesWithRequiredWorks,
            "target_communes_reaching_standard": totals.targetCommunesReachingStandard,
            "priority_state_share": totals.priorityStateShare.map { $0 as Any } ?? NSNull(),
            "pooled_state_used": totals.pooledStateUsed,
            "pooled_state_to_especially_difficult": totals.pooledStateToEspeciallyDifficult,
            "pooled_state_to_border": totals.pooledStateToBorder,
            "labour_value_used": totals.labourValueUsed,
            "labour_days_used": totals.labourDaysUsed,
            "sources": sources,
            "binding_rules": binding,
            "model": ["rows": plan.rows, "columns": plan.columns, "nonzeros": plan.nonZeros],
            "solve_seconds": plan.solveSeconds,
            "money_unit": "million VND",
        ]
        if plan.scenario.periodCount > 1 {
            let labels = plan.scenario.periods
            object["periods"] = labels
            if !plan.targetCommunesReachingStandardByPeriod.isEmpty {
                object["target_communes_reaching_standard_by_period"] = Dictionary(uniqueKeysWithValues:
                    zip(labels, plan.targetCommunesReachingStandardByPeriod).map { ($0, $1) })
            }
        }
        for (key, value) in extras { object[key] = value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The value, or JSON null when it is not a real number (±∞, NaN, GLPK's ±DBL_MAX sentinels).
    private static func finite(_ value: Double) -> Any { value.isFinite && abs(value) < 1e300 ? value : NSNull() }
}
