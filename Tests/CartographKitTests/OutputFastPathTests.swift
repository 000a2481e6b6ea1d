import CartographInput
import CartographModel
import CartographTestSupport
import Testing

@testable import CartographKit
@testable import CartographRender

/// The site's last serial steps take shortcuts: a path already in normal form is kept as it
/// is, and the search index escapes JSON over UTF-8 bytes. Each must give what the general
/// path gives, on generated input.
@Suite("Output fast paths")
struct OutputFastPathTests {
    /// Paths made of `a`, `.`, `..`, `...`, empty segments and slashes, leading and
    /// trailing: the shortcut and the segment-by-segment walk agree on every one.
    @Test func normalPathsAreWhatTheSegmentWalkGives() {
        var random = SplitMix64(seed: 12)
        let parts = ["a", "bc", ".", "..", "...", ".a", "a.", "", "/", "//"]
        var differ: [String] = []
        for _ in 0..<50_000 {
            let path = (0..<Int.random(in: 0...6, using: &random)).map { _ in parts.randomElement(using: &random) ?? "" }
                .joined(separator: Bool.random(using: &random) ? "/" : "")
            if OutputSet.normalized(path) != OutputSet.normalizedBySegments(path) { differ.append(path) }
        }
        #expect(differ.count == 0, "first: \(differ.prefix(5))")
        #expect(OutputSet.normalized("site/apps/web/index.html") == "site/apps/web/index.html")
        #expect(OutputSet.normalized("/abs/x") == "/abs/x")
    }

    /// Spec patterns with and without `**`, against paths of empty, `.`, non-ASCII and
    /// combining-slash segments: counting segments on bytes first finds the pattern that
    /// splitting every path finds.
    @Test func specPatternByCountIsWhatSplittingFinds() {
        var random = SplitMix64(seed: 31)
        let segments = ["a", "*", "*.yaml", "**", "?", "x.yaml", "é", ".", "", "/\u{301}", "b\u{301}"]
        var differ: [String] = []
        var skipped = 0
        for _ in 0..<20_000 {
            let patterns = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                let pattern = (0..<Int.random(in: 0...4, using: &random)).map { _ in segments.randomElement(using: &random) ?? "" }
                    .joined(separator: "/")
                return (pattern, ProjectPath.normalized(pattern).split(separator: "/").map(String.init))
            }
            let path = (0..<Int.random(in: 0...5, using: &random)).map { _ in segments.randomElement(using: &random) ?? "" }
                .joined(separator: Bool.random(using: &random) ? "/" : "//")
            let parts = path.split(separator: "/").map(String.init)
            let expected = patterns.first { Glob.matches($0.1[...], parts[...]) }?.0
            if OutputPlan.pattern(in: patterns, matching: path) != expected { differ.append(path) }
            if let count = OutputPlan.asciiSegmentCount(path) {
                if count != parts.count { differ.append("count of \(path)") }
                skipped += 1
            }
        }
        #expect(differ.isEmpty, "first: \(differ.prefix(5))")
        #expect(skipped > 5_000, "the byte count is taken")
    }

    /// Site folders and site paths of ASCII and beyond, in any order, against patterns with
    /// and without `**`: the site path reported is the first in sorted order that a pattern
    /// matches, with the first pattern that matches it, as when every path was sorted and
    /// joined to the folder to be looked at.
    @Test func firstSpecMatchOfTheSiteIsTheFirstOfTheSortedPaths() {
        var random = SplitMix64(seed: 44)
        let segments = ["site", "a", "*", "*.yaml", "**", "x.yaml", "index.html", "é", ".", "", "b\u{301}"]
        func path(_ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &random)).map { _ in segments.randomElement(using: &random) ?? "" }
                .joined(separator: Bool.random(using: &random) ? "/" : "//")
        }
        var differ: [String] = []
        var found = 0
        for _ in 0..<5_000 {
            let patterns = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                let pattern = path(1...4)
                return (pattern: pattern, segments: ProjectPath.normalized(pattern).split(separator: "/").map(String.init))
            }
            let site = path(1...2)
            let sitePaths = Set((0..<Int.random(in: 0...12, using: &random)).map { _ in path(1...3) })
            let expected = sitePaths.sorted().lazy.compactMap { sitePath in
                OutputPlan.pattern(in: patterns, matching: site + "/" + sitePath).map { (sitePath, $0) }
            }.first
            let got = OutputPlan.firstSpecMatch(sitePaths.map { $0[...] }, site: site, patterns: patterns)
            if got?.path != expected?.0 || got?.pattern != expected?.1 { differ.append("\(site) \(sitePaths) \(patterns.map(\.pattern))") }
            if got != nil { found += 1 }
        }
        #expect(differ.isEmpty, "first: \(differ.prefix(3))")
        #expect(found > 500, "patterns match often enough to tell")
    }

    /// Sets of paths spelled many ways (`./`, `//`, `..`), some the same file, some the same
    /// spelling: the site's set with the others' added before it holds what adding the site's
    /// files one by one after the others' gives, bytes, collisions and later writes alike.
    @Test func theSiteAddedAfterTheOthersIsTheSiteAddedOneByOne() {
        var random = SplitMix64(seed: 5)
        let parts = ["site", "a", "b", ".", "..", "", "index.html"]
        func path() -> String {
            (0..<Int.random(in: 1...4, using: &random)).map { _ in parts.randomElement(using: &random) ?? "" }.joined(separator: "/")
        }
        var collided = 0
        for _ in 0..<5_000 {
            var site = OutputSet()
            for index in 0..<Int.random(in: 0...10, using: &random) { site.add(path(), bytes: [UInt8(index)]) }
            var others = OutputSet()
            for index in 0..<Int.random(in: 0...4, using: &random) { others.add(path(), bytes: [UInt8(100 + index)]) }
            var expected = others
            for (path, bytes) in site.files where expected.files[path] == nil { expected.add(path, bytes: bytes) }
            let merged = site.addedAfter(others)
            #expect(merged.files == expected.files)
            #expect(merged.collisions.count == expected.collisions.count)
            // The later writes came in the site's order of hashing; they are sorted now.
            let early = others.collisions.count
            #expect(merged.collisions.prefix(early) == expected.collisions.prefix(early))
            #expect(merged.collisions.dropFirst(early).sorted() == expected.collisions.dropFirst(early).sorted())
            // Both know every file written, so a next path collides alike.
            let next = path()
            var one = merged
            var other = expected
            one.add(next, bytes: [])
            other.add(next, bytes: [])
            #expect(one.collisions.count - merged.collisions.count == other.collisions.count - expected.collisions.count)
            if expected.collisions.count > early { collided += 1 }
        }
        #expect(collided > 300, "the site and the others collide often enough to tell")
    }

    /// Output paths and site folders of ASCII, CR LF, a Kelvin sign (which equals `K`),
    /// combining marks after the slash and `é` both ways: the byte pass takes a path from the
    /// site folder where dropping Characters takes it, and the same path.
    @Test func sitePathOnBytesIsTheSitePathByCharacters() {
        var random = SplitMix64(seed: 19)
        let parts = ["site", "K", "\u{212A}", "a", "/", "\u{301}", "é", "e\u{301}", "\r", "\n", ".", "index.html", ""]
        func text(_ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &random)).map { _ in parts.randomElement(using: &random) ?? "" }.joined()
        }
        var differ: [String] = []
        var inSite = 0
        for _ in 0..<30_000 {
            let prefix = text(0...3)
            let path = Bool.random(using: &random) ? prefix + "/" + text(0...4) : text(0...6)
            let expected = OutputSet.sitePathByCharacters(path, prefix: prefix)
            if OutputSet.sitePath(path, prefix: prefix, slashed: prefix + "/") != expected {
                differ.append("\(prefix.debugDescription) \(path.debugDescription)")
            }
            if expected != nil { inSite += 1 }
        }
        #expect(differ.isEmpty, "first: \(differ.prefix(5))")
        #expect(inSite > 10_000)
    }

    /// Resolved paths of ASCII, `/` alone, empty, CR LF and slashes doubled: comparing bytes
    /// finds the overlaps that comparing Characters finds.
    @Test func asciiOverlapsAreTheOverlapsOfCharacters() {
        var random = SplitMix64(seed: 23)
        let parts = ["/", "a", "b", "site", "\r", "\n", "\r\n", "//", ""]
        func path() -> String {
            (0..<Int.random(in: 0...4, using: &random)).map { _ in parts.randomElement(using: &random) ?? "" }.joined()
        }
        var differ: [String] = []
        var overlapping = 0
        for _ in 0..<30_000 {
            let (a, b) = (path(), path())
            let expected = ProjectPath.overlaps(a, b)
            if OutputPlan.asciiOverlaps(a, b) != expected { differ.append("\(a.debugDescription) \(b.debugDescription)") }
            if expected { overlapping += 1 }
        }
        #expect(differ.isEmpty, "first: \(differ.prefix(5))")
        #expect(overlapping > 3_000)
    }

    /// Strings of ASCII, controls, the characters a script must not see raw, multi-byte
    /// scalars and U+2028/U+2029 (and their neighbours U+2027, U+202A): the byte escaper
    /// writes what a scalar-by-scalar escaper writes.
    @Test func jsonOverBytesIsTheScalarEscape() {
        var random = SplitMix64(seed: 7)
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "<", ">", "&", "/", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "é",
            "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "日", "🙂", "\u{E2}", "\u{FEFF}",
        ]
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                text.append(pool.randomElement(using: &random) ?? "a")
            }
            let value = String(text)
            #expect(SearchIndex.json(value) == Self.scalarJSON(value), "\(Array(value.unicodeScalars))")
        }
    }

    /// The escape as it was written first, a scalar at a time.
    static func scalarJSON(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
