/// A monthly cost that may be a range (autoscaling), an estimate, or partly unknown.
///
/// Unknown parts are counted, never priced at $0: a total with an unknown part says so.
public struct Cost: Sendable, Hashable {
    public var low: Money
    public var high: Money
    /// How many parts of this cost have no known price.
    public var unknownParts: Int
    /// True when any part is an estimate rather than derived from a spec.
    public var isEstimate: Bool

    public init(low: Money, high: Money, unknownParts: Int = 0, isEstimate: Bool = false) {
        self.low = low
        self.high = high
        self.unknownParts = unknownParts
        self.isEstimate = isEstimate
    }

    public static let zero = Cost(low: .zero, high: .zero)
    public static let unknown = Cost(low: .zero, high: .zero, unknownParts: 1)
    public static func exactly(_ money: Money) -> Cost { Cost(low: money, high: money) }
    public static func estimate(_ money: Money) -> Cost { Cost(low: money, high: money, isEstimate: true) }

    public var isRange: Bool { low != high }
    public var isFullyUnknown: Bool { unknownParts > 0 && high == .zero }

    /// Saturates rather than traps, as ``Money`` does (see there for why it never needs to).
    public static func + (a: Cost, b: Cost) -> Cost {
        let (parts, overflow) = a.unknownParts.addingReportingOverflow(b.unknownParts)
        return Cost(
            low: a.low + b.low, high: a.high + b.high, unknownParts: overflow ? Int.max : parts,
            isEstimate: a.isEstimate || b.isEstimate)
    }

    /// "$5", "$5–$20", "unknown", "$27 + unknown" — the amount without qualifiers.
    public var amount: String {
        if isFullyUnknown { return "unknown" }
        let base = isRange ? "\(low)–\(high)" : "\(low)"
        return unknownParts > 0 ? "\(base) + unknown" : base
    }

    /// The amount with "/month" and "(estimated)" where they apply: "$5/month (estimated)".
    public var perMonth: String {
        if isFullyUnknown { return "unknown" }
        let base = isRange ? "\(low)–\(high)" : "\(low)"
        return base + "/month" + (unknownParts > 0 ? " + unknown" : "") + (isEstimate ? " (estimated)" : "")
    }
}

extension Sequence where Element == Cost {
    public func sum() -> Cost { reduce(.zero, +) }
}
