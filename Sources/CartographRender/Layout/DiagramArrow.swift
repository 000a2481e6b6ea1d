package import CartographModel

/// A labelled arrow saying that an app uses an external system
/// (`▼ superset-analytics → Supabase`), or a bare one joining the platform to the
/// external systems when no spec says which app uses which.
package struct DiagramArrow: Sendable, Hashable {
    /// The slug of the app that depends on the system; nil for a bare arrow.
    package var app: String?
    /// The external system's name; nil for a bare arrow.
    package var system: String?
    /// The label's lines as drawn, the arrowhead included.
    package var lines: [DiagramText]

    package init(app: String?, system: String?, lines: [DiagramText]) {
        self.app = app
        self.system = system
        self.lines = lines
    }
}
