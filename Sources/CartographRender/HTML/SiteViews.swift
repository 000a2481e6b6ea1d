package import CartographModel

/// The views the HTML templates place. Plain strings are escaped by the template engine;
/// fields ending in `HTML` hold markup built here from escaped parts (or by cmark), for
/// `{{{…}}}`. Every value, sort and decision is made in ``SiteBuilder``.
enum SiteViews {
    /// What every page shares: the title, the path back to the root, the navigation.
    package struct Layout: Sendable, Equatable {
        var siteTitle: String
        var pageTitle: String
        /// "", "../" or "../../": prefixed to every link so the site works from any folder.
        package var root: String
        var nav: [NavItem]
        package var footer: String
        package var version: String
        /// A meta description for the page.
        package var summary: String
        /// The trail from the map to this page; empty on the index.
        var crumbs: [Crumb]
        var hasCrumbs: Bool
    }

    /// One step of the breadcrumb trail; the last, the page itself, has no link.
    package struct Crumb: Sendable, Equatable {
        package var label: String
        var href: String?
    }

    /// An entry of a page's table of contents.
    package struct TocEntry: Sendable, Equatable {
        package var text: String
        package var id: String
    }

    /// A choice of a filter.
    package struct Option: Sendable, Equatable {
        package var value: String
        package var label: String
    }

    package struct NavItem: Sendable, Equatable {
        package var label: String
        var href: String
        package var current: Bool
    }

    package struct Card: Sendable, Equatable {
        package var label: String
        package var value: String
        package var detail: String
        var tone: String
    }

    package struct Row: Sendable, Equatable {
        package var cells: [Cell]
    }

    package struct Cell: Sendable, Equatable {
        package var text: String
        var href: String?
        package var code: Bool
        var tone: String?

        package init(_ text: String, href: String? = nil, code: Bool = false, tone: String? = nil) {
            self.text = text
            self.href = href
            self.code = code
            self.tone = tone
        }
    }

    package struct Table: Sendable, Equatable {
        var caption: String
        /// The id of the table's container, for links to it: the caption's slug unless given.
        package var id: String
        package var header: [String]
        package var rows: [Row]
        package var isEmpty: Bool
        package init(caption: String, id: String? = nil, header: [String], rows: [Row]) {
            self.caption = caption
            self.id = id ?? SiteViews.slug(caption)
            self.header = header
            self.rows = rows
            isEmpty = rows.isEmpty
        }
    }

    /// A section of the map on the index, the same parts as the Markdown map's
    /// (``MapViewModel/Section``) from the same presentation, as HTML: one part is set.
    package struct Section: Sendable, Equatable {
        package var heading: String
        package var id: String
        package var inventory: [InventoryApp]?
        package var costs: CostsSection?
        package var network: NetworkSection?
        package var commands: [CommandBlock]?
        package var monitoring: MonitoringSection?
        package var questions: QuestionsSection?
    }

    /// "**Label**: value", the value as inline HTML.
    package struct Line: Sendable, Equatable {
        package var label: String
        var valueHTML: String
    }

    /// A table of the map's sections: cells as inline HTML; no caption (a heading names it).
    package struct MapTable: Sendable, Equatable {
        /// What a screen reader announces for the scrolling region.
        package var label: String
        package var header: [String]
        package var rows: [MapRow]
    }

    package struct MapRow: Sendable, Equatable {
        var cellsHTML: [String]
    }

    /// An app in the index's inventory, as the Markdown map lists it.
    package struct InventoryApp: Sendable, Equatable {
        package var number: Int
        package var name: String
        /// The app's slug: the anchors of its headings are made from it.
        package var slug: String
        package var fields: [Line]
        package var components: MapTable?
        package var configuration: [Line]
        var featuresHTML: [String]
        package var checklist: [Line]
        var notesHTML: [String]
        var isLast: Bool
        var hasConfiguration: Bool
        var hasFeatures: Bool
        var hasChecklist: Bool
        var hasNotes: Bool

        package init(
            number: Int, name: String, slug: String, fields: [Line], components: MapTable?, configuration: [Line],
            featuresHTML: [String], checklist: [Line], notesHTML: [String], isLast: Bool
        ) {
            self.number = number
            self.name = name
            self.slug = slug
            self.fields = fields
            self.components = components
            self.configuration = configuration
            self.featuresHTML = featuresHTML
            self.checklist = checklist
            self.notesHTML = notesHTML
            self.isLast = isLast
            hasConfiguration = !configuration.isEmpty
            hasFeatures = !featuresHTML.isEmpty
            hasChecklist = !checklist.isEmpty
            hasNotes = !notesHTML.isEmpty
        }
    }

    package struct CostsSection: Sendable, Equatable {
        package var table: MapTable
        var pricingNoteHTML: String
        package var scenarios: [ScenarioNote]
        var hasScenarios: Bool
    }

    package struct ScenarioNote: Sendable, Equatable {
        package var name: String
        package var summary: String
        var linesHTML: [String]
    }

    package struct NetworkSection: Sendable, Equatable {
        package var endpoints: MapTable?
        package var staticIPs: [IPGroup]
        var dns: [Line]
        package var externals: [ExternalBlock]
        var hasDNS: Bool
        var hasExternals: Bool
    }

    package struct IPGroup: Sendable, Equatable {
        package var app: String
        package var slug: String
        var addresses: [String]
    }

    package struct ExternalBlock: Sendable, Equatable {
        package var title: String
        package var fields: [Line]
        var usageHTML: [String]
    }

    package struct CommandBlock: Sendable, Equatable {
        package var heading: String
        /// Unique on the index.
        package var id: String
        package var code: String
    }

    package struct MonitoringSection: Sendable, Equatable {
        package var healthChecks: [Line]
        var alertsHTML: [String]
        var hasHealthChecks: Bool
        var hasAlerts: Bool
    }

    package struct QuestionsSection: Sendable, Equatable {
        var itemsHTML: [String]
        var verifyCode: String?
        var hasItems: Bool
    }

    package struct Field: Sendable, Equatable {
        package var label: String
        package var value: String
        var href: String?
        package var code: Bool
    }

    struct IndexPage: Sendable, Equatable {
        package var layout: Layout
        package var title: String
        package var facts: [Field]
        var cards: [Card]
        var diagramSVG: String
        package var diagramText: String
        var hasDiagramText: Bool
        /// The diagram's section, as ``MapSection/overview`` declares it.
        var overviewHeading: String
        var overviewID: String
        package var sections: [Section]
        /// The page's sections, for its table of contents.
        var toc: [TocEntry]
        /// True above ``IndexSummary/threshold`` apps: the summary tables stand in for the inventory.
        var summarised: Bool
        var summaryTables: [Table]
        /// Links after the summary tables (the rest of a capped list).
        var summaryLinks: [NavItem]
    }

    struct AppPage: Sendable, Equatable {
        package var layout: Layout
        package var name: String
        var statusLabel: String
        var statusTone: String
        package var facts: [Field]
        var tables: [Table]
        package var lists: [List]
        package var hasSpec: Bool
        /// The app's own detailed box with its edges, as SVG markup (escaped when drawn), in
        /// UTF-8 as it was drawn.
        var diagramSVG: [UInt8]
    }

    package struct List: Sendable, Equatable {
        package var heading: String
        /// The heading's id, for links to it.
        package var id: String
        /// Each item as inline HTML (``HTMLEscape/inline(_:)``).
        package var items: [String]
        package var isEmpty: Bool
        /// - Parameter words: lines of the map's words, `backquoted` parts shown as code.
        package init(heading: String, words: [String]) {
            self.heading = heading
            id = SiteViews.slug(heading)
            items = words.map(HTMLEscape.inline)
            isEmpty = items.isEmpty
        }
    }

    struct TablePage: Sendable, Equatable {
        package var layout: Layout
        package var heading: String
        var intro: String
        var tables: [Table]
        package var lists: [List]
    }

    struct MarkdownPage: Sendable, Equatable {
        package var layout: Layout
        package var heading: String
        var bodyHTML: String
        var toc: [TocEntry]
        var hasToc: Bool
    }

    /// `apps/index.html`: every app in a table, a body per region.
    struct AppsPage: Sendable, Equatable {
        package var layout: Layout
        package var heading: String
        var intro: String
        package var statuses: [Option]
        package var regions: [Option]
        package var groups: [DirectoryGroup]
    }

    package struct DirectoryGroup: Sendable, Equatable {
        package var id: String
        package var title: String
        package var count: String
        var subtotal: String
        var subtotalCents: String
        package var rows: [DirectoryRow]
    }

    package struct DirectoryRow: Sendable, Equatable {
        package var name: String
        var href: String
        package var status: String
        var statusLabel: String
        package var region: String
        var regionLabel: String
        var componentCount: String
        /// The components' names, nil when there are none.
        package var components: String?
        package var cost: String
        /// Cents for sorting; -1 when the cost is unknown.
        var costCents: String
        var runbookHref: String?
        var runbookTitle: String?
    }

    /// `pages/index.html`: the team's pages by section.
    struct PagesPage: Sendable, Equatable {
        package var layout: Layout
        package var heading: String
        package var groups: [PageGroup]
        package var isEmpty: Bool
    }

    package struct PageGroup: Sendable, Equatable {
        package var id: String
        package var title: String
        package var pages: [NavItem]
    }

    /// `Slug.of(text)`, looked up for the captions and headings every app's page repeats.
    static func slug(_ text: String) -> String {
        fixedSlugs[text] ?? Slug.of(text)
    }

    private static let fixedSlugs: [String: String] = Dictionary(
        uniqueKeysWithValues: [
            "Alerts", "Dependencies", "Health checks", "Static IPs", "Deployment checklist", "Features", "Notes", "Questions",
        ].map { ($0, Slug.of($0)) })

    struct NotFoundPage: Sendable, Equatable {
        package var layout: Layout
    }

    struct Sitemap: Sendable, Equatable {
        var urls: [String]
    }
}
