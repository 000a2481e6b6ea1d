import CartographTestSupport
import Foundation
import Testing

@testable import CartographModel
@testable import CartographRender

/// What lets the site render its Markdown pages on every core: cmark-gfm parsing from many
/// threads at once, and the search text of a page read without Characters.
@Suite("Page rendering")
struct PageRenderingTests {
    /// Markdown whose HTML depends on the extensions' characters, which cmark-gfm keeps in a
    /// global table while it parses: autolinks, strikethrough, tables, task lists.
    static func page(_ n: Int) -> String {
        let prose = (0..<(n % 7 * 6)).map { "Line \($0) of *page* \(n) points at www.example.com/\($0) and ops@example.org." }
        return """
            # Page \(n)

            See https://docs.example.org/\(n) and www.example.com/\(n), or mail ops\(n)@example.org.
            ~~old \(n)~~ new.
            \(prose.joined(separator: "\n"))

            | a | b |
            |---|---|
            | https://x.example/\(n) | ~~y~~ |

            - [x] done \(n)
            - [ ] open www.example.net/\(n)

            """
    }

    /// Many pages parsed at once read exactly as each does alone. Before the parse lock, one
    /// parse finishing took the autolink characters from another still running.
    @Test func pagesParsedAtOnceReadAsPagesParsedAlone() {
        let pages = (0..<600).map(Self.page)
        let alone = pages.map { CommonMark.html($0) }
        #expect(alone.allSatisfy { $0.contains("<a href=\"http://www.example.com/") && $0.contains("<del>") })
        for round in 0..<8 {
            let together = Parallel.map(pages) { CommonMark.html($0) }
            let differing = zip(alone, together).filter { $0.0 != $0.1 }.count
            #expect(differing == 0, "round \(round): \(differing) of \(pages.count) pages differ")
        }
    }

    /// A deterministic generator, so a failure names a seed that reproduces it.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 &* 0x9E37_79B9_7F4A_7C15
        }
    }

    /// Fragments of HTML made of what cmark writes and what breaks naive readers: tags of
    /// every kind (block, inline, closing, with attributes, unclosed, `</>`), entities whole
    /// and cut by a tag, runs of spaces, tabs, CR LF, and Latin letters and digits in names.
    static func fragment(using generator: inout Generator) -> String {
        let pieces = [
            "<p>", "</p>", "<td>", "<td align=\"left\">", "</TD>", "<br />", "<a href=\"x\">", "</a>", "<code>", "<h2>", "</h6>",
            "<table>", "</tbody>", "<Blockquote>", "<blockquotes>", "<strong>",
            "<li>", "<tdé>", "<p2>", "< p>", "<//p>", "</>", "<", ">", "<<p>", "&lt;", "&gt;", "&quot;", "&#39;", "&amp;",
            "&amp;lt;", "&l", "t;", "&", "&&lt;", " ", "  ", "\t", "\r\n", "\n", "word", "é", "ß", "Ça", "x1", "½", "\u{A0}",
            "\u{85}", "ª",
        ]
        return (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
            .joined()
    }

    @Test func theScalarPassReadsWhatTheCharacterPassReads() {
        var generator = Generator(state: 7)
        for _ in 0..<20_000 {
            let html = Self.fragment(using: &generator)
            #expect(html.unicodeScalars.allSatisfy { $0.value < 0x300 })
            #expect(
                HTMLOutline.plainTextOfScalars(html.unicodeScalars) == HTMLOutline.plainTextOfCharacters(html), "\(html.debugDescription)")
        }
        // Above U+0300 the Characters decide: a combining mark after `>` keeps the tag open.
        #expect(HTMLOutline.plainText("<b>\u{301}x</b> y") == HTMLOutline.plainTextOfCharacters("<b>\u{301}x</b> y"))
    }

    @Test func theBytePassReadsWhatTheCharacterPassReads() throws {
        var generator = Generator(state: 11)
        for _ in 0..<20_000 {
            var html = Self.fragment(using: &generator)
            let bytes = html.withUTF8 { HTMLOutline.plainTextOfBytes($0) }
            #expect(bytes == HTMLOutline.plainTextOfCharacters(html), "\(html.debugDescription)")
        }
    }

    /// What cmark writes around headings, tables and task lists, cut and mixed with text.
    static func outlineFragment(using generator: inout Generator) -> String {
        let pieces = [
            "<h2>", "</h2>", "<h3>", "</h3>", "<h5>", "</h5>", "<h1>", "</h1>", "<h7>", "<hr />", "<head>", "<table>", "</table>",
            "<th>", "<th align=\"left\">", "<td>", "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            "<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\"", "<p>", "</p>", "<", ">", "&amp;", "&lt;",
            "Setup", "setup", "Deploy ", " & ", "é", "½", "\u{A0}", "\r\n", "\n", "x1", "📦", "e\u{301}", "<\u{338}",
        ]
        return (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    @Test func theOutlinesBytePassWritesWhatTheCharacterPassWrites() {
        var generator = Generator(state: 5)
        var byBytes = 0
        for _ in 0..<10_000 {
            var html = Self.outlineFragment(using: &generator)
            var characters = HTMLOutline(reserved: ["main"])
            let expected = characters.processCharacters(html)
            var dispatched = HTMLOutline(reserved: ["main"])
            #expect(dispatched.process(html) == expected, "\(html.debugDescription)")
            #expect(dispatched.headings == characters.headings, "\(html.debugDescription)")
            guard html.unicodeScalars.allSatisfy({ $0.value < 0x300 }) else { continue }
            byBytes += 1
            var bytes = HTMLOutline(reserved: ["main"])
            let written = html.withUTF8 { bytes.processBytes($0) }
            #expect(written == expected, "\(html.debugDescription)")
            #expect(bytes.headings == characters.headings, "\(html.debugDescription)")
        }
        #expect(byBytes > 2_000)
    }

    /// Many different short words, in every case, some of them known: the byte set grows
    /// past its first size and still answers as the set of Strings does.
    @Test func searchTextOfManyWordsIsTheTextByCharacters() {
        var generator = Generator(state: 13)
        let letters = ["a", "B", "b", "-", "1", ".", "Q"]
        func word() -> String {
            (0..<Int.random(in: 1...4, using: &generator)).map { _ in letters.randomElement(using: &generator) ?? "" }.joined()
        }
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...400, using: &generator)).map { _ in word() }.joined(separator: " ")
            var known = (0..<Int.random(in: 0...40, using: &generator)).map { _ in word() + " " + word() }
            if Int.random(in: 0..<10, using: &generator) == 0 { known.append("Ünïcode \u{37E}") }
            let seen = Set(known.flatMap { $0.lowercased().split(separator: " ").map(String.init) })
            #expect(SearchIndex.trimmedText(text, known: known) == SearchIndex.trimmedTextOfCharacters(text, seen: seen))
        }
    }

    @Test func searchTextOfASCIIIsTheTextByCharacters() {
        var generator = Generator(state: 3)
        let words = ["Deploy", "deploy", "DEPLOY", "the", "app", "a-b", "x1", "K", "k", "Ünïcode", "ok.", "", "  "]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...200, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }
                .filter { $0.allSatisfy(\.isASCII) }.joined(separator: " ")
            let known = (0..<Int.random(in: 0...3, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }
            let seen = Set(known.flatMap { $0.lowercased().split(separator: " ").map(String.init) })
            #expect(SearchIndex.trimmedText(text, known: known) == SearchIndex.trimmedTextOfCharacters(text, seen: seen))
        }
    }

    /// Generated URLs of ASCII and beyond, with `://` anywhere or nowhere: the byte pass
    /// finds the host the search by Characters finds.
    @Test func theSearchIndexsHostOfAURLIsTheHostByCharacters() {
        var generator = Generator(state: 21)
        let parts = ["https", "://", ":", "/", "//", "?", "#", "app", "example.org", ":8443", "x", "é", "\u{301}", "\r\n", " ", ".", ""]
        var ascii = 0
        for _ in 0..<10_000 {
            let url = (0..<Int.random(in: 0...7, using: &generator)).map { _ in parts.randomElement(using: &generator) ?? "" }.joined()
            if url.utf8.allSatisfy({ $0 < 0x80 }) { ascii += 1 }
            #expect(SearchIndex.host(of: url) == SearchIndex.hostByCharacters(of: url), "\(url.debugDescription)")
        }
        #expect(ascii > 3_000)
    }

    /// Lists short and long, with repeats: the search index keeps each value once, first
    /// first, as a set of the values seen would.
    @Test func theSearchIndexKeepsEachValueOnceInOrder() {
        var generator = Generator(state: 8)
        let values = ["web", "api", "Web", "worker", "db", "", "wéb", "we\u{301}b"]
        for _ in 0..<3_000 {
            let list = (0..<Int.random(in: 0...40, using: &generator)).map { _ in values.randomElement(using: &generator) ?? "" }
            var seen: Set<String> = []
            #expect(SearchIndex.unique(list) == list.filter { seen.insert($0).inserted }, "\(list)")
        }
    }

    /// Headings of ASCII letters in both cases, digits, punctuation and the characters that
    /// lowercase to ASCII (Kelvin sign, dotted capital I): the byte pass finds a slug's
    /// characters where lowercasing the scalars finds them.
    @Test func aHeadingsSlugCharactersOnBytesAreThoseOfItsScalars() {
        var generator = Generator(state: 17)
        let pieces = ["A", "z", "Q", "0", "9", "-", " ", "@", "[", "`", "{", "/", ":", "\u{212A}", "\u{130}", "é", "🔧", "_", ""]
        var withSlug = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = HTMLOutline.hasSlugCharactersByScalars(text)
            #expect(HTMLOutline.hasSlugCharacters(text) == expected, "\(text.debugDescription)")
            if expected { withSlug += 1 }
        }
        #expect(withSlug > 5_000)
    }
}
