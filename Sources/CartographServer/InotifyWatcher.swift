import CartographInput
import CartographKit
import CartographModel
import CartographRender

#if canImport(Glibc)
    import Glibc
    import Foundation

    /// Watches folders with Linux inotify: one watch per folder, events read on a thread of
    /// its own that polls the descriptor so `stop()` takes effect within a fifth of a second.
    final class InotifyWatcher: FileWatcher, Sendable {
        let mechanism = "inotify"

        private struct State {
            var pathByWatch: [Int32: String] = [:]
            var watchByPath: [String: Int32] = [:]
            var stopped = false
        }

        private let descriptor: Int32
        private let state = Locked(State())
        private let onChange: @Sendable (String) -> Void
        private static let mask: UInt32 =
            UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_ATTRIB) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)

        /// nil when the system refuses an inotify instance (then `serve` polls).
        init?(onChange: @escaping @Sendable (String) -> Void) {
            let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            descriptor = fd
            self.onChange = onChange
            let thread = Thread { [self] in readLoop() }
            thread.name = "cartograph-inotify"
            thread.start()
        }

        @discardableResult func watch(_ directories: [String]) -> [String] {
            state.withLock { state in
                guard !state.stopped else { return [] }
                var added: [String] = []
                let wanted = Set(directories)
                for path in directories where state.watchByPath[path] == nil {
                    let wd = inotify_add_watch(descriptor, path, Self.mask)
                    guard wd >= 0 else { continue }
                    state.watchByPath[path] = wd
                    state.pathByWatch[wd] = path
                    added.append(path)
                }
                for (path, wd) in state.watchByPath where !wanted.contains(path) {
                    inotify_rm_watch(descriptor, wd)
                    state.watchByPath[path] = nil
                    state.pathByWatch[wd] = nil
                }
                return added
            }
        }

        func stop() {
            state.withLock { $0.stopped = true }
        }

        private func readLoop() {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while !state.withLock({ $0.stopped }) {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, 200)
                guard ready > 0 else { continue }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { continue }
                for path in parse(buffer, count: count) where !state.withLock({ $0.stopped }) {
                    onChange(path)
                }
            }
            close(descriptor)
        }

        /// The changed paths in a buffer of `struct inotify_event`s.
        private func parse(_ buffer: [UInt8], count: Int) -> [String] {
            var paths: [String] = []
            var offset = 0
            let header = 16  // wd, mask, cookie, len: four 32-bit fields
            buffer.withUnsafeBytes { raw in
                while offset + header <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                    offset += header + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        paths.append("")
                        continue
                    }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    let folder: String? = state.withLock { state in
                        let folder = state.pathByWatch[wd]
                        if mask & UInt32(IN_IGNORED) != 0, let folder {
                            // The folder is gone; the next plan watches it again if it comes back.
                            state.pathByWatch[wd] = nil
                            state.watchByPath[folder] = nil
                        }
                        return folder
                    }
                    guard let folder, !FileWatchers.isNoise(Substring(name)) else { continue }
                    paths.append(name.isEmpty ? folder : folder + "/" + name)
                }
            }
            return paths
        }
    }
#endif
