package import CartographModel
import Foundation

/// Escaping for text placed in HTML, attributes, SVG and XML.
package enum HTMLEscape {
    /// Text content and double- or single-quoted attribute values; control characters
    /// other than tab and line breaks are dropped (XML forbids them).
    package static func text(_ s: String) -> String {
        needsEscaping(s) ? textByScalars(s) : s
    }

    /// ``text(_:)`` appended to `out`.
    static func text(_ s: String, into out: inout ByteWriter) {
        if needsEscaping(s) { out += textByScalars(s) } else { out += s }
    }

    /// Whether ``text(_:)`` would change `text`: a byte of `&<>"'`, a control character, or
    /// U+FFFE or U+FFFF (EF BF BE, EF BF BF). Names, labels and diagram text nearly never
    /// have one, and the escaping's scalar-by-scalar copy is saved.
    static func needsEscaping(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.contains { index in
                switch bytes[index] {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0..<0x20: true
                case 0xEF: index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE
                default: false
                }
            }
        } ?? true
    }

    /// ``text(_:)`` a scalar at a time: the definition the shortcut keeps to.
    static func textByScalars(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL for an `href`: http(s), mailto and relative URLs pass (escaped); anything else
    /// (`javascript:`, `data:`) becomes `#`.
    package static func url(_ s: String) -> String {
        asciiURL(s) ?? urlByFoundation(s)
    }

    /// ``url(_:)`` of ASCII, on its bytes: its only whitespace is the space and the tab, its
    /// lowercase is its letters' bytes. App URLs nearly always are; every app's page and the
    /// network page ask. Nil for anything else.
    static func asciiURL(_ s: String) -> String? {
        var s = s
        let verdict = s.withUTF8 { bytes -> (start: Int, end: Int, safe: Bool)? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var start = 0
            var end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            var colon = start
            while colon < end, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            guard colon < end, !bytes[start..<colon].contains(UInt8(ascii: "/")) else { return (start, end, true) }
            let scheme = bytes[start..<colon].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
            let safe = scheme.elementsEqual("http".utf8) || scheme.elementsEqual("https".utf8) || scheme.elementsEqual("mailto".utf8)
            return (start, end, safe)
        }
        guard let verdict else { return nil }
        guard verdict.safe else { return "#" }
        guard verdict.start > 0 || verdict.end < s.utf8.count else { return text(s) }
        let trimmed = s.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[verdict.start..<verdict.end]), as: UTF8.self) }
        return text(trimmed)
    }

    /// ``url(_:)`` through Foundation, for any text: the definition the ASCII pass keeps to.
    static func urlByFoundation(_ s: String) -> String {
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if let colon = lower.firstIndex(of: ":"), !lower[..<colon].contains("/") {
            let scheme = lower[..<colon]
            guard ["http", "https", "mailto"].contains(scheme) else { return "#" }
        }
        return text(trimmed)
    }

    /// A run of spans as inline HTML, statuses in `style`. Words keep their `backquoted`
    /// parts as code, as the Markdown map does; everything else is escaped, so a value never
    /// becomes markup.
    static func inline(_ spans: [Span], style: StatusStyle) -> String {
        var out = ""
        for span in spans {
            switch span {
            case .text(let words): out += inline(words)
            case .code(let code): out += "<code>" + text(singleLine(code)) + "</code>"
            case .strong(let words): out += "<strong>" + inline(words) + "</strong>"
            case .link(let url):
                let safe = url.hasPrefix("https://") || url.hasPrefix("http://")
                out += safe ? "<a href=\"\(self.url(url))\">\(text(url))</a>" : inline(url)
            case .status(let health, let note): out += inline(style.label(health) + (note.map { " (\($0))" } ?? ""))
            case .toggle(let on): out += inline(style.yesNo(on))
            }
        }
        return out
    }

    /// Words on one line, a `backquoted` part as code: what the Markdown map's escaping keeps
    /// of a value (``MarkdownEscape/inline(_:)``), written as HTML.
    static func inline(_ words: String) -> String {
        let flat = singleLine(words)
        // No backtick byte, no backtick Character: nothing to show as code.
        guard flat.utf8.contains(UInt8(ascii: "`")) else { return text(flat) }
        var out = ""
        var rest = Substring(flat)
        while let open = rest.firstIndex(of: "`") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "`"), close > afterOpen else { break }
            out += text(String(rest[..<open]))
            var code = rest[afterOpen..<close]
            // CommonMark drops one space from each end of a code span that has both.
            if code.first == " ", code.last == " ", code.contains(where: { $0 != " " }) {
                code = code.dropFirst().dropLast()
            }
            out += "<code>" + text(String(code)) + "</code>"
            rest = rest[rest.index(after: close)...]
        }
        return out + text(String(rest))
    }

    /// Line breaks and control characters as single spaces.
    static func singleLine(_ words: String) -> String {
        MarkdownEscape.singleLine(words)
    }
}
