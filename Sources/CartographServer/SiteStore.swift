import CartographInput
import CartographKit
import CartographModel
import CartographRender

/// The site being served right now and the connections waiting for the next one.
///
/// The snapshot is an immutable value behind a lock: a request takes a reference under the
/// lock and works on it outside, so a rebuild never blocks requests and a request never sees
/// half a build.
package final class SiteStore: Sendable {
    private let snapshot: Locked<SiteSnapshot>
    let events = ReloadBroadcaster()

    /// Starts serving `initial`.
    package init(_ initial: SiteSnapshot) {
        snapshot = Locked(initial)
    }

    /// The snapshot being served.
    package var current: SiteSnapshot { snapshot.current }

    /// Serves `next` from now on and tells every open page to reload.
    func publish(_ next: SiteSnapshot) {
        snapshot.withLock { $0 = next }
        events.send(.reload(next.buildID))
    }

    /// Ends the event streams so a graceful shutdown does not wait on them.
    package func close() {
        events.close()
    }
}
