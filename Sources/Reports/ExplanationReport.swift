import Allocation

/// `explain.md`: the explanation of a plan in plain planner language (Vietnamese or English).
public enum ExplanationReport {
    /// `explain.md` of `plan`'s explanation.
    public static func render(_ explanation: PlanExplanation, plan: AllocationPlan, language: ReportLanguage) -> String {
        var report = PlanReport(plan: plan)
        report.explanation = PlanReport.ExplanationSection(explanation, scenario: plan.scenario)
        return render(report, language: language) ?? ""
    }

    /// `explain.md` of `report`, nil when the report has no explanation.
    public static func render(_ report: PlanReport, language: ReportLanguage) -> String? {
        guard let explanation = report.explanation else { return nil }
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let scenario = report.scenario
        var out = vi ? "# Giải trình phương án phân bổ\n\n" : "# Why the money went where it went\n\n"
        out += Vocabulary.notesBlock(scenario.notes, language)
        out += vi ? "Kịch bản: \(scenario.name). Đơn vị: triệu đồng; 1 tỷ = 1.000 triệu.\n"
                  : "Scenario: \(scenario.name). Amounts in million VND; 1 billion = 1,000 million.\n"
        if report.outcome.dualsFromFixedMIP {
            out += "\n> " + Labels.of(language)[.fixedDualsNote] + "\n"
        }

        let byYear = explanation.sources.contains { $0.period != nil }
        out += byYear
            ? (vi ? "\n## Thêm 1 tỷ đồng cho mỗi nguồn vốn chung, từng năm, thì được gì?\n\n"
                  : "\n## What one more billion VND of each pooled source would buy, year by year\n\n")
            : (vi ? "\n## Thêm 1 tỷ đồng cho mỗi nguồn vốn chung thì được gì?\n\n" : "\n## What one more billion VND of each pooled source would buy\n\n")
        for margin in explanation.sources {
            let price = fmt.grouped(margin.shadowPrice, decimals: 3)
            let year = margin.period.map { (vi ? ", năm " : ", year ") + $0 } ?? ""
            out += "- **\(margin.sourceName)** (`\(margin.sourceID)`\(year)): "
            if margin.shadowPrice <= 1e-9 {
                out += vi ? "chưa dùng hết, thêm vốn không làm tăng giá trị (giá bóng 0).\n" : "not used up; more money adds no value (shadow price 0).\n"
                continue
            }
            out += vi ? "mỗi triệu đồng thêm mang lại \(price) đơn vị giá trị" : "each extra million adds \(price) units of value"
            if let from = margin.validFrom, let to = margin.validTo {
                let range = "\(to.isFinite ? fmt.billions(from) : fmt.billions(from)) – \(to.isFinite ? fmt.billions(to) : "∞") " + (vi ? "tỷ" : "billion")
                out += vi ? ", đúng khi ngân sách nguồn nằm trong khoảng \(range)" : ", valid while its budget stays within \(range)"
            }
            if let gain = margin.gainPerBillion {
                out += vi ? ". Giải lại với thêm 1 tỷ: giá trị tăng \(fmt.grouped(gain, decimals: 1))"
                          : ". Re-solved with 1 billion more: value +\(fmt.grouped(gain, decimals: 1))"
                if let change = margin.change {
                    out += ".\n" + Self.render(change, language: language)
                    continue
                }
            }
            out += ".\n"
        }

        out += vi ? "\n## Các quy định đang chặt và lợi ích nếu nới\n\n" : "\n## Binding rules and what relaxing each would gain\n\n"
        if explanation.rules.isEmpty {
            out += vi ? "Không có quy định nào (ngoài ngân sách) đang chặt.\n" : "No rule other than the budgets binds.\n"
        }
        for rule in explanation.rules {
            let name = Labels.of(language).family(rule.family)
            let from = rule.from.map { fmt.plain($0, decimals: 4) } ?? "–"
            let to = fmt.plain(rule.to, decimals: 4)
            let gain = rule.gain.map { fmt.grouped($0, decimals: 1) } ?? (vi ? "không giải được" : "no solution")
            out += vi ? "- **\(name)** (`\(rule.key)`, \(rule.bindingRows) dòng chặt): nới từ \(from) lên/xuống \(to) → giá trị tăng \(gain).\n"
                      : "- **\(name)** (`\(rule.key)`, \(rule.bindingRows) binding rows): relaxing it from \(from) to \(to) gains \(gain).\n"
        }

        out += vi ? "\n## Công trình bắt buộc của xã phấn đấu đạt chuẩn chưa đủ vốn\n\n" : "\n## Required works of target communes not fully funded\n\n"
        if explanation.unfundedWorks.isEmpty {
            out += vi ? "Không có: mọi công trình bắt buộc của các xã phấn đấu đạt chuẩn đều được bố trí đủ vốn.\n"
                      : "None: every required work of every target commune is fully funded.\n"
        }
        for item in explanation.unfundedWorks {
            let w = item.work
            out += "- **\(Vocabulary.work(id: w.id, name: w.name))** (\(Vocabulary.category(w.category, language)), \(w.communeName), \(fmt.billions(item.cost)) \(vi ? "tỷ" : "billion")): "
            out += (vi ? "đã bố trí " : "funded ") + fmt.percent(item.fundedShare)
            out += vi ? "; giá trị/triệu \(fmt.grouped(item.valuePerMillion, decimals: 3))" : "; value per million \(fmt.grouped(item.valuePerMillion, decimals: 3))"
            if let rc = item.reducedCost { out += vi ? "; chi phí rút gọn \(fmt.grouped(rc, decimals: 3))" : "; reduced cost \(fmt.grouped(rc, decimals: 3))" }
            out += ". " + item.reasons.map { reason(in: $0, language: language) }.joined(separator: " ") + "\n"
        }
        return out
    }

    /// One reason a work is held back, in words, with the key to change where there is one.
    static func reason(in reason: PlanReport.HoldBack, language: ReportLanguage) -> String {
        let vi = language == .vi
        let fmt = NumberFormat.Localized(language)
        switch reason {
        case .noEligibleSource:
            return vi ? "Không nguồn vốn nào được phép chi cho công trình này (điều kiện xã, lĩnh vực, huyện hoặc ngày công)."
                      : "No source may fund it (commune, category, district or labour eligibility)."
        case .noCommunitySource(let share):
            return vi ? "Quy định vốn cộng đồng tối thiểu \(fmt.percent(share)) nhưng không nguồn cộng đồng nào được chi cho công trình này (`rules.min_community_share`)."
                      : "The community share must be at least \(fmt.percent(share)) but no community source may fund it (`rules.min_community_share`)."
        case .moneyWorthMoreElsewhere(let id, let price):
            return vi ? "Vốn của \(id) có giá trị \(fmt.grouped(price, decimals: 3))/triệu ở công trình khác, cao hơn giá trị của công trình này (`sources.\(id).budget`)."
                      : "Money of \(id) is worth \(fmt.grouped(price, decimals: 3)) per million elsewhere, more than this work returns (`sources.\(id).budget`)."
        case .shareRuleBinds(let family, _):
            let key = reason.key ?? family.scenarioKey
            return vi ? "Quy định tỷ lệ (\(family.identifier)) đang chặt với công trình này (`\(key)`)." : "A share rule (\(family.identifier)) binds on it (`\(key)`)."
        case .communeCapBinds:
            return vi ? "Xã đã nhận đủ mức tối đa vốn nhà nước chung (`rules.commune_cap`)." : "The commune has reached its cap of pooled state money (`rules.commune_cap`)."
        case .localCapacityExhausted(let id):
            return vi ? "Nguồn \(id) tại xã đã dùng hết." : "Local source \(id) is exhausted in this commune."
        }
    }

    /// What a re-solve changed, as the net difference of two plans: the net, then the works that
    /// gain and those that lose (the five largest of each, and how many in all).
    static func render(_ change: PlanReport.PlanChange, language: ReportLanguage) -> String {
        let vi = language == .vi
        let fmt = NumberFormat.Localized(language)
        func list(_ items: [PlanReport.WorkAmount], sign: String) -> String {
            items.prefix(5).map { item in
                let w = item.work
                return "\(Vocabulary.work(id: w.id, name: w.name)) (\(Vocabulary.category(w.category, language)), \(w.communeName)) \(sign)\(fmt.grouped(item.amount, decimals: 1))"
            }.joined(separator: ", ")
        }
        let gained = change.gains.reduce(0) { $0 + $1.amount }, lost = change.losses.reduce(0) { $0 + $1.amount }
        var out = vi
            ? "  - Thay đổi ròng: \(fmt.grouped(change.netFunded, decimals: 1)) triệu đồng được bố trí thêm "
              + "(\(change.gains.count) công trình tăng +\(fmt.grouped(gained, decimals: 1))"
              + (change.losses.isEmpty ? "" : ", \(change.losses.count) công trình giảm −\(fmt.grouped(lost, decimals: 1))")
              + "); "
              + "công trình đủ vốn \(change.worksFullyFunded >= 0 ? "+" : "")\(change.worksFullyFunded), "
              + "xã đạt chuẩn \(change.targetCommunesReachingStandard >= 0 ? "+" : "")\(change.targetCommunesReachingStandard).\n"
            : "  - Net change: \(fmt.grouped(change.netFunded, decimals: 1)) million more placed "
              + "(\(change.gains.count) \(change.gains.count == 1 ? "work gains" : "works gain") +\(fmt.grouped(gained, decimals: 1))"
              + (change.losses.isEmpty ? "" : ", \(change.losses.count) \(change.losses.count == 1 ? "work loses" : "works lose") −\(fmt.grouped(lost, decimals: 1))")
              + "); "
              + "works fully funded \(change.worksFullyFunded >= 0 ? "+" : "")\(change.worksFullyFunded), "
              + "target communes reaching the standard \(change.targetCommunesReachingStandard >= 0 ? "+" : "")\(change.targetCommunesReachingStandard).\n"
        if !change.gains.isEmpty { out += (vi ? "  - Tăng: " : "  - Gains: ") + list(change.gains, sign: "+") + "\n" }
        if !change.losses.isEmpty { out += (vi ? "  - Giảm: " : "  - Losses: ") + list(change.losses, sign: "−") + "\n" }
        return out
    }
}
