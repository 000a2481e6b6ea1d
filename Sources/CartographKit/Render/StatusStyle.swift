/// How a status shows: a marker and a word. Default markers are emoji whose width is 2
/// in every terminal (Emoji_Presentation=Yes, no variation selector needed); the ASCII
/// style uses bracketed words.
public enum StatusStyle: Sendable {
    case emoji
    case ascii

    public func marker(_ health: Health) -> String {
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
    public func label(_ health: Health) -> String { "\(marker(health)) \(health.title)" }

    public func check(_ state: ChecklistItem.State) -> String {
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

    public func yesNo(_ value: Bool?) -> String {
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
