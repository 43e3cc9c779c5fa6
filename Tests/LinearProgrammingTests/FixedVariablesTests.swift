import Testing
import LinearProgramming
import TestSupport

/// ``LinearProgram/removingFixedVariables()``: the small LP GLPK gets when most columns are fixed.
@Suite struct FixedVariablesTests {
    /// max 3x + 2y + z + w, x fixed at 2, w fixed at 1:
    ///   r0: x + y + z ≤ 6      → y + z ≤ 4
    ///   r1: x − y ≥ −1         → −y ≥ −3 (y ≤ 3)
    ///   r2: x + w = 3          (no free column: dropped)
    ///   r3: 2y + z ∈ [1, 7]    (unchanged)
    /// 0 ≤ y, z ≤ 10. By hand: y + z ≤ 4, y ≤ 3, 2y + z ≤ 7; value 2y + z + 7 → y = 3, z = 1,
    /// 2y + z = 7; objective 6 + 6 + 1 + 1 = 14.
    @Test func shiftsBoundsDropsConstantRowsAndSolvesToTheSameOptimum() throws {
        var lp = LinearProgram(name: "fixed", sense: .maximize)
        let x = lp.addVariable(name: "x", lower: 2, upper: 2, objective: 3)
        let y = lp.addVariable(name: "y", lower: 0, upper: 10, objective: 2)
        let z = lp.addVariable(name: "z", lower: 0, upper: 10, objective: 1)
        let w = lp.addVariable(name: "w", lower: 1, upper: 1, kind: .integer, objective: 1)
        lp.addConstraint(name: "r0", terms: [LinearTerm(x, 1), LinearTerm(y, 1), LinearTerm(z, 1)], .lessOrEqual(6))
        lp.addConstraint(name: "r1", terms: [LinearTerm(x, 1), LinearTerm(y, -1)], .greaterOrEqual(-1))
        lp.addConstraint(name: "r2", terms: [LinearTerm(x, 1), LinearTerm(w, 1)], .equal(3))
        lp.addConstraint(name: "r3", terms: [LinearTerm(y, 2), LinearTerm(z, 1)], .ranged(1, 7))

        let reduced = lp.removingFixedVariables()
        #expect(reduced.variables == [1, 2])
        #expect(reduced.constraints == [0, 1, 3])
        #expect(reduced.program.variables.map(\.name) == ["y", "z"])
        #expect(reduced.program.constraints.map(\.bounds) == [.lessOrEqual(4), .greaterOrEqual(-3), .ranged(1, 7)])
        #expect(reduced.program.objectiveConstant == 7)
        #expect(!reduced.program.isMixedInteger)

        let small = try GLPKSolver.solve(reduced.program)
        let whole = try GLPKSolver.solve(lp)
        try #require(small.termination.reason == .optimal && whole.termination.reason == .optimal)
        #expect(try #require(small.objectiveValue).isApproximatelyEqual(to: 14, absoluteTolerance: 1e-9))
        #expect(try #require(whole.objectiveValue).isApproximatelyEqual(to: 14, absoluteTolerance: 1e-9))
        let expanded = reduced.expand(small.variableValues)
        for (got, want) in zip(expanded, [2.0, 3, 1, 1]) { #expect(got.isApproximatelyEqual(to: want, absoluteTolerance: 1e-9)) }
        #expect(lp.objectiveValue(at: expanded).isApproximatelyEqual(to: 14, absoluteTolerance: 1e-9))
    }

    /// Nothing fixed: the same program; everything fixed: no column, no row, the value as constant.
    @Test func nothingOrEverythingFixed() {
        var lp = LinearProgram(sense: .minimize)
        let a = lp.addVariable(name: "a", lower: 0, upper: 5, objective: 1)
        let b = lp.addVariable(name: "b", lower: -1, upper: .infinity, objective: -2)
        lp.addConstraint(name: "r", terms: [LinearTerm(a, 1), LinearTerm(b, 1)], .lessOrEqual(3))
        let same = lp.removingFixedVariables()
        #expect(same.variables == [0, 1] && same.constraints == [0])
        #expect(same.program.constraints.map(\.bounds) == [.lessOrEqual(3)] && same.program.objectiveConstant == 0)

        lp.setBounds(of: a, lower: 4, upper: 4)
        lp.setBounds(of: b, lower: -1, upper: -1)
        let none = lp.removingFixedVariables()
        #expect(none.program.variableCount == 0 && none.program.constraintCount == 0)
        #expect(none.program.objectiveConstant == 6)
        #expect(none.expand([]) == [4, -1])
    }
}
