import Foundation
import Testing

@testable import CartographInput

/// Pages are split at their front matter on the bytes (``PageText``); they must split
/// exactly where `String.split(separator: "\n")` and a trimmed `---` split them before,
/// CR LF, lone CRs, Unicode spaces and all.
@Suite("Page text")
struct PageTextTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// How pages were split: by Characters.
    static func reference(_ text: String) -> (yaml: String, end: Int, body: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true,
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { return nil }
        return ("\n" + lines[1..<end].joined(separator: "\n"), end, lines[(end + 1)...].joined(separator: "\n"))
    }

    /// Pages made of fences (plain, padded with spaces, tabs or Unicode spaces, or not quite
    /// fences), front matter lines, and line breaks of every kind.
    @Test func theByteSplitFindsWhatTheCharacterSplitFound() {
        var generator = Generator(state: 5)
        let pieces = [
            "---", "---", " --- ", "\t---", "--- \t", "\u{A0}---", "---\u{2003}", "----", "-- -", "title: T", "weight: 3", "", "body",
            "é", "\u{301}", "\n", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", " ", "x",
        ]
        var withFrontMatter = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
                .joined(separator: Bool.random(using: &generator) ? "\n" : "")
            let expected = Self.reference(text)
            let found = PageText.frontMatter(of: text)
            #expect(found?.yaml == expected?.yaml, "\(text.debugDescription)")
            #expect(found?.end == expected?.end, "\(text.debugDescription)")
            #expect(found.map { String($0.body) } == expected?.body, "\(text.debugDescription)")
            if expected != nil { withFrontMatter += 1 }
        }
        #expect(withFrontMatter > 1_000, "the pages should often have front matter")
    }
}
