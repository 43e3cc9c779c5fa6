/// Reads typed values out of a `YAMLDocument`, reporting each bad value at its node.
///
/// Key paths in problems read like `sources[2].eligible.communes[0]`; sequence indices
/// count from 0. A value that is wrong is reported and read as nil, so decoding goes on and
/// every problem of the file is found in one pass.
struct YAMLReader {
    let document: YAMLDocument
    let log: ProblemLog

    /// Limits a number must respect.
    enum Bound {
        case any
        case nonNegative
        /// In [0, 1].
        case share
        /// In (0, 1].
        case positiveShare
    }

    static func path(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    func report(_ node: YAMLNode, _ path: String, _ message: String, hint: String? = nil) {
        log.report(document.location(node, path), message, hint: hint)
    }

    /// The entries of a mapping by key; reports a node that is not a mapping and every key
    /// outside `allowed` (at the key's line).
    func mapping(_ node: YAMLNode, _ path: String, allowed: [String]) -> [String: YAMLNode]? {
        guard case .mapping(let entries) = node.content else {
            report(node, path, "expected a mapping of keys, found \(node.kindName)",
                   hint: "possible keys: \(allowed.joined(separator: ", "))")
            return nil
        }
        var values: [String: YAMLNode] = [:]
        for entry in entries {
            let entryPath = Self.path(path, entry.key)
            if allowed.contains(entry.key) {
                values[entry.key] = entry.value
            } else {
                log.report(document.location(entry, entryPath), "unknown key \(InputText.shown(entry.key))",
                           hint: "possible keys: \(allowed.joined(separator: ", "))")
            }
        }
        return values
    }

    /// A required key that is absent is reported at its mapping.
    func require(_ values: [String: YAMLNode], _ key: String, in node: YAMLNode, _ path: String) -> YAMLNode? {
        if let value = values[key] { return value }
        log.report(document.location(node, Self.path(path, key)).withField(Self.path(path, key)),
                   "missing key \(key)")
        return nil
    }

    /// A non-empty text value, trimmed and NFC.
    func text(_ node: YAMLNode, _ path: String) -> String? {
        guard let raw = node.text else {
            report(node, path, "expected a text value, found \(node.kindName)")
            return nil
        }
        let value = InputText.normalized(raw)
        if value.isEmpty { report(node, path, "\(path) is empty") }
        return value.isEmpty ? nil : value
    }

    /// A number within `bound`, and when `range` is given, zero or of a magnitude within it
    /// (``NumericRange``: what the solver represents faithfully).
    func number(_ node: YAMLNode, _ path: String, _ bound: Bound = .any, range: NumericRange? = nil) -> Double? {
        guard let value = boundedNumber(node, path, bound) else { return nil }
        if let range, let problem = range.problem(with: value, written: node.text ?? "\(value)",
                                                  zeroAllowed: bound != .positiveShare) {
            report(node, path, problem.message, hint: problem.hint)
            return nil
        }
        return value
    }

    private func boundedNumber(_ node: YAMLNode, _ path: String, _ bound: Bound) -> Double? {
        guard let raw = node.text else {
            report(node, path, "expected a number, found \(node.kindName)")
            return nil
        }
        guard let value = InputText.number(raw) else {
            report(node, path, "\(InputText.quoted(raw)) is not a number")
            return nil
        }
        switch bound {
        case .any:
            return value
        case .nonNegative where value < 0:
            report(node, path, "\(InputText.shown(raw)) is negative")
        case .share where value < 0 || value > 1:
            report(node, path, "\(InputText.shown(raw)) is not between 0 and 1", hint: "a share is written as a fraction, e.g. 0.8")
        case .positiveShare where value <= 0 || value > 1:
            report(node, path, "\(InputText.shown(raw)) is not in (0, 1]", hint: "a share greater than 0 and at most 1, e.g. 0.5")
        default:
            return value
        }
        return nil
    }

    /// The items of a list with their paths; a single value counts as a list of one.
    func list(_ node: YAMLNode, _ path: String) -> [(node: YAMLNode, path: String)]? {
        switch node.content {
        case .sequence(let items):
            return items.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        case .scalar(_, isNull: false):
            return [(node, path)]
        default:
            report(node, path, "expected a list, found \(node.kindName)")
            return nil
        }
    }

    /// A list of non-empty texts.
    func texts(_ node: YAMLNode, _ path: String) -> [(value: String, node: YAMLNode, path: String)]? {
        list(node, path).map { items in
            items.compactMap { item in text(item.node, item.path).map { ($0, item.node, item.path) } }
        }
    }

    /// A value of a keyword enumeration such as `SourceKind`.
    func keyword<Keyword: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ path: String, _ what: String, as type: Keyword.Type = Keyword.self
    ) -> Keyword? where Keyword.RawValue == String {
        guard let value = text(node, path) else { return nil }
        if let keyword = Keyword(rawValue: value.lowercased()) { return keyword }
        report(node, path, "unknown \(what) \(InputText.quoted(value))",
               hint: "one of \(Keyword.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }
}

extension SourceLocation {
    /// The same place, naming `field` (kept as is for a `--set` location).
    func withField(_ field: String) -> SourceLocation {
        var copy = self
        if file != Self.commandLine { copy.field = field }
        return copy
    }
}
