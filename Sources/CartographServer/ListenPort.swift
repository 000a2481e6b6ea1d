import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// The port `serve` listens on. The default one, when busy (another preview still
/// running), gives way to the next free one, as Hugo's does; a port asked for with `--port`
/// is the user's choice and is not changed behind their back.
package enum ListenPort {
    /// How many ports after the default one are tried.
    package static let attempts = 20

    /// Whether a server could listen on `port` of `host` now. A host that does not
    /// resolve counts as free: the server then says what is wrong with it.
    package static func isFree(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(bare, String(port), &hints, &found) == 0, let first = found else { return true }
        defer { freeaddrinfo(found) }
        // The first address, as the server binds; with SO_REUSEADDR, as the server sets, so
        // that only a listening socket (not one in TIME_WAIT) counts as busy.
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        return bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 || errno != EADDRINUSE
    }

    /// The first free port after `port`, among the next ``attempts``; nil when all are busy.
    package static func nextFree(host: String, after port: Int) -> Int? {
        (port + 1...min(port + attempts, 65535)).first { isFree(host: host, port: $0) }
    }

    /// An error from starting the server in the system's words (`Address already in use`),
    /// not the call that failed and its errno.
    package static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return "\(error)"
    }
}
