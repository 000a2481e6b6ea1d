/// The nodes of one YAML document in flat arrays, as ``YAMLComposer`` builds them: a node is
/// an index into ``records``; a scalar's text is a range of ``bytes``; a list's items and a
/// mapping's keys and values (in turn) are a range of ``children``.
///
/// A tree of values (an enum holding arrays of nodes and strings) cost more to read than
/// to build: every lookup copied a node, retaining its strings and arrays, and every key
/// was a `String` compared as one. Here a node is a reference and an index, and a key is
/// compared as bytes where that decides (see ``text(_:equals:keyIsASCII:)``). An alias is
/// the index of the node it names: it costs nothing, whatever that node holds.
final class YAMLTree: Sendable {
    struct Record: Sendable {
        enum Kind: UInt8, Sendable {
            case scalar, mapping, sequence
        }

        var kind: Kind
        var style = YAMLNode.Scalar.Style.any
        /// A scalar written as a mapping key (see ``YAMLNode/Scalar/isKey``).
        var isKey = false
        /// A scalar whose text is ASCII: equal to a `String` exactly when its bytes are.
        var isASCII = true
        var line: Int32
        var column: Int32
        /// A scalar's text in ``bytes``, or a list's or mapping's nodes in ``children``.
        var start: Int32 = 0
        var end: Int32 = 0
        /// Index into ``tags``; -1 for a scalar without one.
        var tag: Int32 = -1
    }

    let records: [Record]
    let bytes: [UInt8]
    let children: [Int32]
    let tags: [String]

    init(records: [Record], bytes: [UInt8], children: [Int32], tags: [String]) {
        self.records = records
        self.bytes = bytes
        self.children = children
        self.tags = tags
    }

    /// A tree of one empty list: what a list field that is absent reads as.
    static let empty = YAMLTree(records: [Record(kind: .sequence, line: 0, column: 0)], bytes: [], children: [], tags: [])

    /// The text of scalar `index`.
    func text(_ index: Int32) -> String {
        let record = records[Int(index)]
        return String(decoding: bytes[Int(record.start)..<Int(record.end)], as: UTF8.self)
    }

    /// The UTF-8 of scalar `index`.
    func utf8(_ index: Int32) -> ArraySlice<UInt8> {
        let record = records[Int(index)]
        return bytes[Int(record.start)..<Int(record.end)]
    }

    /// Where the first key of mapping `index` whose text is `key` sits, comparing as `String`
    /// does (canonical equivalence: a KELVIN SIGN is a `K`). Two ASCII texts are equal
    /// exactly when their bytes are, which decides nearly every lookup a reader makes
    /// without making a `String`.
    func position(ofKey key: String, inMapping index: Int32) -> Int? {
        var key = key
        return key.withUTF8 { query in
            let queryIsASCII = query.allSatisfy { $0 < 0x80 }
            // Read through buffers: a reader asks this forty times of each component, of a
            // dozen keys each, and most keys differ from the one asked in their length or
            // their first byte.
            return records.withUnsafeBufferPointer { records in
                children.withUnsafeBufferPointer { children in
                    bytes.withUnsafeBufferPointer { bytes in
                        let mapping = records[Int(index)]
                        var position = 0
                        var child = Int(mapping.start)
                        while child < Int(mapping.end) {
                            defer {
                                position += 1
                                child += 2
                            }
                            let record = records[Int(children[child])]
                            guard record.kind == .scalar else { continue }
                            if record.isASCII, queryIsASCII {
                                let (start, count) = (Int(record.start), Int(record.end - record.start))
                                guard count == query.count else { continue }
                                var offset = 0
                                while offset < count, bytes[start + offset] == query[offset] { offset += 1 }
                                if offset == count { return position }
                            } else if text(children[child]) == String(decoding: query, as: UTF8.self) {
                                return position
                            }
                        }
                        return nil
                    }
                }
            }
        }
    }

    /// Whether node `index` is a scalar whose text is one of `texts`, as `String` compares
    /// them. An ASCII key is looked for by its bytes first: one of a few dozen known keys,
    /// it is found there, and only a key found nowhere makes its `String` to be sure.
    func text(_ index: Int32, isOneOf texts: [String]) -> Bool {
        let record = records[Int(index)]
        guard record.kind == .scalar else { return false }
        if record.isASCII {
            let found = bytes.withUnsafeBufferPointer { bytes in
                let text = UnsafeBufferPointer(rebasing: bytes[Int(record.start)..<Int(record.end)])
                return texts.contains { candidate in
                    candidate.utf8.count == text.count
                        && (candidate.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(text) } ?? candidate.utf8.elementsEqual(text))
                }
            }
            if found { return true }
        }
        let text = text(index)
        return texts.contains { !(record.isASCII && $0.utf8.allSatisfy { $0 < 0x80 }) && $0 == text }
    }

    /// Whether scalars `a` and `b` of a tree with `bytes` have equal text, as `String`
    /// compares them.
    static func text(_ a: Record, equals b: Record, in bytes: [UInt8]) -> Bool {
        let (first, second) = (bytes[Int(a.start)..<Int(a.end)], bytes[Int(b.start)..<Int(b.end)])
        guard a.isASCII, b.isASCII else {
            return String(decoding: first, as: UTF8.self) == String(decoding: second, as: UTF8.self)
        }
        return first.elementsEqual(second)
    }

    /// The text of node `index` when it is a scalar that reads as a string (not null), as
    /// decided by its style and first byte alone: quoted, or plain text that starts where no
    /// null, number or boolean does (see ``YAMLNode/Scalar/textKind``), whatever its tag.
    /// Nil for anything else, which a reader then asks about the general way. Most values
    /// of a spec (names, slugs, paths) are found here without making a node.
    func evidentString(_ index: Int32) -> String? {
        let record = records[Int(index)]
        guard record.kind == .scalar else { return nil }
        if record.style == .plain {
            guard record.end > record.start else { return nil }
            let first = bytes[Int(record.start)]
            guard first < 0x80, !YAMLNode.Scalar.mayStartOtherKind[Int(first)] else { return nil }
        }
        return String(decoding: bytes[Int(record.start)..<Int(record.end)], as: UTF8.self)
    }

    /// Whether node `index` is a plain scalar that reads as null: empty, `~` or `null` in any
    /// case. Asked of every value a reader looks up: answered on the bytes of ASCII text.
    func isNull(_ index: Int32) -> Bool {
        let record = records[Int(index)]
        guard record.kind == .scalar, record.style == .plain else { return false }
        guard record.isASCII else {
            let string = text(index)
            return string.isEmpty || string == "~" || string.isASCIICaseInsensitively("null")
        }
        let (start, count) = (Int(record.start), Int(record.end - record.start))
        switch count {
        case 0: return true
        case 1: return bytes[start] == UInt8(ascii: "~")
        case 4: return Self.equalsLowercased(bytes, from: start, "null")
        default: return false
        }
    }

    /// Whether the `word.utf8.count` bytes at `start` are the lowercase ASCII letters of
    /// `word` in any case. A loop over indices: a zip of the bytes and the word made its
    /// iterator's generic metadata at every call, which cost more than the comparison.
    @inline(__always)
    static func equalsLowercased(_ bytes: [UInt8], from start: Int, _ word: StaticString) -> Bool {
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for offset in letters.indices where bytes[start + offset] | 0x20 != letters[offset] { return false }
        return true
    }

    /// The boolean that the ASCII text of scalar `index` spells as a YAML 1.1 word (`true`,
    /// `yes`, `on`, `false`, `no`, `off`, in any case), on its bytes; nil for other text.
    func asciiBoolWord(_ index: Int32) -> Bool? {
        let record = records[Int(index)]
        let (start, count) = (Int(record.start), Int(record.end - record.start))
        switch count {
        case 2:
            if Self.equalsLowercased(bytes, from: start, "on") { return true }
            if Self.equalsLowercased(bytes, from: start, "no") { return false }
        case 3:
            if Self.equalsLowercased(bytes, from: start, "yes") { return true }
            if Self.equalsLowercased(bytes, from: start, "off") { return false }
        case 4:
            if Self.equalsLowercased(bytes, from: start, "true") { return true }
        case 5:
            if Self.equalsLowercased(bytes, from: start, "false") { return false }
        default: break
        }
        return nil
    }

    /// The tag of scalar `index` as libyaml reports it; empty without one.
    func tag(_ index: Int32) -> String {
        let tag = records[Int(index)].tag
        return tag >= 0 ? tags[Int(tag)] : ""
    }

    func mark(_ index: Int32) -> YAMLNode.Mark {
        let record = records[Int(index)]
        return YAMLNode.Mark(line: Int(record.line), column: Int(record.column))
    }
}
