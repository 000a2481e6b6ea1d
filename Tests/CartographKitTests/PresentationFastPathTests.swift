import Testing

@testable import CartographRender

/// The deploy commands quote a spec path unless its Characters are all word characters;
/// ASCII paths are judged on their bytes.
@Suite("Presentation fast paths")
struct PresentationFastPathTests {
    @Test func shellWordsAreWhatTheCharactersSay() {
        var generator = FastPathTests.Generator(state: 41)
        let pieces =
            FastPathTests.pieces + [
                "/", ".", "_", "-", "'", "a/b.yaml", ".do/app.yaml", "\u{660}", "½", "\u{0}", "\u{7F}", "@", "[", "`", "{",
            ]
        var words = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "a" }.joined()
            let expected = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) }
            #expect(PresentationBuilder.isShellWord(text) == expected, "\(text.debugDescription)")
            if expected { words += 1 }
        }
        #expect(words > 1_000)
    }
}
