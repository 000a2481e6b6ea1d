package import CartographModel

/// One input file as a reader left it: what it made of the file, the text diagnostics quote,
/// and the diagnostics, kept together so that ``InputCache`` can hand back all three.
struct Parsed<Value: Sendable>: Sendable {
    var value: Value
    var source: SourceText
    var diagnostics: [Diagnostic]

    /// Runs a reader of the file at `path` with diagnostics of its own.
    static func reading(_ path: String, _ read: (DiagnosticBag) -> (Value, String)) -> Parsed {
        let bag = DiagnosticBag()
        let (value, text) = read(bag)
        return Parsed(value: value, source: SourceCache.source(text, for: path), diagnostics: bag.diagnostics)
    }

    /// Runs a reader that hands back the text as it saw it.
    static func reading(_ path: String, _ read: (DiagnosticBag) -> (Value, SourceText)) -> Parsed {
        let bag = DiagnosticBag()
        let (value, source) = read(bag)
        return Parsed(value: value, source: source, diagnostics: bag.diagnostics)
    }
}

/// A status file read: YAML status, or doctl output with the live specs it carries.
struct StatusRead: Sendable {
    var status: Status
    /// The live specs of doctl output; nil for a YAML status file.
    var specs: [AppSpec]?
}
