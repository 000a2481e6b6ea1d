package import CartographModel
import Foundation

/// Resolves config, specs and status into an ``InfraMap``: joins each spec with its
/// status, derives routes, dependencies and costs, and reports what does not fit together.
package struct MapBuilder {
    package var config: Config
    package var specs: [AppSpec]
    package var status: Status
    package var diagnostics: DiagnosticBag
    package var prices: PriceTable
    /// Did-you-mean suggestions for the whole map, from one bounded budget.
    let spelling = Spelling()
    /// The external systems' hosts, to find the ones each env value names.
    let hosts: HostMatcher
    /// Each external system's place in the config (the first, for a name given twice).
    let externalOrder: [String: Int]

    package init(config: Config, specs: [AppSpec], status: Status, diagnostics: DiagnosticBag) {
        self.config = config
        self.specs = specs
        self.status = status
        self.diagnostics = diagnostics
        self.prices = PriceTable().overriding(config.prices)
        self.hosts = HostMatcher(hosts: config.external.map { [$0.host].compactMap { $0 } + $0.hosts })
        self.externalOrder = Dictionary(config.external.enumerated().map { ($1.name, $0) }) { first, _ in first }
    }

    package func build() -> InfraMap {
        checkPriceOverrides()
        var apps: [App] = []
        var specsByName: [String: AppSpec] = [:]
        var seen: [String: SourceLocation] = [:]
        // By index: each spec copied out of the list is a retain of every field it holds.
        let preferred = DoctlStatusReader.preferringSpecFiles(specs)
        apps.reserveCapacity(preferred.count + status.appOrder.count)
        seen.reserveCapacity(preferred.count)
        for index in preferred.indices {
            guard let name = preferred[index].name?.value else { continue }
            let location = preferred[index].name?.location ?? preferred[index].location
            if let earlier = seen.updateValue(location, forKey: name) {
                seen[name] = earlier
                diagnostics.error(
                    "app '\(name)' is already defined in \(earlier.file):\(earlier.line); app names must be unique", at: location)
                continue
            }
            // Only scenarios look a spec up by name again.
            if !config.scenarios.isEmpty { specsByName[name] = preferred[index] }
            apps.append(app(from: preferred[index], status: status.apps[name]))
        }
        for name in status.appOrder where seen[name] == nil {
            guard let appStatus = status.apps[name] else { continue }
            apps.append(app(fromStatusOnly: appStatus))
        }
        keepUniqueSlugs(&apps)
        checkStatusNames(apps)
        checkScenarios(apps)
        // Summed in place: a filter would copy each running App.
        var current = Cost.zero
        var ifAllDeployed = Cost.zero
        for index in apps.indices {
            if apps[index].health.isRunning { current = current + apps[index].cost }
            ifAllDeployed = ifAllDeployed + apps[index].cost
        }
        let costs = CostSummary(
            current: current, ifAllDeployed: ifAllDeployed,
            scenarios: config.scenarios.map { scenarioCost($0, apps: apps, specs: specsByName) })
        return InfraMap(
            title: config.title, environment: config.environment, updated: config.updated, platform: config.platform,
            verified: status.verified, mapStatus: status.mapStatus, nextReview: status.nextReview, apps: apps,
            externals: config.external, costs: costs, questions: status.questions, verifyCommands: status.verifyCommands,
            alerting: status.alerting)
    }

    // MARK: Apps

    func app(from spec: AppSpec, status appStatus: AppStatus?) -> App {
        let name = spec.name?.value ?? "(unnamed)"
        // Each component read in place: `components` would copy every one into a new list.
        var components: [Component] = []
        components.reserveCapacity(spec.componentCount + spec.databases.count)
        spec.forEachComponent { list, index in components.append(component(list, index, appStatus: appStatus)) }
        for index in spec.databases.indices { components.append(database(spec.databases[index])) }
        if let appStatus, !appStatus.componentLocations.isEmpty {
            let known = Set(components.map(\.name))
            let sortedKnown = known.sorted()
            for (componentName, location) in appStatus.componentLocations.sorted(by: { $0.value < $1.value })
            where !known.contains(componentName) {
                diagnostics.warning(
                    "status names component \(componentName.quotedForMessage), which app '\(name)' does not have", at: location,
                    hint: spelling.closest(to: componentName, in: sortedKnown).map { "did you mean '\($0)'?" })
            }
        }
        let region =
            spec.region.flatMap { Region(slug: $0.value) }
            ?? appStatus?.region.flatMap { Region(slug: $0) }
        let origin: App.Origin = spec.isFromDoctl ? .doctl : .specFile
        var app = Self.app(
            name: name, origin: origin, location: spec.name?.location ?? spec.location, status: appStatus,
            specPath: appStatus?.specPath ?? (spec.isFromDoctl ? nil : spec.file))
        app.specFile = spec.file
        app.health = appStatus?.health ?? .unknown
        app.region = region
        app.components = components
        app.routes = routes(of: spec)
        app.domains = spec.domains.compactMap { $0.domain.map { Domain(name: $0.value, origin: .spec) } } + app.domains
        var envKeys = Self.envKeys(spec.envs, owner: "app")
        spec.forEachComponent { c, i in envKeys += Self.envKeys(c[i].envs, owner: c[i].name?.value ?? "(unnamed)") }
        app.envKeys = envKeys
        app.dependencies = dependencies(of: spec)
        app.cost = components.reduce(.zero) { $0 + $1.cost.cost }
        app.healthChecks = healthChecks(of: spec)
        var alerts = spec.alerts.compactMap(Self.alert)
        spec.forEachComponent { c, i in alerts += c[i].alerts.compactMap(Self.alert) }
        app.alerts = alerts
        return app
    }

    func app(fromStatusOnly s: AppStatus) -> App {
        var app = Self.app(name: s.name, origin: .statusOnly, location: s.location, status: s, specPath: s.specPath)
        app.health = s.health ?? .unverified
        app.cost = s.estimatedMonthlyCost.map(Cost.estimate) ?? .unknown
        return app
    }

    /// An app with what its status says and nothing from a spec yet.
    static func app(name: String, origin: App.Origin, location: SourceLocation, status s: AppStatus?, specPath: String?) -> App {
        App(
            name: name, slug: Slug.of(name), origin: origin, location: location, specFile: nil,
            deploySpecPath: specPath ?? "\(name).yaml", isObserved: s != nil, health: .unknown, statusNote: s?.statusNote,
            note: s?.note, notes: s?.notes ?? [], region: s?.region.flatMap { Region(slug: $0) }, url: s?.url,
            endpointType: s?.endpointType, endpointLabel: s?.endpointLabel, staticIPs: s?.staticIPs ?? [], stack: s?.stack,
            buildpacks: s?.buildpacks ?? [], deployment: s?.deployment, deployScript: s?.deployScript,
            healthObserved: s?.healthObserved, checklist: s?.checklist ?? [], features: s?.features ?? [], details: s?.details ?? [],
            questions: s?.questions ?? [], components: [], routes: [],
            domains: s?.domain.map {
                [Domain(name: $0.name, origin: .status, provider: $0.provider, current: $0.current, planned: $0.planned)]
            }
                ?? [],
            envKeys: [], dependencies: [], cost: .unknown, healthChecks: [], alerts: [])
    }

    /// Keys, scope and type of env vars; the values stay behind.
    static func envKeys(_ envs: [EnvVar], owner: String) -> [EnvKey] {
        envs.map { EnvKey(key: $0.key.value, scope: ($0.scope ?? .runAndBuildTime).rawValue, isSecret: $0.isSecret, owner: owner) }
    }

    /// An alert with a rule; one without names nothing to show.
    static func alert(_ a: AlertSpec) -> Alert? {
        guard let rule = a.rule?.value else { return nil }
        return Alert(
            rule: rule, operator: a.operator.map(Alert.Operator.init), value: a.value, window: a.window, isDisabled: a.disabled == true)
    }

    /// The apps with a slug each: every app's page is `apps/<slug>/`, so two apps whose
    /// names differ only in case or punctuation (`Web` and `web`) would write one page. The
    /// later one is an error at its definition, naming the first, and is left out of the map.
    func keepUniqueSlugs(_ apps: inout [App]) {
        // Only what the message names: a whole App per slug costs a copy of each. Apps are
        // read in place and the list is rebuilt only when one goes: a filter copies every App.
        var owners: [String: Int] = [:]
        owners.reserveCapacity(apps.count)
        var dropped: [Int] = []
        for index in apps.indices {
            guard let first = owners.updateValue(index, forKey: apps[index].slug) else { continue }
            owners[apps[index].slug] = first
            let place = apps[first].location
            diagnostics.error(
                "app \(apps[index].name.quotedForMessage) would have the same page (apps/\(apps[index].slug)/) as app \(apps[first].name.quotedForMessage), defined at \(place.file):\(place.line)",
                at: apps[index].location,
                hint: "page names keep only letters, digits and dashes, in lowercase: rename one of the apps")
            dropped.append(index)
        }
        for index in dropped.reversed() { apps.remove(at: index) }
    }

    /// A status entry for an app no spec defines is an app of its own; when its name is one
    /// edit from a spec's app that has no status (`wikijunp`, `wikijump`), it is more likely
    /// a typo, and the map would otherwise show both, one of them with an unknown cost.
    func checkStatusNames(_ apps: [App]) {
        // By index, and stored fields only (`hasSpec` is the origin): a filter, a loop or a
        // computed property of another module would copy each App.
        let unobserved = apps.indices.filter { apps[$0].origin != .statusOnly && !apps[$0].isObserved }.map { apps[$0].name }
        guard !unobserved.isEmpty else { return }
        let index = Spelling.OneEditIndex(unobserved)
        for app in apps.indices where apps[app].origin == .statusOnly {
            guard let near = index.words(oneEditFrom: apps[app].name).first else { continue }
            diagnostics.warning(
                "status entry \(apps[app].name.quotedForMessage) names no app of the specs, so it is shown as an app of its own",
                at: apps[app].location, hint: "did you mean '\(near)'? That app's spec has no status entry")
        }
    }

    /// The component at `index` of `list`, its fields read in place (see ``AppSpec/forEachComponent(_:)``).
    func component(_ list: [ComponentSpec], _ index: Int, appStatus: AppStatus?) -> Component {
        let name = list[index].name?.value ?? "(unnamed)"
        let kind = list[index].kind
        let autoscaling = list[index].autoscaling
        let instanceCount = list[index].instanceCount
        let sizeSlug = list[index].instanceSizeSlug?.value
        let low = autoscaling?.minInstanceCount ?? instanceCount ?? 1
        let high = max(low, autoscaling?.maxInstanceCount ?? instanceCount ?? 1)
        let effectiveSlug = kind.isSized ? (sizeSlug ?? PriceTable.defaultSlug) : nil
        return Component(
            name: name, kind: .component(kind), sizeSlug: sizeSlug, effectiveSlug: effectiveSlug,
            instances: low...high, source: list[index].source,
            cost: cost(kind: kind, jobKind: list[index].jobKind, sizeSlug: sizeSlug, instances: low...high),
            observed: appStatus?.components[name],
            httpPort: list[index].httpPort ?? (kind == .service ? 8080 : nil), dockerfilePath: list[index].dockerfilePath,
            location: list[index].location)
    }

    func database(_ d: DatabaseSpec) -> Component {
        let production = d.production ?? false
        let cost =
            production
            ? ComponentCost(basis: .managedDatabase(cluster: d.clusterName), cost: .zero)
            : ComponentCost(basis: .devDatabase, cost: .exactly(PriceTable.devDatabase))
        return Component(
            name: d.name?.value ?? "(unnamed)", kind: .database(d.engine ?? .unset, production: production),
            sizeSlug: nil, effectiveSlug: nil, instances: 1...1, source: nil, cost: cost, observed: nil,
            httpPort: nil, dockerfilePath: nil, location: d.location)
    }

    // MARK: Costs

    func cost(of c: ComponentSpec, instances: ClosedRange<Int>, slugOverride: String? = nil) -> ComponentCost {
        cost(kind: c.kind, jobKind: c.jobKind, sizeSlug: c.instanceSizeSlug?.value, instances: instances, slugOverride: slugOverride)
    }

    /// ``cost(of:instances:slugOverride:)`` from the fields it reads.
    func cost(
        kind: ComponentKind, jobKind: ComponentSpec.JobKind?, sizeSlug: String?, instances: ClosedRange<Int>, slugOverride: String? = nil
    ) -> ComponentCost {
        switch kind {
        case .staticSite: return ComponentCost(basis: .staticSite, cost: .zero)
        case .function: return ComponentCost(basis: .usageBased, cost: .zero)
        case .job where jobKind != .scheduled && slugOverride == nil:
            // Deploy-time jobs run for minutes per deployment and are billed per second of
            // that run: too small and too variable to price as a month of an instance.
            return ComponentCost(basis: .usageBased, cost: .zero)
        default: break
        }
        let slug = slugOverride ?? sizeSlug ?? PriceTable.defaultSlug
        guard let unit = prices.price(of: slug) else {
            return ComponentCost(basis: .unknownSlug(slug), cost: .unknown)
        }
        if instances.lowerBound == instances.upperBound {
            return ComponentCost(
                basis: .instances(slug: slug, count: instances.lowerBound, unit: unit),
                cost: .exactly(unit * instances.lowerBound))
        }
        return ComponentCost(
            basis: .autoscaling(slug: slug, min: instances.lowerBound, max: instances.upperBound, unit: unit),
            cost: Cost(low: unit * instances.lowerBound, high: unit * instances.upperBound))
    }

    /// Warns about unknown slugs once per place they are written.
    func checkSlugs() {
        let known = prices.knownSlugs
        for index in specs.indices {
            // Only the slug of each component: a walk over the joined lists copied each one.
            specs[index].forEachComponent { c, i in
                guard let slug = c[i].instanceSizeSlug, prices.price(of: slug.value) == nil else { return }
                diagnostics.warning(
                    "unknown instance size \(slug.value.quotedForMessage); its cost is unknown", at: slug.location,
                    hint: spelling.closest(to: slug.value, in: known).map { "did you mean '\($0)'?" }
                        ?? "add its monthly price under 'pricing:' in cartograph.yaml")
            }
        }
    }

    func checkPriceOverrides() {
        for (slug, builtIn) in prices.overrides.sorted(by: { $0.key < $1.key }) {
            guard let location = config.priceLocations[slug], let price = config.prices[slug] else { continue }
            if let published = builtIn ?? nil, published != price {
                diagnostics.warning(
                    "price of '\(slug)' is set to \(price); DigitalOcean's published price is \(published) (as of \(PriceTable.asOf))",
                    at: location)
            }
        }
    }

    func checkScenarios(_ apps: [App]) {
        let names = apps.indices.map { apps[$0].name }
        let nameSet = Set(names)
        for scenario in config.scenarios {
            for app in scenario.apps where !nameSet.contains(app) {
                diagnostics.error(
                    "scenario '\(scenario.name)' names app \(app.quotedForMessage), which no spec or status defines", at: scenario.location,
                    hint: spelling.closest(to: app, in: names).map { "did you mean '\($0)'?" })
            }
            for slug in [scenario.size].compactMap({ $0 }) + scenario.resize.values.sorted() where prices.price(of: slug) == nil {
                diagnostics.warning("scenario '\(scenario.name)' uses unknown instance size '\(slug)'", at: scenario.location)
            }
        }
    }

    func scenarioCost(_ scenario: Scenario, apps: [App], specs: [String: AppSpec]) -> ScenarioCost {
        var rows: [(name: String, baseline: Cost, scenario: Cost)] = []
        var changes: [String] = []
        var total = Cost.zero
        let scenarioApps = Set(scenario.apps)
        let scenarioComponents = Set(scenario.components)
        for app in apps {
            guard scenarioApps.isEmpty || scenarioApps.contains(app.name), let spec = specs[app.name] else {
                total = total + app.cost
                continue
            }
            // The first component of each name, as a linear search would find it.
            let specComponents = Dictionary(spec.components.compactMap { c in c.name.map { ($0.value, c) } }) { first, _ in first }
            var cost = Cost.zero
            for component in app.components {
                guard case .component(let kind) = component.kind, kind.isSized,
                    scenarioComponents.isEmpty || scenarioComponents.contains(component.name),
                    let specComponent = specComponents[component.name],
                    let from = component.effectiveSlug,
                    let target = scenario.size ?? scenario.resize[from]
                else {
                    cost = cost + component.cost.cost
                    continue
                }
                let moved = self.cost(of: specComponent, instances: component.instances, slugOverride: target)
                if target != from { changes.append("\(app.name)/\(component.name): \(from) → \(target)") }
                cost = cost + moved.cost
            }
            rows.append((app.name, app.cost, cost))
            total = total + cost
        }
        return ScenarioCost(scenario: scenario, apps: rows, ifAllDeployed: total, changes: changes)
    }

    // MARK: Routes, health checks, dependencies

    func routes(of spec: AppSpec) -> [Route] {
        var out: [Route] = []
        var paths = Set<String>()
        func add(_ path: String, _ component: String?, _ origin: Route.Origin) {
            if paths.insert(path).inserted { out.append(Route(path: path, component: component, origin: origin)) }
        }
        for rule in spec.ingress?.rules ?? [] {
            if let path = rule.path { add(path, rule.componentName?.value, .ingress) }
        }
        spec.forEachComponent { c, i in
            for route in c[i].routes { if let path = route.path?.value { add(path, c[i].name?.value, .legacyRoute) } }
        }
        for index in spec.services.indices {
            if let path = spec.services[index].healthCheck?.path { add(path, spec.services[index].name?.value, .healthCheck) }
        }
        return out
    }

    func healthChecks(of spec: AppSpec) -> [HealthCheckSummary] {
        var out: [HealthCheckSummary] = []
        func add(_ check: HealthCheck, of component: String, isLiveness: Bool) {
            out.append(
                HealthCheckSummary(
                    component: component, path: check.path, port: check.port, initialDelaySeconds: check.initialDelaySeconds,
                    periodSeconds: check.periodSeconds, isLiveness: isLiveness))
        }
        spec.forEachComponent { c, i in
            let name = c[i].name?.value ?? "(unnamed)"
            if let check = c[i].healthCheck { add(check, of: name, isLiveness: false) }
            if let check = c[i].livenessHealthCheck { add(check, of: name, isLiveness: true) }
        }
        return out
    }

    static func provider(ofHost host: String?) -> SourceSpec.Provider? {
        switch host {
        case "github.com", "www.github.com": .github
        case "gitlab.com", "www.gitlab.com": .gitlab
        case "bitbucket.org", "www.bitbucket.org": .bitbucket
        default: nil
        }
    }

    /// "https://github.com/owner/name(.git)" → "owner/name".
    static func repositoryPath(_ url: String?) -> String? {
        guard let url, let scheme = url.range(of: "://") else { return nil }
        let parts = url[scheme.upperBound...].split(separator: "/").dropFirst().prefix(2)
        guard parts.count == 2 else { return nil }
        var repo = parts.joined(separator: "/").lowercased()
        if repo.hasSuffix(".git") { repo.removeLast(4) }
        return repo
    }

    /// The words of a value that could name a component: runs of letters, digits and dashes.
    static func nameTokens(_ text: String) -> Set<String> {
        Set(nameWords(text))
    }

    /// ``nameTokens(_:)`` in the order they occur, repeats and all: no set made per value.
    /// ASCII text is split on its bytes, as its Characters would split it.
    static func nameWords(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let words = text.utf8.split { byte in
                !((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-"))
            }
            return words.map { String(decoding: $0, as: UTF8.self) }
        }
        return text.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
    }

    func dependencies(of spec: AppSpec) -> [Dependency] {
        var siblings = Set(spec.databases.compactMap { $0.name?.value })
        spec.forEachComponent { c, i in if let name = c[i].name?.value { siblings.insert(name) } }
        var found: [Dependency.Target: (keys: Set<String>, users: Set<String>)] = [:]
        func scan(_ envs: [EnvVar], owner: String) {
            for env in envs {
                guard !env.isSecret, let value = env.value, !value.isEmpty else { continue }
                let lowered = value.lowercased()
                for index in hosts.systems(namedIn: lowered) {
                    let external = config.external[index]
                    found[.external(external.name), default: ([], [])].keys.insert(env.key.value)
                    found[.external(external.name), default: ([], [])].users.insert(owner)
                }
                for sibling in Self.nameWords(lowered) where sibling != owner && siblings.contains(sibling) {
                    found[.component(sibling), default: ([], [])].keys.insert(env.key.value)
                    found[.component(sibling), default: ([], [])].users.insert(owner)
                }
            }
        }
        scan(spec.envs, owner: "app")
        spec.forEachComponent { c, i in scan(c[i].envs, owner: c[i].name?.value ?? "app") }
        // Source control: an external system on github.com (gitlab.com, bitbucket.org) is
        // used by every component built from a repository there — the one in its URL's path,
        // when the URL names one.
        for external in config.external {
            guard let provider = Self.provider(ofHost: external.host) else { continue }
            let repoInURL = Self.repositoryPath(external.url ?? external.endpoint)
            spec.forEachComponent { c, i in
                guard case .repository(let p, let repo, _, _) = c[i].source, p == provider else { return }
                if let repoInURL, repoInURL != repo?.lowercased() { return }
                found[.external(external.name), default: ([], [])].keys.insert("\(provider.rawValue) source")
                found[.external(external.name), default: ([], [])].users.insert(c[i].name?.value ?? "app")
            }
        }
        guard !found.isEmpty else { return [] }
        // The order alone: a closure that reads it from `self` copies the whole builder.
        let externalOrder = externalOrder
        return found.map { Dependency(target: $0.key, keys: $0.value.keys.sorted(), users: $0.value.users.sorted()) }
            .sorted { a, b in
                switch (a.target, b.target) {
                case (.external(let x), .external(let y)):
                    (externalOrder[x] ?? 0) < (externalOrder[y] ?? 0)
                case (.external, .component): true
                case (.component, .external): false
                case (.component(let x), .component(let y)): x < y
                }
            }
    }
}
