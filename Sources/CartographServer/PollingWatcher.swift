import Foundation

// On Linux the `stat` type can be found first through Dispatch's C module, which then has
// to be imported for its members to be visible (MemberImportVisibility), depending on the
// order the compiler met the modules in.
#if canImport(CDispatch)
    import CDispatch
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Watches folders by listing them every quarter second and comparing each entry's
/// modification time, size and inode: for systems (or containers) without inotify.
final class PollingWatcher: FileWatcher, Sendable {
    let mechanism = "polling"

    /// What identifies one version of a file.
    struct Fingerprint: Hashable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    private struct State {
        /// Per folder, the fingerprint of each entry by name.
        var folders: [String: [String: Fingerprint]] = [:]
        var stopped = false
    }

    private let state = Locked(State())
    private let onChange: @Sendable (String) -> Void
    private let interval: TimeInterval

    init(interval: TimeInterval = 0.25, onChange: @escaping @Sendable (String) -> Void) {
        self.interval = interval
        self.onChange = onChange
        let thread = Thread { [self] in pollLoop() }
        thread.name = "cartograph-poll"
        thread.start()
    }

    @discardableResult func watch(_ directories: [String]) -> [String] {
        // New folders get a baseline now; known ones keep theirs, so nothing between two
        // scans is missed.
        let known = state.withLock { state in Set(state.folders.keys) }
        let added = directories.filter { !known.contains($0) }
        let baselines = added.map { ($0, Self.scan($0)) }
        state.withLock { state in
            guard !state.stopped else { return }
            let wanted = Set(directories)
            state.folders = state.folders.filter { wanted.contains($0.key) }
            for (folder, entries) in baselines { state.folders[folder] = entries }
        }
        return added
    }

    func stop() {
        state.withLock { $0.stopped = true }
    }

    private func pollLoop() {
        while !state.withLock({ $0.stopped }) {
            Thread.sleep(forTimeInterval: interval)
            let folders = state.withLock { Array($0.folders.keys) }
            for folder in folders {
                let entries = Self.scan(folder)
                let changed: [String] = state.withLock { state in
                    guard let old = state.folders[folder], !state.stopped else { return [] }
                    state.folders[folder] = entries
                    var names: [String] = []
                    for (name, print) in entries where old[name] != print { names.append(name) }
                    for name in old.keys where entries[name] == nil { names.append(name) }
                    return names
                }
                for name in changed.sorted() where !FileWatchers.isNoise(Substring(name)) {
                    onChange(folder + "/" + name)
                }
            }
        }
    }

    /// The fingerprints of a folder's entries; empty when it cannot be read.
    static func scan(_ folder: String) -> [String: Fingerprint] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        var out: [String: Fingerprint] = [:]
        for name in names {
            var info = stat()
            guard stat(folder + "/" + name, &info) == 0 else { continue }
            #if canImport(Darwin)
                let time = info.st_mtimespec
            #else
                let time = info.st_mtim
            #endif
            out[name] = Fingerprint(
                seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int64(info.st_size), inode: UInt64(info.st_ino))
        }
        return out
    }
}
