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

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Builds every output of a workspace.
    package static func run(_ workspace: Workspace) -> MapBuild {
        let (map, mapDiagnostics) = workspace.resolve()
        let bag = DiagnosticBag()
        bag.append(contentsOf: mapDiagnostics)
        // A cancelled build's outputs are discarded: stop before each costly stage.
        let cancelled = { MapBuild(outputs: OutputSet(), diagnostics: bag.diagnostics, map: map, sources: workspace.sources) }
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        // The input stage reads the user's templates; the library only parses what it is given.
        let overrides = TemplateFolder.read(workspace.root.appending(path: workspace.config.templates), paths: TemplateLibrary.paths)
        let templates = TemplateLibrary(
            overrides: overrides,
            displayPrefix: workspace.config.templates, diagnostics: bag)
        var outputs = OutputSet()
        let layout = DiagramRenderer.layout(map, width: workspace.config.diagramWidth, ascii: workspace.config.diagramASCII)
        let diagram = DiagramRenderer.text(layout)
        // The map carries pages as the site shows them: without raw HTML or javascript: links.
        let pages =
            workspace.config.allowRawHTML
            ? workspace.pages
            : workspace.pages.map { page in
                var page = page
                page.body = MarkdownSafeMode.apply(to: page.body)
                return page
            }
        // Everything the outputs show is decided once, here; each output is a view of it.
        let presentation = MapPresentation(map: map, pages: workspace.pages)
        let view = MapViewModel(
            presentation: presentation, pages: pages, diagram: diagram, style: workspace.config.diagramASCII ? .ascii : .emoji)
        let markdown =
            (templates.usesBuiltIns(MapMarkdown.templatePaths)
            ? MapMarkdown.document(view) : templates.render(view, template: "markdown-map")).map(RenderedText.markdown)
        if let markdown {
            outputs.add(workspace.config.markdownOutput, markdown)
        } else {
            bag.error("template 'markdown/map.mustache' is missing", at: .start(of: workspace.config.templates))
        }
        if let path = workspace.config.jsonOutput { outputs.add(path, MapJSON.text(MapJSON.document(presentation))) }
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
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        let site = SiteBuilder(
            presentation: presentation, drawing: map, pages: workspace.pages, settings: workspace.config.renderSettings,
            templates: templates, diagramText: diagram, diagnostics: bag)
        // The site apart first, to know which paths it writes before the map may sit among them.
        var siteOutputs = OutputSet()
        site.build(into: &siteOutputs)
        siteOutputs.add("\(workspace.config.siteOutput)/\(SiteWriter.markerName)", SiteWriter.markerText)
        reportCollisions(siteOutputs, config: workspace.config, diagnostics: bag)
        let sitePrefix = workspace.config.siteOutput + "/"
        OutputPlan.check(
            workspace, sitePaths: siteOutputs.paths.filter { $0.hasPrefix(sitePrefix) }.map { String($0.dropFirst(sitePrefix.count)) },
            diagnostics: bag)
        // A Markdown map on a path the site writes is OutputPlan's error, located at the key.
        for (path, bytes) in siteOutputs.files where outputs.files[path] == nil { outputs.add(path, bytes: bytes) }
        reportCollisions(outputs, config: workspace.config, diagnostics: bag)
        return MapBuild(outputs: outputs, diagnostics: bag.diagnostics, map: map, sources: workspace.sources)
    }

    /// Every second write to one output path is an error, at the setting that chose the path.
    static func reportCollisions(_ outputs: OutputSet, config: Config, diagnostics: DiagnosticBag) {
        for path in outputs.collisions {
            let setting: Config.Setting =
                if OutputSet.normalized(path) == OutputSet.normalized(config.markdownOutput) {
                    .markdown
                } else if let json = config.jsonOutput, OutputSet.normalized(path) == OutputSet.normalized(json) {
                    .json
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
        guard let kind = MapSection(injectionName: name) else { return "" }
        if kind == .overview {
            let fence = MarkdownEscape.fence(for: view.diagram)
            return "\(fence)\n\(view.diagram)\(view.diagram.hasSuffix("\n") ? "" : "\n")\(fence)\n"
        }
        guard let section = view.sections.first(where: { $0.slug == kind.slug }) else { return "" }
        let body =
            templates.usesBuiltIns(MapMarkdown.templatePaths)
            ? MapMarkdown.sectionBody(section) : templates.render(section, template: "markdown-section-body")
        return body.map(RenderedText.markdown) ?? ""
    }
}
