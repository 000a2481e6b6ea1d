package import CartographModel

/// Decides what the diagram says: from an ``InfraMap`` to a ``DiagramTree`` of boxes,
/// each with only the lines it has data for. No positions here; ``BoxLayout`` sizes it.
struct DiagramBuilder {
    var map: InfraMap
    var ascii: Bool
    /// Whether the apps run in more than one region: each app box asks, and counting the
    /// regions costs a pass over every app.
    private let manyRegions: Bool

    /// Boxes shared with the apps' SVGs, in the emoji style: used when this is that style.
    private let shared: AppBoxes?

    init(map: InfraMap, ascii: Bool, shared: AppBoxes? = nil) {
        // Two regions are enough to know: counting and ranking them all is not needed.
        let first = map.apps.lazy.compactMap(\.region).first
        self.init(map: map, ascii: ascii, manyRegions: map.apps.contains { $0.region != nil && $0.region != first }, shared: shared)
    }

    private init(map: InfraMap, ascii: Bool, manyRegions: Bool, shared: AppBoxes?) {
        self.map = map
        self.ascii = ascii
        self.manyRegions = manyRegions
        self.shared = ascii ? nil : shared
    }

    var style: StatusStyle { ascii ? .ascii : .emoji }
    /// The bullet's run and each status label's, in this style.
    private var fixed: FixedRuns { ascii ? .ascii : .emoji }
    var arrowHead: String { ascii ? "v" : "▼" }
    var arrow: String { ascii ? "->" : "→" }

    func tree() -> DiagramTree {
        var title = [Paragraph([.unit(map.platform)], ascii: ascii, role: .title, indent: 0, centered: true)]
        if let subtitle = Self.regionLine(map.regions) {
            title.append(Paragraph(subtitle.map { .unit($0) }, ascii: ascii, role: .subtitle, indent: 0, centered: true))
        }
        let platform = DiagramTree.Node(
            kind: .platform, title: title, ruled: false,
            sections: map.apps.isEmpty ? [[Paragraph("No apps found.", ascii: ascii)]] : [],
            children: Parallel.map(Array(map.apps.indices)) { appBox(at: $0) }, link: nil)
        guard !map.externals.isEmpty else {
            return DiagramTree(platform: platform, arrows: [], externals: nil, ascii: ascii)
        }
        let externals = DiagramTree.Node(
            kind: .externalGroup,
            title: [Paragraph([.unit("External Dependencies")], ascii: ascii, role: .title, indent: 0, centered: true)],
            ruled: false, sections: [], children: map.externals.map(externalBox), link: nil)
        return DiagramTree(platform: platform, arrows: arrows(), externals: externals, ascii: ascii)
    }

    /// "Region: SGP1 (Singapore)", or every region when the apps run in more than one
    /// ("Regions: NYC1 (New York), SFO3 (San Francisco)"): naming only the most used one
    /// would say the others' apps run there too. Nil when no app names a region.
    static func regionLine(_ regions: [Region]) -> [String]? {
        guard let first = regions.first else { return nil }
        guard regions.count > 1 else { return ["Region:", first.title] }
        return ["Regions:"] + regions.enumerated().map { $0.offset == regions.count - 1 ? $0.element.title : $0.element.title + "," }
    }

    // MARK: Apps

    /// The box of the app at `index`: the shared one when there is one (made by whichever
    /// diagram asks first), with this map's region line where it names several regions.
    func appBox(at index: Int) -> DiagramTree.Node {
        // The app is read where it stands: a copy of an app retains each of its strings and
        // arrays (and releases them after), on a thread other than the one that made them.
        map.apps.withUnsafeBufferPointer { apps in
            guard let shared else { return appBox(apps[index]) }
            var box = shared.box(index) { Self.sharedBox(apps[index], in: map) }
            if manyRegions, let line = regionLine(apps[index].region) {
                // The line follows the status and the cost, which every box says first.
                box.sections[0].append(line)
            }
            return box
        }
    }

    /// The box ``AppBoxes`` keeps for `app`: as a map of that app alone draws it.
    static func sharedBox(_ app: App, in map: InfraMap) -> DiagramTree.Node {
        // Of the map, a box reads only the external systems the app uses, which any map
        // holding the app names alike.
        DiagramBuilder(map: map, ascii: false, manyRegions: false, shared: nil).appBox(app)
    }

    func appBox(_ app: App) -> DiagramTree.Node {
        // Without a store (`build`), the box is made at once: closures holding the app made a
        // copy of it (a retain of each of its strings and arrays) for every box.
        guard Memo.current != nil else { return box(of: app) }
        return RenderPass.memo(AppBoxKey(app: app, ascii: ascii, manyRegions: manyRegions, externals: map.externals)) { box(of: app) }
    }

    /// All that ``box(of:)`` reads: the app, and of the map whether apps run in several regions
    /// and the external systems. Hashed by the app's slug; equality compares the whole app.
    private struct AppBoxKey: Hashable, Sendable {
        var app: App
        var ascii: Bool
        var manyRegions: Bool
        var externals: [ExternalSystem]

        func hash(into hasher: inout Hasher) {
            hasher.combine(app.slug)
            hasher.combine(ascii)
        }
    }

    private func box(of app: App) -> DiagramTree.Node {
        var sections: [[Paragraph]] = []
        var state: [Paragraph] = []
        var status: [Paragraph.Part] = [
            .unit("Status:"), .run(fixed.status[app.health] ?? Paragraph.unitRun(style.label(app.health), ascii: ascii)),
        ]
        if let note = app.statusNote, !note.isEmpty { status.append(.unit("(\(note))")) }
        state.append(Paragraph(status, ascii: ascii))
        state.append(Paragraph([.unit("Cost:"), .unit(Self.monthly(app.cost))], ascii: ascii))
        // One region is said once, on the platform; with several, each app says its own.
        if manyRegions, let line = regionLine(app.region) { state.append(line) }
        sections.reserveCapacity(7)
        sections.append(state)
        func add(_ section: [Paragraph]) {
            if !section.isEmpty { sections.append(section) }
        }
        // By index, read in place: mapping over the components copied each one (a retain of
        // each of its strings and arrays).
        var components: [[Paragraph.Part]] = []
        var anchors: [String] = []
        components.reserveCapacity(app.components.count)
        anchors.reserveCapacity(app.components.count)
        app.components.withUnsafeBufferPointer { all in
            for index in all.indices {
                components.append(componentParts(all[index]))
                anchors.append("component:" + all[index].name)
            }
        }
        add(list("Components:", components, anchors: anchors))
        add(list("Routes:", app.routes.map { [.words($0.path)] }))
        add(list("Depends on:", app.dependencies.map(dependencyParts)))
        let source = app.primarySource
        add(sourceLines(source))
        add(deployLines(app, source: source))
        if let note = app.note, !note.isEmpty {
            sections.append([Paragraph([.unit("Note:"), .words(note)], ascii: ascii)])
        }
        var name = Paragraph([.unit(app.name)], ascii: ascii, role: .title, indent: 0)
        name.anchor = "app"
        return DiagramTree.Node(kind: .app, title: [name], ruled: true, sections: sections, children: [], link: app.slug)
    }

    /// "Region: NYC1 (New York)", for an app that names its region.
    private func regionLine(_ region: Region?) -> Paragraph? {
        region.map { Paragraph([.unit("Region:"), .unit($0.title)], ascii: ascii) }
    }

    /// What every app box says alike, as runs: a bullet, a status label and a deploy mark are
    /// not ASCII, and making their runs (cleaning, measuring, splitting) in every box cost more than the rest
    /// of their paragraphs.
    private struct FixedRuns: Sendable {
        var bullet: Paragraph.Run
        var status: [Health: Paragraph.Run]
        /// The marks after "Auto-Deploy:".
        var deploys: Paragraph.Run
        var doesNotDeploy: Paragraph.Run

        init(ascii: Bool) {
            let style: StatusStyle = ascii ? .ascii : .emoji
            bullet = Paragraph.unitRun(ascii ? "-" : "•", ascii: ascii)
            deploys = Paragraph.unitRun(ascii ? "yes" : "✅", ascii: ascii)
            doesNotDeploy = Paragraph.unitRun(ascii ? "no" : "❌", ascii: ascii)
            status = Dictionary(uniqueKeysWithValues: Health.allCases.map { ($0, Paragraph.unitRun(style.label($0), ascii: ascii)) })
        }

        static let emoji = FixedRuns(ascii: false)
        static let ascii = FixedRuns(ascii: true)
    }

    /// "$5/month", "$5–$20/month", "$27/month + unknown", "$5/month (estimated)", "unknown".
    static func monthly(_ cost: Cost) -> String {
        if cost.isFullyUnknown { return "unknown" }
        let range = cost.isRange ? "\(cost.low)–\(cost.high)" : "\(cost.low)"
        return range + "/month" + (cost.unknownParts > 0 ? " + unknown" : "") + (cost.isEstimate ? " (estimated)" : "")
    }

    /// A label on its own line and one bullet per item; nothing when there are no items.
    func list(_ label: String, _ items: [[Paragraph.Part]], anchors: [String]? = nil) -> [Paragraph] {
        guard !items.isEmpty else { return [] }
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(items.count + 1)
        paragraphs.append(Paragraph([.unit(label)], ascii: ascii, role: .label))
        let bullet = fixed.bullet
        for index in items.indices {
            // The bullet's run leads the item's, without a copy of the item's parts behind it.
            var paragraph = Paragraph(after: bullet, items[index], ascii: ascii)
            paragraph.anchor = anchors?[index]
            paragraphs.append(paragraph)
        }
        return paragraphs
    }

    /// `superset-web (basic-xs)`, `superset-worker (worker, basic-xxs)`, `pulse-hub (static site)`.
    func componentParts(_ component: Component) -> [Paragraph.Part] {
        var detail: [String] = []
        switch component.kind {
        case .component(let kind):
            switch kind {
            case .service: break
            case .worker: detail.append("worker")
            case .job: detail.append("job")
            case .staticSite: detail.append("static site")
            case .function: detail.append("functions")
            }
            if kind.isSized, let slug = component.sizeSlug ?? component.effectiveSlug {
                detail.append(component.instances == 1...1 ? slug : "\(component.instancesText) × \(slug)")
            }
        case .database(let engine, let production):
            detail.append("\(production ? "managed" : "dev") \(engine.title)")
        }
        let joined = detail.joined(separator: ", ")
        return joined.isEmpty ? [.unit(component.name)] : [.unit(component.name), .unit("(\(joined))")]
    }

    /// `Supabase (PostgreSQL Database)` for a system, `redis (REDIS_HOST)` for a sibling.
    func dependencyParts(_ dependency: Dependency) -> [Paragraph.Part] {
        switch dependency.target {
        case .external(let name):
            let kind = map.externals.first { $0.name == name }?.kind
            return [.unit(name)] + (kind.map { [.unit("(\($0))")] } ?? [])
        case .component(let name):
            return [.unit(name)] + (dependency.keys.isEmpty ? [] : [.unit("(\(dependency.keys.joined(separator: ", ")))")])
        }
    }

    /// - Parameter source: the app's ``App/primarySource``.
    func sourceLines(_ source: SourceSpec?) -> [Paragraph] {
        guard let source else { return [] }
        var lines: [Paragraph] = []
        switch source {
        case .repository(let provider, let repo, _, _):
            let label = provider == .github ? "Repository:" : "\(provider.title):"
            lines.append(Paragraph([.unit(label), .words(repo ?? "(no repo)")], ascii: ascii))
        case .git(let url, _):
            lines.append(Paragraph([.unit("Repository:"), .words(url ?? "(no URL)")], ascii: ascii))
        case .image(let image):
            lines.append(Paragraph([.unit("Image:"), .words(image.reference)], ascii: ascii))
        }
        if let branch = source.branch {
            lines.append(Paragraph([.unit("Branch:"), .words(branch)], ascii: ascii))
        }
        return lines
    }

    /// - Parameter source: the app's ``App/primarySource``.
    func deployLines(_ app: App, source: SourceSpec?) -> [Paragraph] {
        var lines: [Paragraph] = []
        if let deploy = source?.deployOnPush {
            lines.append(Paragraph([.unit("Auto-Deploy:"), .run(deploy ? fixed.deploys : fixed.doesNotDeploy)], ascii: ascii))
        }
        if let deployment = app.deployment {
            // "ad3439d (Nov 01)" stays together: it moves under its label rather than split.
            var said = [deployment.commit, deployment.date.map { "(\($0.short))" }].compactMap { $0 }.joined(separator: " ")
            if deployment.commit == nil, let date = deployment.date { said = date.short }
            if said.isEmpty, let phase = deployment.phase { said = phase }
            if !said.isEmpty { lines.append(Paragraph([.unit("Latest Deploy:"), .unit(said)], ascii: ascii)) }
        }
        return lines
    }

    // MARK: External systems

    func externalBox(_ system: ExternalSystem) -> DiagramTree.Node {
        var title: [Paragraph.Part] = [.unit(system.name)]
        if let kind = system.kind, !kind.isEmpty { title.append(.unit("(\(kind))")) }
        var facts: [Paragraph] = []
        func fact(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            facts.append(Paragraph([.unit("\(label):"), .words(value)], ascii: ascii))
        }
        fact("Project", system.project)
        fact("Region", system.region)
        fact("Endpoint", system.endpoint)
        // A URL that only repeats a detail ("Repository: owner/name") adds nothing.
        if let url = system.url, !system.details.contains(where: { url == $0.value || url.hasSuffix("/" + $0.value) }) {
            fact("URL", url)
        }
        for detail in system.details { fact(detail.label, detail.value) }
        fact("Status", system.status)
        var sections = [facts, list("Usage:", system.usage.map { [.words($0)] })]
        if let cost = system.cost, !cost.isEmpty {
            sections.append([Paragraph([.unit("Cost:"), .words(cost)], ascii: ascii)])
        }
        return DiagramTree.Node(
            kind: .external, title: [Paragraph(title, ascii: ascii, role: .title, indent: 0)], ruled: true,
            sections: sections.filter { !$0.isEmpty }, children: [], link: nil)
    }

    // MARK: Arrows

    /// One arrow per app and system it uses, in app order; a bare arrow when none is known.
    func arrows() -> [DiagramTree.Arrow] {
        let systems = Set(map.externals.map(\.name))
        var out: [DiagramTree.Arrow] = []
        for app in map.apps {
            for dependency in app.dependencies {
                guard case .external(let name) = dependency.target, systems.contains(name) else { continue }
                let label = Paragraph([.unit("\(arrowHead) \(app.name)"), .unit("\(arrow) \(name)")], ascii: ascii)
                out.append(DiagramTree.Arrow(app: app.slug, system: name, label: label))
            }
        }
        if out.isEmpty {
            out.append(DiagramTree.Arrow(app: nil, system: nil, label: Paragraph([.unit(arrowHead)], ascii: ascii)))
        }
        return out
    }
}
