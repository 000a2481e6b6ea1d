package import CartographModel
import Foundation

/// `cartograph.yaml`: what to read, what to write, and what no spec says.
/// Paths are relative to the folder holding the config file.
package struct Config: Sendable {
    package var title = "Infrastructure Map"
    package var environment: String?
    /// "Last Updated" of the map, `YYYY-MM-DD`.
    package var updated: DateValue?
    package var platform = "DigitalOcean App Platform"
    package var specs: [String] = [".do/*.yaml"]
    /// Status sources: YAML status files and `doctl apps list -o json` output.
    package var status: [String] = []
    package var pages = "pages"
    package var templates = "templates"
    package var siteOutput = "site"
    package var markdownOutput = "site/INFRASTRUCTURE.md"
    package var inject: [String] = []
    package var diagramWidth = 66
    package var diagramASCII = false
    package var prices: [String: Money] = [:]
    package var scenarios: [Scenario] = []
    package var external: [ExternalSystem] = []
    package var baseURL: String?
    package var allowRawHTML = false
    /// Where the config was read from, for locating its diagnostics; nil for defaults.
    package var file: String?
    /// Locations of price overrides, for warnings about them.
    package var priceLocations: [String: SourceLocation] = [:]
    /// Where each path setting was written, so a problem with a path (a glob that matches
    /// nothing, a missing file) is reported at the value that names it.
    package var locations: [Setting: SourceLocation] = [:]

    package init() {}

    /// A setting that names a path; lists are indexed in the order written.
    package enum Setting: Sendable, Hashable {
        case specs(Int), status(Int), pages, templates, site, markdown, inject(Int)
    }

    /// Where `setting` was written; the start of the config when it was not (a default).
    package func location(of setting: Setting) -> SourceLocation {
        locations[setting] ?? .start(of: file ?? Workspace.configName)
    }
}
