import ArgumentParser
import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation

/// `cartograph diagram`: the architecture diagram on stdout.
struct Diagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
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
        guard DiagramCommand.Format(rawValue: format) != nil else { throw ValidationError("--format must be text, svg or mermaid") }
    }

    func run() throws {
        let command = DiagramCommand(
            request: PipelineRequest(root: try workspace.project(specs: specs), configFile: workspace.config, specFiles: specs),
            format: DiagramCommand.Format(rawValue: format) ?? .text, width: width, ascii: ascii, color: Terminal.stderrColor)
        let status = command.run(stdout: Terminal.out, stderr: Terminal.err)
        if status != 0 { throw ExitCode(status) }
    }
}
