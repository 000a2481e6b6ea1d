package import CartographModel

/// Everything the map's templates show, computed: every value, sort and decision is made
/// here and tested; templates only place it.
///
/// Fields ending in `Markdown` hold Markdown built from escaped parts, for `{{{…}}}`;
/// every other string is plain text that the Markdown content type escapes.
package struct MapViewModel: Sendable, Equatable {
    package var title: String
    package var updated: String?
    package var environment: String?
    package var platform: String
    package var diagram: String
    package var sections: [Section]
    package var footer: Footer

    /// One block of the document: a built-in section or a page, in weight order.
    package struct Section: Sendable, Equatable {
        package var heading: String
        package var slug: String
        package var overview: Overview?
        package var inventory: [AppView]?
        package var costs: CostsView?
        package var network: NetworkView?
        package var commands: [CommandGroup]?
        package var monitoring: MonitoringView?
        package var questions: QuestionsView?
        /// A page's own Markdown, placed as written.
        var pageMarkdown: String?

        package init(
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

        /// A built-in section, headed and anchored as ``MapSection`` declares it.
        package init(
            _ kind: MapSection, overview: Overview? = nil, inventory: [AppView]? = nil, costs: CostsView? = nil,
            network: NetworkView? = nil, commands: [CommandGroup]? = nil, monitoring: MonitoringView? = nil,
            questions: QuestionsView? = nil
        ) {
            self.init(
                heading: kind.heading, slug: kind.slug, overview: overview, inventory: inventory, costs: costs, network: network,
                commands: commands, monitoring: monitoring, questions: questions)
        }
    }

    package struct Overview: Sendable, Equatable {
        package var diagram: String
        package var fence: String
        package init(diagram: String) {
            self.diagram = diagram
            fence = MarkdownEscape.fence(for: diagram)
        }
    }

    package struct Field: Sendable, Equatable {
        package var label: String
        var valueMarkdown: String
    }

    package struct Table: Sendable, Equatable {
        package var header: [String]
        package var rows: [Row]
        /// `|---|---|` for the header's width.
        var ruleMarkdown: String
        package struct Row: Sendable, Equatable { package var cells: [String] }
        package init(header: [String], rows: [Row]) {
            self.header = header
            self.rows = rows
            ruleMarkdown = "|" + String(repeating: "---|", count: header.count)
        }
    }

    package struct AppView: Sendable, Equatable {
        package var number: Int
        package var name: String
        package var fields: [Field]
        package var components: Table?
        package var configuration: [Field]
        package var features: [String]
        package var checklist: [Field]
        package var notes: [String]
        var isLast: Bool
        var hasFeatures: Bool
        var hasChecklist: Bool
        var hasNotes: Bool
        var hasConfiguration: Bool
        package init(
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

    package struct CostsView: Sendable, Equatable {
        package var table: Table
        package var scenarios: [ScenarioView]
        var pricingNote: String
        var hasScenarios: Bool
        package init(table: Table, scenarios: [ScenarioView], pricingNote: String) {
            self.table = table
            self.scenarios = scenarios
            self.pricingNote = pricingNote
            hasScenarios = !scenarios.isEmpty
        }
    }

    package struct ScenarioView: Sendable, Equatable {
        package var name: String
        package var summary: String
        package var lines: [String]
    }

    package struct NetworkView: Sendable, Equatable {
        package var endpoints: Table?
        package var staticIPs: [IPGroup]
        var dns: [Field]
        package var externals: [ExternalView]
        var hasDNS: Bool
        var hasExternals: Bool
        package init(endpoints: Table?, staticIPs: [IPGroup], dns: [Field], externals: [ExternalView]) {
            self.endpoints = endpoints
            self.staticIPs = staticIPs
            self.dns = dns
            self.externals = externals
            hasDNS = !dns.isEmpty
            hasExternals = !externals.isEmpty
        }
        package struct ExternalView: Sendable, Equatable {
            package var title: String
            package var fields: [Field]
            package var usage: [String]
        }
        package struct IPGroup: Sendable, Equatable {
            package var app: String
            package var ips: [String]
        }
    }

    package struct CommandGroup: Sendable, Equatable {
        package var heading: String
        package var code: String
        package var fence: String
        package init(heading: String, code: String) {
            self.heading = heading
            self.code = code
            fence = MarkdownEscape.fence(for: code)
        }
    }

    package struct MonitoringView: Sendable, Equatable {
        package var healthChecks: [Field]
        package var alerts: [String]
        var hasHealthChecks: Bool
        var hasAlerts: Bool
        package init(healthChecks: [Field], alerts: [String]) {
            self.healthChecks = healthChecks
            self.alerts = alerts
            hasHealthChecks = !healthChecks.isEmpty
            hasAlerts = !alerts.isEmpty
        }
    }

    package struct QuestionsView: Sendable, Equatable {
        package var items: [String]
        var verifyCode: String?
        package var fence: String
        var hasItems: Bool
        package init(items: [String], verifyCode: String?) {
            self.items = items
            self.verifyCode = verifyCode
            fence = MarkdownEscape.fence(for: verifyCode ?? "")
            hasItems = !items.isEmpty
        }
    }

    package struct Footer: Sendable, Equatable {
        package var mapStatus: String?
        var lastVerified: String?
        package var nextReview: String?
    }
}
