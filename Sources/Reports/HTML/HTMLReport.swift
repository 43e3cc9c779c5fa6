import Foundation
import Allocation

/// `report.html`: the plan as one self-contained page a planner prints for the People's
/// Committee (A4): the totals; a stacked bar chart of funding by source for each district (or
/// `report.group_by` group); the share of pooled state money going to priority communes against
/// the rule; the target communes and whether each reaches the standard; every required work left
/// unfunded; shadow prices in planner terms; and, for a multi-year plan, money by source and year.
///
/// Inline CSS and SVG only, no script and no external resource; numbers in the reader's format
/// (`1.234.567,8` in Vietnamese), wording in Vietnamese (default) or English.
public enum HTMLReport {
    /// The page of `report`; the status-quo comparison or the diagnosis it carries comes last, in
    /// the words of report.md.
    public static func render(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language)
        var body = "<h1>\(HTML.escape(l[.title]))</h1>\n" + HTML.notes(report.scenario.notes, language: language)
        body += header(report, language: language)
        let extras = MarkdownReport.extraSections(report, language: language).map(MarkdownBlocks.html).joined()
        let title = l[.title] + " — " + report.scenario.name
        guard report.hasSolution else {
            return HTML.page(title: title, language: language, body: body + HTML.paragraph(l[.noSolution], className: "warn") + extras)
        }
        body += totals(report, language: language)
        body += byGroup(report, language: language)
        body += priorityShare(report, language: language)
        body += targetCommunes(report, language: language)
        body += unfundedRequired(report, language: language)
        body += shadowPrices(report, language: language)
        body += byYear(report, language: language)
        body += bindingRules(report, language: language)
        return HTML.page(title: title, language: language, body: body + extras)
    }

    /// The page of a bare plan (no status-quo comparison or diagnosis).
    public static func render(_ plan: AllocationPlan, language: ReportLanguage) -> String {
        render(PlanReport(plan: plan), language: language)
    }

    // MARK: - Sections

    static func header(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language), fmt = NumberFormat.Localized(language), o = report.outcome
        var items = [(l[.scenario], report.scenario.name), (l[.mode], o.mode.rawValue.uppercased()),
                     (l[.status], StatusText.describe(o, language: language))]
        if let objective = o.objective { items.append((l[.objective], fmt.grouped(objective, decimals: 2))) }
        if o.mode == .mip, let gap = o.mipGap { items.append((l[.mipGap], fmt.fixed(gap * 100, decimals: 4) + "%")) }
        var out = "<ul class=\"meta\">" + items.map { "<li><strong>\(HTML.escape($0.0)):</strong> \(HTML.escape($0.1))</li>" }.joined() + "</ul>\n"
        if o.status == .timeLimit { out += HTML.paragraph(l[report.hasSolution ? .timeLimitNote : .timeLimitNoPlanNote], className: "warn") }
        if o.dualsFromFixedMIP { out += HTML.paragraph(l[.fixedDualsNote], className: "note") }
        return out
    }

    static func totals(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language), fmt = NumberFormat.Localized(language), t = report.totals
        let unit = " (\(l[.moneyUnit]))"
        func count(_ n: Int) -> String { fmt.grouped(Double(n), decimals: 0) }
        let rows: [(String, String)] = [
            (l[.totalNeed] + unit, fmt.billions(t.need)),
            (l[.totalFunded] + unit, fmt.billions(t.funded)),
            (l[.fundedShare], fmt.percent(t.fundedShare)),
            (l[.worksFullyFunded], "\(count(t.worksFullyFunded)) / \(count(t.works))"),
            (l[.worksPartlyFunded], count(t.worksPartlyFunded)),
            (l[.targetReaching], "\(t.targetCommunesReachingStandard) / \(t.targetCommunesWithRequiredWorks)"),
            (l[.priorityStateShare], t.priorityStateShare.map(fmt.percent) ?? l[.nothing]),
            (l[.labourUsed] + unit, fmt.billions(t.labourValueUsed)),
            (l[.labourDays], fmt.grouped(t.labourDaysUsed, decimals: 0)),
        ]
        return HTML.heading(HTMLWords.totals.text(language))
            + HTML.table(header: [], rows: rows.map { [.text($0.0), .number($0.1)] }, className: "totals")
    }

    /// The chart's categories: the groups (district or `group_by`), or one for all communes
    /// when they are not grouped; "" (no value in the column) shows as "–".
    static func groupName(_ label: String, _ report: PlanReport, _ language: ReportLanguage) -> String {
        report.scenario.grouping == .none ? HTMLWords.allCommunes.text(language) : (label.isEmpty ? "–" : label)
    }

    /// Money by source (million VND) for each of `categories`, from the allocations: `category`
    /// names an allocation's category (nil leaves it out).
    static func moneyBySource(_ report: PlanReport, categories: [String], category: (PlanReport.AllocationRow) -> String?) -> [[Double]] {
        let position = Dictionary(report.sources.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let index = Dictionary(categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var values = Array(repeating: Array(repeating: 0.0, count: report.sources.count), count: categories.count)
        for a in report.allocations where a.amount > amountTolerance {
            guard let name = category(a), let i = index[name], let s = position[a.sourceID] else { continue }
            values[i][s] += a.amount
        }
        return values
    }

    static func byGroup(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language), fmt = NumberFormat.Localized(language)
        let grouping = report.scenario.grouping
        let t = report.totals
        // Rows: the groups, or one row for all communes.
        let rows: [(name: String, communes: Int, need: Double, funded: Double, share: Double)] = grouping == .none
            ? [(HTMLWords.allCommunes.text(language), report.scenario.communeCount, t.need, t.funded, t.fundedShare)]
            : report.groups.map { (groupName($0.label, report, language), $0.communes, $0.need, $0.funded, $0.fundedShare) }
        let names = rows.map(\.name)
        let heading = grouping.heading(language) ?? HTMLWords.allCommunes.text(language)
        let title = HTMLWords.fundingBySourceFor.text(language) + " " + heading.lowercased()
        var out = HTML.heading(heading)
        let series = report.sources.enumerated().map { ChartSeries(name: $1.name, color: SVGChart.color($0)) }
        let values = moneyBySource(report, categories: names) { groupName($0.group, report, language) }
        out += "<figure>\n" + SVGChart.stackedBars(title: title, categories: names, series: series,
                                                    values: values.map { row in row.map { $0 > amountTolerance ? $0 / 1000 : 0 } },
                                                    axisTitle: "\(l[.funded]) (\(l[.moneyUnit]))", valueText: { compact($0, language) })
        out += "<figcaption>\(HTML.escape(title + " (" + l[.moneyUnit] + ")"))</figcaption>\n</figure>\n"
        out += HTML.table(header: [.text(grouping.title(language) ?? ""), .number(l[.communes]), .number("\(l[.need]) (\(l[.moneyUnit]))"),
                                   .number("\(l[.funded]) (\(l[.moneyUnit]))"), .number(l[.fundedShare])],
                          rows: rows.map { [.text($0.name), .number(String($0.communes)), .number(fmt.billions($0.need)),
                                            .number(fmt.billions($0.funded)), .number(fmt.percent($0.share))] })
        return out
    }

    static func priorityShare(_ report: PlanReport, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let t = report.totals
        let rule = t.priorityShareMin
        var out = HTML.heading(HTMLWords.priorityShare.text(language))
        guard let share = t.priorityStateShare else {
            return out + HTML.paragraph(HTMLWords.noPooledState.text(language))
        }
        let toPriority = share * t.pooledStateUsed
        let met = rule <= 0 || share >= rule - 1e-9
        let ruleText = rule > 0 ? Term(vi: "quy định ≥ \(fmt.percent(rule))", en: "rule ≥ \(fmt.percent(rule))").text(language) : nil
        out += "<figure>\n" + SVGChart.shareMeter(title: HTMLWords.priorityShare.text(language), share: share, shareText: fmt.percent(share),
                                                  rule: rule > 0 ? rule : nil, ruleText: ruleText, met: met) + "</figure>\n"
        var sentence = Term(
            vi: "\(fmt.billions(toPriority)) trong \(fmt.billions(t.pooledStateUsed)) tỷ đồng vốn nhà nước (chung) đã dùng đến các xã ưu tiên (phấn đấu đạt chuẩn, ĐBKK, biên giới): \(fmt.percent(share)).",
            en: "\(fmt.billions(toPriority)) of the \(fmt.billions(t.pooledStateUsed)) billion VND of pooled state money used goes to priority communes (target, especially difficult, border): \(fmt.percent(share)).").text(language)
        sentence += " " + (rule > 0
            ? (met ? Term(vi: "Quy định tối thiểu \(fmt.percent(rule)): đạt.", en: "The rule asks at least \(fmt.percent(rule)): met.")
                   : Term(vi: "Quy định tối thiểu \(fmt.percent(rule)): chưa đạt.", en: "The rule asks at least \(fmt.percent(rule)): not met."))
            : Term(vi: "Kịch bản không đặt tỷ lệ tối thiểu (priority_share_min).", en: "The scenario sets no minimum (priority_share_min).")).text(language)
        out += HTML.paragraph(sentence)
        let ed = t.pooledStateUsed > 0 ? t.pooledStateToEspeciallyDifficult / t.pooledStateUsed : 0
        let border = t.pooledStateUsed > 0 ? t.pooledStateToBorder / t.pooledStateUsed : 0
        out += HTML.paragraph(Term(vi: "Trong đó: xã ĐBKK \(fmt.percent(ed)), xã biên giới \(fmt.percent(border)) (một xã có thể thuộc cả hai nhóm).",
                                   en: "Of which: especially difficult communes \(fmt.percent(ed)), border communes \(fmt.percent(border)) (a commune may be both).").text(language))
        return out
    }

    static func targetCommunes(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language), fmt = NumberFormat.Localized(language)
        let grouping = report.scenario.grouping
        let multiYear = report.scenario.isMultiYear
        var out = HTML.heading(HTMLWords.targetCommunes.text(language))
        let targets = report.targetCommunes
        guard !targets.isEmpty else { return out + HTML.paragraph(HTMLWords.noTargetCommunes.text(language)) }
        var unfunded: [String: Int] = [:]
        for w in report.unfundedRequiredWorks { unfunded[w.communeCode, default: 0] += 1 }
        let reaching = targets.count { $0.reachesStandard == true }
        out += HTML.paragraph(Term(
            vi: "\(reaching) trong \(targets.count) xã phấn đấu đạt chuẩn có đủ vốn cho mọi công trình bắt buộc. Các xã chưa đạt được liệt kê trước.",
            en: "\(reaching) of \(targets.count) target communes have every required work fully funded. Those that do not are listed first.").text(language))
        // Those that miss the standard first, then in the order of communes.csv.
        let ordered = targets.filter { $0.reachesStandard == false } + targets.filter { $0.reachesStandard == true }
        let rows = ordered.map { c -> [HTML.Cell] in
            let yes = c.reachesStandard == true
            return [.name("\(c.name) (\(c.code))")] + (grouping == .none ? [] : [.name(c.group)])
                + [.number("\(c.requiredWorks - (unfunded[c.code] ?? 0)) / \(c.requiredWorks)"), .number(fmt.billions(c.need)),
                   .number(fmt.percent(c.need > 0 ? c.funded / c.need : 0)),
                   .text(yes ? HTMLWords.reaches.text(language) : HTMLWords.doesNotReach.text(language), style: yes ? "yes" : "no")]
                + (multiYear ? [.text(c.reachesStandardIn ?? "–")] : [])
        }
        out += HTML.table(header: [.text(l[.commune])] + (grouping.title(language).map { [.text($0)] } ?? [])
                          + [.number(HTMLWords.requiredFunded.text(language)), .number("\(l[.need]) (\(l[.moneyUnit]))"), .number(l[.share]),
                             .text(HTMLWords.standard.text(language))]
                          + (multiYear ? [.text(HTMLWords.reachedBy.text(language))] : []), rows: rows)
        return out
    }

    /// At most this many unfunded required works are listed; beyond it the page says how many are shown.
    static let unfundedListLimit = 1000

    static func unfundedRequired(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language), fmt = NumberFormat.Localized(language)
        let grouping = report.scenario.grouping
        let requiredCount = report.totals.requiredWorks
        let unfunded = report.unfundedRequiredWorks
        var out = HTML.heading("\(l[.unfundedRequired]) (\(unfunded.count))")
        guard requiredCount > 0 else {
            return out + HTML.paragraph(Term(vi: "Kịch bản không có công trình nào đánh dấu bắt buộc (cột required).",
                                             en: "The scenario marks no work as required (the required column).").text(language))
        }
        guard !unfunded.isEmpty else {
            return out + HTML.paragraph(Term(vi: "Cả \(requiredCount) công trình bắt buộc đều được bố trí đủ vốn.",
                                             en: "All \(requiredCount) required works are fully funded.").text(language))
        }
        let shown = unfunded.prefix(unfundedListLimit)
        let gap = unfunded.reduce(0) { $0 + $1.cost * (1 - $1.fundedShare) }
        var sentence = Term(vi: "\(unfunded.count) trong \(requiredCount) công trình bắt buộc chưa được bố trí đủ vốn; còn thiếu \(fmt.billions(gap)) tỷ đồng.",
                            en: "\(unfunded.count) of \(requiredCount) required works are not fully funded; \(fmt.billions(gap)) billion VND is missing.").text(language)
        sentence += " " + (shown.count == unfunded.count
            ? Term(vi: "Bảng dưới liệt kê đủ cả \(unfunded.count) công trình.", en: "All \(unfunded.count) are listed below.")
            : Term(vi: "Bảng dưới liệt kê \(shown.count) trong \(unfunded.count) công trình; đủ danh sách trong allocations.csv.",
                   en: "\(shown.count) of the \(unfunded.count) are listed below; allocations.csv has them all.")).text(language)
        out += HTML.paragraph(sentence)
        let rows = shown.map { w -> [HTML.Cell] in
            let target = w.communeIsTarget ? ", " + CommuneStatus.target.term.text(language).lowercased() : ""
            return [.name("\(w.communeName) (\(w.communeCode)\(target))")] + (grouping == .none ? [] : [.name(w.group)])
                + [.text(Vocabulary.work(id: w.workID, name: w.workName)), .text(Vocabulary.category(w.category, language)),
                   .number(fmt.billions(w.cost)), .number(fmt.percent(w.fundedShare))]
        }
        out += HTML.table(header: [.text(l[.commune])] + (grouping.title(language).map { [.text($0)] } ?? [])
                          + [.text(l[.work]), .text(l[.category]), .number("\(l[.cost]) (\(l[.moneyUnit]))"), .number(l[.share])], rows: rows)
        return out
    }

    /// Each pooled source's shadow price as what one more billion (tỷ) of it adds to the
    /// objective, with the budget range over which that holds: beyond the range the objective,
    /// concave in a budget, gains at most the price per million, so the sentence says "at most".
    static func shadowPrices(_ report: PlanReport, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        var out = HTML.heading(HTMLWords.shadowPrices.text(language))
        out += HTML.paragraph(HTMLWords.objectiveUnit.text(language), className: "note")
        var items: [String] = []
        for s in report.sources where s.scope == .pooled {
            if report.scenario.isMultiYear && !s.byPeriod.isEmpty {
                // A multi-year plan prices each year's budget row: one sentence per source, year by year.
                let years = s.byPeriod.compactMap { year -> String? in
                    guard let price = year.shadowPrice else { return nil }
                    return "\(year.period): \(fmt.grouped(max(0, price) * 1000, decimals: 1))"
                }
                guard !years.isEmpty else { continue }
                items.append(Term(vi: "Thêm 1 tỷ đồng \(s.name) trong một năm làm giá trị mục tiêu tăng khoảng — \(years.joined(separator: "; ")) (giá bóng của năm đó × 1.000).",
                                  en: "1 billion VND more of \(s.name) in one year adds about — \(years.joined(separator: "; ")) — to the objective (that year's shadow price × 1,000).").text(language))
                continue
            }
            guard let price = s.shadowPrice else {
                items.append(Term(vi: "\(s.name): không có giá bóng cho phương án này.",
                                  en: "\(s.name): no shadow price for this plan.").text(language))
                continue
            }
            if abs(price) < 1e-9 {
                items.append((s.unused > amountTolerance
                    ? Term(vi: "\(s.name): còn \(fmt.billions(s.unused)) tỷ đồng chưa dùng, nên thêm vốn nguồn này không làm tăng giá trị mục tiêu.",
                           en: "\(s.name): \(fmt.billions(s.unused)) billion VND is left unused, so more of it adds nothing to the objective.")
                    : Term(vi: "\(s.name): đã dùng hết, nhưng thêm vốn nguồn này không làm tăng giá trị mục tiêu (các quy định khác giữ lại).",
                           en: "\(s.name): used up, but more of it would add nothing to the objective (other rules hold it back).")).text(language))
                continue
            }
            let perBillion = price * 1000
            let budget = s.available
            let range = s.shadowPriceRange
            let holdsForAWholeBillion = range.map { !($0.upper.isFinite) || $0.upper >= budget + 1000 - 1e-6 } ?? true
            var sentence = holdsForAWholeBillion
                ? Term(vi: "Thêm 1 tỷ đồng \(s.name) làm giá trị mục tiêu tăng khoảng \(fmt.grouped(perBillion, decimals: 1)) (giá bóng \(fmt.grouped(price, decimals: 3)) mỗi triệu đồng).",
                       en: "1 billion VND more of \(s.name) adds about \(fmt.grouped(perBillion, decimals: 1)) to the objective (shadow price \(fmt.grouped(price, decimals: 3)) per million).").text(language)
                : Term(vi: "Thêm 1 tỷ đồng \(s.name) làm giá trị mục tiêu tăng nhiều nhất \(fmt.grouped(perBillion, decimals: 1)): giá bóng \(fmt.grouped(price, decimals: 3)) mỗi triệu đồng chỉ đúng cho \(fmt.billions(range!.upper - budget)) tỷ đồng đầu tiên thêm vào.",
                       en: "1 billion VND more of \(s.name) adds at most \(fmt.grouped(perBillion, decimals: 1)) to the objective: the shadow price of \(fmt.grouped(price, decimals: 3)) per million holds only for the first \(fmt.billions(range!.upper - budget)) billion VND added.").text(language)
            if let range, range.lower.isFinite || range.upper.isFinite {
                let low = range.lower.isFinite ? fmt.billions(max(0, range.lower)) : "0"
                let high = range.upper.isFinite ? fmt.billions(range.upper) : "∞"
                sentence += " " + Term(vi: "Giá này đúng khi ngân sách nguồn này trong khoảng \(low)–\(high) tỷ đồng (hiện \(fmt.billions(budget))).",
                                       en: "The price holds while this budget stays between \(low) and \(high) billion VND (now \(fmt.billions(budget))).").text(language)
            }
            items.append(sentence)
        }
        if items.isEmpty { return out + HTML.paragraph(HTMLWords.noPooledSources.text(language)) }
        out += "<ul class=\"prices\">\n" + items.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
        if report.carryOverRaisesPrices {
            out += HTML.paragraph(Term(
                vi: "Ở năm mà trần chuyển nguồn bị chạm, một triệu đồng thêm có giá trị lớn hơn giá bóng của năm đó, vì nó còn nâng trần chuyển sang năm sau.",
                en: "In a year where the carry-over cap binds, an extra million is worth more than that year's shadow price, since it also raises the cap on what may be carried into the next year.").text(language), className: "note")
        }
        return out
    }

    /// Multi-year plans: money used by source and year (every source, from the allocations), the
    /// pooled money's budget, carry-over and lapse, each year's shadow prices, and the target
    /// communes reaching the standard by the end of each year.
    static func byYear(_ report: PlanReport, language: ReportLanguage) -> String {
        guard report.scenario.isMultiYear else { return "" }
        let l = Labels.of(language), fmt = NumberFormat.Localized(language)
        let years = report.scenario.periods
        let used = moneyBySource(report, categories: years) { $0.period }
        var out = HTML.heading(HTMLWords.byYear.text(language))
        let title = HTMLWords.moneyBySourceAndYear.text(language)
        let series = report.sources.enumerated().map { ChartSeries(name: $1.name, color: SVGChart.color($0)) }
        out += "<figure>\n" + SVGChart.stackedBars(title: title, categories: years, series: series,
                                                    values: used.map { row in row.map { $0 > amountTolerance ? $0 / 1000 : 0 } },
                                                    axisTitle: "\(l[.used]) (\(l[.moneyUnit]))", valueText: { compact($0, language) })
        out += "<figcaption>\(HTML.escape(title + " (" + l[.moneyUnit] + ")"))</figcaption>\n</figure>\n"
        let totalWord = Term(vi: "Cộng", en: "Total").text(language)
        let rows = report.sources.indices.filter { s in used.contains { $0[s] > amountTolerance } }.map { s -> [HTML.Cell] in
            [.text(report.sources[s].name)] + years.indices.map { .number(fmt.billions(used[$0][s])) }
                + [.number(fmt.billions(used.reduce(0) { $0 + $1[s] }))]
        }
        out += HTML.table(header: [.text(l[.source])] + years.map { .number($0) } + [.number(totalWord)], rows: rows)

        // Pooled money year by year, and what one more billion in each year would add.
        let pooled = report.sources.filter { !$0.byPeriod.isEmpty }
        if !pooled.isEmpty {
            out += HTML.heading(HTMLWords.pooledByYear.text(language), level: 3)
            let header: [HTML.Cell] = [.text(l[.source]), .text(Term(vi: "Năm", en: "Year").text(language)),
                                       .number(Term(vi: "Dự toán", en: "Budget").text(language)),
                                       .number(Term(vi: "Chuyển từ năm trước", en: "Carried in").text(language)),
                                       .number(l[.used]), .number(Term(vi: "Chuyển sang năm sau", en: "Carried out").text(language)),
                                       .number(Term(vi: "Bị hủy", en: "Lapsed").text(language)),
                                       .number(HTMLWords.perBillion.text(language))]
            var rows: [[HTML.Cell]] = []
            for s in pooled {
                // The source's name on its first year only: the rows below it are its other years.
                for (t, y) in s.byPeriod.enumerated() {
                    rows.append([.text(t == 0 ? s.name : ""), .text(y.period), .number(fmt.billions(y.budget)),
                                 .number(fmt.billions(y.carriedIn)), .number(fmt.billions(y.used)), .number(fmt.billions(y.carriedOut)),
                                 .number(fmt.billions(y.lapsed)), .number(y.shadowPrice.map { fmt.grouped($0 * 1000, decimals: 1) } ?? "–")])
                }
            }
            out += HTML.paragraph(Term(vi: "Tiền tính bằng tỷ đồng. Cột cuối: giá trị mục tiêu tăng thêm khi có thêm 1 tỷ đồng của nguồn đó trong năm đó (giá bóng × 1.000).",
                                       en: "Money in billion VND. Last column: what 1 billion VND more of the source in that year adds to the objective (shadow price × 1,000).").text(language))
            out += HTML.table(header: header, rows: rows)
        }
        let counts = report.totals.targetCommunesReachingStandardByPeriod
        if counts.count == years.count {
            let title = HTMLWords.reachingByYear.text(language)
            out += HTML.heading(title, level: 3)
            out += "<figure>\n" + SVGChart.line(title: title, labels: years, values: counts.map(Double.init),
                                                axisTitle: HTMLWords.communesAxis.text(language), integers: true,
                                                valueText: { fmt.grouped($0, decimals: 0) }) + "</figure>\n"
        }
        return out
    }

    static func bindingRules(_ report: PlanReport, language: ReportLanguage) -> String {
        let l = Labels.of(language), fmt = NumberFormat.Localized(language)
        var out = HTML.heading(l[.bindingRules])
        guard !report.bindingRules.isEmpty else { return out + HTML.paragraph(l[.nothing]) }
        let rows = report.bindingRules.map { rule -> [HTML.Cell] in
            [.text(l.family(rule.family)), .number(String(rule.rows)),
             .number(fmt.grouped(rule.largestDual, decimals: 3)), .text(rule.family.scenarioKey)]
        }
        out += HTML.table(header: [.text(l[.rule]), .number(l[.rows]), .number(l[.largestDual]), .text(Term(vi: "khóa", en: "key").text(language))], rows: rows)
        return out
    }

    /// A chart number: whole above 100, one decimal above 10, two below; trailing zeros dropped.
    static func compact(_ value: Double, _ language: ReportLanguage) -> String {
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        var text = NumberFormat.grouped(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return NumberFormat.Localized(language).localize(text)
    }
}

/// The fixed wording of the HTML pages, in both languages (typed keys: a case without both
/// does not compile; `VocabularyTests` checks none is empty or shared).
public enum HTMLWords: String, LabelKey {
    case totals, allCommunes, fundingBySourceFor, priorityShare, noPooledState, targetCommunes, noTargetCommunes,
         reaches, doesNotReach, requiredFunded, standard, shadowPrices, objectiveUnit, noPooledSources, byYear,
         moneyBySourceAndYear, pooledByYear, perBillion, reachingByYear, communesAxis, comparison, variant,
         moneyUsedByVariant, standardDiffers, largestGains, largestLosses, sweepTable, reachedBy

    /// The wording in `language`.
    public func text(_ language: ReportLanguage) -> String { term.text(language) }

    public var term: Term {
        switch self {
        case .totals: Term(vi: "Tổng hợp", en: "Totals")
        case .allCommunes: Term(vi: "Toàn bộ các xã", en: "All communes")
        case .fundingBySourceFor: Term(vi: "Vốn bố trí theo nguồn,", en: "Funding by source,")
        case .priorityShare: Term(vi: "Vốn nhà nước (chung) cho xã ưu tiên so với quy định", en: "Pooled state money to priority communes against the rule")
        case .noPooledState: Term(vi: "Phương án không dùng vốn nhà nước chung nào.", en: "The plan uses no pooled state money.")
        case .targetCommunes: Term(vi: "Xã phấn đấu đạt chuẩn", en: "Target communes")
        case .noTargetCommunes: Term(vi: "Không có xã phấn đấu đạt chuẩn nào có công trình bắt buộc.", en: "No target commune has required works.")
        case .reaches: Term(vi: "Đủ vốn", en: "Reaches")
        case .doesNotReach: Term(vi: "Chưa đủ vốn", en: "Does not reach")
        case .requiredFunded: Term(vi: "Công trình bắt buộc đủ vốn", en: "Required works funded")
        case .standard: Term(vi: "Đạt chuẩn NTM", en: "NTM standard")
        case .shadowPrices: Term(vi: "Thêm vốn thì được gì (giá bóng)", en: "What more money buys (shadow prices)")
        case .objectiveUnit: Term(
            vi: "Giá trị mục tiêu cộng lợi ích của các công trình được bố trí vốn (triệu đồng), nhân với trọng số của xã và hệ số lĩnh vực: một triệu đồng lợi ích ở xã có trọng số 2 được tính là 2. Các con số dưới đây là giá trị mục tiêu, không phải số công trình.",
            en: "The objective adds up the benefit of the funded works (million VND), times the commune's weight and the category multiplier: a million of benefit in a commune of weight 2 counts 2. The figures below are objective value, not numbers of works.")
        case .noPooledSources: Term(vi: "Kịch bản không có nguồn vốn chung.", en: "The scenario has no pooled source.")
        case .byYear: Term(vi: "Theo năm", en: "By year")
        case .moneyBySourceAndYear: Term(vi: "Vốn đã dùng theo nguồn và năm", en: "Money used by source and year")
        case .pooledByYear: Term(vi: "Vốn chung từng năm", en: "Pooled money year by year")
        case .perBillion: Term(vi: "Thêm 1 tỷ đồng", en: "1 billion more")
        case .reachingByYear: Term(vi: "Xã phấn đấu đạt chuẩn có đủ công trình bắt buộc hoàn thành đến hết năm",
                                   en: "Target communes with every required work completed by the end of the year")
        case .communesAxis: Term(vi: "số xã", en: "communes")
        case .comparison: Term(vi: "So sánh phương án", en: "Comparison")
        case .variant: Term(vi: "Phương án", en: "Variant")
        case .moneyUsedByVariant: Term(vi: "Vốn đã dùng theo nguồn, từng phương án", en: "Money used by source, in each variant")
        case .standardDiffers: Term(vi: "Xã đạt chuẩn ở phương án này mà không ở phương án kia",
                                    en: "Communes reaching the standard in one variant and not the other")
        case .largestGains: Term(vi: "Tăng nhiều nhất", en: "Largest gains")
        case .largestLosses: Term(vi: "Giảm nhiều nhất", en: "Largest losses")
        case .sweepTable: Term(vi: "Bảng các điểm", en: "The points")
        case .reachedBy: Term(vi: "Đạt chuẩn vào năm", en: "Reached by")
        }
    }
}
