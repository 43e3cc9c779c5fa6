import LinearProgramming

/// The columns of a finished decomposition (docs/decomposition.md, "Re-solves reuse the
/// columns"): for each block, the points u_{b,k} of its polytope P_b that the master held, with
/// a fingerprint of the block structure they belong to.
///
/// Why: P_b is defined by the block's own rows and column bounds only, so a re-solve that
/// changes nothing but the bounds of linking rows (a pooled budget cut or raised) has the same
/// polytopes, and every column of the previous master is a valid column of the new one. Passed
/// back as ``DecompositionOptions/seedColumns``, they give the new master a near-optimal pool
/// from the start (a few rounds instead of a whole column generation).
///
/// A seed is only ever a hint: the decomposition that receives it compares the fingerprint and
/// checks every point against its block's own rows, column bounds and integrality (see
/// ``admissiblePoints(for:)``); a seed from another scenario is useless, never wrong. Knows
/// blocks and points, not communes or budgets.
public struct DecompositionColumns: Sendable {
    /// What the points' local indices refer to: the block structure of the decomposed program.
    public struct Fingerprint: Sendable, Hashable {
        /// Blocks, columns of the whole program, and the global index of every linking row.
        public var blockCount: Int
        public var columnCount: Int
        public var linkingRows: [Int]
        /// Columns of each block, in block order (the local index range of its points).
        public var blockColumnCounts: [Int]

        /// The fingerprint of `structure` over a program of `columnCount` columns.
        init(structure: CommuneBlocks, columnCount: Int) {
            blockCount = structure.blocks.count
            self.columnCount = columnCount
            linkingRows = structure.linkingRows
            blockColumnCounts = structure.blocks.map(\.columns.count)
        }
    }

    /// One point of a block's polytope: its non-zero entries, by local column index.
    public struct Point: Sendable, Hashable {
        public var indices: [Int32]
        public var values: [Double]

        /// A point with non-zeros `values` at local columns `indices`.
        public init(indices: [Int32], values: [Double]) {
            self.indices = indices
            self.values = values
        }
    }

    /// The block structure the points belong to.
    public let fingerprint: Fingerprint
    /// Points of each block, in block order.
    public let points: [[Point]]
    /// How many of each block's points, at the front of its list, carried weight in the final
    /// master solution (λ > 0): a re-solve puts these into its first master and keeps the
    /// others in reserve.
    public let inSolution: [Int]

    /// The last basis of each commune's pricing LP (by commune index), where a later
    /// decomposition of the same blocks starts its pricing instead of the slack basis. A hint
    /// like the points: a basis that does not fit its LP is ignored.
    public let bases: [Int: DenseSimplexSession.Basis]

    /// The split (``CommuneBlocks/identity``) whose own LP decomposition found the points, each
    /// once per block: points a re-solve over that very split takes without a check (nil: a
    /// seed put together otherwise, checked point by point).
    let splitIdentity: Int?

    /// The points `points` (one list per block) of the structure `fingerprint` describes; the
    /// first `inSolution[b]` of block b were in the final master solution (none when nil).
    public init(fingerprint: Fingerprint, points: [[Point]], inSolution: [Int]? = nil,
                bases: [Int: DenseSimplexSession.Basis] = [:]) {
        self.init(fingerprint: fingerprint, points: points, inSolution: inSolution, bases: bases, splitIdentity: nil)
    }

    init(fingerprint: Fingerprint, points: [[Point]], inSolution: [Int]?, bases: [Int: DenseSimplexSession.Basis],
         splitIdentity: Int?) {
        self.fingerprint = fingerprint
        self.bases = bases
        self.splitIdentity = splitIdentity
        self.points = points
        self.inSolution = inSolution.map { zip($0, points).map { min(max(0, $0), $1.count) } }
            ?? [Int](repeating: 0, count: points.count)
    }

    /// How many points, over every block.
    public var count: Int { points.reduce(0) { $0 + $1.count } }

    /// Largest violation of a block row or column bound (relative to max(1, |bound|, largest
    /// term)) allowed for a seeded point: the points come from GLPK solves of the same rows.
    static let tolerance = 1e-9

    /// The points that are valid columns of `structure` (the structure of a program with
    /// `columnCount` columns), by block, each marked with whether it was in the final master
    /// solution, with how many were dropped; nil when the fingerprint does not match (the seed
    /// describes another structure and is ignored whole).
    ///
    /// A point is kept when its indices are local columns of its block, its values finite, every
    /// column within its bounds, every integer column integral and every block row met, each to
    /// ``tolerance`` scaled. Duplicates within a block are dropped. The points of an LP
    /// decomposition over this very split (``splitIdentity``: the gain split's capped re-solve,
    /// a budget what-if) are its own pricing LPs' answers, each once, and are taken unchecked
    /// (`checked` false): at 2,000 communes the check and the duplicate sets of the capped
    /// re-solve's 20,000-odd columns took 0.07 s of CPU beside the tie-break stage.
    func admissiblePoints(for structure: CommuneBlocks,
                          columnCount: Int) -> (points: [[(point: Point, inSolution: Bool)]], dropped: Int, checked: Bool)? {
        guard fingerprint == Fingerprint(structure: structure, columnCount: columnCount),
              points.count == structure.blocks.count else { return nil }
        if let splitIdentity, splitIdentity == structure.identity, !structure.hasIntegerColumns {
            let taken = points.indices.map { b in points[b].enumerated().map { (point: $1, inSolution: $0 < inSolution[b]) } }
            return (taken, 0, false)
        }
        var kept = [[(point: Point, inSolution: Bool)]](repeating: [], count: points.count)
        var dropped = 0
        for (b, block) in structure.blocks.enumerated() where !points[b].isEmpty {
            let rows = block.program.rowTerms()
            var seen = Set<Point>()
            for (k, point) in points[b].enumerated() {
                if Self.isAdmissible(point, in: block.program, rows: rows), seen.insert(point).inserted {
                    kept[b].append((point, k < inSolution[b]))
                } else {
                    dropped += 1
                }
            }
        }
        return (kept, dropped, true)
    }

    /// Whether `point` lies in the polytope (or, for integer columns, the integer points) of
    /// `program`, whose rows are `rows` (``LinearProgram/rowTerms()``), to ``tolerance`` scaled.
    static func isAdmissible(_ point: Point, in program: LinearProgram, rows: [[LinearTerm]]) -> Bool {
        let n = program.variableCount
        guard point.indices.count == point.values.count else { return false }
        var u = [Double](repeating: 0, count: n)
        for (i, v) in zip(point.indices, point.values) {
            guard i >= 0, Int(i) < n, v.isFinite else { return false }
            u[Int(i)] = v
        }
        func within(_ value: Double, _ lower: Double, _ upper: Double, scale: Double) -> Bool {
            let allowed = tolerance * max(1, scale, lower.isFinite ? abs(lower) : 0, upper.isFinite ? abs(upper) : 0)
            return value >= lower - allowed && value <= upper + allowed
        }
        for (j, variable) in program.variables.enumerated() {
            guard within(u[j], variable.lower, variable.upper, scale: 0) else { return false }
            if variable.kind != .continuous, abs(u[j] - u[j].rounded()) > tolerance { return false }
        }
        for (r, terms) in rows.enumerated() {
            var activity = 0.0, largest = 0.0
            for term in terms {
                let t = term.coefficient * u[term.variable.index]
                activity += t
                largest = max(largest, abs(t))
            }
            let bounds = program.constraints[r].bounds
            guard within(activity, bounds.lower, bounds.upper, scale: largest) else { return false }
        }
        return true
    }
}

extension PricingOutput {
    /// A seeded point of `block` as a column: its cost c·u and its usage A_b·u of the linking
    /// rows under the current program (so a seed carries points only, never stale costs).
    init(block: borrowing CommuneBlocks.Block, point: borrowing DecompositionColumns.Point) {
        self.init()
        optimal = true
        termination = .optimal
        pointIndices = point.indices
        pointValues = point.values
        let variables = block.program.variables
        var u = [Double](repeating: 0, count: variables.count)
        var cost = 0.0
        for (i, x) in zip(point.indices, point.values) {
            u[Int(i)] = x
            cost += variables[Int(i)].objective * x
        }
        self.cost = cost
        setUsage(of: u, in: block, ignoringBelow: 0)
    }
}

extension DecompositionColumns {
    /// The pool's columns, the seeded columns left in `reserve` (by block) that never entered
    /// the master, and the columns `retired` from it (by block; none of them in the pool, each
    /// once), with the fingerprint of `structure` over `columnCount` columns.
    /// `lambdas`: the final master solution's weight of each pool column (its columns with
    /// λ > 0 come first in their block's list).
    init(pool: ColumnPool, lambdas: ArraySlice<Double>, reserve: [[PricingOutput]], retired: [[Point]],
         structure: CommuneBlocks, columnCount: Int, bases: [Int: DenseSimplexSession.Basis] = [:]) {
        var points = [[Point]](repeating: [], count: structure.blocks.count)
        var rest = points
        for (k, column) in pool.columns.enumerated() {
            let point = Point(indices: column.pointIndices, values: column.pointValues)
            if lambdas[lambdas.startIndex + k] > 1e-12 { points[column.block].append(point) } else { rest[column.block].append(point) }
        }
        let inSolution = points.map(\.count)
        for (b, list) in retired.enumerated() { rest[b] += list }
        // A seeded column still in reserve may have been priced into the pool meanwhile: each point once.
        for (b, outputs) in reserve.enumerated() where !outputs.isEmpty {
            var seen = Set(points[b] + rest[b])
            for out in outputs {
                let point = Point(indices: out.pointIndices, values: out.pointValues)
                if seen.insert(point).inserted { rest[b].append(point) }
            }
        }
        for b in points.indices { points[b] += rest[b] }
        self.init(fingerprint: Fingerprint(structure: structure, columnCount: columnCount), points: points, inSolution: inSolution,
                  bases: bases, splitIdentity: structure.identity)
    }
}
