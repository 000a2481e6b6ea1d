import Testing

@testable import CartographServer

@Suite("Server setup")
struct PreviewServerTests {
    @Test(arguments: ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
    func loopbackHosts(host: String) {
        #expect(PreviewServer.isLoopback(host))
    }

    @Test(arguments: [
        "0.0.0.0", "::", "192.168.1.10", "example.org", "10.0.0.1", "128.0.0.1", "127.evil.example", "127.0.0", "127.0.0.1.1",
    ])
    func otherHostsAreNotLoopback(host: String) {
        #expect(!PreviewServer.isLoopback(host))
    }

    @Test func ipv6HostsAreBracketedInURLs() {
        #expect(PreviewServer.urlHost("::1") == "[::1]")
        #expect(PreviewServer.urlHost("127.0.0.1") == "127.0.0.1")
        #expect(PreviewServer.urlHost("[::1]") == "[::1]")
    }

    @Test func standardOutputStartsWithTheServingLine() {
        let lines = Locked<[String]>([])
        let console = ServeConsole(out: { text in lines.withLock { $0.append(text) } }, err: { _ in })
        console.out("rebuilt in 5 ms\n")
        #expect(lines.current.isEmpty)
        console.announce("Serving Map at http://127.0.0.1:1234/\n")
        console.out("rebuilt in 6 ms\n")
        console.announce("Serving twice\n")
        #expect(lines.current == ["Serving Map at http://127.0.0.1:1234/\n", "rebuilt in 5 ms\n", "rebuilt in 6 ms\n"])
    }

    @Test func noiseFromEditorsIsRecognised() {
        for name in [".app.yaml.swp", "app.yaml~", "4913", ".#app.yaml", ".dat.nosync1234.abc", "x.tmp"] {
            #expect(FileWatchers.isNoise(Substring(name)), "\(name)")
        }
        for name in ["app.yaml", "status.yaml", "cartograph.yaml", "01-intro.md", "map.mustache"] {
            #expect(!FileWatchers.isNoise(Substring(name)), "\(name)")
        }
    }
}
