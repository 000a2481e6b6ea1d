package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

extension FuzzTarget {
    /// `cartograph check SPEC` then `cartograph diagram SPEC`: the spec file alone, read
    /// through the workspace as the commands read it, its diagnostics printed, its map drawn.
    static func runSpec(_ data: Data) {
        let path = "app.yaml"
        let planted = FuzzCanary.plant(in: [(path, data)])
        let project = FuzzProject(files: planted.files)
        defer { project.remove() }
        let workspace = Workspace.load(root: project.root, specFiles: [path], readConfig: false)
        let (map, diagnostics) = workspace.resolve()
        FuzzCheck.located(diagnostics, in: Dictionary(uniqueKeysWithValues: planted.files.map { ($0.path, $0.data) }))
        FuzzCheck.explained(workspace.specs.first, diagnostics, what: "the spec")
        let printed = FuzzCheck.rendered(diagnostics, sources: workspace.sources)
        FuzzCheck.noLeak(of: planted.secrets, in: printed, where: "a printed diagnostic")
        // The diagram command draws only a map without errors.
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        for ascii in [false, true] {
            let text = DiagramRenderer.text(map, width: 80, ascii: ascii)
            FuzzCheck.exactWidth(text, width: 80, ascii: ascii)
            FuzzCheck.noLeak(of: planted.secrets, in: text, where: "the text diagram", invariant: .outputLeak)
        }
        FuzzCheck.noLeak(of: planted.secrets, in: MermaidDiagram.render(map), where: "the Mermaid diagram", invariant: .outputLeak)
    }

    /// `cartograph.yaml` on its own, then the map it makes with no specs (its external
    /// systems, scenarios and prices), drawn at its diagram width.
    static func runConfig(_ data: Data) {
        let path = "cartograph.yaml"
        let bag = DiagnosticBag()
        let (config, text) = ConfigReader.read(data, path: path, diagnostics: bag)
        var sources = SourceCache()
        sources.record(text, for: path)
        let map = MapBuilder(config: config, specs: [], status: Status(), diagnostics: bag).build()
        FuzzCheck.located(bag.diagnostics, in: [path: data])
        _ = FuzzCheck.rendered(bag.diagnostics, sources: sources)
        guard !bag.hasErrors else { return }
        let width = config.diagramWidth
        FuzzCheck.exactWidth(DiagramRenderer.text(map, width: width, ascii: config.diagramASCII), width: width, ascii: config.diagramASCII)
    }

    /// A YAML status file on its own, then the map of its status-only apps.
    static func runStatus(_ data: Data) {
        let path = "status.yaml"
        let bag = DiagnosticBag()
        let (status, text) = StatusReader.read(data, path: path, diagnostics: bag)
        var sources = SourceCache()
        sources.record(text, for: path)
        let map = MapBuilder(config: Config(), specs: [], status: status, diagnostics: bag).build()
        FuzzCheck.located(bag.diagnostics, in: [path: data])
        _ = FuzzCheck.rendered(bag.diagnostics, sources: sources)
        guard !bag.hasErrors else { return }
        FuzzCheck.exactWidth(DiagramRenderer.text(map, width: 66, ascii: false), width: 66, ascii: false)
    }

    /// doctl output named as the config's status source, read through the workspace (which
    /// tries ``DoctlStatusReader`` first); its embedded specs carry env values.
    static func runDoctl(_ data: Data) {
        let config = "specs: []\nstatus: status.json\n"
        let planted = FuzzCanary.plant(in: [("status.json", data)])
        let files = [("cartograph.yaml", Data(config.utf8))] + planted.files
        let project = FuzzProject(files: files)
        defer { project.remove() }
        let workspace = Workspace.load(root: project.root)
        let (map, diagnostics) = workspace.resolve()
        FuzzCheck.located(diagnostics, in: Dictionary(uniqueKeysWithValues: files.map { ($0.0, $0.1) }))
        let printed = FuzzCheck.rendered(diagnostics, sources: workspace.sources)
        FuzzCheck.noLeak(of: planted.secrets, in: printed, where: "a printed diagnostic")
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        let text = DiagramRenderer.text(map, width: 66, ascii: false)
        FuzzCheck.exactWidth(text, width: 66, ascii: false)
        FuzzCheck.noLeak(of: planted.secrets, in: text + MermaidDiagram.render(map), where: "a diagram", invariant: .outputLeak)
    }

    /// A page: front matter, then its body through cmark-gfm as the site renders it.
    static func runPage(_ data: Data) {
        let path = "pages/page.md"
        let bag = DiagnosticBag()
        let (page, text) = PageReader.read(data, path: path, diagnostics: bag)
        var sources = SourceCache()
        sources.record(text, for: path)
        FuzzCheck.located(bag.diagnostics, in: [path: data])
        FuzzCheck.explained(page, bag.diagnostics, what: "the page")
        _ = FuzzCheck.rendered(bag.diagnostics, sources: sources)
        guard let page else { return }
        FuzzCheck.slug(page.slug, of: "page")
        guard page.bodyLine >= 1, page.bodyLine <= FuzzCheck.lineCount(of: data) + 1 else {
            FuzzCheck.fail("page body starts at line \(page.bodyLine) of a \(FuzzCheck.lineCount(of: data))-line file")
        }
        _ = CommonMark.html(page.body)
    }

    /// A file with injection markers, filled once and then again from its own output: the
    /// second fill must succeed and change nothing.
    static func runInjection(_ data: Data) {
        // The workspace reports a file that is not UTF-8 before injection sees it.
        guard let text = String(validating: data, as: UTF8.self) else { return }
        let path = "README.md"
        let render: (String?) -> String = { section in "<!-- the \(section ?? "whole map") -->\n| a | b |\n" }
        let bag = DiagnosticBag()
        let once = Injection.inject(into: text, path: path, diagnostics: bag, render: render)
        var sources = SourceCache()
        sources.record(text, for: path)
        FuzzCheck.located(bag.diagnostics, in: [path: data])
        FuzzCheck.explained(once, bag.diagnostics, what: "injection")
        _ = FuzzCheck.rendered(bag.diagnostics, sources: sources)
        guard let once, FuzzCheck.enabled(.injection) else { return }
        let again = DiagnosticBag()
        guard let twice = Injection.inject(into: once, path: path, diagnostics: again, render: render) else {
            FuzzCheck.fail("injecting into its own output fails: \(again.diagnostics.first?.message ?? "no message")")
        }
        guard twice == once else { FuzzCheck.fail("injecting into its own output changes it") }
    }
}
