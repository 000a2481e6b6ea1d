public import Foundation

/// `cartograph check`: validates every input (and, later, compares outputs with disk).
/// Returns the exit status; prints through the given sinks so tests drive it in-process.
public struct CheckCommand: Sendable {
    public var root: URL
    public var configFile: String?
    public var specFiles: [String]
    public var format: DiagnosticPrinter.Format
    public var color: Bool

    public init(root: URL, configFile: String? = nil, specFiles: [String] = [], format: DiagnosticPrinter.Format = .text, color: Bool = false) {
        self.root = root
        self.configFile = configFile
        self.specFiles = specFiles
        self.format = format
        self.color = color
    }

    public func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let workspace = Workspace.load(
            root: root, configFile: configFile, specFiles: specFiles, readConfig: specFiles.isEmpty || configFile != nil)
        let (_, diagnostics) = workspace.resolve()
        let sorted = Self.sorted(diagnostics)
        let printer = DiagnosticPrinter(format: format, color: color, sources: workspace.sources)
        stderr(printer.render(sorted))
        let errors = sorted.count { $0.severity == .error }
        let warnings = sorted.count - errors
        let specCount = workspace.specs.count
        let files = workspace.inputFiles.count
        if format == .text {
            let summary = DiagnosticPrinter.summary(errors: errors, warnings: warnings)
            stdout("checked \(files) file\(files == 1 ? "" : "s") (\(specCount) app spec\(specCount == 1 ? "" : "s")): \(summary)\n")
        }
        return errors > 0 ? 1 : 0
    }

    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        return bag.sorted
    }
}
