/// A monthly cost that may be a range (autoscaling), an estimate, or partly unknown.
///
/// Unknown parts are counted, never priced at $0: a total with an unknown part says so.
package struct Cost: Sendable, Hashable {
    package var low: Money
    package var high: Money
    /// How many parts of this cost have no known price.
    package var unknownParts: Int
    /// True when any part is an estimate rather than derived from a spec.
    package var isEstimate: Bool

    package init(low: Money, high: Money, unknownParts: Int = 0, isEstimate: Bool = false) {
        self.low = low
        self.high = high
        self.unknownParts = unknownParts
        self.isEstimate = isEstimate
    }

    package static let zero = Cost(low: .zero, high: .zero)
    package static let unknown = Cost(low: .zero, high: .zero, unknownParts: 1)
    package static func exactly(_ money: Money) -> Cost { Cost(low: money, high: money) }
    package static func estimate(_ money: Money) -> Cost { Cost(low: money, high: money, isEstimate: true) }

    package var isRange: Bool { low != high }
    package var isFullyUnknown: Bool { unknownParts > 0 && high == .zero }

    /// Saturates rather than traps, as ``Money`` does (see there for why it never needs to).
    package static func + (a: Cost, b: Cost) -> Cost {
        let (parts, overflow) = a.unknownParts.addingReportingOverflow(b.unknownParts)
        return Cost(
            low: a.low + b.low, high: a.high + b.high, unknownParts: overflow ? Int.max : parts,
            isEstimate: a.isEstimate || b.isEstimate)
    }

    /// "$5", "$5–$20", "unknown", "$27 + unknown" — the amount without qualifiers.
    package var amount: String {
        if isFullyUnknown { return "unknown" }
        let base = isRange ? "\(low)–\(high)" : "\(low)"
        return unknownParts > 0 ? "\(base) + unknown" : base
    }

    /// The amount with "/month" and "(estimated)" where they apply: "$5/month (estimated)".
    package var perMonth: String {
        if isFullyUnknown { return "unknown" }
        let base = isRange ? "\(low)–\(high)" : "\(low)"
        return base + "/month" + (unknownParts > 0 ? " + unknown" : "") + (isEstimate ? " (estimated)" : "")
    }
}

extension Sequence where Element == Cost {
    package func sum() -> Cost { reduce(.zero, +) }
}
