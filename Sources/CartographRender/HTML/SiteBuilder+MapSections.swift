package import CartographModel

/// The map's sections on the index (up to ``IndexSummary/threshold`` apps): the parts the
/// Markdown map has, from the same presentation, as HTML views for `html/map-*.mustache`.
/// Words keep their `backquoted` code as the Markdown map does; nothing goes through
/// Markdown or cmark.
extension SiteBuilder {
    func mapSections() -> [SiteViews.Section] {
        presentation.sections.compactMap { kind in
            var section = SiteViews.Section(heading: kind.heading, id: kind.slug)
            switch kind {
            case .overview: return nil  // the diagram has a place of its own on the index
            case .inventory: section.inventory = inventory()
            case .costs: section.costs = costs()
            case .network: section.network = network()
            case .commands: section.commands = commands()
            case .monitoring: section.monitoring = monitoring()
            case .questions: section.questions = questions()
            }
            return section
        }
    }

    func inventory() -> [SiteViews.InventoryApp] {
        let apps = presentation.apps
        return apps.enumerated().map { index, app in
            let checklist = app.checklist.map { item in
                SiteViews.Line(
                    label: item.label, valueHTML: HTMLEscape.inline(style.check(item.state) + (item.note.map { " \($0)" } ?? "")))
            }
            return SiteViews.InventoryApp(
                number: index + 1, name: app.name, slug: app.slug, fields: app.fields.map(line), components: componentTable(app),
                configuration: app.configuration.map(line),
                featuresHTML: app.features.map { HTMLEscape.inline("\(style.check(.done)) \($0)") }, checklist: checklist,
                notesHTML: app.notes.map(HTMLEscape.inline), isLast: index == apps.count - 1)
        }
    }

    /// The Markdown map's component table: columns for metrics, states and purposes only
    /// where some component has them.
    func componentTable(_ app: MapPresentation.AppEntry) -> SiteViews.MapTable? {
        guard !app.components.isEmpty else { return nil }
        let metrics = app.components.contains { $0.cpu != nil || $0.memory != nil }
        let purposes = app.components.contains { $0.purpose != nil }
        let states = app.components.contains { $0.state != nil }
        var header = ["Component", "Type", "Instance Size", "Instances", "Cost"]
        if metrics { header += ["CPU", "RAM"] }
        if states { header.append("Status") }
        if purposes { header.append("Purpose") }
        let rows = app.components.map { c in
            var cells = [c.name, c.kind, c.sizeText, c.instancesText, c.costWord]
            if metrics { cells += [c.cpu ?? "-", c.memory ?? "-"] }
            if states {
                cells.append(
                    c.state.map { state in
                        let word = state.prefix(1).uppercased() + state.dropFirst()
                        return c.stateHealth.map { "\(style.marker($0)) \(word)" } ?? word
                    } ?? "-")
            }
            if purposes { cells.append(c.purpose ?? "-") }
            return SiteViews.MapRow(cellsHTML: cells.map(HTMLEscape.inline))
        }
        return SiteViews.MapTable(label: "Components of \(app.name)", header: header, rows: rows)
    }

    func costs() -> SiteViews.CostsSection {
        let costs = presentation.costs
        let rows = costs.rows.map { row in
            let status = row.health.map(style.label) ?? row.statusText ?? ""
            let name: [Span] = row.isTotal ? [.strong(row.name)] : [.text(row.name)]
            let text: [Span] = row.isTotal ? [.strong(row.text)] : [.text(row.text)]
            return SiteViews.MapRow(cellsHTML: [
                HTMLEscape.inline(name, style: style), HTMLEscape.inline(text, style: style),
                HTMLEscape.inline(status.isEmpty ? "-" : status),
            ])
        }
        return SiteViews.CostsSection(
            table: .init(label: "Monthly cost by application", header: ["Application", "Monthly Cost", "Status"], rows: rows),
            pricingNoteHTML: HTMLEscape.inline(costs.pricingNote),
            scenarios: costs.scenarios.map { .init(name: $0.name, summary: $0.summary, linesHTML: $0.lines.map(HTMLEscape.inline)) },
            hasScenarios: !costs.scenarios.isEmpty)
    }

    func network() -> SiteViews.NetworkSection {
        let network = presentation.network
        let endpoints = network.endpoints.map { endpoint in
            SiteViews.MapRow(cellsHTML: [
                HTMLEscape.inline(endpoint.label), HTMLEscape.inline([.link(endpoint.url)], style: style),
                HTMLEscape.inline(endpoint.type ?? "-"),
                HTMLEscape.inline(endpoint.health.isRunning ? "\(style.marker(endpoint.health)) Live" : style.label(endpoint.health)),
            ])
        }
        let dns = network.dns.map(line)
        let externals = network.externals.map { external in
            SiteViews.ExternalBlock(
                title: external.title, fields: external.fields.map(line), usageHTML: external.usage.map(HTMLEscape.inline))
        }
        return SiteViews.NetworkSection(
            endpoints: endpoints.isEmpty
                ? nil : .init(label: "Public endpoints", header: ["Service", "URL", "Type", "Status"], rows: endpoints),
            staticIPs: network.staticIPs.map { .init(app: $0.app, slug: $0.appSlug, addresses: $0.addresses) }, dns: dns,
            externals: externals, hasDNS: !dns.isEmpty, hasExternals: !externals.isEmpty)
    }

    /// Each group with an id of its own: headings are the commands' words, which can repeat
    /// as slugs ("Deploy a.b", "Deploy a-b").
    func commands() -> [SiteViews.CommandBlock] {
        var ids = Set<String>()
        return presentation.commands.map { group in
            let base = Slug.of(group.heading)
            var id = base
            var n = 2
            while !ids.insert(id).inserted {
                id = "\(base)-\(n)"
                n += 1
            }
            return SiteViews.CommandBlock(heading: group.heading, id: id, code: group.code)
        }
    }

    func monitoring() -> SiteViews.MonitoringSection {
        let monitoring = presentation.monitoring
        return SiteViews.MonitoringSection(
            healthChecks: monitoring.healthChecks.map(line),
            alertsHTML: monitoring.alerts.map { HTMLEscape.inline("\(style.check($0.state)) \($0.text)") },
            hasHealthChecks: !monitoring.healthChecks.isEmpty, hasAlerts: !monitoring.alerts.isEmpty)
    }

    func questions() -> SiteViews.QuestionsSection {
        let questions = presentation.questions
        return SiteViews.QuestionsSection(
            itemsHTML: questions.items.map { HTMLEscape.inline("❓ \($0)") }, verifyCode: questions.verifyCode,
            hasItems: !questions.items.isEmpty)
    }

    func line(_ field: MapPresentation.Field) -> SiteViews.Line {
        .init(label: field.label, valueHTML: HTMLEscape.inline(field.value, style: style))
    }
}
