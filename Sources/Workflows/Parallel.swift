import Foundation
import Synchronization

/// Runs independent jobs on all cores (`DispatchQueue.concurrentPerform`), each job entirely on
/// one thread — which is what GLPK needs: a problem created, solved and freed on one thread.
public enum Parallel {
    /// Worker threads: `NTM_ALLOC_THREADS` if set (1 runs everything on the calling thread,
    /// for measuring speed-ups), else every core.
    public static var threads: Int {
        if let text = ProcessInfo.processInfo.environment["NTM_ALLOC_THREADS"], let n = Int(text), n >= 1 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// `body(i)` for every i in `0..<count`, results in order.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if threads == 1 { return (0..<count).map(body) }
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let value = body(i)
            results.withLock { $0[i] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: Sendable {
    private let total: Int
    private let label: String
    private let done = Mutex(0)
    private let enabled: Bool

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        self.enabled = isatty(STDERR_FILENO) != 0 && total > 0
        draw(0)
    }

    func advance() {
        let count = done.withLock { value -> Int in value += 1; return value }
        draw(count)
    }

    private func draw(_ count: Int) {
        guard enabled else { return }
        let width = 30, filled = total > 0 ? width * count / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data(("\r\(label) [\(bar)] \(count)/\(total)" + (count == total ? "\n" : "")).utf8))
    }
}
