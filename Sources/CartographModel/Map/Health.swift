/// The observed health of an app, as the status file says it.
package enum Health: String, Sendable, Hashable, CaseIterable, Comparable {
    case healthy, degraded, down, configured, pending, unverified, unknown

    /// Running now: counted in "current (verified)" costs.
    package var isRunning: Bool { self == .healthy || self == .degraded }

    package var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    package static func < (a: Health, b: Health) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}
