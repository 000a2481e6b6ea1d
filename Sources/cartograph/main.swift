import ArgumentParser
import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The command line: parses arguments and calls into CartographKit.
struct Cartograph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartograph",
        abstract: "Turn DigitalOcean App Platform specs and a status file into an infrastructure map.",
        version: CartographVersion.line,
        subcommands: [Build.self, Check.self, Cost.self, Diff.self, Diagram.self, Init.self, Hook.self, Serve.self]
    )
}

struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: "Run as if started in this folder.")
    var directory: String?

    @Option(name: .long, help: "The config file (default: cartograph.yaml in the folder).")
    var config: String?

    var root: URL {
        URL(filePath: directory ?? FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
    }

    /// The folder the command works in: as given with --config or spec files, otherwise the
    /// nearest one from ``root`` upwards holding cartograph.yaml. Stops the command, having
    /// written nothing, when there is none.
    func project(specs: [String] = []) throws -> URL {
        if config != nil || !specs.isEmpty { return root }
        guard let found = ProjectLocator.find(from: root) else {
            Terminal.err("error: \(ProjectLocator.notFound)\n")
            throw ExitCode(1)
        }
        return found
    }
}

enum Terminal {
    /// A reader that went away (`cartograph serve | head -1`, to read the port) is not an
    /// error worth a crash: `FileHandle.write(_:)` traps on it, so use the throwing form.
    static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }

    static func out(_ text: String) { write(text, to: .standardOutput) }
    static func err(_ text: String) { write(text, to: .standardError) }

    /// Colour only on a terminal, and never with NO_COLOR set.
    static var stderrColor: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(2) == 1
    }
}

/// `--format text|github`, shared by the commands that print diagnostics.
struct DiagnosticFormatOption: ParsableArguments {
    @Option(help: "Diagnostic format: text or github (GitHub Actions annotations).")
    var format: String = "text"

    var printerFormat: DiagnosticPrinter.Format { DiagnosticPrinter.Format(rawValue: format) ?? .text }

    func validate() throws {
        guard let parsed = DiagnosticPrinter.Format(rawValue: format), !parsed.isDocument else {
            throw ValidationError("--format must be text or github")
        }
    }
}

/// `--quiet`, `--verbose`, `--warnings-as-errors`, shared by `check` and `build`.
struct DiagnosticSelectionOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print errors only: no warnings, and nothing at all when there are none.")
    var quiet = false

    @Flag(help: "Also print the warnings about live specs from doctl (otherwise only counted).")
    var verbose = false

    @Flag(help: "Fail on warnings as on errors (those not acknowledged in the config's ignore: list).")
    var warningsAsErrors = false

    var selection: DiagnosticSelection {
        DiagnosticSelection(quiet: quiet, verbose: verbose, warningsAsErrors: warningsAsErrors)
    }

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate specs, status and config; exit 1 on errors.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Diagnostic format: text, github (GitHub Actions annotations), json, or sarif (SARIF 2.1.0 for code scanning).")
    var format: String = "text"

    @OptionGroup var selection: DiagnosticSelectionOptions

    @Flag(help: "Check what the git index holds (what a commit would record), not the working tree.")
    var staged = false

    @Option(help: "Compare only these outputs with disk: all, or markdown (the Markdown map and injected files; default: output.check).")
    var only: String?

    @Argument(help: "Spec files to validate instead of the config's.")
    var specs: [String] = []

    func validate() throws {
        guard DiagnosticPrinter.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be text, github, json or sarif")
        }
        if let only, Config.CheckedOutputs(rawValue: only) == nil { throw ValidationError("--only must be all or markdown") }
    }

    func run() throws {
        let command = try CheckCommand(
            root: workspace.project(specs: specs), configFile: workspace.config, specFiles: specs,
            format: DiagnosticPrinter.Format(rawValue: format) ?? .text, color: Terminal.stderrColor, selection: selection.selection,
            only: only.flatMap(Config.CheckedOutputs.init(rawValue:)))
        let status =
            staged
            ? command.runStaged(stdout: Terminal.out, stderr: Terminal.err) : command.run(stdout: Terminal.out, stderr: Terminal.err)
        if status != 0 { throw ExitCode(status) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write the Markdown map (and site); nothing is written when an input has errors.")

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var diagnostics: DiagnosticFormatOption

    @OptionGroup var selection: DiagnosticSelectionOptions

    func run() throws {
        let command = try BuildCommand(
            root: workspace.project(), configFile: workspace.config,
            format: diagnostics.printerFormat, color: Terminal.stderrColor, selection: selection.selection)
        let status = command.run(stdout: Terminal.out, stderr: Terminal.err)
        if status != 0 { throw ExitCode(status) }
    }
}

struct Cost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost", abstract: "Print the monthly cost of every app.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: table, markdown or json.")
    var format: String = "table"

    @Flag(help: "ASCII status markers only.")
    var ascii = false

    @Argument(help: "Spec files to price instead of the config's.")
    var specs: [String] = []

    func validate() throws {
        guard CostReport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be table, markdown or json")
        }
    }

    func run() throws {
        let command = CostCommand(
            request: PipelineRequest(root: try workspace.project(specs: specs), configFile: workspace.config, specFiles: specs),
            format: CostReport.Format(rawValue: format) ?? .table, ascii: ascii, color: Terminal.stderrColor)
        let status = command.run(stdout: Terminal.out, stderr: Terminal.err)
        if status != 0 { throw ExitCode(status) }
    }
}

await Cartograph.asyncMain()
