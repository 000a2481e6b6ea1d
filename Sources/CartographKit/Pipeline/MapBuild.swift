package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// The one pipeline `build`, `check` and `serve` share: inputs → map → output set.
/// Pure except for reading the workspace (done by the caller) and the templates folder.
package struct MapBuild: Sendable {
    package var outputs: OutputSet
    package var diagnostics: [Diagnostic]
    package var map: InfraMap
    package var sources: SourceCache
    /// Outputs made when first asked for, by path; each also stands in ``outputs`` with no
    /// bytes, so that paths collide and are checked as before.
    package var deferred: [String: DeferredOutput] = [:]

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Builds every output of a workspace.
    /// - Parameters:
    ///   - pass: renders each output only when its view changed since the build that last
    ///     used the pass's cache (`serve`); by default every output is rendered.
    ///   - deferringMap: leave the Markdown map to be made when asked for (``deferred``)
    ///     where nothing else needs it: above the size at which the index stops showing the
    ///     map's sections, with no file to inject it into. `serve` does; `build` writes it.
    package static func run(_ workspace: Workspace, pass: RenderPass = .uncached, deferringMap: Bool = false) -> MapBuild {
        RenderPass.$current.withValue(pass) { build(workspace, pass: pass, deferringMap: deferringMap) }
    }

    private static func build(_ workspace: Workspace, pass: RenderPass, deferringMap: Bool) -> MapBuild {
        let (map, mapDiagnostics) = workspace.resolve()
        let bag = DiagnosticBag()
        bag.append(contentsOf: mapDiagnostics)
        // A cancelled build's outputs are discarded: stop before each costly stage.
        let cancelled = { MapBuild(outputs: OutputSet(), diagnostics: bag.diagnostics, map: map, sources: workspace.sources) }
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        // The input stage reads the user's templates; the library only parses what it is given.
        let overrides = TemplateFolder.read(workspace.root.appending(path: workspace.config.templates), paths: TemplateLibrary.paths)
        let templates = pass.templates(overrides: overrides, displayPrefix: workspace.config.templates, diagnostics: bag)
        let config = workspace.config
        // The index of a large map does not show the map's sections, and a missing template or
        // an injection makes diagnostics: only then may the map wait until it is asked for.
        let deferring =
            deferringMap && !SiteBuilder.showsMapSections(map) && workspace.injectTargets.isEmpty && templates.has("markdown-map")
            && !templates.overridden.contains("html/index.mustache")
        let document = deferring ? nil : mapDocument(map, workspace)
        var deferred: [String: DeferredOutput] = [:]
        if deferring {
            let key = DeferredOutput.Key(
                map: map, pages: workspace.pages, diagramWidth: config.diagramWidth, diagramASCII: config.diagramASCII,
                allowRawHTML: config.allowRawHTML, templates: templates.generation)
            deferred[config.markdownOutput] = DeferredOutput(key: key) {
                // What the eager path below does, later; with no file to inject into, it
                // makes the map alone and reports nothing.
                RenderPass.$current.withValue(pass) {
                    let view = mapDocument(map, workspace).view
                    let outputs = markdownOutputs(workspace, view: view, templates: templates, pass: pass, diagnostics: DiagnosticBag())
                    return outputs.files[config.markdownOutput] ?? []
                }
            }
        }
        // The Markdown map and the site are independent: they render side by side, each with
        // diagnostics of its own, added in this order, as one after the other would.
        let markdownDiagnostics = DiagnosticBag()
        let siteDiagnostics = DiagnosticBag()
        let site = SiteBuilder(
            map: map, pages: workspace.pages, settings: config.renderSettings, templates: templates, markdownView: document?.view,
            diagramText: document?.diagram, diagnostics: siteDiagnostics, pass: pass)
        var (outputs, siteOutputs) = Parallel.both(
            {
                guard let document else {
                    var outputs = OutputSet()
                    outputs.add(config.markdownOutput, bytes: [])
                    return outputs
                }
                return RenderPass.$current.withValue(pass) {
                    markdownOutputs(workspace, view: document.view, templates: templates, pass: pass, diagnostics: markdownDiagnostics)
                }
            },
            {
                // The site apart first, to know which paths it writes before the map may sit among them.
                var siteOutputs = OutputSet()
                RenderPass.$current.withValue(pass) { site.build(into: &siteOutputs) }
                return siteOutputs
            })
        bag.append(contentsOf: markdownDiagnostics.diagnostics)
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        bag.append(contentsOf: siteDiagnostics.diagnostics)
        siteOutputs.add("\(workspace.config.siteOutput)/\(SiteWriter.markerName)", SiteWriter.markerText)
        reportCollisions(siteOutputs, config: workspace.config, diagnostics: bag)
        let sitePrefix = workspace.config.siteOutput + "/"
        OutputPlan.check(
            workspace, sitePaths: siteOutputs.paths.filter { $0.hasPrefix(sitePrefix) }.map { String($0.dropFirst(sitePrefix.count)) },
            diagnostics: bag)
        // A Markdown map on a path the site writes is OutputPlan's error, located at the key.
        for (path, bytes) in siteOutputs.files where outputs.files[path] == nil { outputs.add(path, bytes: bytes) }
        reportCollisions(outputs, config: workspace.config, diagnostics: bag)
        var build = MapBuild(outputs: outputs, diagnostics: bag.diagnostics, map: map, sources: workspace.sources)
        build.deferred = deferred
        return build
    }

    /// The Markdown map's view, with the text diagram it draws.
    static func mapDocument(_ map: InfraMap, _ workspace: Workspace) -> (view: MapViewModel, diagram: String) {
        let config = workspace.config
        let diagram = DiagramRenderer.text(map, width: config.diagramWidth, ascii: config.diagramASCII)
        // The map carries pages as the site shows them: without raw HTML or javascript: links.
        let pages =
            config.allowRawHTML
            ? workspace.pages
            : workspace.pages.map { page in
                var page = page
                page.body = MarkdownSafeMode.apply(to: page.body)
                return page
            }
        return (MapViewModel(map: map, pages: pages, diagram: diagram, style: config.diagramASCII ? .ascii : .emoji), diagram)
    }

    /// The Markdown map and the files it is injected into.
    static func markdownOutputs(
        _ workspace: Workspace, view: MapViewModel, templates: TemplateLibrary, pass: RenderPass, diagnostics bag: DiagnosticBag
    ) -> OutputSet {
        var outputs = OutputSet()
        let markdownBytes = pass.output(workspace.config.markdownOutput, view: view, templates: templates) {
            templates.render($0, template: "markdown-map").map(RenderedText.markdown)
        }
        let markdown = workspace.injectTargets.isEmpty ? nil : markdownBytes.map { String(decoding: $0, as: UTF8.self) }
        if let markdownBytes {
            outputs.add(workspace.config.markdownOutput, bytes: markdownBytes)
        } else {
            bag.error("template 'markdown/map.mustache' is missing", at: .start(of: workspace.config.templates))
        }
        for (path, text) in workspace.injectTargets.sorted(by: { $0.key < $1.key }) {
            guard let text else {
                let index = workspace.config.inject.firstIndex(of: path) ?? 0
                bag.error(
                    "file \(path.quotedForMessage) named in output.inject does not exist",
                    at: workspace.config.location(of: .inject(index)),
                    hint: "create it with the lines <!-- cartograph:begin --> and <!-- cartograph:end --> where the map should go")
                continue
            }
            let injected = Injection.inject(into: text, path: path, diagnostics: bag) { section in
                injectedSection(section, view: view, templates: templates) ?? markdown ?? ""
            }
            if let injected { outputs.add(path, injected) }
        }
        return outputs
    }

    /// Every second write to one output path is an error, at the setting that chose the path.
    static func reportCollisions(_ outputs: OutputSet, config: Config, diagnostics: DiagnosticBag) {
        for path in outputs.collisions {
            let setting: Config.Setting =
                if OutputSet.normalized(path) == OutputSet.normalized(config.markdownOutput) {
                    .markdown
                } else if let index = config.inject.firstIndex(where: { OutputSet.normalized($0) == OutputSet.normalized(path) }) {
                    .inject(index)
                } else {
                    .site
                }
            diagnostics.error(
                "two outputs would be written to \(path.quotedForMessage); each output needs a path of its own",
                at: config.location(of: setting))
        }
    }

    /// The Markdown of one section for injection: the diagram in its fence, or a section's
    /// body; nil for the whole map.
    static func injectedSection(_ name: String?, view: MapViewModel, templates: TemplateLibrary) -> String? {
        guard let name else { return nil }
        if name == "diagram" {
            let fence = MarkdownEscape.fence(for: view.diagram)
            return "\(fence)\n\(view.diagram)\(view.diagram.hasSuffix("\n") ? "" : "\n")\(fence)\n"
        }
        let slug = [
            "inventory": "application-inventory", "costs": "cost-summary", "endpoints": "network-configuration",
            "commands": "deployment-commands", "monitoring": "monitoring-observability", "questions": "questions-verification",
        ][name]
        guard let section = view.sections.first(where: { $0.slug == slug }) else { return "" }
        return templates.render(section, template: "markdown-section-body").map(RenderedText.markdown) ?? ""
    }
}
