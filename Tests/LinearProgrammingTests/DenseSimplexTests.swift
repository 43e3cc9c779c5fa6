import Testing
import LinearProgramming
import TestSupport

/// The dense simplex session (``DenseSimplexSession``): by hand, against GLPK on seeded random
/// LPs, and its hand-over to GLPK where it cannot finish.
@Suite struct DenseSimplexTests {
    /// Wyndor (hand-solved in SpecialLPs) from the slack basis: phase 2 only (the slack basis is
    /// feasible), the dense simplex's own answer, with the hand-derived duals and reduced costs.
    /// Then re-solved with max 4x + 1y + 2w, by hand: per unit of cap3, x earns 4/3, w 1 and
    /// y ½; x stops at cap1 (x = 4, 12 units of cap3), w takes the other 6 (w = 3), y = 0.
    /// Value 16 + 6 = 22. Basic x, w and cap2's slack: w gives 2 = 2·π3, so π3 = 1; x gives
    /// 4 = π1 + 3·π3, so π1 = 1; π2 = 0. y's reduced cost 1 − 2·π2 − 2·π3 = −1. Non-degenerate.
    @Test func wyndorByHandThenAChangedObjective() throws {
        let w = SpecialLPs.wyndor
        let session = try DenseSimplexSession(w.model)
        let first = session.solve()
        #expect(first.termination.reason == .optimal)
        #expect(abs((first.objectiveValue ?? 0) - w.objective) < 1e-9)
        for (k, v) in w.variables.enumerated() { #expect(abs(first[v] - w.primal[k]) < 1e-9) }
        for (k, c) in w.constraints.enumerated() { #expect(abs((first.dual(of: c) ?? .nan) - w.rowDuals[k]) < 1e-9) }
        for (k, d) in w.reducedCosts.enumerated() { #expect(abs((first.reducedCosts?[k] ?? .nan) - d) < 1e-9) }
        #expect(session.statistics.denseSolves == 1 && session.statistics.glpkSolves == 0)

        try session.setObjective([(w.variables[0], 4), (w.variables[1], 1), (w.variables[2], 2)])
        let second = session.solve()
        #expect(second.termination.reason == .optimal)
        #expect(abs((second.objectiveValue ?? 0) - 22) < 1e-9)
        #expect(abs(second[w.variables[0]] - 4) < 1e-9 && abs(second[w.variables[1]]) < 1e-9
                && abs(second[w.variables[2]] - 3) < 1e-9)
        #expect(abs((second.dual(of: w.constraints[0]) ?? .nan) - 1) < 1e-9)
        #expect(abs((second.dual(of: w.constraints[1]) ?? .nan)) < 1e-9)
        #expect(abs((second.dual(of: w.constraints[2]) ?? .nan) - 1) < 1e-9)
        #expect(abs((second.reducedCosts?[1] ?? .nan) + 1) < 1e-9)
        #expect(session.statistics.denseSolves == 2 && session.statistics.glpkSolves == 0)
    }

    /// Without reduced costs (as column generation asks) the dense simplex answers with the same
    /// point, value and duals bit for bit, and no reduced costs: Wyndor by hand, value 36 at
    /// (2, 6, 0) with π = (0, 3/2, 1) (SpecialLPs).
    @Test func reducedCostsAreLeftOutWhenNotAsked() throws {
        let w = SpecialLPs.wyndor
        let full = try DenseSimplexSession(w.model).solve()
        let lean = try DenseSimplexSession(w.model).solve(reducedCosts: false)
        #expect(lean.termination.reason == .optimal && lean.reducedCosts == nil && full.reducedCosts != nil)
        #expect(lean.objectiveValue == full.objectiveValue && lean.variableValues == full.variableValues)
        #expect(lean.rowDuals == full.rowDuals && lean.rowActivities == full.rowActivities)
        #expect(abs((lean.objectiveValue ?? 0) - w.objective) < 1e-9)
        for (k, c) in w.constraints.enumerated() { #expect(abs((lean.dual(of: c) ?? .nan) - w.rowDuals[k]) < 1e-9) }
    }

    /// An LP with no rows (every work buffer of the session empty): the dense simplex solves it
    /// by bounds alone. By hand: min x − y with 1 ≤ x ≤ 3, −2 ≤ y ≤ 5 puts x at 1 and y at 5
    /// (value −4); with the objective turned to max x − y (min −x + y), x = 3 and y = −2 (value −5).
    @Test func anLPWithoutRowsIsSolvedByItsBounds() throws {
        var model = LinearProgram(name: "bounds_only")
        let x = model.addVariable(name: "x", lower: 1, upper: 3, objective: 1)
        let y = model.addVariable(name: "y", lower: -2, upper: 5, objective: -1)
        let session = try DenseSimplexSession(model)
        let first = session.solve()
        #expect(first.termination.reason == .optimal)
        #expect(first.objectiveValue == -4 && first[x] == 1 && first[y] == 5)
        try session.setObjective([(x, -1), (y, 1)])
        let second = session.solve()
        #expect(second.objectiveValue == -5 && second[x] == 3 && second[y] == -2)
        #expect(session.statistics.denseSolves == 2 && session.statistics.glpkSolves == 0)
    }

    /// ``DenseSimplexSession/pointRevision``, by hand on Wyndor (optimal basis {x, y, s1} for
    /// c_x ∈ [1.5, 7.5], SpecialLPs.wyndorRanges). c_x = 6 keeps the vertex (2, 6, 0): no pivot,
    /// the same revision and the same values, bit for bit; value 6·2 + 5·6 = 42, π3 = c_x/3 = 2,
    /// π2 = (5 − 2·π3)/2 = ½, d_w = 1 − 2·π3 = −3. c_x = 8 leaves the range: x goes to cap1
    /// (x = 4, y = (18 − 12)/2 = 3), value 32 + 15 = 47, a new revision.
    @Test func aPointUnmovedByTheObjectiveKeepsItsRevision() throws {
        let w = SpecialLPs.wyndor
        let session = try DenseSimplexSession(w.model)
        let first = session.solve()
        let revision = session.pointRevision
        try session.setObjective([(w.variables[0], 6)])
        let same = session.solve()
        #expect(session.pointRevision == revision)
        #expect(same.iterations == 0)
        #expect(same.variableValues == first.variableValues && same.rowActivities == first.rowActivities)
        #expect(abs((same.objectiveValue ?? 0) - 42) < 1e-9)
        #expect(abs((same.dual(of: w.constraints[2]) ?? .nan) - 2) < 1e-9)
        #expect(abs((same.dual(of: w.constraints[1]) ?? .nan) - 0.5) < 1e-9)
        #expect(abs((same.reducedCosts?[2] ?? .nan) + 3) < 1e-9)

        try session.setObjective([(w.variables[0], 8)])
        let moved = session.solve()
        #expect(session.pointRevision != revision)
        #expect(abs(moved[w.variables[0]] - 4) < 1e-9 && abs(moved[w.variables[1]] - 3) < 1e-9)
        #expect(abs((moved.objectiveValue ?? 0) - 47) < 1e-9)
        let movedRevision = session.pointRevision
        _ = session.solve()
        #expect(session.pointRevision == movedRevision)
    }

    /// A slack basis that is infeasible needs phase 1, by hand: min x + 2y s.t. x + y ≥ 3,
    /// x ≤ 2, y ≤ 5, 0 ≤ x, y. At the slack basis x = y = 0, the row (0) is below 3. The
    /// optimum takes the cheaper x to its bound 2 and y = 1: value 4; the row's dual is 2 (the
    /// price of y), x's reduced cost 1 − 2 = −1 (non-basic at its upper bound in a minimisation).
    @Test func phaseOneFromAnInfeasibleSlackBasis() throws {
        var lp = LinearProgram(name: "p1", sense: .minimize)
        let x = lp.addVariable(name: "x", upper: 2, objective: 1)
        let y = lp.addVariable(name: "y", upper: 5, objective: 2)
        let row = lp.addConstraint(name: "cover", terms: [LinearTerm(x, 1), LinearTerm(y, 1)], .greaterOrEqual(3))
        let session = try DenseSimplexSession(lp)
        let result = session.solve()
        #expect(result.termination.reason == .optimal)
        #expect(abs((result.objectiveValue ?? 0) - 4) < 1e-9)
        #expect(abs(result[x] - 2) < 1e-9 && abs(result[y] - 1) < 1e-9)
        #expect(abs((result.dual(of: row) ?? .nan) - 2) < 1e-9)
        #expect(abs((result.reducedCosts?[0] ?? .nan) + 1) < 1e-9)
        #expect(session.statistics.denseSolves == 1 && session.statistics.glpkSolves == 0)
    }

    /// What the dense simplex cannot answer goes to GLPK, which says why: an infeasible LP
    /// (x + y ≥ 3 with x, y ≤ 1) and an unbounded one (max x with x ≥ 0 and no row limiting it).
    @Test func infeasibleAndUnboundedGoToGLPK() throws {
        var infeasible = LinearProgram(name: "inf", sense: .minimize)
        let a = infeasible.addVariable(name: "a", upper: 1, objective: 1)
        let b = infeasible.addVariable(name: "b", upper: 1, objective: 1)
        _ = infeasible.addConstraint(name: "cover", terms: [LinearTerm(a, 1), LinearTerm(b, 1)], .greaterOrEqual(3))
        let s1 = try DenseSimplexSession(infeasible)
        #expect(s1.solve().termination.reason == .infeasible)
        #expect(s1.statistics.glpkSolves == 1 && s1.statistics.denseSolves == 0)

        var unbounded = LinearProgram(name: "unb", sense: .maximize)
        let x = unbounded.addVariable(name: "x", objective: 1)
        let y = unbounded.addVariable(name: "y", upper: 1, objective: 1)
        _ = unbounded.addConstraint(name: "r", terms: [LinearTerm(x, 1), LinearTerm(y, -1)], .greaterOrEqual(-1))
        let s2 = try DenseSimplexSession(unbounded)
        #expect(s2.solve().termination.reason == .unbounded)
        #expect(s2.statistics.glpkSolves == 1)
        // Bounded again (x worth −1): max −x + y gives y = 1, x = 0 (x ≥ y − 1), value 1; the
        // dense simplex answers from the basis it kept; then y worth 2: value 2.
        try s2.setObjective([(x, -1)])
        let again = s2.solve()
        #expect(again.termination.reason == .optimal && abs((again.objectiveValue ?? 0) - 1) < 1e-9)
        try s2.setObjective([(y, 2)])
        let third = s2.solve()
        #expect(third.termination.reason == .optimal && abs((third.objectiveValue ?? 0) - 2) < 1e-9)
        #expect(s2.statistics.glpkSolves == 1 && s2.statistics.denseSolves == 2)
    }

    /// A basis handed to a new session: of the same LP, the first solve needs no pivot; of the
    /// same shape with changed bounds (Wyndor with w fixed at 1: by hand cap3 leaves 16 for
    /// 3x + 2y, y = 6 by cap2, x = 4/3, value 4 + 30 + 1 = 35) it is still the optimum; of
    /// another shape it is ignored (slack start). The inverse comes with it: a session of the
    /// same matrix takes it without inverting again; of another matrix (x's cap3 coefficient 4,
    /// not 3) it fails the check B⁻¹B = I and the basis is inverted afresh, still the optimum
    /// there by hand: y = 6, 4x = 18 − 12, x = 1.5; π3 = 3/4, d_w = 1 − 2·π3 < 0; value 34.5.
    @Test func aBasisStartsALaterSession() throws {
        let w = SpecialLPs.wyndor
        let first = try DenseSimplexSession(w.model)
        _ = first.solve()
        let basis = try #require(first.basis)
        let again = try DenseSimplexSession(w.model, startingFrom: basis)
        let warm = again.solve()
        #expect(abs((warm.objectiveValue ?? 0) - w.objective) < 1e-9 && warm.iterations == 0)
        #expect(again.statistics.refactorisations == 0)
        var fixed = w.model
        fixed.setBounds(of: w.variables[2], lower: 1, upper: 1)
        let fixedSession = try DenseSimplexSession(fixed, startingFrom: basis)
        let moved = fixedSession.solve()
        #expect(abs((moved.objectiveValue ?? 0) - 35) < 1e-9)
        #expect(abs(moved[w.variables[0]] - 4.0 / 3) < 1e-9 && abs(moved[w.variables[1]] - 6) < 1e-9)
        #expect(fixedSession.statistics.refactorisations == 0)
        var steeper = LinearProgram(name: "steeper", sense: .maximize)
        let sx = steeper.addVariable(name: "x", objective: 3)
        let sy = steeper.addVariable(name: "y", objective: 5)
        let sw = steeper.addVariable(name: "w", objective: 1)
        _ = steeper.addConstraint(name: "cap1", terms: [LinearTerm(sx, 1)], .lessOrEqual(4))
        _ = steeper.addConstraint(name: "cap2", terms: [LinearTerm(sy, 2)], .lessOrEqual(12))
        _ = steeper.addConstraint(name: "cap3", terms: [LinearTerm(sx, 4), LinearTerm(sy, 2), LinearTerm(sw, 2)],
                                  .lessOrEqual(18))
        let steeperSession = try DenseSimplexSession(steeper, startingFrom: basis)
        let reinverted = steeperSession.solve()
        #expect(steeperSession.statistics.refactorisations == 1 && reinverted.iterations == 0)
        #expect(abs((reinverted.objectiveValue ?? 0) - 34.5) < 1e-9)
        #expect(abs(reinverted[sx] - 1.5) < 1e-9 && abs(reinverted[sy] - 6) < 1e-9)
        var smaller = LinearProgram(name: "one", sense: .maximize)
        let x = smaller.addVariable(name: "x", upper: 2, objective: 1)
        _ = smaller.addConstraint(name: "r", terms: [LinearTerm(x, 1)], .lessOrEqual(5))
        let other = try DenseSimplexSession(smaller, startingFrom: basis)
        #expect(abs((other.solve().objectiveValue ?? 0) - 2) < 1e-9)
        #expect(other.statistics.denseSolves == 1)
    }

    /// An LP of more rows than the dense simplex takes is GLPK's every time, with the same
    /// answers: max Σ x_i with each x_i ≤ 1 as a row (70 rows) is 70; with x_0 worth 2, 71.
    @Test func largeLPsGoToGLPK() throws {
        let rows = DenseSimplexSession.maximumDenseRows + 6
        var lp = LinearProgram(name: "big", sense: .maximize)
        var xs: [VariableID] = []
        for i in 0..<rows {
            let x = lp.addVariable(name: "x\(i)", objective: 1)
            xs.append(x)
            _ = lp.addConstraint(name: "r\(i)", terms: [LinearTerm(x, 1)], .lessOrEqual(1))
        }
        let session = try DenseSimplexSession(lp)
        #expect(abs((session.solve().objectiveValue ?? 0) - Double(rows)) < 1e-9)
        try session.setObjective([(xs[0], 2)])
        #expect(abs((session.solve().objectiveValue ?? 0) - Double(rows + 1)) < 1e-9)
        #expect(session.statistics.glpkSolves == 2 && session.statistics.denseSolves == 0)
    }

    /// Bad input is refused before anything is solved, as by a GLPK session.
    @Test func badInputIsRefused() throws {
        let w = SpecialLPs.wyndor
        let session = try DenseSimplexSession(w.model)
        #expect(throws: LPError.self) { try session.setObjective([(w.variables[0], .nan)]) }
        #expect(throws: LPError.self) { try session.setObjective([(VariableID(7), 1)]) }
        #expect(throws: LPError.self) { try session.setObjective([(w.variables[0], 1e300)]) }
        #expect(throws: LPError.self) { try session.setObjective(columns: [0, 1], coefficients: [1]) }
        #expect(throws: LPError.self) { try session.setObjective(columns: [0, -1], coefficients: [1, 1]) }
        #expect(throws: LPError.self) { try session.setObjective(columns: [0, 2], coefficients: [4, .infinity]) }
        #expect(abs((session.solve().objectiveValue ?? 0) - w.objective) < 1e-9, "nothing was changed")
        // The sparse form sets what the pairs set: the by-hand objective 4x + y + 2w gives 22.
        try session.setObjective(columns: [0, 1, 2], coefficients: [4, 1, 2])
        #expect(abs((session.solve().objectiveValue ?? 0) - 22) < 1e-9)
        var mip = w.model
        mip.setKind(.integer, for: w.variables[0])
        #expect(throws: LPError.self) { try DenseSimplexSession(mip) }
    }

    /// Seeded random bounded LPs shaped like pricing problems (rows of every kind, some columns
    /// fixed or free, feasible by construction around a random point), each re-solved with 12
    /// random objectives. Every answer is compared with GLPK's cold solve of the same LP (the
    /// optimal value to 1e-9 relative), and checked on its own by the solution check (bounds,
    /// rows, dual signs and the duality gap), so a wrong basis or a wrong dual fails either way.
    /// Nearly every solve must be the dense simplex's, or this would only test GLPK.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomLPsAgreeWithGLPK(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(rng.next() >> 11) / Double(1 << 53) }
        var optimalSolves = 0, optimalByGLPK = 0
        for instance in 0..<25 {
            let rows = 3 + Int(rng.next(upTo: 25)), columns = rows + Int(rng.next(upTo: 50))
            var lp = LinearProgram(name: "r\(instance)", sense: rng.next(upTo: 2) == 0 ? .maximize : .minimize)
            var point: [Double] = []
            var ids: [VariableID] = []
            for j in 0..<columns {
                let kind = rng.next(upTo: 10)
                let lo = kind == 0 ? -Double.infinity : uniform(-2, 1)
                let hi = kind == 1 ? Double.infinity : lo.isFinite ? lo + uniform(0.5, 5) : uniform(0, 3)
                let fixed = kind == 2
                let l = fixed ? hi : lo
                ids.append(lp.addVariable(name: "x\(j)", lower: l, upper: hi, objective: 0))
                point.append(fixed ? hi : l.isFinite && hi.isFinite ? uniform(l, hi) : hi.isFinite ? hi - 1 : l + 1)
            }
            for i in 0..<rows {
                var terms: [LinearTerm] = []
                for j in 0..<columns where rng.next(upTo: 4) == 0 {
                    terms.append(LinearTerm(ids[j], (uniform(-3, 3) * 4).rounded() / 4 + 0.125))
                }
                if terms.isEmpty { terms.append(LinearTerm(ids[i % columns], 1)) }
                let activity = terms.reduce(0) { $0 + $1.coefficient * point[$1.variable.index] }
                let bounds: ConstraintBounds = switch rng.next(upTo: 4) {
                case 0: .lessOrEqual(activity + uniform(0, 2))
                case 1: .greaterOrEqual(activity - uniform(0, 2))
                case 2: .equal(activity)
                default: .ranged(activity - uniform(0, 2), activity + uniform(0, 2))
                }
                _ = lp.addConstraint(name: "r\(i)", terms: terms, bounds)
            }
            // A column free or open on one side may make an objective unbounded: GLPK answers
            // those (the dense simplex hands them over), and the statuses must agree.
            let session = try DenseSimplexSession(lp)
            for _ in 0..<12 {
                let objective = ids.map { ($0, (uniform(-5, 5) * 8).rounded() / 8) }
                try session.setObjective(objective)
                var cold = lp
                for (v, c) in objective { cold.setObjective(c, for: v) }
                let expected = try GLPKSolver.solve(cold)
                let before = session.statistics.glpkSolves
                let got = session.solve()
                if expected.termination.reason == .optimal {
                    optimalSolves += 1
                    optimalByGLPK += session.statistics.glpkSolves - before
                }
                #expect(got.termination.reason == expected.termination.reason, "instance \(instance)")
                guard expected.termination.reason == .optimal, let value = expected.objectiveValue else { continue }
                #expect(abs((got.objectiveValue ?? .nan) - value) <= 1e-9 * max(1, abs(value)), "instance \(instance)")
                let report = cold.check(got)
                #expect(report.passed, "instance \(instance): \(report.summary())")
                #expect(report.checkedDuals)
            }
        }
        #expect(optimalSolves >= 100, "\(optimalSolves) bounded solves")
        #expect(Double(optimalByGLPK) <= 0.05 * Double(optimalSolves),
                "GLPK answered \(optimalByGLPK) of the \(optimalSolves) solves with an optimum")
    }
}
