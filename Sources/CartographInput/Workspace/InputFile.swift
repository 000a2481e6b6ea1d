package import CartographModel
package import Foundation

/// A file a run reads, kept with its absolute location so that no output can be placed on
/// it (see ``OutputPlan``).
package struct InputFile: Sendable, Hashable {
    package enum Role: String, Sendable {
        case config = "the config"
        case spec = "the app spec"
        case status = "the status file"
        case page = "the page"
        case injectTarget = "the injection target"
    }

    package var role: Role
    /// The path as messages show it.
    package var path: String
    package var url: URL
    /// `url.absoluteURL.path`, when the workspace had it without asking the URL (a plain
    /// name joined to its folder's path): asking costs more than an lstat, per file.
    package var absolutePath: String?

    package init(_ role: Role, path: String, url: URL, absolutePath: String? = nil) {
        self.role = role
        self.path = path
        self.url = url
        self.absolutePath = absolutePath
    }
}
