import Foundation
import Testing

@testable import CartographInput

/// Pages are split at their front matter on the bytes (``PageText``); they must split
/// exactly where splitting at every line feed, a carriage return before it left out of the
/// line, and a trimmed `---` split them: CR LF, lone CRs, Unicode spaces and all.
@Suite("Page text")
struct PageTextTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// The split on Unicode scalars: lines end at each line feed; a fence is a line that is
    /// `---` once a CR before its line feed is left out and whitespace is trimmed.
    static func reference(_ text: String) -> (yaml: String, end: Int, body: String)? {
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        func isFence(_ index: Int) -> Bool {
            var line = lines[index].unicodeScalars[...]
            if index < lines.count - 1, line.last == "\r" { line = line.dropLast() }
            return String(String.UnicodeScalarView(line)).trimmingCharacters(in: .whitespaces) == "---"
        }
        guard !lines.isEmpty, isFence(0), let end = lines.indices.dropFirst().first(where: isFence) else { return nil }
        return ("\n" + lines[1..<end].joined(separator: "\n"), end, lines[(end + 1)...].joined(separator: "\n"))
    }

    /// Pages made of fences (plain, padded with spaces, tabs or Unicode spaces, or not quite
    /// fences), front matter lines, and line breaks of every kind.
    @Test func theByteSplitFindsWhatTheScalarSplitFinds() {
        var generator = Generator(state: 5)
        let pieces = [
            "---", "---", " --- ", "\t---", "--- \t", "\u{A0}---", "---\u{2003}", "----", "-- -", "title: T", "weight: 3", "", "body",
            "é", "\u{301}", "\n", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", " ", "x",
        ]
        var withFrontMatter = 0
        var crLFFrontMatter = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
                .joined(separator: ["\n", "", "\r\n"].randomElement(using: &generator) ?? "")
            let expected = Self.reference(text)
            let found = PageText.frontMatter(of: text)
            #expect(found?.yaml == expected?.yaml, "\(text.debugDescription)")
            #expect(found?.end == expected?.end, "\(text.debugDescription)")
            #expect(found.map { String($0.body) } == expected?.body, "\(text.debugDescription)")
            if expected != nil { withFrontMatter += 1 }
            if expected != nil, text.hasPrefix("---\r\n") { crLFFrontMatter += 1 }
        }
        #expect(withFrontMatter > 1_000, "the pages should often have front matter")
        #expect(crLFFrontMatter > 50, "CR LF fences should often open front matter")
    }
}
