import CartographInput
import CartographKit
import CartographModel
import CartographRender
import CartographTestSupport
import Foundation
import Hummingbird
import Testing

@testable import CartographServer

/// The preview's pages and error overlay never show an env value: the example's env values
/// become canaries, then one spec is broken around its values save after save.
@Suite("Preview canaries")
struct PreviewCanaryTests {
    /// Everything a browser can get from a build: every served file, the 404 page (which
    /// carries the overlay when nothing else is served) and the terminal's copy.
    static func leaks(in result: PreviewBuilder.Result) -> [String] {
        var text = result.terminalText + String(buffer: result.snapshot.notFound.body)
        for path in result.snapshot.paths { text += served(result.snapshot, path) ?? "" }
        return Canary.leaks(in: text)
    }

    /// A copy of the example whose every env value is a canary.
    static func canariedExample() throws -> (folder: URL, specs: [URL: Canary.Canaried]) {
        let folder = try copyOfExample()
        var specs: [URL: Canary.Canaried] = [:]
        let apps = folder.appending(path: "content/apps")
        var number = 1
        for name in try FileManager.default.contentsOfDirectory(atPath: apps.path).sorted() where name.hasSuffix(".yaml") {
            let url = apps.appending(path: name)
            let canaried = try #require(Canary.replacingEnvValues(in: try String(contentsOf: url, encoding: .utf8), first: number))
            number += canaried.canaries.count
            try save(canaried.text, to: url)
            specs[url] = canaried
        }
        #expect(number > 1, "the example has env values to replace")
        return (folder, specs)
    }

    @Test func malformedVariantsNeverReachAPageOrTheOverlay() throws {
        let (folder, specs) = try Self.canariedExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = PreviewBuilder(root: folder)
        var previous = builder.build()
        #expect(previous.errors == 0, "\(previous.terminalText)")
        #expect(Self.leaks(in: previous).isEmpty)
        var broken = 0
        for (url, canaried) in specs.sorted(by: { $0.key.path < $1.key.path }) where !canaried.sites.isEmpty {
            for variant in MalformedVariants.sample(of: canaried, seed: 9, count: 30) {
                try save(variant.text, to: url)
                let result = builder.build(after: previous)
                let leaks = Self.leaks(in: result)
                #expect(leaks.isEmpty, "\(url.lastPathComponent) \(variant.name): served \(leaks)")
                if result.errors > 0 { broken += 1 }
                previous = result
            }
            try save(canaried.text, to: url)
        }
        #expect(broken > 20, "the variants break the build, so the overlay is up")
    }

    @Test(arguments: LeakExample.issueExamples + LeakExample.messageExamples + LeakExample.relatedExamples)
    func theIssueExamplesInTheOverlay(_ example: LeakExample) throws {
        let (folder, _) = try Self.canariedExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = PreviewBuilder(root: folder)
        let good = builder.build()
        let spec = example.spec.replacingOccurrences(of: "name: shop\n", with: "name: canary-shop\n")
        try save(spec, to: folder.appending(path: "content/apps/app.yaml"))
        let result = builder.build(after: good)
        #expect(result.errors > 0)
        #expect(result.snapshot.hasErrors)
        let overlay = served(result.snapshot, "index.html") ?? ""
        let expected = example.expected.replacingOccurrences(of: "app.yaml:", with: "content/apps/app.yaml:")
            .replacingOccurrences(of: "'", with: "&#39;")
        #expect(overlay.contains(expected.split(separator: "\n")[0]), "\(overlay)")
        #expect(Self.leaks(in: result).isEmpty)
    }
}
