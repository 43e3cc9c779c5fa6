/// Why the solver stopped. Input errors are not here: they are thrown as ``LPError``.
public enum TerminationReason: String, Sendable, Hashable {
    /// A proven optimum (for a MIP: within the requested relative gap).
    case optimal
    /// A feasible solution, but a limit stopped the search before optimality was proven.
    case feasible
    /// No feasible solution exists.
    case infeasible
    /// The objective can improve without bound.
    case unbounded
    /// Either infeasible or unbounded; the solver could not tell which.
    case infeasibleOrUnbounded
    /// A limit stopped the search before any feasible solution was found.
    case noSolutionFound
    /// The solver failed for numerical reasons (singular or ill-conditioned basis, …).
    case numericalError
}

/// The limit that stopped a solve early.
public enum SolveLimit: String, Sendable, Hashable {
    case time
    case iterations
}

/// The outcome of a solve: why it stopped, which limit stopped it, and GLPK's own words.
public struct Termination: Sendable, Hashable, CustomStringConvertible {
    public var reason: TerminationReason
    /// Set only when ``reason`` is `.feasible` or `.noSolutionFound`.
    public var limit: SolveLimit?
    /// A short technical explanation (the GLPK return code and status).
    public var detail: String

    public init(reason: TerminationReason, limit: SolveLimit? = nil, detail: String = "") {
        self.reason = reason
        self.limit = limit
        self.detail = detail
    }

    /// Whether a primal solution is available (optimal or feasible).
    public var hasSolution: Bool { reason == .optimal || reason == .feasible }

    public var description: String {
        var text = reason.rawValue
        if let limit { text += " (\(limit.rawValue) limit)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}

/// The range of a binding constraint's right-hand side over which its dual value (and the
/// optimal basis) stays valid (`glp_analyze_bound`).
public struct RightHandSideRange: Sendable, Hashable {
    /// Smallest right-hand side for which the dual value holds (−∞: no limit).
    public var lower: Double
    /// Largest right-hand side for which the dual value holds (+∞: no limit).
    public var upper: Double
}

/// The range of a variable's objective coefficient over which the optimal solution stays
/// optimal (`glp_analyze_coef` for a basic variable; one-sided from the reduced cost for a
/// non-basic one).
public struct ObjectiveCoefficientRange: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
}

/// Everything copied out of GLPK after one solve. Arrays are indexed like
/// ``LinearProgram/variables`` and ``LinearProgram/constraints``.
public struct SolveResult: Sendable {
    public var termination: Termination
    /// Objective value of the solution (nil without a solution).
    public var objectiveValue: Double?
    /// Value of each variable (empty without a solution).
    public var variableValues: [Double]
    /// Activity `Σ a_j x_j` of each constraint (empty without a solution).
    public var rowActivities: [Double]
    /// Dual value of each constraint: the change in objective per unit increase of its
    /// right-hand side (GLPK's sign convention, valid for min and max). For a MIP, of the LP
    /// with the integers fixed (see ``dualsFromFixedMIP``). Nil when unavailable.
    public var rowDuals: [Double]?
    /// Reduced cost of each variable (nil when unavailable).
    public var reducedCosts: [Double]?
    /// Whether the model was solved as a MIP.
    public var isMIP: Bool
    /// MIP: the best bound proven by branch-and-cut (recorded in its callback).
    public var bestBound: Double?
    /// MIP: the final relative gap |objective − bound| / (|objective| + ε).
    public var relativeGap: Double?
    /// MIP: the duals come from the LP with every integer variable fixed at its value in
    /// the best solution found; they hold for that integer assignment only.
    public var dualsFromFixedMIP: Bool
    /// RHS ranges of the binding constraints that were asked for.
    public var rightHandSideRanges: [ConstraintID: RightHandSideRange]
    /// Objective-coefficient ranges of the variables that were asked for.
    public var objectiveRanges: [VariableID: ObjectiveCoefficientRange]
    /// Simplex iterations (GLPK's count, summed over every LP solved).
    public var iterations: Int
    /// Wall-clock seconds spent inside GLPK's solvers.
    public var solveSeconds: Double
    /// Wall-clock seconds spent loading the model into GLPK.
    public var loadSeconds: Double

    /// Creates a result from values obtained elsewhere (another solve path, a heuristic, a
    /// re-assembled decomposition), so the same read-back code can consume it.
    public init(termination: Termination, objectiveValue: Double?, variableValues: [Double],
                rowActivities: [Double], rowDuals: [Double]? = nil, reducedCosts: [Double]? = nil,
                isMIP: Bool = false, bestBound: Double? = nil, relativeGap: Double? = nil,
                dualsFromFixedMIP: Bool = false,
                rightHandSideRanges: [ConstraintID: RightHandSideRange] = [:],
                objectiveRanges: [VariableID: ObjectiveCoefficientRange] = [:],
                iterations: Int = 0, solveSeconds: Double = 0, loadSeconds: Double = 0) {
        self.termination = termination
        self.objectiveValue = objectiveValue
        self.variableValues = variableValues
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.isMIP = isMIP
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.dualsFromFixedMIP = dualsFromFixedMIP
        self.rightHandSideRanges = rightHandSideRanges
        self.objectiveRanges = objectiveRanges
        self.iterations = iterations
        self.solveSeconds = solveSeconds
        self.loadSeconds = loadSeconds
    }

    /// The value of one variable (0 without a solution).
    public subscript(variable: VariableID) -> Double {
        variableValues.isEmpty ? 0 : variableValues[variable.index]
    }

    /// The dual value of one constraint, when available.
    public func dual(of constraint: ConstraintID) -> Double? {
        rowDuals?[constraint.index]
    }

    /// The activity of one constraint (0 without a solution).
    public func activity(of constraint: ConstraintID) -> Double {
        rowActivities.isEmpty ? 0 : rowActivities[constraint.index]
    }
}
