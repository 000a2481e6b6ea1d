package import CartographModel

/// One logical line of a box before wrapping: a sequence of runs that the wrapper keeps
/// together where it can.
///
/// A run is the unit a line prefers to break between: a word of prose, a path segment
/// ending in `/`, or a deliberately larger unit such as `(worker, basic-xxs)`. A run that
/// does not fit on a line of its own is broken at its spaces and slashes, and a single
/// token still too long is broken anywhere with a visible continuation mark.
struct Paragraph: Sendable, Hashable {
    struct Run: Sendable, Hashable {
        var text: String
        /// True when the run continues the previous one with no space between (after a `/`).
        var joinsPrevious: Bool
        /// Display width of `text`.
        var width: Int
        /// The run's words, when it has more than one: where it breaks if it must.
        var words: [Run]

        init(text: String, joinsPrevious: Bool) {
            self.init(text: text, joinsPrevious: joinsPrevious, width: DisplayWidth.of(text))
        }

        /// - Parameter width: the display width of `text`, known already.
        init(text: String, joinsPrevious: Bool, width: Int) {
            self.text = text
            self.joinsPrevious = joinsPrevious
            self.width = width
            words = []
        }

        /// A run kept whole where it fits, knowing its words for when it does not.
        static func unit(_ text: String) -> Run {
            var run = Run(text: text, joinsPrevious: false)
            if isOneWord(text) { return run }
            let words = Paragraph.words(text)
            if words.count > 1 { run.words = words }
            return run
        }

        /// True when clean text is sure to be one word, found without splitting it: it has no
        /// space and no slash, and, when not ASCII, is ``LoneScalars`` with no two wide
        /// characters side by side (a bullet, a status mark, a name with an accent).
        static func isOneWord(_ text: String) -> Bool {
            if LoneScalars.isPrintableASCII(text) {
                return !text.utf8.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "/") }
            }
            var afterWide = false
            for scalar in text.unicodeScalars {
                guard scalar != " ", scalar != "/", LoneScalars.contains(scalar.value) else { return false }
                let wide = !scalar.isASCII && DisplayWidth.of(scalar) == 2
                if wide, afterWide { return false }
                afterWide = wide
            }
            return true
        }
    }

    let runs: [Run]
    /// The paragraph's width on one line: its runs and a space before each that does not
    /// join the one before. Where it fits, the paragraph is one line, counted without wrapping.
    let oneLineWidth: Int
    /// The widest word: the narrowest width at which no token has to be broken with a
    /// continuation mark. Runs break gracefully at their words, so they do not count whole.
    let naturalWidth: Int
    var role: DiagramText.Role
    /// Columns continuation lines are indented by.
    var indent: Int
    /// Centred in the box (the headings of the platform and external-systems boxes).
    var centered: Bool
    /// What the paragraph stands for ("component:redis"), carried to its first line so a
    /// graphical renderer can point an edge at it; the text renderer ignores it.
    var anchor: String?

    /// A paragraph from already-clean runs.
    init(runs: [Run], role: DiagramText.Role = .text, indent: Int = 2, centered: Bool = false) {
        self.runs = runs.contains { $0.text.isEmpty } ? runs.filter { !$0.text.isEmpty } : runs
        var widest = 0
        var oneLine = 0
        for (index, run) in self.runs.enumerated() {
            oneLine += run.width + (index > 0 && !run.joinsPrevious ? 1 : 0)
            if run.words.isEmpty {
                widest = max(widest, run.width)
            } else {
                for word in run.words { widest = max(widest, word.width) }
            }
        }
        naturalWidth = widest
        oneLineWidth = oneLine
        self.role = role
        self.indent = indent
        self.centered = centered
    }

    /// The paragraph on one line: its runs, with a space before each that does not join
    /// the one before.
    var oneLineText: String {
        guard runs.count > 1 else { return runs.first?.text ?? "" }
        var text = ""
        text.reserveCapacity(runs.reduce(runs.count) { $0 + $1.text.utf8.count })
        for (index, run) in runs.enumerated() {
            if index > 0, !run.joinsPrevious { text += " " }
            text += run.text
        }
        return text
    }

    /// Text that may break at any space or after any `/`.
    init(_ text: String, ascii: Bool, role: DiagramText.Role = .text, indent: Int = 2, centered: Bool = false) {
        self.init(runs: Self.words(TextSanitizer.clean(text, ascii: ascii)), role: role, indent: indent, centered: centered)
    }

    /// A piece of a paragraph as the builder writes it.
    enum Part: Sendable, Hashable {
        /// Kept whole where it fits on a line: a label, a name, `(worker, basic-xxs)`.
        case unit(String)
        /// Free to break at every space and after every `/`: prose, paths, URLs.
        case words(String)
        /// A ``unit(_:)`` already made into its run (``unitRun(_:ascii:)``): for what every
        /// box says alike, made once rather than in every box.
        case run(Run)
    }

    /// The run a ``Part/unit(_:)`` of `text` makes.
    static func unitRun(_ text: String, ascii: Bool) -> Run {
        // Printable ASCII without a space or a slash, as most names and labels are, is clean,
        // collapsed and one word a column a byte: found in one pass rather than four.
        let oneWord = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 &- 0x21 < 0x5E && $0 != UInt8(ascii: "/") }
        }
        if oneWord == true { return Run(text: text, joinsPrevious: false, width: text.utf8.count) }
        return Run.unit(collapsed(TextSanitizer.clean(text, ascii: ascii)))
    }

    /// ``unitRun(_:ascii:)`` without its shortcut for ASCII words.
    static func unitRunByScanning(_ text: String, ascii: Bool) -> Run {
        Run.unit(collapsed(TextSanitizer.clean(text, ascii: ascii)))
    }

    /// A paragraph from parts; each is cleaned for the style here.
    init(_ parts: [Part], ascii: Bool, role: DiagramText.Role = .text, indent: Int = 2, centered: Bool = false) {
        var runs: [Run] = []
        runs.reserveCapacity(parts.count)
        Self.append(parts, ascii: ascii, to: &runs)
        self.init(runs: runs, role: role, indent: indent, centered: centered)
    }

    /// The paragraph of `.run(first)` followed by `parts`, as ``init(_:ascii:role:indent:centered:)``
    /// makes it.
    init(after first: Run, _ parts: [Part], ascii: Bool) {
        var runs: [Run] = []
        runs.reserveCapacity(parts.count + 1)
        runs.append(first)
        Self.append(parts, ascii: ascii, to: &runs)
        self.init(runs: runs)
    }

    private static func append(_ parts: [Part], ascii: Bool, to runs: inout [Run]) {
        for part in parts {
            switch part {
            case .unit(let text): runs.append(unitRun(text, ascii: ascii))
            case .words(let text): runs += words(TextSanitizer.clean(text, ascii: ascii))
            case .run(let run): runs.append(run)
            }
        }
    }

    /// Splits clean text into words: at spaces (collapsing repeats), after a `/` that
    /// neither starts the word nor belongs to a `//`, and between two wide characters
    /// (Chinese and Japanese have no spaces; a line may break between any two ideographs,
    /// though not before closing punctuation nor after opening punctuation).
    static func words(_ text: String) -> [Run] {
        if LoneScalars.isPrintableASCII(text), let runs = text.utf8.withContiguousStorageIfAvailable(asciiWords) { return runs }
        if LoneScalars.contains(allOf: text) {
            let scalars = Array(text.unicodeScalars)
            if let runs = text.utf8.withContiguousStorageIfAvailable({ loneWords(scalars, utf8: $0) }) { return runs }
        }
        return wordsByCharacter(text)
    }

    /// ``words(_:)`` a grapheme cluster at a time.
    static func wordsByCharacter(_ text: String) -> [Run] {
        var runs: [Run] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var current = ""
            var joins = false
            let characters = Array(word)
            for (index, character) in characters.enumerated() {
                current.append(character)
                guard index + 1 < characters.count else { break }
                let next = characters[index + 1]
                let previous = index > 0 ? characters[index - 1] : nil
                let afterSlash = character == "/" && next != "/" && previous != "/" && current != "/"
                let betweenWide =
                    !character.isASCII && !next.isASCII
                    && DisplayWidth.of(character) == 2 && DisplayWidth.of(next) == 2
                    && !opening.contains(character) && !closing.contains(next)
                    && !isHangul(character) && !isHangul(next)
                if afterSlash || betweenWide {
                    runs.append(Run(text: current, joinsPrevious: joins))
                    current = ""
                    joins = true
                }
            }
            if !current.isEmpty { runs.append(Run(text: current, joinsPrevious: joins)) }
        }
        return runs
    }

    /// ``words(_:)`` of printable ASCII, a byte at a time: each byte is a cluster, and no
    /// two are wide.
    private static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [Run] {
        let space = UInt8(ascii: " ")
        let slash = UInt8(ascii: "/")
        var runs: [Run] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] != space else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, bytes[end] != space { end += 1 }
            // One word, bytes[index..<end]: a run ends after a `/` that neither starts the run
            // nor touches another `/`, unless it ends the word.
            var start = index
            var joins = false
            for position in index..<(end - 1) where bytes[position] == slash {
                if position > start, bytes[position + 1] != slash, bytes[position - 1] != slash {
                    runs.append(
                        Run(
                            text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start...position]), as: UTF8.self),
                            joinsPrevious: joins, width: position + 1 - start))
                    start = position + 1
                    joins = true
                }
            }
            // Printable ASCII is a column a byte: measured by counting.
            runs.append(
                Run(
                    text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), joinsPrevious: joins,
                    width: end - start))
            index = end
        }
        return runs
    }

    /// ``words(_:)`` of text whose scalars are all ``LoneScalars``, a scalar at a time: each
    /// scalar is a cluster and measures alone what it measures in the text, and none is Hangul.
    private static func loneWords(_ scalars: [Unicode.Scalar], utf8 bytes: UnsafeBufferPointer<UInt8>) -> [Run] {
        // Where each scalar starts in the bytes, and where the last ends.
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]]), as: UTF8.self)
        }
        var runs: [Run] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] != " " else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end] != " " { end += 1 }
            var start = index
            var joins = false
            for position in index..<(end - 1) {
                let character = scalars[position]
                let next = scalars[position + 1]
                let afterSlash = character == "/" && position > start && next != "/" && scalars[position - 1] != "/"
                let betweenWide =
                    !character.isASCII && !next.isASCII && DisplayWidth.of(character) == 2 && DisplayWidth.of(next) == 2
                    && !opening.contains(Character(character)) && !closing.contains(Character(next))
                if afterSlash || betweenWide {
                    runs.append(Run(text: text(start..<(position + 1)), joinsPrevious: joins))
                    start = position + 1
                    joins = true
                }
            }
            runs.append(Run(text: text(start..<end), joinsPrevious: joins))
            index = end
        }
        return runs
    }

    /// Korean is written with spaces between words, so it breaks only there.
    static func isHangul(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        return (0x1100...0x11FF).contains(value) || (0x3130...0x318F).contains(value) || (0xA960...0xA97F).contains(value)
            || (0xAC00...0xD7AF).contains(value)
    }

    /// Punctuation a line should not end with.
    static let opening: Set<Character> = ["（", "「", "『", "【", "〈", "《", "〔", "［", "｛", "〖", "〘"]
    /// Punctuation a line should not start with.
    static let closing: Set<Character> = [
        "）", "」", "』", "】", "〉", "》", "〕", "］", "｝", "〗", "〙", "、", "。", "，", "．", "：", "；", "？", "！", "ー",
        "ッ", "っ", "ャ", "ュ", "ョ", "ゃ", "ゅ", "ょ",
    ]

    /// Text with runs of spaces collapsed and the ends trimmed.
    static func collapsed(_ text: String) -> String {
        // Without a space at either end or two in a row (as bytes: a space fused with a mark is
        // no separator, and stays either way), splitting and joining gives the text back.
        let tidy = text.utf8.withContiguousStorageIfAvailable { bytes in
            let space = UInt8(ascii: " ")
            guard let first = bytes.first, let last = bytes.last else { return true }
            guard first != space, last != space else { return false }
            for index in 1..<bytes.count where bytes[index] == space && bytes[index - 1] == space { return false }
            return true
        }
        if tidy == true { return text }
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
