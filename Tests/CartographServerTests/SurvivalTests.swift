import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

#if canImport(Glibc)
    import Glibc
#endif

/// An edit that once crashed or hung the build, as one save of one file of the example.
struct HostileEdit: Sendable, CustomTestStringConvertible {
    var name: String
    /// The file edited, relative to the workspace; the diagnostics are located in it.
    var file: String
    /// Errors (shown in the overlay), or only warnings (shown on the terminal).
    var severity = "error"
    var edit: @Sendable (String) -> String

    var testDescription: String { name }

    static let spec = "content/apps/pulse-hub-web.yaml"
    static let status = "content/status.yaml"
    static let config = "cartograph.yaml"

    /// Status-only apps inserted at the top of the status file's `apps:`.
    static func statusApps(_ name: String, _ apps: String) -> HostileEdit {
        HostileEdit(name: name, file: status) { $0.replacingOccurrences(of: "\napps:\n", with: "\napps:\n" + apps) }
    }

    static let all: [HostileEdit] = [
        statusApps("two status apps whose pages collide", "  Web:\n    status: healthy\n  web:\n    status: healthy\n"),
        HostileEdit(name: "a pricing override of 10^20", file: config) {
            $0.replacingOccurrences(of: "basic-xs: 12\n", with: "basic-xs: 100000000000000000000\n")
        },
        HostileEdit(name: "a pricing override whose cents overflow", file: config) {
            $0.replacingOccurrences(of: "basic-xs: 12\n", with: "basic-xs: 92233720368547758\n")
        },
        statusApps("a huge estimated_monthly_cost", "  ghost:\n    status: healthy\n    estimated_monthly_cost: 92233720368547758\n"),
        statusApps(
            "estimated costs whose sum overflows",
            "  ghost-a:\n    status: healthy\n    estimated_monthly_cost: 50000000000000000\n"
                + "  ghost-b:\n    status: healthy\n    estimated_monthly_cost: 50000000000000000\n"),
        // Nine levels: 10^9 leaves if anything expands the key.
        HostileEdit(name: "an alias bomb in a flow mapping key", file: spec) { text in
            var bomb = "x-a: &a [x,x,x,x,x,x,x,x,x,x]\n"
            let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            for (previous, name) in zip(names, names.dropFirst()) {
                bomb += "x-\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 10).joined(separator: ","))]\n"
            }
            return text + "\n" + bomb + "x-bomb: { *i : 1 }\n"
        },
        HostileEdit(name: "a component name of 1 MiB of dashes", file: spec) {
            $0.replacingOccurrences(of: "  - name: pulse-hub-api\n", with: "  - name: \(String(repeating: "-", count: 1 << 20))\n")
        },
        // Did-you-mean between two unbounded names.
        HostileEdit(name: "a 100k-character ingress target with aliases to it", file: spec) { text in
            let target = String(repeating: "q", count: 100_000)
            return text.replacingOccurrences(of: "        name: pulse-hub\n", with: "        name: &t \(target)\n")
                .replacingOccurrences(of: "        name: pulse-hub-api\n", with: "        name: *t\n")
                .replacingOccurrences(of: "  - name: pulse-hub\n", with: "  - name: \(String(repeating: "p", count: 100_000))\n")
        },
        HostileEdit(name: "8,000 unknown keys", file: spec) { text in
            text + "\n" + (0..<8000).map { "unknown_key_\($0): 1\n" }.joined()
        },
        // The file ends inside the static site's `envs:`; the list goes on.
        HostileEdit(name: "4,000 duplicate env keys", file: spec, severity: "warning") { text in
            text + String(repeating: "      - key: DUPLICATE\n        value: one\n", count: 4000)
        },
    ]
}

extension ProcessTests {
    /// `serve` on the real binary, fed each input that once crashed or hung the build.
    @Suite("cartograph serve survives hostile saves")
    struct SurvivalTests {
        @Test(arguments: HostileEdit.all)
        func survivesAndRecovers(_ hostile: HostileEdit) async throws {
            let folder = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try ServeProcess(["serve", "--port", "0", "-C", folder.path])
            defer { server.stop(signal: SIGKILL) }
            let port = try await server.port()
            let target = folder.appending(path: hostile.file)
            let original = try String(contentsOf: target, encoding: .utf8)
            let edited = hostile.edit(original)
            try #require(edited != original, "the edit must change \(hostile.file)")

            try save(edited, to: target)
            let file = NSRegularExpression.escapedPattern(for: hostile.file)
            let located = try Regex("\(file):[0-9]+:[0-9]+: \(hostile.severity): ")
            let shown = await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                guard server.process.isRunning else { return true }
                if hostile.severity != "error" { return server.stderr.contains(located) }
                let page = (try? HTTPProbe.request(port: port, "/").text) ?? ""
                return page.contains("id=\"cartograph-overlay\"") && page.contains(located)
            }
            try #require(server.process.isRunning, "serve died; stderr ends:\n\(server.stderr.suffix(2000))")
            #expect(shown != nil, "no \(hostile.severity) located in \(hostile.file) was shown; stdout:\n\(server.stdout)")

            // The next good save recovers, and the page is current.
            try save(original, to: target)
            let note = "Survived \(UUID().uuidString.prefix(8))"
            let status = folder.appending(path: HostileEdit.status)
            let statusText = try String(contentsOf: status, encoding: .utf8)
            try save(
                statusText.replacingOccurrences(of: "next_review: After deploying superset-analytics", with: "next_review: \(note)"),
                to: status)
            let recovered = await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                guard server.process.isRunning else { return true }
                let page = (try? HTTPProbe.request(port: port, "/").text) ?? ""
                let markdown = (try? HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text) ?? ""
                return !page.isEmpty && !page.contains("cartograph-overlay") && markdown.contains(note)
            }
            try #require(server.process.isRunning, "serve died; stderr ends:\n\(server.stderr.suffix(2000))")
            #expect(recovered != nil, "the good save was not served; stdout:\n\(server.stdout)")

            try expectCtrlCStops(server)
        }

        /// A large but valid project: thousands of apps, so a build takes seconds.
        static func addBulkApps(_ count: Int, to folder: URL) throws {
            let bulk = folder.appending(path: "bulk")
            try FileManager.default.createDirectory(at: bulk, withIntermediateDirectories: true)
            for index in 0..<count {
                let name = "bulk-app-\(index)"
                let spec = """
                    name: \(name)
                    region: nyc
                    ingress:
                      rules:
                        - match: { path: { prefix: /api } }
                          component: { name: api }
                    services:
                      - name: api
                        instance_size_slug: basic-xxs
                        instance_count: 2
                        http_port: 8080
                        image: { registry_type: DOCR, repository: \(name) }
                    workers:
                      - name: worker
                        instance_size_slug: basic-xs
                        image: { registry_type: DOCR, repository: \(name)-worker }

                    """
                try spec.write(to: bulk.appending(path: "\(name).yaml"), atomically: false, encoding: .utf8)
            }
        }

        static let bulkCount = 600

        /// Starts serving the example with the bulk apps beside it, not yet in the config.
        private func serveWithBulk() async throws -> (folder: URL, server: ServeProcess, port: Int, config: String) {
            let folder = try copyOfExample()
            try Self.addBulkApps(Self.bulkCount, to: folder)
            let server = try ServeProcess(["serve", "--port", "0", "-C", folder.path])
            let port = try await server.port()
            let config = try String(contentsOf: folder.appending(path: HostileEdit.config), encoding: .utf8)
            return (folder, server, port, config)
        }

        private func includeBulk(_ config: String) -> String {
            config.replacingOccurrences(of: "specs: [content/apps/*.yaml]", with: "specs: [content/apps/*.yaml, bulk/*.yaml]")
        }

        @Test func aGoodSaveSupersedesASlowBuild() async throws {
            let (folder, server, port, config) = try await serveWithBulk()
            defer { try? FileManager.default.removeItem(at: folder) }
            defer { server.stop(signal: SIGKILL) }
            let configURL = folder.appending(path: HostileEdit.config)
            let clock = ContinuousClock()

            // How long the large build takes here, start to finish.
            var start = clock.now
            try save(includeBulk(config), to: configURL)
            let slow = try await eventually(timeout: .seconds(120), every: .milliseconds(100)) {
                try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains("bulk-app-\(Self.bulkCount - 1)")
            }
            let slowBuild = try #require(slow, "the large build never finished; stdout:\n\(server.stdout)")

            // Back to the small project, then large again: the large build starts …
            try save(config, to: configURL)
            #expect(
                try await eventually(timeout: .seconds(60)) {
                    !(try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains("bulk-app-0"))
                } != nil)
            try save(includeBulk(config), to: configURL)
            try await Task.sleep(for: .milliseconds(300))
            // … and a good save made while it runs is served long before it would have finished.
            start = clock.now
            let note = "Superseded \(UUID().uuidString.prefix(8))"
            try save(config.replacingOccurrences(of: "title: InsightPulse Infrastructure Map", with: "title: \(note)"), to: configURL)
            let fixed = try await eventually(timeout: slowBuild * 2, every: .milliseconds(50)) {
                try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains(note)
            }
            let took = try #require(fixed, "stdout:\n\(server.stdout)")
            #expect(took < slowBuild / 2, "the fix took \(took); the large build takes \(slowBuild)")
            _ = start
            #expect(!(try HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains("bulk-app-0")))
            try expectCtrlCStops(server)
        }

        @Test func ctrlCStopsServeWhileABuildRuns() async throws {
            let (folder, server, _, config) = try await serveWithBulk()
            defer { try? FileManager.default.removeItem(at: folder) }
            defer { server.stop(signal: SIGKILL) }
            try save(includeBulk(config), to: folder.appending(path: HostileEdit.config))
            // The save starts the build at once, and 600 new specs take far longer than this
            // to read and build (the Markdown map of so many apps waits until asked for).
            try await Task.sleep(for: .milliseconds(150))
            #expect(!server.stdout.contains("rebuilt in"), "the build should still be running; stdout:\n\(server.stdout)")
            try expectCtrlCStops(server)
        }

        /// Ctrl-C: exits 0 within a second.
        private func expectCtrlCStops(_ server: ServeProcess, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let clock = ContinuousClock()
            let start = clock.now
            let status = server.stop(signal: SIGINT, timeout: .seconds(5))
            let took = clock.now - start
            #expect(status == 0, "stderr:\n\(server.stderr.suffix(2000))", sourceLocation: sourceLocation)
            #expect(took < .seconds(1), "Ctrl-C took \(took)", sourceLocation: sourceLocation)
        }
    }
}

extension ProcessTests.SurvivalTests {
    /// Scripts read the port from the first line and may stop reading there: the next line
    /// written to the closed pipe must not take the server down.
    @Test func aReaderThatStopsAfterTheFirstLineDoesNotStopTheServer() async throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = cartographBinary
        process.arguments = ["serve", "--port", "0", "-C", folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let reader = out.fileHandleForReading
        let first = try await offPool {
            var bytes: [UInt8] = []
            while !bytes.contains(10) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                bytes += chunk
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let portText = try #require(first.split(separator: ":").last?.prefix { $0.isNumber })
        let port = try #require(Int(portText), "\(first)")
        try reader.close()

        for round in 1...2 {
            let note = "Unread \(round) \(UUID().uuidString.prefix(8))"
            let status = folder.appending(path: HostileEdit.status)
            let text = try String(contentsOf: status, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("next_review:") }
            try save(lines.joined(separator: "\n") + "\nnext_review: \(note)\n", to: status)
            let served = await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
                guard process.isRunning else { return true }
                return (try? HTTPProbe.request(port: port, "/INFRASTRUCTURE.md").text.contains(note)) == true
            }
            try #require(process.isRunning, "serve died writing to a closed standard output")
            #expect(served != nil)
        }
        kill(process.processIdentifier, SIGINT)
        #expect(waitUntil(timeout: .seconds(5)) { !process.isRunning })
        #expect(process.terminationStatus == 0)
    }
}
