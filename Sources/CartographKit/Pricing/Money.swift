import Foundation

/// An exact amount of US dollars, in integer cents. Never floating point.
public struct Money: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    public var cents: Int

    public init(cents: Int) { self.cents = cents }
    public init(dollars: Int) { self.cents = dollars * 100 }

    public static let zero = Money(cents: 0)

    /// Parses "12", "12.5", "12.50" or "$12" exactly (no binary floating point).
    public init?(parsing text: String) {
        var s = Substring(text.trimmingCharacters(in: [" "]))
        if s.hasPrefix("$") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0 else { return nil }
        var cents = whole * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCII), let f = Int(fraction) else { return nil }
            cents += fraction.count == 1 ? f * 10 : f
        }
        self.cents = cents
    }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(cents: lhs.cents * rhs) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// "$5", "$12.50": whole dollars print without cents.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        let dollars = value / 100
        let rest = value % 100
        let grouped = Money.group(dollars)
        return rest == 0 ? "\(sign)$\(grouped)" : "\(sign)$\(grouped).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// A plain decimal for machine output: "5.00".
    public var decimal: String {
        let value = abs(cents)
        return "\(cents < 0 ? "-" : "")\(value / 100).\(value % 100 < 10 ? "0" : "")\(value % 100)"
    }

    private static func group(_ n: Int) -> String {
        let digits = String(n)
        guard digits.count > 3 else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
