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

    /// A whole number written as `12` or `12.0`; nil for anything else.
    static func integer(_ text: String) -> Int? {
        guard let value = number(text), value == value.rounded(), abs(value) < 1e15 else { return nil }
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

    /// `text` in quotes for a message, or "an empty value".
    static func quoted(_ text: String) -> String {
        text.isEmpty ? "an empty value" : "\"\(text)\""
    }

    /// Reads a file as UTF-8 text without its byte-order mark, or reports why it cannot.
    static func readFile(_ path: String, log: ProblemLog, reportedAt location: SourceLocation? = nil) -> String? {
        let at = location ?? SourceLocation(file: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            log.report(at, "file \(path) does not exist")
            return nil
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            log.report(at, "cannot read \(path)", hint: isDirectory.boolValue ? "it is a folder" : nil)
            return nil
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            log.report(SourceLocation(file: path), "not valid UTF-8 text", hint: "save the file as UTF-8")
            return nil
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            log.report(SourceLocation(file: path), "the file is empty")
            return nil
        }
        return text
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
