internal import CYaml
import Yams

/// Builds the first document of a text into ``YAMLNode``s straight from libyaml's events
/// (Yams' bundled copy), failing where Yams' composer failed and as it did.
///
/// Yams built a node tree with a tag object per node and then found duplicate keys by
/// hashing every key with its resolved tag, which runs a handful of regular expressions on
/// every key: at 1,000 specs that was a third of a build. Here a key's text alone decides,
/// through a hash set; only keys whose text repeats have their tags resolved (by Yams'
/// resolver, so `1` and `"1"` stay two keys, as before).
///
/// Callers run ``YAMLPrescan`` first: it refuses aliases and lists or mappings as keys, so
/// every key here is a scalar, and bounds the nodes, so the tree is bounded too.
struct YAMLComposer {
    /// Why a document could not be composed: the first problem, as Yams reported it.
    enum Failure: Error, Equatable {
        /// One of libyaml's own errors, with what it was reading when it has that.
        case libyaml(kind: ErrorKind, problem: String, mark: YAMLNode.Mark, context: String?, contextMark: YAMLNode.Mark)
        /// A reader error (a control character, say), at a character offset when the byte
        /// offset falls on a character's start.
        case reader(problem: String, offset: Int?)
        /// An alias whose anchor is not (yet) defined.
        case undefinedAlias(YAMLNode.Mark)
        /// Keys written twice in one mapping, sorted, at the first occurrence of the first.
        case duplicateKeys([String], YAMLNode.Mark)
        case memory
    }

    enum ErrorKind: Equatable, Sendable {
        case scanner, parser, composer, other
    }

    /// A list or mapping whose items are still being read.
    private struct Frame {
        var isMapping: Bool
        var mark: YAMLNode.Mark
        var anchor: String?
        var nodes: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: [String?] = []
        var pendingKey: YAMLNode?
    }

    /// One event as the composer reads it, from libyaml or from a recording.
    private struct Event {
        /// Nil for an event the composer passes over (a stream's or a document's start).
        var kind: YAMLEvents.Kind?
        var mark: YAMLNode.Mark
        var value = ""
        var style = YAMLNode.Scalar.Style.any
        var tag = ""
        /// The anchor a node defines, or the one an alias names.
        var anchor: String?
    }

    /// The tag of a quoted scalar without one of its own.
    private static let stringTag = "tag:yaml.org,2002:str"

    /// The first document's root; nil for a stream without documents.
    static func firstRoot(of text: String) -> Result<YAMLNode?, Failure> {
        var contiguous = text
        return contiguous.withUTF8 { bytes in compose(bytes, text: text) }
    }

    /// The first document's root from the events ``YAMLPrescan`` recorded of it: what
    /// ``firstRoot(of:)`` gives for the text they were recorded from.
    static func firstRoot(of recorded: YAMLEvents) -> Result<YAMLNode?, Failure> {
        var position = 0
        var valueStart = 0
        return build {
            guard position < recorded.events.count else { return .success(Event(kind: .documentEnd, mark: .init(line: 0, column: 0))) }
            let event = recorded.events[position]
            position += 1
            var out = Event(kind: event.kind, mark: YAMLNode.Mark(line: Int(event.line), column: Int(event.column)))
            out.anchor = recorded.name(event.anchor)
            if event.kind == .scalar {
                let end = Int(event.valueEnd)
                out.value = String(decoding: recorded.bytes[valueStart..<end], as: UTF8.self)
                valueStart = end
                out.style = YAMLNode.Scalar.Style(rawValue: UInt32(event.style)) ?? .any
                out.tag = event.quotedImplicit ? stringTag : recorded.name(event.tag) ?? ""
            }
            return .success(out)
        }
    }

    private static func compose(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Result<YAMLNode?, Failure> {
        // libyaml keeps a pointer to the parser inside the parser: it needs an address
        // that never moves.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return .failure(.memory) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        return build {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { return .failure(failure(of: parser.pointee, text: text)) }
            defer { yaml_event_delete(&event) }
            var out = Event(kind: nil, mark: YAMLNode.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1))
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                out.kind = .documentEnd
            case YAML_ALIAS_EVENT:
                out.kind = .alias
                out.anchor = string(event.data.alias.anchor)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                out.kind = .scalar
                out.tag = scalar.quoted_implicit == 1 ? stringTag : string(scalar.tag) ?? ""
                out.value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                out.style = YAMLNode.Scalar.Style(rawValue: scalar.style.rawValue) ?? .any
                out.anchor = string(scalar.anchor)
            case YAML_SEQUENCE_START_EVENT:
                out.kind = .sequenceStart
                out.anchor = string(event.data.sequence_start.anchor)
            case YAML_MAPPING_START_EVENT:
                out.kind = .mappingStart
                out.anchor = string(event.data.mapping_start.anchor)
            case YAML_SEQUENCE_END_EVENT: out.kind = .sequenceEnd
            case YAML_MAPPING_END_EVENT: out.kind = .mappingEnd
            default: break
            }
            return .success(out)
        }
    }

    /// Builds the tree of the first document from its events, ending at its end.
    private static func build(_ nextEvent: () -> Result<Event, Failure>) -> Result<YAMLNode?, Failure> {
        var anchors: [String: YAMLNode] = [:]
        var stack: [Frame] = []
        var root: YAMLNode?
        while true {
            let event: Event
            switch nextEvent() {
            case .failure(let failure): return .failure(failure)
            case .success(let next): event = next
            }
            guard let kind = event.kind else { continue }
            var node: YAMLNode
            var anchor: String?
            switch kind {
            case .documentEnd:
                return .success(root)
            case .alias:
                guard let name = event.anchor, let named = anchors[name] else { return .failure(.undefinedAlias(event.mark)) }
                node = named
            case .scalar:
                let isKey = stack.last.map { $0.isMapping && $0.pendingKey == nil } ?? false
                node = .scalar(.init(string: event.value, style: event.style, tag: event.tag, isKey: isKey, mark: event.mark))
                anchor = event.anchor
            case .sequenceStart, .mappingStart:
                stack.append(Frame(isMapping: kind == .mappingStart, mark: event.mark, anchor: event.anchor))
                continue
            case .sequenceEnd, .mappingEnd:
                guard let frame = stack.popLast() else { return .failure(.memory) }
                if frame.isMapping {
                    if let duplicates = duplicateKeys(frame.pairs, keys: frame.keys) { return .failure(duplicates) }
                    node = .mapping(.init(pairs: frame.pairs, keys: frame.keys, mark: frame.mark))
                } else {
                    node = .sequence(.init(nodes: frame.nodes, mark: frame.mark))
                }
                anchor = frame.anchor
            }
            // Anchors may be redefined: an alias names the latest.
            if let anchor { anchors[anchor] = node }
            guard let top = stack.indices.last else {
                root = node
                continue
            }
            if !stack[top].isMapping {
                stack[top].nodes.append(node)
            } else if let key = stack[top].pendingKey {
                stack[top].pairs.append((key, node))
                stack[top].keys.append(key.scalarText)
                stack[top].pendingKey = nil
            } else {
                stack[top].pendingKey = node
            }
        }
    }

    /// The keys written more than once, as Yams found them: two keys are one when their
    /// text and resolved tag are equal.
    private static func duplicateKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)], keys: [String?]) -> Failure? {
        guard pairs.count > 1, hasRepeatedText(keys.compactMap { $0 }) else { return nil }
        // Rare: group by text and resolved tag, each group at its first key.
        var groups: [(text: String, tag: String, mark: YAMLNode.Mark, count: Int)] = []
        var index: [String: [Int]] = [:]
        for pair in pairs {
            guard case .scalar(let key) = pair.key else { continue }
            let tag = resolvedTag(key)
            if let found = index[key.string, default: []].first(where: { groups[$0].tag == tag }) {
                groups[found].count += 1
            } else {
                index[key.string, default: []].append(groups.count)
                groups.append((key.string, tag, key.mark, 1))
            }
        }
        let duplicates = groups.filter { $0.count > 1 }.sorted { $0.text < $1.text }
        guard let first = duplicates.first else { return nil }
        return .duplicateKeys(duplicates.map(\.text), first.mark)
    }

    /// Whether two keys have the same text: by comparing each pair of keys in a mapping of
    /// a component's dozen fields, through a hash set in a larger one.
    private static func hasRepeatedText(_ keys: [String]) -> Bool {
        if keys.count <= 16 {
            for (index, key) in keys.enumerated() where keys[..<index].contains(key) { return true }
            return false
        }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.contains { !seen.insert($0).inserted }
    }

    /// The tag Yams' default resolver gives a scalar: its own, or one its text decides.
    private static func resolvedTag(_ scalar: YAMLNode.Scalar) -> String {
        switch scalar.tag {
        case "": Resolver.default.resolveTag(of: Node.scalar(Node.Scalar(scalar.string))).rawValue
        case "!": Tag.Name.str.rawValue
        default: scalar.tag
        }
    }

    private static func failure(of parser: yaml_parser_t, text: String) -> Failure {
        func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark { YAMLNode.Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1) }
        let problem = parser.problem.map { String(cString: $0) } ?? ""
        let kind: ErrorKind
        switch parser.error {
        case YAML_MEMORY_ERROR: return .memory
        case YAML_READER_ERROR:
            // As Yams counted it: characters before the byte offset, when it starts one.
            let index = text.utf8.index(text.utf8.startIndex, offsetBy: parser.problem_offset, limitedBy: text.utf8.endIndex)?
                .samePosition(in: text)
            return .reader(problem: problem, offset: index.map { text.distance(from: text.startIndex, to: $0) })
        case YAML_SCANNER_ERROR: kind = .scanner
        case YAML_PARSER_ERROR: kind = .parser
        case YAML_COMPOSER_ERROR: kind = .composer
        default: kind = .other
        }
        return .libyaml(
            kind: kind, problem: problem, mark: mark(parser.problem_mark), context: parser.context.map { String(cString: $0) },
            contextMark: mark(parser.context_mark))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
