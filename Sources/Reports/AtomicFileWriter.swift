import Foundation
import Synchronization

/// Errors of the output layer, shared by ``OutputSet`` and the workflows.
public enum AtomicFileWriter {
    /// Why an output could not be written: the path and the cause, in the system's words
    /// (`strerror`, e.g. "No space left on device").
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        /// The error for a failed system call on `path`, from `errno` (read by the caller at once).
        static func system(_ path: String, _ code: Int32, _ action: String? = nil) -> WriteError {
            let cause = String(cString: strerror(code))
            return WriteError(path: path, reason: action.map { "\($0): \(cause)" } ?? cause)
        }
    }
}

/// The files of one run, written into one folder as a set: after any failure, or SIGINT/SIGTERM,
/// the folder holds either every new file or every old one, never a mix.
///
/// How (the guarantee is spelt out in `docs/outputs.md`):
/// 1. ``init(folder:)`` creates the folder and takes an exclusive, non-blocking `flock` on it, so a
///    second run into the same folder is refused at once; it then restores or removes whatever a
///    run killed with SIGKILL (or a power cut) left behind.
/// 2. ``add(_:data:)`` writes each file into a staging folder inside the output folder
///    (`.ntm-alloc-staging-PID`, so every rename stays on one file system) and `fsync`s it.
/// 3. ``commit()`` `fsync`s the staging folder, writes and `fsync`s a journal naming the files, then
///    for each file moves the old one (if any) into `staging/previous/` and the new one into place.
///    A failed rename rolls every file back. Then the output folder is `fsync`ed, the journal
///    removed and the staging folder deleted. A journal found by a later run means the commit was
///    cut short: that run moves the old files back first.
///
/// Files of earlier runs that this run does not write (another `--format`) are left untouched.
/// Not thread-safe: one set is filled and committed by one thread. The process-wide
/// ``abandonAllAndExit(_:)`` (for signal handling) may run on another thread: it waits for the
/// file operation in progress, so it never races a write or a commit.
public final class OutputSet {
    /// The output folder, as given.
    public let folder: String
    private var lock: Int32
    private var staging: String?
    private var names: [String] = []
    private var finished = false
    private let identifier: Int

    /// Staging folders are named with this prefix and the process id.
    public static let stagingPrefix = ".ntm-alloc-staging-"
    static let journalName = "COMMIT-JOURNAL"
    static let previousName = "previous"

    /// Staging folders currently being filled, by set, for ``abandonAllAndExit(_:)``. Every file
    /// operation and every commit holds this mutex.
    private static let active = Mutex<[Int: String]>([:])
    private static let counter = Mutex(0)

    /// Creates `folder` if needed, locks it against other runs, and repairs what a killed run
    /// left there. Throws when another run holds the lock.
    public init(folder: String) throws(AtomicFileWriter.WriteError) {
        self.folder = folder
        identifier = Self.counter.withLock { value -> Int in value += 1; return value }
        try Self.makeFolders(folder)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(folder, errno, "cannot open the folder") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK {
                throw AtomicFileWriter.WriteError(path: folder, reason: "another ntm-alloc run is writing into this folder "
                    + "(it holds the folder's lock); wait for it to finish or choose another --out")
            }
            throw .system(folder, code, "cannot lock the folder")
        }
        lock = descriptor
        do {
            try Self.recoverLeftovers(in: folder)
        } catch {
            close(descriptor)
            lock = -1
            throw error
        }
    }

    deinit {
        if !finished { abandon() }
    }

    /// The final path of `name` in the output folder.
    public func path(of name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Writes `data` as `name` into the staging folder and flushes it to disk.
    public func add(_ name: String, data: Data) throws(AtomicFileWriter.WriteError) {
        try prepare(name)
        let target = staging! + "/" + name
        try Self.active.withLock { _ throws(AtomicFileWriter.WriteError) in
            try Self.writeFile(target, data: data, reportedAs: path(of: name))
        }
        names.append(name)
    }

    /// Writes UTF-8 text as `name` (see ``add(_:data:)``).
    public func add(_ name: String, text: String) throws(AtomicFileWriter.WriteError) {
        try add(name, data: Data(text.utf8))
    }

    /// Lets `produce` write `name` at the staging path it is given (for writers that take a
    /// path, such as GLPK's), then flushes the file to disk.
    public func add(_ name: String, producedBy produce: (String) throws(AtomicFileWriter.WriteError) -> Void) throws(AtomicFileWriter.WriteError) {
        try prepare(name)
        let target = staging! + "/" + name
        try Self.active.withLock { _ throws(AtomicFileWriter.WriteError) in
            try produce(target)
            let descriptor = open(target, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .system(path(of: name), errno) }
            defer { close(descriptor) }
            if fsync(descriptor) != 0 { throw .system(path(of: name), errno) }
        }
        names.append(name)
    }

    /// Moves every added file into the output folder together; returns their final paths.
    /// On failure the old files are back in place and the error names the cause.
    @discardableResult
    public func commit() throws(AtomicFileWriter.WriteError) -> [String] {
        precondition(!finished, "OutputSet committed twice")
        defer { finished = true; releaseLock() }
        guard let staging else { return [] }
        let names = self.names
        let folder = self.folder
        try Self.active.withLock { active throws(AtomicFileWriter.WriteError) in
            active[identifier] = nil
            do throws(AtomicFileWriter.WriteError) {
                try Self.syncFolder(staging)
                // The journal: each name, and whether an old file of that name is being replaced.
                var journal = ""
                for name in names {
                    var info = stat()
                    let exists = lstat(folder + "/" + name, &info) == 0
                    journal += (exists ? "replace " : "create ") + name + "\n"
                }
                try Self.makeFolder(staging + "/" + Self.previousName)
                try Self.writeFile(staging + "/" + Self.journalName, data: Data(journal.utf8), reportedAs: staging + "/" + Self.journalName)
                try Self.syncFolder(staging)
                for name in names {
                    let final = folder + "/" + name
                    var info = stat()
                    if lstat(final, &info) == 0, rename(final, staging + "/" + Self.previousName + "/" + name) != 0 {
                        throw .system(final, errno, "cannot move the previous file aside")
                    }
                    if rename(staging + "/" + name, final) != 0 { throw .system(final, errno) }
                }
                try Self.syncFolder(folder)
            } catch {
                do throws(AtomicFileWriter.WriteError) {
                    try Self.rollBack(staging: staging, into: folder)
                    try? FileManager.default.removeItem(atPath: staging)
                } catch let rollback {
                    throw AtomicFileWriter.WriteError(path: error.path, reason: error.reason
                        + "; restoring the previous files also failed (\(rollback.reason)): the next run into \(folder) restores them")
                }
                throw error
            }
            // Committed: the journal goes first, so a crash from here on keeps the new set.
            unlink(staging + "/" + Self.journalName)
            try? Self.syncFolder(staging)
            try? FileManager.default.removeItem(atPath: staging)
        }
        return names.map { path(of: $0) }
    }

    /// Deletes the staging folder and releases the lock; the output folder is left as it was.
    public func abandon() {
        if let staging {
            Self.active.withLock { active in
                active[identifier] = nil
                try? FileManager.default.removeItem(atPath: staging)
            }
        }
        staging = nil
        finished = true
        releaseLock()
    }

    /// For a SIGINT/SIGTERM handler thread: waits for the file operation in progress, deletes
    /// every staging folder being filled, then calls `exit` (e.g. `_exit(143)`) without letting
    /// any other file operation start. The output folders keep their previous files (or the new
    /// set, when a commit had already finished).
    public static func abandonAllAndExit(_ exit: () -> Never) -> Never {
        active.withLock { active -> Never in
            for staging in active.values { try? FileManager.default.removeItem(atPath: staging) }
            exit()
        }
    }

    // MARK: Steps

    private func prepare(_ name: String) throws(AtomicFileWriter.WriteError) {
        precondition(!finished, "OutputSet used after commit")
        precondition(!name.isEmpty && !name.contains("/") && !name.hasPrefix(Self.stagingPrefix) && !names.contains(name),
                     "bad or repeated output name \(name)")
        if staging == nil {
            let path = path(of: Self.stagingPrefix + String(getpid()))
            try Self.active.withLock { active throws(AtomicFileWriter.WriteError) in
                try Self.makeFolder(path)
                active[identifier] = path
            }
            staging = path
        }
        // Test hook: slow the write down so a test can signal the process in the middle of it.
        if let text = ProcessInfo.processInfo.environment["NTM_ALLOC_TEST_WRITE_DELAY"], let seconds = Double(text), seconds > 0 {
            usleep(UInt32(min(seconds, 60) * 1_000_000))
        }
    }

    private func releaseLock() {
        if lock >= 0 { close(lock) }
        lock = -1
    }

    /// Restores the previous files of an interrupted commit (from its journal) and removes the
    /// staging folders and the temporary files that killed runs left in `folder`.
    static func recoverLeftovers(in folder: String) throws(AtomicFileWriter.WriteError) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for entry in entries.sorted() {
            let path = folder + "/" + entry
            if entry.hasPrefix(stagingPrefix) {
                try rollBack(staging: path, into: folder)
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    throw AtomicFileWriter.WriteError(path: path, reason: "cannot remove a staging folder left by a stopped run: \(error.localizedDescription)")
                }
            } else if isLegacyTemporary(entry) {
                unlink(path)
            }
        }
    }

    /// `.name.tmp-PID-RANDOM`: the temporary files of versions before output sets.
    static func isLegacyTemporary(_ entry: String) -> Bool {
        guard entry.hasPrefix("."), let range = entry.range(of: ".tmp-", options: .backwards) else { return false }
        let parts = entry[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Undoes a commit cut short: with a journal, every old file moved aside goes back and every
    /// new file that had no predecessor is removed. Without a journal there is nothing to undo.
    static func rollBack(staging: String, into folder: String) throws(AtomicFileWriter.WriteError) {
        guard let journal = try? String(contentsOfFile: staging + "/" + journalName, encoding: .utf8) else { return }
        for line in journal.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let name = parts[1], final = folder + "/" + name
            let aside = staging + "/" + previousName + "/" + name
            var info = stat()
            if lstat(aside, &info) == 0 {
                if rename(aside, final) != 0 { throw .system(final, errno, "cannot restore the previous file") }
            } else if parts[0] == "create", lstat(staging + "/" + name, &info) != 0, lstat(final, &info) == 0 {
                if unlink(final) != 0 { throw .system(final, errno, "cannot remove a file of the interrupted run") }
            }
        }
        try syncFolder(folder)
        unlink(staging + "/" + journalName)
        try? syncFolder(staging)
    }

    // MARK: System calls

    /// Creates `path` and its missing parents.
    static func makeFolders(_ path: String) throws(AtomicFileWriter.WriteError) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFDIR { throw AtomicFileWriter.WriteError(path: path, reason: "it exists and is not a folder") }
            return
        }
        let parent = parentPath(of: path)
        if !parent.isEmpty && parent != path { try makeFolders(parent) }
        try makeFolder(path)
    }

    /// The folder part of `path` ("" for a bare name): done by hand, because Foundation's
    /// `NSString.deletingLastPathComponent` trapped on a one-component relative path on Linux
    /// (`--out o` crashed the tool).
    public static func parentPath(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static func makeFolder(_ path: String) throws(AtomicFileWriter.WriteError) {
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw .system(path, errno, "cannot create the folder") }
    }

    /// Writes all of `data` to a new file and `fsync`s it; errors carry `strerror`'s words.
    static func writeFile(_ path: String, data: Data, reportedAs name: String) throws(AtomicFileWriter.WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .system(name, errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw .system(name, failure)
        }
    }

    static func syncFolder(_ path: String) throws(AtomicFileWriter.WriteError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(path, errno) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 && errno != EINVAL { throw .system(path, errno, "cannot flush the folder") }
    }
}
