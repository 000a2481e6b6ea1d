package import CartographModel

/// The diagnostics of one run as every command reports them: sorted, counted, printed once.
package struct DiagnosticReport: Sendable {
    /// Sorted by file, line and column, errors kept before warnings where the printer caps a file.
    package var diagnostics: [Diagnostic]
    package var errors: Int
    package var warnings: Int { diagnostics.count - errors }
    package var hasErrors: Bool { errors > 0 }

    package init(_ diagnostics: [Diagnostic]) {
        let bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        self.diagnostics = bag.sorted
        errors = self.diagnostics.count { $0.severity == .error }
    }

    package func render(format: DiagnosticPrinter.Format = .text, color: Bool = false, sources: SourceCache) -> String {
        DiagnosticPrinter(format: format, color: color, sources: sources).render(diagnostics)
    }

    /// Prints the diagnostics where their reader looks: GitHub reads workflow commands
    /// (annotations) from stdout only; people read diagnostics on stderr.
    package func print(
        format: DiagnosticPrinter.Format = .text, color: Bool = false, sources: SourceCache,
        stdout: (String) -> Void, stderr: (String) -> Void
    ) {
        let rendered = render(format: format, color: color, sources: sources)
        if format == .github { stdout(rendered) } else { stderr(rendered) }
    }

    /// "2 errors, 1 warning".
    package var summary: String { DiagnosticPrinter.summary(errors: errors, warnings: warnings) }
}
