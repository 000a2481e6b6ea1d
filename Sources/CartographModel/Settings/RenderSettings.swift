/// What the renderers need from the config, as plain values: the config itself (with its
/// source locations and input paths) stays with the input stage.
package struct RenderSettings: Sendable {
    package var siteOutput: String
    package var markdownOutput: String
    /// The templates folder as the config names it, to locate "template missing" errors.
    package var templates: String
    package var baseURL: String?
    package var allowRawHTML: Bool
    package var diagramWidth: Int
    package var diagramASCII: Bool

    package init(
        siteOutput: String, markdownOutput: String, templates: String, baseURL: String?, allowRawHTML: Bool, diagramWidth: Int,
        diagramASCII: Bool
    ) {
        self.siteOutput = siteOutput
        self.markdownOutput = markdownOutput
        self.templates = templates
        self.baseURL = baseURL
        self.allowRawHTML = allowRawHTML
        self.diagramWidth = diagramWidth
        self.diagramASCII = diagramASCII
    }
}
