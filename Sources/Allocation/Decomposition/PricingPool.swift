import Foundation
import LinearProgramming

/// What one pricing LP returned for one block at one vector of linking prices.
struct PricingOutput: Sendable {
    /// Whether the pricing LP was solved to optimality.
    var optimal = false
    var termination: TerminationReason = .numericalError
    /// ζ_b(π): the optimal value of max (c − πA_b)·u over the block's polytope.
    var value = 0.0
    /// c·u: the model's objective at the point.
    var cost = 0.0
    /// A_b·u: the point's activity in each linking row it touches (sparse).
    var usageRows: [Int32] = []
    var usageValues: [Double] = []
    /// The point u (local column order), non-zeros only.
    var pointIndices: [Int32] = []
    var pointValues: [Double] = []
    /// Duals of the block's own rows (local row order).
    var rowDuals: [Double] = []
    /// Simplex iterations spent.
    var iterations = 0
    /// An LP pricing solve that GLPK answered (the dense simplex could not, or the LP is too large for it).
    var answeredByGLPK = false
    /// How the block's problem was answered (for the statistics).
    var work: PricingWork = .lp
    /// The CPU seconds its thread spent on the block when it was solved by branch-and-cut (0
    /// otherwise: the pool times each worker's whole share instead, see
    /// ``PricingPool/roundCPUSeconds``; a thread's CPU clock is a system call on Linux).
    var cpuSeconds = 0.0
}

/// How one block's pricing problem was answered this round.
enum PricingWork: Sendable {
    /// An LP (``LPPricing``).
    case lp
    /// A MIP whose LP relaxation (warm-started) was already integral: no branching.
    case integralRelaxation
    /// A MIP solved by branch-and-cut.
    case branchAndCut
    /// Not re-solved: its value bounded from its last solve (``MIPPricing``'s safe skip rule).
    case skipped
}

/// Long-lived worker threads, each owning the pricers (``BlockPricer``, made by a
/// ``PricingSolver``) of its share of the blocks, created, re-solved and freed on that thread
/// (docs/lp-layer.md: a GLPK problem never changes thread). The calling thread hands out prices
/// and waits on semaphores; nothing GLPK crosses a thread.
///
/// `@unchecked Sendable`: the shared buffers are written only between a `start` signal and the
/// matching `done` signal, each block's slot by its one owning thread; the semaphores order
/// every write before the caller's reads (and the caller's price writes before the workers').
final class PricingPool: @unchecked Sendable {
    let blocks: [CommuneBlocks.Block]
    let workerCount: Int
    /// What solves each block's pricing problem.
    let solver: any PricingSolver
    /// Prices of the linking rows for the current round (written by the caller between rounds).
    private(set) var prices: [Double]
    /// Which blocks to price this round, and how far a skipped block's value may be above its
    /// last point's (written by the caller between rounds).
    private var active: [Bool]
    private var skipTolerance = 0.0
    private let outputs: UnsafeMutableBufferPointer<PricingOutput>
    /// Each block's pricer's last basis (``BlockPricer/finalBasis()``), read on its worker
    /// thread by ``shutdown(keepingBases:)`` when asked.
    private let finalBases: UnsafeMutableBufferPointer<DenseSimplexSession.Basis?>
    /// CPU seconds each worker spent on its share of the last round (written by that worker only).
    private let workerCPUSeconds: UnsafeMutableBufferPointer<Double>
    private let start: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    private var stopping = false
    /// Whether the workers read their pricers' last bases as they stop.
    private var keepingBases = false
    private var threads: [Thread] = []

    init(blocks: [CommuneBlocks.Block], linkingRowCount: Int, workers: Int, solver: any PricingSolver) {
        self.blocks = blocks
        self.workerCount = max(1, min(workers, blocks.count))
        self.solver = solver
        prices = [Double](repeating: 0, count: linkingRowCount)
        active = [Bool](repeating: true, count: blocks.count)
        outputs = .allocate(capacity: blocks.count)
        outputs.initialize(repeating: PricingOutput())
        finalBases = .allocate(capacity: blocks.count)
        finalBases.initialize(repeating: nil)
        workerCPUSeconds = .allocate(capacity: workerCount)
        workerCPUSeconds.initialize(repeating: 0)
        start = (0..<workerCount).map { _ in DispatchSemaphore(value: 0) }
        for w in 0..<workerCount {
            let thread = Thread { [self] in self.run(worker: w) }
            thread.stackSize = 8 << 20
            thread.name = "ntm-pricing-\(w)"
            threads.append(thread)
            thread.start()
        }
    }

    deinit {
        outputs.deinitialize()
        outputs.deallocate()
        finalBases.deinitialize()
        finalBases.deallocate()
        workerCPUSeconds.deallocate()
    }

    /// The latest output of block `b` (valid after ``round(prices:only:)`` returns).
    func output(_ b: Int) -> PricingOutput { outputs[b] }

    /// Every block's latest value ζ_b(π), read in place (no output copied).
    func values() -> [Double] { outputs.indices.map { outputs[$0].value } }

    /// The latest points' usage A_b·u of each linking row, summed over the blocks in block order.
    func linkingUsage() -> [Double] {
        var usage = [Double](repeating: 0, count: prices.count)
        for b in outputs.indices {
            for k in outputs[b].usageRows.indices { usage[Int(outputs[b].usageRows[k])] += outputs[b].usageValues[k] }
        }
        return usage
    }

    /// CPU seconds the workers spent on the last round, all threads together (valid after
    /// ``round(prices:only:)`` returns).
    var roundCPUSeconds: Double { workerCPUSeconds.reduce(0, +) }

    /// Prices every block (or those in `only`) at `prices` on the worker threads; returns when all
    /// are done. `skipTolerance` > 0 lets a pricer with a safe skip rule answer without solving
    /// (``BlockPricer/price(at:skipTolerance:)``).
    func round(prices: [Double], only: [Bool]? = nil, skipTolerance: Double = 0) {
        self.prices = prices
        self.skipTolerance = skipTolerance
        active = only ?? [Bool](repeating: true, count: blocks.count)
        for s in start { s.signal() }
        for _ in start { done.wait() }
    }

    /// Block `b`'s pricer's last basis, where a later stage's pricing of the same block starts
    /// (valid after ``shutdown(keepingBases:)`` with `true`; nil when it has none).
    func finalBasis(_ b: Int) -> DenseSimplexSession.Basis? { finalBases[b] }

    /// Stops the workers; with `keepingBases`, each pricer's last basis is kept first
    /// (``finalBasis(_:)``: copying 2,000 inverses is wasted where no later stage starts from
    /// them). The pricers (and GLPK problems) are freed on their own threads. Returns when all
    /// have exited; a second call does nothing.
    func shutdown(keepingBases: Bool = false) {
        guard !stopping else { return }
        self.keepingBases = keepingBases
        stopping = true
        for s in start { s.signal() }
        for _ in start { done.wait() }
    }

    /// CPU seconds the calling thread has used (steadier than the wall clock on a shared machine).
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    private func run(worker w: Int) {
        let mine = Array(stride(from: w, to: blocks.count, by: workerCount))
        var pricers: [Int: any BlockPricer] = [:]
        while true {
            start[w].wait()
            if stopping { break }
            let prices = self.prices, skipTolerance = self.skipTolerance
            let began = Self.threadCPUSeconds()
            for b in mine where active[b] {
                if pricers[b] == nil { pricers[b] = solver.makePricer(for: blocks[b]) }
                outputs[b] = pricers[b]!.price(at: prices, skipTolerance: skipTolerance)
            }
            workerCPUSeconds[w] = Self.threadCPUSeconds() - began
            done.signal()
        }
        if keepingBases { for (b, pricer) in pricers { finalBases[b] = pricer.finalBasis() } }
        pricers.removeAll()
        done.signal()
    }
}
