import Foundation

/// An alert rule as outputs show it, with its operator decided once for every format.
package struct Alert: Sendable, Hashable {
    package enum Operator: Sendable, Hashable {
        case greaterThan, lessThan
        /// An operator the platform may add later, shown as written.
        case other(String)

        package init(_ written: String) {
            switch written {
            case "GREATER_THAN": self = .greaterThan
            case "LESS_THAN": self = .lessThan
            default: self = .other(written)
            }
        }

        /// ">", "<", or the word as written.
        var symbol: String {
            switch self {
            case .greaterThan: ">"
            case .lessThan: "<"
            case .other(let word): word
            }
        }
    }

    package var rule: String
    package var `operator`: Operator?
    package var value: Double?
    /// The window as written ("FIVE_MINUTES").
    package var window: String?
    package var isDisabled: Bool

    /// "> 80" when both are set; the value without the operator means nothing on its own.
    package var threshold: String? {
        guard let `operator`, let value else { return nil }
        return "\(`operator`.symbol) \(Self.number(value))"
    }

    /// "five minutes".
    package var windowWords: String? {
        window.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") }
    }

    /// "80", "0.5".
    package static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    package init(rule: String, `operator`: Operator? = nil, value: Double? = nil, window: String? = nil, isDisabled: Bool) {
        self.rule = rule
        self.`operator` = `operator`
        self.value = value
        self.window = window
        self.isDisabled = isDisabled
    }
}
