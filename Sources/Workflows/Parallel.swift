import Foundation
import Synchronization
import Reports

/// Runs independent jobs on all cores (`DispatchQueue.concurrentPerform`), each job entirely on
/// one thread — which is what GLPK needs: a problem created, solved and freed on one thread.
public enum Parallel {
    /// Worker threads: `NTM_ALLOC_THREADS` if set (1 runs everything on the calling thread,
    /// for measuring speed-ups), else every core.
    public static var threads: Int {
        if let text = ProcessInfo.processInfo.environment["NTM_ALLOC_THREADS"], let n = Int(text), n >= 1 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// `first()` on the calling thread while `second()` runs on a thread of its own (both on the
    /// calling thread, one after the other, when ``threads`` is 1); returns both results.
    static func alongside<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        if threads == 1 { return (first(), second()) }
        let result = Mutex<B?>(nil)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            let value = second()
            result.withLock { $0 = value }
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let a = first()
        finished.wait()
        return (a, result.withLock { $0! })
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

/// Counts the finished items of a run (sweep points, compare variants, explain's what-ifs) and
/// reports each new count as a progress event; drawing (and whether to draw) is the receiver's
/// business (``ProgressDisplay``, only on a terminal).
final class ProgressCounter: Sendable {
    private let total: Int
    private let done = Mutex(0)
    private let report: (@Sendable (ProgressEvent) -> Void)?
    private let event: @Sendable (_ done: Int, _ total: Int) -> ProgressEvent

    /// A counter of `total` items reporting `event(done, total)` to `report` (nil: silent).
    init(total: Int, report: (@Sendable (ProgressEvent) -> Void)?,
         event: @escaping @Sendable (_ done: Int, _ total: Int) -> ProgressEvent) {
        self.total = total
        self.report = report
        self.event = event
        report?(event(0, total))
    }

    /// One more item finished. The report is made under the lock, so counts arrive in order.
    func advance() {
        done.withLock { value in
            value += 1
            report?(event(value, total))
        }
    }
}
