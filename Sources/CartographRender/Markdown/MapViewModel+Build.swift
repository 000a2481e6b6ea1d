package import CartographModel
import Foundation

extension MapViewModel {
    /// Builds the view of a map for the Markdown document.
    package init(map: InfraMap, pages: [Page], diagram: String, style: StatusStyle = .emoji) {
        let builder = MapViewBuilder(map: map, style: style)
        title = map.title
        updated = map.updated?.long
        environment = map.environment
        platform = map.platform
        self.diagram = diagram
        var sections: [(weight: Int, section: Section)] = []
        for kind in MapSection.allCases {
            guard let section = builder.section(kind, diagram: diagram) else { continue }
            sections.append((kind.weight, section))
        }
        for page in pages {
            sections.append((page.weight, Section(heading: page.title, slug: page.slug, pageMarkdown: page.body)))
        }
        // Stable: a page with a built-in section's weight follows that section.
        self.sections = sections.enumerated().sorted { ($0.element.weight, $0.offset) < ($1.element.weight, $1.offset) }
            .map(\.element.section)
        footer = Footer(
            mapStatus: map.mapStatus.map { "\(style.check(.done)) \($0)" }, lastVerified: map.verified?.long,
            nextReview: map.nextReview)
    }
}

/// The computations behind ``MapViewModel``, one function per section.
struct MapViewBuilder {
    var map: InfraMap
    var style: StatusStyle

    func section(_ kind: MapSection, diagram: String) -> MapViewModel.Section? {
        switch kind {
        case .overview:
            return .init(kind, overview: .init(diagram: diagram))
        case .inventory:
            guard !map.apps.isEmpty else { return nil }
            return .init(kind, inventory: inventory())
        case .costs:
            return .init(kind, costs: costs())
        case .network:
            return .init(kind, network: network())
        case .commands:
            let groups = commands()
            return groups.isEmpty ? nil : .init(kind, commands: groups)
        case .monitoring:
            return .init(kind, monitoring: monitoring())
        case .questions:
            let view = questions()
            return view.items.isEmpty && view.verifyCode == nil
                ? nil : .init(kind, questions: view)
        }
    }

    // MARK: Inventory

    func inventory() -> [MapViewModel.AppView] {
        map.apps.enumerated().map { index, app in
            MapViewModel.AppView(
                number: index + 1, name: app.name, fields: headerFields(app), components: componentTable(app),
                configuration: configuration(app),
                features: app.features.map { "\(style.check(.done)) \($0)" },
                checklist: app.checklist.map { item in
                    MapViewModel.Field(
                        label: item.label,
                        valueMarkdown: MarkdownEscape.inline(style.check(item.state) + (item.note.map { " \($0)" } ?? "")))
                },
                notes: app.notes, isLast: index == map.apps.count - 1)
        }
    }

    func statusText(_ app: App) -> String {
        var text = style.label(app.health)
        if let note = app.statusNote { text += " (\(note))" }
        return text
    }

    func headerFields(_ app: App) -> [MapViewModel.Field] {
        var fields = [field("Platform", map.platform), field("Status", statusText(app))]
        if let region = app.region { fields.append(field("Region", region.title)) }
        if let url = app.url { fields.append(.init(label: "URL", valueMarkdown: Self.link(url))) }
        fields.append(.init(label: "Monthly Cost", valueMarkdown: costMarkdown(app)))
        return fields
    }

    /// "**$27** (or **$20** with Superset budget mode)", "**$5** (estimated)".
    func costMarkdown(_ app: App) -> String {
        var text = "**\(MarkdownEscape.inline(app.cost.amount))**"
        if app.cost.isEstimate { text += " (estimated)" }
        for scenario in map.costs.scenarios {
            if let row = scenario.row(for: app.name), row.scenario != row.baseline {
                text += " or **\(MarkdownEscape.inline(row.scenario.amount))** (\(MarkdownEscape.inline(scenario.scenario.name)))"
            }
        }
        return text
    }

    func componentTable(_ app: App) -> MapViewModel.Table? {
        guard !app.components.isEmpty else { return nil }
        let metrics = app.components.contains { $0.observed?.cpu != nil || $0.observed?.memory != nil }
        let purposes = app.components.contains { $0.observed?.purpose != nil }
        let statuses = app.components.contains { $0.observed?.status != nil }
        var header = ["Component", "Type", "Instance Size", "Instances", "Cost"]
        if metrics { header += ["CPU", "RAM"] }
        if statuses { header.append("Status") }
        if purposes { header.append("Purpose") }
        let rows = app.components.map { c -> MapViewModel.Table.Row in
            var cells = [
                c.name, c.kind.title, c.sizeSlug ?? c.effectiveSlug.map { "\($0) (default)" } ?? "-", c.instancesText, componentCost(c),
            ]
            if metrics { cells += [c.observed?.cpu ?? "-", c.observed?.memory ?? "-"] }
            if statuses { cells.append(c.observed?.status.map(componentStatus) ?? "-") }
            if purposes { cells.append(c.observed?.purpose ?? "-") }
            return .init(cells: cells.map(MarkdownEscape.cell))
        }
        return MapViewModel.Table(header: header, rows: rows)
    }

    func componentCost(_ c: Component) -> String {
        switch c.cost.basis {
        case .staticSite: "free"
        case .usageBased: "usage-based"
        case .managedDatabase: "with cluster"
        default: c.cost.cost.isFullyUnknown ? "unknown" : "\(c.cost.cost.amount)/mo"
        }
    }

    /// "running" → "✅ Running".
    func componentStatus(_ text: String) -> String {
        let lower = text.lowercased()
        let health: Health? =
            ["running", "active", "healthy", "ok"].contains(lower)
            ? .healthy
            : ["error", "failed", "down", "crashed"].contains(lower) ? .down : nil
        let word = text.prefix(1).uppercased() + text.dropFirst()
        return health.map { "\(style.marker($0)) \(word)" } ?? word
    }

    func configuration(_ app: App) -> [MapViewModel.Field] {
        var out: [MapViewModel.Field] = []
        if let stack = app.stack { out.append(field("Stack", stack)) }
        if !app.buildpacks.isEmpty { out.append(field("Buildpacks", app.buildpacks.joined(separator: ", "))) }
        let dockerfiles = unique(app.components.compactMap(\.dockerfilePath))
        if !dockerfiles.isEmpty {
            out.append(.init(label: "Dockerfile", valueMarkdown: dockerfiles.map(MarkdownEscape.code).joined(separator: ", ")))
        }
        for detail in app.details {
            out.append(
                .init(
                    label: detail.label,
                    valueMarkdown: Self.pathLike(detail.value) ? MarkdownEscape.code(detail.value) : MarkdownEscape.inline(detail.value)))
        }
        let ports = unique(
            app.components.filter { if case .component(.service) = $0.kind { true } else { false } }.compactMap {
                $0.httpPort.map(String.init)
            })
        if !ports.isEmpty { out.append(field("Port", ports.joined(separator: ", "))) }
        for check in app.healthChecks where !check.isLiveness {
            out.append(.init(label: "Health Check", valueMarkdown: healthCheckMarkdown(check)))
        }
        if !app.routes.isEmpty {
            out.append(.init(label: "Routes", valueMarkdown: app.routes.map { MarkdownEscape.code($0.path) }.joined(separator: ", ")))
        }
        if !app.staticIPs.isEmpty { out.append(field("Static IPs", app.staticIPs.joined(separator: ", "))) }
        for dependency in app.dependencies where !dependency.isSourceControl {
            out.append(field(dependencyLabel(dependency), dependencyText(dependency)))
        }
        if let source = app.primarySource {
            switch source {
            case .repository(_, let repo, let branch, _), .git(let repo, let branch):
                var value = MarkdownEscape.code(repo ?? "?")
                if let branch { value += " (\(MarkdownEscape.inline(branch)) branch)" }
                out.append(.init(label: "Repository", valueMarkdown: value))
            case .image(let image):
                out.append(.init(label: "Image", valueMarkdown: MarkdownEscape.code(image.reference)))
            }
            out.append(field("Auto-Deploy", style.yesNo(source.deployOnPush)))
        }
        if let deployment = app.deployment {
            out.append(field("Latest Deployment", deploymentText(deployment)))
        }
        return out
    }

    /// "ad3439d (Nov 01, 2025, 2m 51s build)".
    func deploymentText(_ d: Deployment) -> String {
        var parts: [String] = []
        if let date = d.date { parts.append("\(date.short), \(date.year)") }
        if let build = d.buildTime { parts.append("\(build) build") }
        if let phase = d.phase { parts.append(phase) }
        let commit = d.commit ?? "unknown commit"
        return parts.isEmpty ? commit : "\(commit) (\(parts.joined(separator: ", ")))"
    }

    /// "`/health` (300s initial delay, 30s period)".
    func healthCheckMarkdown(_ check: HealthCheckSummary) -> String {
        var parts: [String] = []
        if let delay = check.initialDelaySeconds, delay > 0 { parts.append("\(delay)s initial delay") }
        if let period = check.periodSeconds { parts.append("\(period)s period") }
        let target = check.path.map(MarkdownEscape.code) ?? "TCP\(check.port.map { " port \($0)" } ?? "")"
        return parts.isEmpty ? target : "\(target) (\(parts.joined(separator: ", ")))"
    }

    func dependencyLabel(_ d: Dependency) -> String {
        switch d.target {
        case .external(let name):
            let kind = map.externals.first { $0.name == name }?.kind ?? ""
            return kind.localizedCaseInsensitiveContains("database") ? "Database" : "Depends On"
        case .component: return "Uses Component"
        }
    }

    /// "Supabase PostgreSQL (aws-1-us-east-1.pooler.supabase.com:6543)", "redis (via REDIS_HOST)".
    func dependencyText(_ d: Dependency) -> String {
        switch d.target {
        case .external(let name):
            let external = map.externals.first { $0.name == name }
            let title = [name, external?.kind.map(CostReport.shortKind)].compactMap { $0 }.joined(separator: " ")
            return external?.endpoint.map { "\(title) (\($0))" } ?? title
        case .component(let name):
            return "\(name) (via \(d.keys.joined(separator: ", ")))"
        }
    }

    // MARK: Costs

    func costs() -> MapViewModel.CostsView {
        let report = CostReport(map: map, style: style)
        let rows = report.rows.map { row -> MapViewModel.Table.Row in
            let cells = [row.name, row.cost, row.status.isEmpty ? "-" : row.status].map(MarkdownEscape.cell)
            return .init(cells: row.isTotal ? cells.enumerated().map { $0.offset < 2 ? "**\($0.element)**" : $0.element } : cells)
        }
        let scenarios = map.costs.scenarios.map { s -> MapViewModel.ScenarioView in
            var lines: [String] = []
            if let description = s.scenario.description { lines.append(description) }
            for app in s.apps where app.baseline != app.scenario {
                lines.append("\(app.name): \(app.scenario.amount)/month instead of \(app.baseline.amount)/month")
            }
            lines += scenarioArithmetic(s)
            lines.append("Total if all deployed: \(s.ifAllDeployed.perMonth) (baseline \(map.costs.ifAllDeployed.perMonth))")
            if let tradeOff = s.scenario.tradeOff { lines.append("Trade-off: \(tradeOff)") }
            let affected = s.apps.filter { $0.baseline != $0.scenario }
            let summary =
                affected.count == 1
                ? "\(affected[0].scenario.amount)/month instead of \(affected[0].baseline.amount)/month"
                : "\(s.ifAllDeployed.amount)/month instead of \(map.costs.ifAllDeployed.amount)/month"
            return .init(name: s.scenario.name, summary: summary, lines: lines)
        }
        return MapViewModel.CostsView(
            table: MapViewModel.Table(header: ["Application", "Monthly Cost", "Status"], rows: rows), scenarios: scenarios,
            pricingNote: "Prices are DigitalOcean's published monthly prices as of \(PriceTable.asOf)"
                + (map.apps.isEmpty ? "." : ", with the overrides in cartograph.yaml; \"current\" counts apps observed running."))
    }

    /// "4 services × $5 = $20/month" for each affected app whose components all land on one size.
    func scenarioArithmetic(_ s: ScenarioCost) -> [String] {
        guard let size = s.scenario.size else { return [] }
        var out: [String] = []
        let apps = Dictionary(map.apps.map { ($0.name, $0) }) { first, _ in first }
        for row in s.apps where row.baseline != row.scenario {
            guard let app = apps[row.name] else { continue }
            let sized = app.components.filter { if case .component(let k) = $0.kind { k.isSized } else { false } }
            let count = sized.map(\.instances.lowerBound).reduce(0, +)
            guard count > 0, sized.count == app.components.count, !row.scenario.isRange, row.scenario.unknownParts == 0 else { continue }
            let unit = Money(cents: row.scenario.low.cents / count)
            guard unit * count == row.scenario.low else { continue }
            out.append("Total: \(count) services × \(unit) (\(size)) = \(row.scenario.low)/month")
        }
        return out
    }

    // MARK: Network

    func network() -> MapViewModel.NetworkView {
        let endpoints = map.apps.filter { $0.url != nil }.map { app in
            MapViewModel.Table.Row(cells: [
                MarkdownEscape.cell(app.endpointLabel ?? app.name), Self.link(app.url ?? ""),
                MarkdownEscape.cell(app.endpointType ?? "-"),
                MarkdownEscape.cell(app.health.isRunning ? "\(style.marker(app.health)) Live" : style.label(app.health)),
            ])
        }
        let ips = map.apps.compactMap { app in
            app.staticIPs.isEmpty ? nil : MapViewModel.NetworkView.IPGroup(app: app.name, ips: app.staticIPs)
        }
        var dns: [MapViewModel.Field] = []
        for app in map.apps {
            for d in app.domains {
                guard d.origin == .status else {
                    if let name = d.name { dns.append(field("Domain", "\(name) (\(app.name) spec)")) }
                    continue
                }
                if let name = d.name { dns.append(field("Domain", name)) }
                if let provider = d.provider { dns.append(field("Provider", provider)) }
                if let current = d.current { dns.append(field("Current", current)) }
                if let planned = d.planned { dns.append(field("Planned", planned)) }
            }
        }
        return MapViewModel.NetworkView(
            endpoints: endpoints.isEmpty ? nil : MapViewModel.Table(header: ["Service", "URL", "Type", "Status"], rows: endpoints),
            staticIPs: ips, dns: dns, externals: map.externals.map(external))
    }

    func external(_ e: ExternalSystem) -> MapViewModel.NetworkView.ExternalView {
        var fields: [MapViewModel.Field] = []
        if let project = e.project { fields.append(field("Project", project)) }
        if let region = e.region { fields.append(field("Region", region)) }
        if let endpoint = e.endpoint { fields.append(.init(label: "Endpoint", valueMarkdown: MarkdownEscape.code(endpoint))) }
        if let url = e.url { fields.append(.init(label: "URL", valueMarkdown: Self.link(url))) }
        for detail in e.details { fields.append(field(detail.label, detail.value)) }
        let users = map.apps.filter { app in app.dependencies.contains { $0.target == .external(e.name) } }.map(\.name)
        if !users.isEmpty { fields.append(field("Used By", users.joined(separator: ", "))) }
        if let cost = e.cost { fields.append(field("Cost", cost)) }
        let title = e.kind.map { "\(e.name) (\($0))" } ?? e.name
        return .init(title: title, fields: fields, usage: e.usage)
    }

    // MARK: Commands

    func commands() -> [MapViewModel.CommandGroup] {
        var groups: [MapViewModel.CommandGroup] = []
        let specApps = map.apps.filter(\.hasSpec)
        // An app known from doctl already exists on the platform: it needs a deployment, not `create`.
        for app in specApps where !app.health.isRunning && app.origin != .doctl {
            var lines: [String] = []
            if let script = app.deployScript {
                lines += ["# Automated deployment (recommended)", script, ""]
                lines.append("# Manual deployment")
            }
            lines.append("doctl apps create --spec \(specPath(app))")
            groups.append(.init(heading: "Deploy \(app.name)", code: lines.joined(separator: "\n")))
        }
        groups.append(
            .init(
                heading: "Check App Status",
                code: """
                    # List all apps
                    doctl apps list

                    # Get specific app details
                    doctl apps get <APP_ID>

                    # View logs
                    doctl apps logs <APP_ID> --follow
                    """))
        if !specApps.isEmpty {
            var lines = ["# Update from spec"]
            for app in specApps { lines.append("doctl apps update <APP_ID> --spec \(specPath(app))  # \(app.name)") }
            lines += ["", "# Create new deployment", "doctl apps create-deployment <APP_ID> --force-rebuild"]
            groups.append(.init(heading: "Update App", code: lines.joined(separator: "\n")))
        }
        return groups
    }

    func specPath(_ app: App) -> String {
        Self.shellQuoted(app.deploySpecPath)
    }

    // MARK: Monitoring and questions

    func monitoring() -> MapViewModel.MonitoringView {
        var checks: [MapViewModel.Field] = []
        for app in map.apps {
            for check in app.healthChecks where !check.isLiveness {
                var text = MarkdownEscape.code(check.path ?? "TCP")
                if let observed = app.healthObserved {
                    text += " (\(MarkdownEscape.inline(observed)))"
                } else {
                    var parts = ["configured"]
                    if let delay = check.initialDelaySeconds, delay > 0 { parts.append("\(delay)s initial delay") }
                    text += " (\(parts.joined(separator: ", ")))"
                }
                checks.append(.init(label: app.name, valueMarkdown: text))
            }
        }
        var alerts: [String] = []
        for app in map.apps {
            for alert in app.alerts {
                var text = "\(app.name): \(alert.rule)"
                if let threshold = alert.threshold { text += " \(threshold)" }
                if let window = alert.windowWords { text += " over \(window)" }
                if alert.isDisabled { text += " (disabled)" }
                alerts.append("\(style.check(alert.isDisabled ? .pending : .done)) \(text)")
            }
        }
        for item in map.alerting {
            alerts.append(
                "\(style.check(item.state)) \(item.state.rawValue.capitalized): \(item.label)" + (item.note.map { " (\($0))" } ?? ""))
        }
        return MapViewModel.MonitoringView(healthChecks: checks, alerts: alerts)
    }

    func questions() -> MapViewModel.QuestionsView {
        let items = map.apps.flatMap(\.questions) + map.questions
        let verify = map.verifyCommands.map { ($0.comment.isEmpty ? "" : "# \($0.comment)\n") + $0.command }
        return MapViewModel.QuestionsView(
            items: items.map { "❓ \($0)" }, verifyCode: verify.isEmpty ? nil : verify.joined(separator: "\n\n"))
    }

    // MARK: Helpers

    func field(_ label: String, _ value: String) -> MapViewModel.Field {
        .init(label: label, valueMarkdown: MarkdownEscape.inline(value))
    }

    func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// An http(s) URL as an autolink; anything else as escaped text.
    static func link(_ url: String) -> String {
        let safe = url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>\"'`|\\".unicodeScalars.contains($0) }
        if safe, url.hasPrefix("https://") || url.hasPrefix("http://") { return "<\(url)>" }
        return MarkdownEscape.inline(url)
    }

    static func pathLike(_ text: String) -> Bool {
        !text.contains(" ") && (text.contains("/") || text.contains("."))
    }

    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

}
