/// Relative tolerances of ``LinearProgram/check(_:tolerances:)``.
///
/// Every test is relative to the scale of the quantity it tests, so one set of tolerances fits
/// a row of millions and a row of fractions alike:
/// - a row is violated when `max(lo − r, r − hi) > primal · max(1, |lo|, |hi|, Σ_j |a_ij·x_j|)`
///   (infinite ends left out), `r` the activity recomputed from the variable values;
/// - a bound is violated when `x_j` is outside `[l_j, u_j]` by more than `primal · max(1, |bound|)`;
/// - an integer or binary variable is off by more than `integrality` from the nearest integer;
/// - the reported objective differs from `c·x + c₀` by more than
///   `objective · max(1, |c₀|, Σ_j |c_j·x_j|)`;
/// - with duals: a dual value or reduced cost of the wrong sign on a side with no finite bound
///   (so no bound can be recomputed from it) exceeds `dual · max(1, |c_j|, Σ_i |a_ij·π_i|)` for a
///   column, `dual · max(1, max_j |c_j|)` for a row's `|π_i|·max_j |a_ij|`; and the duality gap
///   (recomputed dual bound − recomputed objective) exceeds
///   `gap · max(1, Σ_j |c_j·x_j|, Σ_i |π_i·r_i|)`.
///
/// GLPK's own tolerances are 10⁻⁷ (primal and dual feasibility, relative, on the scaled
/// problem) and 10⁻⁵ (integrality); the defaults here are looser by a factor of ten so that a
/// correct answer is never refused after unscaling, and still tight enough that a plan off by
/// a millionth of a row's scale is caught.
public struct CheckTolerances: Sendable, Hashable {
    public var primal: Double = 1e-6
    public var integrality: Double = 1e-5
    public var objective: Double = 1e-7
    public var dual: Double = 1e-6
    public var gap: Double = 1e-6

    /// The defaults above.
    public init() {}
}

/// One failed test of a solution check: which row or variable, by how much, against what scale.
public struct CheckViolation: Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Kind: String, Sendable, Hashable {
        /// A constraint's activity is outside its range.
        case row
        /// A variable is outside its bounds.
        case bound
        /// An integer or binary variable is not integral.
        case integrality
        /// The reported objective is not `c·x + c₀`.
        case objective
        /// A row dual has the wrong sign where the row has no finite bound on that side.
        case rowDualSign
        /// A reduced cost has the wrong sign where the variable has no finite bound on that side.
        case reducedCostSign
        /// The dual bound recomputed from the duals exceeds the objective: the solution is not
        /// proven optimal (complementary slackness fails, mostly on the rows named).
        case dualityGap
    }

    public var kind: Kind
    /// The constraint's or variable's name (as `LinearProgram.displayName(of:)` gives it); empty for
    /// the objective and for the duality gap as a whole.
    public var name: String
    /// The row (for `.row`, `.rowDualSign`, and a `.dualityGap` entry naming a row) or nil.
    public var row: ConstraintID?
    /// The variable (for `.bound`, `.integrality`, `.reducedCostSign`, a column's gap entry) or nil.
    public var variable: VariableID?
    /// The size of the failure, in the quantity's own unit.
    public var amount: Double
    /// The scale the amount was compared with (the tolerance is relative to it).
    public var scale: Double

    public var description: String {
        let what = name.isEmpty ? "" : " \(name)"
        let relative = scale > 0 ? amount / scale : amount
        switch kind {
        case .row: return "row\(what) violated by \(short(amount)) (\(short(relative)) of its scale \(short(scale)))"
        case .bound: return "variable\(what) outside its bounds by \(short(amount))"
        case .integrality: return "integer variable\(what) off an integer by \(short(amount))"
        case .objective: return "reported objective differs from the recomputed one by \(short(amount))"
        case .rowDualSign: return "row\(what): dual value of the wrong sign (\(short(amount)))"
        case .reducedCostSign: return "variable\(what): reduced cost of the wrong sign (\(short(amount)))"
        case .dualityGap:
            return name.isEmpty
                ? "dual bound exceeds the objective by \(short(amount)) (\(short(relative)) of \(short(scale))): not optimal"
                : "complementary slackness fails on\(what) (gap \(short(amount)))"
        }
    }

    private func short(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7) {
            var text = "\(value)"
            if let e = text.firstIndex(of: "e") {
                let mantissa = Double(text[..<e]).map { ($0 * 1000).rounded() / 1000 } ?? 0
                text = "\(mantissa)" + text[e...]
            }
            return text
        }
        return "\((value * 1e6).rounded() / 1e6)"
    }
}

/// The outcome of checking a solver's answer against the model it claims to solve.
public struct SolutionReport: Sendable, Hashable {
    /// Every failed test, worst first within each kind (rows, bounds, integrality, objective, duals).
    public var violations: [CheckViolation]
    /// The objective recomputed from the variable values (`c·x + c₀`), when there were values.
    public var recomputedObjective: Double?
    /// The dual bound recomputed from the duals (an upper bound for a maximisation, a lower
    /// bound for a minimisation, by weak duality), when the duals were checked.
    public var dualBound: Double?
    /// Whether the duals were checked (an optimal LP, or a MIP's fixed LP, with duals).
    public var checkedDuals: Bool

    /// No test failed.
    public var passed: Bool { violations.isEmpty }

    /// The first few violations on one line (`limit` of them, then a count of the rest).
    public func summary(limit: Int = 5) -> String {
        var text = violations.prefix(limit).map(\.description).joined(separator: "; ")
        if violations.count > limit { text += "; and \(violations.count - limit) more" }
        return text
    }
}

extension LinearProgram {
    /// Checks a solver's answer against this program, trusting nothing the solver computed
    /// except the variable values and (for optimality) the row duals: activities, objective,
    /// reduced costs and the dual bound are all recomputed here.
    ///
    /// - Primal: every row and every bound within ``CheckTolerances/primal`` of its scale, every
    ///   integer variable integral, and the reported objective equal to `c·x + c₀`.
    /// - Dual (only when `result` is `.optimal`, has row duals, and is an LP — or a MIP whose
    ///   duals come from its fixed LP, in which case the integer variables count as fixed at
    ///   their values): with π the row duals (GLPK's convention, ∂z/∂b) and `d = c − Aᵀπ`, the
    ///   bound `D = c₀ + Σ_i π_i·(hi_i if π_i > 0 else lo_i) + Σ_j d_j·(u_j if d_j > 0 else l_j)`
    ///   (signs mirrored for a minimisation) satisfies `D ≥ c·x` for every feasible x, whatever
    ///   π is; so `D − c·x` small proves x optimal, and a large gap means the solver stopped at
    ///   a non-optimal point (the rows and columns contributing most to the gap are named: those
    ///   are the failures of complementary slackness). A term whose side is infinite (a dual of
    ///   the wrong sign) makes the bound infinite; beyond the dual tolerance it is reported as a
    ///   sign violation, below it the term is dropped.
    ///
    /// A result without a solution passes trivially (there is nothing to report).
    public func check(_ result: SolveResult, tolerances: CheckTolerances = CheckTolerances()) -> SolutionReport {
        var report = SolutionReport(violations: [], recomputedObjective: nil, dualBound: nil, checkedDuals: false)
        guard result.termination.hasSolution else { return report }
        let x = result.variableValues
        guard x.count == variables.count, x.allSatisfy(\.isFinite) else {
            report.violations.append(CheckViolation(kind: .objective, name: "", amount: .infinity, scale: 1))
            return report
        }
        let tol = tolerances

        // Rows: activity and scale Σ|a_ij x_j|, recomputed.
        var activity = [Double](repeating: 0, count: constraints.count)
        var rowScale = [Double](repeating: 0, count: constraints.count)
        forEachNonZero { i, j, a in
            let term = a * x[j]
            activity[i] += term
            rowScale[i] += abs(term)
        }
        var rowViolations: [CheckViolation] = []
        for (i, constraint) in constraints.enumerated() {
            let lo = constraint.bounds.lower, hi = constraint.bounds.upper
            var scale = max(1, rowScale[i])
            if lo.isFinite { scale = max(scale, abs(lo)) }
            if hi.isFinite { scale = max(scale, abs(hi)) }
            let violation = max(lo - activity[i], activity[i] - hi, 0)
            if !(violation <= tol.primal * scale) {
                rowViolations.append(CheckViolation(kind: .row, name: displayName(of: ConstraintID(i)),
                                                    row: ConstraintID(i), amount: violation, scale: scale))
            }
        }
        report.violations += rowViolations.sorted { $0.amount / $0.scale > $1.amount / $1.scale }

        // Bounds and integrality.
        for (j, variable) in variables.enumerated() {
            let value = x[j]
            let below = variable.lower - value, above = value - variable.upper
            if below > tol.primal * max(1, abs(variable.lower)) || above > tol.primal * max(1, abs(variable.upper)) {
                report.violations.append(CheckViolation(kind: .bound, name: displayName(of: VariableID(j)),
                                                        variable: VariableID(j), amount: max(below, above),
                                                        scale: 1))
            }
            if variable.kind != .continuous, abs(value - value.rounded()) > tol.integrality {
                report.violations.append(CheckViolation(kind: .integrality, name: displayName(of: VariableID(j)),
                                                        variable: VariableID(j), amount: abs(value - value.rounded()),
                                                        scale: 1))
            }
        }

        // Objective.
        var objective = objectiveConstant
        var objectiveScale = max(1, abs(objectiveConstant))
        var termScale = 0.0
        for (j, variable) in variables.enumerated() {
            objective += variable.objective * x[j]
            termScale += abs(variable.objective * x[j])
        }
        objectiveScale = max(objectiveScale, termScale)
        report.recomputedObjective = objective
        if let reported = result.objectiveValue {
            let difference = abs(reported - objective)
            if !(difference <= tol.objective * objectiveScale) {
                report.violations.append(CheckViolation(kind: .objective, name: "", amount: difference, scale: objectiveScale))
            }
        }

        // Duals: sign feasibility and the recomputed bound.
        let dualsApply = result.termination.reason == .optimal && (!result.isMIP || result.dualsFromFixedMIP)
        guard dualsApply, let duals = result.rowDuals, duals.count == constraints.count, duals.allSatisfy(\.isFinite) else {
            return report
        }
        report.checkedDuals = true
        // Work with a maximisation: s·c, s·π (π is ∂z/∂b, so it flips with z).
        let s: Double = sense == .maximize ? 1 : -1
        var reduced = variables.map { s * $0.objective }
        var dualScale = reduced.map(abs)
        var rowReach = [Double](repeating: 0, count: constraints.count)   // max_j |a_ij|
        forEachNonZero { i, j, a in
            let term = a * s * duals[i]
            reduced[j] -= term
            dualScale[j] += abs(term)
            rowReach[i] = max(rowReach[i], abs(a))
        }
        let largestCost = variables.reduce(1) { max($0, abs($1.objective)) }

        var bound = s * objectiveConstant
        var gapTerms: [CheckViolation] = []
        var gapScale = max(1, termScale)
        for (i, constraint) in constraints.enumerated() {
            let pi = s * duals[i]
            let lo = constraint.bounds.lower, hi = constraint.bounds.upper
            gapScale = max(gapScale, abs(pi * activity[i]))
            let side = pi > 0 ? hi : (pi < 0 ? lo : 0)
            if !side.isFinite {
                // The wrong sign: the row's activity may grow without bound in the improving direction.
                if abs(pi) * rowReach[i] > tol.dual * largestCost {
                    report.violations.append(CheckViolation(kind: .rowDualSign, name: displayName(of: ConstraintID(i)),
                                                            row: ConstraintID(i), amount: s * pi, scale: largestCost))
                }
                continue
            }
            let term = pi * side
            bound += term
            let slack = term - pi * activity[i]
            if slack != 0 {
                gapTerms.append(CheckViolation(kind: .dualityGap, name: displayName(of: ConstraintID(i)),
                                               row: ConstraintID(i), amount: slack, scale: 0))
            }
        }
        for (j, variable) in variables.enumerated() {
            var lo = variable.lower, hi = variable.upper
            if variable.kind != .continuous && result.dualsFromFixedMIP { lo = x[j].rounded(); hi = lo }
            let d = reduced[j]
            let side = d > 0 ? hi : (d < 0 ? lo : 0)
            if !side.isFinite {
                if abs(d) > tol.dual * max(1, dualScale[j]) {
                    report.violations.append(CheckViolation(kind: .reducedCostSign, name: displayName(of: VariableID(j)),
                                                            variable: VariableID(j), amount: s * d, scale: dualScale[j]))
                }
                continue
            }
            let term = d * side
            bound += term
            let slack = term - d * x[j]
            if slack != 0 {
                gapTerms.append(CheckViolation(kind: .dualityGap, name: displayName(of: VariableID(j)),
                                               variable: VariableID(j), amount: slack, scale: 0))
            }
        }
        report.dualBound = s * bound
        let gap = bound - s * objective
        if !(gap <= tol.gap * gapScale) {
            report.violations.append(CheckViolation(kind: .dualityGap, name: "", amount: gap, scale: gapScale))
            // Name the largest contributions to the gap: where complementary slackness fails.
            let worst = gapTerms.filter { $0.amount > tol.gap * gapScale / 10 }.sorted { $0.amount > $1.amount }
            for var term in worst.prefix(5) {
                term.scale = gapScale
                report.violations.append(term)
            }
        }
        return report
    }
}
