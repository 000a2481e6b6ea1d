import Foundation

/// An exact amount of US dollars, in integer cents. Never floating point.
///
/// Arithmetic cannot trap. Every amount read from an input is at most ``maximumInput``
/// ($1,000,000, 10^8 cents, checked where it is read); a component costs at most that times
/// 250 instances (the platform's limit), 2.5 × 10^10 cents; and every term of a sum (a
/// component, an app's estimate, a dev database) takes at least one node of the project's
/// input, which ``InputBudget`` caps at 4 × 10^6 nodes. So no total, baseline or scenario,
/// exceeds 10^17 cents, 1/92 of `Int.max`: 10,000 apps at the maximum with a full spec each
/// fit many times over. Should a future caller break those bounds anyway, the operators
/// saturate at ±``ceiling`` rather than trap, and a saturated amount prints as a huge number,
/// not as a crash.
package struct Money: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    package private(set) var cents: Int

    package init(cents: Int) { self.cents = Self.clamped(cents) }
    package init(dollars: Int) { self = Money(cents: dollars) * 100 }

    package static let zero = Money(cents: 0)
    /// The largest amount an input may state: a price override or an estimated monthly cost.
    package static let maximumInput = Money(cents: 100_000_000)
    /// Where arithmetic saturates: `Int.max`, and its negation (so `abs` never traps).
    static let ceiling = Int.max

    /// Parses "12", "12.5", "12.50" or "$12" exactly (no binary floating point); nil for
    /// anything else, a negative amount, or one too large to hold.
    package init?(parsing text: String) {
        var s = Substring(text.trimmingCharacters(in: [" "]))
        if s.hasPrefix("$") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0 else { return nil }
        let (wholeCents, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        var cents = wholeCents
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCII), let f = Int(fraction), f >= 0 else { return nil }
            let (sum, overflow) = cents.addingReportingOverflow(fraction.count == 1 ? f * 10 : f)
            guard !overflow else { return nil }
            cents = sum
        }
        self.cents = cents
    }

    /// Whether `text` is written as an amount (digits, at most two decimals, an optional
    /// "$"), whatever its size: tells "too large" from "not an amount" in messages.
    package static func isWrittenAsAmount(_ text: String) -> Bool {
        text.trimmingCharacters(in: [" "]).range(of: #"^\$?[0-9]+(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil
    }

    package static func + (lhs: Money, rhs: Money) -> Money {
        let (sum, overflow) = lhs.cents.addingReportingOverflow(rhs.cents)
        return overflow ? Money(cents: rhs.cents > 0 ? ceiling : -ceiling) : Money(cents: sum)
    }

    package static func - (lhs: Money, rhs: Money) -> Money {
        let (difference, overflow) = lhs.cents.subtractingReportingOverflow(rhs.cents)
        return overflow ? Money(cents: rhs.cents < 0 ? ceiling : -ceiling) : Money(cents: difference)
    }

    package static func * (lhs: Money, rhs: Int) -> Money {
        let (product, overflow) = lhs.cents.multipliedReportingOverflow(by: rhs)
        return overflow ? Money(cents: (lhs.cents < 0) == (rhs < 0) ? ceiling : -ceiling) : Money(cents: product)
    }

    package static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    /// Keeps `Int.min` out, so negating or taking `abs` of an amount never traps.
    private static func clamped(_ cents: Int) -> Int { max(cents, -ceiling) }

    /// "$5", "$12.50": whole dollars print without cents.
    package var description: String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        let dollars = value / 100
        let rest = value % 100
        let grouped = Money.group(dollars)
        return rest == 0 ? "\(sign)$\(grouped)" : "\(sign)$\(grouped).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// A plain decimal for machine output: "5.00".
    package var decimal: String {
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
