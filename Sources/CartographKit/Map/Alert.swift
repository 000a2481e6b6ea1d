import Foundation

/// An alert rule as outputs show it, with its operator decided once for every format.
public struct Alert: Sendable, Hashable {
    public enum Operator: Sendable, Hashable {
        case greaterThan, lessThan
        /// An operator the platform may add later, shown as written.
        case other(String)

        public init(_ written: String) {
            switch written {
            case "GREATER_THAN": self = .greaterThan
            case "LESS_THAN": self = .lessThan
            default: self = .other(written)
            }
        }

        /// ">", "<", or the word as written.
        public var symbol: String {
            switch self {
            case .greaterThan: ">"
            case .lessThan: "<"
            case .other(let word): word
            }
        }
    }

    public var rule: String
    public var `operator`: Operator?
    public var value: Double?
    /// The window as written ("FIVE_MINUTES").
    public var window: String?
    public var isDisabled: Bool

    /// "> 80" when both are set; the value without the operator means nothing on its own.
    public var threshold: String? {
        guard let `operator`, let value else { return nil }
        return "\(`operator`.symbol) \(Self.number(value))"
    }

    /// "five minutes".
    public var windowWords: String? {
        window.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") }
    }

    /// "80", "0.5".
    public static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
