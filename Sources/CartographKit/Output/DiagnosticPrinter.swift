package import CartographModel
import CartographRender
import Foundation

/// Formats diagnostics as `path:line:col: error: message`, then the source line and a caret,
/// or as GitHub Actions annotations.
package struct DiagnosticPrinter: Sendable {
    package enum Format: String, Sendable, CaseIterable {
        case text
        case github
        /// One JSON document with every diagnostic (see ``DiagnosticDocument``).
        case json
        /// SARIF 2.1.0, as GitHub code scanning reads it.
        case sarif

        /// Whether the whole run is one document on stdout rather than a line per problem.
        package var isDocument: Bool { self == .json || self == .sarif }
    }

    package var format: Format
    package var color: Bool
    /// The text of each input file by path, for the source line under a diagnostic.
    package var sources: SourceCache
    /// The most diagnostics printed for one file; a closing line counts the rest. A file with
    /// thousands of problems would otherwise bury the first, which is usually the cause.
    var limitPerFile: Int

    package init(format: Format = .text, color: Bool = false, sources: SourceCache, limitPerFile: Int = 50) {
        self.format = format
        self.color = color
        self.sources = sources
        self.limitPerFile = limitPerFile
    }

    package func render(_ diagnostic: Diagnostic) -> String {
        switch format {
        case .text: renderText(diagnostic)
        case .github: renderGitHub(diagnostic)
        case .json, .sarif: DiagnosticDocument(diagnostics: [diagnostic]).render(format)
        }
    }

    /// Renders diagnostics in the order given, at most ``limitPerFile`` per file — errors
    /// before warnings when a file has more (errors are what fail the run) — and then one line
    /// per file that had more, counting what was left out.
    package func render(_ diagnostics: [Diagnostic]) -> String {
        // A document holds every problem: a script reads them all, nobody scrolls.
        if format.isDocument { return DiagnosticDocument(diagnostics: diagnostics).render(format) }
        var counts: [String: (errors: Int, warnings: Int)] = [:]
        var files: [String] = []
        for d in diagnostics {
            if counts[d.location.file] == nil { files.append(d.location.file) }
            if d.severity == .error {
                counts[d.location.file, default: (0, 0)].errors += 1
            } else {
                counts[d.location.file, default: (0, 0)].warnings += 1
            }
        }
        var left: [String: (errors: Int, warnings: Int)] = [:]
        for (file, count) in counts {
            let errors = min(count.errors, max(0, limitPerFile))
            left[file] = (errors, min(count.warnings, max(0, limitPerFile) - errors))
        }
        var shown: [Diagnostic] = []
        for d in diagnostics {
            let file = d.location.file
            if d.severity == .error {
                guard let quota = left[file]?.errors, quota > 0 else { continue }
                left[file]?.errors = quota - 1
            } else {
                guard let quota = left[file]?.warnings, quota > 0 else { continue }
                left[file]?.warnings = quota - 1
            }
            shown.append(d)
        }
        // Thousands of warnings (a legacy size in every spec) each quote a line: on every core,
        // a run of diagnostics in one file at a time, since the first line quoted from a file
        // indexes the file, and a second core would only wait for it.
        // Printing is never cancelled with a build: what is shown is shown whole.
        var runs: [Range<Int>] = []
        for index in shown.indices {
            if let last = runs.last, shown[last.lowerBound].location.file == shown[index].location.file {
                runs[runs.count - 1] = last.lowerBound..<index + 1
            } else {
                runs.append(index..<index + 1)
            }
        }
        let printer = self
        let shownNow = shown
        var out = BuildCancellation.$current.withValue(nil) {
            Parallel.map(runs) { run in shownNow[run].map(printer.render).joined() }
        }.joined()
        for file in files {
            guard let count = counts[file] else { continue }
            let shownErrors = min(count.errors, max(0, limitPerFile))
            let shownWarnings = min(count.warnings, max(0, limitPerFile) - shownErrors)
            let hidden = (errors: count.errors - shownErrors, warnings: count.warnings - shownWarnings)
            guard hidden.errors + hidden.warnings > 0 else { continue }
            out += renderOmitted(file: file, errors: hidden.errors, warnings: hidden.warnings)
        }
        return out
    }

    /// "app.yaml: … and 7950 more errors, 2 more warnings not shown".
    private func renderOmitted(file: String, errors: Int, warnings: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) more \(word)\(n == 1 ? "" : "s")" }
        let parts = [errors > 0 ? plural(errors, "error") : nil, warnings > 0 ? plural(warnings, "warning") : nil]
        let text = "… and \(parts.compactMap { $0 }.joined(separator: ", ")) not shown"
        switch format {
        case .text: return "\(file): \(text)\n"
        case .github: return "::notice file=\(Self.escapeProperty(file))::\(Self.escapeData(text))\n"
        case .json, .sarif: return ""
        }
    }

    /// "2 errors, 1 warning" — the closing line of a run.
    package static func summary(errors: Int, warnings: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    private func renderText(_ d: Diagnostic) -> String {
        let location = d.location
        let label = d.severity.rawValue
        var out = ""
        if color {
            let tint = d.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            out +=
                "\u{1B}[1m\(location):\u{1B}[0m \(tint)\(label):\u{1B}[0m \u{1B}[1m\(d.message)\u{1B}[0m \u{1B}[2m[\(d.code.id)]\u{1B}[0m\n"
        } else {
            out += "\(location): \(label): \(d.message) [\(d.code.id)]\n"
        }
        if let line = sources.line(location.line, of: location.file) {
            let excerpt = Self.excerpt(of: line, around: location.column)
            out += "    \(excerpt.prefix)\(Self.printable(excerpt.text))\(excerpt.suffix)\n"
            out += "    \(excerpt.prefix.isEmpty ? "" : " ")\(Self.caretPadding(excerpt.text, column: excerpt.column))^\n"
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
        message += " [\(d.code.id)]"
        let file = Self.escapeProperty(d.location.file)
        return "::\(kind) file=\(file),line=\(d.location.line),col=\(d.location.column)::\(Self.escapeData(message))\n"
    }

    /// The most characters of a source line printed under a diagnostic.
    static let excerptLength = 160

    /// A long line cut to the part around `column` (minified JSON puts a whole file on one
    /// line), with "…" where it was cut and the column within the part.
    static func excerpt(of line: Substring, around column: Int) -> (text: Substring, column: Int, prefix: String, suffix: String) {
        // Most lines are short: a byte count is cheap, a scalar count is not.
        guard line.utf8.count > excerptLength else { return (line, column, "", "") }
        let scalars = line.unicodeScalars
        let skip = max(0, column - 1 - excerptLength / 3)
        let start = scalars.index(scalars.startIndex, offsetBy: skip, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let end = scalars.index(start, offsetBy: excerptLength, limitedBy: scalars.endIndex) ?? scalars.endIndex
        return (line[start..<end], column - skip, skip > 0 ? "…" : "", end < scalars.endIndex ? "…" : "")
    }

    /// Tabs become one space and control characters are dropped, so the caret lines up.
    static func printable(_ line: Substring) -> String {
        // Most lines are printable ASCII already: kept as they are.
        if isPrintableASCII(line.utf8) { return String(line) }
        return printableByScalars(line)
    }

    /// ``printable(_:)`` for any line, scalar by scalar.
    static func printableByScalars(_ line: Substring) -> String {
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
        // Printable ASCII is one scalar, one column per byte.
        let ascii = line.utf8.prefix(max(0, column - 1))
        if isPrintableASCII(ascii) { return String(repeating: " ", count: ascii.count) }
        return caretPaddingByScalars(line, column: column)
    }

    /// ``caretPadding(_:column:)`` for any line, scalar by scalar.
    static func caretPaddingByScalars(_ line: Substring, column: Int) -> String {
        let prefix = String(String.UnicodeScalarView(line.unicodeScalars.prefix(max(0, column - 1))))
        return String(repeating: " ", count: DisplayWidth.of(printable(Substring(prefix))))
    }

    private static func isPrintableASCII(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
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
