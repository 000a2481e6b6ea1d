/// The architecture diagram laid out on a grid of character cells: every box, line of
/// text and arrow at its absolute position. The text renderer draws it with box-drawing
/// characters; an SVG renderer can draw the same picture from the same numbers.
///
/// Coordinates are in cells: `x` counts columns from the left edge (a wide character
/// takes two), `y` counts rows from the top.
public struct DiagramLayout: Sendable, Hashable {
    /// Total width in columns; every row of the text rendering is exactly this wide.
    public var width: Int
    /// Total height in rows.
    public var height: Int
    /// True when every string in the layout is ASCII (the `--ascii` style).
    public var ascii: Bool
    /// Boxes in drawing order: a box comes before the boxes inside it.
    public var boxes: [DiagramBox]
    /// Labelled arrows from the platform to the external systems.
    public var arrows: [DiagramArrow]

    public init(width: Int, height: Int, ascii: Bool, boxes: [DiagramBox], arrows: [DiagramArrow]) {
        self.width = width
        self.height = height
        self.ascii = ascii
        self.boxes = boxes
        self.arrows = arrows
    }
}

/// One rectangle of the diagram, its border included.
public struct DiagramBox: Sendable, Hashable {
    /// What a box stands for.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The outer box: the platform and its region, holding the app boxes.
        case platform
        /// One app.
        case app
        /// The box holding one box per external system.
        case externalGroup
        /// One system outside the platform (a database host, GitHub).
        case external
    }

    public var kind: Kind
    /// Column of the left border.
    public var x: Int
    /// Row of the top border.
    public var y: Int
    /// Columns from the left border to the right border, both included.
    public var width: Int
    /// Rows from the top border to the bottom border, both included.
    public var height: Int
    /// The heading lines (an app's name, or the platform and its region), wrapped.
    public var title: [DiagramText]
    /// Everything below the heading, wrapped: rules, section labels and values.
    public var lines: [DiagramText]
    /// Row of a full-width divider under the title (`├───┤`), for the group boxes.
    public var dividerY: Int?
    /// The app's slug, for app boxes: the page the SVG links the box to.
    public var link: String?

    public init(
        kind: Kind, x: Int, y: Int, width: Int, height: Int, title: [DiagramText], lines: [DiagramText],
        dividerY: Int? = nil, link: String? = nil
    ) {
        self.kind = kind
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.title = title
        self.lines = lines
        self.dividerY = dividerY
        self.link = link
    }
}

/// A run of text on one row, already wrapped to fit where it stands.
public struct DiagramText: Sendable, Hashable {
    /// How a line reads, for renderers that style text.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// A box's heading: an app's or a system's name, the platform's name.
        case title
        /// A second heading line, such as the platform's region.
        case subtitle
        /// A horizontal rule under a name; its text is the rule as the text renderer draws it.
        case rule
        /// A section label on its own line ("Components:").
        case label
        /// Everything else.
        case text
    }

    public var x: Int
    public var y: Int
    /// The text, without leading or trailing padding.
    public var text: String
    /// Display width of `text` in columns.
    public var width: Int
    public var role: Role

    public init(x: Int, y: Int, text: String, width: Int, role: Role) {
        self.x = x
        self.y = y
        self.text = text
        self.width = width
        self.role = role
    }
}

/// A labelled arrow saying that an app uses an external system
/// (`▼ superset-analytics → Supabase`), or a bare one joining the platform to the
/// external systems when no spec says which app uses which.
public struct DiagramArrow: Sendable, Hashable {
    /// The slug of the app that depends on the system; nil for a bare arrow.
    public var app: String?
    /// The external system's name; nil for a bare arrow.
    public var system: String?
    /// The label's lines as drawn, the arrowhead included.
    public var lines: [DiagramText]

    public init(app: String?, system: String?, lines: [DiagramText]) {
        self.app = app
        self.system = system
        self.lines = lines
    }
}
