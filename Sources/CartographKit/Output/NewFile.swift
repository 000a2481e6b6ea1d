import Foundation

/// Creates a file that must not exist yet and writes its bytes, with one open, the writes
/// and one close.
///
/// `Data.write(to:)` also calls fsync(2) on every file: a build of 1,000 apps writes 2,000
/// files and spent most of its wall time waiting on the disk for them. Nothing here needs
/// the bytes on the platter before the swap: what a build guarantees is that a process
/// killed at any moment leaves the old site or the new one, which the rename gives; the
/// page cache holds what a reader sees either way.
enum NewFile {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot write '\(path)': \(String(cString: strerror(code)))" }
    }

    /// Writes `bytes` to a new file at `path` (mode 0666 less the umask, as `Data` would).
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        try write(bytes, to: path, in: AT_FDCWD, named: path)
    }

    /// Writes `bytes` to a new file at `path` relative to the open folder `folder`; a
    /// failure names the file `named`. A site's 2,000 files are opened this way from the
    /// staging folder, so the kernel does not walk its whole path again for each.
    static func write(_ bytes: [UInt8], to path: String, in folder: Int32, named: @autoclosure () -> String) throws(Failure) {
        let descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(path: named(), code: errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == 0, errno != EINTR { failure = errno }
        if failure != 0 {
            _ = unlinkat(folder, path, 0)
            throw Failure(path: named(), code: failure)
        }
    }
}
