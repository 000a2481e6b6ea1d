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
        public var header: [String]
        public var rows: [Row]
        public var isEmpty: Bool
        public init(caption: String, header: [String], rows: [Row]) {
            self.caption = caption
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
        public var sections: [Section]
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
        /// The app's own detailed box with its edges, as SVG markup (escaped when drawn).
        public var diagramSVG: String
    }

    public struct List: Sendable {
        public var heading: String
        public var items: [String]
        public var isEmpty: Bool
        public init(heading: String, items: [String]) {
            self.heading = heading
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
    }

    public struct NotFoundPage: Sendable {
        public var layout: Layout
    }

    public struct Sitemap: Sendable {
        public var urls: [String]
    }
}
