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
                var label = "Table" + (headings.last.map { ": \($0.text)" } ?? "")
                if tableLabels.contains(label) { label += " (\(tableLabels.count + 1))" }
                tableLabels.insert(label)
                replaced = "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTMLEscape.text(label))\">\n<table>"
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
        let hasSlugCharacters = text.lowercased().unicodeScalars.contains { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        let base = hasSlugCharacters ? Slug.of(text) : "section"
        var id = base
        var n = 2
        while used.contains(id) {
            id = "\(base)-\(n)"
            n += 1
        }
        used.insert(id)
        return id
    }

    /// 2…6 for `<h2>`…`<h6>` exactly; nil for anything else (`<h1>`, `<hr />`, `<head>`).
    private static func headingLevel(_ tail: Substring) -> Int? {
        let bytes = tail.utf8.prefix(4)
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
        if html.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return plainTextOfScalars(html.unicodeScalars) }
        return plainTextOfCharacters(html)
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
