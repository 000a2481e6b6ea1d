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
    /// Where the whole map is written as JSON (`output.json`); nil writes none.
    package var jsonOutput: String?
    package var inject: [String] = []
    package var diagramWidth = 66
    package var diagramASCII = false
    package var prices: [String: Money] = [:]
    package var scenarios: [Scenario] = []
    package var external: [ExternalSystem] = []
    package var baseURL: String?
    package var allowRawHTML = false
    /// Warnings acknowledged in `ignore:`: not printed, not counted.
    package var ignore: [IgnoreRule] = []
    /// What `check` compares with disk (`output.check:`): every output, or with
    /// `markdown` only the Markdown map and injected files (for a site built in CI).
    package var checkedOutputs: CheckedOutputs = .all
    /// Where the config was read from, for locating its diagnostics; nil for defaults.
    package var file: String?
    /// Locations of price overrides, for warnings about them.
    var priceLocations: [String: SourceLocation] = [:]
    /// Where each path setting was written, so a problem with a path (a glob that matches
    /// nothing, a missing file) is reported at the value that names it.
    package var locations: [Setting: SourceLocation] = [:]

    package init() {}

    package enum CheckedOutputs: String, Sendable, Hashable, CaseIterable { case all, markdown }

    /// `ignore: ["CG102", "CG103 content/apps/legacy-*.yaml"]`: a code, and optionally the
    /// files (a glob, relative to the config's folder) where it is acknowledged.
    package struct IgnoreRule: Sendable, Hashable {
        package var code: String
        package var path: String?

        package init(code: String, path: String? = nil) {
            self.code = code
            self.path = path
        }

        /// Whether the rule silences `diagnostic`: only warnings are ever silenced.
        package func silences(_ diagnostic: Diagnostic) -> Bool {
            guard diagnostic.severity == .warning, diagnostic.code.id == code else { return false }
            guard let path else { return true }
            return Glob.matches(
                ArraySlice(path.split(separator: "/").map(String.init)),
                ArraySlice(diagnostic.location.file.split(separator: "/").map(String.init)))
        }
    }

    /// A setting that names a path; lists are indexed in the order written.
    package enum Setting: Sendable, Hashable {
        case specs(Int), status(Int), pages, templates, site, markdown, json, inject(Int)
    }

    /// Where `setting` was written; the start of the config when it was not (a default).
    package func location(of setting: Setting) -> SourceLocation {
        locations[setting] ?? .start(of: file ?? Workspace.configName)
    }
}
