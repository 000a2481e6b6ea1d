/// Finds, from the bytes alone, the lines of a YAML or JSON file that may hold an env value,
/// so that no diagnostic quotes one — whether the file parses or not.
///
/// Deciding from a successful parse misses exactly the lines diagnostics are about: a syntax
/// error on a value line, a duplicate or mis-indented `value:`, a tab in the indentation.
/// So this reads the lines the way a tolerant YAML scanner would and marks a line when:
/// - it lies in the value of a key that names env vars or an env value — `envs` or `value`,
///   or a near spelling (`env`, `ENVS`, `environment`, `vaule`, `Value`) — in block style
///   (deeper lines, or `- ` items at the key's column) or in flow style (until the
///   collection closes), at any nesting, quoted or not (`"envs": [` in doctl JSON);
/// - it continues a quoted scalar begun on a marked line, or a flow collection opened inside
///   a marked value, whatever its indentation: an unterminated quote marks the rest of the file;
/// - the parser may not place it where it appears: a tab in the indentation, an explicit
///   `? ` or `: ` entry, or a bare scalar in block context (a continuation line, or text that
///   belongs nowhere);
/// - a comment on it mentions such a key (a commented-out value);
/// - it holds an anchored node, when an alias on a marked line may pull that node in.
///
/// Unsure means marked: a marked line only loses its quote under a diagnostic. The scan is
/// linear in the size of the file, whatever its shape.
package enum EnvValueScanner {
    /// Which lines may hold an env value, one flag per line of `lines` (byte ranges of the
    /// lines in `bytes`, without their breaks).
    static func markedLines(in bytes: [UInt8], lines: [Range<Int>]) -> [Bool] {
        let first = scan(bytes, lines: lines, anchorsOpenValues: false)
        // An alias in a marked value may stand for a node written anywhere: mark every
        // anchored node then (anchors are rare in specs, so this costs nothing in practice).
        guard first.aliasOnMarkedLine, first.hasAnchors else { return first.marked }
        return scan(bytes, lines: lines, anchorsOpenValues: true).marked
    }

    // MARK: Lines

    /// The lines of a value that may hold env values, opened by a key on some line: it ends at
    /// the first later line that is neither deeper than `column` nor a `- ` item at it, unless
    /// that line starts inside a flow collection deeper than `depth`.
    private struct Region {
        var column: Int
        var depth: Int
    }

    /// What one line looks like.
    private struct Line {
        /// Leading spaces.
        var indent = 0
        /// A tab in the indentation: YAML forbids it, so where the line belongs is unknown.
        var tabbed = false
        /// Whitespace only.
        var empty = true
        /// A comment only: like a blank line, it belongs to whatever surrounds it.
        var commentOnly = false
        /// Starts with a `- ` sequence entry.
        var dash = false
        /// Starts with an explicit `? ` key or `: ` value.
        var explicit = false
        /// Starts with a scalar in block context that is not a key: nothing places it.
        var bare = false
        /// Starts inside a quoted scalar begun on an earlier line.
        var startsInQuote = false
        /// Is the content of a block scalar (`|`, `>`).
        var inBlockScalar = false
        /// How many flow collections are open where it starts.
        var startDepth = 0
        /// Values that start on this line and may hold env values.
        var opened: [Region] = []
        var mentionsInComment = false
        var hasAnchor = false
        var hasAlias = false

        var isPlaced: Bool { !(tabbed || explicit || bare) }
    }

    /// The scanner's state carried from line to line.
    private struct State {
        var depth = 0
        /// The open quote (`"` or `'`), or 0.
        var quote: UInt8 = 0
        var quotesOpened = 0
        /// The column of a block scalar's parent, and its content's indentation once known.
        var blockParent: Int?
        var blockContent: Int?
    }

    private struct Result {
        var marked: [Bool]
        var aliasOnMarkedLine = false
        var hasAnchors = false
    }

    private static func scan(_ bytes: [UInt8], lines: [Range<Int>], anchorsOpenValues: Bool) -> Result {
        var result = Result(marked: Array(repeating: false, count: lines.count))
        var state = State()
        var quoteLine = 0
        var open: [Region] = []
        for (number, range) in lines.enumerated() {
            let quotesBefore = state.quotesOpened
            let line = read(bytes, range, state: &state, anchorsOpenValues: anchorsOpenValues)
            let continues = line.empty || line.commentOnly || line.startsInQuote || line.inBlockScalar || !line.isPlaced
            open.removeAll { region in
                !(continues || line.startDepth > region.depth || line.indent > region.column
                    || (line.indent == region.column && line.dash))
            }
            var marked = !open.isEmpty || !line.isPlaced || line.mentionsInComment
            if line.startsInQuote, result.marked[quoteLine] { marked = true }
            for region in line.opened {
                marked = true
                // A region inside one already open ends no later than it.
                if !open.contains(where: { $0.column <= region.column && $0.depth <= region.depth }) { open.append(region) }
            }
            result.marked[number] = marked
            if state.quotesOpened != quotesBefore { quoteLine = number }
            if line.hasAnchor { result.hasAnchors = true }
            if line.hasAlias, marked { result.aliasOnMarkedLine = true }
        }
        return result
    }

    // MARK: One line

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// Reads one line, carrying quotes, flow collections and block scalars over from the
    /// line before.
    private static func read(_ bytes: [UInt8], _ range: Range<Int>, state: inout State, anchorsOpenValues: Bool) -> Line {
        var line = Line()
        line.startDepth = state.depth
        line.startsInQuote = state.quote != 0
        var position = range.lowerBound
        while position < range.upperBound, bytes[position] == space { position += 1 }
        line.indent = position - range.lowerBound
        while position < range.upperBound, bytes[position] == space || bytes[position] == tab {
            if bytes[position] == tab { line.tabbed = true }
            position += 1
        }
        line.empty = position == range.upperBound
        if line.empty { line.tabbed = false }
        if let parent = state.blockParent {
            if line.empty {
                line.inBlockScalar = true
            } else if line.indent >= (state.blockContent ?? parent + 1) {
                if state.blockContent == nil { state.blockContent = line.indent }
                line.inBlockScalar = true
            } else {
                state.blockParent = nil
                state.blockContent = nil
            }
        }
        if line.empty { return line }
        if line.inBlockScalar || line.startsInQuote {
            // Where a block or quoted scalar ends is a guess in a broken file: also read the
            // line as if it stood alone, so a wrong guess only marks more.
            var alone = State()
            var standalone = Line()
            standalone.indent = line.indent
            tokens(bytes, range, from: position, state: &alone, into: &standalone, anchorsOpenValues: false)
            line.opened = standalone.opened
            line.mentionsInComment = standalone.mentionsInComment
            if line.inBlockScalar { return line }
        }
        tokens(bytes, range, from: position, state: &state, into: &line, anchorsOpenValues: anchorsOpenValues)
        return line
    }

    /// Walks the tokens of a line from `start`, updating `state` and recording in `line` the
    /// keys, anchors, aliases and comments found and how the line begins.
    private static func tokens(
        _ bytes: [UInt8], _ range: Range<Int>, from start: Int, state: inout State, into line: inout Line,
        anchorsOpenValues: Bool
    ) {
        let end = range.upperBound
        var i = start
        var nodeStart = true
        var first = true
        var sawKey = false
        var firstIsScalar = false
        var columns = ColumnCounter(lineStart: range.lowerBound)
        // The column of the key or `- ` whose value a block scalar on this line would be.
        var owner = line.indent

        func openValue(keyAt keyStart: Int) {
            let column = state.depth == 0 ? columns.column(of: keyStart, in: bytes) : line.indent
            line.opened.append(Region(column: column, depth: state.depth))
        }
        func blankAfter(_ j: Int) -> Bool { j + 1 >= end || bytes[j + 1] == space || bytes[j + 1] == tab }
        // The index after the closing quote, or `end` with the quote left open.
        func skipQuoted(from j: Int) -> Int {
            var k = j
            while k < end {
                let c = bytes[k]
                if state.quote == UInt8(ascii: "\"") {
                    if c == UInt8(ascii: "\\") {
                        k += 2
                        continue
                    }
                    if c == UInt8(ascii: "\"") {
                        state.quote = 0
                        return k + 1
                    }
                } else if c == UInt8(ascii: "'") {
                    if k + 1 < end, bytes[k + 1] == UInt8(ascii: "'") {
                        k += 2
                        continue
                    }
                    state.quote = 0
                    return k + 1
                }
                k += 1
            }
            return end
        }
        // The `:` that makes the scalar ending at `j` a key, if one follows.
        func colonAfter(_ j: Int) -> Int? {
            var k = j
            while k < end, bytes[k] == space || bytes[k] == tab { k += 1 }
            return k < end && bytes[k] == UInt8(ascii: ":") ? k : nil
        }

        if state.quote != 0 {
            i = min(skipQuoted(from: i), end)
            nodeStart = false
            first = false
            if state.quote == 0, let colon = colonAfter(i) {
                // The key's text began on an earlier line; judge it by what is here.
                if sensitiveKey(bytes[start..<i]) { openValue(keyAt: start) }
                i = colon + 1
                nodeStart = true
                sawKey = true
            }
        }
        while i < end {
            let c = bytes[i]
            if c == space || c == tab {
                i += 1
                continue
            }
            if c == UInt8(ascii: "#"), i == range.lowerBound || bytes[i - 1] == space || bytes[i - 1] == tab {
                if first { line.commentOnly = true }
                if mentionsSensitiveWord(bytes[(i + 1)..<end]) { line.mentionsInComment = true }
                break
            }
            let atFirst = first
            first = false
            if state.depth > 0 {
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    state.depth += 1
                    nodeStart = true
                    i += 1
                    continue
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    state.depth -= 1
                    nodeStart = false
                    i += 1
                    continue
                case UInt8(ascii: ","):
                    nodeStart = true
                    i += 1
                    continue
                default: break
                }
            }
            if nodeStart {
                switch c {
                case UInt8(ascii: "-") where state.depth == 0 && blankAfter(i):
                    if atFirst { line.dash = true }
                    owner = columns.column(of: i, in: bytes)
                    first = atFirst
                    i += 1
                    continue
                case UInt8(ascii: "?") where blankAfter(i), UInt8(ascii: ":") where blankAfter(i):
                    if atFirst { line.explicit = true }
                    i += 1
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    state.depth += 1
                    i += 1
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    let opening = i
                    state.quote = c
                    state.quotesOpened += 1
                    i = min(skipQuoted(from: i + 1), end)
                    nodeStart = false
                    if state.quote == 0, let colon = colonAfter(i) {
                        if sensitiveKey(bytes[(opening + 1)..<(i - 1)]) { openValue(keyAt: opening) }
                        owner = columns.column(of: opening, in: bytes)
                        i = colon + 1
                        nodeStart = true
                        sawKey = true
                    } else if atFirst, state.depth == 0, !line.dash {
                        firstIsScalar = true
                    }
                    continue
                case UInt8(ascii: "|") where state.depth == 0, UInt8(ascii: ">") where state.depth == 0:
                    var explicitIndent: Int?
                    var k = i + 1
                    while k < end,
                        bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-")
                            || (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[k])
                    {
                        if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[k]) { explicitIndent = Int(bytes[k] - UInt8(ascii: "0")) }
                        k += 1
                    }
                    state.blockParent = owner
                    state.blockContent = explicitIndent.map { owner + $0 }
                    if let hash = bytes[k..<end].firstIndex(of: UInt8(ascii: "#")), mentionsSensitiveWord(bytes[(hash + 1)..<end]) {
                        line.mentionsInComment = true
                    }
                    return
                case UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "*"):
                    while i < end, bytes[i] != space, bytes[i] != tab,
                        state.depth == 0 || ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(bytes[i])
                    {
                        i += 1
                    }
                    if c == UInt8(ascii: "*") {
                        line.hasAlias = true
                        nodeStart = false
                        if let colon = colonAfter(i) {
                            i = colon + 1
                            nodeStart = true
                            sawKey = true
                        } else if atFirst, state.depth == 0, !line.dash {
                            firstIsScalar = true
                        }
                    } else {
                        first = atFirst
                        if c == UInt8(ascii: "&") {
                            line.hasAnchor = true
                            if anchorsOpenValues { line.opened.append(Region(column: line.indent, depth: state.depth)) }
                        }
                    }
                    continue
                case UInt8(ascii: "%") where atFirst && line.indent == 0:
                    return
                default: break
                }
            }
            // A plain scalar, perhaps a key: it runs to `: `, ` #`, the line's end, or in flow
            // context to a flow indicator.
            let scalarStart = i
            var k = i
            var keyColon: Int?
            while k < end {
                let d = bytes[k]
                if d == UInt8(ascii: ":") {
                    let next = k + 1 < end ? bytes[k + 1] : space
                    if next == space || next == tab
                        || (state.depth > 0 && (next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: "}")))
                    {
                        keyColon = k
                        break
                    }
                }
                if d == UInt8(ascii: "#"), k > scalarStart, bytes[k - 1] == space || bytes[k - 1] == tab { break }
                if state.depth > 0, flowIndicators.contains(d) { break }
                k += 1
            }
            if let colon = keyColon {
                if sensitiveKey(bytes[scalarStart..<colon]) { openValue(keyAt: scalarStart) }
                owner = columns.column(of: scalarStart, in: bytes)
                sawKey = true
                nodeStart = true
                i = colon + 1
            } else {
                if atFirst, state.depth == 0, !line.dash, !isDocumentMarker(bytes[scalarStart..<k]) { firstIsScalar = true }
                nodeStart = false
                i = k
            }
        }
        if firstIsScalar, !sawKey { line.bare = true }
    }

    private static let flowIndicators: Set<UInt8> = [
        UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
    ]

    /// Counts columns (Unicode scalars, as libyaml does) from a line's start, moving forward
    /// only, so a long line with many keys costs its length once.
    private struct ColumnCounter {
        var position: Int
        var column = 0

        init(lineStart: Int) { position = lineStart }

        mutating func column(of index: Int, in bytes: [UInt8]) -> Int {
            while position < index {
                if bytes[position] & 0xC0 != 0x80 { column += 1 }
                position += 1
            }
            return column
        }
    }

    private static func isDocumentMarker(_ token: ArraySlice<UInt8>) -> Bool {
        token.elementsEqual("---".utf8) || token.elementsEqual("...".utf8)
    }

    // MARK: Words

    /// Whether a key names env vars or an env value: `envs`, `value` or something near either.
    /// A key written with an escape (`"env\u0073"`) could be anything, so it counts.
    static func sensitiveKey(_ key: ArraySlice<UInt8>) -> Bool {
        if key.contains(UInt8(ascii: "\\")) { return true }
        return withFolded(key, sensitiveWord)
    }

    /// Whether `key` is one of the names that mark a line (`value`, `envs`, a near spelling):
    /// a field name, not a value, so a message may repeat it.
    package static func isEnvFieldName(_ key: String) -> Bool {
        key.utf8.count <= 12 && !key.utf8.contains(UInt8(ascii: "\\")) && withFolded(key.utf8, sensitiveWord)
    }

    static func mentionsSensitiveWord(_ text: ArraySlice<UInt8>) -> Bool {
        var word: [UInt8] = []
        for byte in text {
            if isWordByte(byte) {
                word.append(byte)
            } else {
                if !word.isEmpty, withFolded(word, sensitiveWord) { return true }
                word.removeAll(keepingCapacity: true)
            }
        }
        return !word.isEmpty && withFolded(word, sensitiveWord)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte >= 0x80
    }

    /// ASCII letters and digits only, lowercased, so `Env_Vars`, `"ENVS"`, `env-vars` and a key
    /// behind a byte order mark, a no-break space or a look-alike letter compare alike. Long
    /// words are cut: no key near `envs` or `value` is long, and the comparison must stay
    /// cheap whatever the input. Folded into a buffer on the stack: this runs for every key
    /// of every file a diagnostic quotes.
    static func withFolded<Result>(_ key: some Sequence<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: foldedLimit + 1) { buffer in
            var count = 0
            for byte in key {
                if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                    buffer[count] = byte | 0x20
                    count += 1
                } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    buffer[count] = byte
                    count += 1
                }
                if count > foldedLimit { break }
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// A folded word stops at one byte past this many.
    static let foldedLimit = 32

    private static let envs = Array("envs".utf8)
    private static let value = Array("value".utf8)

    static func sensitiveWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.starts(with: envs.prefix(3)) { return true }
        // Only a word that may be that close is measured: an edit distance is at least the
        // difference in length, and at least the longer word's letters less those the two
        // share (each edit brings at most one more in). `envs` and `value` repeat no letter,
        // so what they share with a word is the letters of theirs it holds.
        let letters = letterMask(word)
        if word.count <= 6, abs(word.count - envs.count) <= 1,
            max(word.count, envs.count) - (letters & envsLetters).nonzeroBitCount <= 1, distance(word, envs) <= 1
        {
            return true
        }
        if word.count >= 3, word.count <= 8, abs(word.count - value.count) <= 2,
            max(word.count, value.count) - (letters & valueLetters).nonzeroBitCount <= 2, distance(word, value) <= 2
        {
            return true
        }
        return word.count >= 4 && word.indices.contains { word[$0...].starts(with: value.prefix(4)) }
    }

    /// One bit for each of the letters `a` to `z` a folded word holds.
    private static func letterMask(_ word: some Sequence<UInt8>) -> UInt32 {
        var mask: UInt32 = 0
        for byte in word where byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { mask |= 1 << UInt32(byte - UInt8(ascii: "a")) }
        return mask
    }

    private static let envsLetters = letterMask(envs)
    private static let valueLetters = letterMask(value)

    /// Levenshtein distance of two short words (both at most a few dozen bytes), in two rows on the stack.
    private static func distance(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows in
            var previous = UnsafeMutableBufferPointer(rebasing: rows[0..<width])
            var current = UnsafeMutableBufferPointer(rebasing: rows[width..<(2 * width)])
            for j in 0..<width { previous[j] = j }
            for i in 1...a.count {
                current[0] = i
                for j in 1...b.count {
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[b.count]
        }
    }
}
