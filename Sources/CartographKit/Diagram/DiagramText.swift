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
    /// What the line stands for, on the first line of a paragraph that names one
    /// ("component:redis", "app"): where an edge of the SVG diagram starts or ends.
    public var anchor: String?

    public init(x: Int, y: Int, text: String, width: Int, role: Role, anchor: String? = nil) {
        self.x = x
        self.y = y
        self.text = text
        self.width = width
        self.role = role
        self.anchor = anchor
    }
}
