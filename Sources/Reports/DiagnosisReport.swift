import Allocation

/// The infeasibility diagnosis as text: which rules to relax, by their scenario keys, and how far.
public enum DiagnosisReport {
    public static func render(_ diagnosis: InfeasibilityDiagnosis, scenario: Scenario, language: ReportLanguage) -> String {
        let vi = language == .vi
        var out = vi ? "## Vì sao không có phương án khả thi\n\n" : "## Why no feasible plan exists\n\n"
        if !diagnosis.shortfalls.isEmpty {
            out += vi ? "Với mọi quy định khác giữ nguyên, \(diagnosis.shortfalls.count) xã không đạt mức tối thiểu (`rules.commune_floor`); tổng thiếu \(NumberFormat.grouped(diagnosis.totalShortfall, decimals: 1)) triệu đồng, ví dụ: "
                      : "With every other rule kept, \(diagnosis.shortfalls.count) communes cannot reach the floor (`rules.commune_floor`); total shortfall \(NumberFormat.grouped(diagnosis.totalShortfall, decimals: 1)) million VND, e.g. "
            out += diagnosis.shortfalls.prefix(5).map { "\(scenario.communes[$0.commune].name) (\(scenario.communes[$0.commune].code)) \(NumberFormat.grouped($0.amount, decimals: 1))" }
                .joined(separator: ", ") + ".\n\n"
        }
        out += vi ? "Quy định cần nới (mỗi dòng: nới riêng quy định đó, các quy định khác giữ nguyên):\n\n"
                  : "Rules to relax (each line: that rule alone, every other rule as it is):\n\n"
        for r in diagnosis.relaxations {
            let current = r.current.map { NumberFormat.plain($0, decimals: 4) } ?? "–"
            out += "- `\(r.key)`"
            if r.sufficient, let needed = r.needed {
                out += vi ? ": hiện \(current) → cần \(NumberFormat.plain(needed, decimals: 4)) (hoặc lỏng hơn) là đủ."
                          : ": now \(current) → \(NumberFormat.plain(needed, decimals: 4)) (or looser) is enough."
            } else if r.parameter == nil {
                out += vi ? ": khả năng huy động tại các xã này đã dùng hết." : ": the local capacity is exhausted in these communes."
            } else {
                out += vi ? ": hiện \(current); nới riêng quy định này không đủ." : ": now \(current); relaxing it alone is not enough."
            }
            if !r.items.isEmpty {
                let items = r.items.prefix(8).map { item in item.amount.map { "\(item.label) \(NumberFormat.grouped($0, decimals: 1))" } ?? item.label }
                out += (vi ? " Liên quan: " : " Concerns: ") + items.joined(separator: "; ") + (r.items.count > 8 ? "; …" : "") + "."
            }
            out += "\n"
        }
        if diagnosis.stoppedByTimeLimit {
            out += vi ? "\n> Việc chẩn đoán dừng do hết thời gian (`--time-limit`): các quy định chưa liệt kê chưa được kiểm tra; giá trị \"cần\" là đủ nhưng có thể lỏng hơn mức tối thiểu.\n"
                      : "\n> The diagnosis stopped at the time limit (`--time-limit`): rules not listed were not checked; a value shown as enough is enough but may be looser than necessary.\n"
        }
        return out
    }
}

/// The comparison of the optimum with the status-quo baseline, for `report.md` and the terminal.
public enum BaselineSection {
    public static func render(optimum: AllocationPlan, baseline: StatusQuoBaseline, language: ReportLanguage) -> String {
        let vi = language == .vi
        let b = baseline.plan, o = optimum
        var out = vi ? "## So với cách phân bổ hiện hành (hệ số theo QĐ 07/2022/QĐ-TTg)\n\n" : "## Against the status quo (Decision 07/2022/QĐ-TTg coefficients)\n\n"
        out += vi ? "| | Hiện hành | Tối ưu | Chênh lệch |\n|---|---:|---:|---:|\n" : "| | Status quo | Optimum | Gain |\n|---|---:|---:|---:|\n"
        func row(_ label: String, _ base: Double, _ opt: Double, decimals: Int) {
            out += "| \(label) | \(NumberFormat.grouped(base, decimals: decimals)) | \(NumberFormat.grouped(opt, decimals: decimals)) | \(NumberFormat.grouped(opt - base, decimals: decimals)) |\n"
        }
        row(vi ? "Giá trị mục tiêu" : "Objective value", b.objective ?? 0, o.objective ?? 0, decimals: 1)
        row(vi ? "Vốn bố trí (tỷ đồng)" : "Funded (billion VND)", b.totals.funded / 1000, o.totals.funded / 1000, decimals: 2)
        row(vi ? "Công trình đủ vốn" : "Works fully funded", Double(b.totals.worksFullyFunded), Double(o.totals.worksFullyFunded), decimals: 0)
        row(vi ? "Xã phấn đấu đạt chuẩn đủ vốn" : "Target communes reaching the standard",
            Double(b.totals.targetCommunesReachingStandard), Double(o.totals.targetCommunesReachingStandard), decimals: 0)
        if baseline.violatedRules.isEmpty {
            out += vi ? "\nPhương án hiện hành đáp ứng mọi quy định của kịch bản.\n" : "\nThe status quo meets every rule of the scenario.\n"
        } else {
            let names = Labels.of(language).familyNames
            let list = baseline.violatedRules.sorted { $0.key < $1.key }.map { "\(names[$0.key.identifier] ?? $0.key.identifier) (\($0.value))" }
            out += (vi ? "\nPhương án hiện hành không đáp ứng: " : "\nThe status quo does not meet: ") + list.joined(separator: ", ") + ".\n"
        }
        return out
    }
}
