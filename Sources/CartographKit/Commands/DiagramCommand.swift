import CartographInput
import CartographModel
package import CartographRender
package import Foundation

/// `cartograph diagram`: the architecture diagram as text, SVG or Mermaid.
package struct DiagramCommand: Sendable {
    package enum Format: String, Sendable, CaseIterable { case text, svg, mermaid }

    package var request: PipelineRequest
    package var format: Format
    /// Columns; nil for the config's `diagram.width`, or 80 without a config.
    package var width: Int?
    package var ascii: Bool
    package var color: Bool

    package init(request: PipelineRequest, format: Format = .text, width: Int? = nil, ascii: Bool = false, color: Bool = false) {
        self.request = request
        self.format = format
        self.width = width
        self.ascii = ascii
        self.color = color
    }

    package func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        guard let (workspace, map) = request.resolve(color: color, stderr: stderr) else { return 1 }
        let columns = width ?? (workspace.config.file == nil ? 80 : workspace.config.diagramWidth)
        let ascii = ascii || workspace.config.diagramASCII
        let layout = DiagramRenderer.layout(map, width: columns, ascii: ascii)
        switch format {
        case .mermaid:
            stdout(MermaidDiagram.render(map, style: self.ascii ? .ascii : .emoji))
        case .svg:
            stdout(SVGDiagram(map: map, title: "Architecture of \(map.title)", standalone: true).render() + "\n")
        case .text:
            stdout(DiagramRenderer.text(layout))
        }
        return 0
    }
}
