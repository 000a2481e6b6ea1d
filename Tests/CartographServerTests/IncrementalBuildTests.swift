import CartographInput
import CartographKit
import CartographModel
import CartographRender
import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

/// `serve` rebuilds incrementally: it parses only the files whose bytes changed and renders
/// only the outputs whose views changed. What it serves must still be, byte for byte, what a
/// clean build of the same files writes, whatever the edits.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// Edits one app's status: that app's page is rendered again, no other app's page and no
    /// team page is, and only the status file is parsed again.
    @Test func aStatusSaveRendersThatAppsPageAndNoOtherAppsOrPages() throws {
        var project = EditedProject(apps: 40, seed: 1)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try project.write(to: folder)
        let builder = PreviewBuilder(root: folder)
        let first = builder.build()
        #expect(first.errors == 0, "\(first.terminalText)")
        #expect(first.rendered.contains("site/apps/app-07/index.html"), "the first build renders everything")
        _ = builder.inputs.takeCounts()

        project.apps[7].health = project.apps[7].health == "down" ? "healthy" : "down"
        try project.write(to: folder)
        let second = builder.build(after: first)
        #expect(second.errors == 0, "\(second.terminalText)")
        #expect(second.changed)

        let rendered = Set(second.rendered)
        #expect(rendered.contains("site/apps/app-07/index.html"))
        let otherApps = rendered.filter {
            $0.hasPrefix("site/apps/") && $0 != "site/apps/app-07/index.html" && $0 != "site/apps/index.html"
        }
        #expect(otherApps.isEmpty, "other apps' pages were rendered again: \(otherApps.sorted())")
        let teamPages = rendered.filter { $0.hasPrefix("site/pages/") }
        #expect(teamPages.isEmpty, "pages were rendered again: \(teamPages.sorted())")
        // What the status shows on beside the app's own page.
        for path in ["site/index.html", "site/apps/index.html"] {
            #expect(rendered.contains(path), "\(path)")
        }
        // The Markdown map of a map this large is made when asked for, not on the save.
        #expect(!rendered.contains("site/INFRASTRUCTURE.md"))
        let markdown = try #require(second.snapshot.file(at: "INFRASTRUCTURE.md"))
        #expect(markdown.isPending)
        let counts = builder.inputs.takeCounts()
        #expect(counts.misses == 2, "only the status file is read again, its node count and its parse: \(counts)")
        #expect(served(second.snapshot, "apps/app-07/index.html")?.contains(project.apps[7].health) == true)
        try expectCleanBuild(of: folder, servedBy: second, step: "status of app-07")

        // Saving the same bytes again renders nothing and reloads nothing.
        try project.write(to: folder)
        let third = builder.build(after: second)
        #expect(third.rendered.isEmpty, "\(third.rendered)")
        #expect(!third.changed)
    }

    /// Random edits of every kind of input, broken files and their fixes among them; after
    /// each the served site is compared with a clean build of the same files, byte for byte.
    /// The seed is printed; `CARTOGRAPH_SEED=n` replays a run.
    @Test(arguments: [8, 36])
    func randomEditsServeWhatACleanBuildWrites(apps: Int) throws {
        let seed = ProcessInfo.processInfo.environment["CARTOGRAPH_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...999_999)
        print("IncrementalBuildTests: \(apps) apps, seed \(seed) (replay with CARTOGRAPH_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        var project = EditedProject(apps: apps, seed: seed)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try project.write(to: folder)
        let builder = PreviewBuilder(root: folder)
        var result = builder.build()
        var lastGood = try expectCleanBuild(of: folder, servedBy: result, lastGood: nil, step: "seed \(seed), first build")
        for step in 1...30 {
            let edit = project.edit(using: &random)
            try project.write(to: folder)
            result = builder.build(after: result)
            lastGood = try expectCleanBuild(of: folder, servedBy: result, lastGood: lastGood, step: "seed \(seed), step \(step): \(edit)")
        }
    }

    /// Compares what `result` serves with a clean build of `folder`: the same diagnostics,
    /// and the same files with the same bytes (the last good ones while the inputs have errors).
    /// Returns the site to compare with while the inputs are broken.
    @discardableResult
    func expectCleanBuild(
        of folder: URL, servedBy result: PreviewBuilder.Result, lastGood: [String: [UInt8]]? = nil, step: String
    ) throws -> [String: [UInt8]]? {
        let workspace = Workspace.load(root: URL(filePath: folder.path, directoryHint: .isDirectory))
        let clean = MapBuild.run(workspace)
        let report = DiagnosticReport(clean.diagnostics)
        #expect(result.errors == report.errors, "\(step): errors")
        #expect(result.warnings == report.warnings, "\(step): warnings")
        #expect(result.diagnosticKeys == Set(report.diagnostics.map(PreviewBuilder.key)), "\(step): diagnostics")
        let expected = report.errors == 0 ? clean.outputs.split(site: workspace.config.siteOutput).site : lastGood
        guard let expected else {
            #expect(result.lastGood == nil, "\(step): no good build yet")
            return nil
        }
        #expect(Set(result.snapshot.paths) == Set(expected.keys), "\(step): served paths")
        for (path, bytes) in expected.sorted(by: { $0.key < $1.key }) {
            let served = result.snapshot.originals[path]?.bytes ?? result.snapshot.file(at: path)?.deferredBytes ?? []
            guard served != bytes else { continue }
            let at = zip(served, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(served.count, bytes.count)
            let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, at - 60)..<min(bytes.count, at + 60)], as: UTF8.self) }
            Issue.record("\(step): \(path) differs from a clean build at byte \(at):\n\(context(served))\n---\n\(context(bytes))")
            break
        }
        return expected
    }
}

/// A generated workspace held as values, written out as files, and edited at random: apps
/// added, removed, resized and broken; statuses, notes and checklists; pages and their
/// runbook links; the config's title, width, scenario, external system and base URL; a
/// template override; the status file broken and fixed.
struct EditedProject {
    struct AppModel {
        var name: String
        var region: String
        var components: [(kind: String, name: String, size: String, count: Int)]
        var usesDatabase: Bool
        var health: String
        var note: String?
        var checklist: [String]
        var brokenSpec = false
    }

    struct PageModel {
        var file: String
        var title: String
        var weight: Int
        var body: String
        var app: String?
    }

    var title = "Incremental"
    var width = 66
    var scenario = false
    var external = true
    var baseURL: String?
    var allowRawHTML = false
    var templateOverride: String?
    var brokenStatus = false
    var apps: [AppModel] = []
    var pages: [PageModel] = []
    private var nextApp = 0

    static let healths = ["healthy", "degraded", "down", "configured", "pending"]
    static let sizes = ["basic-xxs", "basic-xs", "apps-s-1vcpu-1gb", "apps-s-1vcpu-2gb", "apps-d-1vcpu-2gb"]
    static let words = ["restart", "`doctl apps logs`", "🚀 rollout", "needs **review**", "owner: team 7", "<b>raw</b>", "ünïcode"]

    init(apps count: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed &+ 7)
        for _ in 0..<count { apps.append(newApp(using: &random)) }
        for index in 0..<max(3, count / 3) {
            pages.append(
                PageModel(
                    file: "page-\(index).md", title: "Page \(index)", weight: index * 3 % 50, body: "## Steps\n\nText \(index).\n",
                    app: index % 2 == 0 ? apps[index % apps.count].name : nil))
        }
    }

    mutating func newApp(using random: inout SplitMix64) -> AppModel {
        defer { nextApp += 1 }
        let name = String(format: "app-%02d", nextApp)
        let components = (0..<Int.random(in: 1...3, using: &random)).map { index in
            (
                kind: index == 0 ? "services" : ["services", "workers", "static_sites"].randomElement(using: &random) ?? "workers",
                name: "c\(index)", size: Self.sizes.randomElement(using: &random) ?? "basic-xs",
                count: Int.random(in: 1...3, using: &random)
            )
        }
        return AppModel(
            name: name, region: ["sgp", "nyc", "fra"].randomElement(using: &random) ?? "sgp", components: components,
            usesDatabase: Bool.random(using: &random), health: Self.healths.randomElement(using: &random) ?? "healthy",
            note: Bool.random(using: &random) ? Self.words.randomElement(using: &random) : nil, checklist: [])
    }

    /// Makes one random edit; returns what it did.
    mutating func edit(using random: inout SplitMix64) -> String {
        // A broken file is fixed first, half of the time, so that most steps build.
        if brokenStatus, Bool.random(using: &random) {
            brokenStatus = false
            return "fix the status file"
        }
        if let index = apps.firstIndex(where: \.brokenSpec), Bool.random(using: &random) {
            apps[index].brokenSpec = false
            return "fix \(apps[index].name)'s spec"
        }
        let app = Int.random(in: 0..<apps.count, using: &random)
        let name = apps[app].name
        switch Int.random(in: 0..<19, using: &random) {
        case 0, 1:
            apps[app].health = Self.healths.randomElement(using: &random) ?? "down"
            return "status of \(name) to \(apps[app].health)"
        case 2:
            apps[app].note = Bool.random(using: &random) ? nil : Self.words.randomElement(using: &random)
            return "note of \(name)"
        case 3:
            apps[app].checklist.append("Step \(apps[app].checklist.count)")
            return "checklist of \(name)"
        case 4:
            let component = Int.random(in: 0..<apps[app].components.count, using: &random)
            apps[app].components[component].count = Int.random(in: 1...4, using: &random)
            apps[app].components[component].size = Self.sizes.randomElement(using: &random) ?? "basic-xs"
            return "resize \(name)"
        case 5:
            apps[app].usesDatabase.toggle()
            return "database use of \(name)"
        case 6:
            apps[app].brokenSpec = true
            return "break \(name)'s spec"
        case 7:
            apps.append(newApp(using: &random))
            return "add \(apps[apps.count - 1].name)"
        case 8:
            guard apps.count > 2 else { return "nothing" }
            apps.remove(at: app)
            return "remove \(name)"
        case 9:
            let page = Int.random(in: 0..<pages.count, using: &random)
            pages[page].body += "\n## Section \(pages[page].body.count)\n\n- item \(Self.words.randomElement(using: &random) ?? "")\n"
            return "edit \(pages[page].file)"
        case 10:
            let page = Int.random(in: 0..<pages.count, using: &random)
            pages[page].title = "Page \(Int.random(in: 0...99, using: &random))"
            pages[page].weight = Int.random(in: 0...60, using: &random)
            pages[page].app = Bool.random(using: &random) ? name : nil
            return "retitle \(pages[page].file)"
        case 11:
            if pages.count > 3, Bool.random(using: &random) {
                let page = pages.remove(at: Int.random(in: 0..<pages.count, using: &random))
                return "remove \(page.file)"
            }
            pages.append(PageModel(file: "new-\(pages.count).md", title: "New", weight: 5, body: "Text.\n", app: nil))
            return "add a page"
        case 12:
            title = "Incremental \(Int.random(in: 0...9, using: &random))"
            return "config title"
        case 13:
            width = [50, 66, 80, 120].randomElement(using: &random) ?? 66
            return "diagram width \(width)"
        case 14:
            scenario.toggle()
            return "scenario \(scenario)"
        case 15:
            external.toggle()
            return "external system \(external)"
        case 16:
            baseURL = baseURL == nil ? "https://map.example.org/" : nil
            allowRawHTML.toggle()
            return "base URL and raw HTML"
        case 17:
            templateOverride =
                templateOverride == nil
                ? "{{% CONTENT_TYPE: MARKDOWN }}\n### {{number}}. {{name}} (custom)\n{{#notes}}\n- {{.}}\n{{/notes}}\n" : nil
            return "template override \(templateOverride != nil)"
        default:
            brokenStatus = true
            return "break the status file"
        }
    }

    /// Writes the files; removes those of apps and pages no longer there.
    func write(to folder: URL) throws {
        var files: [String: String] = [:]
        var config = """
            title: \(title)
            specs: [content/apps/*.yaml]
            status: content/status.yaml
            pages: content/pages
            output: { site: site, markdown: site/INFRASTRUCTURE.md }
            diagram: { width: \(width) }
            allow_raw_html: \(allowRawHTML)

            """
        if let baseURL { config += "base_url: \(baseURL)\n" }
        if scenario, let first = apps.first {
            config += "scenarios:\n  - name: Budget\n    description: Everything small\n    apps: [\(first.name)]\n    size: basic-xxs\n"
        }
        if external {
            config += "external:\n  - name: Supabase\n    kind: PostgreSQL Database\n    endpoint: db.example.supabase.co:6543\n"
        }
        files["cartograph.yaml"] = config
        for app in apps {
            var spec = "name: \(app.name)\nregion: \(app.brokenSpec ? "[\(app.region)" : app.region)\n"
            for kind in ["services", "workers", "static_sites"] {
                let components = app.components.filter { $0.kind == kind }
                guard !components.isEmpty else { continue }
                spec += "\(kind):\n"
                for component in components {
                    spec += "  - name: \(component.name)\n    github: { repo: org/\(app.name), branch: main }\n"
                    if kind != "static_sites" {
                        spec += "    instance_size_slug: \(component.size)\n    instance_count: \(component.count)\n"
                    }
                    if app.usesDatabase, kind == "services" {
                        spec += "    envs:\n      - key: DATABASE_HOST\n        value: db.example.supabase.co\n"
                    }
                }
            }
            files["content/apps/\(app.name).yaml"] = spec
        }
        var status = brokenStatus ? "verified: [2025-01-02\napps:\n" : "verified: 2025-01-02\napps:\n"
        for app in apps {
            status += "  \(app.name):\n    status: \(app.health)\n    url: https://\(app.name).example.org\n"
            if let note = app.note { status += "    note: \"\(note)\"\n" }
            if !app.checklist.isEmpty {
                status += "    checklist:\n" + app.checklist.map { "      - { item: \($0), state: pending }\n" }.joined()
            }
        }
        files["content/status.yaml"] = status
        for page in pages {
            files["content/pages/\(page.file)"] =
                "---\ntitle: \"\(page.title)\"\nweight: \(page.weight)\n\(page.app.map { "app: \($0)\n" } ?? "")---\n\(page.body)"
        }
        if let templateOverride { files["templates/markdown/app.mustache"] = templateOverride }

        let manager = FileManager.default
        for folderName in ["content/apps", "content/pages", "templates/markdown"] {
            let url = folder.appending(path: folderName)
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: url.path) where files["\(folderName)/\(name)"] == nil {
                try manager.removeItem(at: url.appending(path: name))
            }
        }
        for (path, text) in files {
            let url = folder.appending(path: path)
            // Unchanged files keep their bytes (and the cache its entries): only edits are saves.
            if (try? String(contentsOf: url, encoding: .utf8)) == text { continue }
            try save(text, to: url)
        }
    }
}
