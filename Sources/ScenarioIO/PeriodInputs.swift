import Allocation

/// The `periods` of a scenario as read (docs/model.md §7.1), which every period-dependent input
/// is checked against: per-period budgets, `carry_over`, `discount_rate`, works' `duration`,
/// `start_from`, `finish_by` and communes' `standard_by`.
enum PeriodSetting: Equatable {
    /// No `periods` key: one period, and §1–§6 hold unchanged.
    case none
    /// The labels in time order, as written (a repeated label is reported and kept once).
    case labels([String])
    /// `periods` is present but could not be read (reported there): inputs that name a period
    /// are then not checked against it, so one mistake does not raise a problem on every row.
    case broken

    /// The most periods a scenario may have. A provincial plan has five (one programme phase is
    /// ten); a list of thousands is a mistake, and would multiply the model's size by as much.
    static let maximumCount = 50

    /// Whether the scenario has a `periods` key (readable or not).
    var isDeclared: Bool { self != .none }

    /// The index of `label`, or nil when it is not a period (or there are no labels).
    func index(of label: String) -> Int? {
        guard case .labels(let labels) = self else { return nil }
        return labels.firstIndex(of: label)
    }

    /// The labels (empty without readable periods).
    var labels: [String] {
        if case .labels(let labels) = self { return labels }
        return []
    }

    /// `2026, 2027, …, 2030` (at most eight shown), for hints.
    var listed: String {
        let all = labels
        let shown = all.count <= 8 ? all : Array(all.prefix(7)) + ["…", all[all.count - 1]]
        return shown.joined(separator: ", ")
    }
}

extension YAMLReader {
    // MARK: Periods

    /// `periods`: a non-empty list of unique labels (integers or texts, kept as written).
    func periods(_ node: YAMLNode, _ path: String) -> PeriodSetting {
        guard case .sequence(let items) = node.content else {
            report(node, path, "expected a list of period labels, found \(node.kindName)",
                   hint: "periods: [2026, 2027, 2028, 2029, 2030]; remove the key for a single-period plan")
            return .broken
        }
        if items.isEmpty {
            report(node, path, "periods is an empty list",
                   hint: "list the periods in time order, or remove the key for a single-period plan")
            return .broken
        }
        if items.count > PeriodSetting.maximumCount {
            report(node, path, "\(items.count) periods: at most \(PeriodSetting.maximumCount) are allowed",
                   hint: "a period is a year of the plan; a five-year plan has five")
            return .broken
        }
        var labels: [String] = []
        var firstLine: [String: Int?] = [:]
        var readable = true
        for (position, item) in items.enumerated() {
            let itemPath = "\(path)[\(position)]"
            guard let label = text(item, itemPath) else {
                readable = false
                continue
            }
            if let first = firstLine[label] {
                report(item, itemPath, "duplicate period \(InputText.shown(label))",
                       hint: first.map { "first at line \($0)" })
            } else {
                firstLine[label] = item.line
                labels.append(label)
            }
        }
        return readable ? .labels(labels) : .broken
    }

    /// `discount_rate`: a yearly rate in [0, 1] (0.03 for 3 %), only with `periods`.
    func discountRate(_ node: YAMLNode, _ path: String, periods: PeriodSetting) -> Double? {
        guard periods.isDeclared else {
            report(node, path, "discount_rate applies only to a scenario with periods",
                   hint: "add periods: [2026, 2027, …], or remove discount_rate (one period is never discounted)")
            return nil
        }
        // A rate above 1 (100 % a year) is a percentage written as a number: 3 for 0.03.
        if let raw = node.text, let value = InputText.number(raw), value < 0 || value > 1 {
            report(node, path, "\(InputText.shown(raw)) is not between 0 and 1",
                   hint: "a rate is a fraction a year: 0.03 for 3 %")
            return nil
        }
        return number(node, path, .share, range: .share)
    }

    // MARK: Per-period budgets

    /// A pooled source's budget: one amount without `periods`; with them, a mapping from period
    /// label to amount (a period not named has 0). Returns the budget of each period (one for a
    /// single-period scenario) and whether it was given per period, or nil after a problem.
    func pooledBudget(_ node: YAMLNode, _ path: String, periods: PeriodSetting) -> (amounts: [Double], perPeriod: Bool)? {
        switch (periods, node.content) {
        case (.none, .mapping):
            report(node, path, "budget is given per period but the scenario has no periods",
                   hint: "add periods: [...] to the scenario, or give one amount")
            return nil
        case (.none, _):
            return number(node, path, .nonNegative, range: .money).map { ([$0], false) }
        case (_, .mapping(let entries)):
            let labels = periods.labels
            var amounts = Array(repeating: 0.0, count: labels.count)
            var valid = true
            for entry in entries {
                let entryPath = Self.path(path, entry.key)
                let amount = number(entry.value, entryPath, .nonNegative, range: .money)
                guard case .labels = periods else { continue }
                guard let t = periods.index(of: InputText.normalized(entry.key)) else {
                    log.report(document.location(entry, entryPath),
                               "\(InputText.quoted(entry.key)) is not one of the scenario's periods",
                               hint: "periods: \(periods.listed)")
                    valid = false
                    continue
                }
                if let amount { amounts[t] = amount } else { valid = false }
            }
            guard valid, case .labels = periods else { return nil }
            return (amounts, true)
        default:
            let example = periods.labels.first ?? "2026"
            if let key = node.overrideKey {
                report(node, path, "the scenario has periods: \(key) must name the period",
                       hint: "\(key).\(example)=amount changes one period's budget")
            } else if node.isNull {
                report(node, path, "expected one amount per period, found nothing",
                       hint: "budget: {\(example): amount, …}")
            } else {
                report(node, path, "the scenario has periods: give one amount per period, not one number",
                       hint: "budget: {\(example): amount, …}; a period not named has 0")
            }
            return nil
        }
    }

    /// `carry_over`: the share of a period's budget that may be carried into the next, in [0, 1],
    /// for a pooled source of a scenario with periods.
    func carryOver(_ node: YAMLNode, _ path: String, periods: PeriodSetting) -> Double? {
        guard periods.isDeclared else {
            report(node, path, "carry_over applies only to a scenario with periods",
                   hint: "add periods: [2026, 2027, …], or remove carry_over (nothing is carried past the last period)")
            return nil
        }
        return number(node, path, .share, range: .share)
    }
}

// MARK: CSV columns

/// The optional multi-year columns of works.csv and communes.csv (docs/model.md §7.1).
enum PeriodColumns {
    static let work = ["duration", "start_from", "finish_by"]
    static let commune = ["standard_by"]
}

extension RowReader {
    /// The period named in `column` (nil when the column is absent or the field empty). A label
    /// that is not a period, or any label in a scenario without periods, is reported.
    func period(_ column: String, periods: PeriodSetting) -> (index: Int?, problem: Bool) {
        guard let value = text(column), !value.isEmpty else { return (nil, false) }
        switch periods {
        case .none:
            log.report(location(column), "\(column) names a period but the scenario has no periods",
                       hint: "add periods: [...] to the scenario, or leave \(column) empty")
            return (nil, true)
        case .broken:
            return (nil, true)
        case .labels:
            if let t = periods.index(of: value) { return (t, false) }
            log.report(location(column), "\(InputText.quoted(value)) is not one of the scenario's periods",
                       hint: "periods: \(periods.listed)")
            return (nil, true)
        }
    }

    /// Reads a work's `duration`, `start_from` and `finish_by` into `work`, and checks that it
    /// has a possible start: S_p = {t : start_from ≤ t and t + d − 1 ≤ finish_by} is not empty.
    /// Without periods only the trivial values are allowed (duration empty or 1, no labels).
    func readPeriods(of work: inout Work, periods: PeriodSetting) {
        var readable = true
        if let raw = text("duration"), !raw.isEmpty {
            if let duration = integer("duration", in: 1...Int.max, meaning: "a number of periods, 1 or more") {
                if duration != 1 && !periods.isDeclared {
                    log.report(location("duration"), "duration \(duration) needs periods in the scenario",
                               hint: "add periods: [...] to the scenario, or write 1")
                    readable = false
                } else {
                    work.duration = duration
                }
            } else {
                readable = false
            }
        }
        let start = period("start_from", periods: periods)
        let finish = period("finish_by", periods: periods)
        work.startFrom = start.index
        work.finishBy = finish.index
        guard readable, !start.problem, !finish.problem, case .labels(let labels) = periods else { return }
        let first = work.startFrom ?? 0, last = work.finishBy ?? labels.count - 1
        if first > last {
            log.report(location("start_from"), "start_from \(labels[first]) is after finish_by \(labels[last])")
        } else if work.duration > last - first + 1 {
            // Only a duration above 1 can fail here (first ≤ last), so the column is present.
            log.report(location("duration"),
                       "duration \(work.duration) does not fit between \(labels[first]) and \(labels[last])",
                       hint: "it needs \(work.duration) periods from start_from to finish_by; there "
                           + (last - first + 1 == 1 ? "is 1" : "are \(last - first + 1)"))
        }
    }
}
