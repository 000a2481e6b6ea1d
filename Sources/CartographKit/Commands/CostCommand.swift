import CartographInput
import CartographModel
package import CartographRender
package import Foundation

/// `cartograph cost`: the monthly cost of every app, as a table, Markdown or JSON.
package struct CostCommand: Sendable {
    package var request: PipelineRequest
    package var format: CostReport.Format
    package var ascii: Bool
    package var color: Bool

    package init(request: PipelineRequest, format: CostReport.Format = .table, ascii: Bool = false, color: Bool = false) {
        self.request = request
        self.format = format
        self.ascii = ascii
        self.color = color
    }

    package func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        guard let (_, map) = request.resolve(color: color, stderr: stderr) else { return 1 }
        let presentation = MapPresentation(map: map, pages: [])
        stdout(CostReport(presentation: presentation, style: ascii ? .ascii : .emoji).render(format))
        return 0
    }
}
