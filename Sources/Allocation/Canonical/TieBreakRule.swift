import LinearProgramming

/// The tie-break rule (quy tắc chọn phương án) that picks one plan among the many optimal
/// ones (docs/model.md §9).
///
/// The LP is highly degenerate: the same optimum can be reached by many allocations. Among
/// them ntm-alloc reports the one that maximises, over the set of optimal plans, the
/// *preference*
///
///     T = Σ_p θ_p·K_p·y_p − Σ_{s,p} η_s·(1 + ½·h_{s,p})·x_{s,p} + Σ_c z_c
///
/// In a planner's words:
/// 1. **Money to works in a fixed order** (θ_p, from 2 down to just above 1 in the order of the
///    works' ids): when two works could equally use the money, the one earlier in id order is
///    funded first, so works are funded whole before the next one is started.
/// 2. **Narrowly eligible money first** (η_s, the share of all works that source s may fund):
///    a source that can only fund a few works is used before money that could go anywhere,
///    which keeps the flexible money unspent rather than the tied money.
/// 3. **A fixed order of (source, work) pairs** (h_{s,p} ∈ [0, 1), a hash of the two ids) so
///    that no two plans are ever tied on T.
/// 4. Target communes are marked as reaching the standard whenever the plan allows it (z_c).
///
/// The parts are weighted into one linear score, not ranked strictly (a lexicographic order would
/// need coefficient ratios beyond what GLPK's tolerances resolve).
///
/// Everything depends on ids, never on file order or on the solver, so reordering the CSV
/// rows, changing the LP method, the solve path or the number of threads gives the same plan.
public struct TieBreakRule: Sendable {
    /// The preference coefficient of every variable of the model, in variable order.
    public let coefficients: [Double]

    /// The preference of `model`'s variables.
    public init(model: AllocationModel) {
        let scenario = model.scenario
        let works = scenario.works, sources = scenario.sources
        var coefficients = [Double](repeating: 0, count: model.program.variableCount)
        // θ_p: rank of the work's id (byte order of its UTF-8, so independent of locale).
        let order = works.indices.sorted { Self.precedes(works[$0].id, works[$1].id) }
        var theta = [Double](repeating: 1, count: works.count)
        let n = Double(max(1, works.count))
        for (rank, p) in order.enumerated() { theta[p] = 2 - Double(rank) / n }
        // Multi-year: among equal plans, a work started earlier first (up to 10 % more preference
        // for the first period than for the last).
        let periods = Double(max(1, scenario.periodCount))
        for p in works.indices {
            for start in model.startVariables[p] {
                coefficients[start.variable.index] = theta[p] * works[p].cost * (1 + 0.1 * (periods - 1 - Double(start.period)) / periods)
            }
        }
        // η_s: breadth of the source's eligibility.
        var pairsOfSource = [Int](repeating: 0, count: sources.count)
        for pair in model.pairs where pair.period == model.windows[pair.work].spending.lowerBound { pairsOfSource[pair.source] += 1 }
        for (k, pair) in model.pairs.enumerated() {
            let eta = 0.25 + 0.5 * Double(pairsOfSource[pair.source]) / n
            let periodKey = scenario.periodCount == 1 ? "" : "\u{0}" + scenario.periods[pair.period]
            let hash = Self.unitHash(sources[pair.source].id, works[pair.work].id + periodKey)
            coefficients[k] = -eta * (1 + 0.5 * hash)
        }
        for z in model.standardVariables.values { coefficients[z.index] = 1 }
        // Money carried into the next year only where spending it in its own year is no better.
        for carry in model.carryVariables {
            coefficients[carry.variable.index] = -0.1 * (1 + 0.5 * Self.unitHash(sources[carry.source].id, scenario.periods[carry.period]))
        }
        self.coefficients = coefficients
    }

    /// Whether id `a` comes before id `b` (UTF-8 byte order: the same on every machine).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A number in [0, 1) from two ids (FNV-1a 64-bit over their UTF-8, separated by a 0 byte).
    static func unitHash(_ a: String, _ b: String) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in a.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h = (h ^ 0) &* 0x0000_0100_0000_01b3
        for byte in b.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        // A final avalanche (SplitMix64's) so that ids differing in one character spread out.
        h ^= h >> 30; h &*= 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27; h &*= 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return Double(h >> 11) / Double(UInt64(1) << 53)
    }
}
