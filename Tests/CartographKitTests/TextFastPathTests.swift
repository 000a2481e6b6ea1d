import CartographModel
import CartographTestSupport
import Foundation
import Testing

@testable import CartographKit
@testable import CartographRender

/// The diagram and the Markdown map take shortcuts for text of ``LoneScalars`` (bytes for
/// ASCII, scalars for the rest) and for counting wrapped lines. Each shortcut must give what
/// the general path, a grapheme cluster at a time, gives: these compare the two on generated
/// text, and check the set's premise scalar by scalar.
@Suite("Text fast paths")
struct TextFastPathTests {
    /// Every scalar of the set is a cluster of its own beside any other (and beside the
    /// space, the borders and the continuation mark), is a mark, control or format
    /// character nowhere, equals no other scalar as a `Character`, and measures the same
    /// alone as in a line.
    @Test func loneScalarsAreClustersOfTheirOwn() {
        let neighbours = ["a", " ", "↩", "─", "│", "✅", "日", "é", "`", "/"]
        var problems: [String] = []
        var count = 0
        for value in UInt32(0)...0x2_FFFF where LoneScalars.contains(value) {
            let name = "U+" + String(value, radix: 16, uppercase: true)
            guard let scalar = Unicode.Scalar(value) else {
                problems.append("\(name) is not a scalar")
                continue
            }
            count += 1
            let text = String(scalar)
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .control, .format, .lineSeparator, .paragraphSeparator, .surrogate:
                problems.append("\(name) is a mark, control or format character")
            default:
                break
            }
            if (text + text).count != 2 || neighbours.contains(where: { (text + $0).count != 2 || ($0 + text).count != 2 }) {
                problems.append("\(name) joins a neighbour")
            }
            if Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) != [scalar] {
                problems.append("\(name) is canonically another character")
            }
            let width = DisplayWidth.of(scalar)
            if DisplayWidth.of(text) != width || DisplayWidth.of(Character(scalar)) != width
                || DisplayWidth.of("a" + text + "b") != width + 2
                || DisplayWidth.of(text + text) != 2 * width
            {
                problems.append("\(name) measures \(width) alone but otherwise in a line")
            }
        }
        #expect(count > 20_000, "the set covers the blocks it names")
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(20))")
    }

    @Test func sanitizerLeavesLoneTextAsItIs() {
        var random = SplitMix64(seed: 12)
        for _ in 0..<3_000 {
            let text = Self.text(from: Self.lone, random: &random)
            #expect(Array(TextSanitizer.isolated(text).unicodeScalars) == Array(text.unicodeScalars), "\(text.debugDescription)")
            #expect(Array(TextSanitizer.clean(text, ascii: false).unicodeScalars) == Array(text.unicodeScalars), "\(text.debugDescription)")
        }
    }

    @Test func wordsMatchTheClusterPath() {
        var random = SplitMix64(seed: 7)
        let ascii = ["a", "bc", "/", "/", "//", " ", " ", "  ", "-", ".", "x1", ":"]
        // Wide characters break between each other, but not before closing or after opening
        // punctuation.
        let wide = ascii + ["日", "本", "語", "（", "）", "［", "］", "，", "！", "：", "✅", "🟡", "é", "→", "×"]
        for pieces in [ascii, wide] {
            for _ in 0..<3_000 {
                let text = Self.text(from: pieces, random: &random)
                #expect(Paragraph.words(text) == Paragraph.wordsByCharacter(text), "\(text.debugDescription)")
                let byCharacter = Paragraph.wordsByCharacter(text)
                #expect(Paragraph.Run.unit(text).words == (byCharacter.count > 1 ? byCharacter : []), "\(text.debugDescription)")
            }
        }
    }

    @Test func collapsingMatchesSplittingAndJoining() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<3_000 {
            let text = Self.text(from: ["a", " ", " ", " \u{301}", "é", "日"], random: &random)
            let expected = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            #expect(Array(Paragraph.collapsed(text).unicodeScalars) == Array(expected.unicodeScalars), "\(text.debugDescription)")
        }
    }

    /// Writing lone text scalar by scalar puts the same cells as placing its clusters one by
    /// one, over wide glyphs already there and against a limit.
    @Test func canvasWritesLoneTextAsItsClusters() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            let text = Self.text(from: Self.lone, random: &random)
            let x = Int(random.next() % 6)
            let limit = random.next() % 3 == 0 ? nil : Int(random.next() % 14)
            // Wide glyphs underneath, for the text to cut through.
            var written = TextCanvas(width: 12, height: 1)
            written.write("日x本", x: 1, y: 0)
            var placed = written
            let columns = written.write(text, x: x, y: 0, limit: limit)
            var column = x
            for character in text {
                let width = DisplayWidth.of(character)
                if width == 0 { continue }
                let taken = placed.put(character, x: column, y: 0, limit: limit)
                if taken == 0 { break }
                column += taken
            }
            #expect(written.rows == placed.rows, "\(text.debugDescription) at \(x), limit \(String(describing: limit))")
            #expect(columns == column - x)
            #expect(String(decoding: written.bytes, as: UTF8.self) == placed.rows.map { $0 + "\n" }.joined())
        }
    }

    /// The canvas's bytes, sized and written in place, are its rows: glyphs of one scalar and
    /// of several, wide ones cut by others, blanks.
    @Test func canvasBytesAreItsRows() {
        var random = SplitMix64(seed: 19)
        let pieces = Self.lone + ["e\u{301}", "👍🏽", "🇯🇵", "👩‍💻", "한", "\u{10FFFD}", "𝄞"]
        for _ in 0..<500 {
            var canvas = TextCanvas(width: 1 + Int(random.next() % 12), height: Int(random.next() % 4))
            for _ in 0..<Int(random.next() % 6) {
                let text = Self.text(from: pieces, random: &random)
                canvas.write(text, x: Int(random.next() % 10), y: Int(random.next() % 4))
            }
            #expect(String(decoding: canvas.bytes, as: UTF8.self) == canvas.rows.map { $0 + "\n" }.joined(), "\(canvas.rows)")
            #expect(canvas.bytes.count <= canvas.byteRoom, "written in the room counted while drawing")
            #expect(canvas.bytes == canvas.bytesMeasured)
        }
    }

    /// The room counted while drawing holds the rows, whatever was drawn over what: frames,
    /// dividers and text, wide glyphs and glyphs of several scalars cut by others.
    @Test func canvasBytesFitTheRoomCountedWhileDrawing() {
        var random = SplitMix64(seed: 47)
        let pieces = Self.lone + ["e\u{301}", "👍🏽", "🇯🇵", "👩‍💻", "한", "\u{10FFFD}", "𝄞", "歗\u{302E}"]
        var wide = 0
        for _ in 0..<800 {
            var canvas = TextCanvas(width: 1 + Int(random.next() % 16), height: 1 + Int(random.next() % 5), top: Int(random.next() % 3))
            let pen = canvas.pen(random.next() % 2 == 0 ? .unicode : .ascii)
            for _ in 0..<Int(random.next() % 8) {
                let (x, y) = (Int(random.next() % 14) - 2, Int(random.next() % 8) - 1)
                switch random.next() % 4 {
                case 0: canvas.frame(x: x, y: y, width: Int(random.next() % 10), height: Int(random.next() % 6), pen: pen)
                case 1: canvas.divider(x: x, y: y, width: Int(random.next() % 10), pen: pen)
                case 2:
                    let glyphs: [Character] = ["日", "✅", "e\u{301}", "👩‍💻", "a"]
                    canvas.put(glyphs[Int(random.next() % UInt64(glyphs.count))], x: x, y: y)
                default:
                    let limit = random.next() % 3 == 0 ? nil : Int(random.next() % 16)
                    canvas.write(Self.text(from: pieces, random: &random), x: x, y: y, limit: limit)
                }
            }
            if canvas.bytes.count > canvas.height * (canvas.width + 1) { wide += 1 }
            #expect(canvas.bytes.count <= canvas.byteRoom, "\(canvas.rows)")
            #expect(canvas.bytes == canvas.bytesMeasured, "\(canvas.rows)")
            #expect(String(decoding: canvas.bytes, as: UTF8.self) == canvas.rows.map { $0 + "\n" }.joined(), "\(canvas.rows)")
        }
        #expect(wide > 100, "rows of glyphs of several bytes are drawn")
    }

    /// Every part of the escaping: code spans, characters that start blocks, ordered-list
    /// markers after spaces, `www.` after a letter, a number or neither, `://`, and text the
    /// byte path must leave to the cluster path (a combining mark, GREEK VARIA, a break).
    @Test func markdownEscapingMatchesTheClusterPath() {
        var random = SplitMix64(seed: 9)
        let pieces = [
            "a", " ", "    ", "1", "12", ".", ")", "#", "-", "+", "=", "`", "``", "|", "*", "_", "[", "]", "<", ">", "~", "\\", ":",
            "//", "www", "WwW", "é", "½", "²", "日", "✅", "→", "e\u{301}", "\u{1FEF}", "\n", "\t",
        ]
        for _ in 0..<6_000 {
            let text = Self.text(from: pieces, random: &random)
            let flat = MarkdownEscape.singleLine(text)
            #expect(
                Array(MarkdownEscape.inline(text).unicodeScalars) == Array(MarkdownEscape.inlineByCharacter(flat).unicodeScalars),
                "\(text.debugDescription)")
        }
    }

    /// The escaping appended to bytes (what the native Markdown map writes) is the escaping
    /// as a `String`, after any bytes already written: a value escapes as if it were alone.
    @Test func markdownEscapingIntoBytesMatchesTheString() {
        var random = SplitMix64(seed: 13)
        let pieces = [
            "a", " ", "    ", "1", "12", ".", ")", "#", "-", "+", "=", "`", "``", "|", "*", "_", "[", "<", "~", "\\", ":", "//", "www",
            "é", "日", "✅", "e\u{301}", "\u{1FEF}", "\n", "\t",
        ]
        for _ in 0..<4_000 {
            let text = Self.text(from: pieces, random: &random)
            let before = Array(Self.text(from: pieces, random: &random).utf8)
            var out = before
            MarkdownEscape.inline(text, into: &out)
            #expect(out == before + Array(MarkdownEscape.inline(text).utf8), "\(text.debugDescription)")
        }
    }

    /// A value the escaping is said to leave as it is comes out of the cluster path as it
    /// went in; generated from every printable ASCII character, words, `www.` and digits.
    @Test func unchangedValuesAreWhatTheClusterPathLeaves() {
        var random = SplitMix64(seed: 23)
        let pieces =
            (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) } + [
                "web", "www.", "WWw.", "://", "1.", "2)", "basic-xxs", "$5.00", "   ", "é",
            ]
        var unchanged = 0
        for _ in 0..<20_000 {
            let text = Self.text(from: pieces, random: &random)
            guard text.utf8.withContiguousStorageIfAvailable(MarkdownEscape.LoneEscaper.isUnchanged) == true else { continue }
            unchanged += 1
            #expect(MarkdownEscape.inlineByCharacter(MarkdownEscape.singleLine(text)) == text, "\(text.debugDescription)")
        }
        // Enough of them to mean something.
        #expect(unchanged > 1_000)
    }

    /// A value's spans written as bytes and made a `String` once are the spans escaped one
    /// `String` at a time.
    @Test func markdownSpansIntoBytesMatchTheStrings() {
        var random = SplitMix64(seed: 17)
        let pieces = ["a", " ", "    ", "1.", "#", "-", "`", "|", "*", "\\", "://", "www.", "é", "✅", "e\u{301}", "\n", "http://x"]
        for _ in 0..<3_000 {
            let spans: [Span] = (0..<Int(random.next() % 5)).map { _ in
                let text = Self.text(from: pieces, random: &random)
                switch random.next() % 6 {
                case 0: return .text(text)
                case 1: return .code(text)
                case 2: return .strong(text)
                case 3: return .link(random.next() % 2 == 0 ? "https://" + text : text)
                case 4:
                    return .status(
                        Health.allCases[Int(random.next() % UInt64(Health.allCases.count))], note: random.next() % 2 == 0 ? nil : text)
                default: return .toggle([true, false, nil][Int(random.next() % 3)])
                }
            }
            for style in [StatusStyle.emoji, .ascii] {
                #expect(MarkdownEscape.inline(spans, style: style) == MarkdownEscape.inlineByStrings(spans, style: style), "\(spans)")
            }
        }
    }

    @Test func backtickRunsMatchTheClusterPath() {
        var random = SplitMix64(seed: 11)
        let pieces = ["`", "`", "``", "a", "\u{301}", "\u{600}", "\u{1FEF}", "é", "日", "✅", "\n", "\u{200D}"]
        for _ in 0..<3_000 {
            let text = Self.text(from: pieces, random: &random)
            #expect(
                MarkdownEscape.longestBacktickRun(text) == MarkdownEscape.longestBacktickRunByCharacter(text), "\(text.debugDescription)")
        }
    }

    /// A tall diagram is drawn in bands of rows: any bands put together are the whole.
    @Test(arguments: DiagramFixture.allCases)
    func bandsMakeTheWholeDiagram(fixture: DiagramFixture) {
        for ascii in [false, true] {
            let layout = DiagramRenderer.layout(fixture.map, width: 40, ascii: ascii)
            let whole = TextDiagram.draw(layout, top: 0, height: layout.height)
            #expect(String(decoding: whole, as: UTF8.self) == TextDiagram.render(layout))
            for rows in [1, 2, 7, 50] {
                let bands = stride(from: 0, to: layout.height, by: rows).map { top in
                    TextDiagram.draw(layout, top: top, height: min(rows, layout.height - top))
                }
                #expect(Array(bands.joined()) == whole, "bands of \(rows) rows")
            }
        }
    }

    /// Every box's bullet and status label, made once for all boxes, are what the box's own
    /// units would make, in either style and for every status.
    @Test(arguments: DiagramFixture.allCases)
    func fixedRunsAreTheBoxesOwnUnits(fixture: DiagramFixture) {
        let statuses = "apps:\n" + Health.allCases.map { "  app-\($0.rawValue):\n    status: \($0.rawValue)\n" }.joined()
        var deployMarks = 0
        defer {
            if fixture == .example { #expect(deployMarks > 0, "the example's boxes say Auto-Deploy") }
        }
        for map in [fixture.map, buildMap(specs: [], status: statuses).0] {
            for ascii in [false, true] {
                let style: StatusStyle = ascii ? .ascii : .emoji
                let bullet = Paragraph([.unit(ascii ? "-" : "•")], ascii: ascii).runs
                let tree = DiagramBuilder(map: map, ascii: ascii).tree()
                #expect(tree.platform.children.count == map.apps.count)
                for (app, node) in zip(map.apps, tree.platform.children) {
                    var status: [Paragraph.Part] = [.unit("Status:"), .unit(style.label(app.health))]
                    if let note = app.statusNote, !note.isEmpty { status.append(.unit("(\(note))")) }
                    #expect(node.sections.first?.first == Paragraph(status, ascii: ascii), "\(app.slug), ascii \(ascii)")
                    for paragraph in node.sections.joined() where paragraph.runs.first?.text == bullet.first?.text {
                        #expect(Array(paragraph.runs.prefix(1)) == bullet, "\(app.slug), ascii \(ascii)")
                    }
                    for paragraph in node.sections.joined() where paragraph.runs.first?.text == "Auto-Deploy:" {
                        deployMarks += 1
                        let said = Paragraph([.unit("Auto-Deploy:"), .unit(paragraph.runs.last?.text ?? "")], ascii: ascii)
                        #expect(paragraph == said, "\(app.slug), ascii \(ascii)")
                    }
                }
            }
        }
    }

    /// A paragraph made after a run is the paragraph of that run's part and the others.
    @Test func paragraphsAfterARunMatchTheirParts() {
        var random = SplitMix64(seed: 43)
        let pieces = ["a", "Z", "0", "-", " ", "  ", "/", "//", "é", "•", "✅", "日本", "e\u{301}", "(x, y)"]
        for _ in 0..<2_000 {
            let ascii = random.next() % 2 == 0
            let first = Paragraph.unitRun(Self.text(from: pieces, random: &random), ascii: ascii)
            let parts: [Paragraph.Part] = (0..<Int(random.next() % 4)).map { _ in
                let text = Self.text(from: pieces, random: &random)
                return random.next() % 2 == 0 ? .unit(text) : .words(text)
            }
            #expect(Paragraph(after: first, parts, ascii: ascii) == Paragraph([.run(first)] + parts, ascii: ascii), "\(parts)")
        }
    }

    /// A unit's run found in one pass for an ASCII word is the run cleaning, collapsing and
    /// splitting make, for any text.
    @Test func unitRunsOfASCIIWordsMatchTheScannedRuns() {
        var random = SplitMix64(seed: 31)
        let pieces = ["a", "Z", "0", "-", "_", ".", "(", ")", "~", " ", "  ", "/", "//", "\t", "\u{7F}", "é", "•", "✅", "日", "e\u{301}"]
        var shortcuts = 0
        for _ in 0..<4_000 {
            let text = Self.text(from: pieces, random: &random)
            if !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }) { shortcuts += 1 }
            for ascii in [false, true] {
                #expect(
                    Paragraph.unitRun(text, ascii: ascii) == Paragraph.unitRunByScanning(text, ascii: ascii), "\(text.debugDescription)")
            }
        }
        #expect(shortcuts > 200, "the shortcut is taken")
    }

    /// The apps' boxes made once for the text diagram and the apps' SVGs draw what each makes
    /// on its own, whichever asks first, in either style, with one region or several.
    @Test(arguments: DiagramFixture.allCases)
    func sharedBoxesDrawWhatEachDiagramMakes(fixture: DiagramFixture) {
        let regions: [Region?] = [.nyc, .ams, nil]
        var spread = fixture.map
        for index in spread.apps.indices { spread.apps[index].region = regions[index % regions.count] }
        for map in [fixture.map, spread] {
            let svgs = map.apps.indices.map { SVGDiagram.appDiagram(map.apps[$0], at: $0, in: map) }
            for ascii in [false, true] {
                let text = DiagramRenderer.text(map, width: 66, ascii: ascii)
                // The text diagram first, then the SVGs from its boxes; and the other way round.
                let textFirst = AppBoxes(count: map.apps.count)
                #expect(DiagramRenderer.text(map, width: 66, ascii: ascii, boxes: textFirst) == text, "ascii \(ascii)")
                #expect(
                    map.apps.indices.map { SVGDiagram.appDiagram(map.apps[$0], at: $0, in: map, boxes: textFirst) } == svgs,
                    "ascii \(ascii)")
                let svgsFirst = AppBoxes(count: map.apps.count)
                #expect(map.apps.indices.map { SVGDiagram.appDiagram(map.apps[$0], at: $0, in: map, boxes: svgsFirst) } == svgs)
                #expect(DiagramRenderer.text(map, width: 66, ascii: ascii, boxes: svgsFirst) == text, "ascii \(ascii)")
            }
        }
    }

    /// A box wrapped where it stands (as `build` lays it out) is the box wrapped at the
    /// origin and moved there (as `serve` keeps it).
    @Test(arguments: DiagramFixture.allCases)
    func boxesWrappedInPlaceAreBoxesMoved(fixture: DiagramFixture) {
        var random = SplitMix64(seed: 37)
        let map = fixture.map
        for ascii in [false, true] {
            let tree = DiagramBuilder(map: map, ascii: ascii).tree()
            for node in tree.platform.children + (tree.externals?.children ?? []) {
                let width = 24 + Int(random.next() % 40)
                let (x, y) = (Int(random.next() % 50), Int(random.next() % 5_000))
                #expect(
                    BoxLayout.wrap(node, x: x, y: y, width: width, ascii: ascii)
                        == BoxLayout.wrap(node, x: 0, y: 0, width: width, ascii: ascii).moved(x: x, y: y),
                    "\(node.link ?? "external") at \(x), \(y), width \(width)")
            }
        }
    }

    /// A band is drawn a few rows to a canvas at a time: any chunking of any band gives the
    /// rows one canvas of the whole band gives.
    @Test(arguments: DiagramFixture.allCases)
    func chunksMakeTheWholeBand(fixture: DiagramFixture) {
        var random = SplitMix64(seed: 17)
        for ascii in [false, true] {
            for width in [24, 40, 77] {
                let layout = DiagramRenderer.layout(fixture.map, width: width, ascii: ascii)
                for _ in 0..<6 {
                    let top = Int(random.next() % UInt64(max(layout.height, 1)))
                    let height = Int(random.next() % UInt64(layout.height - top + 1))
                    func drawn(_ chunkRows: Int) -> String {
                        String(decoding: TextDiagram.draw(layout, top: top, height: height, chunkRows: chunkRows), as: UTF8.self)
                    }
                    let whole = drawn(max(height, 1))
                    for chunkRows in [1, 3, 7, TextDiagram.chunkRows] {
                        #expect(
                            drawn(chunkRows) == whole,
                            "rows \(top)..<\(top + height) in chunks of \(chunkRows), width \(width), ascii \(ascii)")
                    }
                }
            }
        }
    }

    /// A diagram tall enough to be drawn in bands on every core is the diagram drawn whole.
    @Test func tallDiagramsAreDrawnInBands() {
        let status = "apps:\n" + (0..<400).map { "  app-\($0):\n    status: healthy\n    note: \"日本 ✅ \($0)\"\n" }.joined()
        let (map, _) = buildMap(specs: [], status: status)
        let layout = DiagramRenderer.layout(map, width: 24, ascii: false)
        #expect(layout.height >= 2 * TextDiagram.bandRows, "the diagram is tall enough for bands")
        #expect(TextDiagram.render(layout) == String(decoding: TextDiagram.draw(layout, top: 0, height: layout.height), as: UTF8.self))
    }

    /// Counting lines gives as many as wrapping makes, for paragraphs that fit on a line,
    /// wrap at words, or break tokens too long for any line.
    @Test func countedLinesMatchWrappedLines() {
        var random = SplitMix64(seed: 13)
        let pieces = ["a", "bc ", "def/", "ghij-", " ", "日本", "✅ ", "aVeryLongTokenWithoutBreaks", "x.y.z:"]
        for _ in 0..<2_000 {
            let parts: [Paragraph.Part] = (0..<Int(random.next() % 4)).map { _ in
                let text = Self.text(from: pieces, random: &random)
                return random.next() % 2 == 0 ? .unit(text) : .words(text)
            }
            let paragraph = Paragraph(parts, ascii: false, indent: Int(random.next() % 4))
            for width in [1, 3, 5, 9, 14, 20, 31, 60] {
                #expect(
                    TextWrapper.lineCount(paragraph, width: width, mark: "↩") == TextWrapper.wrap(paragraph, width: width, mark: "↩").count,
                    "\(parts) at \(width)")
            }
        }
    }

    /// Lines counted from widths alone are the lines wrapping makes, wherever the count from
    /// widths does not decline (a token wider than a continuation line).
    @Test func linesCountedFromWidthsMatchWrappedLines() {
        var random = SplitMix64(seed: 29)
        let pieces = ["a", "bc ", "def/", "/x", "//", "ghij-", " ", "  ", "日本", "✅ ", "é", "klmnopq", "x.y.z:", "aLongerToken"]
        var counted = 0
        for _ in 0..<3_000 {
            let parts: [Paragraph.Part] = (0..<Int(random.next() % 6)).map { _ in
                let text = Self.text(from: pieces, random: &random)
                return random.next() % 2 == 0 ? .unit(text) : .words(text)
            }
            let paragraph = Paragraph(parts, ascii: random.next() % 4 == 0, indent: Int(random.next() % 5))
            let widths = TextWrapper.Widths(paragraph)
            for width in [1, 3, 5, 8, 9, 11, 14, 20, 31, 60] {
                let wrapped = TextWrapper.wrap(paragraph, width: width, mark: "↩")
                // Declined where a token is wider than a continuation line: wrapping counts those.
                guard let count = TextWrapper.lineCount(widths, width: width) else { continue }
                counted += 1
                #expect(count == wrapped.count, "\(parts) at \(width)")
            }
        }
        #expect(counted > 10_000, "the count from widths is taken")
    }

    /// A paragraph that fits on one line is that line, made without placing its runs one
    /// by one; one that does not is wrapped as before.
    @Test func oneLineParagraphsMatchPlacedRuns() {
        var random = SplitMix64(seed: 17)
        let pieces = ["a", "bc ", "def/", "/x", "//", "ghij-", " ", "日本", "✅ ", "é", "e\u{301}", "aVeryLongTokenWithoutBreaks"]
        var oneLine = 0
        for _ in 0..<2_000 {
            let parts: [Paragraph.Part] = (0..<Int(random.next() % 4)).map { _ in
                let text = Self.text(from: pieces, random: &random)
                return random.next() % 2 == 0 ? .unit(text) : .words(text)
            }
            let paragraph = Paragraph(parts, ascii: random.next() % 4 == 0, indent: Int(random.next() % 4))
            for width in [1, 3, 5, 9, 14, 20, 31, 60] {
                if paragraph.oneLineWidth <= max(width, 3) { oneLine += 1 }
                #expect(
                    TextWrapper.wrap(paragraph, width: width, mark: "↩") == TextWrapper.wrapByRuns(paragraph, width: width, mark: "↩"),
                    "\(parts) at \(width)")
            }
        }
        #expect(oneLine > 2_000, "the shortcut is taken")
    }

    /// The layout tries widths by counting lines; a box laid out at that width has that height,
    /// whether counted at the width alone or from any narrower width up.
    @Test(arguments: DiagramFixture.allCases)
    func countedHeightsMatchLaidOutBoxes(fixture: DiagramFixture) {
        for ascii in [false, true] {
            let tree = DiagramBuilder(map: fixture.map, ascii: ascii).tree()
            let nodes = tree.platform.children + (tree.externals?.children ?? [])
            for node in nodes {
                let fromNarrower = [8, 20, 33].map { BoxLayout.Heights(node, narrowest: $0, ascii: ascii) }
                for width in 8...90 {
                    let counted = BoxLayout.height(node, width: width, ascii: ascii)
                    let laidOut = BoxLayout.leaf(node, x: 0, y: 0, width: width, ascii: ascii).height
                    #expect(counted == laidOut, "\(node.link ?? "system") at \(width)")
                    for (narrowest, heights) in zip([8, 20, 33], fromNarrower) where narrowest <= width {
                        #expect(heights.at(width) == laidOut, "\(node.link ?? "system") at \(width) from \(narrowest)")
                    }
                    if counted != laidOut { return }
                }
            }
        }
    }

    /// HTML escaping hands text that needs none back as it is: only where the scalar pass
    /// would change nothing, next to every character it changes or drops.
    @Test func escapingSkipsOnlyTextThatNeedsNone() {
        let pieces =
            Self.lone + [
                "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{1}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FEFF}", "e\u{301}",
            ]
        var random = SplitMix64(seed: 21)
        var kept = 0
        for _ in 0..<20_000 {
            let text = Self.text(from: pieces, random: &random)
            let escaped = HTMLEscape.text(text)
            #expect(Array(escaped.unicodeScalars) == Array(HTMLEscape.textByScalars(text).unicodeScalars), "\(text.debugDescription)")
            if !HTMLEscape.needsEscaping(text) { kept += 1 }
        }
        #expect(kept > 1_000, "the shortcut is taken")
    }

    /// The site's escape of template values writes what the engine's Character pass
    /// writes: next to a mark that joins `<` or `&` into another character, a prepended
    /// mark before one, `\r\n`, and in text that needs nothing at all.
    @Test func siteEscapingMatchesTheCharacterPass() {
        let pieces = [
            "a", "Z", "0", " ", "-", "é", "ß", "½", "\u{2FF}", "–", "日", "🟡", "&", "<", ">", "\"", "'", "\r\n", "\n", "\u{301}", "\u{338}",
            "\u{600}", "\u{200D}", "\u{FE0F}", "e\u{301}", "ab",
        ]
        var random = SplitMix64(seed: 23)
        var byBytes = 0
        for _ in 0..<20_000 {
            let text = Self.text(from: pieces, random: &random)
            var fast = ByteWriter()
            SiteHTML.escape(text, into: &fast)
            var slow = ByteWriter()
            SiteHTML.escapeByCharacters(text, into: &slow)
            #expect(fast.bytes == slow.bytes, "\(text.debugDescription)")
            if text.utf8.allSatisfy({ $0 < 0xCC }), text.utf8.contains(where: { "<>&\"'".utf8.contains($0) }) { byBytes += 1 }
        }
        #expect(byBytes > 1_000, "the byte pass is taken")
    }

    /// A template holds a tag where Foundation finds `{{`: beside marks that join a brace,
    /// in long text and short.
    @Test func templateTagsAreFoundAsFoundationFindsThem() {
        let pieces = Self.lone + ["{", "{", "{{", "}", "}}", "\u{301}", "\u{338}", "\u{600}", "{\u{301}", "\u{FF5B}"]
        var random = SplitMix64(seed: 29)
        var found = 0
        for _ in 0..<20_000 {
            let text = Self.text(from: pieces, random: &random)
            let expected = text.contains("{{")
            #expect(TemplateLibrary.hasTag(text) == expected, "\(text.debugDescription)")
            if expected { found += 1 }
        }
        #expect(found > 1_000, "tags are found")
        #expect(TemplateLibrary.hasTag("{\u{301}{") == "{\u{301}{".contains("{{"))
    }

    /// A link's URL is judged and escaped on its bytes as Foundation judges it: schemes in
    /// any case, spaces and tabs around it, slashes before the colon, non-ASCII whitespace.
    @Test func asciiURLsAreJudgedAsFoundationJudgesThem() {
        let pieces = [
            "http", "HTTPS", "mailto", "javascript", "data", "Https", ":", "://", "/", "//", " ", "\t", "\n", "a", "example.org",
            "?q=<x>&y",
            "#", "é", "\u{A0}", "\u{2003}", "'", "\"",
        ]
        var random = SplitMix64(seed: 31)
        var byBytes = 0
        for _ in 0..<20_000 {
            let text = Self.text(from: pieces, random: &random)
            #expect(HTMLEscape.url(text) == HTMLEscape.urlByFoundation(text), "\(text.debugDescription)")
            if HTMLEscape.asciiURL(text) != nil { byBytes += 1 }
        }
        #expect(byBytes > 5_000, "the byte pass is taken")
    }

    /// The ids of tables and lists are their captions' slugs, looked up or made.
    @Test func tableAndListIDsAreSlugs() {
        let pieces = [
            "Alerts", "Notes", "Health checks", "Static IPs", "Features", " ", "x", "É", "-", "Questions", "Deployment checklist",
        ]
        var random = SplitMix64(seed: 37)
        for _ in 0..<2_000 {
            let text = Self.text(from: pieces, random: &random)
            #expect(SiteViews.Table(caption: text, header: [], rows: []).id == Slug.of(text), "\(text.debugDescription)")
            #expect(SiteViews.List(heading: text, words: []).id == Slug.of(text), "\(text.debugDescription)")
        }
        for text in pieces { #expect(SiteViews.slug(text) == Slug.of(text)) }
    }

    // MARK: Generated text

    /// Scalars of the set: ASCII, Latin, typography, box drawing, CJK, fullwidth, emoji.
    static let lone = [
        "a", "Z", "0", " ", " ", "-", "/", "(", "é", "ß", "½", "•", "×", "–", "→", "▼", "─", "│", "✅", "❌", "🟡", "🔧", "日", "本",
        "（", "）", "，", "\u{FFFD}", "€", "↩",
    ]

    static func text(from pieces: [String], random: inout SplitMix64) -> String {
        let length = Int(random.next() % 12)
        return (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }
}
