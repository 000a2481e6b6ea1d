import CartographModel

/// Text as the outputs keep it: what the templates make, with the whitespace they leave
/// behind trimmed, so templates stay readable without making the output ragged.
package enum RenderedText {
    /// HTML as the templates make it, with trailing spaces and blank-line runs trimmed
    /// outside `<pre>`. Works on bytes: pages of a large map are hundreds of kilobytes.
    package static func html(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inPre = false
        var lastLineBlank = true
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[start..<end]
            if line.contains(subsequence: "<pre".utf8) { inPre = true }
            if !inPre {
                while line.last == 0x20 { line = line.dropLast() }
            }
            let keep = inPre || !(line.isEmpty && lastLineBlank)
            if line.contains(subsequence: "</pre>".utf8) { inPre = false }
            if keep {
                out += line
                out.append(0x0A)
                lastLineBlank = line.isEmpty
            }
            start = end + 1
        }
        while out.count >= 2, out[out.count - 1] == 0x0A, out[out.count - 2] == 0x0A { out.removeLast() }
        if out.isEmpty { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
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
