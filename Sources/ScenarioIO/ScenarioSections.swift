import Allocation

/// The keys of each part of a scenario file (model.md §5), in the order documented there.
enum ScenarioKeys {
    static let top = ["name", "notes", "mode", "communes", "works", "weights", "rules", "sources", "baseline",
                      "criteria_total", "report"]
    /// Top-level keys of multi-year plans (docs/model.md §7).
    static let multiYearTop = ["periods", "discount_rate"]
    /// Keys of `report` (model.md §8.1).
    static let report = ["group_by"]
    static let source = ["id", "name", "kind", "scope", "budget", "capacity_column", "unit_value",
                         "max_share", "eligible", "cost", "carry_over"]
    /// Source keys that a `--set` may change (the scalars).
    static let sourceScalars = ["name", "kind", "scope", "budget", "capacity_column", "unit_value",
                                "max_share", "cost", "carry_over"]
    static let eligible = ["communes", "categories", "districts"]
    static let rules = ["max_state_share", "min_community_share", "counterpart_ratio", "priority_share_min",
                        "commune_floor", "commune_cap"]
    /// Rules that may be given per commune group.
    static let groupRules = ["max_state_share", "min_community_share"]
    static let groups = CommuneGroup.allCases.map(\.rawValue)
    static let weights = ["base", "especially_difficult", "border", "target", "criteria_gap",
                          "production_bonus", "production_categories", "category", "standard_bonus"]
    /// Weights that are single numbers.
    static let weightScalars = ["base", "especially_difficult", "border", "target", "criteria_gap",
                                "production_bonus", "standard_bonus"]
    static let baseline = ["coefficients", "default"]
    /// Keys of the shorthand form of `baseline.coefficients` (Decision 07 with these values).
    static let coefficients = ["fewer_than_15", "from_15_to_18", "at_standard"]
    /// Keys of one coefficient rule (model.md §8.3).
    static let coefficientRule = ["when", "value", "plus"]
    static let coefficientTerm = ["column", "times"]
    static let coefficientRange = ["min", "max"]
}

/// One item of `sources` as read: the source when it is valid, and its capacity column
/// (a column of communes.csv) when that much could be read, so that the column is checked
/// even when another part of the source is wrong.
struct DecodedSource {
    var source: FundingSource?
    /// The communes.csv column (header spelling) of a local source.
    var capacityColumn: String?
}

/// Rules as read, with where the keys that cross-checks talk about were written.
struct DecodedRules {
    var rules = Rules()
    var locations: [String: SourceLocation] = [:]
}

extension YAMLReader {
    // MARK: Weights

    /// A weights profile: the keys of model.md's weights table, nothing else.
    func weights(_ node: YAMLNode, _ path: String, name: String) -> WeightsProfile {
        var profile = WeightsProfile(name: name)
        guard let values = mapping(node, path, allowed: ScenarioKeys.weights) else { return profile }
        func scalar(_ key: String) -> Double? {
            values[key].flatMap { number($0, Self.path(path, key), range: .factor) }
        }
        if let value = scalar("base") { profile.base = value }
        if let value = scalar("especially_difficult") { profile.especiallyDifficult = value }
        if let value = scalar("border") { profile.border = value }
        if let value = scalar("target") { profile.target = value }
        if let value = scalar("criteria_gap") { profile.criteriaGap = value }
        if let value = scalar("production_bonus") { profile.productionBonus = value }
        if let value = scalar("standard_bonus") { profile.standardBonus = value }
        let categoriesPath = Self.path(path, "production_categories")
        if let node = values["production_categories"], let items = texts(node, categoriesPath) {
            profile.productionCategories = Set(items.map { $0.value.lowercased() })
        }
        let categoryPath = Self.path(path, "category")
        if let node = values["category"] {
            if case .mapping(let entries) = node.content {
                for entry in entries {
                    let entryPath = Self.path(categoryPath, entry.key)
                    if let value = number(entry.value, entryPath, range: .factor) {
                        profile.categoryMultipliers[entry.key.lowercased()] = value
                    }
                }
            } else if !node.isNull {
                report(node, categoryPath, "expected a mapping of category: multiplier, found \(node.kindName)")
            }
        }
        return profile
    }

    // MARK: Rules

    func rules(_ node: YAMLNode, _ path: String) -> DecodedRules {
        var decoded = DecodedRules()
        guard let values = mapping(node, path, allowed: ScenarioKeys.rules) else { return decoded }
        for (key, value) in values { decoded.locations[key] = document.location(value, Self.path(path, key)) }
        func share(_ key: String) -> Double? {
            values[key].flatMap { number($0, Self.path(path, key), .share, range: .share) }
        }
        if let node = values["max_state_share"] {
            decoded.rules.maxStateShare = groupShares(node, Self.path(path, "max_state_share"),
                                                      default: decoded.rules.maxStateShare)
        }
        if let node = values["min_community_share"] {
            decoded.rules.minCommunityShare = groupShares(node, Self.path(path, "min_community_share"),
                                                          default: decoded.rules.minCommunityShare)
        }
        if let node = values["counterpart_ratio"],
           let value = number(node, Self.path(path, "counterpart_ratio"), .nonNegative, range: .ratio) {
            decoded.rules.counterpartRatio = value
        }
        if let value = share("priority_share_min") { decoded.rules.priorityShareMin = value }
        if let value = share("commune_floor") { decoded.rules.communeFloor = value }
        if let node = values["commune_cap"], !node.isNull {
            decoded.rules.communeCap = number(node, Self.path(path, "commune_cap"), .nonNegative, range: .money)
        }
        return decoded
    }

    /// A share for both groups (`0.8`) or per group (`{priority: 1.0, other: 0.8}`); a group
    /// left out keeps its default.
    private func groupShares(_ node: YAMLNode, _ path: String, default initial: GroupShares) -> GroupShares {
        var shares = initial
        if case .mapping = node.content {
            guard let values = mapping(node, path, allowed: ScenarioKeys.groups) else { return shares }
            if let value = values["priority"].flatMap({ number($0, Self.path(path, "priority"), .share, range: .share) }) {
                shares.priority = value
            }
            if let value = values["other"].flatMap({ number($0, Self.path(path, "other"), .share, range: .share) }) {
                shares.other = value
            }
        } else if let value = number(node, path, .share, range: .share) {
            shares = GroupShares(priority: value, other: value)
        }
        return shares
    }

    // MARK: Baseline

    /// `baseline` as read: the coefficients, and the further columns of communes.csv whose
    /// `plus` terms need a number in every row (checked against the table by the loader).
    struct DecodedBaseline {
        var coefficients = BaselineCoefficients()
        var numericColumns: [String] = []
    }

    /// `baseline: {coefficients: …, default: X}` (model.md §6, §8.3). `coefficients` is a list of
    /// rules, or the shorthand mapping `{fewer_than_15, from_15_to_18, at_standard}` that expands
    /// to Decision 07's list with those values. Columns are checked against `communes` (nil when
    /// communes.csv could not be read: the columns are then not checked).
    func baseline(_ node: YAMLNode, _ path: String, communes: CSVTable?) -> DecodedBaseline {
        var decoded = DecodedBaseline()
        guard let values = mapping(node, path, allowed: ScenarioKeys.baseline) else { return decoded }
        if let node = values["default"], let value = number(node, Self.path(path, "default"), .nonNegative, range: .factor) {
            decoded.coefficients.defaultValue = value
        }
        guard let node = values["coefficients"] else { return decoded }
        let inner = Self.path(path, "coefficients")
        switch node.content {
        case .mapping:
            guard let entries = mapping(node, inner, allowed: ScenarioKeys.coefficients) else { return decoded }
            func coefficient(_ key: String, _ fallback: Double) -> Double {
                entries[key].flatMap { number($0, Self.path(inner, key), .nonNegative, range: .factor) } ?? fallback
            }
            decoded.coefficients.rules = BaselineCoefficients.decision07(
                fewerThan15: coefficient("fewer_than_15", 5), from15To18: coefficient("from_15_to_18", 3),
                atStandard: coefficient("at_standard", 1)).rules
        case .sequence(let items):
            var rules: [CoefficientRule] = []
            for (index, item) in items.enumerated() {
                if let rule = coefficientRule(item, "\(inner)[\(index)]", communes: communes, decoded: &decoded) {
                    rules.append(rule)
                }
            }
            decoded.coefficients.rules = rules
        default:
            report(node, inner, "expected a list of rules, found \(node.kindName)",
                   hint: "- {when: {column: value}, value: X, plus: [{column: C, times: k}]}")
        }
        return decoded
    }

    /// The header spelling of a communes.csv column (a known column's lower-case name), or nil
    /// after reporting, at `node`, that the table has no such column; `rule` names the rule.
    private func communeColumn(_ name: String, _ node: YAMLNode, _ path: String, rule: String,
                               communes: CSVTable?) -> String? {
        guard let communes else { return name }
        guard let position = communes.column(name) else {
            report(node, path, "baseline rule \(rule) names column \(name), which communes.csv does not have",
                   hint: "columns: \(communes.header.filter { !$0.isEmpty }.joined(separator: ", "))")
            return nil
        }
        let header = communes.header[position]
        return CommuneTable.knownColumns.contains(header.lowercased()) ? header.lowercased() : header
    }

    /// One rule `{when: {…}, value: X, plus: [{column: C, times: k}]}`.
    private func coefficientRule(_ node: YAMLNode, _ path: String, communes: CSVTable?,
                                 decoded: inout DecodedBaseline) -> CoefficientRule? {
        guard let values = mapping(node, path, allowed: ScenarioKeys.coefficientRule) else { return nil }
        var valid = true
        let value = require(values, "value", in: node, path)
            .flatMap { number($0, Self.path(path, "value"), .nonNegative, range: .factor) }
        if value == nil { valid = false }

        var conditions: [CoefficientCondition] = []
        if let whenNode = values["when"] {
            let whenPath = Self.path(path, "when")
            if case .mapping(let entries) = whenNode.content {
                for entry in entries {
                    let conditionPath = Self.path(whenPath, entry.key)
                    guard let column = communeColumn(InputText.normalized(entry.key), entry.value, conditionPath,
                                                     rule: path, communes: communes),
                          let condition = coefficientCondition(entry.value, conditionPath, column: column)
                    else { valid = false; continue }
                    conditions.append(condition)
                }
            } else if !whenNode.isNull {
                report(whenNode, whenPath, "expected a mapping of column: condition, found \(whenNode.kindName)",
                       hint: "e.g. when: {region: 3} or when: {criteria_met: {max: 14}}")
                valid = false
            }
        }

        var terms: [CoefficientTerm] = []
        if let plusNode = values["plus"], let items = list(plusNode, Self.path(path, "plus")) {
            for item in items {
                guard let term = mapping(item.node, item.path, allowed: ScenarioKeys.coefficientTerm) else {
                    valid = false
                    continue
                }
                let times = term["times"].map { number($0, Self.path(item.path, "times"), .nonNegative, range: .factor) } ?? 1
                let columnPath = Self.path(item.path, "column")
                guard let columnNode = require(term, "column", in: item.node, item.path),
                      let name = text(columnNode, columnPath),
                      let column = communeColumn(name, columnNode, columnPath, rule: path, communes: communes),
                      let times
                else { valid = false; continue }
                if CommuneTable.knownColumns.contains(column) {
                    guard ["population", "criteria_met"].contains(column) else {
                        report(columnNode, columnPath, "\(column) is not a numeric column",
                               hint: "a plus term adds times × a number of the commune, e.g. dbkk_villages")
                        valid = false
                        continue
                    }
                } else if !decoded.numericColumns.contains(column) {
                    decoded.numericColumns.append(column)
                }
                terms.append(CoefficientTerm(column: column, times: times))
            }
        }
        guard valid, let value else { return nil }
        return CoefficientRule(when: conditions, value: value, plus: terms)
    }

    /// `column: value`, `column: [v1, v2]` or `column: {min: a, max: b}`. A known column's values
    /// must be of its kind (a boolean, a status, a whole number); a range needs a numeric column.
    private func coefficientCondition(_ node: YAMLNode, _ path: String, column: String) -> CoefficientCondition? {
        let booleans = ["especially_difficult", "border"], numbers = ["population", "criteria_met"]
        let textColumns = ["code", "name", "district", "status"]
        if case .mapping = node.content {
            guard let bounds = mapping(node, path, allowed: ScenarioKeys.coefficientRange) else { return nil }
            if booleans.contains(column) || textColumns.contains(column) {
                report(node, path, "\(column) is not a numeric column: min/max do not apply",
                       hint: "write \(column): value or \(column): [v1, v2]")
                return nil
            }
            let lowNode = bounds["min"], highNode = bounds["max"]
            if lowNode == nil && highNode == nil {
                report(node, path, "a range needs min, max or both", hint: "e.g. {min: 15} or {min: 1, max: 3}")
                return nil
            }
            let low = lowNode.flatMap { number($0, Self.path(path, "min")) }
            let high = highNode.flatMap { number($0, Self.path(path, "max")) }
            if (lowNode != nil && low == nil) || (highNode != nil && high == nil) { return nil }  // reported
            if let low, let high, low > high {
                report(node, path, "min \(InputText.shown(lowNode?.text ?? "")) is above max \(InputText.shown(highNode?.text ?? ""))")
                return nil
            }
            return CoefficientCondition(column: column, min: low, max: high)
        }
        guard let items = texts(node, path) else { return nil }
        var valid = !items.isEmpty
        if items.isEmpty { report(node, path, "the list of values is empty") }
        for item in items {
            if booleans.contains(column), InputText.boolean(item.value) == nil {
                report(item.node, item.path, "\(InputText.quoted(item.value)) is not a boolean", hint: "write 1, 0, true or false")
                valid = false
            } else if column == "status", CommuneStatus(rawValue: item.value.lowercased()) == nil {
                report(item.node, item.path, "unknown status \(InputText.quoted(item.value))",
                       hint: "one of none, target, standard, advanced, model")
                valid = false
            } else if numbers.contains(column), InputText.number(item.value) == nil {
                report(item.node, item.path, "\(InputText.quoted(item.value)) is not a number")
                valid = false
            }
        }
        return valid ? CoefficientCondition(column: column, anyOf: items.map(\.value)) : nil
    }

    // MARK: Report and criteria

    /// A whole number within `range` (`meaning` says what it counts, for the hint).
    func wholeNumber(_ node: YAMLNode, _ path: String, in range: ClosedRange<Int>, meaning: String) -> Int? {
        guard let raw = node.text else {
            report(node, path, "expected a whole number, found \(node.kindName)")
            return nil
        }
        guard let value = InputText.integer(raw) else {
            report(node, path, "\(InputText.quoted(raw)) is not a whole number", hint: meaning)
            return nil
        }
        guard range.contains(value) else {
            report(node, path, "\(InputText.shown(raw)) is out of range \(range.lowerBound) to \(range.upperBound)",
                   hint: meaning)
            return nil
        }
        return value
    }

    /// `report: {group_by: COLUMN}` (model.md §8.1): the header spelling of a further column of
    /// communes.csv that reports group by when there is no district column.
    func reportGroupBy(_ node: YAMLNode, _ path: String, communes: CSVTable?) -> String? {
        guard let values = mapping(node, path, allowed: ScenarioKeys.report),
              let columnNode = values["group_by"] else { return nil }
        let columnPath = Self.path(path, "group_by")
        guard let name = text(columnNode, columnPath) else { return nil }
        guard let communes else { return name }
        guard let position = communes.column(name) else {
            report(columnNode, columnPath, "communes.csv has no column \(name)",
                   hint: "name a column of communes.csv, e.g. former_district")
            return nil
        }
        let header = communes.header[position]
        if CommuneTable.knownColumns.contains(header.lowercased()) {
            report(columnNode, columnPath, "\(header) is a column model.md defines, not a grouping column",
                   hint: header.lowercased() == "district" ? "reports group by district by themselves"
                                                           : "add a separate column, e.g. former_district")
            return nil
        }
        return header
    }

    // MARK: Sources

    /// What the source checks need from communes.csv (nil when it could not be read).
    struct CommuneFacts {
        var table: CSVTable
        var districts: Set<String>
        /// Whether communes.csv has a `district` column (model.md §8.1).
        var hasDistricts = true
    }

    /// The sources list; each source is checked on its own and against communes.csv,
    /// and ids must be unique (a repeated id is reported at its second use).
    /// Budgets and `carry_over` are read against `periods` (docs/model.md §7.1).
    func sources(_ node: YAMLNode, _ path: String, communes: CommuneFacts?,
                 periods: PeriodSetting = .none) -> [DecodedSource] {
        guard let items = list(node, path) else { return [] }
        if items.isEmpty { report(node, path, "the scenario has no funding sources") }
        var decoded: [DecodedSource] = []
        var firstLine: [String: Int?] = [:]
        for item in items {
            var source = source(item.node, item.path, communes: communes, periods: periods)
            if let idNode = item.node["id"], let id = idNode.text.map(InputText.normalized), !id.isEmpty {
                if let first = firstLine[id] {
                    report(idNode, Self.path(item.path, "id"), "duplicate source id \(id)",
                           hint: first.map { "first at line \($0)" })
                    source.source = nil
                } else {
                    firstLine[id] = idNode.line
                }
            }
            decoded.append(source)
        }
        return decoded
    }

    private func source(_ node: YAMLNode, _ path: String, communes: CommuneFacts?,
                        periods: PeriodSetting) -> DecodedSource {
        var decoded = DecodedSource()
        guard let values = mapping(node, path, allowed: ScenarioKeys.source) else { return decoded }
        func at(_ key: String) -> String { Self.path(path, key) }
        let id = require(values, "id", in: node, path).flatMap { text($0, at("id")) }
        let name = values["name"].flatMap { text($0, at("name")) }
        let kind = require(values, "kind", in: node, path).flatMap { keyword($0, at("kind"), "kind", as: SourceKind.self) }
        let scopeNode = require(values, "scope", in: node, path)
        let scopeWord = scopeNode.flatMap { text($0, at("scope")) }?.lowercased()

        var scope: SourceScope?
        var budgetByPeriod: [Double]?
        var carryOver: Double? = 0
        switch scopeWord {
        case "pooled":
            for key in ["capacity_column", "unit_value"] {
                if let stray = values[key] { report(stray, at(key), "\(key) applies only to local sources") }
            }
            if let budgetNode = values["budget"] {
                if let budget = pooledBudget(budgetNode, at("budget"), periods: periods) {
                    // The total sums the periods in time order (a single period: that amount).
                    scope = .pooled(budget: budget.perPeriod ? budget.amounts.reduce(0, +) : budget.amounts[0])
                    if budget.perPeriod { budgetByPeriod = budget.amounts }
                }
            } else {
                log.report(document.location(node, at("budget")).withField(at("budget")),
                           "a pooled source needs a budget",
                       hint: periods.isDeclared ? "budget: {period: amount in million VND, …}" : "budget: amount in million VND")
            }
            if let node = values["carry_over"] { carryOver = self.carryOver(node, at("carry_over"), periods: periods) }
        case "local":
            if let stray = values["budget"] {
                report(stray, at("budget"), "budget applies only to pooled sources",
                       hint: "a local source's capacity comes from its capacity_column")
            }
            if let stray = values["carry_over"] {
                report(stray, at("carry_over"), "carry_over applies only to pooled sources",
                       hint: "a local source's capacity is the same every period and is never carried over")
            }
            let unitValue = values["unit_value"].map { number($0, at("unit_value"), .nonNegative, range: .factor) } ?? 1
            if let columnNode = values["capacity_column"] {
                if let column = text(columnNode, at("capacity_column")) {
                    scope = unitValue.map { .local(capacityColumn: column, unitValue: $0) }
                    if let communes {
                        if let position = communes.table.column(column) {
                            let header = communes.table.header[position]
                            if CommuneTable.knownColumns.contains(header.lowercased()) {
                                report(columnNode, at("capacity_column"),
                                       "\(header) is a column model.md defines, not a capacity column",
                                       hint: "add a separate numeric column")
                            } else {
                                scope = unitValue.map { .local(capacityColumn: header, unitValue: $0) }
                                decoded.capacityColumn = header
                            }
                        } else {
                            report(columnNode, at("capacity_column"),
                                   "communes.csv has no column \(column)",
                                   hint: "add a numeric column \(column) to communes.csv")
                        }
                    }
                }
            } else {
                log.report(document.location(node, at("capacity_column")).withField(at("capacity_column")),
                           "a local source needs a capacity_column",
                           hint: "name a numeric column of communes.csv")
            }
        case let other?:
            if let scopeNode {
                report(scopeNode, at("scope"), "unknown scope \(InputText.quoted(other))", hint: "one of pooled, local")
            }
        case nil:
            break
        }

        let maxShare = values["max_share"].map { number($0, at("max_share"), .positiveShare, range: .share) } ?? 1
        let cost = values["cost"].map { number($0, at("cost"), .nonNegative, range: .penalty) } ?? 0
        let eligibility = values["eligible"].map { eligible($0, at("eligible"), source: id, communes: communes) }
            ?? Eligibility()

        if let id, let kind, let scope, let maxShare, let cost, let eligibility, let carryOver {
            var source = FundingSource(id: id, name: name ?? id, kind: kind, scope: scope, maxShare: maxShare,
                                       eligibility: eligibility, cost: cost)
            source.budgetByPeriod = budgetByPeriod
            source.carryOver = carryOver
            decoded.source = source
        }
        return decoded
    }

    /// `eligible` of the source `source` (its id, when readable, for messages).
    private func eligible(_ node: YAMLNode, _ path: String, source: String?, communes: CommuneFacts?) -> Eligibility? {
        guard let values = mapping(node, path, allowed: ScenarioKeys.eligible) else { return nil }
        var eligibility = Eligibility()
        var valid = true
        if let node = values["communes"], let items = texts(node, Self.path(path, "communes")) {
            var selectors: [CommuneSelector] = []
            for item in items {
                if let selector = keyword(item.node, item.path, "commune group", as: CommuneSelector.self) {
                    selectors.append(selector)
                } else {
                    valid = false
                }
            }
            eligibility.communes = selectors
        }
        if let node = values["categories"], let items = texts(node, Self.path(path, "categories")) {
            eligibility.categories = Set(items.map { $0.value.lowercased() })
        }
        if let node = values["districts"], communes?.hasDistricts == false {
            report(node, Self.path(path, "districts"),
                   "source \(source ?? path) is limited to districts, but communes.csv has no district column",
                   hint: "since 1 July 2025 provinces have no districts: remove eligible.districts, "
                       + "or add a district column to communes.csv")
            valid = false
        } else if let node = values["districts"], let items = texts(node, Self.path(path, "districts")) {
            if let known = communes?.districts {
                for item in items where !known.contains(item.value) {
                    report(item.node, item.path, "no commune of communes.csv is in district \(item.value)",
                           hint: "districts: \(known.sorted().joined(separator: ", "))")
                    valid = false
                }
            }
            eligibility.districts = Set(items.map(\.value))
        }
        return valid ? eligibility : nil
    }
}
