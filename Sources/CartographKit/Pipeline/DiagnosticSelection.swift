/// Which diagnostics a run prints and what fails it: `--quiet`, `--verbose`,
/// `--warnings-as-errors`. The config's `ignore:` rules are applied beside these.
package struct DiagnosticSelection: Sendable, Hashable {
    /// Errors only: no warnings, no closing summary when the run passes.
    package var quiet: Bool
    /// Also the warnings about live specs (doctl), which are otherwise only counted.
    package var verbose: Bool
    /// A warning fails the run as an error does (strict CI).
    package var warningsAsErrors: Bool

    package init(quiet: Bool = false, verbose: Bool = false, warningsAsErrors: Bool = false) {
        self.quiet = quiet
        self.verbose = verbose
        self.warningsAsErrors = warningsAsErrors
    }
}
