package import CartographModel

/// A run of text on one row, already wrapped to fit where it stands.
package struct DiagramText: Sendable, Hashable {
    /// How a line reads, for renderers that style text.
    package enum Role: String, Sendable, Hashable, CaseIterable {
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

    package var x: Int
    package var y: Int
    /// The text, without leading or trailing padding.
    package var text: String
    /// Display width of `text` in columns.
    package var width: Int
    package var role: Role
    /// What the line stands for, on the first line of a paragraph that names one
    /// ("component:redis", "app"): where an edge of the SVG diagram starts or ends.
    package var anchor: String?

    package init(x: Int, y: Int, text: String, width: Int, role: Role, anchor: String? = nil) {
        self.x = x
        self.y = y
        self.text = text
        self.width = width
        self.role = role
        self.anchor = anchor
    }
}

extension DiagramText {
    func moved(x dx: Int, y dy: Int) -> DiagramText {
        var text = self
        text.x += dx
        text.y += dy
        return text
    }
}
