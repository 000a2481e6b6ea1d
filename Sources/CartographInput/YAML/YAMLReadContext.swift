package import CartographModel

/// State shared by every reader walking one document: the file, its text, the diagnostics
/// and the work budget that bounds alias expansion.
package final class YAMLReadContext {
    package let file: String
    package let diagnostics: DiagnosticBag
    /// The document's text: which lines may hold an env value, so messages never repeat one.
    let source: SourceText
    /// Internal for tests, which run the budget out on purpose.
    var nodesLeft = YAMLLoader.Limits.maxNodes
    private var exhausted = false
    /// Whether ``spend(all:)`` may pay for many nodes at once; off in tests that compare
    /// it with paying node by node.
    var spendsInBulk = true
    /// Did-you-mean suggestions for this document, from one bounded budget.
    let spelling = Spelling()
    /// The document's lines, counted once: every location recorded needs it.
    private lazy var lineCount = source.lineCount

    /// - Parameter text: the text the document was parsed from (line numbers must match).
    package convenience init(file: String, diagnostics: DiagnosticBag, text: String) {
        self.init(file: file, diagnostics: diagnostics, source: SourceText(text))
    }

    /// - Parameter source: the text the document was parsed from, shared with whoever
    ///   quotes its lines later, so that its lines are found (and scanned for env values) once.
    init(file: String, diagnostics: DiagnosticBag, source: SourceText) {
        self.file = file
        self.diagnostics = diagnostics
        self.source = source
    }

    /// A context over the same document that reports into another bag.
    package init(sameDocumentAs other: YAMLReadContext, diagnostics: DiagnosticBag) {
        file = other.file
        self.diagnostics = diagnostics
        source = other.source
    }

    /// Where `node` starts. libyaml puts an empty document's null (a file that is only
    /// `---`) on the line after the last when the file has no final line break: such a
    /// mark points at the end of the last line instead.
    func location(of node: YAMLNode) -> SourceLocation { location(at: node.mark) }

    /// Where a node that starts at `mark` starts (see ``location(of:)``).
    func location(at mark: YAMLNode.Mark) -> SourceLocation {
        let line = max(1, mark.line)
        let lines = lineCount
        guard line > lines, lines >= 1 else { return SourceLocation(file: file, line: line, column: max(1, mark.column)) }
        let last = source.line(lines).map { $0.unicodeScalars.count } ?? 0
        return SourceLocation(file: file, line: lines, column: last + 1)
    }

    /// Spends one unit of the budget for visiting `node`; false (with one error) once spent.
    func spend(on node: @autoclosure () -> YAMLNode) -> Bool {
        if nodesLeft > 0 {
            nodesLeft -= 1
            return true
        }
        if !exhausted {
            exhausted = true
            diagnostics.error(
                "document expands to more than \(YAMLLoader.Limits.maxNodes) nodes; refusing to read further",
                at: location(of: node()), hint: "this looks like a YAML alias bomb")
        }
        return false
    }

    /// Spends `count` units at once when at least that many are left, as `count` calls of
    /// ``spend(on:)`` would; false, spending nothing, when fewer are: the caller then spends
    /// node by node, so that the one error is reported at the node where the budget ran out.
    func spend(all count: Int) -> Bool {
        guard spendsInBulk, nodesLeft >= count else { return false }
        nodesLeft -= count
        return true
    }

    var isExhausted: Bool { exhausted }

    /// Whether a message may repeat the text of `node`: not when the node sits on a line that
    /// may hold an env value (``EnvValueScanner``) — an env value written in the wrong place
    /// or the wrong type must not come back in the message about it.
    ///
    /// A scalar is judged by every line it spans, not only the line it starts on: a plain
    /// scalar folded over several lines (a flow mapping left open, say) can start on a
    /// harmless line and carry an env value from a later one. A scalar whose text is not
    /// found whole on its first line (folded, or written with escapes) is never quoted.
    func mayQuote(_ node: YAMLNode) -> Bool {
        let mark = node.mark
        let line = max(1, mark.line)
        guard !source.mayHoldEnvValue(line: line) else { return false }
        guard case .scalar(let scalar) = node else { return true }
        guard let text = source.line(line) else { return false }
        let column = max(1, mark.column)
        let rest = text.unicodeScalars.dropFirst(column - 1)
        return String(String.UnicodeScalarView(rest)).contains(scalar.string)
    }

    /// How a node reads in a message ("the integer 3"), without its text where that may be an
    /// env value ("an integer").
    func describe(_ node: YAMLNode) -> String {
        mayQuote(node) ? node.kindDescription : node.kindDescription(quotingText: false)
    }

    func error(_ message: String, at node: YAMLNode, hint: String? = nil) {
        diagnostics.error(message, at: location(of: node), hint: hint)
    }

    func warning(_ message: String, at node: YAMLNode, hint: String? = nil) {
        diagnostics.warning(message, at: location(of: node), hint: hint)
    }
}

extension YAMLNode {
    /// How a node reads in a message: "a mapping", "a list", "the integer 3", "a string".
    var kindDescription: String { kindDescription(quotingText: true) }

    /// How a node reads in a message; without its text ("an integer") when `quotingText` is false.
    func kindDescription(quotingText: Bool) -> String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            guard scalar.style == .plain else { return "a string" }
            switch scalar.textKind {
            case .null: return "null"
            case .integer: return quotingText ? "the integer \(scalar.string)" : "an integer"
            case .boolean: return quotingText ? "the boolean \(scalar.string)" : "a boolean"
            case .number: return quotingText ? "the number \(scalar.string)" : "a number"
            case .string: return "a string"
            }
        }
    }

    /// Whether the node reads as a string: quoted, or plain text that is no other kind.
    var readsAsString: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.readsAsString
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.tree.isNull(scalar.index)
    }
}

extension YAMLNode.Scalar {
    /// What a plain scalar's text makes it in a message (see ``YAMLNode/kindDescription``).
    enum TextKind {
        case null, integer, boolean, number, string
    }

    static let booleanWords = ["true", "false", "yes", "no", "on", "off"]

    /// Text starting with any other printable ASCII character is no null, number or
    /// boolean: no integer or `Double` starts there (strtod takes a sign, a digit, a point,
    /// `inf` or `nan`), and no boolean word or `null` does. Most text a spec holds starts
    /// there (names, paths, slugs), and is known for a string without parsing it.
    static let mayStartOtherKind: [Bool] = (0..<128).map { byte in
        byte <= 0x20 || "0123456789+-.~iInNtTfFyYoO".utf8.contains(UInt8(byte))
    }

    /// Whether the scalar reads as a string: quoted, or plain text that is no other kind.
    var readsAsString: Bool { style != .plain || textKind == .string }

    var textKind: TextKind {
        if let first = utf8.first, first < 0x80, !Self.mayStartOtherKind[Int(first)] { return .string }
        let string = string
        if string.isEmpty || string == "~" || string == "null" { return .null }
        if Int(string) != nil { return .integer }
        if Self.booleanWords.contains(where: { string.isASCIICaseInsensitively($0) }) { return .boolean }
        if Double(string) != nil { return .number }
        return .string
    }
}

extension String {
    /// `lowercased() == word` for a lowercase ASCII `word`, without making the lowercase
    /// copy when the text is ASCII (only ASCII letters lowercase to ASCII letters there).
    func isASCIICaseInsensitively(_ word: String) -> Bool {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return lowercased() == word }
        return utf8.count == word.utf8.count && zip(utf8, word.utf8).allSatisfy { ($0 | 0x20) == $1 || $0 == $1 }
    }
}
