import Foundation
import Testing
import LinearProgramming
import ScenarioIO
import TestSupport
@testable import Allocation

/// Invariants of the plan on the bundled Lạng Sơn scenario: every rule of model.md §2 checked
/// on the solution itself, with arithmetic independent of the formulation code.
@Suite(.serialized) struct BundledScenarioTests {
    static let tolerance = 1e-5

    static let solved: (AllocationModel, AllocationPlan)? = {
        guard let scenario = try? ScenarioLoader.load(Repository.langSonScenario) else { return nil }
        let model = AllocationModel(scenario: scenario, mode: .lp)
        var options = SolverOptions()
        options.method = .dualSimplex
        guard let plan = try? model.solve(options: options) else { return nil }
        return (model, plan)
    }()

    private func loaded() throws -> (AllocationModel, AllocationPlan) {
        let solved = try #require(Self.solved, "the bundled scenario must load and solve")
        try #require(solved.1.termination.reason == .optimal, "\(solved.1.termination)")
        return solved
    }

    @Test func allocationsCoverEachFundedWork() throws {
        let (_, plan) = try loaded()
        var funded = [Double](repeating: 0, count: plan.scenario.works.count)
        for a in plan.allocations { funded[a.work] += a.amount }
        for (p, work) in plan.scenario.works.enumerated() {
            #expect(abs(funded[p] - work.cost * plan.fundedShares[p]) <= Self.tolerance * max(1, work.cost), "work \(work.id)")
        }
    }

    @Test func budgetsAndCapacitiesAreRespected() throws {
        let (model, plan) = try loaded()
        let scenario = plan.scenario
        var used = [Double](repeating: 0, count: scenario.sources.count)
        var usedInCommune: [Int: [Int: Double]] = [:]
        for a in plan.allocations {
            used[a.source] += a.amount
            usedInCommune[a.source, default: [:]][model.communeOfWork[a.work], default: 0] += a.amount
        }
        for (s, source) in scenario.sources.enumerated() {
            switch source.scope {
            case .pooled(let budget):
                #expect(used[s] <= budget * (1 + Self.tolerance) + Self.tolerance, "source \(source.id)")
            case .local:
                for (c, amount) in usedInCommune[s] ?? [:] {
                    let cap = source.capacity(in: scenario.communes[c]) ?? 0
                    #expect(amount <= cap + Self.tolerance * max(1, cap), "source \(source.id) in \(scenario.communes[c].code)")
                }
            }
        }
    }

    @Test func onlyEligiblePairsAreUsed() throws {
        let (model, plan) = try loaded()
        let scenario = plan.scenario
        for a in plan.allocations {
            let work = scenario.works[a.work], commune = scenario.communes[model.communeOfWork[a.work]]
            let source = scenario.sources[a.source]
            #expect(source.isEligible(for: work, in: commune), "\(source.id) → \(work.id)")
            if source.kind == .labour { #expect(work.communityBuildable) }
        }
    }

    @Test func shareRulesAreRespected() throws {
        let (model, plan) = try loaded()
        let scenario = plan.scenario, rules = scenario.rules
        var bySourceWork: [FundingPair: Double] = [:]
        var state = [Double](repeating: 0, count: scenario.works.count)
        var community = state
        for a in plan.allocations {
            bySourceWork[FundingPair(source: a.source, work: a.work)] = a.amount
            let kind = scenario.sources[a.source].kind
            if kind.isState { state[a.work] += a.amount }
            if kind.isCommunity { community[a.work] += a.amount }
        }
        for (pair, amount) in bySourceWork {
            let funded = scenario.works[pair.work].cost * plan.fundedShares[pair.work]
            #expect(amount <= scenario.sources[pair.source].maxShare * funded + Self.tolerance * max(1, funded))
        }
        for (p, work) in scenario.works.enumerated() {
            let group = scenario.communes[model.communeOfWork[p]].group
            let funded = work.cost * plan.fundedShares[p]
            #expect(state[p] <= rules.maxStateShare[group] * funded + Self.tolerance * max(1, funded), "state share \(work.id)")
            #expect(community[p] >= rules.minCommunityShare[group] * funded - Self.tolerance * max(1, funded), "community share \(work.id)")
        }
    }

    @Test func provinceWideRulesAreRespected() throws {
        let (_, plan) = try loaded()
        let scenario = plan.scenario, rules = scenario.rules
        var central = 0.0, local = 0.0
        for a in plan.allocations {
            switch scenario.sources[a.source].kind {
            case .central: central += a.amount
            case .localBudget: local += a.amount
            default: break
            }
        }
        #expect(local >= rules.counterpartRatio * central - Self.tolerance * max(1, central))
        if rules.priorityShareMin > 0, let share = plan.totals.priorityStateShare {
            #expect(share >= rules.priorityShareMin - 1e-7)
        }
        for outcome in plan.communes where outcome.need > 0 {
            #expect(outcome.funded >= rules.communeFloor * outcome.need - Self.tolerance * max(1, outcome.need))
            if let cap = rules.communeCap { #expect(outcome.pooledState <= cap + Self.tolerance * max(1, cap)) }
        }
    }

    @Test func objectiveEqualsItsFormula() throws {
        let (model, plan) = try loaded()
        let scenario = plan.scenario
        // Σ v_p·y_p − Σ κ_s·x_{s,p} + Ω·Σ w_c·[z_c]: z_c is at most min over required works of y_p
        // and is pushed up to it at the optimum.
        var objective = 0.0
        for p in scenario.works.indices { objective += model.workValues[p] * plan.fundedShares[p] }
        for a in plan.allocations { objective -= scenario.sources[a.source].cost * a.amount }
        let omega = scenario.weights.standardBonus
        if omega > 0 {
            var minShare: [Int: Double] = [:]
            for (p, work) in scenario.works.enumerated() where work.required {
                let c = model.communeOfWork[p]
                guard scenario.communes[c].status == .target else { continue }
                minShare[c] = min(minShare[c] ?? 1, plan.fundedShares[p])
            }
            for (c, z) in minShare { objective += omega * model.communeWeights[c] * z }
        }
        let reported = try #require(plan.objective)
        #expect(abs(objective - reported) <= 1e-6 * max(1, abs(reported)))
    }

    /// The status quo keeps every per-work rule, budget and capacity (only province-wide rules
    /// may fail) and is worth less than the optimum.
    @Test func baselineKeepsPerWorkRulesAndStaysBelowTheOptimum() throws {
        let (model, plan) = try loaded()
        let baseline = StatusQuoBaseline(model: model)
        let allowed: Set<ConstraintFamily> = [.communeFloor, .priorityShare, .counterpart]
        #expect(Set(baseline.violatedRules.keys).isSubset(of: allowed), "\(baseline.violatedRules)")
        let value = try #require(baseline.plan.objective)
        #expect(value <= (plan.objective ?? 0))
        #expect(value > 0)
        // Its allocations sum to each work's funded cost, like the optimizer's.
        var funded = [Double](repeating: 0, count: plan.scenario.works.count)
        for a in baseline.plan.allocations { funded[a.work] += a.amount }
        for (p, work) in plan.scenario.works.enumerated() {
            #expect(abs(funded[p] - work.cost * baseline.plan.fundedShares[p]) <= 1e-6 * max(1, work.cost))
        }
    }

    /// The same model written by export-model and solved by glpsol gives the same objective.
    @Test(.enabled(if: Repository.hasTool("glpsol"))) func glpsolAgreesOnExportedModel() throws {
        let (model, plan) = try loaded()
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/langson.mps"
        try GLPKSolver.write(model.program, format: .freeMPS, to: path)
        // MPS has no sense: the maximisation is written negated, so glpsol minimises it (no --max).
        let output = try Repository.run(try #require(Repository.which("glpsol")), ["--freemps", path, "-o", folder + "/sol.txt"])
        #expect(output.status == 0)
        let glpsol = -(try #require(Repository.glpsolObjective(try String(contentsOfFile: folder + "/sol.txt", encoding: .utf8))))
        let ours = try #require(plan.objective)
        #expect(abs(glpsol - ours) <= 1e-6 * abs(ours), "glpsol \(glpsol) vs ntm-alloc \(ours)")
    }

    /// The reference agrees under every bundled weights profile and under `--set` overrides too
    /// (including `criteria_total`, which changes every commune's weight).
    @Test(.enabled(if: Repository.hasPythonReference), arguments: [
        ("weights/border-first.yaml", [String]()),
        ("weights/difficulty-first.yaml", []),
        ("weights/production-first.yaml", ["rules.priority_share_min=0.9", "sources.ntm-central.budget=800000"]),
        // model.md §8.2: the criteria gap measured against 25 criteria (criteria_gap 1.5 here).
        ("weights/difficulty-first.yaml", ["criteria_total=25"]),
    ])
    func independentReferenceAgreesOnVariants(weights: String, sets: [String]) throws {
        let weightsPath = Repository.path("scenarios/langson-2021-2025/" + weights)
        var overrides: [ScenarioOverride] = []
        for text in sets { overrides.append(try ScenarioOverride(parsing: text)) }
        let scenario = try ScenarioLoader.load(Repository.langSonScenario, overrides: overrides, weightsPath: weightsPath)
        let plan = try AllocationModel(scenario: scenario).solve()
        try #require(plan.termination.reason == .optimal)
        var arguments = [Repository.path("tools/reference/ntm_reference.py"), Repository.langSonScenario, "--json",
                         "--weights", weightsPath]
        for text in sets { arguments += ["--set", text] }
        let output = try Repository.run(try #require(Repository.which("python3")), arguments)
        try #require(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let reference = try #require(json["objective"] as? Double)
        let ours = try #require(plan.objective)
        #expect(abs(reference - ours) <= 1e-6 * abs(ours), "reference \(reference) vs ntm-alloc \(ours)")
    }

    /// An independent implementation of model.md (Python + SciPy/HiGHS, tools/reference) agrees.
    @Test(.enabled(if: Repository.hasPythonReference)) func independentReferenceAgrees() throws {
        let (_, plan) = try loaded()
        let output = try Repository.run(try #require(Repository.which("python3")),
                                        [Repository.path("tools/reference/ntm_reference.py"), Repository.langSonScenario, "--json"])
        try #require(output.status == 0, "\(output.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let reference = try #require(json["objective"] as? Double)
        let ours = try #require(plan.objective)
        #expect(abs(reference - ours) <= 1e-6 * abs(ours), "reference \(reference) vs ntm-alloc \(ours)")
        #expect(json["columns"] as? Int == plan.columns)
    }
}
