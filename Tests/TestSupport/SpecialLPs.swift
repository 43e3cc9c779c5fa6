import LinearProgramming

// Hand-solved LPs and MIPs with a unique optimum (HiGHS's `SpecialLps` idea).
//
// Every expected number below was derived by hand; the derivation is in the comment above
// it. Nothing here was copied from solver output. Duals follow GLPK's convention, which the
// layer keeps: the dual of a row is ∂(objective)/∂(right-hand side), for min and max alike;
// a reduced cost is d_j = c_j − Σ_i π_i a_ij.

/// A hand-solved LP: the model, handles to its variables and rows, and the expected optimum.
public struct HandSolvedLP: Sendable {
    public var model: LinearProgram
    public var variables: [VariableID]
    public var constraints: [ConstraintID]
    public var objective: Double
    /// Optimal value of each variable, in the order of ``variables``.
    public var primal: [Double]
    /// Dual value of each row, in the order of ``constraints``.
    public var rowDuals: [Double]
    /// Reduced cost of each column, in the order of ``variables``.
    public var reducedCosts: [Double]
}

public enum SpecialLPs {
    /// Wyndor Glass (Hillier–Lieberman) plus a dominated column `w`: a maximisation with ≤ rows.
    ///
    ///     max  3x + 5y + 1w
    ///     cap1:  x              ≤  4
    ///     cap2:       2y        ≤ 12
    ///     cap3: 3x + 2y + 2w    ≤ 18
    ///     x, y, w ≥ 0
    ///
    /// Vertex (x, y) = (2, 6), w = 0: cap2 and cap3 bind (y = 12/2 = 6, 3x = 18 − 12 → x = 2),
    /// cap1 has slack 4 − 2 = 2. Objective 3·2 + 5·6 = 36.
    /// Duals from c_B = B^T π on the basic columns x, y (slack of cap1 basic → π1 = 0):
    ///   x: 3 = 3·π3 → π3 = 1;   y: 5 = 2·π2 + 2·π3 → π2 = 3/2.
    ///   Check: b^T π = 12·3/2 + 18·1 = 36 ✓.
    /// Reduced costs: x, y basic → 0; w: 1 − 2·π3 = −1 (< 0: non-basic at 0 is optimal for max).
    /// Non-degenerate (three basic variables x, y, s1, all > 0), so primal and dual are unique.
    public static var wyndor: HandSolvedLP {
        var lp = LinearProgram(name: "wyndor", sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 3)
        let y = lp.addVariable(name: "y", objective: 5)
        let w = lp.addVariable(name: "w", objective: 1)
        let c1 = lp.addConstraint(name: "cap1", terms: [LinearTerm(x, 1)], .lessOrEqual(4))
        let c2 = lp.addConstraint(name: "cap2", terms: [LinearTerm(y, 2)], .lessOrEqual(12))
        let c3 = lp.addConstraint(name: "cap3", terms: [LinearTerm(x, 3), LinearTerm(y, 2), LinearTerm(w, 2)],
                                  .lessOrEqual(18))
        return HandSolvedLP(model: lp, variables: [x, y, w], constraints: [c1, c2, c3],
                            objective: 36, primal: [2, 6, 0], rowDuals: [0, 1.5, 1],
                            reducedCosts: [0, 0, -1])
    }

    /// Wyndor's sensitivity ranges, by hand (basis {x, y, s1}).
    ///
    /// RHS of cap3 = b3 (cap2 fixed at 12): y = 12/2 = 6, x = (b3 − 12)/3, s1 = 4 − x.
    ///   x ≥ 0 ⇔ b3 ≥ 12;  s1 ≥ 0 ⇔ x ≤ 4 ⇔ b3 ≤ 24.  Range [12, 24].
    /// RHS of cap2 = b2: y = b2/2, x = (18 − b2)/3, s1 = 4 − x.
    ///   x ≥ 0 ⇔ b2 ≤ 18;  s1 ≥ 0 ⇔ 18 − b2 ≤ 12 ⇔ b2 ≥ 6.  Range [6, 18].
    /// Objective of x (basic), c_y = 5: the vertex stays optimal while (c_x, 5) is a
    ///   non-negative combination of the binding rows' normals (0, 2) and (3, 2):
    ///   (c_x, 5) = α(0, 2) + β(3, 2) → β = c_x/3 ≥ 0, α = (5 − 2c_x/3)/2 ≥ 0 ⇔ c_x ≤ 7.5.
    ///   Range [0, 7.5].
    ///   (Column w must also stay priced out: d_w = c_w − 2β = 1 − 2c_x/3 ≤ 0 ⇔ c_x ≥ 1.5.
    ///   So the basis is optimal for c_x ∈ [1.5, 7.5].)
    /// Objective of y (basic), c_x = 3: β = 1, α = (c_y − 2)/2 ≥ 0 ⇔ c_y ≥ 2; no upper limit
    ///   (d_w = 1 − 2β = −1 does not depend on c_y). Range [2, +∞).
    /// Objective of w (non-basic at 0, max): stays out while d_w = c_w − 2·π3 = c_w − 2 ≤ 0.
    ///   Range (−∞, 2].
    public static let wyndorRanges = (
        cap3: (lower: 12.0, upper: 24.0),
        cap2: (lower: 6.0, upper: 18.0),
        x: (lower: 1.5, upper: 7.5),
        y: (lower: 2.0, upper: Double.infinity),
        w: (lower: -Double.infinity, upper: 2.0)
    )

    /// A minimisation with an equality row, a ranged row binding at its upper end and a ≥ row.
    ///
    ///     min   x + 3y + 4z + 5w
    ///     total:  x +  y +  z + w  = 10
    ///     spread: 0 ≤ x − y        ≤ 4      (ranged)
    ///     floor:       y + 2z + w  ≥ 8
    ///     x, y, z, w ≥ 0
    ///
    /// Guess: spread at its upper end, floor binding, w = 0. Then x = y + 4,
    /// (y + 4) + y + z = 10 → z = 6 − 2y, y + 2(6 − 2y) = 8 → y = 4/3, z = 10/3, x = 16/3.
    /// Duals from c_B = B^T π on x, y, z:
    ///   x: π1 + π2 = 1;  y: π1 − π2 + π3 = 3;  z: π1 + 2π3 = 4
    ///   → π2 = 1 − π1, π3 = 4 − 2π1, π1 + 8 − 4π1 = 4 → π1 = 4/3, π2 = −1/3, π3 = 4/3.
    /// Signs for a minimisation: the ≤ end of spread binds with π2 ≤ 0 ✓, floor (≥) π3 ≥ 0 ✓.
    /// Reduced cost of w: 5 − (π1 + π3) = 5 − 8/3 = 7/3 > 0 → w = 0 optimal ✓.
    /// Objective 16/3 + 4 + 40/3 = 68/3; b^T π = 40/3 − 4/3 + 32/3 = 68/3 ✓.
    /// Non-degenerate (x, y, z > 0 basic, all rows binding with non-zero duals): unique.
    public static var mixedRows: HandSolvedLP {
        var lp = LinearProgram(name: "mixed", sense: .minimize)
        let x = lp.addVariable(name: "x", objective: 1)
        let y = lp.addVariable(name: "y", objective: 3)
        let z = lp.addVariable(name: "z", objective: 4)
        let w = lp.addVariable(name: "w", objective: 5)
        let total = lp.addConstraint(name: "total", terms: [LinearTerm(x, 1), LinearTerm(y, 1), LinearTerm(z, 1), LinearTerm(w, 1)],
                                     .equal(10))
        let spread = lp.addConstraint(name: "spread", terms: [LinearTerm(x, 1), LinearTerm(y, -1)], .ranged(0, 4))
        let floor = lp.addConstraint(name: "floor", terms: [LinearTerm(y, 1), LinearTerm(z, 2), LinearTerm(w, 1)],
                                     .greaterOrEqual(8))
        return HandSolvedLP(model: lp, variables: [x, y, z, w], constraints: [total, spread, floor],
                            objective: 68.0 / 3, primal: [16.0 / 3, 4.0 / 3, 10.0 / 3, 0],
                            rowDuals: [4.0 / 3, -1.0 / 3, 4.0 / 3], reducedCosts: [0, 0, 0, 7.0 / 3])
    }

    /// A maximisation whose ranged row binds at its lower end, with an objective constant
    /// and a variable with a finite upper bound that is not reached.
    ///
    ///     max  x + 2y + 10
    ///     sum:   x + y      ≤ 5
    ///     gap:   1 ≤ x − y  ≤ 3
    ///     0 ≤ x ≤ 8, y ≥ 0
    ///
    /// y is worth more, so push y up until x − y hits its lower end 1: x = y + 1,
    /// 2y + 1 = 5 → y = 2, x = 3. Objective 3 + 4 + 10 = 17.
    /// Duals: x: π1 + π2 = 1, y: π1 − π2 = 2 → π1 = 3/2, π2 = −1/2.
    /// (Max with a binding ≥ end: raising it costs, π2 ≤ 0 ✓. Check: 5·3/2 − 1/2 + 10 = 17 ✓.)
    public static var rangedAtLower: HandSolvedLP {
        var lp = LinearProgram(name: "ranged_lower", sense: .maximize)
        lp.objectiveConstant = 10
        let x = lp.addVariable(name: "x", lower: 0, upper: 8, objective: 1)
        let y = lp.addVariable(name: "y", objective: 2)
        let sum = lp.addConstraint(name: "sum", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .lessOrEqual(5))
        let gap = lp.addConstraint(name: "gap", terms: [LinearTerm(x, 1), LinearTerm(y, -1)], .ranged(1, 3))
        return HandSolvedLP(model: lp, variables: [x, y], constraints: [sum, gap],
                            objective: 17, primal: [3, 2], rowDuals: [1.5, -0.5], reducedCosts: [0, 0])
    }

    /// A minimisation with a ≥ row where a variable sits at its finite upper bound.
    ///
    ///     min  −2x + y
    ///     need:  x + y ≥ 3
    ///     0 ≤ x ≤ 2, y ≥ 0
    ///
    /// x has a negative cost, so x = 2 (its upper bound); then y ≥ 1 from `need`, y = 1.
    /// Objective −4 + 1 = −3. Dual of need: y basic → 1 = π → π = 1.
    /// Reduced cost of x: −2 − π = −3 (< 0 at its upper bound in a minimisation ✓).
    public static var atUpperBound: HandSolvedLP {
        var lp = LinearProgram(name: "at_upper", sense: .minimize)
        let x = lp.addVariable(name: "x", lower: 0, upper: 2, objective: -2)
        let y = lp.addVariable(name: "y", objective: 1)
        let need = lp.addConstraint(name: "need", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .greaterOrEqual(3))
        return HandSolvedLP(model: lp, variables: [x, y], constraints: [need],
                            objective: -3, primal: [2, 1], rowDuals: [1], reducedCosts: [-3, 0])
    }

    /// All hand-solved LPs, for parametrised tests.
    public static var all: [(String, HandSolvedLP)] {
        [("wyndor", wyndor), ("mixedRows", mixedRows), ("rangedAtLower", rangedAtLower), ("atUpperBound", atUpperBound)]
    }

    /// Infeasible: x + y ≤ 1 and x + y ≥ 3 cannot both hold.
    public static var infeasible: LinearProgram {
        var lp = LinearProgram(name: "infeasible", sense: .minimize)
        let x = lp.addVariable(name: "x", objective: 1)
        let y = lp.addVariable(name: "y", objective: 1)
        lp.addConstraint(name: "low", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .lessOrEqual(1))
        lp.addConstraint(name: "high", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .greaterOrEqual(3))
        return lp
    }

    /// Unbounded: max x + y with x − y ≤ 1 and x, y ≥ 0; the ray (1, 1) keeps x − y = 0
    /// feasible and raises the objective by 2 per step.
    public static var unbounded: LinearProgram {
        var lp = LinearProgram(name: "unbounded", sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 1)
        let y = lp.addVariable(name: "y", objective: 1)
        lp.addConstraint(name: "diff", terms: [LinearTerm(x, 1), LinearTerm(y, -1)], .lessOrEqual(1))
        return lp
    }

    /// The LP family used by the concurrency test: for t > 0,
    ///
    ///     max 3x + 2y   s.t.  x + y ≤ t,  x ≤ t/2,  x, y ≥ 0
    ///
    /// x is worth more, so x = t/2, then y = t − t/2 = t/2; objective 3t/2 + t = 5t/2.
    /// Duals: y basic → π1 = 2; x basic → 3 = π1 + π2 → π2 = 1.
    public static func parametric(_ t: Double) -> (model: LinearProgram, objective: Double, x: Double, y: Double, duals: [Double]) {
        var lp = LinearProgram(name: "param", sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 3)
        let y = lp.addVariable(name: "y", objective: 2)
        lp.addConstraint(name: "total", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .lessOrEqual(t))
        lp.addConstraint(name: "half", terms: [LinearTerm(x, 1)], .lessOrEqual(t / 2))
        return (lp, 2.5 * t, t / 2, t / 2, [2, 1])
    }
}

/// Hand-solved MIPs.
public enum SpecialMIPs {
    /// 0/1 knapsack with a continuous "leftover" variable, so that the LP with the integers
    /// fixed has a non-trivial dual.
    ///
    ///     max  10a + 40b + 30c + 50d + 2s
    ///     cap:  5a +  4b +  6c +  3d +  s ≤ 10
    ///     a, b, c, d ∈ {0, 1},  s ≥ 0
    ///
    /// Any capacity not used by items goes to s at 2 per unit, so item i is worth
    /// v_i − 2w_i net: a 0, b 32, c 18, d 44, plus 2·10 = 20.
    /// Feasible item sets (weight ≤ 10): {}, {a}, {b}, {c}, {d}, {a,b} 9, {a,d} 8, {b,c} 10,
    /// {b,d} 7, {c,d} 9; every triple weighs ≥ 12. Net values: {b,d} 76, {c,d} 62, {b,c} 50,
    /// {a,d} 44, {d} 44, {a,b} 32, … → unique optimum {b, d}, s = 10 − 7 = 3,
    /// objective 40 + 50 + 6 = 96.
    /// Fixed LP (a = c = 0, b = d = 1, s free in [0, ∞)): s is basic, so the dual of cap is
    /// its objective coefficient, π = 2 (one more unit of capacity = one more unit of s).
    /// Reduced costs of the fixed items: d_j = v_j − 2w_j: a 0, b 32, c 18, d 44; s: 0.
    public static var knapsack: (model: LinearProgram, items: [VariableID], leftover: VariableID,
                                 capacity: ConstraintID, objective: Double, chosen: [Double],
                                 leftoverValue: Double, capacityDual: Double, reducedCosts: [Double]) {
        var lp = LinearProgram(name: "knapsack", sense: .maximize)
        let values: [Double] = [10, 40, 30, 50], weights: [Double] = [5, 4, 6, 3]
        let items = zip(["a", "b", "c", "d"], values).map { lp.addVariable(name: $0.0, kind: .binary, objective: $0.1) }
        let s = lp.addVariable(name: "s", objective: 2)
        let cap = lp.addConstraint(name: "cap", terms: zip(items, weights).map { LinearTerm($0.0, $0.1) } + [LinearTerm(s, 1)],
                                   .lessOrEqual(10))
        return (lp, items, s, cap, 96, [0, 1, 0, 1], 3, 2, [0, 32, 18, 44])
    }

    /// 3×3 assignment (minimise cost), with costs
    ///
    ///              task0 task1 task2
    ///     worker0    9     2     7
    ///     worker1    6     4     3
    ///     worker2    5     8     1
    ///
    /// The six permutations (task of worker0, 1, 2): (0,1,2) 9+4+1 = 14, (0,2,1) 9+3+8 = 20,
    /// (1,0,2) 2+6+1 = 9, (1,2,0) 2+3+5 = 10, (2,0,1) 7+6+8 = 21, (2,1,0) 7+4+5 = 16.
    /// Unique optimum 9: worker0 → task1, worker1 → task0, worker2 → task2.
    public static var assignment: (model: LinearProgram, x: [[VariableID]], objective: Double, assigned: [Int]) {
        let cost: [[Double]] = [[9, 2, 7], [6, 4, 3], [5, 8, 1]]
        var lp = LinearProgram(name: "assignment", sense: .minimize)
        var x: [[VariableID]] = []
        for i in 0..<3 {
            x.append((0..<3).map { j in lp.addVariable(name: "x_\(i)_\(j)", kind: .binary, objective: cost[i][j]) })
        }
        for i in 0..<3 {
            lp.addConstraint(name: "worker_\(i)", terms: (0..<3).map { LinearTerm(x[i][$0], 1) }, .equal(1))
        }
        for j in 0..<3 {
            lp.addConstraint(name: "task_\(j)", terms: (0..<3).map { LinearTerm(x[$0][j], 1) }, .equal(1))
        }
        return (lp, x, 9, [1, 0, 2])
    }

    /// A seeded random multi-constraint 0/1 knapsack, strongly correlated (value ≈ mean weight
    /// + constant), which branch-and-bound finds hard: used to hit a time limit.
    public static func hardMultiKnapsack(items: Int = 100, constraints: Int = 10, seed: UInt64 = 12345) -> LinearProgram {
        var rng = SplitMix64(seed: seed)
        var lp = LinearProgram(name: "mkp", sense: .maximize)
        var weights = [[Double]](repeating: [], count: constraints)
        for i in 0..<constraints {
            weights[i] = (0..<items).map { _ in Double(rng.next(upTo: 1000) + 1) }
        }
        var vars: [VariableID] = []
        for j in 0..<items {
            let mean = (0..<constraints).reduce(0.0) { $0 + weights[$1][j] } / Double(constraints)
            vars.append(lp.addVariable(name: "x\(j)", kind: .binary, objective: (mean + 500 + Double(rng.next(upTo: 10))).rounded()))
        }
        for i in 0..<constraints {
            let capacity = (weights[i].reduce(0, +) / 2).rounded()
            lp.addConstraint(name: "c\(i)", terms: zip(vars, weights[i]).map { LinearTerm($0.0, $0.1) }, .lessOrEqual(capacity))
        }
        return lp
    }
}

/// A small, seeded, reproducible generator (SplitMix64, Steele–Lea–Flood 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in 0..<bound (modulo bias is irrelevant here).
    public mutating func next(upTo bound: UInt64) -> UInt64 { next() % bound }
}

extension Double {
    /// `|self − other| ≤ absoluteTolerance`; infinities compare equal to themselves
    /// (as swift-numerics' `isApproximatelyEqual(to:absoluteTolerance:)`).
    public func isApproximatelyEqual(to other: Double, absoluteTolerance: Double) -> Bool {
        if self == other { return true }
        return abs(self - other) <= absoluteTolerance
    }
}
