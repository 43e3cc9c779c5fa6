import LinearProgramming

/// A solve between its two stages (docs/model.md §9): the checked first-stage answer, and what
/// the tie-break stage needs to choose the reported plan among the optimal ones.
///
/// ``AllocationModel/solveFirstStage(options:path:decomposition:tieBreak:)`` makes one;
/// ``plan(onTieBreak:)`` finishes it. In between, work that needs only the first stage (the gain
/// split's re-solve, which starts from ``statistics``' columns) can run on another thread.
public struct StagedSolve: Sendable {
    /// The model solved.
    public let model: AllocationModel
    /// The first stage's answer, checked against the model (a failed check has no solution).
    public let firstStage: SolveResult
    /// What the decomposition did (nil when the monolithic path was taken without trying it).
    public let statistics: DecompositionStatistics?
    /// The path the first stage took.
    public let path: SolvePathTaken
    /// Whether ``plan(onTieBreak:)`` runs the tie-break stage.
    let tieBreak: Bool
    let timeLimit: Double?
    let deadline: ContinuousClock.Instant?
    /// The decomposition settings of a decomposed tie-break stage (nil: the face is solved whole).
    let decomposition: DecompositionOptions?

    /// Whether the first stage has a plan (optimal, or feasible at a limit).
    public var hasSolution: Bool { firstStage.termination.hasSolution }

    /// The reported plan: the canonical one after the tie-break stage (when asked for), else the
    /// first stage's. `onTieBreak` is called as the stage begins.
    public func plan(onTieBreak: (@Sendable () -> Void)? = nil) -> AllocationPlan {
        // A decomposed tie-break stage starts from the first stage's final columns.
        var faceSettings = decomposition
        faceSettings?.seedColumns = statistics?.generatedColumns
        var plan = tieBreak ? model.canonicalPlan(from: firstStage, timeLimit: timeLimit, deadline: deadline,
                                                  decomposition: faceSettings, onTieBreak: onTieBreak)
                            : model.plan(from: firstStage)
        plan.solvePath = path
        return plan
    }
}
