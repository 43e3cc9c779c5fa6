/// The magnitudes a scenario's numbers may have, by what they measure (docs/model.md,
/// "Numerical ranges").
///
/// Zero is always allowed where the field allows it (it switches a rule off, or leaves a
/// source empty); a non-zero number must lie in `limits`. The limits come from measuring
/// what GLPK solves faithfully on this model (docs/model.md): outside them the LP's
/// coefficients span more than GLPK's double-precision simplex resolves (its tolerances are
/// 10⁻⁷ relative), and it returned wrong "optimal" plans or aborted the process. A tiny share
/// such as 10⁻⁵⁰ is refused here rather than read as 0, so that the user decides what was meant.
public enum NumericRange: String, Sendable, CaseIterable {
    /// Million VND: work costs and benefits, budgets, capacities (column values), commune caps.
    case money
    /// A share or fraction in [0, 1]: max_share, max_state_share, min_community_share,
    /// priority_share_min, commune_floor.
    case share
    /// counterpart_ratio (local money per unit of central money).
    case ratio
    /// A source's penalty κ per million VND used.
    case penalty
    /// Weights, multipliers, bonuses, and a local source's unit value.
    case factor

    /// The allowed magnitudes of a non-zero value.
    public var limits: ClosedRange<Double> {
        switch self {
        case .money: 1e-3...1e10
        case .share: 1e-6...1
        case .ratio: 1e-6...1e6
        case .penalty: 1e-6...1e3
        case .factor: 1e-6...1e6
        }
    }

    /// What the numbers of this range are, for messages.
    var noun: String {
        switch self {
        case .money: "an amount of money (million VND)"
        case .share: "a share"
        case .ratio: "a ratio"
        case .penalty: "a penalty per million VND"
        case .factor: "a weight or multiplier"
        }
    }

    /// The problem with `value` (message and hint), or nil when it is zero or within limits.
    /// Signs and the upper end of a share are checked elsewhere; this checks magnitude only.
    func problem(with value: Double, written raw: String, zeroAllowed: Bool = true) -> (message: String, hint: String)? {
        let magnitude = abs(value)
        guard magnitude != 0, magnitude.isFinite, !limits.contains(magnitude) else { return nil }
        let low = Self.format(limits.lowerBound), high = Self.format(limits.upperBound)
        if magnitude < limits.lowerBound {
            return ("\(raw) is too small for \(noun): the solver cannot represent it faithfully",
                    zeroAllowed ? "use 0 or a value from \(low) to \(high)" : "use a value from \(low) to \(high)")
        }
        return ("\(raw) is too large for \(noun): the solver cannot represent it faithfully",
                "use a value from \(low) to \(high)")
    }

    /// `1e-06`-style text for a power of ten, plain digits otherwise.
    static func format(_ value: Double) -> String {
        if value >= 1, value < 1e6, value == value.rounded() { return String(Int(value)) }
        let exponent = Int(value.magnitude.log10Rounded)
        return "1e\(exponent)"
    }
}

private extension Double {
    /// log₁₀ of a power of ten, rounded (the limits above are powers of ten).
    var log10Rounded: Double {
        var exponent = 0.0
        var v = self
        while v >= 10 { v /= 10; exponent += 1 }
        while v < 1 { v *= 10; exponent -= 1 }
        return exponent
    }
}
