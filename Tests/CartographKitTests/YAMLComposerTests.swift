import CartographTestSupport
import Foundation
import Testing
import Yams

@testable import CartographInput
@testable import CartographModel

/// The composer that replaced Yams' must read every document as Yams' did: the same tree
/// (text, style, where each node starts) and, for a broken one, the same first error.
/// Checked against Yams itself, on the real specs and on mutations of them.
@Suite("YAML composer")
struct YAMLComposerTests {
    /// A deterministic generator, so a failure names a seed that reproduces it.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 &* 0x9E37_79B9_7F4A_7C15
        }
    }

    /// The YAML files of the repository (fixtures, the example) and of ../shared's corpus.
    static let documents: [String] = {
        var folders = [
            repositoryRoot.appending(path: "Tests/CartographKitTests/Fixtures"), repositoryRoot.appending(path: "content"),
        ]
        if let shared = sharedFolder { folders.append(shared.appending(path: "corpus")) }
        var texts: [String] = []
        for folder in folders {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                guard ["yaml", "yml", "json"].contains(url.pathExtension), let data = try? Data(contentsOf: url),
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                texts.append(text)
            }
        }
        return texts.sorted()
    }()

    /// What people and fuzzers do to a spec: repeated keys (as written, quoted, tagged,
    /// anchored), anchors and aliases, tabs, control characters, stray indicators, cuts.
    static let insertions = [
        ":", "-", "\"", "'", "&a ", "*a ", "!!int ", "!!str ", "\t", "\u{01}", "{", "[", "#", "? ", "&k ", "*k", "\n", " ", "!",
        "!!map ", "---\n", "|", ">", "*undefined ",
    ]
    static let values = ["*k", "&k 5", "\"5\"", "5", "yes", "~", "!!int \"7\"", "!custom x", "{a: 1, a: 2}", "[1, *k]", "&k web"]

    static func mutate(_ text: String, using generator: inout Generator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !lines.isEmpty {
            let index = Int.random(in: 0..<lines.count, using: &generator)
            let line = lines[index]
            let body = line.drop { $0 == " " || $0 == "-" }
            let lead = String(line.prefix(line.count - body.count))
            let key = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: lines.insert(lines[Int.random(in: 0..<lines.count, using: &generator)], at: index)
            case 1: lines.remove(at: index)
            case 2:
                let cut = line.index(line.startIndex, offsetBy: Int.random(in: 0...line.count, using: &generator))
                lines[index] = line[..<cut] + (insertions.randomElement(using: &generator) ?? "") + line[cut...]
            case 3:
                guard let key, body.contains(":") else { continue }
                let form = ["\"\(key)\"", "'\(key)'", "!!str \(key)", "&k \(key)", "! \(key)"].randomElement(using: &generator) ?? key
                lines.insert(lead + form + body.dropFirst(key.count), at: index + 1)
            case 4:
                guard let key, body.contains(":") else { continue }
                lines[index] = lead + key + ": " + (values.randomElement(using: &generator) ?? "")
            default: lines.removeSubrange(index...)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A node as both trees can say it, for comparing: kind, text, style, mark, whether a
    /// plain scalar's text decides its type, and the children.
    indirect enum Shape: Equatable, CustomStringConvertible {
        case scalar(String, style: UInt32, typedByText: Bool, line: Int, column: Int)
        case list([Shape], line: Int, column: Int)
        case mapping([Shape], line: Int, column: Int)

        var description: String {
            switch self {
            case .scalar(let text, let style, let typed, let line, let column):
                "\(line):\(column) \(text.debugDescription)/\(style)/\(typed)"
            case .list(let items, let line, let column): "\(line):\(column) [\(items.map(\.description).joined(separator: ", "))]"
            case .mapping(let items, let line, let column): "\(line):\(column) {\(items.map(\.description).joined(separator: ", "))}"
            }
        }

        init(_ node: YAMLNode) {
            switch node {
            case .scalar(let s):
                self = .scalar(s.string, style: s.style.rawValue, typedByText: s.isTypedByItsText, line: s.mark.line, column: s.mark.column)
            case .sequence(let list): self = .list(list.map(Shape.init), line: list.mark.line, column: list.mark.column)
            case .mapping(let mapping):
                self = .mapping(mapping.flatMap { [Shape($0.key), Shape($0.value)] }, line: mapping.mark.line, column: mapping.mark.column)
            }
        }

        init(yams node: Node) {
            let mark = (line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
            switch node {
            case .scalar(let s):
                self = .scalar(
                    s.string, style: s.style.rawValue, typedByText: s.style == .plain && s.tag.rawValue.isEmpty, line: mark.line,
                    column: mark.column)
            case .sequence(let list): self = .list(list.map { Shape(yams: $0) }, line: mark.line, column: mark.column)
            case .mapping(let mapping):
                self = .mapping(mapping.flatMap { [Shape(yams: $0.key), Shape(yams: $0.value)] }, line: mark.line, column: mark.column)
            case .alias: self = .scalar("<alias>", style: 0, typedByText: false, line: mark.line, column: mark.column)
            }
        }
    }

    /// What Yams made of a text: its tree's shape, or its error as the composer says one.
    static func yams(_ text: String) -> Result<Shape?, YAMLComposer.Failure> {
        do {
            return .success(try Parser(yaml: text).nextRoot().map { Shape(yams: $0) })
        } catch let error as YamlError {
            func mark(_ mark: Mark) -> YAMLNode.Mark { YAMLNode.Mark(line: mark.line, column: mark.column) }
            switch error {
            case .scanner(let context, let problem, let at, _), .parser(let context, let problem, let at, _),
                .composer(let context, let problem, let at, _):
                if problem == "found undefined alias", context == nil { return .failure(.undefinedAlias(mark(at))) }
                let kind: YAMLComposer.ErrorKind =
                    switch error {
                    case .scanner: .scanner
                    case .parser: .parser
                    default: .composer
                    }
                return .failure(
                    .libyaml(
                        kind: kind, problem: problem, mark: mark(at), context: context?.text,
                        contextMark: context.map { mark($0.mark) } ?? YAMLNode.Mark(line: 1, column: 1)))
            case .duplicatedKeysInMapping(let duplicates, let context): return .failure(.duplicateKeys(duplicates, mark(context.mark)))
            case .reader(let problem, let offset, _, _): return .failure(.reader(problem: problem, offset: offset))
            default: return .failure(.memory)
            }
        } catch {
            return .failure(.memory)
        }
    }

    static func composed(_ text: String) -> Result<Shape?, YAMLComposer.Failure> {
        YAMLComposer.firstRoot(of: text).map { $0.map(Shape.init) }
    }

    /// Yams' failure without what it does not know for certain: a context's mark when there
    /// is no context.
    static func comparable(_ result: Result<Shape?, YAMLComposer.Failure>) -> Result<Shape?, YAMLComposer.Failure> {
        guard case .failure(.libyaml(let kind, let problem, let mark, nil, _)) = result else { return result }
        return .failure(.libyaml(kind: kind, problem: problem, mark: mark, context: nil, contextMark: YAMLNode.Mark(line: 1, column: 1)))
    }

    @Test func everyDocumentAndMutationReadsAsYamsReadIt() {
        #expect(Self.documents.count >= 20, "too few YAML files found to compare")
        var generator = Generator(state: 12)
        var compared = 0
        var failures = 0
        for document in Self.documents {
            var texts = [document]
            for _ in 0..<12 { texts.append(Self.mutate(document, using: &generator)) }
            for text in texts {
                // As the loader does: only what the pre-pass lets through is composed.
                switch YAMLPrescan(limit: YAMLLoader.Limits.maxNodes).scan(text) {
                case .fine, .syntaxError: break
                default: continue
                }
                compared += 1
                let expected = Self.comparable(Self.yams(text))
                if case .failure = expected { failures += 1 }
                #expect(Self.comparable(Self.composed(text)) == expected, "\(text)")
            }
        }
        print("compared \(compared) documents with Yams, \(failures) of them broken")
        #expect(failures > compared / 10, "the mutations should break a good share of the documents")
    }

    /// Keys are one key when their text and resolved tag are equal: `a` and `"a"` are, `1`
    /// (an integer) and `"1"` (a string) are not. The error names every repeated key, sorted,
    /// at the first place the first of them is written.
    @Test(
        arguments: [
            ("a: 1\n\"a\": 2\n", ["a"], 1, 1),
            ("1: x\n\"1\": y\n", nil, 0, 0),
            ("1: x\n\"1\": y\n1: z\n", ["1"], 1, 1),
            ("b: 1\na: 2\nb: 3\na: 4\n", ["a", "b"], 2, 1),
            ("m: {x: 1, y: 2, x: 3}\n", ["x"], 1, 5),
            ("!!str k: 1\nk: 2\n", ["k"], 1, 1),
            ("yes: 1\n\"yes\": 2\n", nil, 0, 0),
        ] as [(String, [String]?, Int, Int)])
    func duplicateKeys(_ text: String, _ keys: [String]?, _ line: Int, _ column: Int) {
        let result = YAMLComposer.firstRoot(of: text)
        if let keys {
            #expect(result.map { _ in 0 } == .failure(.duplicateKeys(keys, YAMLNode.Mark(line: line, column: column))))
        } else {
            #expect((try? result.get()) != nil)
        }
        #expect(Self.comparable(Self.composed(text)) == Self.comparable(Self.yams(text)))
    }

    /// Composed on the pre-pass, every document the pre-pass lets through reads as composed
    /// from its text alone: the same tree (tags and key texts included), or the same failure
    /// (an undefined alias, repeated keys).
    @Test func thePrePassComposesTheTreeTheTextDoes() {
        var generator = Generator(state: 13)
        var compared = 0
        var failures = 0
        for document in Self.documents {
            var texts = [document]
            for _ in 0..<12 { texts.append(Self.mutate(document, using: &generator)) }
            for text in texts {
                let (outcome, composed) = YAMLPrescan(limit: YAMLLoader.Limits.maxNodes).scanComposing(text)
                guard case .fine = outcome else {
                    #expect(composed == nil)
                    continue
                }
                guard let composed else {
                    Issue.record("a document fine to compose was not composed")
                    continue
                }
                compared += 1
                let fromText = YAMLComposer.firstRoot(of: text)
                if case .failure = fromText { failures += 1 }
                #expect(composed.map { $0.map(Shape.init) } == fromText.map { $0.map(Shape.init) }, "\(text)")
                #expect(composed.map { $0.map(Self.keyTexts) } == fromText.map { $0.map(Self.keyTexts) }, "\(text)")
            }
        }
        #expect(compared > 500)
        #expect(failures > 10, "some mutations should repeat a key or name an undefined alias")
    }

    /// Keys are compared as bytes where both sides are ASCII, and as `String`s compare
    /// otherwise: a KELVIN SIGN is a `K`, `é` is `e` and a combining accent, `;` is GREEK
    /// QUESTION MARK. Looked up, checked against known keys or found repeated, every key
    /// must be what `String` comparison makes it.
    @Test func keysCompareAsStringsCompareThem() {
        let pieces = [
            "k", "K", "\u{212A}", "e", "é", "e\u{301}", "\u{301}", ";", "\u{37E}", "`", "\u{1FEF}", "a", "_", "Å", "\u{212B}",
            "A\u{30A}", "1",
        ]
        var generator = Generator(state: 21)
        func text() -> String {
            (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
        /// Plain where the text allows, else double-quoted with every other character escaped.
        func written(_ key: String) -> String {
            guard key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII }) else {
                return "\"" + key.unicodeScalars.map { String(format: "\\U%08X", $0.value) }.joined() + "\""
            }
            return key
        }
        var mappings = 0
        var repeated = 0
        var matches = 0
        for _ in 0..<3000 {
            let keys = (0..<Int.random(in: 1...5, using: &generator)).map { _ in text() }
            let yaml = "{" + keys.map { "\(written($0)): 1" }.joined(separator: ", ") + "}\n"
            #expect(Self.comparable(Self.composed(yaml)) == Self.comparable(Self.yams(yaml)), "\(yaml)")
            guard case .success(.mapping(let mapping)?) = YAMLComposer.firstRoot(of: yaml) else {
                repeated += 1
                continue
            }
            mappings += 1
            let texts = mapping.keys.compactMap { $0 }
            for query in keys + (0..<4).map({ _ in text() }) {
                let expected = texts.firstIndex { $0 == query }
                #expect(mapping.position(ofKey: query) == expected, "\(yaml) \(query.debugDescription)")
                if expected != nil { matches += 1 }
            }
            let known = (0..<Int.random(in: 0...6, using: &generator)).map { _ in text() }
            for position in mapping.indices {
                #expect(mapping.key(at: position, isOneOf: known) == known.contains(texts[position]), "\(yaml) \(known)")
            }
        }
        #expect(mappings > 1000 && repeated > 100 && matches > 5000, "\(mappings) \(repeated) \(matches)")
    }

    /// A parser kept from an earlier text, handed a text of printable ASCII in its buffer,
    /// reads every document as a parser of its own that reads the text itself: the same
    /// outcome and tree, whatever the text before left in the parser (a scan stopped at its
    /// node limit or at a second document, tag directives, a syntax error).
    @Test func aKeptParserReadsAsAParserOfItsOwn() {
        let leftovers = [
            "a: 1\n---\nb: [1, 2]\n", "a: [1, 2, 3, {b: c}]\nd: \"e\"\n", "a: [1\nb: 2\n",
            "%TAG ! tag:x,2000:\n--- !a\nb: c\n...\n---\nd\n",
            "- 'x\n", "\u{FEFF}a: b\n",
        ]
        var generator = Generator(state: 14)
        var compared = 0
        var broken = 0
        var handed = 0
        for document in Self.documents {
            var texts = [document]
            for _ in 0..<6 { texts.append(Self.mutate(document, using: &generator)) }
            for text in texts {
                let leftover = leftovers.randomElement(using: &generator) ?? ""
                _ = YAMLPrescan(limit: Int.random(in: 1...8, using: &generator)).scanComposing(leftover)
                var own = YAMLPrescan(limit: YAMLLoader.Limits.maxNodes)
                own.takesGeneralPath = true
                let (expectedOutcome, expectedTree) = own.scanComposing(text)
                let (outcome, tree) = YAMLPrescan(limit: YAMLLoader.Limits.maxNodes).scanComposing(text)
                #expect(outcome == expectedOutcome, "\(text)")
                #expect(tree?.map { $0.map(Shape.init) } == expectedTree?.map { $0.map(Shape.init) }, "\(text)")
                #expect(tree?.map { $0.map(Self.keyTexts) } == expectedTree?.map { $0.map(Self.keyTexts) }, "\(text)")
                compared += 1
                if expectedOutcome == .syntaxError { broken += 1 }
                if Array(text.utf8).withUnsafeBufferPointer(YAMLParsers.isPrintableASCII) { handed += 1 }
            }
        }
        #expect(compared > 500 && broken > 50, "\(compared) \(broken)")
        #expect(handed > 300 && compared - handed > 50, "\(handed) of \(compared) handed over")
        for byte in UInt8.min...UInt8.max {
            let printable = byte == 0x09 || byte == 0x0A || byte == 0x0D || (0x20...0x7E).contains(byte)
            #expect([byte].withUnsafeBufferPointer(YAMLParsers.isPrintableASCII) == printable, "\(byte)")
        }
    }

    /// What ``Shape`` leaves out, depth first: each scalar's tag and whether it is a key, and
    /// each mapping's key texts, as the readers look keys up.
    static func keyTexts(_ node: YAMLNode) -> [String] {
        switch node {
        case .scalar(let scalar): ["\(scalar.tag) \(scalar.isKey)"]
        case .sequence(let list): list.flatMap(keyTexts)
        case .mapping(let mapping): ["\(mapping.keys)"] + mapping.flatMap { keyTexts($0.key) + keyTexts($0.value) }
        }
    }

    /// Yams resolved each key's tag in place, and an alias of an anchored key shares it:
    /// `name: *k` for `&k 55: x` reads as the string "55", not as an integer.
    @Test func anAliasOfAnAnchoredKeyReadsAsAString() throws {
        let bag = DiagnosticBag()
        let (spec, _) = SpecReader.read(
            Data("name: shop\n&k 55: x\nservices:\n- name: *k\n  http_port: 8080\n".utf8), path: "app.yaml", diagnostics: bag)
        #expect(spec?.services.first?.name?.value == "55")
        #expect(!bag.diagnostics.contains { $0.message.contains("must be a string") })
        // Anchored on a value, the same text is an integer where a string belongs.
        let valueBag = DiagnosticBag()
        _ = SpecReader.read(
            Data("name: shop\nservices:\n- name: &k 55\n  http_port: 8080\n".utf8), path: "app.yaml", diagnostics: valueBag)
        #expect(valueBag.diagnostics.map { $0.message }.contains("'name' must be a string, found the integer 55"))
    }
}
