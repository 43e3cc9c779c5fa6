import Testing
import Foundation
import Dispatch
import LinearProgramming
import TestSupport

/// Many distinct models solved at once on several threads, each checked against its
/// closed-form optimum (`SpecialLPs.parametric`: objective 5t/2, x = y = t/2, duals 2 and 1).
@Suite struct ConcurrencyTests {
    /// One slot per model; each is written by exactly one iteration.
    final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        subscript(index: Int) -> String? {
            get { lock.withLock { storage[index] } }
            set { lock.withLock { storage[index] = newValue } }
        }
        var failures: [String] { lock.withLock { storage.compactMap { $0 } } }
    }

    /// Solves model `k` and returns nil if it matches its closed form, else a message.
    static func check(_ k: Int) -> String? {
        let t = Double(k + 1) * 0.75
        let expected = SpecialLPs.parametric(t)
        let method = SolverOptions.Method.allCases[k % 3]
        do {
            let result = try GLPKSolver.solve(expected.model, options: SolverOptions(method: method, presolve: k % 2 == 0))
            guard result.termination.reason == .optimal, let objective = result.objectiveValue else {
                return "model \(k): \(result.termination)"
            }
            let tol = method == .interiorPoint ? 1e-5 * max(1, t) : 1e-9 * max(1, t)
            guard objective.isApproximatelyEqual(to: expected.objective, absoluteTolerance: tol),
                  result.variableValues[0].isApproximatelyEqual(to: expected.x, absoluteTolerance: tol),
                  result.variableValues[1].isApproximatelyEqual(to: expected.y, absoluteTolerance: tol)
            else { return "model \(k): objective \(objective) x \(result.variableValues), expected \(expected.objective)" }
            if method != .interiorPoint {
                guard let duals = result.rowDuals,
                      zip(duals, expected.duals).allSatisfy({ $0.isApproximatelyEqual(to: $1, absoluteTolerance: 1e-9) })
                else { return "model \(k): duals \(result.rowDuals ?? [])" }
            }
            return nil
        } catch {
            return "model \(k): threw \(error)"
        }
    }

    @Test func concurrentPerformSolvesTwoHundredModels() {
        let count = 200
        let slots = Slots(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            slots[k] = Self.check(k)
        }
        #expect(slots.failures.isEmpty, "\(slots.failures)")
    }

    @Test func dedicatedThreadsSolveInterleavedModels() {
        // Eight plain threads, each solving every eighth model, including MIPs.
        let count = 200, threads = 8
        let slots = Slots(count: count)
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            let worker = Thread {
                for k in stride(from: thread, to: count, by: threads) {
                    if k % 10 == 0 {
                        // The knapsack MIP (optimum 96, see SpecialMIPs.knapsack) in the mix.
                        let result = try? GLPKSolver.solve(SpecialMIPs.knapsack.model)
                        if result?.termination.reason != .optimal
                            || result?.objectiveValue?.isApproximatelyEqual(to: 96, absoluteTolerance: 1e-9) != true {
                            slots[k] = "knapsack on thread \(thread): \(String(describing: result?.termination))"
                        }
                    } else {
                        slots[k] = Self.check(k)
                    }
                }
                group.leave()
            }
            worker.start()
        }
        group.wait()
        #expect(slots.failures.isEmpty, "\(slots.failures)")
    }

    @Test func concurrentTasksEachSolveSynchronously() async {
        // From async code each solve is one synchronous call with no suspension inside, so
        // the GLPK problem never changes thread mid-solve.
        let failures = await withTaskGroup(of: String?.self) { group in
            for k in 0..<100 { group.addTask { Self.check(k) } }
            var failures: [String] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
