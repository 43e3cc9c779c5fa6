import Foundation

/// Paths and processes the tests need: the repository root, bundled scenarios, external tools.
public enum Repository {
    /// The repository's root folder (found from this file's path).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The bundled Lạng Sơn scenario.
    public static var langSonScenario: String { path("scenarios/langson-2021-2025/scenario.yaml") }
    /// The small hand-checkable example.
    public static var tinyScenario: String { path("scenarios/examples/tiny/scenario.yaml") }

    /// Whether an executable is on the PATH (or at an absolute path).
    public static func hasTool(_ name: String) -> Bool { which(name) != nil }

    /// The full path of an executable on the PATH.
    public static func which(_ name: String) -> String? {
        if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether python3 with scipy and PyYAML is available (for the independent reference model).
    public static let hasPythonReference: Bool = {
        guard let python = which("python3") else { return false }
        return (try? run(python, ["-c", "import scipy, yaml"]).status) == 0
    }()

    /// A process's exit status and outputs.
    public struct ProcessOutput: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs an executable to completion and captures its outputs.
    public static func run(_ executable: String, _ arguments: [String], currentDirectory: String? = nil) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    public static func temporaryFolder(_ prefix: String = "ntm-alloc-test") -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Objective value from a glpsol solution file written with `-o` (its "Objective:" line).
    public static func glpsolObjective(_ report: String) -> Double? {
        for line in report.split(separator: "\n") where line.hasPrefix("Objective:") {
            // "Objective:  obj = 350 (MAXimum)"
            let parts = line.split(separator: "=")
            guard parts.count >= 2 else { continue }
            let number = parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""
            return Double(number)
        }
        return nil
    }
}
