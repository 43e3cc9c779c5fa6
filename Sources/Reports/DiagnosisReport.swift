import Allocation

/// The infeasibility diagnosis as text: which rules to relax, by their scenario keys, and how far.
public enum DiagnosisReport {
    /// The diagnosis of an infeasible scenario, its communes named from `scenario`.
    public static func render(_ diagnosis: InfeasibilityDiagnosis, scenario: Scenario, language: ReportLanguage) -> String {
        render(PlanReport.DiagnosisSection(diagnosis, scenario: scenario), language: language)
    }

    /// The planner's sentence that opens an infeasible run: which rule cannot be met and by how
    /// much, then what would be enough on its own — "The commune floor of 90.0% cannot be met: 1
    /// commune falls short by 640.0 million VND in all (Xã Bình Minh (T02) 640.0). Enough on its own
    /// (any one): commune floor 55.0% or looser instead of 90.0% (rules.commune_floor); …". No
    /// solver codes: those stay at the end of the terminal text and in summary.json.
    public static func headline(_ diagnosis: PlanReport.DiagnosisSection, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let labels = Labels.of(language)
        let floor = diagnosis.relaxations.first { $0.parameter == .communeFloor }
        var out: String
        if !diagnosis.shortfalls.isEmpty {
            let n = diagnosis.shortfalls.count
            let total = fmt.grouped(diagnosis.totalShortfall, decimals: 1)
            let examples = diagnosis.shortfalls.prefix(3).map { "\($0.name) (\($0.code)) \(fmt.grouped($0.amount, decimals: 1))" }
                .joined(separator: ", ") + (n > 3 ? ", …" : "")
            let of = floor?.current.map { (vi ? " " : " of ") + fmt.percent($0) } ?? ""
            out = vi ? "Không đạt được \(labels.family(.communeFloor).lowercased())\(of): \(n) xã thiếu tổng cộng \(total) triệu đồng (\(examples))."
                     : "The \(labels.family(.communeFloor).lowercased())\(of) cannot be met: \(n) commune\(n == 1 ? " falls" : "s fall") short by \(total) million VND in all (\(examples))."
        } else {
            out = vi ? "Không có phương án nào đáp ứng mọi quy định của kịch bản."
                     : "No plan meets every rule of the scenario."
        }
        let enough = diagnosis.relaxations.filter { $0.sufficient == true }.map { enoughText($0, language: language) }
        if !enough.isEmpty {
            out += (vi ? " Chỉ cần một trong các cách sau: " : " Enough on its own (any one): ") + enough.joined(separator: "; ") + "."
        } else if diagnosis.stoppedByTimeLimit {
            out += vi ? " Việc chẩn đoán dừng do hết thời gian trước khi tìm được một quy định nới riêng là đủ."
                      : " The diagnosis stopped at the time limit before finding a rule that is enough on its own."
        } else if !diagnosis.relaxations.isEmpty {
            out += vi ? " Nới riêng một quy định nào cũng không đủ: cần nới nhiều quy định cùng lúc (xem bên dưới)."
                      : " No rule relaxed on its own is enough: several must give together (see below)."
        }
        return out
    }

    /// What would be enough, for one sufficient relaxation: the rule's new value against the
    /// current one, or for a local capacity how much more in all.
    static func enoughText(_ r: InfeasibilityDiagnosis.Relaxation, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let name = Labels.of(language).family(r.family).lowercased()
        guard let parameter = r.parameter else {
            let total = r.needed ?? r.items.reduce(0) { $0 + ($1.amount ?? 0) }
            return vi ? "\(name) thêm \(fmt.grouped(total, decimals: 1)) triệu đồng (\(r.key))"
                      : "\(name) raised by \(fmt.grouped(total, decimals: 1)) million VND in all (\(r.key))"
        }
        let looser = parameter.largerIsLooser ? (vi ? " trở lên" : " or more") : (vi ? " trở xuống" : " or less")
        let needed = r.needed.map { formatted(towardLooser($0, of: parameter), of: parameter, language: language) + looser } ?? (vi ? "nới" : "relaxed")
        let now = r.current.map { (vi ? " thay vì " : " instead of ") + formatted($0, of: parameter, language: language) } ?? ""
        return "\(name) \(needed)\(now) (\(r.key))"
    }

    /// The step each kind of value is shown to: 0.1 million, 0.001 of a ratio, 0.1 percentage point.
    static func step(of parameter: ScenarioParameter) -> Double {
        switch parameter {
        case .budget, .periodBudget, .communeCap: 0.1
        case .counterpartRatio, .maxShare, .maxStateShare, .minCommunityShare, .priorityShareMin, .communeFloor: 0.001
        }
    }

    /// A rule's value as a planner reads it: money grouped in million VND, shares in percent,
    /// the counterpart ratio as a ratio.
    static func formatted(_ v: Double, of parameter: ScenarioParameter, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        switch parameter {
        case .budget, .periodBudget, .communeCap:
            return fmt.grouped(v, decimals: 1) + (language == .vi ? " triệu đồng" : " million VND")
        case .counterpartRatio:
            return fmt.fixed(v, decimals: 3)
        case .maxShare, .maxStateShare, .minCommunityShare, .priorityShareMin, .communeFloor:
            return fmt.percent(v)
        }
    }

    /// A needed value (one proven enough) rounded toward looser to the shown step, so that the
    /// figure a planner types in is enough too (0.54999 of a floor is "54.9% or less", not 55.0%).
    static func towardLooser(_ v: Double, of parameter: ScenarioParameter) -> Double {
        let step = step(of: parameter)
        let units = v / step
        let nearest = units.rounded()
        let whole = abs(units - nearest) < 1e-9 ? nearest : (parameter.largerIsLooser ? units.rounded(.up) : units.rounded(.down))
        return whole * step
    }

    /// How many pooled budgets that are not enough alone the report lists one by one.
    static let shownQuietBudgets = 5

    /// The section "Why no feasible plan exists": the floor's shortfalls, then each rule to relax;
    /// with `headline`, the planner's sentence (``headline(_:language:)``) first, in bold (report.md,
    /// whose reader has not seen the terminal).
    public static func render(_ diagnosis: PlanReport.DiagnosisSection, language: ReportLanguage, headline withHeadline: Bool = false) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        var out = vi ? "## Vì sao không có phương án khả thi\n\n" : "## Why no feasible plan exists\n\n"
        if withHeadline { out += "**" + headline(diagnosis, language: language) + "**\n\n" }
        if !diagnosis.shortfalls.isEmpty {
            out += vi ? "Với mọi quy định khác giữ nguyên, \(diagnosis.shortfalls.count) xã không đạt mức tối thiểu (`rules.commune_floor`); tổng thiếu \(fmt.grouped(diagnosis.totalShortfall, decimals: 1)) triệu đồng, ví dụ: "
                      : "With every other rule kept, \(diagnosis.shortfalls.count) communes cannot reach the floor (`rules.commune_floor`); total shortfall \(fmt.grouped(diagnosis.totalShortfall, decimals: 1)) million VND, e.g. "
            out += diagnosis.shortfalls.prefix(5).map { "\($0.name) (\($0.code)) \(fmt.grouped($0.amount, decimals: 1))" }
                .joined(separator: ", ") + ".\n\n"
        }
        out += vi ? "Quy định cần nới (mỗi dòng: nới riêng quy định đó, các quy định khác giữ nguyên):\n\n"
                  : "Rules to relax (each line: that rule alone, every other rule as it is):\n\n"
        // Pooled budgets that are not enough alone and concern no listed item: the first few are
        // shown, the rest summed up in one line (a national scenario has a hundred district budgets;
        // every one of them is in summary.json's `infeasibility`).
        let quietBudgets = diagnosis.relaxations.indices.filter { i in
            let r = diagnosis.relaxations[i]
            switch r.parameter {
            case .budget?, .periodBudget?: return r.sufficient == false && r.items.isEmpty
            default: return false
            }
        }
        let folded = Set(quietBudgets.dropFirst(shownQuietBudgets))
        for (i, r) in diagnosis.relaxations.enumerated() where !folded.contains(i) {
            let current = r.current.flatMap { v in r.parameter.map { formatted(v, of: $0, language: language) } } ?? "–"
            out += "- `\(r.key)`"
            switch (r.sufficient, r.parameter) {
            case (true?, let parameter?):
                let looser = parameter.largerIsLooser ? (vi ? " trở lên" : " or more") : (vi ? " trở xuống" : " or less")
                let needed = r.needed.map { formatted(towardLooser($0, of: parameter), of: parameter, language: language) + looser } ?? "–"
                out += vi ? ": hiện \(current) → cần \(needed) là đủ."
                          : ": now \(current) → \(needed) is enough."
            case (true?, nil):
                let total = r.needed ?? r.items.reduce(0) { $0 + ($1.amount ?? 0) }
                out += vi ? ": chỉ cần nâng riêng khả năng huy động này là đủ: thêm ít nhất \(fmt.grouped(total, decimals: 1)) triệu đồng tổng cộng (một cách chia giữa các xã như sau)."
                          : ": raising this capacity alone is enough: at least \(fmt.grouped(total, decimals: 1)) million VND more in all (one way to split it between communes below)."
            case (false?, nil):
                out += vi ? ": khả năng huy động tại các xã này đã dùng hết; nâng riêng nó không đủ."
                          : ": the local capacity is exhausted in these communes; raising it alone is not enough."
            case (false?, _?):
                out += vi ? ": hiện \(current); nới riêng quy định này không đủ." : ": now \(current); relaxing it alone is not enough."
            case (nil, _):
                out += vi ? ": chưa kiểm tra được (lần giải lại dừng mà không có kết luận)."
                          : ": not tested (the re-solve stopped without a verdict)."
            }
            if !r.items.isEmpty {
                let items = r.items.prefix(8).map { item in item.amount.map { "\(item.label) \(fmt.grouped($0, decimals: 1))" } ?? item.label }
                let lead = r.parameter == nil && r.sufficient == true ? (vi ? " Cần thêm: " : " Needed: ") : (vi ? " Liên quan: " : " Concerns: ")
                out += lead + items.joined(separator: "; ") + (r.items.count > 8 ? "; …" : "") + "."
            }
            out += "\n"
        }
        if !folded.isEmpty {
            let keys = folded.sorted().prefix(3).map { "`\(diagnosis.relaxations[$0].key)`" }.joined(separator: ", ")
            out += vi ? "- \(folded.count) ngân sách chung khác (\(keys)\(folded.count > 3 ? ", …" : "")): nới riêng từng ngân sách không đủ (danh sách đầy đủ trong summary.json, mục `infeasibility`).\n"
                      : "- \(folded.count) other pooled budgets (\(keys)\(folded.count > 3 ? ", …" : "")): relaxing any one alone is not enough (all listed in summary.json, `infeasibility`).\n"
        }
        if diagnosis.stoppedByTimeLimit {
            out += vi ? "\n> Việc chẩn đoán dừng do hết thời gian (`--time-limit`): các quy định chưa liệt kê chưa được kiểm tra; giá trị \"cần\" là đủ nhưng có thể lỏng hơn mức tối thiểu.\n"
                      : "\n> The diagnosis stopped at the time limit (`--time-limit`): rules not listed were not checked; a value shown as enough is enough but may be looser than necessary.\n"
        }
        return out
    }
}

/// The comparison of the optimum with the status-quo baseline, for `report.md` and the terminal.
///
/// A baseline that breaks a rule the optimum must meet (model.md §6) is not a feasible plan and
/// may be worth more than the optimum: the section then says which rules it breaks and by how
/// much, and shows the difference with that warning, never as the optimizer "losing".
public enum BaselineSection {
    /// How the status quo splits money: Decision 07's coefficients (the default) or the
    /// scenario's own `baseline.coefficients` (e.g. the 2026–2030 rule).
    public static func coefficientsName(of scenario: Scenario, language: ReportLanguage) -> String {
        coefficientsName(scenario.baseline == BaselineCoefficients() ? .decision07 : .scenario, language: language)
    }

    /// The words for `coefficients`.
    public static func coefficientsName(_ coefficients: PlanReport.CoefficientsName, language: ReportLanguage) -> String {
        let vi = language == .vi
        return coefficients == .decision07
            ? (vi ? "hệ số theo QĐ 07/2022/QĐ-TTg" : "Decision 07/2022/QĐ-TTg coefficients")
            : (vi ? "hệ số của kịch bản (baseline.coefficients)" : "the scenario's coefficients (baseline.coefficients)")
    }

    /// The section "Against the status quo": the warning when it breaks rules, then the
    /// objective, money placed, works fully funded and target communes side by side.
    public static func render(_ comparison: PlanReport.BaselineComparison, coefficients: PlanReport.CoefficientsName,
                              language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let b = comparison.statusQuo, o = comparison.optimum
        let rule = coefficientsName(coefficients, language: language)
        var out = vi ? "## So với cách phân bổ hiện hành (\(rule))\n\n" : "## Against the status quo (\(rule))\n\n"
        if comparison.breaksRules {
            out += "> " + warning(comparison.breaches, language: language) + "\n\n"
        }
        let gainTitle = comparison.breaksRules ? (vi ? "Chênh lệch (xem lưu ý)" : "Difference (see the warning)") : (vi ? "Chênh lệch" : "Gain")
        out += vi ? "| | Hiện hành | Tối ưu | \(gainTitle) |\n|---|---:|---:|---:|\n" : "| | Status quo | Optimum | \(gainTitle) |\n|---|---:|---:|---:|\n"
        func row(_ label: String, _ base: Double, _ opt: Double, decimals: Int) {
            out += "| \(label) | \(fmt.grouped(base, decimals: decimals)) | \(fmt.grouped(opt, decimals: decimals)) | \(signed(opt - base, decimals: decimals, language: language)) |\n"
        }
        row(vi ? "Giá trị mục tiêu" : "Objective value", b.objective, o.objective, decimals: 1)
        row(vi ? "Vốn bố trí (tỷ đồng)" : "Funded (billion VND)", b.funded / 1000, o.funded / 1000, decimals: 2)
        row(vi ? "Công trình đủ vốn" : "Works fully funded", Double(b.worksFullyFunded), Double(o.worksFullyFunded), decimals: 0)
        row(vi ? "Xã phấn đấu đạt chuẩn đủ vốn" : "Target communes reaching the standard",
            Double(b.targetCommunesReachingStandard), Double(o.targetCommunesReachingStandard), decimals: 0)
        if !comparison.breaksRules {
            out += vi ? "\nPhương án hiện hành đáp ứng mọi quy định của kịch bản.\n" : "\nThe status quo meets every rule of the scenario.\n"
        }
        if let split = comparison.split { out += "\n" + splitText(split, language: language) + "\n" }
        return out
    }

    /// The gain split in words: better placement of the same money, and what the money the
    /// status quo leaves unplaced is worth, with the definition (a re-solve with the pooled
    /// budgets cut to what the status quo placed).
    public static func splitText(_ split: StatusQuoGainSplit, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let money = fmt.grouped(split.unplacedMoney / 1000, decimals: 2)
        guard let placement = split.betterPlacement, let unplaced = split.unplacedMoneyValue else {
            return vi ? "Không tách được phần chênh lệch: giải lại với đúng số vốn chung phương án hiện hành đã bố trí không cho lời giải tối ưu (không có lời giải vì một quy định cần nhiều vốn hơn, hoặc dừng do giới hạn thời gian)."
                      : "The gain cannot be split: the re-solve with only the pooled money the status quo placed did not end optimal (no solution, a rule needing more money; or it stopped at the time limit)."
        }
        return vi
            ? "Chênh lệch \(signed(split.total, decimals: 1, language: language)) gồm: bố trí tốt hơn cùng số vốn \(signed(placement, decimals: 1, language: language)); "
              + "vốn chung phương án hiện hành để lại chưa bố trí (\(money) tỷ đồng) \(signed(unplaced, decimals: 1, language: language)). "
              + "(Cách tính: giải lại bài toán tối ưu với ngân sách mỗi nguồn chung bằng đúng số phương án hiện hành đã bố trí; "
              + "phần bố trí tốt hơn = giá trị lời giải đó − giá trị hiện hành, phần vốn chưa bố trí = giá trị tối ưu − giá trị lời giải đó.)"
            : "The difference \(signed(split.total, decimals: 1, language: language)) splits into: better placement of the same money \(signed(placement, decimals: 1, language: language)); "
              + "the pooled money the status quo leaves unplaced (\(money) billion VND) \(signed(unplaced, decimals: 1, language: language)). "
              + "(Method: the optimum re-solved with each pooled budget cut to what the status quo placed from it; "
              + "better placement = that re-solve's value − the status quo's, unplaced money = the optimum's value − that re-solve's.)"
    }

    /// The terminal's line after a solve: the gain over the status quo and the counts that
    /// change, then the warning when the status quo breaks rules.
    public static func terminalLine(_ comparison: PlanReport.BaselineComparison, language: ReportLanguage) -> String {
        let gain = signed(comparison.gain, decimals: 1, language: language)
        let b = comparison.statusQuo, o = comparison.optimum
        var out = language == .vi
            ? "So với cách phân bổ hiện hành: giá trị \(gain), công trình đủ vốn \(b.worksFullyFunded) → \(o.worksFullyFunded), xã đạt chuẩn \(b.targetCommunesReachingStandard) → \(o.targetCommunesReachingStandard)\n"
            : "Against the status quo: value \(gain), works fully funded \(b.worksFullyFunded) → \(o.worksFullyFunded), target communes reaching the standard \(b.targetCommunesReachingStandard) → \(o.targetCommunesReachingStandard)\n"
        if let split = comparison.split { out += splitText(split, language: language) + "\n" }
        if comparison.breaksRules { out += warning(comparison.breaches, language: language) + "\n" }
        return out
    }

    /// The section of the status quo's own report (`ntm-alloc baseline`): how it splits the
    /// money, and the rules it does not meet.
    public static func statusQuoRun(_ run: PlanReport.StatusQuoRun, scenario: PlanReport.ScenarioInfo,
                                    language: ReportLanguage) -> String {
        let vi = language == .vi
        let rule = (vi ? "theo " : "by ") + coefficientsName(scenario.baselineCoefficients, language: language)
        let years = scenario.isMultiYear ? (vi ? " từng năm" : " year by year") : ""
        var section = vi ? "## Phương án hiện hành\n\nChia vốn chung\(years) \(rule), mỗi xã bố trí công trình theo giá trị/triệu giảm dần.\n"
                         : "## Status quo\n\nPooled money split\(years) \(rule); each commune funds its works by decreasing value per million.\n"
        if run.rulesNotMet.isEmpty {
            section += vi ? "\nĐáp ứng mọi quy định của kịch bản.\n" : "\nIt meets every rule of the scenario.\n"
        } else {
            section += (vi ? "\nKhông đáp ứng (đây không phải một phương án khả thi): " : "\nRules not met (so this is not a feasible plan): ")
                + run.breaches.map { describe($0, language: language) }.joined(separator: "; ") + ".\n"
        }
        return section
    }

    /// The warning for a baseline that breaks rules: which, by how much, and what the difference means.
    public static func warning(_ baseline: StatusQuoBaseline, language: ReportLanguage) -> String {
        warning(baseline.breaches, language: language)
    }

    /// The warning for a status quo that breaks `breaches`.
    public static func warning(_ breaches: [StatusQuoBaseline.RuleBreach], language: ReportLanguage) -> String {
        let vi = language == .vi
        let list = breaches.map { describe($0, language: language) }.joined(separator: "; ")
        return vi
            ? "Lưu ý: phương án hiện hành vi phạm quy định mà phương án tối ưu phải tuân thủ — \(list). Nó không phải một phương án khả thi, nên giá trị của nó không so sánh được: chênh lệch âm là cái giá của việc tuân thủ các quy định này, không phải phương án tối ưu kém hơn."
            : "Warning: the status quo breaks rules that the optimum must meet — \(list). It is not a feasible plan, so its value is not comparable: a negative difference is the price of meeting these rules, not the optimizer losing."
    }

    /// One broken rule in words: the rule, its key, and by how much it is missed.
    public static func describe(_ breach: StatusQuoBaseline.RuleBreach, language: ReportLanguage) -> String {
        let fmt = NumberFormat.Localized(language)
        let vi = language == .vi
        let name = Labels.of(language).family(breach.family)
        let key = "`\(breach.family.scenarioKey)`"
        let money = fmt.grouped(breach.shortfall, decimals: 1)
        switch breach.family {
        case .counterpart, .priorityShare:
            let achieved = breach.achieved.map(fmt.percent) ?? "–"
            let required = breach.required.map(fmt.percent) ?? "–"
            let what = breach.family == .counterpart
                ? (vi ? "ngân sách địa phương bằng \(achieved) vốn trung ương" : "local budget money is \(achieved) of central money")
                : (vi ? "xã ưu tiên nhận \(achieved) vốn nhà nước chung" : "priority communes get \(achieved) of pooled state money")
            return vi ? "\(name) (\(key)): \(what), quy định tối thiểu \(required) (thiếu \(money) triệu đồng)"
                      : "\(name) (\(key)): \(what) against the \(required) required (short by \(money) million VND)"
        case .communeFloor:
            let largest = fmt.grouped(breach.largestShortfall, decimals: 1)
            return vi ? "\(name) (\(key)): \(breach.rows) xã dưới mức tối thiểu, thiếu tổng cộng \(money) triệu đồng (nhiều nhất \(largest) ở một xã)"
                      : "\(name) (\(key)): \(breach.rows) commune\(breach.rows == 1 ? "" : "s") below the floor, short by \(money) million VND in all (at most \(largest) in one commune)"
        default:
            return vi ? "\(name) (\(key)): \(breach.rows) dòng, lệch tổng cộng \(money)"
                      : "\(name) (\(key)): \(breach.rows) rows, missed by \(money) in all"
        }
    }

    /// A difference with its sign ("+12.5", "-281,214.6", "0"; "+12,5", "-281.214,6" in Vietnamese).
    public static func signed(_ value: Double, decimals: Int, language: ReportLanguage = .en) -> String {
        let fmt = NumberFormat.Localized(language)
        let text = fmt.grouped(value, decimals: decimals)
        return value > 0 && !text.allSatisfy({ "0.,".contains($0) }) ? "+" + text : text
    }
}
