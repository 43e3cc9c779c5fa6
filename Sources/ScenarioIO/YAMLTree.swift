import Yams

/// A YAML document as a small tree of string keys and scalars that remembers, for every
/// node, the editor line and column it came from — or the `--set` key that replaced it.
///
/// Yams' `Node` (from `Yams.compose`) carries the marks, 1-based (`Parser` adds 1 to
/// libYAML's 0-based `yaml_mark_t`). Its mapping lookups compare resolved tags, so `1` and
/// `"1"` differ as keys; this tree compares keys as text, which is what a scenario needs,
/// and it can be edited by overrides before decoding.
struct YAMLNode {
    enum Content {
        /// A scalar's text; `isNull` for `~`, `null` or nothing (plain, unquoted).
        case scalar(String, isNull: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    var content: Content
    var line: Int?
    var column: Int?
    /// The `--set` key that produced this node, if it came from the command line.
    var overrideKey: String?

    init(_ content: Content, line: Int? = nil, column: Int? = nil, overrideKey: String? = nil) {
        self.content = content
        self.line = line
        self.column = column
        self.overrideKey = overrideKey
    }

    /// The node of `key` in a mapping.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.last { $0.key == key }?.value
    }

    /// Sets (or adds) `key` in a mapping; does nothing to another kind of node.
    mutating func set(_ key: String, to value: YAMLNode) {
        guard case .mapping(var entries) = content else { return }
        if let position = entries.lastIndex(where: { $0.key == key }) {
            entries[position].value = value
        } else {
            entries.append(YAMLEntry(key: key, line: value.line, column: value.column, value: value))
        }
        content = .mapping(entries)
    }

    /// The scalar's text, if this is a non-null scalar.
    var text: String? {
        if case .scalar(let text, let isNull) = content, !isNull { return text }
        return nil
    }

    var isNull: Bool {
        if case .scalar(_, let isNull) = content { return isNull }
        return false
    }

    /// What kind of node this is, for messages.
    var kindName: String {
        switch content {
        case .scalar(_, let isNull): isNull ? "nothing" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// A scalar made from a `--set` value.
    static func override(_ value: String, key: String) -> YAMLNode {
        let isNull = ["", "~", "null"].contains(value.lowercased())
        return YAMLNode(.scalar(value, isNull: isNull), overrideKey: key)
    }
}

/// One `key: value` pair, with the position of the key.
struct YAMLEntry {
    var key: String
    var line: Int?
    var column: Int?
    var value: YAMLNode
}

/// A parsed YAML file: its root node and the file name problems are reported in.
struct YAMLDocument {
    let file: String
    var root: YAMLNode

    /// Reads and composes `path`; a syntax error is reported at Yams' mark.
    static func read(_ path: String, log: ProblemLog, reportedAt location: SourceLocation? = nil) -> YAMLDocument? {
        guard let text = InputText.readFile(path, log: log, reportedAt: location) else { return nil }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(error, file: path, log: log)
            return nil
        } catch {
            log.report(SourceLocation(file: path), "malformed YAML: \(error)")
            return nil
        }
        guard let node else {
            log.report(SourceLocation(file: path), "the file is empty")
            return nil
        }
        return YAMLDocument(file: path, root: convert(node, file: path, log: log))
    }

    /// Where `node` (at key path `path`) came from.
    func location(_ node: YAMLNode, _ path: String) -> SourceLocation {
        if let key = node.overrideKey { return SourceLocation(file: SourceLocation.commandLine, field: key) }
        return SourceLocation(file: file, line: node.line, column: node.column, field: path.isEmpty ? nil : path)
    }

    /// Where the key of `entry` (at key path `path`) is written.
    func location(_ entry: YAMLEntry, _ path: String) -> SourceLocation {
        if let key = entry.value.overrideKey { return SourceLocation(file: SourceLocation.commandLine, field: key) }
        return SourceLocation(file: file, line: entry.line, column: entry.column, field: path)
    }

    private static func convert(_ node: Node, file: String, log: ProblemLog) -> YAMLNode {
        let mark = node.mark
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, isNull: node.null != nil), line: mark?.line, column: mark?.column)
        case .sequence(let sequence):
            let items = sequence.map { convert($0, file: file, log: log) }
            return YAMLNode(.sequence(items), line: mark?.line, column: mark?.column)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    log.report(SourceLocation(file: file, line: key.mark?.line, column: key.mark?.column),
                               "a key must be a single value, not \(key.mapping != nil ? "a mapping" : "a list")")
                    continue
                }
                entries.append(YAMLEntry(key: InputText.normalized(scalar.string),
                                         line: key.mark?.line ?? value.mark?.line,
                                         column: key.mark?.column ?? value.mark?.column,
                                         value: convert(value, file: file, log: log)))
            }
            return YAMLNode(.mapping(entries), line: mark?.line, column: mark?.column)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one reads as nothing.
            return YAMLNode(.scalar("", isNull: true), line: mark?.line, column: mark?.column)
        }
    }

    private static func report(_ error: YamlError, file: String, log: ProblemLog) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            log.report(at(mark), "malformed YAML: \(message)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            log.report(at(context.mark), "duplicate key \(duplicates.joined(separator: ", "))",
                       hint: "each key may appear once in a mapping")
        case .reader(let problem, let offset, _, let yaml):
            let line = offset.map { yaml.prefix($0).reduce(1) { $0 + ($1.isNewline ? 1 : 0) } }
            log.report(SourceLocation(file: file, line: line), "malformed YAML: \(problem)")
        default:
            log.report(SourceLocation(file: file), "malformed YAML: \(error)")
        }
    }
}
