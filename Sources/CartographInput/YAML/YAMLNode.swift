/// A node of a YAML document as ``YAMLComposer`` builds it from libyaml's events: what the
/// readers need (text, style, tag, where it starts) and nothing more. An alias is the node
/// it names, as written where the anchor is.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    /// Where a node starts: 1-based line, and column in Unicode scalars.
    struct Mark: Sendable, Hashable {
        var line: Int
        var column: Int
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

        var string: String
        var style: Style
        /// The tag as libyaml reports it (`tag:yaml.org,2002:int` for `!!int`); for a quoted
        /// scalar without one, `tag:yaml.org,2002:str`; empty for a plain scalar without one.
        var tag: String
        /// Written as a mapping key. Yams, which composed documents before, resolved the
        /// tag of every key in place while looking for duplicates, and an alias of an
        /// anchored key shared that tag: such an alias then read as typed. Kept, so that
        /// every document reads as it did.
        var isKey: Bool
        var mark: Mark

        /// A plain scalar whose type its text decides (`5` is an integer, `yes` a boolean).
        var isTypedByItsText: Bool { style == .plain && tag.isEmpty && !isKey }
    }

    struct Mapping: RandomAccessCollection, Sendable {
        var pairs: [(key: YAMLNode, value: YAMLNode)]
        /// The text of each key that is a scalar (nil for any other), in order: what readers
        /// look keys up by, kept apart so that a lookup compares strings without copying nodes.
        var keys: [String?]
        var mark: Mark

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
    }

    struct List: RandomAccessCollection, Sendable {
        var nodes: [YAMLNode]
        var mark: Mark

        var startIndex: Int { nodes.startIndex }
        var endIndex: Int { nodes.endIndex }
        subscript(position: Int) -> YAMLNode { nodes[position] }
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
