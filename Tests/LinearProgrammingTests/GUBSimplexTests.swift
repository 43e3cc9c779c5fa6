import Testing
import LinearProgramming
import TestSupport

/// The GUB simplex session (``GUBSimplexSession``): a restricted master by hand, seeded random
/// block-angular LPs changed between solves against GLPK's cold solves, and what it leaves to GLPK.
@Suite struct GUBSimplexTests {
    /// A master by hand: two communes A and B, one budget row ≤ 4, one convexity (GUB) row each.
    /// A: a1 earns 3 using 2, a2 earns 1 using 0; B: b1 earns 4 using 3, b2 earns 0 using 0.
    /// Per unit of budget b1 over b2 earns 4/3, a1 over a2 earns 1: B takes b1 (3 units), A gets
    /// the last unit, λ_a1 = ½: value 4 + ½·3 + ½·1 = 6. Duals: π = 1 (A's rate), μ_A = 1 − 0·π = 1
    /// (a2 basic), μ_B = 4 − 3·π = 1 (b1 basic); b2's reduced cost 0 − 1 = −1.
    /// Then b3 (earns 3 using 1) is added: reduced cost 3 − 1 − 1 = 1, it enters. By marginal
    /// rates: b3 over b2 3/unit (1 unit), a1 over a2 1/unit (2 units), b1 over b3 ½/unit (the last
    /// unit, λ_b1 = λ_b3 = ½): value 3 + 3.5 = 6.5; π = ½, μ_B = 3 − ½ = 2.5, μ_A = 3 − 2·½ = 2.
    @Test func aMasterByHandWithAnAddedAndARemovedColumn() throws {
        var lp = LinearProgram(name: "master", sense: .maximize)
        let a1 = lp.addVariable(name: "a1", objective: 3), a2 = lp.addVariable(name: "a2", objective: 1)
        let b1 = lp.addVariable(name: "b1", objective: 4), b2 = lp.addVariable(name: "b2", objective: 0)
        let budget = lp.addConstraint(name: "budget", terms: [LinearTerm(a1, 2), LinearTerm(b1, 3)], .lessOrEqual(4))
        let convexA = lp.addConstraint(name: "A", terms: [LinearTerm(a1, 1), LinearTerm(a2, 1)], .equal(1))
        let convexB = lp.addConstraint(name: "B", terms: [LinearTerm(b1, 1), LinearTerm(b2, 1)], .equal(1))
        let session = try GUBSimplexSession(lp, gubRows: [1, 2])
        let first = session.solve()
        #expect(first.termination.reason == .optimal)
        #expect(abs((first.objectiveValue ?? 0) - 6) < 1e-9)
        #expect(abs(first[a1] - 0.5) < 1e-9 && abs(first[a2] - 0.5) < 1e-9 && abs(first[b1] - 1) < 1e-9 && abs(first[b2]) < 1e-9)
        #expect(abs((first.dual(of: budget) ?? .nan) - 1) < 1e-9)
        #expect(abs((first.dual(of: convexA) ?? .nan) - 1) < 1e-9)
        #expect(abs((first.dual(of: convexB) ?? .nan) - 1) < 1e-9)
        #expect(abs((first.reducedCosts?[b2.index] ?? .nan) + 1) < 1e-9)
        #expect(lp.check(first).passed)

        let b3 = try session.addVariable(objective: 3, column: [LinearTerm.Row(budget, 1), LinearTerm.Row(convexB, 1)])
        let second = session.solve()
        #expect(second.termination.reason == .optimal)
        #expect(abs((second.objectiveValue ?? 0) - 6.5) < 1e-9)
        #expect(abs(second[a1] - 1) < 1e-9 && abs(second[b1] - 0.5) < 1e-9 && abs(second[b3] - 0.5) < 1e-9)
        #expect(abs((second.dual(of: budget) ?? .nan) - 0.5) < 1e-9)
        #expect(abs((second.dual(of: convexA) ?? .nan) - 2) < 1e-9)
        #expect(abs((second.dual(of: convexB) ?? .nan) - 2.5) < 1e-9)
        #expect(session.model.check(second).passed)

        // b2 is non-basic: removing it keeps the basis (no pivot), b3 becomes variable #3.
        #expect(try !session.isBasic(b2))
        try session.removeVariables([b2])
        let third = session.solve()
        #expect(third.iterations == 0)
        #expect(abs((third.objectiveValue ?? 0) - 6.5) < 1e-9)
        #expect(abs(third[VariableID(3)] - 0.5) < 1e-9)
        #expect(session.statistics.gubSolves == 3 && session.statistics.glpkSolves == 0)
    }

    /// Seeded random block-angular LPs (a few coupling rows of every kind, many GUB sets, columns of
    /// no set with finite bounds), each solved, then changed (columns added, non-basic ones removed,
    /// objective coefficients and a column's bounds changed) and re-solved warm, every answer
    /// against GLPK's cold solve of the same LP: the objective to 1e-9 relative and the solution
    /// check (bounds, rows, dual signs, complementary slackness). At most 5 % may go to GLPK.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomBlockLPsAgreeWithGLPK(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(rng.next() >> 11) / Double(1 << 53) }
        func coefficient() -> Double { (uniform(-3, 3) * 4).rounded() / 4 + 0.125 }
        var solves = 0, byGLPK = 0
        for instance in 0..<15 {
            let m = 1 + Int(rng.next(upTo: 8)), sets = 2 + Int(rng.next(upTo: 30))
            var lp = LinearProgram(name: "b\(instance)", sense: rng.next(upTo: 2) == 0 ? .maximize : .minimize)
            var rowTerms = [[LinearTerm]](repeating: [], count: m + sets)
            var point: [Double] = []
            func addColumn(set: Int?, lower: Double, upper: Double, value: Double) -> VariableID {
                let v = lp.addVariable(name: "x\(lp.variableCount)", lower: lower, upper: upper, objective: (uniform(-5, 5) * 8).rounded() / 8)
                for i in 0..<m where rng.next(upTo: 2) == 0 { rowTerms[i].append(LinearTerm(v, coefficient())) }
                if let set { rowTerms[m + set].append(LinearTerm(v, 1)) }
                point.append(value)
                return v
            }
            // Each set's columns; the feasible point puts each set on its first column.
            for b in 0..<sets {
                for k in 0..<(1 + Int(rng.next(upTo: 5))) { _ = addColumn(set: b, lower: 0, upper: .infinity, value: k == 0 ? 1 : 0) }
            }
            for _ in 0..<Int(rng.next(upTo: 3)) {
                let lo = uniform(-2, 1), hi = lo + uniform(0.5, 4)
                _ = addColumn(set: nil, lower: lo, upper: hi, value: uniform(lo, hi))
            }
            for i in 0..<m {
                let activity = rowTerms[i].reduce(0) { $0 + $1.coefficient * point[$1.variable.index] }
                let bounds: ConstraintBounds = switch rng.next(upTo: 4) {
                case 0: .lessOrEqual(activity + uniform(0, 2))
                case 1: .greaterOrEqual(activity - uniform(0, 2))
                case 2: .equal(activity)
                default: .ranged(activity - uniform(0, 2), activity + uniform(0, 2))
                }
                _ = lp.addConstraint(name: "c\(i)", terms: rowTerms[i], bounds)
            }
            for b in 0..<sets { _ = lp.addConstraint(name: "g\(b)", terms: rowTerms[m + b], .equal(1)) }
            let session = try GUBSimplexSession(lp, gubRows: Array(m..<(m + sets)))
            for change in 0..<8 {
                if change > 0 {
                    // New columns in random sets, priced anywhere (the bounded convexity keeps the LP bounded).
                    for _ in 0..<Int(rng.next(upTo: 6)) {
                        let b = Int(rng.next(upTo: UInt64(sets)))
                        var column = [LinearTerm.Row(ConstraintID(m + b), 1)]
                        for i in 0..<m where rng.next(upTo: 2) == 0 { column.append(LinearTerm.Row(ConstraintID(i), coefficient())) }
                        try session.addVariable(objective: (uniform(-5, 5) * 8).rounded() / 8, column: column)
                    }
                    // Some non-basic columns removed, each set keeping one.
                    var left = [Int](repeating: 0, count: sets)
                    let model = session.model
                    var setOf = [Int](repeating: -1, count: model.variableCount)
                    for b in 0..<sets { for t in model.terms(of: ConstraintID(m + b)) { setOf[t.variable.index] = b; left[b] += 1 } }
                    var removed: [VariableID] = []
                    for j in 0..<model.variableCount where setOf[j] >= 0 && left[setOf[j]] > 1 && rng.next(upTo: 6) == 0 {
                        if try session.isBasic(VariableID(j)) { continue }
                        removed.append(VariableID(j))
                        left[setOf[j]] -= 1
                    }
                    try session.removeVariables(removed)
                    for _ in 0..<3 {
                        let j = Int(rng.next(upTo: UInt64(session.model.variableCount)))
                        try session.setObjective((uniform(-5, 5) * 8).rounded() / 8, for: VariableID(j))
                    }
                    // A column of no set gets new bounds (one that holds the feasible point's value is not kept).
                    if let j = (0..<session.model.variableCount).first(where: { setOf.indices.contains($0) && setOf[$0] < 0 }) {
                        let lo = uniform(-3, 0)
                        try session.setBounds(of: VariableID(j), lower: lo, upper: lo + uniform(2, 5))
                    }
                }
                let cold = session.model
                let expected = try GLPKSolver.solve(cold)
                let before = session.statistics.glpkSolves
                let got = session.solve()
                #expect(got.termination.reason == expected.termination.reason, "seed \(seed) instance \(instance) change \(change)")
                guard expected.termination.reason == .optimal, let value = expected.objectiveValue else { continue }
                solves += 1
                byGLPK += session.statistics.glpkSolves - before
                #expect(abs((got.objectiveValue ?? .nan) - value) <= 1e-9 * max(1, abs(value)),
                        "seed \(seed) instance \(instance) change \(change): \(got.objectiveValue ?? .nan) against \(value)")
                let report = cold.check(got)
                #expect(report.passed, "seed \(seed) instance \(instance) change \(change): \(report.summary())")
                #expect(report.checkedDuals)
            }
        }
        #expect(solves >= 60, "\(solves) optimal solves")
        #expect(Double(byGLPK) <= 0.05 * Double(solves), "GLPK answered \(byGLPK) of \(solves)")
    }

    /// Rows that are not GUB rows as declared (a coefficient 2) make the LP GLPK's from the start,
    /// with GLPK's answer; an infeasible coupling row gets GLPK's status.
    @Test func notGUBRowsAndInfeasibleLPsGoToGLPK() throws {
        var lp = LinearProgram(name: "notgub", sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 1), y = lp.addVariable(name: "y", objective: 2)
        _ = lp.addConstraint(name: "cap", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .lessOrEqual(0.5))
        _ = lp.addConstraint(name: "g", terms: [LinearTerm(x, 2), LinearTerm(y, 1)], .equal(1))
        let session = try GUBSimplexSession(lp, gubRows: [1])
        let result = session.solve()
        #expect(session.statistics.gaveUp != nil && session.statistics.glpkSolves == 1)
        // y ≤ 0.5 − x and 2x + y = 1: x = 0.5, y = 0 (value 0.5) or less x: y = 1 − 2x ≤ 0.5 − x
        // needs x ≥ 0.5; so x = 0.5, y = 0.
        #expect(abs((result.objectiveValue ?? .nan) - 0.5) < 1e-9)

        var infeasible = LinearProgram(name: "inf", sense: .minimize)
        let a = infeasible.addVariable(name: "a", objective: 1), b = infeasible.addVariable(name: "b", objective: 1)
        _ = infeasible.addConstraint(name: "need", terms: [LinearTerm(a, 1), LinearTerm(b, 1)], .greaterOrEqual(3))
        _ = infeasible.addConstraint(name: "g", terms: [LinearTerm(a, 1), LinearTerm(b, 1)], .equal(1))
        let second = try GUBSimplexSession(infeasible, gubRows: [1])
        let answer = second.solve()
        #expect(answer.termination.reason == .infeasible)
        #expect(second.statistics.glpkSolves == 1)
    }

    /// Bad input is refused before GLPK sees it: a GUB row that does not exist, a column's
    /// bounds crossed, an unknown variable, a new column's bad entries.
    @Test func badInputIsRefused() throws {
        var lp = LinearProgram(name: "bad", sense: .maximize)
        let x = lp.addVariable(name: "x", objective: 1)
        _ = lp.addConstraint(name: "g", terms: [LinearTerm(x, 1)], .equal(1))
        #expect(throws: LPError.self) { try GUBSimplexSession(lp, gubRows: [3]) }
        let session = try GUBSimplexSession(lp, gubRows: [0])
        #expect(throws: LPError.self) { try session.setBounds(of: x, lower: 2, upper: 1) }
        #expect(throws: LPError.self) { try session.setObjective(1, for: VariableID(7)) }
        #expect(throws: LPError.self) { try session.addVariable(objective: .nan, column: []) }
        // A column's entry in a row that does not exist, or not finite, is named with the row and
        // the column's number; nothing is added.
        #expect(throws: LPError.invalidOption("column #1: constraint #9 does not exist")) {
            try session.addVariable(column: [LinearTerm.Row(ConstraintID(9), 1)])
        }
        #expect(throws: LPError.self) { try session.addVariable(column: [LinearTerm.Row(ConstraintID(0), .infinity)]) }
        #expect(session.model.variableCount == 1)
        #expect(session.solve().termination.reason == .optimal)
    }
}
