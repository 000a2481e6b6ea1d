import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// The Markdown map read by any renderer — GitHub, GitLab, an editor's preview — shows what
/// the site shows: a value is text (never a link, a tag or a comment), and a page's raw HTML
/// is gone unless `allow_raw_html` keeps it.
@Suite("Markdown map safety")
struct MarkdownSafetyTests {
    /// What a hostile value might carry; `ID` becomes the field's own tag, so each field
    /// can be found in the output.
    static let payloads = [
        "<https://evil.example/ID>", "see https://evil.example/ID now", "www.evil.example/ID", "<script>alert('ID')</script>",
        "<!-- ID -->", "<img src=x onerror=alert('ID')>", "[ID](javascript:alert(1))", "<a href=\"https://evil.example/ID\">x</a>",
        "<!-- cartograph:end --> ID", "```\n<b>ID</b>\n```", "HTTP://evil.example/ID", "<details open>ID",
    ]

    /// A project where every text field of the config and the status file — the ones a
    /// team writes by hand — carries `payload`, tagged by field.
    static func project(_ payload: String, allowRawHTML: Bool = false) throws -> URL {
        var count = 0
        func v(_ name: String) -> String {
            count += 1
            let text = payload.replacingOccurrences(of: "ID", with: "f\(count)x")
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\"\(escaped)\""
        }
        let folder = try temporaryFolder()
        let config = """
            title: \(v("title"))
            environment: \(v("environment"))
            platform: \(v("platform"))
            updated: 2025-01-02
            specs: [apps/*.yaml]
            status: status.yaml
            pages: pages
            allow_raw_html: \(allowRawHTML)
            scenarios:
              - { name: \(v("scenario")), description: \(v("description")), trade_off: \(v("trade_off")), apps: [web-app], size: basic-xxs }
            external:
              - name: \(v("external"))
                kind: \(v("kind"))
                endpoint: \(v("endpoint"))
                region: \(v("region"))
                project: \(v("project"))
                url: \(v("url"))
                cost: \(v("cost"))
                status: \(v("ext-status"))
                usage: [\(v("usage"))]
                details: [{ label: \(v("label")), value: \(v("value")) }]

            """
        let status = """
            verified: 2025-01-02
            map_status: \(v("map_status"))
            next_review: \(v("next_review"))
            apps:
              web-app:
                status: degraded
                status_note: \(v("status_note"))
                note: \(v("note"))
                notes: [\(v("notes"))]
                url: \(v("app-url"))
                endpoint_type: \(v("endpoint_type"))
                endpoint_label: \(v("endpoint_label"))
                static_ips: [203.0.113.7]
                stack: \(v("stack"))
                buildpacks: [\(v("buildpacks"))]
                deployment: { commit: \(v("commit")), date: 2025-01-01, build_time: \(v("build_time")), cause: \(v("cause")) }
                health_observed: \(v("health_observed"))
                spec_path: \(v("spec_path"))
                deploy_script: \(v("deploy_script"))
                domain: { name: \(v("domain")), provider: \(v("provider")), current: \(v("current")), planned: \(v("planned")) }
                details: [{ label: \(v("detail-label")), value: \(v("detail-value")) }]
                components:
                  web: { status: running, cpu: \(v("cpu")), memory: \(v("memory")), purpose: \(v("purpose")) }
                features: [\(v("features"))]
                checklist: [{ item: \(v("item")), state: pending, note: \(v("item-note")) }]
                questions: [\(v("app-question"))]
              ghost-app:
                status: unverified
                note: \(v("ghost-note"))
                estimated_monthly_cost: 3
            questions: [\(v("question"))]
            verify: [{ comment: \(v("comment")), command: \(v("command")) }]
            alerting: [{ item: \(v("alert")), state: pending, note: \(v("alert-note")) }]

            """
        let page = """
            ---
            title: \(v("page-title"))
            weight: 40
            ---
            Text before. \(payload.replacingOccurrences(of: "ID", with: "body1x")) text after.

            \(payload.replacingOccurrences(of: "ID", with: "body2x"))

            - item <b>body3x</b> and
              <i>body4x</i> continued
            > quoted <span title="body5x">body6x</span>

            | a | b |
            |---|---|
            | <em>body7x</em> | plain |

            """
        try config.write(to: folder.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
        try status.write(to: folder.appending(path: "status.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appending(path: "apps"), withIntermediateDirectories: true)
        try "name: web-app\nregion: fra\nservices:\n  - name: web\n    instance_size_slug: apps-s-1vcpu-1gb\n".write(
            to: folder.appending(path: "apps/web.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appending(path: "pages"), withIntermediateDirectories: true)
        try page.write(to: folder.appending(path: "pages/page.md"), atomically: true, encoding: .utf8)
        return folder
    }

    /// The map as GitHub would show it: cmark-gfm with its extensions and raw HTML kept, so
    /// any tag, comment or link the Markdown carries shows up here.
    static func rendered(_ folder: URL) -> (markdown: String, html: String, errors: [String]) {
        let build = MapBuild.run(Workspace.load(root: folder))
        let markdown = build.outputs.text("site/INFRASTRUCTURE.md") ?? ""
        return (markdown, CommonMark.html(markdown, allowRawHTML: true), build.diagnostics.filter { $0.severity == .error }.map(\.message))
    }

    @Test(arguments: payloads)
    func hostileValuesStayText(_ payload: String) throws {
        let folder = try Self.project(payload)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (markdown, html, errors) = Self.rendered(folder)
        #expect(errors.isEmpty, "\(errors)")
        for markup in ["<script", "<img", "<!--", "<details", "<b>", "<i>", "<em>", "<span", "href=\"javascript:"] {
            let lines = html.split(separator: "\n").filter { $0.contains(markup) }
            #expect(lines.isEmpty, "the map carries \(markup) for \(payload): \(lines)")
        }
        // A value is never a link; a page's own `https://` stays one, as on the site.
        let links = html.matches(of: #/href="([^"]*)"/#).map { String($0.output.1) }
        let fromValues = links.filter { $0.contains(#/f\d+x/#) }
        #expect(fromValues.isEmpty, "links from values: \(fromValues)")
        // The values are there, as text: nothing was dropped to make it safe.
        let shown = Set(html.matches(of: #/f(\d+)x/#).map { Int($0.output.1) ?? 0 })
        #expect(shown.count >= 45, "fields shown: \(shown.sorted())")
        for tag in ["body3x", "body4x", "body6x", "body7x"] {
            #expect(html.contains(tag), "the page's text \(tag) is gone")
        }
        // Injected elsewhere, the map can be found again by the next build.
        #expect(Injection.problem(in: markdown) == nil)
    }

    /// Every payload shows the same fields: escaping never swallows a value.
    @Test func everyPayloadShowsTheSameFields() throws {
        var seen: Set<Set<Int>> = []
        for payload in Self.payloads {
            let folder = try Self.project(payload)
            defer { try? FileManager.default.removeItem(at: folder) }
            seen.insert(Set(Self.rendered(folder).html.matches(of: #/f(\d+)x/#).map { Int($0.output.1) ?? 0 }))
        }
        #expect(seen.count == 1)
    }

    @Test func allowRawHTMLKeepsThePagesHTML() throws {
        let folder = try Self.project("<b>ID</b>", allowRawHTML: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (markdown, html, _) = Self.rendered(folder)
        #expect(markdown.contains("Text before. <b>body1x</b> text after."))
        #expect(html.contains("<span title=\"body5x\">body6x</span>"))
        // Values stay escaped either way: allow_raw_html is about the team's pages.
        #expect(!html.contains("<b>f"))
    }

    @Test func autolinkTriggersInValuesAreEscaped() {
        #expect(MarkdownEscape.inline("<https://x.example>") == "\\<https\\://x.example\\>")
        #expect(MarkdownEscape.inline("go to www.x.example or WWW.Y.example") == "go to www\\.x.example or WWW\\.Y.example")
        #expect(MarkdownEscape.inline("awww.x and 10:30 and a.b") == "awww.x and 10:30 and a.b")
        #expect(!CommonMark.html(MarkdownEscape.inline("see https://x.example/a and www.y.example")).contains("<a "))
    }
}

/// Raw HTML cut out of page Markdown, and dangerous links made text, by cmark-gfm's own
/// reading of it.
@Suite("Markdown safe mode")
struct MarkdownSafeModeTests {
    @Test(arguments: [
        ("a <b>x</b> y\n", "a x y\n"),
        ("<div>\nblock\n</div>\n\nafter\n", "\nafter\n"),
        ("- item <b>x</b>\n  more <!-- c\n  omment --> w\n", "- item x\n  more  w\n"),
        ("> quote <u>q</u>\n> <div>\n> x\n> </div>\n", "> quote q\n> "),
        ("| <em>x</em> | y |\n|---|---|\n", "| x | y |\n|---|---|\n"),
        ("a <img src=x\nonerror=alert(1)> b\n", "a  b\n"),
        ("crlf <b>x</b>\r\nnext\r\n", "crlf x\r\nnext\r\n"),
        ("`<b>code</b>` and \\<b> stay\n", "`<b>code</b>` and \\<b> stay\n"),
        ("no html at all: 1 < 2 > 0\n", "no html at all: 1 < 2 > 0\n"),
        ("<!-- end -->", ""),
        (
            "[x](javascript:alert(1)) and ![i](JavaScript:x) and <javascript:y>\n",
            "\\[x](javascript:alert(1)) and !\\[i](JavaScript:x) and \\<javascript:y>\n"
        ),
        (
            "[ok](https://example.org) and ![png](data:image/png;base64,AA)\n",
            "[ok](https://example.org) and ![png](data:image/png;base64,AA)\n"
        ),
        ("[x][r]\n\n[r]: vbscript:evil\n", "\\[x]\\[r]\n\n[r]: vbscript:evil\n"),
    ])
    func cutsRawHTML(_ input: String, _ expected: String) {
        #expect(MarkdownSafeMode.apply(to: input) == expected)
    }

    /// Generated: fragments of text, code, containers and tags (nested so that a cut can
    /// join two halves into a new tag) in every order; no output holds raw HTML.
    @Test func noGeneratedPageKeepsRawHTML() {
        let fragments = [
            "text ", "<b>", "</b>", "<<i>i>", "<a href=x>", "`<code>` ", "\n", "\n\n", "> ", "- ", "<!-- ", " -->", "<div>",
            "\\<em> ", "<", ">", "<scr<b></b>ipt>", "    indented <b>\n", "```\n<b>\n```\n", "| <i>c</i> |\n|---|\n",
            "[a](javascript:x)", "[", "]", "(javascript:y)", "![i](file:///etc)", "[r]: data:text/html,x\n", "[r]", "<vbscript:z>",
        ]
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in fragments.randomElement(using: &generator) ?? "" }
                .joined()
            let filtered = MarkdownSafeMode.apply(to: text)
            #expect(
                CommonMark.unsafeNodes(in: filtered).isEmpty,
                "raw HTML or a dangerous link left in \(filtered.debugDescription) from \(text.debugDescription)")
        }
    }
}

extension MarkdownSafeModeTests {
    /// A page without `<`, `](` or `]:` is kept without a parse: generated pages of brackets,
    /// colons, schemes (plain and as character references) and bare links, split across lines,
    /// hold nothing cmark would drop, and the result is what parsing gives.
    @Test func pagesWithoutTagsOrDestinationsNeedNoParse() {
        let fragments = [
            "[x]", "[", "]", "(", ")", ":", " ", "\n", "- ", "![i]", "[r]", "\\]", "] (", "] :", "]\n(", "]\n:", "`", "*",
            "javascript:", "&#106;avascript:x", "vbscript:y", "file:///etc", "data:text/html,x", "www.example.com",
            "foo@bar.example", "mailto:a@b.c", "xmpp:a@b.c", "https://a.example/b", "](javascript:z)", "]: vbscript:w",
            "\n\n[r]: javascript:q\n", "<b>",
        ]
        var generator = SeededGenerator(seed: 21)
        var skipped = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...10, using: &generator)).map { _ in fragments.randomElement(using: &generator) ?? "" }
                .joined()
            #expect(MarkdownSafeMode.apply(to: text) == MarkdownSafeMode.applyParsing(to: text), "\(text.debugDescription)")
            if !MarkdownSafeMode.mayHoldUnsafeNodes(text) {
                skipped += 1
                #expect(CommonMark.unsafeNodes(in: text).isEmpty, "\(text.debugDescription) holds an unsafe node")
            }
        }
        #expect(skipped > 500, "most generated pages need no parse")
    }
}

/// SplitMix64: generated cases that are the same on every run, so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
