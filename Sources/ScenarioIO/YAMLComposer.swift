import CYaml

/// Limits that keep a hostile YAML file from exhausting memory or time.
///
/// A scenario file is a few kilobytes with four or five levels of nesting; the limits are
/// far above that and far below what could hurt. `Yams.compose` has none of them: aliases
/// (`*name`) are free to reference each other, so nine levels of nine ("billion laughs")
/// describe 9⁹ values in a few hundred bytes, and nothing bounds nesting or file size.
public enum YAMLLimits {
    /// The largest YAML file read (8 MiB); larger files are refused before they are read whole.
    public static let maximumBytes = 8 << 20
    /// The deepest nesting of lists and mappings (64 levels).
    public static let maximumDepth = 64
    /// How many values aliases may add to a document, counting every value inside the
    /// anchored node each time it is referenced (100,000).
    public static let maximumAliasedValues = 100_000
}

/// Builds a `YAMLNode` tree from libYAML's events, checking what `Yams.compose` does not.
///
/// Working on events (rather than on the tree `Yams.compose` returns) lets the reader:
/// - count what every alias adds and stop at `YAMLLimits.maximumAliasedValues`, before
///   anything is expanded (the tree itself shares anchored nodes, as Swift values do);
/// - stop at `YAMLLimits.maximumDepth` before the recursion goes deeper;
/// - report a duplicate key at the duplicate, not at its first occurrence;
/// - refuse tags it does not know (`budget: !money 1000`), which `compose` drops silently.
///
/// Lines and columns are libYAML's marks plus one, as `Yams` reports them.
struct YAMLComposer {
    /// A problem was reported that ends the reading of the document.
    private struct Stop: Error {}

    /// One libYAML event, copied out of C memory.
    private enum Event {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(anchor: String)
        case scalar(value: String, anchor: String?, tag: String?, plain: Bool)
        case sequenceStart(anchor: String?, tag: String?)
        case sequenceEnd
        case mappingStart(anchor: String?, tag: String?)
        case mappingEnd
    }

    private static let coreTagPrefix = "tag:yaml.org,2002:"

    let file: String
    let log: ProblemLog
    /// The document's UTF-8 bytes, for the line of a reader error.
    private let bytes: [UInt8]
    /// Anchored nodes with their size and height (levels of lists and mappings, 0 for a scalar).
    private var anchors: [String: Composed] = [:]
    private var aliasedValues = 0

    private init(file: String, log: ProblemLog, bytes: [UInt8]) {
        self.file = file
        self.log = log
        self.bytes = bytes
    }

    /// The root of the single document in `text`, or nil after reporting why there is none
    /// (a syntax error, a limit, an empty stream, or more than one document).
    static func compose(_ text: String, file: String, log: ProblemLog) -> YAMLNode? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }
        var composer = YAMLComposer(file: file, log: log, bytes: bytes)
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                log.report(SourceLocation(file: file), "cannot start the YAML reader (out of memory)")
                return nil
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            do {
                return try composer.stream(&parser)
            } catch {
                return nil
            }
        }
    }

    // MARK: - Structure

    private mutating func stream(_ parser: inout yaml_parser_t) throws(Stop) -> YAMLNode? {
        guard case .streamStart = try next(&parser).event else { return nil }
        let first = try next(&parser).event
        guard case .documentStart = first else {
            log.report(SourceLocation(file: file, line: 1), "the file is empty")
            return nil
        }
        let (event, line, column) = try next(&parser)
        let root = try node(event, line: line, column: column, path: "", depth: 0, parser: &parser).node
        _ = try next(&parser)  // document end
        let (after, afterLine, _) = try next(&parser)
        if case .documentStart = after {
            log.report(SourceLocation(file: file, line: afterLine), "the file holds more than one YAML document",
                       hint: "remove the second `---` and what follows it, or merge the documents")
            throw Stop()
        }
        return root
    }

    /// A composed node with its size (values counted with aliases expanded) and height.
    private typealias Composed = (node: YAMLNode, size: Int, height: Int)

    /// The node that `event` starts, with its size (values counted with aliases expanded).
    private mutating func node(_ event: Event, line: Int, column: Int, path: String, depth: Int,
                               parser: inout yaml_parser_t) throws(Stop) -> Composed {
        let at = SourceLocation(file: file, line: line, column: column, field: path.isEmpty ? nil : path)
        switch event {
        case .alias(let anchor):
            guard let target = anchors[anchor] else {
                log.report(at, "alias *\(anchor) refers to no anchor &\(anchor) before it")
                throw Stop()
            }
            // An alias nests its anchor's levels here: the depth limit holds through aliases.
            if depth + target.height > YAMLLimits.maximumDepth {
                log.report(at, "lists and mappings are nested more than \(YAMLLimits.maximumDepth) levels deep "
                               + "once alias *\(anchor) is expanded")
                throw Stop()
            }
            aliasedValues += target.size
            if aliasedValues > YAMLLimits.maximumAliasedValues {
                log.report(at, "aliases expand to more than \(InputProblem.grouped(YAMLLimits.maximumAliasedValues)) "
                               + "values, the limit for a scenario file",
                           hint: "write the values out, or refer to large anchors less often")
                throw Stop()
            }
            var node = target.node
            node.line = line
            node.column = column
            return (node, target.size, target.height)

        case .scalar(let value, let anchor, let tag, let plain):
            check(tag, allowed: ["str", "int", "float", "bool", "null"], at: at)
            let isNull = tag == Self.coreTagPrefix + "null"
                || (tag == nil && plain && ["", "~", "null", "Null", "NULL"].contains(value))
            let node = YAMLNode(.scalar(value, isNull: isNull), line: line, column: column)
            register(anchor, (node, 1, 0))
            return (node, 1, 0)

        case .sequenceStart(let anchor, let tag):
            check(tag, allowed: ["seq"], at: at)
            try checkDepth(depth, at: at)
            var items: [YAMLNode] = []
            var size = 1, height = 1
            while true {
                let (item, itemLine, itemColumn) = try next(&parser)
                if case .sequenceEnd = item { break }
                let child = try node(item, line: itemLine, column: itemColumn, path: "\(path)[\(items.count)]",
                                     depth: depth + 1, parser: &parser)
                items.append(child.node)
                size += child.size
                height = max(height, child.height + 1)
            }
            let node = YAMLNode(.sequence(items), line: line, column: column)
            register(anchor, (node, size, height))
            return (node, size, height)

        case .mappingStart(let anchor, let tag):
            check(tag, allowed: ["map"], at: at)
            try checkDepth(depth, at: at)
            var entries: [YAMLEntry] = []
            var keyLines: [String: Int] = [:]
            var size = 1, height = 1
            while true {
                let (keyEvent, keyLine, keyColumn) = try next(&parser)
                if case .mappingEnd = keyEvent { break }
                let key = try node(keyEvent, line: keyLine, column: keyColumn, path: path, depth: depth + 1,
                                   parser: &parser)
                // A key is compared as written: `null: 1` has the key "null", not an empty one.
                var keyText = ""
                if case .scalar(let text, _) = key.node.content { keyText = InputText.normalized(text) }
                let valuePath = YAMLReader.path(path, keyText)
                let (valueEvent, valueLine, valueColumn) = try next(&parser)
                let value = try node(valueEvent, line: valueLine, column: valueColumn, path: valuePath,
                                     depth: depth + 1, parser: &parser)
                size += key.size + value.size
                height = max(height, key.height + 1, value.height + 1)
                let keyAt = SourceLocation(file: file, line: keyLine, column: keyColumn, field: valuePath)
                switch key.node.content {
                case .sequence, .mapping:
                    log.report(keyAt.withField(path), "a key must be a single value, not \(key.node.kindName)")
                    continue
                case .scalar:
                    break
                }
                if let first = keyLines[keyText] {
                    log.report(keyAt, "duplicate key \(keyText.isEmpty ? "(empty)" : keyText)",
                               hint: "first at line \(first); each key may appear once in a mapping")
                    continue
                }
                keyLines[keyText] = keyLine
                entries.append(YAMLEntry(key: keyText, line: keyLine, column: keyColumn, value: value.node))
            }
            let node = YAMLNode(.mapping(entries), line: line, column: column)
            register(anchor, (node, size, height))
            return (node, size, height)

        case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
            log.report(at, "malformed YAML: unexpected structure")
            throw Stop()
        }
    }

    private mutating func register(_ anchor: String?, _ composed: Composed) {
        if let anchor { anchors[anchor] = composed }
    }

    /// Reports a tag other than `!` (plain text) and the core tags in `allowed` (`!!str` …).
    /// Not fatal: the value itself is still read and checked.
    private func check(_ tag: String?, allowed: [String], at location: SourceLocation) {
        guard let tag, tag != "!" else { return }
        if tag.hasPrefix(Self.coreTagPrefix), allowed.contains(String(tag.dropFirst(Self.coreTagPrefix.count))) {
            return
        }
        let shown = tag.hasPrefix(Self.coreTagPrefix) ? "!!" + tag.dropFirst(Self.coreTagPrefix.count) : tag
        log.report(location, "unknown YAML tag \(shown)",
                   hint: "remove the tag and write the value alone, e.g. budget: 1000")
    }

    private func checkDepth(_ depth: Int, at location: SourceLocation) throws(Stop) {
        guard depth >= YAMLLimits.maximumDepth else { return }
        log.report(location, "lists and mappings are nested more than \(YAMLLimits.maximumDepth) levels deep",
                   hint: "a scenario needs five levels at most")
        throw Stop()
    }

    // MARK: - Events

    /// The next event with its 1-based line and column; a libYAML error is reported and stops.
    private func next(_ parser: inout yaml_parser_t) throws(Stop) -> (event: Event, line: Int, column: Int) {
        var raw = yaml_event_t()
        guard yaml_parser_parse(&parser, &raw) == 1 else {
            reportError(parser)
            throw Stop()
        }
        defer { yaml_event_delete(&raw) }
        let line = Int(raw.start_mark.line) + 1
        let column = Int(raw.start_mark.column) + 1
        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
        let event: Event
        switch raw.type {
        case YAML_STREAM_START_EVENT: event = .streamStart
        case YAML_STREAM_END_EVENT: event = .streamEnd
        case YAML_DOCUMENT_START_EVENT: event = .documentStart
        case YAML_DOCUMENT_END_EVENT: event = .documentEnd
        case YAML_ALIAS_EVENT:
            event = .alias(anchor: string(raw.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = raw.data.scalar
            let value = scalar.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
            } ?? ""
            event = .scalar(value: value, anchor: string(scalar.anchor), tag: string(scalar.tag),
                            plain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
        case YAML_SEQUENCE_START_EVENT:
            event = .sequenceStart(anchor: string(raw.data.sequence_start.anchor),
                                   tag: string(raw.data.sequence_start.tag))
        case YAML_SEQUENCE_END_EVENT: event = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            event = .mappingStart(anchor: string(raw.data.mapping_start.anchor),
                                  tag: string(raw.data.mapping_start.tag))
        case YAML_MAPPING_END_EVENT: event = .mappingEnd
        default: event = .streamEnd
        }
        return (event, line, column)
    }

    /// Reports libYAML's error at its mark (the problem's, or for a reader error the byte offset's line).
    private func reportError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            log.report(SourceLocation(file: file), "out of memory while reading YAML")
        case YAML_READER_ERROR:
            // The offset counts bytes from the start of the file.
            let (line, byte) = bytes.withUnsafeBufferPointer {
                InputText.lineAndByteColumn(ofOffset: parser.problem_offset, in: $0)
            }
            log.report(SourceLocation(file: file, line: line),
                       "malformed YAML: \(problem) (byte \(byte) of the line)",
                       hint: "YAML does not allow control characters other than tab and line breaks")
        default:
            let context = parser.context.map { String(cString: $0) }
            let message = [context, problem].compactMap { $0 }.joined(separator: ": ")
            log.report(SourceLocation(file: file, line: Int(parser.problem_mark.line) + 1,
                                      column: Int(parser.problem_mark.column) + 1),
                       "malformed YAML: \(message)")
        }
    }
}
