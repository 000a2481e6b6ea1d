public import Yams

/// State shared by every reader walking one document: the file, the diagnostics and the
/// work budget that bounds alias expansion.
public final class YAMLReadContext {
    public let file: String
    public let diagnostics: DiagnosticBag
    private var nodesLeft = YAMLLoader.Limits.maxNodes
    private var exhausted = false
    /// Did-you-mean suggestions for this document, from one bounded budget.
    let spelling = Spelling()

    public init(file: String, diagnostics: DiagnosticBag) {
        self.file = file
        self.diagnostics = diagnostics
    }

    public func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .start(of: file) }
        return SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
    }

    /// Spends one unit of the budget for visiting `node`; false (with one error) once spent.
    func spend(on node: Node) -> Bool {
        if nodesLeft > 0 {
            nodesLeft -= 1
            return true
        }
        if !exhausted {
            exhausted = true
            diagnostics.error(
                "document expands to more than \(YAMLLoader.Limits.maxNodes) nodes; refusing to read further",
                at: location(of: node), hint: "this looks like a YAML alias bomb")
        }
        return false
    }

    public var isExhausted: Bool { exhausted }

    public func error(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.error(message, at: location(of: node), hint: hint)
    }

    public func warning(_ message: String, at node: Node, hint: String? = nil) {
        diagnostics.warning(message, at: location(of: node), hint: hint)
    }
}

extension Node {
    /// How a node reads in a message: "a mapping", "a list", "the integer 3", "the string "two"".
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if scalar.style == .plain {
                if scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "null" }
                if Int(scalar.string) != nil { return "the integer \(scalar.string)" }
                if ["true", "false", "yes", "no", "on", "off"].contains(scalar.string.lowercased()) {
                    return "the boolean \(scalar.string)"
                }
                if Double(scalar.string) != nil { return "the number \(scalar.string)" }
            }
            return "a string"
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string.lowercased() == "null"
    }
}
