import Testing
import LinearProgramming
import TestSupport

/// Every path of `LinearProgram.validate` / `GLPKSolver.solve` that GLPK would otherwise abort
/// on (or mis-handle) throws its `LPError`; the test process surviving is the other half.
@Suite struct ValidationTests {
    /// A one-variable model with a row, to be broken one way at a time.
    static func base() -> (LinearProgram, VariableID) {
        var model = LinearProgram(name: "base")
        let x = model.addVariable(name: "x", upper: 10, objective: 1)
        model.addConstraint(name: "r", terms: [LinearTerm(x, 1)], .lessOrEqual(5))
        return (model, x)
    }

    /// Checks that both `validate()` and `solve` throw `expected`.
    func expectRejected(_ model: LinearProgram, _ expected: LPError,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try model.validate() }
        #expect(throws: expected, sourceLocation: sourceLocation) { try GLPKSolver.solve(model) }
    }

    /// Checks that both `validate()` and `solve` throw an error matching `matches`.
    func expectRejected(_ model: LinearProgram, sourceLocation: SourceLocation = #_sourceLocation,
                        _ matches: @escaping (LPError) -> Bool) {
        #expect(sourceLocation: sourceLocation) { try model.validate() } throws: { matches($0 as! LPError) }
        #expect(sourceLocation: sourceLocation) { try GLPKSolver.solve(model) } throws: { matches($0 as! LPError) }
    }

    @Test func emptyModel() {
        expectRejected(LinearProgram(name: "empty"), .emptyModel)
        #expect(throws: LPError.emptyModel) {
            try GLPKSolver.write(LinearProgram(name: "empty"), format: .freeMPS, to: "/tmp/never-written.mps")
        }
    }

    @Test(arguments: [
        (3.0, 2.0), (.nan, 1.0), (0.0, .nan), (.infinity, .infinity), (-.infinity, -.infinity), (.infinity, 5.0),
    ])
    func invalidVariableBounds(lower: Double, upper: Double) {
        var (model, _) = Self.base()
        model.addVariable(name: "bad", lower: lower, upper: upper)
        expectRejected(model) {
            guard case let .invalidVariableBounds(name, lo, hi) = $0 else { return false }
            return name == "bad" && (lo == lower || lo.isNaN && lower.isNaN) && (hi == upper || hi.isNaN && upper.isNaN)
        }
    }

    @Test func setBoundsCanBreakAVariable() {
        var (model, x) = Self.base()
        model.setBounds(of: x, lower: 4, upper: 3)
        expectRejected(model, .invalidVariableBounds(variable: "x", lower: 4, upper: 3))
    }

    @Test(arguments: [
        (VariableKind.integer, 0.2, 0.8), (.integer, -0.5, -0.1), (.binary, 2.0, 3.0), (.binary, -3.0, -1.0), (.binary, 0.1, 0.9),
    ])
    func integerVariableWithoutIntegerValue(kind: VariableKind, lower: Double, upper: Double) {
        var (model, _) = Self.base()
        model.addVariable(name: "n", lower: lower, upper: upper, kind: kind)
        expectRejected(model, .emptyIntegerRange(variable: "n", lower: lower, upper: upper))
    }

    @Test func integerBoundsAHairOffAnIntegerAreAccepted() throws {
        // 0.9999999999 is taken as 1 (arithmetic noise), so [0.9999999999, 1] holds x = 1.
        var model = LinearProgram(name: "hair", sense: .maximize)
        let n = model.addVariable(name: "n", lower: 0.9999999999, upper: 1.0000000001, kind: .integer, objective: 1)
        let result = try GLPKSolver.solve(model)
        try #require(result.termination.reason == .optimal)
        #expect(result[n].isApproximatelyEqual(to: 1, absoluteTolerance: 1e-12))
    }

    @Test(arguments: [
        ConstraintBounds.ranged(5, 1), .ranged(.nan, 1), .ranged(0, .nan), .lessOrEqual(.nan), .greaterOrEqual(.nan),
        .equal(.nan), .equal(.infinity), .lessOrEqual(-.infinity), .greaterOrEqual(.infinity),
    ])
    func invalidConstraintBounds(bounds: ConstraintBounds) {
        var (model, x) = Self.base()
        model.addConstraint(name: "broken", terms: [LinearTerm(x, 1)], bounds)
        expectRejected(model) {
            guard case let .invalidConstraintBounds(name, _, _) = $0 else { return false }
            return name == "broken"
        }
    }

    @Test func unnamedItemsAreReportedByPosition() {
        var model = LinearProgram()
        model.addVariable(name: "", lower: 1, upper: 0)
        expectRejected(model, .invalidVariableBounds(variable: "#0", lower: 1, upper: 0))
        var rows = LinearProgram()
        let x = rows.addVariable(name: "")
        rows.addConstraint(name: "", terms: [LinearTerm(x, 1)], .ranged(2, 1))
        expectRejected(rows, .invalidConstraintBounds(constraint: "#0", lower: 2, upper: 1))
    }

    @Test func freeRowsAndFreeVariablesAreValid() throws {
        // min x, x a free variable, a free row (−∞, +∞) and the row x ≥ −3: the only limit
        // is −3, so x = −3.
        var model = LinearProgram(name: "free")
        let x = model.addVariable(name: "x", lower: -.infinity, upper: .infinity, objective: 1)
        model.addConstraint(name: "free_row", terms: [LinearTerm(x, 1)], .ranged(-.infinity, .infinity))
        model.addConstraint(name: "floor", terms: [LinearTerm(x, 1)], .greaterOrEqual(-3))
        let result = try GLPKSolver.solve(model)
        try #require(result.termination.reason == .optimal)
        #expect(result[x].isApproximatelyEqual(to: -3, absoluteTolerance: 1e-9))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteCoefficient(value: Double) {
        var (model, x) = Self.base()
        model.addConstraint(name: "row", terms: [LinearTerm(x, value)], .lessOrEqual(1))
        expectRejected(model) {
            guard case let .invalidCoefficient(row, variable, v) = $0 else { return false }
            return row == "row" && variable == "x" && (v == value || v.isNaN && value.isNaN)
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteObjective(value: Double) {
        var (model, x) = Self.base()
        model.setObjective(value, for: x)
        expectRejected(model) {
            guard case let .invalidObjectiveCoefficient(variable, _) = $0 else { return false }
            return variable == "x"
        }
        var constant = Self.base().0
        constant.objectiveConstant = value
        expectRejected(constant) {
            guard case let .invalidObjectiveCoefficient(variable, _) = $0 else { return false }
            return variable == "(constant)"
        }
    }

    @Test(arguments: [2, 7, -1, Int(Int32.max), Int(UInt32.max) + 1, Int(UInt32.max) + 3, Int.max, Int.min])
    func unknownVariableFromAnotherModel(index: Int) {
        // A handle from a bigger model (index ≥ 1 here), or a made-up one, used in a row.
        var (model, x) = Self.base()
        model.addConstraint(name: "foreign", terms: [LinearTerm(x, 1), LinearTerm(VariableID(index), 1)], .lessOrEqual(1))
        expectRejected(model) {
            guard case let .unknownVariable(row, _) = $0 else { return false }
            return row == "foreign"
        }
    }

    @Test func handleFromAnotherModel() {
        var other = LinearProgram(name: "other")
        other.addVariable(name: "a")
        other.addVariable(name: "b")
        let foreign = other.addVariable(name: "c")
        var (model, _) = Self.base()
        model.addConstraint(name: "mixed", terms: [LinearTerm(foreign, 2)], .lessOrEqual(1))
        expectRejected(model, .unknownVariable(constraint: "mixed", index: 2))
    }

    @Test func namesOverTwoHundredFiftyFiveBytes() throws {
        // "Đ" is 2 bytes in UTF-8: 127 of them plus "x" is 255 bytes (accepted by GLPK),
        // 128 of them is 256 bytes (GLPK would abort).
        let fits = String(repeating: "Đ", count: 127) + "x"
        let tooLong = String(repeating: "Đ", count: 128)
        #expect(fits.utf8.count == 255 && tooLong.utf8.count == 256)

        var ok = LinearProgram(name: fits)
        ok.addVariable(name: fits, objective: 1)
        #expect(try GLPKSolver.solve(ok).termination.reason == .optimal)

        var variable = LinearProgram()
        variable.addVariable(name: tooLong)
        expectRejected(variable) { if case .invalidName(tooLong, _) = $0 { true } else { false } }

        var (row, x) = Self.base()
        row.addConstraint(name: String(repeating: "r", count: 256), terms: [LinearTerm(x, 1)], .lessOrEqual(1))
        expectRejected(row) { if case .invalidName = $0 { true } else { false } }

        var problem = Self.base().0
        problem.name = String(repeating: "p", count: 300)
        expectRejected(problem) { if case .invalidName = $0 { true } else { false } }
    }

    @Test(arguments: ["a\nb", "tab\there", "nul\u{0}", "del\u{7F}", "\u{1B}[31m"])
    func controlCharacterInName(name: String) {
        var variable = LinearProgram()
        variable.addVariable(name: name)
        expectRejected(variable) { if case .invalidName(name, _) = $0 { true } else { false } }
        var (row, x) = Self.base()
        row.addConstraint(name: name, terms: [LinearTerm(x, 1)], .lessOrEqual(1))
        expectRejected(row) { if case .invalidName(name, _) = $0 { true } else { false } }
    }

    @Test func vietnameseNamesSolve() throws {
        var model = LinearProgram(name: "Nông thôn mới", sense: .maximize)
        let x = model.addVariable(name: "Xã Đồng Đăng", upper: 2, objective: 3)
        model.addConstraint(name: "Ngân sách tỉnh", terms: [LinearTerm(x, 1)], .lessOrEqual(1.5))
        let result = try GLPKSolver.solve(model)
        try #require(result.termination.reason == .optimal)
        // x ≤ 1.5 binds before x ≤ 2: objective 3 × 1.5 = 4.5.
        #expect(result.objectiveValue!.isApproximatelyEqual(to: 4.5, absoluteTolerance: 1e-9))
    }

    static let invalidOptions: [(String, SolverOptions)] = {
        var cases: [(String, SolverOptions)] = []
        for t in [-1.0, 0, .nan, .infinity, -.infinity] {
            cases.append(("time limit \(t)", SolverOptions(timeLimit: t)))
        }
        for g in [-0.1, .nan, .infinity] {
            cases.append(("gap \(g)", SolverOptions(relativeGap: g)))
        }
        for i in [0, -5] {
            var options = SolverOptions()
            options.iterationLimit = i
            cases.append(("iterations \(i)", options))
        }
        return cases
    }()

    @Test(arguments: invalidOptions.indices)
    func invalidOption(index: Int) {
        let (label, options) = Self.invalidOptions[index]
        #expect(label.isEmpty == false)
        #expect {
            try GLPKSolver.solve(SpecialLPs.wyndor.model, options: options)
        } throws: { error in
            if case .invalidOption = error as? LPError { true } else { false }
        }
    }

    @Test func errorsDescribeThemselves() {
        // Descriptions are ours (not GLPK's text): they name the culprit.
        #expect(LPError.duplicateName("x").description.contains("x"))
        #expect(LPError.unknownVariable(constraint: "r", index: 7).description.contains("7"))
    }
}
