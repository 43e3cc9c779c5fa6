/// Where a long solve stands, published while it runs (see ``SolverOptions/progress``).
///
/// Numbers only: the LP layer says nothing in words; the caller decides how (and whether) to show them.
public enum SolverProgress: Sendable, Hashable {
    /// Branch-and-cut (`glp_intopt`) is searching.
    case branchAndCut(BranchAndCutProgress)
}

/// One observation of a branch-and-cut search, taken in GLPK's callback.
public struct BranchAndCutProgress: Sendable, Hashable {
    /// The best integer solution's objective so far (nil before the first one).
    public var incumbent: Double?
    /// The best bound of the open nodes (nil when GLPK has none, e.g. the tree is exhausted).
    public var bestBound: Double?
    /// GLPK's relative gap |incumbent − bound| / (|incumbent| + ε) (nil without an incumbent).
    public var relativeGap: Double?
    /// Open (active) nodes of the search tree.
    public var openNodes: Int
    /// Seconds since branch-and-cut started.
    public var seconds: Double

    /// Makes an observation.
    public init(incumbent: Double?, bestBound: Double?, relativeGap: Double?, openNodes: Int, seconds: Double) {
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.openNodes = openNodes
        self.seconds = seconds
    }
}
