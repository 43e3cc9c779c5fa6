import Allocation

/// A command-line change to one scalar of a scenario (`--set key=value`).
///
/// Keys:
/// - `name`, `mode`, `discount_rate`, `criteria_total`;
/// - `sources.<id>.<field>` with field `name`, `kind`, `scope`, `budget`, `capacity_column`,
///   `unit_value`, `max_share`, `cost` or `carry_over` (the id may itself contain dots: the
///   field is the part after the last dot);
/// - `sources.<id>.budget.<label>`: one period's budget of a multi-year scenario (docs/model.md
///   §7.1); in such a scenario `sources.<id>.budget` alone is an error that asks for the period;
/// - `rules.<rule>`, and `rules.max_state_share.<group>` / `rules.min_community_share.<group>`
///   with group `priority` or `other`;
/// - `weights.<key>` (`production_categories` takes a comma-separated list) and
///   `weights.category.<category>`, applied to the weights profile wherever it comes from;
/// - `baseline.coefficients.<key>` with key `fewer_than_15`, `from_15_to_18` or `at_standard`:
///   Decision 07's coefficients in the shorthand form (refused when the scenario writes its
///   coefficients as a list of rules, whose values have no such names); `baseline.default`.
///
/// The value is put into the YAML tree before it is decoded, so it is checked exactly like a
/// value in the file; a problem with it is reported at file `--set`, field = the key.
public struct ScenarioOverride: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value` (split at the first `=`; the value may be empty, meaning null).
    /// Throws when there is no `=` or the key is not one of the forms above.
    public init(parsing text: String) throws(ScenarioLoadError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ScenarioLoadError(problems: [InputProblem(
                location: SourceLocation(file: SourceLocation.commandLine, field: text),
                message: "expected key=value", hint: "for example sources.ntm-central.budget=900000")])
        }
        key = InputText.normalized(String(text[..<equals]))
        value = InputText.normalized(String(text[text.index(after: equals)...]))
        guard OverrideTarget(key: key) != nil else {
            throw ScenarioLoadError(problems: [Self.unknownKey(key)])
        }
    }

    static func unknownKey(_ key: String) -> InputProblem {
        InputProblem(location: SourceLocation(file: SourceLocation.commandLine, field: key),
                     message: "unknown key \(key)",
                     hint: "name, mode, discount_rate, criteria_total, sources.<id>.<field>, sources.<id>.budget.<period>, "
                         + "rules.<rule>[.<group>], weights.<key>, "
                         + "weights.category.<category>, baseline.coefficients.<key>, baseline.default")
    }
}

/// What an override key designates.
enum OverrideTarget: Equatable {
    case top(String)
    case source(id: String, field: String)
    /// `sources.<id>.budget.<label>`: one period's budget.
    case periodBudget(id: String, label: String)
    case rule(String, group: String?)
    case weight(String)
    case categoryWeight(String)
    case baselineCoefficient(String)
    /// `baseline.default`: the coefficient of a commune no rule matches.
    case baselineDefault

    init?(key: String) {
        if key == "name" || key == "mode" || key == "discount_rate" || key == "criteria_total" {
            self = .top(key)
            return
        }
        if key.hasPrefix("sources.") {
            let rest = key.dropFirst("sources.".count)
            guard let dot = rest.lastIndex(of: ".") else { return nil }
            let id = String(rest[..<dot]), field = String(rest[rest.index(after: dot)...])
            if !id.isEmpty, ScenarioKeys.sourceScalars.contains(field) {
                self = .source(id: id, field: field)
                return
            }
            // `<id>.budget.<label>`: the id ends before the last `.budget.`.
            let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
            guard let budget = parts.lastIndex(of: "budget"), budget > 0, budget < parts.count - 1 else { return nil }
            let sourceID = parts[..<budget].joined(separator: "."), label = parts[(budget + 1)...].joined(separator: ".")
            guard !sourceID.isEmpty, !label.isEmpty else { return nil }
            self = .periodBudget(id: sourceID, label: label)
            return
        }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("rules", 2) where ScenarioKeys.rules.contains(parts[1]):
            self = .rule(parts[1], group: nil)
        case ("rules", 3) where ScenarioKeys.groupRules.contains(parts[1]) && ScenarioKeys.groups.contains(parts[2]):
            self = .rule(parts[1], group: parts[2])
        case ("weights", 2) where ScenarioKeys.weightScalars.contains(parts[1]) || parts[1] == "production_categories":
            self = .weight(parts[1])
        case ("weights", 3...) where parts[1] == "category":
            let category = parts.dropFirst(2).joined(separator: ".")
            guard !category.isEmpty else { return nil }
            self = .categoryWeight(category.lowercased())
        case ("baseline", 2) where parts[1] == "default":
            self = .baselineDefault
        case ("baseline", 3) where parts[1] == "coefficients" && ScenarioKeys.coefficients.contains(parts[2]):
            self = .baselineCoefficient(parts[2])
        default:
            return nil
        }
    }

    var isWeight: Bool {
        switch self {
        case .weight, .categoryWeight: true
        default: false
        }
    }
}

extension ScenarioOverride {
    /// The value as a YAML node marked as coming from this override.
    private var node: YAMLNode { YAMLNode.override(value, key: key) }

    /// Applies a non-weights override to the scenario's root mapping.
    func apply(_ target: OverrideTarget, to root: inout YAMLNode, log: ProblemLog) {
        guard case .mapping = root.content else { return }  // decoding reports the root
        switch target {
        case .top(let name):
            root.set(name, to: node)
        case .source(let id, let field):
            guard var sources = root["sources"], case .sequence(var items) = sources.content,
                  let position = items.firstIndex(where: { $0["id"]?.text.map(InputText.normalized) == id })
            else {
                log.report(SourceLocation(file: SourceLocation.commandLine, field: key),
                           "unknown key \(key): the scenario has no source with id \(id)")
                return
            }
            items[position].set(field, to: node)
            sources.content = .sequence(items)
            root.set("sources", to: sources)
        case .periodBudget(let id, let label):
            guard var sources = root["sources"], case .sequence(var items) = sources.content,
                  let position = items.firstIndex(where: { $0["id"]?.text.map(InputText.normalized) == id })
            else {
                log.report(SourceLocation(file: SourceLocation.commandLine, field: key),
                           "unknown key \(key): the scenario has no source with id \(id)")
                return
            }
            guard root["periods"] != nil else {
                log.report(SourceLocation(file: SourceLocation.commandLine, field: key),
                           "the scenario has no periods, so its budgets are not given per period",
                           hint: "set sources.\(id).budget=amount")
                return
            }
            // Into the budget mapping (made when absent); a plain-number budget in the file is
            // left for decoding to report at its line.
            var budget = items[position]["budget"] ?? YAMLNode(.mapping([]), overrideKey: key)
            if case .scalar(_, isNull: true) = budget.content { budget = YAMLNode(.mapping([]), overrideKey: key) }
            guard case .mapping = budget.content else { return }
            budget.set(label, to: node)
            items[position].set("budget", to: budget)
            sources.content = .sequence(items)
            root.set("sources", to: sources)
        case .rule(let rule, let group):
            var rules = root["rules"] ?? YAMLNode(.mapping([]), overrideKey: key)
            guard case .mapping = rules.content else { return }  // decoding reports it
            if let group {
                var shares = rules[rule] ?? YAMLNode(.mapping([]), overrideKey: key)
                if case .scalar(_, isNull: false) = shares.content {
                    // One number for both groups: keep it for the group not overridden.
                    let both = shares
                    shares = YAMLNode(.mapping(ScenarioKeys.groups.map {
                        YAMLEntry(key: $0, line: both.line, column: both.column, value: both)
                    }), line: both.line, column: both.column)
                } else if case .scalar = shares.content {
                    shares = YAMLNode(.mapping([]), overrideKey: key)
                }
                shares.set(group, to: node)
                rules.set(rule, to: shares)
            } else {
                rules.set(rule, to: node)
            }
            root.set("rules", to: rules)
        case .baselineCoefficient(let name):
            var baseline = root["baseline"] ?? YAMLNode(.mapping([]), overrideKey: key)
            var coefficients = baseline["coefficients"] ?? YAMLNode(.mapping([]), overrideKey: key)
            if case .sequence = coefficients.content {
                log.report(SourceLocation(file: SourceLocation.commandLine, field: key),
                           "\(key) applies to the shorthand form of baseline.coefficients, "
                               + "but this scenario writes them as a list of rules",
                           hint: "edit the rule's value in the scenario file, or copy it and change it there")
                return
            }
            coefficients.set(name, to: node)
            baseline.set("coefficients", to: coefficients)
            root.set("baseline", to: baseline)
        case .baselineDefault:
            var baseline = root["baseline"] ?? YAMLNode(.mapping([]), overrideKey: key)
            baseline.set("default", to: node)
            root.set("baseline", to: baseline)
        case .weight, .categoryWeight:
            return  // the loader applies these to the weights profile, wherever it comes from
        }
    }

    /// Applies a weights override to a weights mapping (inline, or a weights file's root).
    func applyWeight(_ target: OverrideTarget, to weights: inout YAMLNode) {
        guard case .mapping = weights.content else { return }
        switch target {
        case .weight("production_categories"):
            let items = value.split(separator: ",").map {
                YAMLNode(.scalar(InputText.normalized(String($0)), isNull: false), overrideKey: key)
            }
            weights.set("production_categories", to: YAMLNode(.sequence(items), overrideKey: key))
        case .weight(let name):
            weights.set(name, to: node)
        case .categoryWeight(let category):
            var categories = weights["category"] ?? YAMLNode(.mapping([]), overrideKey: key)
            if case .scalar(_, isNull: true) = categories.content {
                categories = YAMLNode(.mapping([]), overrideKey: key)
            }
            categories.set(category, to: node)
            weights.set("category", to: categories)
        default:
            return
        }
    }
}
