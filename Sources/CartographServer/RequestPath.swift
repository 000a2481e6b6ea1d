package import CartographInput
package import CartographKit
package import CartographModel
package import CartographRender

/// A request target checked and reduced to a path inside the site.
///
/// The site lives in memory, so nothing here can reach the disk; still, a target that tries to
/// leave the site (`..`, `%2e%2e`, an encoded `/` or `\`, NUL, control characters, `//`) is
/// refused outright rather than normalised, so no alias of a page exists.
struct RequestPath: Hashable, Sendable {
    /// Decoded path segments, none empty, none `.` or `..`.
    var segments: [String]
    /// The target ended in `/` (or was `/`): it names a folder.
    var isFolder: Bool
    /// The query string, without `?`, kept for redirects.
    var query: String?

    /// Why a target was refused (the text of the 400 response).
    struct Rejection: Error, Hashable, Sendable {
        var reason: String
    }

    /// The site-relative file path (`apps/web/index.html`); for a folder, its `index.html`.
    var filePath: String {
        isFolder ? (segments + ["index.html"]).joined(separator: "/") : segments.joined(separator: "/")
    }

    /// The site-relative folder path this target would be as a folder (`apps/web`).
    var folderPath: String { segments.joined(separator: "/") }

    /// The URL path of the same target as a folder, for the redirect `/apps/x` → `/apps/x/`.
    var folderURL: String {
        "/" + segments.map(Self.percentEncoded).map { $0 + "/" }.joined() + (query.map { "?" + $0 } ?? "")
    }

    /// Parses an origin-form request target (`/apps/web/?x=1`).
    static func parse(_ target: String) -> Result<RequestPath, Rejection> {
        var raw = Substring(target)
        if let hash = raw.firstIndex(of: "#") { raw = raw[..<hash] }
        var query: String?
        if let mark = raw.firstIndex(of: "?") {
            let text = raw[raw.index(after: mark)...]
            // Kept only when it can go back into a Location header untouched.
            query = text.utf8.allSatisfy { (0x21...0x7E).contains($0) } ? String(text) : nil
            raw = raw[..<mark]
        }
        guard raw.first == "/" else { return .failure(Rejection(reason: "the request target must be a path starting with /")) }
        var parts = raw.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var isFolder = false
        if parts.last?.isEmpty == true {
            isFolder = true
            parts = parts.dropLast()
        }
        if parts.isEmpty { isFolder = true }
        var segments: [String] = []
        for part in parts {
            switch decode(part) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let segment): segments.append(segment)
            }
        }
        return .success(RequestPath(segments: segments, isFolder: isFolder, query: query))
    }

    /// Percent-decodes one segment and checks it names something inside its folder.
    private static func decode(_ part: Substring) -> Result<String, Rejection> {
        if part.isEmpty { return .failure(Rejection(reason: "empty path segment (//)")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        var iterator = part.utf8.makeIterator()
        while let byte = iterator.next() {
            var decoded = byte
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return .failure(Rejection(reason: "malformed percent-encoding"))
                }
                decoded = high << 4 | low
            }
            if decoded < 0x20 || decoded == 0x7F {
                return .failure(Rejection(reason: "control character or NUL in the path"))
            }
            if decoded == UInt8(ascii: "/") || decoded == UInt8(ascii: "\\") {
                return .failure(Rejection(reason: "encoded slash or backslash in the path"))
            }
            bytes.append(decoded)
        }
        let segment = String(decoding: bytes, as: UTF8.self)
        guard segment.utf8.elementsEqual(bytes) else {
            return .failure(Rejection(reason: "the path is not valid UTF-8"))
        }
        if segment == "." || segment == ".." {
            return .failure(Rejection(reason: "'.' and '..' are not allowed in the path"))
        }
        return .success(segment)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Encodes a decoded segment for a `Location` header: unreserved characters stay as they are.
    static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte, radix: 16, uppercase: true)
                out += "%" + (digits.count == 1 ? "0" : "") + digits
            }
        }
        return out
    }
}
