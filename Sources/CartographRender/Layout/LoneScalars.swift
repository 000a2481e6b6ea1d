/// Scalars that are always a grapheme cluster of their own beside one another: printable
/// ASCII, Latin, punctuation, arrows, box drawing, symbols and dingbats, CJK ideographs,
/// fullwidth forms and the emoji blocks (without skin tones, joiners, variation selectors,
/// regional indicators, Hangul jamo, any combining, prepended or spacing mark, or any
/// character canonically equal to another).
///
/// Text made only of them needs none of the work that grapheme clusters need: each scalar
/// is one `Character`, measures alone what it measures in a line (its width is
/// ``DisplayWidth/of(_:)-(Unicode.Scalar)``), and cannot fuse with a space, a border or a
/// continuation mark. Nearly all a map says is such text (names, status marks, bullets), so
/// the sanitizer, the word splitter and the canvas walk its scalars instead of its clusters.
/// A test checks every scalar of the set against the grapheme breaking and width rules.
enum LoneScalars {
    /// True when `value` is in the set.
    @inline(__always)
    static func contains(_ value: UInt32) -> Bool {
        switch value {
        // Ohm, Kelvin and Angstrom signs, the angle brackets and U+2ADC are canonically other
        // characters: as Characters they would equal those.
        case 0x2126, 0x212A, 0x212B, 0x2329, 0x232A, 0x2ADC:
            false
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2070...0x20CF, 0x2100...0x2BFF,
            0x4E00...0x9FFF, 0xFF01...0xFF60, 0xFFFD, 0x1F300...0x1F3FA, 0x1F400...0x1FAFF:
            true
        default:
            false
        }
    }

    /// True when every scalar of `text` is in the set.
    static func contains(allOf text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { contains($0.value) }
    }

    /// True when `text` is printable ASCII only: one byte, one cluster, one column each.
    @inline(__always)
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(isPrintableASCII(bytes:)) { return answer }
        return text.utf8.allSatisfy { $0 &- 0x20 < 0x5F }
    }

    /// True when every byte is printable ASCII (0x20 to 0x7E).
    static func isPrintableASCII(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        DisplayWidth.asciiWidth(bytes) == bytes.count
    }
}
