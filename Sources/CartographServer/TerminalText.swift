import CartographKit
import CartographModel

/// The diagnostics of a build as the terminal shows them, printed when first asked for.
final class TerminalText: Sendable {
    private let printer: DiagnosticPrinter?
    private let diagnostics: [Diagnostic]
    private let printed: Locked<String?>

    init(printer: DiagnosticPrinter, diagnostics: [Diagnostic]) {
        self.printer = printer
        self.diagnostics = diagnostics
        printed = Locked(nil)
    }

    /// Text already printed.
    init(_ text: String) {
        printer = nil
        diagnostics = []
        printed = Locked(text)
    }

    var text: String {
        printed.withLock { printed in
            if let printed { return printed }
            let text = printer?.render(diagnostics) ?? ""
            printed = text
            return text
        }
    }
}
