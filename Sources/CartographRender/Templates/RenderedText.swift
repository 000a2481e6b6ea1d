import CartographModel

/// Text as the outputs keep it: what the templates make, with the whitespace they leave
/// behind trimmed, so templates stay readable without making the output ragged.
package enum RenderedText {
    /// HTML as the templates make it, with trailing spaces and blank-line runs trimmed
    /// outside `<pre>`. Works on the bytes in place, one pass: pages of a large map are
    /// hundreds of kilobytes, and every page of the site goes through here.
    package static func html(_ text: String) -> String {
        var text = text
        return text.withUTF8(trimmedHTML)
    }

    private static func trimmedHTML(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
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
        return String(decoding: out, as: UTF8.self)
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
    package static func markdown(_ text: String) -> String {
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
