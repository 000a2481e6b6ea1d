public import Foundation
public import Yams

/// Reads a YAML (or JSON) file into a Yams node tree with located diagnostics, refusing
/// input that would cost unbounded time or memory.
///
/// Guards, in the order they apply:
/// - files over ``Limits/maxFileBytes`` are refused before parsing;
/// - bytes that are not UTF-8 are reported at the first bad byte's line and column;
/// - aliases used as mapping keys are refused (Yams hashes whole key trees to find
///   duplicates, so an aliased key tree costs its expanded size);
/// - nesting deeper than libyaml's limit (1000) is a libyaml parse error;
/// - alias expansion is bounded later by ``YAMLReadContext``'s node budget, which every
///   walk over the tree spends, so a billion-laughs document fails after a fixed amount of work.
public enum YAMLLoader {
    public enum Limits {
        /// App specs, status files and configs are a few KiB; 4 MiB is far beyond any real one.
        public static let maxFileBytes = 4 * 1024 * 1024
        /// The most nodes a walk may visit in one document, counting each alias expansion.
        public static let maxNodes = 200_000
        /// The deepest nesting a walk follows.
        public static let maxDepth = 64
    }

    /// The result of loading one file: its text (for diagnostics) and its root node, if it parsed.
    public struct Document {
        public var path: String
        public var text: String
        public var root: Node?
    }

    /// Parses `data` read from `path`. Problems go to `diagnostics`; the root is nil when
    /// the file could not be parsed at all.
    public static func load(_ data: Data, path: String, diagnostics: DiagnosticBag) -> Document {
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
        if let aliasKey = firstAliasKey(in: text, path: path) {
            diagnostics.error("an alias may not be used as a mapping key", at: aliasKey)
            return document
        }
        do {
            // Like doctl (sigs.k8s.io/yaml), read the first document; say so if more follow.
            let parser = try Parser(yaml: text)
            document.root = try parser.nextRoot()
            if let extra = try? parser.nextRoot(), !extra.isNull {
                diagnostics.warning(
                    "only the first YAML document in a file is read; the one starting here is ignored",
                    at: SourceLocation(file: path, line: max(1, extra.mark?.line ?? 1), column: 1))
            }
            if let root = document.root, let bomb = expansionLimitNode(root) {
                diagnostics.error(
                    "document expands to more than \(Limits.maxNodes) nodes through aliases; refusing to read it",
                    at: SourceLocation(file: path, line: max(1, bomb.mark?.line ?? 1), column: max(1, bomb.mark?.column ?? 1)),
                    hint: "this looks like a YAML alias bomb (\"billion laughs\")")
                document.root = nil
                return document
            }
            if document.root == nil {
                diagnostics.error("file is empty; expected a mapping", at: start)
            }
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, path: path, text: text))
        } catch {
            diagnostics.error("could not parse YAML: \(error)", at: start)
        }
        return document
    }

    /// - Parameter text: the document's text, which decides whether a duplicated key may be named.
    static func diagnostic(for error: YamlError, path: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: path, line: max(1, mark.line), column: max(1, mark.column))
        }
        func message(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return "YAML syntax error: \(problem)" }
            return "YAML syntax error: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return .error(message(context, problem), at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // A key on a line that may hold an env value may be a value that became a key:
            // there, only an env field's own name is repeated.
            let location = at(context.mark)
            let envFields = ["key", "value", "scope", "type"]
            guard
                !SourceText(text).mayHoldEnvValue(line: location.line)
                    || duplicates.allSatisfy({ envFields.contains($0) || EnvValueScanner.isEnvFieldName($0) })
            else {
                return .error("duplicate key in mapping", at: location)
            }
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in mapping", at: location)
        case .reader(let problem, let offset, _, let yaml):
            let location = offset.map { offsetLocation($0, in: yaml, path: path) } ?? .start(of: path)
            return .error("YAML reader error: \(problem)", at: location)
        default:
            return .error("could not parse YAML: \(error)", at: .start(of: path))
        }
    }

    /// Line and column of a UTF-8 byte offset.
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

    /// Walks the tree as a reader would see it (aliases expanded) and returns the node at
    /// which the walk passed ``Limits/maxNodes``, or nil for a document of reasonable size.
    /// The walk stops at the limit, so it costs at most that many steps whatever the input.
    static func expansionLimitNode(_ root: Node) -> Node? {
        var budget = Limits.maxNodes
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            budget -= 1
            if budget < 0 { return node }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    /// Finds `*alias:` or `? ` complex keys, which nothing in an app spec needs.
    static func firstAliasKey(in text: String, path: String) -> SourceLocation? {
        guard text.utf8.contains(UInt8(ascii: "*")) || text.utf8.contains(UInt8(ascii: "?")) else { return nil }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "-" || $0 == "\t" }
            let column = line.count - trimmed.count + 1
            if trimmed.hasPrefix("? ") || trimmed == "?" {
                return SourceLocation(file: path, line: number + 1, column: column)
            }
            if trimmed.hasPrefix("*"), let colon = trimmed.firstIndex(of: ":"),
                !trimmed[trimmed.startIndex..<colon].trimmingCharacters(in: .whitespaces).contains(" ")
            {
                let after = trimmed.index(after: colon)
                if after == trimmed.endIndex || trimmed[after] == " " {
                    return SourceLocation(file: path, line: number + 1, column: column)
                }
            }
        }
        return nil
    }
}
