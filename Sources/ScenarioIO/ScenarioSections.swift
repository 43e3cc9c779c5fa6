import Allocation

/// The keys of each part of a scenario file (model.md §5), in the order documented there.
enum ScenarioKeys {
    static let top = ["name", "notes", "mode", "communes", "works", "weights", "rules", "sources", "baseline"]
    static let source = ["id", "name", "kind", "scope", "budget", "capacity_column", "unit_value",
                         "max_share", "eligible", "cost"]
    /// Source keys that a `--set` may change (the scalars).
    static let sourceScalars = ["name", "kind", "scope", "budget", "capacity_column", "unit_value",
                                "max_share", "cost"]
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
    static let baseline = ["coefficients"]
    static let coefficients = ["fewer_than_15", "from_15_to_18", "at_standard"]
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

    func baseline(_ node: YAMLNode, _ path: String) -> BaselineCoefficients {
        var coefficients = BaselineCoefficients()
        guard let values = mapping(node, path, allowed: ScenarioKeys.baseline),
              let node = values["coefficients"] else { return coefficients }
        let inner = Self.path(path, "coefficients")
        guard let entries = mapping(node, inner, allowed: ScenarioKeys.coefficients) else { return coefficients }
        func coefficient(_ key: String) -> Double? {
            entries[key].flatMap { number($0, Self.path(inner, key), .nonNegative) }
        }
        if let value = coefficient("fewer_than_15") { coefficients.fewerThan15 = value }
        if let value = coefficient("from_15_to_18") { coefficients.from15To18 = value }
        if let value = coefficient("at_standard") { coefficients.atStandard = value }
        return coefficients
    }

    // MARK: Sources

    /// What the source checks need from communes.csv (nil when it could not be read).
    struct CommuneFacts {
        var table: CSVTable
        var districts: Set<String>
    }

    /// The sources list; each source is checked on its own and against communes.csv,
    /// and ids must be unique (a repeated id is reported at its second use).
    func sources(_ node: YAMLNode, _ path: String, communes: CommuneFacts?) -> [DecodedSource] {
        guard let items = list(node, path) else { return [] }
        if items.isEmpty { report(node, path, "the scenario has no funding sources") }
        var decoded: [DecodedSource] = []
        var firstLine: [String: Int?] = [:]
        for item in items {
            var source = source(item.node, item.path, communes: communes)
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

    private func source(_ node: YAMLNode, _ path: String, communes: CommuneFacts?) -> DecodedSource {
        var decoded = DecodedSource()
        guard let values = mapping(node, path, allowed: ScenarioKeys.source) else { return decoded }
        func at(_ key: String) -> String { Self.path(path, key) }
        let id = require(values, "id", in: node, path).flatMap { text($0, at("id")) }
        let name = values["name"].flatMap { text($0, at("name")) }
        let kind = require(values, "kind", in: node, path).flatMap { keyword($0, at("kind"), "kind", as: SourceKind.self) }
        let scopeNode = require(values, "scope", in: node, path)
        let scopeWord = scopeNode.flatMap { text($0, at("scope")) }?.lowercased()

        var scope: SourceScope?
        switch scopeWord {
        case "pooled":
            for key in ["capacity_column", "unit_value"] {
                if let stray = values[key] { report(stray, at(key), "\(key) applies only to local sources") }
            }
            if let budgetNode = values["budget"] {
                scope = number(budgetNode, at("budget"), .nonNegative, range: .money).map { .pooled(budget: $0) }
            } else {
                log.report(document.location(node, at("budget")).withField(at("budget")),
                           "a pooled source needs a budget", hint: "budget: amount in million VND")
            }
        case "local":
            if let stray = values["budget"] {
                report(stray, at("budget"), "budget applies only to pooled sources",
                       hint: "a local source's capacity comes from its capacity_column")
            }
            let unitValue = values["unit_value"].map { number($0, at("unit_value"), .nonNegative, range: .factor) } ?? 1
            if let columnNode = values["capacity_column"] {
                if let column = text(columnNode, at("capacity_column")) {
                    scope = unitValue.map { .local(capacityColumn: column, unitValue: $0) }
                    if let communes {
                        if let position = communes.table.column(column) {
                            let header = communes.table.header[position]
                            if CommuneTable.requiredColumns.contains(header.lowercased()) {
                                report(columnNode, at("capacity_column"),
                                       "\(header) is a required column of communes.csv, not a capacity column",
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
        let eligibility = values["eligible"].map { eligible($0, at("eligible"), communes: communes) } ?? Eligibility()

        if let id, let kind, let scope, let maxShare, let cost, let eligibility {
            decoded.source = FundingSource(id: id, name: name ?? id, kind: kind, scope: scope, maxShare: maxShare,
                                           eligibility: eligibility, cost: cost)
        }
        return decoded
    }

    private func eligible(_ node: YAMLNode, _ path: String, communes: CommuneFacts?) -> Eligibility? {
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
        if let node = values["districts"], let items = texts(node, Self.path(path, "districts")) {
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
