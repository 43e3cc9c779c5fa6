import Foundation
import Testing
import LinearProgramming
@testable import Allocation

/// Re-solves that change only linking-row bounds reuse the previous decomposition's columns
/// (docs/decomposition.md, "Re-solves reuse the columns"): a seeded solve gives the cold
/// solve's optimum and, with the tie-break stage, its plan; a seed of another structure is
/// ignored; a seeded point outside its block is dropped.
@Suite(.serialized) struct SeedColumnsTests {
    /// `scenario` with every pooled budget multiplied by `factor` (only linking-row bounds change).
    static func budgets(_ scenario: Scenario, times factor: Double) -> Scenario {
        var changed = scenario
        for s in changed.sources.indices {
            if case .pooled(let budget) = changed.sources[s].scope { changed.sources[s].scope = .pooled(budget: (budget * factor).rounded()) }
        }
        return changed
    }

    static func settings(seed: DecompositionColumns? = nil) -> DecompositionOptions {
        var settings = DecompositionOptions()
        settings.fallbackToMonolithic = false
        settings.workers = 2
        settings.seedColumns = seed
        return settings
    }

    /// The columns of a cold decomposed LP solve of `scenario`.
    static func columns(of scenario: Scenario) throws -> DecompositionColumns {
        let (result, stats) = AllocationModel(scenario: scenario).decomposedResult(decomposition: settings())
        _ = try #require(result, "gave up: \(stats.fallbackReason ?? "")")
        return try #require(stats.generatedColumns)
    }

    /// Seeded and cold decomposed solves of a province with lowered budgets: the same optimum
    /// (to 1e-9, and the monolithic one), the same canonical plan (to 1e-6·K_p); the seeded one
    /// starts from the earlier solution's columns (the others in reserve) and needs fewer rounds.
    @Test(arguments: [(UInt64(11), 0.85), (12, 0.9), (13, 0.8)])
    func seededSolveGivesTheColdPlan(seed: UInt64, factor: Double) throws {
        let original = randomScenario(seed: seed, communes: 30, districts: 3)
        let columns = try Self.columns(of: original)
        #expect(columns.count > 30)
        // Σ_k λ_{b,k} = 1: every block has a column of the final solution, listed first.
        #expect(columns.inSolution.count == columns.points.count && columns.inSolution.allSatisfy { $0 >= 1 })
        let model = AllocationModel(scenario: Self.budgets(original, times: factor))
        let (cold, coldStats) = try model.solveReporting(path: .decomposed, decomposition: Self.settings())
        let (seeded, seededStats) = try model.solveReporting(path: .decomposed, decomposition: Self.settings(seed: columns))
        let mono = try model.solve(path: .monolithic, tieBreak: false)
        #expect(cold.status == .optimal && seeded.status == .optimal && mono.status == .optimal)
        let (c, s, m) = (try #require(cold.objective), try #require(seeded.objective), try #require(mono.objective))
        #expect(abs(s - c) <= 1e-9 * abs(c), "seeded \(s) vs cold \(c)")
        #expect(abs(s - m) <= 1e-9 * abs(m), "seeded \(s) vs monolithic \(m)")
        #expect(seeded.tieBreak?.isApplied == true && cold.tieBreak?.isApplied == true)
        let worst = CanonicalPlanTests.largestDifference(cold, seeded)
        #expect(worst.value <= 1e-6, "differs by \(worst.value)·K_p at \(worst.at)")

        let stats = try #require(seededStats), coldRun = try #require(coldStats)
        #expect(!stats.seedRejected && stats.seedColumnsDropped == 0)
        #expect(stats.seededColumns == columns.count)
        #expect(stats.seedColumnsUsed >= columns.inSolution.reduce(0, +) && stats.seedColumnsUsed <= columns.count)
        #expect(stats.rounds < coldRun.rounds, "seeded \(stats.rounds) rounds, cold \(coldRun.rounds)")
        // The certified gap of the seeded run is the cold run's stopping rule.
        #expect(stats.bound - stats.objective <= 1e-9 * max(1, abs(stats.objective)))
    }

    /// A seed from another scenario (other communes) fails the fingerprint and is ignored whole;
    /// the solve is the cold one.
    @Test func seedOfAnotherScenarioIsRejected() throws {
        let other = try Self.columns(of: randomScenario(seed: 14, communes: 25, districts: 3))
        let scenario = Self.budgets(randomScenario(seed: 11, communes: 30, districts: 3), times: 0.85)
        let model = AllocationModel(scenario: scenario)
        let (cold, _) = try model.solveReporting(path: .decomposed, decomposition: Self.settings(), tieBreak: false)
        let (seeded, stats) = try model.solveReporting(path: .decomposed, decomposition: Self.settings(seed: other), tieBreak: false)
        let run = try #require(stats)
        #expect(run.seedRejected && run.seededColumns == 0 && run.fallback == nil)
        let (c, s) = (try #require(cold.objective), try #require(seeded.objective))
        #expect(abs(s - c) <= 1e-9 * abs(c), "seeded \(s) vs cold \(c)")
    }

    /// The columns of an LP decomposition handed to a re-solve over the very same split (a copy
    /// of the model with other pooled budgets shares it, as the gain split's capped re-solve
    /// does) are taken without a check; over a split made afresh they are checked point by
    /// point. Both give the monolithic optimum (fails when the shared split's seed is checked).
    @Test func columnsOfTheSameSplitAreTakenUnchecked() throws {
        let original = randomScenario(seed: 12, communes: 30, districts: 3)
        let model = AllocationModel(scenario: original)
        let (first, firstStats) = model.decomposedResult(decomposition: Self.settings())
        _ = try #require(first, "gave up: \(firstStats.fallbackReason ?? "")")
        let columns = try #require(firstStats.generatedColumns)
        let changed = Self.budgets(original, times: 0.9)
        let sameSplit = try #require(model.withPooledBudgets(of: changed))
        let fresh = AllocationModel(scenario: changed)
        let (shared, sharedStats) = sameSplit.decomposedResult(decomposition: Self.settings(seed: columns))
        let (checked, checkedStats) = fresh.decomposedResult(decomposition: Self.settings(seed: columns))
        #expect(!sharedStats.seedColumnsChecked && sharedStats.seededColumns == columns.count && sharedStats.seedColumnsDropped == 0)
        #expect(checkedStats.seedColumnsChecked && checkedStats.seededColumns == columns.count && checkedStats.seedColumnsDropped == 0)
        let mono = try fresh.solve(path: .monolithic, tieBreak: false)
        let (s, c, m) = (try #require(shared?.objectiveValue), try #require(checked?.objectiveValue), try #require(mono.objective))
        #expect(abs(s - m) <= 1e-9 * abs(m), "same split \(s) vs monolithic \(m)")
        #expect(abs(c - m) <= 1e-9 * abs(m), "fresh split \(c) vs monolithic \(m)")
    }

    /// With idle columns dropped after every round, many columns leave the master and some are
    /// priced again: the handed-back columns still hold each point once (the retired list
    /// stays apart from the pool), so a fresh split's check drops none and takes all of them
    /// (fails when a column priced again also stays retired).
    @Test(arguments: [UInt64(11), 13])
    func retiredColumnsAreHandedBackOnce(seed: UInt64) throws {
        let original = randomScenario(seed: seed, communes: 30, districts: 3)
        var settings = Self.settings()
        settings.dropIdleColumnsAfter = 1
        let (first, stats) = AllocationModel(scenario: original).decomposedResult(decomposition: settings)
        _ = try #require(first, "gave up: \(stats.fallbackReason ?? "")")
        #expect(stats.droppedColumns > 0)
        let columns = try #require(stats.generatedColumns)
        for points in columns.points { #expect(Set(points).count == points.count) }
        let fresh = AllocationModel(scenario: Self.budgets(original, times: 0.9))
        let (seeded, seededStats) = fresh.decomposedResult(decomposition: Self.settings(seed: columns))
        _ = try #require(seeded)
        #expect(seededStats.seedColumnsChecked && seededStats.seedColumnsDropped == 0 && seededStats.seededColumns == columns.count)
    }

    /// A seeded point within its block's column bounds but breaking one of its rows is dropped;
    /// the others are used and the optimum is the cold one.
    @Test func seededPointBreakingABlockRowIsDropped() throws {
        let original = randomScenario(seed: 12, communes: 30, districts: 3)
        let columns = try Self.columns(of: original)
        let model = AllocationModel(scenario: Self.budgets(original, times: 0.9))
        let structure = try #require(CommuneBlocks(model: model))
        // Block 0 with every column at its upper bound (lower when unbounded): within the bounds,
        // beyond some row (checked).
        let block = structure.blocks[0].program
        let top = DecompositionColumns.Point(indices: (0..<Int32(block.variableCount)).map { $0 },
                                             values: block.variables.map { $0.upper.isFinite ? $0.upper : $0.lower })
        let rows = block.rowTerms()
        let broken = rows.indices.contains { r in
            let activity = rows[r].reduce(0) { $0 + $1.coefficient * top.values[$1.variable.index] }
            let bounds = block.constraints[r].bounds
            return activity > bounds.upper + 1e-6 * max(1, abs(bounds.upper)) || activity < bounds.lower - 1e-6 * max(1, abs(bounds.lower))
        }
        try #require(broken, "the test point meets every row of block 0")
        #expect(!DecompositionColumns.isAdmissible(top, in: block, rows: rows))
        var points = columns.points
        points[0].append(top)
        let seed = DecompositionColumns(fingerprint: columns.fingerprint, points: points)

        let (cold, _) = try model.solveReporting(path: .decomposed, decomposition: Self.settings(), tieBreak: false)
        let (seeded, stats) = try model.solveReporting(path: .decomposed, decomposition: Self.settings(seed: seed), tieBreak: false)
        let run = try #require(stats)
        #expect(!run.seedRejected && run.seedColumnsDropped == 1 && run.seededColumns == columns.count)
        let (c, s) = (try #require(cold.objective), try #require(seeded.objective))
        #expect(abs(s - c) <= 1e-9 * abs(c), "seeded \(s) vs cold \(c)")
        #expect(model.verified(try #require(model.decomposedResult(decomposition: Self.settings(seed: seed)).0)).termination.hasSolution)
    }

    /// The point check on a two-column block by hand: x0 + x1 ≤ 5, 0 ≤ x ≤ 10, x0 integer.
    @Test func pointCheckByHand() {
        var program = LinearProgram(name: "block", sense: .maximize)
        let x0 = program.addVariable(name: "x0", lower: 0, upper: 10, kind: .integer, objective: 1)
        let x1 = program.addVariable(name: "x1", lower: 0, upper: 10, objective: 1)
        program.addConstraint(name: "r", terms: [LinearTerm(x0, 1), LinearTerm(x1, 1)], .lessOrEqual(5))
        let rows = program.rowTerms()
        func admissible(_ values: [Double]) -> Bool {
            let nonZero = values.indices.filter { values[$0] != 0 }
            return DecompositionColumns.isAdmissible(DecompositionColumns.Point(indices: nonZero.map { Int32($0) },
                                                                                values: nonZero.map { values[$0] }),
                                                     in: program, rows: rows)
        }
        #expect(admissible([3, 2]))
        #expect(admissible([0, 0]))
        #expect(admissible([3, 2 + 4e-9]))       // within 1e-9·max(1, 5, 3)
        #expect(!admissible([3, 2 + 1e-7]))      // the row by 1e-7
        #expect(!admissible([4, 2]))             // the row by 1
        #expect(!admissible([2.5, 0]))           // x0 not integral
        #expect(!admissible([0, 11]))            // x1's upper bound (and the row)
        #expect(!admissible([0, -1]))            // x1's lower bound
        #expect(!DecompositionColumns.isAdmissible(DecompositionColumns.Point(indices: [2], values: [1]), in: program, rows: rows))
        #expect(!DecompositionColumns.isAdmissible(DecompositionColumns.Point(indices: [0], values: [.nan]), in: program, rows: rows))
    }

    /// The decomposed MIP seeded with the integer columns of the original budgets: optimal within
    /// the MIP gap like the cold one (both bounds certified, so their values agree to the gap).
    @Test func seededDecomposedMIPMatchesTheColdOne() throws {
        let original = randomScenario(seed: 3, communes: 16)
        var settings = Self.settings()
        settings.decomposeMIP = true
        var options = SolverOptions()
        options.relativeGap = 1e-4
        let (first, firstStats) = AllocationModel(scenario: original, mode: .mip).decomposedResult(options: options, decomposition: settings)
        _ = try #require(first, "gave up: \(firstStats.fallbackReason ?? "")")
        let columns = try #require(firstStats.generatedColumns)

        let model = AllocationModel(scenario: Self.budgets(original, times: 0.85), mode: .mip)
        let (cold, coldStats) = model.decomposedResult(options: options, decomposition: settings)
        var seededSettings = settings
        seededSettings.seedColumns = columns
        let (seeded, seededStats) = model.decomposedResult(options: options, decomposition: seededSettings)
        let c = try #require(cold?.objectiveValue, "cold gave up: \(coldStats.fallbackReason ?? "")")
        let s = try #require(seeded?.objectiveValue, "seeded gave up: \(seededStats.fallbackReason ?? "")")
        #expect(seededStats.seededColumns == columns.count && seededStats.seedColumnsDropped == 0)
        #expect(abs(s - c) <= 2e-4 * abs(c), "seeded \(s) vs cold \(c)")
        // Each value is within the gap of its own certified bound, and below the other's bound.
        #expect(s <= (cold?.bestBound ?? 0) * (1 + 1e-9) && c <= (seeded?.bestBound ?? 0) * (1 + 1e-9))
        let checked = model.verified(try #require(seeded))
        #expect(checked.termination.hasSolution, "\(checked.termination)")
        #expect(seededStats.rounds <= coldStats.rounds, "seeded \(seededStats.rounds) rounds, cold \(coldStats.rounds)")
    }
}
