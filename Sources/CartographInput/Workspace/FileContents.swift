import Foundation

/// A file's bytes by its path, read with open(2) and read(2): `Data(contentsOf:)` wants a
/// URL, and making one for each of 1,000 specs cost more than reading them. Nil on any
/// failure, for the caller to read it again the usual way and report what that says.
enum FileContents {
    /// - Parameter statedSize: the size a stat(2) of the path gave just before, if the caller
    ///   made one: the buffer's size, in place of an fstat(2) of the file opened.
    static func bytes(atPath path: String, statedSize: Int? = nil) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var size = statedSize ?? 0
        if statedSize == nil {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { return nil }
            size = Int(status.st_size)
        }
        // One byte more than the stated size, so that the read meeting the end is the second.
        var data = Data(count: max(0, size) + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(4096, data.count) }
            let count = data.withUnsafeMutableBytes { raw -> Int in
                guard let start = raw.baseAddress else { return -1 }
                return read(descriptor, start + filled, raw.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }
}
