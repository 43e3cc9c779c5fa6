import LinearProgramming
import Synchronization

/// The block-angular structure of an ``AllocationModel`` (docs/decomposition.md §1): the
/// *linking* rows (those whose family the formulation declares as linking communes: today
/// pooled budgets, counterpart, priority share), and one *block* per commune holding that
/// commune's columns and every row that involves that commune only.
///
/// Built from the monolithic ``LinearProgram`` itself (not from the scenario), so the blocks
/// are the same model, row for row and column for column; which rows link and who owns each
/// column come from the formulation (``AllocationModel/columnOwners``), not from row kinds
/// known here.
struct CommuneBlocks: Sendable {
    /// One commune's own LP: its columns, its own rows, and its entries in the linking rows.
    struct Block: Sendable {
        /// Commune index in the scenario.
        let commune: Int
        /// Global column index of each local column.
        var columns: [Int] = []
        /// Global row index of each local row.
        var rows: [Int] = []
        /// The commune's LP (a MIP when the model has integer columns): local columns with the
        /// model's bounds, kinds and objective, local rows.
        var program = LinearProgram(name: "", sense: .maximize)
        /// Local columns that appear in a linking row (CSR: `linkStart[k]..<linkStart[k+1]`).
        var linkColumns: [Int32] = []
        var linkStart: [Int] = [0]
        /// Linking row index (0..<linkingRows.count) and coefficient of each entry.
        var linkRow: [Int32] = []
        var linkCoefficient: [Double] = []
        /// Objective coefficient of each column in `linkColumns`.
        var linkObjective: [Double] = []
        /// The distinct linking rows the block touches, ascending, and each entry's place among
        /// them: a point's usage A_b·u is summed into these slots (``PricingOutput/setUsage(of:in:ignoringBelow:)``).
        var linkRowsTouched: [Int32] = []
        var linkSlot: [Int32] = []

        init(commune: Int) { self.commune = commune }
    }

    /// Global row index of each linking row.
    let linkingRows: [Int]
    /// Global index of each column that belongs to no commune (money carried between periods,
    /// r_{s,t}): it appears in linking rows only and becomes a fixed column of the master.
    let linkingColumns: [Int]
    /// Blocks, in commune order (communes without a column have none).
    private(set) var blocks: [Block]
    /// Block of each global column.
    let blockOfColumn: [Int]
    /// Block of each global row (−1 for a linking row or an empty row).
    let blockOfRow: [Int]
    /// Non-zeros of the program split (for ``withChangedBounds(of:)``'s check of the shape).
    let nonZeroCount: Int
    /// Which split these blocks are: copies of the structure keep it (the model's copies that
    /// change only pooled budgets share the split, ``CommuneBlocksCache``), and every change of
    /// a block (``relaxed()``, ``restricting(_:)``, ``withChangedBounds(of:)``) gets a new one.
    /// The columns of a decomposition over an LP's blocks are admissible columns of the same
    /// split without a check (``DecompositionColumns/admissiblePoints(for:columnCount:)``).
    private(set) var identity = CommuneBlocks.newIdentity()
    private static let identities = Atomic<Int>(0)
    static func newIdentity() -> Int { identities.add(1, ordering: .relaxed).newValue }
    /// Whether some block has an integer column.
    var hasIntegerColumns: Bool { blocks.contains { $0.program.isMixedInteger } }

    /// Splits `model` as its formulation declares it: the owner of each column
    /// (``AllocationModel/columnOwners``) and the rows whose family links communes
    /// (``ConstraintFamily/linksCommunes``). Returns nil when a non-linking row spans two
    /// communes (the structure this decomposition relies on is absent).
    ///
    /// `program` replaces the model's own (same columns; it may have more rows at the end, all of
    /// which must then be listed in `extraLinkingRows`): the tie-break stage decomposes the
    /// optimal face, which adds the value-keeping row that spans every commune.
    init?(model: AllocationModel, program changed: LinearProgram? = nil, extraLinkingRows: [Int] = []) {
        let extra = Set(extraLinkingRows)
        let origins = model.rowOrigins
        self.init(program: changed ?? model.program, owners: model.columnOwners, communeCount: model.scenario.communes.count,
                  isLinkingRow: { i in extra.contains(i) || (i < origins.count && origins[i].family.linksCommunes) })
    }

    /// Splits `program` given each column's owner (nil: unplaced, and the split fails) and which
    /// rows link communes. Knows no row or column kind: the formulation declares them.
    init?(program: LinearProgram, owners: [ColumnOwner?], communeCount: Int, isLinkingRow: (Int) -> Bool) {
        let n = program.variableCount, m = program.constraintCount
        guard owners.count == n else { return nil }
        // Commune of each column (−1: a linking column).
        var communeOfColumn = [Int](repeating: -1, count: n)
        for j in 0..<n {
            switch owners[j] {
            case .commune(let c)?: communeOfColumn[j] = c
            case .linking?: break
            case nil: return nil
            }
        }

        // Rows as CSR.
        var rowCount = [Int](repeating: 0, count: m + 1)
        program.forEachNonZero { i, _, _ in rowCount[i + 1] += 1 }
        for i in 0..<m { rowCount[i + 1] += rowCount[i] }
        var fill = rowCount
        var entryColumn = [Int32](repeating: 0, count: program.nonZeroCount)
        var entryValue = [Double](repeating: 0, count: program.nonZeroCount)
        program.forEachNonZero { i, j, a in
            entryColumn[fill[i]] = Int32(j)
            entryValue[fill[i]] = a
            fill[i] += 1
        }

        var linking: [Int] = []
        var linkIndex = [Int](repeating: -1, count: m)
        for i in 0..<m where isLinkingRow(i) {
            linkIndex[i] = linking.count
            linking.append(i)
        }

        // Blocks: one per commune with a column.
        var blockOfCommune = [Int](repeating: -1, count: communeCount)
        var blocks: [Block] = []
        var blockOfColumn = [Int](repeating: -1, count: n)
        var localIndex = [Int](repeating: -1, count: n)
        var linkingColumns: [Int] = []
        for j in 0..<n {
            let c = communeOfColumn[j]
            if c < 0 {
                linkingColumns.append(j)
                continue
            }
            if blockOfCommune[c] < 0 {
                blockOfCommune[c] = blocks.count
                blocks.append(Block(commune: c))
            }
            let b = blockOfCommune[c]
            blockOfColumn[j] = b
            localIndex[j] = blocks[b].columns.count
            blocks[b].columns.append(j)
            let variable = program.variables[j]
            _ = blocks[b].program.addVariable(name: "", lower: variable.lower, upper: variable.upper,
                                              kind: variable.kind, objective: variable.objective)
        }
        // Local rows.
        var blockOfRow = [Int](repeating: -1, count: m)
        for i in 0..<m where linkIndex[i] < 0 {
            let range = rowCount[i]..<rowCount[i + 1]
            guard let first = range.first else { continue }
            let b = blockOfColumn[Int(entryColumn[first])]
            if b < 0 { return nil }
            var terms: [LinearTerm] = []
            terms.reserveCapacity(range.count)
            for k in range {
                let j = Int(entryColumn[k])
                if blockOfColumn[j] != b { return nil }   // spans two communes, or a carried column outside the linking rows
                terms.append(LinearTerm(VariableID(localIndex[j]), entryValue[k]))
            }
            blockOfRow[i] = b
            blocks[b].rows.append(i)
            blocks[b].program.addConstraint(name: "", terms: terms, program.constraints[i].bounds)
        }
        // Linking entries by column (CSR, in linking-row order within a column): one counting
        // pass, not an array per column.
        var linkCount = [Int](repeating: 0, count: n + 1)
        for i in linking {
            for k in rowCount[i]..<rowCount[i + 1] { linkCount[Int(entryColumn[k]) + 1] += 1 }
        }
        for j in 0..<n { linkCount[j + 1] += linkCount[j] }
        var linkFill = linkCount
        var linkEntryRow = [Int32](repeating: 0, count: linkCount[n])
        var linkEntryValue = [Double](repeating: 0, count: linkCount[n])
        for (l, i) in linking.enumerated() {
            for k in rowCount[i]..<rowCount[i + 1] {
                let j = Int(entryColumn[k])
                linkEntryRow[linkFill[j]] = Int32(l)
                linkEntryValue[linkFill[j]] = entryValue[k]
                linkFill[j] += 1
            }
        }
        for b in blocks.indices {
            for (local, j) in blocks[b].columns.enumerated() where linkCount[j + 1] > linkCount[j] {
                blocks[b].linkColumns.append(Int32(local))
                blocks[b].linkObjective.append(program.variables[j].objective)
                for e in linkCount[j]..<linkCount[j + 1] {
                    blocks[b].linkRow.append(linkEntryRow[e])
                    blocks[b].linkCoefficient.append(linkEntryValue[e])
                }
                blocks[b].linkStart.append(blocks[b].linkRow.count)
            }
            blocks[b].setSlots()
        }
        self.linkingRows = linking
        self.linkingColumns = linkingColumns
        self.blocks = blocks
        self.blockOfColumn = blockOfColumn
        self.blockOfRow = blockOfRow
        self.nonZeroCount = program.nonZeroCount
    }

    private init(linkingRows: [Int], linkingColumns: [Int], blocks: [Block], blockOfColumn: [Int], blockOfRow: [Int],
                 nonZeroCount: Int) {
        self.linkingRows = linkingRows
        self.linkingColumns = linkingColumns
        self.blocks = blocks
        self.blockOfColumn = blockOfColumn
        self.blockOfRow = blockOfRow
        self.nonZeroCount = nonZeroCount
    }

    /// The structure of `program` when it is the program this structure was split from with only
    /// bounds, objective coefficients and kinds changed and rows appended, every appended row
    /// linking (the tie-break's optimal face and its value-keeping row): the same blocks with
    /// `program`'s bounds, objective and kinds, and the appended rows' entries added to their
    /// linking entries. The same structure as splitting `program` with the appended rows as
    /// extra linking rows, without splitting again (0.1 s at 2,000 communes). Nil when
    /// `program`'s counts show another shape; that its other entries are the split program's
    /// is the caller's to know.
    func withChangedBounds(of program: LinearProgram) -> CommuneBlocks? {
        let n = blockOfColumn.count, m0 = blockOfRow.count, m = program.constraintCount
        guard program.variableCount == n, m >= m0 else { return nil }
        // The appended rows' entries by column (CSR), in row order within a column.
        var count = [Int](repeating: 0, count: n + 1)
        var appended = 0
        program.forEachNonZero { i, j, _ in
            guard i >= m0 else { return }
            count[j + 1] += 1
            appended += 1
        }
        guard program.nonZeroCount == nonZeroCount + appended else { return nil }
        for j in 0..<n { count[j + 1] += count[j] }
        var fill = count
        var entryRow = [Int32](repeating: 0, count: appended), entryValue = [Double](repeating: 0, count: appended)
        let firstLink = linkingRows.count
        program.forEachNonZero { i, j, a in
            guard i >= m0 else { return }
            entryRow[fill[j]] = Int32(firstLink + i - m0)
            entryValue[fill[j]] = a
            fill[j] += 1
        }
        for j in 0..<n where count[j + 1] - count[j] > 1 {
            let order = (count[j]..<count[j + 1]).sorted { entryRow[$0] < entryRow[$1] }
            let rows = order.map { entryRow[$0] }, values = order.map { entryValue[$0] }
            for (k, e) in (count[j]..<count[j + 1]).enumerated() {
                entryRow[e] = rows[k]
                entryValue[e] = values[k]
            }
        }
        var blocks = self.blocks
        for b in blocks.indices {
            let old = blocks[b]
            var block = Block(commune: old.commune)
            block.columns = old.columns
            block.rows = old.rows
            block.program = old.program
            for (local, j) in old.columns.enumerated() {
                let variable = program.variables[j], id = VariableID(local)
                block.program.setBounds(of: id, lower: variable.lower, upper: variable.upper)
                block.program.setObjective(variable.objective, for: id)
                block.program.setKind(variable.kind, for: id)
            }
            for (local, i) in old.rows.enumerated() {
                block.program.setBounds(of: ConstraintID(local), program.constraints[i].bounds)
            }
            // Linking entries: the old ones of each column, then its appended rows' (their
            // linking indices come after every old one).
            var k = 0
            for (local, j) in old.columns.enumerated() {
                let hasOld = k < old.linkColumns.count && Int(old.linkColumns[k]) == local
                guard hasOld || count[j + 1] > count[j] else { continue }
                block.linkColumns.append(Int32(local))
                block.linkObjective.append(program.variables[j].objective)
                if hasOld {
                    for e in old.linkStart[k]..<old.linkStart[k + 1] {
                        block.linkRow.append(old.linkRow[e])
                        block.linkCoefficient.append(old.linkCoefficient[e])
                    }
                    k += 1
                }
                for e in count[j]..<count[j + 1] {
                    block.linkRow.append(entryRow[e])
                    block.linkCoefficient.append(entryValue[e])
                }
                block.linkStart.append(block.linkRow.count)
            }
            block.setSlots()
            blocks[b] = block
        }
        return CommuneBlocks(linkingRows: linkingRows + Array(m0..<m), linkingColumns: linkingColumns, blocks: blocks,
                             blockOfColumn: blockOfColumn, blockOfRow: blockOfRow + [Int](repeating: -1, count: m - m0),
                             nonZeroCount: program.nonZeroCount)
    }
}

extension CommuneBlocks.Block {
    /// Sets ``linkRowsTouched`` and ``linkSlot`` from the linking entries.
    mutating func setSlots() {
        let touched = Array(Set(linkRow)).sorted()
        let slotOfRow = Dictionary(uniqueKeysWithValues: touched.enumerated().map { ($1, Int32($0)) })
        linkRowsTouched = touched
        linkSlot = linkRow.map { slotOfRow[$0]! }
    }
}

extension CommuneBlocks {
    /// The same structure with every block's integer columns made continuous: the blocks of the
    /// LP relaxation (the decomposed MIP's LP-pricing phase).
    func relaxed() -> CommuneBlocks {
        var copy = self
        copy.identity = Self.newIdentity()
        for b in copy.blocks.indices {
            for (j, variable) in copy.blocks[b].program.variables.enumerated() where variable.kind != .continuous {
                copy.blocks[b].program.setKind(.continuous, for: VariableID(j))
            }
        }
        return copy
    }
}

extension CommuneBlocks {
    /// A bound on one block's integer column: a branching decision of the decomposed MIP's
    /// branch-and-price (docs/decomposition.md, "Branching").
    struct ColumnBound: Sendable, Hashable {
        /// Block index and local column index.
        let block: Int
        let local: Int
        let lower: Double
        let upper: Double
    }

    /// The same structure with each bound in `bounds` put on its block's column (intersected
    /// with the column's bounds there): the blocks of a branch-and-price node. The linking rows
    /// and each block's linking entries are unchanged, so a node's master has the same rows.
    func restricting(_ bounds: [ColumnBound]) -> CommuneBlocks {
        var copy = self
        copy.identity = Self.newIdentity()
        for bound in bounds {
            let j = VariableID(bound.local)
            let variable = copy.blocks[bound.block].program.variables[bound.local]
            copy.blocks[bound.block].program.setBounds(of: j, lower: max(variable.lower, bound.lower),
                                                       upper: min(variable.upper, bound.upper))
        }
        return copy
    }
}

/// A model's own block structure (``CommuneBlocks/init(model:program:extraLinkingRows:)`` with
/// no changes), split at its first decomposed solve and shared by the copies
/// ``AllocationModel/withPooledBudgets(of:)`` makes: pooled budgets are bounds of linking rows
/// and of carry-over columns, neither of which a block holds, so the gain split's capped
/// re-solve and a budget what-if start from the same blocks instead of splitting the model
/// again (0.2 s at 2,000 communes).
final class CommuneBlocksCache: Sendable {
    private let stored = Mutex<CommuneBlocks??>(nil)

    /// The structure, split by `split` on the first call (nil, a model without the structure, is kept too).
    func structure(splitting split: () -> CommuneBlocks?) -> CommuneBlocks? {
        stored.withLock { stored in
            if let known = stored { return known }
            let made = split()
            stored = .some(made)
            return made
        }
    }

    /// The structure when it has been split already (nil otherwise, or when the model has none).
    var alreadySplit: CommuneBlocks? { stored.withLock { $0 ?? nil } }
}
