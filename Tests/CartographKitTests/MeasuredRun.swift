import CartographTestSupport
import Foundation
import Testing

/// One run of the `cartograph` binary with the peak memory and wall time of that process.
///
/// Measured by `/usr/bin/time` (Debian package `time`), not by waiting on the child here:
/// on Linux a process started from this one (a test runner of a few hundred megabytes)
/// starts with this one's peak as its own, through exec, so only a child of a small
/// process reports its own peak.
struct MeasuredRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Peak resident memory of the child, in kilobytes.
    var peakKilobytes: Int
    var seconds: Double

    var peakMegabytes: Double { Double(peakKilobytes) / 1024 }

    static let timeTool = "/usr/bin/time"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: timeTool) }
}

/// Runs the binary with `arguments` (give it `-C folder`), its output in files, no colour.
func runMeasured(_ arguments: [String]) throws -> MeasuredRun {
    let scratch = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appending(path: "stdout")
    let err = scratch.appending(path: "stderr")
    let metrics = scratch.appending(path: "metrics")
    for file in [out, err] { FileManager.default.createFile(atPath: file.path, contents: nil) }

    let process = Process()
    process.executableURL = URL(filePath: MeasuredRun.timeTool)
    process.arguments = ["-f", "%M", "-o", metrics.path, cartographBinary.path] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    defer {
        try? outHandle.close()
        try? errHandle.close()
    }
    process.standardOutput = outHandle
    process.standardError = errHandle
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    process.waitUntilExit()
    let elapsed = clock.now - start
    // time writes "Command exited with non-zero status N" before the figure.
    let figures = (try? String(contentsOf: metrics, encoding: .utf8)) ?? ""
    let peak = figures.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Int.max
    return MeasuredRun(
        status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", peakKilobytes: peak,
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Every file under `folder` with its bytes, by relative path: compared before and after a
/// run to prove it wrote nothing.
func snapshot(of folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return out }
    for case let url as URL in enumerator {
        let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        out[path] = isFolder.boolValue ? Data("<folder>".utf8) : (try? Data(contentsOf: url)) ?? Data()
    }
    return out
}

/// Writes `files` (relative path → text) into a new scratch folder.
func project(_ files: [String: String]) throws -> URL {
    let folder = try temporaryFolder()
    for (path, text) in files {
        let url = folder.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return folder
}
