import Testing
import LinearProgramming
import TestSupport

/// Sensitivity ranges on Wyndor, checked against the hand derivation in `SpecialLPs.wyndorRanges`.
@Suite struct SensitivityTests {
    static let simplexConfigs: [LPConfig] = [.primal, .dual, .primalPresolve, .dualPresolve]

    @Test(arguments: simplexConfigs)
    func allRangesOnWyndor(config: LPConfig) throws {
        let lp = SpecialLPs.wyndor
        let ranges = SpecialLPs.wyndorRanges
        var options = config.options
        options.sensitivity = .all
        let result = try GLPKSolver.solve(lp.model, options: options)
        try #require(result.termination.reason == .optimal)
        let (cap1, cap2, cap3) = (lp.constraints[0], lp.constraints[1], lp.constraints[2])
        let (x, y, w) = (lp.variables[0], lp.variables[1], lp.variables[2])

        // cap1 has slack 2 (basic): no RHS range is reported for it.
        #expect(result.rightHandSideRanges[cap1] == nil)
        // Binding rows: the basis stays optimal for b3 ∈ [12, 24] and b2 ∈ [6, 18].
        let r3 = try #require(result.rightHandSideRanges[cap3])
        #expect(r3.lower.isApproximatelyEqual(to: ranges.cap3.lower, absoluteTolerance: 1e-9), "\(r3)")
        #expect(r3.upper.isApproximatelyEqual(to: ranges.cap3.upper, absoluteTolerance: 1e-9), "\(r3)")
        let r2 = try #require(result.rightHandSideRanges[cap2])
        #expect(r2.lower.isApproximatelyEqual(to: ranges.cap2.lower, absoluteTolerance: 1e-9), "\(r2)")
        #expect(r2.upper.isApproximatelyEqual(to: ranges.cap2.upper, absoluteTolerance: 1e-9), "\(r2)")

        // Basic columns: c_x ∈ [1.5, 7.5], c_y ∈ [2, +∞).
        let ox = try #require(result.objectiveRanges[x])
        #expect(ox.lower.isApproximatelyEqual(to: ranges.x.lower, absoluteTolerance: 1e-9), "\(ox)")
        #expect(ox.upper.isApproximatelyEqual(to: ranges.x.upper, absoluteTolerance: 1e-9), "\(ox)")
        let oy = try #require(result.objectiveRanges[y])
        #expect(oy.lower.isApproximatelyEqual(to: ranges.y.lower, absoluteTolerance: 1e-9), "\(oy)")
        #expect(oy.upper == .infinity, "\(oy)")
        // Non-basic column w at 0 in a maximisation: c_w ∈ (−∞, 2].
        let ow = try #require(result.objectiveRanges[w])
        #expect(ow.lower == -.infinity, "\(ow)")
        #expect(ow.upper.isApproximatelyEqual(to: ranges.w.upper, absoluteTolerance: 1e-9), "\(ow)")
    }

    /// The RHS range is the range over which the dual price holds: re-solving at both ends
    /// (and just inside) moves the objective by exactly dual × Δb.
    @Test func rhsRangeIsWhereTheDualHolds() throws {
        let lp = SpecialLPs.wyndor
        let cap3 = lp.constraints[2]
        for b3 in [12.0, 15.0, 24.0] {
            var model = lp.model
            model.setBounds(of: cap3, .lessOrEqual(b3))
            let result = try GLPKSolver.solve(model)
            try #require(result.termination.reason == .optimal)
            // z(b3) = 36 + π3 (b3 − 18) with π3 = 1.
            #expect(result.objectiveValue!.isApproximatelyEqual(to: 36 + (b3 - 18), absoluteTolerance: 1e-9))
        }
        // Beyond 24, x is capped by cap1 at 4 and the extra capacity is worth w's 1/2 per unit
        // (w enters: 2w per unit of cap3, objective 1 per w): z(26) = 42 + 2·(1/2) = 43 < 36 + 8.
        var model = lp.model
        model.setBounds(of: cap3, .lessOrEqual(26))
        let beyond = try GLPKSolver.solve(model)
        try #require(beyond.termination.reason == .optimal)
        #expect(beyond.objectiveValue!.isApproximatelyEqual(to: 43, absoluteTolerance: 1e-9))
    }

    @Test func selectedRangesOnMinimisation() throws {
        // mixedRows (min): w is non-basic at 0 with reduced cost 7/3, so c_w may fall by 7/3:
        // range [5 − 7/3, +∞) = [8/3, +∞). Only the asked-for rows/columns are reported.
        let lp = SpecialLPs.mixedRows
        var options = SolverOptions()
        options.sensitivity = .selected(constraints: [lp.constraints[2]], variables: [lp.variables[3]])
        let result = try GLPKSolver.solve(lp.model, options: options)
        try #require(result.termination.reason == .optimal)
        #expect(result.objectiveRanges.count == 1)
        let ow = try #require(result.objectiveRanges[lp.variables[3]])
        #expect(ow.lower.isApproximatelyEqual(to: 8.0 / 3, absoluteTolerance: 1e-9), "\(ow)")
        #expect(ow.upper == .infinity)
        #expect(Set(result.rightHandSideRanges.keys) == [lp.constraints[2]])
        // floor: y + 2z + w ≥ b with basis {x, y, z}: x = y + 4, x + y + z = 10, y + 2z = b
        //   → z = 6 − 2y, y + 12 − 4y = b → y = (12 − b)/3, z = 6 − 2(12 − b)/3 = (2b − 6)/3,
        //   x = y + 4 = (24 − b)/3. y ≥ 0 ⇔ b ≤ 12; z ≥ 0 ⇔ b ≥ 3; x ≥ 0 ⇔ b ≤ 24. Range [3, 12].
        let r = try #require(result.rightHandSideRanges[lp.constraints[2]])
        #expect(r.lower.isApproximatelyEqual(to: 3, absoluteTolerance: 1e-9), "\(r)")
        #expect(r.upper.isApproximatelyEqual(to: 12, absoluteTolerance: 1e-9), "\(r)")
    }

    @Test func nonBasicAtUpperBoundInMinimisation() throws {
        // atUpperBound: x = 2 at its upper bound with reduced cost −3 (min). It stays there
        // while its cost is ≤ −2 + 3 = 1: range (−∞, 1].
        // y is basic (basis {y}, need binding): π = c_y. Dual feasibility needs π ≥ 0 for the
        // binding ≥ row of a minimisation (c_y ≥ 0) and d_x = −2 − π ≤ 0 for x at its upper
        // bound (c_y ≥ −2): c_y ∈ [0, +∞).
        let lp = SpecialLPs.atUpperBound
        var options = SolverOptions()
        options.sensitivity = .all
        let result = try GLPKSolver.solve(lp.model, options: options)
        try #require(result.termination.reason == .optimal)
        let ox = try #require(result.objectiveRanges[lp.variables[0]])
        #expect(ox.lower == -.infinity)
        #expect(ox.upper.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-9), "\(ox)")
        let oy = try #require(result.objectiveRanges[lp.variables[1]])
        #expect(oy.lower.isApproximatelyEqual(to: 0, absoluteTolerance: 1e-9), "\(oy)")
        #expect(oy.upper == .infinity, "\(oy)")
    }

    @Test func noRangesWithoutOptimalBasis() throws {
        var options = SolverOptions()
        options.sensitivity = .all
        let result = try GLPKSolver.solve(SpecialLPs.infeasible, options: options)
        #expect(result.termination.reason == .infeasible)
        #expect(result.rightHandSideRanges.isEmpty)
        #expect(result.objectiveRanges.isEmpty)
        // Interior point has no basis: no ranges, no crash.
        options.method = .interiorPoint
        let interior = try GLPKSolver.solve(SpecialLPs.wyndor.model, options: options)
        try #require(interior.termination.reason == .optimal)
        #expect(interior.rightHandSideRanges.isEmpty)
    }

    @Test func selectedUnknownIDsAreIgnored() throws {
        var options = SolverOptions()
        options.sensitivity = .selected(constraints: [ConstraintID(99), ConstraintID(-1)], variables: [VariableID(42)])
        let result = try GLPKSolver.solve(SpecialLPs.wyndor.model, options: options)
        try #require(result.termination.reason == .optimal)
        #expect(result.rightHandSideRanges.isEmpty)
        #expect(result.objectiveRanges.isEmpty)
    }

    @Test func mipRangesComeFromTheFixedLP() throws {
        // Knapsack: in the fixed LP, cap binds? No: s = 3 is basic and cap is at its upper end
        // (activity 4 + 3 + 3 = 10), non-basic. Basis {s}: s = b − 7 ≥ 0 ⇔ b ≥ 7. Range [7, +∞).
        let k = SpecialMIPs.knapsack
        var options = SolverOptions()
        options.sensitivity = .all
        let result = try GLPKSolver.solve(k.model, options: options)
        try #require(result.termination.reason == .optimal)
        let r = try #require(result.rightHandSideRanges[k.capacity])
        #expect(r.lower.isApproximatelyEqual(to: 7, absoluteTolerance: 1e-9), "\(r)")
        #expect(r.upper == .infinity, "\(r)")
    }
}
