package import CartographModel

// DisplayWidth.swift
//
// Exact display width (terminal columns) of strings, for laying out text box diagrams whose
// lines must all have the same width in a monospace terminal.

/// Measures how many columns (cells) text occupies in a monospace terminal.
///
/// The reference is the Python `wcwidth` package (`wcwidth.width()`), which is also what
/// `scripts/check-widths.py` uses to verify Cartograph's output: for any string without control
/// characters, ``of(_:)-(String)`` returns what `wcwidth.width()` returns, except where the two
/// use different Unicode versions (see below). The layout helpers ``prefix(_:fitting:)`` and
/// ``padded(_:to:)`` split only at grapheme cluster (Swift `Character`) boundaries and agree
/// with ``of(_:)-(String)``.
///
/// ## Rules for one code point
///
/// Data comes from ``WidthTables``, generated from the Unicode Character Database
/// (version ``unicodeVersion``) by `scripts/generate-width-tables.py`.
///
/// - **2 columns**: East_Asian_Width Wide (W) or Fullwidth (F); Emoji_Presentation=Yes; the
///   regional indicators U+1F1E6…U+1F1FF; the Fitzpatrick skin tone modifiers U+1F3FB…U+1F3FF.
/// - **0 columns**: combining marks (General_Category Mn, Me and Mc), format characters (Cf),
///   U+2028 and U+2029, Default_Ignorable_Code_Point characters (ZWSP U+200B, ZWNJ, ZWJ,
///   U+2060 WORD JOINER, U+FEFF, variation selectors, tag characters…), and Hangul Jamo medial
///   vowels and final consonants (U+1160…U+11FF, U+D7B0…U+D7FF). Exceptions that keep their width:
///   U+00AD SOFT HYPHEN (1), Prepended_Concatenation_Mark characters (1), U+115F HANGUL CHOSEONG
///   FILLER (2).
/// - **Control characters** (C0, DEL and C1, including TAB, CR and LF) count as **0** and end any
///   sequence in progress. Cartograph sanitizes text before it reaches the layout engine, so they
///   should never occur; `wcwidth` would answer -1 (`wcswidth`) or move the cursor (`width`).
/// - **1 column**: everything else, including East Asian Ambiguous (A) characters, private use
///   and unassigned code points outside the CJK blocks.
///
/// ## Rules for sequences
///
/// Code points are walked in order, as `wcwidth.width()` walks a string:
///
/// - U+200D ZERO WIDTH JOINER hides the code point after it, so a ZWJ emoji sequence such as
///   👨‍👩‍👧 is as wide as its first emoji (2). (So does a stray ZWJ: "a\u{200D}b" is 1.)
/// - U+FE0F VARIATION SELECTOR-16 after a character that has an emoji-style variation sequence
///   and is narrow on its own adds one column: "⚠" is 1, "⚠️" is 2, "#️⃣" is 2.
///   VS15 (U+FE0E) does not narrow a wide emoji.
/// - A pair of regional indicators (a flag such as 🇸🇬) is 2; a lone regional indicator is 2.
/// - A skin tone modifier after an Extended_Pictographic character adds nothing (👍🏽 is 2).
/// - The first spacing combining mark (Mc) after a character that added width adds one column
///   ("कि" is 2, Burmese "ကာ" is 2 although it is two grapheme clusters).
/// - A virama followed by a consonant forms a conjunct that adds one column in total ("क्ष" is 2).
///
/// Because of these rules the width of a concatenation is the sum of the widths of its parts
/// except when the second part starts with a combining mark, VS16, a skin tone modifier or a
/// consonant after a virama, or the first part ends with a ZWJ; ``padded(_:to:)`` accounts for
/// a trailing ZWJ.
///
/// ## Known differences from `wcwidth`
///
/// `wcwidth` 0.7.0 ships Unicode 17.0.0 tables; ``WidthTables`` comes from the UCD installed when
/// it was generated (see ``unicodeVersion``). With UCD 15.0.0 the only assigned characters
/// measured differently are those made Wide in Unicode 16.0: U+2630…U+2637 (trigrams),
/// U+268A…U+268F (monograms and digrams), U+4DC0…U+4DFF (hexagrams), U+1D300…U+1D356
/// (Tai Xuan Jing) and U+1D360…U+1D376 (counting rods) are 1 here and 2 in `wcwidth`. Characters
/// assigned after 15.0 (such as emoji new in 15.1–17.0) are 1 here. Regenerating the tables from a
/// newer UCD removes these differences; `generate-width-tables.py --compare-wcwidth` lists them.
/// In sequences, U+1171E (a spacing mark since Unicode 16.0) and U+1900, U+11A00 and U+11A50
/// (consonants in `wcwidth`'s Indic data) can also differ. `wcwidth`'s own Extended_Pictographic
/// table lacks some non-emoji pictographs (e.g. ★ U+2605), so it counts a skin tone modifier after
/// them; here the UCD property is used.
package enum DisplayWidth {
    /// The Unicode Character Database version of the width tables.
    static var unicodeVersion: String { WidthTables.unicodeVersion }

    // MARK: - Measuring

    /// The number of terminal columns `s` occupies.
    ///
    /// A string made only of ASCII takes a fast path (its width is the number of printable
    /// ASCII bytes, i.e. its UTF-8 length when it has no control characters).
    package static func of(_ s: String) -> Int {
        if let width = s.utf8.withContiguousStorageIfAvailable(width(utf8:)) {
            return width
        }
        return walking(s[...]).width
    }

    /// The number of terminal columns the substring `s` occupies.
    package static func of(_ s: Substring) -> Int {
        if let width = s.utf8.withContiguousStorageIfAvailable(width(utf8:)) {
            return width
        }
        return walking(s).width
    }

    /// The number of terminal columns `s` occupies (any `StringProtocol` value).
    package static func of(_ s: some StringProtocol) -> Int {
        if let string = s as? String {
            return of(string)
        }
        if let substring = s as? Substring {
            return of(substring)
        }
        return of(String(s))
    }

    /// The number of terminal columns one grapheme cluster occupies on its own: 0, 1 or 2
    /// (more only for unusual clusters, such as a wide character followed by a spacing mark).
    ///
    /// A few clusters are narrower after some text than on their own (see "Rules for sequences");
    /// to lay out text one cluster at a time exactly as ``of(_:)-(String)`` measures it, use a
    /// ``Cursor``.
    package static func of(_ c: Character) -> Int {
        if let ascii = c.asciiValue {
            // "\r\n" is one Character whose asciiValue is LF.
            return ascii >= 0x20 && ascii != 0x7F ? 1 : 0
        }
        return of(String(c))
    }

    /// The width of a single Unicode scalar outside any sequence.
    package static func of(_ scalar: Unicode.Scalar) -> Int {
        withTables { $0.scalarWidth(scalar.value) }
    }

    // MARK: - Layout helpers

    /// Splits `s` at a grapheme cluster boundary so that `head` is the longest prefix whose width
    /// is at most `columns`.
    ///
    /// A cluster is never split: a wide character that would straddle the limit goes to `tail`
    /// ("日本" fitting 3 gives head "日", width 2). Zero-width clusters directly after the last
    /// cluster that fits stay in `head`. A negative `columns` is treated as 0.
    ///
    /// - Returns: `head` and `tail`, with `head + tail == s` and `of(head) <= columns`.
    package static func prefix(_ s: String, fitting columns: Int) -> (head: Substring, tail: Substring) {
        let limit = max(0, columns)
        if let width = s.utf8.withContiguousStorageIfAvailable(asciiWidth(_:)) ?? nil, width == s.utf8.count {
            // Printable ASCII: one byte, one cluster, one column.
            if width <= limit {
                return (s[...], s[s.endIndex...])
            }
            let split = s.utf8.index(s.utf8.startIndex, offsetBy: limit)
            return (s[..<split], s[split...])
        }
        let end = withTables { tables in
            var walker = Walker()
            var index = s.startIndex
            while index < s.endIndex {
                let next = s.index(after: index)
                var extended = walker
                for scalar in s.unicodeScalars[index..<next] {
                    extended.feed(scalar.value, tables)
                }
                if extended.width > limit {
                    break
                }
                walker = extended
                index = next
            }
            return index
        }
        return (s[..<end], s[end...])
    }

    /// `s` padded with spaces on the right to exactly `columns` columns.
    ///
    /// If `s` is already `columns` wide or wider it is returned unchanged (never truncated).
    package static func padded(_ s: String, to columns: Int) -> String {
        let walker = walking(s[...])
        let width = walker.width
        guard width < columns else {
            return s
        }
        // A trailing ZWJ hides the next code point: give it a space of its own.
        return s + String(repeating: " ", count: columns - width + (walker.hidesNext ? 1 : 0))
    }

    /// Measures text incrementally, one grapheme cluster (or string) at a time, applying the
    /// rules for sequences across the pieces: after advancing over the characters of a string,
    /// ``width`` equals ``DisplayWidth/of(_:)-(String)`` of that string.
    ///
    /// Use it to place text cluster by cluster, e.g. in a character grid: the columns a
    /// cluster takes are what ``advance(over:)-(Character)`` returns, which can be less than
    /// ``DisplayWidth/of(_:)-(Character)`` (in Tamil "க்ஷா", "க்" takes 1 and "ஷா" takes 1
    /// although "ஷா" alone is 2) or more (in Burmese "ကာ", "ာ" takes 1 although alone it is 0).
    struct Cursor: Sendable, Hashable {
        private var walker = Walker()

        /// A cursor at the start of a line.
        package init() {}

        /// Columns of everything advanced over so far.
        package var width: Int { walker.width }

        /// Advances over one grapheme cluster and returns the columns it adds.
        @discardableResult
        package mutating func advance(over character: Character) -> Int {
            let before = walker.width
            DisplayWidth.withTables { tables in
                for scalar in character.unicodeScalars {
                    walker.feed(scalar.value, tables)
                }
            }
            return walker.width - before
        }

        /// Advances over a string and returns the columns it adds.
        @discardableResult
        package mutating func advance(over text: some StringProtocol) -> Int {
            let before = walker.width
            DisplayWidth.withTables { tables in
                for scalar in text.unicodeScalars {
                    walker.feed(scalar.value, tables)
                }
            }
            return walker.width - before
        }
    }

    // MARK: - Implementation

    /// Width of a buffer of valid UTF-8.
    static func width(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let width = asciiWidth(bytes) {
            return width
        }
        return withTables { tables in
            var walker = Walker()
            walker.feed(utf8: bytes, tables)
            return walker.width
        }
    }

    /// A ``Walker`` fed all of `s`.
    static func walking(_ s: Substring) -> Walker {
        withTables { tables in
            var walker = Walker()
            let fed: Void? = s.utf8.withContiguousStorageIfAvailable { walker.feed(utf8: $0, tables) }
            if fed == nil {
                for scalar in s.unicodeScalars {
                    walker.feed(scalar.value, tables)
                }
            }
            return walker
        }
    }

    /// Width of a buffer of ASCII bytes (controls count 0), or `nil` if a byte is not ASCII.
    ///
    /// Eight bytes at a time: for a byte `b < 0x80`, `b + 0x60` has its high bit set exactly when
    /// `b >= 0x20`, and `b + 0x01` exactly when `b == 0x7F`; neither addition carries into the
    /// next byte. Non-ASCII input makes the count meaningless, but then the result is `nil`.
    @inline(__always)
    static func asciiWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else {
            return 0
        }
        let count = bytes.count
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var union: UInt64 = 0
        var printable = 0
        var index = 0
        while index &+ 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            union |= word
            let flags = (word &+ 0x6060_6060_6060_6060) & ~(word &+ 0x0101_0101_0101_0101) & highBits
            // Sum the eight 0-or-1 bytes of flags >> 7 into the top byte.
            printable &+= Int(truncatingIfNeeded: ((flags >> 7) &* 0x0101_0101_0101_0101) >> 56)
            index &+= 8
        }
        while index < count {
            let byte = base[index]
            union |= UInt64(byte)
            printable &+= byte &- 0x20 < 0x5F ? 1 : 0
            index &+= 1
        }
        return union & highBits == 0 ? printable : nil
    }

    /// Runs `body` with views of the main width table that are valid during the call.
    @inline(__always)
    static func withTables<Result>(_ body: (Tables) -> Result) -> Result {
        WidthTables.widthLower.withUnsafeBufferPointer { lower in
            WidthTables.widthUpper.withUnsafeBufferPointer { upper in
                WidthTables.widthValue.withUnsafeBufferPointer { values in
                    WidthTables.widthBuckets.withUnsafeBufferPointer { buckets in
                        body(Tables(lower: lower, upper: upper, values: values, buckets: buckets))
                    }
                }
            }
        }
    }

    /// Unsafe views of the main width table; valid only inside ``withTables(_:)``.
    struct Tables {
        let lower: UnsafeBufferPointer<UInt32>
        let upper: UnsafeBufferPointer<UInt32>
        let values: UnsafeBufferPointer<UInt8>
        let buckets: UnsafeBufferPointer<UInt16>

        /// Width of one code point without context (see the type's documentation).
        @inline(__always)
        func scalarWidth(_ value: UInt32) -> Int {
            if value < 0x7F {
                return value >= 0x20 ? 1 : 0
            }
            if value < 0xA0 {
                return 0
            }
            if value < WidthTables.firstNonNarrowScalar {
                return 1
            }
            // The bucket index gives the few ranges that can contain `value`.
            let first: Int
            var last = lower.count &- 1
            if value < WidthTables.widthBucketLimit {
                let bucket = Int(truncatingIfNeeded: value >> WidthTables.widthBucketShift)
                first = Int(truncatingIfNeeded: buckets[bucket])
                last = min(last, Int(truncatingIfNeeded: buckets[bucket &+ 1]))
            } else {
                first = Int(truncatingIfNeeded: buckets[buckets.count &- 1])
            }
            guard let index = DisplayWidth.rangeIndex(of: value, lower: lower, upper: upper, first: first, last: last) else {
                return 1
            }
            return Int(values[index])
        }
    }

    /// The sequential width computation of `wcwidth.width()`, fed one code point at a time.
    struct Walker: Sendable, Hashable {
        /// Columns so far, not counting a pending conjunct.
        private var columns = 0
        /// Last code point that added width; cleared by VS16 and by a spacing mark.
        private var lastMeasured: UInt32?
        /// Last measured code point or second regional indicator of a flag (for skin tones).
        private var lastBase: UInt32?
        private var lastWasVirama = false
        private var conjunctPending = false
        /// Consecutive regional indicators just before the current code point.
        private var regionalIndicatorRun = 0
        /// Whether the next code point is hidden by a preceding ZWJ.
        private(set) var hidesNext = false

        /// Width of everything fed so far.
        var width: Int {
            columns + (conjunctPending ? 1 : 0)
        }

        /// Feeds every code point of a buffer of valid UTF-8.
        mutating func feed(utf8 bytes: UnsafeBufferPointer<UInt8>, _ tables: Tables) {
            let count = bytes.count
            var index = 0
            while index < count {
                let lead = UInt32(bytes[index])
                if lead < 0x80 {
                    let hidden = hidesNext
                    feed(lead, tables)
                    index &+= 1
                    if !hidden && lead &- 0x20 < 0x5F {
                        // More printable ASCII: each adds one column and becomes the new base.
                        var last = lead
                        while index < count, bytes[index] &- 0x20 < 0x5F {
                            last = UInt32(bytes[index])
                            columns &+= 1
                            index &+= 1
                        }
                        lastMeasured = last
                        lastBase = last
                        regionalIndicatorRun = 0
                    }
                    continue
                }
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                guard index &+ length <= count else {
                    return
                }
                var value = lead & (0x7F >> UInt32(length))
                for offset in 1..<length {
                    value = value << 6 | UInt32(bytes[index &+ offset] & 0x3F)
                }
                feed(value, tables)
                index &+= length
            }
        }

        /// Feeds one code point.
        @inline(__always)
        mutating func feed(_ value: UInt32, _ tables: Tables) {
            let isRegionalIndicator = value >= 0x1F1E6 && value <= 0x1F1FF
            let run = regionalIndicatorRun
            regionalIndicatorRun = isRegionalIndicator ? run &+ 1 : 0

            if hidesNext {
                hidesNext = false
                return
            }
            if value < 0x7F && value >= 0x20 {
                // Printable ASCII.
                if conjunctPending {
                    columns &+= 1
                    conjunctPending = false
                }
                columns &+= 1
                lastMeasured = value
                lastBase = value
                lastWasVirama = false
                return
            }
            feedOther(value, tables, isRegionalIndicator: isRegionalIndicator, run: run)
        }

        private mutating func feedOther(_ value: UInt32, _ tables: Tables, isRegionalIndicator: Bool, run: Int) {
            if value < 0xA0 && (value < 0x20 || value >= 0x7F) {
                // Control character: no width, and a following mark has no base.
                lastMeasured = nil
                lastBase = nil
                return
            }
            if value == 0x200D {
                // ZWJ joins the next code point into the previous one, except after a virama,
                // where it only requests a conjunct form.
                if !lastWasVirama {
                    hidesNext = true
                }
                return
            }
            if value == 0xFE0F, let base = lastMeasured {
                if DisplayWidth.contains(base, WidthTables.vs16NarrowToWideLower, WidthTables.vs16NarrowToWideUpper) {
                    columns &+= 1
                }
                lastMeasured = nil
                return
            }
            if value > 0xFFFF {
                if isRegionalIndicator {
                    if run % 2 == 1 {
                        // Second regional indicator of a flag.
                        lastBase = value
                        return
                    }
                } else if value >= 0x1F3FB && value <= 0x1F3FF, let base = lastBase,
                    DisplayWidth.contains(
                        base, WidthTables.emojiModifierBasesLower,
                        WidthTables.emojiModifierBasesUpper)
                {
                    // Skin tone modifier applied to an emoji.
                    return
                }
            }
            if lastWasVirama,
                DisplayWidth.contains(value, WidthTables.indicConsonantsLower, WidthTables.indicConsonantsUpper)
            {
                lastMeasured = value
                lastBase = value
                lastWasVirama = false
                conjunctPending = true
                return
            }

            let scalarColumns = tables.scalarWidth(value)
            if scalarColumns > 0 {
                if conjunctPending {
                    columns &+= 1
                    conjunctPending = false
                }
                columns &+= scalarColumns
                lastMeasured = value
                lastBase = value
                lastWasVirama = false
            } else if lastMeasured != nil,
                DisplayWidth.contains(value, WidthTables.spacingMarksLower, WidthTables.spacingMarksUpper)
            {
                columns &+= 1
                lastMeasured = nil
                lastWasVirama = false
                conjunctPending = false
            } else {
                lastWasVirama = DisplayWidth.contains(value, WidthTables.viramasLower, WidthTables.viramasUpper)
            }
        }
    }

    /// Whether `value` is in a range table given as parallel arrays of bounds.
    static func contains(_ value: UInt32, _ lower: [UInt32], _ upper: [UInt32]) -> Bool {
        lower.withUnsafeBufferPointer { lowerBounds in
            upper.withUnsafeBufferPointer { upperBounds in
                lowerBounds.count == upperBounds.count
                    && rangeIndex(
                        of: value, lower: lowerBounds, upper: upperBounds,
                        first: 0, last: lowerBounds.count &- 1) != nil
            }
        }
    }

    /// Binary search for `value` among the ranges `first...last` of a sorted table of disjoint
    /// inclusive ranges given as parallel buffers of lower and upper bounds.
    ///
    /// - Returns: the index of the range containing `value`, or `nil`.
    @inline(__always)
    static func rangeIndex(
        of value: UInt32,
        lower: UnsafeBufferPointer<UInt32>,
        upper: UnsafeBufferPointer<UInt32>,
        first: Int,
        last: Int
    ) -> Int? {
        guard first <= last, first >= 0, last < lower.count, last < upper.count,
            value >= lower[first], value <= upper[last]
        else {
            return nil
        }
        // Invariant: lower[low] <= value, and value < lower[low + size] when that is within the window.
        var low = first
        var size = last &- first &+ 1
        while size > 1 {
            let half = size >> 1
            let middle = low &+ half
            low = lower[middle] <= value ? middle : low
            size &-= half
        }
        return value <= upper[low] ? low : nil
    }
}
