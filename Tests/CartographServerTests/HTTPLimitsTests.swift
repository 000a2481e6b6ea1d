import CartographTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CartographServer

/// What a hostile or broken client can do to the server: it must not hold a connection
/// forever, leave subscribers behind, or stop others from being served.
@Suite("HTTP limits", .serialized)
struct HTTPLimitsTests {
    let store = SiteStore(SiteSnapshot(site: sampleSite(), buildID: "b1", title: "Map", overlay: nil))
    /// Short, so the tests are quick; `serve` uses ``PreviewServer/Configuration/idleTimeout``.
    let timeout = Duration.seconds(3)

    private func app() -> some ApplicationProtocol {
        PreviewServer.application(store: store, host: "127.0.0.1", port: 0, idleTimeout: timeout)
    }

    @Test func slowHeadersAreCutOffWhileOthersAreServed() async throws {
        try await app().test(.live) { client in
            let port = try #require(client.port)
            let clock = ContinuousClock()
            let start = clock.now
            let slow = try SlowClients(port: port, count: 200)
            defer { slow.stop() }
            // Asked at once, before the timeout can pass even on a busy machine: accepted, not refused.
            #expect(slow.closedCount < 200, "the slow connections were refused rather than timed out")
            // Served while two hundred connections trickle their headers.
            let reply = try await offPool { try HTTPProbe.request(port: port, "/", timeout: 30) }
            #expect(reply.status == 200)
            // Generous: the bound is the timeout, the slack is for a machine busy compiling.
            let took = await eventually(timeout: .seconds(15)) { slow.closedCount == 200 }
            #expect(took != nil, "\(slow.closedCount) of 200 slow connections closed after 15 s")
            #expect(clock.now - start < timeout + .seconds(15))
            #expect(try await offPool { try HTTPProbe.request(port: port, "/style.css", timeout: 30) }.status == 200)
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosed() async throws {
        try await app().test(.live) { client in
            let port = try #require(client.port)
            // Generous socket timeouts: a throw here would cancel the live server mid-test.
            let socket = try RawSocket(port: port, timeout: 30)
            defer { socket.close() }
            try socket.send("GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let first = try #require(try await offPool { try socket.receive() })
            #expect(String(decoding: first, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            #expect(!socket.isClosedByPeer, "kept alive after the response")
            #expect(await eventually(timeout: timeout + .seconds(15)) { socket.isClosedByPeer } != nil)
        }
    }

    @Test func theEventStreamOutlivesTheIdleTimeout() async throws {
        try await app().test(.live) { client in
            let port = try #require(client.port)
            let reader = try await offPool { try EventStreamReader(port: port, timeout: 30) }
            defer { reader.close() }
            #expect(try await offPool { try reader.next() }.event == "hello")
            try await Task.sleep(for: timeout * 2.5)
            store.publish(SiteSnapshot(site: sampleSite(), buildID: "b2", title: "Map", overlay: nil))
            let reload = try await offPool { try reader.next() }
            #expect(reload.event == "reload")
            #expect(reload.data == "b2")
            store.close()
        }
    }

    @Test func aPageThatGoesAwayStopsListeningAtOnce() async throws {
        try await app().test(.live) { client in
            let port = try #require(client.port)
            var readers: [EventStreamReader] = []
            for _ in 0..<20 {
                let reader = try await offPool { try EventStreamReader(port: port, timeout: 30) }
                _ = try await offPool { try reader.next() }
                readers.append(reader)
            }
            #expect(await eventually(timeout: .seconds(20)) { store.events.subscriberCount == 20 } != nil)
            for reader in readers.prefix(15) { reader.close() }
            // No heartbeat runs here: only noticing the closed connection removes them.
            let took = await eventually(timeout: .seconds(10)) { store.events.subscriberCount == 5 }
            #expect(took != nil, "\(store.events.subscriberCount) subscribers left")
            for reader in readers.suffix(5) { reader.close() }
            #expect(await eventually(timeout: .seconds(10)) { store.events.subscriberCount == 0 } != nil)
        }
    }

    /// Request lines no browser sends: the server answers or hangs up, and keeps serving.
    @Test func oddRequestLinesNeverTakeTheServerDown() async throws {
        var lines: [[UInt8]] = [
            Array("GET /\u{FF}\u{FE} HTTP/1.1\r\n\r\n".utf8),
            [0x47, 0x45, 0x54, 0x20, 0x2F, 0xC3, 0x28, 0x20] + Array("HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            Array("GET /\(String(repeating: "a/", count: 50_000)) HTTP/1.1\r\n\r\n".utf8),
            Array("GET /%\(String(repeating: "%", count: 1000)) HTTP/1.1\r\n\r\n".utf8),
            Array("GET * HTTP/1.1\r\n\r\n".utf8),
            Array("GET http://evil.example/../../etc/passwd HTTP/1.1\r\n\r\n".utf8),
            Array("BREW /pot HTCPCP/1.0\r\n\r\n".utf8),
            Array("GET / HTTP/1.1\r\nHost: x\r\nX: \(String(repeating: "b", count: 200_000))\r\n\r\n".utf8),
            Array("\r\n\r\n\r\n".utf8), [0, 0, 0, 0, 13, 10, 13, 10],
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30 {
            let length = Int.random(in: 1...300, using: &generator)
            lines.append(
                Array("GET /".utf8) + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    + Array(" HTTP/1.1\r\n\r\n".utf8))
        }
        let requests = lines
        try await app().test(.live) { client in
            let port = try #require(client.port)
            for bytes in requests {
                try await offPool {
                    let socket = try RawSocket(port: port, timeout: 30)
                    defer { socket.close() }
                    socket.trySend(bytes: bytes)
                    while (try? socket.receive()) != nil {}
                }
                let reply = try await offPool { try HTTPProbe.request(port: port, "/", timeout: 30) }
                #expect(reply.status == 200)
            }
        }
    }
}
