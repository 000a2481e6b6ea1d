package import CartographModel

/// A piece of a value as the map shows it: words with a little structure (code, a strong
/// figure, a link, a status). Format-neutral: the Markdown map, the site and the JSON dump
/// each write a run of spans their own way (``MarkdownEscape/inline(_:style:)``,
/// ``HTMLEscape/inline(_:style:)``, ``Span/plainText(_:)``), and markers follow the view's
/// ``StatusStyle``.
package enum Span: Sendable, Hashable {
    /// Words; a `backquoted` part is code, as the status file and the config write it.
    case text(String)
    /// Code: a path, a repository, a route.
    case code(String)
    /// Words that stand out: a cost figure.
    case strong(String)
    /// A URL: a link where it is http(s), else words.
    case link(String)
    /// A status word with its marker, then the note in parentheses: "✅ Healthy (note)".
    case status(Health, note: String?)
    /// Whether something is on: "✅ Enabled", "❌ Disabled", "Not set".
    case toggle(Bool?)

    /// The words of `spans` without markup or markers: "Healthy (note)", "/health (30s period)".
    package static func plainText(_ spans: [Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let text), .code(let text), .strong(let text), .link(let text): text
            case .status(let health, let note): health.title + (note.map { " (\($0))" } ?? "")
            case .toggle(let on): StatusStyle.ascii.yesNo(on)
            }
        }.joined()
    }
}
