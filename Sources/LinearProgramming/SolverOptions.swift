/// How ``GLPKSolver`` solves a model.
public struct SolverOptions: Sendable {
    /// The LP algorithm (also used for the root relaxation of a MIP).
    public enum Method: String, Sendable, CaseIterable {
        /// Primal simplex (`glp_simplex`, `GLP_PRIMAL`).
        case primalSimplex = "primal"
        /// Dual simplex, falling back to primal where needed (`GLP_DUALP`).
        case dualSimplex = "dual"
        /// Interior point (`glp_interior`); gives no basis, so no sensitivity ranges.
        case interiorPoint = "interior"
    }

    /// Which sensitivity ranges to compute from the optimal basis (`glp_analyze_bound`,
    /// `glp_analyze_coef`). Ranging costs a tableau column per row, so it is opt-in.
    public enum Sensitivity: Sendable, Equatable {
        case none
        /// Every binding row and every column.
        case all
        /// Only these rows (when binding) and columns.
        case selected(constraints: [ConstraintID], variables: [VariableID])
    }

    /// The starting basis of the simplex method (manual §2.6): GLPK's standard basis (all
    /// slacks basic), its advanced crash basis (`glp_adv_basis`, glpsol's default) or Bixby's
    /// (`glp_cpx_basis`).
    public enum InitialBasis: String, Sendable, CaseIterable {
        case standard = "std"
        case advanced = "adv"
        case bixby = "bib"
    }

    /// How the simplex method picks the entering column (manual §2.8.1, `pricing`).
    public enum SimplexPricing: String, Sendable, CaseIterable {
        /// Projected steepest edge (`GLP_PT_PSE`, GLPK's default): fewer pivots, each dearer.
        case steepestEdge = "pse"
        /// Dantzig's rule, the largest reduced cost (`GLP_PT_STD`): cheaper pivots, which pays
        /// off on LPs with many rows re-solved warm after a few columns are added (a
        /// decomposition's master: 22 % less master time at 8,000 communes).
        case dantzig = "std"
    }

    public var method: Method = .primalSimplex
    /// The simplex pricing rule.
    public var pricing: SimplexPricing = .steepestEdge
    /// The simplex starting basis for a cold solve (warm-started sessions keep their basis).
    public var initialBasis: InitialBasis = .advanced
    /// Run GLPK's LP presolver. It recovers only optimal solutions; on an infeasible or
    /// unbounded model the solver re-runs without it to tell which.
    public var presolve: Bool = false
    /// Scale the problem (`glp_scale_prob`, `GLP_SF_AUTO`) before solving.
    public var scaling: Bool = true
    /// Wall-clock limit for the whole solve, in seconds (nil: none).
    public var timeLimit: Double? = nil
    /// The instant the search must stop, whichever of it and ``timeLimit`` comes first (nil:
    /// none). A command sets it from its whole time budget, so that the solve gets only what
    /// loading and building left.
    public var deadline: ContinuousClock.Instant? = nil
    /// The instant the follow-up of a MIP search (the LP re-solved with the integers fixed, for
    /// duals) must stop (nil: no limit). Later than ``deadline``: it runs after the search.
    public var followUpDeadline: ContinuousClock.Instant? = nil
    /// Simplex iteration limit (nil: none).
    public var iterationLimit: Int? = nil
    /// Branch-and-cut stops when the relative gap falls to this value (`mip_gap`).
    public var relativeGap: Double = 0
    /// Turn on GLPK's MIP cuts (Gomory, MIR, cover, clique) and its feasibility pump.
    public var mipCuts: Bool = true
    /// Compute MIP duals by re-solving the LP with the integer variables fixed at their values.
    public var fixedMIPDuals: Bool = true
    /// Sensitivity ranges to compute (LP by simplex only; for a MIP, of the fixed LP).
    public var sensitivity: Sensitivity = .none
    /// Receives GLPK's terminal output; nil keeps GLPK silent (stdout belongs to the reports).
    public var log: (@Sendable (String) -> Void)? = nil
    /// Receives progress while the solve runs (branch-and-cut: incumbent, bound, gap), on the
    /// solving thread, at most every ``progressInterval`` seconds and at each new incumbent; nil:
    /// none. It must be quick and thread-safe (it is `@Sendable`: solves may run in parallel).
    public var progress: (@Sendable (SolverProgress) -> Void)? = nil
    /// The least time between two progress reports of one search (a new incumbent is always reported).
    public var progressInterval: Double = 0.2

    /// Default options: primal simplex, no presolve, scaling, no limits, no sensitivity.
    public init() {}

    /// Convenience initialiser.
    public init(method: Method = .primalSimplex, presolve: Bool = false, timeLimit: Double? = nil,
                relativeGap: Double = 0, sensitivity: Sensitivity = .none) {
        self.method = method
        self.presolve = presolve
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.sensitivity = sensitivity
    }

    func validate() throws(LPError) {
        if let t = timeLimit, !(t > 0) || !t.isFinite { throw .invalidOption("time limit \(t) must be a positive number of seconds") }
        if let i = iterationLimit, i <= 0 { throw .invalidOption("iteration limit \(i) must be positive") }
        if !(relativeGap >= 0) || !relativeGap.isFinite { throw .invalidOption("relative gap \(relativeGap) must be ≥ 0") }
    }
}
