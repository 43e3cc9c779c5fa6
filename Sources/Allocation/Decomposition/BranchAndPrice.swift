import Foundation
import LinearProgramming

extension DantzigWolfe {
    /// One open node of the branch-and-price tree (docs/decomposition.md, "Branching"): the
    /// bounds its branch put on blocks' integer columns, and what it inherits from its parent.
    struct BranchNode {
        /// The branching decisions from the root to this node.
        var bounds: [CommuneBlocks.ColumnBound]
        /// An upper bound on the best plan in this node (model objective, constant included):
        /// the parent's bound until the node is solved.
        var bound: Double
        /// The parent's certifying prices: the node's first pricing round starts there.
        var prices: [Double]
        /// The parent's columns: those that meet this node's bounds seed its master.
        var columns: DecompositionColumns?
        var depth: Int
    }

    /// What the tree search ended with.
    enum TreeOutcome {
        /// The gap is closed (or the tree is exhausted): the best plan, the proven bound.
        case closed(x: [Double], value: Double, bound: Double)
        /// The time limit (or deadline) stopped the search: the best plan and the bound of the
        /// open nodes.
        case timeLimit(x: [Double], value: Double, bound: Double)
        /// No plan: the tree was exhausted (every node infeasible) or the limit came first.
        case noIncumbent(TerminationReason)
        /// The node limit, or a node's column generation failed: the monolithic path takes over.
        case gaveUp(DecompositionFallback)
    }

    /// Integer columns closer than this to an integer, summed over a node's master solution, are
    /// not branched on (the master LP's own round-off).
    static let branchingTolerance = 1e-6

    /// Branch-and-price from the root's column generation (`root`, its certified `rootBound`,
    /// model objective with the constant), where the root's heuristics left the gap above
    /// `mipGap`. Best-bound first; each node bounds one block's integer column (the most
    /// fractional one of the blocks its master mixes) and is solved by a column generation on
    /// the blocks with that bound (``CommuneBlocks/restricting(_:)``), seeded with its parent's
    /// columns that meet it and started at its parent's prices, with MIP pricing, so its bound
    /// is certified for its part of the tree. A node whose master is integral on every integer
    /// column is a plan; otherwise fix-and-solve looks for one. A node whose bound is within the
    /// gap of the incumbent is not branched on. (`nodeHeuristic` false: no fix-and-solve at the
    /// nodes, so plans come from integral masters only — the tree alone, for tests.)
    ///
    /// A node is pruned as infeasible when one of its blocks has no plan (GLPK proves it) or
    /// when its master keeps artificial columns at the largest penalty
    /// (``DecompositionFallback/linkingRowsInfeasible``: no mix of the blocks' plans meets the
    /// linking rows, to 1e-9 of the objective's scale per unit of violation).
    func branchAndPrice(root: Converged, rootColumns: DecompositionColumns?, rootBound: Double, incumbent: (x: [Double], value: Double)?,
                        mipGap: Double, setupSeconds: Double, began: ContinuousClock.Instant, clock: ContinuousClock,
                        nodeHeuristic: Bool = true, stats: inout DecompositionStatistics) -> TreeOutcome {
        var best = incumbent
        func closes(_ bound: Double) -> Bool {
            guard let best else { return false }
            return bound - best.value <= mipGap * max(abs(best.value), Double.ulpOfOne) + DantzigWolfe.gapRoundOff * max(1, abs(best.value))
        }
        // The largest bound of the nodes that left the tree with a plan or within the gap of the
        // incumbent (not infeasible): the optimum may still be in one of them, up to that bound,
        // so the reported bound is never below it, even once the tree is empty.
        var settled = -Double.infinity
        func settle(_ bound: Double) { settled = max(settled, bound) }
        func treeBound(_ open: [BranchNode], best value: Double) -> Double {
            max(value, settled, open.map(\.bound).max() ?? value)
        }
        func offer(_ x: [Double]) {
            let value = program.objectiveValue(at: x)
            if best == nil || value > best!.value { best = (x, value); stats.heuristic = "branch_and_price" }
        }
        func report(open: [BranchNode]) {
            guard let progress = options.progress else { return }
            let bound = best.map { treeBound(open, best: $0.value) } ?? open.map(\.bound).max()
            let gap = best.flatMap { b in bound.map { max(0, $0 - b.value) / max(abs(b.value), Double.ulpOfOne) } }
            progress(.branchAndCut(BranchAndCutProgress(incumbent: best?.value, bestBound: bound, relativeGap: gap, openNodes: open.count,
                                                        seconds: Self.seconds(began.duration(to: clock.now)))))
        }
        func timedOut() -> Bool {
            if let limit = options.timeLimit, Self.seconds(began.duration(to: clock.now)) + setupSeconds >= limit { return true }
            if let deadline = options.deadline, clock.now >= deadline { return true }
            return false
        }
        func stopped(_ open: [BranchNode]) -> TreeOutcome {
            guard let best else { return .noIncumbent(.noSolutionFound) }
            return .timeLimit(x: best.x, value: best.value, bound: treeBound(open, best: best.value))
        }

        // The root's children.
        guard let first = branchingColumn(root, structure: structure) else {
            // The root master is integral on every block column: its point is a plan.
            if let x = fixAndSolve(root, options: heuristicOptions(mipGap: mipGap, began: began, clock: clock, setupSeconds: setupSeconds),
                                   fixAgreed: true) { offer(x) }
            guard let best else { return .gaveUp(.noIncumbent(.noSolutionFound)) }
            return .closed(x: best.x, value: best.value, bound: max(best.value, rootBound))
        }
        var open = children(of: BranchNode(bounds: [], bound: rootBound, prices: root.prices, columns: rootColumns, depth: 0), on: first)
        report(open: open)
        while true {
            // Best bound first (deeper first on ties: they reach plans sooner).
            guard let pick = open.indices.max(by: { (open[$0].bound, open[$0].depth) < (open[$1].bound, open[$1].depth) }) else {
                guard let best else { return .noIncumbent(.infeasible) }
                return .closed(x: best.x, value: best.value, bound: treeBound([], best: best.value))
            }
            if closes(open[pick].bound), let best {
                return .closed(x: best.x, value: best.value, bound: treeBound(open, best: best.value))
            }
            if stats.branchNodes >= settings.maxBranchNodes { return .gaveUp(.gapNotClosed(gap: gapOf(open[pick].bound, best?.value), limit: mipGap)) }
            if timedOut() { return stopped(open) }
            let node = open.remove(at: pick)
            stats.branchNodes += 1
            stats.branchDepth = max(stats.branchDepth, node.depth)

            let nodeStructure = structure.restricting(node.bounds)
            var nodeProgram = program
            for bound in node.bounds {
                let j = structure.blocks[bound.block].columns[bound.local]
                let variable = program.variables[j]
                nodeProgram.setBounds(of: VariableID(j), lower: max(variable.lower, bound.lower), upper: min(variable.upper, bound.upper))
            }
            var nodeSettings = settings
            nodeSettings.seedColumns = node.columns
            nodeSettings.progress = nil
            let nodeRun = DantzigWolfe(program: nodeProgram, structure: nodeStructure, priceScale: priceScale, blockName: blockName,
                                       options: options, settings: nodeSettings, pricing: pricing)
            switch nodeRun.generateColumns(setupSeconds: setupSeconds, began: began, clock: clock, start: Start(prices: node.prices, columns: [])) {
            case .gaveUp(.linkingRowsInfeasible, let nodeStats), .gaveUp(.communeUnsolvable(_, .infeasible), let nodeStats):
                stats.absorb(node: nodeStats)
                stats.branchNodesInfeasible += 1
            case .gaveUp(.timeLimit, let nodeStats):
                stats.absorb(node: nodeStats)
                open.append(node)
                return stopped(open)
            case .gaveUp(let reason, let nodeStats):
                stats.absorb(node: nodeStats)
                return .gaveUp(reason)
            case .converged(let end, let nodeStats):
                stats.absorb(node: nodeStats)
                let bound = min(node.bound, nodeStats.bound + program.objectiveConstant)
                if closes(bound) { settle(bound); break }
                guard let column = nodeRun.branchingColumn(end, structure: nodeStructure) else {
                    // Integral on every integer column: the master's point (re-solved with those
                    // integers fixed, so that round-off does not matter) is this node's plan.
                    if let x = nodeRun.fixAndSolve(end, options: heuristicOptions(mipGap: mipGap, began: began, clock: clock, setupSeconds: setupSeconds),
                                                   fixAgreed: true) { offer(x) }
                    settle(bound)
                    break
                }
                let z = end.solution.objective + program.objectiveConstant
                let slack = 0.5 * (mipGap * abs(z) - max(0, bound - z))
                if nodeHeuristic, let x = nodeRun.fixAndSolve(end, options: heuristicOptions(mipGap: mipGap, began: began, clock: clock, setupSeconds: setupSeconds),
                                               absoluteGap: max(0, slack), fixAgreed: true) { offer(x) }
                if closes(bound) { settle(bound); break }
                let parent = BranchNode(bounds: node.bounds, bound: bound, prices: end.prices, columns: nodeStats.generatedColumns, depth: node.depth)
                open += children(of: parent, on: column)
            }
            // Nodes the new incumbent closes are done.
            for node in open where closes(node.bound) { settle(node.bound) }
            open.removeAll { closes($0.bound) }
            report(open: open)
        }
    }

    /// (bound − value)/|value|, or +∞ without a value.
    private func gapOf(_ bound: Double, _ value: Double?) -> Double {
        guard let value else { return .infinity }
        return max(0, bound - value) / max(abs(value), Double.ulpOfOne)
    }

    /// The two children of `parent` on block column `column` (its master value v): ≤ ⌊v⌋ and ≥ ⌈v⌉.
    private func children(of parent: BranchNode, on column: (block: Int, local: Int, value: Double)) -> [BranchNode] {
        let variable = structure.blocks[column.block].program.variables[column.local]
        let down = CommuneBlocks.ColumnBound(block: column.block, local: column.local, lower: variable.lower, upper: column.value.rounded(.down))
        let up = CommuneBlocks.ColumnBound(block: column.block, local: column.local, lower: column.value.rounded(.up), upper: variable.upper)
        return [down, up].map { BranchNode(bounds: parent.bounds + [$0], bound: parent.bound, prices: parent.prices,
                                           columns: parent.columns, depth: parent.depth + 1) }
    }

    /// The integer block column to branch on at `end`: of the blocks the master mixes, the
    /// column whose value Σ_k λ_k u_k is furthest from an integer (ties: the first block, the
    /// first column); nil when every one is within ``branchingTolerance`` of an integer.
    func branchingColumn(_ end: Converged, structure: CommuneBlocks) -> (block: Int, local: Int, value: Double)? {
        let master = end.master
        var values: [Int: [Double]] = [:]
        var mixed = [Int](repeating: 0, count: structure.blocks.count)
        for (k, column) in master.pool.columns.enumerated() where end.solution.result.variableValues[master.firstColumn + k] > 1e-12 {
            mixed[column.block] += 1
        }
        for (k, column) in master.pool.columns.enumerated() where mixed[column.block] > 1 {
            let lambda = end.solution.result.variableValues[master.firstColumn + k]
            guard lambda > 1e-12 else { continue }
            var u = values[column.block] ?? [Double](repeating: 0, count: structure.blocks[column.block].columns.count)
            for (i, v) in zip(column.pointIndices, column.pointValues) { u[Int(i)] += lambda * v }
            values[column.block] = u
        }
        var choice: (block: Int, local: Int, value: Double)? = nil
        var furthest = DantzigWolfe.branchingTolerance
        for b in values.keys.sorted() {
            let u = values[b]!
            for (j, variable) in structure.blocks[b].program.variables.enumerated() where variable.kind != .continuous {
                let distance = min(u[j] - u[j].rounded(.down), u[j].rounded(.up) - u[j])
                if distance > furthest { (furthest, choice) = (distance, (b, j, u[j])) }
            }
        }
        return choice
    }

    /// Options for a primal heuristic's own MIP: a tenth of the gap, no fixed-LP duals, the time left.
    func heuristicOptions(mipGap: Double, began: ContinuousClock.Instant, clock: ContinuousClock, setupSeconds: Double) -> SolverOptions {
        var heuristic = SolverOptions()
        heuristic.relativeGap = mipGap / 10
        heuristic.fixedMIPDuals = false
        heuristic.deadline = options.deadline
        if let limit = options.timeLimit { heuristic.timeLimit = max(0.1, limit - Self.seconds(began.duration(to: clock.now)) - setupSeconds) }
        return heuristic
    }

    /// `d` in seconds.
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
}

extension DecompositionStatistics {
    /// Adds a branch-and-price node's column generation to the totals.
    mutating func absorb(node: DecompositionStatistics) {
        rounds += node.rounds
        masterSolves += node.masterSolves
        pricingSeconds += node.pricingSeconds
        masterSeconds += node.masterSeconds
        pricingIterations += node.pricingIterations
        pricingSolvesByGLPK += node.pricingSolvesByGLPK
        pricingLPSolves += node.pricingLPSolves
        masterIterations += node.masterIterations
        pricingCPUSeconds += node.pricingCPUSeconds
        branchAndCutCPUSeconds += node.branchAndCutCPUSeconds
        blockMIPSolves += node.blockMIPSolves
        blockLPIntegral += node.blockLPIntegral
        blocksSkipped += node.blocksSkipped
    }
}
