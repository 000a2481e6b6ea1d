import Foundation
import Testing

@testable import CartographInput
@testable import CartographModel

/// The readers answer the common case on bytes where they used Foundation, regular
/// expressions or number parsing before; each answer must be what the old way gave, for
/// generated text that is mostly the uncommon case.
@Suite("Reader fast paths")
struct FastPathTests {
    typealias Generator = YAMLPrescanTests.Generator

    static let pieces = [
        "a", "Z", "_", "k", "K", "\u{212A}", "0", "9", "-", "+", ".", "~", "/", "e", "E", "x", "p", "inf", "nan", "INF", "NaN", "infinity",
        "true", "TRUE", "yes", "No", "on", "OFF", "null", "NULL", "Null", "é", "\u{301}", " ", "\t", "\n", "\r", "\r\n", "\u{0B}",
        "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "İ", "ı", "0x1F", "1e3", "1_000", "$", ";", "\u{37E}", "`", "\u{1FEF}",
    ]

    static func text(using generator: inout Generator) -> String {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    /// What a plain scalar's text made it, as the message said before.
    static func referenceKind(_ text: String) -> String {
        if text.isEmpty || text == "~" || text == "null" { return "null" }
        if Int(text) != nil { return "integer" }
        if ["true", "false", "yes", "no", "on", "off"].contains(text.lowercased()) { return "boolean" }
        if Double(text) != nil { return "number" }
        return "string"
    }

    /// A plain scalar alone in a tree of its own, whatever its text.
    static func plainScalar(_ text: String) -> YAMLNode.Scalar {
        let bytes = Array(text.utf8)
        let record = YAMLTree.Record(
            kind: .scalar, style: .plain, isASCII: bytes.allSatisfy { $0 < 0x80 }, line: 1, column: 1, end: Int32(bytes.count))
        return YAMLNode.Scalar(tree: YAMLTree(records: [record], bytes: bytes, children: [], tags: []), index: 0)
    }

    @Test func plainScalarsAreTheKindTheirTextMadeThem() {
        var generator = Generator(state: 3)
        var kinds = Set<String>()
        for _ in 0..<50_000 {
            let text = Self.text(using: &generator)
            let scalar = Self.plainScalar(text)
            let kind =
                switch scalar.textKind {
                case .null: "null"
                case .integer: "integer"
                case .boolean: "boolean"
                case .number: "number"
                case .string: "string"
                }
            #expect(kind == Self.referenceKind(text), "\(text.debugDescription)")
            #expect(
                YAMLNode.scalar(scalar).isNull == (text.isEmpty || text == "~" || text.lowercased() == "null"), "\(text.debugDescription)")
            kinds.insert(kind)
        }
        #expect(kinds.count == 5)
    }

    @Test func caseInsensitiveWordsAreTheLowercasedComparison() {
        var generator = Generator(state: 4)
        for _ in 0..<50_000 {
            let text = Self.text(using: &generator)
            for word in ["null", "true", "false", "yes", "no", "on", "off"] {
                #expect(text.isASCIICaseInsensitively(word) == (text.lowercased() == word), "\(text.debugDescription) \(word)")
            }
        }
    }

    /// A plain scalar of ASCII text is read as a boolean on its bytes: the word it spells in
    /// any case, as comparing its lowercased `String` with each word found it.
    @Test func booleanWordsReadOnBytesAreTheLowercasedWords() {
        var generator = Generator(state: 8)
        let words = ["true", "false", "yes", "no", "on", "off", "null", "tru", "fals", "ye", "o", "of", "offf", "n", "yes!", "0n"]
        var spelled = 0
        for _ in 0..<50_000 {
            let text =
                Bool.random(using: &generator)
                ? String(
                    (words.randomElement(using: &generator) ?? "").map { Bool.random(using: &generator) ? Character($0.uppercased()) : $0 })
                : Self.text(using: &generator)
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            let scalar = Self.plainScalar(text)
            let lowered = text.lowercased()
            let expected: Bool? = ["true", "yes", "on"].contains(lowered) ? true : ["false", "no", "off"].contains(lowered) ? false : nil
            #expect(scalar.tree.asciiBoolWord(scalar.index) == expected, "\(text.debugDescription)")
            if expected != nil { spelled += 1 }
        }
        #expect(spelled > 5000)
    }

    /// Env keys are the whole-text matches of `^[_A-Za-z][_A-Za-z0-9]*$`: `\z` for ICU, since
    /// its `$` also matches before one final line break, which App Platform does not allow.
    @Test func envKeysAreTheKeysTheRegularExpressionTakes() {
        var generator = Generator(state: 6)
        var valid = 0
        for _ in 0..<50_000 {
            let key = Self.text(using: &generator)
            let expected = key.range(of: #"^[_A-Za-z][_A-Za-z0-9]*\z"#, options: .regularExpression) != nil
            #expect(EnvVar.isValidKey(key) == expected, "\(key.debugDescription)")
            if expected { valid += 1 }
        }
        #expect(valid > 1_000)
        #expect(EnvVar.isValidKey("KEY") && !EnvVar.isValidKey("KEY\n") && !EnvVar.isValidKey("KEY\r\n") && !EnvVar.isValidKey("KEY\n\n"))
    }

    /// Env keys that look like secrets, by their words, as the Characters said.
    @Test func secretLookingKeysAreTheKeysTheCharactersFound() {
        var generator = Generator(state: 12)
        let words = [
            "PASSWORD", "password", "DB", "_", "-", "KEY", "key", "MONKEY", "SECRET", "XSECRET", "TOKENS", "TOKEN", "é", "\n", "\r\n",
        ]
        var found = 0
        for _ in 0..<20_000 {
            let key = (0..<Int.random(in: 1...4, using: &generator)).map { _ in words.randomElement(using: &generator) ?? "" }.joined()
            let characterWords = key.uppercased().split(whereSeparator: { $0 == "_" || $0 == "-" })
            let expected = characterWords.contains { word in
                SecretScanner.secretKeyWords.contains { word == $0 || word.hasSuffix($0) && $0.count >= 6 }
            }
            #expect(SecretScanner.looksLikeSecretKey(key) == expected, "\(key.debugDescription)")
            if expected { found += 1 }
        }
        #expect(found > 1_000)
    }

    /// The words of an env value that may name a component, as the Characters split them.
    @Test func nameTokensAreTheCharactersTokens() {
        var generator = Generator(state: 14)
        for _ in 0..<20_000 {
            let text = Self.text(using: &generator).lowercased() + Self.text(using: &generator)
            let expected = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init))
            #expect(MapBuilder.nameTokens(text) == expected, "\(text.debugDescription)")
        }
    }

    /// Paths joined to a folder's are the paths URL standardisation gives, a name starting
    /// with `~` taken as the file of that name in the folder (`./~…`), never a home folder.
    @Test func pathsInAFolderAreTheStandardisedURLsPaths() {
        var generator = Generator(state: 8)
        let segments = ["a", "b.yaml", ".", "..", "", "é", "p%20", "q?x#y", "sp ace", ".do", "~", "x:y", "\\"]
        let folders = ["/tmp/project", "/tmp/a/../b", "/", "/tmp/x y/", "/tmp/%41", "relative/dir", "/tmp/./q"]
        for folder in folders {
            let url = URL(filePath: folder, directoryHint: .isDirectory)
            let paths = FolderPaths(url)
            for _ in 0..<500 {
                var name = (0..<Int.random(in: 1...4, using: &generator)).map { _ in segments.randomElement(using: &generator) ?? "a" }
                    .joined(separator: "/")
                if Int.random(in: 0..<8, using: &generator) == 0 { name = "/" + name }
                let inFolder = name.hasPrefix("~") ? "./" + name : name
                #expect(paths.path(of: name) == URL(filePath: inFolder, relativeTo: url).standardizedFileURL.path, "\(folder) \(name)")
                if name.hasPrefix("~/"), !name.contains("..") {
                    #expect(paths.path(of: name).hasPrefix(url.standardizedFileURL.path), "\(folder) \(name)")
                }
            }
        }
    }

    /// The line count without the index is the index's.
    @Test func linesCountedAloneAreTheIndexedLines() {
        var generator = Generator(state: 10)
        for _ in 0..<20_000 {
            let text = Self.text(using: &generator) + Self.text(using: &generator)
            #expect(SourceText(text).lineCount == SourceText.lineRanges(of: Array(text.utf8)).count, "\(text.debugDescription)")
        }
    }
}
