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
    /// The stages' own values (the presentation, the site's builder, the Markdown map made beside it), kept with
    /// the result so that they are freed where the result is: `build` lets go of both on
    /// another thread (``Discard``) instead of spending milliseconds freeing them here.
    package var intermediates: (any Sendable)?

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Builds every output of a workspace.
    /// - Parameters:
    ///   - pass: renders each output only when its view changed since the build that last
    ///     used the pass's cache (`serve`); by default every output is rendered.
    ///   - deferringMap: leave the Markdown map to be made when asked for (``deferred``)
    ///     where nothing else needs it: above the size at which the index stops showing the
    ///     map's sections, with no file to inject it into. `serve` does; `build` writes it.
    package static func run(_ workspace: Workspace, pass: RenderPass = .uncached, deferringMap: Bool = false) -> MapBuild {
        Memo.$current.withValue(pass.memoStore) { build(workspace, pass: pass, deferringMap: deferringMap) }
    }

    private static func build(_ workspace: Workspace, pass: RenderPass, deferringMap: Bool) -> MapBuild {
        // Where the inputs lie, for the output plan at the end: made while the map is resolved.
        let inputPaths = Beside { OutputPlan.ResolvedInputs.of(workspace) }
        let (map, mapDiagnostics) = workspace.resolve()
        Trace.mark("resolved")
        let bag = DiagnosticBag()
        bag.append(contentsOf: mapDiagnostics)
        // A cancelled build's outputs are discarded: stop before each costly stage.
        let cancelled = { MapBuild(outputs: OutputSet(), diagnostics: bag.diagnostics, map: map, sources: workspace.sources) }
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        // The input stage reads the user's templates; the library only parses what it is given.
        let overrides = TemplateFolder.read(workspace.root.appending(path: workspace.config.templates), paths: TemplateLibrary.paths)
        let templates = pass.templates(overrides: overrides, displayPrefix: workspace.config.templates, diagnostics: bag)
        let config = workspace.config
        var outputs = OutputSet()
        // The index of a large map does not show the map's sections, and a missing template or
        // an injection makes diagnostics: only then may the map wait until it is asked for.
        let showsSections = SiteBuilder.showsMapSections(map)
        let indexOverridden = templates.overridden.contains("html/index.mustache")
        let deferring =
            deferringMap && !showsSections && workspace.injectTargets.isEmpty && templates.has("markdown-map") && !indexOverridden
        // The Markdown map and its text diagram, rendered. Only a small map's index (or the
        // user's index template) shows the diagram; otherwise the site does not wait for the
        // map, which is made beside it on a thread of its own: at 1,000 apps the two take
        // about as long, and each leaves a core idle in its serial stretches. The diagram and
        // the pages the map shows need no presentation: they start at once.
        let siteWaits = showsSections || indexOverridden
        // Each app's box is said alike by the text diagram and the app's SVG: made once for both.
        let boxes = AppBoxes(count: map.apps.count)
        let drawnBeside = deferring || siteWaits ? nil : Beside { drawing(map, workspace, boxes: boxes) }
        // Everything the outputs show is decided once, here; each output is a view of it.
        let presentation = MapPresentation(map: map, pages: workspace.pages)
        Trace.mark("presentation")
        let make: @Sendable () -> MadeDocument = {
            let document = mapDocument(drawnBeside?.value ?? drawing(map, workspace, boxes: boxes), presentation, workspace)
            let markdown = pass.output(
                config.markdownOutput, view: document.view, templates: templates,
                bytes: {
                    markdownMap($0, templates: templates)
                })
            return MadeDocument(view: document.view, diagram: document.diagram, markdown: markdown)
        }
        let madeFirst = deferring || !siteWaits ? nil : make()
        let madeBeside = deferring || siteWaits ? nil : Beside(make)
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        // The site's diagnostics follow the map's, as when the map was made first.
        let siteBag = DiagnosticBag()
        let site = SiteBuilder(
            presentation: presentation, drawing: map, pages: workspace.pages, settings: workspace.config.renderSettings,
            templates: templates, diagramText: madeFirst?.diagram, diagnostics: siteBag, pass: pass, appBoxes: boxes)
        var siteOutputs = OutputSet()
        site.build(into: &siteOutputs)
        Trace.mark("site")
        let document = madeFirst ?? madeBeside?.value
        Trace.mark("markdown map")
        var deferred: [String: DeferredOutput] = [:]
        if let document {
            if let markdown = document.markdown {
                outputs.add(config.markdownOutput, bytes: markdown)
            } else {
                bag.error("template 'markdown/map.mustache' is missing", at: .start(of: config.templates))
            }
        } else {
            let key = DeferredOutput.Key(
                map: map, pages: workspace.pages, diagramWidth: config.diagramWidth, diagramASCII: config.diagramASCII,
                allowRawHTML: config.allowRawHTML, templates: templates.generation)
            deferred[config.markdownOutput] = DeferredOutput(key: key) {
                // What the eager path above does, later: the template is there, so it reports nothing.
                Memo.$current.withValue(pass.memoStore) { make().markdown ?? [] }
            }
            // Its place among the outputs, for collisions and the output plan.
            outputs.add(config.markdownOutput, bytes: [])
        }
        if let path = workspace.config.jsonOutput { outputs.add(path, MapJSON.text(MapJSON.document(presentation))) }
        let markdown = workspace.injectTargets.isEmpty ? nil : outputs.text(config.markdownOutput)
        for (path, text) in workspace.injectTargets.sorted(by: { $0.key < $1.key }) {
            guard let text else {
                let index = workspace.config.inject.firstIndex(of: path) ?? 0
                bag.error(
                    "file \(path.quotedForMessage) named in output.inject does not exist",
                    at: workspace.config.location(of: .inject(index)),
                    hint: "create it with the lines <!-- cartograph:begin --> and <!-- cartograph:end --> where the map should go")
                continue
            }
            guard let view = document?.view else { continue }
            let injected = Injection.inject(into: text, path: path, diagnostics: bag) { section in
                injectedSection(section, view: view, templates: templates) ?? markdown ?? ""
            }
            if let injected { outputs.add(path, injected) }
        }
        if BuildCancellation.isCurrentCancelled { return cancelled() }
        bag.append(contentsOf: siteBag.diagnostics)
        // The site apart first, to know which paths it writes before the map may sit among them.
        siteOutputs.add("\(workspace.config.siteOutput)/\(SiteWriter.markerName)", SiteWriter.markerText)
        reportCollisions(siteOutputs, config: workspace.config, diagnostics: bag)
        let sitePrefix = workspace.config.siteOutput + "/"
        // In no order (the plan needs none): sorting a thousand apps' paths took a millisecond.
        OutputPlan.check(
            workspace,
            sitePaths: siteOutputs.files.keys.lazy.filter { $0.hasPrefix(sitePrefix) }.map { $0.dropFirst(sitePrefix.count) },
            inputs: inputPaths.value, diagnostics: bag)
        // A Markdown map on a path the site writes is OutputPlan's error, located at the key.
        outputs = (consume siteOutputs).addedAfter(outputs)
        reportCollisions(outputs, config: workspace.config, diagnostics: bag)
        var build = MapBuild(outputs: outputs, diagnostics: bag.diagnostics, map: map, sources: workspace.sources)
        build.deferred = deferred
        build.intermediates = (presentation, site, madeBeside)
        return build
    }

    /// The Markdown map's view, its text diagram and its bytes (nil when its template is missing).
    struct MadeDocument: Sendable {
        var view: MapViewModel
        var diagram: String
        var markdown: [UInt8]?
    }

    /// The Markdown map of `view`: written natively (as bytes) while its templates are the built-ins.
    static func markdownMap(_ view: MapViewModel, templates: TemplateLibrary) -> [UInt8]? {
        if templates.usesBuiltIns(MapMarkdown.templatePaths) { return RenderedText.markdown(MapMarkdown.documentBytes(view)) }
        return templates.render(view, template: "markdown-map").map { Array(RenderedText.markdown($0).utf8) }
    }

    /// What the Markdown map draws and shows beside its view: the text diagram, and the
    /// team's pages as the site shows them (without raw HTML or javascript: links).
    struct Drawing: Sendable {
        var diagram: String
        var pages: [Page]
    }

    static func drawing(_ map: InfraMap, _ workspace: Workspace, boxes: AppBoxes? = nil) -> Drawing {
        let config = workspace.config
        let diagram = DiagramRenderer.text(map, width: config.diagramWidth, ascii: config.diagramASCII, boxes: boxes)
        Trace.mark("text diagram")
        let pages =
            config.allowRawHTML
            ? workspace.pages
            : workspace.pages.map { page in
                var page = page
                page.body = MarkdownSafeMode.apply(to: page.body)
                return page
            }
        return Drawing(diagram: diagram, pages: pages)
    }

    /// The Markdown map's view, with the text diagram it draws.
    static func mapDocument(
        _ drawing: Drawing, _ presentation: MapPresentation, _ workspace: Workspace
    ) -> (view: MapViewModel, diagram: String) {
        let view = MapViewModel(
            presentation: presentation, pages: drawing.pages, diagram: drawing.diagram,
            style: workspace.config.diagramASCII ? .ascii : .emoji)
        return (view, drawing.diagram)
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
