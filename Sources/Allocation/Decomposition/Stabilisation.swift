/// Dual stabilisation of the column generation by Wentges smoothing (docs/decomposition.md §3):
/// the blocks are priced at α·π_center + (1 − α)·π_master, where the stability center
/// π_center is the price vector with the best (lowest) Lagrangian bound so far. When smoothed
/// prices find no column (a mis-price) the loop prices again at the master's own duals (α = 0).
struct WentgesStabilisation {
    /// α ∈ [0, 1); 0 disables smoothing.
    private(set) var smoothing: Double
    /// Whether α adapts to the subgradient at the smoothed prices (``adapt(subgradient:masterPrices:)``).
    let adaptive: Bool
    /// The stability center: the prices of the best bound since the last reset (nil: none yet).
    private(set) var center: [Double]? = nil
    /// The pricing duals of the blocks' own rows at the center (they certify its bound).
    private(set) var centerDuals: [[Double]] = []
    /// The best (lowest) Lagrangian bound since the last reset.
    private(set) var bestBound = Double.infinity

    init(smoothing: Double, adaptive: Bool = false) {
        self.smoothing = smoothing
        self.adaptive = adaptive && smoothing > 0
    }

    /// Adapts α after a pricing at smoothed prices, by the automatic smoothing of Pessoa, Sadykov,
    /// Uchoa and Vanderbeck (INFORMS J. Computing 30(2), 2018): `subgradient` is the bound's
    /// subgradient there. When the bound falls from there toward the master's duals (the
    /// subgradient and the direction center → master make an obtuse angle), the next prices move
    /// closer to the master's (α − 0.1, not below 0); otherwise α grows by a tenth of what is
    /// left to 1 (at most 0.9). α only chooses where to price: the bound and its certificate do
    /// not depend on it.
    mutating func adapt(subgradient: [Double], masterPrices: [Double]) {
        guard adaptive, let center else { return }
        var slope = 0.0
        for l in subgradient.indices { slope += subgradient[l] * (masterPrices[l] - center[l]) }
        smoothing = slope < 0 ? max(0, smoothing - 0.1) : min(0.9, smoothing + (1 - smoothing) * 0.1)
    }

    /// The smoothing factor for the next pricing: none before a center exists or while the
    /// master still uses its artificial columns. Adaptive, it may reach 0 and grow again.
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
