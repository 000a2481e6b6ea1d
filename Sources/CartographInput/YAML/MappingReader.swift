package import CartographModel

/// Reads the fields of one YAML mapping into typed values, reporting wrong types, unknown
/// keys (with a did-you-mean hint) and missing required fields at their exact location.
///
/// Decoding by hand rather than through `Codable` is what makes every diagnostic located:
/// a `DecodingError` carries a key path but no line.
package struct MappingReader {
    package let context: YAMLReadContext
    /// What this mapping is, for messages: "service", "health_check".
    package let what: String
    /// How deep this mapping sits in the document; bounded by ``YAMLLoader/Limits/maxDepth``.
    package let depth: Int
    /// The mapping, shared with the node: nothing is copied to read it.
    private let mapping: YAMLNode.Mapping
    /// The first entry of each key, for a large mapping: lookups stay constant-time in a
    /// mapping of any size (a status file's `apps:` has one entry per app, read key by key).
    /// A small one (a component's dozen fields, looked up forty times) is searched instead,
    /// comparing bytes, which costs less than hashing each key.
    private let index: [String: Int]
    private static let largestSearched = 16

    /// Reads `node` as a mapping; reports an error and returns nil when it is something else.
    init?(_ node: YAMLNode, what: String, context: YAMLReadContext, depth: Int = 0) {
        guard context.spend(on: node) else { return nil }
        guard depth <= YAMLLoader.Limits.maxDepth else {
            context.error("nesting deeper than \(YAMLLoader.Limits.maxDepth) levels", at: node)
            return nil
        }
        guard case .mapping(let mapping) = node else {
            context.error("\(what) must be a mapping, found \(context.describe(node))", at: node)
            return nil
        }
        // Its values are paid for in one sum when the budget holds them all, as it nearly
        // always does; only a mapping that runs it out pays value by value.
        let paid = context.spend(all: mapping.count)
        for position in mapping.indices {
            guard paid || context.spend(on: mapping.value(at: position)) else { return nil }
            guard !mapping.keyIsScalar(at: position) else { continue }
            let key = mapping.key(at: position)
            context.error("keys in \(what) must be strings, found \(context.describe(key))", at: key)
        }
        var index: [String: Int] = [:]
        if mapping.count > Self.largestSearched {
            for position in mapping.indices {
                if let key = mapping.keyText(at: position), index[key] == nil { index[key] = position }
            }
        }
        // Every field set at once, at the end: set one by one before a `return nil`, the
        // reader was copied and destroyed on the way (a retain and release of each field).
        self.context = context
        self.what = what
        self.depth = depth
        self.mapping = mapping
        self.index = index
    }

    package var keys: [String] { mapping.keys.compactMap { $0 } }

    /// Whether the mapping has `key`, null or not.
    func has(_ key: String) -> Bool { position(of: key) != nil }

    private func position(of key: String) -> Int? {
        guard index.isEmpty else { return index[key] }
        return mapping.position(ofKey: key)
    }

    func value(_ key: String) -> YAMLNode? {
        guard let position = position(of: key), !mapping.valueIsNull(at: position) else { return nil }
        return mapping.value(at: position)
    }

    func keyNode(_ key: String) -> YAMLNode? {
        position(of: key).map(mapping.key(at:))
    }

    var node: YAMLNode { .mapping(mapping) }

    package var location: SourceLocation { context.location(of: node) }

    package func location(of key: String) -> SourceLocation {
        keyNode(key).map(context.location(of:)) ?? location
    }

    /// Reports every key not in `known`; `hints` name a replacement for keys people often
    /// write by mistake. A key on a line that may hold an env value is named only when it is
    /// a misspelling of a known key or an env field's name (`value` under a service): anything
    /// else there may be a value that became a key.
    func rejectUnknownKeys(_ known: [String], hints: [String: String] = [:]) {
        // Searched rather than hashed: a few keys against a few dozen known ones.
        for position in mapping.indices where !mapping.key(at: position, isOneOf: known) {
            guard let key = mapping.keyText(at: position) else { continue }
            let keyNode = mapping.key(at: position)
            var hint = hints[key].map { "did you mean '\($0)'?" }
            if hint == nil, let guess = context.spelling.closest(to: key, in: known) {
                hint = "did you mean '\(guess)'?"
            }
            let named = hint != nil || context.mayQuote(keyNode) || EnvValueScanner.isEnvFieldName(key)
            context.error(named ? "unknown key '\(key)' in \(what)" : "unknown key in \(what)", at: keyNode, hint: hint)
        }
    }

    /// Reports a missing required field at the mapping itself.
    func require(_ key: String) {
        if value(key) == nil {
            context.diagnostics.error("\(what) is missing required field '\(key)'", at: location)
        }
    }

    // MARK: Scalars

    package func string(_ key: String) -> String? {
        guard let position = position(of: key) else { return nil }
        // Most values are text that is a string by its first byte: read without a node.
        if let text = mapping.evidentString(at: position) { return text }
        guard !mapping.valueIsNull(at: position) else { return nil }
        return Self.string(mapping.value(at: position), field: key, context: context)
    }

    package func located(_ key: String) -> Located<String>? {
        guard let position = position(of: key) else { return nil }
        if let text = mapping.evidentString(at: position) {
            return Located(text, at: context.location(at: mapping.valueMark(at: position)))
        }
        guard !mapping.valueIsNull(at: position) else { return nil }
        let node = mapping.value(at: position)
        guard let text = Self.string(node, field: key, context: context) else { return nil }
        return Located(text, at: context.location(of: node))
    }

    static func string(_ node: YAMLNode, field: String, context: YAMLReadContext) -> String? {
        guard case .scalar(let scalar) = node else {
            context.error("'\(field)' must be a string, found \(context.describe(node))", at: node)
            return nil
        }
        if scalar.isTypedByItsText {
            if !scalar.readsAsString {
                let quotable = context.mayQuote(node)
                context.error(
                    "'\(field)' must be a string, found \(context.describe(node))", at: node,
                    hint: quotable ? "quote it: \"\(scalar.string)\"" : "quote it")
                return nil
            }
        }
        return scalar.string
    }

    package func int(_ key: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let number = Int(scalar.string) else {
            context.error("'\(key)' must be an integer, found \(context.describe(node))", at: node)
            return nil
        }
        if let range, !range.contains(number) {
            let found = context.mayQuote(node) ? ", found \(number)" : ""
            context.error("'\(key)' must be between \(range.lowerBound) and \(range.upperBound)\(found)", at: node)
            return nil
        }
        return number
    }

    package func double(_ key: String) -> Double? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let number = Double(scalar.string) else {
            context.error("'\(key)' must be a number, found \(context.describe(node))", at: node)
            return nil
        }
        return number
    }

    private static let trueWords = ["true", "yes", "on"]
    private static let falseWords = ["false", "no", "off"]

    package func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        if case .scalar(let scalar) = node, scalar.style == .plain {
            // Read on the bytes where the text is ASCII, as it nearly always is: a `String`
            // made of every boolean a spec holds cost more than the lookup that found it.
            if scalar.isASCII {
                if let word = scalar.tree.asciiBoolWord(scalar.index) { return word }
            } else {
                if Self.trueWords.contains(where: scalar.string.isASCIICaseInsensitively) { return true }
                if Self.falseWords.contains(where: scalar.string.isASCIICaseInsensitively) { return false }
            }
        }
        context.error("'\(key)' must be true or false, found \(context.describe(node))", at: node)
        return nil
    }

    /// A monthly amount in US dollars ("12", "12.50", "$12") from $0 to
    /// ``Money/maximumInput``; reports anything else at the value.
    /// - Parameter what: the value in messages: "price of 'basic-xs'".
    package func money(_ key: String, what: String, example: String) -> Money? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, Money.isWrittenAsAmount(scalar.string) else {
            context.error("\(what) must be a dollar amount such as \(example), found \(node.kindDescription)", at: node)
            return nil
        }
        guard let money = Money(parsing: scalar.string), money <= Money.maximumInput else {
            context.error("\(what) must be at most \(Money.maximumInput) a month", at: node)
            return nil
        }
        return money
    }

    /// A string that must be one of `allowed`; reports the allowed values otherwise.
    func enumeration<E: RawRepresentable<String>>(_ key: String, _ type: E.Type, allowed: [E]) -> E? {
        guard let position = position(of: key) else { return nil }
        let node = mapping.value(at: position)
        guard let raw = mapping.evidentString(at: position) ?? value(key).flatMap({ Self.string($0, field: key, context: context) })
        else { return nil }
        if let value = E(rawValue: raw), allowed.contains(where: { $0.rawValue == raw }) { return value }
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        let guess = context.spelling.closest(to: raw, in: allowed.map(\.rawValue), caseInsensitive: true)
        // Named only where it cannot be an env value, or when it misspells an allowed one.
        let shown = guess != nil || context.mayQuote(node) ? " '\(raw)'" : ""
        context.error(
            "invalid \(key)\(shown) in \(what); expected one of: \(list)", at: node,
            hint: guess.map { "did you mean '\($0)'?" })
        return nil
    }

    // MARK: Collections

    package func mapping<T>(_ key: String, what: String? = nil, _ read: (MappingReader) -> T?) -> T? {
        guard let node = value(key),
            let reader = MappingReader(node, what: what ?? key, context: context, depth: depth + 1)
        else { return nil }
        return read(reader)
    }

    /// Reads a list whose items are mappings.
    package func list<T>(_ key: String, item: String, _ read: (MappingReader) -> T?) -> [T] {
        let items = sequence(key)
        guard !items.isEmpty else { return [] }
        // Room for every item at once: a list of components grew its array of large values
        // item by item.
        var values: [T] = []
        values.reserveCapacity(items.count)
        for node in items {
            if let reader = MappingReader(node, what: item, context: context, depth: depth + 2), let value = read(reader) {
                values.append(value)
            }
        }
        return values
    }

    /// Reads a list of strings.
    package func strings(_ key: String) -> [String] {
        let items = sequence(key)
        return items.indices.compactMap { position in
            items.base.evidentString(at: position) ?? Self.string(items[position], field: key, context: context)
        }
    }

    func locatedStrings(_ key: String) -> [Located<String>] {
        sequence(key).compactMap { node in
            Self.string(node, field: key, context: context).map { Located($0, at: context.location(of: node)) }
        }
    }

    func integers(_ key: String) -> [Int] {
        sequence(key).compactMap { node in
            guard case .scalar(let scalar) = node, scalar.style == .plain, let n = Int(scalar.string) else {
                context.error("items of '\(key)' must be integers, found \(context.describe(node))", at: node)
                return nil
            }
            return n
        }
    }

    /// The nodes of a list field, as far as the budget pays for them (each is paid for
    /// before any is read); reports a non-list. The list itself, not a copy of its nodes.
    func sequence(_ key: String) -> Slice<YAMLNode.List> {
        guard let node = value(key) else { return YAMLNode.List.empty[...] }
        guard case .sequence(let sequence) = node else {
            context.error("'\(key)' must be a list, found \(context.describe(node))", at: node)
            return YAMLNode.List.empty[...]
        }
        guard !context.spend(all: sequence.count) else { return sequence[...] }
        var paid = 0
        for item in sequence {
            guard context.spend(on: item) else { break }
            paid += 1
        }
        return sequence.prefix(paid)
    }
}

/// A value with the place it was written.
package struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    package var value: Value
    package var location: SourceLocation

    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
