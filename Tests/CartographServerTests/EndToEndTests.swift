import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

#if canImport(Glibc)
    import Glibc
#endif

/// Tests that run the real binary (and a browser), one at a time: their timings mean
/// something only when they do not compete with each other for the two cores.
@Suite("Processes", .serialized)
struct ProcessTests {}

extension ProcessTests {
    /// The real binary, run as people run it.
    @Suite("cartograph serve, end to end")
    struct EndToEndTests {
        static let note = "Likely needs restart (per completion report)"
        static let brokenLocation =
            "content/apps/pulse-hub-web.yaml:5:9: error: YAML syntax error: did not find expected &#39;,&#39; or &#39;]&#39;"

        @Test func servesRebuildsShowsErrorsAndStopsCleanly() async throws {
            #expect(FileManager.default.isExecutableFile(atPath: cartographBinary.path), "build the cartograph product first")
            let folder = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try ServeProcess(["serve", "--port", "0", "-C", folder.path])
            defer { server.stop(signal: SIGKILL) }

            let first = try await server.firstLine()
            #expect(first.hasPrefix("Serving InsightPulse Infrastructure Map at http://127.0.0.1:"), "\(first)")
            #expect(first.hasSuffix("/"))
            let port = try await server.port()
            #expect(port > 0 && port != 8000)

            let markdown = try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md")
            #expect(markdown.status == 200)
            #expect(markdown.headers["content-type"] == "text/markdown; charset=utf-8")
            #expect(markdown.text.contains(Self.note))
            let index = try HTTPProbe.request(port: port, "/")
            #expect(index.status == 200)
            #expect(index.headers["content-type"] == "text/html; charset=utf-8")
            #expect(index.text.contains("/_cartograph/events"))
            let indexTag = try #require(index.headers["etag"])
            // The served bytes are the build's, not a disk copy: nothing is written.
            #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "site").path))

            // Through the real HTTP stack: nothing outside the site, however the path is spelled.
            try save("canary\n", to: folder.appending(path: "canary.txt"))
            for target in [
                "/../canary.txt", "/%2e%2e/canary.txt", "/%2E%2E%2Fcanary.txt", "/a/%2F..%2F..%2Fcanary.txt", "/..%5ccanary.txt",
                "/%00", "/canary.txt%00.html", "//canary.txt", "/./canary.txt", "/canary.txt", "/content/status.yaml",
                "/cartograph.yaml", "/site/index.html",
            ] {
                let reply = try HTTPProbe.request(port: port, target)
                #expect([400, 404].contains(reply.status), "\(target): \(reply.status)")
                #expect(!reply.text.contains("canary") && !reply.text.contains("map_status:"), "\(target)")
            }
            let post = try HTTPProbe.request(port: port, "/", method: "POST")
            #expect(post.status == 405)
            #expect(post.headers["allow"] == "GET, HEAD")
            let head = try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(head.headers["content-length"] == String(markdown.body.count))
            let notModified = try HTTPProbe.request(
                port: port, "/INFRASTRUCTURE.md", headers: ["If-None-Match": markdown.headers["etag"] ?? "-"])
            #expect(notModified.status == 304)

            let events = try EventStreamReader(port: port)
            defer { events.close() }
            let hello = try events.next()
            #expect(hello.event == "hello")

            // A status note changes: the new text is served within seconds (scripts/serve-latency.py
            // measures the milliseconds; a bound here must hold on a machine busy compiling too).
            let status = folder.appending(path: "content/status.yaml")
            let statusText = try String(contentsOf: status, encoding: .utf8)
            let newNote = "Restarted at \(UUID().uuidString.prefix(8))"
            try save(statusText.replacingOccurrences(of: Self.note, with: newNote), to: status)
            let took = try await eventually(timeout: .seconds(5)) {
                try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains(newNote)
            }
            #expect(took != nil, "the new note was not served within 5 s; stdout:\n\(server.stdout)\nstderr:\n\(server.stderr)")
            let reload = try events.next()
            #expect(reload.event == "reload")
            #expect(reload.data != hello.data)
            let site = try HTTPProbe.request(port: port, "/", headers: ["If-None-Match": indexTag])
            #expect(site.status == 200, "a rebuild gives the pages a new ETag")
            #expect(try siteText(port: port).contains(newNote), "the HTML site shows the new note too")
            #expect(await eventually(timeout: .seconds(5)) { server.stdout.contains("rebuilt in ") } != nil)

            // A spec breaks: every page shows the error over the last good site.
            let spec = folder.appending(path: "content/apps/pulse-hub-web.yaml")
            let specText = try String(contentsOf: spec, encoding: .utf8)
            try save(specText.replacingOccurrences(of: "region: sgp\n", with: "region: [sgp\n"), to: spec)
            let overlaid = try await eventually(timeout: .seconds(5)) {
                try HTTPProbe.request(port: port, "/").text.contains(Self.brokenLocation)
            }
            #expect(overlaid != nil, "no overlay; stderr:\n\(server.stderr)")
            let broken = try HTTPProbe.request(port: port, "/")
            #expect(broken.text.contains("id=\"cartograph-overlay\""))
            #expect(broken.text.contains("<h1"), "the last good page is still under the overlay")
            #expect(try HTTPProbe.request(port: port, "/no/such/page").text.contains(Self.brokenLocation))
            #expect(try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains(newNote))
            #expect(server.stderr.contains("content/apps/pulse-hub-web.yaml:5:9: error: YAML syntax error"))
            #expect(await eventually(timeout: .seconds(5)) { server.stdout.contains("1 error") } != nil, "\(server.stdout)")

            // Fixed: the overlay goes.
            try save(specText, to: spec)
            let cleared = try await eventually(timeout: .seconds(5)) {
                !(try HTTPProbe.request(port: port, "/").text.contains("cartograph-overlay"))
            }
            #expect(cleared != nil)

            // Ctrl-C stops it, even with a page still listening for events.
            let clock = ContinuousClock()
            let start = clock.now
            let status0 = server.stop(signal: SIGINT)
            #expect(status0 == 0, "stderr:\n\(server.stderr)")
            #expect(clock.now - start < .seconds(5))
        }

        @Test func specsCreatedLaterAreWatched() async throws {
            let folder = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try ServeProcess(["serve", "--port", "0", "-C", folder.path])
            defer { server.stop(signal: SIGKILL) }
            let port = try await server.port()
            let spec = """
                name: fresh-app
                region: nyc
                services:
                  - name: web
                    instance_size_slug: basic-xxs
                    instance_count: 1
                    image:
                      registry_type: DOCR
                      repository: fresh
                """
            try save(spec, to: folder.appending(path: "content/apps/fresh-app.yaml"))
            let seen = try await eventually(timeout: .seconds(5)) {
                try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains("fresh-app")
            }
            #expect(seen != nil, "stderr:\n\(server.stderr)")
            #expect(server.stop(signal: SIGTERM) == 0)
        }

        @Test func pollingWorksWhereInotifyIsMissing() async throws {
            let folder = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try ServeProcess(["serve", "--port", "0", "-C", folder.path], environment: ["CARTOGRAPH_WATCH": "poll"])
            defer { server.stop(signal: SIGKILL) }
            let port = try await server.port()
            #expect(await eventually(timeout: .seconds(5)) { server.stderr.contains("(polling)") } != nil)
            let status = folder.appending(path: "content/status.yaml")
            let text = try String(contentsOf: status, encoding: .utf8)
            try save(text.replacingOccurrences(of: Self.note, with: "Polled note"), to: status)
            let seen = try await eventually(timeout: .seconds(5)) {
                try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains("Polled note")
            }
            #expect(seen != nil)
            #expect(server.stop() == 0)
        }

        @Test func aTakenPortIsAnError() async throws {
            let folder = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: folder) }
            let first = try ServeProcess(["serve", "--port", "0", "-C", folder.path])
            defer { first.stop(signal: SIGKILL) }
            let port = try await first.port()
            let second = try ServeProcess(["serve", "--port", String(port), "-C", folder.path])
            defer { second.stop(signal: SIGKILL) }
            #expect(await eventually(timeout: .seconds(10)) { !second.process.isRunning } != nil)
            #expect(second.process.terminationStatus == 1)
            // One line, in words: no errno, no system call.
            #expect(
                second.stderr
                    == "error: cannot serve on 127.0.0.1:\(port): the port is in use; choose another with --port, or --port 0 for any free one\n"
            )
            #expect(!second.stdout.contains("Serving"))
        }

        /// Every HTML page of the served site, fetched by following the links from `/`.
        private func siteText(port: Int) throws -> String {
            var pending = ["/"]
            var seen: Set<String> = []
            var text = ""
            while let path = pending.popLast(), seen.count < 200 {
                guard seen.insert(path).inserted else { continue }
                let reply = try HTTPProbe.request(port: port, path)
                guard reply.status == 200, reply.headers["content-type"]?.hasPrefix("text/html") == true else { continue }
                text += reply.text
                for link in reply.text.components(separatedBy: "href=\"").dropFirst() {
                    guard let end = link.firstIndex(of: "\"") else { continue }
                    let href = String(link[..<end])
                    guard !href.contains(":"), !href.hasPrefix("#"), href.hasSuffix("/") || href.hasSuffix(".html") else { continue }
                    pending.append(resolve(href, against: path))
                }
            }
            return text
        }

        private func resolve(_ href: String, against base: String) -> String {
            if href.hasPrefix("/") { return href }
            var parts = base.split(separator: "/").map(String.init)
            if !base.hasSuffix("/") { parts = Array(parts.dropLast()) }
            for part in href.split(separator: "/") {
                if part == ".." { parts = Array(parts.dropLast()) } else if part != "." { parts.append(String(part)) }
            }
            return "/" + parts.joined(separator: "/") + (href.hasSuffix("/") ? "/" : "")
        }
    }
}
