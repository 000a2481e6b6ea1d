/// The text of the files a run read, kept so diagnostics can show the offending line.
package struct SourceCache: Sendable {
    private var files: [String: SourceText] = [:]

    package init() {}

    /// Keeps the text of `file`; a `.md` file is read as a Markdown page (see ``SourceText``).
    package mutating func record(_ text: String, for file: String) {
        files[file] = Self.source(text, for: file)
    }

    /// Keeps a text a reader already holds, so its lines are found and scanned once.
    package mutating func record(_ source: SourceText, for file: String) {
        files[file] = source.isMarkdown == Self.isMarkdown(file) ? source : SourceText(source.text, isMarkdown: Self.isMarkdown(file))
    }

    static func isMarkdown(_ file: String) -> Bool { file.hasSuffix(".md") || file.hasSuffix(".markdown") }

    /// The text of `file` as diagnostics quote it, to keep (``InputCache``) and record later.
    package static func source(_ text: String, for file: String) -> SourceText {
        SourceText(text, isMarkdown: isMarkdown(file))
    }

    package func text(of file: String) -> String? { files[file]?.text }

    /// Line `number` (1-based) of a file, without its line break — or nil when it is not
    /// there, or when it may hold an env value: env values must never be printed, and the
    /// line under a diagnostic would otherwise quote one. Which lines those are is decided
    /// from the bytes, for every file, whether it parsed or not (``EnvValueScanner``).
    package func line(_ number: Int, of file: String) -> Substring? {
        guard let source = files[file], !source.mayHoldEnvValue(line: number) else { return nil }
        return source.line(number)
    }
}
