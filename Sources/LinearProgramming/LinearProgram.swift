/// A handle to one variable (column) of a ``LinearProgram``: its 0-based position.
public struct VariableID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 0-based position of the variable in ``LinearProgram/variables``.
    public let index: Int
    /// Wraps a 0-based position (normally obtained from ``LinearProgram/addVariable(name:lower:upper:kind:objective:)``).
    public init(_ index: Int) { self.index = index }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
    public var description: String { "var#\(index)" }
}

/// A handle to one linear constraint (row) of a ``LinearProgram``: its 0-based position.
public struct ConstraintID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 0-based position of the constraint in ``LinearProgram/constraints``.
    public let index: Int
    /// Wraps a 0-based position (normally obtained from ``LinearProgram/addConstraint(name:terms:_:)``).
    public init(_ index: Int) { self.index = index }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
    public var description: String { "row#\(index)" }
}

/// Whether a variable is continuous, general integer, or 0/1.
public enum VariableKind: String, Sendable, Hashable {
    case continuous
    case integer
    /// A 0/1 variable; its bounds are intersected with [0, 1].
    case binary
}

/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Hashable {
    case minimize
    case maximize
}

/// The feasible range of a constraint's activity `Σ a_j x_j`.
public enum ConstraintBounds: Sendable, Hashable {
    /// activity ≤ value
    case lessOrEqual(Double)
    /// activity ≥ value
    case greaterOrEqual(Double)
    /// activity = value
    case equal(Double)
    /// lower ≤ activity ≤ upper
    case ranged(Double, Double)

    /// Lower end of the range (−∞ when there is none).
    public var lower: Double {
        switch self {
        case .lessOrEqual: -.infinity
        case .greaterOrEqual(let v), .equal(let v), .ranged(let v, _): v
        }
    }

    /// Upper end of the range (+∞ when there is none).
    public var upper: Double {
        switch self {
        case .greaterOrEqual: .infinity
        case .lessOrEqual(let v), .equal(let v), .ranged(_, let v): v
        }
    }
}

/// One term `coefficient × variable` of a linear expression.
public struct LinearTerm: Sendable, Hashable {
    public var variable: VariableID
    public var coefficient: Double
    public init(_ variable: VariableID, _ coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// A decision variable: its name, bounds, kind and objective coefficient.
public struct Variable: Sendable, Hashable {
    /// Name handed to GLPK and to the LP/MPS writers (see ``LinearProgram`` for the rules).
    public var name: String
    public var lower: Double
    public var upper: Double
    public var kind: VariableKind
    /// Coefficient of this variable in the objective.
    public var objective: Double
}

/// A linear constraint: its name and the range of its activity. Its coefficients are
/// stored in the program's sparse matrix.
public struct Constraint: Sendable, Hashable {
    public var name: String
    public var bounds: ConstraintBounds
}

/// A linear or mixed-integer program built in Swift, independent of any solver.
///
/// The model is a plain value (`Sendable`), so it can be built on one thread and solved on
/// another; only ``GLPKSolver`` turns it into a GLPK problem, for the length of one call.
///
/// Names are what GLPK and its file writers see. Keep them ASCII (letters, digits, `_`, `.`),
/// at most 255 bytes, not starting with a digit or `.`, so that the CPLEX LP and MPS
/// writers keep them exactly as they are; display names belong to the caller.
/// ``validate(forExport:)`` checks this.
///
/// The constraint matrix is stored as coordinate triplets, merged per row (a variable
/// appearing twice in one constraint gets the sum of its coefficients, zeros are dropped),
/// which is the form `glp_load_matrix` takes in one pass.
public struct LinearProgram: Sendable {
    /// Optional name of the whole problem.
    public var name: String
    /// Direction of the objective.
    public var sense: ObjectiveSense
    /// Constant added to the objective value.
    public var objectiveConstant: Double = 0
    /// The variables (columns), in the order they were added.
    public private(set) var variables: [Variable] = []
    /// The constraints (rows), in the order they were added.
    public private(set) var constraints: [Constraint] = []

    // Sparse matrix as triplets (0-based row, 0-based column, value).
    @usableFromInline internal private(set) var matrixRows: [Int32] = []
    @usableFromInline internal private(set) var matrixColumns: [Int32] = []
    @usableFromInline internal private(set) var matrixValues: [Double] = []

    /// Creates an empty program.
    public init(name: String = "", sense: ObjectiveSense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// Number of variables (columns).
    public var variableCount: Int { variables.count }
    /// Number of constraints (rows).
    public var constraintCount: Int { constraints.count }
    /// Number of stored non-zero constraint coefficients.
    public var nonZeroCount: Int { matrixValues.count }
    /// Whether any variable is integer or binary.
    public var isMixedInteger: Bool { variables.contains { $0.kind != .continuous } }

    /// Reserves storage, for callers that know the model's size in advance.
    public mutating func reserveCapacity(variables: Int, constraints: Int, nonZeros: Int) {
        self.variables.reserveCapacity(variables)
        self.constraints.reserveCapacity(constraints)
        matrixRows.reserveCapacity(nonZeros)
        matrixColumns.reserveCapacity(nonZeros)
        matrixValues.reserveCapacity(nonZeros)
    }

    /// Adds a variable with bounds `lower ≤ x ≤ upper` (either may be infinite) and returns its handle.
    @discardableResult
    public mutating func addVariable(
        name: String,
        lower: Double = 0,
        upper: Double = .infinity,
        kind: VariableKind = .continuous,
        objective: Double = 0
    ) -> VariableID {
        let id = VariableID(variables.count)
        variables.append(Variable(name: name, lower: lower, upper: upper, kind: kind, objective: objective))
        return id
    }

    /// Removes the variables at `indices` and their coefficients; the others keep their order and
    /// are renumbered (a variable after k removed ones moves k places down). Indices out of range
    /// are ignored.
    public mutating func removeVariables(_ indices: Set<Int>) {
        guard !indices.isEmpty else { return }
        var newIndex = [Int32](repeating: -1, count: variables.count)
        var kept: [Variable] = []
        kept.reserveCapacity(variables.count)
        for (j, variable) in variables.enumerated() where !indices.contains(j) {
            newIndex[j] = Int32(kept.count)
            kept.append(variable)
        }
        variables = kept
        var k = 0
        for e in matrixValues.indices {
            let j = newIndex[Int(matrixColumns[e])]
            guard j >= 0 else { continue }
            matrixRows[k] = matrixRows[e]
            matrixColumns[k] = j
            matrixValues[k] = matrixValues[e]
            k += 1
        }
        matrixRows.removeLast(matrixRows.count - k)
        matrixColumns.removeLast(matrixColumns.count - k)
        matrixValues.removeLast(matrixValues.count - k)
    }

    /// Sets the objective coefficient of a variable.
    public mutating func setObjective(_ coefficient: Double, for variable: VariableID) {
        variables[variable.index].objective = coefficient
    }

    /// Sets several objective coefficients (indices checked by the caller).
    mutating func setObjective(_ changes: [(variable: VariableID, coefficient: Double)]) {
        for (variable, coefficient) in changes { variables[variable.index].objective = coefficient }
    }

    /// Changes the bounds of a variable.
    public mutating func setBounds(of variable: VariableID, lower: Double, upper: Double) {
        variables[variable.index].lower = lower
        variables[variable.index].upper = upper
    }

    /// Changes the kind of a variable (for example to fix a MIP's integers and re-solve the LP).
    public mutating func setKind(_ kind: VariableKind, for variable: VariableID) {
        variables[variable.index].kind = kind
    }

    /// Changes the bounds of a constraint (for example a budget's right-hand side).
    public mutating func setBounds(of constraint: ConstraintID, _ bounds: ConstraintBounds) {
        constraints[constraint.index].bounds = bounds
    }

    /// Adds the constraint `bounds.lower ≤ Σ terms ≤ bounds.upper` and returns its handle.
    ///
    /// Repeated variables are merged by summing their coefficients; zero coefficients are
    /// dropped (GLPK would drop them too). Variables are checked by ``validate(forExport:)``.
    @discardableResult
    public mutating func addConstraint(name: String, terms: [LinearTerm], _ bounds: ConstraintBounds) -> ConstraintID {
        let row = Int32(truncatingIfNeeded: constraints.count)
        constraints.append(Constraint(name: name, bounds: bounds))
        if terms.count <= 1 || Self.isStrictlyIncreasing(terms) {
            for term in terms where term.coefficient != 0 {
                appendEntry(row: row, term: term)
            }
            return ConstraintID(Int(row))
        }
        let sorted = terms.sorted { $0.variable.index < $1.variable.index }
        var current = sorted[0]
        for term in sorted.dropFirst() {
            if term.variable == current.variable {
                current.coefficient += term.coefficient
            } else {
                if current.coefficient != 0 { appendEntry(row: row, term: current) }
                current = term
            }
        }
        if current.coefficient != 0 { appendEntry(row: row, term: current) }
        return ConstraintID(Int(row))
    }

    private static func isStrictlyIncreasing(_ terms: [LinearTerm]) -> Bool {
        var previous = terms[0].variable.index
        for term in terms.dropFirst() {
            if term.variable.index <= previous { return false }
            previous = term.variable.index
        }
        return true
    }

    mutating func appendEntry(row: Int32, term: LinearTerm) {
        matrixRows.append(row)
        // Clamp, never truncate: a handle beyond Int32 (from another model, or made up) must
        // stay out of range so that validate() rejects it. Truncating 2^32 gave column 0,
        // silently the wrong variable, or a duplicate (i, j) on which glp_load_matrix aborts.
        matrixColumns.append(Int32(clamping: term.variable.index))
        matrixValues.append(term.coefficient)
    }

    /// The non-zero coefficients of one constraint, in increasing variable order when they were
    /// merged, else in insertion order. Linear in the number of non-zeros: for inspection and tests.
    public func terms(of constraint: ConstraintID) -> [LinearTerm] {
        var result: [LinearTerm] = []
        for k in matrixValues.indices where matrixRows[k] == Int32(constraint.index) {
            result.append(LinearTerm(VariableID(Int(matrixColumns[k])), matrixValues[k]))
        }
        return result
    }

    /// Evaluates the activity of every constraint at a point `x` (one value per variable).
    public func activities(at x: [Double]) -> [Double] {
        precondition(x.count == variables.count, "one value per variable expected")
        var result = [Double](repeating: 0, count: constraints.count)
        for k in matrixValues.indices {
            result[Int(matrixRows[k])] += matrixValues[k] * x[Int(matrixColumns[k])]
        }
        return result
    }

    /// Evaluates the objective (with its constant) at a point `x`.
    public func objectiveValue(at x: [Double]) -> Double {
        precondition(x.count == variables.count, "one value per variable expected")
        var total = objectiveConstant
        for (variable, value) in zip(variables, x) { total += variable.objective * value }
        return total
    }
}
