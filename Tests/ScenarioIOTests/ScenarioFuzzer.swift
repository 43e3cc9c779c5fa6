import Foundation
import ScenarioIO
import TestSupport

/// Mutates the files of a bundled scenario and loads each mutant (issue 11, item 6).
///
/// A mutant changes one file of a copy of the scenario by one to three edits: bytes
/// (flipped, replaced by bytes that break UTF-8, deleted, truncated), lines (duplicated,
/// dropped, swapped) and values (a YAML value after `: ` or a CSV field replaced by a hostile
/// token: anchors, aliases, tags, brackets, huge, tiny and non-finite numbers, quotes…).
/// The loader must either load the mutant or throw `ScenarioLoadError` whose every problem
/// is one short line naming an existing file and a line inside it; anything else (a crash,
/// a hang) fails the run.
struct ScenarioFuzzer {
    /// A scenario folder and the files of it that are mutated (paths relative to the folder).
    struct Corpus {
        var folder: String
        var scenario: String
        var files: [String]
    }

    /// A problem that breaks the contract: no line, a line outside the file, an unknown file,
    /// or a message on several lines or of runaway length.
    struct Violation: CustomStringConvertible {
        var mutant: Int
        var file: String
        var edits: [String]
        var problem: InputProblem

        var description: String { "mutant \(mutant) of \(file) (\(edits.joined(separator: "; "))): \(problem)" }
    }

    /// What a run found.
    struct Report {
        var mutants = 0
        var loaded = 0
        var rejected = 0
        var problems = 0
        var violations: [Violation] = []
        /// The slowest single load, in seconds, and its mutant.
        var slowest = 0.0
        var slowestMutant = ""
    }

    /// The tiny example first, then Lạng Sơn.
    static let corpora = [
        Corpus(folder: Repository.path("scenarios/examples/tiny"), scenario: "scenario.yaml",
               files: ["scenario.yaml", "communes.csv", "works.csv"]),
        Corpus(folder: Repository.path("scenarios/langson-2021-2025"), scenario: "scenario.yaml",
               files: ["scenario.yaml", "weights/balanced.yaml", "data/communes.csv", "data/works.csv"]),
    ]

    /// Values that have broken YAML or CSV readers somewhere.
    static let tokens: [String] = [
        "", " ", ":", ": ", "-", "- ", "\"", "'", ",", "\n", "\r", "\r\n", "\t", "#", "---", "...", "? ", "|", ">",
        "{", "}", "[", "]", "{}", "[]", "&a ", "*a", "&a [1, 2]", "*a, *a, *a", "!money ", "!!binary ", "!!int ",
        "!!map ", "!<tag:x,2000:y> ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "<<: *a", "~", "null", "NaN", ".nan",
        "inf", ".inf", "-.inf", "1e308", "1e309", "-1e308", "1e-320", "4.9e-324", "-0", "0x1F", "0o17", "1_000",
        "1,5", "1.200,5", "99999999999999999999", "-1", "true", "yes", "on", "\u{FEFF}", "é", "e\u{301}",
        "\u{0}", "\u{7}", "\u{1B}", "\u{2028}", "\u{FFFD}", "𝔘", String(repeating: "9", count: 400),
        String(repeating: "[", count: 80), String(repeating: "- ", count: 80) + "x",
    ]

    /// Bytes that are not UTF-8 on their own (continuations, truncated leads, overlongs, surrogates).
    static let badBytes: [[UInt8]] = [[0xFF], [0xFE], [0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
                                      [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F]]

    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// Loads `count` mutants, copying each corpus to a temporary folder once. With other
    /// `corpora` than the bundled ones, every corpus is mutated equally often.
    mutating func run(count: Int, corpora: [Corpus] = Self.corpora) throws -> Report {
        var report = Report()
        var copies: [(corpus: Corpus, directory: TemporaryDirectory, originals: [String: [UInt8]])] = []
        defer { for copy in copies { copy.directory.remove() } }
        for corpus in corpora {
            let directory = try TemporaryDirectory(prefix: "ntm-alloc-fuzz")
            try FileManager.default.removeItem(atPath: directory.path)
            try FileManager.default.copyItem(atPath: corpus.folder, toPath: directory.path)
            var originals: [String: [UInt8]] = [:]
            for file in corpus.files {
                originals[file] = [UInt8](try Data(contentsOf: directory.url(file)))
            }
            copies.append((corpus, directory, originals))
        }
        let clock = ContinuousClock()
        for mutant in 0..<count {
            // Four mutants in five from the tiny example: a Lạng Sơn load is ~20 times slower.
            let copy = corpora.count == 2 ? copies[generator.next() % 5 == 0 ? 1 : 0]
                : copies[Int(generator.next() % UInt64(copies.count))]
            let file = copy.corpus.files.randomElement(using: &generator)!
            var bytes = copy.originals[file]!
            var edits: [String] = []
            for _ in 0...Int(generator.next() % 3) {
                edits.append(mutate(&bytes, csv: file.hasSuffix(".csv")))
            }
            try Data(bytes).write(to: copy.directory.url(file))
            defer { try? Data(copy.originals[file]!).write(to: copy.directory.url(file)) }

            report.mutants += 1
            let start = clock.now
            let outcome = Result { () throws(ScenarioLoadError) in
                try ScenarioLoader.load(copy.directory.url(copy.corpus.scenario).path)
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > report.slowest {
                report.slowest = seconds
                report.slowestMutant = "mutant \(mutant) of \(file) (\(edits.joined(separator: "; ")))"
            }
            switch outcome {
            case .success:
                report.loaded += 1
            case .failure(let error):
                report.rejected += 1
                report.problems += error.totalCount
                var lineCounts = [copy.directory.url(file).path: Self.lineCount(bytes)]
                for problem in error.problems where !Self.isLocated(problem, lineCounts: &lineCounts) {
                    report.violations.append(Violation(mutant: mutant, file: file, edits: edits, problem: problem))
                }
            }
        }
        return report
    }

    /// Whether `problem` is one line of reasonable length that names an existing file and a
    /// line within it (or just after its end).
    ///
    /// `lineCounts` caches the number of lines of each file by path (the mutated file's first).
    static func isLocated(_ problem: InputProblem, lineCounts: inout [String: Int]) -> Bool {
        let text = problem.description
        guard !text.contains(where: \.isNewline), text.count <= problem.location.file.count + 1_000 else { return false }
        guard let line = problem.location.line, line >= 1 else { return false }
        let path = problem.location.file
        if lineCounts[path] == nil, let data = FileManager.default.contents(atPath: path) {
            lineCounts[path] = lineCount([UInt8](data))
        }
        guard let lines = lineCounts[path] else { return false }
        // A problem found at the end of the file (a YAML document cut short, a CSV file
        // without data rows) is reported on the line after the last one.
        return line <= lines + 1
    }

    /// Lines as an editor counts them: every `\n`, `\r\n` or lone `\r` ends one, plus the text after the last.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        for (index, byte) in bytes.enumerated()
        where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
            lines += 1
        }
        return lines
    }

    /// Applies one random edit to `bytes`; returns what it did, for the report of a violation.
    mutating func mutate(_ bytes: inout [UInt8], csv: Bool) -> String {
        let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
        switch generator.next() % 10 {
        case 0:
            let bit = UInt8(1) << UInt8(generator.next() % 8)
            if !bytes.isEmpty { bytes[position] ^= bit }
            return "flip bit \(bit) of byte \(position)"
        case 1:
            let bad = Self.badBytes.randomElement(using: &generator)!
            bytes.insert(contentsOf: bad, at: position)
            return "insert \(bad) at \(position)"
        case 2:
            let length = min(bytes.count - position, 1 + Int(generator.next() % 40))
            bytes.removeSubrange(position..<position + length)
            return "delete \(length) bytes at \(position)"
        case 3:
            bytes.removeSubrange(position...)
            return "truncate at \(position)"
        case 4, 5:
            let token = Self.tokens.randomElement(using: &generator)!
            bytes.insert(contentsOf: Array(token.utf8), at: position)
            return "insert \(token.debugDescription) at \(position)"
        case 6:
            return editLines(&bytes)
        default:
            return replaceValue(&bytes, csv: csv)
        }
    }

    /// Duplicates, drops or swaps whole lines.
    private mutating func editLines(_ bytes: inout [UInt8]) -> String {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return "no line to edit" }
        let first = Int(generator.next() % UInt64(lines.count))
        let second = Int(generator.next() % UInt64(lines.count))
        let description: String
        switch generator.next() % 3 {
        case 0:
            lines.insert(lines[first], at: second)
            description = "copy line \(first + 1) before line \(second + 1)"
        case 1:
            lines.remove(at: first)
            description = "drop line \(first + 1)"
        default:
            lines.swapAt(first, second)
            description = "swap lines \(first + 1) and \(second + 1)"
        }
        bytes = Array(lines.joined(separator: [0x0A]))
        return description
    }

    /// Replaces a CSV field (between commas) or a YAML value (after `: `) by a token.
    private mutating func replaceValue(_ bytes: inout [UInt8], csv: Bool) -> String {
        let token = Array(Self.tokens.randomElement(using: &generator)!.utf8)
        let separator: [UInt8] = csv ? [0x2C] : [0x3A, 0x20]
        var starts: [Int] = []
        var index = 0
        while index + separator.count <= bytes.count {
            if bytes[index] == separator[0] && (separator.count == 1 || bytes[index + 1] == separator[1]) {
                starts.append(index + separator.count)
            }
            index += 1
        }
        guard let start = starts.randomElement(using: &generator) else { return "no value to replace" }
        var end = start
        let stops: Set<UInt8> = csv ? [0x2C, 0x0A, 0x0D] : [0x0A, 0x0D]
        while end < bytes.count && !stops.contains(bytes[end]) { end += 1 }
        bytes.replaceSubrange(start..<end, with: token)
        return "replace the value at \(start) by \(String(decoding: token, as: UTF8.self).debugDescription)"
    }
}
