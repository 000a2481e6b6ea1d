import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// ``SiteHTML`` writes the app and team pages by hand; the built-in templates through
/// swift-mustache must give the same bytes, for any view.
@Suite("Hand-written pages match the templates")
struct SiteHTMLTests {
    static let templates = TemplateLibrary(overrides: [:], displayPrefix: "", diagnostics: DiagnosticBag())

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

        /// Text with what escaping and the engine could trip on: markup, quotes, a `<` with
        /// a combining mark (one character, which the engine leaves), line breaks, `<pre>`.
        static let pieces = [
            "", "a", "Zürich", " ", "  ", "<", ">", "&", "\"", "'", "<\u{338}", "e\u{301}", "\n", "\n\n", "·", "<pre>", "</pre>",
            "{{name}}", "https://example.com/?a=1&b=2", "🔧", "\t",
        ]
        mutating func text() -> String { (0..<next(5)).map { _ in Self.pieces[next(Self.pieces.count)] }.joined() }
        mutating func maybe() -> String? { flip() ? text() : nil }
        mutating func many<T>(_ most: Int, _ make: (inout Choices) -> T) -> [T] { (0..<next(most + 1)).map { _ in make(&self) } }
    }

    static func layout(_ c: inout Choices) -> SiteViews.Layout {
        let crumbs = c.many(3) { SiteViews.Crumb(label: $0.text(), href: $0.maybe()) }
        return SiteViews.Layout(
            siteTitle: c.text(), pageTitle: c.text(), root: ["", "../", "../../"][c.next(3)],
            nav: c.many(5) { SiteViews.NavItem(label: $0.text(), href: $0.text(), current: $0.flip()) }, footer: c.text(),
            version: c.text(), summary: c.text(), crumbs: crumbs, hasCrumbs: c.flip() || !crumbs.isEmpty)
    }

    static func tables(_ c: inout Choices) -> [SiteViews.Table] {
        c.many(4) { c in
            SiteViews.Table(
                caption: c.text(), id: c.maybe(), header: c.many(4) { $0.text() },
                rows: c.many(4) { c in
                    SiteViews.Row(cells: c.many(4) { SiteViews.Cell($0.text(), href: $0.maybe(), code: $0.flip(), tone: $0.maybe()) })
                })
        }
    }

    static func lists(_ c: inout Choices) -> [SiteViews.List] {
        c.many(3) { SiteViews.List(heading: $0.text(), words: $0.many(3) { $0.text() }) }
    }

    static func appPage(_ c: inout Choices) -> SiteViews.AppPage {
        SiteViews.AppPage(
            layout: layout(&c), name: c.text(), statusLabel: c.text(), statusTone: c.text(),
            facts: c.many(6) { SiteViews.Field(label: $0.text(), value: $0.text(), href: $0.maybe(), code: $0.flip()) },
            tables: tables(&c), lists: lists(&c), hasSpec: c.flip(), diagramSVG: Array(c.text().utf8))
    }

    static func appsPage(_ c: inout Choices) -> SiteViews.AppsPage {
        SiteViews.AppsPage(
            layout: layout(&c), heading: c.text(), intro: c.text(),
            statuses: c.many(3) { SiteViews.Option(value: $0.text(), label: $0.text()) },
            regions: c.many(3) { SiteViews.Option(value: $0.text(), label: $0.text()) },
            groups: c.many(3) { c in
                SiteViews.DirectoryGroup(
                    id: c.text(), title: c.text(), count: c.text(), subtotal: c.text(), subtotalCents: c.text(),
                    rows: c.many(4) { c in
                        SiteViews.DirectoryRow(
                            name: c.text(), href: c.text(), status: c.text(), statusLabel: c.text(), region: c.text(),
                            regionLabel: c.text(), componentCount: c.text(), components: c.maybe(), cost: c.text(), costCents: c.text(),
                            runbookHref: c.maybe(), runbookTitle: c.maybe())
                    })
            })
    }

    static func markdownPage(_ c: inout Choices) -> SiteViews.MarkdownPage {
        let toc = c.many(5) { SiteViews.TocEntry(text: $0.text(), id: $0.text()) }
        return SiteViews.MarkdownPage(layout: layout(&c), heading: c.text(), bodyHTML: c.text(), toc: toc, hasToc: c.flip())
    }

    static func lines(_ c: inout Choices) -> [SiteViews.Line] { c.many(4) { .init(label: $0.text(), valueHTML: $0.text()) } }

    static func mapTable(_ c: inout Choices) -> SiteViews.MapTable {
        .init(label: c.text(), header: c.many(4) { $0.text() }, rows: c.many(4) { c in .init(cellsHTML: c.many(4) { $0.text() }) })
    }

    /// One of the map's sections on the index, each part there or not.
    static func mapSection(_ c: inout Choices) -> SiteViews.Section {
        func part<T>(_ c: inout Choices, _ make: (inout Choices) -> T) -> T? { c.next(3) == 0 ? make(&c) : nil }
        return SiteViews.Section(
            heading: c.text(), id: c.text(),
            inventory: part(&c) { c in
                let count = c.next(4)
                return (0..<count).map { index in
                    SiteViews.InventoryApp(
                        number: c.next(100), name: c.text(), slug: c.text(), fields: lines(&c), components: c.flip() ? mapTable(&c) : nil,
                        configuration: lines(&c), featuresHTML: c.many(3) { $0.text() }, checklist: lines(&c),
                        notesHTML: c.many(3) { $0.text() }, isLast: c.next(4) == 0 || index == count - 1)
                }
            },
            costs: part(&c) { c in
                let scenarios = c.many(3) { c in
                    SiteViews.ScenarioNote(name: c.text(), summary: c.text(), linesHTML: c.many(3) { $0.text() })
                }
                return .init(
                    table: mapTable(&c), pricingNoteHTML: c.text(), scenarios: scenarios, hasScenarios: c.flip() || !scenarios.isEmpty)
            },
            network: part(&c) { c in
                let dns = lines(&c)
                let externals = c.many(3) { c in
                    SiteViews.ExternalBlock(title: c.text(), fields: lines(&c), usageHTML: c.many(3) { $0.text() })
                }
                return .init(
                    endpoints: c.flip() ? mapTable(&c) : nil,
                    staticIPs: c.many(2) { c in .init(app: c.text(), slug: c.text(), addresses: c.many(3) { $0.text() }) }, dns: dns,
                    externals: externals, hasDNS: !dns.isEmpty, hasExternals: !externals.isEmpty)
            },
            commands: part(&c) { c in c.many(3) { .init(heading: $0.text(), id: $0.text(), code: $0.text()) } },
            monitoring: part(&c) { c in
                let checks = lines(&c)
                let alerts = c.many(3) { $0.text() }
                return .init(healthChecks: checks, alertsHTML: alerts, hasHealthChecks: !checks.isEmpty, hasAlerts: !alerts.isEmpty)
            },
            questions: part(&c) { c in
                let items = c.many(3) { $0.text() }
                return .init(itemsHTML: items, verifyCode: c.maybe(), hasItems: !items.isEmpty)
            })
    }

    static func indexPage(_ c: inout Choices) -> SiteViews.IndexPage {
        SiteViews.IndexPage(
            layout: layout(&c), title: c.text(),
            facts: c.many(3) { SiteViews.Field(label: $0.text(), value: $0.text(), href: $0.maybe(), code: $0.flip()) },
            cards: c.many(4) { SiteViews.Card(label: $0.text(), value: $0.text(), detail: $0.text(), tone: $0.text()) },
            diagramSVG: c.text(), diagramText: c.text(), hasDiagramText: c.flip(), overviewHeading: c.text(), overviewID: c.text(),
            sections: c.many(4) { mapSection(&$0) }, toc: c.many(4) { SiteViews.TocEntry(text: $0.text(), id: $0.text()) },
            summarised: c.flip(), summaryTables: tables(&c),
            summaryLinks: c.many(2) { SiteViews.NavItem(label: $0.text(), href: $0.text(), current: $0.flip()) })
    }

    @Test(arguments: 0..<300)
    func theIndex(seed: Int) throws {
        var choices = Choices(state: UInt64(seed))
        let view = Self.indexPage(&choices)
        let engine = try #require(Self.templates.render(view, template: "html-index"))
        #expect(RenderedText.html(SiteHTML.indexPage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    @Test(arguments: 0..<200)
    func thePagesIndex(seed: Int) throws {
        var c = Choices(state: UInt64(seed))
        let view = SiteViews.PagesPage(
            layout: Self.layout(&c), heading: c.text(),
            groups: c.many(3) { c in
                SiteViews.PageGroup(
                    id: c.text(), title: c.text(),
                    pages: c.many(4) { SiteViews.NavItem(label: $0.text(), href: $0.text(), current: $0.flip()) })
            }, isEmpty: c.flip())
        let engine = try #require(Self.templates.render(view, template: "html-pages"))
        #expect(RenderedText.html(SiteHTML.pagesPage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    @Test(arguments: 0..<100)
    func theNotFoundPage(seed: Int) throws {
        var c = Choices(state: UInt64(seed))
        let view = SiteViews.NotFoundPage(layout: Self.layout(&c))
        let engine = try #require(Self.templates.render(view, template: "html-404"))
        #expect(RenderedText.html(SiteHTML.notFoundPage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    /// Written as it is, untrimmed.
    @Test(arguments: 0..<100)
    func theSitemap(seed: Int) throws {
        var c = Choices(state: UInt64(seed))
        let view = SiteViews.Sitemap(urls: c.many(6) { $0.text() })
        #expect(SiteHTML.sitemap(view) == Self.templates.render(view, template: "html-sitemap.xml").map { Array($0.utf8) })
    }

    @Test(arguments: 0..<300)
    func anAppPage(seed: Int) throws {
        var choices = Choices(state: UInt64(seed))
        let view = Self.appPage(&choices)
        let engine = try #require(Self.templates.render(view, template: "html-app"))
        #expect(RenderedText.html(SiteHTML.appPage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    @Test(arguments: 0..<300)
    func aTeamPage(seed: Int) throws {
        var choices = Choices(state: UInt64(seed))
        let view = Self.markdownPage(&choices)
        let engine = try #require(Self.templates.render(view, template: "html-page"))
        #expect(RenderedText.html(SiteHTML.markdownPage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    @Test(arguments: 0..<200)
    func aTablePage(seed: Int) throws {
        var choices = Choices(state: UInt64(seed))
        let view = SiteViews.TablePage(
            layout: Self.layout(&choices), heading: choices.text(), intro: choices.text(), tables: Self.tables(&choices),
            lists: Self.lists(&choices))
        let engine = try #require(Self.templates.render(view, template: "html-tables"))
        #expect(RenderedText.html(SiteHTML.tablePage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    @Test(arguments: 0..<200)
    func theAppsDirectory(seed: Int) throws {
        var choices = Choices(state: UInt64(seed))
        let view = Self.appsPage(&choices)
        let engine = try #require(Self.templates.render(view, template: "html-apps"))
        #expect(RenderedText.html(SiteHTML.appsPage(view)) == RenderedText.html(Array(engine.utf8)))
    }

    /// A whole site, once as the build writes it and once with the built-in templates
    /// overridden by equivalents in a templates folder, which sends every page through the engine.
    /// The example, a project of a few apps (its index shows the map's sections in full) and
    /// one whose index summarises.
    @Test(arguments: [0, 12, IndexSummary.threshold + 5])
    func aGeneratedSiteIsTheSameEitherWay(apps: Int) throws {
        let root = try apps == 0 ? copyOfExample() : generatedProject(apps: apps)
        defer { try? FileManager.default.removeItem(at: root) }
        let native = MapBuild.run(Workspace.load(root: root))
        #expect(!native.hasErrors)
        let engineOnly =
            SiteHTML.templatePaths + SiteHTML.indexTemplatePaths + SiteHTML.pagesTemplatePaths + SiteHTML.notFoundTemplatePaths
            + SiteHTML.sitemapTemplatePaths
        for path in Set(engineOnly) {
            let url = root.appending(path: "templates/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // A trailing comment renders nothing, but makes the file the user's, not a copy.
            try Data(((DefaultTemplates.files[path] ?? "") + "{{! the user's }}\n").utf8).write(to: url)
        }
        let engine = MapBuild.run(Workspace.load(root: root))
        #expect(!engine.hasErrors)
        #expect(native.outputs.paths == engine.outputs.paths)
        for path in native.outputs.paths {
            #expect(native.outputs.files[path] == engine.outputs.files[path], "\(path)")
        }
    }

    /// A page with the header and footer written from its layout, from another layout, or
    /// from its layout before a field changed: the page its layout writes by itself.
    @Test(arguments: 0..<300)
    func aLayoutsChromeIsWhatItWritesItself(seed: Int) {
        var c = Choices(state: UInt64(seed))
        let view = Self.markdownPage(&c)
        let other = Self.layout(&c)
        let expected = SiteHTML.markdownPage(view)
        #expect(SiteHTML.markdownPage(view, chrome: SiteHTML.Chrome(view.layout)) == expected)
        #expect(SiteHTML.markdownPage(view, chrome: SiteHTML.Chrome(other)) == expected)
        var changed = view
        changed.layout = other
        changed.layout.root = view.layout.root
        changed.layout.footer = view.layout.footer
        #expect(SiteHTML.markdownPage(changed, chrome: SiteHTML.Chrome(other)) == SiteHTML.markdownPage(changed))
        var app = Self.appPage(&c)
        #expect(SiteHTML.appPage(app, chrome: SiteHTML.Chrome(app.layout)) == SiteHTML.appPage(app))
        app.layout.nav = other.nav
        #expect(SiteHTML.appPage(app, chrome: SiteHTML.Chrome(other)) == SiteHTML.appPage(app))
    }
}
