package import CartographModel

/// How a status shows: a marker and a word. Default markers are emoji whose width is 2
/// in every terminal (Emoji_Presentation=Yes, no variation selector needed); the ASCII
/// style uses bracketed words.
package enum StatusStyle: Sendable {
    case emoji
    case ascii

    package func marker(_ health: Health) -> String {
        switch self {
        case .emoji:
            switch health {
            case .healthy: "✅"
            case .degraded: "🟡"
            case .down: "❌"
            case .configured: "🔧"
            case .pending: "⏳"
            case .unverified: "❔"
            case .unknown: "❓"
            }
        case .ascii:
            switch health {
            case .healthy: "(+)"
            case .degraded: "(!)"
            case .down: "(x)"
            case .configured: "(*)"
            case .pending: "(~)"
            case .unverified: "(?)"
            case .unknown: "(?)"
            }
        }
    }

    /// "✅ Healthy", or "(+) Healthy".
    package func label(_ health: Health) -> String { "\(marker(health)) \(health.title)" }

    package func check(_ state: ChecklistItem.State) -> String {
        switch (self, state) {
        case (.emoji, .done): "✅"
        case (.emoji, .pending): "⏳"
        case (.emoji, .failed): "❌"
        case (.emoji, .unknown): "❓"
        case (.ascii, .done): "[x]"
        case (.ascii, .pending): "[ ]"
        case (.ascii, .failed): "[!]"
        case (.ascii, .unknown): "[?]"
        }
    }

    func yesNo(_ value: Bool?) -> String {
        switch (self, value) {
        case (.emoji, true): "✅ Enabled"
        case (.emoji, false): "❌ Disabled"
        case (.ascii, true): "Enabled"
        case (.ascii, false): "Disabled"
        case (_, nil): "Not set"
        case (_, .some): "Not set"
        }
    }
}
