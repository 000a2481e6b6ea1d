internal import CSystemCalls
package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// The renames the site swap needs beyond rename(2), through the one C shim that reaches
/// renameat2(2). The only file that imports `CSystemCalls`.
enum FileSwap {
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { String(cString: strerror(code)) }

        /// The file system or platform cannot do this rename at all (not: it failed).
        var isUnsupported: Bool { code == ENOSYS || code == EINVAL || code == ENOTSUP }
    }

    /// Exchanges two existing paths in one atomic step: whoever looks sees one or the other,
    /// never neither.
    static func exchange(_ a: URL, _ b: URL) throws(Failure) {
        if cartograph_rename_exchange(a.path, b.path) != 0 { throw Failure(code: errno) }
    }

    /// Renames `from` to `to`, failing (EEXIST) rather than replacing anything at `to`.
    static func move(_ from: URL, toNew to: URL) throws(Failure) {
        if cartograph_rename_noreplace(from.path, to.path) != 0 { throw Failure(code: errno) }
    }
}
