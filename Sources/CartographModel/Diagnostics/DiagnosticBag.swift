/// Collects diagnostics across every input of a run, so one run reports every problem.
///
/// A reference type because loaders deep in a decode tree append to the same bag;
/// it is confined to one task at a time (loading is synchronous).
package final class DiagnosticBag: @unchecked Sendable {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    package func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    package func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        append(.error(message, at: location, hint: hint))
    }

    package func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        append(.warning(message, at: location, hint: hint))
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    package var errorCount: Int { diagnostics.count { $0.severity == .error } }
    package var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Diagnostics in file, line, column order, duplicates removed: the order they print in.
    package var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.severity == .error ? 0 : 1) < ($1.location, $1.severity == .error ? 0 : 1) }
    }
}
