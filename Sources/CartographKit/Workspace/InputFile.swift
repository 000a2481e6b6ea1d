public import Foundation

/// A file a run reads, kept with its absolute location so that no output can be placed on
/// it (see ``OutputPlan``).
public struct InputFile: Sendable, Hashable {
    public enum Role: String, Sendable {
        case config = "the config"
        case spec = "the app spec"
        case status = "the status file"
        case page = "the page"
        case injectTarget = "the injection target"
    }

    public var role: Role
    /// The path as messages show it.
    public var path: String
    public var url: URL

    public init(_ role: Role, path: String, url: URL) {
        self.role = role
        self.path = path
        self.url = url
    }
}
