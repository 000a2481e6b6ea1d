import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

@Suite("DisplayWidth")
struct DisplayWidthTests {
    // MARK: - Exact widths

    @Test("ASCII width is the number of printable characters")
    func ascii() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("Hello, World!") == 13)
        #expect(DisplayWidth.of(String(repeating: "x", count: 40)) == 40)
        #expect(DisplayWidth.of("+--+ |  |") == 9)
    }

    @Test("Control characters count 0 (callers sanitize them)")
    func controls() {
        #expect(DisplayWidth.of("a\tb") == 2)
        #expect(DisplayWidth.of("a\r\nb") == 2)
        #expect(DisplayWidth.of("\u{7F}\u{1B}\u{85}") == 0)
        #expect(DisplayWidth.of("日\n本") == 4)
        #expect(DisplayWidth.of(Character("\r\n")) == 0)
    }

    @Test(
        "Exact widths",
        arguments: [
            ("日本語", 6), ("ｶﾀｶﾅ", 4), ("한국어", 6),
            ("✅", 2), ("❌", 2), ("❓", 2), ("⏳", 2),
            ("⚠", 1), ("⚠\u{FE0F}", 2), ("⚠\u{FE0E}", 1),
            ("👨\u{200D}👩\u{200D}👧", 2), ("🇸🇬", 2), ("🇸", 2), ("🇸🇬🇸", 4),
            ("👍🏽", 2), ("🏽", 2), ("#\u{FE0F}\u{20E3}", 2),
            ("\u{E9}", 1), ("e\u{301}", 1), ("\u{301}", 0),
            ("\u{200B}", 0), ("\u{200C}", 0), ("\u{200D}", 0), ("\u{2060}", 0), ("\u{FEFF}", 0),
            ("\u{FE0F}", 0), ("\u{E0100}", 0), ("\u{AD}", 1),
            ("\u{1100}\u{1161}\u{11A8}", 2), ("\u{1160}", 0), ("\u{115F}", 2),
            ("कि", 2), ("क्ष", 2), ("กำ", 2),
            ("─│┌┐└┘├┤", 8), ("↓→•", 3), ("±½Ω", 1 + 1 + 1),
            ("ကြာ", 2), ("ನ್ನಾ", 2),
            ("│ 日本語 ⚠\u{FE0F} done │", 18), ("✅ ok · 東京 🇯🇵", 15), ("a\u{200B}b", 2),
        ] as [(String, Int)]
    )
    func exactWidth(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
        #expect(DisplayWidth.of(text[...]) == expected)
    }

    @Test("Character, Substring and generic overloads agree")
    func overloads() {
        #expect(DisplayWidth.of(Character("日")) == 2)
        #expect(DisplayWidth.of(Character("⚠\u{FE0F}")) == 2)
        #expect(DisplayWidth.of(Character("👨\u{200D}👩\u{200D}👧")) == 2)
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)
        #expect(DisplayWidth.of(Character("\u{200B}")) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x65E5) ?? "?") == 2)
        let line = "ab日本語cd"
        let middle = line.dropFirst(2).dropLast(2)
        #expect(DisplayWidth.of(middle) == 6)
        #expect(genericWidth(middle) == 6)
        #expect(genericWidth(line) == 10)
    }

    private func genericWidth(_ s: some StringProtocol) -> Int {
        DisplayWidth.of(s)
    }

    @Test("Context crosses grapheme cluster boundaries as in wcwidth")
    func crossCluster() {
        // U+102C is a spacing mark that is not part of the preceding cluster.
        #expect("ကာ".count == 2)
        #expect(DisplayWidth.of("ကာ") == 2)
        #expect(DisplayWidth.of(Character("ာ")) == 0)
        // A stray ZWJ hides the next code point.
        #expect(DisplayWidth.of("a\u{200D}b") == 1)
        // Tamil conjunct across clusters followed by a spacing mark.
        #expect(DisplayWidth.of("க்ஷா") == 2)
    }

    @Test("The ASCII fast path counts printable bytes at every position and length")
    func asciiFastPath() {
        let alphabet: [UInt8] = [0x41, 0x20, 0x7E, 0x09, 0x0A, 0x7F, 0x00, 0x1F, 0x21]
        for length in 0...19 {
            for seed in 0..<alphabet.count {
                let bytes = (0..<length).map { alphabet[($0 * 7 + seed * (length + 3)) % alphabet.count] }
                let text = String(decoding: bytes, as: UTF8.self)
                let expected = bytes.filter { $0 >= 0x20 && $0 != 0x7F }.count
                #expect(DisplayWidth.of(text) == expected, "\(bytes)")
                #expect(DisplayWidth.of(text + "é") == expected + 1, "\(bytes) + é")
            }
        }
    }

    @Test("A Cursor places clusters as the whole string is measured")
    func cursor() {
        var cursor = DisplayWidth.Cursor()
        #expect(cursor.advance(over: Character("க்")) == 1)
        #expect(cursor.advance(over: Character("ஷா")) == 1)
        #expect(cursor.width == DisplayWidth.of("க்ஷா"))
        #expect(DisplayWidth.of(Character("ஷா")) == 2)

        var burmese = DisplayWidth.Cursor()
        #expect(burmese.advance(over: Character("က")) == 1)
        #expect(burmese.advance(over: Character("ာ")) == 1)
        #expect(burmese.advance(over: "日本") == 4)
        #expect(burmese.width == 6)
    }

    // MARK: - prefix(_:fitting:)

    @Test("prefix(fitting:) never splits a wide character")
    func prefixWide() {
        let split = DisplayWidth.prefix("日本", fitting: 3)
        #expect(split.head == "日")
        #expect(split.tail == "本")
        #expect(DisplayWidth.of(split.head) == 2)
        #expect(DisplayWidth.prefix("日本", fitting: 4) == ("日本", ""))
        #expect(DisplayWidth.prefix("日本", fitting: 1) == ("", "日本"))
        #expect(DisplayWidth.prefix("a日本", fitting: 2) == ("a", "日本"))
    }

    @Test("prefix(fitting:) never splits a grapheme cluster")
    func prefixCluster() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(DisplayWidth.prefix(family + "x", fitting: 1) == ("", family + "x"))
        #expect(DisplayWidth.prefix(family + "x", fitting: 2) == (family[...], "x"))
        #expect(DisplayWidth.prefix("e\u{301}xy", fitting: 1) == ("e\u{301}", "xy"))
        #expect(DisplayWidth.prefix("🇸🇬🇯🇵", fitting: 3) == ("🇸🇬", "🇯🇵"))
        #expect(DisplayWidth.prefix("⚠\u{FE0F}!", fitting: 1) == ("", "⚠\u{FE0F}!"))
    }

    @Test("prefix(fitting:) on ASCII, zero-width clusters and odd limits")
    func prefixEdges() {
        #expect(DisplayWidth.prefix("hello", fitting: 3) == ("hel", "lo"))
        #expect(DisplayWidth.prefix("hello", fitting: 5) == ("hello", ""))
        #expect(DisplayWidth.prefix("hello", fitting: 99) == ("hello", ""))
        #expect(DisplayWidth.prefix("hello", fitting: 0) == ("", "hello"))
        #expect(DisplayWidth.prefix("hello", fitting: -4) == ("", "hello"))
        #expect(DisplayWidth.prefix("", fitting: 3) == ("", ""))
        #expect(DisplayWidth.prefix("ab\u{200B}c", fitting: 2) == ("ab\u{200B}", "c"))
        #expect(DisplayWidth.prefix("a\tb", fitting: 1) == ("a\t", "b"))
    }

    // MARK: - padded(_:to:)

    @Test("padded(to:) pads with spaces to the exact width")
    func padded() {
        #expect(DisplayWidth.padded("日本", to: 6) == "日本  ")
        #expect(DisplayWidth.padded("abc", to: 5) == "abc  ")
        #expect(DisplayWidth.padded("⚠\u{FE0F}", to: 3) == "⚠\u{FE0F} ")
        #expect(DisplayWidth.padded("e\u{301}", to: 2) == "e\u{301} ")
        #expect(DisplayWidth.padded("", to: 2) == "  ")
        #expect(DisplayWidth.padded("👩\u{200D}", to: 4) == "👩\u{200D}   ")
        for text in ["日本語", "✅ ok", "👨\u{200D}👩\u{200D}👧", "ｶﾀｶﾅ", "x", "👩\u{200D}", "क्ष", "ကြ"] {
            #expect(DisplayWidth.of(DisplayWidth.padded(text, to: 12)) == 12)
        }
    }

    @Test("padded(to:) leaves wider strings unchanged")
    func paddedWider() {
        #expect(DisplayWidth.padded("日本語", to: 4) == "日本語")
        #expect(DisplayWidth.padded("abc", to: 3) == "abc")
        #expect(DisplayWidth.padded("abc", to: -1) == "abc")
    }

    // MARK: - Tables

    @Test("Generated tables are sorted, disjoint and consistent")
    func tables() {
        let tables: [(String, [UInt32], [UInt32])] = [
            ("width", WidthTables.widthLower, WidthTables.widthUpper),
            ("vs16NarrowToWide", WidthTables.vs16NarrowToWideLower, WidthTables.vs16NarrowToWideUpper),
            ("spacingMarks", WidthTables.spacingMarksLower, WidthTables.spacingMarksUpper),
            ("emojiModifierBases", WidthTables.emojiModifierBasesLower, WidthTables.emojiModifierBasesUpper),
            ("indicConsonants", WidthTables.indicConsonantsLower, WidthTables.indicConsonantsUpper),
            ("viramas", WidthTables.viramasLower, WidthTables.viramasUpper),
        ]
        for (name, lower, upper) in tables {
            #expect(!lower.isEmpty, "\(name) is empty")
            #expect(lower.count == upper.count, "\(name) bounds differ in length")
            for index in lower.indices where index < upper.count {
                #expect(lower[index] <= upper[index], "\(name)[\(index)] is inverted")
                if index > 0 {
                    #expect(upper[index - 1] < lower[index], "\(name)[\(index)] overlaps or is unsorted")
                }
            }
        }
        #expect(WidthTables.widthValue.count == WidthTables.widthLower.count)
        let buckets = WidthTables.widthBuckets
        #expect(buckets.count == Int(WidthTables.widthBucketLimit >> WidthTables.widthBucketShift) + 1)
        for (bucket, first) in buckets.enumerated() {
            let start = UInt32(bucket) << WidthTables.widthBucketShift
            let expected = WidthTables.widthUpper.firstIndex { $0 >= start } ?? WidthTables.widthUpper.count
            #expect(Int(first) == expected, "bucket \(bucket)")
        }
        #expect(WidthTables.widthValue.allSatisfy { $0 == 0 || $0 == 2 })
        #expect(WidthTables.widthLower.first == WidthTables.firstNonNarrowScalar)
        #expect(DisplayWidth.unicodeVersion == WidthTables.unicodeVersion)
        #expect(DisplayWidth.unicodeVersion.split(separator: ".").count == 3)
    }

    @Test("The bucketed lookup agrees with a plain search of the width table for every code point")
    func everyCodePoint() {
        let lower = WidthTables.widthLower
        let upper = WidthTables.widthUpper
        var index = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else {
                continue
            }
            while index < upper.count && upper[index] < value {
                index += 1
            }
            let expected: Int
            if value < 0x20 || (value >= 0x7F && value < 0xA0) {
                expected = 0
            } else if index < lower.count && lower[index] <= value {
                expected = Int(WidthTables.widthValue[index])
            } else {
                expected = 1
            }
            if DisplayWidth.of(scalar) != expected {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)): \(DisplayWidth.of(scalar)) != \(expected)")
            }
        }
    }

    // MARK: - Fixture (wcwidth oracle)

    /// One line of `Fixtures/widths.tsv`.
    struct Sample: Sendable, CustomTestStringConvertible {
        let line: Int
        let escaped: String
        let text: String
        let expected: Int

        var testDescription: String { "widths.tsv:\(line) \(escaped) = \(expected)" }
    }

    enum FixtureError: Error, CustomStringConvertible {
        case missing
        case malformed(line: Int, reason: String)

        var description: String {
            switch self {
            case .missing: "Fixtures/widths.tsv is not in the test bundle"
            case let .malformed(line, reason): "widths.tsv:\(line): \(reason)"
            }
        }
    }

    static func loadFixture() throws -> [Sample] {
        guard let url = Bundle.module.url(forResource: "widths", withExtension: "tsv", subdirectory: "Fixtures") else {
            throw FixtureError.missing
        }
        let contents = try String(contentsOf: url, encoding: .utf8)
        var samples: [Sample] = []
        for (offset, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            if rawLine.isEmpty || rawLine.hasPrefix("#") {
                continue
            }
            let fields = rawLine.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let expected = Int(fields[1]) else {
                throw FixtureError.malformed(line: lineNumber, reason: "expected STRING<TAB>WIDTH")
            }
            let text = try unescape(fields[0], line: lineNumber)
            samples.append(Sample(line: lineNumber, escaped: String(fields[0]), text: text, expected: expected))
        }
        return samples
    }

    /// Decodes `\\` and `\u{HEX}` escapes.
    static func unescape(_ field: Substring, line: Int) throws -> String {
        var result = ""
        var scalars = field.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "\\":
                result.unicodeScalars.append("\\")
            case "u":
                guard scalars.next() == "{" else {
                    throw FixtureError.malformed(line: line, reason: "expected { after \\u")
                }
                var hex = ""
                while let digit = scalars.next(), digit != "}" {
                    hex.unicodeScalars.append(digit)
                }
                guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                    throw FixtureError.malformed(line: line, reason: "bad escape \\u{\(hex)}")
                }
                result.unicodeScalars.append(decoded)
            default:
                throw FixtureError.malformed(line: line, reason: "unknown escape")
            }
        }
        return result
    }

    @Test("The fixture has a few hundred samples")
    func fixtureSize() throws {
        #expect(try Self.loadFixture().count >= 300)
    }

    @Test("Width matches wcwidth for every fixture string", arguments: try DisplayWidthTests.loadFixture())
    func fixture(sample: Sample) {
        let width = DisplayWidth.of(sample.text)
        #expect(width == sample.expected)
        #expect(DisplayWidth.of(DisplayWidth.padded(sample.text, to: width + 3)) == width + 3)
        var cursor = DisplayWidth.Cursor()
        for character in sample.text {
            #expect(cursor.advance(over: character) >= 0)
        }
        #expect(cursor.width == width)
        // prefix(fitting:) is consistent with of(_:) at every limit.
        for columns in 0...(width + 1) {
            let (head, tail) = DisplayWidth.prefix(sample.text, fitting: columns)
            #expect(String(head) + tail == sample.text)
            #expect(DisplayWidth.of(head) <= columns)
            if let next = tail.first {
                #expect(DisplayWidth.of(String(head) + String(next)) > columns)
            }
        }
    }
}
