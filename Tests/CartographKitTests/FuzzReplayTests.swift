import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@_spi(Fuzzing) @testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Every crash, hang and broken invariant the fuzzer found (`make fuzz`), kept as a fixture
/// and replayed through the same ``FuzzTarget/run(_:)`` the fuzzer ran, each in its own
/// process: a finding that crashes again fails its case, not the whole run. Findings listed
/// in `known-open.txt` are expected to fail until their fix lands; a fixed one still listed
/// fails too, so the list stays true.
@Suite("Fuzz findings")
struct FuzzReplayTests {
    @Test("a kept finding replays without a crash, in bounded time and memory", arguments: FuzzFinding.all())
    func replay(_ finding: FuzzFinding) async {
        if let reason = finding.openBecause {
            await withKnownIssue("open finding: \(reason)") { await Self.replayInChild(finding) }
        } else {
            await Self.replayInChild(finding)
        }
    }

    static func replayInChild(_ finding: FuzzFinding) async {
        let target = finding.target
        let path = FuzzFinding.folder.appending(path: finding.file).path
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            [target = target as FuzzTarget, path = path as String] in
            FuzzReplay.run(target, file: path)
        }
        if let result, result.exitStatus != .exitCode(0) {
            let stderr = String(decoding: result.standardErrorContent.suffix(2000), as: UTF8.self)
            Issue.record("\(finding.file) ended with \(result.exitStatus):\n\(stderr)")
        }
    }

    @Test func theWatchdogStopsAHang() async {
        await #expect(processExitsWith: .exitCode(FuzzReplay.exitSlow)) {
            FuzzReplay.watch(cpuLimit: 0.1) {
                var spin = 0
                while spin >= 0 { spin &+= 1 }
            }
        }
    }

    @Test func everyKnownOpenEntryNamesAKeptFinding() {
        let kept = Set(FuzzFinding.all().map(\.file))
        for path in FuzzFinding.knownOpen().keys.sorted() {
            #expect(kept.contains(path), "known-open.txt lists \(path), which is not a fixture")
        }
    }
}
