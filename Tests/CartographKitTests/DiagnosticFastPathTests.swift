import CartographTestSupport
import Testing

@testable import CartographKit
@testable import CartographModel

/// Printing a diagnostic takes shortcuts: its code is found over the message's bytes, the
/// key names that hide a line's quote are compared without allocating, and a printable
/// ASCII line is quoted as it is. Each must give what the general path gives, on generated input.
@Suite("Diagnostic fast paths")
struct DiagnosticFastPathTests {
    /// Every word of up to four letters from the letters of `envs` and `value` (and two
    /// others), then random keys of ASCII, digits, punctuation, escapes and multi-byte
    /// scalars up to 40 bytes: the stack fold and distance decide as the array ones did.
    @Test func keyNamesAreJudgedAsByTheArrayFold() {
        let letters = Array("envsalux".utf8)
        var words: [[UInt8]] = [[]]
        var frontier: [[UInt8]] = [[]]
        for _ in 1...4 {
            frontier = frontier.flatMap { word in letters.map { word + [$0] } }
            words += frontier
        }
        var random = SplitMix64(seed: 31)
        let pieces: [[UInt8]] = ["a", "E", "n", "V", "s", "v", "l", "u", "e", "_", "-", "1", " ", "\\", "é", "К", "ｖ", "\u{FEFF}"].map {
            Array($0.utf8)
        }
        for _ in 0..<20_000 {
            var word: [UInt8] = []
            while word.count < Int.random(in: 0...40, using: &random) { word += pieces.randomElement(using: &random) ?? [] }
            words.append(word)
        }
        var differ: [String] = []
        for word in words where EnvValueScanner.sensitiveKey(word[...]) != Self.sensitiveKeyByArrays(word[...]) {
            differ.append(String(decoding: word, as: UTF8.self))
        }
        #expect(differ.count == 0, "first: \(differ.prefix(5))")
        // Both answers occur, so the comparison is not of two constants.
        #expect(words.contains { EnvValueScanner.sensitiveKey($0[...]) })
        #expect(words.contains { !EnvValueScanner.sensitiveKey($0[...]) })
        for name in ["envs", "ENV", "environment", "vaule", "Value", "values", "env_vars"] {
            #expect(EnvValueScanner.isEnvFieldName(name), "\(name)")
        }
        for name in ["name", "instance_size_slug", "key", "type", "scope"] {
            #expect(!EnvValueScanner.isEnvFieldName(name), "\(name)")
        }
    }

    /// The messages' parts, ASCII and not, in random order: a rule's byte search finds a
    /// pattern exactly where `String.contains` over bytes does, and every registry code
    /// names the same rule as a search by Characters.
    @Test func codesAreFoundAsByCharacters() {
        var random = SplitMix64(seed: 7)
        let patterns = DiagnosticCode.registry.flatMap(\.patterns).filter { !$0.hasPrefix("^") }
        let fillers = ["x", " ", "'", "é", "🙂", "e\u{301}", "\u{212A}", ";", "\u{37E}"]
        var messages: [String] = []
        for _ in 0..<5000 {
            var message = ""
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                message +=
                    Bool.random(using: &random)
                    ? patterns.randomElement(using: &random) ?? "" : fillers.randomElement(using: &random) ?? ""
            }
            // A pattern cut short or with its first byte changed must not be found.
            if let pattern = patterns.randomElement(using: &random), Bool.random(using: &random) {
                message += String(pattern.dropLast())
            }
            messages.append(message)
        }
        var differ: [String] = []
        for message in messages {
            for pattern in patterns {
                var bytes = message
                let found = bytes.withUTF8 { DiagnosticCode.bytes($0, contain: pattern.utf8) }
                if found != Self.containsBytes(Array(message.utf8), Array(pattern.utf8)) { differ.append("\(message) / \(pattern)") }
            }
            let code = DiagnosticCode.code(for: message)
            let byCharacters =
                DiagnosticCode.registry.first { rule in
                    rule.patterns.contains { pattern in
                        pattern.hasPrefix("^")
                            ? message.hasPrefix(pattern.dropFirst())
                            : Self.containsBytes(Array(message.utf8), Array(pattern.utf8)) && message.contains(pattern)
                    }
                } ?? .other
            if code != byCharacters { differ.append("code of \(message)") }
        }
        #expect(differ.count == 0, "first: \(differ.prefix(5))")
        #expect(messages.contains { DiagnosticCode.code(for: $0) != .other })
    }

    /// Lines of printable ASCII, tabs, controls, DEL and wide or combining scalars, with
    /// columns inside and past them: the quoted line and the caret's padding are what the
    /// scalar-by-scalar path gives.
    @Test func quotedLinesAndCaretsAreAsByScalars() {
        var random = SplitMix64(seed: 5)
        let pieces = ["a", "Z", " ", "-", ":", "~", "\t", "\u{1}", "\u{7F}", "\u{1F}", "é", "e\u{301}", "界", "🙂", "\u{200B}"]
        var differ: [String] = []
        for round in 0..<20_000 {
            let asciiOnly = round.isMultiple(of: 2)
            let line = (0..<Int.random(in: 0...30, using: &random)).map { _ in
                asciiOnly ? pieces.prefix(6).randomElement(using: &random) ?? "" : pieces.randomElement(using: &random) ?? ""
            }.joined()
            let column = Int.random(in: 0...(line.unicodeScalars.count + 3), using: &random)
            if DiagnosticPrinter.printable(line[...]) != DiagnosticPrinter.printableByScalars(line[...]) {
                differ.append("printable \(line.debugDescription)")
            }
            if DiagnosticPrinter.caretPadding(line[...], column: column)
                != DiagnosticPrinter.caretPaddingByScalars(line[...], column: column)
            {
                differ.append("caret \(line.debugDescription) at \(column)")
            }
        }
        #expect(differ.count == 0, "first: \(differ.prefix(5))")
    }

    /// The fold and the distance as they were, on arrays: the reference for the stack versions.
    static func sensitiveKeyByArrays(_ key: ArraySlice<UInt8>) -> Bool {
        if key.contains(UInt8(ascii: "\\")) { return true }
        var word: [UInt8] = []
        for byte in key {
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                word.append(byte | 0x20)
            } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                word.append(byte)
            }
            if word.count > 32 { break }
        }
        let envs = Array("envs".utf8)
        let value = Array("value".utf8)
        if word.starts(with: envs.prefix(3)) { return true }
        if word.count <= 6, distance(word, envs) <= 1 { return true }
        if word.count >= 3, word.count <= 8, distance(word, value) <= 2 { return true }
        return word.count >= 4 && word.indices.contains { word[$0...].starts(with: value.prefix(4)) }
    }

    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    static func containsBytes(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        guard !part.isEmpty else { return true }
        guard part.count <= text.count else { return false }
        return (0...(text.count - part.count)).contains { text[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
