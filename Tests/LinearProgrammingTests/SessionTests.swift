import Testing
import LinearProgramming

@Suite struct SessionTests {
    /// max 3x + 2y s.t. x + y ≤ b, x ≤ 4, 0 ≤ x, y. Optimum: x = min(4, b), y = b − x: 3·4 + 2(b − 4) for b ≥ 4.
    private func model() -> (LinearProgram, VariableID, VariableID, ConstraintID) {
        var lp = LinearProgram(name: "s", sense: .maximize)
        let x = lp.addVariable(name: "x", upper: 4, objective: 3)
        let y = lp.addVariable(name: "y", objective: 2)
        let budget = lp.addConstraint(name: "budget", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .lessOrEqual(10))
        return (lp, x, y, budget)
    }

    @Test func changesAndWarmStartedResolvesMatchColdSolves() throws {
        let (lp, x, y, budget) = model()
        let session = try GLPKSession(lp)
        let first = session.solve()
        #expect(first.termination.reason == .optimal)
        #expect(abs((first.objectiveValue ?? 0) - 24) < 1e-9)          // 12 + 2·6
        #expect(abs((first.dual(of: budget) ?? 0) - 2) < 1e-9)
        for b in [6.0, 2.0, 20.0] {
            try session.setBounds(of: budget, .lessOrEqual(b))
            let result = session.solve()
            let expected = b >= 4 ? 12 + 2 * (b - 4) : 3 * b
            #expect(abs((result.objectiveValue ?? 0) - expected) < 1e-9, "b = \(b)")
            var cold = lp
            cold.setBounds(of: budget, .lessOrEqual(b))
            #expect(abs((try GLPKSolver.solve(cold).objectiveValue ?? 0) - expected) < 1e-9)
            #expect(result.iterations <= 2, "a one-bound change needs at most a couple of pivots")
        }
        // A new column z worth 5 per unit using the budget at rate 1 takes the whole budget (20): 100.
        let z = try session.addVariable(name: "z", objective: 5, column: [LinearTerm.Row(budget, 1)])
        let withZ = session.solve()
        #expect(abs((withZ.objectiveValue ?? 0) - 100) < 1e-9)
        #expect(abs(withZ[z] - 20) < 1e-9 && abs(withZ[x]) < 1e-9 && abs(withZ[y]) < 1e-9)
        try session.setObjective(1, for: z)
        #expect(abs((session.solve().objectiveValue ?? 0) - (12 + 2 * 16)) < 1e-9)
        // Several at once: x worth 1, y worth 4, z worth 3 → y takes the budget: 4·20 = 80.
        try session.setObjective([(x, 1), (y, 4), (z, 3)])
        let batch = session.solve()
        #expect(abs((batch.objectiveValue ?? 0) - 80) < 1e-9 && abs(batch[y] - 20) < 1e-9)
        #expect(session.model.variables.map(\.objective) == [1, 4, 3])
    }

    /// A batch of objective changes with one bad entry throws and changes none of them.
    @Test func aBadObjectiveBatchChangesNothing() throws {
        let (lp, x, y, _) = model()
        let session = try GLPKSession(lp)
        #expect(throws: LPError.self) { try session.setObjective([(x, 1), (y, .nan)]) }
        #expect(throws: LPError.self) { try session.setObjective([(x, 1), (VariableID(5), 1)]) }
        #expect(throws: LPError.self) { try session.setObjective([(x, 1), (y, 1e300)]) }
        #expect(session.model.variables.map(\.objective) == [3, 2])
        #expect(abs((session.solve().objectiveValue ?? 0) - 24) < 1e-9, "GLPK's copy unchanged too")
    }

    /// Removing variables (column generation's dropped columns), by hand on
    /// max 3x + 2y + w s.t. x + y + w ≤ 10, x ≤ 4: optimum x = 4, y = 6 (24), w non-basic at 0.
    /// Without w: the same optimum, warm (no pivot). Without x (basic): max 2y + w → y = 10, 20,
    /// from the standard basis. The model the session holds loses the columns too.
    @Test func removedVariablesLeaveTheRestWarmAndRenumbered() throws {
        var lp = LinearProgram(name: "r", sense: .maximize)
        let x = lp.addVariable(name: "x", upper: 4, objective: 3)
        _ = lp.addVariable(name: "y", objective: 2)
        let w = lp.addVariable(name: "w", objective: 1)
        let budget = lp.addConstraint(name: "budget", terms: [LinearTerm(x, 1), LinearTerm(VariableID(1), 1), LinearTerm(w, 1)],
                                      .lessOrEqual(10))
        let session = try GLPKSession(lp)
        #expect(abs((session.solve().objectiveValue ?? 0) - 24) < 1e-9)
        #expect(try !session.isBasic(w) && session.isBasic(VariableID(1)))
        try session.removeVariables([w])
        #expect(session.model.variableCount == 2 && session.model.nonZeroCount == 2)
        let warm = session.solve()
        #expect(abs((warm.objectiveValue ?? 0) - 24) < 1e-9)
        #expect(warm.iterations == 0)
        try session.removeVariables([x])
        // y is now variable 0, still in the budget row.
        #expect(session.model.variables.map(\.name) == ["y"])
        #expect(session.model.terms(of: budget) == [LinearTerm(VariableID(0), 1)])
        let without = session.solve()
        #expect(abs((without.objectiveValue ?? 0) - 20) < 1e-9 && abs(without[VariableID(0)] - 10) < 1e-9)
        #expect(throws: LPError.self) { try session.removeVariables([VariableID(0), VariableID(0)]) }
        #expect(throws: LPError.self) { try session.removeVariables([VariableID(5)]) }
        try session.removeVariables([])
    }

    /// A session's warm-started MIP solve: a knapsack max 10a + 13b + 7c, 3a + 4b + 2c ≤ 6,
    /// a, b, c ∈ [0, 1]. LP relaxation (by value per weight c, a, then b): 7 + 10 + 13/4 = 20.25;
    /// integer optimum b + c = 20. After the MIP the session is an LP session again.
    @Test func warmStartedMIPMatchesHandSolvedKnapsack() throws {
        var lp = LinearProgram(name: "k", sense: .maximize)
        let a = lp.addVariable(name: "a", upper: 1, objective: 10)
        let b = lp.addVariable(name: "b", upper: 1, objective: 13)
        let c = lp.addVariable(name: "c", upper: 1, objective: 7)
        _ = lp.addConstraint(name: "w", terms: [LinearTerm(a, 3), LinearTerm(b, 4), LinearTerm(c, 2)], .lessOrEqual(6))
        let session = try GLPKSession(lp)
        #expect(abs((session.solve().objectiveValue ?? 0) - 20.25) < 1e-9)
        let mip = try session.solveMIP(integerColumns: [a, b, c])
        #expect(mip.termination.reason == .optimal && mip.isMIP)
        #expect(abs((mip.objectiveValue ?? 0) - 20) < 1e-9)
        #expect(abs(mip[a]) < 1e-9 && abs(mip[b] - 1) < 1e-9 && abs(mip[c] - 1) < 1e-9)
        #expect(abs((mip.bestBound ?? 0) - 20) < 1e-9)
        // Continuous again, from the root's basis: the LP optimum with no pivot.
        let again = session.solve()
        #expect(abs((again.objectiveValue ?? 0) - 20.25) < 1e-9)
        #expect(again.iterations == 0)
        // b worth 10: LP 7 + 10 + 10/4 = 19.5; integer a + c = b + c = 17.
        try session.setObjective(10, for: b)
        #expect(abs((session.solve().objectiveValue ?? 0) - 19.5) < 1e-9)
        #expect(abs((try session.solveMIP(integerColumns: [a, b, c]).objectiveValue ?? 0) - 17) < 1e-9)
        // Fractional bounds cannot be an integer column's.
        try session.setBounds(of: a, lower: 0, upper: 0.5)
        #expect(throws: LPError.self) { try session.solveMIP(integerColumns: [a]) }
    }

    @Test func invalidChangesThrowInsteadOfAborting() throws {
        let (lp, x, _, budget) = model()
        let session = try GLPKSession(lp)
        #expect(throws: LPError.self) { try session.setBounds(of: ConstraintID(7), .lessOrEqual(1)) }
        #expect(throws: LPError.self) { try session.setBounds(of: budget, .ranged(5, 1)) }
        #expect(throws: LPError.self) { try session.setBounds(of: x, lower: 3, upper: 1) }
        #expect(throws: LPError.self) { try session.setObjective(.nan, for: x) }
        #expect(throws: LPError.self) { try session.addVariable(column: [LinearTerm.Row(ConstraintID(9), 1)]) }
        #expect(throws: LPError.self) { try session.addVariable(column: [LinearTerm.Row(budget, .infinity)]) }
        var mip = lp
        mip.addVariable(name: "k", upper: 3, kind: .integer)
        #expect(throws: LPError.self) { try GLPKSession(mip) }
        #expect(session.solve().termination.reason == .optimal)
    }
}
