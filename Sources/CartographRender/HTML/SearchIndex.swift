import CartographModel
import Foundation

/// What the site's search looks through: apps with their components, env keys (never
/// values), domains and routes, and pages with their headings and text. Written as one
/// script (`window.cartographSearch = …`) so that it loads from `file://`.
struct SearchIndex: Sendable, Equatable {
    struct AppEntry: Sendable, Equatable {
        var name: String
        var slug: String
        var health: Health
        var components: [String]
        var envKeys: [String]
        var domains: [String]
        var routes: [String]
    }

    struct PageEntry: Sendable, Equatable {
        var title: String
        var slug: String
        var headings: [HTMLOutline.Heading]
        /// The page's words, each once, cut at ``pageTextLimit`` characters.
        var text: String
    }

    /// Enough of a page's text to find it by what it is about, with the index at 1,000 apps
    /// and 1,000 pages well under 1.5 MB.
    static let pageTextLimit = 360

    /// The anchors on an app's page that the kinds of terms point to.
    static let appAnchors = (components: "components", envKeys: "environment-variables", domains: "domains", routes: "routes")

    var apps: [AppEntry]
    var pages: [PageEntry]

    init(apps: [AppEntry], pages: [PageEntry]) {
        self.apps = apps
        self.pages = pages
    }

    /// What the index keeps of an app: app-wide keys then each component's, as the model
    /// decides them (keys only), its domains and routes.
    static func entry(_ app: MapPresentation.AppEntry) -> AppEntry {
        let keys = app.envKeys.map(\.key)
        var domains = app.domains.compactMap(\.name)
        if let url = app.url, let host = Self.host(of: url) { domains.append(host) }
        return AppEntry(
            name: app.name, slug: app.slug, health: app.health, components: Self.unique(app.components.map(\.name)),
            envKeys: Self.unique(keys), domains: Self.unique(domains), routes: Self.unique(app.routes.map(\.path)))
    }

    /// The words of `text` not already in `known`, each once (case-insensitively), in order,
    /// up to ``pageTextLimit`` characters.
    static func trimmedText(_ text: String, known: [String]) -> String {
        // ASCII without CR (CR LF is one Character): a word's bytes are its Characters; and
        // known words all ASCII, which only equal words of the same bytes (split at the
        // space byte, which is the split at the Character for ASCII).
        let trimmed = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\r") }) else { return nil }
            var set = ASCIIWordSet(capacity: 64)
            for words in known {
                let added = words.lowercased().utf8.withContiguousStorageIfAvailable { words -> Bool in
                    guard !words.contains(where: { $0 >= 0x80 }) else { return false }
                    for word in words.split(separator: UInt8(ascii: " ")) { _ = set.insert(UnsafeBufferPointer(rebasing: word)) }
                    return true
                }
                guard added == true else { return nil }
            }
            return trimmedASCII(bytes, seen: &set)
        }
        return (trimmed ?? nil)
            ?? trimmedTextOfCharacters(text, seen: Set(known.flatMap { $0.lowercased().split(separator: " ").map(String.init) }))
    }

    /// ``trimmedText(_:known:)`` of ASCII, a word at a time up to the limit: a page's text
    /// is read only as far as the words it keeps.
    private static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>, seen: inout ASCIIWordSet) -> String {
        let space = UInt8(ascii: " ")
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, pageTextLimit))
        // The word lowercased, in a buffer every word reuses.
        var key: [UInt8] = []
        key.reserveCapacity(64)
        var length = 0
        var start = 0
        while start < bytes.count {
            guard bytes[start] != space else {
                start += 1
                continue
            }
            var end = start + 1
            while end < bytes.count, bytes[end] != space { end += 1 }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end
            key.removeAll(keepingCapacity: true)
            for byte in word { key.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) }
            guard key.withUnsafeBufferPointer({ seen.insert($0) }) else { continue }
            length += word.count + 1
            if length > pageTextLimit { break }
            if !out.isEmpty { out.append(space) }
            out.append(contentsOf: word)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``trimmedText(_:known:)`` by Characters, for any text.
    static func trimmedTextOfCharacters(_ text: String, seen: Set<String>) -> String {
        var seen = seen
        var out = ""
        var length = 0
        for word in text.split(separator: " ") {
            let key = word.lowercased()
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            length += word.count + 1
            if length > pageTextLimit { break }
            if !out.isEmpty { out += " " }
            out += word
        }
        return out
    }

    /// `https://app.example.org:8443/x` → `app.example.org`.
    static func host(of url: String) -> String? {
        // On the UTF-8 of an ASCII URL (nearly all), where each byte is a Character and
        // `://` is found where the search by Characters finds it.
        let found = url.utf8.withContiguousStorageIfAvailable { bytes -> (ascii: Bool, host: String?) in
            bytes.contains(where: { $0 >= 0x80 }) ? (false, nil) : (true, asciiHost(bytes))
        }
        if let found, found.ascii { return found.host }
        return hostByCharacters(of: url)
    }

    private static func asciiHost(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        while start + 3 <= bytes.count,
            !(bytes[start] == UInt8(ascii: ":") && bytes[start + 1] == UInt8(ascii: "/") && bytes[start + 2] == UInt8(ascii: "/"))
        {
            start += 1
        }
        guard start + 3 <= bytes.count else { return nil }
        start += 3
        var end = start
        while end < bytes.count, !"/:?#".utf8.contains(bytes[end]) { end += 1 }
        return end == start ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// ``host(of:)`` by Characters: the definition the byte pass keeps to.
    static func hostByCharacters(of url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let host = url[range.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : String(host)
    }

    /// `values` without repeats, first kept: an app has a handful of each, compared one by
    /// one rather than hashed into a set made for each list.
    static func unique(_ values: [String]) -> [String] {
        guard values.count > 16 else {
            var kept: [String] = []
            kept.reserveCapacity(values.count)
            for index in values.indices where !kept.contains(values[index]) { kept.append(values[index]) }
            return kept
        }
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// The script: apps as `[name, slug, status, components, env keys, domains, routes]`,
    /// pages as `[title, slug, [[heading, id], …], text]`. Arrays rather than objects keep
    /// it small: at 1,000 apps the keys alone would be a fifth of it.
    func javaScript() -> String {
        String(decoding: javaScriptBytes(), as: UTF8.self)
    }

    /// ``javaScript()`` as the bytes the site writes: made as bytes, and valid UTF-8 (JSON
    /// of Strings), it needs no String to be checked into and copied out of.
    func javaScriptBytes() -> [UInt8] {
        var out = Array("window.cartographSearch = {\"apps\": [\n".utf8)
        Self.rows(apps, into: &out) { app, row in
            row.append(UInt8(ascii: "["))
            for value in [app.name, app.slug, app.health.rawValue] {
                Self.json(value, into: &row)
                row.append(UInt8(ascii: ","))
            }
            for (index, values) in [app.components, app.envKeys, app.domains, app.routes].enumerated() {
                if index > 0 { row.append(UInt8(ascii: ",")) }
                Self.jsonArray(values, into: &row)
            }
            row.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "\n], \"pages\": [\n".utf8)
        Self.rows(pages, into: &out) { page, row in
            row.append(UInt8(ascii: "["))
            Self.json(page.title, into: &row)
            row.append(UInt8(ascii: ","))
            Self.json(page.slug, into: &row)
            row.append(contentsOf: ",[".utf8)
            for (index, heading) in page.headings.enumerated() {
                row.append(contentsOf: index > 0 ? ",[".utf8 : "[".utf8)
                Self.json(heading.text, into: &row)
                row.append(UInt8(ascii: ","))
                Self.json(heading.id, into: &row)
                row.append(UInt8(ascii: "]"))
            }
            row.append(contentsOf: "],".utf8)
            Self.json(page.text, into: &row)
            row.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "\n]};\n".utf8)
        return out
    }

    /// `entries` written by `write`, one a line, separated by commas: in runs on every core.
    private static func rows<Entry: Sendable>(
        _ entries: [Entry], into out: inout [UInt8], _ write: @escaping @Sendable (Entry, inout [UInt8]) -> Void
    ) {
        let run = 128
        let runs = Parallel.map(Array(stride(from: 0, to: entries.count, by: run))) { start in
            var bytes: [UInt8] = []
            for index in start..<min(start + run, entries.count) {
                if index > 0 { bytes.append(contentsOf: ",\n".utf8) }
                write(entries[index], &bytes)
            }
            return bytes
        }
        for bytes in runs { out.append(contentsOf: bytes) }
    }

    static func jsonArray(_ values: [String]) -> String {
        var out: [UInt8] = []
        jsonArray(values, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func jsonArray(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            json(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A JSON string literal that is also safe inside a `<script>` and in any JavaScript
    /// source: `<`, `>` and `&` as `\u` escapes (no `</script>` or `<!--` can form), and
    /// U+2028/U+2029, which end a line in older JavaScript.
    static func json(_ value: String) -> String {
        var out: [UInt8] = []
        json(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``json(_:)`` appended to `out`, over UTF-8: every byte that needs an escape is ASCII
    /// except U+2028/U+2029's (E2 80 A8/A9), and a String's UTF-8 is always well formed.
    static func json(_ value: String, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 2)
            out.append(UInt8(ascii: "\""))
            var index = 0
            while index < bytes.count {
                // Bytes that need no look are copied a run at a time.
                var end = index
                while end < bytes.count, !Self.mayNeedEscape(bytes[end]) { end += 1 }
                if end > index {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    if index == bytes.count { break }
                }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20, 0x7F: unicodeEscape(UInt32(byte), into: &out)
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Whether ``json(_:into:)`` must look at `byte`: the ASCII it escapes, and 0xE2, which
    /// may open U+2028 or U+2029.
    @inline(__always) private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x7F, 0xE2: true
        default: false
        }
    }

    private static func unicodeEscape(_ value: UInt32, into out: inout [UInt8]) {
        out.append(contentsOf: "\\u".utf8)
        out.append(contentsOf: hex4(value).utf8)
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
