import Allocation

/// Side-by-side tables of several plans (`compare.csv`, `compare-communes.csv`, `compare.md`).
public enum ComparisonTables {
    /// (identifier, Vietnamese label, English label, value) for each metric row. A variant
    /// without a plan (infeasible, unbounded, stopped without a solution) has blank figures: its
    /// status row says why, and no zero pretends it funded nothing.
    static func metricRows(_ plans: [AllocationPlan]) -> [(String, String, String, [String])] {
        let metrics = plans.map(PlanMetrics.init)
        let solved = plans.map(\.hasSolution)
        func cells(_ value: (PlanMetrics) -> String) -> [String] {
            metrics.indices.map { solved[$0] ? value(metrics[$0]) : "" }
        }
        func optional(_ v: Double?) -> String { v.map { NumberFormat.plain($0) } ?? "" }
        // Objectives of different weight profiles are on different scales: the row says so, and
        // the profile of each variant is shown (compare.md and the terminal add the note).
        let differ = weightProfilesDiffer(plans)
        var rows: [(String, String, String, [String])] = [
            ("status", "Trạng thái", "Status", metrics.map { $0.status.rawValue }),
            ("weights", "Bộ trọng số", "Weights profile", plans.map(\.scenario.weights.name)),
            ("objective", differ ? "Giá trị mục tiêu (theo bộ trọng số riêng, không so sánh được)" : "Giá trị mục tiêu",
             differ ? "Objective (own weights; not comparable)" : "Objective", cells { optional($0.objective) }),
            ("funded_share", "Tỷ lệ đáp ứng", "Funded share", cells { NumberFormat.plain($0.fundedShare) }),
            ("total_funded", "Tổng vốn bố trí (triệu)", "Total funded (million)", cells { NumberFormat.plain($0.totalFunded) }),
            ("works_fully_funded", "Công trình đủ vốn", "Works fully funded", cells { String($0.worksFullyFunded) }),
            ("target_communes_reaching_standard", "Xã phấn đấu đạt chuẩn đủ vốn", "Target communes reaching the standard",
             cells { String($0.targetCommunesReachingStandard) }),
            ("state_share_priority", "Vốn NN chung cho xã ưu tiên", "Pooled state share to priority communes",
             cells { optional($0.stateShareToPriority) }),
            ("state_share_especially_difficult", "Vốn NN chung cho xã ĐBKK", "Pooled state share to ĐBKK communes",
             cells { optional($0.stateShareToEspeciallyDifficult) }),
            ("state_share_border", "Vốn NN chung cho xã biên giới", "Pooled state share to border communes",
             cells { optional($0.stateShareToBorder) }),
            ("labour_value_used", "Ngày công huy động (triệu)", "Community labour mobilised (million)",
             cells { NumberFormat.plain($0.labourValueUsed) }),
        ]
        var sourceIDs: [String] = []
        for plan in plans { for s in plan.scenario.sources where !sourceIDs.contains(s.id) { sourceIDs.append(s.id) } }
        for id in sourceIDs {
            rows.append(("used_\(id)", "Đã dùng: \(id)", "Used: \(id)", plans.map { plan in
                guard plan.hasSolution, let s = plan.scenario.sources.firstIndex(where: { $0.id == id }) else { return "" }
                return NumberFormat.plain(plan.sources[s].used)
            }))
        }
        // Multi-year plans: the schedules side by side — each source's money used in each year,
        // and the target communes reaching the standard by each year.
        var labels: [String] = []
        for plan in plans where plan.scenario.periodCount > 1 { for l in plan.scenario.periods where !labels.contains(l) { labels.append(l) } }
        for label in labels {
            for id in sourceIDs {
                rows.append(("used_\(id)_\(label)", "Đã dùng: \(id), \(label)", "Used: \(id), \(label)", plans.map { plan in
                    guard plan.hasSolution, let s = plan.scenario.sources.firstIndex(where: { $0.id == id }),
                          let t = plan.scenario.periods.firstIndex(of: label), t < plan.sources[s].byPeriod.count else { return "" }
                    return NumberFormat.plain(plan.sources[s].byPeriod[t].used)
                }))
            }
            rows.append(("target_communes_reaching_standard_\(label)", "Xã đạt chuẩn đến hết \(label)",
                         "Target communes reaching the standard by \(label)", plans.map { plan in
                guard plan.hasSolution, let t = plan.scenario.periods.firstIndex(of: label),
                      t < plan.targetCommunesReachingStandardByPeriod.count else { return "" }
                return String(plan.targetCommunesReachingStandardByPeriod[t])
            }))
        }
        return rows
    }

    /// One row per metric, one column per variant (spreadsheet-friendly).
    public static func metricsCSV(names: [String], plans: [AllocationPlan]) -> String {
        PlanTables.csv(header: ["metric"] + names, rows: metricRows(plans).map { [$0.0] + $0.3 })
    }

    /// One row per commune of the first variant: funded amount and share in every variant (blank
    /// for a variant without a plan, whose status compare.csv gives).
    public static func communesCSV(names: [String], plans: [AllocationPlan]) -> String {
        let first = plans[0]
        var byCode: [[String: CommuneOutcome]] = []
        for plan in plans {
            var map: [String: CommuneOutcome] = [:]
            for o in plan.communes { map[plan.scenario.communes[o.commune].code] = o }
            byCode.append(map)
        }
        let grouping = CommuneGrouping(first.scenario)
        let rows = first.communes.map { outcome -> [String] in
            let c = first.scenario.communes[outcome.commune]
            var row = (grouping.isGrouped ? [grouping.label(of: c)] : []) + [c.code, c.name]
            for (v, map) in byCode.enumerated() {
                if plans[v].hasSolution, let o = map[c.code] {
                    row += [NumberFormat.plain(o.funded), NumberFormat.plain(o.need > 0 ? o.funded / o.need : 0)]
                } else {
                    row += ["", ""]
                }
            }
            return row
        }
        var header = (grouping.csvHeader.map { [$0] } ?? []) + ["code", "name"]
        for name in names { header += ["funded_\(name)", "share_\(name)"] }
        return PlanTables.csv(header: header, rows: rows)
    }

    /// The comparison report: the metrics side by side, then for each variant after the first,
    /// the ten communes that gain and the ten that lose the most against the first.
    public static func markdown(names: [String], plans: [AllocationPlan], language: ReportLanguage, top: Int = 10) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        var out = vi ? "# So sánh phương án\n\n" : "# Comparison\n\n"
        if let first = plans.first { out += Vocabulary.notesBlock(first.scenario, language) }
        out += "| \(vi ? "Chỉ tiêu" : "Metric") | " + names.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: names.count) + "\n"
        for row in metricRows(plans) {
            out += "| \(vi ? row.1 : row.2) | " + row.3.map(fmt.localize).joined(separator: " | ") + " |\n"
        }
        if weightProfilesDiffer(plans) { out += "\n> " + objectiveNote(language) + "\n" }
        for i in plans.indices.dropFirst() {
            out += "\n## \(names[i]) — \(vi ? "so với" : "against") \(names[0])\n\n"
            if let unsolved = [0, i].first(where: { !plans[$0].hasSolution }) {
                let status = Labels.of(language).status(plans[unsolved].status)
                out += vi ? "\(names[unsolved]) không có phương án (\(status)): không so sánh được.\n"
                          : "\(names[unsolved]) has no plan (\(status)): nothing to compare.\n"
                continue
            }
            out += standardChange(from: plans[0], to: plans[i], names: (names[0], names[i]), language: language)
            let changes = CommuneChange.between(plans[0], plans[i]).filter { abs($0.amount) > 1e-6 }
            guard !changes.isEmpty else { out += vi ? "Không xã nào thay đổi.\n" : "No commune changes.\n"; continue }
            let grouping = CommuneGrouping(plans[0].scenario)
            let groupTitle = grouping.title(language)
            let header = (vi ? "| Xã |" : "| Commune |") + (groupTitle.map { " \($0) |" } ?? "")
                + (vi ? " Thay đổi (tỷ đồng) | Tỷ lệ đáp ứng |\n" : " Change (billion VND) | Funded share |\n")
                + "|---|" + (groupTitle == nil ? "" : "---|") + "---:|---:|\n"
            func line(_ change: CommuneChange) -> String {
                let c = plans[0].scenario.communes[change.commune]
                return "| \(c.name) (\(c.code)) |" + (groupTitle == nil ? "" : " \(grouping.label(of: c)) |")
                    + " \(fmt.billions(change.amount)) | \(fmt.percent(change.shareBefore)) → \(fmt.percent(change.shareAfter)) |\n"
            }
            let gains = changes.filter { $0.amount > 0 }.prefix(top)
            let losses = changes.filter { $0.amount < 0 }.reversed().prefix(top)
            out += "### \(vi ? "Tăng nhiều nhất" : "Largest gains")\n\n"
            out += gains.isEmpty ? (vi ? "không có\n" : "none\n") : header + gains.map(line).joined()
            out += "\n### \(vi ? "Giảm nhiều nhất" : "Largest losses")\n\n"
            out += losses.isEmpty ? (vi ? "không có\n" : "none\n") : header + losses.map(line).joined()
        }
        return out
    }

    /// The side-by-side table for the terminal, the note on objectives of different weight
    /// profiles, and for each variant the communes that reach the standard there and not in the first.
    public static func terminal(names: [String], plans: [AllocationPlan], language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let rows = metricRows(plans).map { [language == .vi ? $0.1 : $0.2] + $0.3.map(fmt.localize) }
        var out = (plans.first.map { Vocabulary.notesLine($0.scenario, language) } ?? "")
            + TerminalSummary.table(rows, header: [language == .vi ? "Chỉ tiêu" : "Metric"] + names)
        if weightProfilesDiffer(plans) { out += objectiveNote(language) + "\n" }
        for i in plans.indices.dropFirst() where plans[0].hasSolution && plans[i].hasSolution {
            let change = StandardChange(from: plans[0], to: plans[i])
            guard !change.reachedOnlyAfter.isEmpty || !change.reachedOnlyBefore.isEmpty else { continue }
            out += language == .vi
                ? "\(names[i]) so với \(names[0]): \(change.reachedOnlyAfter.count) xã đạt chuẩn chỉ ở \(names[i]), \(change.reachedOnlyBefore.count) xã chỉ ở \(names[0]) (danh sách trong compare.md)\n"
                : "\(names[i]) against \(names[0]): \(change.reachedOnlyAfter.count) communes reach the standard only in \(names[i]), \(change.reachedOnlyBefore.count) only in \(names[0]) (listed in compare.md)\n"
        }
        return out
    }

    /// Why objectives of different weight profiles are not set side by side as one scale.
    public static func objectiveNote(_ language: ReportLanguage) -> String {
        language == .vi
            ? "Các phương án dùng bộ trọng số khác nhau: giá trị mục tiêu của mỗi phương án tính theo bộ trọng số riêng của nó, không cùng thang đo nên không so sánh được với nhau; hãy so sánh vốn bố trí, công trình đủ vốn và xã đạt chuẩn."
            : "The variants use different weight profiles: each objective is measured by its own profile, so the values are on different scales and not comparable; compare money placed, works fully funded and communes reaching the standard instead."
    }

    /// The target communes that reach the standard in one plan and not the other, named.
    static func standardChange(from before: AllocationPlan, to after: AllocationPlan, names: (String, String),
                               language: ReportLanguage) -> String {
        let vi = language == .vi
        let change = StandardChange(from: before, to: after)
        let nameOf = Dictionary((before.scenario.communes + after.scenario.communes).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        func list(_ codes: [String]) -> String {
            codes.isEmpty ? (vi ? "không có" : "none") : codes.map { "\(nameOf[$0] ?? $0) (\($0))" }.joined(separator: ", ")
        }
        var out = vi ? "### Xã phấn đấu đạt chuẩn: khác nhau giữa hai phương án\n\n" : "### Target communes reaching the standard: the difference\n\n"
        out += vi ? "- Chỉ đạt chuẩn ở \(names.1) (\(change.reachedOnlyAfter.count)): \(list(change.reachedOnlyAfter))\n"
                  : "- Only in \(names.1) (\(change.reachedOnlyAfter.count)): \(list(change.reachedOnlyAfter))\n"
        out += vi ? "- Chỉ đạt chuẩn ở \(names.0) (\(change.reachedOnlyBefore.count)): \(list(change.reachedOnlyBefore))\n\n"
                  : "- Only in \(names.0) (\(change.reachedOnlyBefore.count)): \(list(change.reachedOnlyBefore))\n\n"
        return out
    }
}
