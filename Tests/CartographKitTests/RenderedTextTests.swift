import CartographRender
import CartographTestSupport
import Testing

@testable import CartographRender

/// The byte-level trimming of the Markdown map keeps to the one by characters, on text made
/// of the pieces where bytes and characters disagree: `\r\n`, spaces and backticks next to
/// marks that join them into other characters, fences, runs of blank lines.
@Suite("Rendered Markdown")
struct RenderedTextTests {
    static let pieces = [
        "\n", "\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", "```", "```swift", "`", "``", "a", "word", "| cell |", "## Heading",
        "é", "e\u{301}", " \u{301}", "`\u{301}", "```\u{301}", "\u{600} ", "\u{600}", "\u{94D}", "🟢", "👩‍💻", "🇸🇬", "\u{200D}",
        "日本", "\u{FEFF}", "-", "**bold**",
    ]

    @Test(arguments: 0..<400)
    func trimsAsCharactersDo(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        var text = ""
        for _ in 0..<Int.random(in: 0...60, using: &generator) {
            text += Self.pieces.randomElement(using: &generator) ?? ""
        }
        #expect(RenderedText.markdown(text) == RenderedText.markdownByCharacters(text), "\(Array(text.unicodeScalars))")
    }

    static let htmlPieces = [
        "\n", "\n", "\n\n", " ", "  ", "\r\n", "<pre>", "<pre class=\"x\">", "</pre>", "<pre", "</pre", "<p>", "</p>", "a",
        "word", "é", "🟢", "<", "\t",
    ]

    /// The shortcut for HTML that is already trimmed gives what the full pass gives, on
    /// text that mostly takes it (a newline at the end) and text that does not.
    @Test(arguments: 0..<400)
    func trimsHTMLAsTheFullPassDoes(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            text += Self.htmlPieces.randomElement(using: &generator) ?? ""
        }
        for text in [text, text + "\n", "<p>" + text + "</p>\n"] {
            #expect(RenderedText.html(text) == RenderedText.htmlInFull(text), "\(text.debugDescription)")
            // The native pages' bytes take the same passes.
            #expect(RenderedText.html(Array(text.utf8)) == Array(RenderedText.htmlInFull(text).utf8), "\(text.debugDescription)")
        }
    }

    /// The word-wise check of trimmed HTML answers as the byte-wise one, on lines of every
    /// length (so a newline or a trailing space falls at every place in an eight-byte word),
    /// mostly trimmed, now and then with a trailing space or a run of blank lines.
    @Test func trimmedCheckReadsWordsAsBytes() {
        var generator = SplitMix64(seed: 0x7472)
        var trimmed = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text += String(repeating: "x", count: Int.random(in: 0...19, using: &generator))
                switch Int.random(in: 0..<40, using: &generator) {
                case 0: text += " \n"
                case 1: text += "\n\n\n"
                case 2: text += "\n\n"
                case 3: text += "é "
                default: text += "\n"
                }
            }
            let bytes = Array(text.utf8)
            let byWords = bytes.withUnsafeBufferPointer(RenderedText.isTrimmedHTML)
            #expect(byWords == bytes.withUnsafeBufferPointer(RenderedText.isTrimmedHTMLByBytes), "\(text.debugDescription)")
            if byWords { trimmed += 1 }
        }
        #expect(trimmed > 2_000, "both answers are common")
        #expect(trimmed < 18_000, "both answers are common")
    }

    @Test func htmlExamples() {
        let untouched = ["<p>a</p>\n", "a\n\nb\n", "<pre>\n  x\n</pre>\n"]
        for text in untouched {
            var bytes = text
            let kept = bytes.withUTF8(RenderedText.isTrimmedHTML)
            #expect(kept, "\(text.debugDescription)")
            #expect(RenderedText.html(text) == text)
        }
        let trimmed = ["", "\n", "a", "a\n\n", "\na\n", "a \nb\n", "a\n\n\nb\n", "<pre>\n\n\n</pre>\n", "<pre> \n</pre>\n"]
        for text in trimmed {
            var bytes = text
            let kept = bytes.withUTF8(RenderedText.isTrimmedHTML)
            #expect(!kept, "\(text.debugDescription)")
            #expect(RenderedText.html(text) == RenderedText.htmlInFull(text))
        }
        #expect(RenderedText.html("a  \n\n\n<pre>\n \n\n\n</pre>  \nb\n\n") == "a\n\n<pre>\n \n\n\n</pre>  \nb\n")
    }

    static let markdownPieces = [
        "a", "`x`", " ", "  ", "\n", "\n\n", "\n\n\n", "```", "```\n", "\r", "\r\n", "\u{301}", "\u{600}", "é", "| a | b |", "- item",
    ]

    /// Generated Markdown with trailing spaces, blank-line runs, fences, CR LF and marks that
    /// join a neighbour: the shortcut, the byte pass and the pass by characters agree.
    @Test(arguments: 0..<400)
    func trimsMarkdownAsTheFullPassDoes(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed) ^ 0x4D44)
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            text += Self.markdownPieces.randomElement(using: &generator) ?? ""
        }
        for text in [text, text + "\n", "# t\n\n" + text + "\n"] {
            let full = RenderedText.markdownInFull(text)
            #expect(RenderedText.markdown(text) == full, "\(text.debugDescription)")
            #expect(full == RenderedText.markdownByCharacters(text), "\(text.debugDescription)")
            #expect(RenderedText.markdown(Array(text.utf8)) == Array(full.utf8), "bytes of \(text.debugDescription)")
        }
    }

    @Test func markdownShortcutExamples() {
        for text in ["# a\n", "a\n\nb\n", "```\nx\n```\n"] {
            var bytes = text
            let kept = bytes.withUTF8(RenderedText.isTrimmedMarkdown)
            #expect(kept, "\(text.debugDescription)")
            #expect(RenderedText.markdown(text) == text)
        }
        for text in ["", "\n", "a", "a \n", "a\n\n\nb\n", "\na\n", "a\r\n", "```\n \n```\n"] {
            var bytes = text
            let kept = bytes.withUTF8(RenderedText.isTrimmedMarkdown)
            #expect(!kept, "\(text.debugDescription)")
        }
    }

    @Test func examples() {
        for text in ["", "\n\n", "a  \n\n\nb\n", "```\n  \n\n\n```\n", "x\r\n\r\ny  ", "\u{600} \n", "```\u{301}\n\n\nz", "  \n a"] {
            #expect(RenderedText.markdown(text) == RenderedText.markdownByCharacters(text), "\(Array(text.unicodeScalars))")
        }
        #expect(RenderedText.markdown("a  \n\n\n\nb   \n\n") == "a\n\nb\n")
    }
}
