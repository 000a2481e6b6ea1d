internal import CYaml
import Yams

/// Builds the first document of a text into a ``YAMLTree`` straight from libyaml's events
/// (Yams' bundled copy), one event at a time, failing where Yams' composer failed and as it
/// did. ``YAMLPrescan`` hands it the events of its own pass; ``firstRoot(of:)`` parses a
/// text for it.
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

    /// What composing a document gave: its root (nil for a stream without documents), or
    /// the first problem.
    typealias Composed = Result<YAMLNode?, Failure>

    /// A list or mapping whose items are still being read.
    private struct Frame {
        /// Its record, filled in when it ends.
        var record: Int32
        var isMapping: Bool
        /// Where its items start in ``pending``.
        var firstItem: Int
        var anchor: String?
    }

    /// The tag of a quoted scalar without one of its own; the first of ``tags``.
    private static let stringTag = "tag:yaml.org,2002:str"

    private var records: [YAMLTree.Record] = []
    private var bytes: [UInt8] = []
    private var children: [Int32] = []
    private var tags = [stringTag]
    /// The items of every open list and mapping, innermost last: each moves to
    /// ``children`` in one piece when its list or mapping ends.
    private var pending: [Int32] = []
    private var stack: [Frame] = []
    private var anchors: [String: Int32] = [:]
    private var root: Int32?
    /// Set when the first document has ended, or at the first problem; later events are
    /// passed over.
    private(set) var composed: Composed?

    init() {}

    /// A composer for a text of `expectedBytes`, with room for the tree of a typical one
    /// (a node for every few bytes), so that a spec's tree is built without growing its
    /// arrays; a large file's grows as it needs.
    init(expectedBytes: Int) {
        let nodes = min(expectedBytes / 4, 4096)
        records.reserveCapacity(nodes)
        children.reserveCapacity(nodes)
        // Scalar text is most of a spec, and never more than the text it is written in.
        bytes.reserveCapacity(min(expectedBytes, 65536))
        pending.reserveCapacity(64)
        stack.reserveCapacity(16)
    }

    /// The first document's root; nil for a stream without documents.
    static func firstRoot(of text: String) -> Composed {
        var contiguous = text
        return contiguous.withUTF8 { bytes in compose(bytes, text: text) }
    }

    private static func compose(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Composed {
        YAMLParsers.withParser(reading: bytes) { parser in compose(parser, byteCount: bytes.count, text: text) } ?? .failure(.memory)
    }

    private static func compose(_ parser: UnsafeMutablePointer<yaml_parser_t>, byteCount: Int, text: String) -> Composed {
        var composer = YAMLComposer(expectedBytes: byteCount)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { return .failure(failure(of: parser.pointee, text: text)) }
            composer.add(event)
            yaml_event_delete(&event)
            if let composed = composer.composed { return composed }
        }
    }

    /// Adds one of libyaml's events to the tree (``YAMLPrescan`` adds them as it meets them,
    /// so that libyaml parses a text once).
    mutating func add(_ event: yaml_event_t) {
        guard composed == nil else { return }
        var record = YAMLTree.Record(
            kind: .scalar, line: Int32(truncatingIfNeeded: event.start_mark.line + 1),
            column: Int32(truncatingIfNeeded: event.start_mark.column + 1))
        let node: Int32
        let anchor: String?
        switch event.type {
        case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
            let tree = YAMLTree(records: records, bytes: bytes, children: children, tags: tags)
            composed = .success(root.map { YAMLNode(tree, $0) })
            return
        case YAML_ALIAS_EVENT:
            guard let name = Self.string(event.data.alias.anchor), let named = anchors[name] else {
                composed = .failure(.undefinedAlias(YAMLNode.Mark(line: Int(record.line), column: Int(record.column))))
                return
            }
            node = named
            anchor = nil
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            record.start = Int32(truncatingIfNeeded: bytes.count)
            if let value = scalar.value, scalar.length > 0 {
                let text = UnsafeBufferPointer(start: value, count: scalar.length)
                bytes.append(contentsOf: text)
                record.isASCII = text.allSatisfy { $0 < 0x80 }
            }
            record.end = Int32(truncatingIfNeeded: bytes.count)
            record.style = YAMLNode.Scalar.Style(rawValue: scalar.style.rawValue) ?? .any
            if scalar.quoted_implicit == 1 {
                record.tag = 0
            } else if let tag = Self.string(scalar.tag) {
                record.tag = Int32(truncatingIfNeeded: tags.count)
                tags.append(tag)
            }
            // Read in place: a copy of the frame would retain its anchor.
            if let top = stack.indices.last {
                record.isKey = stack[top].isMapping && (pending.count - stack[top].firstItem) % 2 == 0
            }
            node = Int32(truncatingIfNeeded: records.count)
            records.append(record)
            anchor = Self.string(scalar.anchor)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            record.kind = isMapping ? .mapping : .sequence
            let name = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            stack.append(
                Frame(
                    record: Int32(truncatingIfNeeded: records.count), isMapping: isMapping, firstItem: pending.count,
                    anchor: Self.string(name)))
            records.append(record)
            return
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else {
                composed = .failure(.memory)
                return
            }
            let items = pending[frame.firstItem...]
            if frame.isMapping, let duplicates = duplicateKeys(items) {
                composed = .failure(duplicates)
                return
            }
            records[Int(frame.record)].start = Int32(truncatingIfNeeded: children.count)
            children.append(contentsOf: items)
            records[Int(frame.record)].end = Int32(truncatingIfNeeded: children.count)
            pending.removeLast(pending.count - frame.firstItem)
            node = frame.record
            anchor = frame.anchor
        default:
            return
        }
        // Anchors may be redefined: an alias names the latest.
        if let anchor { anchors[anchor] = node }
        if stack.isEmpty {
            root = node
        } else {
            pending.append(node)
        }
    }

    /// The keys written more than once in a mapping of `items` (keys and values in turn), as
    /// Yams found them: two keys are one when their text and resolved tag are equal.
    private func duplicateKeys(_ items: ArraySlice<Int32>) -> Failure? {
        guard items.count > 2, hasRepeatedText(amongKeysOf: items) else { return nil }
        // Rare: group by text and resolved tag, each group at its first key.
        var groups: [(text: String, tag: String, mark: YAMLNode.Mark, count: Int)] = []
        var index: [String: [Int]] = [:]
        for position in stride(from: items.startIndex, to: items.endIndex, by: 2) {
            let record = records[Int(items[position])]
            guard record.kind == .scalar else { continue }
            let text = String(decoding: bytes[Int(record.start)..<Int(record.end)], as: UTF8.self)
            let tag = Self.resolvedTag(text: text, tag: record.tag >= 0 ? tags[Int(record.tag)] : "")
            if let found = index[text, default: []].first(where: { groups[$0].tag == tag }) {
                groups[found].count += 1
            } else {
                index[text, default: []].append(groups.count)
                groups.append((text, tag, YAMLNode.Mark(line: Int(record.line), column: Int(record.column)), 1))
            }
        }
        let duplicates = groups.filter { $0.count > 1 }.sorted { $0.text < $1.text }
        guard let first = duplicates.first else { return nil }
        return .duplicateKeys(duplicates.map(\.text), first.mark)
    }

    /// Whether two scalar keys of a mapping of `items` (keys and values in turn) have the
    /// same text: by comparing each pair of keys in a mapping of a component's dozen fields
    /// (as bytes, where both are ASCII), through a hash set in a larger one.
    private func hasRepeatedText(amongKeysOf items: ArraySlice<Int32>) -> Bool {
        let keys = stride(from: items.startIndex, to: items.endIndex, by: 2)
        if items.count <= 32 {
            for second in keys where records[Int(items[second])].kind == .scalar {
                for first in stride(from: items.startIndex, to: second, by: 2) where records[Int(items[first])].kind == .scalar {
                    if YAMLTree.text(records[Int(items[first])], equals: records[Int(items[second])], in: bytes) { return true }
                }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: items.count / 2)
        return keys.contains { position in
            let record = records[Int(items[position])]
            guard record.kind == .scalar else { return false }
            return !seen.insert(String(decoding: bytes[Int(record.start)..<Int(record.end)], as: UTF8.self)).inserted
        }
    }

    /// The tag Yams' default resolver gives a scalar: its own, or one its text decides.
    private static func resolvedTag(text: String, tag: String) -> String {
        switch tag {
        case "": Resolver.default.resolveTag(of: Node.scalar(Node.Scalar(text))).rawValue
        case "!": Tag.Name.str.rawValue
        default: tag
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
