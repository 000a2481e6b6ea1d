package import CartographInput
package import CartographModel

extension Config {
    /// The settings the renderers read, handed to them so they never see the config.
    var renderSettings: RenderSettings {
        RenderSettings(
            siteOutput: siteOutput, markdownOutput: markdownOutput, templates: templates, baseURL: baseURL,
            allowRawHTML: allowRawHTML, diagramWidth: diagramWidth, diagramASCII: diagramASCII)
    }
}
