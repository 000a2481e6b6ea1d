package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

extension FuzzTarget {
    /// Lays out a map of arbitrary names at every width of the input, in both styles, and
    /// draws it as text, SVG and Mermaid.
    static func runDiagram(_ data: Data) {
        let input = DiagramFuzzInput(data)
        let map = MapBuilder(config: input.config, specs: input.specs, status: input.status, diagnostics: DiagnosticBag()).build()
        for width in input.widths {
            for ascii in [false, true] {
                let layout = DiagramRenderer.layout(map, width: width, ascii: ascii)
                FuzzCheck.contained(layout, width: width)
                let text = DiagramRenderer.text(layout)
                FuzzCheck.exactWidth(text, width: width, ascii: ascii)
                let rows = text.utf8.count { $0 == 0x0A }
                guard rows == layout.height || !FuzzCheck.enabled(.width) else {
                    FuzzCheck.fail("the \(width)-column diagram has \(rows) rows, its layout \(layout.height)")
                }
            }
        }
        for form in [SVGDiagram.Form.detailed, .condensed] {
            FuzzCheck.wellFormedSVG(SVGDiagram(map: map, title: map.title, form: form).render())
        }
        guard
            !FuzzCheck.enabled(.layout)
                || DiagramRenderer.layout(map, width: 66, ascii: false) == DiagramRenderer.layout(map, width: 66, ascii: false)
        else {
            FuzzCheck.fail("the same map laid out twice differs")
        }
        for style in [StatusStyle.emoji, .ascii] {
            FuzzCheck.wellFormedMermaid(MermaidDiagram.render(map, style: style), apps: map.apps.count, systems: map.externals.count)
        }
    }
}
