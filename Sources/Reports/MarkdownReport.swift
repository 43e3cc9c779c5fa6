import Foundation
import Allocation

/// `report.md`: a readable report for planners — totals, by district (or by the `group_by`
/// column, or no such section: ``CommuneGrouping``), by source, the required works left
/// unfunded, the binding rules — in Vietnamese or English.
public enum MarkdownReport {
    /// Renders the report; `extraSections` are appended as they are (e.g. the baseline comparison).
    public static func render(_ plan: AllocationPlan, language: ReportLanguage, extraSections: [String] = []) -> String {
        let fmt = NumberFormat.Localized(language)
        let l = Labels.of(language)
        var out = "# \(l.title)\n\n" + Vocabulary.notesBlock(plan.scenario, language)
        out += "- \(l.scenario): \(plan.scenario.name)\n"
        out += "- \(l.mode): \(plan.mode.rawValue.uppercased())\n"
        out += "- \(l.status): \(StatusText.describe(plan, language: language)) (\(plan.termination.reason.rawValue))\n"
        if let objective = plan.objective { out += "- \(l.objective): \(fmt.grouped(objective, decimals: 2))\n" }
        if plan.mode == .mip {
            if let gap = plan.mipGap { out += "- \(l.mipGap): \(fmt.fixed(gap * 100, decimals: 4) + "%")\n" }
            if plan.hasSolution, let bound = plan.bestBound, bound.isFinite, abs(bound) < 1e300 {
                out += "- \(l.bestBound): \(fmt.grouped(bound, decimals: 2))\n"
            }
        }
        out += "- \(l.modelSize): \(plan.rows) × \(plan.columns), \(plan.nonZeros) nnz\n"
        if plan.status == .timeLimit { out += "\n> \(l.timeLimitNote)\n" }
        if plan.dualsFromFixedMIP { out += "\n> \(l.fixedDualsNote)\n" }
        guard plan.hasSolution else { return out + "\n\(l.noSolution)\n" + extraSections.joined(separator: "\n") }

        let t = plan.totals
        out += "\n## \(l.totalFunded)\n\n| | |\n|---|---:|\n"
        out += "| \(l.totalNeed) (\(l.moneyUnit)) | \(fmt.billions(t.need)) |\n"
        out += "| \(l.totalFunded) (\(l.moneyUnit)) | \(fmt.billions(t.funded)) |\n"
        out += "| \(l.fundedShare) | \(fmt.percent(t.fundedShare)) |\n"
        out += "| \(l.worksFullyFunded) | \(t.worksFullyFunded) / \(plan.scenario.works.count) |\n"
        out += "| \(l.worksPartlyFunded) | \(t.worksPartlyFunded) |\n"
        out += "| \(l.targetReaching) | \(t.targetCommunesReachingStandard) / \(t.targetCommunesWithRequiredWorks) |\n"
        out += "| \(l.priorityStateShare) | \(t.priorityStateShare.map(fmt.percent) ?? l.none) |\n"
        out += "| \(l.labourUsed) (\(l.moneyUnit)) | \(fmt.billions(t.labourValueUsed)) |\n"
        out += "| \(l.labourDays) | \(fmt.grouped(t.labourDaysUsed, decimals: 0)) |\n"

        // By district (or group_by column), in the order groups first appear in communes.csv.
        let grouping = CommuneGrouping(plan.scenario)
        if let heading = grouping.heading(language), let title = grouping.title(language) {
            var groups: [String] = []
            var byGroup: [String: (communes: Int, need: Double, funded: Double)] = [:]
            for outcome in plan.communes {
                let group = grouping.label(of: plan.scenario.communes[outcome.commune])
                if byGroup[group] == nil { groups.append(group) }
                byGroup[group, default: (0, 0, 0)].communes += 1
                byGroup[group]!.need += outcome.need
                byGroup[group]!.funded += outcome.funded
            }
            out += "\n## \(heading)\n\n| \(title) | \(l.communes) | \(l.need) (\(l.moneyUnit)) | \(l.funded) (\(l.moneyUnit)) | \(l.fundedShare) |\n|---|---:|---:|---:|---:|\n"
            for g in groups {
                let row = byGroup[g]!
                out += "| \(g) | \(row.communes) | \(fmt.billions(row.need)) | \(fmt.billions(row.funded)) | \(fmt.percent(row.need > 0 ? row.funded / row.need : 0)) |\n"
            }
        }

        out += "\n## \(l.bySource)\n\n| \(l.source) | \(l.kind) | \(l.available) (\(l.moneyUnit)) | \(l.used) (\(l.moneyUnit)) | \(l.unused) (\(l.moneyUnit)) | \(l.shadowPrice) |\n|---|---|---:|---:|---:|---:|\n"
        for outcome in plan.sources {
            let s = plan.scenario.sources[outcome.source]
            out += "| \(s.name) (`\(s.id)`) | \(s.kind.term.text(language)), \(ScopeLabel(s.scope).term.text(language)) | \(fmt.billions(outcome.available)) | \(fmt.billions(outcome.used)) | \(fmt.billions(outcome.unused)) | \(outcome.shadowPrice.map { fmt.grouped($0, decimals: 3) } ?? "–") |\n"
        }

        out += MultiYearReport.render(plan, language: language)

        // Required works not fully funded: target communes first, then by cost.
        let communeIndex = Dictionary(plan.scenario.communes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let unfunded = plan.scenario.works.indices.filter {
            plan.scenario.works[$0].required && plan.fundedShares[$0] < 1 - fullyFundedTolerance
        }.sorted { a, b in
            let ca = plan.scenario.communes[communeIndex[plan.scenario.works[a].commune]!]
            let cb = plan.scenario.communes[communeIndex[plan.scenario.works[b].commune]!]
            if (ca.status == .target) != (cb.status == .target) { return ca.status == .target }
            return plan.scenario.works[a].cost > plan.scenario.works[b].cost
        }
        out += "\n## \(l.unfundedRequired) (\(unfunded.count))\n\n"
        if unfunded.isEmpty {
            out += "\(l.none)\n"
        } else {
            let groupTitle = grouping.title(language)
            out += "| \(l.commune) |" + (groupTitle.map { " \($0) |" } ?? "")
                + " \(l.work) | \(l.category) | \(l.cost) (\(l.moneyUnit)) | \(l.share) |\n|---|"
                + (groupTitle == nil ? "" : "---|") + "---|---|---:|---:|\n"
            for p in unfunded.prefix(20) {
                let w = plan.scenario.works[p]
                let c = plan.scenario.communes[communeIndex[w.commune]!]
                let target = c.status == .target ? ", " + CommuneStatus.target.term.text(language).lowercased() : ""
                out += "| \(c.name) (\(c.code)\(target)) |"
                    + (groupTitle == nil ? "" : " \(grouping.label(of: c)) |")
                    + " \(Vocabulary.work(w)) | \(Vocabulary.category(w.category, language)) | \(fmt.billions(w.cost)) | \(fmt.percent(plan.fundedShares[p])) |\n"
            }
        }

        var families: [ConstraintFamily: (count: Int, dual: Double)] = [:]
        for rule in plan.bindingRules {
            let current = families[rule.family, default: (0, 0)]
            families[rule.family] = (current.count + 1, max(current.dual, abs(rule.dual)))
        }
        out += "\n## \(l.bindingRules)\n\n"
        if families.isEmpty {
            out += "\(l.none)\n"
        } else {
            out += "| \(l.rule) | \(l.rows) | \(l.largestDual) | key |\n|---|---:|---:|---|\n"
            for family in families.keys.sorted() {
                let entry = families[family]!
                out += "| \(l.familyNames[family.identifier] ?? family.identifier) | \(entry.count) | \(fmt.grouped(entry.dual, decimals: 3)) | `\(family.scenarioKey)` |\n"
            }
        }
        for section in extraSections { out += "\n" + section }
        return out
    }
}
