package import CartographModel

extension MapViewModel {
    /// The Markdown view of `presentation`: its words escaped for Markdown, its statuses in
    /// `style`, its sections and the pages in weight order.
    package init(presentation: MapPresentation, pages: [Page], diagram: String, style: StatusStyle = .emoji) {
        let builder = MapViewBuilder(presentation: presentation, style: style)
        title = presentation.title
        updated = presentation.updated?.long
        environment = presentation.environment
        platform = presentation.platform
        self.diagram = diagram
        var sections: [(weight: Int, section: Section)] = presentation.sections.map { ($0.weight, builder.section($0, diagram: diagram)) }
        for page in pages {
            sections.append((page.weight, Section(heading: page.title, slug: page.slug, pageMarkdown: page.body)))
        }
        // Stable: a page with a built-in section's weight follows that section.
        self.sections = sections.enumerated().sorted { ($0.element.weight, $0.offset) < ($1.element.weight, $1.offset) }
            .map(\.element.section)
        footer = Footer(
            mapStatus: presentation.mapStatus.map { "\(style.check(.done)) \($0)" }, lastVerified: presentation.verified?.long,
            nextReview: presentation.nextReview)
    }

    /// The Markdown view of a map: its presentation, built here.
    package init(map: InfraMap, pages: [Page], diagram: String, style: StatusStyle = .emoji) {
        self.init(presentation: MapPresentation(map: map, pages: pages), pages: pages, diagram: diagram, style: style)
    }
}

/// The Markdown of each part of a ``MapPresentation``, one function per section.
struct MapViewBuilder: Sendable {
    var presentation: MapPresentation
    var style: StatusStyle

    func section(_ kind: MapSection, diagram: String) -> MapViewModel.Section {
        switch kind {
        case .overview: .init(kind, overview: .init(diagram: diagram))
        case .inventory: .init(kind, inventory: inventory())
        case .costs: .init(kind, costs: costs())
        case .network: .init(kind, network: network())
        case .commands: .init(kind, commands: presentation.commands.map { .init(heading: $0.heading, code: $0.code) })
        case .monitoring: .init(kind, monitoring: monitoring())
        case .questions: .init(kind, questions: questions())
        }
    }

    // MARK: Inventory

    func inventory() -> [MapViewModel.AppView] {
        let apps = presentation.apps
        // Each app's view is its own: escaped on every core.
        return Parallel.map(Array(apps.indices)) { index in
            let app = apps[index]
            return MapViewModel.AppView(
                number: index + 1, name: app.name, fields: app.fields.map(field), components: componentTable(app),
                configuration: app.configuration.map(field), features: app.features.map { "\(style.check(.done)) \($0)" },
                checklist: app.checklist.map { item in
                    MapViewModel.Field(
                        label: item.label,
                        valueMarkdown: MarkdownEscape.inline(style.check(item.state) + (item.note.map { " \($0)" } ?? "")))
                },
                notes: app.notes, isLast: index == apps.count - 1)
        }
    }

    func componentTable(_ app: MapPresentation.AppEntry) -> MapViewModel.Table? {
        guard !app.components.isEmpty else { return nil }
        let metrics = app.components.contains { $0.cpu != nil || $0.memory != nil }
        let purposes = app.components.contains { $0.purpose != nil }
        let states = app.components.contains { $0.state != nil }
        var header = ["Component", "Type", "Instance Size", "Instances", "Cost"]
        if metrics { header += ["CPU", "RAM"] }
        if states { header.append("Status") }
        if purposes { header.append("Purpose") }
        let rows = app.components.map { c -> MapViewModel.Table.Row in
            var cells = [c.name, c.kind, c.sizeText, c.instancesText, c.costWord]
            if metrics { cells += [c.cpu ?? "-", c.memory ?? "-"] }
            if states { cells.append(c.state.map { state(c, $0) } ?? "-") }
            if purposes { cells.append(c.purpose ?? "-") }
            return .init(cells: cells.map(MarkdownEscape.cell))
        }
        return MapViewModel.Table(header: header, rows: rows)
    }

    /// "running" → "✅ Running".
    func state(_ c: MapPresentation.ComponentEntry, _ text: String) -> String {
        let word = text.prefix(1).uppercased() + text.dropFirst()
        return c.stateHealth.map { "\(style.marker($0)) \(word)" } ?? word
    }

    // MARK: Costs

    func costs() -> MapViewModel.CostsView {
        let costs = presentation.costs
        let rows = costs.rows.map { row -> MapViewModel.Table.Row in
            let status = row.health.map(style.label) ?? row.statusText ?? ""
            let cells = [row.name, row.text, status.isEmpty ? "-" : status].map(MarkdownEscape.cell)
            return .init(cells: row.isTotal ? cells.enumerated().map { $0.offset < 2 ? "**\($0.element)**" : $0.element } : cells)
        }
        return MapViewModel.CostsView(
            table: MapViewModel.Table(header: ["Application", "Monthly Cost", "Status"], rows: rows),
            scenarios: costs.scenarios.map { .init(name: $0.name, summary: $0.summary, lines: $0.lines) },
            pricingNote: costs.pricingNote)
    }

    // MARK: Network

    func network() -> MapViewModel.NetworkView {
        let network = presentation.network
        let endpoints = network.endpoints.map { endpoint in
            MapViewModel.Table.Row(cells: [
                MarkdownEscape.cell(endpoint.label), MarkdownEscape.inline([.link(endpoint.url)], style: style),
                MarkdownEscape.cell(endpoint.type ?? "-"),
                MarkdownEscape.cell(endpoint.health.isRunning ? "\(style.marker(endpoint.health)) Live" : style.label(endpoint.health)),
            ])
        }
        return MapViewModel.NetworkView(
            endpoints: endpoints.isEmpty ? nil : MapViewModel.Table(header: ["Service", "URL", "Type", "Status"], rows: endpoints),
            staticIPs: network.staticIPs.map { .init(app: $0.app, ips: $0.addresses) }, dns: network.dns.map(field),
            externals: network.externals.map { .init(title: $0.title, fields: $0.fields.map(field), usage: $0.usage) })
    }

    // MARK: Monitoring and questions

    func monitoring() -> MapViewModel.MonitoringView {
        MapViewModel.MonitoringView(
            healthChecks: presentation.monitoring.healthChecks.map(field),
            alerts: presentation.monitoring.alerts.map { "\(style.check($0.state)) \($0.text)" })
    }

    func questions() -> MapViewModel.QuestionsView {
        MapViewModel.QuestionsView(
            items: presentation.questions.items.map { "❓ \($0)" }, verifyCode: presentation.questions.verifyCode)
    }

    func field(_ field: MapPresentation.Field) -> MapViewModel.Field {
        .init(label: field.label, valueMarkdown: MarkdownEscape.inline(field.value, style: style))
    }
}
