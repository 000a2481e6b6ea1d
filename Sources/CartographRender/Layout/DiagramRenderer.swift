package import CartographModel

/// The architecture diagram of a map: the platform box with one box per app, labelled
/// arrows to the external systems, and a box per external system.
///
/// Every line of the text is exactly `width` display columns, for any input text and any
/// width of 24 or more (a narrower request is drawn 24 wide; 40 to 200 is the range the
/// tests sweep); the same input gives byte-identical output.
package enum DiagramRenderer {
    /// The diagram as text, one line per row, each ending in a newline.
    /// - Parameters:
    ///   - map: the resolved map.
    ///   - width: the display width of every line, in columns.
    ///   - ascii: draw with `+ - |` and ASCII markers only; every byte is then ASCII.
    ///   - boxes: the apps' boxes, shared with the apps' SVGs (see ``AppBoxes``).
    package static func text(_ map: InfraMap, width: Int, ascii: Bool, boxes: AppBoxes? = nil) -> String {
        TextDiagram.render(layout(map, width: width, ascii: ascii, boxes: boxes))
    }

    /// A diagram already laid out, as text: for callers that also draw the layout another
    /// way and so lay it out once.
    package static func text(_ layout: DiagramLayout) -> String {
        TextDiagram.render(layout)
    }

    /// The diagram laid out in character cells: what ``text(_:width:ascii:)`` draws, and
    /// what a graphical renderer draws from.
    package static func layout(_ map: InfraMap, width: Int, ascii: Bool, boxes: AppBoxes? = nil) -> DiagramLayout {
        BoxLayout.layout(DiagramBuilder(map: map, ascii: ascii, shared: boxes).tree(), width: width)
    }
}
