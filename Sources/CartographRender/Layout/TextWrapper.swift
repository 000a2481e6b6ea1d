package import CartographModel

/// Wraps a ``Paragraph`` to a width in columns, measured with ``DisplayWidth``.
///
/// Greedy, in three levels: whole runs first; a run too long for a line of its own is
/// broken at its words (spaces, and after `/`); a word too long for a line of its own is
/// broken between grapheme clusters — after a `-`, `.`, `_` or similar where one is near
/// the end — and the break is marked with a continuation mark, so nothing is cut silently.
enum TextWrapper {
    struct Line: Sendable, Hashable {
        /// Columns of indentation before the text.
        var indent: Int
        var text: String
        /// Display width of `text`.
        var width: Int
    }

    /// Characters after which an over-long token breaks most readably.
    static let softBreaks: Set<Character> = ["-", "_", ".", ":", ",", ";", "=", "&", "?", "#", "@", "+", "|"]

    /// The paragraph's lines; none is wider than `width`, given `width` ≥ 3.
    static func wrap(_ paragraph: Paragraph, width: Int, mark: Character) -> [Line] {
        // Most paragraphs fit on one line: its text is the runs joined, made once (a run of
        // its own is its text as it is), not grown a run at a time.
        if paragraph.oneLineWidth <= max(width, 3) {
            return [Line(indent: 0, text: paragraph.oneLineText, width: paragraph.oneLineWidth)]
        }
        return wrapByRuns(paragraph, width: width, mark: mark)
    }

    /// ``wrap(_:width:mark:)`` placing a run at a time, whether or not the paragraph fits on a line.
    static func wrapByRuns(_ paragraph: Paragraph, width: Int, mark: Character) -> [Line] {
        var wrapper = State(
            width: max(width, 3), indent: max(0, min(paragraph.indent, width - 10)), mark: mark, keepsText: true)
        for run in paragraph.runs { wrapper.place(run, joins: run.joinsPrevious, level: .run) }
        wrapper.finish()
        return wrapper.lines
    }

    /// How many lines ``wrap(_:width:mark:)`` gives, without making them: the layout tries
    /// a box at many widths to find the one it takes.
    static func lineCount(_ paragraph: Paragraph, width: Int, mark: Character) -> Int {
        // Every run after the first fits beside the ones before: one line.
        if paragraph.oneLineWidth <= max(width, 3) { return 1 }
        var wrapper = State(
            width: max(width, 3), indent: max(0, min(paragraph.indent, width - 10)), mark: mark, keepsText: false)
        for index in paragraph.runs.indices {
            wrapper.place(paragraph.runs[index], joins: paragraph.runs[index].joinsPrevious, level: .run)
        }
        wrapper.finish()
        return wrapper.lineCount
    }

    /// Paragraphs reduced to what their numbers of lines depend on while no token is too
    /// long for a line: the widths of their runs and their words, and how they join. Counting
    /// from it touches no string and no reference count; the layout counts a box's lines at
    /// many widths. A box's paragraphs share one table: counting them all reads three arrays,
    /// not two per paragraph.
    struct Widths: Sendable {
        fileprivate struct Unit: Sendable {
            var width: Int
            var joinsPrevious: Bool
            /// The run's words in ``Widths/words`` (empty for a word, or a run of one word).
            var words: Range<Int>
        }

        fileprivate struct Entry: Sendable {
            /// The paragraph's runs in ``Widths/runs``.
            var runs: Range<Int>
            var indent: Int
            var oneLineWidth: Int
            var naturalWidth: Int
        }

        fileprivate private(set) var runs: [Unit] = []
        fileprivate private(set) var words: [Unit] = []
        fileprivate private(set) var paragraphs: [Entry] = []

        init() {}

        /// The table of one paragraph.
        init(_ paragraph: Paragraph) {
            append([paragraph], at: 0)
        }

        var isEmpty: Bool { paragraphs.isEmpty }

        /// Adds the paragraph at `index` of `list`, read where it stands (a copy of a paragraph
        /// retains its runs).
        mutating func append(_ list: [Paragraph], at index: Int) {
            let first = runs.count
            for run in list[index].runs.indices {
                let start = words.count
                for word in list[index].runs[run].words.indices {
                    words.append(
                        Unit(
                            width: list[index].runs[run].words[word].width,
                            joinsPrevious: list[index].runs[run].words[word].joinsPrevious, words: 0..<0))
                }
                runs.append(
                    Unit(
                        width: list[index].runs[run].width, joinsPrevious: list[index].runs[run].joinsPrevious,
                        words: start..<words.count))
            }
            paragraphs.append(
                Entry(
                    runs: first..<runs.count, indent: list[index].indent, oneLineWidth: list[index].oneLineWidth,
                    naturalWidth: list[index].naturalWidth))
        }

        /// The lines of all the paragraphs at `width`: from widths where they suffice, else
        /// `fallback(index)` for the paragraph at `index` of the table.
        func lineCount(width: Int, fallback: (Int) -> Int) -> Int {
            runs.withUnsafeBufferPointer { runs in
                words.withUnsafeBufferPointer { words in
                    paragraphs.withUnsafeBufferPointer { paragraphs in
                        var total = 0
                        for index in paragraphs.indices {
                            total += TextWrapper.lineCount(paragraphs[index], runs: runs, words: words, width: width) ?? fallback(index)
                        }
                        return total
                    }
                }
            }
        }
    }

    /// ``lineCount(_:width:mark:)`` from widths alone, for a table of one paragraph; nil when
    /// a token is too long for a line and would be broken, which needs its text.
    static func lineCount(_ paragraph: Widths, width: Int) -> Int? {
        var declined = false
        let count = paragraph.lineCount(width: width) { _ in
            declined = true
            return 0
        }
        return declined ? nil : count
    }

    /// One paragraph of a ``Widths`` table at `width`, or nil when a token is too long.
    private static func lineCount(
        _ paragraph: Widths.Entry, runs: UnsafeBufferPointer<Widths.Unit>, words: UnsafeBufferPointer<Widths.Unit>, width requested: Int
    ) -> Int? {
        let width = max(requested, 3)
        if paragraph.oneLineWidth <= width { return 1 }
        let indent = max(0, min(paragraph.indent, requested - 10))
        // Every token fits on a continuation line: none is broken (see `State.place`).
        guard paragraph.naturalWidth <= width - indent else { return nil }
        var counter = WidthCounter(width: width, indent: indent)
        for index in paragraph.runs { counter.place(runs[index], joins: runs[index].joinsPrevious, words: words) }
        return counter.hasText || counter.lines == 0 ? counter.lines + 1 : counter.lines
    }

    /// ``State`` without text, for tokens that all fit on a line.
    private struct WidthCounter {
        let width: Int
        let indent: Int
        var lines = 0
        var used = 0
        var hasText = false
        var lineIndent = 0

        init(width: Int, indent: Int) {
            self.width = width
            self.indent = indent
        }

        mutating func place(_ unit: Widths.Unit, joins: Bool, words: UnsafeBufferPointer<Widths.Unit>) {
            let separator = !hasText || joins ? 0 : 1
            if used + separator + unit.width <= width - lineIndent {
                used += separator + unit.width
            } else if unit.width <= width - indent {
                lines += 1
                lineIndent = indent
                used = unit.width
            } else {
                // A run too long for a line of its own, broken at its words (each fits).
                for index in unit.words {
                    place(words[index], joins: index == unit.words.lowerBound ? joins : words[index].joinsPrevious, words: words)
                }
                return
            }
            hasText = true
        }
    }

    private enum Level { case run, word }

    private struct State {
        let width: Int
        let indent: Int
        let mark: Character
        /// False when only the number of lines is wanted: then ``text`` stays empty.
        let keepsText: Bool
        var lines: [Line] = []
        var lineCount = 0
        var text = ""
        /// Whether anything was appended to the current line (``text`` is then not empty).
        var hasText = false
        var used = 0
        var lineIndent = 0

        init(width: Int, indent: Int, mark: Character, keepsText: Bool) {
            self.width = width
            self.indent = indent
            self.mark = mark
            self.keepsText = keepsText
        }

        var available: Int { width - lineIndent }
        var continuationAvailable: Int { width - indent }

        mutating func newLine() {
            if keepsText { lines.append(Line(indent: lineIndent, text: text, width: used)) }
            lineCount += 1
            text = ""
            hasText = false
            used = 0
            lineIndent = indent
        }

        mutating func finish() {
            if hasText || lineCount == 0 { newLine() }
        }

        mutating func append(_ piece: String, width pieceWidth: Int, separated: Bool) {
            if separated, hasText {
                if keepsText { text += " " }
                used += 1
            }
            if keepsText { text += piece }
            hasText = true
            used += pieceWidth
        }

        /// A piece cut from a token, and the continuation mark after it.
        mutating func append(_ piece: Substring, markedWidth: Int, separated: Bool) {
            append(keepsText ? String(piece) + String(mark) : "", width: markedWidth, separated: separated)
        }

        mutating func place(_ unit: Paragraph.Run, joins: Bool, level: Level) {
            let separator = !hasText || joins ? 0 : 1
            if used + separator + unit.width <= available {
                append(unit.text, width: unit.width, separated: !joins)
            } else if unit.width <= continuationAvailable {
                newLine()
                append(unit.text, width: unit.width, separated: false)
            } else if level == .run, !unit.words.isEmpty {
                for (index, word) in unit.words.enumerated() {
                    place(word, joins: index == 0 ? joins : word.joinsPrevious, level: .word)
                }
            } else {
                breakToken(unit.text, joins: joins)
            }
        }

        /// Breaks a token wider than a whole line. A line already holding text takes the
        /// token's first piece only when it ends at a readable break (after `-`, `.`…);
        /// a fresh line takes as much as fits.
        mutating func breakToken(_ token: String, joins: Bool) {
            var rest = Substring(token)
            var separated = !joins
            // Measured once and reduced by each piece cut off: measuring the rest on every
            // line is quadratic in a token of a megabyte (a note without spaces). A piece
            // measured on its own is never narrower than inside the token, so the running
            // figure never exceeds the rest's true width; it is measured exactly before the
            // rest is placed whole.
            var restWidth = DisplayWidth.of(rest)
            while !rest.isEmpty {
                let separator = !hasText || !separated ? 0 : 1
                let room = available - used - separator
                if restWidth <= room { restWidth = DisplayWidth.of(rest) }
                if restWidth <= room {
                    append(keepsText ? String(rest) : "", width: restWidth, separated: separated)
                    return
                }
                let markWidth = DisplayWidth.of(mark)
                let cut = Self.cutIndex(rest, room: room - markWidth, softOnly: hasText)
                guard let cut, cut > rest.startIndex else {
                    if !hasText {
                        // Narrower than one character and a mark: cannot happen at the widths
                        // the layout uses; drop a character, visibly, rather than loop.
                        append(String(mark), width: markWidth, separated: false)
                        restWidth -= rest.first.map(DisplayWidth.of) ?? 0
                        rest = rest.dropFirst()
                    }
                    newLine()
                    separated = false
                    continue
                }
                let piece = rest[..<cut]
                let pieceWidth = DisplayWidth.of(piece)
                append(piece, markedWidth: pieceWidth + markWidth, separated: separated)
                newLine()
                restWidth -= pieceWidth
                rest = rest[cut...]
                separated = false
            }
        }

        /// Where to cut `text` so the part before fits `room` columns: after the last soft
        /// break character that fits, when it is in the second half of what fits (or, with
        /// `softOnly`, anywhere past the first few characters); else as late as fits. Nil
        /// when nothing acceptable fits.
        static func cutIndex(_ text: Substring, room: Int, softOnly: Bool) -> Substring.Index? {
            var used = 0
            var end = text.startIndex
            var soft: Substring.Index?
            var index = text.startIndex
            var count = 0
            var fitting = 0
            while index < text.endIndex {
                let characterWidth = DisplayWidth.of(text[index])
                if used + characterWidth > room { break }
                used += characterWidth
                let next = text.index(after: index)
                count += 1
                if softBreaks.contains(text[index]), next < text.endIndex {
                    soft = next
                    fitting = count
                }
                end = next
                index = next
            }
            if softOnly { return fitting >= 4 ? soft : nil }
            if let soft, fitting * 2 >= count { return soft }
            return end > text.startIndex ? end : nil
        }
    }
}
