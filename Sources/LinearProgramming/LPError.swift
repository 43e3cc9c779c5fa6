/// Why a ``LinearProgram`` cannot be handed to the solver, or a file not written.
///
/// These are input errors, kept apart from solver outcomes: an infeasible or unbounded model
/// is a ``SolveResult`` with a ``TerminationReason``, not an error. Every case names the
/// offending variable or constraint, so the caller can map it back to its own data.
public enum LPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model has no variables; GLPK cannot solve it.
    case emptyModel
    /// A variable's lower bound exceeds its upper bound, or a bound is NaN or
    /// points the wrong way (lower = +∞, upper = −∞).
    case invalidVariableBounds(variable: String, lower: Double, upper: Double)
    /// An integer variable has no integer value between its bounds.
    case emptyIntegerRange(variable: String, lower: Double, upper: Double)
    /// A constraint's range is empty or NaN.
    case invalidConstraintBounds(constraint: String, lower: Double, upper: Double)
    /// A matrix coefficient is NaN or infinite.
    case invalidCoefficient(constraint: String, variable: String, value: Double)
    /// An objective coefficient (or the constant) is NaN or infinite.
    case invalidObjectiveCoefficient(variable: String, value: Double)
    /// A finite number whose magnitude is outside ``LinearProgram/representableMagnitudes``
    /// (a non-zero matrix coefficient, an objective coefficient or constant, a finite bound):
    /// GLPK's scaling aborts the process on such numbers (`invalid scale factor`), or its
    /// arithmetic overflows. `place` says where: `constraint c, variable v`, `objective of v`,
    /// `bound of v`, `range of c`.
    case magnitudeOutOfRange(place: String, value: Double)
    /// A constraint refers to a variable that the model does not have.
    case unknownVariable(constraint: String, index: Int)
    /// A name that GLPK would reject (over 255 bytes, control characters) or that its
    /// writers would change (non-ASCII or a character outside letters, digits, `_` and `.`).
    case invalidName(String, reason: String)
    /// Two variables, or two constraints, share a name (the LP/MPS files would be ambiguous).
    case duplicateName(String)
    /// The model is too large for GLPK's 32-bit indices.
    case tooLarge(String)
    /// A requested option is outside its range (e.g. a negative time limit).
    case invalidOption(String)
    /// Writing a model file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyModel: "the model has no variables"
        case let .invalidVariableBounds(v, l, u): "variable \(v): invalid bounds [\(l), \(u)]"
        case let .emptyIntegerRange(v, l, u): "integer variable \(v): no integer value in [\(l), \(u)]"
        case let .invalidConstraintBounds(c, l, u): "constraint \(c): invalid range [\(l), \(u)]"
        case let .invalidCoefficient(c, v, x): "constraint \(c), variable \(v): coefficient \(x) is not finite"
        case let .invalidObjectiveCoefficient(v, x): "objective coefficient of \(v) is \(x), not finite"
        case let .magnitudeOutOfRange(place, x):
            "\(place): \(x) is outside the magnitudes the solver handles (non-zero values from "
                + "\(LinearProgram.representableMagnitudes.lowerBound) to \(LinearProgram.representableMagnitudes.upperBound))"
        case let .unknownVariable(c, i): "constraint \(c) refers to variable #\(i), which does not exist"
        case let .invalidName(n, r): "invalid name \"\(n)\": \(r)"
        case let .duplicateName(n): "the name \"\(n)\" is used twice"
        case let .tooLarge(what): "model too large for GLPK: \(what)"
        case let .invalidOption(what): "invalid solver option: \(what)"
        case let .writeFailed(p, r): "could not write \(p): \(r)"
        }
    }
}

extension LinearProgram {
    /// Checks everything GLPK would abort on (or silently mis-handle) before any GLPK call:
    /// bounds, finiteness, magnitudes (``representableMagnitudes``), indices, names and size.
    ///
    /// - Parameter forExport: also require names that GLPK's CPLEX LP and MPS writers keep
    ///   unchanged, non-empty and unique (needed for a file another solver reads back).
    public func validate(forExport: Bool = false) throws(LPError) {
        if variables.isEmpty { throw .emptyModel }
        if variables.count >= Int(Int32.max) - 1 { throw .tooLarge("\(variables.count) variables") }
        if constraints.count >= Int(Int32.max) - 1 { throw .tooLarge("\(constraints.count) constraints") }
        if matrixValues.count >= Int(Int32.max) - 1 { throw .tooLarge("\(matrixValues.count) non-zeros") }
        if !objectiveConstant.isFinite {
            throw .invalidObjectiveCoefficient(variable: "(constant)", value: objectiveConstant)
        }
        try Self.checkMagnitude(objectiveConstant, tinyAllowed: true, "objective constant")
        try Self.checkName(name, allowEmpty: true, strict: forExport)
        for (j, variable) in variables.enumerated() {
            try Self.checkName(variable.name, allowEmpty: !forExport, strict: forExport)
            // The label is built only for a message (a String per column cost more than all the
            // checks: a commune's pricing LP spent 260k instructions here per session).
            var label: String { displayName(of: VariableID(j)) }
            if variable.lower.isNaN || variable.upper.isNaN || variable.lower == .infinity
                || variable.upper == -.infinity || variable.lower > variable.upper {
                throw .invalidVariableBounds(variable: label, lower: variable.lower, upper: variable.upper)
            }
            if variable.kind != .continuous {
                let (lo, hi) = integerBounds(of: variable)
                if lo > hi { throw .emptyIntegerRange(variable: label, lower: variable.lower, upper: variable.upper) }
            }
            if !variable.objective.isFinite {
                throw .invalidObjectiveCoefficient(variable: label, value: variable.objective)
            }
            try Self.checkMagnitude(variable.objective, tinyAllowed: true, "objective of \(label)")
            try Self.checkMagnitude(variable.lower, tinyAllowed: true, "lower bound of \(label)")
            try Self.checkMagnitude(variable.upper, tinyAllowed: true, "upper bound of \(label)")
        }
        for (i, constraint) in constraints.enumerated() {
            try Self.checkName(constraint.name, allowEmpty: !forExport, strict: forExport)
            let lo = constraint.bounds.lower, hi = constraint.bounds.upper
            if lo.isNaN || hi.isNaN || lo == .infinity || hi == -.infinity || lo > hi {
                throw .invalidConstraintBounds(constraint: displayName(of: ConstraintID(i)), lower: lo, upper: hi)
            }
            try Self.checkMagnitude(lo, tinyAllowed: true, "lower end of \(displayName(of: ConstraintID(i)))")
            try Self.checkMagnitude(hi, tinyAllowed: true, "upper end of \(displayName(of: ConstraintID(i)))")
        }
        for k in matrixValues.indices {
            let column = Int(matrixColumns[k])
            let row = ConstraintID(Int(matrixRows[k]))
            if column < 0 || column >= variables.count {
                throw .unknownVariable(constraint: displayName(of: row), index: column)
            }
            if !matrixValues[k].isFinite {
                throw .invalidCoefficient(constraint: displayName(of: row),
                                          variable: displayName(of: VariableID(column)),
                                          value: matrixValues[k])
            }
            try Self.checkMagnitude(matrixValues[k], tinyAllowed: false,
                                    "constraint \(displayName(of: row)), variable \(displayName(of: VariableID(column)))")
        }
        if forExport {
            var seen = Set<String>(minimumCapacity: variables.count)
            for variable in variables where !seen.insert(variable.name).inserted {
                throw .duplicateName(variable.name)
            }
            seen.removeAll(keepingCapacity: true)
            for constraint in constraints where !seen.insert(constraint.name).inserted {
                throw .duplicateName(constraint.name)
            }
        }
    }

    /// The magnitudes a number handed to GLPK may have: a non-zero matrix coefficient must lie in
    /// this range, and objective coefficients, the objective constant and finite bounds may not
    /// exceed its upper end.
    ///
    /// Measured on GLPK 5.0 (docs/lp-layer.md, "Magnitudes"): `glp_scale_prob` aborts the
    /// process ("invalid scale factor") once a row's or column's coefficients reach about 10¹⁵⁵
    /// or fall to about 10⁻¹⁶⁰ (their geometric mean leaves the double range); 10⁻¹⁵⁰…10¹⁵⁰ never
    /// aborted. The range keeps a factor of 10⁵⁰ from both edges, so products of two numbers in
    /// it stay finite and non-zero. Inside it GLPK runs, but is not always right: a solved plan
    /// is checked against the model (``check(_:tolerances:)``), and the domain layers refuse
    /// inputs far narrower than this.
    public static let representableMagnitudes: ClosedRange<Double> = 1e-100...1e100

    /// Throws ``LPError/magnitudeOutOfRange(place:value:)`` for a finite, non-zero `value` outside
    /// ``representableMagnitudes`` (only above it when `tinyAllowed`).
    static func checkMagnitude(_ value: Double, tinyAllowed: Bool, _ place: @autoclosure () -> String) throws(LPError) {
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude != 0 else { return }
        if magnitude > representableMagnitudes.upperBound || (!tinyAllowed && magnitude < representableMagnitudes.lowerBound) {
            throw .magnitudeOutOfRange(place: place(), value: value)
        }
    }

    /// The name of a variable, or `#index` when it has none.
    public func displayName(of variable: VariableID) -> String {
        let name = variables[variable.index].name
        return name.isEmpty ? "#\(variable.index)" : name
    }

    /// The name of a constraint, or `#index` when it has none.
    public func displayName(of constraint: ConstraintID) -> String {
        let name = constraints[constraint.index].name
        return name.isEmpty ? "#\(constraint.index)" : name
    }

    /// The bounds GLPK gets for an integer/binary variable: rounded inwards, binaries within [0, 1].
    func integerBounds(of variable: Variable) -> (Double, Double) {
        var lo = variable.lower.rounded(.up)
        var hi = variable.upper.rounded(.down)
        // Tolerate bounds a hair off an integer (e.g. 0.9999999999 from arithmetic).
        if abs(variable.lower - variable.lower.rounded()) < 1e-9 { lo = variable.lower.rounded() }
        if abs(variable.upper - variable.upper.rounded()) < 1e-9 { hi = variable.upper.rounded() }
        if variable.kind == .binary { lo = max(lo, 0); hi = min(hi, 1) }
        return (lo, hi)
    }

    /// GLPK: ≤ 255 bytes and no control characters. Strict (export): ASCII letters, digits,
    /// `_` and `.`, not starting with a digit or `.` — the set both writers keep unchanged.
    static func checkName(_ name: String, allowEmpty: Bool, strict: Bool) throws(LPError) {
        if name.isEmpty {
            if allowEmpty { return }
            throw .invalidName(name, reason: "a name is required to write the model to a file")
        }
        let bytes = name.utf8   // a view, not a copy: this runs for every row and column of every model
        if bytes.count > 255 { throw .invalidName(name, reason: "longer than 255 bytes") }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw .invalidName(name, reason: "contains a control character")
        }
        if strict {
            func allowed(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E
            }
            if let bad = bytes.first(where: { !allowed($0) }) {
                throw .invalidName(name, reason: "character \(bad < 0x80 ? String(UnicodeScalar(bad)) : "non-ASCII") would be changed by the LP/MPS writers")
            }
            if let first = bytes.first, (first >= 0x30 && first <= 0x39) || first == 0x2E {
                throw .invalidName(name, reason: "starts with a digit or '.'")
            }
        }
    }
}
