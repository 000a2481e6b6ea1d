package import CartographModel
package import Foundation

/// Reads a YAML (or JSON) file into a tree of ``YAMLNode``s with located diagnostics, refusing
/// input that would cost unbounded time or memory.
///
/// Guards, in the order they apply:
/// - files over ``Limits/maxFileBytes`` are refused before parsing;
/// - bytes that are not UTF-8 are reported at the first bad byte's line and column;
/// - a pass over libyaml's events (``YAMLPrescan``), before any node reaches a reader, refuses
///   documents with more nodes than the caller's limit (as written, or with aliases
///   expanded: a "billion laughs" bomb), and aliases or lists and mappings used as mapping
///   keys, wherever they are written (so that finding duplicate keys costs a hash of each
///   key's text, never of a tree); the tree it composes on the way stops growing where it
///   stops;
/// - nesting deeper than libyaml's limit (1000) is a libyaml parse error;
/// - every walk over the tree also spends ``YAMLReadContext``'s node budget.
package enum YAMLLoader {
    package enum Limits {
        /// App specs, status files and configs are a few KiB; 4 MiB is far beyond any real one.
        static let maxFileBytes = 4 * 1024 * 1024
        /// The most nodes a document may have, as written or with every alias expanded.
        /// A status file takes 8 nodes per app (25,000 apps fit) and doctl JSON about 700
        /// (285 apps fit); composing this many nodes takes about 46 MB for a moment.
        static let maxNodes = 200_000
        /// The most nodes an app spec may have: the largest of the 86 real specs in the
        /// corpus has 605 and a generated benchmark app at most 299; 20,000 is 33 times the
        /// largest, and keeps a spec's share of memory to a few megabytes.
        static let maxSpecNodes = 20_000
        /// The most bytes of scalar text a document may hold with its aliases expanded:
        /// twice what the largest file can hold without them. Every use of a string costs
        /// its length (hashing it, comparing it), so a long string named by thousands of
        /// aliases is a bomb too.
        static let maxExpandedBytes = 2 * maxFileBytes
        /// The most nodes a page's front matter may have: it takes three keys.
        static let maxFrontMatterNodes = 1_000
        /// The deepest nesting a walk follows.
        static let maxDepth = 64
    }

    /// The result of loading one file: its text (for diagnostics) and its root node, if it parsed.
    package struct Document {
        package var path: String
        package var text: String
        var root: YAMLNode?
        /// Nodes as written (aliases count once), for the project's input budget.
        package var nodes = 0
    }

    /// Parses `data` read from `path`. Problems go to `diagnostics`; the root is nil when
    /// the file could not be parsed at all.
    /// - Parameter maxNodes: the most nodes the document may have, as written or expanded.
    package static func load(_ data: Data, path: String, diagnostics: DiagnosticBag, maxNodes: Int = Limits.maxNodes) -> Document {
        load(data, path: path, diagnostics: diagnostics, maxNodes: maxNodes, prescanned: nil)
    }

    /// - Parameters:
    ///   - prescanned: what ``prescan(_:maxNodes:)`` found in `data` with `maxNodes`, when
    ///     the caller already asked (the budget is charged before a file is read).
    ///   - composed: the tree ``prescanComposing(_:maxNodes:)`` composed with it, so that
    ///     the text is not parsed again.
    static func load(
        _ data: Data, path: String, diagnostics: DiagnosticBag, maxNodes: Int = Limits.maxNodes, prescanned: YAMLPrescan.Outcome?,
        composed: YAMLComposer.Composed? = nil
    ) -> Document {
        let start = SourceLocation.start(of: path)
        if data.count > Limits.maxFileBytes {
            diagnostics.error(
                "file is \(data.count) bytes; the limit is \(Limits.maxFileBytes) bytes",
                at: start, hint: "an app spec is a few kilobytes: is this the right file?")
            return Document(path: path, text: "", root: nil)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.error(
                "file is not valid UTF-8", at: firstInvalidUTF8(in: data, path: path),
                hint: "save the file as UTF-8")
            return Document(path: path, text: "", root: nil)
        }
        var document = Document(path: path, text: text, root: nil)
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: column) }
        var extraDocument: Int?
        // A pre-pass made here composes the tree as it goes, so that libyaml parses the text once.
        var composed = composed
        let outcome: YAMLPrescan.Outcome
        if let prescanned {
            outcome = prescanned
        } else {
            (outcome, composed) = YAMLPrescan(limit: maxNodes).scanComposing(text)
        }
        switch outcome {
        case .fine(let nodes, _, _, let extra):
            document.nodes = nodes
            extraDocument = extra
        case .tooManyNodes(let line, let column):
            diagnostics.error(
                "document has more than \(maxNodes) nodes; refusing to read it", at: at(line, column),
                hint: maxNodes == Limits.maxSpecNodes ? "an app spec has a few hundred: is this the right file?" : nil)
            return document
        case .aliasExpansion(let line, let column):
            diagnostics.error(
                "document expands to more than \(maxNodes) nodes through aliases; refusing to read it", at: at(line, column),
                hint: "this looks like a YAML alias bomb (\"billion laughs\")")
            return document
        case .aliasBytes(let line, let column):
            diagnostics.error(
                "document expands to more than \(Limits.maxExpandedBytes) bytes of text through aliases; refusing to read it",
                at: at(line, column), hint: "this looks like a YAML alias bomb: one long value named by many aliases")
            return document
        case .aliasKey(let line, let column):
            diagnostics.error("an alias may not be used as a mapping key", at: at(line, column))
            return document
        case .complexKey(let line, let column):
            diagnostics.error("a mapping key must be a plain value, not a list or a mapping", at: at(line, column))
            return document
        case .syntaxError:
            break  // The composer reports it, with libyaml's message, below.
        }
        // Like doctl (sigs.k8s.io/yaml), read the first document; say so if more follow.
        // The rest is never composed: the scan above stopped where it starts.
        switch composed ?? YAMLComposer.firstRoot(of: text) {
        case .success(let root):
            document.root = root
            if let extraDocument {
                diagnostics.warning(
                    "only the first YAML document in a file is read; the one starting here is ignored",
                    at: SourceLocation(file: path, line: extraDocument, column: 1))
            }
            if root == nil {
                diagnostics.error("file is empty; expected a mapping", at: start)
            }
        case .failure(let failure):
            diagnostics.append(diagnostic(for: failure, path: path, text: text))
        }
        return document
    }

    /// The nodes ``load(_:path:diagnostics:maxNodes:)`` would compose from `data`: 0 for a
    /// file it refuses before composing (too big, not UTF-8, over `maxNodes`, a bad key).
    /// One pass over libyaml's events; nothing is composed.
    static func nodeCount(_ data: Data, maxNodes: Int = Limits.maxNodes) -> Int {
        guard case .fine(let nodes, _, _, _) = prescan(data, maxNodes: maxNodes) else { return 0 }
        return nodes
    }

    /// The pre-pass over `data`'s events that ``load(_:path:diagnostics:maxNodes:)`` makes
    /// first; nil for a file refused before it (too big, not UTF-8).
    static func prescan(_ data: Data, maxNodes: Int) -> YAMLPrescan.Outcome? {
        guard data.count <= Limits.maxFileBytes, let text = String(validating: data, as: UTF8.self) else { return nil }
        return YAMLPrescan(limit: maxNodes).scan(text)
    }

    /// ``prescan(_:maxNodes:)``, composing the first document on the way when it is fine to compose.
    static func prescanComposing(_ data: Data, maxNodes: Int) -> (outcome: YAMLPrescan.Outcome, composed: YAMLComposer.Composed?)? {
        guard data.count <= Limits.maxFileBytes, let text = String(validating: data, as: UTF8.self) else { return nil }
        return YAMLPrescan(limit: maxNodes).scanComposing(text)
    }

    /// - Parameter text: the document's text, which decides whether a duplicated key may be named.
    static func diagnostic(for failure: YAMLComposer.Failure, path: String, text: String) -> Diagnostic {
        func at(_ mark: YAMLNode.Mark) -> SourceLocation {
            clamped(SourceLocation(file: path, line: max(1, mark.line), column: max(1, mark.column)), to: text)
        }
        switch failure {
        case .libyaml(.other, let problem, _, _, _):
            return .error("could not parse YAML: \(problem)", at: .start(of: path))
        case .libyaml(_, let problem, let mark, let context, let contextMark):
            guard let context else { return .error("YAML syntax error: \(problem)", at: at(mark)) }
            return .error(
                "YAML syntax error: \(problem) (\(context) at line \(contextMark.line), column \(contextMark.column))", at: at(mark))
        case .undefinedAlias(let mark):
            return .error("YAML syntax error: found undefined alias", at: at(mark))
        case .duplicateKeys(let duplicates, let mark):
            // A key on a line that may hold an env value may be a value that became a key:
            // there, only an env field's own name is repeated.
            let location = at(mark)
            let envFields = ["key", "value", "scope", "type"]
            guard
                !SourceText(text).mayHoldEnvValue(line: location.line)
                    || duplicates.allSatisfy({ envFields.contains($0) || EnvValueScanner.isEnvFieldName($0) })
            else {
                return .error("duplicate key in mapping", at: location)
            }
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in mapping", at: location)
        case .reader(let problem, let offset):
            let location = offset.map { offsetLocation($0, in: text, path: path) } ?? .start(of: path)
            return .error("YAML reader error: \(problem)", at: location)
        case .memory:
            return .error("could not parse YAML: Memory error", at: .start(of: path))
        }
    }

    /// Line and column of a UTF-8 byte offset.
    /// libyaml marks an error found at the end of a file without a final line break on the
    /// line after the last; point at the end of the last line instead.
    static func clamped(_ location: SourceLocation, to text: String) -> SourceLocation {
        var lines = 1
        var lastLineLength = 0
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines += 1
                lastLineLength = 0
            default: lastLineLength += 1
            }
            previous = scalar
        }
        guard location.line > lines else { return location }
        return SourceLocation(file: location.file, line: lines, column: lastLineLength + 1)
    }

    static func offsetLocation(_ offset: Int, in text: String, path: String) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() where index < offset {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: path, line: line, column: column)
    }

    static func firstInvalidUTF8(in data: Data, path: String) -> SourceLocation {
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return SourceLocation(file: path, line: line, column: column)
            }
        }
    }
}
