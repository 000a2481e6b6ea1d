internal import CYaml
package import CartographModel

/// Decides from libyaml's event stream, before ``YAMLComposer`` builds a single node,
/// whether a document is safe to compose: how many nodes it has, how many a reader would
/// visit with every alias expanded, and whether any mapping key is something other than a
/// scalar.
///
/// This has to happen on events rather than on the node tree or the text: composing
/// builds the whole tree before any check on it could run, so a large document would cost
/// its memory first, and a key that is a tree (or an alias of one) would cost its size in
/// every comparison. A scan of the text cannot see keys in flow style (`{ *a : x }`,
/// `{ ? [..] : x }`).
///
/// The expansion is counted without expanding anything: each anchored node's expanded size
/// (nodes, and bytes of scalar text) is recorded once when it ends, and every alias adds
/// that size. The scan stops as soon as a count passes its limit, so every number it holds
/// stays below twice the limit and its cost is one pass over the events, whatever the input.
struct YAMLPrescan {
    /// What the scan found: either the document is fine (with its size) or the first problem.
    enum Outcome: Equatable, Sendable {
        /// `nodes` nodes as written; `expandedNodes` and `expandedBytes` (of scalar text) as
        /// a reader visits them; `extraDocument` is the (1-based) line where a second
        /// document starts, if one does.
        case fine(nodes: Int, expandedNodes: Int, expandedBytes: Int, extraDocument: Int?)
        /// More than `limit` nodes as written: a big document, not a bomb.
        case tooManyNodes(line: Int, column: Int)
        /// More than `limit` nodes once aliases are expanded.
        case aliasExpansion(line: Int, column: Int)
        /// More than `byteLimit` bytes of scalars once aliases are expanded: one long string
        /// named by many aliases costs its length at every use (hashing, comparing).
        case aliasBytes(line: Int, column: Int)
        /// An alias used as a mapping key.
        case aliasKey(line: Int, column: Int)
        /// A list or mapping used as a mapping key (`? [a, b] : x`, `{ [a]: x }`).
        case complexKey(line: Int, column: Int)
        /// libyaml could not parse the document; the composer reports the error with its message.
        case syntaxError
    }

    /// The most nodes, as written or expanded, a document may have.
    var limit: Int
    /// The most bytes of scalar text a document may have with aliases expanded.
    var byteLimit = YAMLLoader.Limits.maxExpandedBytes
    /// Whether libyaml's parser is one of its own that reads the text through libyaml's
    /// reader, rather than one kept from an earlier text, handed the text it holds
    /// (``YAMLParsers``); on in tests that compare the two.
    var takesGeneralPath = false

    /// One open list or mapping.
    private struct Frame {
        var isMapping: Bool
        /// For a mapping: whether the next node is a key.
        var keyNext = true
        /// The expanded counts before this node was counted, to measure it when it ends.
        var expandedAtStart: Int
        var bytesAtStart: Int
        var anchor: String?
    }

    /// Scans the first document of `text`.
    func scan(_ text: String) -> Outcome {
        var text = text
        var composer = YAMLComposer()
        return text.withUTF8 { bytes in scan(bytes, composing: false, into: &composer) }
    }

    /// Scans the first document of `text`, composing it on the way when it is fine to
    /// compose: libyaml parses the text once, for both.
    func scanComposing(_ text: String) -> (Outcome, YAMLComposer.Composed?) {
        var text = text
        var composer = YAMLComposer(expectedBytes: text.utf8.count)
        let outcome = text.withUTF8 { bytes in scan(bytes, composing: true, into: &composer) }
        guard case .fine = outcome else { return (outcome, nil) }
        return (outcome, composer.composed)
    }

    /// - Parameter composing: whether to hand each event to `composer`. It builds as the
    ///   scan goes; what it built is thrown away when the scan refuses the document, and the
    ///   scan stops at most one node past its limit, so the tree is as bounded as the scan.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, composing: Bool, into composer: inout YAMLComposer) -> Outcome {
        YAMLParsers.withParser(reading: bytes, generalPath: takesGeneralPath) { parser in
            scan(parser, composing: composing, into: &composer)
        }
            ?? .syntaxError
    }

    private func scan(_ parser: UnsafeMutablePointer<yaml_parser_t>, composing: Bool, into composer: inout YAMLComposer) -> Outcome {
        var nodes = 0
        var expanded = 0
        var expandedBytes = 0
        var sizes: [String: (nodes: Int, bytes: Int)] = [:]
        var stack: [Frame] = []
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { return .syntaxError }
            defer { yaml_event_delete(&event) }
            if composing { composer.add(event) }
            let line = Int(event.start_mark.line) + 1
            let column = Int(event.start_mark.column) + 1

            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return .fine(nodes: nodes, expandedNodes: expanded, expandedBytes: expandedBytes, extraDocument: line) }
            case YAML_STREAM_END_EVENT:
                return .fine(nodes: nodes, expandedNodes: expanded, expandedBytes: expandedBytes, extraDocument: nil)
            case YAML_SCALAR_EVENT:
                _ = Self.isKey(&stack)
                nodes += 1
                expanded += 1
                let length = Int(event.data.scalar.length)
                expandedBytes += length
                if let anchor = Self.string(event.data.scalar.anchor) { sizes[anchor] = (1, length) }
            case YAML_ALIAS_EVENT:
                if Self.isKey(&stack) { return .aliasKey(line: line, column: column) }
                // An undefined alias counts as one node; the composer reports it as an error.
                let size = Self.string(event.data.alias.anchor).flatMap { sizes[$0] } ?? (1, 0)
                expanded += size.nodes
                expandedBytes += size.bytes
                if expanded > limit { return .aliasExpansion(line: line, column: column) }
                if expandedBytes > byteLimit { return .aliasBytes(line: line, column: column) }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if Self.isKey(&stack) { return .complexKey(line: line, column: column) }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = Self.string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                stack.append(Frame(isMapping: isMapping, expandedAtStart: expanded, bytesAtStart: expandedBytes, anchor: anchor))
                nodes += 1
                expanded += 1
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return .syntaxError }
                if let anchor = frame.anchor {
                    sizes[anchor] = (expanded - frame.expandedAtStart, expandedBytes - frame.bytesAtStart)
                }
            default:
                break
            }
            if nodes > limit { return .tooManyNodes(line: line, column: column) }
            if expanded > limit { return .aliasExpansion(line: line, column: column) }
        }
    }

    /// Counts a node that starts inside `stack`'s innermost list or mapping; true when it
    /// sits where a key must be a scalar. A function of its own rather than a closure over
    /// the stack, which would check exclusive access to it at every event.
    private static func isKey(_ stack: inout [Frame]) -> Bool {
        guard let top = stack.indices.last, stack[top].isMapping else { return false }
        defer { stack[top].keyNext.toggle() }
        return stack[top].keyNext
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
