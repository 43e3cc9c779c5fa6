/// Where a decomposed solve stands after one pricing round (see ``DecompositionOptions/progress``):
/// numbers only, worded by the caller.
public struct DecompositionProgress: Sendable, Hashable {
    /// The round just finished (1-based).
    public var round: Int
    /// The restricted master's objective, a feasible value once the artificials are out.
    public var masterObjective: Double
    /// The best Lagrangian bound so far: the optimum is between the master objective and it.
    public var bound: Double
    /// (bound − master objective) relative to the objective's scale; the solve stops when it is tiny.
    public var relativeGap: Double
    /// Whether the master still leans on artificial columns (a big-M phase): its objective and the
    /// gap then carry the penalty and say nothing about the plan yet.
    public var artificialsInUse: Bool

    /// Makes a round's report.
    public init(round: Int, masterObjective: Double, bound: Double, relativeGap: Double, artificialsInUse: Bool = false) {
        self.round = round
        self.artificialsInUse = artificialsInUse
        self.masterObjective = masterObjective
        self.bound = bound
        self.relativeGap = relativeGap
    }
}
