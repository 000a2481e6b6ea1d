import CartographInput
import CartographKit
import CartographModel
import CartographRender

/// Fans server events out to every open `/_cartograph/events` connection.
final class ReloadBroadcaster: Sendable {
    /// What a connection is told.
    enum Event: Sendable, Equatable {
        /// A build finished; its ID.
        case reload(String)
        /// Keeps idle connections (and proxies) from timing out; lets dead ones be noticed.
        case ping
    }

    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<Event>.Continuation] = [:]
        var closed = false
    }

    private let state = Locked(State())

    init() {}

    /// A stream of events for one connection; it ends when the broadcaster closes.
    func subscribe() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(16))
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            state.next += 1
            state.subscribers[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends an event to every connection.
    func send(_ event: Event) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(event) }
    }

    /// Ends every stream and refuses new ones: shutting down must not wait on open connections.
    func close() {
        let subscribers = state.withLock { state in
            state.closed = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// How many connections are listening.
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
