import CartographInput
import CartographKit
import CartographModel
import CartographRender
import CartographTestSupport
import Foundation
import Hummingbird
import Testing

@testable import CartographServer

/// The text of a served file.
func served(_ snapshot: SiteSnapshot, _ path: String) -> String? {
    snapshot.file(at: path).map { String(buffer: $0.body) }
}

@Suite("Preview builds")
struct PreviewBuilderTests {
    let brokenRegion = "region: [sgp\n"
    let brokenLocation = "content/apps/pulse-hub-web.yaml:5:9: error: YAML syntax error: did not find expected &#39;,&#39; or &#39;]&#39;"

    @Test func theExampleBuildsAndOnlyServedPagesAreDecorated() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = PreviewBuilder(root: folder).build()
        #expect(result.errors == 0, "\(result.terminalText)")
        #expect(result.changed)
        #expect(!result.snapshot.hasErrors)
        let markdown = try #require(served(result.snapshot, "INFRASTRUCTURE.md"))
        #expect(markdown.hasPrefix("# InsightPulse Infrastructure Map"))
        // The built files never carry the script; the served pages do.
        let build = MapBuild.run(Workspace.load(root: URL(filePath: folder.path, directoryHint: .isDirectory)))
        for path in build.outputs.paths {
            #expect(build.outputs.text(path)?.contains("_cartograph") == false, "\(path)")
        }
        for path in result.snapshot.paths where path.hasSuffix(".html") {
            #expect(served(result.snapshot, path)?.contains("new EventSource(\"/_cartograph/events\")") == true, "\(path)")
        }
        #expect(result.snapshot.file(at: "INFRASTRUCTURE.md")?.body.readableBytes == build.outputs.files["site/INFRASTRUCTURE.md"]?.count)
    }

    /// A rebuild prints only what is new, and counts what is fixed: the example's warnings
    /// are printed by the first build, not again on every save.
    @Test func aRebuildPrintsOnlyNewDiagnostics() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = PreviewBuilder(root: folder)
        let first = builder.build()
        #expect(first.warnings > 0)
        #expect(first.newTerminalText == first.terminalText)

        let same = builder.build(after: first)
        #expect(same.warnings == first.warnings)
        #expect(same.newTerminalText.isEmpty)
        #expect(same.new == 0 && same.fixed == 0)

        let spec = folder.appending(path: "content/apps/pulse-hub-web.yaml")
        let original = try String(contentsOf: spec, encoding: .utf8)
        // At the end, so that no other diagnostic moves (a moved one counts as new).
        try save(original + "unknown_key: 1\n", to: spec)
        let warned = builder.build(after: same)
        #expect(warned.new == 1, "\(warned.terminalText)")
        #expect(warned.newTerminalText.contains("unknown key 'unknown_key' in app spec"))
        #expect(!warned.newTerminalText.contains("legacy slug"), "an old warning printed again")

        try save(original, to: spec)
        let fixed = builder.build(after: warned)
        #expect(fixed.fixed == 1)
        #expect(fixed.newTerminalText.isEmpty)
    }

    @Test func brokenInputsKeepTheLastGoodSiteUnderAnOverlay() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = PreviewBuilder(root: folder)
        let good = builder.build()
        let spec = folder.appending(path: "content/apps/pulse-hub-web.yaml")
        let original = try String(contentsOf: spec, encoding: .utf8)
        try save(original.replacingOccurrences(of: "region: sgp\n", with: brokenRegion), to: spec)

        let broken = builder.build(after: good)
        #expect(broken.errors == 1)
        #expect(broken.changed)
        #expect(broken.snapshot.hasErrors)
        #expect(broken.snapshot.buildID != good.snapshot.buildID)
        #expect(broken.terminalText.contains("content/apps/pulse-hub-web.yaml:5:9: error: YAML syntax error"))
        #expect(served(broken.snapshot, "INFRASTRUCTURE.md") == served(good.snapshot, "INFRASTRUCTURE.md"))
        for page in ["index.html", "404.html"] {
            let html = served(broken.snapshot, page) ?? String(buffer: broken.snapshot.notFound.body)
            #expect(html.contains("id=\"cartograph-overlay\""), "\(page)")
            #expect(html.contains(brokenLocation), "\(page)")
            #expect(html.contains("    features:\n            ^"), "the source line and caret")
            #expect(html.contains("showing the last good build"))
        }
        let notFound = String(buffer: broken.snapshot.notFound.body)
        #expect(notFound.contains("id=\"cartograph-overlay\""))

        // Saving the same broken file again changes nothing: no reload.
        let again = builder.build(after: broken)
        #expect(!again.changed)
        #expect(again.snapshot.buildID == broken.snapshot.buildID)

        try save(original, to: spec)
        let fixed = builder.build(after: again)
        #expect(fixed.errors == 0)
        #expect(fixed.changed)
        #expect(fixed.snapshot.buildID != broken.snapshot.buildID)
        #expect(served(fixed.snapshot, "index.html")?.contains("cartograph-overlay") == false)
    }

    @Test func aWorkspaceThatNeverBuiltShowsItsErrorsOnAMinimalPage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try save("title: Broken\nspecs: [app.yaml]\n", to: folder.appending(path: "cartograph.yaml"))
        try save("name: shop\nregion: [x\nservices: <script>alert(1)</script>\n", to: folder.appending(path: "app.yaml"))
        let result = PreviewBuilder(root: folder).build()
        #expect(result.errors > 0)
        let page = try #require(served(result.snapshot, "index.html"))
        #expect(page.contains("No successful build yet"))
        #expect(page.contains("no build has succeeded yet"))
        #expect(page.contains("app.yaml:3:"))
        // The source line is escaped: the overlay never runs what a spec says.
        #expect(page.contains("services: &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert(1)"))
    }

    @Test func unchangedInputsDoNotReload() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = PreviewBuilder(root: folder)
        let first = builder.build()
        let second = builder.build(after: first)
        #expect(!second.changed)
        #expect(second.snapshot.buildID == first.snapshot.buildID)
        let status = folder.appending(path: "content/status.yaml")
        let text = try String(contentsOf: status, encoding: .utf8)
        try save(text.replacingOccurrences(of: "Likely needs restart", with: "Restarted on Friday"), to: status)
        let third = builder.build(after: second)
        #expect(third.changed)
        #expect(served(third.snapshot, "INFRASTRUCTURE.md")?.contains("Restarted on Friday") == true)
    }

    @Test func siteFilesAreTheOutputsUnderTheSiteFolder() {
        var outputs = OutputSet()
        outputs.add("site/index.html", "i")
        outputs.add("site/apps/a/index.html", "a")
        outputs.add("README.md", "r")
        outputs.add("site2/x", "x")
        #expect(outputs.split(site: "site").site.keys.sorted() == ["apps/a/index.html", "index.html"])
        #expect(outputs.split(site: "./site/").site.keys.sorted() == ["apps/a/index.html", "index.html"])
        #expect(outputs.split(site: ".").site.count == 4)
    }
}
