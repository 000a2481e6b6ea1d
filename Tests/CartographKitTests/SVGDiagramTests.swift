import CartographModel
import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographRender

/// The example's apps copied `count` times over, round-robin across `regions`: every
/// copy keeps its original's dependencies (systems and sibling components).
func spreadMap(_ count: Int, regions: [Region]) -> InfraMap {
    var (map, _) = loadExample()
    let originals = map.apps
    map.apps = (0..<count).map { index in
        var app = originals[index % originals.count]
        app.name = "\(app.name)-\(index)"
        app.slug = "\(app.slug)-\(index)"
        app.region = regions[index % regions.count]
        return app
    }
    return map
}

/// The edges an SVG draws, as (from, to) pairs, each checked to carry an arrowhead.
func drawnEdges(_ svg: String) throws -> [String] {
    let pattern = try Regex(
        #"<path class="edge[^"]*" data-from="([^"]*)" data-to="([^"]*)"(?: data-count="\d+")? d="[^"]+" marker-end="url\(#[^)]+\)">"#)
    let edges = svg.matches(of: pattern).map { "\($0.output[1].substring ?? "") → \($0.output[2].substring ?? "")" }
    #expect(edges.count == svg.components(separatedBy: "<path class=\"edge").count - 1, "every edge has its ends and an arrowhead")
    return edges.sorted()
}

/// What the text diagram lists: every app's dependencies on a known system or a sibling.
func modelEdges(_ map: InfraMap) -> [String] {
    let systems = Set(map.externals.map(\.name))
    return map.apps.flatMap { app in
        app.dependencies.compactMap { d -> String? in
            if case .external(let name) = d.target, !systems.contains(name) { return nil }
            return "\(HTMLEscape.text(app.slug)) → \(HTMLEscape.text(d.targetName))"
        }
    }.sorted()
}

@Suite("SVG diagram")
struct SVGDiagramTests {
    @Test func theExampleHasAnArrowForEveryDependencyTheTextDiagramLists() throws {
        let (map, _) = loadExample()
        let svg = SVGDiagram(map: map, title: "Architecture").render()
        let edges = try drawnEdges(svg)
        #expect(edges == modelEdges(map))
        #expect(edges.contains("superset-analytics → Supabase"))
        #expect(edges.contains("superset-analytics → redis"), "a sibling component gets its edge too")
        // The text diagram lists the same: "Depends on:" lines and the arrows to systems.
        let text = DiagramRenderer.text(map, width: 100, ascii: false)
        for app in map.apps {
            for d in app.dependencies { #expect(text.contains(d.targetName)) }
        }
        #expect(svg.contains("<marker id=\"diagram-arrow\""))
        #expect(svg.contains("role=\"group\""))
        #expect(!svg.contains("role=\"img\""), "links inside an image are hidden from screen readers")
    }

    @Test(arguments: [1, 2, 4, 7])
    func aFramePerRegionUsedAndEveryEdgeDrawn(_ regionCount: Int) throws {
        let regions = Array(Region.allCases.prefix(regionCount))
        let map = spreadMap(12, regions: regions)
        let svg = SVGDiagram(map: map, title: "Spread").render()
        #expect(try drawnEdges(svg) == modelEdges(map))
        #expect(svg.components(separatedBy: "<g class=\"frame frame-region\">").count - 1 == regionCount)
        for region in regions { #expect(svg.contains("Region: \(region.title)</text>")) }
        for region in Region.allCases where !regions.contains(region) { #expect(!svg.contains(region.title)) }
        // Every app box is a link with a name of its own.
        for app in map.apps {
            #expect(svg.contains("<a href=\"apps/\(app.slug)/index.html\" aria-label=\"\(app.name): \(app.health.title), "))
        }
    }

    /// The text diagram said "Region: NYC1" over apps in four regions.
    @Test func theTextDiagramNamesEveryRegionUsed() {
        let map = spreadMap(8, regions: [.nyc, .sfo, .fra, .sgp])
        let text = DiagramRenderer.text(map, width: 200, ascii: false)
        // Two apps per region: the most used first, ties by slug.
        #expect(text.contains("Regions: FRA1 (Frankfurt), NYC1 (New York), SFO3 (San Francisco), SGP1 (Singapore)"))
        for region in [Region.nyc, .sfo, .fra, .sgp] {
            #expect(
                text.components(separatedBy: "Region: \(region.title)").count - 1 == 2, "each app says its own region, the platform none")
        }
        let mermaid = MermaidDiagram.render(map)
        #expect(mermaid.contains("Regions: FRA1 #40;Frankfurt#41;, NYC1 #40;New York#41;, SFO3"))
        let single = DiagramRenderer.text(spreadMap(3, regions: [.sgp]), width: 100, ascii: false)
        #expect(single.contains("Region: SGP1 (Singapore)"))
        #expect(single.components(separatedBy: "Region: SGP1").count - 1 == 1, "one region is said once")
    }

    @Test func aboveTheLimitEachAppIsATileAndEdgesAreBundledPerRegion() throws {
        let regions: [Region] = [.nyc, .sfo, .ams]
        let small = spreadMap(SiteScale.detailedAppLimit, regions: regions)
        #expect(SVGDiagram(map: small, title: "x").form == .detailed)
        let map = spreadMap(SiteScale.detailedAppLimit + 1, regions: regions)
        let diagram = SVGDiagram(map: map, title: "Many")
        #expect(diagram.form == .condensed)
        let svg = diagram.render()
        #expect(svg.components(separatedBy: "<a class=\"tile status-").count - 1 == map.apps.count)
        for app in map.apps { #expect(svg.contains("href=\"apps/\(app.slug)/index.html\"")) }
        // One arrow per region and system, counting the region's apps that use it.
        var expected: [String: Int] = [:]
        for app in map.apps {
            for d in app.dependencies {
                guard case .external(let name) = d.target else { continue }
                expected["\(app.region?.rawValue ?? "none") → \(name)", default: 0] += 1
            }
        }
        let pattern = try Regex(#"data-from="([^"]*)" data-to="([^"]*)" data-count="(\d+)""#)
        var drawn: [String: Int] = [:]
        for match in svg.matches(of: pattern) {
            drawn["\(match.output[1].substring ?? "") → \(match.output[2].substring ?? "")"] = Int(match.output[3].substring ?? "")
        }
        #expect(drawn == expected)
        #expect(try drawnEdges(svg).count == expected.count)
    }

    @Test func aThousandAppsStayReadableAndSmall() {
        let map = spreadMap(1000, regions: [.nyc, .sfo, .ams, .fra])
        let svg = SVGDiagram(map: map, title: "Scale").render()
        #expect(svg.utf8.count < 400_000, "\(svg.utf8.count) bytes")
        // Text is 15 units; the picture never scales below 4/5 of its width: 12 px.
        #expect(svg.contains("viewBox=\"0 0 1080 "))
        #expect(svg.contains("style=\"min-width: 864px\""))
    }

    /// An app's page draws its own box, its systems and its edges, linking nowhere.
    @Test func anAppsPageDrawsItsOwnEdges() throws {
        let (map, _) = loadExample()
        guard let index = map.apps.firstIndex(where: { $0.slug == "superset-analytics" }) else {
            Issue.record("no superset-analytics in the example")
            return
        }
        let app = map.apps[index]
        let svg = SVGDiagram.appDiagram(app, at: index, in: map)
        var own = map
        own.apps = [app]
        #expect(try drawnEdges(svg) == modelEdges(own))
        #expect(!svg.contains("<a "))
    }

    @Test func hostileNamesStayTextInEveryForm() throws {
        let root = fixtureURL("hostile")
        var (map, _) = Workspace.load(root: root).resolve()
        #expect(!map.apps.isEmpty && !map.externals.isEmpty)
        // A sibling named with markup, used by the app: edges carry names in attributes.
        if var app = map.apps.first {
            app.dependencies.append(Dependency(target: .component("x\"><script>alert(1)</script>"), keys: ["K"], users: ["app"]))
            app.dependencies.append(Dependency(target: .component("web"), keys: ["K\"<b>"], users: ["app"]))
            app.region = .fra
            map.apps[0] = app
        }
        for form in [SVGDiagram.Form.detailed, .condensed] {
            let svg = SVGDiagram(map: map, title: "<script>t</script>", form: form).render()
            for markup in ["<script", "<b>", "<img", "\" onmouseover=\"", "href=\"javascript:"] {
                #expect(!svg.contains(markup), "\(form): \(markup)")
            }
            #expect(svg.contains("data-to=\"Ext &lt;script&gt;alert(&#39;ext&#39;)&lt;/script&gt; | pipe\""), "\(form)")
        }
        let mermaid = MermaidDiagram.render(map)
        #expect(mermaid.contains("  app0 -->|\"K#34;#60;b#62;\"| app0c0\n"))
    }
}
