import Foundation
import Reports

/// The language of help and error messages: Vietnamese when `--lang vi` is on the command
/// line or `NTM_ALLOC_LANG=vi` is set, English otherwise (so scripts that read messages keep
/// working). `NTM_ALLOC_LANG` also sets the default of `--lang` for the reports.
enum MessageLanguage {
    /// `NTM_ALLOC_LANG`, when it names a language (`vi`, `en`).
    static var environment: ReportLanguage? {
        ProcessInfo.processInfo.environment["NTM_ALLOC_LANG"].flatMap { ReportLanguage(rawValue: $0.lowercased()) }
    }

    /// The last `--lang X` or `--lang=X` of the command line, when X is a language.
    static func explicit(in arguments: [String]) -> ReportLanguage? {
        var found: ReportLanguage?
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                found = ReportLanguage(rawValue: arguments[index + 1].lowercased()) ?? found
            } else if argument.hasPrefix("--lang=") {
                found = ReportLanguage(rawValue: String(argument.dropFirst(7)).lowercased()) ?? found
            }
        }
        return found
    }

    /// Whether messages are in Vietnamese for this process.
    static var isVietnamese: Bool {
        (explicit(in: Array(CommandLine.arguments.dropFirst())) ?? environment) == .vi
    }
}
