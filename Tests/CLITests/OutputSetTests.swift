import Foundation
import Testing
import TestSupport
import Reports

/// Output sets: a run replaces the whole set of files in its folder or none of it, whatever
/// happens (disk full, SIGTERM/SIGINT, SIGKILL, a second run, a full standard output).
@Suite struct OutputSetTests {
    /// The files of `folder` (hidden ones included) with their contents.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            result[name] = isFolder.boolValue ? Data("<folder>".utf8) : try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return result
    }

    /// Starts the binary with extra environment variables; standard output and error go to files
    /// (read after exit), so the child never blocks on a pipe.
    final class Running {
        let process = Process()
        let outPath: String, errPath: String

        init(_ arguments: [String], environment: [String: String] = [:], scratch: String) throws {
            outPath = scratch + "/stdout-\(UUID().uuidString)"
            errPath = scratch + "/stderr-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: outPath, contents: nil)
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle(forWritingAtPath: outPath)
            process.standardError = FileHandle(forWritingAtPath: errPath)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        func finish() -> (status: Int32, reason: Process.TerminationReason, stdout: String, stderr: String) {
            process.waitUntilExit()
            let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            return (process.terminationStatus, process.terminationReason, out, err)
        }
    }

    /// Waits (up to 60 s) until `folder` holds a staging folder, i.e. the run is writing.
    static func waitForStaging(in folder: String) throws -> String {
        for _ in 0..<1200 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let staging = names.first(where: { $0.hasPrefix(OutputSet.stagingPrefix) }) { return staging }
            usleep(50_000)
        }
        Issue.record("no staging folder appeared in \(folder)")
        throw CancellationError()
    }

    /// An old set written in English, to be replaced by a Vietnamese run (every file differs).
    static func writeOldSet(_ out: String) throws -> [String: Data] {
        let old = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"])
        #expect(old.status == 0, "\(old.stderr)")
        let files = try snapshot(out)
        #expect(files.keys.sorted() == ["allocations.csv", "communes.csv", "plan.xlsx", "report.html", "report.md", "sources.csv", "summary.json"])
        return files
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130))])
    func aSignalDuringTheWriteKeepsTheOldSetAndRemovesTheStaging(signal: Int32, code: Int32) throws {
        let scratch = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/out"
        let old = try Self.writeOldSet(out)
        // 0.4 s before each of five files: the signal lands while files are being staged.
        let run = try Running(["solve", Repository.tinyScenario, "--out", out, "--lang", "vi"],
                              environment: ["NTM_ALLOC_TEST_WRITE_DELAY": "0.4"], scratch: scratch)
        _ = try Self.waitForStaging(in: out)
        kill(run.process.processIdentifier, signal)
        let result = run.finish()
        #expect(result.reason == .exit && result.status == code, "\(result.reason) \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("stopped by"))
        #expect(try Self.snapshot(out) == old, "the old set must be intact and the staging folder gone")
    }

    @Test func aRunKilledWithSIGKILLIsCleanedByTheNextRun() throws {
        let scratch = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/out"
        let old = try Self.writeOldSet(out)
        let run = try Running(["solve", Repository.tinyScenario, "--out", out, "--lang", "vi"],
                              environment: ["NTM_ALLOC_TEST_WRITE_DELAY": "0.4"], scratch: scratch)
        let staging = try Self.waitForStaging(in: out)
        kill(run.process.processIdentifier, SIGKILL)
        let killed = run.finish()
        #expect(killed.reason == .uncaughtSignal)
        // SIGKILL cannot be caught: the staging folder stays, the old files are untouched.
        var expected = old
        expected[staging] = Data("<folder>".utf8)
        #expect(try Self.snapshot(out) == expected)
        // A temporary file of an older version (before output sets) is swept too.
        try "half".write(toFile: out + "/.summary.json.tmp-123-456", atomically: false, encoding: .utf8)
        let next = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"])
        #expect(next.status == 0, "\(next.stderr)")
        let after = try Self.snapshot(out)
        #expect(after.keys.sorted() == old.keys.sorted(), "the six files of the new set, and nothing else")
        #expect(after["allocations.csv"] == old["allocations.csv"], "same inputs: same allocations")
    }

    @Test func aCommitCutShortIsRolledBackByTheNextRun() throws {
        let scratch = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // The state a crash leaves in the middle of a commit: a.txt replaced (old copy aside),
        // b.txt created, c.txt still staged (not moved yet, its old file still in place).
        let staging = scratch + "/" + OutputSet.stagingPrefix + "99999"
        try FileManager.default.createDirectory(atPath: staging + "/previous", withIntermediateDirectories: true)
        try "replace a.txt\ncreate b.txt\nreplace c.txt\n".write(toFile: staging + "/COMMIT-JOURNAL", atomically: false, encoding: .utf8)
        try "old a".write(toFile: staging + "/previous/a.txt", atomically: false, encoding: .utf8)
        try "new a".write(toFile: scratch + "/a.txt", atomically: false, encoding: .utf8)
        try "new b".write(toFile: scratch + "/b.txt", atomically: false, encoding: .utf8)
        try "new c".write(toFile: staging + "/c.txt", atomically: false, encoding: .utf8)
        try "old c".write(toFile: scratch + "/c.txt", atomically: false, encoding: .utf8)
        try "mine".write(toFile: scratch + "/notes.txt", atomically: false, encoding: .utf8)
        let set = try OutputSet(folder: scratch)
        #expect(try Self.snapshot(scratch) == ["a.txt": Data("old a".utf8), "c.txt": Data("old c".utf8), "notes.txt": Data("mine".utf8)])
        // A new set then replaces its own files only.
        try set.add("a.txt", text: "newer a")
        try set.add("d.txt", text: "d")
        let paths = try set.commit()
        #expect(paths == [scratch + "/a.txt", scratch + "/d.txt"])
        #expect(try Self.snapshot(scratch) == ["a.txt": Data("newer a".utf8), "c.txt": Data("old c".utf8),
                                               "d.txt": Data("d".utf8), "notes.txt": Data("mine".utf8)])
    }

    @Test func aSecondRunIntoTheSameFolderIsRefused() throws {
        let scratch = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/out"
        let first = try Running(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"],
                                environment: ["NTM_ALLOC_TEST_WRITE_DELAY": "0.3"], scratch: scratch)
        _ = try Self.waitForStaging(in: out)
        let second = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "vi"])
        #expect(second.status == 3)
        #expect(second.stderr.contains("another ntm-alloc run is writing into this folder"), "\(second.stderr)")
        let done = first.finish()
        #expect(done.status == 0, "\(done.stderr)")
        // The first run's set, whole: English, and no staging folder left.
        let files = try Self.snapshot(out)
        #expect(files.keys.sorted() == ["allocations.csv", "communes.csv", "plan.xlsx", "report.html", "report.md", "sources.csv", "summary.json"])
        #expect(String(decoding: files["report.md"] ?? Data(), as: UTF8.self).contains("Objective value"))
        // Once it is done the folder is free again.
        let third = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--lang", "en"])
        #expect(third.status == 0, "\(third.stderr)")
    }

    @Test func aFullStandardOutputIsAnError() throws {
        let scratch = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["solve", Repository.tinyScenario, "--out", scratch + "/out"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(try String(contentsOfFile: errPath, encoding: .utf8).contains("cannot write to standard output: No space left on device"))
    }

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN); the disk-full test needs one.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, Repository.hasTool("mount"), Repository.hasTool("umount") else { return false }
        let probe = Repository.temporaryFolder("ntm-alloc-tmpfs-probe")
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? Repository.run(Repository.which("mount")!, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]).status) == 0 else { return false }
        _ = try? Repository.run(Repository.which("umount")!, [probe])
        return true
    }()

    @Test(.enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func aFullDiskKeepsTheOldSetAndSaysSo() throws {
        let mountPoint = Repository.temporaryFolder("ntm-alloc-tmpfs")
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mounted = try Repository.run(try #require(Repository.which("mount")), ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "\(mounted.stderr)")
        defer { _ = try? Repository.run(Repository.which("umount")!, [mountPoint]) }
        let out = mountPoint + "/out"
        let old = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--format", "json,md", "--lang", "en"])
        #expect(old.status == 0, "\(old.stderr)")
        let oldFiles = try Self.snapshot(out)
        #expect(oldFiles.keys.sorted() == ["report.md", "summary.json"])
        // Fill the file system to one free 4 KiB page: summary.json (about 2 KiB) fits, report.md does not.
        var info = statvfs()
        try #require(statvfs(mountPoint, &info) == 0)
        let free = Int(info.f_bavail) * Int(info.f_bsize)
        try #require(free > 4096)
        try Data(count: free - 4096).write(to: URL(fileURLWithPath: mountPoint + "/filler"))
        let full = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--format", "json,md", "--lang", "vi"])
        #expect(full.status == 3)
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(try Self.snapshot(out) == oldFiles, "the old set must survive whole, with no staging folder")
        // export-model's file goes through the same path.
        let export = try CLITests.run(["export-model", Repository.langSonScenario, "--lp", out + "/model.lp"])
        #expect(export.status == 3)
        #expect(export.stderr.contains("No space left on device"), "\(export.stderr)")
        #expect(try Self.snapshot(out) == oldFiles)
    }
}
