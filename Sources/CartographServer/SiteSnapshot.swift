import CartographInput
import CartographKit
import CartographModel
import CartographRender
package import Hummingbird

/// One build of the site exactly as it is served: every response body, media type and ETag
/// computed up front, so a request is a dictionary lookup. Immutable; a rebuild makes a new
/// one and swaps it in whole.
package struct SiteSnapshot: Sendable {
    /// A served file: its bytes (live-reload script and overlay already in, for HTML), its
    /// media type and its strong ETag.
    package struct File: Sendable {
        /// The `Content-Type`.
        let mediaType: String
        private let content: Content

        private enum Content: Sendable {
            case ready(body: ByteBuffer, etag: String)
            /// Made when first asked for; never HTML, so never decorated.
            case deferred(DeferredOutput)
        }

        init(body: ByteBuffer, mediaType: String, etag: String) {
            self.mediaType = mediaType
            content = .ready(body: body, etag: etag)
        }

        init(deferred: DeferredOutput, mediaType: String) {
            self.mediaType = mediaType
            content = .deferred(deferred)
        }

        /// The bytes served; a deferred file's are made by the first to ask.
        package var body: ByteBuffer {
            switch content {
            case .ready(let body, _): body
            case .deferred(let output): ByteBuffer(bytes: output.bytes)
            }
        }

        /// The strong `ETag`, quotes included.
        var etag: String {
            switch content {
            case .ready(_, let etag): etag
            case .deferred(let output): "\"\(ContentHash.hex(output.bytes))\""
            }
        }

        /// A deferred file whose bytes are yet to be made: the server makes them off the
        /// threads that answer requests.
        var isPending: Bool {
            if case .deferred(let output) = content { !output.isMade } else { false }
        }

        /// The bytes as the build made them (before any decoration), if this is a deferred file.
        var deferredBytes: [UInt8]? {
            if case .deferred(let output) = content { output.bytes } else { nil }
        }
    }

    /// Identifies this build; the live-reload script compares it with the server's.
    let buildID: String
    /// The map's title, for the terminal and the fallback pages.
    package let title: String
    /// Files by site-relative path (`apps/web/index.html`).
    let files: [String: File]
    /// Site-relative folder paths that hold at least one file ("" is the root).
    let folders: Set<String>
    /// The body of every 404: the site's `404.html`, or a minimal page.
    let notFound: File
    /// The inputs had errors: HTML pages carry the overlay.
    package let hasErrors: Bool
    /// The undecorated bytes and digests, so the next build re-hashes only what changed.
    let originals: [String: Original]

    struct Original: Sendable {
        let bytes: [UInt8]
        let digest: String
    }

    /// Makes a snapshot.
    /// - Parameters:
    ///   - site: the files of the site, by site-relative path, as the build made them.
    ///   - buildID: this build's identity.
    ///   - title: the map's title.
    ///   - overlay: the error overlay for every HTML page, or nil when the inputs are fine.
    ///   - previous: the snapshot this one replaces; unchanged files keep their digest.
    init(site: [String: [UInt8]], buildID: String, title: String, overlay: String?, previous: SiteSnapshot? = nil) {
        self.init(site: ServedSite(files: site), buildID: buildID, title: title, overlay: overlay, previous: previous)
    }

    /// Makes a snapshot of a site with deferred outputs (see ``DeferredOutput``).
    init(site served: ServedSite, buildID: String, title: String, overlay: String?, previous: SiteSnapshot? = nil) {
        self.buildID = buildID
        self.title = title
        self.hasErrors = overlay != nil
        var site = served.files
        if served.isEmpty {
            // Never built: the root still needs a page to carry the overlay.
            site["index.html"] = PageDecorator.minimalPage(title: title, heading: "No successful build yet")
        }
        var files: [String: File] = [:]
        var folders: Set<String> = [""]
        var originals: [String: Original] = [:]
        for (path, output) in served.deferred {
            files[path] = File(deferred: output, mediaType: MediaTypes.forPath(path))
            Self.addFolders(of: path, to: &folders)
        }
        for (path, bytes) in site {
            let digest: String
            if let old = previous?.originals[path], old.bytes == bytes {
                digest = old.digest
            } else {
                digest = ContentHash.hex(bytes)
            }
            originals[path] = Original(bytes: bytes, digest: digest)
            files[path] = Self.file(path: path, bytes: bytes, digest: digest, buildID: buildID, overlay: overlay)
            Self.addFolders(of: path, to: &folders)
        }
        self.files = files
        self.folders = folders
        self.originals = originals
        if let page = files["404.html"] {
            notFound = page
        } else {
            let bytes = PageDecorator.minimalPage(title: "Not found · \(title)", heading: "404 — not found")
            notFound = Self.file(path: "404.html", bytes: bytes, digest: ContentHash.hex(bytes), buildID: buildID, overlay: overlay)
        }
    }

    private static func addFolders(of path: String, to folders: inout Set<String>) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            folders.insert(parts.joined(separator: "/"))
            parts = parts.dropLast()
        }
    }

    private static func file(path: String, bytes: [UInt8], digest: String, buildID: String, overlay: String?) -> File {
        let mediaType = MediaTypes.forPath(path)
        if MediaTypes.isHTML(mediaType) {
            // The served bytes are a function of the original, the build and its overlay,
            // and the build ID changes whenever the overlay does.
            let decorated = PageDecorator.decorate(bytes, buildID: buildID, overlay: overlay)
            return File(body: ByteBuffer(bytes: decorated), mediaType: mediaType, etag: "\"\(digest)-\(buildID)\"")
        }
        return File(body: ByteBuffer(bytes: bytes), mediaType: mediaType, etag: "\"\(digest)\"")
    }

    /// The file at a site-relative path.
    func file(at path: String) -> File? { files[path] }

    /// Whether a site-relative path is a folder of the site.
    func isFolder(_ path: String) -> Bool { folders.contains(path) }

    /// Every served path, sorted.
    package var paths: [String] { files.keys.sorted() }
}
