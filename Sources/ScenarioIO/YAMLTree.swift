/// A YAML document as a small tree of string keys and scalars that remembers, for every
/// node, the editor line and column it came from — or the `--set` key that replaced it.
///
/// `YAMLComposer` builds it from libYAML's events with 1-based marks (libYAML's 0-based
/// `yaml_mark_t` plus one, as Yams reports them). Keys compare as text (`1` and `"1"` are
/// the same key), which is what a scenario needs, and the tree can be edited by overrides
/// before decoding.
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

    /// Reads and composes `path` within `YAMLLimits`; a syntax error is reported at its line.
    static func read(_ path: String, log: ProblemLog, reportedAt location: SourceLocation? = nil) -> YAMLDocument? {
        guard let text = InputText.readFile(path, log: log, reportedAt: location,
                                            maximumBytes: YAMLLimits.maximumBytes, kind: "YAML file")
        else { return nil }
        guard let root = YAMLComposer.compose(text, file: path, log: log) else { return nil }
        return YAMLDocument(file: path, root: root)
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
}
