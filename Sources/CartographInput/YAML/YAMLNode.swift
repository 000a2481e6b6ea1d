/// A node of a YAML document as ``YAMLComposer`` builds it from libyaml's events: what the
/// readers need (text, style, tag, where it starts) and nothing more. An alias is the node
/// it names, as written where the anchor is.
///
/// Each case is a place in the document's ``YAMLTree``: copying a node copies a reference
/// and an index, never its text or its children.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    /// Where a node starts: 1-based line, and column in Unicode scalars.
    struct Mark: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    /// Node `index` of `tree`. Made for every node a reader looks up: always inlined, so
    /// that a lookup that goes no further (a null, a key that is absent) makes none.
    @inline(__always)
    init(_ tree: YAMLTree, _ index: Int32) {
        switch tree.records[Int(index)].kind {
        case .scalar: self = .scalar(Scalar(tree: tree, index: index))
        case .mapping: self = .mapping(Mapping(tree: tree, index: index))
        case .sequence: self = .sequence(List(tree: tree, index: index))
        }
    }

    struct Scalar: Sendable {
        /// libyaml's scalar styles, in its order.
        enum Style: UInt32, Sendable {
            case any = 0
            case plain
            case singleQuoted
            case doubleQuoted
            case literal
            case folded
        }

        let tree: YAMLTree
        let index: Int32

        var string: String { tree.text(index) }
        /// The text's bytes, for the questions a byte answers (see ``textKind``).
        var utf8: ArraySlice<UInt8> { tree.utf8(index) }
        /// Every byte of the text is ASCII.
        var isASCII: Bool { tree.records[Int(index)].isASCII }
        var style: Style { tree.records[Int(index)].style }
        /// The tag as libyaml reports it (`tag:yaml.org,2002:int` for `!!int`); for a quoted
        /// scalar without one, `tag:yaml.org,2002:str`; empty for a plain scalar without one.
        var tag: String { tree.tag(index) }
        /// Written as a mapping key. Yams, which composed documents before, resolved the
        /// tag of every key in place while looking for duplicates, and an alias of an
        /// anchored key shared that tag: such an alias then read as typed. Kept, so that
        /// every document reads as it did.
        var isKey: Bool { tree.records[Int(index)].isKey }
        var mark: Mark { tree.mark(index) }

        /// A plain scalar whose type its text decides (`5` is an integer, `yes` a boolean).
        var isTypedByItsText: Bool {
            let record = tree.records[Int(index)]
            return record.style == .plain && record.tag < 0 && !record.isKey
        }
    }

    struct Mapping: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        let index: Int32

        var startIndex: Int { 0 }
        var endIndex: Int {
            let record = tree.records[Int(index)]
            return Int(record.end - record.start) / 2
        }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            (YAMLNode(tree, keyIndex(at: position)), YAMLNode(tree, valueIndex(at: position)))
        }

        var mark: Mark { tree.mark(index) }

        /// The text of each key that is a scalar (nil for any other), in order.
        var keys: [String?] { indices.map { keyText(at: $0) } }

        func keyText(at position: Int) -> String? {
            let key = keyIndex(at: position)
            return tree.records[Int(key)].kind == .scalar ? tree.text(key) : nil
        }

        func keyIsScalar(at position: Int) -> Bool { tree.records[Int(keyIndex(at: position))].kind == .scalar }

        func valueIsNull(at position: Int) -> Bool { tree.isNull(valueIndex(at: position)) }

        /// The value's text when it evidently reads as a string (see ``YAMLTree/evidentString(_:)``).
        func evidentString(at position: Int) -> String? { tree.evidentString(valueIndex(at: position)) }

        func valueMark(at position: Int) -> Mark { tree.mark(valueIndex(at: position)) }

        func key(at position: Int) -> YAMLNode { YAMLNode(tree, keyIndex(at: position)) }
        func value(at position: Int) -> YAMLNode { YAMLNode(tree, valueIndex(at: position)) }

        /// Where the first key whose text is `key` sits, comparing as `String` does.
        func position(ofKey key: String) -> Int? { tree.position(ofKey: key, inMapping: index) }

        /// Whether the key at `position` is a scalar whose text is one of `texts`,
        /// comparing as `String` does.
        func key(at position: Int, isOneOf texts: [String]) -> Bool {
            tree.text(keyIndex(at: position), isOneOf: texts)
        }

        @inline(__always)
        private func keyIndex(at position: Int) -> Int32 {
            tree.children[Int(tree.records[Int(index)].start) + 2 * position]
        }

        @inline(__always)
        private func valueIndex(at position: Int) -> Int32 {
            tree.children[Int(tree.records[Int(index)].start) + 2 * position + 1]
        }
    }

    struct List: RandomAccessCollection, Sendable {
        let tree: YAMLTree
        let index: Int32

        var startIndex: Int { 0 }
        var endIndex: Int {
            let record = tree.records[Int(index)]
            return Int(record.end - record.start)
        }
        subscript(position: Int) -> YAMLNode {
            YAMLNode(tree, tree.children[Int(tree.records[Int(index)].start) + position])
        }

        var mark: Mark { tree.mark(index) }

        /// The item's text when it evidently reads as a string (see ``YAMLTree/evidentString(_:)``).
        func evidentString(at position: Int) -> String? {
            tree.evidentString(tree.children[Int(tree.records[Int(index)].start) + position])
        }

        /// A list without items, of a tree without nodes.
        static let empty = List(tree: YAMLTree.empty, index: 0)
    }

    /// The text of a scalar; nil for a list or a mapping.
    var scalarText: String? {
        guard case .scalar(let scalar) = self else { return nil }
        return scalar.string
    }

    var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let list): list.mark
        }
    }
}
