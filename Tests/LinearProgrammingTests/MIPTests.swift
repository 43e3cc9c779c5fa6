import Testing
import LinearProgramming
import TestSupport

/// Mixed-integer programs with hand-derived optima, and a MIP cut short by its time limit.
@Suite struct MIPTests {
    @Test(arguments: [SolverOptions.Method.primalSimplex, .dualSimplex], [true, false])
    func knapsackOptimumAndFixedDuals(method: SolverOptions.Method, cuts: Bool) throws {
        let k = SpecialMIPs.knapsack
        var options = SolverOptions(method: method)
        options.mipCuts = cuts
        let result = try GLPKSolver.solve(k.model, options: options)

        #expect(result.termination.reason == .optimal, "\(result.termination)")
        try #require(result.termination.reason == .optimal)
        #expect(result.termination.limit == nil)
        #expect(result.isMIP)
        #expect(k.model.isMixedInteger)
        // Hand optimum (see SpecialMIPs.knapsack): items b and d, s = 3, objective 96.
        #expect(result.objectiveValue!.isApproximatelyEqual(to: k.objective, absoluteTolerance: 1e-9))
        for (item, chosen) in zip(k.items, k.chosen) {
            #expect(result[item].isApproximatelyEqual(to: chosen, absoluteTolerance: 1e-9))
        }
        #expect(result[k.leftover].isApproximatelyEqual(to: k.leftoverValue, absoluteTolerance: 1e-9))
        // Proven optimal: the bound equals the objective and the gap is 0.
        let bound = try #require(result.bestBound)
        #expect(bound.isApproximatelyEqual(to: k.objective, absoluteTolerance: 1e-6))
        let gap = try #require(result.relativeGap)
        #expect(gap.isApproximatelyEqual(to: 0, absoluteTolerance: 1e-9))
        // Duals of the LP with the integers fixed: s is basic, so π(cap) = 2; the fixed
        // items' reduced costs are v_j − 2 w_j.
        #expect(result.dualsFromFixedMIP)
        let dual = try #require(result.dual(of: k.capacity))
        #expect(dual.isApproximatelyEqual(to: k.capacityDual, absoluteTolerance: 1e-9))
        let reduced = try #require(result.reducedCosts)
        for (item, expected) in zip(k.items, k.reducedCosts) {
            #expect(reduced[item.index].isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9))
        }
        #expect(reduced[k.leftover.index].isApproximatelyEqual(to: 0, absoluteTolerance: 1e-9))
    }

    @Test func knapsackWithoutFixedDualsHasNoDuals() throws {
        var options = SolverOptions()
        options.fixedMIPDuals = false
        let result = try GLPKSolver.solve(SpecialMIPs.knapsack.model, options: options)
        try #require(result.termination.reason == .optimal)
        #expect(result.objectiveValue!.isApproximatelyEqual(to: 96, absoluteTolerance: 1e-9))
        #expect(result.rowDuals == nil)
        #expect(!result.dualsFromFixedMIP)
    }

    @Test func assignmentOptimum() throws {
        let a = SpecialMIPs.assignment
        let result = try GLPKSolver.solve(a.model)
        #expect(result.termination.reason == .optimal, "\(result.termination)")
        try #require(result.termination.reason == .optimal)
        #expect(result.isMIP)
        // Hand optimum 9: worker0 → task1, worker1 → task0, worker2 → task2.
        #expect(result.objectiveValue!.isApproximatelyEqual(to: a.objective, absoluteTolerance: 1e-9))
        for i in 0..<3 {
            for j in 0..<3 {
                let expected: Double = a.assigned[i] == j ? 1 : 0
                #expect(result[a.x[i][j]].isApproximatelyEqual(to: expected, absoluteTolerance: 1e-9),
                        "x[\(i)][\(j)]")
            }
        }
        #expect(result.bestBound!.isApproximatelyEqual(to: 9, absoluteTolerance: 1e-6))
        #expect(result.relativeGap!.isApproximatelyEqual(to: 0, absoluteTolerance: 1e-9))
    }

    @Test func generalIntegerWithFractionalBounds() throws {
        // max x, x integer in [0.5, 3.7] (→ [1, 3] for GLPK), 2x ≤ 7 → x ≤ 3.5 → x = 3.
        var model = LinearProgram(name: "int_bounds", sense: .maximize)
        let x = model.addVariable(name: "x", lower: 0.5, upper: 3.7, kind: .integer, objective: 1)
        model.addConstraint(name: "r", terms: [LinearTerm(x, 2)], .lessOrEqual(7))
        let result = try GLPKSolver.solve(model)
        try #require(result.termination.reason == .optimal)
        #expect(result[x].isApproximatelyEqual(to: 3, absoluteTolerance: 1e-9))
    }

    @Test func infeasibleMIPIsInfeasible() throws {
        // LP relaxation feasible (x = 0.5), but no integer x satisfies 2x = 1.
        var model = LinearProgram(name: "odd")
        let x = model.addVariable(name: "x", upper: 10, kind: .integer, objective: 1)
        model.addConstraint(name: "odd", terms: [LinearTerm(x, 2)], .equal(1))
        let result = try GLPKSolver.solve(model)
        #expect(result.termination.reason == .infeasible, "\(result.termination)")
        #expect(result.isMIP)
        #expect(result.objectiveValue == nil)
    }

    /// An infeasible MIP has no bound to report (GLPK's tree bound of an exhausted search is a
    /// ±DBL_MAX sentinel that reports printed as a 309-digit number), for min and max alike.
    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func infeasibleMIPHasNoBestBound(sense: ObjectiveSense) throws {
        var model = LinearProgram(name: "odd", sense: sense)
        let x = model.addVariable(name: "x", upper: 10, kind: .integer, objective: 1)
        let y = model.addVariable(name: "y", upper: 10, kind: .integer, objective: 1)
        model.addConstraint(name: "odd", terms: [LinearTerm(x, 2), LinearTerm(y, 2)], .equal(3))
        for cuts in [true, false] {
            var options = SolverOptions()
            options.mipCuts = cuts
            let result = try GLPKSolver.solve(model, options: options)
            #expect(result.termination.reason == .infeasible, "\(result.termination)")
            #expect(result.bestBound == nil, "best bound \(String(describing: result.bestBound)) without a solution")
            #expect(result.relativeGap == nil)
        }
    }

    @Test func infeasibleRelaxationIsInfeasible() throws {
        var model = SpecialLPs.infeasible
        model.addVariable(name: "z", kind: .binary)
        let result = try GLPKSolver.solve(model)
        #expect(result.termination.reason == .infeasible, "\(result.termination)")
    }

    @Test func unboundedRelaxationIsNotOptimal() throws {
        var model = SpecialLPs.unbounded
        model.addVariable(name: "z", kind: .integer, objective: 1)
        let result = try GLPKSolver.solve(model)
        #expect([.unbounded, .infeasibleOrUnbounded].contains(result.termination.reason), "\(result.termination)")
    }

    /// The seeded 100-item, 10-constraint correlated knapsack is far beyond 0.05 s for GLPK.
    @Test(arguments: [true, false])
    func timeLimitedMIPIsNeverOptimal(cuts: Bool) throws {
        let model = SpecialMIPs.hardMultiKnapsack()
        var options = SolverOptions(timeLimit: 0.05)
        options.mipCuts = cuts
        let clock = ContinuousClock()
        let start = clock.now
        let result = try GLPKSolver.solve(model, options: options)
        let elapsed = start.duration(to: clock.now)

        #expect(result.termination.reason != .optimal, "\(result.termination)")
        #expect(result.isMIP)
        switch result.termination.reason {
        case .feasible:
            #expect(result.termination.limit == .time)
            let objective = try #require(result.objectiveValue)
            let bound = try #require(result.bestBound)
            let gap = try #require(result.relativeGap)
            // Maximisation: the bound is at least the incumbent, and the gap is what it says.
            #expect(bound >= objective - 1e-6)
            #expect(gap >= 0)
            #expect(gap.isApproximatelyEqual(to: abs(objective - bound) / abs(objective), absoluteTolerance: 1e-9))
            // The incumbent is feasible for the original rows and integral.
            let activities = model.activities(at: result.variableValues)
            for (row, value) in zip(model.constraints, activities) {
                #expect(value <= row.bounds.upper + 1e-6)
            }
            for x in result.variableValues {
                #expect(x.isApproximatelyEqual(to: x.rounded(), absoluteTolerance: 1e-6))
            }
        case .noSolutionFound:
            #expect(result.termination.limit == .time)
        default:
            Issue.record("unexpected termination \(result.termination)")
        }
        // Stopped near the limit, not after solving to optimality.
        #expect(elapsed < .seconds(5))
    }

    @Test func relativeGapOptionStopsEarlyAndIsReportedOptimal() throws {
        // With a 100 % gap tolerance the first incumbent is accepted (GLP_EMIPGAP), which the
        // layer reports as optimal "within the requested gap": the gap it reports must be ≤ 1.
        var options = SolverOptions(relativeGap: 1.0)
        options.timeLimit = 10
        let result = try GLPKSolver.solve(SpecialMIPs.hardMultiKnapsack(items: 60, constraints: 5), options: options)
        #expect(result.termination.reason == .optimal || result.termination.reason == .feasible, "\(result.termination)")
        if let gap = result.relativeGap { #expect(gap <= 1.0 + 1e-9) }
    }
}

/// GLPK's iteration counter (`glp_get_it_cnt`) is cumulative over the life of one problem
/// object: the layer must report it once, not add it up after every LP it solves.
@Suite struct IterationCountTests {
    @Test func mipWithIntegralRelaxationCountsIterationsOnce() throws {
        // Wyndor with x, y integer: its LP optimum (2, 6) is already integral, so branch-and-cut
        // and the fixed-integer LP start from an optimal basis and pivot no more. The MIP
        // solve must therefore report exactly the LP's iteration count.
        let lp = SpecialLPs.wyndor
        let asLP = try GLPKSolver.solve(lp.model)
        try #require(asLP.termination.reason == .optimal)
        #expect(asLP.iterations >= 2)  // x and y both enter the slack basis

        var integer = LinearProgram(name: "wyndor_int", sense: .maximize)
        for (j, variable) in lp.model.variables.enumerated() {
            integer.addVariable(name: variable.name, lower: variable.lower, upper: variable.upper,
                                kind: j < 2 ? .integer : .continuous, objective: variable.objective)
        }
        for row in lp.constraints {
            integer.addConstraint(name: lp.model.constraints[row.index].name, terms: lp.model.terms(of: row),
                                  lp.model.constraints[row.index].bounds)
        }
        let result = try GLPKSolver.solve(integer)
        try #require(result.termination.reason == .optimal)
        #expect(result.isMIP)
        #expect(result.objectiveValue!.isApproximatelyEqual(to: 36, absoluteTolerance: 1e-9))
        #expect(result.iterations == asLP.iterations)
    }
}
