package import CartographInput
package import CartographKit
package import CartographModel
package import CartographRender
import Foundation

/// Malformed variants of a document whose env values are canaries: the ways a spec gets
/// broken around its env values (a syntax error on a value line, a duplicate or
/// mis-indented `value:`, a tab, a database block under `envs:`, flow-style envs with unknown
/// keys, unterminated quotes, truncation, doubled lines, …). The same seed gives the same
/// variants, so a failure names a variant that can be made again.
package enum MalformedVariants {
    /// One malformed document, named by what was done to it ("tab-indent@12").
    package struct Variant: Sendable {
        package var name: String
        package var text: String
    }

    /// Every family of variants for the env value at `site`, plus truncations and doubled
    /// lines chosen by `seed`.
    package static func all(of canaried: Canary.Canaried, seed: UInt64) -> [Variant] {
        var variants: [Variant] = []
        var random = SplitMix64(seed: seed)
        for (index, site) in canaried.sites.enumerated() {
            variants += around(site, in: canaried.text, numeric: Canary.number(index + 1))
        }
        variants += whole(canaried, random: &random)
        return variants
    }

    /// A deterministic choice of at most `count` variants, covering every family before
    /// repeating one: for sweeps that must stay quick.
    package static func sample(of canaried: Canary.Canaried, seed: UInt64, count: Int) -> [Variant] {
        let variants = all(of: canaried, seed: seed)
        guard variants.count > count else { return variants }
        var byFamily: [String: [Variant]] = [:]
        var families: [String] = []
        for variant in variants {
            let family = String(variant.name.prefix { $0 != "@" })
            if byFamily[family] == nil { families.append(family) }
            byFamily[family, default: []].append(variant)
        }
        var random = SplitMix64(seed: seed ^ 0x5EED)
        // Families in an order of the seed's own, so that sweeps over many inputs cover all.
        families.shuffle(using: &random)
        for family in families { byFamily[family]?.shuffle(using: &random) }
        var chosen: [Variant] = []
        var round = 0
        while chosen.count < count {
            var added = false
            for family in families {
                guard let list = byFamily[family], round < list.count, chosen.count < count else { continue }
                chosen.append(list[round])
                added = true
            }
            if !added { break }
            round += 1
        }
        return chosen
    }

    // MARK: Around one env value

    /// The variants that break the document at one env value.
    package static func around(_ site: Canary.Site, in text: String, numeric: String) -> [Variant] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let l = site.line - 1
        guard lines.indices.contains(l) else { return [] }
        let valueLine = lines[l]
        let valueIndent = indentation(valueLine)
        let scalars = Array(valueLine.unicodeScalars)
        let valueStart = min(site.column - 1, scalars.count)
        let head = String(String.UnicodeScalarView(scalars[..<valueStart]))
        let value = String(String.UnicodeScalarView(scalars[valueStart...]))
        let keyIndent = site.keyColumn - 1
        let itemIndent = site.itemColumn - 1
        let dashIndent = max(0, itemIndent - 2)
        let itemLine = site.itemLine - 1
        let isFlow = head.contains("{")
        let at = "@\(site.line)"
        var variants: [Variant] = []

        func variant(_ name: String, _ make: (inout [String]) -> Void) {
            var copy = lines
            make(&copy)
            variants.append(Variant(name: name + at, text: copy.joined(separator: "\n")))
        }
        func onValueLine(_ name: String, _ newLine: String) {
            variant(name) { $0[l] = newLine }
        }

        // A syntax error on the value line itself.
        onValueLine("syntax-colon", head + value + ": x")
        onValueLine("syntax-open-double-quote", head + "\"" + value.drop { $0 == "\"" || $0 == "'" })
        onValueLine("syntax-open-single-quote", head + "'" + value.drop { $0 == "\"" || $0 == "'" })
        onValueLine("syntax-open-bracket", head + "[" + value)
        onValueLine("syntax-open-brace", head + "{" + value)
        onValueLine("syntax-stray-bracket", head + value + " ]")
        onValueLine("syntax-reserved-indicator", head + "@" + value)
        onValueLine("syntax-trailing-text", head + "\"" + value.drop { $0 == "\"" || $0 == "'" } + "\" trailing")
        onValueLine("syntax-undefined-alias", head + "*" + value.drop { $0 == "\"" || $0 == "'" })
        onValueLine("syntax-bad-tag", head + "!<" + value)
        onValueLine("syntax-block-header", head + "|" + value)
        onValueLine("syntax-sequence-entry", head + "- " + value)
        onValueLine("syntax-control-character", head + value + "\u{7}")
        onValueLine("syntax-nul", head + value + "\u{0}")
        onValueLine("syntax-bad-escape", head + "\"\\q" + value.drop { $0 == "\"" || $0 == "'" })

        // The same value line twice: a duplicate `value:`, with the same or another value.
        variant("duplicate-value") { $0.insert(valueLine, at: l + 1) }
        variant("duplicate-value-other") {
            $0.insert(valueLine.replacingOccurrences(of: Canary.marker, with: Canary.marker + "2"), at: l + 1)
        }

        // Tabs in the indentation.
        onValueLine("tab-indent", "\t" + valueLine.drop { $0 == " " })
        onValueLine("tab-in-indent", String(repeating: " ", count: max(0, valueIndent - 1)) + "\t" + valueLine.drop { $0 == " " })
        variant("tab-before-item") { $0[itemLine] = "\t" + $0[itemLine] }
        onValueLine("tab-after-key", valueLine.replacingOccurrences(of: "value:", with: "value:\t"))

        // Mis-indented values.
        if !isFlow {
            for shift in Set([1, 2, 4, valueIndent]).sorted() where shift <= valueIndent && shift > 0 {
                onValueLine("dedent-\(shift)", String(valueLine.dropFirst(shift)))
            }
            for shift in [1, 3] { onValueLine("indent-\(shift)", String(repeating: " ", count: shift) + valueLine) }
            onValueLine("nbsp-indent", String(repeating: "\u{A0}", count: valueIndent) + valueLine.drop { $0 == " " })
            // The key lost: the value folds into the line above, or stands alone.
            onValueLine("lost-key-deeper", String(repeating: " ", count: keyIndent + 2) + value)
            onValueLine("lost-key-same", String(repeating: " ", count: keyIndent) + value)
            onValueLine("lost-key-left", value)
            // Spellings of `value` and `envs`.
            for spelling in ["vaule", "Value", "VALUE", "\"value\"", "value "] {
                onValueLine(
                    "value-spelled-\(spelling.filter(\.isLetter))", valueLine.replacingOccurrences(of: "value:", with: spelling + ":"))
            }
        }
        if let envsLine = lines[..<l].lastIndex(where: { $0.contains("envs") }) {
            for spelling in ["env", "Envs", "ENVS", "environment", "envs "] {
                variant("envs-spelled-\(spelling.filter(\.isLetter))") {
                    $0[envsLine] = $0[envsLine].replacingOccurrences(of: "envs", with: spelling)
                }
            }
        }

        // Values of the wrong type.
        onValueLine("numeric-value", head + numeric)
        onValueLine("flow-list-value", head + "[" + value + ", x]")
        onValueLine("flow-mapping-value", head + "{ inner: " + value + " }")
        onValueLine("mapping-key-value", head + value + ": 1")
        if !isFlow {
            variant("block-list-value") {
                $0[l] = head
                $0.insert(String(repeating: " ", count: keyIndent + 2) + "- " + value, at: l + 1)
            }
            variant("block-mapping-value") {
                $0[l] = head
                $0.insert(String(repeating: " ", count: keyIndent + 2) + value + ": x", at: l + 1)
            }
            // Block scalars, well and badly indented.
            variant("block-scalar-dedented") {
                $0[l] = head + "|"
                $0.insert(String(repeating: " ", count: keyIndent + 2) + value, at: l + 1)
                $0.insert(String(repeating: " ", count: keyIndent + 1) + value + "b", at: l + 2)
            }
            variant("block-scalar-indicator") {
                $0[l] = head + ">2-"
                $0.insert(String(repeating: " ", count: keyIndent + 2) + value, at: l + 1)
                $0.insert(String(repeating: " ", count: keyIndent + 5) + value + "c", at: l + 2)
            }
            variant("block-scalar-tab") {
                $0[l] = head + "|"
                $0.insert(String(repeating: " ", count: keyIndent + 2) + "\t" + value, at: l + 1)
            }
            variant("multi-line-quote") {
                $0[l] = head + "\"" + value.drop { $0 == "\"" || $0 == "'" }
                $0.insert(String(value.drop { $0 == "\"" || $0 == "'" }) + "d\" oops", at: l + 1)
            }
            variant("plain-continuation-dedented") {
                $0.insert(String(repeating: " ", count: max(0, itemIndent - 1)) + value + "e", at: l + 1)
            }
        }

        // A database block under `envs:`, between items and inside the item.
        let dash = String(repeating: " ", count: dashIndent)
        variant("database-under-envs") {
            $0.insert(contentsOf: [dash + "- name: db", dash + "  engine: PG", dash + "  production: true"], at: itemLine)
        }
        variant("database-in-env-item") {
            let pad = String(repeating: " ", count: keyIndent)
            $0.insert(contentsOf: [pad + "databases:", pad + "  - name: db", pad + "    engine: PG"], at: l + 1)
        }
        variant("database-keys-in-env-item") {
            let pad = String(repeating: " ", count: keyIndent)
            $0.insert(contentsOf: [pad + "engine: PG", pad + "num_nodes: 99999"], at: l + 1)
        }

        // Unknown keys and bad fields in the env item.
        variant("unknown-key-after-value") {
            $0.insert(String(repeating: " ", count: keyIndent) + "scop: RUN_TIME", at: l + 1)
        }
        variant("invalid-scope-after-value") {
            $0.insert(String(repeating: " ", count: keyIndent) + "scope: " + value, at: l + 1)
        }
        variant("unterminated-key-quote") {
            $0[itemLine] = $0[itemLine].replacingOccurrences(of: "key: ", with: "key: \"")
        }
        variant("anchored-value") {
            $0[l] = head + "&v " + value
            $0.append("x-reuse: *v")
        }
        variant("value-behind-alias") {
            $0[l] = head + "*secret"
            $0.insert("x-secret: &secret " + value, at: 0)
        }
        variant("commented-value") {
            $0.insert(String(repeating: " ", count: keyIndent) + "# value: " + value + "z", at: l + 1)
            $0.insert("key: [", at: l + 2)
        }

        // The env item in flow style, with an unknown key, a bad scope, a key without value.
        if let key = site.envKey, !isFlow, lines.indices.contains(itemLine), itemLine <= l,
            lines[itemLine].trimmingCharacters(in: .whitespaces).hasPrefix("-")
        {
            let end = itemEnd(lines, from: itemLine, dashIndent: dashIndent)
            let bare = value.drop { $0 == "\"" || $0 == "'" }.prefix { $0 != "\"" && $0 != "'" }
            for (name, extra) in [
                ("unknown", "scop: RUN_TIME"), ("scope", "scope: SOMETIMES"), ("null-key", "bogus"), ("value-key", String(bare)),
            ] {
                variant("flow-env-\(name)") {
                    $0.replaceSubrange(itemLine..<end, with: [dash + "- { key: \(key), value: \(bare), \(extra) }"])
                }
            }
            variant("flow-env-multiline") {
                $0.replaceSubrange(itemLine..<end, with: [dash + "- { key: \(key),", dash + "    value: \(bare), oops: [1 }"])
            }
            variant("env-item-as-string") {
                $0.replaceSubrange(itemLine..<end, with: [dash + "- \(key)=\(bare)"])
            }
            variant("env-item-dedented") {
                for index in itemLine..<end { $0[index] = String($0[index].dropFirst(min(2, indentation($0[index])))) }
            }
            variant("env-item-as-pair") {
                $0.replaceSubrange(itemLine..<end, with: [dash + "  \(key): \(bare)"])
            }
        }
        return variants
    }

    /// The line after an env item's last (the next line at or left of its dash).
    static func itemEnd(_ lines: [String], from start: Int, dashIndent: Int) -> Int {
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, indentation(line) <= dashIndent { break }
            end += 1
        }
        return end
    }

    // MARK: Whole document

    /// Variants of the whole document: line endings, truncations and doubled lines.
    static func whole(_ canaried: Canary.Canaried, random: inout SplitMix64) -> [Variant] {
        let text = canaried.text
        var variants: [Variant] = [
            Variant(name: "crlf", text: text.replacingOccurrences(of: "\n", with: "\r\n")),
            Variant(name: "cr", text: text.replacingOccurrences(of: "\n", with: "\r")),
            Variant(name: "bom", text: "\u{FEFF}" + text),
            Variant(name: "line-separators", text: text.replacingOccurrences(of: "\n", with: "\u{2028}")),
        ]
        let scalars = Array(text.unicodeScalars)
        var cuts: [Int] = []
        for canary in canaried.canaries.prefix(3) {
            if let range = text.range(of: canary) {
                let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
                cuts += [offset + 6, offset - 2]
            }
        }
        for _ in 0..<4 where !scalars.isEmpty { cuts.append(Int(random.next() % UInt64(scalars.count))) }
        for cut in cuts where cut > 0 && cut < scalars.count {
            variants.append(Variant(name: "truncate@\(cut)", text: String(String.UnicodeScalarView(scalars[..<cut]))))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var doubled = canaried.sites.prefix(2).flatMap { [$0.line - 2, $0.line] }
        for _ in 0..<3 where !lines.isEmpty { doubled.append(Int(random.next() % UInt64(lines.count))) }
        for index in doubled where lines.indices.contains(index) {
            var copy = lines
            copy.insert(lines[index], at: index + 1)
            variants.append(Variant(name: "doubled-line@\(index + 1)", text: copy.joined(separator: "\n")))
        }
        return variants
    }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
}

/// A small seeded generator (SplitMix64): the same seed gives the same variants on every
/// platform, which the standard library's generator does not promise.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
