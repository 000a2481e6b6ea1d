import CartographInput
import CartographKit
import CartographModel
import CartographRender

/// Reports changes in a set of folders, from a background thread. `serve` watches folders,
/// not files: see ``WatchPlan``.
package protocol FileWatcher: AnyObject, Sendable {
    /// How it watches, for the terminal: "inotify" or "polling".
    var mechanism: String { get }
    /// Watches exactly these folders from now on; returns the ones newly added.
    @discardableResult func watch(_ directories: [String]) -> [String]
    /// Stops watching; no change is reported afterwards.
    func stop()
}

/// Picks a watcher for this system.
enum FileWatchers {
    /// inotify where the system has it, polling otherwise (or when `polling` asks for it).
    /// - Parameter onChange: called, from a background thread, with the path of each change.
    package static func make(polling: Bool = false, onChange: @escaping @Sendable (String) -> Void) -> any FileWatcher {
        #if canImport(Glibc)
            if !polling, let watcher = InotifyWatcher(onChange: onChange) { return watcher }
        #endif
        return PollingWatcher(onChange: onChange)
    }

    /// Files editors write beside the one being saved: swap files, backups, lock files, vim's
    /// write test and Foundation's atomic-write temporaries. A change to one of them alone
    /// is not a save (the rename that ends a save is reported under the real name).
    static func isNoise(_ name: Substring) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swo")
            || name.hasPrefix(".#") || name == "4913" || name.hasSuffix(".tmp") || name.hasPrefix(".goutputstream-")
            || name.hasPrefix(".dat.nosync")
    }
}
