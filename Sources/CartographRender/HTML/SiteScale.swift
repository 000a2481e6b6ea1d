import CartographModel

/// Where the site changes how it shows a map because it has grown.
enum SiteScale {
    /// Up to this many apps the index shows every app in full and the diagram draws every
    /// app's detailed box and edges; above it, the index summarises and the diagram is
    /// condensed to a tile per app (the detailed box moves to the app's page).
    static let detailedAppLimit = 30
}
