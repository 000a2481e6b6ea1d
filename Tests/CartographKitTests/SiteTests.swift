import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

@Suite("HTML site")
struct SiteTests {
    static let build = buildExample()

    static func html(_ path: String) -> String {
        build.outputs.text("site/\(path)") ?? ""
    }

    @Test func theSiteHasEveryPage() {
        let paths = Self.build.outputs.paths.filter { $0.hasPrefix("site/") }
        #expect(
            paths == [
                "site/.cartograph", "site/404.html", "site/INFRASTRUCTURE.md", "site/apps/index.html",
                "site/apps/pulse-hub-web/index.html", "site/apps/pulser-hub-mcp/index.html", "site/apps/superset-analytics/index.html",
                "site/assets/site.js", "site/costs/index.html", "site/index.html", "site/network/index.html",
                "site/pages/ci-cd-pipeline/index.html", "site/pages/configuration-files/index.html",
                "site/pages/deployment-architecture/index.html", "site/pages/index.html", "site/pages/next-steps/index.html",
                "site/pages/security-configuration/index.html", "site/search-index.js", "site/style.css",
            ])
    }

    /// The committed site is what a build of the example writes, file for file: it is the
    /// HTML golden (a change to the site shows in review as a change to `site/`).
    @Test func theCommittedSiteIsWhatABuildWrites() {
        let stale = CheckCommand.staleOutputs(Self.build.outputs, root: repositoryRoot, site: "site")
        #expect(stale.isEmpty, "stale: \(stale.map { "\($0.path) \($0.reason)" }); run `swift run cartograph build`")
    }

    @Test func goldenSVG() {
        let (map, _) = loadExample()
        let svg = SVGDiagram(map: map, title: "Architecture").render()
        assertGolden(svg, "site/diagram.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title id=\"diagram-title\">Architecture</title>"))
        #expect(svg.contains("<a href=\"apps/superset-analytics/index.html\" aria-label=\"superset-analytics: Configured, $27/month\">"))
        #expect(svg.contains("class=\"box box-app status-healthy\""))
    }

    @Test func indexShowsTheMapAtAGlance() {
        let index = Self.html("index.html")
        #expect(index.contains("<svg"))
        #expect(index.contains("<details class=\"text-diagram\">"))
        #expect(index.contains("<p class=\"card-value\">$5/month</p>"))
        #expect(index.contains("<p class=\"card-value\">$37/month</p>"))
        #expect(index.contains("<p class=\"card-detail\">every app in the map; includes estimates</p>"))
        #expect(index.contains("<h2 id=\"application-inventory\">📊 Application Inventory <a class=\"anchor\""))
        #expect(index.contains("<main id=\"main\""))
        #expect(index.contains("<nav aria-label=\"Site\">"))
        // The one script is the site's own, deferred; the page is complete without it.
        #expect(index.components(separatedBy: "<script").count == 2)
        #expect(index.contains("<script defer src=\"assets/site.js\"></script>"))
        // Each page appears once, on its own page: not inside the index.
        #expect(!index.contains("Deployment Architecture</h2>"))
        for external in ["http://", "https://"] {
            #expect(!index.contains("src=\"\(external)"), "no external scripts, fonts or images")
            #expect(!index.contains("<link rel=\"stylesheet\" href=\"\(external)"))
        }
    }

    @Test func appPageShowsKeysNeverValues() {
        let page = Self.html("apps/superset-analytics/index.html")
        #expect(page.contains("<code>DATABASE_PASSWORD</code>"))
        #expect(page.contains("<td>secret</td>"))
        #expect(page.contains("Environment variables (keys only; values are never shown)"))
        #expect(!page.contains("EV[1:"))
    }

    /// Every `href` and `src` in the built site resolves to a file of the site, or is an
    /// external link from content.
    @Test func everyLinkResolves() throws {
        let files = Set(Self.build.outputs.paths)
        let pattern = try Regex(#"(href|src)="([^"]*)""#)
        var checked = 0
        for path in files where path.hasSuffix(".html") {
            let html = Self.build.outputs.text(path) ?? ""
            let folder = (path as NSString).deletingLastPathComponent
            for match in html.matches(of: pattern) {
                let target = String(match.output[2].substring ?? "")
                if target.hasPrefix("https://") || target.hasPrefix("http://") {
                    #expect(match.output[1].substring == "href", "\(path): external src \(target)")
                    continue
                }
                #expect(!target.hasPrefix("/"), "\(path): absolute link \(target) breaks under a sub-path and from file://")
                if target.hasPrefix("data:image/svg+xml,") { continue }
                let clean = String(
                    target.split(separator: "#", omittingEmptySubsequences: false)[0].split(
                        separator: "?", omittingEmptySubsequences: false)[0])
                if clean.isEmpty { continue }
                let resolved = Self.resolve(clean, from: folder)
                #expect(files.contains(resolved), "\(path): \(target) → \(resolved) is not in the site")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    /// "apps/x" + "../../style.css" → "style.css"; nil-free: a path above the root keeps its "..".
    static func resolve(_ link: String, from folder: String) -> String {
        var parts = folder.split(separator: "/").map(String.init)
        for part in link.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            switch part {
            case ".", "": continue
            case "..": if parts.isEmpty || parts.last == ".." { parts.append("..") } else { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: fixtureURL("hostile"), to: folder.appending(path: "hostile"))
        let workspace = Workspace.load(root: folder.appending(path: "hostile"))
        let build = MapBuild.run(workspace)
        #expect(!build.hasErrors, "\(build.diagnostics.map(\.message))")
        let pages = build.outputs.paths.filter { $0.hasSuffix(".html") || $0.hasSuffix(".svg") }
        #expect(pages.count == 9)
        for path in pages {
            // The site's own script tag is the one script a page may carry.
            let html = (build.outputs.text(path) ?? "").replacingOccurrences(of: "<script defer src=\"", with: "")
            for markup in ["<script", "<img", "<iframe", "<svg onload", "<b>", "<div onclick", "href=\"javascript:", "src=\"javascript:"] {
                #expect(!html.contains(markup), "\(path) carries \(markup) unescaped")
            }
            #expect(!html.contains("\" onmouseover=\""), "\(path): an attribute was broken out of")
            #expect(html.contains("&lt;script&gt;") || !html.contains("script"), "\(path)")
        }
        let markdown = build.outputs.text("site/INFRASTRUCTURE.md") ?? ""
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            // Every table row keeps its shape: escaped pipes do not split cells.
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count
            #expect(cells >= 3 && cells <= 11, "a table row lost its shape: \(line)")
        }
        // Values never add markup to the Markdown: outside code (the diagram's block and code
        // spans, where text is shown as it is) and the team's own page, no raw tag survives.
        let generated = markdown.components(separatedBy: "## Page ").first ?? markdown
        let prose = generated.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
            .components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        let rawTag = try Regex(#"(^|[^\\])<(script|img|iframe|svg|a |b>)"#)
        #expect(prose.firstMatch(of: rawTag) == nil, "the Markdown map carries a raw tag")
        #expect(prose.contains("\\<script\\>alert('note')"))
        #expect(markdown.contains("# Evil \\<script\\>alert('title')\\</script\\> & \"Co\" \\| Map"))
        // The search index: no value can end the script or a line of it, and each comes back intact.
        let script = build.outputs.text("site/search-index.js") ?? ""
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            #expect(!script.contains(raw), "search-index.js carries a raw \(raw.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let index = try searchIndex(build)
        let page = try #require((index["pages"] as? [[Any]])?.first)
        #expect(page[0] as? String == "Page <script>alert('page')</script> | title")
        let heading = try #require((page[2] as? [[String]])?.first)
        #expect(heading[0] == "Heading </script><script>alert('heading')</script> line &")
        let app = try #require((index["apps"] as? [[Any]])?.first { $0.first as? String == "evil-app" })
        #expect((app[5] as? [String])?.contains("evil.example</script>\u{2028}\u{2029}<!--") == true)
        let pagesIndex = build.outputs.text("site/pages/index.html") ?? ""
        #expect(pagesIndex.contains("Section &lt;script&gt;alert(&#39;section&#39;)&lt;/script&gt;"))
        #expect(build.outputs.text("site/apps/evil-app/index.html")?.contains("../../pages/evil/index.html") == true)
        let everything = build.outputs.files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!everything.contains("never-print-this-secret-value"))
        #expect(!everything.contains("plain-token-value-never-printed"))
    }

    @Test func buildSwapsTheSiteAndRemovesWhatNoLongerBelongs() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        var out = ""
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { out += $0 }, stderr: { err += $0 }) == 0)
        let site = folder.appending(path: "site")
        #expect(FileManager.default.fileExists(atPath: site.appending(path: "apps/superset-analytics/index.html").path))
        // A removed app's page is gone after the next build.
        try FileManager.default.removeItem(at: folder.appending(path: "content/apps/superset-analytics.yaml"))
        try "title: X\nscenarios: []\n".write(to: folder.appending(path: "scratch.yaml"), atomically: true, encoding: .utf8)
        var config = try String(contentsOf: folder.appending(path: "cartograph.yaml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "    apps: [superset-analytics]\n", with: "")
        try config.write(to: folder.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
        try "apps: {}\n".write(to: folder.appending(path: "content/status.yaml"), atomically: true, encoding: .utf8)
        #expect(BuildCommand(root: folder).run(stdout: { out += $0 }, stderr: { err += $0 }) == 0, "\(err)")
        #expect(!FileManager.default.fileExists(atPath: site.appending(path: "apps/superset-analytics").path))
        // A failed build leaves the last good site untouched.
        let before = SiteWriter.existingFiles(in: site)
        let index = try Data(contentsOf: site.appending(path: "index.html"))
        try "name: [broken\n".write(to: folder.appending(path: "content/apps/pulse-hub-web.yaml"), atomically: true, encoding: .utf8)
        err = ""
        #expect(BuildCommand(root: folder).run(stdout: { out += $0 }, stderr: { err += $0 }) == 1)
        #expect(err.contains("content/apps/pulse-hub-web.yaml:2:1: error: YAML syntax error"))
        #expect(err.contains("nothing was written"))
        #expect(SiteWriter.existingFiles(in: site) == before)
        #expect(try Data(contentsOf: site.appending(path: "index.html")) == index)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("cartograph-") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesToReplaceAFolderItDidNotWrite() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: "site"), withIntermediateDirectories: true)
        try "mine".write(to: folder.appending(path: "site/notes.txt"), atomically: true, encoding: .utf8)
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 1)
        #expect(err.contains("holds files Cartograph did not write"))
        #expect(try String(contentsOf: folder.appending(path: "site/notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func checkReportsStaleHTML() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        var out = ""
        var err = ""
        #expect(CheckCommand(root: folder).run(stdout: { out += $0 }, stderr: { err += $0 }) == 0)
        try "<p>edited by hand</p>".write(to: folder.appending(path: "site/costs/index.html"), atomically: true, encoding: .utf8)
        err = ""
        #expect(CheckCommand(root: folder).run(stdout: { out += $0 }, stderr: { err += $0 }) == 1)
        #expect(err.contains("site/costs/index.html: error: is stale (differs from what a build would write); run 'cartograph build'"))
    }

    @Test func sitemapOnlyWithABaseURL() throws {
        #expect(Self.build.outputs.files["site/sitemap.xml"] == nil)
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config =
            try String(contentsOf: folder.appending(path: "cartograph.yaml"), encoding: .utf8) + "base_url: https://infra.example.org/map\n"
        try config.write(to: folder.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
        let build = MapBuild.run(Workspace.load(root: folder))
        let sitemap = build.outputs.text("site/sitemap.xml") ?? ""
        #expect(sitemap.contains("<loc>https://infra.example.org/map/apps/</loc>"))
        // A server returns 404.html at any depth: with a base URL its links are absolute.
        let notFound = build.outputs.text("site/404.html") ?? ""
        #expect(notFound.contains("<a href=\"https://infra.example.org/map/index.html\">Back to the map</a>"))
        #expect(notFound.contains("<link rel=\"stylesheet\" href=\"https://infra.example.org/map/style.css\">"))
        #expect(sitemap.contains("<loc>https://infra.example.org/map/apps/pulse-hub-web/</loc>"))
        #expect(sitemap.contains("<loc>https://infra.example.org/map/</loc>"))
    }

    @Test func markdownPagesThroughCmarkGFM() {
        let html = CommonMark.html(
            "| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n- [ ] todo\n\nSee https://example.org\n\n<script>x</script>\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>2</del>"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("<a href=\"https://example.org\">"))
        #expect(!html.contains("<script>"))
        #expect(CommonMark.html("<b>raw</b>", allowRawHTML: true).contains("<b>raw</b>"))
    }

    /// Every operator a spec may write, with and without a window: the HTML page and the
    /// Markdown map state each alert's condition in the same words.
    @Test(arguments: [("GREATER_THAN", ">"), ("LESS_THAN", "<"), ("EQUAL_TO", "EQUAL_TO")], [nil, "FIVE_MINUTES"])
    func alertConditionsReadTheSameInHTMLAndMarkdown(written: (String, String), window: String?) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let alert = "{ rule: CPU_UTILIZATION, operator: \(written.0), value: 80.5" + (window.map { ", window: \($0)" } ?? "") + " }"
        try "title: T\nspecs: [shop.yaml]\n".write(to: folder.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
        try "name: shop\nservices:\n  - name: web\n    alerts: [\(alert)]\n".write(
            to: folder.appending(path: "shop.yaml"), atomically: true, encoding: .utf8)
        let build = MapBuild.run(Workspace.load(root: folder))
        let condition = "\(written.1) 80.5" + (window == nil ? "" : " over five minutes")
        #expect(build.outputs.text("site/apps/shop/index.html")?.contains("<td>\(HTMLEscape.text(condition))</td>") == true)
        #expect(
            build.outputs.text("site/INFRASTRUCTURE.md")?.contains("shop: " + MarkdownEscape.inline("CPU_UTILIZATION \(condition)")) == true
        )
    }
}
