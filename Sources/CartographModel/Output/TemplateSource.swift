/// A user's template file as the input stage read it, for the renderer to use in place of
/// the built-in one of the same path.
package enum TemplateSource: Sendable, Hashable {
    case text(String)
    /// The file exists but is not UTF-8: an error at the file, and the built-in one is used.
    case notUTF8
}
