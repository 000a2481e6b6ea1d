package import CartographModel
import Foundation

/// Escaping for text that lands in Markdown, so a value can never change the document's
/// structure: no emphasis, links, HTML, table cells, headings or list items of its own.
package enum MarkdownEscape {
    /// Inline text. Backtick-quoted parts (`` `doctl apps create` ``) stay code spans —
    /// inert in Markdown, whatever they hold — and everything else is escaped.
    static func inline(_ text: String) -> String {
        if text.utf8.withContiguousStorageIfAvailable(LoneEscaper.isUnchanged) == true { return text }
        let flat = singleLine(text)
        if LoneScalars.isPrintableASCII(flat) || LoneScalars.contains(allOf: flat),
            let escaped = flat.utf8.withContiguousStorageIfAvailable(LoneEscaper.inline)
        {
            return escaped
        }
        return inlineByCharacter(flat)
    }

    /// ``inline(_:)-(String)`` appended to `out` as UTF-8.
    static func inline(_ text: String, into out: inout [UInt8]) {
        let unchanged = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard LoneEscaper.isUnchanged(bytes) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if unchanged == true { return }
        let flat = singleLine(text)
        if LoneScalars.isPrintableASCII(flat) || LoneScalars.contains(allOf: flat),
            flat.utf8.withContiguousStorageIfAvailable({ LoneEscaper.inline($0, into: &out) }) != nil
        {
            return
        }
        out.append(contentsOf: inlineByCharacter(flat).utf8)
    }

    /// ``inline(_:)-(String)`` of single-line text, a grapheme cluster at a time.
    static func inlineByCharacter(_ flat: String) -> String {
        var out = ""
        var rest = Substring(flat)
        while let open = rest.firstIndex(of: "`") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "`"), close > afterOpen else { break }
            out += escapePlain(rest[..<open], atStart: out.isEmpty)
            out += code(String(rest[afterOpen..<close]))
            rest = rest[rest.index(after: close)...]
        }
        out += escapePlain(rest, atStart: out.isEmpty)
        return out
    }

    /// A run of spans as inline Markdown: each span escaped on its own, statuses in `style`.
    /// Written as bytes and made a `String` once: a map has tens of thousands of values,
    /// and a `String` per span (each checked as UTF-8 when made) was most of their cost.
    static func inline(_ spans: [Span], style: StatusStyle) -> String {
        // Most values are one span of text, often left as it is: then no bytes are gathered.
        if spans.count == 1, case .text(let text) = spans[0] { return inline(text) }
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for span in spans {
            switch span {
            case .text(let text): inline(text, into: &out)
            case .code(let text): code(text, into: &out)
            case .strong(let text):
                out.append(contentsOf: "**".utf8)
                inline(text, into: &out)
                out.append(contentsOf: "**".utf8)
            case .link(let url): link(url, into: &out)
            case .status(let health, let note): inline(style.label(health) + (note.map { " (\($0))" } ?? ""), into: &out)
            case .toggle(let on): inline(style.yesNo(on), into: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``inline(_:style:)`` a `String` at a time: the definition the byte version keeps to.
    static func inlineByStrings(_ spans: [Span], style: StatusStyle) -> String {
        var out = ""
        for span in spans {
            switch span {
            case .text(let text): out += inline(text)
            case .code(let text): out += code(text)
            case .strong(let text): out += "**\(inline(text))**"
            case .link(let url): out += link(url)
            case .status(let health, let note): out += inline(style.label(health) + (note.map { " (\($0))" } ?? ""))
            case .toggle(let on): out += inline(style.yesNo(on))
            }
        }
        return out
    }

    /// An http(s) URL as an autolink; anything else as escaped text.
    static func link(_ url: String) -> String {
        isAutolink(url) ? "<\(url)>" : inline(url)
    }

    /// ``link(_:)`` appended to `out` as UTF-8.
    static func link(_ url: String, into out: inout [UInt8]) {
        guard isAutolink(url) else { return inline(url, into: &out) }
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: url.utf8)
        out.append(UInt8(ascii: ">"))
    }

    /// An http(s) URL with nothing in it that could end or break out of `<…>`.
    private static func isAutolink(_ url: String) -> Bool {
        let safe = url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>\"'`|\\".unicodeScalars.contains($0) }
        return safe && (url.hasPrefix("https://") || url.hasPrefix("http://"))
    }

    static func escapePlain(_ text: Substring, atStart: Bool) -> String {
        var out = ""
        let chars = Array(text)
        // Spaces before a marker do not stop it ("  2) x" starts a list item), and four
        // start a code block: the first becomes a character reference, which is no indent.
        let lead = atStart ? chars.prefix { $0 == " " }.count : 0
        let line = Array(chars[lead...])
        for (index, ch) in chars.enumerated() {
            switch ch {
            case " " where index == 0 && lead >= 4:
                out += "&#32;"
                continue
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                out.append("\\")
            case _ where atStart && index == lead && "#-+=".contains(ch) && startsBlock(line):
                out.append("\\")
            case ":" where chars[(index + 1)...].starts(with: "//"), "." where startsWWW(chars, dot: index):
                // GitHub's Markdown links bare `https://…` and `www.…` (escaped brackets
                // do not stop it); an escaped `:` or `.` does, as the site links no value.
                out.append("\\")
            default:
                break
            }
            out.append(ch)
        }
        if atStart, let dot = orderedListMarkerEnd(line) {
            out.insert("\\", at: out.index(out.startIndex, offsetBy: lead + dot + (lead >= 4 ? "&#32;".count - 1 : 0)))
        }
        return out
    }

    /// True when the `.` at `dot` ends a word `www`, which GitHub would turn into a link.
    static func startsWWW(_ chars: [Character], dot: Int) -> Bool {
        guard dot >= 3, chars[(dot - 3)..<dot].allSatisfy({ $0 == "w" || $0 == "W" }) else { return false }
        return dot == 3 || !(chars[dot - 4].isLetter || chars[dot - 4].isNumber)
    }

    /// True when a line starting with these characters would be a heading, list item or rule.
    static func startsBlock(_ chars: [Character]) -> Bool {
        guard let first = chars.first else { return false }
        let second = chars.dropFirst().first
        switch first {
        case "#": return second == nil || second == " " || second == "#"
        case "-", "+": return second == nil || second == " " || chars.allSatisfy { $0 == first || $0 == " " }
        case "=": return chars.allSatisfy { $0 == "=" || $0 == " " }
        default: return false
        }
    }

    /// The index of the `.` or `)` in "12. " — an ordered-list marker — or nil.
    static func orderedListMarkerEnd(_ chars: [Character]) -> Int? {
        let digits = chars.prefix { $0.isASCII && $0.isNumber }.count
        guard (1...9).contains(digits), digits < chars.count, chars[digits] == "." || chars[digits] == ")" else { return nil }
        return digits + 1 == chars.count || chars[digits + 1] == " " ? digits : nil
    }

    /// A table cell: inline escaping; a lone "-" (an empty cell) stays as it is.
    package static func cell(_ text: String) -> String {
        if text == "-" { return "-" }
        let escaped = inline(text)
        return escaped.isEmpty ? " " : escaped
    }

    /// Code span: backticks fenced with more backticks than the text holds; `|` escaped
    /// (GitHub requires it even inside code in a table).
    package static func code(_ text: String) -> String {
        let flat = singleLine(text)
        let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        var body = ""
        for ch in flat {
            if ch == "|" { body.append("\\") }
            body.append(ch)
        }
        return fence + pad + body + pad + fence
    }

    /// ``code(_:)`` appended to `out` as UTF-8: on the bytes when they are printable ASCII.
    static func code(_ text: String, into out: inout [UInt8]) {
        let flat = singleLine(text)
        let written = flat.utf8.withContiguousStorageIfAvailable { bytes in
            guard LoneScalars.isPrintableASCII(bytes: bytes) else { return false }
            LoneEscaper.code(bytes, into: &out)
            return true
        }
        if written != true { out.append(contentsOf: code(flat).utf8) }
    }

    /// A code fence longer than any backtick run in `text`, so the text cannot close it.
    package static func fence(for text: String) -> String {
        String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
    }

    static func longestBacktickRun(_ text: String) -> Int {
        if let run = text.utf8.withContiguousStorageIfAvailable(LoneEscaper.longestBacktickRun), let run { return run }
        return longestBacktickRunByCharacter(text)
    }

    static func longestBacktickRunByCharacter(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for ch in text {
            if ch == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return longest
    }

    /// Collapses line breaks and control characters to single spaces.
    static func singleLine(_ text: String) -> String {
        // Most text is one line already: a control character is a byte below 0x20 or 0x7F,
        // and U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        let isSingleLine = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.indices.contains { index in
                let byte = bytes[index]
                return byte < 0x20 || byte == 0x7F
                    || (byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] | 1) == 0xA9)
            }
        }
        if isSingleLine == true { return text }
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isBreak {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = scalar == " "
            }
        }
        return out
    }
}
