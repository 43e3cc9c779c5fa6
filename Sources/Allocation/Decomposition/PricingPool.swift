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
}

/// Long-lived worker threads, each owning the pricing LPs (``GLPKSession``s) of its share of the
/// blocks, created, re-solved and freed on that thread (docs/lp-layer.md: a GLPK problem never
/// changes thread). The calling thread hands out prices and waits on semaphores; nothing GLPK
/// crosses a thread.
///
/// `@unchecked Sendable`: the shared buffers are written only between a `start` signal and the
/// matching `done` signal, each block's slot by its one owning thread; the semaphores order
/// every write before the caller's reads (and the caller's price writes before the workers').
final class PricingPool: @unchecked Sendable {
    let blocks: [CommuneBlocks.Block]
    let workerCount: Int
    let warmStart: Bool
    let options: SolverOptions
    /// Prices of the linking rows for the current round (written by the caller between rounds).
    private(set) var prices: [Double]
    /// Which blocks to price this round (written by the caller between rounds).
    private var active: [Bool]
    private let outputs: UnsafeMutableBufferPointer<PricingOutput>
    private let start: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    private var stopping = false
    private var threads: [Thread] = []

    init(blocks: [CommuneBlocks.Block], linkingRowCount: Int, workers: Int, warmStart: Bool, options: SolverOptions) {
        self.blocks = blocks
        self.workerCount = max(1, min(workers, blocks.count))
        self.warmStart = warmStart
        self.options = options
        prices = [Double](repeating: 0, count: linkingRowCount)
        active = [Bool](repeating: true, count: blocks.count)
        outputs = .allocate(capacity: blocks.count)
        outputs.initialize(repeating: PricingOutput())
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
    }

    /// The latest output of block `b` (valid after ``round(prices:only:)`` returns).
    func output(_ b: Int) -> PricingOutput { outputs[b] }

    /// Prices every block (or those in `only`) at `prices` on the worker threads; returns when all are done.
    func round(prices: [Double], only: [Bool]? = nil) {
        self.prices = prices
        active = only ?? [Bool](repeating: true, count: blocks.count)
        for s in start { s.signal() }
        for _ in start { done.wait() }
    }

    /// Stops the workers; their GLPK problems are freed on their own threads. Returns when all have exited.
    func shutdown() {
        guard !stopping else { return }
        stopping = true
        for s in start { s.signal() }
        for _ in start { done.wait() }
    }

    private func run(worker w: Int) {
        let mine = Array(stride(from: w, to: blocks.count, by: workerCount))
        var sessions: [Int: GLPKSession] = [:]
        while true {
            start[w].wait()
            if stopping { break }
            let prices = self.prices
            for b in mine where active[b] {
                let block = blocks[b]
                if warmStart {
                    if sessions[b] == nil {
                        sessions[b] = try? GLPKSession(block.program, options: options)
                    }
                    outputs[b] = Self.price(block, session: sessions[b], prices: prices)
                } else {
                    let session = try? GLPKSession(block.program, options: options)
                    outputs[b] = Self.price(block, session: session, prices: prices)
                }
            }
            done.signal()
        }
        sessions.removeAll()
        done.signal()
    }

    /// Sets the reduced objective c_j − Σ_i π_i a_ij of the block's linking columns, solves, reads back.
    static func price(_ block: CommuneBlocks.Block, session: GLPKSession?, prices: [Double]) -> PricingOutput {
        var output = PricingOutput()
        guard let session else { return output }
        for k in block.linkColumns.indices {
            var c = block.linkObjective[k]
            for e in block.linkStart[k]..<block.linkStart[k + 1] {
                c -= prices[Int(block.linkRow[e])] * block.linkCoefficient[e]
            }
            do { try session.setObjective(c, for: VariableID(Int(block.linkColumns[k]))) } catch { return output }
        }
        let result = session.solve()
        output.termination = result.termination.reason
        output.iterations = result.iterations
        guard result.termination.reason == .optimal, let value = result.objectiveValue else { return output }
        output.optimal = true
        output.value = value
        let u = result.variableValues
        var cost = 0.0
        let variables = block.program.variables
        // Values within 1e-9 of zero are the simplex's round-off (a basic variable at 1e-15):
        // dropped, so that master columns carry no meaningless tiny coefficients.
        for (j, x) in u.enumerated() where abs(x) > 1e-9 {
            output.pointIndices.append(Int32(j))
            output.pointValues.append(x)
            cost += variables[j].objective * x
        }
        output.cost = cost
        var usage: [Int32: Double] = [:]
        for k in block.linkColumns.indices {
            let x = u[Int(block.linkColumns[k])]
            guard abs(x) > 1e-9 else { continue }
            for e in block.linkStart[k]..<block.linkStart[k + 1] {
                usage[block.linkRow[e], default: 0] += block.linkCoefficient[e] * x
            }
        }
        for l in usage.keys.sorted() {
            output.usageRows.append(l)
            output.usageValues.append(usage[l]!)
        }
        output.rowDuals = result.rowDuals ?? []
        return output
    }
}
