import CartographModel
import Foundation

/// Rendered Markdown made navigable, in one pass over cmark's output: every h2–h6 gets an
/// id unique on its page (h2–h4 also a `#` link), every table a focusable, labelled scroll
/// container and header cells their scope, every task-list checkbox a name.
///
/// cmark adds no ids and no attributes to headings, so its tags are exact (`<h2>`, `<th>`);
/// in safe mode nothing else in its output can look like them, because text is escaped.
struct HTMLOutline {
    struct Heading: Sendable, Hashable {
        var level: Int
        var id: String
        var text: String
    }

    private(set) var headings: [Heading] = []
    private var used: Set<String>
    private var tableLabels: Set<String> = []

    /// `reserved`: ids the page already uses outside the Markdown (its sections, `main`).
    init(reserved: Set<String> = []) {
        used = reserved
    }

    /// `html` with ids, links, containers and labels added; headings are collected.
    mutating func process(_ html: String) -> String {
        // Below U+0300 no scalar joins the one before it into a Character: the byte pass
        // finds each `<` and tag where the pass over Characters finds them.
        var html = html
        return html.withUTF8 { bytes in
            bytes.allSatisfy({ $0 < 0xCC }) ? processBytes(bytes) : processCharacters(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// ``process(_:)`` over UTF-8 holding no scalar at or above U+0300.
    mutating func processBytes(_ html: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + html.count / 8)
        var index = 0
        while index < html.count {
            guard let open = html[index...].firstIndex(of: UInt8(ascii: "<")) else { break }
            out.append(contentsOf: html[index..<open])
            let tail = UnsafeBufferPointer(rebasing: html[open...])
            if let level = Self.headingLevel(tail),
                let close = Self.firstRange(of: Self.headingClosers[level], in: html, from: open + 4)
            {
                let inner = UnsafeBufferPointer(rebasing: html[(open + 4)..<close])
                let text = Self.plainTextOfBytes(inner)
                let id = unique(text)
                headings.append(Heading(level: level, id: id, text: text))
                out.append(contentsOf: "<h\(level) id=\"\(id)\">".utf8)
                out.append(contentsOf: inner)
                if level <= 4 { out.append(contentsOf: " <a class=\"anchor\" href=\"#\(id)\" title=\"Link to this section\">#</a>".utf8) }
                out.append(contentsOf: "</h\(level)>".utf8)
                index = close + 5
                continue
            }
            // The byte after `<` tells which of the tags it could open: most open none. The
            // tags are ``replacements``' (a test holds this pass to the one by Characters).
            var replaced: (tag: StaticString, replacement: StaticString)?
            switch tail.count > 1 ? tail[1] : 0 {
            case UInt8(ascii: "/"):
                if Self.hasPrefix(tail, "</table>") { replaced = ("</table>", "</table>\n</div>") }
            case UInt8(ascii: "t"):
                if Self.hasPrefix(tail, "<th>") {
                    replaced = ("<th>", "<th scope=\"col\">")
                } else if Self.hasPrefix(tail, "<th align=") {
                    replaced = ("<th align=", "<th scope=\"col\" align=")
                } else if Self.hasPrefix(tail, "<table>") {
                    out.append(contentsOf: tableOpening().utf8)
                    index = open + "<table>".utf8.count
                    continue
                }
            case UInt8(ascii: "i"):
                if Self.hasPrefix(tail, "<input type=\"checkbox\" checked=\"\" disabled=\"\" />") {
                    replaced = (
                        "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                        "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"done\" />"
                    )
                } else if Self.hasPrefix(tail, "<input type=\"checkbox\" disabled=\"\" />") {
                    replaced = (
                        "<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"not done\" />"
                    )
                }
            default: break
            }
            if let (tag, replacement) = replaced {
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index = open + tag.utf8CodeUnitCount
            } else {
                out.append(UInt8(ascii: "<"))
                index = open + 1
            }
        }
        if index < html.count { out.append(contentsOf: html[index...]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``process(_:)`` by Characters, for HTML with combining marks, emoji and the like.
    mutating func processCharacters(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + html.utf8.count / 8)
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            out += html[index..<open]
            let tail = html[open...]
            if let level = Self.headingLevel(tail), let close = tail.range(of: "</h\(level)>") {
                let inner = tail[tail.index(open, offsetBy: 4)..<close.lowerBound]
                let text = Self.plainText(inner)
                let id = unique(text)
                headings.append(Heading(level: level, id: id, text: text))
                out += "<h\(level) id=\"\(id)\">\(inner)"
                if level <= 4 { out += " <a class=\"anchor\" href=\"#\(id)\" title=\"Link to this section\">#</a>" }
                out += "</h\(level)>"
                index = close.upperBound
                continue
            }
            var replaced: String?
            var consumed = 0
            for (tag, replacement) in Self.replacements where tail.hasPrefix(tag) {
                replaced = replacement
                consumed = tag.count
                break
            }
            if tail.hasPrefix("<table>") {
                replaced = tableOpening()
                consumed = "<table>".count
            }
            if let replaced {
                out += replaced
                index = html.index(open, offsetBy: consumed)
            } else {
                out += "<"
                index = html.index(after: open)
            }
        }
        out += html[index...]
        return out
    }

    /// A table's scroll container, labelled by the heading above it, once per page.
    private mutating func tableOpening() -> String {
        var label = "Table" + (headings.last.map { ": \($0.text)" } ?? "")
        if tableLabels.contains(label) { label += " (\(tableLabels.count + 1))" }
        tableLabels.insert(label)
        return "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTMLEscape.text(label))\">\n<table>"
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = prefix.utf8Start
        for index in 0..<count where bytes[index] != start[index] { return false }
        return true
    }

    /// `</h2>`…`</h6>` by level.
    private static let headingClosers: [[UInt8]] = (0...6).map { Array("</h\($0)>".utf8) }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for index in prefix.indices where bytes[index] != prefix[index] { return false }
        return true
    }

    /// Where `needle` first starts in `bytes` at or after `start`.
    private static func firstRange(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first else { return start }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, UnsafeBufferPointer(rebasing: bytes[index..<(index + needle.count)]).elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static let replacements: [(String, String)] = [
        ("</table>", "</table>\n</div>"),
        ("<th>", "<th scope=\"col\">"),
        ("<th align=", "<th scope=\"col\" align="),
        (
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"done\" />"
        ),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"not done\" />"),
    ]

    /// A slug of the heading's text, made unique on the page with -2, -3 ….
    private mutating func unique(_ text: String) -> String {
        // `Slug.of` names an empty result "app"; a heading of emoji alone is a "section".
        let base = Self.hasSlugCharacters(text) ? Slug.of(text) : "section"
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }

    /// Whether `text` lowercased holds a letter or digit of ASCII, which a slug is made of.
    /// An ASCII heading (nearly all) is read on its bytes, with no lowercased copy made: in
    /// ASCII only `A`–`Z` lowercase, and only to `a`–`z`.
    static func hasSlugCharacters(_ text: String) -> Bool {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.contains { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
        }
        return (ascii ?? nil) ?? hasSlugCharactersByScalars(text)
    }

    /// ``hasSlugCharacters(_:)`` of any text, by its lowercased scalars.
    static func hasSlugCharactersByScalars(_ text: String) -> Bool {
        text.lowercased().unicodeScalars.contains { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// 2…6 for `<h2>`…`<h6>` exactly; nil for anything else (`<h1>`, `<hr />`, `<head>`).
    private static func headingLevel(_ tail: Substring) -> Int? {
        headingLevel(tail.utf8.prefix(4))
    }

    /// ``headingLevel(_:)-(Substring)`` on bytes, compared one by one: it is asked at every
    /// `<` of every team page, and the generic comparison of a prefix cost more than the tag.
    private static func headingLevel(_ tail: UnsafeBufferPointer<UInt8>) -> Int? {
        guard tail.count >= 4, tail[0] == UInt8(ascii: "<"), tail[1] == UInt8(ascii: "h"), tail[3] == UInt8(ascii: ">"),
            (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(tail[2])
        else { return nil }
        return Int(tail[2] - UInt8(ascii: "0"))
    }

    private static func headingLevel<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Int? {
        guard bytes.count == 4, bytes.starts(with: "<h".utf8), bytes.last == UInt8(ascii: ">") else { return nil }
        let digit = bytes[bytes.index(bytes.startIndex, offsetBy: 2)]
        guard (UInt8(ascii: "2")...UInt8(ascii: "6")).contains(digit) else { return nil }
        return Int(digit - UInt8(ascii: "0"))
    }

    private static let blockTags: Set<String> = [
        "p", "br", "li", "ul", "ol", "td", "th", "tr", "table", "thead", "tbody", "div", "pre", "blockquote", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
    ]

    /// The text of an HTML fragment: tags dropped, cmark's entities decoded, spaces collapsed.
    static func plainText<S: StringProtocol>(_ html: S) -> String {
        // Below U+0300 every scalar is a Character of its own (CR LF aside, whitespace either
        // way): a pass over scalars reads what the pass over Characters reads, without
        // grapheme breaking, a string per tag and five searches over the whole text.
        var utf8 = String(html)
        return utf8.withUTF8 { bytes in
            bytes.allSatisfy({ $0 < 0xCC }) ? plainTextOfBytes(bytes) : plainTextOfCharacters(html)
        }
    }

    /// ``plainText(_:)`` of UTF-8 holding no scalar at or above U+0300 (lead bytes below
    /// 0xCC), where every scalar is a Character of its own: the pass over scalars, on bytes,
    /// written through pointers (a team page is read once for its words, every build).
    static func plainTextOfBytes(_ html: UnsafeBufferPointer<UInt8>) -> String {
        let count = html.count
        let stripped = [UInt8](unsafeUninitializedCapacity: count) { out, written in
            var inTag = false
            // The tag's name, lowercased, packed (its first 16 bytes) for ``isBlockTag``; not a
            // name once it holds a letter no block tag has.
            var name = TagName()
            var isName = true
            var nameEnded = false
            var index = 0
            var end = 0
            while index < count {
                if !inTag {
                    // Text up to the next `<` is copied as it is (in UTF-8 no byte of a
                    // scalar of two bytes is `<`).
                    var next = index
                    while next < count, html[next] != UInt8(ascii: "<") { next += 1 }
                    if next > index, let from = html.baseAddress, let to = out.baseAddress {
                        (to + end).initialize(from: from + index, count: next - index)
                        end += next - index
                    }
                    index = next
                    if index == count { break }
                } else if nameEnded || !isName {
                    // The name is decided: nothing but the next `<` or `>` matters.
                    while index < count, html[index] != UInt8(ascii: "<"), html[index] != UInt8(ascii: ">") { index += 1 }
                    if index == count { break }
                }
                let byte = html[index]
                // A two-byte scalar (U+0080…U+02FF) is read whole: only a tag's name looks into it.
                let length = byte >= 0xC0 && index + 1 < count ? 2 : 1
                defer { index += length }
                switch byte {
                case UInt8(ascii: "<"):
                    inTag = true
                    name = TagName()
                    isName = true
                    nameEnded = false
                case UInt8(ascii: ">") where inTag:
                    // Block boundaries separate words (table cells, list items); inline tags do not.
                    if isName, name.isBlockTag {
                        out[end] = UInt8(ascii: " ")
                        end += 1
                    }
                    inTag = false
                default:
                    if !inTag {
                        out[end] = byte
                        end += 1
                        if length == 2 {
                            out[end] = html[index + 1]
                            end += 1
                        }
                    } else if !nameEnded, !(isName && name.isEmpty && byte == UInt8(ascii: "/")) {
                        if length == 1 {
                            switch byte {
                            case UInt8(ascii: "A")...UInt8(ascii: "Z"): name.append(byte | 0x20)
                            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): name.append(byte)
                            default: nameEnded = true
                            }
                        } else {
                            let scalar = Unicode.Scalar(UInt32(byte & 0x1F) << 6 | UInt32(html[index + 1] & 0x3F)) ?? " "
                            let character = Character(scalar)
                            if character.isLetter || character.isNumber { isName = false } else { nameEnded = true }
                        }
                    }
                }
            }
            written = end
        }
        return stripped.withUnsafeBufferPointer { stripped in
            String(unsafeUninitializedCapacity: stripped.count) { text in collapsed(stripped, into: text) }
        }
    }

    /// The words of `stripped` one space apart, cmark's entities decoded: the second half of
    /// ``plainTextOfBytes(_:)``. Writes no more bytes than it reads.
    private static func collapsed(_ stripped: UnsafeBufferPointer<UInt8>, into text: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = stripped.count
        var end = 0
        var space = false
        var index = 0
        while index < count {
            let byte = stripped[index]
            if byte == UInt8(ascii: "&"), let (decoded, length) = entity(in: stripped, at: index) {
                // No entity decodes to a space.
                if space, end > 0 {
                    text[end] = UInt8(ascii: " ")
                    end += 1
                }
                space = false
                text[end] = decoded
                end += 1
                index += length
                continue
            }
            // White_Space below U+0300: tab to carriage return, space, U+0085 and U+00A0.
            let length = byte >= 0xC0 && index + 1 < count ? 2 : 1
            let whitespace =
                length == 2
                ? byte == 0xC2 && (stripped[index + 1] == 0x85 || stripped[index + 1] == 0xA0)
                : byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
            if whitespace {
                space = true
                index += length
                continue
            }
            if space, end > 0 {
                text[end] = UInt8(ascii: " ")
                end += 1
            }
            space = false
            text[end] = byte
            end += 1
            index += 1
            // A lone continuation byte cannot occur in valid UTF-8; copy it as it is.
            if length == 2, stripped[index] & 0xC0 == 0x80 {
                text[end] = stripped[index]
                end += 1
                index += 1
            }
        }
        return end
    }

    /// A tag's name as ``plainTextOfBytes(_:)`` reads it, its first sixteen bytes packed in
    /// two words: whether it is a block tag is two comparisons, not a search of arrays.
    private struct TagName {
        var count = 0
        var low: UInt64 = 0
        var high: UInt64 = 0

        var isEmpty: Bool { count == 0 }

        mutating func append(_ byte: UInt8) {
            if count < 8 {
                low |= UInt64(byte) << (8 * UInt64(count))
            } else if count < 16 {
                high |= UInt64(byte) << (8 * UInt64(count - 8))
            }
            count += 1
        }

        /// Whether it is one of ``blockTags``.
        var isBlockTag: Bool {
            switch count {
            case 1...8: HTMLOutline.shortBlockTags.contains(low)
            case 10: low == HTMLOutline.blockquote.low && high == HTMLOutline.blockquote.high
            default: false
            }
        }

        init() {}

        init(_ text: String) {
            for byte in text.utf8 { append(byte) }
        }
    }

    /// ``blockTags`` of up to eight bytes, packed as ``TagName`` packs them (a name holds no
    /// zero byte, so its packing says its length).
    private static let shortBlockTags: [UInt64] = blockTags.filter { $0.utf8.count <= 8 }.map { TagName($0).low }
    private static let blockquote = TagName("blockquote")

    /// The entity cmark writes that starts at `index`, decoded, with its length.
    private static func entity(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
        for entity in byteEntities where index + entity.name.count <= bytes.count {
            var matches = true
            for offset in 0..<entity.name.count where bytes[index + offset] != entity.name[offset] {
                matches = false
                break
            }
            if matches { return (entity.byte, entity.name.count) }
        }
        return nil
    }

    private static let byteEntities: [(name: [UInt8], byte: UInt8)] = entities.map { entity in
        (entity.name.map { UInt8(truncatingIfNeeded: $0.value) }, UInt8(truncatingIfNeeded: entity.scalar.value))
    }

    static func plainTextOfScalars(_ html: some Sequence<Unicode.Scalar>) -> String {
        var stripped: [Unicode.Scalar] = []
        stripped.reserveCapacity(html.underestimatedCount)
        var inTag = false
        var name = ""
        var nameEnded = false
        for scalar in html {
            switch scalar {
            case "<":
                inTag = true
                name = ""
                nameEnded = false
            case ">" where inTag:
                // Block boundaries separate words (table cells, list items); inline tags do not.
                if Self.blockTags.contains(name.lowercased()) { stripped.append(" ") }
                inTag = false
            default:
                if !inTag {
                    stripped.append(scalar)
                } else if !nameEnded, !(name.isEmpty && scalar == "/") {
                    let character = Character(scalar)
                    if character.isLetter || character.isNumber { name.unicodeScalars.append(scalar) } else { nameEnded = true }
                }
            }
        }
        var text = String.UnicodeScalarView()
        var space = false
        var index = 0
        while index < stripped.count {
            var scalar = stripped[index]
            index += 1
            if scalar == "&", let (decoded, length) = Self.entity(in: stripped, at: index - 1) {
                scalar = decoded
                index += length - 1
            }
            if scalar.properties.isWhitespace {
                space = true
                continue
            }
            if space, !text.isEmpty { text.append(" ") }
            space = false
            text.append(scalar)
        }
        return String(text)
    }

    private static let entities: [(name: [Unicode.Scalar], scalar: Unicode.Scalar)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    /// The entity cmark writes that starts at `index`, decoded, with its length.
    private static func entity(in scalars: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        for entity in entities where scalars[index...].starts(with: entity.name) { return (entity.scalar, entity.name.count) }
        return nil
    }

    /// ``plainText(_:)`` by Characters, for text with combining marks, emoji and the like.
    static func plainTextOfCharacters<S: StringProtocol>(_ html: S) -> String {
        var text = ""
        var tag: String?
        for character in html {
            switch character {
            case "<":
                tag = ""
            case ">" where tag != nil:
                // Block boundaries separate words (table cells, list items); inline tags do not.
                let name = (tag ?? "").drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if Self.blockTags.contains(name) { text += " " }
                tag = nil
            default:
                if tag != nil { tag?.append(character) } else { text.append(character) }
            }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
