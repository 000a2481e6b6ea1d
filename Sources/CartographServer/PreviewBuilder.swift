package import CartographInput
import CartographKit
package import CartographModel
import CartographRender
package import Foundation

/// Builds the site for `serve`: the pipeline `build` uses, plus what a preview needs on top —
/// the last good site kept across broken builds, the error overlay, and a new build ID only
/// when what is served changed (so a save that changes nothing reloads nothing).
///
/// Builds are incremental: the builder keeps what each input file parsed to (``InputCache``)
/// and each output with the view it was rendered from (``RenderCache``), so a rebuild parses
/// only the files whose bytes changed and renders only the outputs whose views changed. The
/// map itself and every view are made again on every build: what is served is what a clean
/// build of the same files writes, byte for byte.
package struct PreviewBuilder: Sendable {
    /// The folder `serve` was started in (`-C`).
    package var root: URL
    /// The `--config` file, relative to root.
    package var configFile: String?
    /// Colour in the terminal's copy of the diagnostics.
    package var color: Bool
    /// Distinguishes this process's builds from a previous server's.
    let session: String
    /// What the inputs parsed to, by path and bytes.
    let inputs = InputCache()
    /// The outputs by view, and the costly steps behind them by their inputs.
    let renders = RenderCache()

    /// A builder for the workspace at `root`.
    package init(root: URL, configFile: String? = nil, color: Bool = false) {
        // Relative paths resolve against the folder, even when the URL does not end in "/".
        self.root = URL(filePath: root.path, directoryHint: .isDirectory)
        self.configFile = configFile
        self.color = color
        session = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    }

    /// The outcome of one build.
    package struct Result: Sendable {
        /// What to serve.
        package var snapshot: SiteSnapshot
        /// The outputs this build rendered (paths as the build writes them, sorted); every
        /// other output is the previous build's, whose view is the same.
        package var rendered: [String] = []
        /// Whether the snapshot differs from the previous build's (false: keep serving the old one).
        package var changed: Bool
        /// The diagnostics as the terminal shows them (empty when there are none); printed in
        /// full only by the first build, so made only when asked for.
        var terminalText: String { terminal.text }
        var terminal: TerminalText
        /// Only the diagnostics the previous build did not have, as the terminal shows them:
        /// a rebuild prints what is new, not the same hundreds of warnings again.
        var newTerminalText = ""
        /// How many diagnostics the previous build did not have, and how many of its are gone.
        package var new = 0
        package var fixed = 0
        /// Each diagnostic as "where: severity: message", to compare one build with the next.
        var diagnosticKeys: Set<String> = []
        /// How many errors and warnings the inputs have.
        package var errors: Int
        package var warnings: Int
        /// How long loading and building took.
        var duration: Duration
        /// The workspace's config: what to watch.
        package var config: Config
        /// The folder the config's paths are relative to.
        package var base: URL
        /// The inputs the build read, relative to base.
        package var inputFiles: [String]
        /// The site files served (the last good ones while the inputs are broken).
        var site: ServedSite
        /// The last good site, if any build has succeeded.
        var lastGood: ServedSite?
        var overlay: String?
        var sequence: Int
        /// No build has got as far as reading the config: `config` is a stand-in.
        var configUnknown = false
        /// The build was given up on (``PreviewBuilder/stopped(after:reason:duration:)``).
        var isStopped = false
    }

    /// Loads the workspace and builds it.
    /// - Parameters:
    ///   - previous: the previous build, whose good site stays up if this one fails.
    ///   - cancellation: lets the caller stop the build early; a cancelled build's result is
    ///     incomplete, and the caller discards it.
    package func build(after previous: Result? = nil, cancellation: BuildCancellation? = nil) -> Result {
        BuildCancellation.$current.withValue(cancellation) { attempt(after: previous) }
    }

    private func attempt(after previous: Result?) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let workspace = PipelineRequest(root: root, configFile: configFile).load(cache: inputs)
        if let cancellation = BuildCancellation.current, cancellation.isCancelled {
            return stopped(after: previous, reason: "cancelled", duration: clock.now - start)
        }
        let pass = renders.pass()
        let build = MapBuild.run(workspace, pass: pass, deferringMap: true)
        if let cancellation = BuildCancellation.current, cancellation.isCancelled {
            return stopped(after: previous, reason: "cancelled", duration: clock.now - start)
        }
        pass.finish()
        let report = DiagnosticReport(build.diagnostics)
        let diagnostics = report.diagnostics
        let errors = report.errors
        let warnings = report.warnings

        var lastGood = previous?.lastGood
        var overlay: String?
        if errors == 0 {
            lastGood = ServedSite(build, siteOutput: workspace.config.siteOutput, previous: previous?.lastGood)
        } else {
            // Errors first: they are why the overlay is up; warnings follow for context.
            let ordered = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
            let plain = DiagnosticPrinter(format: .text, color: false, sources: build.sources).render(ordered)
            overlay = PageDecorator.overlay(diagnostics: plain, errors: errors, warnings: warnings, hasGoodBuild: lastGood != nil)
        }
        let site = lastGood ?? ServedSite()
        let title = workspace.config.title
        var sequence = previous?.sequence ?? 0
        let changed =
            previous == nil || previous?.site != site || previous?.overlay != overlay || previous?.snapshot.title != title
        let snapshot: SiteSnapshot
        if let old = previous?.snapshot, !changed {
            snapshot = old
        } else {
            sequence += 1
            snapshot = SiteSnapshot(
                site: site, buildID: "\(session)-\(sequence)", title: title, overlay: overlay, previous: previous?.snapshot)
        }
        let printer = DiagnosticPrinter(format: .text, color: color, sources: build.sources)
        let terminal = TerminalText(printer: printer, diagnostics: diagnostics)
        let keys = Set(diagnostics.map(Self.key))
        let before = previous?.diagnosticKeys ?? []
        var result = Result(
            snapshot: snapshot, changed: changed, terminal: terminal, errors: errors, warnings: warnings,
            duration: clock.now - start, config: workspace.config, base: workspace.root, inputFiles: workspace.inputFiles,
            site: site, lastGood: lastGood, overlay: overlay, sequence: sequence)
        result.rendered = pass.rendered
        result.diagnosticKeys = keys
        let fresh = previous == nil ? diagnostics : diagnostics.filter { !before.contains(Self.key($0)) }
        result.newTerminalText = previous == nil ? terminal.text : printer.render(fresh)
        result.new = previous == nil ? 0 : fresh.count
        result.fixed = before.subtracting(keys).count
        return result
    }

    /// A diagnostic as one build compares it with the next: a moved or reworded one counts as
    /// new (and the old one as fixed).
    static func key(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location): \(diagnostic.severity): \(diagnostic.message)"
    }

    /// The result of a build that was given up on: the last good site (if any) under an overlay
    /// that says why, and the previous build's config, since this one's is unknown.
    /// - Parameter reason: the error, as the overlay and the terminal show it.
    func stopped(after previous: Result?, reason: String, duration: Duration) -> Result {
        let lastGood = previous?.lastGood
        let overlay = PageDecorator.overlay(diagnostics: reason, errors: 1, warnings: 0, hasGoodBuild: lastGood != nil)
        let site = lastGood ?? ServedSite()
        let title = previous?.snapshot.title ?? Config().title
        var sequence = previous?.sequence ?? 0
        let changed = previous == nil || previous?.site != site || previous?.overlay != overlay
        let snapshot: SiteSnapshot
        if let old = previous?.snapshot, !changed {
            snapshot = old
        } else {
            sequence += 1
            snapshot = SiteSnapshot(
                site: site, buildID: "\(session)-\(sequence)", title: title, overlay: overlay, previous: previous?.snapshot)
        }
        return Result(
            snapshot: snapshot, changed: changed, terminal: TerminalText(reason + "\n"), errors: 1, warnings: 0, duration: duration,
            config: previous?.config ?? Config(), base: previous?.base ?? root, inputFiles: previous?.inputFiles ?? [],
            site: site, lastGood: lastGood, overlay: overlay, sequence: sequence, configUnknown: previous?.configUnknown ?? true,
            isStopped: true)
    }
}
