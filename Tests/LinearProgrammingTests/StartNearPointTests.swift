import Testing
import LinearProgramming
import TestSupport

/// `GLPKSolver.solve(_:options:near:)`: wherever the starting point lies (at the optimum, at
/// bounds, inside, outside the bounds), the answer is the optimum a cold solve gives, checked
/// against the hand solutions; a start whose held columns leave no plan falls back to the cold
/// solve; infeasible and unbounded LPs end as they do cold; bad points are refused.
@Suite struct StartNearPointTests {
    /// Starting points for `lp`: its optimum, every column at its lower bound, at its upper bound,
    /// in the middle, and seeded random points (some outside the bounds, some of them at bounds).
    static func starts(for lp: HandSolvedLP) -> [(String, [Double])] {
        let variables = lp.model.variables
        func finite(_ value: Double, else other: Double) -> Double { value.isFinite ? value : other }
        var starts: [(String, [Double])] = [
            ("optimum", lp.primal),
            ("lower", variables.map { finite($0.lower, else: finite($0.upper, else: 0)) }),
            ("upper", variables.map { finite($0.upper, else: finite($0.lower, else: 0)) }),
            ("middle", variables.map { $0.lower.isFinite && $0.upper.isFinite ? ($0.lower + $0.upper) / 2 : finite($0.lower, else: 1) }),
        ]
        var generator = SplitMix64(seed: 20261205)
        for k in 0..<8 {
            starts.append(("random \(k)", variables.map { variable in
                switch generator.next() % 4 {
                case 0: finite(variable.lower, else: -3)
                case 1: finite(variable.upper, else: 7)
                default: Double(generator.next() % 2001) / 100 - 5   // −5 … 15
                }
            }))
        }
        return starts
    }

    @Test(arguments: HandSolvedLPTests.names)
    func everyStartGivesTheHandOptimum(name: String) throws {
        let lp = HandSolvedLPTests.lp(named: name)
        for (label, start) in Self.starts(for: lp) {
            for config in [LPConfig.primal, .primalPresolve, .primalDantzig, .dual] {
                let result = try GLPKSolver.solve(lp.model, options: config.options, near: start)
                let context = "\(name), start \(label) \(start), \(config)"
                try #require(result.termination.reason == .optimal, "\(context): \(result.termination)")
                #expect(result.objectiveValue!.isApproximatelyEqual(to: lp.objective, absoluteTolerance: 1e-9), "\(context)")
                for (variable, expected) in zip(lp.variables, lp.primal) {
                    #expect(result[variable].isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9),
                            "\(context): \(lp.model.displayName(of: variable)) = \(result[variable]), expected \(expected)")
                }
                for (row, expected) in zip(lp.constraints, lp.rowDuals) {
                    #expect(result.dual(of: row)?.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9) == true, "\(context)")
                }
                for (variable, expected) in zip(lp.variables, lp.reducedCosts) {
                    #expect(result.reducedCosts?[variable.index].isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9) == true,
                            "\(context)")
                }
            }
        }
    }

    /// min x + 2y, x + y ≥ 2, 0 ≤ x, y ≤ 5: x = 2, y = 0, value 2 (y costs more per unit of the
    /// row). From (0, 0) both columns are held at 0 and the row fails: the cold solve answers.
    /// From (5, 5) both are held at their upper bounds (value 15), then released.
    @Test func aStartThatHoldsNoPlanFallsBackAndOneAtUpperBoundsIsReleased() throws {
        var lp = LinearProgram(name: "cover", sense: .minimize)
        let x = lp.addVariable(name: "x", lower: 0, upper: 5, objective: 1)
        let y = lp.addVariable(name: "y", lower: 0, upper: 5, objective: 2)
        let row = lp.addConstraint(name: "need", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .greaterOrEqual(2))
        for start in [[0.0, 0], [5, 5], [5, 0], [0, 5], [1, 1]] {
            let result = try GLPKSolver.solve(lp, options: SolverOptions(method: .primalSimplex), near: start)
            try #require(result.termination.reason == .optimal, "\(start)")
            #expect(result.objectiveValue!.isApproximatelyEqual(to: 2, absoluteTolerance: 1e-9), "\(start)")
            #expect(result[x].isApproximatelyEqual(to: 2, absoluteTolerance: 1e-9), "\(start)")
            #expect(result[y].isApproximatelyEqual(to: 0, absoluteTolerance: 1e-9), "\(start)")
            #expect(result.dual(of: row)?.isApproximatelyEqual(to: 1, absoluteTolerance: 1e-9) == true, "\(start)")
        }
    }

    @Test func infeasibleAndUnboundedEndAsTheyDoCold() throws {
        for model in [SpecialLPs.infeasible, SpecialLPs.unbounded] {
            let cold = try GLPKSolver.solve(model, options: SolverOptions(method: .primalSimplex))
            for start in [[Double](repeating: 0, count: model.variableCount), [Double](repeating: 3, count: model.variableCount)] {
                let near = try GLPKSolver.solve(model, options: SolverOptions(method: .primalSimplex), near: start)
                #expect(near.termination.reason == cold.termination.reason, "\(model.name) from \(start): \(near.termination)")
                #expect(!near.termination.hasSolution || near.termination.reason == .feasible)
            }
        }
    }

    @Test func badStartsAndModelsAreRefused() {
        let wyndor = SpecialLPs.wyndor.model
        var mip = wyndor
        mip.setKind(.integer, for: VariableID(0))
        let cases: [(String, LinearProgram, SolverOptions, [Double])] = [
            ("too few values", wyndor, SolverOptions(), [1]),
            ("not a number", wyndor, SolverOptions(), [Double](repeating: .nan, count: wyndor.variableCount)),
            ("infinite", wyndor, SolverOptions(), [Double](repeating: .infinity, count: wyndor.variableCount)),
            ("a MIP", mip, SolverOptions(), [Double](repeating: 0, count: mip.variableCount)),
            ("interior point", wyndor, SolverOptions(method: .interiorPoint), [Double](repeating: 0, count: wyndor.variableCount)),
        ]
        for (label, model, options, start) in cases {
            #expect(label.isEmpty == false)
            #expect {
                try GLPKSolver.solve(model, options: options, near: start)
            } throws: { error in
                if case .invalidOption = error as? LPError { true } else { false }
            }
        }
    }
}
