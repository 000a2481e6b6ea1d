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
}
