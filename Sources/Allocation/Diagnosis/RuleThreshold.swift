import LinearProgramming

/// How a model's rows move with one rule parameter θ. Every rule of the formulation is affine in
/// its parameter (a budget or a floor in a bound, a share or a ratio in coefficients, e.g.
/// x_s ≤ m·Σ x), so the difference of the models at two values, divided by the step, is the
/// exact derivative of every coefficient and bound, for all θ where the rows exist.
///
/// With it, the least shortfall f(θ) of ``ShortfallProblem`` has the slope
/// df/dθ = −Σ_r π_r·(∂b_r/∂θ − ∂a_r/∂θ·x*) at an optimal x* and duals π (envelope theorem; for a
/// bound, a subgradient when the duals are not unique), which lets ``RuleThreshold`` take Newton
/// steps instead of bisecting.
struct ParameterDerivative {
    /// A row that moves: its bounds' and coefficients' derivatives.
    struct Row {
        let row: Int
        let lower: Double
        let upper: Double
        let terms: [(column: Int, coefficient: Double)]
    }
    let rows: [Row]
    /// Whether the parameter moves bounds only (a budget, the floor, the commune cap): then the
    /// least shortfall is convex in it (an LP's value is convex in its right-hand side).
    var movesBoundsOnly: Bool { rows.allSatisfy(\.terms.isEmpty) }

    /// The derivative from `base` (the model at `θ0`) and `other` (at `θ1 ≠ θ0`); nil when the two
    /// have different rows or columns (a rule that adds or drops rows between the two values).
    init?(base: LinearProgram, at θ0: Double, other: LinearProgram, at θ1: Double) {
        let step = θ1 - θ0
        guard step != 0, step.isFinite, base.variableCount == other.variableCount,
              base.constraintCount == other.constraintCount else { return nil }
        var rows: [Row] = []
        // Both matrices by row, once (a row's terms looked up one row at a time scan the whole
        // matrix each: 21 s at 2,000 communes).
        let baseRows = base.rowTerms(), otherRows = other.rowTerms()
        for i in 0..<base.constraintCount {
            let a = base.constraints[i], b = other.constraints[i]
            guard a.name == b.name else { return nil }
            func change(_ x: Double, _ y: Double) -> Double? {
                if x == y { return 0 }
                guard x.isFinite, y.isFinite else { return nil }
                return (y - x) / step
            }
            guard let lower = change(a.bounds.lower, b.bounds.lower),
                  let upper = change(a.bounds.upper, b.bounds.upper) else { return nil }
            let ta = baseRows[i], tb = otherRows[i]
            var terms: [(column: Int, coefficient: Double)] = []
            if ta.count == tb.count, zip(ta, tb).allSatisfy({ $0.variable == $1.variable }) {
                for (x, y) in zip(ta, tb) where x.coefficient != y.coefficient {
                    terms.append((x.variable.index, (y.coefficient - x.coefficient) / step))
                }
            } else {
                var merged: [Int: Double] = [:]
                for t in ta { merged[t.variable.index, default: 0] -= t.coefficient }
                for t in tb { merged[t.variable.index, default: 0] += t.coefficient }
                terms = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value / step) }
            }
            if lower != 0 || upper != 0 || !terms.isEmpty {
                rows.append(Row(row: i, lower: lower, upper: upper, terms: terms))
            }
        }
        self.rows = rows
    }

    /// dz/dθ of a maximisation over these rows at primal `x` and row duals `duals` (GLPK's sign:
    /// positive on a binding upper bound, negative on a binding lower bound).
    func valueSlope(x: [Double], duals: [Double]) -> Double {
        var slope = 0.0
        for r in rows where r.row < duals.count {
            let pi = duals[r.row]
            guard pi != 0 else { continue }
            var moved = pi > 0 ? r.upper : r.lower
            for t in r.terms where t.column < x.count { moved -= t.coefficient * x[t.column] }
            slope += pi * moved
        }
        return slope
    }
}

/// The value of a rule that is just enough, between a value proven infeasible (`bad`) and one
/// proven feasible (`good`): safeguarded Newton steps on the least shortfall f(θ), bisection when
/// a step would leave the bracket (or, for a rule that is not convex, stalls).
///
/// For a rule in a bound (a budget, the floor, the commune cap), f is convex and piecewise linear
/// in θ: a Newton step from the infeasible side never passes the threshold and a feasible Newton
/// point is the threshold itself, so only Newton steps are taken (bisection to 10⁻⁶ takes
/// seventeen solves, and a bisection point on the feasible side teaches Newton nothing).
/// Coefficient rules (shares, ratios) need not be convex: there one solve just past a feasible
/// Newton point closes the bracket, and two slow Newton steps in a row are followed by a
/// bisection. The result is always a value proven feasible.
struct RuleThreshold {
    /// What one solve at θ says: its least shortfall (nil: no verdict) and slope df/dθ (nil: unknown).
    struct Evaluation {
        var shortfall: Double?
        var slope: Double?
    }

    /// Relative width at which the bracket is closed (as the bisection it replaces).
    static let width = 1e-6

    /// Searches from `bad` (with its evaluation) towards `good`; `tolerance` is the shortfall
    /// counted as none. With `convex` (f convex in θ, slopes subgradients) a feasible Newton point
    /// is the threshold itself: a tangent from the infeasible side meets zero before f does.
    /// `evaluate` may throw; `stop` ends the search early (a time limit).
    static func search(bad start: Double, evaluation first: Evaluation, good end: Double, tolerance: Double,
                       convex: Bool = false, maxSolves: Int = 40, stop: () -> Bool = { false },
                       evaluate: (Double) throws(LPError) -> Evaluation) throws(LPError) -> Double {
        var bad = start, good = end
        var last = first
        var probeBelowGood = false
        var slowNewtonSteps = 0
        for _ in 0..<maxSolves {
            let gap = abs(good - bad)
            if gap <= width * max(1, abs(good)) || stop() { break }
            var candidate = (bad + good) / 2
            var isNewton = false
            if probeBelowGood {
                // Just short of a feasible Newton point: infeasible there closes the bracket.
                candidate = good - (good - bad).sign(0.5 * width * max(1, abs(good)))
                probeBelowGood = false
            } else if convex || slowNewtonSteps < 2, let f = last.shortfall, let slope = last.slope, slope != 0 {
                let step = bad - f / slope
                let inside = (step - bad) * (good - bad) > 0 && (good - step) * (good - bad) > 0
                if inside {
                    candidate = step
                    isNewton = true
                }
            }
            let evaluation = try evaluate(candidate)
            if let f = evaluation.shortfall, f <= tolerance {
                good = candidate
                if isNewton && convex { break }
                probeBelowGood = isNewton
            } else {
                // No verdict counts as not enough: `good` stays a value proven feasible.
                let shrink = abs(candidate - bad) / gap
                slowNewtonSteps = isNewton && shrink < 0.5 ? slowNewtonSteps + 1 : 0
                bad = candidate
                last = evaluation
            }
        }
        return good
    }
}

private extension Double {
    /// `magnitude` with this number's sign (0 counts as positive).
    func sign(_ magnitude: Double) -> Double { self < 0 ? -magnitude : magnitude }
}
