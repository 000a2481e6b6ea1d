package import CartographModel
import Foundation

/// Builds the static HTML site from the map's presentation: the index with the SVG diagram,
/// a page per app, costs, network, the team's pages, 404 and (with a base URL) a sitemap.
/// Every link is relative so the site works from `file://`, under any path, on any host.
package struct SiteBuilder {
    var presentation: MapPresentation {
        didSet {
            footer = Self.footer(presentation)
            chromes = []
            chromes = madeChromes()
        }
    }
    /// ``footer(_:)`` of ``presentation``.
    private var footer: String
    /// ``madeChromes()``, by depth.
    private var chromes: [SiteHTML.Chrome] = []
    /// The map, for the SVG diagrams only: the diagram is drawn from the map, as the text
    /// diagram is; every word of the pages comes from ``presentation``.
    var drawing: InfraMap
    var pages: [Page]
    var settings: RenderSettings
    var templates: TemplateLibrary
    /// The text diagram, which the index shows up to ``IndexSummary/threshold`` apps; above
    /// it, nil when the caller did not make it (see ``showsMapSections(_:)``).
    var diagramText: String?
    var diagnostics: DiagnosticBag
    /// Renders only the outputs whose views changed since the previous build (`serve`).
    var pass: RenderPass
    /// The apps' boxes, shared with the text diagram drawn beside the site.
    var appBoxes: AppBoxes?

    var style: StatusStyle { .emoji }

    /// Adds the site's files under `settings.siteOutput` to `outputs`.
    package func build(into outputs: inout OutputSet) {
        let site = settings.siteOutput
        let builder = self
        /// A page from its view: rendered, or as the previous build rendered the same view.
        @Sendable func page<View: Equatable & Sendable>(_ path: String, _ view: View, _ render: (View) -> [UInt8]?) -> Made {
            let output = "\(site)/\(path)"
            return Made(
                path: path, output: output,
                html: builder.pass.output(output, view: view, templates: builder.templates, bytes: { render($0).map(RenderedText.html) }))
        }
        let native = rendersNatively
        // Every page is independent of the others: one queue on every core, the pages that
        // list every app first so that none of them is left to run alone at the end. The
        // few fixed files go last: they fill a core while the other finishes its page.
        let fixed: [Job] = [.costs, .network, .appsList, .index, .pagesList]
        let appsStart = fixed.count
        let pagesStart = appsStart + presentation.apps.count
        let jobs: [Job] =
            fixed + presentation.apps.indices.map(Job.app) + pages.indices.map(Job.page) + [.notFound, .style, .script]
        var made = Parallel.map(jobs) { job -> Made in
            switch job {
            case .index:
                return page("index.html", builder.indexPage()) {
                    builder.templates.usesBuiltIns(SiteHTML.indexTemplatePaths)
                        ? SiteHTML.indexPage($0) : builder.engine($0, template: "html-index")
                }
            case .appsList:
                return page("apps/index.html", builder.appsPage()) {
                    native ? SiteHTML.appsPage($0) : builder.engine($0, template: "html-apps")
                }
            case .costs, .network:
                let (path, view) = job == .costs ? ("costs/index.html", builder.costsPage()) : ("network/index.html", builder.networkPage())
                return page(path, view) { native ? SiteHTML.tablePage($0) : builder.engine($0, template: "html-tables") }
            case .pagesList:
                return page("pages/index.html", builder.pagesPage()) {
                    builder.templates.usesBuiltIns(SiteHTML.pagesTemplatePaths)
                        ? SiteHTML.pagesPage($0) : builder.engine($0, template: "html-pages")
                }
            case .app(let index):
                // Read in place through the arrays' buffers, not copied out: an app and its
                // entry hold dozens of references each, a retain and a release apiece.
                let svg = builder.drawing.apps.withUnsafeBufferPointer { apps in
                    SVGDiagram.appDiagramBytes(apps[index], at: index, in: builder.drawing, boxes: builder.appBoxes)
                }
                return builder.presentation.apps.withUnsafeBufferPointer { apps in
                    let view = builder.appPage(apps[index], diagramSVG: svg)
                    var made = page("apps/\(apps[index].slug)/index.html", view) {
                        native ? SiteHTML.appPage($0, chrome: builder.chrome(depth: 2)) : builder.engine($0, template: "html-app")
                    }
                    made.app = SearchIndex.entry(apps[index])
                    return made
                }
            case .page(let index):
                return builder.pages.withUnsafeBufferPointer { pages in
                    let (view, entry) = builder.markdownPage(pages[index])
                    var made = page("pages/\(pages[index].slug)/index.html", view) {
                        native ? SiteHTML.markdownPage($0, chrome: builder.chrome(depth: 2)) : builder.engine($0, template: "html-page")
                    }
                    made.page = entry
                    return made
                }
            case .notFound:
                // The 404 page is served at any depth: only absolute links (from base_url) reach home
                // from everywhere; without one, links are relative to the site's root folder.
                var notFound = builder.layout("Page not found", depth: 0, current: "")
                if let base = builder.settings.baseURL { notFound.root = base.hasSuffix("/") ? base : base + "/" }
                return page("404.html", SiteViews.NotFoundPage(layout: notFound)) {
                    builder.templates.usesBuiltIns(SiteHTML.notFoundTemplatePaths)
                        ? SiteHTML.notFoundPage($0) : builder.engine($0, template: "html-404")
                }
            case .style, .script:
                let (path, template) = job == .style ? ("style.css", "html-style.css") : ("assets/site.js", "html-site.js")
                let output = "\(site)/\(path)"
                return Made(
                    path: path, output: output,
                    html: builder.pass.output(output, view: "", templates: builder.templates) { _ in
                        builder.templates.render([String: String](), template: template)
                    })
            }
        }
        Trace.mark("pages")
        guard made.count == jobs.count else { return }  // cancelled: the caller drops the outputs
        // Each output made once, by its job, with its path: read in place, its bytes and
        // search entries moved out (taken), not copied and released twice.
        outputs.reserveCapacity(made.count + 2)
        func add(_ index: Int) {
            guard let bytes = made[index].html.take() else {
                diagnostics.error("a template needed for \(made[index].path) is missing", at: .start(of: settings.templates))
                return
            }
            outputs.add(made[index].output, bytes: bytes)
        }
        // Added in the order the site lists them, which the collision and missing-template
        // diagnostics follow.
        add(fixed.firstIndex(of: .index) ?? 0)
        for index in presentation.apps.indices { add(appsStart + index) }
        for job in [Job.appsList, .costs, .network, .pagesList] { add(fixed.firstIndex(of: job) ?? 0) }
        for index in pages.indices { add(pagesStart + index) }
        let last = pagesStart + pages.count
        add(last)
        // The style sheet and script have no template error of their own to report.
        for index in (last + 1)...(last + 2) {
            if let bytes = made[index].html.take() { outputs.add(made[index].output, bytes: bytes) }
        }
        var appEntries: [SearchIndex.AppEntry] = []
        var pageEntries: [SearchIndex.PageEntry] = []
        appEntries.reserveCapacity(presentation.apps.count)
        pageEntries.reserveCapacity(pages.count)
        for index in made.indices {
            if let entry = made[index].app.take() { appEntries.append(entry) }
            if let entry = made[index].page.take() { pageEntries.append(entry) }
        }
        let search = SearchIndex(apps: appEntries, pages: pageEntries)
        Trace.mark("search view")
        if let script = pass.output("\(site)/search-index.js", view: search, templates: templates, bytes: { $0.javaScriptBytes() }) {
            outputs.add("\(site)/search-index.js", bytes: script)
        }
        if let base = settings.baseURL {
            let root = base.hasSuffix("/") ? base : base + "/"
            var urls =
                Self.navigation.map(\.folder) + presentation.apps.map { "apps/\($0.slug)/" } + pages.map { "pages/\($0.slug)/" }
            urls = urls.map { root + $0 }
            let sitemap = SiteViews.Sitemap(urls: urls)
            let xml = pass.output(
                "\(site)/sitemap.xml", view: sitemap, templates: templates,
                bytes: {
                    templates.usesBuiltIns(SiteHTML.sitemapTemplatePaths)
                        ? SiteHTML.sitemap($0) : engine($0, template: "html-sitemap.xml")
                })
            if let xml { outputs.add("\(site)/sitemap.xml", bytes: xml) }
        }
    }

    /// One page of the site to render: those that list the map, or one app's or team page.
    private enum Job: Hashable, Sendable {
        case index, appsList, costs, network, pagesList
        case app(Int)
        case page(Int)
        case notFound, style, script
    }

    /// A page's path and bytes (nil when its template is missing), with what the search index keeps
    /// of an app's page or a team page. A struct, not an enum with payloads: its fields are
    /// read in place, where a `switch` copies the whole payload out.
    private struct Made: Sendable {
        /// The path in the site folder, and as an output (under the site folder).
        var path: String
        var output: String
        var html: [UInt8]?
        var app: SearchIndex.AppEntry?
        var page: SearchIndex.PageEntry?
    }

    /// Whether the index shows the map's sections and its text diagram; above
    /// ``IndexSummary/threshold`` apps it summarises instead, and needs no text diagram.
    package static func showsMapSections(_ map: InfraMap) -> Bool { map.apps.count <= IndexSummary.threshold }

    /// A page through the template engine, as the bytes ``SiteHTML`` would write.
    func engine(_ view: Any, template: String) -> [UInt8]? {
        templates.render(view, template: template).map { Array($0.utf8) }
    }

    /// Whether ``SiteHTML`` writes the pages that grow with the map: only while their
    /// templates are the built-in ones.
    var rendersNatively: Bool { !templates.overridden.contains { SiteHTML.templatePaths.contains($0) } }

    // MARK: Layout

    /// The same header on every page: the map's fixed sections and the search box, never a
    /// list that grows with the map (apps and pages have index pages of their own).
    func layout(_ title: String, depth: Int, current: String, summary: String? = nil, crumbs: [SiteViews.Crumb] = [])
        -> SiteViews.Layout
    {
        let root = String(repeating: "../", count: depth)
        let hrefs = depth < Self.navigationHrefs.count ? Self.navigationHrefs[depth] : Self.navigationHrefs(root: root)
        let nav = Self.navigation.indices.map { index in
            SiteViews.NavItem(label: Self.navigation[index].label, href: hrefs[index], current: current == Self.navigation[index].id)
        }
        let p = presentation
        let trail = crumbs.isEmpty ? [] : [SiteViews.Crumb(label: "Map", href: root + "index.html")] + crumbs
        return SiteViews.Layout(
            siteTitle: p.title, pageTitle: title == p.title ? title : "\(title) · \(p.title)", root: root, nav: nav,
            footer: footer, version: CartographVersion.current,
            summary: summary ?? "\(p.title): \(p.apps.count) apps on \(p.platform)", crumbs: trail, hasCrumbs: !trail.isEmpty)
    }

    /// The header and footer of a page `depth` folders deep that is none of the
    /// navigation's: every app's and team page has them.
    func chrome(depth: Int) -> SiteHTML.Chrome? { depth < chromes.count ? chromes[depth] : nil }

    /// ``chrome(depth:)`` at every depth of the site's pages, made once.
    func madeChromes() -> [SiteHTML.Chrome] {
        (0..<Self.navigationHrefs.count).map { SiteHTML.Chrome(layout("", depth: $0, current: "")) }
    }

    /// The footer's dates, the same on every page: made once, not for each of thousands.
    static func footer(_ presentation: MapPresentation) -> String {
        var footer: [String] = []
        if let verified = presentation.verified { footer.append("Last verified \(verified.long)") }
        if let updated = presentation.updated { footer.append("updated \(updated.long)") }
        return footer.joined(separator: ", ")
    }

    /// The site's fixed navigation: the map, the pages of the sections that have one (as
    /// ``MapSection`` declares them), the team's pages. Folders end in "/" ("" for the root);
    /// `id` is what ``layout(_:depth:current:summary:crumbs:)`` takes as `current`.
    static let navigation: [(label: String, folder: String, id: String)] =
        [("Map", "", "index")] + MapSection.allCases.compactMap { $0.sitePage.map { ($0.label, $0.folder + "/", $0.folder) } }
        + [("Pages", "pages/", "pages")]

    /// The navigation's links from a folder `root` deep (`../../`).
    static func navigationHrefs(root: String) -> [String] {
        navigation.map { root + $0.folder + "index.html" }
    }

    /// ``navigationHrefs(root:)`` from the depths of the site's pages, made once: every page
    /// of a thousand apps and pages has the same.
    static let navigationHrefs: [[String]] = (0...2).map { navigationHrefs(root: String(repeating: "../", count: $0)) }

    /// "🔧 Deployment Architecture" → "Deployment Architecture", for navigation.
    static func plainTitle(_ title: String) -> String {
        let trimmed = title.drop { !($0.isLetter || $0.isNumber) }
        return trimmed.isEmpty ? title : String(trimmed)
    }

    // MARK: Index

    func indexPage() -> SiteViews.IndexPage {
        let p = presentation
        let svg = SVGDiagram(map: drawing, title: "Architecture of \(p.title)").render()
        var facts: [SiteViews.Field] = []
        if let updated = p.updated { facts.append(.init(label: "Last Updated", value: updated.long, code: false)) }
        if let environment = p.environment { facts.append(.init(label: "Environment", value: environment, code: false)) }
        facts.append(.init(label: "Primary Platform", value: p.platform, code: false))
        let summarised = !Self.showsMapSections(drawing)
        let overview = MapSection.overview
        var toc = [SiteViews.TocEntry(text: Self.plainTitle(overview.heading), id: overview.slug)]
        var sections: [SiteViews.Section] = []
        var summaryTables: [SiteViews.Table] = []
        var summaryLinks: [SiteViews.NavItem] = []
        if summarised {
            (summaryTables, summaryLinks) = summary()
            toc += summaryTables.map { .init(text: $0.caption, id: $0.id) }
        } else {
            // The team's pages are on pages of their own; the index keeps the map's sections.
            sections = mapSections()
            toc += sections.map { .init(text: Self.plainTitle($0.heading), id: $0.id) }
        }
        return SiteViews.IndexPage(
            layout: layout(p.title, depth: 0, current: "index"), title: p.title, facts: facts, cards: cards(),
            diagramSVG: svg, diagramText: diagramText ?? "", hasDiagramText: !summarised,
            overviewHeading: Self.plainTitle(overview.heading),
            overviewID: overview.slug, sections: sections, toc: toc, summarised: summarised, summaryTables: summaryTables,
            summaryLinks: summaryLinks)
    }

    /// The index's tables above ``IndexSummary/threshold`` apps, and the link to the rest of
    /// the attention list when it is capped.
    func summary() -> ([SiteViews.Table], [SiteViews.NavItem]) {
        let summary = IndexSummary(presentation: presentation, directory: AppsDirectory(presentation: presentation, components: false))
        let regions = SiteViews.Table(
            caption: "Apps by region", id: "apps-by-region", header: ["Region", "Apps", "Running", "Monthly cost (if all deployed)"],
            rows: summary.regions.map { r in
                .init(cells: [
                    .init(r.region?.title ?? "No region", href: "apps/index.html#\(r.groupID)"), .init("\(r.apps)"), .init("\(r.running)"),
                    .init(r.cost.perMonth),
                ])
            })
        func line(_ app: IndexSummary.AppLine, note: Bool) -> SiteViews.Row {
            var cells: [SiteViews.Cell] = [
                .init(app.name, href: "apps/\(app.slug)/index.html"), .init(style.label(app.health), tone: app.health.rawValue),
                .init(app.region?.title ?? "-"), .init(app.cost.perMonth),
            ]
            if note { cells.append(.init(app.note ?? "-")) }
            return .init(cells: cells)
        }
        let expensive = SiteViews.Table(
            caption: "Most expensive apps", id: "most-expensive-apps", header: ["App", "Status", "Region", "Monthly cost"],
            rows: summary.mostExpensive.map { line($0, note: false) })
        let attention = SiteViews.Table(
            caption: "Down or degraded (\(summary.attentionCount))", id: "needs-attention",
            header: ["App", "Status", "Region", "Monthly cost", "Note"], rows: summary.attention.map { line($0, note: true) })
        var links: [SiteViews.NavItem] = []
        if summary.attentionCount > summary.attention.count {
            links.append(
                .init(
                    label: "All \(summary.attentionCount) apps that are down or degraded, in the apps directory",
                    href: "apps/index.html?status=down,degraded", current: false))
        }
        return ([regions, expensive, attention].filter { !$0.isEmpty }, links)
    }

    func cards() -> [SiteViews.Card] {
        let apps = presentation.apps
        let costs = presentation.costs
        var cards: [SiteViews.Card] = []
        // Counted by index: an app's entry is large, and a grouping or a filter copies each.
        var counts: [Health: Int] = [:]
        var running = 0
        for index in apps.indices {
            let health = apps[index].health
            counts[health, default: 0] += 1
            if health.isRunning { running += 1 }
        }
        let breakdown = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        cards.append(
            .init(
                label: "Apps", value: "\(apps.count)", detail: breakdown.isEmpty ? "none yet" : breakdown,
                tone: running == apps.count && running > 0 ? "healthy" : "neutral"))
        /// "$37/month", with "estimated" moved to the detail line so the figure stays short.
        func figure(_ cost: Cost) -> String { cost.isFullyUnknown ? "unknown" : cost.amount + "/month" }
        func detail(_ text: String, _ cost: Cost) -> String { cost.isEstimate ? "\(text); includes estimates" : text }
        cards.append(
            .init(
                label: "Running now", value: figure(costs.current),
                detail: detail("\(running) app\(running == 1 ? "" : "s") verified running", costs.current), tone: "healthy"))
        cards.append(
            .init(
                label: "If all deployed", value: figure(costs.ifAllDeployed),
                detail: detail("every app in the map", costs.ifAllDeployed), tone: "neutral"))
        for scenario in costs.scenarios {
            cards.append(
                .init(
                    label: scenario.name, value: figure(scenario.ifAllDeployed),
                    detail: detail(scenario.tradeOff ?? "what-if", scenario.ifAllDeployed), tone: "scenario"))
        }
        return cards
    }

    // MARK: App pages

    func appPage(_ app: MapPresentation.AppEntry, diagramSVG: [UInt8]) -> SiteViews.AppPage {
        var facts: [SiteViews.Field] = [.init(label: "Platform", value: presentation.platform, code: false)]
        if let region = app.region { facts.append(.init(label: "Region", value: region.title, code: false)) }
        if let url = app.url { facts.append(.init(label: "URL", value: url, href: HTMLEscape.url(url) == "#" ? nil : url, code: false)) }
        facts.append(.init(label: "Monthly cost", value: app.cost.perMonth, code: false))
        for amount in app.scenarioCosts {
            facts.append(.init(label: amount.scenario, value: amount.cost.perMonth, code: false))
        }
        if let file = app.specFile { facts.append(.init(label: "Spec", value: file, code: true)) }
        if let source = app.source {
            facts.append(.init(label: "Source", value: source.reference + (source.branch.map { " (\($0))" } ?? ""), code: true))
            facts.append(.init(label: "Auto-deploy", value: source.deployOnPush == true ? "on push" : "off", code: false))
        }
        if let deployment = app.deployment {
            facts.append(.init(label: "Latest deployment", value: deployment.text, code: false))
        }
        if let runbook = app.runbook {
            facts.append(
                .init(label: "Runbook", value: Self.plainTitle(runbook.title), href: "../../pages/\(runbook.slug)/index.html", code: false))
        }
        if let stack = app.stack { facts.append(.init(label: "Stack", value: stack, code: false)) }
        for detail in app.details {
            facts.append(.init(label: detail.label, value: detail.value, code: detail.isPath))
        }

        var tables: [SiteViews.Table] = []
        tables.append(
            .init(
                caption: "Components", id: SearchIndex.appAnchors.components,
                header: ["Component", "Kind", "Size", "Instances", "Source", "Monthly cost", "Status"],
                // By index, each field read in place: a closure over the components copies
                // each, a retain and a release for every one of its strings.
                rows: app.components.indices.map { i in
                    let c = app.components
                    var status = c[i].state ?? "-"
                    let metrics = [c[i].cpu.map { "CPU \($0)" }, c[i].memory.map { "RAM \($0)" }].compactMap { $0 }
                    if !metrics.isEmpty { status += " (\(metrics.joined(separator: ", ")))" }
                    return .init(cells: [
                        .init(c[i].name, code: true), .init(c[i].kind + (c[i].purpose.map { " — \($0)" } ?? "")),
                        .init(c[i].effectiveSlug ?? "-", code: c[i].effectiveSlug != nil),
                        .init(c[i].instancesText + (c[i].instances.count > 1 ? " (autoscaling)" : "")),
                        .init(c[i].source ?? "-", code: c[i].source != nil), .init("\(c[i].costText) — \(c[i].costBasis)"), .init(status),
                    ])
                }))
        tables.append(
            .init(
                caption: "Routes", id: SearchIndex.appAnchors.routes, header: ["Path", "Component", "From"],
                rows: app.routes.map { r in
                    .init(cells: [.init(r.path, code: true), .init(r.component ?? "-", code: r.component != nil), .init(r.origin)])
                }))
        tables.append(
            .init(
                caption: "Health checks", header: ["Component", "Check", "Initial delay", "Period"],
                rows: app.healthChecks.map { h in
                    .init(cells: [
                        .init(h.component, code: true), .init((h.path ?? "TCP") + (h.isLiveness ? " (liveness)" : ""), code: h.path != nil),
                        .init(h.initialDelaySeconds.map { "\($0)s" } ?? "-"), .init(h.periodSeconds.map { "\($0)s" } ?? "-"),
                    ])
                }))
        tables.append(
            .init(
                caption: "Alerts", header: ["Rule", "Condition", "Enabled"],
                rows: app.alerts.map { a in
                    .init(cells: [
                        .init(a.rule, code: true), .init(a.condition.isEmpty ? "-" : a.condition), .init(a.isEnabled ? "yes" : "no"),
                    ])
                }))
        tables.append(
            .init(
                caption: "Dependencies", header: ["Uses", "Found in", "By"],
                rows: app.dependencies.map { d in
                    .init(cells: [
                        .init(d.target), .init(d.keys.joined(separator: ", "), code: true), .init(d.users.joined(separator: ", ")),
                    ])
                }))
        let domains = app.domains.compactMap { d in
            d.name.map { SiteViews.Row(cells: [.init($0, code: true), .init(d.fromSpec ? "spec" : d.planned ?? "status")]) }
        }
        tables.append(.init(caption: "Domains", id: SearchIndex.appAnchors.domains, header: ["Domain", "Notes"], rows: domains))
        tables.append(
            .init(
                caption: "Environment variables (keys only; values are never shown)", id: SearchIndex.appAnchors.envKeys,
                header: ["Key", "Scope", "Type", "Set on"],
                rows: app.envKeys.map { e in .init(cells: [.init(e.key, code: true), .init(e.scope), .init(e.type), .init(e.owner)]) }))
        if !app.staticIPs.isEmpty {
            tables.append(
                .init(caption: "Static IPs", header: ["Address"], rows: app.staticIPs.map { .init(cells: [.init($0, code: true)]) }))
        }
        let checklist = app.checklist.map { "\(style.check($0.state)) \($0.label)" + ($0.note.map { ": \($0)" } ?? "") }
        let lists = [
            SiteViews.List(heading: "Deployment checklist", words: checklist),
            SiteViews.List(heading: "Features", words: app.features),
            SiteViews.List(heading: "Notes", words: (app.note.map { [$0] } ?? []).filter { !app.notes.contains($0) } + app.notes),
            SiteViews.List(heading: "Questions", words: app.questions),
        ]
        var statusLabel = style.label(app.health)
        if let note = app.statusNote { statusLabel += " (\(note))" }
        return SiteViews.AppPage(
            layout: layout(
                app.name, depth: 2, current: "app:\(app.slug)", summary: "\(app.name): \(statusLabel), \(app.cost.perMonth)",
                crumbs: [.init(label: "Apps", href: "../index.html"), .init(label: app.name)]),
            name: app.name, statusLabel: statusLabel, statusTone: app.health.rawValue, facts: facts,
            tables: tables.filter { !$0.isEmpty || $0.caption == "Components" }, lists: lists.filter { !$0.isEmpty }, hasSpec: app.hasSpec,
            diagramSVG: diagramSVG)
    }

    // MARK: Costs and network

    func costsPage() -> SiteViews.TablePage {
        let costs = presentation.costs
        let summary = SiteViews.Table(
            caption: "Monthly cost by application", header: ["Application", "Monthly cost", "Status"],
            rows: costs.rows.map { row in
                let status = row.health.map(style.label) ?? row.statusText ?? ""
                return .init(cells: [
                    .init(row.name, href: row.appSlug.map { "../apps/\($0)/index.html" }), .init(row.text),
                    .init(status.isEmpty ? "-" : status),
                ])
            })
        // By index: a flatMap over the apps would copy each app's entry.
        let apps = presentation.apps
        var componentRows: [SiteViews.Row] = []
        for index in apps.indices {
            let name = apps[index].name
            let href = "../apps/\(apps[index].slug)/index.html"
            let c = apps[index].components
            for i in c.indices {
                componentRows.append(
                    .init(cells: [
                        .init(name, href: href), .init(c[i].name, code: true),
                        .init(c[i].effectiveSlug ?? "-", code: c[i].effectiveSlug != nil), .init(c[i].instancesText), .init(c[i].costText),
                        .init(c[i].costBasis),
                    ]))
            }
        }
        let components = SiteViews.Table(
            caption: "Every component", header: ["App", "Component", "Size", "Instances", "Monthly cost", "How"], rows: componentRows)
        var tables = [summary, components]
        for scenario in costs.scenarios {
            tables.append(
                .init(
                    caption: "Scenario: \(scenario.name)", header: ["App", "Baseline", "Scenario"],
                    rows: scenario.apps.map { row in
                        .init(cells: [.init(row.name), .init(row.baseline.perMonth), .init(row.scenario.perMonth)])
                    } + [
                        .init(cells: [
                            .init("Total if all deployed"), .init(costs.ifAllDeployed.perMonth), .init(scenario.ifAllDeployed.perMonth),
                        ])
                    ]))
        }
        let lists = costs.scenarios.map { s in
            SiteViews.List(
                heading: s.name,
                words: [
                    s.description, s.changes.isEmpty ? nil : "Changes: " + s.changes.joined(separator: "; "),
                    s.tradeOff.map { "Trade-off: \($0)" },
                ].compactMap { $0 })
        }
        return SiteViews.TablePage(
            layout: layout("Costs", depth: 1, current: "costs", crumbs: [.init(label: "Costs")]), heading: "Costs",
            intro:
                "Monthly costs in US dollars from DigitalOcean's published prices as of \(costs.pricesAsOf), with this map's overrides. Current: \(costs.current.perMonth); if all deployed: \(costs.ifAllDeployed.perMonth).",
            tables: tables, lists: lists)
    }

    func networkPage() -> SiteViews.TablePage {
        let apps = presentation.apps
        let endpoints = SiteViews.Table(
            caption: "Public endpoints", header: ["Service", "URL", "Type", "Status"],
            rows: presentation.network.endpoints.map { endpoint in
                .init(cells: [
                    .init(endpoint.label, href: "../apps/\(endpoint.appSlug)/index.html"),
                    .init(endpoint.url, href: HTMLEscape.url(endpoint.url) == "#" ? nil : endpoint.url), .init(endpoint.type ?? "-"),
                    .init(style.label(endpoint.health)),
                ])
            })
        // By index: a loop or flatMap over the apps would copy each app's entry.
        var ipRows: [SiteViews.Row] = []
        var routeRows: [SiteViews.Row] = []
        var domainRows: [SiteViews.Row] = []
        for index in apps.indices {
            let app = apps[index].name
            ipRows += apps[index].staticIPs.map { .init(cells: [.init(app), .init($0, code: true)]) }
            routeRows += apps[index].routes.map { .init(cells: [.init(app), .init($0.path, code: true), .init($0.component ?? "-")]) }
            for d in apps[index].domains {
                guard let name = d.name else { continue }
                guard !d.fromSpec else {
                    domainRows.append(.init(cells: [.init(name, code: true), .init(app), .init("spec")]))
                    continue
                }
                let notes = [d.provider.map { "provider: \($0)" }, d.current.map { "now: \($0)" }, d.planned.map { "planned: \($0)" }]
                    .compactMap { $0 }
                domainRows.append(.init(cells: [.init(name, code: true), .init(app), .init(notes.joined(separator: "; "))]))
            }
        }
        let ips = SiteViews.Table(caption: "Static IPs", header: ["App", "Address"], rows: ipRows)
        let routes = SiteViews.Table(caption: "Routes", header: ["App", "Path", "Component"], rows: routeRows)
        let domains = SiteViews.Table(caption: "Domains and DNS", header: ["Domain", "App", "Notes"], rows: domainRows)
        let externals = SiteViews.Table(
            caption: "External systems", header: ["System", "Endpoint", "Region", "Used by"],
            rows: presentation.network.externals.map { e in
                .init(cells: [
                    .init(e.name + (e.kind.map { " (\($0))" } ?? "")), .init(e.endpoint ?? e.url ?? "-", code: e.endpoint != nil),
                    .init(e.region ?? "-"), .init(e.users.isEmpty ? "-" : e.users.joined(separator: ", ")),
                ])
            })
        return SiteViews.TablePage(
            layout: layout("Network", depth: 1, current: "network", crumbs: [.init(label: "Network")]), heading: "Network",
            intro: "Where the apps answer, the addresses they use and the systems they reach.",
            tables: [endpoints, ips, routes, domains, externals].filter { !$0.isEmpty }, lists: [])
    }

    /// A page of the team's: its `#` headings under the page title, with ids and links, and a
    /// table of contents when it has three sections or more; and what the search knows of it.
    func markdownPage(_ page: Page) -> (SiteViews.MarkdownPage, SearchIndex.PageEntry) {
        // The costly part, a function of the page's text alone: kept while the text stays.
        let allowRawHTML = settings.allowRawHTML
        let (body, headings, text) = RenderPass.memo(PageBodyKey(body: page.body, title: page.title, allowRawHTML: allowRawHTML)) {
            var outline = HTMLOutline(reserved: ["main", "contents"])
            let body = outline.process(CommonMark.html(page.body, allowRawHTML: allowRawHTML, topHeadingLevel: 2))
            let text = SearchIndex.trimmedText(HTMLOutline.plainText(body), known: [page.title] + outline.headings.map(\.text))
            return PageBody(html: body, headings: outline.headings, searchText: text)
        }.parts
        let toc = headings.filter { $0.level == 2 }.map { SiteViews.TocEntry(text: $0.text, id: $0.id) }
        let title = Self.plainTitle(page.title)
        var crumbs: [SiteViews.Crumb] = [.init(label: "Pages", href: "../index.html")]
        if let section = page.section { crumbs.append(.init(label: section, href: "../index.html#\(PagesIndex.groupID(section))")) }
        crumbs.append(.init(label: title))
        let view = SiteViews.MarkdownPage(
            layout: layout(
                title, depth: 2, current: "page:\(page.slug)", summary: "\(title), a page of \(presentation.title)", crumbs: crumbs),
            heading: page.title, bodyHTML: body,
            toc: toc, hasToc: toc.count >= 3)
        return (view, SearchIndex.PageEntry(title: title, slug: page.slug, headings: headings, text: text))
    }

    /// What ``markdownPage(_:)`` makes of a page's text.
    private struct PageBodyKey: Hashable, Sendable {
        var body: String
        var title: String
        var allowRawHTML: Bool
    }

    private struct PageBody: Sendable {
        var html: String
        var headings: [HTMLOutline.Heading]
        var searchText: String
        var parts: (String, [HTMLOutline.Heading], String) { (html, headings, searchText) }
    }

    // MARK: Apps and pages directories

    func appsPage() -> SiteViews.AppsPage {
        let directory = AppsDirectory(presentation: presentation)
        let groups = directory.groups.map { group in
            SiteViews.DirectoryGroup(
                id: group.id, title: group.title, count: "\(group.rows.count) app\(group.rows.count == 1 ? "" : "s")",
                subtotal: group.subtotal.perMonth, subtotalCents: "\(Self.sortCents(group.subtotal))",
                rows: group.rows.map { row in
                    SiteViews.DirectoryRow(
                        name: row.name, href: "\(row.slug)/index.html", status: row.health.rawValue, statusLabel: style.label(row.health),
                        region: row.region?.rawValue ?? "none", regionLabel: row.region?.title ?? "No region",
                        componentCount: "\(row.components.count)",
                        components: row.components.isEmpty ? nil : row.components.joined(separator: ", "),
                        cost: row.cost.perMonth, costCents: "\(Self.sortCents(row.cost))",
                        runbookHref: row.runbook.map { "../pages/\($0.slug)/index.html" },
                        runbookTitle: row.runbook.map { Self.plainTitle($0.title) })
                })
        }
        return SiteViews.AppsPage(
            layout: layout("Apps", depth: 1, current: "apps", crumbs: [.init(label: "Apps")]), heading: "Apps",
            intro:
                "\(directory.count) app\(directory.count == 1 ? "" : "s") in \(directory.groups.count) region\(directory.groups.count == 1 ? "" : "s"); if all deployed: \(presentation.costs.ifAllDeployed.perMonth).",
            statuses: directory.healths.map { .init(value: $0.rawValue, label: style.label($0)) },
            regions: directory.regions.map { .init(value: $0?.rawValue ?? "none", label: $0?.title ?? "No region") }, groups: groups)
    }

    /// The cost to sort by, in cents: the upper end of a range; -1 when nothing is known.
    static func sortCents(_ cost: Cost) -> Int { cost.isFullyUnknown ? -1 : cost.high.cents }

    func pagesPage() -> SiteViews.PagesPage {
        let index = PagesIndex(pages: pages)
        return SiteViews.PagesPage(
            layout: layout("Pages", depth: 1, current: "pages", crumbs: [.init(label: "Pages")]), heading: "Pages",
            groups: index.groups.map { group in
                .init(
                    id: group.id, title: group.title,
                    pages: group.entries.map { .init(label: Self.plainTitle($0.title), href: "\($0.slug)/index.html", current: false) })
            }, isEmpty: index.groups.isEmpty)
    }

    package init(
        presentation: MapPresentation, drawing: InfraMap, pages: [Page], settings: RenderSettings, templates: TemplateLibrary,
        diagramText: String?, diagnostics: DiagnosticBag, pass: RenderPass = .uncached, appBoxes: AppBoxes? = nil
    ) {
        self.appBoxes = appBoxes
        self.presentation = presentation
        footer = Self.footer(presentation)
        self.drawing = drawing
        self.pages = pages
        self.settings = settings
        self.templates = templates
        self.diagramText = diagramText
        self.diagnostics = diagnostics
        self.pass = pass
        chromes = madeChromes()
    }
}
