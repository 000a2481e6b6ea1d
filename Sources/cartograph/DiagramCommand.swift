import ArgumentParser
import CartographKit
import Foundation

/// `cartograph diagram`: the architecture diagram on stdout.
struct Diagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the architecture diagram (from the config, or from spec files alone).")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Width in columns, 40–200 (default: the config's diagram.width, else 80).")
    var width: Int?

    @Flag(help: "Draw with + - | and ASCII status markers only.")
    var ascii = false

    @Option(help: "Output format: text, svg or mermaid.")
    var format: String = "text"

    @Argument(help: "Spec files to draw instead of the config's.")
    var specs: [String] = []

    func validate() throws {
        if let width, !(40...200).contains(width) {
            throw ValidationError("--width must be between 40 and 200")
        }
        guard ["text", "svg", "mermaid"].contains(format) else { throw ValidationError("--format must be text, svg or mermaid") }
    }

    func run() throws {
        let loaded = try Workspace.load(root: workspace.project(specs: specs), configFile: workspace.config, specFiles: specs)
        let (map, diagnostics) = loaded.resolve()
        let sorted = CheckCommand.sorted(diagnostics)
        Terminal.err(DiagnosticPrinter(color: Terminal.stderrColor, sources: loaded.sources).render(sorted))
        if sorted.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        let columns = width ?? (loaded.config.file == nil ? 80 : loaded.config.diagramWidth)
        let layout = DiagramRenderer.layout(map, width: columns, ascii: ascii || loaded.config.diagramASCII)
        switch format {
        case "mermaid":
            Terminal.out(MermaidDiagram.render(map, style: ascii ? .ascii : .emoji))
        case "svg":
            Terminal.out(SVGDiagram(map: map, title: "Architecture of \(map.title)", standalone: true).render() + "\n")
        default:
            Terminal.out(DiagramRenderer.text(layout))
        }
    }
}
