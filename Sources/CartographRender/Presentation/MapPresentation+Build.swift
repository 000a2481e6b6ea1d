package import CartographModel
import Foundation

extension MapPresentation {
    /// Decides what every output shows of `map`; `pages` give apps their runbooks.
    package init(map: InfraMap, pages: [Page]) {
        let builder = PresentationBuilder(map: map)
        let runbooks = PresentationBuilder.runbooks(map: map, pages: pages)
        title = map.title
        environment = map.environment
        updated = map.updated
        platform = map.platform
        verified = map.verified
        mapStatus = map.mapStatus
        nextReview = map.nextReview
        // Each app's entry reads the map and nothing else: on every core.
        apps = Parallel.map(map.apps) { app in
            builder.app(app, runbook: runbooks[app.slug])
        }
        costs = builder.costs(apps: apps)
        network = builder.network()
        let commands = builder.commands()
        let questions = builder.questions()
        self.commands = commands
        monitoring = builder.monitoring()
        self.questions = questions
        sections = MapSection.allCases.filter { section in
            switch section {
            case .overview, .costs, .network, .monitoring: true
            case .inventory: !map.apps.isEmpty
            case .commands: !commands.isEmpty
            case .questions: !questions.items.isEmpty || questions.verifyCode != nil
            }
        }
    }
}

/// The decisions behind ``MapPresentation``, one function per part.
struct PresentationBuilder {
    var map: InfraMap
    /// External systems by name; the first of a name wins, as the map lists them.
    var externals: [String: ExternalSystem]

    init(map: InfraMap) {
        self.map = map
        externals = Dictionary(map.externals.map { ($0.name, $0) }) { first, _ in first }
    }

    // MARK: Apps

    func app(_ app: App, runbook: MapPresentation.PageLink?) -> MapPresentation.AppEntry {
        let source = app.primarySource.map { source -> MapPresentation.Source in
            let kind: MapPresentation.Source.Kind =
                switch source {
                case .repository: .repository
                case .git: .git
                case .image: .image
                }
            return .init(kind: kind, reference: source.displayName, branch: source.branch, deployOnPush: source.deployOnPush)
        }
        return MapPresentation.AppEntry(
            name: app.name, slug: app.slug, hasSpec: app.hasSpec, health: app.health, statusNote: app.statusNote, note: app.note,
            notes: app.notes, region: app.region, url: app.url, cost: app.cost, costText: costText(app),
            scenarioCosts: map.costs.scenarios.compactMap { scenario in
                guard let row = scenario.row(for: app.name), row.scenario != row.baseline else { return nil }
                return .init(scenario: scenario.scenario.name, cost: row.scenario)
            },
            specFile: app.specFile, source: source,
            deployment: app.deployment.map {
                .init(commit: $0.commit, date: $0.date, buildTime: $0.buildTime, phase: $0.phase, text: Self.deploymentText($0))
            },
            stack: app.stack,
            details: app.details.map { .init(label: $0.label, value: $0.value, isPath: Self.pathLike($0.value)) },
            components: app.components.map(component),
            routes: app.routes.map { .init(path: $0.path, component: $0.component, origin: Self.origin($0.origin)) },
            healthChecks: app.healthChecks.map {
                .init(
                    component: $0.component, path: $0.path, port: $0.port, initialDelaySeconds: $0.initialDelaySeconds,
                    periodSeconds: $0.periodSeconds, isLiveness: $0.isLiveness)
            },
            alerts: app.alerts.map { alert in
                .init(
                    rule: alert.rule, threshold: alert.threshold, window: alert.windowWords, isEnabled: !alert.isDisabled,
                    condition: [alert.threshold, alert.windowWords.map { "over \($0)" }].compactMap { $0 }.joined(separator: " "))
            },
            dependencies: app.dependencies.map(dependency),
            domains: app.domains.map {
                .init(name: $0.name, fromSpec: $0.origin == .spec, provider: $0.provider, current: $0.current, planned: $0.planned)
            },
            envKeys: app.envKeys.map { .init(key: $0.key, scope: $0.scope, type: $0.isSecret ? "secret" : "general", owner: $0.owner) },
            staticIPs: app.staticIPs, checklist: app.checklist, features: app.features, questions: app.questions, runbook: runbook,
            fields: fields(app), configuration: configuration(app))
    }

    /// "$27 (or $20 with Superset budget mode)", "$5 (estimated)".
    func costText(_ app: App) -> String {
        var text = app.cost.amount
        if app.cost.isEstimate { text += " (estimated)" }
        for scenario in map.costs.scenarios {
            if let row = scenario.row(for: app.name), row.scenario != row.baseline {
                text += " (or \(row.scenario.amount) with \(scenario.scenario.name))"
            }
        }
        return text
    }

    func fields(_ app: App) -> [MapPresentation.Field] {
        var fields: [MapPresentation.Field] = [
            .init("Platform", text: map.platform), .init("Status", [.status(app.health, note: app.statusNote)]),
        ]
        if let region = app.region { fields.append(.init("Region", text: region.title)) }
        if let url = app.url { fields.append(.init("URL", [.link(url)])) }
        fields.append(.init("Monthly Cost", costSpans(app)))
        return fields
    }

    /// "**$27** or **$20** (Superset budget mode)", "**$5** (estimated)".
    func costSpans(_ app: App) -> [Span] {
        var spans: [Span] = [.strong(app.cost.amount)]
        if app.cost.isEstimate { spans.append(.text(" (estimated)")) }
        for scenario in map.costs.scenarios {
            if let row = scenario.row(for: app.name), row.scenario != row.baseline {
                spans += [.text(" or "), .strong(row.scenario.amount), .text(" ("), .text(scenario.scenario.name), .text(")")]
            }
        }
        return spans
    }

    func component(_ c: Component) -> MapPresentation.ComponentEntry {
        let state = c.observed?.status
        let lower = state?.lowercased() ?? ""
        let stateHealth: Health? =
            ["running", "active", "healthy", "ok"].contains(lower)
            ? .healthy
            : ["error", "failed", "down", "crashed"].contains(lower) ? .down : nil
        let costWord =
            switch c.cost.basis {
            case .staticSite: "free"
            case .usageBased: "usage-based"
            case .managedDatabase: "with cluster"
            default: c.cost.cost.isFullyUnknown ? "unknown" : "\(c.cost.cost.amount)/mo"
            }
        return MapPresentation.ComponentEntry(
            name: c.name, kind: c.kind.title, sizeSlug: c.sizeSlug, effectiveSlug: c.effectiveSlug,
            sizeText: c.sizeSlug ?? c.effectiveSlug.map { "\($0) (default)" } ?? "-", instances: c.instances,
            instancesText: c.instancesText, source: c.source?.displayName, cost: c.cost.cost,
            costText: c.cost.cost.isFullyUnknown ? "unknown" : c.cost.cost.amount, costWord: costWord, costBasis: c.cost.explanation,
            state: state, stateHealth: stateHealth, cpu: c.observed?.cpu, memory: c.observed?.memory, purpose: c.observed?.purpose,
            httpPort: c.httpPort, dockerfile: c.dockerfilePath)
    }

    func configuration(_ app: App) -> [MapPresentation.Field] {
        var out: [MapPresentation.Field] = []
        if let stack = app.stack { out.append(.init("Stack", text: stack)) }
        if !app.buildpacks.isEmpty { out.append(.init("Buildpacks", text: app.buildpacks.joined(separator: ", "))) }
        // By index: a filter or map over the components would copy each Component.
        let components = app.components
        let dockerfiles = Self.unique(components.indices.compactMap { components[$0].dockerfilePath })
        if !dockerfiles.isEmpty { out.append(.init("Dockerfile", Self.codes(dockerfiles))) }
        for detail in app.details {
            out.append(.init(detail.label, [Self.pathLike(detail.value) ? .code(detail.value) : .text(detail.value)]))
        }
        let ports = Self.unique(
            components.indices.compactMap { index -> String? in
                guard case .component(.service) = components[index].kind else { return nil }
                return components[index].httpPort.map(String.init)
            })
        if !ports.isEmpty { out.append(.init("Port", text: ports.joined(separator: ", "))) }
        for check in app.healthChecks where !check.isLiveness {
            out.append(.init("Health Check", healthCheckSpans(check)))
        }
        if !app.routes.isEmpty { out.append(.init("Routes", Self.codes(app.routes.map(\.path)))) }
        if !app.staticIPs.isEmpty { out.append(.init("Static IPs", text: app.staticIPs.joined(separator: ", "))) }
        for dependency in app.dependencies where !dependency.isSourceControl {
            out.append(.init(dependencyLabel(dependency), text: dependencyText(dependency)))
        }
        if let source = app.primarySource {
            switch source {
            case .repository(_, let repo, let branch, _), .git(let repo, let branch):
                var value: [Span] = [.code(repo ?? "?")]
                if let branch { value += [.text(" ("), .text(branch), .text(" branch)")] }
                out.append(.init("Repository", value))
            case .image(let image):
                out.append(.init("Image", [.code(image.reference)]))
            }
            out.append(.init("Auto-Deploy", [.toggle(source.deployOnPush)]))
        }
        if let deployment = app.deployment {
            out.append(.init("Latest Deployment", text: Self.deploymentText(deployment)))
        }
        return out
    }

    /// "ad3439d (Nov 01, 2025, 2m 51s build)".
    static func deploymentText(_ d: Deployment) -> String {
        var parts: [String] = []
        if let date = d.date { parts.append("\(date.short), \(date.year)") }
        if let build = d.buildTime { parts.append("\(build) build") }
        if let phase = d.phase { parts.append(phase) }
        let commit = d.commit ?? "unknown commit"
        return parts.isEmpty ? commit : "\(commit) (\(parts.joined(separator: ", ")))"
    }

    /// "`/health` (300s initial delay, 30s period)".
    func healthCheckSpans(_ check: HealthCheckSummary) -> [Span] {
        var parts: [String] = []
        if let delay = check.initialDelaySeconds, delay > 0 { parts.append("\(delay)s initial delay") }
        if let period = check.periodSeconds { parts.append("\(period)s period") }
        let target: Span = check.path.map(Span.code) ?? .text("TCP\(check.port.map { " port \($0)" } ?? "")")
        return parts.isEmpty ? [target] : [target, .text(" (\(parts.joined(separator: ", ")))")]
    }

    func dependency(_ d: Dependency) -> MapPresentation.DependencyEntry {
        let kind: MapPresentation.DependencyEntry.Kind =
            switch d.target {
            case .external: .external
            case .component: .component
            }
        return .init(
            kind: kind, target: d.targetName, keys: d.keys, users: d.users, isSourceControl: d.isSourceControl,
            text: dependencyText(d))
    }

    func dependencyLabel(_ d: Dependency) -> String {
        switch d.target {
        case .external(let name):
            let kind = externals[name]?.kind ?? ""
            return kind.localizedCaseInsensitiveContains("database") ? "Database" : "Depends On"
        case .component: return "Uses Component"
        }
    }

    /// "Supabase PostgreSQL (aws-1-us-east-1.pooler.supabase.com:6543)", "redis (via REDIS_HOST)".
    func dependencyText(_ d: Dependency) -> String {
        switch d.target {
        case .external(let name):
            let external = externals[name]
            let title = [name, external?.kind.map(Self.shortKind)].compactMap { $0 }.joined(separator: " ")
            return external?.endpoint.map { "\(title) (\($0))" } ?? title
        case .component(let name):
            return "\(name) (via \(d.keys.joined(separator: ", ")))"
        }
    }

    static func origin(_ origin: Route.Origin) -> String {
        switch origin {
        case .ingress: "ingress rule"
        case .legacyRoute: "route (deprecated)"
        case .healthCheck: "health check"
        }
    }

    /// The page that is each app's runbook, by app slug: a page whose front matter names the
    /// app (`app: <name>`), else a page whose slug is the app's slug (`content/pages/<app>.md`).
    /// Among several, an explicit `app:` wins, then the lower weight, then the title.
    static func runbooks(map: InfraMap, pages: [Page]) -> [String: MapPresentation.PageLink] {
        // By index: a map over the apps would copy each App (a retain of every field).
        let apps = map.apps
        let appSlugs = Set(apps.indices.map { apps[$0].slug })
        let slugByName = Dictionary(apps.indices.map { (apps[$0].name, apps[$0].slug) }) { first, _ in first }
        // Pages by index, not copies; room for a runbook per app from the start.
        var found: [String: (explicit: Bool, page: Int)] = [:]
        found.reserveCapacity(min(pages.count, apps.count))
        for index in pages.indices {
            let page = (app: pages[index].app, slug: pages[index].slug, weight: pages[index].weight, title: pages[index].title)
            let target: (slug: String, explicit: Bool)?
            if let app = page.app {
                target = (slugByName[app] ?? Slug.of(app), true)
            } else {
                target = appSlugs.contains(page.slug) ? (page.slug, false) : nil
            }
            guard let target, appSlugs.contains(target.slug) else { continue }
            if let current = found[target.slug] {
                let other = pages[current.page]
                let better =
                    (target.explicit && !current.explicit)
                    || (target.explicit == current.explicit
                        && (page.weight, page.title, page.slug) < (other.weight, other.title, other.slug))
                guard better else { continue }
            }
            found[target.slug] = (target.explicit, index)
        }
        return found.mapValues { MapPresentation.PageLink(title: pages[$0.page].title, slug: pages[$0.page].slug) }
    }

    // MARK: Costs

    func costs(apps: [MapPresentation.AppEntry]) -> MapPresentation.Costs {
        var rows = apps.map { app in
            MapPresentation.CostRow(
                name: app.name, appSlug: app.slug, cost: app.cost, text: app.costText, health: app.health, statusText: nil, isTotal: false)
        }
        rows += map.externals.compactMap { external in
            guard let cost = external.cost else { return nil }
            let name = [external.name, external.kind.map(Self.shortKind)].compactMap { $0 }.joined(separator: " ")
            return .init(name: name, appSlug: nil, cost: nil, text: cost, health: nil, statusText: external.status, isTotal: false)
        }
        func total(_ name: String, _ cost: Cost) -> MapPresentation.CostRow {
            .init(name: name, appSlug: nil, cost: cost, text: cost.perMonth, health: nil, statusText: nil, isTotal: true)
        }
        rows.append(total("Total (if all deployed)", map.costs.ifAllDeployed))
        rows.append(total("Current (verified running)", map.costs.current))
        for scenario in map.costs.scenarios {
            rows.append(total("Total with \(scenario.scenario.name)", scenario.ifAllDeployed))
        }
        return MapPresentation.Costs(
            rows: rows, current: map.costs.current, ifAllDeployed: map.costs.ifAllDeployed, scenarios: map.costs.scenarios.map(scenario),
            pricesAsOf: PriceTable.asOf,
            pricingNote: "Prices are DigitalOcean's published monthly prices as of \(PriceTable.asOf)"
                + (map.apps.isEmpty ? "." : ", with the overrides in cartograph.yaml; \"current\" counts apps observed running."))
    }

    func scenario(_ s: ScenarioCost) -> MapPresentation.ScenarioEntry {
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
        return .init(
            name: s.scenario.name, description: s.scenario.description, tradeOff: s.scenario.tradeOff, changes: s.changes,
            apps: s.apps.map { .init(name: $0.name, baseline: $0.baseline, scenario: $0.scenario) }, ifAllDeployed: s.ifAllDeployed,
            summary: summary, lines: lines)
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

    /// "PostgreSQL Database" → "PostgreSQL".
    static func shortKind(_ kind: String) -> String {
        kind.replacingOccurrences(of: " Database", with: "")
    }

    // MARK: Network

    func network() -> MapPresentation.Network {
        let endpoints = map.apps.compactMap { app in
            app.url.map {
                MapPresentation.Endpoint(
                    label: app.endpointLabel ?? app.name, app: app.name, appSlug: app.slug, url: $0, type: app.endpointType,
                    health: app.health)
            }
        }
        let ips = map.apps.compactMap { app in
            app.staticIPs.isEmpty ? nil : MapPresentation.IPGroup(app: app.name, appSlug: app.slug, addresses: app.staticIPs)
        }
        var dns: [MapPresentation.Field] = []
        for app in map.apps {
            for d in app.domains {
                guard d.origin == .status else {
                    if let name = d.name { dns.append(.init("Domain", text: "\(name) (\(app.name) spec)")) }
                    continue
                }
                if let name = d.name { dns.append(.init("Domain", text: name)) }
                if let provider = d.provider { dns.append(.init("Provider", text: provider)) }
                if let current = d.current { dns.append(.init("Current", text: current)) }
                if let planned = d.planned { dns.append(.init("Planned", text: planned)) }
            }
        }
        return .init(endpoints: endpoints, staticIPs: ips, dns: dns, externals: map.externals.map(external))
    }

    func external(_ e: ExternalSystem) -> MapPresentation.ExternalEntry {
        let users = map.apps.filter { app in app.dependencies.contains { $0.target == .external(e.name) } }.map(\.name)
        var fields: [MapPresentation.Field] = []
        if let project = e.project { fields.append(.init("Project", text: project)) }
        if let region = e.region { fields.append(.init("Region", text: region)) }
        if let endpoint = e.endpoint { fields.append(.init("Endpoint", [.code(endpoint)])) }
        if let url = e.url { fields.append(.init("URL", [.link(url)])) }
        for detail in e.details { fields.append(.init(detail.label, text: detail.value)) }
        if !users.isEmpty { fields.append(.init("Used By", text: users.joined(separator: ", "))) }
        if let cost = e.cost { fields.append(.init("Cost", text: cost)) }
        return .init(
            name: e.name, kind: e.kind, title: e.kind.map { "\(e.name) (\($0))" } ?? e.name, endpoint: e.endpoint, url: e.url,
            region: e.region, project: e.project, cost: e.cost, status: e.status, usage: e.usage,
            details: e.details.map { .init(label: $0.label, value: $0.value, isPath: Self.pathLike($0.value)) }, users: users,
            fields: fields)
    }

    // MARK: Commands

    func commands() -> [MapPresentation.CommandGroup] {
        var groups: [MapPresentation.CommandGroup] = []
        // Indices, not a filtered copy: each App copied is a retain of every field it holds.
        let apps = map.apps
        let specApps = apps.indices.filter { apps[$0].origin != .statusOnly }  // hasSpec, read in place
        // An app known from doctl already exists on the platform: it needs a deployment, not `create`.
        for index in specApps where !apps[index].health.isRunning && apps[index].origin != .doctl {
            var lines: [String] = []
            if let script = apps[index].deployScript {
                lines += ["# Automated deployment (recommended)", script, ""]
                lines.append("# Manual deployment")
            }
            lines.append("doctl apps create --spec \(Self.shellQuoted(apps[index].deploySpecPath))")
            groups.append(.init(heading: "Deploy \(apps[index].name)", code: lines.joined(separator: "\n")))
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
            for index in specApps {
                lines.append("doctl apps update <APP_ID> --spec \(Self.shellQuoted(apps[index].deploySpecPath))  # \(apps[index].name)")
            }
            lines += ["", "# Create new deployment", "doctl apps create-deployment <APP_ID> --force-rebuild"]
            groups.append(.init(heading: "Update App", code: lines.joined(separator: "\n")))
        }
        return groups
    }

    // MARK: Monitoring and questions

    func monitoring() -> MapPresentation.Monitoring {
        var checks: [MapPresentation.Field] = []
        // By index: a loop over the apps would copy each App (a retain of every field).
        let apps = map.apps
        for index in apps.indices {
            for check in apps[index].healthChecks where !check.isLiveness {
                var value: [Span] = [.code(check.path ?? "TCP")]
                if let observed = apps[index].healthObserved {
                    value += [.text(" ("), .text(observed), .text(")")]
                } else {
                    var parts = ["configured"]
                    if let delay = check.initialDelaySeconds, delay > 0 { parts.append("\(delay)s initial delay") }
                    value.append(.text(" (\(parts.joined(separator: ", ")))"))
                }
                checks.append(.init(apps[index].name, value))
            }
        }
        var alerts: [MapPresentation.AlertLine] = []
        for index in apps.indices {
            for alert in apps[index].alerts {
                var text = "\(apps[index].name): \(alert.rule)"
                if let threshold = alert.threshold { text += " \(threshold)" }
                if let window = alert.windowWords { text += " over \(window)" }
                if alert.isDisabled { text += " (disabled)" }
                alerts.append(.init(state: alert.isDisabled ? .pending : .done, text: text))
            }
        }
        for item in map.alerting {
            alerts.append(
                .init(state: item.state, text: "\(item.state.rawValue.capitalized): \(item.label)" + (item.note.map { " (\($0))" } ?? "")))
        }
        return .init(healthChecks: checks, alerts: alerts)
    }

    func questions() -> MapPresentation.Questions {
        let verify = map.verifyCommands.map { ($0.comment.isEmpty ? "" : "# \($0.comment)\n") + $0.command }
        return .init(
            items: map.apps.flatMap(\.questions) + map.questions, verify: map.verifyCommands,
            verifyCode: verify.isEmpty ? nil : verify.joined(separator: "\n\n"))
    }

    // MARK: Helpers

    /// Codes separated by commas: "`/`, `/health`".
    static func codes(_ values: [String]) -> [Span] {
        var spans: [Span] = []
        for (index, value) in values.enumerated() {
            if index > 0 { spans.append(.text(", ")) }
            spans.append(.code(value))
        }
        return spans
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    static func pathLike(_ text: String) -> Bool {
        !text.contains(" ") && (text.contains("/") || text.contains("."))
    }

    static func shellQuoted(_ text: String) -> String {
        isShellWord(text) ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// True when `text` is letters, digits and `/._-` only, as its Characters tell. ASCII
    /// text is judged by its bytes: its letters and digits are `A-Z`, `a-z` and `0-9`, and
    /// any other byte (the `\r\n` pair too) fails either way.
    static func isShellWord(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        }
        return text.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) }
    }
}
