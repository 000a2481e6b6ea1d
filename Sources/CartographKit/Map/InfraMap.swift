/// The resolved model every output is rendered from: apps with their components, routes,
/// endpoints, dependencies and costs, plus the systems outside the platform.
public struct InfraMap: Sendable {
    public var title: String
    public var environment: String?
    public var updated: DateValue?
    public var platform: String
    public var verified: DateValue?
    public var mapStatus: String?
    public var nextReview: String?
    public var apps: [App]
    public var externals: [ExternalSystem]
    public var costs: CostSummary
    public var questions: [String]
    public var verifyCommands: [Status.Command]
    public var alerting: [ChecklistItem]

    /// The region most apps run in, for the platform box ("SGP1 (Singapore)").
    public var primaryRegion: Region? {
        let regions = apps.compactMap(\.region)
        let counts = Dictionary(grouping: regions, by: { $0 }).mapValues(\.count)
        return counts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }.first?.key
    }
}

public struct App: Sendable, Hashable {
    /// Where an app's facts come from: a spec file, doctl's spec, or a status entry alone.
    public enum Origin: Sendable, Hashable { case specFile, doctl, statusOnly }

    public var name: String
    /// A file-name-safe form of the name, for page paths.
    public var slug: String
    public var origin: Origin
    /// Where the app is defined: its spec's name, or its status entry.
    public var location: SourceLocation
    /// The spec file the app comes from, as the config names it (nil without a spec file).
    public var specFile: String?
    /// The spec path a deploy command names: the status's `spec_path`, else the spec file,
    /// else "<name>.yaml".
    public var deploySpecPath: String
    /// True when the status file (or doctl) says something about the app.
    public var isObserved: Bool
    public var health: Health
    /// Words after the status ("awaiting deployment").
    public var statusNote: String?
    /// One line about the app's state, shown in its diagram box.
    public var note: String?
    public var notes: [String]
    public var region: Region?
    public var url: String?
    /// What the app is as an endpoint ("Web + API"), and its label in the endpoints table.
    public var endpointType: String?
    public var endpointLabel: String?
    public var staticIPs: [String]
    public var stack: String?
    public var buildpacks: [String]
    public var deployment: Deployment?
    public var deployScript: String?
    /// What a health check was seen answering ("responding HTTP 200").
    public var healthObserved: String?
    public var checklist: [ChecklistItem]
    public var features: [String]
    public var details: [ExternalSystem.Detail]
    public var questions: [String]
    public var components: [Component]
    public var routes: [Route]
    /// The spec's domains, then the one the status names.
    public var domains: [Domain]
    /// App-wide env keys, then each component's.
    public var envKeys: [EnvKey]
    public var dependencies: [Dependency]
    public var cost: Cost
    public var healthChecks: [HealthCheckSummary]
    /// The app's alerts, then its components'.
    public var alerts: [Alert]

    /// The source most components share: the app's repository or image.
    public var primarySource: SourceSpec? {
        let sources = components.compactMap(\.source)
        return sources.first { if case .repository = $0 { true } else { false } } ?? sources.first
    }

    /// False when the app comes from the status file alone.
    public var hasSpec: Bool { origin != .statusOnly }
}

public struct Component: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case component(ComponentSpec.Kind)
        case database(DatabaseSpec.Engine, production: Bool)

        public var title: String {
            switch self {
            case .component(let kind): kind.title
            case .database(let engine, let production): "\(engine.title) \(production ? "Managed Database" : "Dev Database")"
            }
        }
    }

    public var name: String
    public var kind: Kind
    /// The size slug as written, or nil for the default / not applicable.
    public var sizeSlug: String?
    /// The slug priced: the written one or the default.
    public var effectiveSlug: String?
    public var instances: ClosedRange<Int>
    public var source: SourceSpec?
    public var cost: ComponentCost
    /// What the status says about the component (state, CPU, memory, purpose).
    public var observed: ComponentStatus?
    public var httpPort: Int?
    public var dockerfilePath: String?
    public var location: SourceLocation

    /// "1", or "1–3" with autoscaling.
    public var instancesText: String {
        instances.lowerBound == instances.upperBound ? "\(instances.lowerBound)" : "\(instances.lowerBound)–\(instances.upperBound)"
    }
}

/// An env var as outputs may show it: key, scope, type. Never the value.
public struct EnvKey: Sendable, Hashable {
    public var key: String
    public var scope: String
    public var isSecret: Bool
    /// "app" for app-wide envs, else the component's name.
    public var owner: String
}

public struct ComponentCost: Sendable, Hashable {
    public enum Basis: Sendable, Hashable {
        case instances(slug: String, count: Int, unit: Money)
        case autoscaling(slug: String, min: Int, max: Int, unit: Money)
        case staticSite
        case devDatabase
        case managedDatabase(cluster: String?)
        case usageBased
        case unknownSlug(String)
    }

    public var basis: Basis
    public var cost: Cost

    /// How the cost was reached, in words: "1 × basic-xs at $12", "free (static site)".
    public var explanation: String {
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
}

public struct Route: Sendable, Hashable {
    public enum Origin: Sendable, Hashable { case ingress, legacyRoute, healthCheck }
    public var path: String
    public var component: String?
    public var origin: Origin
}

public struct HealthCheckSummary: Sendable, Hashable {
    public var component: String
    public var path: String?
    public var port: Int?
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var isLiveness: Bool
}

/// An app's use of something else, found from a non-secret env value.
public struct Dependency: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case external(String)
        case component(String)
    }

    public var target: Target
    /// The env keys that reveal it, sorted.
    public var keys: [String]
    /// Which component uses it ("app" for app-wide envs).
    public var users: [String]

    /// True when the app uses the system only as where its code comes from.
    public var isSourceControl: Bool { keys.allSatisfy { $0.hasSuffix(" source") } }

    public var targetName: String {
        switch target {
        case .external(let name), .component(let name): name
        }
    }
}

/// Totals split by status, with scenarios beside the baseline.
public struct CostSummary: Sendable, Hashable {
    /// Apps observed running (healthy or degraded).
    public var current: Cost
    /// Every app, as if all were deployed.
    public var ifAllDeployed: Cost
    public var scenarios: [ScenarioCost]
}

public struct ScenarioCost: Sendable, Hashable {
    public var scenario: Scenario
    /// Per affected app: baseline and scenario cost.
    public var apps: [(name: String, baseline: Cost, scenario: Cost)] {
        didSet { rowIndex = Self.index(apps) }
    }
    public var ifAllDeployed: Cost
    public var changes: [String]
    /// The row of each app: every app page looks its own row up, and a scenario can
    /// cover all of 10,000 apps.
    private var rowIndex: [String: Int]

    public init(scenario: Scenario, apps: [(name: String, baseline: Cost, scenario: Cost)], ifAllDeployed: Cost, changes: [String]) {
        self.scenario = scenario
        self.apps = apps
        self.ifAllDeployed = ifAllDeployed
        self.changes = changes
        rowIndex = Self.index(apps)
    }

    /// The first row of the app named `name`, if the scenario covers it.
    public func row(for name: String) -> (name: String, baseline: Cost, scenario: Cost)? {
        rowIndex[name].map { apps[$0] }
    }

    private static func index(_ rows: [(name: String, baseline: Cost, scenario: Cost)]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, row) in rows.enumerated() where index[row.name] == nil { index[row.name] = position }
        return index
    }

    public static func == (a: ScenarioCost, b: ScenarioCost) -> Bool {
        a.scenario == b.scenario && a.ifAllDeployed == b.ifAllDeployed && a.changes == b.changes
            && a.apps.map(\.name) == b.apps.map(\.name)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scenario)
        hasher.combine(ifAllDeployed)
    }
}
