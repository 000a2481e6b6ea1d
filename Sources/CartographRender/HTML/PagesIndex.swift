import CartographModel

/// The team's pages as the site's page index lists them: grouped by front-matter
/// `section:` (pages without one in a group of their own), each group ordered by weight,
/// then title; groups ordered by their first page's weight, then name.
struct PagesIndex: Sendable {
    struct Entry: Sendable, Hashable {
        var title: String
        var slug: String
        var weight: Int

        init(page: Page) {
            title = page.title
            slug = page.slug
            weight = page.weight
        }
    }

    struct Group: Sendable {
        /// The section's name; nil for pages that name none.
        var section: String?
        var entries: [Entry]

        var title: String { section ?? PagesIndex.defaultGroupTitle }
        var id: String { PagesIndex.groupID(section) }
    }

    /// The anchor of a section's group on the page index.
    static func groupID(_ section: String?) -> String {
        "section-" + Slug.of(section ?? defaultGroupTitle)
    }

    static let defaultGroupTitle = "Pages"

    var groups: [Group]
    var count: Int

    init(pages: [Page]) {
        let bySection = Dictionary(grouping: pages) { $0.section }
        groups = bySection.map { section, pages in
            Group(
                section: section,
                entries: pages.map(Entry.init(page:)).sorted { ($0.weight, $0.title, $0.slug) < ($1.weight, $1.title, $1.slug) })
        }
        .sorted { a, b in
            let first = (a.entries.first?.weight ?? 0, a.section ?? "", a.section == nil ? 0 : 1)
            let second = (b.entries.first?.weight ?? 0, b.section ?? "", b.section == nil ? 0 : 1)
            return first < second
        }
        count = pages.count
    }
}
