import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// One presentation of the map, read by the Markdown map and the site: the index shows the
/// Markdown map's sections, in its order, with its words, without going through Markdown.
@Suite("Presentation")
struct PresentationTests {
    static let build = buildExample()

    /// A reproducible stream of choices (SplitMix64).
    struct Choices {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }

        /// What Markdown and HTML treat specially, and plain words between. No `|` (the
        /// Markdown map escapes it in code, which cmark then showed as `\|`) and no `;`
        /// (`&amp;` in a value is words, which cmark decoded): the index now shows both as written.
        static let pieces = [
            "a", "word", " ", "  ", "    ", "`", " ` ", "<", ">", "&", "\"", "'", "*", "_", "[", "]", "(", ")", "#", "-", "+", "=",
            "1.", "2)", "!", "~", "\\", "www.", "https://example.com", "\n", "\t", "é", "🔧", "<b>", "</p>",
        ]

        /// Words from the pieces. Two backticks in a row are kept apart: the Markdown map
        /// writes the code spans either side of them touching, and cmark reads the pair as
        /// one fence (`` ` `` then `` `<` `` showed as one span), which the index no longer does.
        mutating func text() -> String {
            var text = (0..<(1 + next(8))).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
            while text.contains("``") { text = text.replacingOccurrences(of: "``", with: "`a`") }
            return text
        }
    }

    /// What the index showed of a value through the Markdown map and cmark, as inline HTML.
    static func throughCmark(_ text: String) -> String {
        var html = CommonMark.html(MarkdownEscape.inline(text))
        if html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    /// The same markup and words: entities spelt one way, and no spaces at the ends (cmark
    /// trims a paragraph; HTML shows none there either).
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: "&#39;", with: "'").trimmingCharacters(in: .whitespaces)
    }

    @Test(arguments: 0..<2000)
    func wordsShowAsTheMarkdownMapShowedThem(seed: Int) {
        var choices = Choices(state: UInt64(seed))
        let text = choices.text()
        #expect(
            Self.normalized(HTMLEscape.inline(text)) == Self.normalized(Self.throughCmark(text)),
            "\(text.debugDescription)")
    }

    @Test func spansShowAsTheMarkdownMapShowedThem() {
        let spans: [Span] = [
            .strong("$27"), .text(" or "), .strong("$20"), .text(" ("), .text("*budget* mode"), .text(")"), .text(", "),
            .code("/health"), .text(" "), .link("https://example.com/a?b=1"), .text(" "), .status(.configured, note: "awaiting `x`"),
            .text(" "), .toggle(true), .text(" "), .link("javascript:alert(1)"),
        ]
        for style in [StatusStyle.emoji, .ascii] {
            var markdown = CommonMark.html(MarkdownEscape.inline(spans, style: style))
            markdown = String(markdown.dropFirst(3).dropLast(5))
            #expect(Self.normalized(HTMLEscape.inline(spans, style: style)) == Self.normalized(markdown))
        }
    }

    /// The index's sections are the Markdown map's built-in sections, in the same order,
    /// with the same headings and anchors, as ``MapSection`` declares them.
    @Test func theIndexHasTheMarkdownMapsSections() throws {
        let index = try #require(Self.build.outputs.text("site/index.html"))
        let markdown = try #require(Self.build.outputs.text("site/INFRASTRUCTURE.md"))
        let (map, _) = loadExample()
        let shown = MapPresentation(map: map, pages: []).sections
        #expect(shown == MapSection.allCases, "the example shows every section")
        let h2 = index.matches(of: /<h2 id="([a-z-]+)">([^<]*) <a class="anchor"/).map { (String($0.output.1), String($0.output.2)) }
        #expect(h2.map(\.0) == shown.map(\.slug))
        #expect(h2.dropFirst().map(\.1) == shown.dropFirst().map { HTMLEscape.text($0.heading) })
        let headings = markdown.matches(of: /\n## (.*)\n/).map { String($0.output.1) }
        #expect(headings.filter { heading in shown.contains { $0.heading == heading } } == shown.map(\.heading))
        let toc = index.matches(of: /<li><a href="#([a-z-]+)">/).map { String($0.output.1) }
        #expect(toc == shown.map(\.slug))
    }

    /// Every labelled value of the Markdown map's inventory shows on the index with the same
    /// words, and nothing of Markdown's syntax shows there.
    @Test func theIndexShowsTheInventorysWords() throws {
        let index = try #require(Self.build.outputs.text("site/index.html"))
        let markdown = try #require(Self.build.outputs.text("site/INFRASTRUCTURE.md"))
        let inventory = try #require(markdown.range(of: "## 📊 Application Inventory"))
        let end = try #require(markdown.range(of: "## 💰 Cost Summary"))
        let labels = markdown[inventory.upperBound..<end.lowerBound].matches(of: /\*\*([A-Za-z -]+)\*\*:\s/).map { String($0.output.1) }
        #expect(labels.count > 30)
        let text = HTMLOutline.plainText(index)
        for label in Set(labels) { #expect(index.contains("<strong>\(label)</strong>: "), "\(label)") }
        for syntax in ["**", "\\_", "\\*", "\\[", "`"] { #expect(!text.contains(syntax), "\(syntax) shows on the index") }
    }
}
