import CartographTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CartographServer

@Suite("Live reload events")
struct EventStreamTests {
    @Test func connectReceivesHelloThenReloadAfterARebuild() async throws {
        let store = SiteStore(SiteSnapshot(site: sampleSite(), buildID: "first", title: "Map", overlay: nil))
        try await makeApp(store).test(.live) { client in
            let port = try #require(client.port)
            let reader = try await offPool { try EventStreamReader(port: port) }
            defer { reader.close() }
            let hello = try await offPool { try reader.next() }
            #expect(hello.event == "hello")
            #expect(hello.data == "first")
            #expect(reader.head.hasPrefix("HTTP/1.1 200"))
            #expect(reader.head.lowercased().contains("content-type: text/event-stream; charset=utf-8"))
            #expect(reader.head.lowercased().contains("cache-control: no-cache"))

            #expect(await eventually(timeout: .seconds(5)) { store.events.subscriberCount == 1 } != nil)
            store.publish(SiteSnapshot(site: sampleSite(), buildID: "second", title: "Map", overlay: nil))
            let reload = try await offPool { try reader.next() }
            #expect(reload.event == "reload")
            #expect(reload.data == "second")

            // A second page connecting now is told the current build straight away.
            let late = try await offPool { try EventStreamReader(port: port) }
            defer { late.close() }
            let current = try await offPool { try late.next() }
            #expect(current.data == "second")
            store.close()
        }
    }

    @Test func closingEndsEveryStream() throws {
        let broadcaster = ReloadBroadcaster()
        let stream = broadcaster.subscribe()
        #expect(broadcaster.subscriberCount == 1)
        broadcaster.close()
        #expect(broadcaster.subscriberCount == 0)
        let after = broadcaster.subscribe()
        #expect(broadcaster.subscriberCount == 0)
        _ = (stream, after)
    }

    @Test func aClosedConnectionIsForgotten() async throws {
        let broadcaster = ReloadBroadcaster()
        do {
            let stream = broadcaster.subscribe()
            let task = Task {
                for await _ in stream {}
            }
            task.cancel()
            await task.value
        }
        #expect(await eventually(timeout: .seconds(2)) { broadcaster.subscriberCount == 0 } != nil)
    }
}
