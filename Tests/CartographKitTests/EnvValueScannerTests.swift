import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// The lines of `text` that are never quoted under a diagnostic (1-based).
func markedLines(_ text: String) -> [Int] {
    let source = SourceText(text)
    return source.lineCount == 0 ? [] : (1...source.lineCount).filter { source.mayHoldEnvValue(line: $0) }
}

@Suite("Lines that may hold an env value, from the bytes")
struct EnvValueScannerTests {
    @Test func blockEnvsAtEveryLevelAndNothingElse() {
        let spec = """
            name: shop
            envs:
              - key: A
                value: one
                scope: RUN_TIME
            services:
              - name: web
                envs:
                - key: B
                  value: |
                    two
                    three
                instance_count: 1
              - envs:
                  - key: C
                    value: four
                name: api
            region: sgp
            """
        #expect(markedLines(spec) == [2, 3, 4, 5, 8, 9, 10, 11, 12, 14, 15, 16])
    }

    @Test func aSyntaxErrorOnAValueLineMarksTheLineAndWhatAQuoteSwallows() {
        #expect(markedLines("name: shop\nenvs:\n  - key: A\n    value: one: two\nregion: sgp\n") == [2, 3, 4])
        // An unterminated quote may run to the end of the file.
        #expect(markedLines("name: shop\nenvs:\n  - key: A\n    value: \"one\nregion: sgp\nfeatures: []\n") == [2, 3, 4, 5, 6])
        #expect(markedLines("name: shop\nenvs:\n  - key: A\n    value: 'it''s\n  two'\nregion: sgp\n") == [2, 3, 4, 5])
    }

    @Test func aDuplicateValueIsMarkedWherever() {
        #expect(markedLines("envs:\n  - key: A\n    value: one\n    value: two\nregion: sgp\n") == [1, 2, 3, 4])
    }

    @Test func aTabInTheIndentationIsMarkedAndDoesNotEndTheEnvs() {
        #expect(markedLines("envs:\n  - key: A\n\t  value: one\n    scope: RUN_TIME\nregion: sgp\n") == [1, 2, 3, 4])
        #expect(markedLines("name: shop\n\tregion: sgp\nfeatures: []\n") == [2], "a line nothing can place")
    }

    @Test func aDatabaseBlockUnderEnvs() {
        let spec = """
            services:
              - name: web
                envs:
                  - key: A
                    value: one
                  - name: db
                    engine: PG
                    value: two
                  databases:
                    - name: db2
                instance_count: 1
            """
        #expect(markedLines(spec) == [3, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test func aMisIndentedValueOutsideTheEnvsIsStillMarked() {
        let spec = """
            services:
              - name: web
                envs:
                  - key: A
                value: one
                instance_count: 1
            Value: two
            vaule: three
            """
        #expect(markedLines(spec) == [3, 4, 5, 7, 8])
    }

    @Test func flowStyleEnvsOnOneLineAndOverMany() {
        #expect(markedLines("name: shop\nenvs:\n  - { key: A, value: one, scope: X }\nregion: sgp\n") == [2, 3])
        #expect(markedLines("name: shop\nenvs: [{ key: A, value: one, scop: X }]\nregion: sgp\n") == [2])
        let spread = """
            name: shop
            services: [{ name: web, envs: [ { key: A,
            value: one },
                { key: B, value:
            two } ] },
            { name: api }]
            region: sgp
            """
        #expect(markedLines(spread) == [2, 3, 4, 5])
        #expect(markedLines("envs: [ { key: A, value: one\nregion: sgp\nname: x\n") == [1, 2, 3], "an unterminated flow collection")
    }

    @Test func specWrappersAndDoctlJSON() {
        #expect(markedLines("spec:\n  name: shop\n  envs:\n  - key: A\n    value: one\n  region: sgp\n") == [3, 4, 5])
        let doctl = """
            [
              {
                "spec": {
                  "name": "shop",
                  "envs": [
                    {
                      "key": "A",
                      "value": "one"
                    }
                  ],
                  "region": "nyc"
                },
                "live_url": "https://shop.example.com"
              }
            ]
            """
        #expect(markedLines(doctl) == [5, 6, 7, 8, 9, 10])
        let minified = #"[{"spec":{"name":"shop","envs":[{"key":"A","value":"one"}]}}]"#
        #expect(markedLines(minified) == [1])
        #expect(markedLines(#"{"env\u0073": [1,"# + "\n2],\n\"name\": \"x\"}\n") == [1, 2], "an escaped key could be envs")
        #expect(markedLines("\u{FEFF}envs:\n  - key: A\n    value: one\nname: x\n") == [1, 2, 3], "behind a byte order mark")
        #expect(markedLines("name: x\n\u{A0}\u{A0}value: one\nregion: sgp\n") == [2], "behind no-break spaces")
    }

    @Test func blockScalarsWithIndicatorsAndComments() {
        let spec = """
            envs:
              - key: A   # the token
                value: |2-
                    one
                  two

                scope: RUN_TIME
            # value: an old one
            # Database configuration
            region: sgp
            run_command: |
              echo "it's [
            name: x
            """
        // Comments belong to the envs until a line of content ends them.
        #expect(markedLines(spec) == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(markedLines("name: x\n# Database configuration\n# value: old\nregion: sgp\n") == [3])
    }

    @Test func lineEndingsAsLibyamlCountsThem() {
        let lines = ["name: shop", "envs:", "  - key: A", "    value: one", "region: sgp"]
        for separator in ["\r\n", "\r", "\u{85}", "\u{2028}"] {
            #expect(markedLines(lines.joined(separator: separator)) == [2, 3, 4], "\(separator.unicodeScalars.map(\.value))")
        }
        let source = SourceText(lines.joined(separator: "\r\n") + "\r\n")
        #expect(source.lineCount == 5)
        #expect(source.line(5) == "region: sgp")
        #expect(source.line(1) == "name: shop")
        #expect(source.line(6) == nil)
    }

    @Test func linesNothingPlacesAreMarked() {
        // A plain scalar's continuation dedented out of the value, text that belongs
        // nowhere, an explicit key.
        #expect(markedLines("name: x\nenvs:\n  - key: A\n    value: one\ntwo-continued\nregion: sgp\n") == [2, 3, 4, 5])
        #expect(markedLines("name: x\nrun_command: echo\n  continued\nstray words\nregion: sgp\n") == [3, 4])
        #expect(markedLines("name: x\n? envs\n: [1]\nregion: sgp\n") == [2, 3])
    }

    @Test func anAliasInEnvsMarksTheAnchoredNodes() {
        let spec = """
            x-secrets: &token one
            x-other: &list
              - two
            name: shop
            envs:
              - key: A
                value: *token
            region: sgp
            """
        #expect(markedLines(spec) == [1, 2, 3, 5, 6, 7])
        #expect(markedLines("x: &a one\nname: shop\nregion: *a\n") == [], "aliases outside env values mark nothing")
    }

    @Test func anOrdinarySpecKeepsEverythingButItsEnvsQuotable() throws {
        let url = repositoryRoot.appending(path: "content/apps/superset-analytics.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for number in markedLines(text) {
            let line = lines[number - 1]
            let isEnvLine =
                ["envs:", "- key:", "value:", "scope:", "type:"].contains { line.contains($0) }
                || line.trimmingCharacters(in: .whitespaces).isEmpty
            #expect(isEnvLine, "line \(number) is marked: \(line)")
        }
        #expect(markedLines(text).count < lines.count / 2)
    }

    @Test func aMarkdownPageIsReadAsYAMLOnlyInItsFrontMatter() {
        let page = "---\ntitle: Runbook\nvalue: one\n---\n# Rotate the token\n\nvalue: shown on the site anyway\n\tcode\n"
        let source = SourceText(page, isMarkdown: true)
        #expect((1...source.lineCount).filter { source.mayHoldEnvValue(line: $0) } == [3])
        var cache = SourceCache()
        cache.record(page, for: "pages/runbook.md")
        cache.record(page, for: "status.yaml")
        #expect(cache.line(5, of: "pages/runbook.md") == "# Rotate the token")
        #expect(cache.line(3, of: "pages/runbook.md") == nil)
        #expect(cache.line(7, of: "pages/runbook.md") == "value: shown on the site anyway")
        #expect(cache.line(7, of: "status.yaml") == nil)
        #expect(cache.line(8, of: "status.yaml") == nil)
    }

    @Test func longAndHostileInputsScanInLinearTime() {
        let clock = ContinuousClock()
        let inputs = [
            String(repeating: "value: x\n", count: 50_000),
            String(repeating: "[", count: 200_000),
            String(repeating: " ", count: 3000) + String(repeating: "- value: x, envs: y, ", count: 20_000),
            (0..<2000).map { String(repeating: " ", count: 2000 - $0) + "value: x" }.joined(separator: "\n"),
        ]
        for input in inputs {
            let start = clock.now
            _ = markedLines(input)
            #expect(clock.now - start < .seconds(5))
        }
    }
}
