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

    /// The first document's root; nil for a stream without documents.
    static func firstRoot(of text: String) -> Result<YAMLNode?, Failure> {
        var contiguous = text
        return contiguous.withUTF8 { bytes in compose(bytes, text: text) }
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

        var anchors: [String: YAMLNode] = [:]
        var stack: [Frame] = []
        var root: YAMLNode?
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { return .failure(failure(of: parser.pointee, text: text)) }
            defer { yaml_event_delete(&event) }
            let mark = YAMLNode.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)

            var node: YAMLNode
            var anchor: String?
            switch event.type {
            case YAML_STREAM_START_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                return .success(root)
            case YAML_DOCUMENT_START_EVENT:
                continue
            case YAML_DOCUMENT_END_EVENT:
                return .success(root)
            case YAML_ALIAS_EVENT:
                guard let name = string(event.data.alias.anchor), let named = anchors[name] else {
                    return .failure(.undefinedAlias(mark))
                }
                node = named
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let tag: String =
                    if scalar.quoted_implicit == 1 { "tag:yaml.org,2002:str" } else { string(scalar.tag) ?? "" }
                let isKey = stack.last.map { $0.isMapping && $0.pendingKey == nil } ?? false
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                node = .scalar(
                    .init(
                        string: value, style: YAMLNode.Scalar.Style(rawValue: scalar.style.rawValue) ?? .any, tag: tag,
                        isKey: isKey, mark: mark))
                anchor = string(scalar.anchor)
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(isMapping: false, mark: mark, anchor: string(event.data.sequence_start.anchor)))
                continue
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(isMapping: true, mark: mark, anchor: string(event.data.mapping_start.anchor)))
                continue
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return .failure(.memory) }
                if frame.isMapping {
                    if let duplicates = duplicateKeys(frame.pairs, keys: frame.keys) { return .failure(duplicates) }
                    node = .mapping(.init(pairs: frame.pairs, keys: frame.keys, mark: frame.mark))
                } else {
                    node = .sequence(.init(nodes: frame.nodes, mark: frame.mark))
                }
                anchor = frame.anchor
            default:
                continue
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
