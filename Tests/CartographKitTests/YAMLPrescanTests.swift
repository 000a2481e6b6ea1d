import CartographTestSupport
import Foundation
import Testing
import Yams

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// The pass over libyaml's events that decides, before Yams composes anything, whether a
/// document is safe to read.
@Suite("YAML event pre-pass")
struct YAMLPrescanTests {
    /// A deterministic generator, so a failure names a seed that reproduces it.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 &* 0x9E37_79B9_7F4A_7C15
        }
    }

    /// Line and column (1-based, in scalars) of every occurrence of `needle` in `text`.
    static func locations(of needle: String, in text: String) -> [(line: Int, column: Int)] {
        var out: [(Int, Int)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let range = rest.range(of: needle) {
                out.append((number + 1, line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1))
                rest = line[range.upperBound...]
            }
        }
        return out
    }

    /// Anchors `a0` … `a<depth>`, each a list of `fanOut` aliases to the one before: the last
    /// expands to `fanOut^depth` leaves.
    static func chain(fanOut: Int, depth: Int) -> String {
        var lines = ["a0: &a0 [" + Array(repeating: "x", count: fanOut).joined(separator: ", ") + "]"]
        for level in 1...depth {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: fanOut).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where an alias may sit as a key: every form YAML has, block and flow, nested.
    static let keyPositions = [
        "*top : x\n",
        "m: { *top : x }\n",
        "m: { a: 1, *top : x }\n",
        "m: { ? *top : x }\n",
        "? *top\n: x\n",
        "m: { a: { b: [ { *top : x } ] } }\n",
        "m: [ *top : x ]\n",
        "m:\n  - { *top : x }\n",
        "m:\n  n:\n    *top : x\n",
    ]

    @Test(arguments: keyPositions)
    func aliasesAsKeysAreRefusedWhereverTheyAre(_ position: String) {
        // Small anchors too: an alias key is refused whatever it expands to.
        var generator = Generator(state: UInt64(position.utf8.count))
        for _ in 0..<6 {
            let fanOut = Int.random(in: 2...12, using: &generator)
            let depth = Int.random(in: 1...8, using: &generator)
            let text = "name: shop\n" + Self.chain(fanOut: fanOut, depth: depth) + "t: &top [*a\(depth)]\n" + position
            let expected = Self.locations(of: "*top", in: text).last
            let outcome = YAMLPrescan(limit: .max / 4, byteLimit: .max / 4).scan(text)
            #expect(outcome == .aliasKey(line: expected?.line ?? 0, column: expected?.column ?? 0), "\(fanOut)^\(depth) at \(position)")
        }
    }

    /// Through the spec reader: one located error, and nothing else read (small anchors, so
    /// no expansion limit is reached first). Before, only block keys were caught, by a scan
    /// of the text.
    @Test(arguments: keyPositions)
    func theReaderReportsAliasKeysAtTheAlias(_ position: String) {
        let text = "name: shop\n" + Self.chain(fanOut: 2, depth: 3) + "t: &top [*a3]\n" + position
        let expected = Self.locations(of: "*top", in: text).last
        #expect(diagnose(text) == ["\(expected?.line ?? 0):\(expected?.column ?? 0): error: an alias may not be used as a mapping key"])
    }

    /// Lists and mappings as keys, which Yams would hash whole.
    @Test(arguments: ["? [a, b]\n: x\n", "m: { [a]: x }\n", "m: { { a: b }: x }\n", "? { a: *l }\n: x\n", "m: [ [a] : x ]\n"])
    func collectionsAsKeysAreRefused(_ position: String) {
        let text = "name: shop\nl: &l [1]\n" + position
        guard case .complexKey(let line, _) = YAMLPrescan(limit: 1000).scan(text) else {
            Issue.record("not refused: \(position)")
            return
        }
        #expect(line == 3)
    }

    /// Bombs in value positions, block and flow, with random shapes: refused at the alias
    /// where the expansion passes the limit, in one pass over the events.
    @Test(arguments: ["features: [*top, *top, *top]\n", "features:\n  - *top\n  - *top\n  - *top\n", "m: { a: *top, b: *top, c: *top }\n"])
    func bombsInValuesAreRefusedAtTheUse(_ use: String) {
        var generator = Generator(state: UInt64(use.utf8.count) * 7919)
        for _ in 0..<20 {
            let fanOut = Int.random(in: 2...10, using: &generator)
            let depth = Int.random(in: 1...6, using: &generator)
            let prefix = "name: shop\n" + Self.chain(fanOut: fanOut, depth: depth) + "t: &top [*a\(depth)]\n"
            guard case .fine(_, let before, _, _) = YAMLPrescan(limit: .max / 4, byteLimit: .max / 4).scan(prefix),
                case .fine(_, let withOne, _, _) = YAMLPrescan(limit: .max / 4, byteLimit: .max / 4).scan(prefix + "x: *top\n")
            else {
                Issue.record("\(fanOut)^\(depth) does not scan")
                continue
            }
            // The first use fits and the second passes the limit.
            let size = withOne - before - 1
            let limit = before + 4 + size + size / 2
            let text = prefix + use
            let uses = Self.locations(of: "*top", in: text)
            let clock = ContinuousClock()
            var outcome = YAMLPrescan.Outcome.syntaxError
            let elapsed = clock.measure { outcome = YAMLPrescan(limit: limit, byteLimit: .max / 4).scan(text) }
            #expect(outcome == .aliasExpansion(line: uses[1].line, column: uses[1].column), "\(fanOut)^\(depth)")
            #expect(elapsed < .seconds(1))
        }
    }

    /// The issue's bomb: 10^7 leaves behind a flow key took 3.3 s in Yams' duplicate check.
    @Test func theFlowKeyBombIsRefusedWithoutExpandingIt() {
        let text = "name: shop\n" + Self.chain(fanOut: 10, depth: 6) + "bomb: { *a6 : x }\n"
        let clock = ContinuousClock()
        var lines: [String] = []
        let elapsed = clock.measure { lines = diagnose(text) }
        #expect(lines == ["6:10: error: document expands to more than 20000 nodes through aliases; refusing to read it"])
        #expect(elapsed < .seconds(1))
        // With a limit it fits under, the key itself is refused.
        #expect(YAMLPrescan(limit: 100_000_000, byteLimit: .max / 4).scan(text) == .aliasKey(line: 9, column: 9))
    }

    /// A long string named by many aliases costs its length at every use.
    @Test(arguments: [1_000, 100_000, 1_000_000])
    func longStringsBehindManyAliasesAreRefused(length: Int) {
        let uses = YAMLLoader.Limits.maxExpandedBytes / length + 1
        let text = "s: &s \"" + String(repeating: "x", count: length) + "\"\nlist:\n" + String(repeating: "  - *s\n", count: uses)
        let outcome = YAMLPrescan(limit: .max / 4).scan(text)
        // The first line holds the string itself and each use adds its length once: the use
        // that passes the limit is the last but one.
        #expect(outcome == .aliasBytes(line: 1 + uses, column: 5))
        let fewer = "s: &s \"" + String(repeating: "x", count: length) + "\"\nlist:\n" + String(repeating: "  - *s\n", count: uses - 2)
        #expect(
            YAMLPrescan(limit: .max / 4, byteLimit: .max / 4).scan(fewer)
                == .fine(nodes: 5, expandedNodes: 5 + uses - 2, expandedBytes: length * (uses - 1) + 5, extraDocument: nil))
    }

    /// A big document is refused at the node that passes the limit, before anything is built.
    @Test(arguments: [10, 1_000, 20_000])
    func bigDocumentsAreRefusedAtTheNodePastTheLimit(limit: Int) {
        // The root list is node 1 and item i is node i + 1, at column 2i ("[a,a,…").
        let text = "[" + String(repeating: "a,", count: limit + 5) + "]\n"
        #expect(YAMLPrescan(limit: limit).scan(text) == .tooManyNodes(line: 1, column: 2 * limit))
        let fits = "[" + String(repeating: "a,", count: limit - 1) + "]\n"
        #expect(
            YAMLPrescan(limit: limit).scan(fits) == .fine(nodes: limit, expandedNodes: limit, expandedBytes: limit - 1, extraDocument: nil))
    }

    /// Random documents with anchors and aliases in value positions: the pre-pass's counts
    /// equal the nodes written and the tree Yams composes with every alias expanded.
    @Test func countsMatchTheComposedTree() throws {
        var generator = Generator(state: 42)
        for round in 0..<200 {
            var anchors: [String] = []
            var written = 0
            func node(_ depth: Int) -> String {
                let roll = Int.random(in: 0..<10, using: &generator)
                if roll < 2, let anchor = anchors.randomElement(using: &generator) { return "*\(anchor)" }
                written += 1
                let anchor = Int.random(in: 0..<4, using: &generator) == 0 ? "a\(round)x\(anchors.count)" : nil
                let prefix = anchor.map { "&\($0) " } ?? ""
                let text: String
                if depth > 3 || roll < 6 {
                    text = "s" + String(repeating: "y", count: Int.random(in: 0..<5, using: &generator))
                } else if roll < 8 {
                    text = "[" + (0..<Int.random(in: 0..<4, using: &generator)).map { _ in node(depth + 1) }.joined(separator: ", ") + "]"
                } else {
                    let pairs = (0..<Int.random(in: 0..<4, using: &generator)).map { index -> String in
                        written += 1
                        return "k\(index): " + node(depth + 1)
                    }
                    text = "{" + pairs.joined(separator: ", ") + "}"
                }
                // An anchor becomes usable once its node is complete.
                if let anchor { anchors.append(anchor) }
                return prefix + text
            }
            let text = node(0) + "\n"
            let root = try #require(try Parser(yaml: text).nextRoot(), "\(text)")
            func expanded(_ node: Node) -> (nodes: Int, bytes: Int) {
                switch node {
                case .scalar(let scalar): return (1, scalar.string.utf8.count)
                case .sequence(let sequence):
                    return sequence.map(expanded).reduce((1, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
                case .mapping(let mapping):
                    return mapping.map { pair in
                        let (key, value) = (expanded(pair.key), expanded(pair.value))
                        return (key.nodes + value.nodes, key.bytes + value.bytes)
                    }.reduce((1, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
                case .alias: return (1, 0)
                }
            }
            let tree = expanded(root)
            #expect(
                YAMLPrescan(limit: .max / 4, byteLimit: .max / 4).scan(text)
                    == .fine(nodes: written, expandedNodes: tree.nodes, expandedBytes: tree.bytes, extraDocument: nil), "\(text)")
        }
    }

    /// Only the first document is composed: a bomb in a second one costs nothing.
    @Test func laterDocumentsAreNeverComposed() {
        let text = "name: shop\n---\n" + Self.chain(fanOut: 10, depth: 9) + "features: *a9\n"
        let lines = diagnose(text)
        #expect(lines == ["2:1: warning: only the first YAML document in a file is read; the one starting here is ignored"])
    }
}
