package import CartographModel

/// cmark's safe mode, applied to a page's Markdown before it goes into the Markdown map: the
/// site's renderer drops raw HTML and `javascript:`-style links from the HTML, and other
/// renderers of the map — GitHub, GitLab, an editor's preview — may not. Everything else is
/// kept byte for byte.
///
/// cmark-gfm finds what to drop (never a regular expression). Raw HTML is cut out at its
/// source position, checked against the text cmark read; a dangerous link has its opening
/// bracket escaped, so it shows as the text it was written as. Cutting can join what was
/// around it into a new tag (`<<b>b>`), so the text is parsed again until nothing is left;
/// what survives a few rounds is escaped into visible text instead.
package enum MarkdownSafeMode {
    static let maxPasses = 4

    package static func apply(to markdown: String) -> String {
        guard mayHoldUnsafeNodes(markdown) else { return markdown }
        return applyParsing(to: markdown)
    }

    /// Whether cmark could find anything to drop: raw HTML starts with `<`, and a link with a
    /// destination of its own has one after `](` (inline) or `]:` (a definition a reference
    /// uses). GitHub's bare links (`www.`, `https://`, an address) never have a dangerous
    /// scheme. A page of task items (`- [x]`) and bare links, as most are, needs no parse:
    /// cmark parses one document at a time, so a thousand pages took the map's stage
    /// longer than building it.
    static func mayHoldUnsafeNodes(_ markdown: String) -> Bool {
        var previous: UInt8 = 0
        for byte in markdown.utf8 {
            if byte == UInt8(ascii: "<") { return true }
            if previous == UInt8(ascii: "]"), byte == UInt8(ascii: "(") || byte == UInt8(ascii: ":") { return true }
            previous = byte
        }
        return false
    }

    /// ``apply(to:)`` by parsing, whatever the text holds.
    static func applyParsing(to markdown: String) -> String {
        var bytes = Array(markdown.utf8)
        for pass in 0..<(2 * maxPasses) {
            let nodes = CommonMark.unsafeNodes(in: String(decoding: bytes, as: UTF8.self))
            if nodes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            bytes = neutralizing(nodes, in: bytes, cut: pass < maxPasses)
        }
        // Beyond any page a person writes: nothing is left to open a tag or a link.
        return String(decoding: bytes, as: UTF8.self).replacingAll("<", with: "&lt;").replacingAll("[", with: "&#91;")
    }

    /// The text with each raw HTML node cut out (when `cut`) or its opening `<` escaped,
    /// and each dangerous link's opening bracket escaped.
    static func neutralizing(_ nodes: [CommonMark.UnsafeNode], in bytes: [UInt8], cut: Bool) -> [UInt8] {
        var lines = [0]
        for index in bytes.indices where bytes[index] == 0x0A { lines.append(index + 1) }
        var edits: [(range: Range<Int>, replacement: [UInt8])] = []
        for node in nodes {
            guard node.line >= 1, node.line <= lines.count else { continue }
            let line = lines[node.line - 1]..<((bytes[lines[node.line - 1]...].firstIndex(of: 0x0A)) ?? bytes.count)
            guard let start = start(of: node, column: node.column, in: bytes, line: line) else { continue }
            if cut, node.kind != .link, let end = end(of: node, from: start, in: bytes) {
                edits.append((start..<end, []))
            } else {
                // A backslash makes the opening `<` (HTML, an autolink) or `[` (a link,
                // an image's `![`) text.
                let open = bytes[start] == UInt8(ascii: "!") ? start + 1 : start
                edits.append((open..<open, [UInt8(ascii: "\\")]))
            }
        }
        return applying(edits, to: bytes)
    }

    /// Where a node starts in the source: at its column when the text there is the node's
    /// (cmark's columns drift in a paragraph a table-like line has confused), else where
    /// its text first appears on its line; nil when neither holds.
    static func start(of node: CommonMark.UnsafeNode, column: Int, in bytes: [UInt8], line: Range<Int>) -> Int? {
        let needles: [[UInt8]]
        switch node.kind {
        case .link: needles = [Array("<\(node.literal)".utf8), Array("[".utf8), Array("![".utf8)]
        case .htmlBlock, .htmlInline: needles = [Array(node.literal.utf8.prefix { $0 != 0x0A })]
        }
        let at = line.lowerBound + column - 1
        if line.contains(at) || at == line.upperBound, needles.contains(where: { bytes[at...].starts(with: $0) }) { return at }
        // The autolink or the HTML itself on its line (a link's `[` cannot be told apart).
        guard let needle = needles.first, !needle.isEmpty else { return nil }
        return line.first { bytes[$0...].starts(with: needle) && $0 + needle.count <= line.upperBound }
    }

    /// Where raw HTML ends in the source, found by matching its literal line by line:
    /// continuation lines in the source carry container prefixes (`> `, a list item's
    /// indentation) that the literal does not. A block's literal ends with its line break,
    /// so a block is cut with its last line's end. Nil when the source does not hold the
    /// literal at `start` (cmark's end positions are not reliable enough to use instead).
    static func end(of node: CommonMark.UnsafeNode, from start: Int, in bytes: [UInt8]) -> Int? {
        let literal = Array(node.literal.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        guard let first = literal.first, bytes[start...].starts(with: first) else { return nil }
        var cursor = start + first.count
        for (index, part) in literal.enumerated().dropFirst() {
            let lineEnd = bytes[cursor...].firstIndex(of: 0x0A) ?? bytes.count
            guard bytes[cursor..<lineEnd].allSatisfy({ " \t\r".utf8.contains($0) }) else { return nil }
            if part.isEmpty, index == literal.count - 1 { return min(lineEnd + 1, bytes.count) }
            guard lineEnd < bytes.count else { return nil }
            cursor = lineEnd + 1
            while cursor < bytes.count, !bytes[cursor...].starts(with: part) {
                guard " \t>".utf8.contains(bytes[cursor]) else { return nil }
                cursor += 1
            }
            guard bytes[cursor...].starts(with: part) else { return nil }
            cursor += part.count
        }
        return cursor
    }

    /// Applies non-overlapping edits, last first so earlier offsets stay valid; of two
    /// edits at one place the first wins.
    static func applying(_ edits: [(range: Range<Int>, replacement: [UInt8])], to bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var limit = Int.max
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound })
        where edit.range.upperBound <= limit && edit.range.lowerBound < limit {
            out.replaceSubrange(edit.range, with: edit.replacement)
            limit = edit.range.lowerBound
        }
        return out
    }
}
