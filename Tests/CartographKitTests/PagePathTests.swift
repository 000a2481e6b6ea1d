import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Anything two inputs would write to one path is a located error, decided once in the
/// model, with the output set itself refusing a second write.
@Suite("Page paths")
struct PagePathTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// A name dressed up: case changed, separators swapped, punctuation around it; all of
    /// them make the same page as the bare name.
    static func variant(of base: String, _ generator: inout Generator) -> String {
        let separators = ["-", "_", " ", ".", "--", "/", " - "]
        var out = ""
        for part in base.split(separator: "-") {
            if !out.isEmpty { out += separators.randomElement(using: &generator) ?? "-" }
            out += Bool.random(using: &generator) ? part.uppercased() : String(part)
        }
        return [out, out + "!", "(" + out + ")", "~" + out].randomElement(using: &generator) ?? out
    }

    /// Random status files and specs in which many names collide: every app after the
    /// first of its page is an error at its own definition naming the first, the map keeps
    /// exactly one app per page, and building the site neither traps nor collides.
    @Test func appsThatWouldShareAPageAreReportedWhereTheyAreDefined() throws {
        var generator = Generator(state: 2024)
        let bases = ["web", "api-gateway", "billing-worker", "a1-b2", "shop"]
        for round in 0..<15 {
            let specNames = bases.filter { _ in Bool.random(using: &generator) }
            var statusNames: [String] = []
            for _ in 0..<Int.random(in: 2...12, using: &generator) {
                let name = Self.variant(of: bases.randomElement(using: &generator) ?? "web", &generator)
                if !statusNames.contains(name), !specNames.contains(name) { statusNames.append(name) }
            }
            let status = "apps:\n" + statusNames.map { "  \"\($0)\": { status: healthy }\n" }.joined()
            let specs = specNames.map { "name: \($0)\nservices:\n  - name: main\n" }
            let (map, diagnostics) = buildMap(specs: specs, status: status)

            // Expected: specs first (their names are distinct and valid), then status-only
            // entries in the order written, the first of each page kept.
            var owners: [String: (name: String, line: Int, file: String)] = [:]
            var expected: [String] = []
            for (index, name) in specNames.enumerated() { owners[Slug.of(name)] = (name, 1, "spec\(index).yaml") }
            for (index, name) in statusNames.enumerated() {
                let slug = Slug.of(name)
                if let first = owners[slug] {
                    if first.name == name { continue }  // the spec's own status entry
                    expected.append(
                        "status.yaml:\(index + 2):3: app '\(name)' would have the same page (apps/\(slug)/) as app '\(first.name)', defined at \(first.file):\(first.line)"
                    )
                } else {
                    owners[slug] = (name, index + 2, "status.yaml")
                }
            }
            let errors = diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
            #expect(errors == expected, "round \(round): \(statusNames)")
            #expect(map.apps.count == owners.count)
            #expect(Set(map.apps.map(\.slug)).count == map.apps.count)
        }
    }

    /// The site builder no longer traps on a duplicate page, whatever the map holds: the
    /// output set refuses the second write and the build reports it.
    @Test func renderingAMapWithDuplicatePagesDoesNotTrap() {
        var (map, _) = buildMap(specs: [], status: "apps:\n  Web: {}\n")
        map.apps.append(map.apps[0])  // a duplicate the model would have refused
        let bag = DiagnosticBag()
        let templates = TemplateLibrary(overrides: [:], displayPrefix: "templates", diagnostics: bag)
        let layout = DiagramRenderer.layout(map, width: 80, ascii: false)
        let text = DiagramRenderer.text(layout)
        var outputs = OutputSet()
        SiteBuilder(
            presentation: MapPresentation(map: map, pages: []), drawing: map, pages: [], settings: Config().renderSettings,
            templates: templates, diagramText: text, diagnostics: bag
        ).build(into: &outputs)
        #expect(outputs.collisions == ["site/apps/web/index.html"])
        MapBuild.reportCollisions(outputs, config: Config(), diagnostics: bag)
        #expect(
            bag.diagnostics.map { "\($0.location): \($0.message)" } == [
                "cartograph.yaml:1:1: two outputs would be written to 'site/apps/web/index.html'; each output needs a path of its own"
            ])
    }

    /// A second write to one file, however the path is spelt, is refused and recorded.
    @Test func theOutputSetRefusesASecondWriteToOnePath() {
        var outputs = OutputSet()
        outputs.add("site/index.html", "first")
        for spelling in ["site/index.html", "./site/index.html", "site//index.html", "site/apps/../index.html", "site/./index.html"] {
            outputs.add(spelling, "second")
        }
        outputs.add("site/costs/index.html", "other")
        #expect(outputs.text("site/index.html") == "first")
        #expect(outputs.paths == ["site/costs/index.html", "site/index.html"])
        #expect(outputs.collisions.count == 5)
        #expect(OutputSet.normalized("/a/../b") == "/b")
        #expect(OutputSet.normalized("../a") == "../a")
    }

    /// The build reports a collision at the setting that chose the path.
    @Test func aCollisionIsAnErrorAtTheSetting() throws {
        let folder = try project([
            "cartograph.yaml": "specs: []\noutput:\n  markdown: site/costs/index.html\n"
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let build = MapBuild.run(Workspace.load(root: folder))
        let errors = build.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
        #expect(
            errors.contains(
                "cartograph.yaml:3:13: output.markdown 'site/costs/index.html' is a path the site itself writes ('costs/index.html' in 'site'): the site and the map would overwrite each other"
            ))
    }

    /// Pages named like every file the site writes itself get pages of their own.
    @Test func pagesNamedLikeTheSitesOwnFilesKeepTheirOwnPaths() throws {
        let names = ["index", "costs", "network", "apps", "404", "style", "sitemap", "pages", "INFRASTRUCTURE", "cartograph"]
        var files = ["cartograph.yaml": "specs: [app.yaml]\npages: pages\n", "app.yaml": "name: index\nservices:\n  - name: web\n"]
        for name in names { files["pages/\(name).md"] = "---\ntitle: \"\(name)\"\n---\nBody of \(name).\n" }
        let folder = try project(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let build = MapBuild.run(Workspace.load(root: folder))
        #expect(!build.hasErrors, "\(build.diagnostics)")
        #expect(build.outputs.collisions.isEmpty)
        for name in names {
            #expect(build.outputs.text("site/pages/\(name.lowercased())/index.html")?.contains("Body of \(name).") == true)
        }
    }

    /// Random page file names and front-matter slugs: every later page of a slug is an error
    /// at its slug (or its file), naming the first.
    @Test func pagesWhoseSlugsCollideAreReported() throws {
        var generator = Generator(state: 77)
        for _ in 0..<8 {
            var files = ["cartograph.yaml": "specs: []\npages: pages\n"]
            var pages: [(file: String, slug: String, slugLine: Int?)] = []
            for index in 0..<Int.random(in: 2...8, using: &generator) {
                let base = ["runbook", "on-call", "costs"].randomElement(using: &generator) ?? "runbook"
                let file =
                    "pages/\(String(format: "%02d", index))-\(Self.variant(of: base, &generator).replacingOccurrences(of: "/", with: "-")).md"
                if Bool.random(using: &generator) {
                    files[file] = "---\ntitle: T\nslug: \(base)\n---\nx\n"
                    pages.append((file, base, 3))
                } else {
                    files[file] = "---\ntitle: T\n---\nx\n"
                    let stem = String(file.dropFirst("pages/".count).dropLast(3).dropFirst(3))
                    pages.append((file, Slug.of(stem), nil))
                }
            }
            let folder = try project(files)
            defer { try? FileManager.default.removeItem(at: folder) }
            let workspace = Workspace.load(root: folder)
            var first: [String: String] = [:]
            var expected: [String] = []
            for page in pages.sorted(by: { $0.file < $1.file }) {
                if let owner = first[page.slug] {
                    expected.append(
                        "\(page.file):\(page.slugLine ?? 1):\(page.slugLine == nil ? 1 : 7): page slug '\(page.slug)' is already used by \(owner); both pages would be written to pages/\(page.slug)/"
                    )
                } else {
                    first[page.slug] = page.file
                }
            }
            let errors = workspace.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
            #expect(errors.sorted() == expected.sorted(), "\(pages)")
            #expect(workspace.pages.count == first.count)
        }
    }
}
