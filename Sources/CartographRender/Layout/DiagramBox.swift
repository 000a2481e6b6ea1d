package import CartographModel

/// One rectangle of the diagram, its border included.
package struct DiagramBox: Sendable, Hashable {
    /// What a box stands for.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The outer box: the platform and its region, holding the app boxes.
        case platform
        /// One app.
        case app
        /// The box holding one box per external system.
        case externalGroup
        /// One system outside the platform (a database host, GitHub).
        case external
    }

    package var kind: Kind
    /// Column of the left border.
    package var x: Int
    /// Row of the top border.
    package var y: Int
    /// Columns from the left border to the right border, both included.
    package var width: Int
    /// Rows from the top border to the bottom border, both included.
    package var height: Int
    /// The heading lines (an app's name, or the platform and its region), wrapped.
    package var title: [DiagramText]
    /// Everything below the heading, wrapped: rules, section labels and values.
    package var lines: [DiagramText]
    /// Row of a full-width divider under the title (`├───┤`), for the group boxes.
    var dividerY: Int?
    /// The app's slug, for app boxes: the page the SVG links the box to.
    package var link: String?

    package init(
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

extension DiagramBox {
    /// The same box `x` columns right and `y` rows down.
    func moved(x dx: Int, y dy: Int) -> DiagramBox {
        var box = self
        box.x += dx
        box.y += dy
        box.dividerY = dividerY.map { $0 + dy }
        box.title = title.map { $0.moved(x: dx, y: dy) }
        box.lines = lines.map { $0.moved(x: dx, y: dy) }
        return box
    }

    /// The same box `rows` further down, its text with it.
    mutating func moveDown(by rows: Int) {
        y += rows
        dividerY = dividerY.map { $0 + rows }
        for index in title.indices { title[index].y += rows }
        for index in lines.indices { lines[index].y += rows }
    }
}
