import Allocation

/// The labels of `explain --commune`, each with both languages (checked by `VocabularyTests`).
public enum CommuneExplanationLabel: String, LabelKey {
    case title, received, works, valuePerMillion, reducedCost, sourcesHeading, sourcePrice, sourceUnpriced
    case local, rulesHeading, noRules, leversHeading, allFunded, firstUnfunded, valueLever, noValueLever
    case confirmed, notConfirmed, noSolution, whatIfLever, noOtherLever, compareNote

    /// The label in both languages.
    public var term: Term {
        switch self {
        case .title: Term(vi: "Vì sao xã nhận được mức vốn này", en: "Why this commune got what it got")
        case .received: Term(vi: "Nhu cầu / được bố trí", en: "Need / funded")
        case .works: Term(vi: "Các công trình của xã", en: "The commune's works")
        case .valuePerMillion: Term(vi: "giá trị/triệu", en: "value per million")
        case .reducedCost: Term(vi: "chi phí rút gọn", en: "reduced cost")
        case .sourcesHeading: Term(vi: "Giá trị biên của mỗi nguồn xã được dùng (giá bóng, cộng chi phí sử dụng)",
                                   en: "Marginal value of each source the commune may use (shadow price, plus its cost of use)")
        case .sourcePrice: Term(vi: "một triệu đồng của nguồn này có giá trị", en: "a million of this money is worth")
        case .sourceUnpriced: Term(vi: "không có giá bóng (lời giải không có đối ngẫu)", en: "no shadow price (the solve gave no duals)")
        case .local: Term(vi: "nguồn tại xã", en: "local source")
        case .rulesHeading: Term(vi: "Các quy định đang chặt với xã hoặc công trình của xã", en: "Rules that bind on the commune or its works")
        case .noRules: Term(vi: "Không có quy định nào đang chặt riêng với xã này.", en: "No rule binds on this commune in particular.")
        case .leversHeading: Term(vi: "Điều gì sẽ thay đổi kết quả", en: "What would change it")
        case .allFunded: Term(vi: "Mọi công trình của xã đã được bố trí đủ vốn.", en: "Every work of the commune is fully funded.")
        case .firstUnfunded: Term(vi: "Công trình chưa đủ vốn gần được bố trí nhất", en: "The unfunded work nearest to being funded")
        case .valueLever: Term(vi: "Nâng lợi ích (benefit) của công trình", en: "Raise the work's benefit")
        case .noValueLever: Term(vi: "Chi phí rút gọn bằng 0: công trình đang ở biên, thứ giữ nó lại là vốn hoặc quy định, không phải giá trị.",
                                 en: "Its reduced cost is zero: the work sits at the margin; money or a rule holds it back, not its value.")
        case .confirmed: Term(vi: "đã kiểm chứng bằng giải lại", en: "confirmed by a re-solve")
        case .notConfirmed: Term(vi: "giải lại không xác nhận", en: "not confirmed by the re-solve")
        case .noSolution: Term(vi: "giải lại không có lời giải", en: "the re-solve found no solution")
        case .whatIfLever: Term(vi: "Các thay đổi ngân sách hoặc quy định (đã giải lại) làm công trình được bố trí thêm",
                                en: "Budget or rule changes (re-solved) that fund more of the work")
        case .noOtherLever: Term(vi: "Không thay đổi ngân sách hay quy định nào đã thử (thêm 1 tỷ mỗi nguồn, nới từng quy định đang chặt) làm công trình được bố trí thêm.",
                                 en: "None of the budget or rule changes tried (1 billion more of each source, each binding rule one step looser) funds more of the work.")
        case .compareNote: Term(vi: "Giá bóng là giá trị mục tiêu thêm của một triệu đồng; công trình được chọn khi giá trị/triệu của nó vượt giá này cộng chi phí sử dụng nguồn.",
                                en: "A shadow price is the objective value of one more million; a work is chosen when its value per million beats that price plus the source's cost of use.")
        }
    }
}

/// `explain --commune CODE`: one commune's explanation as Markdown (also printed on the terminal).
public enum CommuneExplanationReport {
    /// The explanation of one commune in `language`.
    public static func render(_ e: CommuneExplanation, plan: AllocationPlan, language: ReportLanguage) -> String {
        let scenario = plan.scenario
        let vi = language == .vi
        let fmt = NumberFormat.Localized(language)
        func L(_ key: CommuneExplanationLabel) -> String { key.term.text(language) }
        let commune = scenario.communes[e.commune]
        func workName(_ p: Int) -> String { Vocabulary.work(scenario.works[p]) }
        func money(_ x: Double) -> String { fmt.grouped(x, decimals: 1) }
        func price(_ x: Double) -> String { fmt.grouped(x, decimals: 3) }

        var out = "# \(L(.title)): \(commune.name) (`\(commune.code)`)\n\n"
        out += Vocabulary.notesBlock(scenario.notes, language)
        out += "\(commune.status.term.text(language)); \(L(.received)): \(money(e.outcome.need)) / \(money(e.outcome.funded)) "
            + (vi ? "triệu đồng" : "million VND") + " (\(fmt.percent(e.outcome.need > 0 ? e.outcome.funded / e.outcome.need : 1)))"
        if let reaches = e.outcome.reachesStandard {
            out += vi ? (reaches ? "; đủ vốn công trình bắt buộc" : "; chưa đủ vốn công trình bắt buộc")
                      : (reaches ? "; all required works funded" : "; required works not all funded")
        }
        out += ".\n\n> \(L(.compareNote))\n\n## \(L(.works))\n\n"
        for line in e.works {
            out += "- \(workName(line.work)) (\(Vocabulary.category(scenario.works[line.work].category, language)), "
                + "\(money(scenario.works[line.work].cost))): \(fmt.percent(line.fundedShare)); "
                + "\(L(.valuePerMillion)) \(price(line.valuePerMillion))"
            if let d = line.reducedCost, line.fundedShare < 1 - fullyFundedTolerance { out += "; \(L(.reducedCost)) \(price(abs(d) < 5e-4 ? 0 : d))" }
            out += "\n"
        }

        out += "\n## \(L(.sourcesHeading))\n\n"
        for item in e.sourcePrices {
            let source = scenario.sources[item.source]
            let year = item.period.map { (vi ? ", năm " : ", year ") + scenario.periods[$0] } ?? ""
            let local = source.isPooled ? "" : ", " + L(.local)
            out += "- \(source.name) (`\(source.id)`\(year)\(local)): "
            if let p = item.price {
                out += "\(L(.sourcePrice)) \(price(p))"
                if item.cost != 0 { out += " + \(price(item.cost)) = \(price(p + item.cost))" }
                out += "\n"
            } else {
                out += L(.sourceUnpriced) + "\n"
            }
        }
        if e.sourcePrices.isEmpty {
            out += vi ? "Không nguồn vốn nào được phép chi cho công trình của xã.\n" : "No source may fund the commune's works.\n"
        }

        out += "\n## \(L(.rulesHeading))\n\n"
        if e.bindingRules.isEmpty { out += L(.noRules) + "\n" }
        let labels = Labels.of(language)
        for rule in e.bindingRules {
            let whose = rule.origin.work.map { " — " + workName($0) } ?? ""
            let source = rule.origin.source.map { " (`\(scenario.sources[$0].id)`)" } ?? ""
            out += "- \(labels.family(rule.family))\(source)\(whose): `\(rule.rowName)`, "
                + (vi ? "giá bóng " : "dual ") + price(rule.dual) + " (`\(rule.family.scenarioKey)`)\n"
        }

        out += "\n## \(L(.leversHeading))\n\n"
        guard let first = e.firstUnfunded else { return out + L(.allFunded) + "\n" }
        out += "\(L(.firstUnfunded)): **\(workName(first))**, \(fmt.percent(plan.fundedShares[first])).\n\n"
        func verdict(_ lever: CommuneExplanation.Lever) -> String {
            guard let after = lever.shareAfter else { return L(.noSolution) }
            let shares = "\(fmt.percent(lever.shareBefore)) → \(fmt.percent(after))"
            let commune = lever.communeFundedAfter.map { (vi ? "; xã: " : "; commune: ") + "\(money(lever.communeFundedBefore)) → \(money($0))" } ?? ""
            return "\(shares)\(commune): **\(lever.confirmed ? L(.confirmed) : L(.notConfirmed))**"
        }
        let valueLevers = e.levers.filter { if case .workValue = $0.kind { true } else { false } }
        if let lever = valueLevers.first, case let .workValue(_, from, to, needed) = lever.kind {
            out += vi ? "- \(L(.valueLever)) từ \(fmt.plain(from, decimals: 3)) lên \(fmt.plain(to, decimals: 3)) (giá trị/triệu \(price(needed)), "
                        + "tức mức hòa vốn với nguồn rẻ nhất có thể thêm cho công trình, thêm 1%): \(verdict(lever)).\n"
                      : "- \(L(.valueLever)) from \(fmt.plain(from, decimals: 3)) to \(fmt.plain(to, decimals: 3)) (value per million \(price(needed)), "
                        + "its break-even against the cheapest money that could come to it, and 1% more): \(verdict(lever)).\n"
        } else if let d = e.works.first(where: { $0.work == first })?.reducedCost, d >= -PlanExplanation.zeroPrice {
            out += "- \(L(.noValueLever))\n"
        }
        let others = e.levers.filter { if case .whatIf = $0.kind { true } else { false } }
        if others.isEmpty {
            out += "- \(L(.noOtherLever))\n"
        } else {
            out += "- \(L(.whatIfLever)):\n"
            for lever in others {
                guard case .whatIf(let whatIf) = lever.kind else { continue }
                let from = whatIf.from.map { fmt.plain($0, decimals: 4) } ?? "–"
                out += "  - `\(whatIf.parameter.key(in: scenario))` \(from) → \(fmt.plain(whatIf.to, decimals: 4)): \(verdict(lever)).\n"
            }
        }
        return out
    }
}
