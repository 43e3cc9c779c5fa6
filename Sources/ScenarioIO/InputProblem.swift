/// Where in the input a problem was found: a file, a line, and the field or key.
///
/// Lines and columns are counted as a text editor counts them, from 1. In a CSV file the
/// header is line 1 and a quoted field that spans lines moves the following rows down.
/// `field` is a CSV column name, a YAML key path such as `sources[2].budget` (sequence
/// indices count from 0), or for a command-line override the key given to `--set`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (a command-line path, or the scenario's folder joined
    /// with a path written in the scenario), or `--set` for a command-line override.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column (Unicode scalars, as libYAML counts them), when known. Unused for CSV.
    public var column: Int?
    /// The CSV column, the YAML key path, or the overridden key.
    public var field: String?

    /// The `file` of a problem found in a command-line override.
    public static let commandLine = "--set"

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// `works.csv:14, column cost`, `scenario.yaml:12, key sources[2].budget`,
    /// or `--set sources.ntm.budget`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        guard let field else { return text }
        if file == Self.commandLine { return "\(text) \(field)" }
        let noun = file.lowercased().hasSuffix(".csv") ? "column" : "key"
        return "\(text), \(noun) \(field)"
    }
}

/// One problem found in a scenario's input (lỗi dữ liệu đầu vào): where, what, and how to fix it.
public struct InputProblem: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// What is wrong, e.g. `-3 is negative`.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    public init(location: SourceLocation, message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `communes.csv:14, column population: -3 is negative (hint)`.
    public var description: String {
        var text = "\(location): \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

extension InputProblem {
    /// `1199950` as `1,199,950`, whatever the locale (messages are read in both languages).
    static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var text = ""
        for (position, digit) in digits.enumerated() {
            if position > 0 && (digits.count - position) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (count < 0 ? "-" : "") + text
    }
}

/// Every problem found while reading a scenario, not only the first.
///
/// The loader reads all of its files to the end and reports everything it can check, so one
/// run shows every mistake. A file of junk could hold millions of problems, so the loader
/// keeps the first `ProblemLog.keptLimit` it finds and only counts the rest (`notKeptCount`),
/// and `description` shows the first `shownLimit` with a count of the others.
public struct ScenarioLoadError: Error, Sendable, CustomStringConvertible {
    /// The problems kept, grouped by file then line.
    public var problems: [InputProblem]
    /// Problems found beyond those kept in `problems` (counted, not stored).
    public var notKeptCount: Int

    /// How many problems `description` lists before it counts the rest.
    public static let shownLimit = 50

    public init(problems: [InputProblem], notKeptCount: Int = 0) {
        self.problems = problems
        self.notKeptCount = notKeptCount
    }

    /// Every problem found: those kept and those only counted.
    public var totalCount: Int { problems.count + notKeptCount }

    /// One line per problem, at most `shownLimit` of them, then "… and 1,199,950 more problems".
    public var description: String {
        var lines = problems.prefix(Self.shownLimit).map(\.description)
        let more = totalCount - lines.count
        if more > 0 { lines.append("… and \(InputProblem.grouped(more)) more problem\(more == 1 ? "" : "s")") }
        return lines.joined(separator: "\n")
    }
}

/// Collects problems while files are read; the loader throws them together at the end.
///
/// It keeps the first `keptLimit` problems and counts the others, so memory stays bounded
/// however broken the input is.
final class ProblemLog {
    /// How many problems are kept with their text (the rest are counted).
    static let keptLimit = 1_000

    private(set) var problems: [InputProblem] = []
    private(set) var notKeptCount = 0

    var isEmpty: Bool { problems.isEmpty }

    /// Keeps the problem, or once `keptLimit` are kept only counts it (without building its text).
    func report(_ location: SourceLocation, _ message: @autoclosure () -> String,
                hint: @autoclosure () -> String? = nil) {
        if problems.count < Self.keptLimit {
            // A safety net under `InputText.shown`: no problem prints more than one short line.
            var location = location
            location.field = location.field.map { InputText.shown($0, limit: 120) }
            problems.append(InputProblem(location: location, message: InputText.shown(message(), limit: 400),
                                         hint: hint().map { InputText.shown($0, limit: 400) }))
        } else {
            notKeptCount += 1
        }
    }

    /// The problems grouped by file (files in the order first met), then by line; problems
    /// without a line come first in their file, and ties keep the order they were found in.
    var sorted: [InputProblem] {
        var fileOrder: [String: Int] = [:]
        for problem in problems where fileOrder[problem.location.file] == nil {
            fileOrder[problem.location.file] = fileOrder.count
        }
        return problems.enumerated().sorted { lhs, rhs in
            let left = (fileOrder[lhs.element.location.file] ?? 0, lhs.element.location.line ?? 0, lhs.offset)
            let right = (fileOrder[rhs.element.location.file] ?? 0, rhs.element.location.line ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
    }

    /// The error of the collected problems (sorted).
    var error: ScenarioLoadError { ScenarioLoadError(problems: sorted, notKeptCount: notKeptCount) }

    /// Throws the collected problems, if any.
    func throwIfAny() throws(ScenarioLoadError) {
        if !problems.isEmpty { throw error }
    }
}
