/// Everything the map's templates show, computed: every value, sort and decision is made
/// here and tested; templates only place it.
///
/// Fields ending in `Markdown` hold Markdown built from escaped parts, for `{{{…}}}`;
/// every other string is plain text that the Markdown content type escapes.
public struct MapViewModel: Sendable {
    public var title: String
    public var updated: String?
    public var environment: String?
    public var platform: String
    public var diagram: String
    public var sections: [Section]
    public var footer: Footer

    /// One block of the document: a built-in section or a page, in weight order.
    public struct Section: Sendable {
        public var heading: String
        public var slug: String
        public var overview: Overview?
        public var inventory: [AppView]?
        public var costs: CostsView?
        public var network: NetworkView?
        public var commands: [CommandGroup]?
        public var monitoring: MonitoringView?
        public var questions: QuestionsView?
        /// A page's own Markdown, placed as written.
        public var pageMarkdown: String?

        public init(
            heading: String, slug: String, overview: Overview? = nil, inventory: [AppView]? = nil, costs: CostsView? = nil,
            network: NetworkView? = nil, commands: [CommandGroup]? = nil, monitoring: MonitoringView? = nil,
            questions: QuestionsView? = nil, pageMarkdown: String? = nil
        ) {
            self.heading = heading
            self.slug = slug
            self.overview = overview
            self.inventory = inventory
            self.costs = costs
            self.network = network
            self.commands = commands
            self.monitoring = monitoring
            self.questions = questions
            self.pageMarkdown = pageMarkdown
        }
    }

    public struct Overview: Sendable {
        public var diagram: String
        public var fence: String
        public init(diagram: String) {
            self.diagram = diagram
            fence = MarkdownEscape.fence(for: diagram)
        }
    }

    public struct Field: Sendable {
        public var label: String
        public var valueMarkdown: String
    }

    public struct Table: Sendable {
        public var header: [String]
        public var rows: [Row]
        /// `|---|---|` for the header's width.
        public var ruleMarkdown: String
        public struct Row: Sendable { public var cells: [String] }
        public init(header: [String], rows: [Row]) {
            self.header = header
            self.rows = rows
            ruleMarkdown = "|" + String(repeating: "---|", count: header.count)
        }
    }

    public struct AppView: Sendable {
        public var number: Int
        public var name: String
        public var fields: [Field]
        public var components: Table?
        public var configuration: [Field]
        public var features: [String]
        public var checklist: [Field]
        public var notes: [String]
        public var isLast: Bool
        public var hasFeatures: Bool
        public var hasChecklist: Bool
        public var hasNotes: Bool
        public var hasConfiguration: Bool
        public init(
            number: Int, name: String, fields: [Field], components: Table?, configuration: [Field], features: [String],
            checklist: [Field], notes: [String], isLast: Bool
        ) {
            self.number = number
            self.name = name
            self.fields = fields
            self.components = components
            self.configuration = configuration
            self.features = features
            self.checklist = checklist
            self.notes = notes
            self.isLast = isLast
            hasFeatures = !features.isEmpty
            hasChecklist = !checklist.isEmpty
            hasNotes = !notes.isEmpty
            hasConfiguration = !configuration.isEmpty
        }
    }

    public struct CostsView: Sendable {
        public var table: Table
        public var scenarios: [ScenarioView]
        public var pricingNote: String
        public var hasScenarios: Bool
        public init(table: Table, scenarios: [ScenarioView], pricingNote: String) {
            self.table = table
            self.scenarios = scenarios
            self.pricingNote = pricingNote
            hasScenarios = !scenarios.isEmpty
        }
    }

    public struct ScenarioView: Sendable {
        public var name: String
        public var summary: String
        public var lines: [String]
    }

    public struct NetworkView: Sendable {
        public var endpoints: Table?
        public var staticIPs: [IPGroup]
        public var dns: [Field]
        public var externals: [ExternalView]
        public var hasDNS: Bool
        public var hasExternals: Bool
        public init(endpoints: Table?, staticIPs: [IPGroup], dns: [Field], externals: [ExternalView]) {
            self.endpoints = endpoints
            self.staticIPs = staticIPs
            self.dns = dns
            self.externals = externals
            hasDNS = !dns.isEmpty
            hasExternals = !externals.isEmpty
        }
        public struct ExternalView: Sendable {
            public var title: String
            public var fields: [Field]
            public var usage: [String]
        }
        public struct IPGroup: Sendable {
            public var app: String
            public var ips: [String]
        }
    }

    public struct CommandGroup: Sendable {
        public var heading: String
        public var code: String
        public var fence: String
        public init(heading: String, code: String) {
            self.heading = heading
            self.code = code
            fence = MarkdownEscape.fence(for: code)
        }
    }

    public struct MonitoringView: Sendable {
        public var healthChecks: [Field]
        public var alerts: [String]
        public var hasHealthChecks: Bool
        public var hasAlerts: Bool
        public init(healthChecks: [Field], alerts: [String]) {
            self.healthChecks = healthChecks
            self.alerts = alerts
            hasHealthChecks = !healthChecks.isEmpty
            hasAlerts = !alerts.isEmpty
        }
    }

    public struct QuestionsView: Sendable {
        public var items: [String]
        public var verifyCode: String?
        public var fence: String
        public var hasItems: Bool
        public init(items: [String], verifyCode: String?) {
            self.items = items
            self.verifyCode = verifyCode
            fence = MarkdownEscape.fence(for: verifyCode ?? "")
            hasItems = !items.isEmpty
        }
    }

    public struct Footer: Sendable {
        public var mapStatus: String?
        public var lastVerified: String?
        public var nextReview: String?
    }
}
