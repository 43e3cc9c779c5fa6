import Testing
import LinearProgramming
import TestSupport

/// Infeasible and unbounded LPs are results, not errors, and each method names which.
@Suite struct StatusTests {
    @Test(arguments: LPConfig.allCases)
    func infeasibleLPIsReportedInfeasible(config: LPConfig) throws {
        // x + y ≤ 1 and x + y ≥ 3: no point satisfies both.
        let result = try GLPKSolver.solve(SpecialLPs.infeasible, options: config.options)
        #expect(result.termination.reason == .infeasible, "\(result.termination)")
        #expect(result.termination.limit == nil)
        #expect(!result.termination.hasSolution)
        #expect(result.objectiveValue == nil)
        #expect(result.variableValues.isEmpty)
        #expect(result.rowDuals == nil)
    }

    @Test(arguments: LPConfig.allCases)
    func unboundedLPIsReportedUnbounded(config: LPConfig) throws {
        // max x + y, x − y ≤ 1: the ray (1, 1) is feasible and improves without end.
        let result = try GLPKSolver.solve(SpecialLPs.unbounded, options: config.options)
        #expect(result.termination.reason == .unbounded, "\(result.termination)")
        #expect(result.termination.limit == nil)
        #expect(result.objectiveValue == nil)
    }

    @Test(arguments: LPConfig.allCases)
    func infeasibleBecauseOfVariableBounds(config: LPConfig) throws {
        // 0 ≤ x ≤ 1, 0 ≤ y ≤ 1 and x + y ≥ 3: the row cannot be reached.
        var model = LinearProgram(name: "bounds_infeasible")
        let x = model.addVariable(name: "x", upper: 1, objective: 1)
        let y = model.addVariable(name: "y", upper: 1, objective: 1)
        model.addConstraint(name: "need", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .greaterOrEqual(3))
        let result = try GLPKSolver.solve(model, options: config.options)
        #expect(result.termination.reason == .infeasible, "\(result.termination)")
    }

    @Test(arguments: [LPConfig.primal, .dual, .primalPresolve, .dualPresolve])
    func iterationLimitIsNeverOptimal(config: LPConfig) throws {
        // Wyndor needs at least two pivots from the slack basis (x and y both enter),
        // so one iteration cannot finish it.
        var options = config.options
        options.iterationLimit = 1
        let result = try GLPKSolver.solve(SpecialLPs.wyndor.model, options: options)
        #expect(result.termination.reason == .feasible || result.termination.reason == .noSolutionFound,
                "\(result.termination)")
        #expect(result.termination.limit == .iterations)
    }

    @Test func requireTerminationDescriptionMentionsReason() {
        let termination = Termination(reason: .feasible, limit: .time, detail: "x")
        #expect(termination.description.hasPrefix("feasible (time limit)"))
        #expect(termination.hasSolution)
        #expect(!Termination(reason: .noSolutionFound, limit: .time).hasSolution)
    }
}
