extension MarkdownEscape {
    /// ``MarkdownEscape`` on UTF-8 bytes, for text whose every scalar is in ``LoneScalars``:
    /// there each scalar is a `Character`, equal to no other, so comparing a byte with an
    /// ASCII character compares characters, and the rules that count characters (the
    /// spaces and digits a line starts with) count ASCII bytes. Nearly all a map says is such
    /// text; building `[Character]` arrays for it was most of the Markdown map's time.
    enum LoneEscaper {
        private static let backtick = UInt8(ascii: "`")
        private static let space = UInt8(ascii: " ")
        private static let backslash = UInt8(ascii: "\\")

        /// ``MarkdownEscape/inline(_:)-(String)`` of single-line text.
        static func inline(_ flat: UnsafeBufferPointer<UInt8>) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(flat.count + flat.count / 8 + 4)
            inline(flat, into: &out)
            return String(decoding: out, as: UTF8.self)
        }

        /// ``inline(_:)`` appended to `out`: the native Markdown map writes bytes, and its
        /// escaped text needs no `String` of its own, nor a second check that it is UTF-8.
        static func inline(_ flat: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            let first = out.count
            var rest = 0
            while let open = firstBacktick(flat, from: rest) {
                let afterOpen = open + 1
                guard let close = firstBacktick(flat, from: afterOpen), close > afterOpen else { break }
                escapePlain(UnsafeBufferPointer(rebasing: flat[rest..<open]), atStart: out.count == first, into: &out)
                // A code span without backticks inside: a one-backtick fence and no padding.
                out.append(backtick)
                for byte in flat[afterOpen..<close] {
                    if byte == UInt8(ascii: "|") { out.append(backslash) }
                    out.append(byte)
                }
                out.append(backtick)
                rest = close + 1
            }
            escapePlain(UnsafeBufferPointer(rebasing: flat[rest...]), atStart: out.count == first, into: &out)
        }

        /// Whether ``inline(_:)`` gives `text` back as it is, decided without escaping it:
        /// printable ASCII with none of the characters escaped wherever they stand, no `:`
        /// (which may start `://`), a `.` only where no `www` ends before it, and nothing at
        /// the start that may begin a block (spaces, digits, `-`). Most of the map's values
        /// are such words, sizes and prices, and each then needs no copy at all.
        static func isUnchanged(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = text.first, first != space, first != UInt8(ascii: "-"),
                !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
            else { return text.isEmpty }
            for index in text.indices {
                switch text[index] {
                case 0x00..<0x20, 0x7F...0xFF, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                    UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                    UInt8(ascii: "#"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ":"):
                    return false
                case UInt8(ascii: "."):
                    if startsWWW(text, dot: index) { return false }
                default:
                    break
                }
            }
            return true
        }

        /// ``MarkdownEscape/code(_:)`` of printable ASCII (single-line already): there a byte
        /// is a character, so the fence, the padding and the `|` are decided on the bytes.
        static func code(_ flat: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            var longest = 0
            var run = 0
            for byte in flat {
                run = byte == backtick ? run + 1 : 0
                longest = max(longest, run)
            }
            let pad = flat.first == backtick || flat.last == backtick
            out.append(contentsOf: repeatElement(backtick, count: longest + 1))
            if pad { out.append(space) }
            for byte in flat {
                if byte == UInt8(ascii: "|") { out.append(backslash) }
                out.append(byte)
            }
            if pad { out.append(space) }
            out.append(contentsOf: repeatElement(backtick, count: longest + 1))
        }

        private static func firstBacktick(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            guard start < bytes.count else { return nil }
            return bytes[start...].firstIndex(of: backtick)
        }

        /// ``MarkdownEscape/escapePlain(_:atStart:)``.
        static func escapePlain(_ chars: UnsafeBufferPointer<UInt8>, atStart: Bool, into out: inout [UInt8]) {
            let lead = atStart ? (chars.firstIndex { $0 != space } ?? chars.count) : 0
            let line = UnsafeBufferPointer(rebasing: chars[lead...])
            let start = out.count
            for index in chars.indices {
                let ch = chars[index]
                if ch == space, index == 0, lead >= 4 {
                    out.append(contentsOf: "&#32;".utf8)
                    continue
                }
                switch ch {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
                    UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                    out.append(backslash)
                case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="):
                    if atStart, index == lead, startsBlock(line) { out.append(backslash) }
                case UInt8(ascii: ":"):
                    if chars[(index + 1)...].starts(with: "//".utf8) { out.append(backslash) }
                case UInt8(ascii: "."):
                    if startsWWW(chars, dot: index) { out.append(backslash) }
                default:
                    break
                }
                out.append(ch)
            }
            if atStart, let dot = orderedListMarkerEnd(line) {
                out.insert(backslash, at: start + lead + dot + (lead >= 4 ? "&#32;".utf8.count - 1 : 0))
            }
        }

        /// ``MarkdownEscape/startsWWW(_:dot:)``: the character before `www` is a whole scalar,
        /// decoded when it is not ASCII.
        static func startsWWW(_ chars: UnsafeBufferPointer<UInt8>, dot: Int) -> Bool {
            guard dot >= 3, chars[(dot - 3)..<dot].allSatisfy({ $0 | 0x20 == UInt8(ascii: "w") }) else { return false }
            guard dot > 3 else { return true }
            var first = dot - 4
            while first > 0, chars[first] & 0xC0 == 0x80 { first -= 1 }
            let before = String(decoding: UnsafeBufferPointer(rebasing: chars[first..<(dot - 3)]), as: UTF8.self)
            guard let scalar = before.unicodeScalars.first else { return true }
            return !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
        }

        /// ``MarkdownEscape/startsBlock(_:)``.
        static func startsBlock(_ chars: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = chars.first else { return false }
            let second = chars.count > 1 ? chars[1] : nil
            switch first {
            case UInt8(ascii: "#"): return second == nil || second == space || second == first
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                return second == nil || second == space || chars.allSatisfy { $0 == first || $0 == space }
            case UInt8(ascii: "="): return chars.allSatisfy { $0 == first || $0 == space }
            default: return false
            }
        }

        /// ``MarkdownEscape/orderedListMarkerEnd(_:)``.
        static func orderedListMarkerEnd(_ chars: UnsafeBufferPointer<UInt8>) -> Int? {
            let digits = chars.firstIndex { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? chars.count
            guard (1...9).contains(digits), digits < chars.count, chars[digits] == UInt8(ascii: ".") || chars[digits] == UInt8(ascii: ")")
            else { return nil }
            return digits + 1 == chars.count || chars[digits + 1] == space ? digits : nil
        }

        /// ``MarkdownEscape/longestBacktickRun(_:)`` of any text, or nil when a backtick
        /// touches a scalar that might join it into a larger cluster (a prepended mark
        /// before it, a combining mark after it), or the text holds the one other scalar
        /// equal to a backtick: then only clusters can tell.
        static func longestBacktickRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var longest = 0
            var run = 0
            var index = 0
            while index < bytes.count {
                guard bytes[index] == backtick else {
                    // U+1FEF GREEK VARIA is canonically a backtick: as a Character it is one.
                    if bytes[index] == 0xE1, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xAF { return nil }
                    run = 0
                    index += 1
                    continue
                }
                if index > 0, bytes[index - 1] >= 0x80, !endsInLoneScalar(bytes, before: index) { return nil }
                if index + 1 < bytes.count, bytes[index + 1] >= 0x80, !startsWithLoneScalar(bytes, at: index + 1) { return nil }
                run += 1
                longest = max(longest, run)
                index += 1
            }
            return longest
        }

        private static func startsWithLoneScalar(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
            var end = start + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return isLoneScalar(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }

        private static func endsInLoneScalar(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
            var start = end - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return isLoneScalar(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }

        private static func isLoneScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
            guard let scalar = scalars.first, scalars.count == 1 else { return false }
            return LoneScalars.contains(scalar.value)
        }
    }
}
