import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Work on names, keys and values grows with their size, never with its square.
@Suite("Linear time on hostile input")
struct LinearTimeTests {
    typealias Generator = YAMLPrescanTests.Generator

    static func randomWord(_ generator: inout Generator, alphabet: [Character] = Array("abc-"), length: ClosedRange<Int>) -> String {
        String((0..<Int.random(in: length, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
    }

    /// The textbook distance, to check the banded one against.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var next = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            row = next
        }
        return row[b.count]
    }

    @Test func bandedDistanceMatchesTheTextbookWithinItsLimit() {
        var generator = Generator(state: 7)
        for _ in 0..<3000 {
            let a = Self.randomWord(&generator, length: 0...12)
            let b = Self.randomWord(&generator, length: 0...12)
            let limit = Int.random(in: 0...6, using: &generator)
            let exact = Self.levenshtein(a, b)
            let banded = Spelling(budget: .max).editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
            #expect(banded == (exact <= limit ? exact : nil), "'\(a)' '\(b)' within \(limit)")
        }
    }

    /// A 100,000-character word took seconds per comparison; any number of them is now
    /// refused a suggestion at once.
    @Test(arguments: [65, 1_000, 100_000, 1_000_000])
    func longWordsGetNoSuggestionAndCostNothing(length: Int) {
        let word = String(repeating: "x", count: length)
        let spelling = Spelling()
        let clock = ContinuousClock()
        var found: String?
        let elapsed = clock.measure {
            for _ in 0..<2_000 { found = found ?? spelling.closest(to: word, in: [word, "xx", String(repeating: "x", count: 60)]) }
        }
        #expect(found == nil)
        #expect(elapsed < .seconds(2))
    }

    /// Suggestions stop when a document's budget is spent; the problems are still reported.
    @Test func suggestionsStopWhenTheBudgetIsSpent() {
        let spelling = Spelling(budget: 10_000)
        var suggested = 0
        for _ in 0..<10_000 where spelling.closest(to: "instance_size", in: SpecReader.runnableKeys) != nil { suggested += 1 }
        #expect(suggested > 10)
        #expect(suggested < 1_000)
        #expect(Spelling().closest(to: "instance_size", in: SpecReader.runnableKeys) == "instance_size_slug")
        // A file of 20,000 misspelt keys (under the node limit) reads in bounded time.
        let keys = (0..<9_000).map { "instanse_count\($0): 1\n" }.joined()
        let clock = ContinuousClock()
        var lines: [String] = []
        let elapsed = clock.measure { lines = diagnose("name: shop\n" + keys) }
        #expect(lines.count == 9_000)
        #expect(elapsed < .seconds(10))
    }

    /// The old suggestion, which removed one leading character at a time.
    static func referenceSuggestion(for name: String) -> String? {
        var out = String(name.lowercased().map { ($0.isLetter && $0.isASCII) || ($0.isNumber && $0.isASCII) ? $0 : "-" })
        while out.first.map({ !$0.isLetter }) ?? false { out.removeFirst() }
        out = String(out.prefix(32))
        while out.last == "-" { out.removeLast() }
        return SpecRules.isValidName(out) ? out : nil
    }

    @Test func suggestedNamesMatchTheOldRuleOnNamesOfEveryLength() {
        var generator = Generator(state: 11)
        let alphabet = Array("aZ9-_. é東-")
        for _ in 0..<3000 {
            let name = Self.randomWord(&generator, alphabet: alphabet, length: 0...80)
            #expect(SpecRules.suggestedName(for: name) == Self.referenceSuggestion(for: name), "\(name)")
        }
    }

    /// 12.9 s for 1 MiB of dashes: one character removed at a time.
    @Test(arguments: ["-", "9", "é", "-a"])
    func suggestedNamesOfAMegabyteTakeOnePass(_ unit: String) {
        let name = String(repeating: unit, count: 1 << 20) + "Shop"
        let clock = ContinuousClock()
        var suggestion: String?
        let elapsed = clock.measure { suggestion = SpecRules.suggestedName(for: name) }
        #expect(elapsed < .seconds(2))
        #expect(suggestion == (unit == "-a" ? "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a" : "shop"))
    }

    /// Index lookups against every pair of a random vocabulary.
    @Test func oneEditIndexFindsExactlyTheWordsOneEditAway() {
        var generator = Generator(state: 3)
        for _ in 0..<40 {
            let words = (0..<60).map { _ in Self.randomWord(&generator, alphabet: Array("abc"), length: 1...6) }
            let index = Spelling.OneEditIndex(words)
            for _ in 0..<30 {
                let query = Self.randomWord(&generator, alphabet: Array("abcd"), length: 0...7)
                var expected: [String] = []
                for word in words where word != query && Self.levenshtein(word, query) <= 1 && !expected.contains(word) {
                    expected.append(word)
                }
                #expect(index.words(oneEditFrom: query) == expected, "\(query) in \(words)")
            }
        }
    }

    /// A status file of 20,000 apps is read key by key: each lookup was a linear scan.
    @Test func aStatusFileOfManyAppsReadsInLinearTime() {
        let apps = (0..<20_000).map { "  app-\($0): { status: healthy }\n" }.joined()
        let clock = ContinuousClock()
        var status = Status()
        let elapsed = clock.measure {
            status = StatusReader.read(Data(("apps:\n" + apps).utf8), path: "status.yaml", diagnostics: DiagnosticBag()).0
        }
        #expect(status.apps.count == 20_000)
        #expect(status.appOrder.last == "app-19999")
        #expect(elapsed < .seconds(15))
    }

    /// A token without spaces is wrapped in one pass: measuring the rest on every line was
    /// quadratic (a 1 MB note: 42 s).
    @Test func longTokensWrapInLinearTime() {
        let token = String(repeating: "x", count: 200_000)
        let clock = ContinuousClock()
        var lines: [TextWrapper.Line] = []
        let elapsed = clock.measure { lines = TextWrapper.wrap(Paragraph(token, ascii: false), width: 40, mark: "↩") }
        #expect(lines.count > 200_000 / 40)
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= 40 })
        #expect(elapsed < .seconds(10))
    }

    /// The host automaton finds exactly the systems a substring search finds.
    @Test func hostMatcherFindsWhatASubstringSearchFinds() {
        var generator = Generator(state: 19)
        for _ in 0..<300 {
            let hosts = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                    Self.randomWord(&generator, alphabet: Array("ab.-"), length: 0...4)
                }
            }
            let matcher = HostMatcher(hosts: hosts)
            for _ in 0..<10 {
                let value = Self.randomWord(&generator, alphabet: Array("ab.-x"), length: 0...20)
                let expected = hosts.indices.filter { hosts[$0].contains { !$0.isEmpty && value.contains($0) } }
                #expect(matcher.systems(namedIn: value) == expected, "\(value) in \(hosts)")
            }
        }
    }

    /// Thousands of hosts and env values: one pass over each value.
    @Test func dependenciesOnManyExternalSystemsTakeLinearTime() {
        let externals = (0..<10_000).map { "  - { name: sys\($0), endpoint: \"db\($0).example.com:5432\" }\n" }.joined()
        let envs = (0..<3_000).map { "  - { key: K\($0), value: \"postgres://db\($0 * 7 % 3_000).example.com/x\" }\n" }.joined()
        let clock = ContinuousClock()
        var map: InfraMap?
        let elapsed = clock.measure {
            map = buildMap(specs: ["name: shop\nservices:\n  - name: web\nenvs:\n" + envs], config: "title: T\nexternal:\n" + externals).0
        }
        let dependencies = map?.apps.first?.dependencies ?? []
        #expect(dependencies.count == 3_000)
        #expect(dependencies.first?.targetName == "sys0")
        #expect(elapsed < .seconds(20))
    }

    /// The old glob matcher, which backtracked over every `**`.
    static func referenceMatches(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            var tail = path
            while true {
                if referenceMatches(pattern.dropFirst(), tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, Glob.matchSegment(Array(head), Array(segment)) else { return false }
        return referenceMatches(pattern.dropFirst(), path.dropFirst())
    }

    @Test func globsMatchAsBeforeWithoutBacktracking() {
        var generator = Generator(state: 23)
        let segments = ["**", "*", "a", "b*", "?", "*.yaml", "a.yaml"]
        for _ in 0..<3000 {
            let pattern = (0..<Int.random(in: 0...5, using: &generator)).map { _ in segments.randomElement(using: &generator) ?? "*" }
            let path = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                ["a", "b", "bb", "a.yaml", "x"].randomElement(using: &generator) ?? "a"
            }
            #expect(Glob.matches(pattern[...], path[...]) == Self.referenceMatches(pattern[...], path[...]), "\(pattern) \(path)")
        }
        // Twenty `**` against a path forty folders deep that does not match: C(40, 20) ways
        // to backtrack before.
        let pattern = Array(repeating: "**", count: 20) + ["*.yml"]
        let path = Array(repeating: "d", count: 40) + ["app.yaml"]
        let clock = ContinuousClock()
        var matched = true
        let elapsed = clock.measure { matched = Glob.matches(pattern[...], path[...]) }
        #expect(!matched)
        #expect(elapsed < .seconds(1))
    }
}
