import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographModel
@testable import CartographRender

/// Built-in templates are parsed when a render first needs them; what a render gives must
/// not depend on that.
@Suite("Template library")
struct TemplateLibraryTests {
    /// A built-in that failed to parse would render as missing, with no diagnostic: the
    /// lazy parse reports none, so this is where it is caught.
    @Test(arguments: TemplateLibrary.paths)
    func everyBuiltInParses(path: String) throws {
        let bag = DiagnosticBag()
        let text = try #require(DefaultTemplates.files[path])
        #expect(TemplateLibrary.parse(text, display: path, diagnostics: bag) != nil)
        #expect(bag.diagnostics.isEmpty)
        #expect(ParsedTemplates.references(in: text) != nil, "\(path) hides its partials from the scan")
    }

    @Test func aCopyOfABuiltInIsNoOverride() {
        let path = "markdown/table.mustache"
        let builtIn = DefaultTemplates.files[path] ?? ""
        let copy = TemplateLibrary(overrides: [path: .text(builtIn)], displayPrefix: "templates", diagnostics: DiagnosticBag())
        #expect(copy.overridden.isEmpty)
        #expect(copy.usesBuiltIns([path]))
        let edited = TemplateLibrary(
            overrides: [path: .text(builtIn + "{{! mine }}\n")], displayPrefix: "templates", diagnostics: DiagnosticBag())
        #expect(edited.overridden == [path])
        #expect(!edited.usesBuiltIns([path]))
        #expect(edited.usesBuiltIns(["markdown/map.mustache"]))
    }

    static func costsSection() -> MapViewModel.Section {
        let table = MapViewModel.Table(header: ["App", "Cost"], rows: [.init(cells: ["shop", "$5"])])
        return MapViewModel.Section(.costs, costs: .init(table: table, scenarios: [], pricingNote: "Prices"))
    }

    /// A user's template naming built-in partials, however its tags are spelled, renders
    /// them: they are parsed on the way.
    @Test(arguments: [
        "{{% CONTENT_TYPE: MARKDOWN }}\n{{#table}}\n{{>   markdown-table  }}\n{{/table}}\nmine\n",
        "{{% CONTENT_TYPE: MARKDOWN }}\n{{=<% %>=}}\n<%#table%>\n<%> markdown-table%>\n<%/table%>\nmine\n",
    ])
    func aUserTemplateRendersBuiltInPartials(costs: String) throws {
        let bag = DiagnosticBag()
        let library = TemplateLibrary(
            overrides: ["markdown/costs.mustache": .text(costs)], displayPrefix: "templates", diagnostics: bag)
        #expect(bag.diagnostics.isEmpty)
        let body = try #require(library.render(Self.costsSection(), template: "markdown-section-body"))
        #expect(body == "| App | Cost |\n|---|---|\n| shop | $5 |\nmine\n")
    }

    /// A user's partial replaces the built-in one inside built-in templates too.
    @Test func aUserPartialIsUsedByBuiltIns() throws {
        let library = TemplateLibrary(
            overrides: ["markdown/table.mustache": .text("{{% CONTENT_TYPE: MARKDOWN }}\nTABLE {{#header}}{{.}};{{/header}}\n")],
            displayPrefix: "templates", diagnostics: DiagnosticBag())
        let body = try #require(library.render(Self.costsSection(), template: "markdown-section-body"))
        #expect(body == "TABLE App;Cost;\n\nPrices\n")
    }

    /// Templates without tags (the stylesheet, the script) render as their text, unparsed.
    @Test func aTemplateWithoutTagsIsItsText() {
        let library = TemplateLibrary(overrides: [:], displayPrefix: "", diagnostics: DiagnosticBag())
        #expect(library.render([String: String](), template: "html-style.css") == DefaultTemplates.files["html/style.css"])
        #expect(library.render([String: String](), template: "html-nothing") == nil)
    }

    /// Pages render on both cores at once; the first renders parse concurrently.
    @Test func concurrentFirstRendersAgree() async throws {
        let library = TemplateLibrary(overrides: [:], displayPrefix: "", diagnostics: DiagnosticBag())
        let section = Self.costsSection()
        let bodies = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<16 { group.addTask { library.render(section, template: "markdown-section-body") } }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(bodies).count == 1)
        let alone = TemplateLibrary(overrides: [:], displayPrefix: "", diagnostics: DiagnosticBag())
        #expect(bodies.first == alone.render(section, template: "markdown-section-body"))
    }
}
