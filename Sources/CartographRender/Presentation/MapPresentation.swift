package import CartographModel

/// The map as every output shows it, decided once: rows, labels, status words and money
/// (as a ``Cost`` in cents beside its words). Built from the ``InfraMap`` and the pages by
/// ``init(map:pages:)``; the Markdown view (``MapViewModel``), the site (``SiteBuilder``),
/// `cost` (``CostReport``) and the JSON dump (``MapJSON``) are views of it.
///
/// Format-neutral: no markup, no escaping, no status markers (a view draws a ``Health`` in
/// its ``StatusStyle``). Values with structure are runs of ``Span``.
package struct MapPresentation: Sendable {
    package var title: String
    package var environment: String?
    package var updated: DateValue?
    package var platform: String
    package var verified: DateValue?
    package var mapStatus: String?
    package var nextReview: String?
    /// The built-in sections that have something to show, in the map's order.
    package var sections: [MapSection]
    package var apps: [AppEntry]
    package var costs: Costs
    package var network: Network
    package var commands: [CommandGroup]
    package var monitoring: Monitoring
    package var questions: Questions

    /// A labelled value: "**Region**: SGP1 (Singapore)", `<dt>Region</dt>`, `"label": "Region"`.
    package struct Field: Sendable, Hashable {
        package var label: String
        package var value: [Span]

        package init(_ label: String, _ value: [Span]) {
            self.label = label
            self.value = value
        }

        /// A field whose value is plain words.
        package init(_ label: String, text: String) {
            self.init(label, [.text(text)])
        }
    }

    /// One app, with every fact the outputs show about it.
    package struct AppEntry: Sendable {
        package var name: String
        package var slug: String
        package var hasSpec: Bool
        package var health: Health
        /// Words after the status ("awaiting deployment").
        package var statusNote: String?
        /// One line about the app's state, shown in its diagram box.
        package var note: String?
        package var notes: [String]
        package var region: Region?
        package var url: String?
        package var cost: Cost
        /// The cost with what qualifies it: "$27 (or $20 with Superset budget mode)", "$5 (estimated)".
        var costText: String
        /// The app's cost under each scenario that changes it.
        var scenarioCosts: [ScenarioAmount]
        /// The spec file, as the config names it.
        package var specFile: String?
        package var source: Source?
        package var deployment: DeploymentEntry?
        package var stack: String?
        package var details: [Detail]
        package var components: [ComponentEntry]
        package var routes: [RouteEntry]
        package var healthChecks: [HealthCheckEntry]
        package var alerts: [AlertEntry]
        package var dependencies: [DependencyEntry]
        package var domains: [DomainEntry]
        /// Keys with scope and type: never a value.
        package var envKeys: [EnvKeyEntry]
        package var staticIPs: [String]
        package var checklist: [ChecklistItem]
        package var features: [String]
        package var questions: [String]
        /// The team's page that is the app's runbook.
        package var runbook: PageLink?
        /// The inventory's first block: platform, status, region, URL, monthly cost.
        package var fields: [Field]
        /// The inventory's configuration list.
        package var configuration: [Field]
    }

    /// A team page, by title and slug.
    package struct PageLink: Sendable, Hashable {
        package var title: String
        package var slug: String
    }

    package struct ScenarioAmount: Sendable, Hashable {
        package var scenario: String
        package var cost: Cost
    }

    /// Where the app's code or image comes from.
    package struct Source: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable { case repository, git, image }
        package var kind: Kind
        /// "owner/name", a clone URL or "registry/repository:tag".
        package var reference: String
        package var branch: String?
        package var deployOnPush: Bool?
    }

    package struct DeploymentEntry: Sendable, Hashable {
        package var commit: String?
        package var date: DateValue?
        package var buildTime: String?
        package var phase: String?
        /// "ad3439d (Nov 01, 2025, 2m 51s build)".
        package var text: String
    }

    package struct Detail: Sendable, Hashable {
        package var label: String
        package var value: String
        /// True when the value reads as a path or file name, shown as code.
        var isPath: Bool
    }

    package struct ComponentEntry: Sendable, Hashable {
        package var name: String
        /// "Web Service", "PostgreSQL Dev Database".
        package var kind: String
        /// The size as written; nil for the default or where none applies.
        package var sizeSlug: String?
        /// The size priced: the written one or the default.
        package var effectiveSlug: String?
        /// "basic-xs", "apps-s-1vcpu-0.5gb (default)", "-".
        var sizeText: String
        package var instances: ClosedRange<Int>
        /// "1", or "1–3" with autoscaling.
        package var instancesText: String
        /// The repository or image, as words.
        package var source: String?
        package var cost: Cost
        /// "$5", "unknown".
        var costText: String
        /// The map's word for the cost: "$5/mo", "free", "usage-based", "with cluster", "unknown".
        var costWord: String
        /// How the cost was reached: "1 × basic-xs at $12".
        var costBasis: String
        /// The state the status file gives ("Running"), with the health it reads as, if any.
        package var state: String?
        var stateHealth: Health?
        package var cpu: String?
        package var memory: String?
        package var purpose: String?
        package var httpPort: Int?
        var dockerfile: String?
    }

    package struct RouteEntry: Sendable, Hashable {
        package var path: String
        package var component: String?
        /// "ingress rule", "route (deprecated)", "health check".
        package var origin: String
    }

    package struct HealthCheckEntry: Sendable, Hashable {
        package var component: String
        package var path: String?
        package var port: Int?
        package var initialDelaySeconds: Int?
        package var periodSeconds: Int?
        package var isLiveness: Bool
    }

    package struct AlertEntry: Sendable, Hashable {
        package var rule: String
        /// "> 80", "EQUAL_TO 3".
        package var threshold: String?
        /// "five minutes".
        package var window: String?
        var isEnabled: Bool
        /// "> 80 over five minutes"; empty without either.
        var condition: String
    }

    package struct DependencyEntry: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable { case external, component }
        package var kind: Kind
        package var target: String
        /// The env keys that reveal it (" source" for a component's code host).
        package var keys: [String]
        package var users: [String]
        /// True when the app uses the system only as where its code comes from.
        package var isSourceControl: Bool
        /// "Supabase PostgreSQL (aws-1-us-east-1.pooler.supabase.com:6543)", "redis (via REDIS_HOST)".
        package var text: String
    }

    package struct DomainEntry: Sendable, Hashable {
        package var name: String?
        var fromSpec: Bool
        package var provider: String?
        package var current: String?
        package var planned: String?
    }

    package struct EnvKeyEntry: Sendable, Hashable {
        package var key: String
        package var scope: String
        /// "secret" or "general".
        package var type: String
        /// "app" for an app-wide key, else the component's name.
        package var owner: String
    }

    package struct Costs: Sendable {
        /// A row per app and per external system with a cost, then the totals.
        package var rows: [CostRow]
        package var current: Cost
        package var ifAllDeployed: Cost
        package var scenarios: [ScenarioEntry]
        var pricesAsOf: String
        /// "Prices are DigitalOcean's published monthly prices as of …".
        var pricingNote: String
    }

    package struct CostRow: Sendable, Hashable {
        package var name: String
        /// The app's slug, for a link to its page; nil for an external system or a total.
        var appSlug: String?
        /// nil for an external system, whose cost is words ("Free tier").
        package var cost: Cost?
        package var text: String
        /// An app's health; nil for an external system or a total.
        package var health: Health?
        /// An external system's status, in its own words.
        var statusText: String?
        var isTotal: Bool
    }

    package struct ScenarioEntry: Sendable {
        package var name: String
        package var description: String?
        package var tradeOff: String?
        package var changes: [String]
        package var apps: [ScenarioApp]
        package var ifAllDeployed: Cost
        /// "$20/month instead of $27/month".
        package var summary: String
        /// The map's lines about it: description, each app's change, the arithmetic, the totals.
        package var lines: [String]
    }

    package struct ScenarioApp: Sendable, Hashable {
        package var name: String
        package var baseline: Cost
        package var scenario: Cost
    }

    package struct Network: Sendable {
        package var endpoints: [Endpoint]
        package var staticIPs: [IPGroup]
        /// The map's DNS lines: each domain with its provider, current and planned setup.
        var dns: [Field]
        package var externals: [ExternalEntry]
    }

    package struct Endpoint: Sendable, Hashable {
        /// The endpoints table's label for the app ("superset (planned)"), else its name.
        package var label: String
        package var app: String
        var appSlug: String
        package var url: String
        /// "Web + API".
        package var type: String?
        package var health: Health
    }

    package struct IPGroup: Sendable, Hashable {
        package var app: String
        var appSlug: String
        var addresses: [String]
    }

    package struct ExternalEntry: Sendable, Hashable {
        package var name: String
        package var kind: String?
        /// "Supabase (PostgreSQL Database)".
        package var title: String
        package var endpoint: String?
        package var url: String?
        package var region: String?
        package var project: String?
        /// What it costs, in words; never added to totals.
        package var cost: String?
        package var status: String?
        package var usage: [String]
        package var details: [Detail]
        /// The apps that depend on it.
        package var users: [String]
        /// The map's block about it: project, region, endpoint, URL, details, users, cost.
        package var fields: [Field]
    }

    package struct CommandGroup: Sendable, Hashable {
        package var heading: String
        package var code: String
    }

    package struct Monitoring: Sendable {
        /// Each app's health checks (liveness left out), as "app: /health (observed)".
        package var healthChecks: [Field]
        package var alerts: [AlertLine]
    }

    /// An alert or alerting task with a checklist state: "Pending: Email alerts".
    package struct AlertLine: Sendable, Hashable {
        package var state: ChecklistItem.State
        package var text: String
    }

    package struct Questions: Sendable {
        /// Open questions, each app's then the map's.
        package var items: [String]
        package var verify: [VerifyCommand]
        /// The verify commands as one script, each under its comment; nil without any.
        var verifyCode: String?
    }
}
