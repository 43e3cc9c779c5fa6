import Foundation
import Allocation

/// `report.md`: a readable report for planners — totals, by district (or by the `group_by`
/// column, or no such section: ``PlanReport/Grouping``), by source, the required works left
/// unfunded, the binding rules, then the status-quo comparison or the infeasibility diagnosis —
/// in Vietnamese or English.
public enum MarkdownReport {
    /// At most this many required works are listed; the heading gives the count of all of them
    /// and a line says how many are shown.
    public static let unfundedRowsShown = 20

    /// Renders the report of `report`.
    public static func render(_ report: PlanReport, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let l = Labels.of(language)
        let o = report.outcome
        var out = "# \(l[.title])\n\n" + Vocabulary.notesBlock(report.scenario.notes, language)
        out += "- \(l[.scenario]): \(report.scenario.name)\n"
        out += "- \(l[.mode]): \(o.mode.rawValue.uppercased())\n"
        out += "- \(l[.status]): \(StatusText.describe(o, language: language)) (\(o.terminationReason))\n"
        if let objective = o.objective { out += "- \(l[.objective]): \(fmt.grouped(objective, decimals: 2))\n" }
        if o.mode == .mip {
            if let gap = o.mipGap { out += "- \(l[.mipGap]): \(fmt.fixed(gap * 100, decimals: 4) + "%")\n" }
            if let bound = o.bestBound { out += "- \(l[.bestBound]): \(fmt.grouped(bound, decimals: 2))\n" }
        }
        out += "- \(l[.modelSize]): \(report.model.rows) × \(report.model.columns), \(report.model.nonZeros) nnz\n"
        if o.status == .timeLimit { out += "\n> \(l[report.hasSolution ? .timeLimitNote : .timeLimitNoPlanNote])\n" }
        if o.dualsFromFixedMIP { out += "\n> \(l[.fixedDualsNote])\n" }
        let sections = extraSections(report, language: language)
        guard report.hasSolution else { return out + "\n\(l[.noSolution])\n" + sections.joined(separator: "\n") }

        let t = report.totals
        out += "\n## \(l[.totalFunded])\n\n| | |\n|---|---:|\n"
        out += "| \(l[.totalNeed]) (\(l[.moneyUnit])) | \(fmt.billions(t.need)) |\n"
        out += "| \(l[.totalFunded]) (\(l[.moneyUnit])) | \(fmt.billions(t.funded)) |\n"
        out += "| \(l[.fundedShare]) | \(fmt.percent(t.fundedShare)) |\n"
        out += "| \(l[.worksFullyFunded]) | \(t.worksFullyFunded) / \(t.works) |\n"
        out += "| \(l[.worksPartlyFunded]) | \(t.worksPartlyFunded) |\n"
        out += "| \(l[.targetReaching]) | \(t.targetCommunesReachingStandard) / \(t.targetCommunesWithRequiredWorks) |\n"
        out += "| \(l[.priorityStateShare]) | \(t.priorityStateShare.map(fmt.percent) ?? l[.nothing]) |\n"
        out += "| \(l[.labourUsed]) (\(l[.moneyUnit])) | \(fmt.billions(t.labourValueUsed)) |\n"
        out += "| \(l[.labourDays]) | \(fmt.grouped(t.labourDaysUsed, decimals: 0)) |\n"

        // By district (or group_by column), in the order groups first appear in communes.csv.
        let grouping = report.scenario.grouping
        if let heading = grouping.heading(language), let title = grouping.title(language) {
            out += "\n## \(heading)\n\n| \(title) | \(l[.communes]) | \(l[.need]) (\(l[.moneyUnit])) | \(l[.funded]) (\(l[.moneyUnit])) | \(l[.fundedShare]) |\n|---|---:|---:|---:|---:|\n"
            for g in report.groups {
                out += "| \(g.label) | \(g.communes) | \(fmt.billions(g.need)) | \(fmt.billions(g.funded)) | \(fmt.percent(g.fundedShare)) |\n"
            }
        }

        out += "\n## \(l[.bySource])\n\n| \(l[.source]) | \(l[.kind]) | \(l[.available]) (\(l[.moneyUnit])) | \(l[.used]) (\(l[.moneyUnit])) | \(l[.unused]) (\(l[.moneyUnit])) | \(l[.shadowPrice]) |\n|---|---|---:|---:|---:|---:|\n"
        for s in report.sources {
            out += "| \(s.name) (`\(s.id)`) | \(s.kind.term.text(language)), \(s.scope.term.text(language)) | \(fmt.billions(s.available)) | \(fmt.billions(s.used)) | \(fmt.billions(s.unused)) | \(s.shadowPrice.map { fmt.grouped($0, decimals: 3) } ?? "–") |\n"
        }

        out += MultiYearReport.render(report, language: language)

        // Required works not fully funded: target communes first, then by cost.
        let unfunded = report.unfundedRequiredWorks
        out += "\n## \(l[.unfundedRequired]) (\(unfunded.count))\n\n"
        if unfunded.isEmpty {
            out += "\(l[.nothing])\n"
        } else {
            let groupTitle = grouping.title(language)
            if unfunded.count > unfundedRowsShown {
                out += language == .vi
                    ? "\(unfundedRowsShown) trong số \(unfunded.count) công trình (xã phấn đấu đạt chuẩn trước, rồi theo tổng mức giảm dần).\n\n"
                    : "\(unfundedRowsShown) of \(unfunded.count) works shown (target communes first, then by decreasing cost).\n\n"
            }
            out += "| \(l[.commune]) |" + (groupTitle.map { " \($0) |" } ?? "")
                + " \(l[.work]) | \(l[.category]) | \(l[.cost]) (\(l[.moneyUnit])) | \(l[.share]) |\n|---|"
                + (groupTitle == nil ? "" : "---|") + "---|---|---:|---:|\n"
            for w in unfunded.prefix(unfundedRowsShown) {
                let target = w.communeIsTarget ? ", " + CommuneStatus.target.term.text(language).lowercased() : ""
                out += "| \(w.communeName) (\(w.communeCode)\(target)) |"
                    + (groupTitle == nil ? "" : " \(w.group) |")
                    + " \(Vocabulary.work(id: w.workID, name: w.workName)) | \(Vocabulary.category(w.category, language)) | \(fmt.billions(w.cost)) | \(fmt.percent(w.fundedShare)) |\n"
            }
        }

        out += "\n## \(l[.bindingRules])\n\n"
        if report.bindingRules.isEmpty {
            out += "\(l[.nothing])\n"
        } else {
            out += "| \(l[.rule]) | \(l[.rows]) | \(l[.largestDual]) | key |\n|---|---:|---:|---|\n"
            for rule in report.bindingRules {
                out += "| \(l.family(rule.family)) | \(rule.rows) | \(fmt.grouped(rule.largestDual, decimals: 3)) | `\(rule.family.scenarioKey)` |\n"
            }
        }
        for section in sections { out += "\n" + section }
        return out
    }

    /// The report of a bare plan (no status-quo comparison or diagnosis).
    public static func render(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        render(PlanReport(plan: plan), language: language)
    }

    /// The sections after the plan's own: the status-quo comparison, the diagnosis, or (for the
    /// status quo itself) how it splits the money.
    static func extraSections(_ report: PlanReport, language: ReportLanguage) -> [String] {
        var sections: [String] = []
        if let baseline = report.baseline {
            sections.append(BaselineSection.render(baseline, coefficients: report.scenario.baselineCoefficients, language: language))
        }
        if let diagnosis = report.diagnosis { sections.append(DiagnosisReport.render(diagnosis, language: language, headline: true)) }
        if let run = report.statusQuoRun { sections.append(BaselineSection.statusQuoRun(run, scenario: report.scenario, language: language)) }
        return sections
    }
}
