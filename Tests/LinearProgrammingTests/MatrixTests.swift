import Testing
import LinearProgramming
import TestSupport

/// A row's terms are merged per variable and zeros dropped, before GLPK sees them
/// (`glp_load_matrix` aborts on a duplicate (i, j)).
@Suite struct MatrixTests {
    @Test func duplicatesAreMergedAndZerosDropped() throws {
        var model = LinearProgram(name: "merge", sense: .maximize)
        let x = model.addVariable(name: "x", objective: 1)
        let y = model.addVariable(name: "y", objective: 1)
        let z = model.addVariable(name: "z", upper: 1, objective: 1)
        // 1x + 2y + 3x − 2y + 0z = 4x (y cancels, z is zero) …
        let row = model.addConstraint(
            name: "row",
            terms: [LinearTerm(x, 1), LinearTerm(y, 2), LinearTerm(x, 3), LinearTerm(y, -2), LinearTerm(z, 0)],
            .lessOrEqual(8))
        // … and y is capped by its own row.
        let cap = model.addConstraint(name: "cap", terms: [LinearTerm(y, 1), LinearTerm(y, 1)], .lessOrEqual(6))

        #expect(model.terms(of: row) == [LinearTerm(x, 4)])
        #expect(model.terms(of: cap) == [LinearTerm(y, 2)])
        #expect(model.nonZeroCount == 2)

        // max x + y + z: 4x ≤ 8 → x = 2; 2y ≤ 6 → y = 3; z ≤ 1 → z = 1. Objective 6.
        // Dual of row: x basic, 1 = 4π → π = 1/4. Dual of cap: 1 = 2π → 1/2.
        let result = try GLPKSolver.solve(model)
        try #require(result.termination.reason == .optimal)
        #expect(result.objectiveValue!.isApproximatelyEqual(to: 6, absoluteTolerance: 1e-9))
        #expect(result[x].isApproximatelyEqual(to: 2, absoluteTolerance: 1e-9))
        #expect(result[y].isApproximatelyEqual(to: 3, absoluteTolerance: 1e-9))
        #expect(result[z].isApproximatelyEqual(to: 1, absoluteTolerance: 1e-9))
        #expect(result.dual(of: row)!.isApproximatelyEqual(to: 0.25, absoluteTolerance: 1e-9))
        #expect(result.dual(of: cap)!.isApproximatelyEqual(to: 0.5, absoluteTolerance: 1e-9))
        #expect(result.activity(of: row).isApproximatelyEqual(to: 8, absoluteTolerance: 1e-9))
    }

    @Test func increasingTermsKeepOrderAndDropZeros() {
        var model = LinearProgram()
        let a = model.addVariable(name: "a"), b = model.addVariable(name: "b"), c = model.addVariable(name: "c")
        let row = model.addConstraint(name: "r", terms: [LinearTerm(a, 0), LinearTerm(b, 1.5), LinearTerm(c, -2)], .equal(1))
        #expect(model.terms(of: row) == [LinearTerm(b, 1.5), LinearTerm(c, -2)])
        let single = model.addConstraint(name: "s", terms: [LinearTerm(c, 0)], .lessOrEqual(1))
        #expect(model.terms(of: single).isEmpty)
        let empty = model.addConstraint(name: "e", terms: [], .lessOrEqual(1))
        #expect(model.terms(of: empty).isEmpty)
    }

    @Test func unsortedTermsAreMergedInVariableOrder() {
        var model = LinearProgram()
        let a = model.addVariable(name: "a"), b = model.addVariable(name: "b"), c = model.addVariable(name: "c")
        let row = model.addConstraint(
            name: "r", terms: [LinearTerm(c, 1), LinearTerm(a, 2), LinearTerm(b, 0), LinearTerm(c, 1), LinearTerm(a, -2)],
            .lessOrEqual(1))
        // a: 2 − 2 = 0 (dropped), b: 0 (dropped), c: 1 + 1 = 2.
        #expect(model.terms(of: row) == [LinearTerm(c, 2)])
    }

    @Test func cancellingRowSolvesAsAnEmptyRow() throws {
        // x − x ≤ −1 is 0 ≤ −1: infeasible, whatever x is. Merged to an empty row, GLPK sees
        // an empty row with upper bound −1 and must say infeasible (not abort, not "optimal").
        var model = LinearProgram(name: "cancel")
        let x = model.addVariable(name: "x", upper: 5, objective: 1)
        model.addConstraint(name: "never", terms: [LinearTerm(x, 1), LinearTerm(x, -1)], .lessOrEqual(-1))
        for config in LPConfig.allCases {
            let result = try GLPKSolver.solve(model, options: config.options)
            #expect(result.termination.reason == .infeasible, "\(config): \(result.termination)")
        }
    }

    @Test func activitiesAndObjectiveEvaluation() {
        let lp = SpecialLPs.wyndor
        // At (2, 6, 0): cap1 = 2, cap2 = 12, cap3 = 6 + 12 = 18; objective 36.
        #expect(lp.model.activities(at: [2, 6, 0]) == [2, 12, 18])
        #expect(lp.model.objectiveValue(at: [2, 6, 0]) == 36)
    }
}
