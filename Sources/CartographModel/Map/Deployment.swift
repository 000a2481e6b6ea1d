/// The latest deployment of an app, as the status or doctl reports it.
package struct Deployment: Sendable, Hashable {
    package var commit: String?
    package var date: DateValue?
    package var buildTime: String?
    package var phase: String?
    package var cause: String?

    package init(commit: String?, date: DateValue?, buildTime: String?, phase: String?, cause: String?) {
        self.commit = commit
        self.date = date
        self.buildTime = buildTime
        self.phase = phase
        self.cause = cause
    }
}
