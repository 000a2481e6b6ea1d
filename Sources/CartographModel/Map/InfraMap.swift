/// The resolved model every output is rendered from: apps with their components, routes,
/// endpoints, dependencies and costs, plus the systems outside the platform.
package struct InfraMap: Sendable, Equatable {
    package var title: String
    package var environment: String?
    package var updated: DateValue?
    package var platform: String
    package var verified: DateValue?
    package var mapStatus: String?
    package var nextReview: String?
    package var apps: [App]
    package var externals: [ExternalSystem]
    package var costs: CostSummary
    package var questions: [String]
    package var verifyCommands: [VerifyCommand]
    package var alerting: [ChecklistItem]

    /// The region most apps run in ("SGP1 (Singapore)").
    var primaryRegion: Region? { regions.first }

    /// Every region an app runs in, most apps first (ties by slug): a map spread over four
    /// regions is not drawn as if it ran in one.
    package var regions: [Region] {
        let counts = Dictionary(grouping: apps.compactMap(\.region), by: { $0 }).mapValues(\.count)
        return counts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }.map(\.key)
    }

    package init(
        title: String, environment: String? = nil, updated: DateValue? = nil, platform: String, verified: DateValue? = nil,
        mapStatus: String? = nil, nextReview: String? = nil, apps: [App], externals: [ExternalSystem], costs: CostSummary,
        questions: [String], verifyCommands: [VerifyCommand], alerting: [ChecklistItem]
    ) {
        self.title = title
        self.environment = environment
        self.updated = updated
        self.platform = platform
        self.verified = verified
        self.mapStatus = mapStatus
        self.nextReview = nextReview
        self.apps = apps
        self.externals = externals
        self.costs = costs
        self.questions = questions
        self.verifyCommands = verifyCommands
        self.alerting = alerting
    }
}

package struct App: Sendable, Hashable {
    /// Where an app's facts come from: a spec file, doctl's spec, or a status entry alone.
    package enum Origin: Sendable, Hashable { case specFile, doctl, statusOnly }

    package var name: String
    /// A file-name-safe form of the name, for page paths.
    package var slug: String
    package var origin: Origin
    /// Where the app is defined: its spec's name, or its status entry.
    package var location: SourceLocation
    /// The spec file the app comes from, as the config names it (nil without a spec file).
    package var specFile: String?
    /// The spec path a deploy command names: the status's `spec_path`, else the spec file,
    /// else "<name>.yaml".
    package var deploySpecPath: String
    /// True when the status file (or doctl) says something about the app.
    package var isObserved: Bool
    package var health: Health
    /// Words after the status ("awaiting deployment").
    package var statusNote: String?
    /// One line about the app's state, shown in its diagram box.
    package var note: String?
    package var notes: [String]
    package var region: Region?
    package var url: String?
    /// What the app is as an endpoint ("Web + API"), and its label in the endpoints table.
    package var endpointType: String?
    package var endpointLabel: String?
    package var staticIPs: [String]
    package var stack: String?
    package var buildpacks: [String]
    package var deployment: Deployment?
    package var deployScript: String?
    /// What a health check was seen answering ("responding HTTP 200").
    package var healthObserved: String?
    package var checklist: [ChecklistItem]
    package var features: [String]
    package var details: [ExternalSystem.Detail]
    package var questions: [String]
    package var components: [Component]
    package var routes: [Route]
    /// The spec's domains, then the one the status names.
    package var domains: [Domain]
    /// App-wide env keys, then each component's.
    package var envKeys: [EnvKey]
    package var dependencies: [Dependency]
    package var cost: Cost
    package var healthChecks: [HealthCheckSummary]
    /// The app's alerts, then its components'.
    package var alerts: [Alert]

    /// The source most components share: the app's repository or image.
    package var primarySource: SourceSpec? {
        // By index: a map over the components would copy each one (every presentation asks).
        var first: SourceSpec?
        for index in components.indices {
            guard let source = components[index].source else { continue }
            if case .repository = source { return source }
            if first == nil { first = source }
        }
        return first
    }

    /// False when the app comes from the status file alone.
    package var hasSpec: Bool { origin != .statusOnly }

    package init(
        name: String, slug: String, origin: Origin, location: SourceLocation, specFile: String? = nil, deploySpecPath: String,
        isObserved: Bool, health: Health, statusNote: String? = nil, note: String? = nil, notes: [String], region: Region? = nil,
        url: String? = nil, endpointType: String? = nil, endpointLabel: String? = nil, staticIPs: [String], stack: String? = nil,
        buildpacks: [String], deployment: Deployment? = nil, deployScript: String? = nil, healthObserved: String? = nil,
        checklist: [ChecklistItem], features: [String], details: [ExternalSystem.Detail], questions: [String], components: [Component],
        routes: [Route], domains: [Domain], envKeys: [EnvKey], dependencies: [Dependency], cost: Cost, healthChecks: [HealthCheckSummary],
        alerts: [Alert]
    ) {
        self.name = name
        self.slug = slug
        self.origin = origin
        self.location = location
        self.specFile = specFile
        self.deploySpecPath = deploySpecPath
        self.isObserved = isObserved
        self.health = health
        self.statusNote = statusNote
        self.note = note
        self.notes = notes
        self.region = region
        self.url = url
        self.endpointType = endpointType
        self.endpointLabel = endpointLabel
        self.staticIPs = staticIPs
        self.stack = stack
        self.buildpacks = buildpacks
        self.deployment = deployment
        self.deployScript = deployScript
        self.healthObserved = healthObserved
        self.checklist = checklist
        self.features = features
        self.details = details
        self.questions = questions
        self.components = components
        self.routes = routes
        self.domains = domains
        self.envKeys = envKeys
        self.dependencies = dependencies
        self.cost = cost
        self.healthChecks = healthChecks
        self.alerts = alerts
    }
}

package struct Component: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case component(ComponentKind)
        case database(DatabaseEngine, production: Bool)

        package var title: String {
            switch self {
            case .component(let kind): kind.title
            case .database(let engine, let production): "\(engine.title) \(production ? "Managed Database" : "Dev Database")"
            }
        }
    }

    package var name: String
    package var kind: Kind
    /// The size slug as written, or nil for the default / not applicable.
    package var sizeSlug: String?
    /// The slug priced: the written one or the default.
    package var effectiveSlug: String?
    package var instances: ClosedRange<Int>
    package var source: SourceSpec?
    package var cost: ComponentCost
    /// What the status says about the component (state, CPU, memory, purpose).
    package var observed: ComponentStatus?
    package var httpPort: Int?
    package var dockerfilePath: String?
    package var location: SourceLocation

    /// "1", or "1–3" with autoscaling.
    package var instancesText: String {
        instances.lowerBound == instances.upperBound ? "\(instances.lowerBound)" : "\(instances.lowerBound)–\(instances.upperBound)"
    }

    package init(
        name: String, kind: Kind, sizeSlug: String? = nil, effectiveSlug: String? = nil, instances: ClosedRange<Int>,
        source: SourceSpec? = nil, cost: ComponentCost, observed: ComponentStatus? = nil, httpPort: Int? = nil,
        dockerfilePath: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.kind = kind
        self.sizeSlug = sizeSlug
        self.effectiveSlug = effectiveSlug
        self.instances = instances
        self.source = source
        self.cost = cost
        self.observed = observed
        self.httpPort = httpPort
        self.dockerfilePath = dockerfilePath
        self.location = location
    }
}

/// An env var as outputs may show it: key, scope, type. Never the value.
package struct EnvKey: Sendable, Hashable {
    package var key: String
    package var scope: String
    package var isSecret: Bool
    /// "app" for app-wide envs, else the component's name.
    package var owner: String

    package init(key: String, scope: String, isSecret: Bool, owner: String) {
        self.key = key
        self.scope = scope
        self.isSecret = isSecret
        self.owner = owner
    }
}

package struct ComponentCost: Sendable, Hashable {
    package enum Basis: Sendable, Hashable {
        case instances(slug: String, count: Int, unit: Money)
        case autoscaling(slug: String, min: Int, max: Int, unit: Money)
        case staticSite
        case devDatabase
        case managedDatabase(cluster: String?)
        case usageBased
        case unknownSlug(String)
    }

    package var basis: Basis
    package var cost: Cost

    /// How the cost was reached, in words: "1 × basic-xs at $12", "free (static site)".
    package var explanation: String {
        switch basis {
        case .instances(let slug, let count, let unit): "\(count) × \(slug) at \(unit)"
        case .autoscaling(let slug, let min, let max, let unit): "\(min)–\(max) × \(slug) at \(unit) (autoscaling)"
        case .staticSite: "free (static site)"
        case .devDatabase: "dev database at \(PriceTable.devDatabase)"
        case .managedDatabase(let cluster): "billed with managed cluster\(cluster.map { " \($0)" } ?? "")"
        case .usageBased: "usage-based (billed per invocation or run)"
        case .unknownSlug(let slug): "unknown price for '\(slug)'"
        }
    }

    package init(basis: Basis, cost: Cost) {
        self.basis = basis
        self.cost = cost
    }
}

package struct Route: Sendable, Hashable {
    package enum Origin: Sendable, Hashable { case ingress, legacyRoute, healthCheck }
    package var path: String
    package var component: String?
    package var origin: Origin

    package init(path: String, component: String? = nil, origin: Origin) {
        self.path = path
        self.component = component
        self.origin = origin
    }
}

package struct HealthCheckSummary: Sendable, Hashable {
    package var component: String
    package var path: String?
    package var port: Int?
    package var initialDelaySeconds: Int?
    package var periodSeconds: Int?
    package var isLiveness: Bool

    package init(
        component: String, path: String? = nil, port: Int? = nil, initialDelaySeconds: Int? = nil, periodSeconds: Int? = nil,
        isLiveness: Bool
    ) {
        self.component = component
        self.path = path
        self.port = port
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.isLiveness = isLiveness
    }
}

/// An app's use of something else, found from a non-secret env value.
package struct Dependency: Sendable, Hashable {
    package enum Target: Sendable, Hashable {
        case external(String)
        case component(String)
    }

    package var target: Target
    /// The env keys that reveal it, sorted.
    package var keys: [String]
    /// Which component uses it ("app" for app-wide envs).
    package var users: [String]

    /// True when the app uses the system only as where its code comes from.
    package var isSourceControl: Bool { keys.allSatisfy { $0.hasSuffix(" source") } }

    package var targetName: String {
        switch target {
        case .external(let name), .component(let name): name
        }
    }

    package init(target: Target, keys: [String], users: [String]) {
        self.target = target
        self.keys = keys
        self.users = users
    }
}

/// Totals split by status, with scenarios beside the baseline.
package struct CostSummary: Sendable, Hashable {
    /// Apps observed running (healthy or degraded).
    package var current: Cost
    /// Every app, as if all were deployed.
    package var ifAllDeployed: Cost
    package var scenarios: [ScenarioCost]

    package init(current: Cost, ifAllDeployed: Cost, scenarios: [ScenarioCost]) {
        self.current = current
        self.ifAllDeployed = ifAllDeployed
        self.scenarios = scenarios
    }
}

package struct ScenarioCost: Sendable, Hashable {
    package var scenario: Scenario
    /// Per affected app: baseline and scenario cost.
    package var apps: [(name: String, baseline: Cost, scenario: Cost)] {
        didSet { rowIndex = Self.index(apps) }
    }
    package var ifAllDeployed: Cost
    package var changes: [String]
    /// The row of each app: every app page looks its own row up, and a scenario can
    /// cover all of 10,000 apps.
    private var rowIndex: [String: Int]

    package init(scenario: Scenario, apps: [(name: String, baseline: Cost, scenario: Cost)], ifAllDeployed: Cost, changes: [String]) {
        self.scenario = scenario
        self.apps = apps
        self.ifAllDeployed = ifAllDeployed
        self.changes = changes
        rowIndex = Self.index(apps)
    }

    /// The first row of the app named `name`, if the scenario covers it.
    package func row(for name: String) -> (name: String, baseline: Cost, scenario: Cost)? {
        rowIndex[name].map { apps[$0] }
    }

    private static func index(_ rows: [(name: String, baseline: Cost, scenario: Cost)]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, row) in rows.enumerated() where index[row.name] == nil { index[row.name] = position }
        return index
    }

    package static func == (a: ScenarioCost, b: ScenarioCost) -> Bool {
        a.scenario == b.scenario && a.ifAllDeployed == b.ifAllDeployed && a.changes == b.changes
            && a.apps.map(\.name) == b.apps.map(\.name)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(scenario)
        hasher.combine(ifAllDeployed)
    }
}
