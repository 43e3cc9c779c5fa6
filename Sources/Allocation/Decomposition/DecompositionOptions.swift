import Foundation

/// Which algorithm ``AllocationModel/solve(options:path:decomposition:)`` uses.
public enum SolvePath: String, Sendable, Hashable, CaseIterable, Codable {
    /// One LP with every row and column (``AllocationModel/solve(options:)``).
    case monolithic
    /// Dantzig–Wolfe column generation over the communes (LP mode only; a MIP is solved
    /// monolithically whatever the path).
    case decomposed
    /// Decomposed for LPs with at least ``DecompositionOptions/automaticThreshold`` commune-years
    /// (communes × periods), monolithic otherwise and for every MIP.
    case automatic
}

/// Settings of the decomposed solve (docs/decomposition.md §3).
public struct DecompositionOptions: Sendable {
    /// Worker threads for the pricing LPs (default: the machine's active cores, at most 8).
    public var workers: Int = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    /// Keep each commune's pricing LP alive (warm-started) across rounds; false re-creates it every round.
    public var warmStart: Bool = true
    /// Solve the warm-started pricing LPs by the dense simplex (``DenseSimplexSession``; GLPK for
    /// what it gives up and for LPs of more than 64 rows); false: GLPK every time.
    public var densePricing: Bool = true
    /// Solve the restricted master by the GUB simplex (``GUBSimplexSession``: the convexity rows
    /// kept implicit, a working basis over the linking rows only; GLPK for what it gives up);
    /// false: GLPK's primal simplex over every row.
    public var gubMaster: Bool = true
    /// Wentges smoothing factor α ∈ [0, 1): price at α·π_best + (1 − α)·π_master (0: no smoothing).
    /// With ``adaptiveSmoothing`` it is the first round's α.
    public var smoothing: Double = 0.5
    /// Adapt α every round to the bound's subgradient at the smoothed prices (Pessoa, Sadykov,
    /// Uchoa and Vanderbeck's automatic smoothing): smaller when the bound falls toward the
    /// master's duals, larger otherwise. Measured (docs/decomposition.md §5): the same plans;
    /// 10 % fewer instructions at 200 and 2,000 communes (stage-1 rounds 21 → 13); 8 % more wall
    /// time at 8,000, where the master's pivots dominate.
    public var adaptiveSmoothing: Bool = true
    /// Stop when (Lagrangian bound − master objective) ≤ relativeGap · max(1, |objective|).
    public var relativeGap: Double = 1e-9
    /// Safety limit on the number of pricing rounds.
    public var maxRounds: Int = 5000
    /// When the decomposition cannot finish (an infeasible or numerically troubled block,
    /// an infeasible master, the round limit), solve monolithically instead of failing. Not
    /// after the time limit: with no time left the answer is the limit, without a plan.
    public var fallbackToMonolithic: Bool = true
    /// ``SolvePath/automatic`` decomposes LPs with at least this many commune-years, communes ×
    /// periods (measured on a 2-core machine: 2 communes monolithic 0.1 ms vs 1.5 ms; 181
    /// communes (Lạng Sơn 2021–2025) 0.77 s vs 0.12 s; five-year provinces break even at 15–20
    /// communes, and Lạng Sơn 2026–2030, 65 communes × 5 years, takes 55 s monolithic against
    /// 11.5 s decomposed; see docs/decomposition.md).
    public var automaticThreshold: Int = 100
    /// Decompose a MIP too, on the ``SolvePath/decomposed`` path and on ``SolvePath/automatic``
    /// from ``automaticThreshold`` commune-years on (MIP pricing per commune, a certified bound,
    /// fix-and-solve and the restricted master MIP for plans, and branch-and-price where they
    /// leave the gap open). Off (the library's default; the command-line tool turns it on unless
    /// `--solver monolithic`): a MIP is always solved monolithically.
    public var decomposeMIP: Bool = false
    /// The most branch-and-price nodes a decomposed MIP solves before it gives up
    /// (``DecompositionFallback/gapNotClosed(gap:limit:)``) and the monolithic branch-and-cut
    /// takes over with the time left.
    public var maxBranchNodes: Int = 1000
    /// Columns of an earlier decomposition of the same blocks (``DecompositionStatistics/generatedColumns``):
    /// a re-solve that changes only linking-row bounds (a pooled budget) starts from them. They
    /// are held in a reserve from which a column enters the master when it prices out at the
    /// master's duals, before any pricing round. Checked before use (fingerprint, each point
    /// against its block's rows and bounds), so a seed from another scenario is useless, never
    /// wrong; the stopping rule and the bound are unchanged. nil: a cold start.
    public var seedColumns: DecompositionColumns? = nil
    /// Whether the decomposition hands its columns back (``DecompositionStatistics/generatedColumns``)
    /// for a later re-solve to start from. Off where nothing re-solves from them (a re-solve whose
    /// value alone is read, the tie-break's face): gathering them took 0.07 s of CPU at 2,000
    /// communes. The decomposed MIP always keeps its own (its branching and fixed LP start from them).
    public var handsBackColumns: Bool = true
    /// Master columns with no weight in this many master solves in a row (and not basic) are
    /// removed from the master (kept for the seed of a re-solve); nil: the master keeps every
    /// column. Idleness counts priced rounds. Not applied in the decomposed MIP's MIP-pricing
    /// phase (its restricted master MIP chooses among all its columns). 3 measured best (docs/decomposition.md §5: the 8,000-commune solve 26 % faster;
    /// 1 makes the columns come back round after round: 8× slower on a five-year province).
    public var dropIdleColumnsAfter: Int? = 3
    /// Receives one line per round (objective, bound, columns added, seconds); nil: silent.
    public var trace: (@Sendable (String) -> Void)? = nil
    /// Receives the figures of each round (for a progress display); nil: none.
    public var progress: (@Sendable (DecompositionProgress) -> Void)? = nil

    public init() {}
}

/// What a decomposed solve did and where its time went.
public struct DecompositionStatistics: Sendable {
    /// Communes with a block (a column), and linking rows.
    public var blocks = 0
    public var linkingRows = 0
    /// Pricing rounds (each prices every block whose prices matter), master solves, columns generated.
    public var rounds = 0
    public var masterSolves = 0
    public var columns = 0
    /// Final Lagrangian bound and master objective; gap = bound − objective.
    public var bound = 0.0
    public var objective = 0.0
    /// Seconds: splitting the model, pricing (wall clock on the workers), master LP, recovery.
    public var setupSeconds = 0.0
    public var pricingSeconds = 0.0
    public var masterSeconds = 0.0
    public var recoverySeconds = 0.0
    public var totalSeconds = 0.0
    /// Simplex iterations: in the pricing LPs, in the master.
    public var pricingIterations = 0
    public var masterIterations = 0
    /// Pricing LPs the dense simplex handed to GLPK (``DenseSimplexSession``), of all pricing LP solves.
    public var pricingSolvesByGLPK = 0
    public var pricingLPSolves = 0
    /// Master solves GLPK answered (all of them without ``DecompositionOptions/gubMaster``, else
    /// those after the GUB simplex gave up), and the GUB simplex's pricing passes over every column.
    public var masterSolvesByGLPK = 0
    public var masterFullPricingPasses = 0
    /// Times the big-M penalty of the master's artificial columns was raised.
    public var penaltyIncreases = 0
    /// Blocks (indices into the block list) whose recovered point mixes several columns: at
    /// most as many as there are linking rows in a basic master solution.
    public var mixedBlocks: [Int] = []
    /// Blocks whose recovered point is not, to the column tolerance, a best point of their own
    /// problem at the certifying prices: the pricing found one better by more than the
    /// tolerance, which the master left out (GLPK's dual tolerance on the master's scaled
    /// costs: about 10⁻⁷ of a block's value, coarser than the 10⁻¹² the tie-break stage asks for).
    /// The tie-break stage leaves them free, with the mixed blocks, in its exact final LP.
    public var unsettledBlocks: [Int] = []
    /// Decomposed MIP: the restricted master MIP's incumbent, the certified relative gap
    /// (bound − incumbent)/|incumbent|, and the seconds the restricted master MIP took.
    public var incumbent: Double? = nil
    public var mipGap: Double? = nil
    public var restrictedMasterSeconds = 0.0
    /// Decomposed MIP: the primal heuristic whose plan was kept ("fix_and_solve" or "restricted_master_mip").
    public var heuristic: String? = nil
    /// The master's columns at convergence, with the seeded columns that never entered it (nil
    /// when it gave up): pass them as
    /// ``DecompositionOptions/seedColumns`` to a re-solve that changes only linking-row bounds.
    public var generatedColumns: DecompositionColumns? = nil
    /// Columns removed from the master after ``DecompositionOptions/dropIdleColumnsAfter`` solves
    /// without weight.
    public var droppedColumns = 0
    /// Seeded columns (``DecompositionOptions/seedColumns``): admitted (valid points of their
    /// block), of which entered the master; and dropped because they violate a row or bound of
    /// their block (or repeat one).
    public var seededColumns = 0
    public var seedColumnsUsed = 0
    public var seedColumnsDropped = 0
    /// Whether the seed's points were checked one by one against their blocks (not when they
    /// are the columns of an LP decomposition over the very same split).
    public var seedColumnsChecked = false
    /// Whether a seed was given but describes another block structure (ignored whole).
    public var seedRejected = false
    /// Set when the decomposition gave up (and the monolithic LP was solved instead, unless
    /// ``DecompositionOptions/fallbackToMonolithic`` is off): why.
    public var fallback: DecompositionFallback? = nil
    /// ``fallback`` in words (nil when the decomposition finished).
    public var fallbackReason: String? { fallback?.description }

    // Decomposed MIP, where its time went (docs/decomposition.md, "Decomposed MIP").
    /// CPU seconds of the pricing threads, all blocks, and those of the block MIPs solved by branch-and-cut.
    public var pricingCPUSeconds = 0.0
    public var branchAndCutCPUSeconds = 0.0
    /// Block pricing problems solved by branch-and-cut (`glp_intopt` calls).
    public var blockMIPSolves = 0
    /// Block pricing problems whose warm-started LP relaxation was already integral (no branching).
    public var blockLPIntegral = 0
    /// Block pricing problems not re-solved: their value was bounded from their last solve
    /// (``MIPPricing`` safe skip rule).
    public var blocksSkipped = 0
    /// The LP-pricing phase before the MIP pricing: its rounds, seconds and its bound (the LP
    /// relaxation's optimum to the phase's gap: a valid, weaker bound on the MIP).
    public var lpPhaseRounds = 0
    public var lpPhaseSeconds = 0.0
    public var lpBound: Double? = nil
    /// Seconds of the fix-and-solve heuristic (part of ``restrictedMasterSeconds``).
    public var fixAndSolveSeconds = 0.0
    /// Decomposed MIP, branch-and-price (docs/decomposition.md, "Branching"): nodes solved (the
    /// root not counted), of which pruned as infeasible, the deepest node's depth, and the
    /// seconds of the tree search.
    public var branchNodes = 0
    public var branchNodesInfeasible = 0
    public var branchDepth = 0
    public var branchSeconds = 0.0

    public init() {}
}
