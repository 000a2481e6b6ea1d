import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run of the `cartograph` binary with the peak memory and wall time of that process
/// alone (`wait4`'s resource usage, which `Process` does not expose).
struct MeasuredRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Peak resident memory of the child, in kilobytes.
    var peakKilobytes: Int
    var seconds: Double

    var peakMegabytes: Double { Double(peakKilobytes) / 1024 }
}

enum MeasuredRunError: Error { case spawn(Int32), wait(Int32) }

/// Runs the binary with `arguments` (give it `-C folder`), its output in files, no colour.
func runMeasured(_ arguments: [String]) throws -> MeasuredRun {
    let scratch = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appending(path: "stdout").path
    let errPath = scratch.appending(path: "stderr").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let argv = ([cartographBinary.path] + arguments).map { strdup($0) } + [nil]
    let environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for pointer in argv + envp { free(pointer) }
    }
    let start = ContinuousClock.now
    var pid = pid_t()
    let spawned = posix_spawn(&pid, cartographBinary.path, &actions, nil, argv, envp)
    guard spawned == 0 else { throw MeasuredRunError.spawn(spawned) }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { throw MeasuredRunError.wait(errno) }
    let elapsed = ContinuousClock.now - start
    // The wait status: the exit code in the second byte, or a signal in the low seven bits.
    let signal = status & 0x7F
    let exitCode = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    #if os(Linux)
        let peak = usage.ru_maxrss
    #else
        let peak = usage.ru_maxrss / 1024
    #endif
    return MeasuredRun(
        status: exitCode, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", peakKilobytes: peak,
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
