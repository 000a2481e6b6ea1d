package import CartographModel

/// What the diagram says, before it has a size: the platform box with one box per app,
/// the labelled arrows, and the external-systems box with one box per system.
/// ``DiagramBuilder`` makes it from an ``InfraMap``; ``BoxLayout`` gives it positions.
struct DiagramTree: Sendable, Hashable {
    /// A box and what it holds: heading lines, sections of body lines (drawn with a blank
    /// line between sections) and, for a group, the boxes inside it.
    struct Node: Sendable, Hashable {
        var kind: DiagramBox.Kind
        var title: [Paragraph]
        /// Whether a rule is drawn under the title (app and system boxes).
        var ruled: Bool
        var sections: [[Paragraph]]
        var children: [Node]
        var link: String?
    }

    /// One arrow label and what it connects (nil for a bare arrow).
    struct Arrow: Sendable, Hashable {
        var app: String?
        var system: String?
        var label: Paragraph
    }

    var platform: Node
    var arrows: [Arrow]
    /// Nil when the map names no external systems: then there are no arrows either.
    var externals: Node?
    var ascii: Bool
}
