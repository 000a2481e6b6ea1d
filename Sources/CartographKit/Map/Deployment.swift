/// The latest deployment of an app, as the status or doctl reports it.
public struct Deployment: Sendable, Hashable {
    public var commit: String?
    public var date: DateValue?
    public var buildTime: String?
    public var phase: String?
    public var cause: String?

    public init(commit: String?, date: DateValue?, buildTime: String?, phase: String?, cause: String?) {
        self.commit = commit
        self.date = date
        self.buildTime = buildTime
        self.phase = phase
        self.cause = cause
    }
}
