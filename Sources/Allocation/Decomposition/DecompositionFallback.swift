import LinearProgramming

/// Why a solve did not (or could not) finish on the decomposed path, and so took the monolithic
/// one (or, without ``DecompositionOptions/fallbackToMonolithic``, failed). Reported to the
/// user on the terminal and in summary.json.
public enum DecompositionFallback: Sendable, Hashable, CustomStringConvertible {
    /// `automatic` path: fewer commune-years (communes × periods) than
    /// ``DecompositionOptions/automaticThreshold`` (the
    /// monolithic LP is faster there).
    case tooFewCommunes(communeYears: Int, threshold: Int)
    /// The model has integer columns and the decomposed MIP was not asked for
    /// (``DecompositionOptions/decomposeMIP``; the command-line tool asks for it unless
    /// `--solver monolithic` or `--lp-method` is given).
    case mipMode
    /// A column belongs to no commune, or a row that does not link communes spans two.
    case noBlockStructure
    /// A commune's own LP is infeasible or unbounded at zero linking prices.
    case communeUnsolvable(commune: String, termination: TerminationReason)
    /// The linking rows cannot be met by any mix of the communes' plans (the master stays on its
    /// artificial columns at the largest penalty).
    case linkingRowsInfeasible
    /// The column generation did not converge within ``DecompositionOptions/maxRounds``.
    case roundLimit(rounds: Int, gap: Double)
    /// The time limit (or deadline) passed during the column generation.
    case timeLimit(rounds: Int)
    /// The master or a pricing LP ended other than optimal, or could not be loaded or changed.
    case numericalTrouble(String)
    /// The recovered plan failed the check against the model.
    case verificationFailed(String)
    /// Decomposed MIP: neither the heuristics nor the branch-and-price tree found a plan
    /// (the tree was exhausted, or a limit came first).
    case noIncumbent(TerminationReason)
    /// Decomposed MIP: the branch-and-price tree reached its node limit
    /// (``DecompositionOptions/maxBranchNodes``) with the certified gap still above the MIP gap
    /// asked for (+∞: no plan yet).
    case gapNotClosed(gap: Double, limit: Double)

    /// A snake_case identifier for summary.json.
    public var identifier: String {
        switch self {
        case .tooFewCommunes: "too_few_communes"
        case .mipMode: "mip_mode"
        case .noBlockStructure: "no_block_structure"
        case .communeUnsolvable: "commune_unsolvable"
        case .linkingRowsInfeasible: "linking_rows_infeasible"
        case .roundLimit: "round_limit"
        case .timeLimit: "time_limit"
        case .numericalTrouble: "numerical_trouble"
        case .verificationFailed: "verification_failed"
        case .noIncumbent: "no_incumbent"
        case .gapNotClosed: "gap_not_closed"
        }
    }

    /// Whether the decomposition was tried and gave up (false: the `automatic` path chose the
    /// monolithic one before trying).
    public var isFailure: Bool {
        switch self {
        case .tooFewCommunes, .mipMode: false
        default: true
        }
    }

    /// One English sentence (the technical detail; reports translate the identifier).
    public var description: String {
        switch self {
        case .tooFewCommunes(let communeYears, let threshold):
            "\(communeYears) commune-years (communes × years), fewer than the \(threshold) from which the automatic path decomposes"
        case .mipMode: "the model is a MIP, solved monolithically unless --solver decomposed asks for the decomposed MIP"
        case .noBlockStructure: "the model has no commune block structure"
        case .communeUnsolvable(let commune, let termination):
            "the LP of commune \(commune) is \(termination.rawValue) on its own"
        case .linkingRowsInfeasible: "the linking rows cannot be met (artificial columns stay positive): infeasible"
        case .roundLimit(let rounds, let gap): "no convergence in \(rounds) rounds (gap \(gap))"
        case .timeLimit(let rounds): "time limit reached after \(rounds) rounds"
        case .numericalTrouble(let detail): detail
        case .verificationFailed(let detail): detail
        case .noIncumbent(let termination):
            "the decomposed MIP found no plan (the search ended \(termination.rawValue))"
        case .gapNotClosed(let gap, let limit):
            "the branch-and-price node limit was reached with the certified gap \(gap) above the MIP gap \(limit)"
        }
    }
}

/// Which path a solve took, and why the monolithic one when decomposing was asked for or
/// possible (docs/decomposition.md).
public enum SolvePathTaken: Sendable, Hashable {
    /// Solved by the decomposition.
    case decomposed
    /// Solved monolithically: asked for (nil), or for the reason given.
    case monolithic(DecompositionFallback?)

    /// "decomposed" or "monolithic".
    public var identifier: String {
        switch self {
        case .decomposed: "decomposed"
        case .monolithic: "monolithic"
        }
    }

    /// Why the monolithic path was taken (nil: decomposed, or monolithic by request).
    public var fallback: DecompositionFallback? {
        if case .monolithic(let reason) = self { return reason }
        return nil
    }
}
