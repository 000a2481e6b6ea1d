import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

#if canImport(Glibc)
    import Glibc
#endif

/// The first of these names found on PATH.
func executableOnPath(_ names: [String]) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    for name in names {
        for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
    }
    return nil
}

let chromiumPath = executableOnPath(["chromium"])
let python3Path = executableOnPath(["python3"])
let browserSkipReason: Comment? = {
    if chromiumPath == nil {
        print("BrowserTests skipped: chromium is not on PATH (apt-get install -y chromium)")
        return "chromium is not on PATH (apt-get install -y chromium)"
    }
    if python3Path == nil {
        print("BrowserTests skipped: python3 is not on PATH")
        return "python3 is not on PATH"
    }
    return nil
}()

/// Headless Chromium, driven through `scripts/cdp.py` (the DevTools protocol over a
/// standard-library WebSocket client), one JSON command per line.
final class BrowserDriver {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    init() throws {
        process.executableURL = URL(filePath: python3Path ?? "/usr/bin/python3")
        process.arguments = [repositoryRoot.appending(path: "scripts/cdp.py").path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let ready = try readLine()
        guard ready == "ready" else { throw ProbeError("the browser did not start: \(ready)") }
    }

    private func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { throw ProbeError("the browser driver exited") }
            buffer += data
        }
    }

    private func command(_ payload: [String: String]) throws -> Any? {
        let line = try JSONSerialization.data(withJSONObject: payload) + Data([10])
        try input.fileHandleForWriting.write(contentsOf: line)
        let answer = try readLine()
        guard let reply = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any] else {
            throw ProbeError("bad answer \(answer)")
        }
        guard reply["ok"] as? Bool == true else { throw ProbeError("browser: \(reply["error"] ?? answer)") }
        return reply["value"]
    }

    func open(_ url: String) throws { _ = try command(["cmd": "open", "url": url]) }

    func evaluate(_ expression: String) throws -> Any? { try command(["cmd": "eval", "expr": expression]) }

    func text() throws -> String { try evaluate("document.body ? document.body.innerText : ''") as? String ?? "" }

    func quit() {
        _ = try? command(["cmd": "quit"])
        try? input.fileHandleForWriting.close()
        if !waitUntil(timeout: .seconds(10), { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

extension ProcessTests {
    @Suite("In a real browser", .enabled(if: browserSkipReason == nil, browserSkipReason ?? ""))
    struct BrowserTests {
        static let note = "Likely needs restart (per completion report)"

        @Test func thePageReloadsItselfShowsErrorsAndCatchesUpAfterARestart() async throws {
            let folder = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: folder) }
            var server = try ServeProcess(["serve", "--port", "0", "-C", folder.path])
            defer { server.stop(signal: SIGKILL) }
            let port = try await server.port()
            let browser = try BrowserDriver()
            defer { browser.quit() }

            try browser.open("http://127.0.0.1:\(port)/")
            let live = try await eventually(timeout: .seconds(15), every: .milliseconds(50)) {
                try browser.evaluate("window.cartographLiveReload && window.cartographLiveReload.connected") as? Bool == true
            }
            #expect(live != nil, "the page did not connect to the event stream")
            #expect(try browser.text().contains(Self.note))

            // Saving a status change reloads the page with the new text.
            let marker = "window.cartographTestMarker = 1"
            _ = try browser.evaluate(marker)
            let status = folder.appending(path: "content/status.yaml")
            let statusText = try String(contentsOf: status, encoding: .utf8)
            let newNote = "Restarted at \(UUID().uuidString.prefix(8))"
            try save(statusText.replacingOccurrences(of: Self.note, with: newNote), to: status)
            let reloaded = try await eventually(timeout: .seconds(5)) {
                try browser.evaluate("window.cartographTestMarker === undefined") as? Bool == true
                    && browser.text().contains(newNote)
            }
            #expect(reloaded != nil, "the page did not reload with the new note")
            if let reloaded { print("browser: save → reloaded page with the new note in \(reloaded)") }

            // A broken spec: the page reloads into the overlay, with the error's location.
            _ = try browser.evaluate(marker)
            let spec = folder.appending(path: "content/apps/pulse-hub-web.yaml")
            let specText = try String(contentsOf: spec, encoding: .utf8)
            try save(specText.replacingOccurrences(of: "region: sgp\n", with: "region: [sgp\n"), to: spec)
            let overlay = try await eventually(timeout: .seconds(5)) {
                try browser.text().contains("content/apps/pulse-hub-web.yaml:5:9: error: YAML syntax error")
            }
            #expect(overlay != nil, "no overlay in the page")
            #expect(try browser.evaluate("window.cartographTestMarker === undefined") as? Bool == true, "it reloaded")
            let position = try browser.evaluate("getComputedStyle(document.getElementById('cartograph-overlay')).position")
            #expect(position as? String == "fixed")
            #expect(try browser.text().contains(newNote), "the last good page is under the overlay")

            // Fixed: the overlay goes away by itself.
            try save(specText, to: spec)
            let cleared = try await eventually(timeout: .seconds(5)) {
                try browser.evaluate("document.getElementById('cartograph-overlay') === null") as? Bool == true
            }
            #expect(cleared != nil)

            // The server restarts (with a change made while it was down): the page reconnects and catches up.
            _ = try browser.evaluate(marker)
            #expect(server.stop() == 0)
            try save(statusText.replacingOccurrences(of: Self.note, with: "Changed while down"), to: status)
            server = try ServeProcess(["serve", "--port", String(port), "-C", folder.path])
            #expect(try await server.port() == port)
            let caughtUp = try await eventually(timeout: .seconds(10)) {
                try browser.evaluate("window.cartographTestMarker === undefined") as? Bool == true
                    && browser.text().contains("Changed while down")
            }
            #expect(caughtUp != nil, "the page did not reload after the restart")
            if let caughtUp { print("browser: restart → reloaded page in \(caughtUp) after the new server was up") }
        }
    }
}
