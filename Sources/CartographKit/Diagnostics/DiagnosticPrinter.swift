import Foundation

/// Formats diagnostics as `path:line:col: error: message`, then the source line and a caret,
/// or as GitHub Actions annotations.
public struct DiagnosticPrinter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case github
    }

    public var format: Format
    public var color: Bool
    /// The text of each input file by path, for the source line under a diagnostic.
    public var sources: SourceCache

    public init(format: Format = .text, color: Bool = false, sources: SourceCache) {
        self.format = format
        self.color = color
        self.sources = sources
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        switch format {
        case .text: renderText(diagnostic)
        case .github: renderGitHub(diagnostic)
        }
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    /// "2 errors, 1 warning" — the closing line of a run.
    public static func summary(errors: Int, warnings: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    private func renderText(_ d: Diagnostic) -> String {
        let location = d.location
        let label = d.severity.rawValue
        var out = ""
        if color {
            let tint = d.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            out += "\u{1B}[1m\(location):\u{1B}[0m \(tint)\(label):\u{1B}[0m \u{1B}[1m\(d.message)\u{1B}[0m\n"
        } else {
            out += "\(location): \(label): \(d.message)\n"
        }
        if let line = sources.line(location.line, of: location.file) {
            let shown = Self.printable(line)
            out += "    \(shown)\n"
            out += "    \(Self.caretPadding(line, column: location.column))^\n"
        }
        if let hint = d.hint {
            out += color ? "    \u{1B}[36mhint:\u{1B}[0m \(hint)\n" : "    hint: \(hint)\n"
        }
        return out
    }

    private func renderGitHub(_ d: Diagnostic) -> String {
        let kind = d.severity == .error ? "error" : "warning"
        var message = d.message
        if let hint = d.hint { message += " (hint: \(hint))" }
        let file = Self.escapeProperty(d.location.file)
        return "::\(kind) file=\(file),line=\(d.location.line),col=\(d.location.column)::\(Self.escapeData(message))\n"
    }

    /// Tabs become one space and control characters are dropped, so the caret lines up.
    static func printable(_ line: Substring) -> String {
        String(
            String.UnicodeScalarView(
                line.unicodeScalars.compactMap { scalar in
                    if scalar == "\t" { return " " }
                    if scalar.value < 0x20 || scalar.value == 0x7F { return nil }
                    return scalar
                }))
    }

    /// Spaces up to the column (counted in Unicode scalars, as libyaml counts), widened for
    /// wide characters so the caret sits under the right character in a terminal.
    static func caretPadding(_ line: Substring, column: Int) -> String {
        let prefix = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, column - 1))))
        return String(repeating: " ", count: DisplayWidth.of(printable(Substring(prefix))))
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
