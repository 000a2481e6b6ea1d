/// One problem found in the inputs, located in its file.
package struct Diagnostic: Sendable, Hashable {
    package enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        package static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    package var severity: Severity
    package var message: String
    package var hint: String?
    package var location: SourceLocation
    /// True for a problem in a spec doctl fetched from the account (a live spec): the user
    /// cannot fix it in the repository, so it is counted rather than printed by default.
    package var isAboutLiveSpec = false

    /// The stable code of the problem's kind (`CG012`), from its message.
    package var code: DiagnosticCode { DiagnosticCode.code(for: message) }

    package init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.hint = hint
        self.location = location
    }

    package static func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    package static func warning(_ message: String, at location: SourceLocation, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }
}
