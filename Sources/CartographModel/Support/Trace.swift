import Foundation

/// Stage timings for profiling a build: with `CARTOGRAPH_TRACE` set in the environment,
/// each mark prints the milliseconds since the process started its first mark to stderr.
/// Off, a mark costs one check of a constant.
package enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["CARTOGRAPH_TRACE"] != nil
    static let start = ContinuousClock.now

    package static func mark(_ label: String) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        FileHandle.standardError.write(Data("trace \(String(format: "%7.1f", ms)) ms  \(label)\n".utf8))
    }
}
