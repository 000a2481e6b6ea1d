import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// ``MapMarkdown`` writes the Markdown map by hand; the built-in templates through
/// swift-mustache must give the same bytes, untrimmed, for any view: the whole map and every
/// section alone, as injection places it.
@Suite("Hand-written Markdown map matches the templates")
struct MapMarkdownTests {
    static let templates = TemplateLibrary(overrides: [:], displayPrefix: "", diagnostics: DiagnosticBag())

    static func expectSame(_ view: MapViewModel) throws {
        let engine = try #require(templates.render(view, template: "markdown-map"))
        #expect(MapMarkdown.document(view) == engine)
        for section in view.sections {
            let body = try #require(templates.render(section, template: "markdown-section-body"))
            #expect(MapMarkdown.sectionBody(section) == body, "\(section.slug)")
        }
    }

    /// The view a build of `root` renders, before any choice of writer.
    static func view(of root: URL, style: StatusStyle = .emoji) -> MapViewModel {
        let workspace = Workspace.load(root: root)
        let (map, _) = workspace.resolve()
        let layout = DiagramRenderer.layout(map, width: workspace.config.diagramWidth, ascii: workspace.config.diagramASCII)
        return MapViewModel(map: map, pages: workspace.pages, diagram: DiagramRenderer.text(layout), style: style)
    }

    @Test(arguments: [StatusStyle.emoji, .ascii])
    func theExample(style: StatusStyle) throws {
        try Self.expectSame(Self.view(of: repositoryRoot, style: style))
    }

    @Test func theHostileFixture() throws {
        try Self.expectSame(Self.view(of: fixtureURL("hostile")))
    }

    @Test(arguments: [1, 4, 31])
    func aGeneratedProject(apps: Int) throws {
        let root = try generatedProject(apps: apps)
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.expectSame(Self.view(of: root))
    }

    @Test(.enabled(if: sharedFolder != nil && which("python3") != nil, "needs python3 and ../shared/bench"), arguments: [12, 45])
    func aGenBenchProject(apps: Int) throws {
        let generator = try #require(sharedFolder?.appending(path: "bench/gen_bench.py"))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appending(path: "project")
        let generated = try run(try #require(which("python3")), [generator.path, root.path, "\(apps)"])
        try #require(generated.status == 0, "\(generated.stderr)")
        try Self.expectSame(Self.view(of: root))
    }

    /// A reproducible stream of choices (SplitMix64).
    struct Choices {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func flip() -> Bool { next(2) == 0 }

        /// Text with what Markdown, the escaping and the engine could trip on: emphasis,
        /// pipes, backticks and fences, headings, list and quote markers, line breaks,
        /// trailing spaces, tags, Mustache's own braces.
        static let pieces = [
            "", "a", "Zürich", " ", "  ", "|", "`", "``", "```", "~~~", "*", "**", "_", "#", "## ", "- ", "+", "1. ", "2)", ">",
            "\\", "[x](y)", "<b>", "&", "\n", "\n\n", "\r\n", "\t", "    ", "---", "===", "https://example.com/a|b", "www.x",
            "{{title}}", "{{{diagram}}}", "🔧", "e\u{301}", "<pre>",
        ]
        mutating func text() -> String { (0..<next(6)).map { _ in Self.pieces[next(Self.pieces.count)] }.joined() }
        mutating func maybe() -> String? { flip() ? text() : nil }
        mutating func many<T>(_ most: Int, _ make: (inout Choices) -> T) -> [T] { (0..<next(most + 1)).map { _ in make(&self) } }
        mutating func fields() -> [MapViewModel.Field] { many(4) { .init(label: $0.text(), valueMarkdown: $0.text()) } }
        mutating func table() -> MapViewModel.Table {
            let header = many(5) { $0.text() }
            return .init(header: header, rows: many(4) { c in .init(cells: c.many(5) { $0.text() }) })
        }
    }

    static func section(_ c: inout Choices) -> MapViewModel.Section {
        func part<T>(_ c: inout Choices, _ make: (inout Choices) -> T) -> T? { c.next(3) == 0 ? make(&c) : nil }
        return MapViewModel.Section(
            heading: c.text(), slug: c.text(), overview: part(&c) { .init(diagram: $0.text()) },
            inventory: part(&c) { c in
                let count = c.next(4)
                return (0..<count).map { index in
                    MapViewModel.AppView(
                        number: c.next(2_000) - 5, name: c.text(), fields: c.fields(), components: c.flip() ? c.table() : nil,
                        configuration: c.fields(), features: c.many(3) { $0.text() }, checklist: c.fields(),
                        notes: c.many(3) { $0.text() }, isLast: c.next(4) == 0 || index == count - 1)
                }
            },
            costs: part(&c) { c in
                .init(
                    table: c.table(),
                    scenarios: c.many(3) { .init(name: $0.text(), summary: $0.text(), lines: $0.many(3) { $0.text() }) },
                    pricingNote: c.text())
            },
            network: part(&c) { c in
                .init(
                    endpoints: c.flip() ? c.table() : nil, staticIPs: c.many(2) { .init(app: $0.text(), ips: $0.many(3) { $0.text() }) },
                    dns: c.fields(), externals: c.many(3) { .init(title: $0.text(), fields: $0.fields(), usage: $0.many(3) { $0.text() }) })
            },
            commands: part(&c) { c in c.many(3) { .init(heading: $0.text(), code: $0.text()) } },
            monitoring: part(&c) { c in .init(healthChecks: c.fields(), alerts: c.many(3) { $0.text() }) },
            questions: part(&c) { c in .init(items: c.many(3) { $0.text() }, verifyCode: c.maybe()) },
            pageMarkdown: part(&c) { $0.text() })
    }

    @Test(arguments: 0..<300)
    func aHostileView(seed: Int) throws {
        var c = Choices(state: UInt64(seed))
        let view = MapViewModel(
            title: c.text(), updated: c.maybe(), environment: c.maybe(), platform: c.text(), diagram: c.text(),
            sections: c.many(5) { Self.section(&$0) },
            footer: .init(mapStatus: c.maybe(), lastVerified: c.maybe(), nextReview: c.maybe()))
        try Self.expectSame(view)
    }

    /// Whole builds, once as they run and once with the Markdown templates overridden by
    /// copies that render the same, which sends the map and every injected section through
    /// the engine: every output the same, byte for byte.
    @Test(arguments: ["example", "hostile", "generated"])
    func aBuildIsTheSameEitherWay(project: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appending(path: "project")
        switch project {
        case "example": try FileManager.default.moveItem(at: try copyOfExample(), to: root)
        case "hostile": try FileManager.default.copyItem(at: fixtureURL("hostile"), to: root)
        default: try FileManager.default.moveItem(at: try generatedProject(apps: 9), to: root)
        }
        let configURL = root.appending(path: Workspace.configName)
        let config = try String(contentsOf: configURL, encoding: .utf8)
        let injected =
            config.contains("output: {")
            ? config.replacingOccurrences(
                of: "markdown: site/INFRASTRUCTURE.md", with: "markdown: site/INFRASTRUCTURE.md, inject: [NOTES.md]")
            : config.replacingOccurrences(
                of: "  markdown: site/INFRASTRUCTURE.md", with: "  markdown: site/INFRASTRUCTURE.md\n  inject: [NOTES.md]")
        #expect(injected != config)
        try Data(injected.utf8).write(to: configURL)
        let sections = ["", " diagram", " inventory", " costs", " endpoints", " commands", " monitoring", " questions"]
        let notes = sections.map { "Before\($0)\n<!-- cartograph:begin\($0) -->\n<!-- cartograph:end -->\n" }.joined(separator: "\n")
        try Data(notes.utf8).write(to: root.appending(path: "NOTES.md"))

        let native = MapBuild.run(Workspace.load(root: root))
        #expect(!native.hasErrors, "\(native.diagnostics.map(\.message))")
        // A trailing comment is a standalone tag: it renders nothing, but the file is the user's.
        for path in MapMarkdown.templatePaths {
            let url = root.appending(path: "templates/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(((DefaultTemplates.files[path] ?? "") + "{{! the user's }}\n").utf8).write(to: url)
        }
        let engine = MapBuild.run(Workspace.load(root: root))
        #expect(!engine.hasErrors, "\(engine.diagnostics.map(\.message))")
        #expect(native.outputs.paths == engine.outputs.paths)
        #expect(native.outputs.paths.contains("NOTES.md"))
        for path in native.outputs.paths {
            #expect(native.outputs.files[path] == engine.outputs.files[path], "\(path)")
        }
    }
}
