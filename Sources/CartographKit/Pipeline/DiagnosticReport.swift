package import CartographInput
package import CartographModel

/// The diagnostics of one run as every command reports them: sorted, counted, printed once.
package struct DiagnosticReport: Sendable {
    /// What is printed: sorted by file, line and column, errors kept before warnings where
    /// the printer caps a file.
    package var diagnostics: [Diagnostic]
    package var errors: Int
    /// Every warning not acknowledged in `ignore:`, printed or not.
    package var warnings: Int
    /// Warnings about live specs (doctl) counted but not printed (without `--verbose`).
    var hiddenLiveSpecWarnings: Int
    package var selection: DiagnosticSelection
    package var hasErrors: Bool { errors > 0 }
    /// Whether the diagnostics fail the run: an error, or with `--warnings-as-errors` a warning.
    package var fails: Bool { errors > 0 || (selection.warningsAsErrors && warnings > 0) }

    package init(_ diagnostics: [Diagnostic], selection: DiagnosticSelection = DiagnosticSelection(), ignore: [Config.IgnoreRule] = []) {
        let bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        let kept = bag.sorted.filter { d in !ignore.contains { $0.silences(d) } }
        errors = kept.count { $0.severity == .error }
        warnings = kept.count - errors
        self.selection = selection
        let hidden = selection.verbose ? 0 : kept.count { $0.severity == .warning && $0.isAboutLiveSpec }
        hiddenLiveSpecWarnings = selection.quiet ? 0 : hidden
        self.diagnostics = kept.filter { d in
            d.severity == .error || !(selection.quiet || (d.isAboutLiveSpec && !selection.verbose))
        }
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
        print(render(format: format, color: color, sources: sources), format: format, stdout: stdout, stderr: stderr)
    }

    /// Prints what ``render(format:color:sources:)`` made.
    package func print(_ rendered: String, format: DiagnosticPrinter.Format, stdout: (String) -> Void, stderr: (String) -> Void) {
        if format == .text { stderr(rendered) } else { stdout(rendered) }
    }

    /// "2 errors, 1 warning", and how many warnings were counted without being printed.
    package var summary: String {
        var text = DiagnosticPrinter.summary(errors: errors, warnings: warnings)
        if hiddenLiveSpecWarnings > 0 {
            text += " (\(hiddenLiveSpecWarnings) about live specs from doctl not shown; --verbose shows them)"
        }
        if selection.warningsAsErrors, warnings > 0 { text += "; warnings fail the run (--warnings-as-errors)" }
        return text
    }

    /// The document formats (JSON, SARIF) with what was found, stale outputs included.
    package func document(stale: [CheckCommand.StaleOutput] = []) -> DiagnosticDocument {
        DiagnosticDocument(diagnostics: diagnostics, stale: stale, hiddenWarnings: hiddenLiveSpecWarnings)
    }
}
