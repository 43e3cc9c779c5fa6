import Testing
import LinearProgramming
import TestSupport

/// Small LPs solved by hand (see `SpecialLPs`), each with every LP method.
@Suite struct HandSolvedLPTests {
    static let names = SpecialLPs.all.map(\.0)

    static func lp(named name: String) -> HandSolvedLP {
        SpecialLPs.all.first { $0.0 == name }!.1
    }

    @Test(arguments: names, LPConfig.allCases)
    func optimumMatchesHandSolution(name: String, config: LPConfig) throws {
        let lp = Self.lp(named: name)
        let result = try GLPKSolver.solve(lp.model, options: config.options)

        #expect(result.termination.reason == .optimal)
        try #require(result.termination.reason == .optimal)
        #expect(!result.isMIP)
        let tol = config.tolerance
        let objective = try #require(result.objectiveValue)
        #expect(objective.isApproximatelyEqual(to: lp.objective, absoluteTolerance: tol))
        for (variable, expected) in zip(lp.variables, lp.primal) {
            #expect(result[variable].isApproximatelyEqual(to: expected, absoluteTolerance: tol),
                    "\(lp.model.displayName(of: variable)) = \(result[variable]), expected \(expected)")
        }
        // Row activities agree with the primal values.
        let activities = lp.model.activities(at: lp.primal)
        for row in lp.constraints {
            #expect(result.activity(of: row).isApproximatelyEqual(to: activities[row.index], absoluteTolerance: tol))
        }
        guard config.hasBasis else { return }
        for (row, expected) in zip(lp.constraints, lp.rowDuals) {
            let dual = try #require(result.dual(of: row))
            #expect(dual.isApproximatelyEqual(to: expected, absoluteTolerance: tol),
                    "dual of \(lp.model.displayName(of: row)) = \(dual), expected \(expected)")
        }
        let reduced = try #require(result.reducedCosts)
        for (variable, expected) in zip(lp.variables, lp.reducedCosts) {
            #expect(reduced[variable.index].isApproximatelyEqual(to: expected, absoluteTolerance: tol),
                    "reduced cost of \(lp.model.displayName(of: variable)) = \(reduced[variable.index]), expected \(expected)")
        }
    }

    /// Strong duality on the hand solutions themselves: the expected duals price the
    /// expected objective (guards the fixtures against arithmetic slips).
    @Test(arguments: names)
    func fixturesSatisfyStrongDuality(name: String) {
        let lp = Self.lp(named: name)
        #expect(lp.model.objectiveValue(at: lp.primal).isApproximatelyEqual(to: lp.objective, absoluteTolerance: 1e-12))
        // d_j = c_j − Σ π_i a_ij for every column.
        for variable in lp.variables {
            var priced = lp.model.variables[variable.index].objective
            for row in lp.constraints {
                for term in lp.model.terms(of: row) where term.variable == variable {
                    priced -= lp.rowDuals[row.index] * term.coefficient
                }
            }
            #expect(priced.isApproximatelyEqual(to: lp.reducedCosts[variable.index], absoluteTolerance: 1e-12))
        }
    }

    @Test func lpWithoutRowsIsSolvedByBounds() throws {
        // min x − y with 1 ≤ x ≤ 3, −2 ≤ y ≤ 5, no rows: x at its lower bound 1, y at its
        // upper bound 5; objective 1 − 5 = −4; reduced costs are the costs themselves (1, −1).
        var model = LinearProgram(name: "bounds_only")
        let x = model.addVariable(name: "x", lower: 1, upper: 3, objective: 1)
        let y = model.addVariable(name: "y", lower: -2, upper: 5, objective: -1)
        for config in LPConfig.allCases {
            let result = try GLPKSolver.solve(model, options: config.options)
            #expect(result.termination.reason == .optimal, "\(config)")
            guard result.termination.reason == .optimal else { continue }
            #expect(result.objectiveValue!.isApproximatelyEqual(to: -4, absoluteTolerance: 1e-9))
            #expect(result[x].isApproximatelyEqual(to: 1, absoluteTolerance: 1e-9))
            #expect(result[y].isApproximatelyEqual(to: 5, absoluteTolerance: 1e-9))
            #expect(result.reducedCosts?[x.index].isApproximatelyEqual(to: 1, absoluteTolerance: 1e-9) == true)
            #expect(result.reducedCosts?[y.index].isApproximatelyEqual(to: -1, absoluteTolerance: 1e-9) == true)
        }
    }

    @Test func unscaledSolveGivesTheSameOptimum() throws {
        let lp = SpecialLPs.mixedRows
        var options = SolverOptions()
        options.scaling = false
        let result = try GLPKSolver.solve(lp.model, options: options)
        try #require(result.termination.reason == .optimal)
        #expect(result.objectiveValue!.isApproximatelyEqual(to: lp.objective, absoluteTolerance: 1e-9))
        #expect(result.dual(of: lp.constraints[1])!.isApproximatelyEqual(to: -1.0 / 3, absoluteTolerance: 1e-9))
    }
}
