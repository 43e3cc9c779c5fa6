import Testing
import LinearProgramming

/// `LinearProgram.check` on an LP solved by hand, and GLPK kept away from magnitudes it aborts on.
///
/// The LP: maximise 3x + 2y subject to c1: x + y ≤ 4, c2: x + 3y ≤ 6, x, y ≥ 0.
/// Vertices: (0,0) → 0, (4,0) → 12, (3,1) → 11, (0,2) → 4; the optimum is x = 4, y = 0,
/// objective 12. c1 binds, c2 is slack (4 < 6). Duals: x is basic, so 3 − π1 = 0 → π1 = 3,
/// π2 = 0; y is at its lower bound with reduced cost 2 − π1 = −1 ≤ 0 (right for a maximisation).
/// Dual bound: π1·4 = 12 = the objective.
@Suite struct SolutionCheckTests {
    static func handLP(sense: ObjectiveSense = .maximize) -> (LinearProgram, VariableID, VariableID) {
        var lp = LinearProgram(name: "hand", sense: sense)
        let sign: Double = sense == .maximize ? 1 : -1
        let x = lp.addVariable(name: "x", objective: 3 * sign)
        let y = lp.addVariable(name: "y", objective: 2 * sign)
        lp.addConstraint(name: "c1", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .lessOrEqual(4))
        lp.addConstraint(name: "c2", terms: [LinearTerm(x, 1), LinearTerm(y, 3)], .lessOrEqual(6))
        return (lp, x, y)
    }

    /// A result built by hand (not by GLPK): the values, the objective, and the duals given.
    static func result(_ x: [Double], objective: Double, duals: [Double]?) -> SolveResult {
        SolveResult(termination: Termination(reason: .optimal), objectiveValue: objective, variableValues: x,
                    rowActivities: [], rowDuals: duals)
    }

    @Test(arguments: [SolverOptions.Method.primalSimplex, .dualSimplex, .interiorPoint])
    func glpkOptimumPassesWithTheHandDuals(method: SolverOptions.Method) throws {
        let (lp, x, y) = Self.handLP()
        let solved = try GLPKSolver.solve(lp, options: SolverOptions(method: method))
        #expect(solved.termination.reason == .optimal)
        #expect(abs(solved[x] - 4) < 1e-6 && abs(solved[y]) < 1e-6)
        let duals = try #require(solved.rowDuals)
        #expect(abs(duals[0] - 3) < 1e-6 && abs(duals[1]) < 1e-6)
        let report = lp.check(solved)
        #expect(report.passed, "\(report.summary())")
        #expect(report.checkedDuals)
        #expect(abs((report.recomputedObjective ?? 0) - 12) < 1e-6)
        #expect(abs((report.dualBound ?? 0) - 12) < 1e-6)
    }

    @Test func minimisationUsesTheMirroredSigns() throws {
        // min −3x − 2y over the same polytope: optimum −12 at (4, 0); ∂z/∂b1 = −3.
        let (lp, _, _) = Self.handLP(sense: .minimize)
        let solved = try GLPKSolver.solve(lp)
        #expect(abs((solved.rowDuals?[0] ?? 0) + 3) < 1e-6)
        let report = lp.check(solved)
        #expect(report.passed, "\(report.summary())")
        #expect(abs((report.dualBound ?? 0) + 12) < 1e-6)
        // The hand duals of the maximisation, unmirrored, have the wrong sign on c1 (a ≤ row
        // with no lower end): the check must refuse them.
        let wrong = lp.check(Self.result([4, 0], objective: -12, duals: [3, 0]))
        #expect(wrong.violations.contains { $0.kind == .rowDualSign && $0.name == "c1" })
    }

    @Test func handOptimumPassesAndTheObjectiveIsRecomputed() {
        let (lp, _, _) = Self.handLP()
        #expect(lp.check(Self.result([4, 0], objective: 12, duals: [3, 0])).passed)
        // The reported objective is not trusted: 13 at (4, 0) is caught (3·4 + 2·0 = 12).
        let report = lp.check(Self.result([4, 0], objective: 13, duals: [3, 0]))
        #expect(report.violations.map(\.kind) == [.objective])
        #expect(abs((report.violations.first?.amount ?? 0) - 1) < 1e-12)
    }

    @Test func aCorruptedValueNamesTheViolatedRow() {
        let (lp, _, _) = Self.handLP()
        // x = 5: c1 = 5 > 4 (by 1, scale max(1, 4, 5) = 5), c2 = 5 ≤ 6 holds.
        let report = lp.check(Self.result([5, 0], objective: 15, duals: nil))
        let rows = report.violations.filter { $0.kind == .row }
        #expect(rows.map(\.name) == ["c1"])
        #expect(abs((rows.first?.amount ?? 0) - 1) < 1e-12 && rows.first?.scale == 5)
        #expect(!report.checkedDuals)
        // x = −1: the bound x ≥ 0 is broken.
        let below = lp.check(Self.result([-1, 0], objective: -3, duals: nil))
        #expect(below.violations.contains { $0.kind == .bound && $0.name == "x" })
    }

    @Test func aFeasibleButSuboptimalPointFailsComplementarySlackness() {
        let (lp, _, _) = Self.handLP()
        // (3, 1) is feasible with objective 11, but with π = (3, 0) the bound is 12: gap 1.
        // The gap sits on y (reduced cost −1, y = 1 above its lower bound 0): slackness fails there.
        let report = lp.check(Self.result([3, 1], objective: 11, duals: [3, 0]))
        #expect(!report.passed)
        #expect(report.violations.contains { $0.kind == .dualityGap && $0.name.isEmpty && abs($0.amount - 1) < 1e-12 })
        #expect(report.violations.contains { $0.kind == .dualityGap && $0.name == "y" })
        #expect(abs((report.dualBound ?? 0) - 12) < 1e-12)
        // Whatever duals are claimed, weak duality holds: π = (2, 0) gives reduced cost +1 on x
        // (no upper bound), reported as a sign violation instead of a bound.
        let other = lp.check(Self.result([3, 1], objective: 11, duals: [2, 0]))
        #expect(other.violations.contains { $0.kind == .reducedCostSign && $0.name == "x" })
    }

    @Test func aResultWithoutSolutionPassesTrivially() {
        let (lp, _, _) = Self.handLP()
        let none = SolveResult(termination: Termination(reason: .infeasible), objectiveValue: nil,
                               variableValues: [], rowActivities: [])
        #expect(lp.check(none).passed)
    }

    // MARK: Magnitudes GLPK aborts on

    @Test(arguments: [1e-200, 1e-101, 1e101, 1e155, 1e300])
    func matrixCoefficientsOutsideTheRangeAreRefused(value: Double) throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", upper: 1, objective: 1)
        let y = lp.addVariable(name: "y", upper: 1, objective: 1)
        lp.addConstraint(name: "r", terms: [LinearTerm(x, value), LinearTerm(y, 1)], .lessOrEqual(1))
        #expect(throws: LPError.magnitudeOutOfRange(place: "constraint r, variable x", value: value)) {
            try GLPKSolver.solve(lp)
        }
        #expect(throws: LPError.self) { try GLPKSession(lp) }
    }

    @Test func largeObjectivesAndBoundsAreRefusedTinyOnesAccepted() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", upper: 1, objective: 1e101)
        lp.addConstraint(name: "r", terms: [LinearTerm(x, 1)], .lessOrEqual(1))
        #expect(throws: LPError.magnitudeOutOfRange(place: "objective of x", value: 1e101)) { try GLPKSolver.solve(lp) }
        lp.setObjective(1, for: x)
        lp.setBounds(of: ConstraintID(0), .lessOrEqual(1e200))
        #expect(throws: LPError.magnitudeOutOfRange(place: "upper end of r", value: 1e200)) { try GLPKSolver.solve(lp) }
        // A tiny bound or objective coefficient is harmless to GLPK's scaling (it scales the matrix).
        lp.setBounds(of: ConstraintID(0), .lessOrEqual(1e-200))
        let solved = try GLPKSolver.solve(lp)
        #expect(solved.termination.reason == .optimal && lp.check(solved).passed)
        // The limits are the edges of the range.
        lp.setBounds(of: ConstraintID(0), .lessOrEqual(1e100))
        lp.setBounds(of: x, lower: 0, upper: 1)
        #expect(throws: Never.self) { try lp.validate() }
    }

    @Test func sessionChangesAreCheckedToo() throws {
        let (lp, x, _) = Self.handLP()
        let session = try GLPKSession(lp)
        #expect(throws: LPError.magnitudeOutOfRange(place: "upper end of c1", value: 1e160)) {
            try session.setBounds(of: ConstraintID(0), .lessOrEqual(1e160))
        }
        #expect(throws: LPError.magnitudeOutOfRange(place: "objective of x", value: -1e120)) {
            try session.setObjective(-1e120, for: x)
        }
        #expect(throws: LPError.self) {
            try session.addVariable(name: "t", objective: 1, column: [LinearTerm.Row(ConstraintID(0), 1e-150)])
        }
        // Still usable after the refusals: the optimum of the hand LP.
        let solved = session.solve()
        #expect(abs((solved.objectiveValue ?? 0) - 12) < 1e-9)
    }
}
