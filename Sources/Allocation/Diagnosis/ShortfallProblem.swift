import LinearProgramming

/// The elastic ("phase 1") form of a model: chosen rows may be missed, each million VND missed
/// costing one, and the optimum is the least total by which they must give. With the commune
/// floor rows softened it answers "is this scenario feasible?" (least shortfall 0) and "by how
/// much not?" — every other row holds when nothing is funded (``InfeasibilityDiagnosis``), so
/// this problem always has a solution, and its duals say which rules block the floor.
///
/// The shortfall columns are bounded (a floor row cannot fall short by more than its own
/// requirement) and belong to the softened row's commune, so the problem has the same blocks as
/// the model and is solved by the decomposition when the model would be (docs/decomposition.md):
/// the diagnosis of a national-size scenario costs a few decomposed LPs, not monolithic ones.
struct ShortfallProblem {
    /// Which side of a softened row may be missed: a floor's lower bound, a capacity's upper one.
    enum Side { case lower, upper }

    /// Rows that may be missed on one side, at `cost` per million VND (0: freely).
    struct Softening {
        var rows: [Int]
        var side: Side
        var cost: Double = 1
    }

    let model: AllocationModel
    /// Maximise −Σ cost·shortfall over the model's rows with the softened ones elastic (the
    /// decomposition maximises).
    let program: LinearProgram
    /// The shortfall column of each softened row.
    let shortfall: [Int: VariableID]
    /// Owner of every column (the model's, then each shortfall column's row's commune).
    let owners: [ColumnOwner?]

    /// The model with `rows` (row indices) elastic on `side`, each million missed costing one.
    init(model: AllocationModel, softening rows: [Int], side: Side) {
        self.init(model: model, softening: [Softening(rows: rows, side: side)])
    }

    /// The model with each softening's rows elastic on its side, at its cost.
    init(model: AllocationModel, softening softenings: [Softening]) {
        let base = model.program
        var penalties: [ConstraintID: Double] = [:]
        for softening in softenings { for i in softening.rows { penalties[ConstraintID(i)] = 1 } }
        let (copy, slacks) = base.elasticCopy(softening: penalties, keepObjective: false)
        var program = copy
        program.sense = .maximize
        program.objectiveConstant = 0
        var owners = model.columnOwners
        owners.append(contentsOf: Array(repeating: nil, count: program.variableCount - owners.count))
        var shortfall: [Int: VariableID] = [:]
        let rowTerms = base.rowTerms()   // once: one row's terms alone cost a pass over the whole matrix
        for softening in softenings {
            for i in softening.rows {
                let row = ConstraintID(i)
                guard let pair = slacks[row] else { continue }
                let terms = rowTerms[i]
                // The activity's range over the column bounds bounds the shortfall.
                var least = 0.0, most = 0.0
                for term in terms {
                    let v = base.variables[term.variable.index]
                    let ends = (term.coefficient * v.lower, term.coefficient * v.upper)
                    least += min(ends.0, ends.1)
                    most += max(ends.0, ends.1)
                }
                let owner = terms.first.flatMap { owners[$0.variable.index] }
                let bounds = base.constraints[i].bounds
                let kept: VariableID?, dropped: VariableID?
                switch softening.side {
                case .lower:
                    kept = pair.relaxLower
                    dropped = pair.relaxUpper
                    if let kept, least.isFinite { program.setBounds(of: kept, lower: 0, upper: max(0, bounds.lower - least)) }
                case .upper:
                    kept = pair.relaxUpper
                    dropped = pair.relaxLower
                    if let kept, most.isFinite { program.setBounds(of: kept, lower: 0, upper: max(0, most - bounds.upper)) }
                }
                if let dropped {
                    program.setBounds(of: dropped, lower: 0, upper: 0)
                    program.setObjective(0, for: dropped)
                    owners[dropped.index] = owner
                }
                if let kept {
                    program.setObjective(-softening.cost, for: kept)
                    owners[kept.index] = owner
                    shortfall[i] = kept
                }
            }
        }
        self.model = model
        self.program = program
        self.shortfall = shortfall
        self.owners = owners
    }

    /// A solved shortfall problem.
    struct Solution {
        let result: SolveResult
        /// The decomposition's columns (nil when it was not decomposed): a seed for the next
        /// check of the same blocks (``DecompositionOptions/seedColumns``).
        var columns: DecompositionColumns? = nil
        /// Least total shortfall (million VND); nil without a solution (a limit, a numerical failure).
        var total: Double? { result.termination.hasSolution ? result.objectiveValue.map { max(0, -$0) } : nil }
    }

    /// x = 0 (nothing funded, no shortfall) when it meets every row and column bound of the
    /// model: then it is optimal (the shortfall cannot be negative). No duals: a zero shortfall
    /// has no slope to follow.
    private func originSolution() -> Solution? {
        let base = model.program
        guard base.variables.allSatisfy({ $0.lower <= 0 && $0.upper >= 0 }),
              base.constraints.allSatisfy({ $0.bounds.lower <= 0 && $0.bounds.upper >= 0 }) else { return nil }
        let result = SolveResult(termination: Termination(reason: .optimal, detail: "nothing funded meets every rule"),
                                 objectiveValue: 0, variableValues: Array(repeating: 0, count: program.variableCount),
                                 rowActivities: Array(repeating: 0, count: program.constraintCount))
        return Solution(result: result)
    }

    /// Its blocks: the model's communes, each with its shortfall columns (nil when the model's
    /// structure is not block-angular).
    func blocks() -> CommuneBlocks? {
        let origins = model.rowOrigins
        return CommuneBlocks(program: program, owners: owners, communeCount: model.scenario.communes.count,
                             isLinkingRow: { i in i < origins.count && origins[i].family.linksCommunes })
    }

    /// Solves it, decomposed over the communes when the model would be solved that way (LP mode,
    /// large enough), otherwise — or when the decomposition gives up — by GLPK on the whole.
    ///
    /// `seed`: columns of an earlier check of the same blocks (the step-1 problem, the previous
    /// Newton point). Points that are not points of this problem's blocks are dropped by the
    /// decomposition, so a seed can only save rounds, never change the answer.
    ///
    /// `valueOnly`: the caller reads the least total and a slope, not which rows have a non-zero
    /// dual nor how the shortfall splits between communes. Both of those differ between the
    /// optima of a degenerate problem, and which one is reached depends on the blocks' final
    /// bases; the total does not, and any optimal duals give a slope (a subgradient) that keeps a
    /// Newton step on the safe side. Such a check prices the communes by the dense simplex, as
    /// the plan's own solve does; the others by GLPK.
    ///
    /// `split`: the blocks of a shortfall problem with the same matrix as this one (only bounds
    /// and objective differ: the same rows softened in a model whose rule was set in place), from
    /// which this one's are derived instead of split again.
    func solve(options: SolverOptions, path: SolvePath, decomposition: DecompositionOptions,
               seed: DecompositionColumns? = nil, valueOnly: Bool = false, split: CommuneBlocks? = nil) throws(LPError) -> Solution {
        // Nothing funded meets every row (e.g. no floor left): no shortfall, nothing to solve.
        if let origin = originSolution() { return origin }
        var settings = decomposition
        settings.progress = nil
        settings.trace = nil
        settings.seedColumns = seed
        // GLPK's pricing, not the dense simplex, unless only the value is read: the diagnosis's
        // candidate rules are the rows with a non-zero dual at the step-1 optimum, and which of
        // the degenerate optimum's duals is reached depends on the blocks' final bases. With the
        // dense simplex's bases the decomposed path named a rule the monolithic one did not
        // (DiagnosisSearchTests, seed 3).
        settings.densePricing = valueOnly
        if !program.isMixedInteger, model.usesDecomposition(path: path, decomposition: settings) {
            if let structure = split?.withChangedBounds(of: program) ?? blocks() {
                let codes = model.scenario.communes.map(\.code), communeOfBlock = structure.blocks.map(\.commune)
                let decomposed = DantzigWolfe(program: program, structure: structure, priceScale: 1,
                                              blockName: { codes[communeOfBlock[$0]] }, options: options, settings: settings)
                switch decomposed.run(setupSeconds: 0) {
                case .solved(let result, let statistics) where result.termination.hasSolution:
                    return Solution(result: result, columns: statistics.generatedColumns)
                case .gaveUp(.communeUnsolvable(let commune, .infeasible), _):
                    // A commune's own rows have no solution: neither has the whole.
                    return Solution(result: .communeInfeasible(commune))
                default:
                    break
                }
            }
        }
        return Solution(result: try GLPKSolver.solve(program, options: options))
    }
}
