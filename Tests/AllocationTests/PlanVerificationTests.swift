import Testing
import LinearProgramming
import ScenarioIO
import TestSupport
@testable import Allocation

/// Issue 11: no unverified plan, and no GLPK abort, on the extreme inputs of the issue, along
/// every solve path. The scenarios are built in memory (past ScenarioIO's range checks, which
/// refuse them with a file and line), so that the solver layers' own defences are tested.
///
/// True optima of the tiny example (scenarios/examples/tiny/README.md derives 1,810):
/// - without credit (a penalty κ so large, or a share σ so small, that credit buys nothing):
///   T02's 60 of people's cash must cover 20 % of w3 and w4 (state ≤ 80 %, community ≥ 10 %),
///   and w3 is worth more per million of cash (7.5 against 6), so w3 gets F = 300 (value 450)
///   with 240 of central; central left 760 → w1 400 (800) and w2 360 (360): **1,610**
///   (glpsol --exact on the exported model: 1610 for κ = 10…1000);
/// - with min_community_share.other = 0 (1e-300 differs from it by 10⁻²⁹⁸ at most): w3 takes
///   credit 100 + central 400 (state cap 80 %), w4 is fully funded by people 40 + central 160
///   (value 240), people's last 20 go to w3 and free 20 of central, so central is w1 400,
///   w3 380, w4 160, w2 60: 800 + 60 + 750 + 240 − 10 = **1,840** (glpsol --exact: 1840).
@Suite struct PlanVerificationTests {
    static func tiny() throws -> Scenario { try ScenarioLoader.load(Repository.tinyScenario) }

    static func source(_ scenario: inout Scenario, _ id: String, _ change: (inout FundingSource) -> Void) {
        change(&scenario.sources[scenario.sources.firstIndex { $0.id == id }!])
    }

    /// The issue's cases: a name, the scenario, and the true objective (nil: must be refused).
    static func extremes() throws -> [(String, Scenario, Double?)] {
        var cases: [(String, Scenario, Double?)] = []
        var s = try tiny(); source(&s, "credit") { $0.maxShare = 1e-50 }
        cases.append(("credit max_share 1e-50", s, 1610))
        s = try tiny(); s.rules.minCommunityShare.other = 1e-300
        cases.append(("min_community_share.other 1e-300", s, 1840))
        s = try tiny(); source(&s, "credit") { $0.cost = 1e20 }
        cases.append(("credit cost 1e20", s, 1610))
        s = try tiny(); s.works[0].cost = 1e155
        cases.append(("work cost 1e155", s, nil))
        s = try tiny(); s.works[0].cost = 1e-200
        cases.append(("work cost 1e-200", s, nil))
        return cases
    }

    enum Path: CaseIterable { case primal, dual, interior, decomposed, decomposedNoFallback, mip }

    static func solve(_ scenario: Scenario, _ path: Path) throws(LPError) -> AllocationPlan {
        var scenario = scenario
        var options = SolverOptions()
        var decomposition = DecompositionOptions()
        switch path {
        case .primal: options.method = .primalSimplex
        case .dual: options.method = .dualSimplex
        case .interior: options.method = .interiorPoint
        case .decomposed: break
        case .decomposedNoFallback: decomposition.fallbackToMonolithic = false
        case .mip:
            scenario.mode = .mip
            scenario.works[4].divisible = false   // w5 (unfunded in every optimum above) becomes 0/1
        }
        let model = AllocationModel(scenario: scenario)
        let solvePath: SolvePath = path == .decomposed || path == .decomposedNoFallback ? .decomposed : .monolithic
        return try model.solve(options: options, path: solvePath, decomposition: decomposition)
    }

    @Test(arguments: Path.allCases)
    func everyExtremeCaseIsSolvedRightOrRefused(path: Path) throws {
        for (name, scenario, truth) in try Self.extremes() {
            let plan: AllocationPlan
            do {
                plan = try Self.solve(scenario, path)
            } catch {
                // A refusal before GLPK, for magnitudes out of its range (1e-300·K_p is one too).
                guard case .magnitudeOutOfRange = error else {
                    Issue.record("\(name) [\(path)]: unexpected error \(error)")
                    continue
                }
                continue
            }
            if plan.status == .optimal {
                let objective = try #require(plan.objective)
                let expected = try #require(truth, "\(name) [\(path)]: an optimal plan for a case that must be refused")
                #expect(abs(objective - expected) <= 1e-6 * expected, "\(name) [\(path)]: \(objective) ≠ \(expected)")
            } else {
                // Otherwise a numerical failure with no plan in it, never a wrong plan.
                #expect(plan.status == .error, "\(name) [\(path)]: \(plan.status)")
                #expect(plan.allocations.isEmpty && plan.objective == nil && !plan.hasSolution)
            }
        }
    }

    @Test func theIssuesWrongOptimaAreCaughtAndNamed() throws {
        // GLPK's primal simplex returns "optimal" for credit max_share 1e-50 with a point that
        // breaks w3's rows; the check turns it into a numerical error naming them.
        var s = try Self.tiny(); Self.source(&s, "credit") { $0.maxShare = 1e-50 }
        let model = AllocationModel(scenario: s)
        let raw = try GLPKSolver.solve(model.program)
        let report = model.verify(raw)
        if raw.termination.reason == .optimal && !report.passed {
            let checked = model.verified(raw)
            #expect(checked.termination.reason == .numericalError)
            #expect(checked.termination.detail.contains("fails the check against the model"))
            let plan = model.plan(from: checked)
            #expect(plan.status == .error && plan.allocations.isEmpty)
        } else {
            // Should GLPK get it right one day, the answer must be the true optimum.
            #expect(abs((raw.objectiveValue ?? 0) - 1610) < 1e-6)
        }
    }

    @Test(arguments: [SolverOptions.Method.primalSimplex, .dualSimplex, .interiorPoint])
    func aCorrectPlanPasses(method: SolverOptions.Method) throws {
        let model = AllocationModel(scenario: try Self.tiny())
        let result = try GLPKSolver.solve(model.program, options: SolverOptions(method: method))
        let report = model.verify(result)
        #expect(report.passed, "\(report.summary())")
        #expect(report.checkedDuals)
        // Interior point stops within its own tolerance (10⁻⁸ relative): 6·10⁻⁶ off here.
        #expect(abs((report.recomputedObjective ?? 0) - 1810) < 1e-6 * 1810)
        #expect(abs((report.dualBound ?? 0) - 1810) < 1e-6 * 1810)
        let plan = try model.solve(options: SolverOptions(method: method))
        #expect(plan.status == .optimal && abs((plan.objective ?? 0) - 1810) < 1e-6 * 1810)
        let decomposed = try model.solve(path: .decomposed)
        #expect(decomposed.status == .optimal && abs((decomposed.objective ?? 0) - 1810) < 1e-6)
    }

    @Test func aCorruptedResultNamesTheViolatedRow() throws {
        let model = AllocationModel(scenario: try Self.tiny())
        var result = try GLPKSolver.solve(model.program)
        // Credit pays 100 into w3 at the optimum (README); make it 150: the credit budget (100)
        // and w3's coverage row (Σx = 500·y) break, by 50 each.
        let k = try #require(model.pairs.firstIndex { model.scenario.sources[$0.source].id == "credit" })
        #expect(abs(result.variableValues[k] - 100) < 1e-6)
        result.variableValues[k] = 150
        let report = model.verify(result)
        let rows = Set(report.violations.filter { $0.kind == .row }.map(\.name))
        #expect(rows == ["budget_credit", "cover_w3"], "\(report.summary())")
        let checked = model.verified(result)
        #expect(checked.termination.reason == .numericalError)
        #expect(checked.termination.detail.contains("budget_credit") && checked.termination.detail.contains("cover_w3"))
        #expect(model.plan(from: checked).status == .error)

        // A budget sweep's check uses the swept budgets: with credit's budget at 150, the
        // budget row holds and only coverage fails.
        var wider = model.scenario
        Self.source(&wider, "credit") { $0.scope = .pooled(budget: 150) }
        let swept = Set(model.verify(result, scenario: wider).violations.filter { $0.kind == .row }.map(\.name))
        #expect(swept == ["cover_w3"])
    }
}
