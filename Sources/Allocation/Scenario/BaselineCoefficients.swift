/// The coefficients (hệ số) by which the status-quo baseline splits pooled money between communes
/// (docs/model.md §6, §8.3): a list of rules tried in order, the first whose conditions all hold
/// giving the coefficient, and a default for a commune no rule matches.
///
/// They are data rather than code because the rule changed with the period: Decision 07/2022/QĐ-TTg
/// for 2021–2025 (``decision07(fewerThan15:from15To18:atStandard:)``, the default) and a rule by
/// class of commune for 2026–2030 (region, border, especially difficult villages).
public struct BaselineCoefficients: Sendable, Hashable {
    /// The rules, tried in order; the first that matches wins.
    public var rules: [CoefficientRule]
    /// The coefficient of a commune that no rule matches (0 unless the scenario gives one).
    public var defaultValue: Double

    /// A list of rules and the default.
    public init(rules: [CoefficientRule], default defaultValue: Double = 0) {
        self.rules = rules
        self.defaultValue = defaultValue
    }

    /// Decision 07's rule, the default when a scenario gives none.
    public init() { self = Self.decision07() }

    /// Decision 07/2022/QĐ-TTg (2021–2025) as a rule list, in model.md §8.3's order: an especially
    /// difficult commune gets 0 (the ethnic-minority programme funds it), a commune at standard
    /// (status standard, advanced or model) `atStandard`, then ≤ 14 criteria met `fewerThan15`,
    /// ≥ 15 `from15To18`. The scenario file's shorthand mapping
    /// `{fewer_than_15, from_15_to_18, at_standard}` expands to this list with its values.
    public static func decision07(fewerThan15: Double = 5, from15To18: Double = 3, atStandard: Double = 1) -> Self {
        BaselineCoefficients(rules: [
            CoefficientRule(when: [CoefficientCondition(column: "especially_difficult", anyOf: ["1"])], value: 0),
            CoefficientRule(when: [CoefficientCondition(column: "status", anyOf: ["standard", "advanced", "model"])],
                            value: atStandard),
            CoefficientRule(when: [CoefficientCondition(column: "criteria_met", min: nil, max: 14)], value: fewerThan15),
            CoefficientRule(when: [CoefficientCondition(column: "criteria_met", min: 15, max: nil)], value: from15To18),
        ])
    }

    /// The index of the first rule that matches the commune, or nil when none does.
    public func matchingRule(for commune: Commune) -> Int? {
        rules.firstIndex { $0.matches(commune) }
    }

    /// The commune's coefficient: the first matching rule's value plus its `plus` terms, else the default.
    public func coefficient(of commune: Commune) -> Double {
        guard let index = matchingRule(for: commune) else { return defaultValue }
        return rules[index].coefficient(of: commune)
    }
}

/// One rule of ``BaselineCoefficients``: conditions on communes.csv columns, a value, and terms
/// that add a multiple of a numeric column (e.g. 1 per especially difficult village).
public struct CoefficientRule: Sendable, Hashable {
    /// Conditions that must all hold (none: the rule matches every commune).
    public var when: [CoefficientCondition]
    /// The coefficient before the `plus` terms.
    public var value: Double
    /// Terms added to the value.
    public var plus: [CoefficientTerm]

    /// A rule from its parts.
    public init(when: [CoefficientCondition], value: Double, plus: [CoefficientTerm] = []) {
        self.when = when
        self.value = value
        self.plus = plus
    }

    /// Whether every condition holds for the commune.
    public func matches(_ commune: Commune) -> Bool {
        when.allSatisfy { $0.holds(for: commune) }
    }

    /// value + Σ times × column, for a commune the rule matches (a missing number counts 0).
    public func coefficient(of commune: Commune) -> Double {
        plus.reduce(value) { $0 + $1.times * (commune.number(inColumn: $1.column) ?? 0) }
    }
}

/// A `plus` term of a coefficient rule: `times` × the commune's number in `column`.
public struct CoefficientTerm: Sendable, Hashable {
    /// A numeric column of communes.csv (header spelling, or a known column's lower-case name).
    public var column: String
    /// The multiplier k.
    public var times: Double

    /// A term from its parts.
    public init(column: String, times: Double) {
        self.column = column
        self.times = times
    }
}

/// A condition of a coefficient rule on one communes.csv column.
public struct CoefficientCondition: Sendable, Hashable {
    /// The test a condition applies to the commune's value in the column.
    public enum Test: Sendable, Hashable {
        /// The value equals one of these (as written, trimmed and NFC). Two values that both read as
        /// numbers compare as numbers, else two that both read as booleans (1/0/true/false) as
        /// booleans, else as text (`status` without regard to letter case).
        case anyOf([String])
        /// The value is a number within [min, max] (either end optional, both inclusive).
        case range(min: Double?, max: Double?)
    }

    /// The column: a known column's lower-case name (`code`, `name`, `district`, `population`,
    /// `especially_difficult`, `border`, `status`, `criteria_met`) or a further column's header
    /// spelling.
    public var column: String
    public var test: Test

    /// `column: value` or `column: [v1, v2]`.
    public init(column: String, anyOf values: [String]) {
        self.column = column
        self.test = .anyOf(values)
    }

    /// `column: {min: a, max: b}`.
    public init(column: String, min: Double?, max: Double?) {
        self.column = column
        self.test = .range(min: min, max: max)
    }

    /// Whether the commune's value in the column passes the test (a commune without a value fails).
    public func holds(for commune: Commune) -> Bool {
        guard let cell = commune.text(inColumn: column) else { return false }
        switch test {
        case .anyOf(let values):
            return values.contains { CellComparison.equal(cell, $0, ignoringCase: column == "status") }
        case .range(let min, let max):
            guard let number = CellComparison.number(cell) else { return false }
            return (min.map { number >= $0 } ?? true) && (max.map { number <= $0 } ?? true)
        }
    }
}

/// How a condition compares a commune's cell with a written value (model.md §1's input conventions).
enum CellComparison {
    /// A plain decimal number (digits, sign, point, exponent), finite; nil otherwise.
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `1`/`0`/`true`/`false` in any letter case; nil otherwise.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }

    /// Numbers numerically, else booleans as booleans, else text.
    static func equal(_ a: String, _ b: String, ignoringCase: Bool) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        if let x = boolean(a), let y = boolean(b) { return x == y }
        return ignoringCase ? a.lowercased() == b.lowercased() : a == b
    }
}

extension Commune {
    /// The commune's value in a communes.csv column as text: the known columns as the loader read
    /// them (booleans as `1`/`0`, status as its keyword), a further column from ``textColumns``
    /// (or ``numericColumns`` for a commune built in code); nil when it has none.
    public func text(inColumn column: String) -> String? {
        switch column {
        case "code": code
        case "name": name
        case "district": district
        case "population": String(population)
        case "especially_difficult": especiallyDifficult ? "1" : "0"
        case "border": border ? "1" : "0"
        case "status": status.rawValue
        case "criteria_met": String(criteriaMet)
        default: textColumns[column] ?? numericColumns[column].map { String($0) }
        }
    }

    /// The commune's number in a numeric column (`population`, `criteria_met` or a further column),
    /// nil when the value is not a number.
    public func number(inColumn column: String) -> Double? {
        switch column {
        case "population": Double(population)
        case "criteria_met": Double(criteriaMet)
        default: numericColumns[column] ?? textColumns[column].flatMap(CellComparison.number)
        }
    }
}
