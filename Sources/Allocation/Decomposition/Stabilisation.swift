/// Dual stabilisation of the column generation by Wentges smoothing (docs/decomposition.md §3):
/// the blocks are priced at α·π_center + (1 − α)·π_master, where the stability center
/// π_center is the price vector with the best (lowest) Lagrangian bound so far. When smoothed
/// prices find no column (a mis-price) the loop prices again at the master's own duals (α = 0).
struct WentgesStabilisation {
    /// α ∈ [0, 1); 0 disables smoothing.
    let smoothing: Double
    /// The stability center: the prices of the best bound since the last reset (nil: none yet).
    private(set) var center: [Double]? = nil
    /// The pricing duals of the blocks' own rows at the center (they certify its bound).
    private(set) var centerDuals: [[Double]] = []
    /// The best (lowest) Lagrangian bound since the last reset.
    private(set) var bestBound = Double.infinity

    init(smoothing: Double) { self.smoothing = smoothing }

    /// The smoothing factor for the next pricing: none before a center exists or while the
    /// master still uses its artificial columns.
    func alpha(masterFeasible: Bool) -> Double { (center != nil && masterFeasible) ? smoothing : 0 }

    /// The prices to price the blocks at, for the master's (sign-feasible) duals and `alpha`.
    func prices(around masterPrices: [Double], alpha: Double) -> [Double] {
        var prices = masterPrices
        if alpha > 0, let center { for l in prices.indices { prices[l] = alpha * center[l] + (1 - alpha) * masterPrices[l] } }
        return prices
    }

    /// Records the Lagrangian bound `bound` found at `prices`: a better one (or the first since
    /// a reset) becomes the center. `duals` is read only then.
    mutating func record(bound: Double, at prices: [Double], duals: () -> [[Double]]) {
        if center == nil || bound < bestBound {
            bestBound = bound
            center = prices
            centerDuals = duals()
        }
    }

    /// Drops the center (the master has just become feasible: bounds of the big-M phase are
    /// valid but far off); the next recorded bound replaces the best one.
    mutating func forgetCenter() { center = nil }

    /// Forgets the center and the best bound (the master's objective has changed: the big-M
    /// penalty was raised).
    mutating func reset() {
        center = nil
        bestBound = .infinity
    }
}
