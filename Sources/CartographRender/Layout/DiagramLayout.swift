package import CartographModel

/// The architecture diagram laid out on a grid of character cells: every box, line of
/// text and arrow at its absolute position. The text renderer draws it with box-drawing
/// characters; an SVG renderer can draw the same picture from the same numbers.
///
/// Coordinates are in cells: `x` counts columns from the left edge (a wide character
/// takes two), `y` counts rows from the top.
package struct DiagramLayout: Sendable, Hashable {
    /// Total width in columns; every row of the text rendering is exactly this wide.
    package var width: Int
    /// Total height in rows.
    package var height: Int
    /// True when every string in the layout is ASCII (the `--ascii` style).
    package var ascii: Bool
    /// Boxes in drawing order: a box comes before the boxes inside it.
    package var boxes: [DiagramBox]
    /// Labelled arrows from the platform to the external systems.
    package var arrows: [DiagramArrow]

    package init(width: Int, height: Int, ascii: Bool, boxes: [DiagramBox], arrows: [DiagramArrow]) {
        self.width = width
        self.height = height
        self.ascii = ascii
        self.boxes = boxes
        self.arrows = arrows
    }
}
