import CartographServer
import CartographTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A listening socket on 127.0.0.1, closed when the holder goes away: a port someone else has.
final class HeldPort {
    let descriptor: Int32
    let port: Int

    /// Listens on `port` (0: any); nil when it cannot (the port is someone else's already).
    init?(_ port: Int) {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

@Suite("Listen port", .serialized)
struct ListenPortTests {
    @Test func aListeningPortIsBusyAndTheNextFreeOneIsFound() throws {
        let port: Int
        do {
            let held = try #require(HeldPort(0))
            port = held.port
            #expect(!ListenPort.isFree(host: "127.0.0.1", port: port))
            let next = try #require(ListenPort.nextFree(host: "127.0.0.1", after: port))
            #expect(next > port && next <= port + ListenPort.attempts)
            #expect(ListenPort.isFree(host: "127.0.0.1", port: next))
            #expect(held.descriptor >= 0)
        }
        // Closed, it is free again (SO_REUSEADDR: no TIME_WAIT to sit out).
        #expect(ListenPort.isFree(host: "127.0.0.1", port: port))
    }

    /// The default port taken (here, or by anyone already): serve says so in one line and
    /// serves on the next free one.
    @Test func theDefaultPortGivesWayToTheNextFreeOne() async throws {
        let held = HeldPort(8000)
        try #require(!ListenPort.isFree(host: "127.0.0.1", port: 8000))
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServeProcess(["serve", "-C", folder.path])
        defer { server.stop(signal: SIGKILL) }
        let port = try await server.port()
        #expect((8001...8000 + ListenPort.attempts).contains(port))
        #expect(server.stderr.hasPrefix("port 8000 is in use; serving on \(port) instead\n"))
        #expect(try HTTPProbe.request(port: port, "/").status == 200)
        #expect(server.stop() == 0)
        #expect(held == nil || held?.port == 8000, "8000 held until the end")
    }
}
