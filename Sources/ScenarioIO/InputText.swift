import Foundation

/// The input conventions of model.md §1: how text, numbers and booleans are read.
enum InputText {
    /// Trimmed and in Unicode NFC, so that "Xã" typed in two ways compares equal.
    static func normalized(_ text: String) -> String {
        // Fast path for the common case (ids, codes, numbers, keywords): ASCII text is already
        // in NFC, and trimming ASCII whitespace needs no Foundation call. Measured: reading a
        // 20,000-work scenario spent ~15 % of a solve in Foundation's trimming and NFC.
        if let ascii = trimmedASCII(text) { return ascii }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }

    /// `text` trimmed of ASCII whitespace when it is all ASCII; nil otherwise.
    private static func trimmedASCII(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        guard let first = utf8.first, let last = utf8.last else { return text }
        if !isSpace(first) && !isSpace(last) { return text }
        let bytes = Array(utf8)
        var lo = 0, hi = bytes.count
        while lo < hi && isSpace(bytes[lo]) { lo += 1 }
        while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// A finite decimal number such as `12`, `-3.5` or `1e3`; nil for anything else.
    ///
    /// Stricter than `Double.init(_:)`, which also takes `nan`, `inf` and hexadecimal.
    /// Thousands separators and decimal commas (`1.200,5`) are rejected rather than guessed.
    static func number(_ text: String) -> Double? {
        let trimmed = trimmedASCII(text) ?? text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty,
              trimmed.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }

    /// A number of a CSV file: as `number(_:)`, or with `decimalComma` as Excel saves numbers in a
    /// locale whose decimal mark is a comma (Vietnamese, and its `;`-separated CSV files):
    /// `1234,5`, `-0,25`, `1,5E+03`, points grouping thousands before the comma (`1.234,5`), two or
    /// more grouping points (`1.234.567`), or a plain point number without grouping (`0.25`).
    /// One point before exactly three digits (`1.250`) could be either: nil, never guessed.
    static func number(_ text: String, decimalComma: Bool) -> Double? {
        guard decimalComma else { return number(text) }
        let trimmed = trimmedASCII(text) ?? text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2 {
            var whole = String(parts[0])
            if whole.contains(".") {
                guard isGrouped(whole) else { return nil }
                whole.removeAll { $0 == "." }
            }
            return number(whole + "." + parts[1])
        }
        guard parts.count == 1 else { return nil }
        if isGrouped(trimmed) {
            return trimmed.filter({ $0 == "." }).count >= 2 ? number(trimmed.filter { $0 != "." }) : nil
        }
        return number(trimmed)
    }

    /// `1.250`: one point before exactly three digits, which a decimal-comma file may mean as
    /// 1250 and a decimal-point one as 1.25.
    static func isAmbiguousGrouping(_ text: String) -> Bool {
        let trimmed = trimmedASCII(text) ?? text
        return !trimmed.contains(",") && trimmed.filter({ $0 == "." }).count == 1 && isGrouped(trimmed)
    }

    /// An optional sign, 1–3 digits, then groups of `.ddd`: a number with thousands points.
    private static func isGrouped(_ text: String) -> Bool {
        var groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count >= 2 else { return false }
        var first = groups.removeFirst()
        if first.first == "-" || first.first == "+" { first = first.dropFirst() }
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return digits(first) && first.count <= 3 && groups.allSatisfy { $0.count == 3 && digits($0) }
    }

    /// A whole number written as `12` or `12.0`; nil for anything else.
    static func integer(_ text: String, decimalComma: Bool = false) -> Int? {
        guard let value = number(text, decimalComma: decimalComma), value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// `1`/`0`/`true`/`false` in any letter case, and nothing else.
    static func boolean(_ text: String) -> Bool? {
        switch normalized(text).lowercased() {
        case "1", "true": true
        case "0", "false": false
        default: nil
        }
    }

    /// `text` in quotes for a message (`shown`), or "an empty value".
    static func quoted(_ text: String) -> String {
        text.isEmpty ? "an empty value" : "\"\(shown(text))\""
    }

    /// `text` as a message shows it: on one line (a line break reads ↵) and at most
    /// `limit` characters, so that a runaway value (the rest of a file after an unclosed
    /// quote, a megabyte of digits) cannot flood the output.
    static func shown(_ text: String, limit: Int = 60) -> String {
        var result = ""
        var count = 0
        for character in text {
            if count == limit { return result + "…" }
            result.append(character.isNewline ? "↵" : character)
            count += 1
        }
        return result
    }

    /// The largest CSV file read (1 GiB): larger files are refused before they are read whole.
    static let maximumCSVBytes = 1 << 30

    /// Reads a file as UTF-8 text without its byte-order mark, or reports why it cannot.
    ///
    /// A file longer than `maximumBytes` is refused at the line where it passes the limit,
    /// without reading the rest. Bytes that are not UTF-8 are reported at their line, with
    /// the byte's position in the line (counted from 1) and how many other lines have some.
    static func readFile(_ path: String, log: ProblemLog, reportedAt location: SourceLocation? = nil,
                         maximumBytes: Int = maximumCSVBytes, kind: String = "file") -> String? {
        let at = location ?? SourceLocation(file: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            log.report(at, "file \(path) does not exist")
            return nil
        }
        guard !isDirectory.boolValue else {
            log.report(at, "cannot read \(path)", hint: "it is a folder")
            return nil
        }
        // Only regular files (after symbolic links): a device never ends, a pipe may never come.
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
        guard type == .typeRegular, let handle = FileHandle(forReadingAtPath: path) else {
            log.report(at, "cannot read \(path)", hint: type == .typeRegular ? nil : "it is not a regular file")
            return nil
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            log.report(at, "cannot read \(path): \(error.localizedDescription)")
            return nil
        }
        let decoded = data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.count > maximumBytes {
                let (line, _) = lineAndByteColumn(ofOffset: maximumBytes, in: bytes)
                log.report(SourceLocation(file: path, line: line),
                           "the file is larger than \(maximumBytes >> 20) MiB, the limit for a \(kind)",
                           hint: "the limit is passed at this line")
                return nil
            }
            if let invalid = invalidUTF8(in: bytes) {
                let shown = bytes[invalid.offset..<min(bytes.count, invalid.offset + 4)]
                    .map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                let more = invalid.otherLines > 0
                    ? "; \(InputProblem.grouped(invalid.otherLines)) more line\(invalid.otherLines == 1 ? "" : "s") "
                        + "\(invalid.otherLines == 1 ? "has" : "have") invalid bytes"
                    : ""
                let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
                log.report(SourceLocation(file: path, line: invalid.line),
                           "not valid UTF-8 text: byte \(invalid.byteColumn) of the line starts \(shown)\(more)",
                           hint: utf16 ? "the file is UTF-16; save it as UTF-8"
                               : kind == "CSV file" ? "the file is not UTF-8 (Excel's plain \"CSV\" saves Windows-1258 or -1252 text): save it as \"CSV UTF-8\""
                               : "save the file as UTF-8")
                return nil
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard var text = decoded else { return nil }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        // Stops at the first character that is not white space (no copy of a large file).
        guard text.unicodeScalars.contains(where: { !CharacterSet.whitespacesAndNewlines.contains($0) }) else {
            log.report(SourceLocation(file: path, line: 1), "the file is empty")
            return nil
        }
        return text
    }

    /// The 1-based line and byte-in-line of the byte at `offset` (lines end at `\n`, `\r\n` or a lone `\r`).
    static func lineAndByteColumn(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, byte: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, offset - lineStart + 1)
    }

    /// Where the first byte sequence that is not UTF-8 starts, and how many further lines hold one.
    ///
    /// Follows the Unicode definition (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
    static func invalidUTF8(in bytes: UnsafeBufferPointer<UInt8>)
        -> (offset: Int, line: Int, byteColumn: Int, otherLines: Int)? {
        var first: (offset: Int, line: Int, byteColumn: Int)?
        var otherLines = 0
        var lastBadLine = 0
        var line = 1
        var lineStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0x0A || (lead == 0x0D && (index + 1 >= count || bytes[index + 1] != 0x0A)) {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
                continue
            }
            var length = 0
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: length = 0
            }
            var valid = length > 0 && index + length <= count
            if valid {
                valid = secondRange.contains(bytes[index + 1])
                var next = index + 2
                while valid && next < index + length {
                    valid = (0x80...0xBF).contains(bytes[next])
                    next += 1
                }
            }
            if valid {
                index += length
                continue
            }
            if first == nil {
                first = (index, line, index - lineStart + 1)
                lastBadLine = line
            } else if line != lastBadLine {
                otherLines += 1
                lastBadLine = line
            }
            index += 1
        }
        return first.map { ($0.offset, $0.line, $0.byteColumn, otherLines) }
    }

    /// `folder/relative`, unless `relative` is already absolute.
    static func resolve(_ relative: String, against folder: String) -> String {
        if relative.hasPrefix("/") || folder.isEmpty { return relative }
        return URL(fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: folder, isDirectory: true))
            .standardizedFileURL.path
    }

    /// The folder of a file path ("" for a bare file name).
    static func folder(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return path.contains("/") ? url.deletingLastPathComponent().path : FileManager.default.currentDirectoryPath
    }

    /// The file name without its extension: the name of a weights profile.
    static func stem(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }
}
