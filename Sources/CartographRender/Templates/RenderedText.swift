import CartographModel

/// Text as the outputs keep it: what the templates make, with the whitespace they leave
/// behind trimmed, so templates stay readable without making the output ragged.
package enum RenderedText {
    /// HTML as the templates make it, with trailing spaces and blank-line runs trimmed
    /// outside `<pre>`. Works on the bytes in place, one pass: pages of a large map are
    /// hundreds of kilobytes, and every page of the site goes through here.
    package static func html(_ text: String) -> String {
        var text = text
        return text.withUTF8(isTrimmedHTML) ? text : String(decoding: text.withUTF8(trimmedHTML), as: UTF8.self)
    }

    /// ``html(_:)`` of UTF-8 bytes: the site's native writers make bytes, not a `String`.
    package static func html(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer(isTrimmedHTML) ? bytes : bytes.withUnsafeBufferPointer(trimmedHTML)
    }

    /// Whether ``trimmedHTML(_:)`` would give `bytes` back as they are: no line ends in a
    /// space, no blank line opens the text or follows another, and one newline ends it.
    /// Then `<pre>` changes nothing either, and the pass needs no scan for it, no copy and no
    /// check that its bytes are UTF-8: what the site's own writer makes nearly always is.
    static func isTrimmedHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let newline: UInt8 = 0x0A
        let count = bytes.count
        guard count >= 2, let base = bytes.baseAddress, bytes[0] != newline, bytes[count - 1] == newline, bytes[count - 2] != newline
        else { return false }
        func fits(_ index: Int) -> Bool {
            let before = bytes[index - 1]
            return !(before == 0x20 || (before == newline && index >= 2 && bytes[index - 2] == newline))
        }
        // Eight bytes at a time: a page is kilobytes of markup between newlines, and only a
        // word that holds one needs a look at its bytes.
        let raw = UnsafeRawPointer(base)
        var index = 1
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 {
                for at in index..<(index + 8) where bytes[at] == newline && !fits(at) { return false }
            }
            index += 8
        }
        while index < count {
            if bytes[index] == newline, !fits(index) { return false }
            index += 1
        }
        return true
    }

    /// ``isTrimmedHTML(_:)`` a byte at a time, for tests of the word-wise scan.
    static func isTrimmedHTMLByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let newline: UInt8 = 0x0A
        let count = bytes.count
        guard count >= 2, bytes[0] != newline, bytes[count - 1] == newline, bytes[count - 2] != newline else { return false }
        for index in 1..<count where bytes[index] == newline {
            let before = bytes[index - 1]
            if before == 0x20 || (before == newline && index >= 2 && bytes[index - 2] == newline) { return false }
        }
        return true
    }

    /// ``html(_:)`` by its full pass alone, for tests of the shortcut.
    static func htmlInFull(_ text: String) -> String {
        var text = text
        return String(decoding: text.withUTF8(trimmedHTML), as: UTF8.self)
    }

    /// Cuts only at ASCII spaces and newlines: UTF-8 in, the same UTF-8 out.
    private static func trimmedHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        var inPre = false
        var lastLineBlank = true
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let (opens, closes) = preMarkers(bytes, start, end)
            if opens { inPre = true }
            var lineEnd = end
            if !inPre {
                while lineEnd > start, bytes[lineEnd - 1] == 0x20 { lineEnd -= 1 }
            }
            let keep = inPre || !(lineEnd == start && lastLineBlank)
            if closes { inPre = false }
            if keep {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]))
                out.append(0x0A)
                lastLineBlank = lineEnd == start
            }
            start = end + 1
        }
        while out.count >= 2, out[out.count - 1] == 0x0A, out[out.count - 2] == 0x0A { out.removeLast() }
        if out.isEmpty { out.append(0x0A) }
        return out
    }

    /// Whether `bytes[from..<to]` holds `<pre` and whether it holds `</pre>`: one scan for `<`.
    private static func preMarkers(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (opens: Bool, closes: Bool) {
        func matches(_ marker: StaticString, at index: Int) -> Bool {
            let count = marker.utf8CodeUnitCount
            guard index + count <= to else { return false }
            let pointer = marker.utf8Start
            for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
            return true
        }
        var opens = false
        var closes = false
        var index = from
        while index < to {
            if bytes[index] == 0x3C {
                if !opens, matches("<pre", at: index) { opens = true }
                if !closes, matches("</pre>", at: index) { closes = true }
                if opens, closes { break }
            }
            index += 1
        }
        return (opens, closes)
    }

    /// One trailing newline, no trailing spaces, at most one blank line in a row outside
    /// code blocks: templates stay readable without making the output ragged.
    ///
    /// Lines, trailing spaces and fences are what ``markdownByCharacters(_:)`` says they are
    /// (lines split at the character `\n`, so `\r\n` is no break; a space or a backtick
    /// that a neighbour joins into one character is not one), decided on the bytes wherever
    /// the bytes around them are ASCII, which settles it, and by characters elsewhere: the
    /// map of a large workspace is most of a megabyte, and `serve` makes it on every save.
    package static func markdown(_ text: String) -> String {
        var text = text
        return text.withUTF8(isTrimmedMarkdown) ? text : String(decoding: text.withUTF8(trimmedMarkdown), as: UTF8.self)
    }

    /// ``markdown(_:)-(String)`` of UTF-8 bytes, as the native Markdown map makes them: it
    /// cuts only at ASCII spaces and newlines, so what it gives back is UTF-8 as well and
    /// needs no `String` to be checked in.
    package static func markdown(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer(isTrimmedMarkdown) ? bytes : bytes.withUnsafeBufferPointer(trimmedMarkdown)
    }

    /// Whether ``markdown(_:)`` would give `bytes` back as they are: as for HTML (no line
    /// ends in a space, no blank line opens the text or follows another, one newline ends
    /// it), inside code blocks too, and no CR, with which `\r\n` is one character. The
    /// Markdown map of 1,000 apps is three megabytes, and nearly always is.
    static func isTrimmedMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isTrimmedHTML(bytes) && !bytes.contains(0x0D)
    }

    /// ``markdown(_:)`` by its full pass alone, for tests of the shortcut.
    static func markdownInFull(_ text: String) -> String {
        var text = text
        return String(decoding: text.withUTF8(trimmedMarkdown), as: UTF8.self)
    }

    private static func trimmedMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let newline: UInt8 = 0x0A
        let backtick: UInt8 = 0x60
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        // What is kept is nearly all of the text, a line as it stands with its newline after
        // it: such lines are gathered as one run of the input and copied at once.
        var run = 0..<0
        func keep(_ piece: Range<Int>) {
            if piece.lowerBound == run.upperBound {
                run = run.lowerBound..<piece.upperBound
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run]))
                run = piece
            }
        }
        /// A kept line: its bytes, then a newline (the input's own where it follows them).
        func keepLine(_ line: Range<Int>) {
            if line.upperBound < bytes.count, bytes[line.upperBound] == newline {
                keep(line.lowerBound..<(line.upperBound + 1))
            } else {
                keep(line)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run]))
                out.append(newline)
                run = 0..<0
            }
        }
        var inFence = false
        var lastKeptBlank = false
        var started = false
        // Blank lines kept since the last line with text: written only if text follows.
        var blanks: [Range<Int>] = []
        var start = 0
        while start <= bytes.count {
            var end = start
            // A `\n` after `\r` is part of the character `\r\n`: no line break.
            while end < bytes.count, bytes[end] != newline || (end > start && bytes[end - 1] == 0x0D) { end += 1 }
            var lineEnd = end
            if !inFence {
                while lineEnd > start, bytes[lineEnd - 1] == 0x20 { lineEnd -= 1 }
                if lineEnd < end, lineEnd > start, bytes[lineEnd - 1] >= 0x80 {
                    // A space after a non-ASCII character may be part of it (after a
                    // prepended mark): trim as characters do.
                    var line = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    while line.last == " " { line = line.dropLast() }
                    lineEnd = start + line.utf8.count
                }
            }
            var fence = lineEnd - start >= 3 && bytes[start] == backtick && bytes[start + 1] == backtick && bytes[start + 2] == backtick
            if fence, lineEnd - start > 3, bytes[start + 3] >= 0x80 {
                // A combining mark after the third backtick makes it another character.
                fence = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<lineEnd]), as: UTF8.self).hasPrefix("```")
            }
            if fence { inFence.toggle() }
            let blank = lineEnd == start
            if !(!inFence && blank && lastKeptBlank) {
                lastKeptBlank = blank
                // Blank lines before the first text and after the last are dropped.
                if blank {
                    if started { blanks.append(start..<lineEnd) }
                } else {
                    for line in blanks { keepLine(line) }
                    blanks.removeAll(keepingCapacity: true)
                    keepLine(start..<lineEnd)
                    started = true
                }
            }
            start = end + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run]))
        if out.isEmpty { out.append(newline) }
        return out
    }

    /// ``markdown(_:)`` by characters: the definition the byte-level version keeps to.
    static func markdownByCharacters(_ text: String) -> String {
        var out: [Substring] = []
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = line
            if !inFence { while line.last == " " { line = line.dropLast() } }
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence, line.isEmpty, out.last?.isEmpty == true { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        while out.first?.isEmpty == true { out.removeFirst() }
        return out.joined(separator: "\n") + "\n"
    }
}
