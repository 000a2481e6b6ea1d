import CartographInput
import CartographKit
import CartographModel
import CartographRender

/// A 64-bit FNV-1a digest: fast enough to hash every output of every rebuild, stable across
/// runs (unlike `Hasher`), and only used to tell versions of a file apart, never for security.
enum ContentHash {
    private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The digest of `bytes` as 16 lowercase hex digits.
    static func hex(_ bytes: [UInt8]) -> String {
        let value = digest(bytes)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func digest(_ bytes: [UInt8]) -> UInt64 {
        var hash = offset
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* prime
            }
        }
        return hash
    }
}
