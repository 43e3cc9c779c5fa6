import Foundation
import Testing
import LinearProgramming
@testable import Allocation

/// The decomposition's components (docs/decomposition.md): a block structure declared by the
/// caller, not read from row kinds; the stabilisation and the column pool; and the typed reason
/// a solve took the monolithic path.
@Suite(.serialized) struct DecompositionComponentsTests {
    /// A block-angular LP that knows nothing of communes: three blocks of two columns, each with
    /// its own row, two linking rows (one ≤, one ≥) and one column of no block.
    ///
    ///     max Σ_b (v_b·a_b + w_b·c_b) − 0.5·s
    ///     block b:  a_b + c_b ≤ 10
    ///     linking:  Σ_b a_b ≤ 12 + s,   Σ_b c_b ≥ 16,   0 ≤ s ≤ 3,   0 ≤ a, c ≤ 8
    ///
    /// By hand: every block fills its 10 units (all values positive), so a_b ≥ 2 (c_b ≤ 8) and
    /// the objective is 45 + Σ_b (v_b − w_b)·a_b − 0.5·s with gains 4, 2, 1.5. Σ c ≥ 16 caps
    /// Σ a at 14, so s = 2 (each unit of s buys a gain ≥ 1.5 > 0.5); the 14 go by gain:
    /// a = (8, 4, 2), c = (2, 6, 8), objective 45 + 32 + 8 + 3 − 1 = 87. Both linking rows bind.
    static func handMadeProgram() -> (LinearProgram, [ColumnOwner?], Set<Int>) {
        var program = LinearProgram(name: "blocks", sense: .maximize)
        let v = [5.0, 4.0, 3.0], w = [1.0, 2.0, 1.5]
        var a: [VariableID] = [], c: [VariableID] = []
        var owners: [ColumnOwner?] = []
        for b in 0..<3 {
            a.append(program.addVariable(name: "a\(b)", lower: 0, upper: 8, objective: v[b]))
            c.append(program.addVariable(name: "c\(b)", lower: 0, upper: 8, objective: w[b]))
            owners += [.commune(b), .commune(b)]
        }
        let s = program.addVariable(name: "s", lower: 0, upper: 3, objective: -0.5)
        owners.append(.linking)
        for b in 0..<3 { program.addConstraint(name: "own\(b)", terms: [LinearTerm(a[b], 1), LinearTerm(c[b], 1)], .lessOrEqual(10)) }
        let first = program.addConstraint(name: "pool_a", terms: a.map { LinearTerm($0, 1) } + [LinearTerm(s, -1)], .lessOrEqual(12))
        let second = program.addConstraint(name: "pool_c", terms: c.map { LinearTerm($0, 1) }, .greaterOrEqual(16))
        return (program, owners, [first.index, second.index])
    }

    /// Every block's reduced objective at seeded prices, all at once (as the pricers ask for it)
    /// and one column at a time: the same values bit for bit, and by hand for one column,
    /// c_j − Σ_l π_l a_lj.
    @Test func reducedObjectivesAllAtOnceMatchOneAtATime() throws {
        let structure = try #require(CommuneBlocks(model: AllocationModel(scenario: randomScenario(seed: 21, communes: 12, districts: 2))))
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let prices = structure.linkingRows.map { _ -> Double in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state % 10_000) / 997 - 3
        }
        var checkedByHand = false
        for block in structure.blocks {
            let all = block.reducedObjectiveValues(at: prices)
            let one = block.linkColumns.indices.map { block.reducedObjective(ofLinkColumn: $0, prices: prices) }
            #expect(all.map(\.bitPattern) == one.map(\.bitPattern))
            if !checkedByHand, let k = block.linkColumns.indices.first(where: { block.linkStart[$0 + 1] > block.linkStart[$0] }) {
                var c = block.linkObjective[k]
                for e in block.linkStart[k]..<block.linkStart[k + 1] { c -= prices[Int(block.linkRow[e])] * block.linkCoefficient[e] }
                #expect(abs(all[k] - c) <= 1e-12 * max(1, abs(c)))
                checkedByHand = true
            }
        }
        #expect(checkedByHand)
    }

    @Test func declaredBlocksAreSolvedWithoutAnyRowKind() throws {
        let (program, owners, linking) = Self.handMadeProgram()
        let structure = try #require(CommuneBlocks(program: program, owners: owners, communeCount: 3,
                                                   isLinkingRow: { linking.contains($0) }))
        #expect(structure.blocks.count == 3)
        #expect(structure.linkingRows == linking.sorted())
        #expect(structure.linkingColumns == [6])
        var settings = DecompositionOptions()
        settings.workers = 2
        let run = DantzigWolfe(program: program, structure: structure, priceScale: 5, blockName: { "block \($0)" },
                               options: SolverOptions(), settings: settings).run(setupSeconds: 0)
        guard case .solved(let result, let stats) = run else { Issue.record("gave up: \(run)"); return }
        // By hand (above): 5·8 + 4·4 + 3·2 + 1·2 + 2·6 + 1.5·8 − 0.5·2 = 87.
        let objective = try #require(result.objectiveValue)
        #expect(abs(objective - 87) <= 1e-7, "\(objective)")
        let mono = try GLPKSolver.solve(program)
        #expect(abs((mono.objectiveValue ?? .nan) - 87) <= 1e-9, "the hand value, checked by the monolithic LP")
        #expect(abs(stats.bound - objective) <= 1e-6)
        for (j, expected) in [8.0, 2, 4, 6, 2, 8, 2].enumerated() {
            #expect(abs(result.variableValues[j] - expected) <= 1e-7, "column \(j): \(result.variableValues[j])")
        }
        #expect(stats.pricingLPSolves > 0 && stats.pricingSolvesByGLPK == 0, "the dense simplex priced every block")
        // GLPK's pricing (the diagnosis keeps it) reaches the same hand value.
        settings.densePricing = false
        let withGLPK = DantzigWolfe(program: program, structure: structure, priceScale: 5, blockName: { "block \($0)" },
                                    options: SolverOptions(), settings: settings).run(setupSeconds: 0)
        guard case .solved(let other, _) = withGLPK else { Issue.record("gave up: \(withGLPK)"); return }
        #expect(abs((other.objectiveValue ?? .nan) - 87) <= 1e-7)
    }

    /// Blocks whose best column the master leaves out are reported, so that a caller fixing the
    /// settled blocks (the tie-break stage) leaves them free.
    ///
    ///     max Σ_b 1e9·k_b + (1 + δ_b)·a_b     δ = (0.01, 0)
    ///     block b:  a_b + c_b = 1,   k_b = 1 (fixed),   0 ≤ a_b, c_b ≤ 1
    ///     linking:  a_0 + a_1 ≤ 1
    ///
    /// By hand: one unit of a, best in block 0: a = (1, 0), c = (0, 1), value 2e9 + 1.01. The
    /// fixed columns make every master column worth about 1e9, so a's advantage (1 and 0.01 per
    /// column) is ≈ 1e-9 of a scaled master cost, below GLPK's dual tolerance (1e-7); asked for
    /// 1e-12, the column generation may end with columns the master did not take.
    @Test func blocksTheMasterLeftUnsettledAreReported() throws {
        var program = LinearProgram(name: "ballast", sense: .maximize)
        var owners: [ColumnOwner?] = []
        var a: [VariableID] = []
        for b in 0..<2 {
            _ = program.addVariable(name: "k\(b)", lower: 1, upper: 1, objective: 1e9)
            a.append(program.addVariable(name: "a\(b)", lower: 0, upper: 1, objective: b == 0 ? 1.01 : 1))
            let c = program.addVariable(name: "c\(b)", lower: 0, upper: 1, objective: 0)
            owners += [.commune(b), .commune(b), .commune(b)]
            program.addConstraint(name: "own\(b)", terms: [LinearTerm(a[b], 1), LinearTerm(c, 1)], .equal(1))
        }
        let link = program.addConstraint(name: "pool", terms: a.map { LinearTerm($0, 1) }, .lessOrEqual(1))
        let structure = try #require(CommuneBlocks(program: program, owners: owners, communeCount: 2,
                                                   isLinkingRow: { $0 == link.index }))
        var settings = DecompositionOptions()
        settings.workers = 1
        settings.relativeGap = 1e-12
        let run = DantzigWolfe(program: program, structure: structure, priceScale: 1.01, blockName: { "block \($0)" },
                               options: SolverOptions(), settings: settings).run(setupSeconds: 0)
        guard case .solved(let result, let stats) = run else { Issue.record("gave up: \(run)"); return }
        let optimum = 2e9 + 1.01
        #expect(abs((try GLPKSolver.solve(program).objectiveValue ?? .nan) - optimum) <= 1e-6, "the hand value")
        // Every block the master settled is fixed at its point; the others (mixed or unsettled)
        // stay free, and one exact LP over them must reach the optimum.
        var fixed = program
        let free = Set(stats.mixedBlocks).union(stats.unsettledBlocks)
        for (b, block) in structure.blocks.enumerated() where !free.contains(b) {
            for j in block.columns {
                fixed.setBounds(of: VariableID(j), lower: result.variableValues[j], upper: result.variableValues[j])
            }
        }
        let exact = try #require(try GLPKSolver.solve(fixed).objectiveValue)
        #expect(abs(exact - optimum) <= 1e-6, "fixed blocks \(structure.blocks.indices.filter { !free.contains($0) }), master value \(stats.objective), bound \(stats.bound), exact \(exact)")
        // Here GLPK stops the master at c = (1, 1), 2e9, below the bound 2e9 + 2.01 (checked: with
        // no block reported, the exact LP above stays at 2e9): both blocks are reported.
        if stats.objective < optimum - 1e-3 { #expect(stats.unsettledBlocks == [0, 1]) }
    }

    /// A row the caller does not call linking but that spans two blocks, or a column with no
    /// declared owner: no block structure.
    @Test func undeclaredStructureIsRefused() {
        let (program, owners, linking) = Self.handMadeProgram()
        #expect(CommuneBlocks(program: program, owners: owners, communeCount: 3, isLinkingRow: { $0 == linking.min()! }) == nil)
        var unplaced = owners
        unplaced[2] = nil
        #expect(CommuneBlocks(program: program, owners: unplaced, communeCount: 3, isLinkingRow: { linking.contains($0) }) == nil)
    }

    /// The formulation declares the owner of every column: each commune's x, y, z its own, the
    /// carried money of a multi-year plan nobody's; and the linking rows are exactly the rows of
    /// the families that link communes.
    @Test func formulationDeclaresItsBlocks() throws {
        let model = AllocationModel(scenario: randomScenario(seed: 3), mode: .lp)
        let owners = model.columnOwners
        #expect(owners.allSatisfy { if case .commune = $0 { true } else { false } }, "a single period carries no money")
        for (k, pair) in model.pairs.enumerated() { #expect(owners[k] == .commune(model.communeOfWork[pair.work])) }
        let structure = try #require(CommuneBlocks(model: model))
        let expected = model.rowOrigins.indices.filter { model.rowOrigins[$0].family.linksCommunes }
        #expect(structure.linkingRows == expected)
        #expect(Set(expected.map { model.rowOrigins[$0].family }) == [.pooledBudget, .counterpart, .priorityShare])
    }

    /// The tie-break face's structure derived from the model's (``CommuneBlocks/withChangedBounds(of:)``)
    /// is the one a new split gives, field by field: columns fixed, rows made equalities, a new
    /// objective, integers made continuous, a value-keeping row appended over every column with
    /// an objective. A program of another shape gets none.
    @Test(arguments: [2, 7] as [UInt64]) func aFaceStructureDerivedIsTheSplitOne(seed: UInt64) throws {
        let model = AllocationModel(scenario: randomScenario(seed: seed, indivisible: 0.5), mode: .mip)
        let base = try #require(CommuneBlocks(model: model))
        var face = model.program
        var rng = SeededGenerator(seed: seed)
        var keep: [LinearTerm] = []
        for (j, variable) in model.program.variables.enumerated() {
            if j % 3 == 0, variable.lower.isFinite { face.setBounds(of: VariableID(j), lower: variable.lower, upper: variable.lower) }
            face.setObjective(Double.random(in: -1...1, using: &rng), for: VariableID(j))
            face.setKind(.continuous, for: VariableID(j))
            if variable.objective != 0 { keep.append(LinearTerm(VariableID(j), variable.objective)) }
        }
        for (i, constraint) in model.program.constraints.enumerated() where i % 5 == 0 && constraint.bounds.upper.isFinite {
            face.setBounds(of: ConstraintID(i), .equal(constraint.bounds.upper))
        }
        let guardRow = face.addConstraint(name: "keep", terms: keep, .greaterOrEqual(0))
        let derived = try #require(base.withChangedBounds(of: face))
        let split = try #require(CommuneBlocks(model: model, program: face, extraLinkingRows: [guardRow.index]))
        #expect(derived.linkingRows == split.linkingRows && derived.linkingColumns == split.linkingColumns)
        #expect(derived.blockOfColumn == split.blockOfColumn && derived.blockOfRow == split.blockOfRow)
        #expect(derived.nonZeroCount == split.nonZeroCount && derived.blocks.count == split.blocks.count)
        func entries(_ program: LinearProgram) -> [[Double]] {
            var all: [[Double]] = []
            program.forEachNonZero { i, j, a in all.append([Double(i), Double(j), a]) }
            return all
        }
        for (d, s) in zip(derived.blocks, split.blocks) {
            #expect(d.commune == s.commune && d.columns == s.columns && d.rows == s.rows)
            #expect(d.program.variables == s.program.variables && d.program.constraints == s.program.constraints)
            #expect(entries(d.program) == entries(s.program))
            #expect(d.linkColumns == s.linkColumns && d.linkStart == s.linkStart && d.linkObjective == s.linkObjective)
            #expect(d.linkRow == s.linkRow && d.linkCoefficient == s.linkCoefficient)
            #expect(d.linkRowsTouched == s.linkRowsTouched && d.linkSlot == s.linkSlot)
        }
        #expect(derived.blocks.contains { $0.linkRow.contains(Int32(derived.linkingRows.count - 1)) })
        // Other shapes: a column more, or the model's own program with a row fewer than the face.
        var wider = face
        _ = wider.addVariable(name: "extra", objective: 1)
        #expect(base.withChangedBounds(of: wider) == nil)
        var other = LinearProgram(name: "other", sense: .maximize)
        for _ in 0..<model.program.variableCount { _ = other.addVariable(name: "", objective: 0) }
        #expect(base.withChangedBounds(of: other) == nil)
    }

    /// Columns are handed back by default (a later re-solve starts from them) and not when
    /// `handsBackColumns` is off; the solve is the same either way. The decomposed MIP keeps its
    /// own whatever the setting (its branching and fixed LP start from them).
    @Test func columnsAreHandedBackOnlyWhenAsked() throws {
        let model = AllocationModel(scenario: randomScenario(seed: 4), mode: .lp)
        var settings = DecompositionOptions()
        let (kept, keptStats) = model.decomposedResult(decomposition: settings)
        settings.handsBackColumns = false
        let (bare, bareStats) = model.decomposedResult(decomposition: settings)
        #expect(keptStats.generatedColumns != nil && bareStats.generatedColumns == nil)
        let keptValue = try #require(kept?.objectiveValue), bareValue = try #require(bare?.objectiveValue)
        #expect(keptValue == bareValue)
        let mip = AllocationModel(scenario: randomScenario(seed: 4, communes: 8, indivisible: 0.5), mode: .mip)
        var mipOptions = SolverOptions()
        mipOptions.relativeGap = 1e-4
        let (_, mipStats) = mip.decomposedResult(options: mipOptions, decomposition: settings)
        #expect(mipStats.generatedColumns != nil)
    }

    @Test func wentgesSmoothingPricesBetweenCenterAndMaster() {
        var stabilisation = WentgesStabilisation(smoothing: 0.25)
        #expect(stabilisation.alpha(masterFeasible: true) == 0, "no center yet")
        stabilisation.record(bound: 10, at: [4, 0], duals: { [[1]] })
        #expect(stabilisation.alpha(masterFeasible: false) == 0, "no smoothing while artificials are in use")
        #expect(stabilisation.alpha(masterFeasible: true) == 0.25)
        // 0.25·4 + 0.75·8 = 7 and 0.25·0 + 0.75·(−2) = −1.5.
        #expect(stabilisation.prices(around: [8, -2], alpha: 0.25) == [7, -1.5])
        stabilisation.record(bound: 12, at: [7, -1.5], duals: { [[2]] })
        #expect(stabilisation.center == [4, 0] && stabilisation.bestBound == 10, "a worse bound does not move the center")
        stabilisation.record(bound: 9, at: [7, -1.5], duals: { [[2]] })
        #expect(stabilisation.center == [7, -1.5] && stabilisation.centerDuals == [[2]] && stabilisation.bestBound == 9)
        stabilisation.reset()
        #expect(stabilisation.center == nil && stabilisation.bestBound == .infinity)
    }

    /// Automatic smoothing by hand: α moves 0.1 toward the master's duals when the bound's
    /// subgradient at the smoothed prices makes an obtuse angle with center → master, a tenth of
    /// the way to 1 otherwise, within [0, 0.9]; it may grow again from 0. Fixed smoothing never moves.
    @Test func adaptiveSmoothingFollowsTheSubgradient() {
        var stabilisation = WentgesStabilisation(smoothing: 0.5, adaptive: true)
        stabilisation.adapt(subgradient: [-1, 1], masterPrices: [8, -2])
        #expect(stabilisation.alpha(masterFeasible: true) == 0, "no center yet: nothing to adapt")
        stabilisation.record(bound: 10, at: [4, 0], duals: { [] })
        #expect(stabilisation.alpha(masterFeasible: true) == 0.5)
        // center → master = (4, −2); subgradient (−1, 1): slope −4 − 2 = −6 < 0, α = 0.5 − 0.1.
        stabilisation.adapt(subgradient: [-1, 1], masterPrices: [8, -2])
        #expect(abs(stabilisation.alpha(masterFeasible: true) - 0.4) < 1e-15)
        // (1, 0): slope 4 > 0, α = 0.4 + 0.1·(1 − 0.4) = 0.46.
        stabilisation.adapt(subgradient: [1, 0], masterPrices: [8, -2])
        #expect(abs(stabilisation.alpha(masterFeasible: true) - 0.46) < 1e-15)
        for _ in 0..<10 { stabilisation.adapt(subgradient: [-1, 0], masterPrices: [8, -2]) }
        #expect(stabilisation.alpha(masterFeasible: true) == 0)
        stabilisation.adapt(subgradient: [0, -1], masterPrices: [8, -2])   // slope 2 > 0
        #expect(abs(stabilisation.alpha(masterFeasible: true) - 0.1) < 1e-15)
        for _ in 0..<100 { stabilisation.adapt(subgradient: [1, 0], masterPrices: [8, -2]) }
        #expect(stabilisation.alpha(masterFeasible: true) == 0.9)

        var fixed = WentgesStabilisation(smoothing: 0.25)
        fixed.record(bound: 10, at: [4, 0], duals: { [] })
        fixed.adapt(subgradient: [-1, 1], masterPrices: [8, -2])
        #expect(fixed.alpha(masterFeasible: true) == 0.25)
        #expect(!WentgesStabilisation(smoothing: 0, adaptive: true).adaptive, "α = 0 asks for no smoothing at all")
    }

    /// The bound's subgradient, by hand on the block-angular LP above at π = (2.5, −1) (pool_a's
    /// price, pool_c's): the blocks' best points are a = (8, 2, 2), c = (2, 8, 8), and s (reduced
    /// cost −0.5 + 2.5 > 0) sits at 3, so pool_a's usage is 12 − 3 = 9 against 12, pool_c's 18
    /// against 16: g = (3, −2). L(π) = 2.5·12 − 16 + (24 + 27 + 21) + 2·3 = 92. At π' = (3.5, −0.5)
    /// L = 34 + (15 + 21 + 16) + 3·3 = 95, above the linear estimate 92 + 3·1 − 2·0.5 = 94, as a
    /// subgradient's must be.
    @Test func theBoundsSubgradientByHand() throws {
        let (program, owners, linking) = Self.handMadeProgram()
        let structure = try #require(CommuneBlocks(program: program, owners: owners, communeCount: 3,
                                                   isLinkingRow: { linking.contains($0) }))
        func price(_ prices: [Double]) -> [PricingOutput] {
            structure.blocks.map { LPBlockPricer(block: $0, options: SolverOptions(), warmStart: false).price(at: prices) }
        }
        let pi = [2.5, -1.0]
        let outputs = price(pi)
        #expect(outputs.allSatisfy { $0.optimal })
        let master = try RestrictedMaster(program: program, structure: structure,
                                          initial: outputs.enumerated().map { ($0.offset, $0.element) }, priceScale: 5)
        let g = master.subgradient(prices: pi, outputs: outputs)
        #expect(g.count == 2 && abs(g[0] - 3) < 1e-12 && abs(g[1] + 2) < 1e-12, "\(g)")
        let bound = master.lagrangianBound(prices: pi, blockValues: outputs.map(\.value))
        #expect(abs(bound - 92) < 1e-9)
        let other = [3.5, -0.5]
        let otherBound = master.lagrangianBound(prices: other, blockValues: price(other).map(\.value))
        #expect(abs(otherBound - 95) < 1e-9)
        #expect(otherBound >= bound + g[0] * (other[0] - pi[0]) + g[1] * (other[1] - pi[1]) - 1e-9)
    }

    @Test func columnPoolKnowsItsColumnsByBlock() {
        var pool = ColumnPool(blockCount: 2)
        var out = PricingOutput()
        out.pointIndices = [0, 2]
        out.pointValues = [1, 0.5]
        #expect(pool.add(out, block: 1) == 0)
        #expect(pool.contains(out, block: 1))
        #expect(!pool.contains(out, block: 0), "the same point of another block is another column")
        out.pointValues = [1, 0.25]
        #expect(!pool.contains(out, block: 1))
        #expect(pool.add(out, block: 1) == 1 && pool.columnsOfBlock == [[], [0, 1]])
    }

    /// Every way the monolithic path is taken says why; the decomposed path says so.
    @Test func theSolvePathAndItsReasonAreReported() throws {
        let model = AllocationModel(scenario: randomScenario(seed: 2), mode: .lp)
        #expect(try model.solve(path: .monolithic).solvePath == .monolithic(nil))
        #expect(try model.solve(path: .automatic).solvePath == .monolithic(.tooFewCommunes(communeYears: 24, threshold: 100)))
        #expect(try model.solve(path: .decomposed).solvePath == .decomposed)
        let mip = AllocationModel(scenario: randomScenario(seed: 2), mode: .mip)
        #expect(mip.solvePathChoice(path: .decomposed) == .monolithic(.mipMode))

        // The round limit: the decomposition gives up, the monolithic LP answers, the plan says why.
        var settings = DecompositionOptions()
        settings.maxRounds = 3
        let (plan, stats) = try model.solveReporting(path: .decomposed, decomposition: settings)
        guard case .roundLimit(rounds: 3, _)? = stats?.fallback else { Issue.record("\(String(describing: stats?.fallback))"); return }
        #expect(plan.solvePath == .monolithic(stats?.fallback))
        #expect(plan.solvePath?.fallback?.identifier == "round_limit")
        #expect(stats?.fallbackReason?.hasPrefix("no convergence in 3 rounds") == true)
        let mono = try model.solve(path: .monolithic)
        #expect(abs((plan.objective ?? .nan) - (mono.objective ?? .nan)) <= 1e-9 * max(1, abs(mono.objective ?? 0)))

        // Without the fallback, the failed plan keeps the decomposed path and the reason in its status.
        settings.fallbackToMonolithic = false
        let failed = try model.solve(path: .decomposed, decomposition: settings)
        #expect(!failed.hasSolution && failed.solvePath == .decomposed)
        #expect(failed.termination.detail.contains("no convergence in 3 rounds"))

        // The time limit: no monolithic fallback, which would start from nothing with no time
        // left; the limit is the answer, without a plan, on the decomposed path.
        var limited = SolverOptions()
        limited.timeLimit = 1e-9
        let (late, lateStats) = try model.solveReporting(options: limited, path: .decomposed)
        guard case .timeLimit? = lateStats?.fallback else { Issue.record("\(String(describing: lateStats?.fallback))"); return }
        #expect(!late.hasSolution && late.solvePath == .decomposed)
        #expect(late.termination.reason == .noSolutionFound && late.termination.limit == .time, "\(late.termination)")
    }

    /// A commune floor no commune can meet: its own LP is infeasible, which proves the whole model
    /// infeasible (its rows are rows of the model): the decomposition says so, naming the commune,
    /// without a monolithic solve; the monolithic path agrees.
    @Test func anInfeasibleCommuneIsNamed() throws {
        var scenario = randomScenario(seed: 4)
        scenario.rules.communeFloor = 1
        scenario.rules.communeCap = 1
        let model = AllocationModel(scenario: scenario, mode: .lp)
        let (plan, stats) = try model.solveReporting(path: .decomposed)
        #expect(plan.status == .infeasible)
        guard case .communeUnsolvable(let commune, let termination)? = stats?.fallback else {
            Issue.record("\(String(describing: stats?.fallback))"); return
        }
        #expect(scenario.communes.contains { $0.code == commune })
        #expect(termination == .infeasible || termination == .infeasibleOrUnbounded)
        #expect(plan.solvePath == .decomposed)
        #expect(plan.termination.detail.contains("commune \(commune)"), "\(plan.termination.detail)")
        #expect(try model.solve(path: .monolithic).status == .infeasible)
    }
}
