import LinearProgramming
import TestSupport

/// The ways an LP is solved in these tests.
enum LPConfig: String, CaseIterable, Sendable {
    case primal, dual, primalPresolve, dualPresolve, primalDantzig, interior

    var options: SolverOptions {
        switch self {
        case .primal: SolverOptions(method: .primalSimplex)
        case .dual: SolverOptions(method: .dualSimplex)
        case .primalPresolve: SolverOptions(method: .primalSimplex, presolve: true)
        case .dualPresolve: SolverOptions(method: .dualSimplex, presolve: true)
        case .primalDantzig: { var o = SolverOptions(method: .primalSimplex); o.pricing = .dantzig; return o }()
        case .interior: SolverOptions(method: .interiorPoint)
        }
    }

    /// Interior point gives no basis: only objective and primal values are checked.
    var hasBasis: Bool { self != .interior }

    /// Interior point's solution is accurate to its own tolerance, not to the last bit.
    var tolerance: Double { self == .interior ? 1e-5 : 1e-9 }
}
