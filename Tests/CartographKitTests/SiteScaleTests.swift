import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// A generated project: `apps` apps spread over four regions and four statuses, each with
/// one component, one env var and a runbook page named after it (every other one in a
/// "Runbooks" section), as `gen_bench.py` makes them.
func generatedProject(apps count: Int) throws -> URL {
    let root = try temporaryFolder()
    let files = FileManager.default
    for folder in ["content/apps", "content/pages"] {
        try files.createDirectory(at: root.appending(path: folder), withIntermediateDirectories: true)
    }
    let regions = ["sgp", "nyc", "fra", "ams"]
    let healths = ["healthy", "degraded", "down", "configured"]
    var status = "verified: 2025-01-02\napps:\n"
    for i in 0..<count {
        let name = "app-" + String(repeating: "0", count: max(0, 5 - "\(i)".count)) + "\(i)"
        let spec = """
            name: \(name)
            region: \(regions[i % 4])
            services:
              - name: web-\(i)
                instance_size_slug: apps-s-1vcpu-1gb
                instance_count: \(1 + i % 7)
                github: { repo: org/\(name), branch: main }
                envs:
                  - key: KEY_\(i)
                    value: value-never-shown-\(i)

            """
        try spec.write(to: root.appending(path: "content/apps/\(name).yaml"), atomically: true, encoding: .utf8)
        status += "  \(name):\n    status: \(healths[i % 4])\n"
        let page = """
            ---
            title: "\(name) runbook"
            weight: \(count - i)
            \(i % 2 == 0 ? "section: Runbooks" : "")
            ---
            # Runbook for \(name)

            ## Deploy

            ## Roll back

            ## Roll back

            """
        try page.write(to: root.appending(path: "content/pages/\(name).md"), atomically: true, encoding: .utf8)
    }
    try status.write(to: root.appending(path: "content/status.yaml"), atomically: true, encoding: .utf8)
    let config = """
        title: Scale
        specs: [content/apps/*.yaml]
        status: content/status.yaml
        pages: content/pages
        output: { site: site, markdown: site/INFRASTRUCTURE.md }

        """
    try config.write(to: root.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
    return root
}

func buildGenerated(apps count: Int) throws -> MapBuild {
    let root = try generatedProject(apps: count)
    defer { try? FileManager.default.removeItem(at: root) }
    let build = MapBuild.run(Workspace.load(root: root))
    #expect(!build.hasErrors, "\(build.diagnostics.filter { $0.severity == .error }.map(\.message))")
    return build
}

/// The parsed `window.cartographSearch` of a built site.
func searchIndex(_ build: MapBuild) throws -> [String: Any] {
    let script = try #require(build.outputs.text("site/search-index.js"))
    let prefix = "window.cartographSearch = "
    #expect(script.hasPrefix(prefix))
    #expect(script.hasSuffix(";\n"))
    let json = script.dropFirst(prefix.count).dropLast(2)
    return try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}

@Suite("The site at scale")
struct SiteScaleTests {
    static let large = try? buildGenerated(apps: 40)

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? Regex(pattern) else { return [] }
        return text.matches(of: regex).map { String(text[$0.range]) }
    }

    @Test func everyPageHasTheSameSmallHeader() throws {
        let build = try #require(Self.large)
        var headers: Set<String> = []
        var pages = 0
        for path in build.outputs.paths where path.hasSuffix(".html") {
            let html = build.outputs.text(path) ?? ""
            let header = try #require(
                html.firstRange(of: "<header").flatMap { start in
                    html.range(of: "</header>", range: start.lowerBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] }
                })
            #expect(Self.matches("<a ", in: String(header)).count <= 20, "\(path)")
            // Relative links differ by depth and the current page is marked; nothing else may.
            headers.insert(header.replacingOccurrences(of: "../", with: "").replacingOccurrences(of: " aria-current=\"page\"", with: ""))
            pages += 1
        }
        #expect(pages == 40 + 40 + 6)
        #expect(headers.count == 1, "\(headers.count) different headers")
    }

    /// The quadratic growth of the site came from every page listing every page: an app's
    /// page and its runbook must not change with how many other apps and pages there are.
    @Test func aPageDoesNotDependOnTheRestOfTheMap() throws {
        let small = try buildGenerated(apps: 5)
        let large = try #require(Self.large)
        for path in ["site/apps/app-00003/index.html", "site/pages/app-00003/index.html"] {
            let a = try #require(small.outputs.text(path))
            let b = try #require(large.outputs.text(path))
            #expect(a == b, "\(path) differs between a map of 5 apps and one of 40")
        }
    }

    @Test func theIndexSummarisesAboveThirtyApps() throws {
        let atThreshold = try buildGenerated(apps: IndexSummary.threshold)
        let full = try #require(atThreshold.outputs.text("site/index.html"))
        #expect(full.contains("Application Inventory"))
        #expect(!full.contains("Most expensive apps"))
        let build = try #require(Self.large)
        let index = try #require(build.outputs.text("site/index.html"))
        #expect(!index.contains("Application Inventory"))
        #expect(!index.contains("KEY_1<"), "the inventory's details live on the app pages")
        // The ten most expensive apps, most expensive first, ties by name.
        let table = try #require(index.firstRange(of: "id=\"most-expensive-apps\"").map { index[$0.lowerBound...] })
        let listed = Self.matches(">app-[0-9]+<", in: String(table).components(separatedBy: "</table>")[0])
            .map { String($0.dropFirst().dropLast()) }
        let expected = build.map.apps.sorted { ($1.cost.high, $0.name) < ($0.cost.high, $1.name) }.prefix(10).map(\.name)
        #expect(listed == Array(expected))
        // Every down or degraded app, down first (fewer than the cap here, so no link).
        let attention = build.map.apps.filter { $0.health == .down || $0.health == .degraded }
        #expect(index.contains("Down or degraded (\(attention.count))"))
        #expect(!index.contains("?status=down,degraded"))
        // Per-region subtotals, linked to the directory's groups.
        for region in ["sgp", "nyc", "fra", "ams"] {
            #expect(index.contains("href=\"apps/index.html#region-\(region)\""))
        }
    }

    @Test func theAppsDirectoryListsEveryAppByRegion() throws {
        let build = try #require(Self.large)
        let html = try #require(build.outputs.text("site/apps/index.html"))
        #expect(Self.matches("<tr class=\"app-row\"", in: html).count == 40)
        #expect(Self.matches("<tbody id=\"region-", in: html).count == 4)
        #expect(Self.matches("<tr class=\"subtotal\"", in: html).count == 4)
        for app in build.map.apps {
            #expect(html.contains("<a href=\"\(app.slug)/index.html\">\(app.name)</a>"))
            #expect(html.contains("<td data-sort=\"\(app.cost.high.cents)\">\(app.cost.perMonth)</td>"))
            #expect(html.contains("<a href=\"../pages/\(app.slug)/index.html\">\(app.name) runbook</a>"))
        }
        #expect(html.contains("<script defer src=\"../assets/site.js\"></script>"))
        #expect(html.contains("<form class=\"filters\" id=\"app-filters\" hidden>"), "filters appear only with the script")
    }

    @Test func aPageNamesItsAppInFrontMatter() throws {
        let root = try generatedProject(apps: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        try "---\ntitle: On call\napp: app-00002\nweight: -1\n---\nText\n".write(
            to: root.appending(path: "content/pages/on-call.md"), atomically: true, encoding: .utf8)
        let build = MapBuild.run(Workspace.load(root: root))
        let app = try #require(build.outputs.text("site/apps/app-00002/index.html"))
        #expect(app.contains("<a href=\"../../pages/on-call/index.html\">On call</a>"))
        #expect(!build.diagnostics.contains { $0.message.contains("not in the map") })
        // A name that is no app's is a warning at the key, with the likely name.
        try "---\ntitle: Lost\napp: app-0002\n---\nText\n".write(
            to: root.appending(path: "content/pages/lost.md"), atomically: true, encoding: .utf8)
        let lost = MapBuild.run(Workspace.load(root: root))
        let warning = try #require(lost.diagnostics.first { $0.message.contains("not in the map") })
        #expect(warning.severity == .warning)
        #expect(warning.message == "page names app 'app-0002', which is not in the map, so it is no app's runbook")
        #expect(warning.location.file.hasSuffix("content/pages/lost.md"))
        #expect((warning.location.line, warning.location.column) == (3, 6))
        #expect(warning.hint == "did you mean 'app-00002'?")
        let other = try #require(build.outputs.text("site/apps/app-00001/index.html"))
        #expect(other.contains("<a href=\"../../pages/app-00001/index.html\">app-00001 runbook</a>"))
    }

    @Test func thePagesIndexGroupsBySectionAndWeight() throws {
        let build = try #require(Self.large)
        let html = try #require(build.outputs.text("site/pages/index.html"))
        let runbooks = try #require(html.range(of: "<h2 id=\"section-runbooks\">Runbooks</h2>"))
        let others = try #require(html.range(of: "<h2 id=\"section-pages\">Pages</h2>"))
        // Weights run from 40 down to 1: app-00039 (weight 1, no section) leads, so its group is first.
        #expect(others.lowerBound < runbooks.lowerBound)
        let runbookLinks = Self.matches("app-[0-9]+ runbook", in: String(html[runbooks.upperBound...]))
        let expected = (0..<40).filter { $0 % 2 == 0 }.reversed().map { "app-000" + ($0 < 10 ? "0" : "") + "\($0) runbook" }
        #expect(runbookLinks == expected)
        let page = try #require(build.outputs.text("site/pages/app-00002/index.html"))
        #expect(page.contains("<a href=\"../index.html#section-runbooks\">Runbooks</a>"))
    }

    @Test func pageHeadingsSitUnderTheTitleWithUniqueIDs() throws {
        let build = try #require(Self.large)
        let page = try #require(build.outputs.text("site/pages/app-00002/index.html"))
        #expect(page.contains("<h1>app-00002 runbook</h1>"))
        #expect(page.contains("<h2 id=\"runbook-for-app-00002\">Runbook for app-00002 <a class=\"anchor\" href=\"#runbook-for-app-00002\""))
        #expect(page.contains("<h3 id=\"roll-back\">Roll back"))
        #expect(page.contains("<h3 id=\"roll-back-2\">Roll back"))
        #expect(!page.contains("<h1>Runbook"))
    }

    @Test func theSearchIndexHasAppsKeysAndPagesButNoValues() throws {
        let build = try #require(Self.large)
        let index = try searchIndex(build)
        let apps = try #require(index["apps"] as? [[Any]])
        #expect(apps.count == 40)
        let app = try #require(apps.first { $0.first as? String == "app-00007" })
        #expect(app[1] as? String == "app-00007")
        #expect(app[3] as? [String] == ["web-7"])
        #expect(app[4] as? [String] == ["KEY_7"])
        let pages = try #require(index["pages"] as? [[Any]])
        let page = try #require(pages.first { $0[1] as? String == "app-00007" })
        let headings = try #require(page[2] as? [[String]])
        #expect(headings.first == ["Runbook for app-00007", "runbook-for-app-00007"])
        let script = build.outputs.text("site/search-index.js") ?? ""
        #expect(!script.contains("value-never-shown"))
    }

    @Test func headingsMoveAsOneUnderTheTitle() {
        #expect(CommonMark.html("# A\n\n## B\n\n###### C\n", topHeadingLevel: 2) == "<h2>A</h2>\n<h3>B</h3>\n<h6>C</h6>\n")
        #expect(CommonMark.html("### A\n\n#### B\n", topHeadingLevel: 2) == "<h2>A</h2>\n<h3>B</h3>\n")
        #expect(CommonMark.html("```bash\nx\n```\n").contains("<pre><code class=\"language-bash\">"))
        var outline = HTMLOutline(reserved: ["main"])
        let html = outline.process(
            "<h2>Main</h2>\n<h2>🔧</h2>\n<h5>A &amp; <code>b</code></h5>\n<table>\n<thead><tr><th>x</th></tr></thead></table>\n")
        #expect(outline.headings.map(\.id) == ["main-2", "section", "a-b"])
        #expect(outline.headings.map(\.text) == ["Main", "🔧", "A & b"])
        #expect(html.contains("<h5 id=\"a-b\">A &amp; <code>b</code></h5>"), "no link below h4")
        #expect(html.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table: A &amp; b\">\n<table>"))
        #expect(html.contains("<th scope=\"col\">x</th>"))
        #expect(html.contains("</table>\n</div>"))
    }

    @Test func scriptTextCannotBreakOut() {
        #expect(
            SearchIndex.json("</script><!-- & \u{2028}\u{2029}\"\\\n\u{01}")
                == #""\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029\"\\\n\u0001""#)
    }
}
