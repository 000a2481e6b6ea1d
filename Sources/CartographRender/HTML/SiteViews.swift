package import CartographModel

/// The views the HTML templates place. Plain strings are escaped by the template engine;
/// fields ending in `HTML` hold markup built here from escaped parts (or by cmark), for
/// `{{{…}}}`. Every value, sort and decision is made in ``SiteBuilder``.
package enum SiteViews {
    /// What every page shares: the title, the path back to the root, the navigation.
    package struct Layout: Sendable {
        package var siteTitle: String
        package var pageTitle: String
        /// "", "../" or "../../": prefixed to every link so the site works from any folder.
        package var root: String
        package var nav: [NavItem]
        package var footer: String
        package var version: String
        /// A meta description for the page.
        package var summary: String
    }

    package struct NavItem: Sendable {
        package var label: String
        package var href: String
        package var current: Bool
    }

    package struct Card: Sendable {
        package var label: String
        package var value: String
        package var detail: String
        package var tone: String
    }

    package struct Row: Sendable {
        package var cells: [Cell]
    }

    package struct Cell: Sendable {
        package var text: String
        package var href: String?
        package var code: Bool
        package var tone: String?

        package init(_ text: String, href: String? = nil, code: Bool = false, tone: String? = nil) {
            self.text = text
            self.href = href
            self.code = code
            self.tone = tone
        }
    }

    package struct Table: Sendable {
        package var caption: String
        package var header: [String]
        package var rows: [Row]
        package var isEmpty: Bool
        package init(caption: String, header: [String], rows: [Row]) {
            self.caption = caption
            self.header = header
            self.rows = rows
            isEmpty = rows.isEmpty
        }
    }

    package struct Section: Sendable {
        package var heading: String
        package var id: String
        package var bodyHTML: String
    }

    package struct Field: Sendable {
        package var label: String
        package var value: String
        package var href: String?
        package var code: Bool
    }

    package struct IndexPage: Sendable {
        package var layout: Layout
        package var title: String
        package var facts: [Field]
        package var cards: [Card]
        package var diagramSVG: String
        package var diagramText: String
        package var sections: [Section]
    }

    package struct AppPage: Sendable {
        package var layout: Layout
        package var name: String
        package var statusLabel: String
        package var statusTone: String
        package var facts: [Field]
        package var tables: [Table]
        package var lists: [List]
        package var hasSpec: Bool
        /// The app's own detailed box with its edges, as SVG markup (escaped when drawn).
        package var diagramSVG: String
    }

    package struct List: Sendable {
        package var heading: String
        package var items: [String]
        package var isEmpty: Bool
        package init(heading: String, items: [String]) {
            self.heading = heading
            self.items = items
            isEmpty = items.isEmpty
        }
    }

    package struct TablePage: Sendable {
        package var layout: Layout
        package var heading: String
        package var intro: String
        package var tables: [Table]
        package var lists: [List]
    }

    package struct MarkdownPage: Sendable {
        package var layout: Layout
        package var heading: String
        package var bodyHTML: String
    }

    package struct NotFoundPage: Sendable {
        package var layout: Layout
    }

    package struct Sitemap: Sendable {
        package var urls: [String]
    }
}
