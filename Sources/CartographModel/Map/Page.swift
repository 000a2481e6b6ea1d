/// A Markdown page of the team's own (`content/pages/*.md`), with its front matter.
package struct Page: Sendable, Hashable {
    package var title: String
    /// Where the page sits among the map's sections: lower comes first.
    package var weight: Int
    /// File-name-safe name, for the page's URL in the site.
    package var slug: String
    /// The Markdown after the front matter.
    package var body: String
    package var file: String
    /// The line the body starts on, for locating problems inside it.
    package var bodyLine: Int
    /// Where the front matter sets `slug`, if it does.
    package var slugLocation: SourceLocation? = nil
    /// The group the site's page index lists the page under (front matter `section:`).
    package var section: String? = nil
    /// The app this page is the runbook of (front matter `app:`), by name; without it a
    /// page whose slug is an app's slug is that app's runbook.
    package var app: String? = nil
    /// Where the front matter sets `app`, if it does.
    package var appLocation: SourceLocation? = nil

    package init(
        title: String, weight: Int, slug: String, body: String, file: String, bodyLine: Int,
        slugLocation: SourceLocation? = nil, section: String? = nil, app: String? = nil, appLocation: SourceLocation? = nil
    ) {
        self.title = title
        self.weight = weight
        self.slug = slug
        self.body = body
        self.file = file
        self.bodyLine = bodyLine
        self.slugLocation = slugLocation
        self.section = section
        self.app = app
        self.appLocation = appLocation
    }
}
