/// The views the HTML templates place. Plain strings are escaped by the template engine;
/// fields ending in `HTML` hold markup built here from escaped parts (or by cmark), for
/// `{{{…}}}`. Every value, sort and decision is made in ``SiteBuilder``.
public enum SiteViews {
    /// What every page shares: the title, the path back to the root, the navigation.
    public struct Layout: Sendable {
        public var siteTitle: String
        public var pageTitle: String
        /// "", "../" or "../../": prefixed to every link so the site works from any folder.
        public var root: String
        public var nav: [NavItem]
        public var footer: String
        public var version: String
        /// A meta description for the page.
        public var summary: String
        /// The trail from the map to this page; empty on the index.
        public var crumbs: [Crumb]
        public var hasCrumbs: Bool
    }

    /// One step of the breadcrumb trail; the last, the page itself, has no link.
    public struct Crumb: Sendable {
        public var label: String
        public var href: String?
    }

    /// An entry of a page's table of contents.
    public struct TocEntry: Sendable {
        public var text: String
        public var id: String
    }

    /// A choice of a filter.
    public struct Option: Sendable {
        public var value: String
        public var label: String
    }

    public struct NavItem: Sendable {
        public var label: String
        public var href: String
        public var current: Bool
    }

    public struct Card: Sendable {
        public var label: String
        public var value: String
        public var detail: String
        public var tone: String
    }

    public struct Row: Sendable {
        public var cells: [Cell]
    }

    public struct Cell: Sendable {
        public var text: String
        public var href: String?
        public var code: Bool
        public var tone: String?

        public init(_ text: String, href: String? = nil, code: Bool = false, tone: String? = nil) {
            self.text = text
            self.href = href
            self.code = code
            self.tone = tone
        }
    }

    public struct Table: Sendable {
        public var caption: String
        /// The id of the table's container, for links to it: the caption's slug unless given.
        public var id: String
        public var header: [String]
        public var rows: [Row]
        public var isEmpty: Bool
        public init(caption: String, id: String? = nil, header: [String], rows: [Row]) {
            self.caption = caption
            self.id = id ?? MapBuilder.slug(caption)
            self.header = header
            self.rows = rows
            isEmpty = rows.isEmpty
        }
    }

    public struct Section: Sendable {
        public var heading: String
        public var id: String
        public var bodyHTML: String
    }

    public struct Field: Sendable {
        public var label: String
        public var value: String
        public var href: String?
        public var code: Bool
    }

    public struct IndexPage: Sendable {
        public var layout: Layout
        public var title: String
        public var facts: [Field]
        public var cards: [Card]
        public var diagramSVG: String
        public var diagramText: String
        public var hasDiagramText: Bool
        public var sections: [Section]
        /// The page's sections, for its table of contents.
        public var toc: [TocEntry]
        /// True above ``IndexSummary/threshold`` apps: the summary tables stand in for the inventory.
        public var summarised: Bool
        public var summaryTables: [Table]
        /// Links after the summary tables (the rest of a capped list).
        public var summaryLinks: [NavItem]
    }

    public struct AppPage: Sendable {
        public var layout: Layout
        public var name: String
        public var statusLabel: String
        public var statusTone: String
        public var facts: [Field]
        public var tables: [Table]
        public var lists: [List]
        public var hasSpec: Bool
    }

    public struct List: Sendable {
        public var heading: String
        /// The heading's id, for links to it.
        public var id: String
        public var items: [String]
        public var isEmpty: Bool
        public init(heading: String, items: [String]) {
            self.heading = heading
            id = MapBuilder.slug(heading)
            self.items = items
            isEmpty = items.isEmpty
        }
    }

    public struct TablePage: Sendable {
        public var layout: Layout
        public var heading: String
        public var intro: String
        public var tables: [Table]
        public var lists: [List]
    }

    public struct MarkdownPage: Sendable {
        public var layout: Layout
        public var heading: String
        public var bodyHTML: String
        public var toc: [TocEntry]
        public var hasToc: Bool
    }

    /// `apps/index.html`: every app in a table, a body per region.
    public struct AppsPage: Sendable {
        public var layout: Layout
        public var heading: String
        public var intro: String
        public var statuses: [Option]
        public var regions: [Option]
        public var groups: [DirectoryGroup]
    }

    public struct DirectoryGroup: Sendable {
        public var id: String
        public var title: String
        public var count: String
        public var subtotal: String
        public var subtotalCents: String
        public var rows: [DirectoryRow]
    }

    public struct DirectoryRow: Sendable {
        public var name: String
        public var href: String
        public var status: String
        public var statusLabel: String
        public var region: String
        public var regionLabel: String
        public var componentCount: String
        /// The components' names, nil when there are none.
        public var components: String?
        public var cost: String
        /// Cents for sorting; -1 when the cost is unknown.
        public var costCents: String
        public var runbookHref: String?
        public var runbookTitle: String?
    }

    /// `pages/index.html`: the team's pages by section.
    public struct PagesPage: Sendable {
        public var layout: Layout
        public var heading: String
        public var groups: [PageGroup]
        public var isEmpty: Bool
    }

    public struct PageGroup: Sendable {
        public var id: String
        public var title: String
        public var pages: [NavItem]
    }

    public struct NotFoundPage: Sendable {
        public var layout: Layout
    }

    public struct Sitemap: Sendable {
        public var urls: [String]
    }
}
